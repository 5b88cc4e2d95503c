//! Load: walk the content folder, read each file safely and parse it into its source type.
//!
//! Files are read and parsed in parallel, each on its own (`file`), then put together in
//! file-name order, so that the sources and their diagnostics do not depend on timing.

pub mod controls;
mod file;

use file::load_file;
pub use file::{read_text, FileLoad, SourceFile, MAX_FILE_BYTES};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Section;
use crate::source::*;
use crate::yaml::{self, SourceText};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use walkdir::WalkDir;

/// A parsed file and the text it came from.
#[derive(Debug)]
pub struct Loaded<T> {
    pub source: SourceText,
    pub value: T,
    /// Where each key is, read from the text when a diagnostic first needs it.
    index: OnceLock<yaml::LineIndex>,
}

impl<T> Loaded<T> {
    pub fn new(source: SourceText, value: T) -> Self {
        Loaded {
            source,
            value,
            index: OnceLock::new(),
        }
    }

    /// Where each key and item of the file starts.
    pub fn index(&self) -> &yaml::LineIndex {
        self.index
            .get_or_init(|| yaml::LineIndex::build(&self.source.text, self.source.line_offset))
    }

    /// A diagnostic pointing at `path` inside this file.
    pub fn error_at(&self, path: &[yaml::Seg], message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.source.path, message).at(self.index().find(path))
    }

    pub fn warning_at(&self, path: &[yaml::Seg], message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.source.path, message).at(self.index().find(path))
    }
}

/// A project's Markdown file: front matter, and the body split into its sections.
#[derive(Debug)]
pub struct ProjectFile {
    /// The file name without extension, used in the page's address.
    pub slug: String,
    pub meta: Loaded<ProjectSource>,
    /// The sections, or where in the body and why they could not be split.
    pub sections: Result<Arc<[Section]>, (usize, String)>,
    /// The line of the file on which the body starts.
    pub body_line: usize,
}

/// A grant programme's folder.
#[derive(Clone, Debug, Default)]
pub struct GrantFolder {
    pub folder: String,
    pub grant: Option<Arc<Loaded<GrantSource>>>,
    pub projects: Vec<Arc<ProjectFile>>,
}

/// A fiscal-year result folder.
#[derive(Clone, Debug, Default)]
pub struct ResultFolder {
    pub folder: String,
    pub result: Option<Arc<Loaded<ResultSource>>>,
    /// `verification.yaml`, or several `verification*.yaml` files read in name order.
    pub verification: Vec<Arc<Loaded<VerificationSource>>>,
    /// `external.yaml`: the external committee's opinions.
    pub external: Option<Arc<Loaded<ExternalSource>>>,
}

/// Everything read from a content folder, in file-name order. The parsed files are
/// shared (`Arc`), so that sources put together again after an edit cost no copying.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub root: PathBuf,
    pub config: Option<Arc<Loaded<ConfigSource>>>,
    pub plan: Option<Arc<Loaded<PlanSource>>>,
    pub strategies: Vec<Arc<Loaded<StrategySource>>>,
    pub goals: Vec<Arc<Loaded<GoalSource>>>,
    pub vocabulary: Option<Arc<Loaded<VocabularySource>>>,
    pub indicators: Vec<Arc<Loaded<IndicatorSource>>>,
    pub results: Vec<ResultFolder>,
    pub grants: Vec<GrantFolder>,
    pub donations: Vec<Arc<Loaded<DonationsSource>>>,
    pub files_read: usize,
    /// Top-level folders (or files) with a file that could not be read or parsed.
    /// Validation does not report references into them as unknown: the cause is already reported.
    pub broken: BTreeSet<String>,
}

impl Sources {
    /// Puts loaded files together, given in file-name order (the order of a walk).
    pub fn assemble<'a>(
        root: &Path,
        files: impl IntoIterator<Item = (&'a PathBuf, &'a FileLoad)>,
    ) -> Sources {
        let mut s = Sources {
            root: root.to_path_buf(),
            ..Sources::default()
        };
        for (rel, f) in files {
            if f.broken {
                s.broken.insert(broken_key(rel));
            }
            let Some(source) = &f.source else { continue };
            s.files_read += 1;
            match source.clone() {
                SourceFile::Config(l) => s.config = l,
                SourceFile::Plan(l) => s.plan = l,
                SourceFile::Strategy(l) => s.strategies.extend(l),
                SourceFile::Goal(l) => s.goals.extend(l),
                SourceFile::Vocabulary(l) => s.vocabulary = l,
                SourceFile::Indicator(l) => s.indicators.extend(l),
                SourceFile::Donations(l) => s.donations.extend(l),
                SourceFile::Result { folder, file } => s.result_folder(folder).result = file,
                SourceFile::Verification { folder, file } => {
                    s.result_folder(folder).verification.extend(file)
                }
                SourceFile::External { folder, file } => s.result_folder(folder).external = file,
                SourceFile::Grant { folder, file } => s.grant_folder(folder).grant = file,
                SourceFile::Project { folder, file } => {
                    s.grant_folder(folder).projects.extend(file)
                }
            }
        }
        s
    }

    fn result_folder(&mut self, folder: String) -> &mut ResultFolder {
        let i = match self.results.iter().rposition(|r| r.folder == folder) {
            Some(i) => i,
            None => {
                self.results.push(ResultFolder {
                    folder,
                    ..ResultFolder::default()
                });
                self.results.len() - 1
            }
        };
        &mut self.results[i]
    }

    fn grant_folder(&mut self, folder: String) -> &mut GrantFolder {
        let i = match self.grants.iter().rposition(|g| g.folder == folder) {
            Some(i) => i,
            None => {
                self.grants.push(GrantFolder {
                    folder,
                    ..GrantFolder::default()
                });
                self.grants.len() - 1
            }
        };
        &mut self.grants[i]
    }
}

/// The key a broken file is known by: `indicators`, `strategies`, `plan.yaml`, or the
/// whole path (`results/R3/result.yaml`) for a year's or a grant programme's own files.
fn broken_key(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    match parts.first().map(String::as_str) {
        Some("results") | Some("grants") => parts.join("/"),
        _ => parts.first().cloned().unwrap_or_default(),
    }
}

/// Reads every source under `root`. Problems are collected; loading goes on past them.
pub fn load(root: &Path) -> (Sources, Diagnostics) {
    let mut files = load_all(root);
    let mut diags = Diagnostics::default();
    for (_, f) in &mut files {
        for d in std::mem::take(&mut f.diagnostics) {
            diags.push(d);
        }
    }
    let sources = Sources::assemble(root, files.iter().map(|(rel, f)| (rel, f)));
    (sources, diags)
}

/// Every file under `root` that gave a source or a problem, by path relative to `root`,
/// in file-name order.
pub fn load_all(root: &Path) -> Vec<(PathBuf, FileLoad)> {
    if !root.is_dir() {
        let problem = Diagnostic::error(root, m!("load.no-content-folder"))
            .expected(m!("load.expected-content-folder"));
        return vec![(root.to_path_buf(), FileLoad::problem(problem))];
    }
    load_under(root, Path::new(""))
}

/// What was found at `start` (a path relative to `root`: a file, or a folder walked
/// whole), read in parallel and given in file-name order.
pub fn load_under(root: &Path, start: &Path) -> Vec<(PathBuf, FileLoad)> {
    let top = if start.as_os_str().is_empty() {
        root.to_path_buf()
    } else {
        root.join(start)
    };
    let walker = WalkDir::new(&top)
        .follow_links(false)
        // The content folder may be a link; anything inside it may not.
        .follow_root_links(start.as_os_str().is_empty())
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    // Files are read while the walk goes on; numbering the walk's steps keeps its order.
    let mut loaded: Vec<(usize, PathBuf, FileLoad)> = walker
        .enumerate()
        .par_bridge()
        .filter_map(|(step, entry)| {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let rel = crate::diag::relative(err.path().unwrap_or(&top), root);
                    let d = Diagnostic::error(&rel, m!("load.cannot-read", error = err));
                    return Some((step, rel, FileLoad::problem(d)));
                }
            };
            let rel = crate::diag::relative(entry.path(), root);
            if entry.path_is_symlink() {
                let d = Diagnostic::error(&rel, m!("load.symbolic-link"))
                    .expected(m!("load.expected-real-file"));
                Some((step, rel, FileLoad::problem(d)))
            } else if entry.file_type().is_file() {
                let f = load_file(entry.path(), &rel);
                Some((step, rel, f))
            } else {
                None
            }
        })
        .collect();
    loaded.sort_unstable_by_key(|(step, ..)| *step);
    // Files that are no source and have no problem (images, say) are left out; two
    // problems at one path (a folder that cannot be read) make one entry.
    let mut out: Vec<(PathBuf, FileLoad)> = Vec::with_capacity(loaded.len());
    for (_, rel, f) in loaded {
        if f.source.is_none() && f.diagnostics.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some((last, prev)) if *last == rel => prev.diagnostics.extend(f.diagnostics),
            _ => out.push((rel, f)),
        }
    }
    out
}
