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

use common::{copy_content, replace};
use sosei::manuscript::{Manuscript, Recheck};
use std::fs;
use std::path::{Path, PathBuf};

const TENSHUTSU: &str = "indicators/1-1-tenshutsu.yaml";
const KANGAERU: &str = "indicators/3-1-kangaeru.yaml";

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

/// Applies one step, checks the way it took and that the result is a fresh check's.
fn step(m: &mut Manuscript, content: &Path, name: &str, changed: &[&Path], way: Recheck) {
    let changed: Vec<PathBuf> = changed.iter().map(|p| p.to_path_buf()).collect();
    let update = m.update(&changed);
    assert_eq!(update.recheck, way, "{name}: the way the update took");
    assert_fresh(m, content, name);
}
