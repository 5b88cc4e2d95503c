//! Raw HTML from trusted content, cut down to a safe allowlist of tags and attributes.
//!
//! Only used when `config.yaml` says `trusted_html: true`; otherwise raw HTML in Markdown
//! is shown as text. Even then `<script>`, event handlers (`on…`), `style` and
//! `javascript:` addresses never reach a page: whatever is not on the list is escaped.

use crate::markdown::{escape, is_safe_url};

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

/// Keeps the allowed tags and attributes of `html`; everything else becomes text.
pub fn sanitize(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&escape_text(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(end) = rest.strip_prefix("<!--").and_then(|r| r.find("-->")) {
            rest = &rest[4 + end + 3..]; // comments are dropped
            continue;
        }
        match parse_tag(rest) {
            Some((len, tag)) => {
                out.push_str(&tag);
                rest = &rest[len..];
            }
            None => {
                out.push_str("&lt;");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(&escape_text(rest));
    out
}

/// Text between tags: entities are kept, stray `<` and `>` escaped.
fn escape_text(text: &str) -> String {
    text.replace('<', "&lt;").replace('>', "&gt;")
}

/// An allowed tag at the start of `s`: (bytes used, the tag rewritten safely).
fn parse_tag(s: &str) -> Option<(usize, String)> {
    let close = s.find('>')?;
    let inner = &s[1..close];
    if inner.contains('<') {
        return None;
    }
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let inner = inner.trim_end().trim_end_matches('/');
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    let (_, allowed) = TAGS.iter().find(|(t, _)| *t == name)?;
    if closing {
        return Some((close + 1, format!("</{name}>")));
    }
    let mut tag = format!("<{name}");
    for (attr, value) in attributes(&inner[name_end..])? {
        let attr = attr.to_ascii_lowercase();
        if !(GLOBAL.contains(&attr.as_str()) || allowed.contains(&attr.as_str())) {
            continue;
        }
        // Judge the value as the browser will read it: entities decoded.
        let value = decode_entities(&value);
        let ok = match attr.as_str() {
            "href" => is_safe_url(&value),
            "src" => {
                !value.contains(':')
                    && !value.trim_start().starts_with("//")
                    && !value.trim_start().starts_with("\\\\")
            }
            _ => true,
        };
        if ok {
            tag.push_str(&format!(" {attr}=\"{}\"", escape(&value)));
        }
    }
    tag.push('>');
    Some((close + 1, tag))
}

/// `name="value"` pairs; `None` if the attributes are malformed.
fn attributes(mut s: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Some(out);
        }
        let name_end = s
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(s.len());
        let name = &s[..name_end];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return None;
        }
        s = s[name_end..].trim_start();
        let value = if let Some(r) = s.strip_prefix('=') {
            let r = r.trim_start();
            let (v, used) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = r[1..].find(q)?;
                    (&r[1..1 + end], end + 2)
                }
                _ => {
                    let end = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..end], end)
                }
            };
            s = &r[used..];
            v.to_string()
        } else {
            String::new()
        };
        out.push((name.to_string(), value));
    }
}

/// Decodes the few entities that could hide a `javascript:` address.
fn decode_entities(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|s| *s < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_tables_with_spans() {
        let html = sanitize("<table><tr><th colspan=\"2\" scope=col>就職ガイダンス</th></tr><tr><td rowspan='2'>対面</td></tr></table>");
        assert_eq!(html, "<table><tr><th colspan=\"2\" scope=\"col\">就職ガイダンス</th></tr><tr><td rowspan=\"2\">対面</td></tr></table>");
    }

    #[test]
    fn scripts_handlers_and_javascript_never_pass() {
        for bad in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"jav&#x61;script:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=//evil>",
            "<p style=\"background:url(javascript:x)\">x</p>",
            "<scr<script>ipt>alert(1)</script>",
            "<img src=\"//evil.example/x.png\">",
            "<a href=x onclick='alert(1)'>x</a>",
        ] {
            let out = sanitize(bad);
            // Every real tag left (escaped text has no `<`) is allowed and harmless.
            for tag in out
                .split('<')
                .skip(1)
                .map(|t| t.split('>').next().unwrap_or("").to_lowercase())
            {
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
        }
    }

    #[test]
    fn comments_dropped_text_kept() {
        assert_eq!(
            sanitize("a <!-- x --> b &amp; c < d"),
            "a  b &amp; c &lt; d"
        );
    }
}
