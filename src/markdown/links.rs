//! Links: web addresses pass (unsafe schemes are dropped), links to pages of the site pass
//! as written, and a link to a local file is an attachment, copied into the output like a
//! photo.

use super::files::{self, Kind, Local, Problem};
use super::{is_safe_url, scheme, Context};

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
    if dest.is_empty()
        || dest.starts_with('#')
        || dest.starts_with("//")
        || scheme(dest).is_some_and(|s| !s.is_empty())
    {
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

/// The bytes of `text` with each `%XX` (two hex digits) decoded, and whether every `%` began
/// one; a `%` that does not is kept as written. The one percent-decoder: a path in Markdown
/// falls back to the text as written (`files::percent_decoded`), a path asked of the
/// preview is refused (`serve::preview`).
pub(crate) fn percent_decode(text: &str) -> (Vec<u8>, bool) {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut all_valid = true;
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                all_valid &= b != b'%';
                out.push(b);
                i += 1;
            }
        }
    }
    (out, all_valid)
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
    fn percent_decoding_keeps_a_stray_percent_and_says_so() {
        assert_eq!(percent_decode("a%20b%E6%88%A6"), ("a b戦".into(), true));
        for stray in ["100%", "%zz", "%+1", "%2", "%%41"] {
            let (bytes, all_valid) = percent_decode(stray);
            assert!(!all_valid, "{stray}");
            assert_eq!(bytes.first(), stray.as_bytes().first(), "{stray}");
        }
        assert_eq!(percent_decode("%%41").0, b"%A");
        assert_eq!(files::percent_decoded("100%.pdf"), "100%.pdf");
        assert_eq!(files::percent_decoded("a%20100%.pdf"), "a 100%.pdf");
        assert_eq!(files::percent_decoded("%FF.pdf"), "%FF.pdf");
    }

    #[test]
    fn url_paths_keep_japanese_and_encode_what_would_break_them() {
        assert_eq!(
            url_path("media/会議録/第1回 議事録#2.pdf"),
            "media/会議録/第1回%20議事録%232.pdf"
        );
    }
}
