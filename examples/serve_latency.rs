//! Time from saving a source file to the rebuilt page being served, for the bundled report.
//!
//!     cargo run --release --example serve_latency
//!
//! Copies content/ to a temporary folder, serves it in-process on a free port, then 20
//! times edits a project's Markdown and polls the page until the edit is served. Prints the
//! median and the slowest. A benchmark, not a test.

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
    let dir = std::env::temp_dir().join(format!("sosei-latency-{}", std::process::id()));
    let content = dir.join("content");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
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
    let file = content.join("grants/1-nadec/projects/04-internship.md");
    let page = "/grants/1-nadec/04-internship.html";
    let original = std::fs::read_to_string(&file).unwrap();
    let mut times = Vec::new();
    for round in 0..20 {
        let marker = format!("計測用の追記{round}");
        let started = Instant::now();
        std::fs::write(&file, format!("{original}\n{marker}\n")).unwrap();
        loop {
            if get(&addr, page).contains(&marker) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the edit was never served"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(150));
    }
    times.sort_by(f64::total_cmp);
    println!(
        "save to served (bundled report, 20 edits): median {:.0} ms, slowest {:.0} ms",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
