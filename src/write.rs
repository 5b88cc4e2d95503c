//! Write: build the site into a fresh folder beside the output, then swap it in whole.
//!
//! On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`: at every instant the
//! output folder is either the old site or the new one, even if the build is killed.
//! Elsewhere the old folder is moved aside and the new one moved in, and the next build
//! restores the old one if a build was killed between the two moves. sosei only ever
//! replaces or deletes folders that carry its marker file, so it cannot delete a folder
//! it did not make.

use crate::render::Site;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as a site sosei wrote.
pub const MARKER: &str = ".sosei-output";

fn absolute(p: &Path) -> PathBuf {
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
}

/// Refuses output folders that would put the sources, the machine or someone's files at risk.
pub fn check_output_folder(output: &Path, content: &Path) -> Result<(), String> {
    let (out, content) = (absolute(output), absolute(content));
    let shown = output.display();
    if out.parent().is_none() {
        return Err(format!(
            "refusing to write the site to `{shown}`: it is the root folder"
        ));
    }
    if std::env::var_os("HOME").is_some_and(|h| absolute(Path::new(&h)) == out) {
        return Err(format!(
            "refusing to write the site to `{shown}`: it is your home folder"
        ));
    }
    if content.starts_with(&out) {
        return Err(format!("refusing to write the site to `{shown}`: it holds the content folder, which would be replaced"));
    }
    if out.starts_with(&content) {
        return Err(format!(
            "refusing to write the site to `{shown}`: it is inside the content folder"
        ));
    }
    let has_files = fs::read_dir(&out)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if out.exists() && (!out.is_dir() || (has_files && !out.join(MARKER).is_file())) {
        return Err(format!(
            "refusing to replace `{shown}`: it exists and was not made by sosei (it has no {MARKER} file). Choose a new or empty folder"
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
    let aside = parent.join(format!(".{name}.sosei-old-{}", std::process::id()));
    recover(&parent, &name, output)?;
    if let Err(err) = write_tree(site, &staging) {
        remove_ours(&staging);
        return Err(err);
    }
    if output.exists() {
        if exchange(&staging, output).is_ok() {
            // `staging` now holds the previous site.
            remove_ours(&staging);
            return Ok(site.pages.len());
        }
        fs::rename(output, &aside)?;
    }
    if let Err(err) = fs::rename(&staging, output) {
        let _ = fs::rename(&aside, output);
        remove_ours(&staging);
        return Err(err);
    }
    remove_ours(&aside);
    Ok(site.pages.len())
}

/// Swaps two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange here",
    ))
}

/// Deletes a folder only if sosei made it.
fn remove_ours(dir: &Path) {
    if dir.join(MARKER).is_file() {
        let _ = fs::remove_dir_all(dir);
    }
}

/// Cleans up after a build that was killed: restores a moved-aside output if the new one
/// never arrived, and removes abandoned staging folders (only those sosei made).
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
                remove_ours(&entry.path());
            }
        } else if file.starts_with(&format!(".{name}.sosei-new-")) {
            remove_ours(&entry.path());
        }
    }
    Ok(())
}

fn write_tree(site: &Site, root: &Path) -> io::Result<()> {
    if root.exists() {
        remove_ours(root);
    }
    fs::create_dir_all(root)?;
    // The marker first, so that a half-written staging folder is still known as ours.
    fs::write(
        root.join(MARKER),
        "This folder is written by sosei and replaced on every build.\n",
    )?;
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
