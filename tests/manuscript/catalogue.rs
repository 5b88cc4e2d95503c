//! The bad-input catalogue, each case brought in as an edit and undone.

use super::*;

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

/// Each case of the bad-input catalogue, brought in as an edit to the `minimal` fixture
/// and then undone: each time the same result as a fresh check.
#[test]
fn every_bad_input_brought_in_and_undone_matches_a_fresh_check() {
    let fixture = common::root().join("tests/fixtures/minimal/content");
    let mut cases: Vec<PathBuf> = fs::read_dir(common::root().join("tests/bad-inputs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let (_dir, content) = common::copy_fixture("minimal");
        let mut m = Manuscript::open(&content);
        let mut changed: Vec<PathBuf> = Vec::new();
        if case.join("files").is_dir() {
            common::copy_dir(&case.join("files"), &content);
            changed.extend(files_under(&case.join("files")));
        }
        let ops = fs::read_to_string(case.join("ops.txt")).unwrap_or_default();
        for line in ops
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let words: Vec<&str> = line.split_whitespace().collect();
            let path = content.join(words[1]);
            match words[0] {
                "delete" => fs::remove_file(&path).unwrap(),
                "symlink" => std::os::unix::fs::symlink(words[2], &path).unwrap(),
                "bigfile" => fs::write(
                    &path,
                    "aim: 長い文章\n".repeat(words[2].parse::<usize>().unwrap() / 10),
                )
                .unwrap(),
                other => panic!("{name}: unknown operation {other}"),
            }
            changed.push(PathBuf::from(words[1]));
        }
        m.update(&changed);
        assert_fresh(&m, &content, &format!("{name}, brought in"));
        fs::remove_dir_all(&content).unwrap();
        common::copy_dir(&fixture, &content);
        m.update(&changed);
        assert_fresh(&m, &content, &format!("{name}, undone"));
        assert!(m.report().is_some(), "{name}: undone");
    }
}
