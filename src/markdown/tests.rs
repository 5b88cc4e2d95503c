//! Tests of Markdown rendering: headings, tables, photos, raw HTML, links and attachments.

use super::*;

#[test]
fn sections_split_at_top_headings() {
    let s =
        split_sections("# 事業の概要\n\n本文\n\n## 小見出し\n\n# 事業の成果等\n\n成果\n").unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].heading, "事業の概要");
    assert_eq!(s[0].body, "本文\n\n## 小見出し");
    assert_eq!(s[1].body, "成果");
    assert!(split_sections("前置き\n# 見出し\n").is_err());
}

#[test]
fn headings_shift_and_html_is_escaped() {
    let r = render(
        "## 見出し\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
        4,
        "表",
        None,
        false,
    );
    assert!(r.html.contains("<h4>見出し</h4>"), "{}", r.html);
    assert!(!r.html.contains("<script>"));
    assert!(r.html.contains("&lt;script&gt;"));
    assert!(!r.html.contains("javascript:"));
}

#[test]
fn japanese_soft_breaks_do_not_add_spaces() {
    let r = render("長岡の\n魅力", 2, "表", None, false);
    assert!(r.html.contains("長岡の魅力"), "{}", r.html);
}

#[test]
fn standalone_image_without_file_is_a_placeholder_figure() {
    let r = render("![ガイダンスの様子]()", 2, "表", None, false);
    assert!(r.html.contains("<figure class=\"photo photo-missing\">"));
    assert!(r.html.contains("<figcaption>ガイダンスの様子</figcaption>"));
    assert!(!r.html.contains("<p><figure"));
}

#[test]
fn table_headers_get_scope() {
    let r = render(
        "## 実績\n\n| a | b |\n| --- | --- |\n| 1 | 2 |",
        2,
        "表",
        None,
        false,
    );
    assert!(r.html.contains("<th scope=\"col\">a</th>"), "{}", r.html);
    assert!(
        r.html.contains("<table><caption>実績</caption>"),
        "{}",
        r.html
    );
    let r = render(
        "| a | b |\n| --- | --- |\n| 1 | 2 |",
        2,
        "事業の成果等",
        None,
        false,
    );
    assert!(
        r.html.contains("<caption>事業の成果等</caption>"),
        "{}",
        r.html
    );
}

#[test]
fn trusted_html_is_sanitized_not_trusted_blindly() {
    let md = "<table>\n<tr><th colspan=\"2\">就職ガイダンス</th></tr>\n</table>\n\n<script>alert(1)</script>\n";
    let r = render(md, 2, "表", None, true);
    assert!(
        r.html.contains("<th colspan=\"2\">就職ガイダンス</th>"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<script>"), "{}", r.html);
    let r = render(md, 2, "表", None, false);
    assert!(
        r.html.contains("&lt;table&gt;"),
        "untrusted HTML is text: {}",
        r.html
    );
}

#[test]
fn unsafe_urls() {
    assert!(!is_safe_url("javascript:alert(1)"));
    assert!(!is_safe_url(" JavaScript:alert(1)"));
    assert!(!is_safe_url("java\tscript:alert(1)"));
    assert!(!is_safe_url("data:text/html,x"));
    assert!(is_safe_url("https://example.jp/"));
    assert!(is_safe_url("../a.html#x"));
}

#[test]
fn an_unclosed_link_in_trusted_html_ends_with_its_paragraph_or_block() {
    // The second link holds nothing once its block ends: it is dropped, not left empty.
    for (md, links) in [
        ("前文 <a href=\"../evaluation.html\">評価の表\n\n## 次の見出し\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n後の段落\n", 1),
        ("<a href=\"../evaluation.html\">\n\n## 次の見出し\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n後の段落\n", 0),
    ] {
        let html = render(md, 2, "表", None, true).html;
        assert_eq!(html.matches("<a ").count(), links, "{html}");
        assert_eq!(html.matches("</a>").count(), links, "{html}");
        let rest = &html[html.find("</a>").unwrap_or(0)..];
        for later in ["<h2>次の見出し</h2>", "<table>", "<p>後の段落</p>"] {
            assert!(rest.contains(later), "{later} after the link: {html}");
        }
    }
}

#[test]
fn end_tags_in_a_table_cell_do_not_end_the_table() {
    let md = "| 項目 | 値 |\n| --- | --- |\n| 1 </td></tr></table></div> | 2 |\n| 3 | <b>4 |\n| 5 | 6 |\n\n後の段落\n";
    let html = render(md, 2, "表", None, true).html;
    assert_eq!(html.matches("<tr>").count(), 4, "{html}");
    assert_eq!(html.matches("</tr>").count(), 4, "{html}");
    assert_eq!(html.matches("<table>").count(), 1, "{html}");
    assert_eq!(html.matches("</table>").count(), 1, "{html}");
    assert_eq!(html.matches("<div").count(), html.matches("</div>").count());
    assert!(html.contains("<td>1 </td>"), "{html}");
    assert!(html.contains("<td><b>4</b></td>"), "{html}");
    assert!(html.contains("<td>6</td>"), "{html}");
    let after = &html[html.find("</table>").unwrap()..];
    assert!(after.contains("<p>後の段落</p>"), "{html}");
}

#[test]
fn inline_html_keeps_its_markdown_inside() {
    let html = render(
        "前 <span class=\"note\">**強調** と <ruby>長岡<rt>ながおか</rt></ruby></span> 後\n",
        2,
        "表",
        None,
        true,
    )
    .html;
    assert_eq!(
        html,
        "<p>前 <span class=\"note\"><strong>強調</strong> と <ruby>長岡<rt>ながおか</rt></ruby></span> 後</p>\n"
    );
}

/// A content folder holding `grants/1/projects/a.md` (`text`) and a few files beside it.
fn content(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let projects = dir.path().join("grants/1/projects");
    std::fs::create_dir_all(&projects).unwrap();
    std::fs::write(projects.join("a.md"), text).unwrap();
    std::fs::write(projects.join("minutes.pdf"), b"%PDF-1.4\n").unwrap();
    std::fs::write(projects.join("a.png"), b"\x89PNG\r\n\x1a\n0000").unwrap();
    dir
}

fn render_in(dir: &Path, text: &str) -> Rendered {
    let ctx = Context::for_tests(dir);
    render(text, 2, "表", Some(&ctx), false)
}

#[test]
fn links_to_local_files_are_attachments() {
    let md = "[議事録](minutes.pdf) [評価](../../evaluation.html) [市](https://www.city.nagaoka.niigata.jp/) [節](#kekka)\n\n[ない](missing.xlsx)\n\n[外](../../../../etc/passwd.txt)\n";
    let dir = content(md);
    let r = render_in(dir.path(), md);
    assert!(
        r.html
            .contains("<a href=\"../../media/grants/1/projects/minutes.pdf\">議事録</a>"),
        "{}",
        r.html
    );
    assert!(r
        .html
        .contains("<a href=\"../../evaluation.html\">評価</a>"));
    assert!(r
        .html
        .contains("<a href=\"https://www.city.nagaoka.niigata.jp/\">市</a>"));
    assert!(r.html.contains("<a href=\"#kekka\">節</a>"));
    assert_eq!(
        r.files,
        [(
            dir.path().join("grants/1/projects/minutes.pdf"),
            "media/grants/1/projects/minutes.pdf".to_string()
        )]
    );
    let problems: Vec<(usize, bool, &str)> = r
        .problems
        .iter()
        .map(|f| (f.offset, f.error, f.message.as_str()))
        .collect();
    let missing = md.find("[ない]").unwrap();
    let outside = md.find("[外]").unwrap();
    assert_eq!(
        problems,
        [
            (missing, true, "attachment `missing.xlsx` was not found"),
            (outside, true, "attachment `../../../../etc/passwd.txt` points outside content/; sosei reads no file outside the content folder"),
        ]
    );
}

#[test]
fn problems_are_reported_where_their_image_is_written() {
    // The same picture twice: alone on line 1, then inside a line of text on line 3.
    let md = "![写真](a.png)\n\n本文の中の ![写真](a.png) です。\n\n![図](none.png)\n";
    let dir = content(md);
    let r = render_in(dir.path(), md);
    let offsets: Vec<(usize, bool)> = r.problems.iter().map(|f| (f.offset, f.error)).collect();
    assert_eq!(
        offsets,
        [
            (md.find("![写真](a.png) です").unwrap(), false),
            (md.find("![図]").unwrap(), false)
        ]
    );
    assert!(r.problems[0].message.contains("inside a line of text"));
    assert_eq!(
        r.problems[1].message,
        "image `none.png` was not found; a placeholder is shown"
    );
}

#[test]
fn control_characters_from_references_are_dropped() {
    let r = render("a&#1;b\u{7}c&#0;d", 2, "表", None, false);
    assert!(
        !r.html.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        r.html
    );
}

#[test]
fn attachments_in_a_paragraph_with_inline_html_are_resolved_once() {
    let md = "<b>資料</b>：[議事録](minutes.pdf)、<a href=\"minutes.pdf\">同じ議事録</a>、[ない](nai.pdf)\n";
    let dir = content(md);
    let ctx = Context {
        content_root: dir.path(),
        source: Path::new("grants/1/projects/a.md"),
        site_root: "../../",
        max_bytes: 1 << 20,
        no_file: "写真（画像ファイルなし）",
        not_found: "写真（画像ファイルが見つかりません）",
    };
    let r = render(md, 2, "表", Some(&ctx), true);
    assert_eq!(
        r.html
            .matches("href=\"../../media/grants/1/projects/minutes.pdf\"")
            .count(),
        2,
        "{}",
        r.html
    );
    assert_eq!(r.files.len(), 2);
    let problems: Vec<(usize, &str)> = r
        .problems
        .iter()
        .map(|f| (f.offset, f.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [(
            md.find("nai.pdf").unwrap(),
            "attachment `nai.pdf` was not found"
        )]
    );
}

#[test]
fn a_placeholder_word_from_the_vocabulary_is_text_not_html() {
    // A site's vocabulary.yaml may override the placeholder's words.
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = Context::for_tests(dir.path());
    ctx.no_file = "<script>alert(1)</script>";
    ctx.not_found = "<img src=x onerror=alert(2)>";
    for text in ["![会場]()", "![会場](none.png)"] {
        let r = render(text, 2, "表", Some(&ctx), false);
        assert!(
            !r.html.contains("<script") && !r.html.contains("<img"),
            "{}",
            r.html
        );
        assert!(r.html.contains("&lt;"), "{}", r.html);
    }
}
