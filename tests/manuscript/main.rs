//! The manuscript in memory, checked again after each edit, against a fresh full check
//! from disk: the same report, the same diagnostics, the same count of files, whatever
//! the way the update took.

#[path = "../common/mod.rs"]
mod common;

mod catalogue;
mod files;
mod indicators;
mod random;
mod results;

use sosei::manuscript::{Manuscript, Recheck};
use std::fs;
use std::path::{Path, PathBuf};

const TENSHUTSU: &str = "indicators/1-1-tenshutsu.yaml";
const KANGAERU: &str = "indicators/3-1-kangaeru.yaml";

/// A copy of the bundled content folder in a fresh temp dir: (dir, content path).
fn bundled() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_dir(&common::root().join("content"), &content);
    (dir, content)
}

/// The manuscript's result is exactly a fresh `build::check` of the folder.
fn assert_fresh(m: &Manuscript, content: &Path, step: &str) {
    let (report, diags, files) = sosei::build::check(content);
    assert!(
        m.report().map(|r| &**r) == report.as_ref(),
        "{step}: the report differs from a fresh check (manuscript has one: {}, fresh: {})",
        m.report().is_some(),
        report.is_some()
    );
    assert_eq!(
        m.diagnostics().render(content),
        diags.render(content),
        "{step}: diagnostics"
    );
    assert_eq!(m.diagnostics().to_string(), diags.to_string(), "{step}");
    assert_eq!(m.files_read(), files, "{step}: files read");
}

/// Rewrites `rel` inside `content` with `edit` applied to its text.
fn edit(content: &Path, rel: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
    let path = content.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, edit(text)).unwrap();
    path
}

fn replace(content: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    edit(content, rel, |t| {
        assert!(t.contains(from), "{rel} has no `{from}`");
        t.replacen(from, to, 1)
    })
}

/// Applies one step, checks the way it took and that the result is a fresh check's.
fn step(m: &mut Manuscript, content: &Path, name: &str, changed: &[&Path], way: Recheck) {
    let changed: Vec<PathBuf> = changed.iter().map(|p| p.to_path_buf()).collect();
    let update = m.update(&changed);
    assert_eq!(update.recheck, way, "{name}: the way the update took");
    assert_fresh(m, content, name);
}
