//! Serve: a live preview on 127.0.0.1 that rebuilds when the sources change.
//!
//! The built site stays free of JavaScript: the small reload script is added to HTML
//! responses here, in serve mode only. A failed build keeps the server up and shows the
//! diagnostics on every page until the sources are fixed.
//!
//! After an edit the sources are checked again and pages are then made on request from
//! the report in memory (`render::live`, through `preview`), so the edit shows as soon as
//! the check is done; the output folder is rewritten in the background once the edits
//! pause (`watch`). HTTP itself is hyper's (`http`): it bounds the connections, the time
//! a request may take, and turns a panic while answering into the error page. A panic in
//! the check or the background write is reported the same way, and serving goes on.

mod http;
mod preview;
mod watch;

use notify::{RecursiveMode, Watcher};
use std::any::Any;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use watch::{Log, State};

/// Serves `output` on 127.0.0.1:`port` (0 for any free port), rebuilding from `content` on
/// every change to it or to the site's `themes/`. Calls `ready` with the address, then runs
/// until the process ends.
pub fn serve(
    content: &Path,
    output: &Path,
    port: u16,
    ready: impl FnOnce(SocketAddr),
    log: impl Fn(&str) + Send + Sync + 'static,
) -> Result<(), String> {
    crate::write::check_output_folder(output, content)?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| m!("serve.cannot-listen", port = port, error = e))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let state = Arc::new(Mutex::new(State::default()));
    let log: Log = Arc::new(log);
    let mut sources = watch::Sources::new(content);
    if sources.check_safely(&[], &state, &log) {
        // The first write is made before serving, so that the output folder is whole.
        let no_stop = Default::default();
        watch::write_output_safely(content, output, &state, &log, &no_stop);
    }
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event {
            if !matches!(e.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(e.paths);
            }
        }
    })
    .map_err(|e| m!("serve.cannot-watch-sources", error = e))?;
    watcher
        .watch(content, RecursiveMode::Recursive)
        .map_err(|e| m!("serve.cannot-watch", path = content.display(), error = e))?;
    if let Some(themes) = sources.theme_dir() {
        let _ = watcher.watch(&themes, RecursiveMode::Recursive);
    }
    let writer = watch::Writer::start(
        content.to_path_buf(),
        output.to_path_buf(),
        state.clone(),
        log.clone(),
    );
    {
        let (state, log) = (state.clone(), log.clone());
        std::thread::spawn(move || {
            let _watcher = watcher; // kept alive with this thread
            while let Some(changed) = watch::next_changes(&rx) {
                writer.stop();
                if sources.check_safely(&changed, &state, &log) {
                    writer.request();
                }
            }
        });
    }
    ready(addr);
    let preview = preview::Preview {
        root: output.to_path_buf(),
        state,
        log,
    };
    http::run(listener, Arc::new(preview))
        .map_err(|e| m!("serve.cannot-serve", address = addr, error = e))
}

/// The message a panic was raised with.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    match (
        payload.downcast_ref::<&str>(),
        payload.downcast_ref::<String>(),
    ) {
        (Some(s), _) => s.to_string(),
        (_, Some(s)) => s.clone(),
        _ => m!("serve.no-panic-message"),
    }
}
