//! Helpers of the print tests: whether Chromium and poppler are here, and what a PDF says
//! through poppler's pdfinfo and pdftotext (a reader independent of sosei's own).
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

pub fn have(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// True when the tools are here; in CI their absence is a failure, not a skip.
pub fn tools_present() -> bool {
    let ok = (have("chromium") || have("google-chrome")) && have("pdftotext") && have("pdfinfo");
    if !ok && std::env::var_os("CI").is_some() {
        panic!("CI must have chromium and poppler-utils (see .ci/run)");
    }
    if !ok {
        eprintln!("skipped: chromium or poppler-utils not installed");
    }
    ok
}

pub fn pdfinfo(pdf: &Path) -> String {
    String::from_utf8(Command::new("pdfinfo").arg(pdf).output().unwrap().stdout).unwrap()
}

pub fn page_text(pdf: &Path, page: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &page.to_string(), "-l", &page.to_string(), "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Text with all white space removed: pdftotext spaces and wraps lines as the layout does.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn pages(pdf: &Path) -> usize {
    pdfinfo(pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// Checks that every numbered entry of the 目次 on page 2 has a page number, and that
/// this page has a heading with the entry's number and title; returns the entries checked.
pub fn check_toc_pages(pdf: &Path) -> usize {
    let toc = page_text(pdf, 2);
    assert!(toc.contains("目次"));
    let total = pages(pdf);
    let mut checked = 0;
    for line in toc.lines() {
        // "7.1  産業イノベーション推進事業 ........ 21"
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(number) = words.first() else {
            continue;
        };
        if !number.chars().next().is_some_and(|c| c.is_ascii_digit())
            || !number
                .trim_end_matches('.')
                .split('.')
                .all(|n| n.parse::<u32>().is_ok())
            || words.len() < 2
        {
            continue;
        }
        let page = words.last().and_then(|p| p.parse::<usize>().ok());
        let Some(page) = page.filter(|_| words.len() >= 3) else {
            panic!("目次 entry without a page number: {line}");
        };
        let title = words[1..words.len() - 1].join(" ");
        // Headings show their number the same way: "7.1 産業…" or "7. 地方創生…", and
        // may wrap onto a second line.
        let key: String = squeeze(&title).chars().take(8).collect();
        assert!(
            page > 2 && page <= total,
            "past the cover and the 目次: {line}"
        );
        let text = page_text(pdf, page);
        let lines: Vec<String> = text.lines().map(squeeze).collect();
        let heading_here = lines.iter().enumerate().any(|(i, l)| {
            let two = format!("{l}{}", lines.get(i + 1).map_or("", |n| n.as_str()));
            two.starts_with(&format!("{number}{key}"))
                || two.starts_with(&format!("{number}.{key}"))
        });
        assert!(
            heading_here,
            "目次 says `{title}` is on page {page}, but that page has no such heading:\n{text}"
        );
        checked += 1;
    }
    checked
}
