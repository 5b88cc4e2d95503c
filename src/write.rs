//! Write: build the site into a fresh folder beside the output, then swap it in whole.
//!
//! On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`: at every instant the
//! output folder is either the old site or the new one, even if the build is killed.
//! Elsewhere the old folder is moved aside and the new one moved in, and the next build
//! restores the old one if a build was killed between the two moves. sosei only ever
//! replaces or deletes folders that carry its marker file, so it cannot delete a folder
//! it did not make.

use rayon::prelude::*;
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

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes `bytes` at `path` (relative, `/`-separated).
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()>;

    /// A file at `path` to write as it is made, for pages too large to hold whole.
    fn create(&self, path: &str) -> io::Result<Box<dyn io::Write + '_>>;
}

/// A sink that keeps nothing, for checking a site without writing it.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn create(&self, _: &str) -> io::Result<Box<dyn io::Write + '_>> {
        Ok(Box::new(io::sink()))
    }
}

/// A new site being written beside the output folder; `commit` swaps it in whole, and
/// dropping it without a commit removes it.
pub struct Staging {
    dir: PathBuf,
    aside: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a new site for `output` (cleaning up after any build that was killed).
    pub fn begin(output: &Path) -> io::Result<Staging> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        recover(&parent, &name, output)?;
        let dir = parent.join(format!(".{name}.sosei-new-{}", std::process::id()));
        if dir.exists() {
            remove_ours(&dir);
        }
        fs::create_dir_all(&dir)?;
        // The marker first, so that a half-written staging folder is still known as ours.
        fs::write(
            dir.join(MARKER),
            "This folder is written by sosei and replaced on every build.\n",
        )?;
        let aside = parent.join(format!(".{name}.sosei-old-{}", std::process::id()));
        Ok(Staging {
            dir,
            aside,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    /// Copies each (file in content, path in output) into the new site: photos and
    /// attachments, already checked when their Markdown was rendered. Each is streamed
    /// (never held in memory whole) and must still be a regular file, not a link.
    pub fn copy_images(&self, images: &[(PathBuf, String)]) -> io::Result<()> {
        for (file, rel) in images {
            let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", file.display()));
            let mut from = Self::open_regular(file).map_err(named)?;
            let mut to = fs::File::create(self.path(rel)?)?;
            io::copy(&mut from, &mut to).map_err(named)?;
        }
        Ok(())
    }

    /// Opens `file` for reading if it is a regular file, refusing a symbolic link (on Unix,
    /// in the same step: `O_NOFOLLOW`).
    fn open_regular(file: &Path) -> io::Result<fs::File> {
        let mut options = fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW);
        }
        let opened = options.open(file)?;
        if !opened.metadata()?.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a regular file",
            ));
        }
        Ok(opened)
    }

    /// Puts the new site in place of the old one.
    pub fn commit(mut self) -> io::Result<()> {
        let (dir, aside, output) = (&self.dir, &self.aside, &self.output);
        if output.exists() {
            if exchange(dir, output).is_ok() {
                // `dir` now holds the previous site.
                remove_ours(dir);
                self.committed = true;
                return Ok(());
            }
            fs::rename(output, aside)?;
        }
        if let Err(err) = fs::rename(dir, output) {
            let _ = fs::rename(aside, output);
            return Err(err);
        }
        remove_ours(aside);
        self.committed = true;
        Ok(())
    }
}

impl Staging {
    fn path(&self, rel: &str) -> io::Result<PathBuf> {
        let path = self.dir.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        Ok(path)
    }
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.path(rel)?, bytes)
    }

    fn create(&self, rel: &str) -> io::Result<Box<dyn io::Write + '_>> {
        // Unbuffered: pages arrive in large pieces.
        Ok(Box::new(fs::File::create(self.path(rel)?)?))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_ours(&self.dir);
        }
    }
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
    if !dir.join(MARKER).is_file() {
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
