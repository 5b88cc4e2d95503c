//! Robustness of the output: deterministic builds, and a build killed at any moment
//! (SIGKILL) leaves the previous output whole and openable.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// Adds `n` indicators with two years of results to the fixture, to make a build slow
/// enough to be killed in the middle.
fn enlarge(content: &Path, n: usize) {
    let mut r2 = String::new();
    let mut r3 = String::new();
    for i in 0..n {
        fs::write(
            content.join(format!("indicators/1-9-extra{i:04}.yaml")),
            format!("id: extra{i:04}\nstrategy: 1\nname: 追加の数値目標{i}\nunit: 人\nbaseline: {}\ntarget: {}\n", 1000 + i, 2000 + i),
        )
        .unwrap();
        r2.push_str(&format!("  extra{i:04}: {}\n", 1100 + i));
        r3.push_str(&format!("  extra{i:04}: {}\n", 1200 + i));
    }
    for (year, extra) in [("R2", r2), ("R3", r3)] {
        let path = content.join(format!("results/{year}/result.yaml"));
        let text = fs::read_to_string(&path).unwrap().replacen(
            "actuals:\n",
            &format!("actuals:\n{extra}"),
            1,
        );
        fs::write(path, text).unwrap();
    }
}

/// The address the sites of these tests are published at: with it, the build writes a
/// sitemap.xml that lists every page.
const BASE_URL: &str = "https://example.jp/mihon/";

fn with_base_url(content: &Path) {
    let config = content.join("config.yaml");
    let yaml = fs::read_to_string(&config).unwrap() + &format!("base_url: {BASE_URL}\n");
    fs::write(config, yaml).unwrap();
}

/// The output is a complete site: its marker, and every page its sitemap names.
fn assert_whole(output: &Path) -> String {
    assert!(
        output.join(".sosei-output").is_file(),
        "the output folder is there and is a sosei site"
    );
    let sitemap = fs::read_to_string(output.join("sitemap.xml")).expect("sitemap");
    let mut pages = 0;
    for loc in sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
    {
        let path = loc
            .strip_prefix(BASE_URL)
            .unwrap_or_else(|| panic!("{loc}"));
        let page = fs::read_to_string(output.join(path)).unwrap_or_else(|e| panic!("{loc}: {e}"));
        assert!(page.trim_end().ends_with("</html>"), "{loc} is complete");
        pages += 1;
    }
    assert!(pages > 10);
    fs::read_to_string(output.join("index.html")).unwrap()
}

#[test]
fn a_killed_build_leaves_the_previous_output_whole() {
    let (dir, content) = copy_fixture("minimal");
    with_base_url(&content);
    enlarge(&content, 400);
    let output = dir.path().join("output");
    let started = Instant::now();
    sosei::build::build(&content, &output).unwrap();
    let full = started.elapsed();
    assert!(assert_whole(&output).contains("見本市総合戦略"));
    let plan = content.join("plan.yaml");
    fs::write(
        &plan,
        fs::read_to_string(&plan)
            .unwrap()
            .replace("title: 見本市総合戦略", "title: 改訂版総合戦略"),
    )
    .unwrap();
    let mut killed_midway = 0;
    for k in 0..10u32 {
        let mut child = sosei()
            .args(["build", "-q", "--content"])
            .arg(&content)
            .arg("--output")
            .arg(&output)
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(f64::from(k) / 8.0));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        killed_midway += usize::from(!finished);
        let home = assert_whole(&output);
        assert!(
            home.contains("見本市総合戦略") || home.contains("改訂版総合戦略"),
            "either the old or the new site"
        );
    }
    assert!(
        killed_midway >= 3,
        "some builds were really killed in the middle ({killed_midway})"
    );
    // The next build recovers, and leaves nothing beside the output.
    sosei::build::build(&content, &output).unwrap();
    assert!(assert_whole(&output).contains("改訂版総合戦略"));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("sosei"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn two_builds_are_byte_identical_without_a_clock() {
    let (dir, content) = copy_fixture("minimal");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    sosei::build::build(&content, &a).unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    sosei::build::build(&content, &b).unwrap();
    assert_eq!(snapshot(&a), snapshot(&b));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let (dir, content) = copy_fixture("minimal");
    let precious = dir.path().join("documents");
    fs::create_dir_all(&precious).unwrap();
    fs::write(precious.join("keep.txt"), "大事なファイル").unwrap();
    let err = sosei::build::build(&content, &precious)
        .unwrap_err()
        .to_string();
    assert!(err.contains("was not made by sosei"), "{err}");
    assert_eq!(
        fs::read_to_string(precious.join("keep.txt")).unwrap(),
        "大事なファイル"
    );
    for bad in [
        Path::new("/"),
        content.as_path(),
        &content.join("sub"),
        dir.path(),
    ] {
        assert!(
            sosei::build::build(&content, bad).is_err(),
            "{}",
            bad.display()
        );
    }
    if let Some(home) = std::env::var_os("HOME") {
        assert!(sosei::build::build(&content, Path::new(&home))
            .unwrap_err()
            .to_string()
            .contains("home folder"));
    }
}
