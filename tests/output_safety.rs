//! The output folder's safety (issue #15, items 3 and 4): an output that is a symbolic
//! link keeps its link and its site; two writers on one output take turns, and neither
//! deletes the other's staging folder.
#![cfg(unix)]

mod common;
use common::*;
use sosei::write::{Sink, Staging, Wait};
use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// Changes the plan's title, so that a new build can be told from the previous one.
fn retitle(content: &Path, title: &str) {
    let plan = content.join("plan.yaml");
    let text = fs::read_to_string(&plan).unwrap();
    assert!(text.contains("title: 見本市総合戦略"));
    fs::write(
        &plan,
        text.replace("title: 見本市総合戦略", &format!("title: {title}")),
    )
    .unwrap();
}

/// The names in `dir` that sosei would have left there (staging, aside, lock).
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("sosei"))
        .collect()
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[test]
fn an_output_that_is_a_link_keeps_its_link_and_gets_the_new_site() {
    let (dir, content) = copy_fixture("minimal");
    let www = dir.path().join("www");
    let site = www.join("site");
    sosei::build::build(&content, &site).unwrap();
    let link = dir.path().join("output");
    symlink("www/site", &link).unwrap();
    retitle(&content, "改訂版総合戦略");
    let summary = sosei::build::build(&content, &link).unwrap();
    assert!(summary.pages > 10);
    assert!(is_link(&link), "the link is still a link");
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("www/site"));
    assert!(
        site.join(".sosei-output").is_file(),
        "the target is a sosei site"
    );
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains("改訂版総合戦略"),
        "the target holds the new site"
    );
    // The site as seen through the link is the whole new site.
    assert_eq!(snapshot(&link), snapshot(&site));
    assert!(snapshot(&site).len() > 20);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
    assert!(leftovers(&www).is_empty(), "{:?}", leftovers(&www));
    // Through the binary too, and a failed build through the link changes nothing.
    let before = snapshot(&site);
    fs::write(content.join("plan.yaml"), "title: [unclosed\n").unwrap();
    let run = run_build(&["-q"], &content, &link);
    assert_eq!(run.status.code(), Some(1));
    assert!(is_link(&link));
    assert_eq!(snapshot(&site), before);
}

#[test]
fn a_link_to_nothing_or_to_someone_elses_folder_is_refused() {
    let (dir, content) = copy_fixture("minimal");
    let dangling = dir.path().join("output");
    symlink("nowhere/site", &dangling).unwrap();
    let err = sosei::build::build(&content, &dangling)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("is a symbolic link to `nowhere/site`, which does not exist"),
        "{err}"
    );
    assert!(is_link(&dangling), "the link was not replaced");
    assert!(!dir.path().join("nowhere").exists());
    // The write stage alone (serve's background write) refuses it too.
    let err = Staging::begin(&dangling)
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("does not exist"), "{err}");
    assert!(is_link(&dangling));

    let documents = dir.path().join("documents");
    fs::create_dir(&documents).unwrap();
    fs::write(documents.join("keep.txt"), "大事なファイル").unwrap();
    let link = dir.path().join("public");
    symlink(&documents, &link).unwrap();
    let err = sosei::build::build(&content, &link)
        .unwrap_err()
        .to_string();
    assert!(err.contains("was not made by sosei"), "{err}");
    assert!(err.contains("a link to"), "{err}");
    assert!(Staging::begin(&link).is_err());
    assert!(is_link(&link));
    assert_eq!(
        fs::read_to_string(documents.join("keep.txt")).unwrap(),
        "大事なファイル"
    );
    assert_eq!(fs::read_dir(&documents).unwrap().count(), 1);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_second_build_waits_for_the_first_and_leaves_its_staging_alone() {
    let (dir, content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    sosei::build::build(&content, &output).unwrap();
    let before = snapshot(&output);
    // The first writer: a site being written (as serve's background write would be).
    let first = Staging::begin(&output).unwrap();
    first.put("index.html", b"<html>first</html>").unwrap();
    let staging = dir
        .path()
        .join(format!(".output.sosei-new-{}", std::process::id()));
    assert!(staging.join(".sosei-output").is_file());
    // The second writer, another process.
    let mut second = sosei()
        .args(["build", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&output)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(second.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(
        line.contains(&format!(
            "another sosei (pid {}) is writing `{}`; waiting",
            std::process::id(),
            output.display()
        )),
        "{line}"
    );
    // While it waits, the first writer's staging folder and the output are untouched.
    assert!(staging.join(".sosei-output").is_file());
    assert_eq!(
        fs::read(staging.join("index.html")).unwrap(),
        b"<html>first</html>"
    );
    assert_eq!(snapshot(&output), before);
    first.commit().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(second.wait().unwrap().success(), "{rest}");
    assert!(rest.contains("built "), "{rest}");
    // The second build came after the first, whole: marker and every page.
    assert!(output.join(".sosei-output").is_file());
    assert_eq!(snapshot(&output), before);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_writer_gives_up_clearly_after_its_limit_or_when_told_to_stop() {
    let (dir, _content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    let first = Staging::begin(&output).unwrap();
    let told = std::sync::Mutex::new(Vec::new());
    let notice = |line: &str| told.lock().unwrap().push(line.to_string());
    let wait = Wait {
        limit: Duration::ZERO,
        cancel: None,
        notice: &notice,
    };
    let err = Staging::begin_with(&output, &wait).err().expect("refused");
    assert_eq!(err.kind(), std::io::ErrorKind::WouldBlock);
    let err = err.to_string();
    assert!(
        err.contains(&format!(
            "another sosei (pid {}) is writing `{}`, and was still at it after 0 s",
            std::process::id(),
            output.display()
        )),
        "{err}"
    );
    let stop = AtomicBool::new(true);
    let wait = Wait {
        limit: Duration::from_secs(3600),
        cancel: Some(&stop),
        notice: &notice,
    };
    let err = Staging::begin_with(&output, &wait).err().expect("stopped");
    assert_eq!(err.kind(), std::io::ErrorKind::Interrupted);
    assert_eq!(
        told.lock().unwrap().len(),
        1,
        "told once, when waiting began"
    );
    assert!(told.lock().unwrap()[0].contains("waiting for it to finish"));
    // Neither touched the first writer's folder; once it is done, the output is free.
    first.put("index.html", b"first").unwrap();
    first.commit().unwrap();
    assert_eq!(fs::read(output.join("index.html")).unwrap(), b"first");
    let next = Staging::begin_with(&output, &wait).unwrap();
    drop(next);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

/// The pid of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn staging_folder(dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::create_dir(&path).unwrap();
    fs::write(path.join(".sosei-output"), "").unwrap();
    fs::write(path.join("index.html"), name).unwrap();
    path
}

#[test]
fn only_the_staging_folders_of_ended_processes_are_cleaned_up() {
    let (dir, content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    sosei::build::build(&content, &output).unwrap();
    let dead = dead_pid();
    let abandoned = staging_folder(dir.path(), &format!(".output.sosei-new-{dead}"));
    let aside = staging_folder(dir.path(), &format!(".output.sosei-old-{dead}"));
    // This test's own process is alive, and is not the build below.
    let live = staging_folder(
        dir.path(),
        &format!(".output.sosei-new-{}", std::process::id()),
    );
    let run = run_build(&["-q"], &content, &output);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        !abandoned.exists(),
        "a dead build's staging folder is removed"
    );
    assert!(!aside.exists(), "a dead build's old site is removed");
    assert!(live.join(".sosei-output").is_file(), "a live one is kept");
    assert_eq!(
        fs::read_to_string(live.join("index.html")).unwrap(),
        live.file_name().unwrap().to_string_lossy()
    );
    assert!(output.join(".sosei-output").is_file());
    assert!(fs::read_to_string(output.join("index.html"))
        .unwrap()
        .contains("見本市総合戦略"));
}

#[test]
fn a_killed_swap_is_undone_by_the_next_writer() {
    // Between the two renames of the swap used off Linux, the output is missing and the
    // old site lies aside; the next writer puts it back before anything else.
    let (dir, content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    sosei::build::build(&content, &output).unwrap();
    let before = snapshot(&output);
    let aside = dir.path().join(format!(".output.sosei-old-{}", dead_pid()));
    fs::rename(&output, &aside).unwrap();
    let staging = Staging::begin(&output).unwrap();
    assert_eq!(snapshot(&output), before, "restored before writing");
    drop(staging);
    assert_eq!(snapshot(&output), before);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}
