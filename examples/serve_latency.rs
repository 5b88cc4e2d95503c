//! Time from saving a source file to the edited page being served by `sosei serve`, and
//! to the output folder holding it.
//!
//!     cargo build --release && cargo run --release --example serve_latency
//!     cargo run --release --example serve_latency -- --content /tmp/l/content \
//!         --edit indicators/1-00000.yaml --page r11/strategies/1.html --rounds 20
//!
//! `--page` is relative to the output folder: every year's report is in its own folder, so
//! the latest year's pages are under `rN/` (`r3/` for the bundled report, `r11/` for
//! `synth`'s content); the default is a project page of the bundled report.
//!
//! Copies the content folder (the bundled report by default) to a temporary folder, starts
//! the release binary `target/release/sosei serve` on a free port, then edits a file (a
//! Markdown file gets a new paragraph, a YAML file a new `name:`) and, as the reload script
//! of an open page does, polls the server's version until it changes, then gets the page,
//! until the page shows the edit. With `--written`, it also waits, after each edit, for the page in
//! the output folder to show it (serve rewrites the folder once the edits pause). Prints
//! the median and the slowest. A benchmark, not a test.

#[path = "common/args.rs"]
mod args;
#[path = "common/copy.rs"]
mod copy;
use copy::copy;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(addr: &str, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

fn summary(label: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    println!(
        "{label}: median {:.0} ms, slowest {:.0} ms ({} edits)",
        times[times.len() / 2],
        times[times.len() - 1],
        times.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args::arg(&args, name);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = args::content(&args);
    let edit = arg("--edit").unwrap_or_else(|| "grants/1-nadec/projects/04-internship.md".into());
    let page = arg("--page").unwrap_or_else(|| "r3/grants/1-nadec/04-internship.html".into());
    let rounds: usize = arg("--rounds").and_then(|r| r.parse().ok()).unwrap_or(20);
    let written = args.iter().any(|a| a == "--written");
    let binary = root.join("target/release/sosei");
    assert!(
        binary.is_file(),
        "build the release binary first: cargo build --release"
    );
    let dir = std::env::temp_dir().join(format!("sosei-latency-{}", std::process::id()));
    let content = dir.join("content");
    copy(&source, &content);
    let output = dir.join("output");
    let mut server = Command::new(&binary)
        .args(["serve", "--port", "0", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&output)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("sosei serve starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("sosei serve says where it listens");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("an address")
        .to_string();
    let before = get(&addr, &format!("/{page}"));
    if !before.starts_with("HTTP/1.1 200") {
        let _ = server.kill();
        let _ = server.wait();
        let _ = std::fs::remove_dir_all(&dir);
        let status = before.lines().next().unwrap_or("no answer");
        eprintln!("the server does not serve /{page} ({status}): give --page within the latest year's folder, as r3/strategies/1.html");
        std::process::exit(2);
    }
    let file = content.join(&edit);
    let original = std::fs::read_to_string(&file).unwrap();
    let (mut served, mut on_disk) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let marker = format!("計測用の追記{round}");
        let edited = if edit.ends_with(".md") {
            format!("{original}\n{marker}\n")
        } else {
            original.replacen("\nname: ", &format!("\nname: {marker}"), 1)
        };
        let version = get(&addr, "/__sosei/version");
        let started = Instant::now();
        std::fs::write(&file, edited).unwrap();
        // As the reload script of an open page does: watch the version, then get the page.
        loop {
            if get(&addr, "/__sosei/version") != version
                && get(&addr, &format!("/{page}")).contains(&marker)
            {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(600),
                "the edit was never served"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        served.push(started.elapsed().as_secs_f64() * 1000.0);
        if written {
            let path = output.join(&page);
            while !std::fs::read_to_string(&path).is_ok_and(|t| t.contains(&marker)) {
                assert!(
                    started.elapsed() < Duration::from_secs(1800),
                    "the output folder never showed the edit"
                );
                std::thread::sleep(Duration::from_millis(5));
            }
            on_disk.push(started.elapsed().as_secs_f64() * 1000.0);
        } else {
            std::thread::sleep(Duration::from_millis(150));
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    summary(&format!("save to served ({edit}, {page})"), served);
    if written {
        summary("save to written in the output folder", on_disk);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
