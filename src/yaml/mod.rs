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
    let value =
        serde_yaml::from_str::<T>(&source.text).map_err(|err| to_diagnostic(source, &err))?;
    // Raw control characters are refused when the file is read; a double-quoted scalar
    // can still spell one as an escape (`"\x00"`, `"\e"`), which only parsing reveals.
    if source.text.contains('\\') {
        if let Some(d) = escaped_control(source) {
            return Err(d);
        }
    }
    Ok(value)
}

/// The first scalar whose escapes decode to a control character other than tab and line feed.
fn escaped_control(source: &SourceText) -> Option<Diagnostic> {
    use saphyr_parser::{Event, Parser};
    for item in Parser::new_from_str(&source.text) {
        let Ok((Event::Scalar(value, ..), span)) = item else {
            continue;
        };
        if let Some(c) = value
            .chars()
            .find(|c| crate::load::controls::is_forbidden(*c))
        {
            let position = (span.start.line() + source.line_offset, span.start.col() + 1);
            return Some(
                Diagnostic::error(
                    &source.path,
                    format!(
                        "this string's escapes make the control character {}",
                        crate::load::controls::describe(c)
                    ),
                )
                .at(Some(position))
                .expected("text without control characters: `\\t` and `\\n` are the only escapes of that kind allowed"),
            );
        }
    }
    None
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
    fn escaped_controls_are_refused_with_their_line() {
        for escape in [
            "\\x00",
            "\\0",
            "\\u0000",
            "\\e",
            "\\f",
            "\\r",
            "\\x85",
            "\\N",
            "\\U0000001b",
        ] {
            let text = format!("name: ok\nitems:\n  - id: \"a{escape}b\"\n");
            let err = parse::<Doc>(&source(&text)).expect_err(escape);
            assert_eq!(err.line, Some(3), "{escape}");
            assert!(err.message.contains("control character"), "{}", err.message);
        }
        let fine = "name: \"tab\\tand\\nline \\\\ back\"\nitems: []\n";
        assert!(parse::<Doc>(&source(fine)).is_ok());
    }

    #[test]
    fn empty_file_is_reported() {
        let err = parse::<Doc>(&source("  \n")).unwrap_err();
        assert!(err.message.contains("empty"));
    }
}
