//! The authoring workflow: `new`, build progress, and the diagnostics of `check`,
//! snapshotted for a set of typical mistakes (`serve` is in `serve/`).

mod common;
use common::*;
use std::fs;

#[test]
fn new_then_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mihon");
    let run = sosei()
        .args(["new"])
        .arg(&site)
        .args(["--city", "見本町"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(fs::read_to_string(site.join("content/config.yaml"))
        .unwrap()
        .contains("city: 見本町"));
    assert!(site.join("README.md").is_file());
    let build = run_build(&[], &site.join("content"), &site.join("output"));
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "{stderr}");
    assert!(
        !stderr.contains("warning"),
        "a new report builds cleanly: {stderr}"
    );
    for page in ["output/index.html", "output/r7/index.html"] {
        let home = fs::read_to_string(site.join(page)).unwrap();
        assert!(
            home.contains("第3期見本町まち・ひと・しごと創生総合戦略"),
            "{page}"
        );
    }
    assert!(
        site.join("output/r6/index.html").is_file(),
        "two evaluation years"
    );
    assert!(
        site.join("output/r7/grants/1-example/01-example.html")
            .is_file(),
        "a grant programme with a project"
    );
    // It refuses a folder that is not empty.
    let again = sosei().args(["new"]).arg(&site).output().unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
}

#[test]
fn build_reports_what_it_did() {
    let (dir, content) = copy_fixture("minimal");
    let out = dir.path().join("out");
    let run = run_build(&[], &content, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        // r2: 6 pages, r3: 8, the root's index.html and 404.html.
        stderr.contains("built 16 pages (2 evaluation years, ")
            && stderr.contains("charts")
            && stderr.contains("from 11 files and 2 indicators"),
        "{stderr}"
    );
    for phase in [
        "load and validate:",
        "evaluate, render and write:",
        "swap in the new site:",
    ] {
        assert!(stderr.contains(phase), "{stderr}");
    }
    assert!(
        !stderr.contains("rendering ["),
        "no progress bar when stderr is not a terminal"
    );
    let quiet = run_build(&["-q"], &content, &out);
    assert!(
        quiet.status.success() && quiet.stderr.is_empty(),
        "-q prints nothing"
    );
    let verbose = sosei()
        .args(["build", "-v", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&verbose.stderr);
    for page in ["r2/strategies/1.html", "r3/strategies/1.html", "index.html"] {
        assert!(listed.contains(&format!("wrote {page}")), "{listed}");
    }
}

/// Without `base_url` there is no sitemap.xml, and the build says why rather than
/// leaving it out in silence.
#[test]
fn a_build_without_base_url_says_why_there_is_no_sitemap() {
    let (dir, content) = copy_fixture("minimal");
    let out = dir.path().join("out");
    let run = run_build(&[], &content, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!out.join("sitemap.xml").exists());
    assert!(
        stderr.contains("sitemap.xml") && stderr.contains("base_url"),
        "{stderr}"
    );
}

/// `sosei check` on the fixture with one mistake: (stderr in human form, stdout in JSON).
fn check_with(file: &str, edit: impl FnOnce(&str) -> String) -> (String, String) {
    let (_dir, content) = copy_fixture("minimal");
    let path = content.join(file);
    fs::write(&path, edit(&fs::read_to_string(&path).unwrap_or_default())).unwrap();
    let human = sosei()
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    let json = sosei()
        .args(["check", "--format", "json", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(human.status.code(), Some(1));
    assert_eq!(json.status.code(), Some(1));
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert!(parsed.as_array().is_some_and(|a| !a.is_empty()));
    (
        String::from_utf8(human.stderr).unwrap(),
        String::from_utf8(json.stdout).unwrap(),
    )
}

#[test]
fn check_diagnostics_for_typical_mistakes() {
    type Edit = Box<dyn Fn(&str) -> String>;
    let cases: Vec<(&str, &str, Edit)> = vec![
        (
            "misspelt_key",
            "indicators/1-1-tenshutsu.yaml",
            Box::new(|t| t.replace("baseline:", "basline:")),
        ),
        (
            "unknown_indicator",
            "results/R3/result.yaml",
            Box::new(|t| t.replace("tenshutsu: 115.3", "tenshutu: 115.3")),
        ),
        (
            "unit_in_a_number",
            "results/R3/result.yaml",
            Box::new(|t| t.replace("gakko.sho: 55.9", "gakko.sho: 55.9%")),
        ),
        (
            "tab_indent",
            "plan.yaml",
            Box::new(|t| t.replace("  name: 見本イノベーション", "\tname: 見本イノベーション")),
        ),
        (
            "bad_year",
            "grants/1-demo/grant.yaml",
            Box::new(|t| t.replace("R3: { total_cost: 3000", "R7: { total_cost: 3000")),
        ),
        (
            "missing_series_value",
            "results/R3/result.yaml",
            Box::new(|t| t.replace("  gakko.chu: 51.8\n", "")),
        ),
        (
            "unknown_series",
            "results/R3/verification.yaml",
            Box::new(|t| t.replace("[tenshutsu, gakko]", "[tenshutsu, gakko.shou]")),
        ),
        (
            "unclosed_bracket",
            "strategies/1-wakamono.yaml",
            Box::new(|t| t.replace("number: 1", "number: [1")),
        ),
    ];
    for (name, file, edit) in cases {
        let (human, json) = check_with(file, edit);
        insta::assert_snapshot!(format!("check_{name}"), human);
        insta::assert_snapshot!(format!("check_{name}_json"), json);
    }
}
