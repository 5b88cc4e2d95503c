//! The HTTP side of `serve`, on hyper: which connections are taken, how long each may
//! take, which requests are answered at all, and that a panic while answering one becomes
//! the error page instead of a dropped connection.
//!
//! One thread runs the connections (a tokio runtime of one thread: they mostly wait); the
//! answers, which make pages and read files, run on a small pool of worker threads. At
//! most `MAX_CONNECTIONS` are open at once; beyond that, new ones wait in the kernel's
//! queue. A connection must send each request's head within `HEAD_DEADLINE` of being
//! ready for it (so a client that trickles bytes, or an idle one, is cut off), and is
//! closed after `CONNECTION_LIFETIME`, once its request under way is answered. When
//! accepting fails (out of file descriptors), the loop waits before trying again.

use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::io::ErrorKind;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

type Body = http_body_util::Full<Bytes>;

/// The most connections open at once: far below the usual limit of 1,024 file
/// descriptors, so that the background write of the output folder always has some.
const MAX_CONNECTIONS: usize = 256;
/// Threads that make the answers (pages are made on one thread each).
const WORKERS: usize = 4;
/// How long a client has to send a request's head, from the moment the connection is
/// ready for it (opened, or the previous answer sent).
const HEAD_DEADLINE: Duration = Duration::from_secs(5);
/// How long a connection is kept; then it is closed once its current answer is sent,
/// and dropped if that takes as long again.
const CONNECTION_LIFETIME: Duration = Duration::from_secs(60);
/// The longest wait before accepting again after accepting failed.
const BACKOFF_AT_MOST: Duration = Duration::from_secs(1);

/// What a request is answered with.
pub(super) struct Answer {
    pub status: u16,
    pub kind: &'static str,
    pub body: Vec<u8>,
    /// For a redirect.
    pub location: Option<String>,
}

/// What the server serves: the answer to a path, and the answer when that panicked.
pub(super) trait Site: Send + Sync + 'static {
    /// The answer to a GET of `path` (as sent, still percent-encoded) with its `query`.
    fn answer(&self, path: &str, query: Option<&str>) -> Answer;
    /// The answer when making the answer to `path` panicked with `message`.
    fn failed(&self, path: &str, message: &str) -> Answer;
    /// Says what happened, for the terminal.
    fn log(&self, line: &str);
}

/// Serves `site` on `listener` until the process ends.
pub(super) fn run(listener: std::net::TcpListener, site: Arc<dyn Site>) -> std::io::Result<()> {
    let port = listener.local_addr()?.port();
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .max_blocking_threads(WORKERS)
        .thread_name("sosei-serve")
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        accept_loop(listener, Arc::new(Host::new(port)), site).await;
        Ok(())
    })
}

async fn accept_loop(listener: tokio::net::TcpListener, host: Arc<Host>, site: Arc<dyn Site>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut backoff = Duration::ZERO;
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return; // never closed
        };
        let stream = loop {
            match listener.accept().await {
                Ok((stream, _)) => break stream,
                // The client gave up before it was accepted: nothing to wait for.
                Err(e) if is_one_connection(e.kind()) => continue,
                Err(e) => {
                    if backoff.is_zero() {
                        site.log(&m!("serve.cannot-accept", error = e));
                    }
                    backoff = (backoff * 2).clamp(Duration::from_millis(10), BACKOFF_AT_MOST);
                    tokio::time::sleep(backoff).await;
                }
            }
        };
        if !backoff.is_zero() {
            site.log(&m!("serve.accepting-again"));
            backoff = Duration::ZERO;
        }
        let _ = stream.set_nodelay(true);
        let (host, site) = (host.clone(), site.clone());
        tokio::spawn(async move {
            connection(stream, host, site).await;
            drop(slot);
        });
    }
}

fn is_one_connection(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    )
}

async fn connection(stream: tokio::net::TcpStream, host: Arc<Host>, site: Arc<dyn Site>) {
    let service = hyper::service::service_fn(move |request| {
        let (host, site) = (host.clone(), site.clone());
        async move { Ok::<_, Infallible>(respond(request, &host, site).await) }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_DEADLINE)
        .max_buf_size(64 * 1024);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    if tokio::time::timeout(CONNECTION_LIFETIME, conn.as_mut())
        .await
        .is_err()
    {
        conn.as_mut().graceful_shutdown();
        let _ = tokio::time::timeout(CONNECTION_LIFETIME, conn).await;
    }
}

async fn respond(request: Request<Incoming>, host: &Host, site: Arc<dyn Site>) -> Response<Body> {
    if !host.allows(&request) {
        let text = m!("serve.wrong-host", port = host.port);
        return plain(StatusCode::MISDIRECTED_REQUEST, text);
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            m!("serve.method-not-allowed"),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = request.uri().path().to_string();
    let query = request.uri().query().map(str::to_string);
    let made = tokio::task::spawn_blocking({
        let (site, path) = (site.clone(), path.clone());
        move || catch_unwind(AssertUnwindSafe(|| site.answer(&path, query.as_deref())))
    })
    .await;
    let answer = match made {
        Ok(Ok(answer)) => answer,
        Ok(Err(payload)) => failed(&*site, &path, &super::panic_message(&*payload)),
        Err(e) => failed(&*site, &path, &e.to_string()),
    };
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Body::new(answer.body.into()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(answer.kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(location) = answer.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        headers.insert(header::LOCATION, location);
    }
    response
}

/// The error page for a panic, or a plain one if making that panicked too.
fn failed(site: &dyn Site, path: &str, message: &str) -> Answer {
    site.log(&m!(
        "serve.page-failed-shown",
        path = path,
        problem = message
    ));
    catch_unwind(AssertUnwindSafe(|| site.failed(path, message))).unwrap_or_else(|_| Answer {
        status: 500,
        kind: "text/plain; charset=utf-8",
        body: m!("serve.page-failed", path = path, problem = message).into_bytes(),
        location: None,
    })
}

fn plain(status: StatusCode, text: String) -> Response<Body> {
    let mut response = Response::new(Body::new(text.into()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

const LOOPBACK: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// The names the server answers to: loopback with its port, so that a page of another
/// site that has its own name pointed at 127.0.0.1 (DNS rebinding) gets nothing.
struct Host {
    port: u16,
    names: [String; 3],
}

impl Host {
    fn new(port: u16) -> Host {
        Host {
            port,
            names: LOOPBACK.map(|n| format!("{n}:{port}")),
        }
    }

    fn allows(&self, request: &Request<Incoming>) -> bool {
        let named = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        // A request in absolute form names the server in its target too.
        let target = request.uri().authority().map(|a| a.as_str());
        named.is_some_and(|n| self.is_ours(n)) && target.is_none_or(|t| self.is_ours(t))
    }

    fn is_ours(&self, name: &str) -> bool {
        let with_port = self.names.iter().any(|n| n.eq_ignore_ascii_case(name));
        // Browsers leave the default port out.
        let default = self.port == 80 && LOOPBACK.iter().any(|n| n.eq_ignore_ascii_case(name));
        with_port || default
    }
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
