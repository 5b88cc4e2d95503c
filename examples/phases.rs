//! Where the time of a check and of one page on the serve path goes, phase by phase.
//!
//!     cargo run --release --example phases -- --content /tmp/sosei-bench/l/content
//!
//! Times loading, validation, evaluation of the latest year, and making one strategy
//! page from memory (as `serve` does), each the best of 3. A benchmark, not a test.

use std::path::PathBuf;
use std::time::Instant;

fn best<T>(label: &str, mut f: impl FnMut() -> T) -> T {
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..3 {
        let t = Instant::now();
        out = Some(f());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!("{label:<28} {:>8.1} ms", times[0]);
    out.expect("ran")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let content = args
        .iter()
        .position(|a| a == "--content")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"));
    let page = args
        .iter()
        .position(|a| a == "--page")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "strategies/1.html".into());
    let (sources, _) = best("load", || sosei::load::load(&content));
    let (report, diags) = best("validate", || sosei::validate::validate(&sources));
    let report = report.unwrap_or_else(|| panic!("{}", diags.render(&content)));
    let latest = report.years.last().expect("a year").year;
    best("evaluate (latest year)", || {
        sosei::evaluate::evaluate(&report, latest)
    });
    best("load the theme", || {
        sosei::render::theme::load(None).is_ok()
    });
    best("clone, theme, first page", || {
        let theme = sosei::render::theme::load(None).expect("theme");
        let live = sosei::render::live::Live::new(report.clone(), theme, content.clone());
        live.file(&page).and_then(Result::ok).map(|b| b.len())
    });
}
