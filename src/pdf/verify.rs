//! Checks the final PDF against the 目次 that was printed into it, before it is kept.
//!
//! The 目次 is read from the 全体版 page that was printed: each entry is a link to its
//! heading (`<a href="#h-…">`) inside `<nav class="toc">`, with the page number sosei put
//! into its `<span class="toc-page">`. Every entry's heading must be a destination in the
//! PDF, and the number shown must be the page that destination is on.

use super::dests::PrintedPdf;
use std::collections::BTreeMap;

/// One entry of the printed 目次.
#[derive(Debug, PartialEq)]
pub struct TocEntry {
    /// Its number and title, as shown (`7.1 見本推進事業`).
    pub label: String,
    /// The heading id it links to.
    pub anchor: String,
    /// The page number shown: `None` when the theme shows no numbers at all.
    pub shown: Option<String>,
}

/// The entries of the 目次 in the HTML of the 全体版, in order.
pub fn toc_entries(html: &str) -> Vec<TocEntry> {
    let Some(nav) = toc_nav(html) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for link in nav.split("<a ").skip(1) {
        let Some(tag_end) = link.find('>') else {
            continue;
        };
        let Some(anchor) = attribute(&link[..tag_end], "href").and_then(|h| h.strip_prefix('#'))
        else {
            continue;
        };
        let inner = &link[tag_end + 1..link.find("</a>").unwrap_or(link.len())];
        let page_span = "<span class=\"toc-page\">";
        let (label, shown) = match inner.find(page_span) {
            Some(at) => {
                let rest = &inner[at + page_span.len()..];
                let number = rest.split("</span>").next().unwrap_or("");
                (&inner[..at], Some(plain_text(number)))
            }
            None => (inner, None),
        };
        entries.push(TocEntry {
            label: plain_text(&label.replace("</span><span", "</span> <span")),
            anchor: unescape(anchor),
            shown,
        });
    }
    entries
}

/// The inside of the first `<nav>` whose classes include `toc`.
fn toc_nav(html: &str) -> Option<&str> {
    let mut rest = html;
    while let Some(at) = rest.find("<nav") {
        let after = &rest[at..];
        let tag_end = after.find('>')?;
        let is_toc = attribute(&after[..tag_end], "class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == "toc"));
        if is_toc {
            let inside = &after[tag_end + 1..];
            return Some(&inside[..inside.find("</nav>").unwrap_or(inside.len())]);
        }
        rest = &after[tag_end..];
    }
    None
}

/// The value of `name="…"` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let at = tag
        .match_indices(&key)
        .find(|(at, _)| *at == 0 || tag[..*at].ends_with(char::is_whitespace))?
        .0;
    tag[at + key.len()..].split('"').next()
}

/// Text without tags, entities decoded, white space collapsed.
fn plain_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The entities the templates write.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// Checks the final PDF: its page count, that every 目次 entry's heading is a destination,
/// that every number shown is the page of that destination, and that the other heading
/// pages sosei put in (`put_in`) are where those headings landed. Returns every failure.
pub fn check(
    printed: &PrintedPdf,
    pages_reported: usize,
    entries: &[TocEntry],
    put_in: &BTreeMap<String, usize>,
) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    if printed.pages == 0 || printed.pages != pages_reported {
        problems.push(m!(
            "pdf.pages-differ",
            pages = printed.pages,
            counted = pages_reported
        ));
    }
    for entry in entries {
        let label = &entry.label;
        let anchor = &entry.anchor;
        let Some(&page) = printed.destinations.get(anchor) else {
            problems.push(if printed.unresolved.contains(anchor) {
                m!("pdf.toc-on-no-page", label = label, anchor = anchor)
            } else {
                m!("pdf.toc-not-destination", label = label, anchor = anchor)
            });
            continue;
        };
        match entry.shown.as_deref() {
            None => {}
            Some("") => problems.push(m!("pdf.toc-no-number", label = label, page = page)),
            Some(shown) if shown.parse::<usize>().ok() != Some(page) => problems.push(m!(
                "pdf.toc-wrong-number",
                label = label,
                shown = shown,
                page = page
            )),
            Some(_) => {}
        }
    }
    for (anchor, &wanted) in put_in {
        if entries.iter().any(|e| &e.anchor == anchor) {
            continue;
        }
        match printed.destinations.get(anchor) {
            Some(&page) if page == wanted => {}
            Some(&page) => problems.push(m!(
                "pdf.numbered-elsewhere",
                anchor = anchor,
                wanted = wanted,
                page = page
            )),
            None => problems.push(m!("pdf.numbered-missing", anchor = anchor, wanted = wanted)),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
#[path = "verify_tests.rs"]
mod tests;
