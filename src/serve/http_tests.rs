//! The HTTP layer on real sockets, with a site that answers plainly or panics.

use super::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Answers every path with its name; panics for `/panic`.
#[derive(Default)]
struct Plain {
    answered: AtomicUsize,
}

impl Site for Plain {
    fn answer(&self, path: &str, _: Option<&str>) -> Answer {
        if path == "/panic" {
            panic!("a panic made on purpose");
        }
        self.answered.fetch_add(1, Ordering::Relaxed);
        Answer {
            status: 200,
            kind: "text/plain; charset=utf-8",
            body: format!("the page {path}").into_bytes(),
            location: None,
        }
    }

    fn failed(&self, path: &str, message: &str) -> Answer {
        Answer {
            status: 500,
            kind: "text/html; charset=utf-8",
            body: format!("<h1>error</h1>{path}: {message}").into_bytes(),
            location: None,
        }
    }

    fn log(&self, _: &str) {}
}

fn start() -> (SocketAddr, Arc<Plain>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let site = Arc::new(Plain::default());
    let served = site.clone();
    std::thread::spawn(move || run(listener, served));
    (addr, site)
}

/// Sends `request` as it is and reads the whole answer.
fn exchange(addr: SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn get(addr: SocketAddr, path: &str, host: &str) -> String {
    exchange(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

#[test]
fn answers_only_to_loopback_names() {
    let (addr, site) = start();
    let port = addr.port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let answer = get(addr, "/index.html", &host);
        assert!(answer.starts_with("HTTP/1.1 200"), "{host}: {answer}");
        assert!(answer.ends_with("the page /index.html"), "{host}: {answer}");
    }
    let before = site.answered.load(Ordering::Relaxed);
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost.evil.example:{port}"),
        String::new(),
    ] {
        let answer = get(addr, "/index.html", &host);
        assert!(answer.starts_with("HTTP/1.1 421"), "{host}: {answer}");
        assert!(!answer.contains("the page"), "{host}: {answer}");
    }
    // No Host at all, and a target naming another server.
    let answer = exchange(addr, "GET /index.html HTTP/1.0\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.0 421"), "{answer}");
    let answer = exchange(
        addr,
        &format!(
            "GET http://evil.example/index.html HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    assert_eq!(
        site.answered.load(Ordering::Relaxed),
        before,
        "nothing was made for another name"
    );
}

#[test]
fn a_panic_is_answered_with_the_error_page_and_serving_goes_on() {
    let (addr, _) = start();
    let host = format!("127.0.0.1:{}", addr.port());
    for _ in 0..3 {
        let answer = get(addr, "/panic", &host);
        assert!(answer.starts_with("HTTP/1.1 500"), "{answer}");
        assert!(answer.contains("text/html"), "{answer}");
        assert!(
            answer.ends_with("<h1>error</h1>/panic: a panic made on purpose"),
            "{answer}"
        );
        let answer = get(addr, "/after", &host);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
}

#[test]
fn only_get_and_head_are_answered() {
    let (addr, _) = start();
    let host = format!("127.0.0.1:{}", addr.port());
    let answer = exchange(
        addr,
        &format!(
            "POST /x HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("allow: get, head"),
        "{answer}"
    );
    let answer = exchange(
        addr,
        &format!("HEAD /x HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.ends_with("\r\n\r\n"),
        "a HEAD answer has no body: {answer}"
    );
}

#[test]
fn a_client_that_trickles_its_request_is_cut_off() {
    let (addr, _) = start();
    let host = format!("127.0.0.1:{}", addr.port());
    let request = format!(
        "GET /slow HTTP/1.1\r\nHost: {host}\r\nX-Padding: {}\r\n\r\n",
        "x".repeat(40)
    );
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(1)))
        .unwrap();
    let started = Instant::now();
    let mut sent = 0;
    let mut cut_off = false;
    for byte in request.as_bytes() {
        if slow.write_all(&[*byte]).is_err() {
            cut_off = true;
            break;
        }
        sent += 1;
        // Closed by the server: reading gives the end (or an error), not a timeout.
        let mut buf = [0; 256];
        match slow.read(&mut buf) {
            Ok(0) => {
                cut_off = true;
                break;
            }
            Ok(_) => panic!("answered a request that was never finished"),
            Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::TimedOut => {}
            Err(_) => {
                cut_off = true;
                break;
            }
        }
        // Meanwhile another client is served.
        if sent == 3 {
            let answer = get(addr, "/other", &host);
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    assert!(
        cut_off,
        "a request trickled over {:?} ({sent} of {} bytes) was never cut off",
        started.elapsed(),
        request.len()
    );
    assert!(sent < request.len(), "cut off only after the whole request");
}
