//! Markdown: sections split at top-level headings, and safe HTML with shifted headings and photos.

mod photo;

use photo::figure;

use crate::model::Section;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Splits a body at its `# ` headings. Text before the first heading is an error.
pub fn split_sections(text: &str) -> Result<Vec<Section>, (usize, String)> {
    let mut sections: Vec<Section> = Vec::new();
    let mut heading: Option<(String, usize)> = None; // text so far, body start
    let mut body_start = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                if let (Some(last), Some(start)) = (sections.last_mut(), body_start) {
                    last.body = text[start..range.start].trim().to_string();
                } else if !text[..range.start].trim().is_empty() {
                    let line = 1 + text
                        [..text[..range.start].len() - text[..range.start].trim_start().len()]
                        .matches('\n')
                        .count();
                    return Err((line, "text before the first `# ` section heading".into()));
                }
                heading = Some((String::new(), range.end));
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                if let Some((title, end)) = heading.take() {
                    sections.push(Section {
                        heading: title.trim().to_string(),
                        body: String::new(),
                    });
                    body_start = Some(end.max(range.end));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((title, _)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            _ => {}
        }
    }
    if let (Some(last), Some(start)) = (sections.last_mut(), body_start) {
        last.body = text[start..].trim().to_string();
    }
    if sections.is_empty() {
        return Err((1, "no `# ` section heading".into()));
    }
    Ok(sections)
}

/// Where a Markdown text lives, for resolving its images.
pub struct Context<'a> {
    /// The content folder.
    pub content_root: &'a Path,
    /// The Markdown file, relative to the content folder.
    pub source: &'a Path,
    /// The path from the page being rendered to the site root (`../`).
    pub site_root: &'a str,
}

/// What rendering found: images to copy and problems to report.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// (file in content, path in output) for every image found.
    pub images: Vec<(PathBuf, String)>,
    pub warnings: Vec<String>,
    /// Problems that must stop the build, such as an image path leaving content/.
    pub errors: Vec<String>,
}

/// Renders Markdown to HTML. `##` becomes `<h{base_level}>`; raw HTML is escaped;
/// `javascript:` links are dropped; an image alone in a paragraph becomes a captioned figure;
/// a table gets a caption from the nearest heading above it, or `caption` if there is none.
/// With `trusted_html`, raw HTML is kept but cut down to a safe allowlist (`sanitize`).
pub fn render(
    text: &str,
    base_level: u8,
    caption: &str,
    ctx: Option<&Context>,
    trusted_html: bool,
) -> Rendered {
    let mut out = Rendered::default();
    let events: Vec<Event> = Parser::new_ext(text, options()).collect();
    let mut html_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut last_heading = String::new();
    let mut in_heading = false;
    let mut i = 0;
    while i < events.len() {
        // A paragraph holding only an image: Start(P) Start(Image) ..text.. End(Image) End(P)
        if let (Event::Start(Tag::Paragraph), Some(Event::Start(Tag::Image { dest_url, .. }))) =
            (&events[i], events.get(i + 1))
        {
            if let Some(end) = events[i + 2..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Image)))
            {
                let close = i + 2 + end;
                if matches!(events.get(close + 1), Some(Event::End(TagEnd::Paragraph))) {
                    let caption: String = events[i + 2..close]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    html_events.push(Event::Html(CowStr::from(figure(
                        dest_url, &caption, ctx, &mut out,
                    ))));
                    i = close + 2;
                    continue;
                }
            }
        }
        let event = events[i].clone();
        let next_text = events.get(i + 1).and_then(|e| match e {
            Event::Text(t) => t.chars().next(),
            _ => None,
        });
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                last_heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) if in_heading => last_heading.push_str(t),
            _ => {}
        }
        if let Event::Start(Tag::Table(_)) = &event {
            // A wide table scrolls inside its own labelled, focusable region.
            let title = escape(if last_heading.trim().is_empty() {
                caption
            } else {
                last_heading.trim()
            });
            html_events.push(Event::Html(CowStr::from(format!(
                "<div class=\"table-wrap\" role=\"region\" aria-label=\"{title}\" tabindex=\"0\">"
            ))));
            html_events.push(event);
            html_events.push(Event::Html(CowStr::from(format!(
                "<caption>{title}</caption>"
            ))));
            i += 1;
            continue;
        }
        if let Event::End(TagEnd::Table) = &event {
            html_events.push(event);
            html_events.push(Event::Html(CowStr::from("</div>\n")));
            i += 1;
            continue;
        }
        if trusted_html && matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            // A block of raw HTML arrives a line at a time: sanitize it whole.
            let mut raw = String::new();
            while let Some(Event::Html(part) | Event::InlineHtml(part)) = events.get(i) {
                raw.push_str(part);
                i += 1;
            }
            html_events.push(Event::Html(CowStr::from(crate::sanitize::sanitize(&raw))));
            continue;
        }
        let mapped = match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: shift(level, base_level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(shift(level, base_level)))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = if is_safe_url(&dest_url) {
                    dest_url
                } else {
                    CowStr::from("")
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: safe,
                    title,
                    id,
                })
            }
            Event::SoftBreak => {
                let prev = html_events.iter().rev().find_map(|e| match e {
                    Event::Text(t) => t.chars().last(),
                    _ => None,
                });
                if prev.is_some_and(is_wide) || next_text.is_some_and(is_wide) {
                    Event::Text(CowStr::from(""))
                } else {
                    Event::SoftBreak
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.warnings.push(format!("image `{dest_url}` is inside a line of text; put it on a line of its own to show it as a photo"));
                Event::Text(CowStr::from(""))
            }
            Event::End(TagEnd::Image) => Event::Text(CowStr::from("")),
            other => other,
        };
        html_events.push(mapped);
        i += 1;
    }
    pulldown_cmark::html::push_html(&mut out.html, html_events.into_iter());
    if out.html.contains("<th") {
        out.html = out
            .html
            .replace("<th>", "<th scope=\"col\">")
            .replace("<th style=", "<th scope=\"col\" style=");
    }
    out
}

fn is_wide(c: char) -> bool {
    c as u32 >= 0x2E80
}

fn shift(level: HeadingLevel, base: u8) -> HeadingLevel {
    let n = (level as u8)
        .saturating_sub(2)
        .saturating_add(base)
        .clamp(base.min(6), 6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

/// Allows relative links, fragments, http(s) and mailto; refuses `javascript:` and the like.
pub fn is_safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// HTML-escapes text for attributes and element content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// As `escape`, appended to `out`: runs without special characters are copied whole.
///
/// Control characters other than tab, line feed and carriage return become U+FFFD: sources
/// holding them are refused, but a page must never carry one (NUL marks sosei's slots).
pub fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            0..=8 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f => "\u{fffd}",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_top_headings() {
        let s = split_sections("# 事業の概要\n\n本文\n\n## 小見出し\n\n# 事業の成果等\n\n成果\n")
            .unwrap();
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
}
