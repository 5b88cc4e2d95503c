//! The one door to YAML: typed reading with serde_yaml, and a map from key paths to lines.
//!
//! serde_yaml is deprecated upstream, so every call to it lives here. It reports the
//! position of syntax and type errors itself; for the later checks that need to point
//! at a value that parsed well (an unknown id, a year outside the plan), `LineIndex`
//! records where each key and item starts, using saphyr's event parser.

mod hints;

use crate::diag::Diagnostic;
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

/// A key segment of a path: `[key("actuals"), key("tenshutsu")]`.
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
    if let Some(d) = hints::before_parsing(source) {
        return Err(d);
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
    hints::diagnose(source, &err.to_string(), position)
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
