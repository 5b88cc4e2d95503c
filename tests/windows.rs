//! Files as Windows tools save them: CRLF line ends and a UTF-8 byte-order mark. The
//! bundled report written that way builds to exactly the same site.

mod common;
use common::*;
use std::fs;

#[test]
fn crlf_and_a_bom_build_the_same_site() {
    let (dir, windows) = copy_content("content");
    let mut rewritten = 0;
    for entry in walkdir::WalkDir::new(&windows) {
        let entry = entry.unwrap();
        let path = entry.path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "md")
        ) {
            continue;
        }
        let text = fs::read_to_string(path).unwrap();
        assert!(!text.contains('\r'));
        fs::write(path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
        rewritten += 1;
    }
    assert!(rewritten > 30, "every source file is rewritten");
    let (plain, crlf) = (dir.path().join("plain"), dir.path().join("crlf"));
    sosei::build::build(&root().join("content"), &plain).unwrap_or_else(|d| panic!("{d}"));
    let summary = sosei::build::build(&windows, &crlf).unwrap_or_else(|d| panic!("{d}"));
    assert!(summary.diagnostics.is_empty(), "{}", summary.diagnostics);
    let (a, b) = (snapshot(&plain), snapshot(&crlf));
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(
            ba == bb,
            "{} differs when the sources are CRLF with a BOM",
            pa.display()
        );
    }
}

/// Every link the site writes uses `/`, whatever the platform's separator.
#[test]
fn links_use_slashes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    sosei::build::build(&root().join("content"), &out).unwrap_or_else(|d| panic!("{d}"));
    for (path, bytes) in snapshot(&out) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            for attr in ["href=\"", "src=\""] {
                for (i, _) in html.match_indices(attr) {
                    let value = &html[i + attr.len()..];
                    let value = &value[..value.find('"').unwrap()];
                    assert!(!value.contains('\\'), "{}: {attr}{value}", path.display());
                }
            }
        }
    }
}
