//! What sosei prints on the terminal (issue #15, item 11): file names, messages and
//! source lines holding escape sequences or other control characters are shown escaped,
//! never sent raw to the terminal, with the diagnostic's layout kept.
#![cfg(unix)]

mod common;
use common::*;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Output;

/// A file name that would turn the terminal red and retitle its window if printed raw.
const HOSTILE: &[u8] = b"1-9-\x1b[31mred\x1b]0;pwned\x07.yaml";

/// Bytes a terminal would act on: C0 controls but the line break, DEL, and C1 controls
/// (whether raw or UTF-8 encoded). Raw C1 bytes (0x80–0x9F) are looked for in what is
/// not valid UTF-8; each control found is given as its code point.
fn raw_controls(bytes: &[u8]) -> Vec<u8> {
    let mut found = Vec::new();
    for chunk in bytes.utf8_chunks() {
        found.extend(
            chunk
                .valid()
                .chars()
                .filter(|&c| c != '\n' && c.is_control())
                .map(|c| c as u32 as u8),
        );
        found.extend(
            chunk
                .invalid()
                .iter()
                .filter(|b| (0x80..=0x9f).contains(*b)),
        );
    }
    found
}

#[test]
fn raw_controls_finds_c0_del_and_c1_raw_or_encoded() {
    assert_eq!(raw_controls("a\nあ\u{2028}é".as_bytes()), b"");
    assert_eq!(raw_controls(b"a\x1b[31m\x07\x7f\n"), b"\x1b\x07\x7f");
    assert_eq!(raw_controls("x\u{9b}y\u{85}".as_bytes()), b"\x9b\x85");
    // Raw C1 bytes where the text is not UTF-8 (a lead byte is not a control).
    assert_eq!(raw_controls(b"a\x9b31m\xe3\x90\xc3"), b"\x9b\x90");
}

/// `sosei args` in English, whatever the locale (`--lang` in `args` overrides it).
fn sosei(args: &[&OsStr]) -> Output {
    common::sosei().args(args).output().unwrap()
}

#[test]
fn a_file_name_with_an_escape_sequence_is_printed_escaped() {
    let (dir, content) = copy_fixture("minimal");
    let file = content.join("indicators").join(OsStr::from_bytes(HOSTILE));
    fs::write(
        &file,
        "id: akai\nstrategy: 1\nname: 赤\nunti: 人\nbaseline: 1\ntarget: 2\n",
    )
    .unwrap();
    let output = dir.path().join(OsStr::from_bytes(b"site\x1b[2J"));
    let langs = [OsStr::new("en"), OsStr::new("ja")];
    let runs = langs.iter().flat_map(|lang| {
        [
            vec![
                OsStr::new("check"),
                OsStr::new("--content"),
                content.as_os_str(),
            ],
            vec![
                OsStr::new("build"),
                OsStr::new("--content"),
                content.as_os_str(),
                OsStr::new("--output"),
                output.as_os_str(),
            ],
        ]
        .map(|args| [args, vec![OsStr::new("--lang"), lang]].concat())
    });
    for args in runs {
        let run = sosei(&args);
        assert_eq!(run.status.code(), Some(1));
        assert_eq!(raw_controls(&run.stderr), b"", "no raw control character");
        let stderr = String::from_utf8_lossy(&run.stderr);
        // The file:line, the source line and the caret as ever, the controls escaped, in
        // either language.
        assert!(
            stderr.contains(
                "  --> indicators/1-9-\\u{1b}[31mred\\u{1b}]0;pwned\\u{7}.yaml:4:1\n   |\n 4 | unti: 人\n   | ^^^^\n"
            ),
            "{stderr}"
        );
    }
    assert!(!output.exists(), "nothing was written");
    let run = sosei(&[
        OsStr::new("build"),
        OsStr::new("--content"),
        content.as_os_str(),
        OsStr::new("--output"),
        output.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr
            .trim_end()
            .ends_with("site\\u{1b}[2J was left as it was"),
        "{stderr}"
    );
    // JSON for editors and CI: the same file name, escaped the JSON way.
    let run = sosei(&[
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--content"),
        content.as_os_str(),
    ]);
    assert_eq!(raw_controls(&run.stdout), b"");
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        json[0]["file"].as_str().unwrap().as_bytes(),
        [b"indicators/".as_slice(), HOSTILE].concat()
    );
    // In Japanese, the same keys and places; the texts are Japanese.
    let run = sosei(&[
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--lang"),
        OsStr::new("ja"),
        OsStr::new("--content"),
        content.as_os_str(),
    ]);
    assert_eq!(raw_controls(&run.stdout), b"");
    let ja: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v[0].as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(keys(&ja), keys(&json));
    for key in ["severity", "file", "line", "column"] {
        assert_eq!(ja[0][key], json[0][key], "{key}");
    }
    assert_eq!(ja[0]["message"], "不明な項目 `unti` があります");
    assert_eq!(ja[0]["help"], "`unit` の誤りではありませんか？");
}

#[test]
fn a_value_with_control_characters_is_quoted_escaped_and_a_good_build_names_its_output_escaped() {
    let (dir, content) = copy_fixture("minimal");
    let result = content.join("results/R3/result.yaml");
    let text = fs::read_to_string(&result).unwrap();
    let hostile = text.replacen("actuals:\n", "actuals:\n  \"nai\\u202e\\u2066x\": 1\n", 1);
    fs::write(&result, &hostile).unwrap();
    let run = sosei(&[
        OsStr::new("check"),
        OsStr::new("--content"),
        content.as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(raw_controls(&run.stderr), b"");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("there is no indicator `nai\\u{202e}\\u{2066}x`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{202e}') && !stderr.contains('\u{2066}'),
        "bidirectional overrides and isolates escaped"
    );

    fs::write(&result, &text).unwrap();
    let output = dir.path().join(OsStr::from_bytes(b"out\x1b]0;x\x07"));
    let run = sosei(&[
        OsStr::new("build"),
        OsStr::new("-v"),
        OsStr::new("--content"),
        content.as_os_str(),
        OsStr::new("--output"),
        output.as_os_str(),
    ]);
    assert!(run.status.success());
    assert_eq!(raw_controls(&run.stderr), b"");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("into "), "{stderr}");
    assert!(stderr.contains("out\\u{1b}]0;x\\u{7}\n"), "{stderr}");
    assert!(Path::new(&output).join("index.html").is_file());
}
