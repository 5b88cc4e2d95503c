//! The event stream of a YAML text, read with saphyr, to find a mapping entry by where
//! its key starts: the events of its key and value, and the other keys of its mapping.
//!
//! Used only after serde_yaml has refused a file, to report every unknown field: an
//! entry is taken out of the text, and the stream read again must be the old one without
//! that entry's events, so that what serde sees next is not a knock-on of the removal.

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

/// One event without its position and anchor number, so that two streams compare by
/// what they say.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    DocumentStart(bool),
    DocumentEnd,
    Scalar(String, ScalarStyle, Option<Tag>),
    Alias,
    SequenceStart(Option<Tag>),
    SequenceEnd,
    MappingStart(Option<Tag>),
    MappingEnd,
}

/// The events of a text, the (1-based line, 1-based column) where each starts, and the
/// syntax error that ended the stream, if one did.
#[derive(Debug)]
pub(super) struct Events {
    nodes: Vec<Node>,
    starts: Vec<(usize, usize)>,
    error: Option<(usize, usize, String)>,
}

/// A key of a mapping and its value: events `first..=last`, and the mapping's other keys.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Entry {
    first: usize,
    last: usize,
    /// The other keys of the same mapping, in order (complex keys left out).
    pub siblings: Vec<String>,
}

impl Events {
    pub(super) fn read(text: &str) -> Events {
        let mut events = Events {
            nodes: Vec::new(),
            starts: Vec::new(),
            error: None,
        };
        for item in Parser::new_from_str(text) {
            let (event, span) = match item {
                Ok(e) => e,
                Err(e) => {
                    let at = e.marker();
                    events.error = Some((at.line(), at.col() + 1, e.info().to_string()));
                    break;
                }
            };
            let node = match event {
                Event::DocumentStart(explicit) => Node::DocumentStart(explicit),
                Event::DocumentEnd => Node::DocumentEnd,
                Event::Scalar(value, style, _, tag) => {
                    Node::Scalar(value.into_owned(), style, tag.map(|t| t.into_owned()))
                }
                Event::Alias(_) => Node::Alias,
                Event::SequenceStart(_, tag) => Node::SequenceStart(tag.map(|t| t.into_owned())),
                Event::SequenceEnd => Node::SequenceEnd,
                Event::MappingStart(_, tag) => Node::MappingStart(tag.map(|t| t.into_owned())),
                Event::MappingEnd => Node::MappingEnd,
                Event::StreamStart | Event::StreamEnd | Event::Nothing => continue,
            };
            events.nodes.push(node);
            events
                .starts
                .push((span.start.line(), span.start.col() + 1));
        }
        events
    }

    /// The mapping entry whose key is the scalar starting at `line`, `column`.
    pub(super) fn entry_at(&self, line: usize, column: usize) -> Option<Entry> {
        // (index of the mapping's start, whether its next node is a key)
        let mut maps: Vec<Option<(usize, bool)>> = Vec::new();
        let mut found = None;
        for (i, node) in self.nodes.iter().enumerate() {
            let is_key = matches!(maps.last(), Some(Some((_, true))));
            if let Some(Some((_, expecting_key))) = maps.last_mut() {
                if !matches!(node, Node::MappingEnd | Node::SequenceEnd) {
                    *expecting_key = !*expecting_key;
                }
            }
            match node {
                Node::Scalar(..) if is_key && self.starts[i] == (line, column) => {
                    let parent = maps.last().copied().flatten().map(|(p, _)| p);
                    found = parent.map(|p| (p, i));
                    break;
                }
                Node::MappingStart(_) => maps.push(Some((i, true))),
                Node::SequenceStart(_) => maps.push(None),
                Node::MappingEnd | Node::SequenceEnd => {
                    maps.pop();
                }
                _ => {}
            }
        }
        let (parent, first) = found?;
        let last = self.node_end(first + 1)?;
        let mut siblings = Vec::new();
        // The keys of the parent, as far as the stream goes (a syntax error may end it).
        let mut key = parent + 1;
        while let Some(node) = self.nodes.get(key) {
            match node {
                Node::Scalar(name, ..) if key != first => siblings.push(name.clone()),
                Node::MappingEnd => break,
                _ => {}
            }
            let Some(value_end) = self.node_end(key).and_then(|k| self.node_end(k + 1)) else {
                break;
            };
            key = value_end + 1;
        }
        Some(Entry {
            first,
            last,
            siblings,
        })
    }

    /// Whether `other` is this stream without `entry`: the same events, and the same
    /// syntax error (if any) at the same place.
    pub(super) fn same_without(&self, entry: &Entry, other: &Events) -> bool {
        let (before, after) = (&self.nodes[..entry.first], &self.nodes[entry.last + 1..]);
        other.nodes.len() == before.len() + after.len()
            && other.nodes[..before.len()] == *before
            && other.nodes[before.len()..] == *after
            && other.error == self.error
    }

    /// The index of the last event of the node that starts at event `start`.
    fn node_end(&self, start: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (i, node) in self.nodes.iter().enumerate().skip(start) {
            match node {
                Node::MappingStart(_) | Node::SequenceStart(_) => depth += 1,
                Node::MappingEnd | Node::SequenceEnd => depth = depth.checked_sub(1)?,
                Node::DocumentStart(_) | Node::DocumentEnd => return None,
                Node::Scalar(..) | Node::Alias => {}
            }
            if depth == 0 {
                return Some(i);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_found_by_its_key_with_its_siblings() {
        let text = "a: 1\nitems:\n  - id: x\n    unti: [p, q]\n    name: n\nb: {c: 2}\n";
        let events = Events::read(text);
        let entry = events.entry_at(4, 5).unwrap();
        assert_eq!(entry.siblings, ["id", "name"]);
        // key, sequence start, two items, sequence end
        assert_eq!(entry.last - entry.first, 4);
        let top = events.entry_at(2, 1).unwrap();
        assert_eq!(top.siblings, ["a", "b"]);
        assert_eq!(
            events.entry_at(6, 5).unwrap().siblings,
            Vec::<String>::new()
        );
        // A value, not a key; a place where nothing starts.
        assert_eq!(events.entry_at(1, 4), None);
        assert_eq!(events.entry_at(3, 2), None);
    }

    #[test]
    fn a_stream_without_an_entry_is_recognised() {
        let events = Events::read("a: 1\nunti: |\n  x\n  y\nb: 2\n");
        let entry = events.entry_at(2, 1).unwrap();
        assert!(events.same_without(&entry, &Events::read("a: 1\n\n\n\nb: 2\n")));
        assert!(!events.same_without(&entry, &Events::read("a: 1\n\n  x\n  y\nb: 2\n")));
        assert!(!events.same_without(&entry, &Events::read("a: 1\n")));
    }

    #[test]
    fn a_syntax_error_must_stay_where_it_was() {
        let events = Events::read("a: 1\nunti: 2\nb: [3\n");
        assert!(events.error.is_some());
        let entry = events.entry_at(2, 1).unwrap();
        assert_eq!(entry.siblings, ["a", "b"]);
        assert!(events.same_without(&entry, &Events::read("a: 1\n\nb: [3\n")));
        assert!(!events.same_without(&entry, &Events::read("a: 1\nb: [3\n")));
    }
}
