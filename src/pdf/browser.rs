//! The browser that prints: where Chromium, Chrome or Edge is looked for, and one headless print.
//!
//! The places looked at are a pure function of the system and its environment
//! ([`candidates`]), so that the Windows and macOS lists can be checked on any machine.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The kinds of system whose browsers sit in different places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum System {
    Windows,
    MacOs,
    /// Linux and the other Unix systems.
    Unix,
}

impl System {
    /// The system this program was built for.
    pub fn current() -> System {
        if cfg!(windows) {
            System::Windows
        } else if cfg!(target_os = "macos") {
            System::MacOs
        } else {
            System::Unix
        }
    }

    fn separator(self) -> &'static str {
        match self {
            System::Windows => "\\",
            _ => "/",
        }
    }
}

/// The program names looked for on `PATH`, in order.
pub fn names_on_path(system: System) -> &'static [&'static str] {
    match system {
        System::Windows => &["chrome.exe", "msedge.exe", "chromium.exe"],
        _ => &[
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
            "chrome",
        ],
    }
}

/// Where a browser is installed by default: (environment variable of the folder, the rest).
fn install_places(system: System) -> &'static [(&'static str, &'static str)] {
    match system {
        System::Windows => &[
            (
                "ProgramFiles(x86)",
                "Microsoft\\Edge\\Application\\msedge.exe",
            ),
            ("ProgramFiles", "Microsoft\\Edge\\Application\\msedge.exe"),
            ("ProgramFiles", "Google\\Chrome\\Application\\chrome.exe"),
            (
                "ProgramFiles(x86)",
                "Google\\Chrome\\Application\\chrome.exe",
            ),
            ("LocalAppData", "Google\\Chrome\\Application\\chrome.exe"),
        ],
        System::MacOs => &[
            (
                "",
                "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            ),
            (
                "",
                "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            ),
            ("", "/Applications/Chromium.app/Contents/MacOS/Chromium"),
            (
                "HOME",
                "Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            ),
            (
                "HOME",
                "Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            ),
            ("HOME", "Applications/Chromium.app/Contents/MacOS/Chromium"),
        ],
        System::Unix => &[],
    }
}

/// Every place a browser is looked for, in order: the names on `PATH`, then the
/// standard install locations. `env` looks up an environment variable.
pub fn candidates(system: System, env: &dyn Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    let dirs = path_dirs(system, env);
    let mut out = Vec::new();
    for name in names_on_path(system) {
        for dir in &dirs {
            out.push(PathBuf::from(joined(system, OsStr::new(dir), name)));
        }
    }
    out.extend(installed(system, env));
    out
}

/// The standard install locations of `system`, those whose folder variable is set.
fn installed(system: System, env: &dyn Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for (var, rest) in install_places(system) {
        if var.is_empty() {
            out.push(PathBuf::from(rest));
        } else if let Some(base) = env(var).filter(|b| !b.is_empty()) {
            out.push(PathBuf::from(joined(system, &base, rest)));
        }
    }
    out
}

/// The folders of `PATH`, split as `system` separates them.
fn path_dirs(system: System, env: &dyn Fn(&str) -> Option<OsString>) -> Vec<String> {
    let path = env("PATH").unwrap_or_default();
    let list_separator = if system == System::Windows { ';' } else { ':' };
    path.to_string_lossy()
        .split(list_separator)
        .map(|d| d.trim_matches('"'))
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

/// `base` and `rest` joined with the system's separator (not the host's).
fn joined(system: System, base: &OsStr, rest: &str) -> OsString {
    let mut out = base.to_os_string();
    let sep = system.separator();
    let text = base.to_string_lossy();
    if !text.ends_with(sep) && !text.ends_with('/') {
        out.push(sep);
    }
    out.push(rest);
    out
}

/// Finds the browser: `explicit` (`--browser`), then `$SOSEI_BROWSER`, then the first of
/// [`candidates`] that exists.
pub fn find(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(m!("pdf.browser-missing", browser = p.display()))
        };
    }
    let system = System::current();
    let env = |name: &str| std::env::var_os(name);
    if let Some(p) = std::env::var_os("SOSEI_BROWSER").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Ok(p);
        }
        // A bare name (`SOSEI_BROWSER=msedge`) is looked for on PATH.
        let bare = p.components().count() == 1;
        let exe = if system == System::Windows && p.extension().is_none() {
            ".exe"
        } else {
            ""
        };
        let name = format!("{}{exe}", p.display());
        let on_path = path_dirs(system, &env)
            .into_iter()
            .filter(|_| bare)
            .map(|dir| PathBuf::from(joined(system, OsStr::new(&dir), &name)))
            .find(|c| c.is_file());
        return on_path.ok_or_else(|| m!("pdf.sosei-browser-missing", browser = p.display()));
    }
    let found = candidates(system, &env).into_iter().find(|c| c.is_file());
    found.ok_or_else(|| not_found(system, &installed(system, &env)))
}

/// What was searched (the names on `PATH` and the install `places`), and how to say
/// where the browser is.
fn not_found(system: System, places: &[PathBuf]) -> String {
    let places: Vec<String> = places.iter().map(|c| c.display().to_string()).collect();
    let places = match places.is_empty() {
        true => String::new(),
        false => m!(
            "pdf.no-browser-places",
            places = crate::messages::list(&places)
        ),
    };
    let advice = match system {
        System::Unix => m!("pdf.install-unix"),
        System::Windows => m!("pdf.install-windows"),
        System::MacOs => m!("pdf.install-macos"),
    };
    m!(
        "pdf.no-browser",
        names = crate::messages::list(names_on_path(system)),
        places = places,
        advice = advice
    )
}

/// A `file://` URL for an absolute path of `system`, with every byte outside the plain
/// ones percent-encoded (spaces and Japanese in a user's folder name).
pub fn file_url(system: System, path: &str) -> String {
    let mut path = path.to_string();
    let mut prefix = "file://";
    if system == System::Windows {
        path = path.replace('\\', "/");
        if let Some(unc) = path.strip_prefix("//?/UNC/") {
            path = unc.to_string();
        } else if let Some(share) = path.strip_prefix("//").filter(|p| !p.starts_with("?/")) {
            path = share.to_string();
        } else {
            path = path.strip_prefix("//?/").unwrap_or(&path).to_string();
            prefix = "file:///";
        }
    }
    let mut url = prefix.to_string();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Prints one HTML file to PDF headless, checking that a PDF really came out.
pub fn print(browser: &Path, html: &Path, pdf: &Path) -> Result<(), String> {
    let html = std::fs::canonicalize(html).map_err(|e| format!("{}: {e}", html.display()))?;
    let url = html
        .to_str()
        .map(|h| file_url(System::current(), h))
        .ok_or_else(|| m!("pdf.path-not-unicode", path = html.display()))?;
    let profile = pdf.with_extension("profile");
    let mut command = Command::new(browser);
    // Linux containers run the browser as root, which Chromium's sandbox refuses.
    if System::current() == System::Unix {
        command.arg("--no-sandbox");
    }
    let mut child = command
        .args([
            "--headless",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            "--run-all-compositor-stages-before-draw",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| m!("pdf.cannot-start", browser = browser.display(), error = e))?;
    // Drain stderr as it comes, so that a chatty browser never blocks on a full pipe.
    let stderr = child.stderr.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut s, &mut text);
            text
        })
    });
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(m!("pdf.timeout"));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let made = std::fs::metadata(pdf).map(|m| m.len() > 0).unwrap_or(false);
    if !status.success() || !made {
        let err = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
        let last: Vec<&str> = err
            .lines()
            .filter(|l| !l.contains("dbus"))
            .rev()
            .take(3)
            .collect();
        return Err(m!(
            "pdf.no-pdf-written",
            status = status,
            output = last.join(" | ")
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "browser_tests.rs"]
mod tests;
