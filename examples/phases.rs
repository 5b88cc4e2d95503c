//! Where the time of a check and of one page on the serve path goes, phase by phase.
//!
//!     cargo run --release --example phases -- --content /tmp/sosei-bench/L/content
//!
//! Times loading, validation, evaluation of the latest year, and making one page from
//! memory (as `serve` does), each the best of 3: by default the latest year's first goal
//! page (`r11/strategies/1.html`), or `--page PATH` (relative to the output folder). With
//! `--every-page`, every page of the latest year, by template (`--only goal.html` for
//! one). A benchmark, not a test.

#[path = "common/args.rs"]
mod args;
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
    let content = args::content(&args);
    let (sources, _) = best("load", || sosei::load::load(&content));
    let (report, diags) = best("validate", || sosei::validate::validate(&sources));
    let report = report.unwrap_or_else(|| panic!("{}", diags.render(&content)));
    let latest = report.years.last().expect("a year").year;
    let page = args::arg(&args, "--page").unwrap_or_else(|| {
        let first = report.goals.top().next().expect("a goal").0;
        let goal = sosei::render::site::goal_page_path(&report, first);
        format!("{}{goal}", sosei::render::site::year_prefix(latest))
    });
    println!("page: {page}");
    best("evaluate (latest year)", || {
        sosei::evaluate::evaluate(&report, latest)
    });
    best("load the theme", || {
        sosei::render::theme::load(None, report.vocabulary.clone()).is_ok()
    });
    let fresh = || {
        sosei::render::live::Live::new(
            std::sync::Arc::new(report.clone()),
            std::sync::Arc::new(
                sosei::render::theme::load(None, report.vocabulary.clone()).expect("theme"),
            ),
            content.clone(),
        )
    };
    best("clone the report, load the theme", fresh);
    // The page must be one the report has, or the times below would be of nothing.
    match fresh().file(&page) {
        Some(Ok(bytes)) => println!("{:<28} {:>8.1} KB", "the page", bytes.len() as f64 / 1e3),
        Some(Err(e)) => panic!("{page} could not be made: {e}"),
        None => {
            eprintln!("the report has no page {page}: give --page within a year's folder, as r3/strategies/1.html");
            std::process::exit(2);
        }
    }
    let mut first = Vec::new();
    for _ in 0..3 {
        let live = fresh();
        let t = Instant::now();
        let _ = live.file(&page);
        first.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    first.sort_by(f64::total_cmp);
    println!("{:<28} {:>8.1} ms", "first page of a new report", first[0]);
    let live = fresh();
    let _ = live.file(&page);
    best("the same page again", || {
        live.file(&page).and_then(Result::ok).map(|b| b.len())
    });
    if args.iter().any(|a| a == "--every-page") {
        let only = args
            .iter()
            .position(|a| a == "--only")
            .and_then(|i| args.get(i + 1))
            .map(String::as_str);
        every_page(&report, &live, only);
    }
}

/// Makes every page of the latest year's report once, and prints the time and bytes per
/// template (or only those of `--only TEMPLATE`): where a build's rendering time goes,
/// page kind by page kind.
fn every_page(report: &sosei::model::Report, live: &sosei::render::live::Live, only: Option<&str>) {
    let latest = report.years.last().expect("a year").year;
    let mut by_template: std::collections::BTreeMap<&str, (usize, f64, usize)> = Default::default();
    for page in sosei::render::page_list(report)
        .into_iter()
        .filter(|p| p.year == latest && only.is_none_or(|t| t == p.kind.template()))
    {
        let t = Instant::now();
        let bytes = live
            .file(&page.path)
            .and_then(Result::ok)
            .map_or(0, |b| b.len());
        let e = by_template.entry(page.kind.template()).or_default();
        e.0 += 1;
        e.1 += t.elapsed().as_secs_f64() * 1000.0;
        e.2 += bytes;
    }
    println!(
        "{:<16} {:>6} {:>10} {:>10} {:>10}",
        "template", "pages", "ms", "ms/page", "MB"
    );
    for (t, (n, ms, bytes)) in by_template {
        println!(
            "{t:<16} {n:>6} {ms:>10.1} {:>10.2} {:>10.1}",
            ms / n as f64,
            bytes as f64 / 1e6
        );
    }
}
