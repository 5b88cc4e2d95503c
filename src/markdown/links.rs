//! Links: web addresses pass (unsafe schemes are dropped), links to pages of the site pass
//! as written, and a link to a local file is an attachment, copied into the output like a
//! photo.

use super::files::{self, Kind, Local, Problem};
use super::{is_safe_url, Context};

/// Where a link goes.
#[derive(Debug)]
pub enum Target {
    /// A web address, a fragment or a page of the site: written as it is.
    AsWritten,
    /// A `javascript:` address or the like: the link keeps its text but loses its address.
    Unsafe,
    /// A file inside the content folder, copied to the output; `href` points to the copy.
    File { local: Local, href: String },
    /// A local file that cannot be attached: the build fails.
    Refused(String),
}

/// What `dest`, a link's address in the Markdown file `ctx.source`, points to. Without a
/// source (Markdown from a YAML field) a local path is written as it is.
pub fn target(ctx: Option<&Context>, dest: &str) -> Target {
    if !is_safe_url(dest) {
        return Target::Unsafe;
    }
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
        return Target::AsWritten;
    }
    let end = dest.find(['?', '#']).unwrap_or(dest.len());
    let (path, suffix) = dest.split_at(end);
    let name = path.rsplit(['/', '\\']).next().unwrap_or("");
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty());
    // A folder, a name without an extension or a page of the site: a link as today.
    if extension.is_none() || matches!(extension.as_deref(), Some("html" | "htm")) {
        return Target::AsWritten;
    }
    let Some(ctx) = ctx else {
        return Target::AsWritten;
    };
    match files::resolve(ctx, path, Kind::Attachment) {
        Ok(local) => Target::File {
            href: format!("{}{}{suffix}", ctx.site_root, url_path(&local.output)),
            local,
        },
        Err(Problem::Missing(message) | Problem::Refused(message)) => Target::Refused(message),
    }
}

/// Whether `url` starts with a scheme (`https:`, `mailto:` …).
fn has_scheme(url: &str) -> bool {
    url.split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']))
}

/// An output path as a URL path: the characters that would end or change it (space, `%`,
/// `#`, `?`, quotes) percent-encoded; other letters, Japanese included, kept.
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '%' | '#' | '?' | '"' | '\'' | '<' | '>' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_fragments_and_pages_are_written_as_they_are() {
        for dest in [
            "https://www.city.nagaoka.niigata.jp/",
            "mailto:kikaku@city.example.jp",
            "#section",
            "../evaluation.html",
            "../strategies/1.html#ind-1-1",
            "r2/",
            "",
        ] {
            assert!(matches!(target(None, dest), Target::AsWritten), "{dest}");
        }
        assert!(matches!(
            target(None, "javascript:alert(1)"),
            Target::Unsafe
        ));
    }

    #[test]
    fn url_paths_keep_japanese_and_encode_what_would_break_them() {
        assert_eq!(
            url_path("media/会議録/第1回 議事録#2.pdf"),
            "media/会議録/第1回%20議事録%232.pdf"
        );
    }
}
