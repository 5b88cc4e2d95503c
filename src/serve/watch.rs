//! Watching the sources for `serve`: once an edit has settled, the sources are checked
//! again and the new report is put in place, so that pages made on request show it; the
//! output folder is rewritten later, in the background, when the edits have paused.
//!
//! The background write runs on threads of lower priority and stops as soon as another
//! edit arrives, so that it never delays the next check or the next page. A panic in a
//! check or a write is shown on the error page like any failure, and the next edit is
//! checked and written as usual.

use crate::lock;
use crate::manuscript::Manuscript;
use crate::render::live::Live;
use crate::render::theme::Theme;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the sources must be quiet before they are checked: editors save a file in
/// several steps (write a copy, rename it), usually within a millisecond or two.
const SETTLE: Duration = Duration::from_millis(5);
/// The longest a burst of changes may postpone a check.
const SETTLE_AT_MOST: Duration = Duration::from_millis(200);
/// How long the sources must be quiet before the output folder is rewritten.
const WRITE_AFTER: Duration = Duration::from_millis(1000);

/// What the server knows about the latest check.
#[derive(Default)]
pub(super) struct State {
    /// Goes up by one with every check, good or bad: pages reload when it changes.
    pub version: u64,
    /// The diagnostics of the latest check or build, if it failed.
    pub error: Option<String>,
    /// The latest good report, which pages are made from on request.
    pub live: Option<Arc<Live>>,
}

pub(super) type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// The content folder being watched, held in memory and checked again after each edit by
/// reading only the changed files, and the theme, kept until a theme file changes.
pub(super) struct Sources {
    pub content: PathBuf,
    manuscript: Option<Manuscript>,
    /// The theme, with the vocabulary it was made with.
    theme: Option<(Arc<Theme>, Arc<crate::vocabulary::Vocabulary>)>,
}

impl Sources {
    pub fn new(content: &Path) -> Sources {
        Sources {
            content: content.to_path_buf(),
            manuscript: None,
            theme: None,
        }
    }

    /// The site's theme folder, if it has one.
    pub fn theme_dir(&self) -> Option<PathBuf> {
        crate::build::theme_override(&self.content).and_then(|t| t.parent().map(Path::to_path_buf))
    }

    /// `check`, going on after a panic in it: the failure is recorded for the error page,
    /// and the next check starts afresh from the files, since what was kept may be half
    /// updated.
    pub fn check_safely(&mut self, changed: &[PathBuf], state: &Mutex<State>, log: &Log) -> bool {
        let checked = catch_unwind(AssertUnwindSafe(|| self.check(changed, state, log)));
        checked.unwrap_or_else(|payload| {
            self.manuscript = None;
            self.theme = None;
            let message = super::panic_message(&*payload);
            record_failure(state, log, m!("serve.failed-checking", problem = message));
            false
        })
    }

    /// Checks the sources again after `changed` (all of them when empty) and puts the new
    /// report in place, or records the diagnostics for the error page. True if good.
    fn check(&mut self, changed: &[PathBuf], state: &Mutex<State>, log: &Log) -> bool {
        let started = Instant::now();
        let themes = self.theme_dir();
        let theme_changed = changed.is_empty()
            || changed
                .iter()
                .any(|p| themes.as_ref().is_some_and(|t| p.starts_with(t)));
        if theme_changed {
            // The theme's vocabulary and presets are read by validation: check afresh.
            self.theme = None;
            self.manuscript = None;
        }
        let manuscript = match &mut self.manuscript {
            Some(m) if !changed.is_empty() => {
                m.update(changed);
                m
            }
            slot => slot.insert(Manuscript::open(&self.content)),
        };
        let (report, diags) = (
            manuscript.report().cloned(),
            manuscript.diagnostics().clone(),
        );
        // The theme is made with the report's vocabulary: again when that changed.
        let theme = match (&self.theme, &report) {
            (Some((t, words)), Some(r)) if **words == *r.vocabulary => Ok(t.clone()),
            (_, Some(r)) => crate::render::theme::load(
                crate::build::theme_override(&self.content).as_deref(),
                r.vocabulary.clone(),
            )
            .map(Arc::new),
            (_, None) => Err(crate::diag::Diagnostic::error(
                "(theme)",
                m!("serve.theme-not-loaded"),
            )),
        };
        match (report, theme) {
            (Some(report), Ok(theme)) => {
                self.theme = Some((theme.clone(), report.vocabulary.clone()));
                let live = Live::new(report, theme, self.content.clone());
                let mut s = lock(state);
                s.live = Some(Arc::new(live));
                s.error = None;
                s.version += 1;
                drop(s);
                let ms = format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0);
                log(&m!("serve.checked", ms = ms));
                true
            }
            (report, theme) => {
                let mut all = diags;
                if let (Some(_), Err(d)) = (report, theme) {
                    all.push(d);
                }
                let text = all.render(&self.content);
                log(&m!("serve.sources-have-errors", diagnostics = text));
                let mut s = lock(state);
                s.error = Some(text);
                s.version += 1;
                false
            }
        }
    }
}

/// Waits for the next burst of changes and returns its paths once they have been quiet for
/// `SETTLE`; `None` when the watcher is gone.
pub(super) fn next_changes(events: &Receiver<Vec<PathBuf>>) -> Option<Vec<PathBuf>> {
    let mut changed = events.recv().ok()?;
    let started = Instant::now();
    loop {
        match events.recv_timeout(SETTLE) {
            Ok(more) => changed.extend(more),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if started.elapsed() > SETTLE_AT_MOST {
            break;
        }
    }
    changed.sort();
    changed.dedup();
    Some(changed)
}

/// Rewrites the output folder from the latest good report, in the background.
pub(super) struct Writer {
    requests: mpsc::Sender<()>,
    /// Set to stop the write under way.
    stop: Arc<Mutex<Arc<AtomicBool>>>,
}

impl Writer {
    pub fn start(content: PathBuf, output: PathBuf, state: Arc<Mutex<State>>, log: Log) -> Writer {
        let (failed_state, failed_log) = (state.clone(), log.clone());
        Writer::with_job(
            move |stop| write_output(&content, &output, &state, &log, stop),
            move |message| {
                let text = m!("serve.failed-writing", problem = message);
                record_failure(&failed_state, &failed_log, text);
            },
        )
    }

    /// A writer that runs `job` once the edits pause after a request, and `failed` with
    /// the message if it panics; either way it waits for the next request.
    fn with_job(
        job: impl Fn(&Arc<AtomicBool>) + Send + Sync + 'static,
        failed: impl Fn(String) + Send + 'static,
    ) -> Writer {
        let (requests, pending) = mpsc::channel::<()>();
        let stop = Arc::new(Mutex::new(Arc::new(AtomicBool::new(false))));
        let current = stop.clone();
        std::thread::spawn(move || {
            let pool = background_pool();
            while pending.recv().is_ok() {
                // Write only once the edits have paused.
                while pending.recv_timeout(WRITE_AFTER).is_ok() {}
                let flag = current.lock().map(|f| f.clone()).unwrap_or_default();
                let run = || catch_unwind(AssertUnwindSafe(|| job(&flag)));
                let done = match &pool {
                    Some(pool) => pool.install(run),
                    None => run(),
                };
                if let Err(payload) = done {
                    failed(super::panic_message(&*payload));
                }
            }
        });
        Writer { requests, stop }
    }

    /// Stops any write under way: the sources are about to change.
    pub fn stop(&self) {
        if let Ok(mut flag) = self.stop.lock() {
            flag.store(true, Ordering::Relaxed);
            *flag = Arc::new(AtomicBool::new(false));
        }
    }

    /// Asks for the output folder to be rewritten once the edits pause.
    pub fn request(&self) {
        let _ = self.requests.send(());
    }
}

/// Threads for the background write, at a lower priority than checks and pages.
fn background_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("sosei-write-{i}"))
        .start_handler(|_| lower_priority())
        // A panic in a job left to run by itself must not end the process; one in the
        // write's own jobs reaches the write, which reports it.
        .panic_handler(|_| {})
        .build()
        .ok()
}

#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: gettid and setpriority on the calling thread only; failure changes nothing.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// `write_output`, recording a panic in it as a failure.
pub(super) fn write_output_safely(
    content: &Path,
    output: &Path,
    state: &Mutex<State>,
    log: &Log,
    stop: &Arc<AtomicBool>,
) {
    let written = catch_unwind(AssertUnwindSafe(|| {
        write_output(content, output, state, log, stop)
    }));
    if let Err(payload) = written {
        let message = super::panic_message(&*payload);
        let text = m!("serve.failed-writing", problem = message);
        record_failure(state, log, text);
    }
}

/// Shows `text` on every page until the next good check, and says it.
fn record_failure(state: &Mutex<State>, log: &Log, text: String) {
    log(&m!("serve.failure-shown", problem = text));
    let mut s = lock(state);
    s.error = Some(text);
    s.version += 1;
}

/// Rewrites the output folder from the report last checked (not read again); records a
/// failure for the error page. A write stopped by an edit is left without a word: the
/// next one follows.
pub(super) fn write_output(
    content: &Path,
    output: &Path,
    state: &Mutex<State>,
    log: &Log,
    stop: &Arc<AtomicBool>,
) {
    let started = Instant::now();
    let Some(live) = lock(state).live.clone() else {
        return;
    };
    let options = crate::render::Options {
        cancel: Some(stop.clone()),
        ..Default::default()
    };
    match crate::build::write_report_with(live.report(), content, output, &|_, _| {}, &options) {
        Ok(summary) => log(&m!(
            "serve.wrote",
            pages = summary.pages,
            output = output.display(),
            ms = format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0)
        )),
        Err(_) if stop.load(Ordering::Relaxed) => {}
        Err(diags) => {
            let text = diags.render(content);
            log(&m!("serve.build-failed", diagnostics = text));
            let mut s = lock(state);
            s.error = Some(text);
            s.version += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_goes_on_after_a_panic() {
        let (ran, runs) = mpsc::channel::<usize>();
        let (failed, failures) = mpsc::channel::<String>();
        let count = std::sync::atomic::AtomicUsize::new(0);
        let ran = Mutex::new(ran);
        let writer = Writer::with_job(
            move |_| {
                let n = count.fetch_add(1, Ordering::Relaxed);
                let _ = lock(&ran).send(n);
                if n == 0 {
                    panic!("the first write panics");
                }
            },
            move |message| {
                let _ = failed.send(message);
            },
        );
        let wait = Duration::from_secs(30);
        writer.request();
        assert_eq!(runs.recv_timeout(wait), Ok(0));
        assert_eq!(
            failures.recv_timeout(wait).as_deref(),
            Ok("the first write panics")
        );
        writer.request();
        assert_eq!(runs.recv_timeout(wait), Ok(1), "the next edit is written");
        assert!(failures.recv_timeout(Duration::from_secs(2)).is_err());
    }
}
