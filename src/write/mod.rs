//! Write: build the site into a fresh folder beside the output, then swap it in whole.
//!
//! On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`: at every instant the
//! output folder is either the old site or the new one, even if the build is killed.
//! Elsewhere the old folder is moved aside and the new one moved in, and the next build
//! restores the old one if a build was killed between the two moves. sosei only ever
//! replaces or deletes folders that carry its marker file, so it cannot delete a folder
//! it did not make.
//!
//! One writer at a time: the output's lock (`lock`) is held from the staging folder's
//! making to the swap. An output that is a symbolic link is written where it leads
//! (`folder::real_output`), so the link is kept and the site behind it is replaced whole.

mod folder;
mod lock;
mod swap;

pub use folder::check_output_folder;
pub use lock::Wait;

use folder::real_output;
use lock::OutputLock;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as a site sosei wrote.
pub const MARKER: &str = ".sosei-output";

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
/// dropping it without a commit removes it. The output's lock is held while it lives.
pub struct Staging {
    dir: PathBuf,
    aside: PathBuf,
    /// The real output folder (a symbolic link's target).
    output: PathBuf,
    committed: bool,
    _lock: OutputLock,
}

impl Staging {
    /// Starts a new site for `output` (cleaning up after any build that was killed),
    /// waiting as long as `WAIT_LIMIT` for another writer of the same output.
    pub fn begin(output: &Path) -> io::Result<Staging> {
        Self::begin_with(output, &Wait::default())
    }

    /// As `begin`, waiting for another writer as `wait` says.
    pub fn begin_with(output: &Path, wait: &Wait) -> io::Result<Staging> {
        let refused = |m: String| io::Error::new(io::ErrorKind::PermissionDenied, m);
        let real = real_output(output).map_err(refused)?;
        let parent = match real.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", parent.display())))?;
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let lock = OutputLock::acquire(&parent, &name, output, wait)?;
        // Checked again under the lock: serve's later writes come here directly.
        folder::may_replace(&real, output).map_err(refused)?;
        swap::recover(&parent, &name, &real)?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.sosei-new-{pid}"));
        swap::remove_ours(&dir);
        let at = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", dir.display()));
        fs::create_dir(&dir).map_err(at)?;
        // The marker first, so that a half-written staging folder is still known as ours.
        fs::write(
            dir.join(MARKER),
            "This folder is written by sosei and replaced on every build.\n",
        )
        .map_err(at)?;
        Ok(Staging {
            dir,
            aside: parent.join(format!(".{name}.sosei-old-{pid}")),
            output: real,
            committed: false,
            _lock: lock,
        })
    }

    /// Copies each (file in content, path in output) into the new site.
    pub fn copy_images(&self, images: &[(PathBuf, String)]) -> io::Result<()> {
        for (file, rel) in images {
            let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", file.display()));
            let mut from = open_regular(file).map_err(named)?;
            let mut to = fs::File::create(self.path(rel)?)?;
            io::copy(&mut from, &mut to).map_err(named)?;
        }
        Ok(())
    }

    /// Puts the new site in place of the old one. The old one is removed only once the
    /// new one is in place, and only if it is a real folder carrying sosei's marker.
    pub fn commit(mut self) -> io::Result<()> {
        let (dir, aside, output) = (&self.dir, &self.aside, &self.output);
        if let Ok(meta) = fs::symlink_metadata(output) {
            if meta.file_type().is_symlink() || (!swap::is_ours(output) && !is_empty_dir(output)) {
                return Err(io::Error::other(m!(
                    "write.replaced-meanwhile",
                    output = output.display()
                )));
            }
            if swap::exchange(dir, output).is_ok() {
                // `dir` now holds the previous site (or the empty folder that was there).
                swap::remove_ours(dir);
                let _ = fs::remove_dir(dir);
                self.committed = true;
                return Ok(());
            }
            fs::rename(output, aside)?;
        }
        if let Err(err) = fs::rename(dir, output) {
            let _ = fs::rename(aside, output);
            return Err(err);
        }
        swap::remove_ours(aside);
        // An empty folder moved aside has no marker: remove it if it is still empty.
        let _ = fs::remove_dir(aside);
        self.committed = true;
        Ok(())
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
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
            swap::remove_ours(&self.dir);
        }
    }
}

/// Opens `file` for reading if it is a regular file, refusing a symbolic link (on Unix,
/// in the same step: `O_NOFOLLOW`), so that a copy streams only what was checked.
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
            m!("write.not-regular-file"),
        ));
    }
    Ok(opened)
}
