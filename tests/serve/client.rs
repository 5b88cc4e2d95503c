//! A client of the `sosei serve` under test: starting it, plain requests, waiting.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An HTTP GET naming the server as `host`: (status, head, body).
pub fn request(addr: &str, host: &str, path: &str) -> (u16, String, String) {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return (0, String::new(), String::new());
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    );
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_ascii_lowercase(), body.to_string())
}

/// A plain HTTP GET: (status, body).
pub fn get(addr: &str, path: &str) -> (u16, String) {
    let (status, _, body) = request(addr, addr, path);
    (status, body)
}

/// Polls until `check` holds for the page, for at most 30 seconds.
pub fn wait_for(addr: &str, path: &str, what: &str, check: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
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

/// Waits until the output folder's `page` contains `text`.
pub fn wait_for_file(page: &Path, text: &str) {
    let started = Instant::now();
    while !fs::read_to_string(page).is_ok_and(|t| t.contains(text)) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} was never rewritten with `{text}`",
            page.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn serve_command(content: &Path, output: &Path) -> Command {
    let mut command = crate::common::sosei();
    command
        .args(["serve", "--port", "0", "--content"])
        .arg(content)
        .arg("--output")
        .arg(output);
    command
}

pub fn start(mut command: Command, stderr: Stdio) -> (Server, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(stderr)
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

pub fn start_serve(content: &Path, output: &Path) -> (Server, String) {
    start(serve_command(content, output), Stdio::null())
}
