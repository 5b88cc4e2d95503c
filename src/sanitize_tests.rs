//! Tests of the `trusted_html` sanitizer: the allowlist, balancing, local images only.

use super::*;
use std::fs;
use std::path::Path;

fn clean(html: &str) -> String {
    sanitize(html, None).html
}

/// Every tag name in `html` (escaped text has no `<`).
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or("").to_lowercase())
        .collect()
}

#[test]
fn keeps_tables_with_spans() {
    let html = clean("<table><tr><th colspan=\"2\" scope=col>就職ガイダンス</th></tr><tr><td rowspan='2'>対面</td></tr></table>");
    // html5ever adds the `<tbody>` a browser would add.
    assert_eq!(html, "<table><tbody><tr><th colspan=\"2\" scope=\"col\">就職ガイダンス</th></tr><tr><td rowspan=\"2\">対面</td></tr></tbody></table>");
}

#[test]
fn scripts_handlers_and_javascript_never_pass() {
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=//evil>",
        "<p style=\"background:url(javascript:x)\">x</p>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=\"//evil.example/x.png\">",
        "<a href=x onclick='alert(1)'>x</a>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    ] {
        let out = clean(bad);
        for tag in tags(&out) {
            let name = tag
                .trim_start_matches('/')
                .split_whitespace()
                .next()
                .unwrap_or("");
            assert!(TAGS.iter().any(|(t, _)| *t == name), "{bad} → {out}");
            assert!(
                !tag.contains(" on")
                    && !tag.contains("javascript:")
                    && !tag.contains("style=")
                    && !tag.contains("//evil"),
                "{bad} → {out}"
            );
        }
        assert!(!out.contains("alert(1)</script>"), "{bad} → {out}");
    }
}

#[test]
fn comments_dropped_text_kept() {
    assert_eq!(clean("a <!-- x --> b &amp; c < d"), "a  b &amp; c &lt; d");
}

#[test]
fn elements_left_open_are_closed_and_stray_end_tags_dropped() {
    assert_eq!(
        clean("<a href=\"../evaluation.html\">評価"),
        "<a href=\"../evaluation.html\">評価</a>"
    );
    assert_eq!(clean("セル</td></tr></table></div>の続き"), "セルの続き");
    assert_eq!(clean("<b><i>太字</b>斜体"), "<b><i>太字</i></b><i>斜体</i>");
}

#[test]
fn a_link_left_open_does_not_swallow_what_follows_nor_leave_an_empty_link() {
    // One HTML block as Markdown hands it over (the page's next heading is outside it).
    let html = clean("<p>詳しくは<a href=\"https://example.jp/\">市のページ</p>\n");
    assert_eq!(
        html,
        "<p>詳しくは<a href=\"https://example.jp/\">市のページ</a></p>\n"
    );
    assert_eq!(
        without_empty_links("<a href=\"x\"> \n</a>|<a title=\"a\">b</a>|<a "),
        " \n|<a title=\"a\">b</a>|<a "
    );
}

#[test]
fn decoded_control_characters_and_nul_never_reach_the_page() {
    let out = clean("<p title=\"a&#1;b\">x&#1;y&#0;z\u{0}w&#x7f;</p>");
    assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
    assert!(out.contains("xy"), "{out:?}");
}

/// A content folder with `grants/1/projects/a.md` and a picture beside it.
fn content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let projects = dir.path().join("grants/1/projects");
    fs::create_dir_all(projects.join("photos")).unwrap();
    fs::write(projects.join("photos/a.png"), b"\x89PNG\r\n\x1a\n0000").unwrap();
    fs::write(projects.join("minutes.pdf"), b"%PDF-1.4\n").unwrap();
    dir
}

fn sanitize_in(dir: &Path, html: &str) -> Sanitized {
    let ctx = Context::for_tests(dir);
    sanitize(html, Some(&ctx))
}

#[test]
fn remote_images_become_placeholders_and_errors() {
    let dir = content();
    for src in [
        "/\\evil.example/a.png",
        "\\/evil.example/a.png",
        "/&#x09;/evil.example/a.png",
        "//evil.example/a.png",
        "http://evil.example/a.png",
        "&#x2F;&#x2F;evil.example/a.png",
    ] {
        let out = sanitize_in(
            dir.path(),
            &format!("<p><img src=\"{src}\" alt=\"会場\"></p>"),
        );
        assert!(!out.html.contains("<img"), "{src} → {}", out.html);
        assert!(!out.html.contains("evil"), "{src} → {}", out.html);
        assert!(
            out.html.contains(
                "<span class=\"photo-placeholder\">写真（画像ファイルなし）：会場</span>"
            ),
            "{src} → {}",
            out.html
        );
        assert_eq!(out.problems.len(), 1, "{src}");
        assert!(out.problems[0].error, "{src}");
        assert!(
            out.problems[0]
                .message
                .contains("is not a relative path inside content/"),
            "{src}: {}",
            out.problems[0].message
        );
        assert!(out.files.is_empty());
    }
    // A `src` ammonia removes (a scheme off the list) still gives an error.
    let out = sanitize_in(dir.path(), "<img src=\"data:image/png;base64,AAAA\">");
    assert!(!out.html.contains("<img"), "{}", out.html);
    assert!(out.problems[0]
        .message
        .contains("has no picture sosei can show"));
}

#[test]
fn local_images_and_attachments_are_copied_missing_ones_are_placeholders() {
    let dir = content();
    let out = sanitize_in(
        dir.path(),
        "<img src=\"photos/a.png\" alt=\"会場\"><img src=\"photos/none.png\"><a href=\"minutes.pdf#page=2\">議事録</a>",
    );
    assert!(
        out.html
            .starts_with("<img src=\"../../media/grants/1/projects/photos/a.png\" alt=\"会場\">"),
        "{}",
        out.html
    );
    assert!(out
        .html
        .contains("<span class=\"photo-placeholder\">写真（画像ファイルが見つかりません）</span>"));
    assert!(out
        .html
        .contains("<a href=\"../../media/grants/1/projects/minutes.pdf#page=2\">議事録</a>"));
    let outputs: Vec<&str> = out.files.iter().map(|(_, o)| o.as_str()).collect();
    assert_eq!(
        outputs,
        [
            "media/grants/1/projects/photos/a.png",
            "media/grants/1/projects/minutes.pdf"
        ]
    );
    assert_eq!(out.problems.len(), 1);
    assert!(!out.problems[0].error);
    assert_eq!(out.problems[0].value, "photos/none.png");
}

#[test]
fn html_nested_absurdly_deep_is_refused_not_parsed() {
    let deep = "<div>".repeat(100_000);
    let out = sanitize(&deep, None);
    assert!(!out.html.contains("<div"), "kept as text");
    assert_eq!(out.html.matches("&lt;div&gt;").count(), 100_000);
    assert_eq!(out.problems.len(), 1);
    assert!(out.problems[0].error);
    assert!(out.problems[0].message.contains("more than 512 deep"));
    // A long table whose cells and rows are left open, as people write them, is kept.
    let table = format!("<table>{}</table>", "<tr><td>a<td>b<br><p>c".repeat(2_000));
    let out = sanitize(&table, None);
    assert!(out.problems.is_empty());
    assert_eq!(out.html.matches("<tr>").count(), 2_000);
}

#[test]
fn angle_brackets_in_attribute_values_are_escaped_by_the_serializer() {
    // `placeholders` and `without_empty_links` rely on it: the first `>` after `<a ` or
    // `<img` ends the tag.
    let html = clean("<p><a title=\"x> </a>\" href=\"https://example.jp/\">text</a></p>");
    assert!(!html.contains("x> "), "{html}");
    assert!(html.contains(">text</a>"), "{html}");
}

#[test]
fn a_placeholder_word_from_the_vocabulary_is_text_not_html() {
    // A site's vocabulary.yaml may override the placeholder's words.
    let dir = content();
    let mut ctx = Context::for_tests(dir.path());
    ctx.no_file = "<script>alert(1)</script>";
    ctx.not_found = "<b onmouseover=alert(2)>";
    for src in ["http://evil.example/a.png", "none.png"] {
        let out = sanitize(
            &format!("<p><img src=\"{src}\" alt=\"会場\"></p>"),
            Some(&ctx),
        );
        assert!(
            !out.html.contains("<script") && !out.html.contains("<b "),
            "{src} → {}",
            out.html
        );
        assert!(out.html.contains("&lt;"), "{src} → {}", out.html);
    }
}
