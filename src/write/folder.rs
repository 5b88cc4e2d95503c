//! Which output folders sosei may replace, and where a symbolic link as the output leads.

use super::MARKER;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// `p` made absolute, `.` and `..` folded, and symbolic links resolved where it exists.
fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    fs::canonicalize(&out).unwrap_or(out)
}

/// The folder the site is really written to: `output` itself, or, when `output` is a
/// symbolic link, the folder it leads to. The new site is then made beside that folder
/// and swapped in there, so the link stays a link and keeps pointing at the site.
/// A link that leads nowhere is refused: writing would replace the link with a folder.
pub fn real_output(output: &Path) -> Result<PathBuf, String> {
    let is_link = fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(output.to_path_buf());
    }
    fs::canonicalize(output).map_err(|_| {
        let target = fs::read_link(output)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".into());
        m!(
            "write.dangling-link",
            output = output.display(),
            target = target
        )
    })
}

/// Refuses to replace `real` (an output folder, links resolved) unless it is missing, an
/// empty folder, or a folder carrying sosei's marker. `shown` is the name the user gave.
pub fn may_replace(real: &Path, shown: &Path) -> Result<(), String> {
    let Ok(meta) = fs::symlink_metadata(real) else {
        return Ok(());
    };
    let via = if real == shown {
        String::new()
    } else {
        m!("write.link-to", target = real.display())
    };
    let shown = shown.display();
    let has_files = fs::read_dir(real)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if !meta.is_dir() || (has_files && !real.join(MARKER).is_file()) {
        return Err(m!(
            "write.not-ours",
            output = shown,
            via = via,
            marker = MARKER
        ));
    }
    Ok(())
}

/// Refuses output folders that would put the sources, the machine or someone's files at
/// risk. A symbolic link is judged by the folder it leads to.
pub fn check_output_folder(output: &Path, content: &Path) -> Result<(), String> {
    let real = real_output(output)?;
    let (out, content) = (absolute(&real), absolute(content));
    let shown = output.display();
    if out.parent().is_none() {
        return Err(m!("write.root-folder", output = shown));
    }
    if std::env::var_os("HOME").is_some_and(|h| absolute(Path::new(&h)) == out) {
        return Err(m!("write.home-folder", output = shown));
    }
    if content.starts_with(&out) {
        return Err(m!("write.holds-content", output = shown));
    }
    if out.starts_with(&content) {
        return Err(m!("write.inside-content", output = shown));
    }
    may_replace(&real, output)
}
