//! Tests of reading the printed 目次 and of checking it against the PDF.

use super::*;

/// The 目次 as the default theme writes it, with a project title that looks like PDF syntax.
const FULL: &str = r##"<header class="cover"><nav class="screen-only"><a href="#h-x">x</a></nav></header>
<nav class="toc" aria-labelledby="h-toc">
<h2 id="h-toc">目次</h2>
<ol>
<li><a href="#h-perspective"><span class="toc-number">1</span><span class="toc-title">見本市総合戦略（イノベーションの視点）</span><span class="toc-page">3</span></a></li>
<li><a href="#h-grant-1"><span class="toc-number">7</span><span class="toc-title">見本交付金①「A &amp; B」</span><span class="toc-page">10</span></a>
<ol><li><a href="#h-project-1-1"><span class="toc-number">7.1</span><span class="toc-title">事業 244 0 obj &lt;&lt;/Type /Pages /Kids [167 0 R 2 0 R]&gt;&gt; endobj</span><span class="toc-page">11</span></a></li>
</ol></li>
<li><a href="#h-notes"><span class="toc-number">9</span><span class="toc-title">注記（評価の方法）</span><span class="toc-page"></span></a></li>
</ol>
</nav>
<a href="#h-elsewhere">not in the 目次</a>"##;

fn printed(pages: usize, dests: &[(&str, usize)]) -> PrintedPdf {
    PrintedPdf {
        pages,
        destinations: dests.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        unresolved: Default::default(),
    }
}

#[test]
fn reads_the_entries_of_the_toc() {
    let entries = toc_entries(FULL);
    let got: Vec<(&str, &str, Option<&str>)> = entries
        .iter()
        .map(|e| (e.label.as_str(), e.anchor.as_str(), e.shown.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "1 見本市総合戦略（イノベーションの視点）",
                "h-perspective",
                Some("3")
            ),
            ("7 見本交付金①「A & B」", "h-grant-1", Some("10")),
            (
                "7.1 事業 244 0 obj <</Type /Pages /Kids [167 0 R 2 0 R]>> endobj",
                "h-project-1-1",
                Some("11")
            ),
            ("9 注記（評価の方法）", "h-notes", Some("")),
        ]
    );
    assert!(toc_entries("<nav class=\"site\"><a href=\"#a\">a</a></nav>").is_empty());
}

#[test]
fn a_right_toc_passes() {
    let html = FULL.replace(
        "<span class=\"toc-page\"></span>",
        "<span class=\"toc-page\">13</span>",
    );
    let pdf = printed(
        13,
        &[
            ("h-perspective", 3),
            ("h-grant-1", 10),
            ("h-project-1-1", 11),
            ("h-notes", 13),
            ("h-toc", 2),
        ],
    );
    let put_in: BTreeMap<String, usize> = [("h-toc".to_string(), 2)].into();
    assert_eq!(check(&pdf, 13, &toc_entries(&html), &put_in), Ok(()));
}

#[test]
fn every_wrong_number_is_named() {
    let pdf = printed(
        13,
        &[
            ("h-perspective", 3),
            ("h-grant-1", 10),
            ("h-project-1-1", 12),
            ("h-toc", 2),
        ],
    );
    let put_in: BTreeMap<String, usize> = [("h-toc".to_string(), 3)].into();
    let problems = check(&pdf, 14, &toc_entries(FULL), &put_in).unwrap_err();
    assert_eq!(
        problems,
        [
            "the PDF has 13 pages, but 14 were counted while printing",
            "目次 entry `7.1 事業 244 0 obj <</Type /Pages /Kids [167 0 R 2 0 R]>> endobj` shows page 11, but its heading is on page 12",
            "目次 entry `9 注記（評価の方法）` links to #h-notes, which is not a destination in the PDF",
            "#h-toc was numbered page 3, but it is on page 2",
        ]
    );
}

#[test]
fn a_missing_number_and_a_pageless_destination_fail() {
    let mut pdf = printed(
        13,
        &[("h-perspective", 3), ("h-grant-1", 10), ("h-notes", 13)],
    );
    pdf.unresolved.insert("h-project-1-1".into());
    let problems = check(&pdf, 13, &toc_entries(FULL), &BTreeMap::new()).unwrap_err();
    assert_eq!(
        problems,
        [
            "目次 entry `7.1 事業 244 0 obj <</Type /Pages /Kids [167 0 R 2 0 R]>> endobj` links to #h-project-1-1, which is on no page of the PDF",
            "目次 entry `9 注記（評価の方法）` shows no page number; its heading is on page 13",
        ]
    );
}
