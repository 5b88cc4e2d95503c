//! Tests of local file resolution: inside content/, by size and by first bytes.

use super::*;
use std::fs;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF";

/// A content folder with `grants/1/projects/a.md` and the given files beside it.
fn content(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let projects = dir.path().join("grants/1/projects");
    fs::create_dir_all(&projects).unwrap();
    fs::write(projects.join("a.md"), "# x\n").unwrap();
    for (name, bytes) in files {
        let path = projects.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

fn resolve_in(dir: &Path, dest: &str, kind: Kind, max_bytes: u64) -> Result<Local, Problem> {
    let ctx = Context {
        content_root: dir,
        source: Path::new("grants/1/projects/a.md"),
        site_root: "../../",
        max_bytes,
        no_file: "写真（画像ファイルなし）",
        not_found: "写真（画像ファイルが見つかりません）",
    };
    resolve(&ctx, dest, kind)
}

fn refused(result: Result<Local, Problem>) -> String {
    match result {
        Err(Problem::Refused(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn pictures_and_attachments_inside_content_resolve() {
    let dir = content(&[
        ("photos/会場.png", PNG),
        ("議事録 第1回.pdf", b"%PDF-1.7\n"),
        ("kpi.xlsx", b"PK\x03\x04\x14\0"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        ("memo.txt", "メモ".as_bytes()),
    ]);
    let root = dir.path();
    let png = resolve_in(root, "photos/会場.png", Kind::Image, 1 << 20).unwrap();
    assert_eq!(png.output, "media/grants/1/projects/photos/会場.png");
    assert_eq!(png.file, root.join("grants/1/projects/photos/会場.png"));
    let pdf = resolve_in(root, "議事録%20第1回.pdf", Kind::Attachment, 1 << 20).unwrap();
    assert_eq!(pdf.output, "media/grants/1/projects/議事録 第1回.pdf");
    for name in [
        "kpi.xlsx",
        "old.xls",
        "memo.txt",
        "./photos/../photos/会場.png",
    ] {
        assert!(
            resolve_in(root, name, Kind::Attachment, 1 << 20).is_ok(),
            "{name}"
        );
    }
}

#[test]
fn paths_that_leave_content_or_hide_a_host_are_refused() {
    let dir = content(&[("a.png", PNG)]);
    for dest in [
        "../../../../secret.png",
        "/etc/a.png",
        "\\\\server\\a.png",
        "/\\evil.example/a.png",
        "\\/evil.example/a.png",
        "/\t/evil.example/a.png",
        " //evil.example/a.png",
        "//evil.example/a.png",
        "https://evil.example/a.png",
        "%2F%2Fevil.example/a.png",
        "a%00.png",
        ".hidden/a.png",
    ] {
        let message = refused(resolve_in(dir.path(), dest, Kind::Image, 1 << 20));
        assert!(
            message.starts_with(&format!("image `{dest}` ")),
            "{message}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_on_the_way_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("b.png"), PNG).unwrap();
    let dir = content(&[]);
    let projects = dir.path().join("grants/1/projects");
    std::os::unix::fs::symlink(outside.path(), projects.join("linked")).unwrap();
    let message = refused(resolve_in(dir.path(), "linked/b.png", Kind::Image, 1 << 20));
    assert!(message.contains("symbolic link"), "{message}");
}

#[test]
fn types_are_checked_by_extension_and_by_first_bytes() {
    let dir = content(&[
        ("jpeg-named.png", JPEG),
        ("text.png", b"not a picture"),
        ("empty.gif", b""),
        ("page.pdf", b"<html>"),
        ("binary.txt", b"MZ\x90\0\x03"),
        ("unicode.txt", b"\xff\xfeA\0"),
        ("tool.exe", b"MZ"),
        ("a.svg", b"<svg/>"),
    ]);
    let root = dir.path();
    let check = |dest: &str, kind: Kind| refused(resolve_in(root, dest, kind, 1 << 20));
    assert!(check("jpeg-named.png", Kind::Image).contains("is a JPEG image, not the `.png` file"));
    assert!(check("text.png", Kind::Image).contains("does not start as a `.png` file does"));
    assert!(check("empty.gif", Kind::Image).ends_with("is empty"));
    assert!(check("page.pdf", Kind::Attachment).contains("`.pdf`"));
    assert!(check("binary.txt", Kind::Attachment).contains("`.txt`"));
    assert!(resolve_in(root, "unicode.txt", Kind::Attachment, 1 << 20).is_ok());
    assert!(check("tool.exe", Kind::Attachment).contains("is not a file type sosei publishes"));
    // SVG can carry script: it is neither a photo nor an attachment.
    assert!(check("a.svg", Kind::Image).contains("is not a picture"));
    assert!(check("a.svg", Kind::Attachment).contains("is not a file type"));
    assert!(check("www.city.example.jp", Kind::Attachment).contains("needs `https://`"));
    assert!(check("page.pdf", Kind::Image).contains("is not a picture"));
}

#[test]
fn missing_files_are_told_apart_from_refused_ones() {
    let dir = content(&[]);
    match resolve_in(dir.path(), "minutes.pdf", Kind::Attachment, 1 << 20) {
        Err(Problem::Missing(m)) => assert_eq!(m, "attachment `minutes.pdf` was not found"),
        other => panic!("{other:?}"),
    }
}

/// The peak resident memory of this process so far, in KB (getrusage; on Linux the
/// VmHWM of /proc/self/status).
#[cfg(unix)]
fn peak_rss_kb() -> u64 {
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

/// Whether this is the process that the test `name` of this module runs alone in. Called
/// first from the test run as usual, it runs this test binary again with that test alone,
/// checks that it ran and passed, and says no; the test then returns. What the test
/// measures of its process (its peak memory) is then its own, not that of the tests
/// running alongside it. (The same as `alone_in_a_process` in tests/common/mod.rs.)
#[cfg(unix)]
fn alone_in_a_process(name: &str) -> bool {
    const ALONE: &str = "SOSEI_TEST_ALONE";
    // The test's name in the harness: its module path without the crate's name.
    let name = format!("{}::{name}", module_path!().split_once("::").unwrap().1);
    if std::env::var_os(ALONE).is_some_and(|n| n == name.as_str()) {
        return true;
    }
    let run = std::process::Command::new(std::env::current_exe().unwrap())
        .args([name.as_str(), "--exact", "--test-threads=1"])
        .env(ALONE, &name)
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

#[cfg(unix)]
#[test]
fn a_3_gb_sparse_picture_is_refused_by_its_size_without_being_read() {
    if !alone_in_a_process("a_3_gb_sparse_picture_is_refused_by_its_size_without_being_read") {
        return;
    }
    let dir = content(&[]);
    let path = dir.path().join("grants/1/projects/huge.png");
    let file = fs::File::create(&path).unwrap();
    file.set_len(3 << 30).unwrap();
    let before = peak_rss_kb();
    let message = refused(resolve_in(
        dir.path(),
        "huge.png",
        Kind::Image,
        DEFAULT_MAX_MB << 20,
    ));
    let grown_kb = peak_rss_kb().saturating_sub(before);
    assert_eq!(
        message,
        "image `huge.png` is 3.0 GB (3221225472 bytes); files larger than 20 MB are not published (`max_file_mb:` in config.yaml sets the limit)"
    );
    assert!(grown_kb < 64 * 1024, "peak memory grew by {grown_kb} KB");
    // Just over a small limit: refused; at the limit: published.
    let dir = content(&[("a.png", PNG)]);
    let size = PNG.len() as u64;
    assert!(resolve_in(dir.path(), "a.png", Kind::Image, size).is_ok());
    let message = refused(resolve_in(dir.path(), "a.png", Kind::Image, size - 1));
    assert!(message.contains("files larger than 1 KB"), "{message}");
}

#[test]
fn sizes_read_as_people_write_them() {
    assert_eq!(megabytes(20 << 20), "20 MB");
    assert_eq!(megabytes(3 << 30), "3.0 GB");
    assert_eq!(megabytes(25_500_000), "24.3 MB");
    assert_eq!(megabytes(1_100_016), "1.05 MB");
    assert_eq!(megabytes(1), "1 KB");
}
