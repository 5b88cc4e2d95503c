//! Swapping a new site in, removing an old one, and cleaning up after a killed build.
//!
//! Everything here only ever deletes real folders that carry sosei's marker, and never
//! follows a symbolic link: a link named like a staging folder, or a swap that found a
//! link in place of the output, deletes nothing behind it.

use super::MARKER;
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::Path;

/// Swaps two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
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
pub(super) fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange here",
    ))
}

/// Whether `dir` is a real folder (not a link to one) that sosei made.
pub(super) fn is_ours(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) && dir.join(MARKER).is_file()
}

/// Deletes a folder only if sosei made it.
pub(super) fn remove_ours(dir: &Path) {
    if !is_ours(dir) {
        return;
    }
    // Everything but the marker first, so that a folder left half-deleted by a killed
    // build is still known as sosei's and removed by the next one.
    if let Ok(entries) = fs::read_dir(dir) {
        let entries: Vec<fs::DirEntry> = entries
            .flatten()
            .filter(|e| e.file_name() != MARKER)
            .collect();
        entries.par_iter().for_each(remove_entry);
    }
    let _ = fs::remove_dir_all(dir);
}

/// Removes a file or a whole folder, the folder's entries in parallel: a large site is
/// tens of thousands of files. Links are removed, never followed.
fn remove_entry(entry: &fs::DirEntry) {
    let path = entry.path();
    if !entry.file_type().is_ok_and(|t| t.is_dir()) {
        let _ = fs::remove_file(&path);
        return;
    }
    if let Ok(entries) = fs::read_dir(&path) {
        let entries: Vec<fs::DirEntry> = entries.flatten().collect();
        entries.par_iter().for_each(remove_entry);
    }
    let _ = fs::remove_dir(&path);
}

/// Cleans up after builds that were killed, with the output's lock held: restores a
/// moved-aside output if the new one never arrived, and removes abandoned staging
/// folders. A folder is abandoned when the process named in it is gone (or is this one);
/// a folder of a live process is left alone, whoever it is.
pub(super) fn recover(parent: &Path, name: &str, output: &Path) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let (old, new) = (format!(".{name}.sosei-old-"), format!(".{name}.sosei-new-"));
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = file.strip_prefix(&old) {
            if !abandoned(pid) || !is_ours(&entry.path()) {
                continue;
            }
            if fs::symlink_metadata(output).is_err() {
                fs::rename(entry.path(), output)?;
            } else {
                remove_ours(&entry.path());
            }
        } else if file.strip_prefix(&new).is_some_and(abandoned) {
            remove_ours(&entry.path());
            // A build killed between making its staging folder and writing the marker
            // in it leaves the folder empty: removed only while it is empty.
            let _ = fs::remove_dir(entry.path());
        }
    }
    Ok(())
}

/// Whether the process `pid` (as written in a folder's name) left its folder behind.
fn abandoned(pid: &str) -> bool {
    match pid.parse::<u32>() {
        Ok(pid) => pid == std::process::id() || !alive(pid),
        Err(_) => false,
    }
}

/// Whether a process `pid` is running (signal 0 checks without sending anything).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 only checks that the process exists.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Windows: no check without more bindings; the output's lock, held while recovering,
/// already means that no other sosei is writing there.
#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pid of a process that has ended.
    fn ended_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[cfg(unix)]
    #[test]
    fn an_ended_builds_empty_staging_folder_is_removed_and_a_full_foreign_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("out");
        let pid = ended_pid();
        // Killed before its marker: empty.
        let empty = dir.path().join(format!(".out.sosei-new-{pid}"));
        fs::create_dir(&empty).unwrap();
        recover(dir.path(), "out", &output).unwrap();
        assert!(!empty.exists());
        // Not sosei's (no marker) and not empty: never touched.
        let foreign = dir.path().join(format!(".out.sosei-new-{pid}"));
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "mine").unwrap();
        recover(dir.path(), "out", &output).unwrap();
        assert!(foreign.join("keep.txt").is_file());
    }
}
