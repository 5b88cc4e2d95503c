//! The authoring workflow: `serve` (live rebuild, error pages, path safety), `new`, and the
//! diagnostics of `check`, snapshotted for a set of typical mistakes.

mod common;
use common::*;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A plain HTTP GET: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls until `check` holds for the page, for at most 15 seconds.
fn wait_for(addr: &str, path: &str, what: &str, check: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, body) = get(addr, path);
        if check(status, &body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last response {status}:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_serve(content: &Path, output: &Path) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["serve", "--port", "0", "--content"])
        .arg(content)
        .arg("--output")
        .arg(output)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|a| a.split('/').next())
        .unwrap_or_else(|| panic!("address in `{line}`"))
        .to_string();
    assert!(
        addr.starts_with("127.0.0.1:"),
        "serves on loopback only: {addr}"
    );
    (Server(child), addr)
}

#[test]
fn serve_rebuilds_shows_errors_and_recovers() {
    let (dir, content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    let (_server, addr) = start_serve(&content, &output);
    let home = wait_for(&addr, "/", "the home page", |s, b| {
        s == 200 && b.contains("見本市総合戦略")
    });
    assert!(
        home.contains("/__sosei/version"),
        "serve mode adds the reload script"
    );
    let on_disk = fs::read_to_string(output.join("index.html")).unwrap();
    assert!(
        !on_disk.contains("<script"),
        "the built site stays free of JavaScript"
    );

    // An edit to a Markdown file is served.
    let project = content.join("grants/1-demo/projects/01-jigyo.md");
    let text = fs::read_to_string(&project).unwrap();
    fs::write(
        &project,
        text.replace("事業の説明です。", "編集後の説明です。"),
    )
    .unwrap();
    wait_for(&addr, "/grants/1-demo/01-jigyo.html", "the edit", |s, b| {
        s == 200 && b.contains("編集後の説明です。")
    });
    // The output folder follows in the background once the edits pause.
    let written = output.join("grants/1-demo/01-jigyo.html");
    let started = std::time::Instant::now();
    while !fs::read_to_string(&written).is_ok_and(|t| t.contains("編集後の説明です。")) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the output folder was never rewritten after the edit"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    // A broken YAML file: every page shows the diagnostics, with file and line.
    let indicator = content.join("indicators/1-1-tenshutsu.yaml");
    let good = fs::read_to_string(&indicator).unwrap();
    fs::write(&indicator, good.replace("unit:", "unti:")).unwrap();
    let error = wait_for(&addr, "/strategies/1.html", "the error page", |_, b| {
        b.contains("ビルドエラー")
    });
    assert!(
        error.contains("--&gt; indicators/1-1-tenshutsu.yaml:4:1"),
        "{error}"
    );
    assert!(error.contains("did you mean `unit`?"), "{error}");
    assert!(
        error.contains("/__sosei/version"),
        "the error page reloads itself too"
    );
    assert!(
        output.join("index.html").is_file(),
        "the last good output is kept"
    );

    // Fixed: the report comes back by itself.
    fs::write(&indicator, good).unwrap();
    wait_for(
        &addr,
        "/strategies/1.html",
        "the page to come back",
        |s, b| s == 200 && b.contains("転出者超過率"),
    );

    // Only files inside the output folder are served.
    fs::write(dir.path().join("secret.txt"), "top secret").unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/r2/../../secret.txt",
        "/..\\secret.txt",
    ] {
        let (status, body) = get(&addr, path);
        assert!(status == 403 || status == 404, "{path}: {status}");
        assert!(!body.contains("top secret"), "{path} leaked a file");
    }
    let (status, _) = get(&addr, "/no-such-page.html");
    assert_eq!(status, 404);
}

#[test]
fn new_then_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mihon");
    let run = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["new"])
        .arg(&site)
        .args(["--city", "見本町"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(fs::read_to_string(site.join("content/config.yaml"))
        .unwrap()
        .contains("city: 見本町"));
    assert!(site.join("README.md").is_file());
    let build = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["build", "--content"])
        .arg(site.join("content"))
        .arg("--output")
        .arg(site.join("output"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "{stderr}");
    assert!(
        !stderr.contains("warning"),
        "a new report builds cleanly: {stderr}"
    );
    let home = fs::read_to_string(site.join("output/index.html")).unwrap();
    assert!(home.contains("第3期見本町まち・ひと・しごと創生総合戦略"));
    assert!(
        site.join("output/r6/index.html").is_file(),
        "two evaluation years"
    );
    assert!(
        site.join("output/grants/1-example/01-example.html")
            .is_file(),
        "a grant programme with a project"
    );
    // It refuses a folder that is not empty.
    let again = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["new"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
}

#[test]
fn build_reports_what_it_did() {
    let (dir, content) = copy_fixture("minimal");
    let out = dir.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["build", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("built 15 pages (2 evaluation years, ")
            && stderr.contains("charts")
            && stderr.contains("from 11 files and 2 indicators"),
        "{stderr}"
    );
    for phase in [
        "load and validate:",
        "evaluate, render and write:",
        "swap in the new site:",
    ] {
        assert!(stderr.contains(phase), "{stderr}");
    }
    assert!(
        !stderr.contains("rendering ["),
        "no progress bar when stderr is not a terminal"
    );
    let quiet = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["build", "-q", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        quiet.status.success() && quiet.stderr.is_empty(),
        "-q prints nothing"
    );
    let verbose = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["build", "-v", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&verbose.stderr).contains("wrote r2/strategies/1.html"));
}

/// `sosei check` on the fixture with one mistake: (stderr in human form, stdout in JSON).
fn check_with(file: &str, edit: impl FnOnce(&str) -> String) -> (String, String) {
    let (_dir, content) = copy_fixture("minimal");
    let path = content.join(file);
    fs::write(&path, edit(&fs::read_to_string(&path).unwrap_or_default())).unwrap();
    let human = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    let json = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["check", "--format", "json", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(human.status.code(), Some(1));
    assert_eq!(json.status.code(), Some(1));
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert!(parsed.as_array().is_some_and(|a| !a.is_empty()));
    (
        String::from_utf8(human.stderr).unwrap(),
        String::from_utf8(json.stdout).unwrap(),
    )
}

#[test]
fn check_diagnostics_for_typical_mistakes() {
    type Edit = Box<dyn Fn(&str) -> String>;
    let cases: Vec<(&str, &str, Edit)> = vec![
        (
            "misspelt_key",
            "indicators/1-1-tenshutsu.yaml",
            Box::new(|t| t.replace("baseline:", "basline:")),
        ),
        (
            "unknown_indicator",
            "results/R3/result.yaml",
            Box::new(|t| t.replace("tenshutsu: 115.3", "tenshutu: 115.3")),
        ),
        (
            "unit_in_a_number",
            "results/R3/result.yaml",
            Box::new(|t| t.replace("gakko.sho: 55.9", "gakko.sho: 55.9%")),
        ),
        (
            "tab_indent",
            "plan.yaml",
            Box::new(|t| t.replace("  name: 見本イノベーション", "\tname: 見本イノベーション")),
        ),
        (
            "bad_year",
            "grants/1-demo/grant.yaml",
            Box::new(|t| t.replace("R3: { total_cost: 3000", "R7: { total_cost: 3000")),
        ),
        (
            "missing_series_value",
            "results/R3/result.yaml",
            Box::new(|t| t.replace("  gakko.chu: 51.8\n", "")),
        ),
        (
            "unknown_series",
            "results/R3/verification.yaml",
            Box::new(|t| t.replace("[tenshutsu, gakko]", "[tenshutsu, gakko.shou]")),
        ),
        (
            "unclosed_bracket",
            "strategies/1-wakamono.yaml",
            Box::new(|t| t.replace("number: 1", "number: [1")),
        ),
    ];
    for (name, file, edit) in cases {
        let (human, json) = check_with(file, edit);
        insta::assert_snapshot!(format!("check_{name}"), human);
        insta::assert_snapshot!(format!("check_{name}_json"), json);
    }
}
