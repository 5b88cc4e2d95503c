//! The 目次 page numbers of `sosei pdf` are read from the PDF with a real parser and
//! checked before the file is kept: a title that looks like PDF syntax cannot change
//! them, and a print whose numbers do not match is refused, leaving the old file.

mod common;
mod pdf_tools;
use common::*;
use pdf_tools::*;
use std::path::Path;

/// Text that the old hand-written scanner took for PDF objects. Chromium writes outline
/// titles as literal strings when they are ASCII, so this lands in the PDF as it is. With
/// Chromium 156, object 253 is half of this fixture's page tree: the scanner took the
/// empty `253 0 obj<<>>endobj` for it, counted 9 pages of 13 and left six entries of the
/// 目次 without numbers (exit 0).
const TRAP: &str = "244 0 obj <</Type /Pages /Kids [167 0 R 2 0 R]>> endobj 253 0 obj<<>>endobj";

const PROJECT: &str = "grants/1-demo/projects/01-jigyo.md";

fn set_project_title(content: &Path, title: &str) {
    let file = content.join(PROJECT);
    let text = std::fs::read_to_string(&file).unwrap();
    let old = text.lines().find(|l| l.starts_with("title:")).unwrap();
    let new = text.replacen(old, &format!("title: \"{title}\""), 1);
    assert_ne!(new, text);
    std::fs::write(&file, new).unwrap();
}

fn sosei_pdf(content: &Path, output: &Path, browser: Option<&Path>) -> std::process::Output {
    let mut run = sosei();
    run.args(["pdf", "--content"])
        .arg(content)
        .arg("--output")
        .arg(output)
        .env("SOURCE_DATE_EPOCH", "1700000000");
    if let Some(b) = browser {
        run.arg("--browser").arg(b);
    }
    run.output().unwrap()
}

#[test]
fn a_title_that_looks_like_pdf_syntax_leaves_the_numbers_right() {
    if !tools_present() {
        return;
    }
    let (dir, content) = copy_fixture("minimal");
    set_project_title(&content, TRAP);
    let pdf = dir.path().join("out/report.pdf");
    let run = sosei_pdf(&content, &pdf, None);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "sosei pdf failed: {stderr}");
    let raw = std::fs::read(&pdf).unwrap();
    // Chromium may drop the space where the heading wraps; the first object is whole.
    assert!(
        String::from_utf8_lossy(&raw)
            .contains("(244 0 obj <</Type /Pages /Kids [167 0 R 2 0 R]>> endobj"),
        "the title is in the PDF as a literal string, the case this test is about"
    );
    let total = pages(&pdf);
    assert!(
        stderr.contains(&format!("({total} pages,")),
        "reports the real page count {total}: {stderr}"
    );
    let toc = page_text(&pdf, 2);
    assert!(squeeze(&toc).contains(&squeeze(TRAP)), "{toc}");
    // 1–9 and 7.1: every entry has a number, and it is where the heading is.
    assert_eq!(check_toc_pages(&pdf), 10, "{toc}");
}

/// A stand-in browser: writes `pass1.pdf`, `pass2.pdf`, `pass1.pdf`, … from `dir` in turn.
#[cfg(unix)]
fn fake_browser(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("fake-browser");
    let d = dir.display();
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nn=$(cat '{d}/count' 2>/dev/null || echo 0)\nn=$((n + 1))\necho $n > '{d}/count'\n\
             for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) cp \"{d}/pass$(( (n - 1) % 2 + 1 )).pdf\" \"${{a#--print-to-pdf=}}\";; esac; done\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// A two-page PDF with every anchor as a named destination on `page`.
#[cfg(unix)]
fn two_pages(anchors: &[String], page: usize) -> Vec<u8> {
    let dests: String = anchors
        .iter()
        .map(|a| format!("/{a} [{} 0 R /XYZ 0 500 0]", page + 2))
        .collect();
    let objects = [
        "<</Type /Catalog /Pages 2 0 R /Dests 5 0 R>>".to_string(),
        "<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R]>>".into(),
        "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>".into(),
        "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>".into(),
        format!("<<{dests}>>"),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for at in offsets {
        out.extend_from_slice(format!("{at:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<</Size 6 /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// The 目次 anchors of the minimal fixture, read from its built 全体版 as `sosei pdf` reads them.
fn toc_anchors() -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    sosei::build::build(&root().join("tests/fixtures/minimal/content"), dir.path()).unwrap();
    let html = std::fs::read_to_string(dir.path().join("r3/full.html")).unwrap();
    let entries = sosei::pdf::verify::toc_entries(&html);
    assert_eq!(
        entries.first().map(|e| e.label.as_str()),
        Some("1 見本市総合戦略")
    );
    assert!(
        entries.iter().all(|e| e.shown.as_deref() == Some("")),
        "a built site shows no page numbers yet: {entries:?}"
    );
    entries.into_iter().map(|e| e.anchor).collect()
}

#[test]
fn the_theme_toc_is_read_whole() {
    let anchors = toc_anchors();
    assert_eq!(anchors.len(), 10, "{anchors:?}");
    assert!(anchors.contains(&"h-project-1-demo-01-jigyo".to_string()));
}

/// Prints with a stand-in browser; returns (exit code, stderr, output bytes, leftovers).
#[cfg(unix)]
fn print_with_fake(pass1: Vec<u8>, pass2: Vec<u8>) -> (Option<i32>, String, Vec<u8>, usize) {
    let (dir, content) = copy_fixture("minimal");
    std::fs::write(dir.path().join("pass1.pdf"), pass1).unwrap();
    std::fs::write(dir.path().join("pass2.pdf"), pass2).unwrap();
    let browser = fake_browser(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let pdf = out.join("report.pdf");
    std::fs::write(&pdf, b"the previous good print").unwrap();
    let run = sosei_pdf(&content, &pdf, Some(&browser));
    let left = std::fs::read_dir(&out).unwrap().count() - 1;
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    (
        run.status.code(),
        stderr,
        std::fs::read(&pdf).unwrap(),
        left,
    )
}

#[cfg(unix)]
#[test]
fn a_print_without_the_headings_is_refused() {
    let (code, stderr, kept, left) = print_with_fake(two_pages(&[], 1), two_pages(&[], 1));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("目次 entry `7.1 見本推進事業` links to #h-project-1-demo-01-jigyo, which is not a destination in the PDF"),
        "{stderr}"
    );
    assert_eq!(kept, b"the previous good print", "the old file is kept");
    assert_eq!(left, 0, "no partial file is left beside it");
}

#[cfg(unix)]
#[test]
fn numbers_that_never_settle_are_refused() {
    let anchors = toc_anchors();
    let (code, stderr, kept, left) =
        print_with_fake(two_pages(&anchors, 1), two_pages(&anchors, 2));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "目次 entry `9 注記（評価の方法）` shows page 1, but its heading is on page 2"
        ),
        "{stderr}"
    );
    assert_eq!(kept, b"the previous good print");
    assert_eq!(left, 0);
}

#[cfg(unix)]
#[test]
fn a_right_print_replaces_the_old_file() {
    let anchors = toc_anchors();
    let same = two_pages(&anchors, 2);
    let (code, stderr, kept, left) = print_with_fake(same.clone(), same.clone());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("(2 pages, 2 passes"), "{stderr}");
    assert_eq!(kept, same);
    assert_eq!(left, 0);
}
