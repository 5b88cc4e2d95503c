//! One test per class of bad input: the build fails, names the file and line, says what
//! was expected, and leaves the previous output exactly as it was.

mod common;
use common::*;
use std::fs;
use std::path::Path;

/// Builds the fixture once (the "previous good output"), breaks one file, builds again
/// with the real binary, and returns its stderr after checking the output is untouched.
fn break_and_build(file: &str, edit: impl FnOnce(&str) -> String) -> String {
    let (dir, content) = copy_fixture("minimal");
    let out = dir.path().join("output");
    sosei::build::build(&content, &out).unwrap_or_else(|d| panic!("fixture builds:\n{d}"));
    let before = snapshot(&out);
    let path = content.join(file);
    let text = fs::read_to_string(&path).unwrap_or_default();
    fs::write(&path, edit(&text)).unwrap();
    let run = run_build(&[], &content, &out);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(
        !run.status.success(),
        "the build must fail; stderr:\n{stderr}"
    );
    assert_eq!(
        run.status.code(),
        Some(1),
        "exit code 1, not a panic; stderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(snapshot(&out), before, "the previous output is untouched");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("sosei-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folders are left behind: {leftovers:?}"
    );
    // `sosei check` agrees, without writing anything.
    let check = sosei()
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&check.stderr).lines().next(),
        stderr.lines().next(),
        "check reports the same first error"
    );
    stderr
}

/// A rustc-style diagnostic: `error: MESSAGE` then `--> FILE:LINE:COL` on the next line.
fn assert_diag(stderr: &str, location: &str, message: &str) {
    let expected = format!("error: {message}\n  --> {location}");
    assert!(
        stderr.contains(&expected),
        "expected:\n{expected}\nin:\n{stderr}"
    );
}

fn assert_has(stderr: &str, needle: &str) {
    assert!(stderr.contains(needle), "expected `{needle}` in:\n{stderr}");
}

#[test]
fn bad_yaml_syntax() {
    let e = break_and_build("indicators/1-1-tenshutsu.yaml", |t| {
        t.replace("target: 105", "target: [105")
    });
    assert_has(&e, "--> indicators/1-1-tenshutsu.yaml:7:");
    assert_has(&e, "found a list where a number such as 114.5 was expected");
    assert_has(&e, "a `[` on this line is not closed with `]`");
    assert_eq!(
        e.matches("error:").count(),
        1,
        "a broken file is reported once, with no knock-on errors:\n{e}"
    );
}

#[test]
fn tab_indentation() {
    let e = break_and_build("indicators/1-2-gakko.yaml", |t| {
        t.replace("  - id: chu", "\t- id: chu")
    });
    assert_has(&e, "--> indicators/1-2-gakko.yaml:10:");
    assert_has(&e, "tab");
}

#[test]
fn unknown_key_with_did_you_mean() {
    let e = break_and_build("indicators/1-1-tenshutsu.yaml", |t| {
        t.replace("unit:", "unti:")
    });
    assert_diag(
        &e,
        "indicators/1-1-tenshutsu.yaml:4:1",
        "unknown field `unti`",
    );
    assert_has(&e, "expected: one of `id`, `strategy`");
    assert_eq!(e.matches("error:").count(), 1, "no knock-on errors:\n{e}");
    assert_has(&e, "help: did you mean `unit`?");
}

#[test]
fn missing_field() {
    let e = break_and_build("strategies/1-wakamono.yaml", |t| {
        t.replace("name: 若者定着\n", "")
    });
    assert_diag(&e, "strategies/1-wakamono.yaml:1:1", "missing field `name`");
}

#[test]
fn missing_target() {
    let e = break_and_build("indicators/1-1-tenshutsu.yaml", |t| {
        t.replace("target: 105\n", "")
    });
    assert_diag(
        &e,
        "indicators/1-1-tenshutsu.yaml:1:1",
        "indicator `tenshutsu` has no target",
    );
}

#[test]
fn unknown_strategy() {
    let e = break_and_build("indicators/1-1-tenshutsu.yaml", |t| {
        t.replace("strategy: 1", "strategy: 7")
    });
    assert_diag(
        &e,
        "indicators/1-1-tenshutsu.yaml:2:1",
        "there is no strategy 7",
    );
    assert_has(&e, "expected: one of the strategy numbers: 1");
    assert_eq!(e.matches("error:").count(), 1, "no knock-on errors:\n{e}");
}

#[test]
fn non_numeric_value() {
    let e = break_and_build("results/R3/result.yaml", |t| {
        t.replace("tenshutsu: 115.3", "tenshutsu: 百十五")
    });
    assert_has(&e, "--> results/R3/result.yaml:5:");
    assert_has(&e, "`百十五` is not a number");
}

#[test]
fn number_with_unit() {
    let e = break_and_build("results/R3/result.yaml", |t| {
        t.replace("tenshutsu: 115.3", "tenshutsu: 115.3%")
    });
    assert_has(&e, "--> results/R3/result.yaml:5:");
    assert_has(&e, "has a % sign; write 115.3");
}

#[test]
fn unknown_indicator_id_with_did_you_mean() {
    let e = break_and_build("results/R3/result.yaml", |t| {
        t.replace("tenshutsu: 115.3", "tenshutu: 115.3")
    });
    assert_diag(
        &e,
        "results/R3/result.yaml:5:3",
        "there is no indicator `tenshutu`",
    );
    assert_has(&e, "help: did you mean `tenshutsu`?");
    // `tenshutsu` now has no actual for R3 either, but that is the same typo: said once.
    assert!(!e.contains("no actual for `tenshutsu`"), "{e}");
    assert_eq!(e.matches("error:").count(), 1, "{e}");
}

#[test]
fn year_outside_the_plan() {
    let e = break_and_build("results/R2/result.yaml", |t| {
        t.replace("year: R2", "year: R9")
    });
    assert_diag(
        &e,
        "results/R2/result.yaml:1:1",
        "令和9年度 is outside the plan's period",
    );
    assert_has(&e, "expected: a year from R2 to R6");
}

#[test]
fn duplicate_indicator_in_two_strategies() {
    let (dir, content) = copy_fixture("minimal");
    fs::write(
        content.join("strategies/2-kosodate.yaml"),
        "number: 2\nname: 子育て\naim: 子育て\n",
    )
    .unwrap();
    fs::write(
        content.join("indicators/2-1-dup.yaml"),
        "id: tenshutsu\nstrategy: 2\nname: x\nunit: '%'\nbaseline: 1\ntarget: 2\n",
    )
    .unwrap();
    let (report, diags, _) = sosei::build::check(&content);
    assert!(report.is_none());
    let text = diags.to_string();
    assert!(text.contains("indicators/2-1-dup.yaml:1:1: indicator `tenshutsu` is defined here and under 戦略1 by indicators/1-1-tenshutsu.yaml"), "{text}");
    assert!(
        text.contains("expected: each indicator defined once, under one goal"),
        "{text}"
    );
    drop(dir);
}

#[test]
fn all_errors_are_listed_at_once() {
    let e = break_and_build("indicators/1-1-tenshutsu.yaml", |t| {
        t.replace("strategy: 1", "strategy: 9")
    });
    let (dir, content) = copy_fixture("minimal");
    fs::write(
        content.join("strategies/1-wakamono.yaml"),
        "number: 1\nname: x\naim: y\nextra: 1\n",
    )
    .unwrap();
    fs::write(
        content.join("results/R3/result.yaml"),
        "year: R3\nactuals:\n  tenshutsu: abc\n",
    )
    .unwrap();
    let (_, diags, _) = sosei::build::check(&content);
    assert!(diags.error_count() >= 2, "{diags}");
    let text = diags.to_string();
    assert!(
        text.contains("strategies/1-wakamono.yaml:4:1")
            && text.contains("results/R3/result.yaml:3:"),
        "{text}"
    );
    assert_has(&e, "there is no strategy 9");
    drop(dir);
}

#[test]
fn not_utf8_and_binary_files() {
    let e = break_and_build("strategies/1-wakamono.yaml", |_| String::new());
    assert_diag(&e, "strategies/1-wakamono.yaml:1:1", "the file is empty");
    let (dir, content) = copy_fixture("minimal");
    // 若者 in Shift_JIS.
    fs::write(
        content.join("strategies/1-wakamono.yaml"),
        b"number: 1\nname: \x8e\xe1\x8e\xd2\naim: x\n",
    )
    .unwrap();
    fs::write(
        content.join("indicators/1-1-tenshutsu.yaml"),
        b"\x00\x01\x02binary",
    )
    .unwrap();
    let (_, diags, _) = sosei::build::check(&content);
    let text = diags.to_string();
    assert!(
        text.contains("strategies/1-wakamono.yaml:2:1: the file is not UTF-8 text (Shift_JIS?)"),
        "{text}"
    );
    assert!(
        text.contains("indicators/1-1-tenshutsu.yaml: this is a binary file"),
        "{text}"
    );
    drop(dir);
}

#[test]
fn refuses_to_write_over_the_content() {
    let (dir, content) = copy_fixture("minimal");
    let err = sosei::build::build(&content, dir.path()).unwrap_err();
    assert!(
        err.to_string().contains("it holds the content folder"),
        "{err}"
    );
    let err = sosei::build::build(&content, &content.join("out")).unwrap_err();
    assert!(
        err.to_string().contains("inside the content folder"),
        "{err}"
    );
    assert!(content.join("config.yaml").is_file());
    let err = sosei::build::build(&content, Path::new("/")).unwrap_err();
    assert!(
        err.to_string().contains("root folder") || err.to_string().contains("holds the content"),
        "{err}"
    );
}

/// The diagnostics of a build of the fixture with `file` edited (warnings and errors).
fn diagnostics_after(file: &str, edit: impl FnOnce(&str) -> String) -> String {
    let (dir, content) = copy_fixture("minimal");
    let path = content.join(file);
    fs::write(&path, edit(&fs::read_to_string(&path).unwrap())).unwrap();
    let text = match sosei::build::build(&content, &dir.path().join("out")) {
        Ok(summary) => summary.diagnostics.to_string(),
        Err(diags) => diags.to_string(),
    };
    drop(dir);
    text
}

/// Pictures in plan.yaml's Markdown are checked like those of any other file, and the
/// problems name plan.yaml and the line.
#[test]
fn a_picture_problem_in_plan_yaml_names_the_file_and_line() {
    let text = diagnostics_after("plan.yaml", |t| {
        t.replace(
            "overview: |\n  見本市の総合戦略の概要です。",
            "overview: |\n  当日は ![会場](kaijo.png) のとおり。\n\n  ![会場](none.png)",
        )
    });
    assert!(
        text.contains("plan.yaml:5:")
            && text.contains("image `kaijo.png` is inside a line of text"),
        "{text}"
    );
    assert!(
        text.contains("plan.yaml:7:") && text.contains("image `none.png` was not found"),
        "{text}"
    );
}

/// A problem inside a YAML string written with escapes (`\"`, `\n`) is still reported at
/// its line (at least the key's, where the column cannot be mapped through the escapes).
#[test]
fn a_problem_in_an_escaped_yaml_string_keeps_its_line() {
    let text = diagnostics_after("donations/R3.yaml", |t| {
        t.replace(
            "purpose: |\n      Aの内容。",
            "purpose: \"\\\"A\\\"の内容。\\n\\n![写真](http://evil.example/a.png)\"",
        )
    });
    assert!(
        text.contains("donations/R3.yaml:4:")
            && text.contains("image `http://evil.example/a.png` is not a relative path"),
        "{text}"
    );
}
