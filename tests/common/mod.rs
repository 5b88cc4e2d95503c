//! Helpers shared by the integration tests: fixture copies, builds and HTML text.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sosei binary, speaking English whatever the locale of whoever runs the tests.
pub fn sosei() -> Command {
    sosei_in("C")
}

/// `sosei build [flags] --content content --output output`, run to its end (LANG=C).
pub fn run_build(flags: &[&str], content: &Path, output: &Path) -> std::process::Output {
    sosei()
        .arg("build")
        .args(flags)
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(output)
        .output()
        .unwrap()
}

/// The sosei binary under the locale `LANG=lang` alone: `ja_JP.UTF-8` for Japanese.
pub fn sosei_in(lang: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sosei"));
    in_locale(&mut command, lang);
    command
}

/// Gives `command` (and what it starts) the locale `LANG=lang` alone: sosei follows
/// LC_ALL, then LC_MESSAGES, then LANG, so the others are removed (LANGUAGE too).
pub fn in_locale<'a>(command: &'a mut Command, lang: &str) -> &'a mut Command {
    for var in ["LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
        command.env_remove(var);
    }
    command.env("LANG", lang)
}

/// Copies a fixture site's content folder into a fresh temp dir; returns (dir, content path).
pub fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    copy_content(&format!("tests/fixtures/{name}/content"))
}

/// Copies the content folder `from` (relative to the crate: `content` for the bundled
/// report) into a fresh temp dir as `content`; returns (dir, content path).
pub fn copy_content(from: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&root().join(from), &content);
    (dir, content)
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Rewrites `rel` inside `content` with `edit` applied to its text; returns its path.
pub fn edit(content: &Path, rel: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
    let path = content.join(rel);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    fs::write(&path, edit(text)).unwrap();
    path
}

/// Replaces the first `from` in `rel` inside `content` with `to`; fails the test when
/// `rel` has no `from` (an edit that finds nothing would test the unedited file).
pub fn replace(content: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    edit(content, rel, |t| {
        assert!(t.contains(from), "{rel} has no `{from}`");
        t.replacen(from, to, 1)
    })
}

/// The peak resident memory of this process so far, in KB (getrusage; on Linux the
/// VmHWM of /proc/self/status).
#[cfg(unix)]
pub fn peak_rss_kb() -> u64 {
    // SAFETY: getrusage only writes the struct it is given, which is plain data.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let done = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    assert_eq!(done, 0, "getrusage: {}", std::io::Error::last_os_error());
    let max = u64::try_from(usage.ru_maxrss).unwrap();
    assert!(max > 0, "getrusage gave no peak memory");
    // macOS gives bytes, Linux and the BSDs kilobytes.
    if cfg!(target_os = "macos") {
        max / 1024
    } else {
        max
    }
}

/// Whether this is the process that the test `name` (its name in this test binary) runs
/// alone in. Called first from the test run as usual, it runs this binary again with
/// that test alone, checks that it ran and passed, and says no; the test then returns.
/// What such a test measures of its process (its peak memory) is then its own, not that
/// of the tests running alongside it.
pub fn alone_in_a_process(name: &str) -> bool {
    const ALONE: &str = "SOSEI_TEST_ALONE";
    if std::env::var_os(ALONE).is_some_and(|n| n == name) {
        return true;
    }
    let run = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--test-threads=1"])
        .env(ALONE, name)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "{name}, run alone:\n{said}");
    assert!(
        said.contains("test result: ok. 1 passed"),
        "{name} did not run alone:\n{said}"
    );
    false
}

/// Every file under `dir` with its bytes, for comparing an output before and after.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            out.push((
                entry.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(entry.path()).unwrap(),
            ));
        }
    }
    out
}

/// The text of an HTML fragment: tags removed, entities decoded, white space folded.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn read(dir: &Path, page: &str) -> String {
    fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}
