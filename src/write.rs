//! Write: build the site into a fresh folder beside the output, then swap it in whole.
//!
//! A failed or interrupted build never leaves a half-written or empty output: the new
//! site is complete on disk before the old one is moved aside.

use crate::render::Site;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Refuses output folders that would put the sources or the machine at risk.
pub fn check_output_folder(output: &Path, content: &Path) -> Result<(), String> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                other => out.push(other),
            }
        }
        fs::canonicalize(&out).unwrap_or(out)
    };
    let (out, content) = (abs(output), abs(content));
    if out.parent().is_none() {
        return Err(format!(
            "refusing to write the site to `{}`: it is the root folder",
            output.display()
        ));
    }
    if std::env::var_os("HOME").is_some_and(|h| abs(Path::new(&h)) == out) {
        return Err(format!(
            "refusing to write the site to `{}`: it is your home folder",
            output.display()
        ));
    }
    if content.starts_with(&out) {
        return Err(format!("refusing to write the site to `{}`: it holds the content folder, which would be replaced", output.display()));
    }
    if out.starts_with(&content) {
        return Err(format!(
            "refusing to write the site to `{}`: it is inside the content folder",
            output.display()
        ));
    }
    Ok(())
}

/// Writes `site` to `output`, replacing what was there only once the new site is complete.
pub fn write(site: &Site, output: &Path) -> io::Result<usize> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let staging = parent.join(format!(".{name}.sosei-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.sosei-old-{}", std::process::id()));
    recover(&parent, &name, output)?;
    let result = write_tree(site, &staging);
    if let Err(err) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    if output.exists() {
        fs::rename(output, &old)?;
    }
    if let Err(err) = fs::rename(&staging, output) {
        let _ = fs::rename(&old, output);
        return Err(err);
    }
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    Ok(site.pages.len())
}

/// Cleans up after a build that was killed: restores a moved-aside output if the new one
/// never arrived, and removes abandoned staging folders.
fn recover(parent: &Path, name: &str, output: &Path) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if file.starts_with(&format!(".{name}.sosei-old-")) {
            if !output.exists() {
                fs::rename(entry.path(), output)?;
            } else {
                fs::remove_dir_all(entry.path())?;
            }
        } else if file.starts_with(&format!(".{name}.sosei-new-")) {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

fn write_tree(site: &Site, root: &Path) -> io::Result<()> {
    fs::create_dir_all(root)?;
    let put = |rel: &str, bytes: &[u8]| -> io::Result<()> {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, bytes)
    };
    for page in &site.pages {
        put(&page.path, page.html.as_bytes())?;
    }
    for (rel, text) in &site.assets {
        put(rel, text.as_bytes())?;
    }
    for (file, rel) in &site.images {
        put(rel, &fs::read(file)?)?;
    }
    Ok(())
}
