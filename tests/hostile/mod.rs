//! Hostile content: a site whose every text field holds what an attacker might write
//! (control characters, quotes, `<`, entities, Markdown, YAML escapes, forged slot
//! markers, CSS breakers), and the check that no page the build writes can run it.
//!
//! Shared by `tests/hostile_content.rs` (proptest, in `cargo test`) and the fuzz target
//! `tests/fuzz/fuzz_targets/hostile_content.rs` (long runs).
#![allow(dead_code)]

use std::fs;
use std::path::Path;

/// The fixture with a `⟦name⟧` placeholder in every text field (found from the main
/// crate's tests, or from the fuzz crate in `tests/fuzz/`).
pub static FIXTURE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let manifest = env!("CARGO_MANIFEST_DIR");
    [
        format!("{manifest}/tests/fixtures/hostile/content"),
        format!("{manifest}/../fixtures/hostile/content"),
    ]
    .into_iter()
    .find(|p| Path::new(p).is_dir())
    .expect("the hostile fixture")
});

/// Pieces hostile text is made of. `Raw` pieces go into a YAML double-quoted string as
/// written (they are YAML escapes); the others are escaped for YAML as text.
#[derive(Clone, Debug)]
pub enum Piece {
    Text(&'static str),
    Raw(&'static str),
    Char(char),
    /// Any short text.
    Free(String),
}

pub const TEXT: &[&str] = &[
    "若者定着",
    "\"",
    "'",
    "<",
    ">",
    "&",
    "\n",
    "\n\n",
    " autofocus onfocus=alert(document.title) x=\"",
    "\" onmouseover=\"alert(1)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"/\\evil.example/a.png\">",
    "<img src=\"\\/evil.example/a.png\">",
    "<img src=\"/&#x09;/evil.example/a.png\">",
    "<img src=\"//evil.example/a.png\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"https://example.jp/\">unclosed",
    "</td></tr></table></div>",
    "<style>body{background:url(http://evil.example/)}</style>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<svg onload=alert(1)>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&#0;",
    "&#x0;",
    "&#1;",
    "&#12;",
    "&lt;script&gt;",
    "&quot;",
    "&#34;",
    "&#x22;",
    "[詳細](https://example.jp/ \"title\")",
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "![写真](http://evil.example/a.png)",
    "![写真](photos/none.jpg)",
    "[資料](files/none.pdf)",
    "*強調*",
    "`code`",
    "# 見出し",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "{{ frame.nav }}",
    "{% raw %}",
    "}",
    "{",
    "\\",
    "\\\"",
    "url(http://evil.example/x)",
    "@import 'http://evil.example/x.css';",
    "</style>",
    "*/",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "＝HYPERLINK(\"http://evil.example\",\"x\")",
    "+1",
    "＠SUM(A1)",
    "－1",
];

pub const RAW: &[&str] = &[
    "\\x00",
    "\\0",
    "\\e",
    "\\f",
    "\\x85",
    "\\u2028",
    "\\x008\\x00",
    "\\t",
    "\\n",
    "\\\"",
    "\\x1b[31m",
    "\\u0000",
];

pub const CHARS: &[char] = &[
    '\0', '\u{1}', '\u{7}', '\u{8}', '\u{b}', '\u{c}', '\r', '\u{1b}', '\u{7f}', '\u{85}',
    '\u{9f}', '\u{2028}', '\u{feff}', '\u{202e}', '\u{fffd}', '\u{e000}',
];

/// The fields of the fixture that sosei reads as Markdown (those in a Markdown body, and
/// the YAML values written in Markdown), where an image or a link must name a file that
/// is there.
pub const MARKDOWN: &[&str] = &[
    "analysis",
    "basic_idea",
    "commentary",
    "commentary_r2",
    "donation_overview",
    "donation_purpose",
    "goal_aim",
    "grant_overview",
    "md_overview",
    "md_results",
    "next_steps",
    "opinion",
    "overview",
    "section_heading",
    "sub_opinion",
    "subgoal_aim",
];

impl Piece {
    /// Whether sosei refuses a source holding it (a control character, raw or escaped).
    pub fn is_refused(&self) -> bool {
        match self {
            Piece::Raw(r) => !matches!(*r, "\\t" | "\\n" | "\\\""),
            Piece::Char(c) => c.is_control() || *c == '\u{feff}',
            Piece::Text(t) => ["&#0;", "&#x0;", "&#1;", "&#12;"].contains(t),
            Piece::Free(t) => t.contains("&#"),
        }
    }

    /// Whether sosei refuses a Markdown field (`MARKDOWN`) holding it: what it refuses
    /// anywhere, and an image from elsewhere or of no file, or a link to a missing file.
    pub fn is_refused_in_markdown(&self) -> bool {
        self.is_refused()
            || matches!(
                self,
                Piece::Text(
                    "<img src=x onerror=alert(1)>"
                        | "<img src=\"/\\evil.example/a.png\">"
                        | "<img src=\"\\/evil.example/a.png\">"
                        | "<img src=\"/&#x09;/evil.example/a.png\">"
                        | "<img src=\"//evil.example/a.png\">"
                        | "![写真](http://evil.example/a.png)"
                        | "[資料](files/none.pdf)"
                )
            )
    }

    /// The text it stands for once YAML has read it (for the accepted `Raw` escapes).
    pub fn text(&self) -> String {
        match self {
            Piece::Raw("\\t") => "\t".into(),
            Piece::Raw("\\n") => "\n".into(),
            Piece::Raw("\\\"") => "\"".into(),
            p => raw_string(std::slice::from_ref(p)),
        }
    }
}

/// Every placeholder of the fixture, and whether it stands in a Markdown body (raw text)
/// rather than a YAML value.
pub fn placeholders() -> Vec<(String, bool)> {
    let mut names = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(&*FIXTURE) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let markdown = entry.path().extension().is_some_and(|e| e == "md");
        for (i, _) in text.match_indices('⟦') {
            let name = &text[i + '⟦'.len_utf8()..];
            let name = &name[..name.find('⟧').unwrap()];
            // In a Markdown file only the body is raw; `title:` is front matter (YAML).
            let in_body = markdown && text[..i].matches("---").count() >= 2;
            names.insert(name.to_string(), in_body);
        }
    }
    names.into_iter().collect()
}

/// `pieces` written as a YAML double-quoted scalar.
pub fn yaml_string(pieces: &[Piece]) -> String {
    let mut out = String::from("\"");
    for p in pieces {
        match p {
            Piece::Raw(r) => out.push_str(r),
            Piece::Text(t) => escape_yaml(&mut out, t),
            Piece::Char(c) => escape_yaml(&mut out, &c.to_string()),
            Piece::Free(t) => escape_yaml(&mut out, t),
        }
    }
    out.push('"');
    out
}

fn escape_yaml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
}

/// `pieces` as raw text (for a Markdown body).
pub fn raw_string(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Raw(r) => r.to_string(),
            Piece::Text(t) => t.to_string(),
            Piece::Char(c) => c.to_string(),
            Piece::Free(t) => t.clone(),
        })
        .collect()
}

/// Writes the fixture into `content` with each placeholder given its value (by name).
pub fn write_site(content: &Path, value: &dyn Fn(&str, bool) -> String) {
    for entry in walkdir::WalkDir::new(&*FIXTURE) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&*FIXTURE).unwrap();
        let target = content.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let markdown = entry.path().extension().is_some_and(|e| e == "md");
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(i) = rest.find('⟦') {
            out.push_str(&rest[..i]);
            let in_body = markdown && (text.len() - rest.len() + i) > 0 && {
                let done = &text[..text.len() - rest.len() + i];
                done.matches("---").count() >= 2
            };
            let after = &rest[i + '⟦'.len_utf8()..];
            let end = after.find('⟧').unwrap();
            out.push_str(&value(&after[..end], in_body));
            rest = &after[end + '⟧'.len_utf8()..];
        }
        out.push_str(rest);
        fs::write(&target, out).unwrap();
    }
}

/// Elements the theme and sosei's own parts write, and those Markdown and the
/// `trusted_html` allowlist may make.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "style",
    "body",
    "a",
    "header",
    "footer",
    "nav",
    "main",
    "article",
    "section",
    "aside",
    "p",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "span",
    "div",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "col",
    "colgroup",
    "figure",
    "figcaption",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "del",
    "small",
    "sub",
    "sup",
    "code",
    "pre",
    "br",
    "hr",
    "blockquote",
    "img",
    "abbr",
    "dl",
    "dt",
    "dd",
    "ruby",
    "rt",
    "rp",
    "wbr",
    "input",
    "label",
    "svg",
    "g",
    "path",
    "text",
    "desc",
    "rect",
    "circle",
    "line",
    "polyline",
    "polygon",
    "tspan",
];

/// Attributes likewise.
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "property",
    "rel",
    "href",
    "class",
    "id",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-current",
    "aria-hidden",
    "tabindex",
    "scope",
    "colspan",
    "rowspan",
    "headers",
    "span",
    "start",
    "src",
    "alt",
    "title",
    "dir",
    "width",
    "height",
    "viewbox",
    "xmlns",
    "font-family",
    "font-size",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "d",
    "x",
    "y",
    "dy",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "points",
    "text-anchor",
    "opacity",
    "fill-opacity",
    "dominant-baseline",
    "transform",
    "type",
    "disabled",
    "checked",
    "loading",
    "decoding",
    "data-kind",
    "datetime",
    "focusable",
    "stroke-linejoin",
    "stroke-linecap",
];

/// What a build of the hostile site came to, when nothing in it was wrong.
pub enum Outcome {
    /// Built, with this many pages checked.
    Built(usize),
    /// Refused, with nothing written.
    Refused,
}

/// Builds the hostile site with `chosen[i]` in the field `names[i]` (`None`: a harmless
/// value), then checks what was written (`check_site`), or that a refusal wrote nothing.
pub fn build_and_check(
    names: &[(String, bool)],
    chosen: &[Option<Vec<Piece>>],
) -> Result<Outcome, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let content = dir.path().join("content");
    let by_name: std::collections::HashMap<&str, &Option<Vec<Piece>>> = names
        .iter()
        .map(|(n, _)| n.as_str())
        .zip(chosen.iter())
        .collect();
    write_site(&content, &|name, raw| match by_name.get(name) {
        Some(Some(pieces)) if raw => raw_string(pieces),
        Some(Some(pieces)) => yaml_string(pieces),
        // Names used twice (a glossary term and the scheme that cites it) stay equal.
        _ if raw => format!("見本{name}"),
        _ => format!("\"見本{name}\""),
    });
    let output = dir.path().join("output");
    match sosei::build::build(&content, &output) {
        Ok(_) => check_site(&output).map(Outcome::Built),
        Err(_) if output.exists() => Err("a refused build wrote its output".into()),
        Err(_) => Ok(Outcome::Refused),
    }
}

/// Checks every file of a built site: no control character in any text file, and every
/// page parsed as a browser would (html5ever) holds no script, no event handler, no
/// `javascript:`/`data:` address, no remote image, no element or attribute outside what
/// sosei writes, and a print header that stays inside its CSS string.
pub fn check_site(output: &Path) -> Result<usize, String> {
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(output) {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let rel = path.strip_prefix(output).unwrap().display().to_string();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "css" | "csv" | "json" | "xml") {
            continue;
        }
        let text = fs::read_to_string(path).map_err(|e| format!("{rel}: {e}"))?;
        if let Some(c) = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            return Err(format!(
                "{rel}: holds the control character U+{:04X}",
                c as u32
            ));
        }
        if ext == "html" {
            check_page(&rel, &text)?;
            pages += 1;
        }
    }
    Ok(pages)
}

fn check_page(rel: &str, text: &str) -> Result<(), String> {
    let doc = scraper::Html::parse_document(text);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        if !ELEMENTS.contains(&name) {
            return Err(format!(
                "{rel}: an element <{name}> that sosei does not write"
            ));
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                return Err(format!(
                    "{rel}: an event handler {attr}=\"{value}\" on <{name}>"
                ));
            }
            if name == "meta" && attr == "http-equiv" {
                return Err(format!("{rel}: <meta http-equiv>"));
            }
            if !ATTRIBUTES.contains(&attr.as_str()) {
                return Err(format!(
                    "{rel}: an attribute {attr} on <{name}> that sosei does not write"
                ));
            }
            let address: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(attr.as_str(), "href" | "src")
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| address.starts_with(s))
            {
                return Err(format!(
                    "{rel}: a javascript-like address <{name} {attr}=\"{value}\">"
                ));
            }
            if name == "img" && attr == "src" {
                let remote = address.contains(':')
                    || address.starts_with('/')
                    || address.starts_with('\\')
                    || value.contains('\\');
                if remote {
                    return Err(format!("{rel}: an image from elsewhere: src=\"{value}\""));
                }
            }
        }
        if name == "style" {
            let css: String = node
                .children()
                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                .collect();
            check_print_header(rel, &css)?;
        }
    }
    Ok(())
}

/// The only `<style>` sosei writes is the full report's print header: one CSS string
/// whose escapes never end it early.
fn check_print_header(rel: &str, css: &str) -> Result<(), String> {
    let fail = || {
        Err(format!(
            "{rel}: a <style> that is not the print header: {css:?}"
        ))
    };
    let Some(rest) = css.strip_prefix("@page { @top-center { content: \"") else {
        return fail();
    };
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => {
                return if &rest[i..] == "\"; } } @page :first { @top-center { content: none; } }" {
                    Ok(())
                } else {
                    fail()
                };
            }
            c if c.is_control() || c == '<' => return fail(),
            _ => {}
        }
    }
    fail()
}
