//! The one door to YAML: typed reading with serde_yaml, and a map from key paths to lines.
//!
//! serde_yaml is deprecated upstream, so every call to it lives here. It reports the
//! position of syntax and type errors itself; for the later checks that need to point
//! at a value that parsed well (an unknown id, a year outside the plan), `LineIndex`
//! records where each key and item starts, using saphyr's event parser.

use crate::diag::{did_you_mean, Diagnostic};
use saphyr_parser::{Event, Parser};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::PathBuf;

/// The text of one source file, with where it sits in the file it came from.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// Path relative to the content folder.
    pub path: PathBuf,
    pub text: String,
    /// Lines before this text in its file (front matter starts after the `---` line).
    pub line_offset: usize,
}

/// One step of a path into a YAML document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Builds a path from keys and indices: `path!["actuals", "tenshutsu"]`.
pub fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

/// Where every key and list item of a document starts (1-based line, 1-based column).
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    positions: HashMap<Vec<Seg>, (usize, usize)>,
    line_offset: usize,
}

impl LineIndex {
    /// The position of the node at `path`, or of its nearest ancestor that was recorded.
    pub fn find(&self, path: &[Seg]) -> Option<(usize, usize)> {
        (0..=path.len())
            .rev()
            .find_map(|n| self.positions.get(&path[..n]))
            .map(|(l, c)| (l + self.line_offset, *c))
    }

    fn build(text: &str, line_offset: usize) -> LineIndex {
        enum Frame {
            Map { expecting_key: bool },
            Seq { next: usize },
        }
        let mut positions = HashMap::new();
        let mut path: Vec<Seg> = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let pos = (span.start.line(), span.start.col() + 1);
            let opens = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
            let is_node = opens || matches!(event, Event::Scalar(..) | Event::Alias(..));
            if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                stack.pop();
                if !stack.is_empty() {
                    path.pop(); // the collection was the value of a key or an item
                }
                continue;
            }
            if !is_node {
                continue;
            }
            // Work out the node's path segment from its parent.
            match stack.last_mut() {
                Some(Frame::Map { expecting_key }) if *expecting_key => {
                    *expecting_key = false;
                    let name = match &event {
                        Event::Scalar(value, ..) => value.to_string(),
                        _ => String::from("?"),
                    };
                    path.push(Seg::Key(name));
                    positions.entry(path.clone()).or_insert(pos);
                    if !opens {
                        continue; // a key: its value comes next
                    }
                }
                Some(Frame::Map { expecting_key }) => {
                    *expecting_key = true; // this node is the value; the key is on the path
                }
                Some(Frame::Seq { next }) => {
                    path.push(Seg::Index(*next));
                    positions.insert(path.clone(), pos);
                    *next += 1;
                }
                None => {
                    positions.insert(Vec::new(), pos);
                }
            }
            if opens {
                stack.push(match event {
                    Event::MappingStart(..) => Frame::Map {
                        expecting_key: true,
                    },
                    _ => Frame::Seq { next: 0 },
                });
            } else if !stack.is_empty() {
                path.pop(); // a scalar value or item is complete
            }
        }
        LineIndex {
            positions,
            line_offset,
        }
    }
}

/// A typed document together with where its parts are.
#[derive(Clone, Debug)]
pub struct Parsed<T> {
    pub value: T,
    pub index: LineIndex,
}

/// Reads `source` as a `T`. Errors say where, what was found and what was expected.
pub fn parse<T: DeserializeOwned>(source: &SourceText) -> Result<Parsed<T>, Diagnostic> {
    if source.text.trim().is_empty() {
        return Err(Diagnostic::error(&source.path, "the file is empty")
            .at(Some((source.line_offset + 1, 1)))
            .expected("YAML settings such as `key: value`; see docs/content-format.md"));
    }
    match serde_yaml::from_str::<T>(&source.text) {
        Ok(value) => Ok(Parsed {
            value,
            index: LineIndex::build(&source.text, source.line_offset),
        }),
        Err(err) => Err(to_diagnostic(source, &err)),
    }
}

fn to_diagnostic(source: &SourceText, err: &serde_yaml::Error) -> Diagnostic {
    let position = err
        .location()
        .map(|l| (l.line() + source.line_offset, l.column()));
    let message = strip_position(&err.to_string());
    let shown = match message.find(", expected one of ") {
        Some(i) if message.contains("unknown field") => &message[..i],
        _ => &message,
    };
    let mut d = Diagnostic::error(&source.path, explain(shown)).at(position);
    if let Some((found, expected)) = unknown_field(&message) {
        let listed: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
        d = d
            .expected(format!("one of {}", listed.join(", ")))
            .help_opt(did_you_mean(&found, expected.iter().map(String::as_str)));
    } else if message.contains("missing field") {
        d = d.expected("the field to be present; see docs/content-format.md");
    }
    if let Some(line) = position.and_then(|(l, _)| line_text(source, l)) {
        let unbalanced =
            |open: char, close: char| line.matches(open).count() > line.matches(close).count();
        if unbalanced('[', ']') {
            d = d.help("a `[` on this line is not closed with `]`");
        } else if unbalanced('{', '}') {
            d = d.help("a `{` on this line is not closed with `}`");
        }
        if line.starts_with('\t') || line.trim_start_matches(' ').starts_with('\t') {
            d = d.help("YAML indentation must use spaces, not tabs");
        }
    }
    d
}

/// The text of 1-based line `line` of the file the source came from.
fn line_text(source: &SourceText, line: usize) -> Option<&str> {
    source
        .text
        .lines()
        .nth(line.checked_sub(source.line_offset + 1)?)
}

/// Makes serde's wording friendlier where a planner is likely to see it.
fn explain(message: &str) -> String {
    let message = message.replace(
        "found character that cannot start any token",
        "found a character that YAML does not allow here (a tab?)",
    );
    // serde: "path: invalid type: sequence, expected u32" → "path: found a list where a whole number was expected"
    let Some(at) = message.find("invalid type: ") else {
        return message;
    };
    let (head, rest) = message.split_at(at);
    let rest = &rest["invalid type: ".len()..];
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return message;
    };
    let plain = |t: &str| -> String {
        match t.trim() {
            "sequence" => "a list".into(),
            "map" => "a mapping (key: value lines)".into(),
            "unit value" => "nothing (an empty value)".into(),
            "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a whole number".into(),
            "a boolean" | "boolean" => "true or false".into(),
            other => other.to_string(),
        }
    };
    format!(
        "{head}found {} where {} was expected",
        plain(found),
        plain(expected)
    )
}

/// Removes serde_yaml's own ` at line N column M` (we print the position ourselves).
fn strip_position(message: &str) -> String {
    let mut out = message.to_string();
    for marker in [" at line ", " at position "] {
        while let Some(start) = out.find(marker) {
            let rest = &out[start + marker.len()..];
            let end = rest
                .find(',')
                .map(|i| start + marker.len() + i)
                .unwrap_or(out.len());
            out.replace_range(start..end, "");
        }
    }
    out
}

/// From "unknown field `unti`, expected one of `id`, `unit`": the found key and the expected ones.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (found, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect();
    Some((found.to_string(), expected))
}

/// Splits `---` front matter off a Markdown file: (front matter, body, body's first line).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((front, body, i + 3));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        items: Vec<Item>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        unit: Option<String>,
    }

    fn source(text: &str) -> SourceText {
        SourceText {
            path: "a.yaml".into(),
            text: text.into(),
            line_offset: 0,
        }
    }

    #[test]
    fn unknown_key_names_line_and_near_miss() {
        let err = parse::<Doc>(&source("name: x\nitems:\n  - id: a\n    unti: '%'\n")).unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(
            err.message.contains("unknown field `unti`"),
            "{}",
            err.message
        );
        assert_eq!(err.help.as_deref(), Some("did you mean `unit`?"));
        assert!(!err.message.contains("at line"));
    }

    #[test]
    fn index_finds_keys_and_items() {
        let text = "name: x\nitems:\n  - id: a\n  - id: b\n    unit: '%'\nflow: [p, q]\n";
        let index = LineIndex::build(text, 0);
        assert_eq!(index.find(&[key("name")]), Some((1, 1)));
        assert_eq!(
            index.find(&[key("items"), Seg::Index(1), key("unit")]),
            Some((5, 5))
        );
        assert_eq!(index.find(&[key("items"), Seg::Index(1)]), Some((4, 5)));
        assert_eq!(index.find(&[key("flow"), Seg::Index(1)]), Some((6, 11)));
        assert_eq!(index.find(&[key("items"), Seg::Index(7)]), Some((2, 1)));
    }

    #[test]
    fn front_matter_split() {
        let (front, body, line) = split_front_matter("---\ntitle: a\n---\n# Body\n").unwrap();
        assert_eq!(front, "title: a\n");
        assert_eq!(body, "# Body\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("# no front matter").is_none());
    }

    #[test]
    fn empty_file_is_reported() {
        let err = parse::<Doc>(&source("  \n")).unwrap_err();
        assert!(err.message.contains("empty"));
    }
}
