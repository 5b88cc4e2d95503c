//! The time of checking again after an edit, as `serve` can with `Manuscript::update`.
//!
//!     cargo run --release --example recheck -- --content /tmp/chk-l/content
//!     cargo run --release --example recheck -- --content /tmp/chk-l/content \
//!         --edit results/R3/result.yaml --rounds 20
//!
//! Copies the content folder to a temporary folder and reads it into a manuscript, then
//! edits one file (by default the first indicator file: its `name:`; a YAML file without
//! one gets a comment, a Markdown file a paragraph) and times `update` for it, round
//! after round. Prints the median and the slowest, and the way the update took. A
//! benchmark, not a test.

#[path = "common/args.rs"]
mod args;
#[path = "common/copy.rs"]
mod copy;
use args::arg;
use copy::copy;
use sosei::manuscript::Manuscript;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator the `sosei` binary uses, so that times are as there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The file's text with a change that differs from round to round.
fn edited(path: &Path, text: &str, round: usize) -> String {
    if path.extension().is_some_and(|e| e == "md") {
        return format!("{text}\n編集{round}\n");
    }
    match text.lines().position(|l| l.starts_with("name: ")) {
        Some(at) => text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == at {
                    format!("name: 編集{round}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect(),
        None => format!("# 編集{round}\n{text}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let content = args::content(&args);
    let rounds: usize = arg(&args, "--rounds").map_or(20, |r| r.parse().expect("a number"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let copied = dir.path().join("content");
    copy(&content, &copied);
    let started = Instant::now();
    let mut manuscript = Manuscript::open(&copied);
    println!(
        "opened {} files in {:.0} ms; report: {}",
        manuscript.files_read(),
        started.elapsed().as_secs_f64() * 1000.0,
        if manuscript.report().is_some() {
            "yes"
        } else {
            "no"
        }
    );
    let edit = arg(&args, "--edit").map(PathBuf::from).unwrap_or_else(|| {
        let mut files: Vec<PathBuf> = std::fs::read_dir(copied.join("indicators"))
            .expect("an indicators folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        files[0].strip_prefix(&copied).unwrap().to_path_buf()
    });
    let path = copied.join(&edit);
    let original = std::fs::read_to_string(&path).expect("the file to edit");
    let mut times = Vec::new();
    let mut ways = Vec::new();
    for round in 0..rounds {
        std::fs::write(&path, edited(&path, &original, round)).unwrap();
        let started = Instant::now();
        let update = manuscript.update(std::slice::from_ref(&path));
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        let report = manuscript.report().expect("the edit keeps the report good");
        std::hint::black_box(report);
        ways.push(format!("{:?}", update.recheck));
    }
    ways.dedup();
    times.sort_by(f64::total_cmp);
    println!(
        "update after editing {}: median {:.2} ms, slowest {:.2} ms over {rounds} rounds ({})",
        edit.display(),
        times[times.len() / 2],
        times[times.len() - 1],
        ways.join(", ")
    );
}
