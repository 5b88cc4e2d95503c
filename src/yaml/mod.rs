//! The one door to YAML: typed reading with serde_yaml, and a map from key paths to lines.
//!
//! serde_yaml is deprecated upstream, so every call to it lives here. It reports the
//! position of syntax and type errors itself; for the later checks that need to point
//! at a value that parsed well (an unknown id, a year outside the plan), `LineIndex`
//! records where each key and item starts, using saphyr's event parser.

mod hints;
mod index;

pub use index::{key, LineIndex, Seg};

use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;
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

/// Reads `source` as a `T`. Errors say where, what was found and what was expected.
/// Positions of keys that parsed well are read later, when needed (`LineIndex`).
pub fn parse<T: DeserializeOwned>(source: &SourceText) -> Result<T, Diagnostic> {
    if let Some(d) = hints::before_parsing(source) {
        return Err(d);
    }
    serde_yaml::from_str::<T>(&source.text).map_err(|err| to_diagnostic(source, &err))
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
