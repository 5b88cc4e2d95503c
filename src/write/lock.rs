//! One writer at a time for an output folder, across processes: `serve` and `build`, or
//! two CI jobs, on the same output.
//!
//! The lock is the operating system's advisory lock (std's `File::lock`: `flock` on Unix,
//! `LockFileEx` on Windows) on a file beside the output, `.NAME.sosei-lock`, held from
//! the moment the staging folder is made until the new site is swapped in or abandoned.
//! The system releases it when its process ends, however it ends, so a killed build never
//! leaves a stale lock. A writer that finds the lock held says who holds it and waits, at
//! most `Wait::limit`, then gives up with a message; it never writes beside a writer.
//!
//! On Unix the holder writes its pid into the file and removes the file on release (a
//! writer that locked a file since removed tries again, so the removal never lets two
//! writers in). On Windows the file cannot be checked that way and is left in place.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a writer waits for another to finish before giving up: builds take seconds
/// (a 10,000-indicator report about ten), so this is only reached by a stuck writer.
const WAIT_LIMIT: Duration = Duration::from_secs(300);

/// How often a waiting writer tries the lock again.
const POLL: Duration = Duration::from_millis(100);

/// What a writer does when another holds the output's lock.
pub struct Wait<'a> {
    /// How long to wait before giving up.
    pub limit: Duration,
    /// Set from elsewhere to stop waiting (serve: the sources changed again).
    pub cancel: Option<&'a AtomicBool>,
    /// Told once, when waiting starts.
    pub notice: &'a (dyn Fn(&str) + Sync),
}

impl Default for Wait<'_> {
    fn default() -> Self {
        Wait {
            limit: WAIT_LIMIT,
            cancel: None,
            notice: &|line| eprintln!("{}", crate::diag::terminal_safe(line)),
        }
    }
}

/// The lock on one output folder, held while it lives.
pub struct OutputLock {
    file: File,
    #[cfg_attr(not(unix), allow(dead_code))]
    path: PathBuf,
}

impl OutputLock {
    /// The lock file of the output folder `name` in `parent`.
    fn path(parent: &Path, name: &str) -> PathBuf {
        parent.join(format!(".{name}.sosei-lock"))
    }

    /// Takes the lock on the output `name` in `parent` (which must exist), waiting as
    /// `wait` says while another writer holds it. `shown` names the output in messages.
    pub fn acquire(parent: &Path, name: &str, shown: &Path, wait: &Wait) -> io::Result<Self> {
        let path = Self::path(parent, name);
        let started = Instant::now();
        let mut told = false;
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            match file.try_lock() {
                Ok(()) if still_named(&file, &path) => {
                    let mut lock = OutputLock { file, path };
                    lock.record_pid();
                    return Ok(lock);
                }
                // Locked just as its holder removed it: try the file now at `path`.
                Ok(()) => continue,
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => {
                    return Err(io::Error::new(
                        e.kind(),
                        m!("write.cannot-lock", path = path.display(), error = e),
                    ))
                }
            }
            let holder = match holder_pid(&path) {
                Some(pid) => m!("write.another-sosei-pid", pid = pid),
                None => m!("write.another-sosei"),
            };
            if started.elapsed() >= wait.limit {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    m!(
                        "write.still-locked",
                        holder = holder,
                        output = shown.display(),
                        seconds = wait.limit.as_secs()
                    ),
                ));
            }
            if !told {
                (wait.notice)(&m!(
                    "write.waiting",
                    holder = holder,
                    output = shown.display(),
                    seconds = wait.limit.as_secs()
                ));
                told = true;
            }
            if wait.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                return Err(io::Error::new(
                    io::ErrorKind::Interrupted,
                    m!("write.stopped-waiting", holder = holder),
                ));
            }
            std::thread::sleep(POLL.min(wait.limit.saturating_sub(started.elapsed())));
        }
    }

    /// Writes this process's pid into the lock file, for a waiting writer's message.
    fn record_pid(&mut self) {
        let _ = self.file.set_len(0);
        let _ = write!(self.file, "{}", std::process::id());
        let _ = self.file.flush();
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still held; the lock itself goes with the file handle.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether `path` still names the file that `file` has open (Unix: the same inode), and
/// not one its last holder removed.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// On Windows the lock file is never removed, so the name always holds.
#[cfg(not(unix))]
fn still_named(_: &File, _: &Path) -> bool {
    true
}

/// The pid the lock's holder wrote, where the file can be read while locked (Unix).
fn holder_pid(path: &Path) -> Option<u32> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}
