//! Where each key and list item of a YAML document starts, for diagnostics that point
//! at a value that parsed well (an unknown id, a year outside the plan).
//!
//! Built from saphyr's event parser, and only when a diagnostic needs a position: most
//! files never need one, so loading does not pay for it.

use saphyr_parser::{Event, Parser};
use std::collections::HashMap;

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

    /// Reads the positions of `text`, whose first line is line `line_offset + 1` of its file.
    pub fn build(text: &str, line_offset: usize) -> LineIndex {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
