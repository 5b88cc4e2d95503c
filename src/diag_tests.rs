//! Unit tests of `diag`.
use super::*;

#[test]
fn suggests_near_misses_only() {
    assert_eq!(
        did_you_mean("tenshutu", ["tenshutsu", "kigyo"]),
        Some("did you mean `tenshutsu`?".into())
    );
    assert_eq!(did_you_mean("zzzzzz", ["tenshutsu", "kigyo"]), None);
    assert_eq!(closest("unti", ["id", "unit", "units"]), Some("unit"));
    // The name itself is no suggestion.
    assert_eq!(
        did_you_mean("unit", ["unit", "units"]).as_deref(),
        Some("did you mean `units`?")
    );
    assert_eq!(closest("kigyo", ["kigyo"]), None);
}

#[test]
fn renders_the_source_line_with_a_caret() {
    let dir = std::env::temp_dir().join(format!("sosei-diag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.yaml"), "id: x\nunti: '%'\n").unwrap();
    let d = Diagnostic::error("a.yaml", "unknown field `unti`")
        .at(Some((2, 1)))
        .expected("one of `unit`")
        .help("did you mean `unit`?");
    assert_eq!(
        d.render(&dir),
        "error: unknown field `unti`\n  --> a.yaml:2:1\n   |\n 2 | unti: '%'\n   | ^^^^\n  = expected: one of `unit`\n  = help: did you mean `unit`?\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn formats_location_and_hints() {
    let d = Diagnostic::error("a.yaml", "bad")
        .at(Some((3, 5)))
        .expected("a number")
        .help("did you mean `x`?");
    assert_eq!(
        d.to_string(),
        "error: a.yaml:3:5: bad\n  expected: a number\n  help: did you mean `x`?"
    );
}

#[test]
fn shows_control_characters_escaped_and_keeps_the_caret_under_its_word() {
    let dir = std::env::temp_dir().join(format!("sosei-diag-esc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = "\u{1b}[31mred.yaml";
    std::fs::write(dir.join(name), "id: \u{1b}[2J\u{9b}x unti\n").unwrap();
    let d = Diagnostic::error(name, "unknown field `un\u{7}ti\u{202e}`")
        .at(Some((1, 12)))
        .help("no \r here");
    let shown = d.render(&dir);
    assert_eq!(
        shown,
        "error: unknown field `un\\u{7}ti\\u{202e}`\n  --> \\u{1b}[31mred.yaml:1:12\n   |\n 1 | id: \\u{1b}[2J\\u{9b}x unti\n   |                      ^^^^\n  = help: no \\u{d} here\n"
    );
    assert!(!d.to_string().contains('\u{1b}'), "{d}");
    let mut all = Diagnostics::default();
    all.push(d);
    assert!(!all.to_json().chars().any(|c| c != '\n' && is_control(c)));
    std::fs::remove_dir_all(&dir).unwrap();
}
