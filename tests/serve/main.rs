//! `sosei serve` through the real binary on real sockets: live rebuild, error pages and
//! path safety, then what a hostile page or client could try: another `Host`, a folder
//! without its slash, idle sockets at the file-descriptor limit, and a unit that once
//! made a page panic. (A request trickled in, and a panic while making a page, are
//! tested on the HTTP layer itself, in src/serve/http_tests.rs.)

mod client;
#[path = "../common/mod.rs"]
mod common;
use client::*;
use common::*;
use std::fs;
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

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
    for page in ["index.html", "r3/index.html"] {
        let on_disk = fs::read_to_string(output.join(page)).unwrap();
        assert!(
            !on_disk.contains("<script"),
            "{page}: the built site stays free of JavaScript"
        );
    }
    let (status, latest) = get(&addr, "/r3/index.html");
    assert!(
        status == 200 && latest.contains("見本市総合戦略"),
        "{latest}"
    );

    // An edit to a Markdown file is served.
    let project = content.join("grants/1-demo/projects/01-jigyo.md");
    let text = fs::read_to_string(&project).unwrap();
    fs::write(
        &project,
        text.replace("事業の説明です。", "編集後の説明です。"),
    )
    .unwrap();
    wait_for(
        &addr,
        "/r3/grants/1-demo/01-jigyo.html",
        "the edit",
        |s, b| s == 200 && b.contains("編集後の説明です。"),
    );
    // The output folder follows in the background once the edits pause.
    wait_for_file(
        &output.join("r3/grants/1-demo/01-jigyo.html"),
        "編集後の説明です。",
    );

    // A broken YAML file: every page shows the diagnostics, with file and line.
    let indicator = content.join("indicators/1-1-tenshutsu.yaml");
    let good = fs::read_to_string(&indicator).unwrap();
    fs::write(&indicator, good.replace("unit:", "unti:")).unwrap();
    let error = wait_for(&addr, "/r3/strategies/1.html", "the error page", |_, b| {
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
        "/r3/strategies/1.html",
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
        assert!(
            status == 400 || status == 403 || status == 404,
            "{path}: {status}"
        );
        assert!(!body.contains("top secret"), "{path} leaked a file");
    }
    let (status, _) = get(&addr, "/no-such-page.html");
    assert_eq!(status, 404);
}

#[test]
fn answers_only_to_its_own_names() {
    let (dir, content) = copy_fixture("minimal");
    let (_server, addr) = start_serve(&content, &dir.path().join("output"));
    let port = addr.rsplit(':').next().unwrap();
    wait_for(&addr, "/", "the home page", |s, _| s == 200);
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let (status, _, body) = request(&addr, &host, "/");
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("見本市総合戦略"), "{host}");
    }
    // A page of another site whose name was pointed at 127.0.0.1 (DNS rebinding).
    for host in ["evil.example", &format!("evil.example:{port}")] {
        for path in ["/", "/r3/strategies/1.html", "/__sosei/version"] {
            let (status, _, body) = request(&addr, host, path);
            assert!(status == 421 || status == 403, "{host}{path}: {status}");
            assert!(!body.contains("見本市"), "{host}{path} leaked a page");
        }
    }
}

#[test]
fn a_folder_without_its_slash_is_redirected() {
    let (dir, content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    let (_server, addr) = start_serve(&content, &output);
    wait_for(&addr, "/", "the home page", |s, _| s == 200);
    for (path, to) in [
        ("/r2", "/r2/"),
        ("/r2?x=1", "/r2/?x=1"),
        ("/r3", "/r3/"),
        ("/r3/grants/1-demo", "/r3/grants/1-demo/"),
        ("/assets", "/assets/"),
    ] {
        let (status, head, body) = request(&addr, &addr, path);
        assert!(status == 301 || status == 308, "{path}: {status}");
        assert!(
            head.contains(&format!("\r\nlocation: {to}")),
            "{path}: {head}"
        );
        assert!(
            !body.contains("<html"),
            "{path} served a page at the wrong base"
        );
    }
    let (status, r2) = get(&addr, "/r2/");
    assert_eq!(status, 200);
    assert!(r2.contains("令和2年度の所見です。"), "{r2}");
    // A year the report in memory knows is a folder even before it is on disk.
    fs::remove_dir_all(output.join("r2")).unwrap();
    let (status, head, _) = request(&addr, &addr, "/r2");
    assert!(status == 301 || status == 308, "/r2 off disk: {status}");
    assert!(head.contains("\r\nlocation: /r2/"), "{head}");
    // Pages and missing paths are not folders.
    assert_eq!(get(&addr, "/r3/strategies/1.html").0, 200);
    assert_eq!(get(&addr, "/no-such-folder").0, 404);
}

/// CPU time (user and system) of a process so far, in clock ticks.
#[cfg(target_os = "linux")]
fn cpu_ticks(pid: u32) -> u64 {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after_name = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // utime and stime are the 14th and 15th fields; the first two are before `after_name`.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn idle_sockets_at_the_descriptor_limit_do_not_make_it_spin() {
    let (dir, content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    let log = dir.path().join("serve.log");
    // A limit of 64 open files, set for the server alone.
    let mut command = Command::new("sh");
    in_locale(&mut command, "C")
        .arg("-c")
        .arg(r#"ulimit -n 64 && exec "$0" serve --port 0 --content "$1" --output "$2""#)
        .arg(env!("CARGO_BIN_EXE_sosei"))
        .arg(&content)
        .arg(&output);
    let (server, addr) = start(command, fs::File::create(&log).unwrap().into());
    wait_for(&addr, "/", "the home page", |s, _| s == 200);
    let idle: Vec<TcpStream> = (0..150)
        .filter_map(|_| {
            let addr = addr.parse().unwrap();
            TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok()
        })
        .collect();
    assert!(idle.len() > 64, "only {} sockets opened", idle.len());
    // A second to reach the limit, then three seconds of the server's CPU time.
    std::thread::sleep(Duration::from_secs(1));
    let before = cpu_ticks(server.0.id());
    std::thread::sleep(Duration::from_secs(3));
    let used = cpu_ticks(server.0.id()) - before;
    // Spinning would take a whole core, about 300 ticks.
    assert!(
        used < 50,
        "the server used {used} ticks of CPU in 3 s while idle sockets were open"
    );
    let said = fs::read_to_string(&log).unwrap();
    assert!(
        said.contains("cannot accept connections"),
        "the server never reached its limit:\n{said}"
    );
    drop(idle);
    wait_for(&addr, "/r3/strategies/1.html", "serving again", |s, b| {
        s == 200 && b.contains("転出者超過率")
    });
}

#[test]
fn a_unit_that_once_panicked_is_served_and_later_edits_are_too() {
    let (dir, content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    let (_server, addr) = start_serve(&content, &output);
    wait_for(&addr, "/", "the home page", |s, _| s == 200);
    // A unit of 55 CJK characters made the trend chart's label panic (#15): the page is
    // made with it, and serving and writing go on. (That a panic while making a page is
    // answered with the error page is checked in src/serve/http_tests.rs.)
    let indicator = content.join("indicators/1-1-tenshutsu.yaml");
    let good = fs::read_to_string(&indicator).unwrap();
    let long_unit = "漢".repeat(55);
    fs::write(
        &indicator,
        good.replace("unit: \"%\"", &format!("unit: \"{long_unit}\"")),
    )
    .unwrap();
    // Waits for the edit or for any answer but 200 (the error page would come as 500).
    let status = std::cell::Cell::new(0);
    let page = wait_for(&addr, "/r3/strategies/1.html", "the edited page", |s, b| {
        status.set(s);
        s != 200 || b.contains(&long_unit)
    });
    assert_eq!(status.get(), 200, "the page with the long unit: {page}");
    assert!(page.contains(&long_unit), "{page}");
    assert_eq!(get(&addr, "/__sosei/version").0, 200, "still serving");
    // Later edits are still served and written.
    std::thread::sleep(Duration::from_millis(1500));
    fs::write(&indicator, good).unwrap();
    let project = content.join("grants/1-demo/projects/01-jigyo.md");
    let text = fs::read_to_string(&project).unwrap();
    fs::write(&project, text.replace("事業の説明です。", "後の編集です。")).unwrap();
    wait_for(
        &addr,
        "/r3/grants/1-demo/01-jigyo.html",
        "the later edit",
        |s, b| s == 200 && b.contains("後の編集です。"),
    );
    wait_for_file(
        &output.join("r3/grants/1-demo/01-jigyo.html"),
        "後の編集です。",
    );
}
