//! What the preview serves for a path: the report's pages made from the report in memory,
//! with the reload script; the error page while the sources have errors; files inside the
//! output folder; a redirect for a folder asked for without its slash; nothing else.

use super::http::{Answer, Site};
use super::watch::{Log, State};
use crate::lock;
use crate::markdown::escape;
use crate::render::live::Live;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

const HTML: &str = "text/html; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

/// The preview of one output folder and the report last checked.
pub(super) struct Preview {
    pub root: PathBuf,
    pub state: Arc<Mutex<State>>,
    pub log: Log,
}

impl Site for Preview {
    fn answer(&self, path: &str, query: Option<&str>) -> Answer {
        if path == "/__sosei/version" {
            let version = lock(&self.state).version;
            return answer(200, TEXT, version.to_string().into_bytes());
        }
        let Some(rel) = safe_path(path) else {
            return answer(403, TEXT, b"forbidden".to_vec());
        };
        let (version, error, live) = {
            let s = lock(&self.state);
            (s.version, s.error.clone(), s.live.clone())
        };
        let key: Vec<String> = rel
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        let key = key.join("/");
        // A folder without its slash: its pages' links are relative to the folder.
        if !path.ends_with('/') && self.is_folder(&rel, &key, live.as_deref()) {
            let location = match query {
                Some(q) => format!("{path}/?{q}"),
                None => format!("{path}/"),
            };
            return Answer {
                location: Some(location),
                ..answer(308, TEXT, b"moved".to_vec())
            };
        }
        let is_html = rel.extension().is_none_or(|e| e == "html");
        if let (Some(error), true) = (error, is_html) {
            return page(500, &error_page(SOURCES_HAVE_ERRORS, &error), version);
        }
        // Pages, data files and CSS come from the report in memory, fresh after every edit.
        if let Some(made) = live.as_ref().and_then(|l| l.file(&key)) {
            let kind = content_type(&rel);
            return match made {
                Ok(bytes) if kind == HTML => page(200, &String::from_utf8_lossy(&bytes), version),
                Ok(bytes) => answer(200, kind, bytes),
                Err(d) => page(
                    500,
                    &error_page(SOURCES_HAVE_ERRORS, &d.to_string()),
                    version,
                ),
            };
        }
        let mut file = self.root.join(&rel);
        if file.is_dir() {
            file = file.join("index.html");
        }
        // Symbolic links inside the output must not lead out of it either.
        let inside = match (
            std::fs::canonicalize(&file),
            std::fs::canonicalize(&self.root),
        ) {
            (Ok(f), Ok(r)) => f.starts_with(r),
            _ => false,
        };
        let (status, file) = if inside && file.is_file() {
            (200, file)
        } else {
            (404, self.root.join("404.html"))
        };
        let bytes = std::fs::read(&file).unwrap_or_else(|_| m!("serve.not-found").into_bytes());
        match content_type(&file) {
            HTML => page(status, &String::from_utf8_lossy(&bytes), version),
            kind => answer(status, kind, bytes),
        }
    }

    fn failed(&self, path: &str, message: &str) -> Answer {
        let version = lock(&self.state).version;
        let text = m!("serve.failed-making", path = path, problem = message);
        page(500, &error_page(SOSEI_FAILED, &text), version)
    }

    fn log(&self, line: &str) {
        (self.log)(line)
    }
}

impl Preview {
    /// True if `rel` is a folder of the site: in the output folder, or in the report in
    /// memory (a folder with an index page, such as an earlier year's).
    fn is_folder(&self, rel: &Path, key: &str, live: Option<&Live>) -> bool {
        self.root.join(rel).is_dir()
            || rel.extension().is_none()
                && live.is_some_and(|l| l.file(&format!("{key}/index.html")).is_some())
    }
}

fn answer(status: u16, kind: &'static str, body: Vec<u8>) -> Answer {
    Answer {
        status,
        kind,
        body,
        location: None,
    }
}

/// An HTML page with the reload script.
fn page(status: u16, html: &str, version: u64) -> Answer {
    answer(status, HTML, with_reload(html, version).into_bytes())
}

/// The path of a request, decoded and checked: `None` for anything that could leave the
/// served folder (`..`, `%2e%2e`, back slashes, NUL, absolute or drive paths).
fn safe_path(target: &str) -> Option<PathBuf> {
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

/// `s` percent-decoded, if every `%` begins a `%XX` and the result is UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let (bytes, all_valid) = crate::markdown::links::percent_decode(s);
    if !all_valid {
        return None;
    }
    String::from_utf8(bytes).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => HTML,
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

const SOURCES_HAVE_ERRORS: &str = "原稿に誤りがあるため、報告を作成できませんでした。次の箇所を直して保存すると、このページは自動で元に戻ります。";
const SOSEI_FAILED: &str = "sosei の内部エラーのため、このページを作成できませんでした。原稿を直して保存すると、このページは自動で作り直されます。この内容を sosei の開発者に知らせてください。";

/// The page shown instead of the report: `lead` says why, `diagnostics` what failed.
pub(super) fn error_page(lead: &str, diagnostics: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>ビルドエラー｜sosei</title><style>body{{font-family:sans-serif;margin:2rem;line-height:1.6}}pre{{background:#fff4f4;border:2px solid #a3181e;padding:1rem;white-space:pre-wrap}}</style></head><body><main><h1>ビルドエラー</h1><p>{lead}</p><pre>{}</pre></main></body></html>",
        escape(diagnostics)
    )
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
