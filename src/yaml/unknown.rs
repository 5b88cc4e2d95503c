//! Every unknown field of a file in one run. serde_yaml stops at the first error, and
//! every source struct denies unknown fields: after "unknown field `x`", the entry is
//! taken out of the text (its lines left empty, so that later lines keep their numbers)
//! and the text parsed again, until it parses or another error comes.
//!
//! A removal is trusted only if saphyr reads the new text as the old one without that
//! entry (the same events, the same syntax error in the same place): otherwise the next
//! error could be a knock-on of the removal, and the loop stops with what it has.

use super::entries::Events;
use super::{hints, suggest, SourceText};
use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;

/// At most this many unknown fields are reported for one file.
const MOST_UNKNOWN: usize = 100;

/// At most this many bytes are parsed again for one file (each try reads the whole text
/// twice), so that a huge file full of unknown fields is not read a hundred times.
const MOST_BYTES_AGAIN: usize = 64 << 20;

/// Every problem of `source`, whose first parse failed with `first`: each unknown field,
/// then the error that followed them, unless it comes from a key taken out (a required
/// field spelt wrong is reported once, as the unknown field).
pub(super) fn every_problem<T: DeserializeOwned>(
    source: &SourceText,
    first: serde_yaml::Error,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut unknown_keys: Vec<String> = Vec::new();
    let mut current = source.clone();
    let mut events: Option<Events> = None;
    let mut err = first;
    loop {
        let raw = err.to_string();
        let position = err.location().map(|l| (l.line(), l.column()));
        let in_file = position.map(|(l, c)| (l + source.line_offset, c));
        let (Some(key), Some((line, column))) = (hints::unknown_key(&raw), position) else {
            if !unknown_keys
                .iter()
                .any(|k| suggest::missing_because_of(&raw, k))
            {
                found.push(hints::diagnose(&current, &raw, in_file, &[]));
            }
            break;
        };
        let old = events.get_or_insert_with(|| Events::read(&current.text));
        let entry = old.entry_at(line, column);
        let present = entry.as_ref().map(|e| e.siblings.as_slice()).unwrap_or(&[]);
        found.push(hints::diagnose(&current, &raw, in_file, present));
        unknown_keys.push(key);
        if !worth_another_try(found.len(), current.text.len()) {
            break;
        }
        let Some(entry) = entry else { break };
        let Some(text) = remove_entry(&current.text, line, column) else {
            break;
        };
        let new = Events::read(&text);
        if !old.same_without(&entry, &new) {
            break;
        }
        events = Some(new);
        current.text = text;
        match serde_yaml::from_str::<T>(&current.text) {
            Ok(_) => {
                if current.text.contains('\\') {
                    found.extend(super::escaped_control(&current));
                }
                break;
            }
            Err(next) => err = next,
        }
    }
    found
}

/// Whether to look for another unknown field after `reported` of them in a text of
/// `len` bytes (see `MOST_UNKNOWN`, `MOST_BYTES_AGAIN`).
fn worth_another_try(reported: usize, len: usize) -> bool {
    reported < MOST_UNKNOWN && reported.saturating_mul(len) <= MOST_BYTES_AGAIN
}

/// `text` without the block mapping entry whose key starts at `line`, `column` (1-based):
/// the key's line and the lines of its value (indented deeper, or a `- ` list at the
/// key's own indentation) are left empty. A key after `- ` keeps the dash, followed by
/// `{}` when no other key of that item follows. `None` for a key that is not the first
/// thing on its line (a flow mapping `{a: 1, b: 2}`, a `? ` key).
fn remove_entry(text: &str, line: usize, column: usize) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let key_line = *lines.get(line.checked_sub(1)?)?;
    let indent = column.checked_sub(1)?;
    let prefix = key_line.get(..indent)?;
    if !is_block_prefix(prefix) {
        return None;
    }
    let after_key = key_line[indent..].trim_end();
    let opens_block = after_key.ends_with(':') || after_key.contains(": #");
    // The value's lines; blank and comment lines count only when the value goes on after them.
    let mut last = line - 1;
    let mut next_sibling = false;
    for (i, l) in lines.iter().enumerate().skip(line) {
        let content = l.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches(' ');
        let depth = content.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let dash = trimmed == "-" || trimmed.starts_with("- ");
        if depth > indent || (opens_block && depth == indent && dash) {
            last = i;
            continue;
        }
        next_sibling = depth == indent;
        break;
    }
    let mut out = String::with_capacity(text.len());
    for (i, l) in lines.iter().enumerate() {
        let ending = &l[l.trim_end_matches(['\n', '\r']).len()..];
        if i == line - 1 && prefix.contains('-') {
            out.push_str(prefix.trim_end());
            if !next_sibling {
                out.push_str(" {}");
            }
            out.push_str(ending);
        } else if (line - 1..=last).contains(&i) {
            out.push_str(ending);
        } else {
            out.push_str(l);
        }
    }
    Some(out)
}

/// Whether what comes before a key on its line is only indentation and `- ` markers.
fn is_block_prefix(prefix: &str) -> bool {
    let bytes = prefix.as_bytes();
    bytes.iter().enumerate().all(|(i, b)| match b {
        b' ' => true,
        b'-' => bytes.get(i + 1) == Some(&b' '),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        year: Option<u16>,
        #[serde(default)]
        items: Vec<Item>,
        period: Option<Period>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        unit: Option<String>,
        target: Option<u32>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Period {
        from: u16,
        to: u16,
    }

    fn problems(text: &str, line_offset: usize) -> Vec<(usize, usize, String)> {
        let source = SourceText {
            path: "a.yaml".into(),
            text: text.into(),
            line_offset,
        };
        super::super::parse_all::<Doc>(&source)
            .unwrap_err()
            .into_iter()
            .map(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0), d.message))
            .collect()
    }

    #[test]
    fn three_unknown_fields_at_three_depths_are_all_reported() {
        let text = "title: t\nyeer: 3\nitems:\n  - id: a\n    unti: '%'\nperiod:\n  from: 2020\n  till: 2024\n  to: 2024\n";
        assert_eq!(
            problems(text, 0),
            [
                (2, 1, "unknown field `yeer`".to_string()),
                (5, 5, "items[0]: unknown field `unti`".to_string()),
                (8, 3, "period: unknown field `till`".to_string()),
            ]
        );
        // In front matter, lines count from the file's start.
        assert_eq!(problems(text, 1)[2].0, 9);
    }

    #[test]
    fn a_block_value_goes_with_its_key_and_a_later_error_keeps_its_line() {
        let text =
            "title: t\nnotes: |\n  first\n\n  year: 1\nitems:\n  - id: a\n    target: many\n";
        let found = problems(text, 0);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (2, 1));
        assert_eq!(found[1].0, 8, "{found:?}");
        assert!(found[1].2.contains("target"), "{found:?}");
    }

    #[test]
    fn a_misspelt_required_field_is_not_also_reported_missing() {
        let found = problems("titel: t\nyear: 3\nitemz: []\n", 0);
        let messages: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
        assert_eq!(
            messages,
            ["unknown field `titel`", "unknown field `itemz`"],
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_field_unrelated_to_the_unknown_ones_is_reported() {
        let found = problems("title: t\nitems:\n  - unti: x\n", 0);
        let messages: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
        assert_eq!(
            messages,
            [
                "items[0]: unknown field `unti`",
                "items[0]: missing field `id`"
            ],
            "{found:?}"
        );
    }

    #[test]
    fn a_flow_mapping_stops_at_its_first_unknown_field() {
        let found = problems("title: t\nperiod: {from: 1, till: 2, to: 3, unti: 4}\n", 0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].2.contains("`till`"));
    }

    #[test]
    fn a_syntax_error_after_unknown_fields_is_reported_too() {
        let found = problems("title: t\nyeer: 3\nitems: [a\n", 0);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].2, "unknown field `yeer`");
        assert_eq!(found[1].0, 3, "{found:?}");
    }

    #[test]
    fn a_removal_that_changes_the_document_stops_the_search() {
        // The anchor is defined in the unknown entry and used later: taking it out would
        // make a knock-on error, so only the first unknown field is reported.
        let found = problems("yeer: &y 3\ntitle: t\nyear: *y\nunti: 4\n", 0);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_suggestion_already_present_in_the_item_is_withheld() {
        let source = SourceText {
            path: "a.yaml".into(),
            text: "title: t\nitems:\n  - id: a\n    unit: '%'\n    unti: '%'\n  - id: b\n    unti: '%'\n".into(),
            line_offset: 0,
        };
        let found = super::super::parse_all::<Doc>(&source).unwrap_err();
        assert_eq!(found.len(), 2, "{found:?}");
        let first = found[0].help.as_deref().unwrap();
        assert!(
            first.starts_with("`unit` is already set in this mapping"),
            "{first}"
        );
        assert_eq!(found[1].help.as_deref(), Some("did you mean `unit`?"));
    }

    #[test]
    fn the_search_is_bounded() {
        let mut text = String::from("title: t\n");
        for i in 0..150 {
            text.push_str(&format!("extra{i}: {i}\n"));
        }
        assert_eq!(problems(&text, 0).len(), MOST_UNKNOWN);
        // A big file is tried again fewer times.
        assert!(worth_another_try(99, 600_000));
        assert!(!worth_another_try(100, 10));
        assert!(worth_another_try(1, 60 << 20));
        assert!(!worth_another_try(2, 60 << 20));
    }

    #[test]
    fn a_block_entry_is_removed_with_its_value_keeping_line_numbers() {
        let text = "a: 1\nunti: |\n  x\n\n  y\n# note\nb: 2\n";
        assert_eq!(
            remove_entry(text, 2, 1).unwrap(),
            "a: 1\n\n\n\n\n# note\nb: 2\n"
        );
        let list = "unti:\n- p\n- q\nb: 2\n";
        assert_eq!(remove_entry(list, 1, 1).unwrap(), "\n\n\nb: 2\n");
        let crlf = "a: 1\r\n  unti: 2\r\n  b: 3\r\n";
        assert_eq!(remove_entry(crlf, 2, 3).unwrap(), "a: 1\r\n\r\n  b: 3\r\n");
    }

    #[test]
    fn a_key_after_a_dash_keeps_its_item() {
        let text = "items:\n  - unti: x\n    id: a\n  - unti:\n      deep: 1\n  - id: b\n";
        let once = remove_entry(text, 2, 5).unwrap();
        assert_eq!(
            once,
            "items:\n  -\n    id: a\n  - unti:\n      deep: 1\n  - id: b\n"
        );
        assert_eq!(
            remove_entry(&once, 4, 5).unwrap(),
            "items:\n  -\n    id: a\n  - {}\n\n  - id: b\n"
        );
    }

    #[test]
    fn a_key_inside_a_flow_mapping_is_not_removed() {
        assert_eq!(remove_entry("a: {b: 1, unti: 2}\n", 1, 11), None);
        assert_eq!(remove_entry("? unti\n: 2\n", 1, 3), None);
        assert_eq!(remove_entry("a: 1\n", 9, 1), None);
    }
}
