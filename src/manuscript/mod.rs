//! The manuscript (原稿): a content folder held in memory with its latest check, checked
//! again after an edit by reading only the files that changed (for `serve`).
//!
//! Whatever the way an update takes, its result is what `build::check` of the folder
//! would give: the same report, the same diagnostics, the same count of files.
//!
//! - An edit to indicator files that keeps what other files are checked against
//!   (`validate::edited_indicator`), to project files (`validate::edited_project`), or to
//!   the files of one result folder that keeps its year (`validate::edited_year`), is
//!   patched into the report: the rest of the report is shared with the one before, and
//!   nothing else is validated again.
//! - A change to files that hold no source (a YAML file in no known place, a symbolic
//!   link) changes only their own diagnostics.
//! - Anything else is validated again in full, from the sources in memory.

mod patch;

use crate::diag::Diagnostics;
use crate::load::{self, FileLoad, Sources};
use crate::model::Report;
use crate::validate;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// A content folder in memory, with the result of its latest check.
pub struct Manuscript {
    root: PathBuf,
    /// Where the content folder is, as the absolute paths a watcher reports may name it.
    roots: Vec<PathBuf>,
    /// The content folder was there when it was read.
    found: bool,
    /// What each path gave, relative to `root`, in file-name order.
    files: BTreeMap<PathBuf, FileLoad>,
    sources: Sources,
    /// What validation made of `sources`, and what it found.
    validated: Option<Arc<Report>>,
    validation: Diagnostics,
    /// The result: the report if nothing anywhere is an error, and every diagnostic.
    report: Option<Arc<Report>>,
    diagnostics: Diagnostics,
}

/// How an update reached its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recheck {
    /// No changed path concerned the sources: the result is as it was.
    Unchanged,
    /// Only the diagnostics of files that hold no source changed.
    Diagnostics,
    /// The edited indicators, projects or year were patched into the report.
    Patched,
    /// Everything was validated again, from the sources in memory.
    Validated,
    /// The content folder itself changed: everything was read again.
    Reloaded,
}

/// What one update did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Update {
    /// Files read (or tried) by this update.
    pub files_read: usize,
    pub recheck: Recheck,
}

impl Manuscript {
    /// Reads and checks the content folder at `root`, as `build::check` does.
    pub fn open(root: &Path) -> Manuscript {
        let files: BTreeMap<PathBuf, FileLoad> = load::load_all(root).into_iter().collect();
        let mut roots = Vec::new();
        for r in [std::path::absolute(root), root.canonicalize()]
            .into_iter()
            .flatten()
        {
            if !roots.contains(&r) {
                roots.push(r);
            }
        }
        let mut m = Manuscript {
            root: root.to_path_buf(),
            roots,
            found: root.is_dir(),
            files,
            sources: Sources::default(),
            validated: None,
            validation: Diagnostics::default(),
            report: None,
            diagnostics: Diagnostics::default(),
        };
        m.validate();
        m
    }

    /// The latest report, if the content has no errors: cheap to clone and to hand to
    /// another thread.
    pub fn report(&self) -> Option<&Arc<Report>> {
        self.report.as_ref()
    }

    /// Every problem of the latest check, sorted by file and line.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// The source files of the content folder, as `build::check` counts them.
    pub fn files_read(&self) -> usize {
        self.sources.files_read
    }

    /// Takes in paths that were created, modified or removed (absolute, or relative to
    /// the content folder), reading only those files (a folder: the files in it) again.
    /// Paths outside the content folder, and hidden files and folders, are ignored.
    pub fn update(&mut self, changed: &[PathBuf]) -> Update {
        let starts = self.changed_places(changed);
        if starts.is_empty() {
            return Update {
                files_read: 0,
                recheck: Recheck::Unchanged,
            };
        }
        if starts.iter().any(|s| s.as_os_str().is_empty()) || !self.found || !self.root.is_dir() {
            *self = Manuscript::open(&self.root);
            return Update {
                files_read: self.files_read(),
                recheck: Recheck::Reloaded,
            };
        }
        let mut before = Vec::new();
        let mut after = Vec::new();
        for start in &starts {
            let gone: Vec<PathBuf> = self
                .files
                .range(start.clone()..)
                .take_while(|(path, _)| path.starts_with(start))
                .map(|(path, _)| path.clone())
                .collect();
            for path in gone {
                if let Some(f) = self.files.remove(&path) {
                    before.push((path, f));
                }
            }
            if std::fs::symlink_metadata(self.root.join(start)).is_ok() {
                after.extend(load::load_under(&self.root, start));
            }
        }
        let files_read = after.iter().filter(|(_, f)| f.source.is_some()).count();
        for (path, f) in &after {
            self.files.insert(path.clone(), f.clone());
        }
        let recheck = if before.is_empty() && after.is_empty() {
            Recheck::Unchanged
        } else if before.iter().chain(&after).all(|(_, f)| f.source.is_none()) {
            self.finish();
            Recheck::Diagnostics
        } else if self.patch(&before, &after) {
            self.finish();
            Recheck::Patched
        } else {
            self.validate();
            Recheck::Validated
        };
        Update {
            files_read,
            recheck,
        }
    }

    /// The changed paths as places to read again, relative to the content folder: each
    /// the topmost of its folders that is no longer a real folder, none inside another.
    fn changed_places(&self, changed: &[PathBuf]) -> Vec<PathBuf> {
        let mut places: Vec<PathBuf> = changed
            .iter()
            .filter_map(|p| self.relative(p))
            .map(|rel| self.topmost_changed(rel))
            .collect();
        places.sort();
        let mut out: Vec<PathBuf> = Vec::new();
        for p in places {
            if !out.iter().any(|o| p.starts_with(o)) {
                out.push(p);
            }
        }
        out
    }

    /// `path` relative to the content folder, or `None` if it is outside it or hidden.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let rel = if path.is_absolute() {
            self.roots.iter().find_map(|r| path.strip_prefix(r).ok())?
        } else {
            path
        };
        let mut out = PathBuf::new();
        for part in rel.components() {
            match part {
                Component::Normal(name) if !name.to_string_lossy().starts_with('.') => {
                    out.push(name)
                }
                Component::CurDir => {}
                _ => return None,
            }
        }
        Some(out)
    }

    /// The first folder on the way to `rel` that is missing or not a real folder (a
    /// walk would not go into it), or `rel` itself.
    fn topmost_changed(&self, rel: PathBuf) -> PathBuf {
        let mut on_the_way = PathBuf::new();
        for part in rel.parent().into_iter().flat_map(Path::components) {
            on_the_way.push(part);
            match std::fs::symlink_metadata(self.root.join(&on_the_way)) {
                Ok(m) if m.is_dir() => {}
                _ => return on_the_way,
            }
        }
        rel
    }

    /// Takes edited files into the report without validating everything again, if that
    /// is sure to give what validation would. False (and nothing changed) otherwise.
    fn patch(&mut self, before: &[(PathBuf, FileLoad)], after: &[(PathBuf, FileLoad)]) -> bool {
        let Some(files) = patch::same_clean_files(before, after) else {
            return false;
        };
        patch::indicators(self, &files)
            || patch::projects(self, &files)
            || patch::year(self, &files)
    }

    /// Validates the sources in memory again, in full.
    fn validate(&mut self) {
        self.sources = Sources::assemble(&self.root, &self.files);
        let (report, validation) = validate::validate(&self.sources);
        self.validated = report.map(Arc::new);
        self.validation = validation;
        self.finish();
    }

    /// Puts the files' own diagnostics and validation's together, as `build::check` does.
    fn finish(&mut self) {
        let mut all = Diagnostics::default();
        for f in self.files.values() {
            for d in &f.diagnostics {
                all.push(d.clone());
            }
        }
        all.extend(self.validation.clone());
        self.report = if all.has_errors() {
            None
        } else {
            self.validated.clone()
        };
        self.diagnostics = all.sorted();
    }
}
