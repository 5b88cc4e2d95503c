//! The vocabulary: every fixed word sosei writes (戦略, 数値目標, 当初値, captions,
//! sentences), by key. The theme's `vocabulary.yaml` holds a Japanese default; a site's
//! theme and its content folder may override it key by key. A key asked for and not
//! there is an error that names it, never a blank.

use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::source::VocabularySource;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;

/// The built-in vocabulary.
pub const DEFAULT: &str = include_str!("../themes/default/vocabulary.yaml");

/// Words by key, and the keys asked for that were not there.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: BTreeMap<String, String>,
    missing: Mutex<BTreeSet<String>>,
}

impl Clone for Vocabulary {
    fn clone(&self) -> Self {
        Vocabulary {
            words: self.words.clone(),
            missing: Mutex::new(crate::lock(&self.missing).clone()),
        }
    }
}

impl PartialEq for Vocabulary {
    fn eq(&self, other: &Self) -> bool {
        self.words == other.words
    }
}

impl Vocabulary {
    /// The built-in words alone.
    pub fn builtin() -> Result<Vocabulary, Diagnostic> {
        let source = crate::yaml::SourceText {
            path: "(built-in theme)/vocabulary.yaml".into(),
            text: DEFAULT.into(),
            line_offset: 0,
        };
        let words = crate::yaml::parse::<VocabularySource>(&source)?;
        Ok(Vocabulary {
            words,
            missing: Mutex::default(),
        })
    }

    /// The built-in words, then a site theme's `vocabulary.yaml` (in `theme_dir`), then
    /// the content's own: each overrides the keys it names; a key the built-in
    /// vocabulary does not know is an error (a typo would otherwise be silently unused).
    pub fn for_site(
        theme_dir: Option<&Path>,
        content: Option<&Loaded<VocabularySource>>,
        diags: &mut Diagnostics,
    ) -> Vocabulary {
        let mut vocabulary = match Vocabulary::builtin() {
            Ok(v) => v,
            Err(d) => {
                diags.push(d);
                return Vocabulary::default();
            }
        };
        let theme = theme_dir
            .map(|d| d.join("vocabulary.yaml"))
            .filter(|p| p.is_file())
            .and_then(|path| {
                let read = crate::load::read_text(&path, &path).and_then(|text| {
                    let source = crate::yaml::SourceText {
                        path: path.clone(),
                        text,
                        line_offset: 0,
                    };
                    let value = crate::yaml::parse::<VocabularySource>(&source)?;
                    Ok(Loaded::new(source, value))
                });
                read.map_err(|d| diags.push(d)).ok()
            });
        for file in theme.as_ref().into_iter().chain(content) {
            for (key, word) in &file.value {
                if vocabulary.words.contains_key(key) {
                    vocabulary.words.insert(key.clone(), word.clone());
                } else {
                    diags.push(
                        file.error_at(
                            &[crate::yaml::key(key)],
                            m!("vocabulary.unknown-key", key = key),
                        )
                        .expected(m!("vocabulary.expected-key"))
                        .help_opt(did_you_mean(
                            key,
                            vocabulary.words.keys().map(String::as_str),
                        )),
                    );
                }
            }
        }
        vocabulary
    }

    /// The word for `key`. A key that is not there is recorded (see `missing`) and
    /// shows as `{key}` so that it can never pass for a word.
    pub fn get(&self, key: &str) -> &str {
        match self.words.get(key) {
            Some(w) => w,
            None => {
                crate::lock(&self.missing).insert(key.to_string());
                "{missing word}"
            }
        }
    }

    /// The word for `key` with each `{name}` replaced by its value (see [`fill_text`]).
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill_text(self.get(key), values)
    }

    /// Every word, for the templates (`{{ v.key }}`).
    pub fn words(&self) -> &BTreeMap<String, String> {
        &self.words
    }

    /// The keys asked for that the vocabulary lacks, as errors.
    pub fn missing(&self) -> Vec<Diagnostic> {
        crate::lock(&self.missing)
            .iter()
            .map(|k| {
                Diagnostic::error(
                    "(built-in theme)/vocabulary.yaml",
                    m!("vocabulary.missing-key", key = k),
                )
                .expected(m!("vocabulary.expected-word", key = k))
            })
            .collect()
    }
}

/// `word` with each `{name}` replaced by its value.
/// One pass over the word: a value is never searched for blanks itself, so text
/// from the content that happens to hold `{year}` stays as written. A blank with no
/// value given stays as it is.
pub fn fill_text(word: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(word.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
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
    fn the_builtin_vocabulary_parses_and_fills() {
        let v = Vocabulary::builtin().unwrap();
        assert!(!v.words().is_empty());
        assert!(v.missing().is_empty());
        assert_eq!(v.get("no.such.key"), "{missing word}");
        assert_eq!(v.missing().len(), 1);
        assert!(v.missing()[0].message.contains("`no.such.key`"));
    }

    #[test]
    fn fill_replaces_each_blank_once_and_never_inside_a_value() {
        let mut v = Vocabulary::default();
        v.words
            .insert("k".into(), "{title}（{year}）{title}{other}{".into());
        let filled = v.fill("k", &[("title", "{year}の{"), ("year", "令和3年度")]);
        assert_eq!(filled, "{year}の{（令和3年度）{year}の{{other}{");
    }

    /// Every key the code asks for (`.get("…")`, `.fill("…"`) is in the built-in file.
    #[test]
    fn every_key_the_code_asks_for_is_there() {
        let v = Vocabulary::builtin().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut asked = 0;
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for pattern in [
                "words.get(\"",
                "words.fill(\"",
                "words().get(\"",
                "words().fill(\"",
                "vocabulary.get(\"",
                "vocabulary.fill(\"",
            ] {
                for (i, _) in text.match_indices(pattern) {
                    let rest = &text[i + pattern.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    asked += 1;
                    assert!(
                        v.words().contains_key(key),
                        "{}: the vocabulary has no key `{key}`",
                        entry.path().display()
                    );
                }
            }
        }
        assert!(asked > 0);
    }
}
