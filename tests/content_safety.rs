//! Photos and attachments through a whole build: a 3 GB picture is refused without being
//! read, large files are copied as a stream, attachments are copied and linked, and a
//! problem points at the line where its image is written.

mod common;
use common::*;
use std::fs;
use std::path::Path;

const PROJECT: &str = "grants/1-demo/projects/01-jigyo.md";
const PNG_HEADER: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

/// The fixture's project with `body` as its results section.
fn write_project(content: &Path, body: &str) {
    let text = format!(
        "---\ntitle: 見本推進事業\nyear: R3\n---\n# 事業の概要\n\n事業の説明です。\n\n# 事業の成果等\n\n{body}"
    );
    fs::write(content.join(PROJECT), text).unwrap();
}

// The two tests of memory run each in a process of their own (`alone_in_a_process`), where
// the peak memory is theirs alone; on unix, where getrusage gives it.

#[cfg(unix)]
#[test]
fn a_3_gb_sparse_picture_fails_the_build_by_its_size_without_being_read() {
    if !alone_in_a_process("a_3_gb_sparse_picture_fails_the_build_by_its_size_without_being_read") {
        return;
    }
    let (dir, content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    sosei::build::build(&content, &output).unwrap();
    let before_site = snapshot(&output);
    write_project(&content, "![大きな写真](huge.png)\n");
    let huge = fs::File::create(content.join("grants/1-demo/projects/huge.png")).unwrap();
    huge.set_len(3 << 30).unwrap();
    let before = peak_rss_kb();
    let diags = sosei::build::build(&content, &output).unwrap_err();
    let grown_kb = peak_rss_kb().saturating_sub(before);
    let d = diags.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(d.file, Path::new(PROJECT));
    assert_eq!((d.line, d.column), (Some(11), Some(1)));
    assert!(
        d.message.starts_with("image `huge.png` is 3.0 GB (3221225472 bytes); files larger than 20 MB are not published"),
        "{}",
        d.message
    );
    assert!(grown_kb < 256 * 1024, "peak memory grew by {grown_kb} KB");
    assert!(
        snapshot(&output) == before_site,
        "the previous site is untouched"
    );
}

#[cfg(unix)]
#[test]
fn a_large_picture_under_the_limit_is_copied_as_a_stream() {
    if !alone_in_a_process("a_large_picture_under_the_limit_is_copied_as_a_stream") {
        return;
    }
    let (dir, content) = copy_fixture("minimal");
    let config = fs::read_to_string(content.join("config.yaml")).unwrap();
    fs::write(
        content.join("config.yaml"),
        format!("{config}max_file_mb: 100\n"),
    )
    .unwrap();
    write_project(&content, "![会場の写真](photos/kaijo.png)\n");
    let photos = content.join("grants/1-demo/projects/photos");
    fs::create_dir_all(&photos).unwrap();
    fs::write(photos.join("kaijo.png"), PNG_HEADER).unwrap();
    let size: u64 = 80 << 20;
    fs::OpenOptions::new()
        .write(true)
        .open(photos.join("kaijo.png"))
        .unwrap()
        .set_len(size)
        .unwrap();
    let output = dir.path().join("output");
    let before = peak_rss_kb();
    sosei::build::build(&content, &output).unwrap();
    let grown_kb = peak_rss_kb().saturating_sub(before);
    let copy = output.join("media/grants/1-demo/projects/photos/kaijo.png");
    assert_eq!(fs::metadata(&copy).unwrap().len(), size);
    let mut head = vec![0; PNG_HEADER.len()];
    std::io::Read::read_exact(&mut fs::File::open(&copy).unwrap(), &mut head).unwrap();
    assert_eq!(head, PNG_HEADER);
    // Read whole, the 80 MB picture alone would raise the peak by 80 MB.
    assert!(grown_kb < 60 * 1024, "peak memory grew by {grown_kb} KB");
}

#[test]
fn attachments_are_copied_and_linked_pages_stay_as_written() {
    let (dir, content) = copy_fixture("minimal");
    write_project(
        &content,
        "委員会の[議事録（PDF）](minutes/第1回議事録.pdf)と[実績表](jisseki.xlsx)、[評価](../../../evaluation.html)。\n",
    );
    let projects = content.join("grants/1-demo/projects");
    fs::create_dir_all(projects.join("minutes")).unwrap();
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec();
    fs::write(projects.join("minutes/第1回議事録.pdf"), &pdf).unwrap();
    fs::write(projects.join("jisseki.xlsx"), b"PK\x03\x04\x14\0\x06\0").unwrap();
    let output = dir.path().join("output");
    let summary = sosei::build::build(&content, &output).unwrap();
    assert!(summary.diagnostics.is_empty(), "{}", summary.diagnostics);
    assert_eq!(
        fs::read(output.join("media/grants/1-demo/projects/minutes/第1回議事録.pdf")).unwrap(),
        pdf
    );
    assert!(output
        .join("media/grants/1-demo/projects/jisseki.xlsx")
        .is_file());
    let pages: Vec<(&String, String)> = summary
        .page_paths
        .iter()
        .map(|p| (p, fs::read_to_string(output.join(p)).unwrap()))
        .filter(|(_, html)| html.contains("議事録（PDF）"))
        .collect();
    // The project page and the 全体版, both in r3/.
    assert!(
        pages.len() >= 2,
        "pages showing the project: {}",
        pages.len()
    );
    for (path, page) in &pages {
        // Wherever the page is, its link reaches the copy through the site root.
        let href = |name: &str| {
            let at = page.find(&format!(">{name}</a>")).unwrap();
            let start = page[..at].rfind("href=\"").unwrap() + 6;
            page[start..start + page[start..].find('"').unwrap()].to_string()
        };
        let reaches = |href: &str, file: &str| {
            let depth = path.matches('/').count();
            assert_eq!(
                href,
                format!("{}{file}", "../".repeat(depth)),
                "{path}: the link climbs to the site root"
            );
            assert!(output.join(file).is_file(), "{path}: {file}");
        };
        let pdf_href = href("議事録（PDF）");
        let encoded = "media/grants/1-demo/projects/minutes/%E7%AC%AC1%E5%9B%9E%E8%AD%B0%E4%BA%8B%E9%8C%B2.pdf";
        reaches(
            &pdf_href.replace(
                encoded,
                "media/grants/1-demo/projects/minutes/第1回議事録.pdf",
            ),
            "media/grants/1-demo/projects/minutes/第1回議事録.pdf",
        );
        assert!(pdf_href.ends_with(encoded), "{pdf_href}");
        reaches(&href("実績表"), "media/grants/1-demo/projects/jisseki.xlsx");
        assert_eq!(
            href("評価"),
            "../../../evaluation.html",
            "{path}: as written"
        );
    }
}

#[test]
fn a_picture_inside_a_line_of_text_is_reported_at_its_own_line() {
    let (dir, content) = copy_fixture("minimal");
    // The same picture alone on line 11, then inside a line of text on line 13.
    write_project(
        &content,
        "![会場](kaijo.png)\n\n当日は ![会場](kaijo.png) のとおり満員でした。\n",
    );
    fs::write(content.join("grants/1-demo/projects/kaijo.png"), PNG_HEADER).unwrap();
    let summary = sosei::build::build(&content, &dir.path().join("output")).unwrap();
    let warning = summary
        .diagnostics
        .iter()
        .find(|d| d.message.contains("inside a line of text"))
        .expect("a warning");
    assert_eq!(warning.file, Path::new(PROJECT));
    assert_eq!((warning.line, warning.column), (Some(13), Some(5)));
}
