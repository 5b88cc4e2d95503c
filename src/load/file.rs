//! One file of the content folder: what its place makes it, read safely and parsed.
//!
//! Each file is loaded on its own, without looking at any other, so that files can be
//! read in parallel and one changed file can be read again alone.

use super::{Loaded, ProjectFile};
use crate::diag::Diagnostic;
use crate::source::*;
use crate::yaml::{self, SourceText};
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// The largest source file sosei reads; anything bigger is surely a mistake.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// What one path under the content folder gave.
#[derive(Clone, Debug, Default)]
pub struct FileLoad {
    /// The source the file holds, if it is in a place sosei reads.
    pub source: Option<SourceFile>,
    /// Its problems: it could not be read or parsed, it is a symbolic link, it is YAML
    /// in no place sosei reads.
    pub diagnostics: Vec<Diagnostic>,
    /// It could not be read or parsed, so references into it are not reported again.
    pub broken: bool,
}

impl FileLoad {
    /// A path that gave only a problem: a link, a folder that cannot be read.
    pub(super) fn problem(d: Diagnostic) -> FileLoad {
        FileLoad {
            diagnostics: vec![d],
            ..FileLoad::default()
        }
    }
}

/// A source file by kind; `None` inside when it could not be read or parsed.
#[derive(Clone, Debug)]
pub enum SourceFile {
    Config(Option<Arc<Loaded<ConfigSource>>>),
    Plan(Option<Arc<Loaded<PlanSource>>>),
    Strategy(Option<Arc<Loaded<StrategySource>>>),
    Goal(Option<Arc<Loaded<GoalSource>>>),
    /// The content's own words, overriding the theme's vocabulary key by key.
    Vocabulary(Option<Arc<Loaded<VocabularySource>>>),
    Indicator(Option<Arc<Loaded<IndicatorSource>>>),
    Donations(Option<Arc<Loaded<DonationsSource>>>),
    Result {
        folder: String,
        file: Option<Arc<Loaded<ResultSource>>>,
    },
    Verification {
        folder: String,
        file: Option<Arc<Loaded<VerificationSource>>>,
    },
    External {
        folder: String,
        file: Option<Arc<Loaded<ExternalSource>>>,
    },
    Grant {
        folder: String,
        file: Option<Arc<Loaded<GrantSource>>>,
    },
    Project {
        folder: String,
        file: Option<Arc<ProjectFile>>,
    },
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Loads the file at `abs`, which is `rel` inside the content folder, as what its place
/// makes it: a source of some kind, a YAML file in no known place, or nothing sosei reads.
pub fn load_file(abs: &Path, rel: &Path) -> FileLoad {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let Some(name) = parts.last().copied() else {
        return FileLoad::default();
    };
    let yaml_file = is_yaml(name);
    let mut out = FileLoad::default();
    let source = match parts.as_slice() {
        ["config.yaml" | "config.yml"] => SourceFile::Config(read_yaml(abs, rel, &mut out)),
        ["plan.yaml" | "plan.yml"] => SourceFile::Plan(read_yaml(abs, rel, &mut out)),
        ["vocabulary.yaml" | "vocabulary.yml"] => {
            SourceFile::Vocabulary(read_yaml(abs, rel, &mut out))
        }
        ["strategies", _] if yaml_file => SourceFile::Strategy(read_yaml(abs, rel, &mut out)),
        ["goals", _] if yaml_file => SourceFile::Goal(read_yaml(abs, rel, &mut out)),
        ["indicators", .., _] if yaml_file => SourceFile::Indicator(read_yaml(abs, rel, &mut out)),
        ["donations", _] if yaml_file => SourceFile::Donations(read_yaml(abs, rel, &mut out)),
        ["results", folder, "result.yaml" | "result.yml"] => SourceFile::Result {
            folder: folder.to_string(),
            file: read_yaml(abs, rel, &mut out),
        },
        ["results", folder, "external.yaml" | "external.yml"] => SourceFile::External {
            folder: folder.to_string(),
            file: read_yaml(abs, rel, &mut out),
        },
        ["results", folder, name] if yaml_file && name.starts_with("verification") => {
            SourceFile::Verification {
                folder: folder.to_string(),
                file: read_yaml(abs, rel, &mut out),
            }
        }
        ["grants", folder, "grant.yaml" | "grant.yml"] => SourceFile::Grant {
            folder: folder.to_string(),
            file: read_yaml(abs, rel, &mut out),
        },
        ["grants", folder, "projects", file] if file.ends_with(".md") => SourceFile::Project {
            folder: folder.to_string(),
            file: read_project(abs, rel, &mut out).map(Arc::new),
        },
        _ => {
            if yaml_file {
                out.diagnostics.push(
                    Diagnostic::warning(rel, m!("load.yaml-ignored"))
                        .expected(m!("load.expected-yaml-place")),
                );
            }
            return out;
        }
    };
    out.source = Some(source);
    out
}

/// Reads a file as UTF-8 text, refusing binaries, other encodings and huge files.
pub fn read_text(abs: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let cannot = |e: std::io::Error| Diagnostic::error(rel, m!("load.cannot-read-file", error = e));
    let mut file = std::fs::File::open(abs).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_FILE_BYTES {
        let mb = crate::format::megabytes_to_one_place;
        return Err(Diagnostic::error(
            rel,
            m!(
                "load.file-too-large",
                size = mb(size),
                limit = mb(MAX_FILE_BYTES)
            ),
        )
        .expected(m!("load.expected-smaller-file")));
    }
    // The file as it was when its size was taken, read into a buffer of that size:
    // `read_to_end` would ask for the size and position again and read once more to find
    // the end, three system calls more for every file. (A file written meanwhile is read
    // again when its change is reported.)
    let mut bytes = vec![0; size as usize];
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(cannot(e)),
        }
    }
    bytes.truncate(filled);
    if bytes.contains(&0) {
        return Err(
            Diagnostic::error(rel, m!("load.binary-file")).expected(m!("load.expected-text-file"))
        );
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        Diagnostic::error(rel, m!("load.not-utf8"))
            .at(Some((line, 1)))
            .expected(m!("load.expected-utf8"))
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    super::controls::check_raw(&text, rel)?;
    super::controls::check_references(&text, rel)?;
    Ok(text)
}

/// Reads and parses a YAML source; on failure, records why and marks the file broken.
fn read_yaml<T: DeserializeOwned>(
    abs: &Path,
    rel: &Path,
    out: &mut FileLoad,
) -> Option<Arc<Loaded<T>>> {
    let loaded = read_text(abs, rel).map_err(|d| vec![d]).and_then(|text| {
        let source = SourceText {
            path: rel.to_path_buf(),
            text,
            line_offset: 0,
        };
        let value = yaml::parse_all::<T>(&source)?;
        Ok(Loaded::new(source, value))
    });
    match loaded {
        Ok(l) => Some(Arc::new(l)),
        Err(problems) => {
            out.diagnostics.extend(problems);
            out.broken = true;
            None
        }
    }
}

/// Reads a project's Markdown file. A file that cannot be read is reported but not
/// marked broken: nothing refers into a project.
fn read_project(abs: &Path, rel: &Path, out: &mut FileLoad) -> Option<ProjectFile> {
    let text = match read_text(abs, rel) {
        Ok(t) => t,
        Err(d) => {
            out.diagnostics.push(d);
            return None;
        }
    };
    let Some((front, body, body_line)) = yaml::split_front_matter(&text) else {
        let opened = text.trim_start_matches('\u{feff}').starts_with("---");
        let (message, expected) = if opened {
            (
                m!("load.front-matter-not-closed"),
                m!("load.expected-front-matter-end"),
            )
        } else {
            (m!("load.no-front-matter"), m!("load.expected-front-matter"))
        };
        out.diagnostics.push(
            Diagnostic::error(rel, message)
                .at(Some((1, 1)))
                .expected(expected),
        );
        out.broken = true;
        return None;
    };
    let source = SourceText {
        path: rel.to_path_buf(),
        text: front.to_string(),
        line_offset: 1,
    };
    let meta = match yaml::parse_all::<ProjectSource>(&source) {
        Ok(value) => Loaded::new(source, value),
        Err(problems) => {
            out.diagnostics.extend(problems);
            out.broken = true;
            return None;
        }
    };
    let slug = abs
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(ProjectFile {
        slug,
        meta,
        sections: crate::markdown::split_sections(body).map(Arc::from),
        body_line,
    })
}
