//! The catalogue of bad inputs in `tests/bad-inputs/`: the ways a planner can go wrong.
//!
//! Each case is a folder:
//! - `files/`: files laid over a copy of the `minimal` fixture's content folder;
//! - `theme/`: files laid over the site's own `themes/default/`;
//! - `ops.txt` (optional): one operation a line, `delete PATH`, `symlink PATH TARGET` or
//!   `bigfile PATH BYTES` (paths relative to the content folder);
//! - `expected.txt`: exactly what `sosei build` prints in English (its final summary line
//!   aside, the site folder written as `$SITE`); `expected.ja.txt`: the same in Japanese
//!   (`LANG=ja_JP.UTF-8`).
//!
//! Every case must fail with exit code 1, print exactly the expected diagnostics in both
//! languages, and leave the previous output byte for byte as it was.
//!
//! A case with `output.txt` is content that is hostile or odd but harmless once defused (a
//! unit too long for a chart, an unclosed tag in trusted HTML, a formula in a name): its
//! build must succeed (exit 0), print exactly the expected warnings, and write what
//! `output.txt` says, one check a line: `contains PATH TEXT` or `lacks PATH TEXT` (PATH
//! relative to the output folder; TEXT to the end of the line, `\n` for a line break).
//!
//! `SOSEI_BLESS=1 cargo test --test bad_inputs` writes the expected files a case lacks
//! (read them before committing!).

mod common;
#[path = "common/japanese.rs"]
mod japanese;
use common::*;
use japanese::same_frame;
use std::fs;
use std::path::Path;

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

/// What `sosei build` printed under `LANG=lang` before its summary, which must be that of
/// a failed build (exit code 1), or with `succeed` of a build that wrote the site (exit
/// code 0; the summary is the line that names the output folder and the lines after it).
fn build_prints(
    content: &Path,
    output: &Path,
    site: &Path,
    lang: &str,
    succeed: bool,
) -> Result<String, String> {
    let run = sosei_in(lang)
        .args(["build", "--content"])
        .arg(content)
        .arg("--output")
        .arg(output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).replace(&site.display().to_string(), "$SITE");
    let code = if succeed { 0 } else { 1 };
    if run.status.code() != Some(code) {
        return Err(format!(
            "exit code {:?}, expected {code} (LANG={lang}):\n{stderr}",
            run.status.code()
        ));
    }
    if succeed {
        let summary = stderr
            .lines()
            .position(|l| !l.starts_with(' ') && l.contains("$SITE/output"))
            .ok_or_else(|| format!("no summary naming the output (LANG={lang}):\n{stderr}"))?;
        let printed: Vec<&str> = stderr.lines().take(summary).collect();
        return Ok(if printed.is_empty() {
            String::new()
        } else {
            format!("{}\n", printed.join("\n").trim_end())
        });
    }
    let (printed, last) = stderr
        .trim_end()
        .rsplit_once('\n')
        .unwrap_or(("", stderr.trim_end()));
    let summary = ["build failed: ", "ビルドに失敗しました: "];
    if !summary.iter().any(|s| last.starts_with(s)) {
        return Err(format!(
            "the last line is not the summary (LANG={lang}):\n{stderr}"
        ));
    }
    Ok(format!("{}\n", printed.trim_end()))
}

fn run_case(case: &Path) -> Result<(), String> {
    let (dir, content) = copy_fixture("minimal");
    let site = dir.path();
    let output = site.join("output");
    sosei::build::build(&content, &output).map_err(|d| format!("the fixture must build: {d}"))?;
    let before = snapshot(&output);
    overlay(&case.join("files"), &content);
    overlay(&case.join("theme"), &site.join("themes/default"));
    apply_ops(case, &content);
    let defused = fs::read_to_string(case.join("output.txt")).ok();
    let mut shown = Vec::new();
    for (lang, expected) in [("C", "expected.txt"), ("ja_JP.UTF-8", "expected.ja.txt")] {
        let printed = build_prints(&content, &output, site, lang, defused.is_some())?;
        shown.push(printed.clone());
        let expected_file = case.join(expected);
        if std::env::var_os("SOSEI_BLESS").is_some() && !expected_file.exists() {
            fs::write(&expected_file, &printed).unwrap();
        }
        let expected = fs::read_to_string(&expected_file)
            .map_err(|_| format!("no {expected}; it would be:\n{printed}"))?;
        if printed != expected {
            return Err(format!("printed:\n{printed}\nexpected:\n{expected}"));
        }
        match &defused {
            Some(checks) => written_as_told(&output, checks)?,
            None if snapshot(&output) != before => {
                return Err(format!("the previous output changed (LANG={lang})"));
            }
            None => {}
        }
    }
    same_frame(&shown[0], &shown[1])?;
    let check = sosei()
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    let code = if defused.is_some() { 0 } else { 1 };
    if check.status.code() != Some(code) {
        return Err(format!("`sosei check` did not exit with {code}"));
    }
    Ok(())
}

/// The checks of a defused case's `output.txt` against the site written.
fn written_as_told(output: &Path, checks: &str) -> Result<(), String> {
    let mut n = 0;
    for line in checks
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut words = line.splitn(3, ' ');
        let (Some(op), Some(path), Some(text)) = (words.next(), words.next(), words.next()) else {
            return Err(format!(
                "output.txt: `{line}` is not `contains|lacks PATH TEXT`"
            ));
        };
        let text = text.replace("\\n", "\n");
        let page = fs::read_to_string(output.join(path))
            .map_err(|e| format!("output.txt: {path}: {e}"))?;
        let ok = match op {
            "contains" => page.contains(&text),
            "lacks" => !page.contains(&text),
            _ => return Err(format!("output.txt: unknown check `{op}`")),
        };
        if !ok {
            return Err(format!("{path} does not pass `{line}`"));
        }
        n += 1;
    }
    if n == 0 {
        return Err("output.txt has no checks".into());
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
