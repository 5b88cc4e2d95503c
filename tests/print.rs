//! The printed report, checked on a real Chromium with poppler's pdfinfo and pdftotext.
//! CI installs both (`.ci/run`); elsewhere these tests are skipped when they are missing.

mod common;
mod pdf_tools;
use pdf_tools::*;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The bundled report printed once for all tests: (temp dir, pdf path).
fn printed() -> &'static (tempfile::TempDir, PathBuf) {
    static PDF: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    print_once(&PDF, "content")
}

/// The second bundled example printed once.
fn printed_other_city() -> &'static (tempfile::TempDir, PathBuf) {
    static PDF: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    print_once(&PDF, "examples/other-city/content")
}

fn print_once(
    cell: &'static OnceLock<(tempfile::TempDir, PathBuf)>,
    content: &str,
) -> &'static (tempfile::TempDir, PathBuf) {
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("report.pdf");
        let run = common::sosei()
            .args(["pdf", "--content"])
            .arg(common::root().join(content))
            .arg("--output")
            .arg(&pdf)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "sosei pdf failed: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        (dir, pdf)
    })
}

#[test]
fn pdf_is_a4_with_title_language_and_bookmarks() {
    if !tools_present() {
        return;
    }
    let (_, pdf) = printed();
    let info = pdfinfo(pdf);
    assert!(info.contains("(A4)"), "A4 pages: {info}");
    assert!(
        info.contains("Title:") && info.contains("全体版（令和3年度）"),
        "a title: {info}"
    );
    let bytes = std::fs::read(pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Lang (ja)"), "the document language is ja");
    assert!(
        raw.contains("/Type /Outlines"),
        "bookmarks from the headings"
    );
    assert!(pages(pdf) > 10, "the whole report, not a stub");
}

#[test]
fn every_page_after_the_cover_carries_its_number() {
    if !tools_present() {
        return;
    }
    let (_, pdf) = printed();
    let cover = page_text(pdf, 1);
    assert!(!cover.contains("- 1 -"), "no number on the cover");
    assert!(
        cover.contains("第2期長岡市まち・ひと・しごと創生総合戦略")
            && cover.contains("令和3年度評価")
            && cover.contains("長岡市"),
        "cover: {cover}"
    );
    assert!(
        cover.contains("令和5年11月15日"),
        "the date of issue (from SOURCE_DATE_EPOCH) on the cover: {cover}"
    );
    for page in 2..=pages(pdf) {
        let text = squeeze(&page_text(pdf, page));
        assert!(
            text.contains(&format!("-{page}-")),
            "page {page} carries `- {page} -`:\n{text}"
        );
        assert!(
            text.contains("第2期長岡市まち・ひと・しごと創生総合戦略令和3年度評価"),
            "page {page} has the running header"
        );
    }
}

#[test]
fn every_toc_entry_points_at_the_page_of_its_heading() {
    if !tools_present() {
        return;
    }
    let (_, pdf) = printed();
    let checked = check_toc_pages(pdf);
    assert!(
        checked >= 20,
        "every entry was checked, {checked} found:\n{}",
        page_text(pdf, 2)
    );
}

#[test]
fn the_other_citys_toc_points_at_the_page_of_each_heading() {
    if !tools_present() {
        return;
    }
    let (_, pdf) = printed_other_city();
    let checked = check_toc_pages(pdf);
    assert!(checked >= 8, "{checked} entries:\n{}", page_text(pdf, 2));
    let cover = page_text(pdf, 1);
    assert!(
        cover.contains("第2期さくら台市まち・ひと・しごと創生総合戦略")
            && cover.contains("令和6年度評価")
    );
    // No grant programmes and no donations: no 目次 entry, no section, none of their
    // parts' words (the R6 commentary speaks of a デジタル田園都市国家構想交付金, and
    // ふるさと納税の寄附件数 is a KPI, so the bare words 交付金 and 寄附 are in the text).
    let toc = squeeze(&page_text(pdf, 2));
    for word in ["交付金", "ふるさと納税", "寄附"] {
        assert!(!toc.contains(word), "the 目次 names {word}:\n{toc}");
    }
    let all: String = (1..=pages(pdf))
        .map(|p| squeeze(&page_text(pdf, p)))
        .collect();
    for word in [
        "企業版ふるさと納税",
        "地方創生推進交付金",
        "交付金事業",
        "交付金額",
        "寄附実績",
        "寄附を受けた事業",
        "寄附額",
    ] {
        assert!(!all.contains(word), "the PDF mentions {word}");
    }
}

#[test]
fn nothing_is_wider_than_the_printable_area() {
    if !tools_present() {
        return;
    }
    let (dir, pdf) = printed();
    let html = dir.path().join("bbox.html");
    let status = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg(&html)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&html).unwrap();
    // A4 is 595 pt wide; the side margins are 15 mm = 42.5 pt.
    let (left, right) = (42.5 - 1.0, 595.0 - 42.5 + 1.0);
    let mut words = 0;
    for word in text.split("<word ").skip(1) {
        let attr = |name: &str| -> f64 {
            word.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap()
        };
        let label = word
            .split('>')
            .nth(1)
            .and_then(|w| w.split('<').next())
            .unwrap_or("");
        // Chromium trims the blank half of full-width closing punctuation at a line end
        // (text-spacing-trim); pdftotext still counts the whole advance.
        let trimmed = label.ends_with(['）', '」', '』', '】', '、', '。']);
        let slack = if trimmed {
            (attr("yMax") - attr("yMin")) * 0.55
        } else {
            0.0
        };
        assert!(
            attr("xMin") >= left && attr("xMax") <= right + slack,
            "`{label}` lies outside the printable width: {} – {}",
            attr("xMin"),
            attr("xMax")
        );
        words += 1;
    }
    assert!(
        words > 1000,
        "the check saw the report's text ({words} words)"
    );
}

#[test]
fn japanese_text_extracts() {
    if !tools_present() {
        return;
    }
    let (_, pdf) = printed();
    // -raw keeps the order the text was drawn in, so a table cell's lines stay together.
    let raw = Command::new("pdftotext")
        .arg("-raw")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let all = squeeze(&String::from_utf8(raw.stdout).unwrap());
    for phrase in [
        "人口減少対策は効果が現れるまで時間を要することから",
        "起業支援センターながおか",
        "125,386,350",
        "323,480,836",
        "△1.26%",
        "▲",
        "陶芸を体験する高校生と留学生",
    ] {
        assert!(all.contains(phrase), "`{phrase}` extracts from the PDF");
    }
}

#[test]
fn printing_any_page_hides_the_screen_chrome() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    sosei::build::build(&common::root().join("content"), &out).unwrap();
    let pdf = dir.path().join("page.pdf");
    let browser = if have("chromium") {
        "chromium"
    } else {
        "google-chrome"
    };
    let profile = dir.path().join("profile");
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!(
            "file://{}",
            out.join("r3/strategies/1.html").display()
        ))
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "printed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = page_text(&pdf, 1);
    assert!(text.contains("戦略1 若者定着"), "{text}");
    for chrome in ["本文へ移動", "評価年度：", "全体版"] {
        assert!(!text.contains(chrome), "`{chrome}` is screen-only:\n{text}");
    }
    assert!(pdfinfo(&pdf).contains("(A4)"));
}

#[test]
fn no_browser_is_a_clear_error() {
    let run = common::sosei()
        .args(["pdf", "--content"])
        .arg(common::root().join("content"))
        .args([
            "--browser",
            "/nonexistent/chromium",
            "--output",
            "/nonexistent/x.pdf",
        ])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("the browser `/nonexistent/chromium` does not exist"),
        "{stderr}"
    );
    let run = common::sosei()
        .args(["pdf", "--content"])
        .arg(common::root().join("content"))
        .env("PATH", "/nonexistent")
        .env_remove("SOSEI_BROWSER")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("apt-get install chromium"),
        "says which package to install: {stderr}"
    );
}
