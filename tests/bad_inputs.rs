//! The catalogue of bad inputs in `tests/bad-inputs/`: the ways a planner can go wrong.
//!
//! Each case is a folder:
//! - `files/`: files laid over a copy of the `minimal` fixture's content folder;
//! - `theme/`: files laid over the site's own `themes/default/`;
//! - `ops.txt` (optional): one operation a line, `delete PATH`, `symlink PATH TARGET` or
//!   `bigfile PATH BYTES` (paths relative to the content folder);
//! - `expected.txt`: exactly what `sosei build` prints (its final summary line aside,
//!   the site folder written as `$SITE`).
//!
//! Every case must fail with exit code 1, print exactly the expected diagnostics, and
//! leave the previous output byte for byte as it was. `SOSEI_BLESS=1 cargo test --test
//! bad_inputs` writes `expected.txt` for new cases (read them before committing!).

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

fn overlay(from: &Path, to: &Path) {
    if from.is_dir() {
        copy_dir(from, to);
    }
}

fn apply_ops(case: &Path, content: &Path) {
    let Ok(ops) = fs::read_to_string(case.join("ops.txt")) else {
        return;
    };
    for line in ops
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["delete", path] => fs::remove_file(content.join(path)).unwrap(),
            ["symlink", path, target] => {
                std::os::unix::fs::symlink(target, content.join(path)).unwrap()
            }
            ["bigfile", path, bytes] => {
                let n: usize = bytes.parse().unwrap();
                let mut text = String::with_capacity(n);
                while text.len() < n {
                    text.push_str("aim: 長い文章が続きます。\n");
                }
                fs::write(content.join(path), text).unwrap();
            }
            _ => panic!("{}: unknown operation `{line}`", case.display()),
        }
    }
}

fn run_case(case: &Path) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let content = site.join("content");
    copy_dir(&root().join("tests/fixtures/minimal/content"), &content);
    let output = site.join("output");
    sosei::build::build(&content, &output).map_err(|d| format!("the fixture must build: {d}"))?;
    let before = snapshot(&output);
    overlay(&case.join("files"), &content);
    overlay(&case.join("theme"), &site.join("themes/default"));
    apply_ops(case, &content);
    let run = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["build", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).replace(&site.display().to_string(), "$SITE");
    if run.status.code() != Some(1) {
        return Err(format!(
            "exit code {:?}, expected 1:\n{stderr}",
            run.status.code()
        ));
    }
    let (printed, last) = stderr
        .trim_end()
        .rsplit_once('\n')
        .unwrap_or(("", stderr.trim_end()));
    if !last.starts_with("build failed: ") {
        return Err(format!("the last line is not the summary:\n{stderr}"));
    }
    let printed = format!("{}\n", printed.trim_end());
    let expected_file = case.join("expected.txt");
    if std::env::var_os("SOSEI_BLESS").is_some() && !expected_file.exists() {
        fs::write(&expected_file, &printed).unwrap();
    }
    let expected = fs::read_to_string(&expected_file)
        .map_err(|_| format!("no expected.txt; it would be:\n{printed}"))?;
    if printed != expected {
        return Err(format!("printed:\n{printed}\nexpected:\n{expected}"));
    }
    if snapshot(&output) != before {
        return Err("the previous output changed".into());
    }
    let check = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    if check.status.code() != Some(1) {
        return Err("`sosei check` did not fail".into());
    }
    Ok(())
}

#[test]
fn every_bad_input_is_reported_exactly_and_harms_nothing() {
    let mut cases: Vec<_> = fs::read_dir(root().join("tests/bad-inputs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            run_case(case)
                .err()
                .map(|e| format!("── {} ──\n{e}", case.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
