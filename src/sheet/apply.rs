//! The year's new files checked with the rest of the content before any is written (the
//! content's own files with the new ones in their place, read and validated as a build
//! would), then written, each replacing the old one whole, the old one kept as `.bak`.

use crate::diag::Diagnostics;
use crate::load::{self, FileLoad, Sources};
use crate::model::Report;
use std::path::{Path, PathBuf};

/// A file to write: its path relative to the content folder, and its text.
pub struct NewFile {
    pub rel: PathBuf,
    pub text: String,
}

/// The content checked as it would be with `files` in place of the year's result and
/// verification files.
pub struct Checked {
    pub report: Option<Report>,
    pub diags: Diagnostics,
    /// The problems rendered, with the lines of the new files where they are in them.
    pub rendered: String,
}

/// Checks the content read into `loads` (`load::load_all`) with `files`, staged in a
/// temporary folder, in place of the year's own files under `results/<folder>/`.
pub fn check_with(
    content: &Path,
    loads: &[(PathBuf, FileLoad)],
    folder: &str,
    files: &[NewFile],
) -> Result<Checked, String> {
    let stage = std::env::temp_dir().join(format!(
        "sosei-sheet-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let year_dir = Path::new("results").join(folder);
    let written = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(stage.join(&year_dir))?;
        for f in files {
            std::fs::write(stage.join(&f.rel), &f.text)?;
        }
        Ok(())
    })();
    let result = written
        .map_err(|e| e.to_string())
        .map(|()| check_staged(content, loads, &stage, &year_dir, files));
    let _ = std::fs::remove_dir_all(&stage);
    result
}

/// Whether `rel` is one of the year's files that the new ones replace.
pub fn is_year_file(rel: &Path, year_dir: &Path) -> bool {
    rel.parent() == Some(year_dir)
        && rel.file_name().is_some_and(|n| {
            let n = n.to_string_lossy();
            n == "result.yaml"
                || n == "result.yml"
                || (n.starts_with("verification") && (n.ends_with(".yaml") || n.ends_with(".yml")))
        })
}

fn check_staged(
    content: &Path,
    loads: &[(PathBuf, FileLoad)],
    stage: &Path,
    year_dir: &Path,
    files: &[NewFile],
) -> Checked {
    let staged = load::load_under(stage, year_dir);
    let mut all: Vec<(PathBuf, FileLoad)> = loads
        .iter()
        .filter(|(rel, _)| !is_year_file(rel, year_dir))
        .cloned()
        .chain(staged)
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let mut diags = Diagnostics::default();
    for (_, f) in &mut all {
        for d in std::mem::take(&mut f.diagnostics) {
            diags.push(d);
        }
    }
    let sources = Sources::assemble(content, all.iter().map(|(rel, f)| (rel, f)));
    let (report, more) = crate::validate::validate(&sources);
    diags.extend(more);
    let diags = diags.sorted();
    let rendered = diags
        .iter()
        .map(|d| {
            let new = files.iter().any(|f| f.rel == d.file);
            d.render(if new { stage } else { content })
        })
        .collect();
    Checked {
        report: if diags.has_errors() { None } else { report },
        diags,
        rendered,
    }
}

/// Writes each file beside its place and renames it over the old one, keeping the old
/// one's text as `<name>.bak` when it differs; then renames each of `retired` (files the
/// new ones replace) to `<name>.bak`.
pub fn write(
    content: &Path,
    files: &[NewFile],
    retired: &[PathBuf],
) -> std::io::Result<Vec<PathBuf>> {
    let mut done = Vec::new();
    for f in files {
        let path = content.join(&f.rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let old = std::fs::read(&path).ok();
        if old.as_deref() == Some(f.text.as_bytes()) {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let fresh = path.with_file_name(format!(".{name}.sosei-new"));
        std::fs::write(&fresh, &f.text)?;
        if let Some(old) = old {
            std::fs::write(path.with_file_name(format!("{name}.bak")), old)?;
        }
        std::fs::rename(&fresh, &path)?;
        done.push(path);
    }
    for rel in retired {
        let path = content.join(rel);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        std::fs::rename(&path, path.with_file_name(format!("{name}.bak")))?;
    }
    Ok(done)
}
