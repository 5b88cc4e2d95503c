//! Markdown: sections split at top-level headings, and safe HTML with shifted headings,
//! photos and attachments.

pub mod files;
pub mod links;
pub mod photo;
mod render;

pub use render::{is_stray_control, render};

use crate::model::Section;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
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
                    return Err((line, m!("markdown.text-before-heading")));
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
        return Err((1, m!("markdown.no-heading")));
    }
    Ok(sections)
}

/// Where a Markdown text lives, for resolving its photos and attachments.
pub struct Context<'a> {
    /// The content folder.
    pub content_root: &'a Path,
    /// The Markdown file, relative to the content folder.
    pub source: &'a Path,
    /// The path from the page being rendered to the site root (`../`).
    pub site_root: &'a str,
    /// The largest photo or attachment published, in bytes.
    pub max_bytes: u64,
    /// What a placeholder says when no image file is given, or the one given is refused
    /// (from the vocabulary).
    pub no_file: &'a str,
    /// What a placeholder says when the image file given does not exist.
    pub not_found: &'a str,
}

impl<'a> Context<'a> {
    /// A project's Markdown (`grants/1/projects/a.md`) under `content_root`, as the
    /// unit tests of Markdown and of trusted HTML render it.
    #[cfg(test)]
    pub(crate) fn for_tests(content_root: &'a Path) -> Context<'a> {
        Context {
            content_root,
            source: Path::new("grants/1/projects/a.md"),
            site_root: "../../",
            max_bytes: 1 << 20,
            no_file: "写真（画像ファイルなし）",
            not_found: "写真（画像ファイルが見つかりません）",
        }
    }
}

/// What rendering found: files to copy and problems to report.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// (file in content, path in output) for every photo and attachment.
    pub files: Vec<(PathBuf, String)>,
    /// Problems, each where it was met; errors must stop the build.
    pub problems: Vec<Found>,
}

/// A problem met in a Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The byte offset in the text of the image, link or HTML it concerns.
    pub offset: usize,
    /// An error stops the build; a warning does not.
    pub error: bool,
    pub message: String,
}

/// The schemes a link may use (`is_safe_url`, and the sanitizer's list for ammonia);
/// relative addresses pass too.
pub(crate) const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme `url` starts with (`https` in `https://…`), as written: the text before its
/// first `:`, if that holds no `/`, `?` or `#` (then the `:` is in a path). May be empty.
pub(crate) fn scheme(url: &str) -> Option<&str> {
    url.split_once(':')
        .map(|(scheme, _)| scheme)
        .filter(|scheme| !scheme.contains(['/', '?', '#']))
}

/// Allows relative links, fragments, http(s), mailto and tel (`SAFE_SCHEMES`); refuses
/// `javascript:` and the like.
pub fn is_safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    scheme(&lower).is_none_or(|scheme| SAFE_SCHEMES.contains(&scheme))
}

/// HTML-escapes text for attributes and element content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// As `escape`, appended to `out`: runs without special characters are copied whole.
///
/// Each control character `is_stray_control` names (C0 and C1 controls and DEL, but tab,
/// line feed and carriage return) becomes U+FFFD: sources holding them are refused, but a
/// page must never carry one (NUL marks sosei's slots).
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (entity, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            0..=8 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f => ("\u{fffd}", 1),
            // U+0080 to U+009F, the C1 controls, are 0xC2 0x80 to 0xC2 0x9F in UTF-8.
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("\u{fffd}", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        i += len;
        start = i;
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod escape_tests {
    use super::{escape, is_stray_control};

    #[test]
    fn escape_replaces_exactly_the_stray_controls() {
        for c in ('\0'..='\u{ff}').chain(['\u{2028}', 'あ']) {
            let text = format!("a{c}b");
            let escaped = escape(&text);
            if is_stray_control(c) {
                assert_eq!(escaped, "a\u{fffd}b", "{:?}", c);
            } else if !"&<>\"'".contains(c) {
                assert_eq!(escaped, text, "{:?}", c);
            }
        }
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
