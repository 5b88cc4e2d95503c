//! Serve: a live preview on 127.0.0.1 that rebuilds when the sources change.
//!
//! The built site stays free of JavaScript: the small reload script is added to HTML
//! responses here, in serve mode only. A failed build keeps the server up and shows the
//! diagnostics on every page until the sources are fixed.
//!
//! After an edit the sources are checked again and pages are then made on request from
//! the report in memory (`render::live`), so the edit shows as soon as the check is done;
//! the output folder is rewritten in the background once the edits pause (`watch`).

mod watch;

use crate::lock;
use crate::markdown::escape;
use notify::{RecursiveMode, Watcher};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;
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
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let state = Arc::new(Mutex::new(State::default()));
    let log: Log = Arc::new(log);
    let mut sources = watch::Sources::new(content);
    if sources.check(&[], &state, &log) {
        // The first write is made before serving, so that the output folder is whole.
        let no_stop = Default::default();
        watch::write_output(content, output, &state, &log, &no_stop);
    }
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event {
            if !matches!(e.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(e.paths);
            }
        }
    })
    .map_err(|e| format!("cannot watch the sources: {e}"))?;
    watcher
        .watch(content, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", content.display()))?;
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
        let state = state.clone();
        std::thread::spawn(move || {
            let _watcher = watcher; // kept alive with this thread
            while let Some(changed) = watch::next_changes(&rx) {
                writer.stop();
                if sources.check(&changed, &state, &log) {
                    writer.request();
                }
            }
        });
    }
    ready(addr);
    let root = output.to_path_buf();
    for stream in listener.incoming().flatten() {
        let (root, state) = (root.clone(), state.clone());
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let _ = handle(stream, &root, &state);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, root: &Path, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.by_ref().take(8192).read_line(&mut request_line)?;
    // Skip the headers.
    let mut header = String::new();
    let mut total = 0;
    loop {
        header.clear();
        let n = reader.by_ref().take(8192).read_line(&mut header)?;
        total += n;
        if n == 0 || header == "\r\n" || header == "\n" || total > 65_536 {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed",
            method == "HEAD",
        );
    }
    let head = method == "HEAD";
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == "/__sosei/version" {
        let v = state.lock().map(|s| s.version).unwrap_or(0);
        return respond(
            &mut stream,
            200,
            "text/plain; charset=utf-8",
            v.to_string().as_bytes(),
            head,
        );
    }
    let Some(rel) = safe_path(path) else {
        return respond(
            &mut stream,
            403,
            "text/plain; charset=utf-8",
            b"forbidden",
            head,
        );
    };
    let (version, error, live) = {
        let s = lock(state);
        (s.version, s.error.clone(), s.live.clone())
    };
    let is_html = rel.extension().is_none_or(|e| e == "html");
    if let (Some(error), true) = (error, is_html) {
        let page = error_page(&error);
        return respond(
            &mut stream,
            500,
            "text/html; charset=utf-8",
            with_reload(&page, version).as_bytes(),
            head,
        );
    }
    // Pages, data files and CSS come from the report in memory, fresh after every edit.
    let key: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    if let Some(made) = live.as_ref().and_then(|l| l.file(&key.join("/"))) {
        let kind = content_type(&rel);
        return match made {
            Ok(bytes) if kind.starts_with("text/html") => respond(
                &mut stream,
                200,
                kind,
                with_reload(&String::from_utf8_lossy(&bytes), version).as_bytes(),
                head,
            ),
            Ok(bytes) => respond(&mut stream, 200, kind, &bytes, head),
            Err(d) => respond(
                &mut stream,
                500,
                "text/html; charset=utf-8",
                with_reload(&error_page(&d.to_string()), version).as_bytes(),
                head,
            ),
        };
    }
    let mut file = root.join(&rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    // Symbolic links inside the output must not lead out of it either.
    let inside = match (std::fs::canonicalize(&file), std::fs::canonicalize(root)) {
        (Ok(f), Ok(r)) => f.starts_with(r),
        _ => false,
    };
    let (status, file) = if inside && file.is_file() {
        (200, file)
    } else {
        (404, root.join("404.html"))
    };
    let bytes = std::fs::read(&file).unwrap_or_else(|_| b"not found".to_vec());
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        let html = with_reload(&String::from_utf8_lossy(&bytes), version);
        respond(&mut stream, status, kind, html.as_bytes(), head)
    } else {
        respond(&mut stream, status, kind, &bytes, head)
    }
}

/// The path of a request, decoded and checked: `None` for anything that could leave the
/// served folder (`..`, `%2e%2e`, back slashes, NUL, absolute or drive paths).
pub fn safe_path(target: &str) -> Option<PathBuf> {
    let decoded = percent_decode(target)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut out = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s => {
                let p = Path::new(s);
                if p.components().any(|c| !matches!(c, Component::Normal(_))) {
                    return None;
                }
                out.push(s);
            }
        }
    }
    if decoded.ends_with('/') || out.as_os_str().is_empty() {
        out.push("index.html");
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

/// The live-reload script, added before `</body>` in serve mode only.
fn with_reload(html: &str, version: u64) -> String {
    let script = format!(
        "<script>(function(){{var v=\"{version}\";setInterval(function(){{fetch(\"/__sosei/version\",{{cache:\"no-store\"}}).then(function(r){{return r.text()}}).then(function(t){{if(t!==v)location.reload()}}).catch(function(){{}})}},500)}})();</script>"
    );
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}

fn error_page(diagnostics: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>ビルドエラー｜sosei</title><style>body{{font-family:sans-serif;margin:2rem;line-height:1.6}}pre{{background:#fff4f4;border:2px solid #a3181e;padding:1rem;white-space:pre-wrap}}</style></head><body><main><h1>ビルドエラー</h1><p>原稿に誤りがあるため、報告を作成できませんでした。次の箇所を直して保存すると、このページは自動で元に戻ります。</p><pre>{}</pre></main></body></html>",
        escape(diagnostics)
    )
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    };
    write!(stream, "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", body.len())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2fCargo.toml",
            "/a/../../x",
            "/..%5c..%5cx",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
        assert_eq!(safe_path("/"), Some(PathBuf::from("index.html")));
        assert_eq!(safe_path("/r2/"), Some(PathBuf::from("r2/index.html")));
        assert_eq!(
            safe_path("/grants/1-nadec.html"),
            Some(PathBuf::from("grants/1-nadec.html"))
        );
        assert_eq!(
            safe_path("/%E6%88%A6%E7%95%A5.html"),
            Some(PathBuf::from("戦略.html"))
        );
    }

    #[test]
    fn reload_script_goes_before_body_end() {
        let html = with_reload("<html><body><p>x</p></body></html>", 3);
        assert!(html.contains("var v=\"3\""));
        assert!(html.ends_with("</script></body></html>"));
    }
}
