//! Time from saving a source file to the rebuilt page being served.
//!
//!     cargo run --release --example serve_latency
//!     cargo run --release --example serve_latency -- --content /tmp/m/content \
//!         --edit indicators/1-00000.yaml --page strategies/1.html --rounds 5
//!
//! Copies the content folder (the bundled report by default) to a temporary folder,
//! serves it in-process on a free port, then edits a file (a Markdown file gets a new
//! paragraph, a YAML file a new `name:`) and polls the page until the edit is served.
//! Prints the median and the slowest. A benchmark, not a test.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn get(addr: &str, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    );
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let source = arg("--content")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let edit = arg("--edit").unwrap_or_else(|| "grants/1-nadec/projects/04-internship.md".into());
    let page = format!(
        "/{}",
        arg("--page").unwrap_or_else(|| "grants/1-nadec/04-internship.html".into())
    );
    let rounds: usize = arg("--rounds").and_then(|r| r.parse().ok()).unwrap_or(20);
    let dir = std::env::temp_dir().join(format!("sosei-latency-{}", std::process::id()));
    let content = dir.join("content");
    copy(&source, &content);
    let output = dir.join("output");
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let (content, output) = (content.clone(), output.clone());
        std::thread::spawn(move || {
            let _ =
                sosei::serve::serve(&content, &output, 0, |addr| tx.send(addr).unwrap(), |_| {});
        });
    }
    let addr = rx.recv().unwrap().to_string();
    let file = content.join(&edit);
    let original = std::fs::read_to_string(&file).unwrap();
    let mut times = Vec::new();
    for round in 0..rounds {
        let marker = format!("計測用の追記{round}");
        let edited = if edit.ends_with(".md") {
            format!("{original}\n{marker}\n")
        } else {
            original.replacen("\nname: ", &format!("\nname: {marker}"), 1)
        };
        let started = Instant::now();
        std::fs::write(&file, edited).unwrap();
        loop {
            if get(&addr, &page).contains(&marker) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(600),
                "the edit was never served"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(150));
    }
    times.sort_by(f64::total_cmp);
    println!(
        "save to served ({rounds} edits of {edit}): median {:.0} ms, slowest {:.0} ms",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
