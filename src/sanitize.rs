//! Raw HTML from trusted content, parsed by html5ever and cut down by ammonia to a safe
//! allowlist of tags and attributes.
//!
//! Only used when `config.yaml` says `trusted_html: true`; otherwise raw HTML in Markdown
//! is shown as text. Even then `<script>`, event handlers (`on…`), `style` and
//! `javascript:` addresses never reach a page: tags off the list are dropped (their text
//! kept; a script's or style's text dropped too), attributes off the list removed, and
//! every element closed where the fragment ends. An image's `src` must be a picture inside
//! the content folder, as for a Markdown photo; a link to a local file is an attachment.

use crate::markdown::files::{self, Kind, Problem};
use crate::markdown::links::{self, url_path, Target};
use crate::markdown::{Context, SAFE_SCHEMES};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Tags kept, with the attributes each may carry (besides the global ones).
const TAGS: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("abbr", &[]),
    ("b", &[]),
    ("br", &[]),
    ("caption", &[]),
    ("code", &[]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("dd", &[]),
    ("del", &[]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("i", &[]),
    ("img", &["src", "alt", "width", "height"]),
    ("li", &[]),
    ("ol", &["start"]),
    ("p", &[]),
    ("rp", &[]),
    ("rt", &[]),
    ("ruby", &[]),
    ("s", &[]),
    ("small", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("tfoot", &[]),
    ("th", &["colspan", "rowspan", "headers", "scope"]),
    ("thead", &[]),
    ("tr", &[]),
    ("u", &[]),
    ("ul", &[]),
];

/// Attributes any kept tag may carry.
const GLOBAL: &[&str] = &["class", "id", "lang", "title", "dir"];

/// The `src` an image is given while its placeholder is pending. ammonia removes every
/// `src` with a scheme off `SAFE_SCHEMES` before the filter runs, so only the filter makes it.
const PENDING: &str = "sosei-placeholder:";

/// The HTML kept, the files it points to, and what was wrong with it.
#[derive(Debug, Default)]
pub struct Sanitized {
    pub html: String,
    /// (file in content, path in output) for each picture and attachment.
    pub files: Vec<(PathBuf, String)>,
    pub problems: Vec<Flagged>,
}

/// A problem, with the address it concerns as html5ever read it (to find it in the text).
#[derive(Debug)]
pub struct Flagged {
    pub error: bool,
    pub message: String,
    pub value: String,
}

/// Where the HTML was written, owned: ammonia's filter must own what it uses.
struct Place {
    content_root: PathBuf,
    source: PathBuf,
    site_root: String,
    max_bytes: u64,
    no_file: String,
    not_found: String,
}

impl Place {
    fn context(&self) -> Context<'_> {
        Context {
            content_root: &self.content_root,
            source: &self.source,
            site_root: &self.site_root,
            max_bytes: self.max_bytes,
            no_file: &self.no_file,
            not_found: &self.not_found,
        }
    }
}

/// What the filter found, and each pending placeholder's note.
#[derive(Default)]
struct Found {
    out: Sanitized,
    notes: Vec<String>,
}

/// Keeps the allowed tags and attributes of `html`, balanced; resolves images and
/// attachments from `ctx` (without it, every image is a placeholder).
///
/// The HTML holds no control character that `markdown::is_stray_control` names, as a page
/// may not: `markdown::render` drops them again from all it makes, but this is public.
pub fn sanitize(html: &str, ctx: Option<&Context>) -> Sanitized {
    let mut out = if depth_bound(html) > MAX_DEPTH {
        Sanitized {
            html: crate::markdown::escape(html),
            files: Vec::new(),
            problems: vec![Flagged {
                error: true,
                message: m!("sanitize.too-deep", most = MAX_DEPTH),
                value: String::new(),
            }],
        }
    } else {
        cut_down(html, ctx)
    };
    out.html.retain(|c| !crate::markdown::is_stray_control(c));
    out
}

/// `sanitize` of HTML nested no deeper than `MAX_DEPTH`, control characters left in.
fn cut_down(html: &str, ctx: Option<&Context>) -> Sanitized {
    let found = Arc::new(Mutex::new(Found::default()));
    let place = ctx.map(|c| Place {
        content_root: c.content_root.to_path_buf(),
        source: c.source.to_path_buf(),
        site_root: c.site_root.to_string(),
        max_bytes: c.max_bytes,
        no_file: c.no_file.to_string(),
        not_found: c.not_found.to_string(),
    });
    let seen = Arc::clone(&found);
    let tags: HashSet<&str> = TAGS.iter().map(|(t, _)| *t).collect();
    let attributes: HashMap<&str, HashSet<&str>> = TAGS
        .iter()
        .map(|(t, a)| (*t, a.iter().copied().collect()))
        .collect();
    let clean = ammonia::Builder::empty()
        .tags(tags)
        .tag_attributes(attributes)
        .generic_attributes(GLOBAL.iter().copied().collect())
        .url_schemes(SAFE_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |element, attribute, value| {
            let mut found = crate::lock(&seen);
            match (element, attribute) {
                ("img", "src") => Some(Cow::Owned(image_src(place.as_ref(), value, &mut found))),
                ("a", "href") => link_href(place.as_ref(), value, &mut found.out),
                _ => Some(Cow::Borrowed(value)),
            }
        })
        .clean(html)
        .to_string();
    let mut found = std::mem::take(&mut *crate::lock(&found));
    found.out.html = placeholders(&without_empty_links(&clean), &mut found);
    found.out
}

/// The `src` an image keeps: its copy in the output, or a pending placeholder.
fn image_src(place: Option<&Place>, src: &str, found: &mut Found) -> String {
    let mut pending = |note: &str| {
        found.notes.push(note.to_string());
        format!("{PENDING}{}", found.notes.len() - 1)
    };
    let Some(place) = place else {
        return pending("");
    };
    if src.trim().is_empty() {
        return pending(&place.no_file);
    }
    let ctx = place.context();
    let (error, message, note) = match files::resolve(&ctx, src, Kind::Image) {
        Ok(local) => {
            let src = format!("{}{}", ctx.site_root, url_path(&local.output));
            found.out.files.push((local.file, local.output));
            return src;
        }
        Err(Problem::Missing(m)) => (
            false,
            m!("markdown.placeholder-shown", problem = m),
            place.not_found.clone(),
        ),
        Err(Problem::Refused(m)) => (true, m, place.no_file.clone()),
    };
    found.out.problems.push(Flagged {
        error,
        message,
        value: src.to_string(),
    });
    pending(&note)
}

/// The `href` a link keeps (`None`: the link loses its address).
fn link_href<'v>(
    place: Option<&Place>,
    href: &'v str,
    out: &mut Sanitized,
) -> Option<Cow<'v, str>> {
    let ctx = place.map(Place::context);
    match links::target(ctx.as_ref(), href) {
        Target::AsWritten => Some(Cow::Borrowed(href)),
        Target::Unsafe => None,
        Target::File { local, href } => {
            out.files.push((local.file, local.output));
            Some(Cow::Owned(href))
        }
        Target::Refused(message) => {
            out.problems.push(Flagged {
                error: true,
                message,
                value: href.to_string(),
            });
            None
        }
    }
}

/// Drops each link with nothing but white space in it (keeping the white space): an
/// unclosed `<a>` is re-opened by the HTML parser after the block that held it, and an
/// empty link would be a link with no name. As in `placeholders`, every `<a ` starts a
/// tag and the next `>` ends it.
fn without_empty_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let Some(end) = tag.find('>') else {
            rest = tag;
            break;
        };
        let after = &tag[end + 1..];
        let inside = after.len() - after.trim_start().len();
        if after[inside..].starts_with("</a>") {
            out.push_str(&after[..inside]);
            rest = &after[inside + "</a>".len()..];
        } else {
            out.push_str(&tag[..=end]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Replaces each `<img>` that shows no picture with a placeholder. html5ever escapes `<`
/// and `>` inside attribute values, so every `<img` starts a tag and the next `>` ends it.
fn placeholders(html: &str, found: &mut Found) -> String {
    if !html.contains("<img") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<img") {
        let Some(len) = rest[at..].find('>') else {
            break;
        };
        out.push_str(&rest[..at]);
        let tag = &rest[at..at + len + 1];
        rest = &rest[at + len + 1..];
        let src = attribute(tag, "src");
        let note = match src.and_then(|s| s.strip_prefix(PENDING)) {
            Some(n) => n
                .parse::<usize>()
                .ok()
                .and_then(|n| found.notes.get(n).cloned()),
            None if src.is_some() => {
                out.push_str(tag);
                continue;
            }
            None => {
                found.out.problems.push(Flagged {
                    error: true,
                    message: m!("sanitize.img-without-picture"),
                    value: String::new(),
                });
                None
            }
        };
        out.push_str("<span class=\"photo-placeholder\">");
        // The note is a word of the vocabulary, which a site may override: text, not HTML.
        crate::markdown::escape_into(&mut out, &note.unwrap_or_default());
        if let Some(alt) = attribute(tag, "alt").filter(|a| !a.is_empty()) {
            out.push('：');
            out.push_str(alt); // already escaped as an attribute, so safe as text
        }
        out.push_str("</span>");
    }
    out.push_str(rest);
    out
}

/// The deepest nesting `sanitize` parses. html5ever's work grows with the square of the
/// depth (100,000 nested `<div>` take 15 s), and real HTML is a few dozen deep.
const MAX_DEPTH: usize = 512;

/// Elements that hold nothing, or that a parser closes by itself when the next one starts.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "caption", "col", "colgroup", "dd", "dt", "embed", "hr", "img", "input",
    "li", "link", "meta", "option", "p", "param", "rp", "rt", "source", "tbody", "td", "tfoot",
    "th", "thead", "tr", "track", "wbr",
];

/// At most how deep `html` nests: start tags less end tags, running, leaving out the
/// elements that do not nest.
fn depth_bound(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for part in html.split('<').skip(1) {
        let closing = part.starts_with('/');
        let name = part.trim_start_matches('/');
        let len = name
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len());
        let name = name[..len].to_ascii_lowercase();
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The serialized value of `name` in `tag` (html5ever writes `name="value"`, `"` escaped).
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[cfg(test)]
#[path = "sanitize_tests.rs"]
mod tests;
