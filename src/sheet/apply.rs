//! The year's new files checked with the rest of the content before any is written (the
//! content's own files with the new ones in their place, read and validated as a build
//! would), then written, each replacing the old one whole, the old one kept as `.bak`.

use crate::diag::Diagnostics;
use crate::load::{self, FileLoad};
use crate::model::Report;
use std::path::{Path, PathBuf};

/// A file to write: its path relative to the content folder, and its text.
pub struct NewFile {
    pub rel: PathBuf,
    pub text: String,
}

/// The content checked as it would be with the new files in place.
pub enum Checked {
    /// It passes: the model, and the warnings.
    Passed(Box<Report>, Diagnostics),
    /// Its problems, and them rendered with the lines of the new files where they are in
    /// them (rendered only here, where they are shown).
    Failed(Diagnostics, String),
}

/// Checks the content read into `loads` (`load::load_all`) as it would be with the files
/// at `set_aside` (relative to the content folder) gone and `files`, staged in a
/// temporary folder under `results/<folder>/`, in their places.
pub fn check_with(
    content: &Path,
    loads: &[(PathBuf, FileLoad)],
    folder: &str,
    set_aside: &[PathBuf],
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
    let result = written.map_err(|e| e.to_string()).map(|()| {
        let staged = load::load_under(&stage, &year_dir);
        let mut all: Vec<(PathBuf, FileLoad)> = loads
            .iter()
            .filter(|(rel, _)| !set_aside.contains(rel))
            .cloned()
            .chain(staged)
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        match crate::build::check_loaded(content, all) {
            (Some(report), diags, _) => Checked::Passed(Box::new(report), diags),
            (None, diags, _) => {
                let rendered = diags
                    .iter()
                    .map(|d| {
                        let new = files.iter().any(|f| f.rel == d.file);
                        d.render(if new { &stage } else { content })
                    })
                    .collect();
                Checked::Failed(diags, rendered)
            }
        }
    });
    let _ = std::fs::remove_dir_all(&stage);
    result
}

/// Writes each file beside its place and renames it over the old one, keeping the old
/// one's text as `<name>.bak` when it differs; then renames each of `retired` (files the
/// new ones replace) to `<name>.bak`. The files written, each with whether it replaced
/// an old one (a file whose text was already the new one is not written).
pub fn write(
    content: &Path,
    files: &[NewFile],
    retired: &[PathBuf],
) -> std::io::Result<Vec<(PathBuf, bool)>> {
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
        let replaced = old.is_some();
        if let Some(old) = old {
            std::fs::write(path.with_file_name(format!("{name}.bak")), old)?;
        }
        std::fs::rename(&fresh, &path)?;
        done.push((path, replaced));
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
