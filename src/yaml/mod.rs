//! The one door to YAML: typed reading with serde_yaml, and a map from key paths to lines.
//!
//! serde_yaml is deprecated upstream, so every call to it lives here. It reports the
//! position of syntax and type errors itself; for the later checks that need to point
//! at a value that parsed well (an unknown id, a year outside the plan), `LineIndex`
//! records where each key and item starts, using saphyr's event parser. `parse_all`
//! reports every unknown field of a file, not only the first (see `unknown`).

mod entries;
mod hints;
mod index;
mod suggest;
mod syntax;
mod unknown;

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
/// Reports the first problem only; `parse_all` reports every unknown field.
pub fn parse<T: DeserializeOwned>(source: &SourceText) -> Result<T, Diagnostic> {
    parse_all(source).map_err(|problems| {
        problems
            .into_iter()
            .next()
            .unwrap_or_else(|| Diagnostic::error(&source.path, m!("yaml.not-parsed")))
    })
}

/// As `parse`, reporting every unknown field of the file and the error that follows
/// them, if another does (never empty on error). A file that parses costs no more.
pub fn parse_all<T: DeserializeOwned>(source: &SourceText) -> Result<T, Vec<Diagnostic>> {
    if let Some(d) = hints::before_parsing(source) {
        return Err(vec![d]);
    }
    match serde_yaml::from_str::<T>(&source.text) {
        Ok(value) => checked(source, value).map_err(|d| vec![d]),
        Err(err) => Err(unknown::every_problem::<T>(source, err)),
    }
}

/// `value`, read from `source`, unless a string in it spells a control character.
fn checked<T>(source: &SourceText, value: T) -> Result<T, Diagnostic> {
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
pub(super) fn escaped_control(source: &SourceText) -> Option<Diagnostic> {
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
                    m!(
                        "yaml.escaped-control",
                        character = crate::load::controls::describe(c)
                    ),
                )
                .at(Some(position))
                .expected(m!("yaml.expected-no-control-escapes")),
            );
        }
    }
    None
}

/// A YAML mapping of strings to strings (sosei's message catalogues), or serde_yaml's
/// own words on failure: no diagnostic, since diagnostics are worded from the catalogues.
pub(crate) fn string_map(text: &str) -> Result<std::collections::BTreeMap<String, String>, String> {
    serde_yaml::from_str(text).map_err(|e| e.to_string())
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
