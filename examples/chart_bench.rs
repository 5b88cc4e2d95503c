//! Chart throughput: every chart of the bundled report, and 1,000 synthetic indicators.
//!
//!     cargo run --release --example chart_bench
//!
//! Prints charts per second and the average size of one SVG chart; the synthetic charts
//! are timed both as `Chart` values and appended to one buffer (`trend_chart_into`). A
//! benchmark, not a test: nothing here asserts a time.

use sosei::chart::style::ChartStyle;
use sosei::chart::trend::{trend_chart, trend_chart_into, TrendView, TrendWords, TrendYear};
use sosei::model::SeriesRef;
use sosei::render::charts;
use sosei::render::context::{Collected, Facts, ViewCtx};
use sosei::vocabulary::Vocabulary;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

fn main() {
    let style = ChartStyle::builtin().expect("built-in chart style");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (report, diags, _) = sosei::build::check(&content);
    let report = report.unwrap_or_else(|| panic!("bundled content: {diags}"));
    let year = report.years.last().expect("an evaluation year").year;
    let eval = sosei::evaluate::evaluate(&report, year);
    let collected = Mutex::new(Collected::default());
    let facts = Facts::new(&report);
    let ctx = ViewCtx {
        report: &report,
        eval: &eval,
        content_root: &content,
        site_root: String::new(),
        year_root: String::new(),
        collected: &collected,
        style: &style,
        facts: &facts,
        slots: Default::default(),
    };

    let rounds = 200;
    let started = Instant::now();
    let (mut count, mut bytes) = (0usize, 0usize);
    for _ in 0..rounds {
        for (indicator, ind) in report.indicators.iter().enumerate() {
            for series in 0..ind.series.len() {
                let r = SeriesRef { indicator, series };
                if let Some(c) = charts::series_chart(&ctx, r) {
                    count += 1;
                    bytes += c.svg.len();
                }
            }
        }
        for g in &report.grants {
            for c in charts::budget_chart(&ctx, g)
                .into_iter()
                .chain((0..g.kpis.len()).filter_map(|k| charts::kpi_chart(&ctx, g, k)))
            {
                count += 1;
                bytes += c.svg.len();
            }
        }
        if let Some(c) = charts::status_summary_chart(&ctx) {
            count += 1;
            bytes += c.svg.len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "bundled report: {} charts per build, {:.0} charts/s (views and SVG, {rounds} rounds), average SVG {} bytes",
        count / rounds,
        count as f64 / secs,
        bytes / count.max(1)
    );

    let words = std::sync::Arc::new(TrendWords::new(
        &Vocabulary::builtin().expect("the built-in vocabulary"),
    ));
    let views: Vec<TrendView> = (0..1000).map(|n| synthetic(n, &words)).collect();
    let rounds = 20;
    let count = (rounds * views.len()) as f64;
    // As the rest of the crate takes them: a `Chart` each, with its own string.
    let started = Instant::now();
    let mut bytes = 0;
    for _ in 0..rounds {
        for v in &views {
            bytes += trend_chart(v, &style).expect("chart").svg.len();
        }
    }
    let as_charts = count / started.elapsed().as_secs_f64();
    // Appended to one buffer, as a page renderer writing charts straight into a page.
    let mut page = String::new();
    let started = Instant::now();
    for _ in 0..rounds {
        for v in &views {
            page.clear();
            assert!(trend_chart_into(v, &style, &mut page), "chart");
        }
    }
    let into_buffer = count / started.elapsed().as_secs_f64();
    println!(
        "1,000 synthetic 10-year indicators ({rounds} rounds): {as_charts:.0} charts/s as Charts, \
         {into_buffer:.0} charts/s into one buffer, average SVG {} bytes",
        bytes / (rounds * views.len())
    );
}

/// A 10-year series with a missing and a revised year, direction alternating; no
/// annual targets, so that the figures compare with those measured before them.
fn synthetic(n: usize, words: &std::sync::Arc<TrendWords>) -> TrendView {
    let base = 100.0 + (n % 37) as f64;
    let years = (0..10)
        .map(|k| {
            let value = base + (k as f64 - 3.0) * ((n % 7) as f64 - 3.0) * 0.7;
            let missing = k == 4 && n.is_multiple_of(5);
            TrendYear {
                label: format!("令和{}年度", k + 2),
                short: format!("R{}", k + 2),
                value: (!missing).then_some(value),
                value_label: format!("{value:.1}%"),
                revised: k == 1 && n.is_multiple_of(11),
                missing,
            }
        })
        .collect();
    TrendView {
        id: format!("chart-synthetic-{n}"),
        title: format!("指標{n}の推移"),
        desc: format!("指標{n}の説明です。"),
        lower_is_better: n.is_multiple_of(2),
        baseline: base,
        baseline_label: format!("{base:.1}%"),
        target: base + 10.0,
        target_label: format!("{:.1}%", base + 10.0),
        years,
        year_targets: vec![None; 10],
        words: std::sync::Arc::clone(words),
    }
}
