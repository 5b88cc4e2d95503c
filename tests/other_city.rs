//! The second bundled example, `examples/other-city/content/` (a fictional city shaped
//! unlike Nagaoka: 基本目標 → 具体的施策 with KPIs, an A–D rating by 達成率, yearly
//! targets, a cumulative KPI, a milestone, 所管課, 外部評価, three years, no grants or
//! donations), checked against the ratings worked out by hand in
//! `examples/other-city/expected-ratings.md`.

mod common;
use common::*;
use sosei::evaluate::{self, Evaluation};
use sosei::fiscal_year::FiscalYear;
use sosei::model::{Method, Report, SeriesRef};
use std::path::PathBuf;

fn content() -> PathBuf {
    root().join("examples/other-city/content")
}

fn report() -> Report {
    let (report, diags, _) = sosei::build::check(&content());
    report.unwrap_or_else(|| panic!("the example must build:\n{diags}"))
}

/// One row of the hand-worked table.
struct Expected {
    series: String,
    year: FiscalYear,
    /// (rounded 達成率 as printed, level) under `achievement` and under `annual_target`.
    achievement: (String, String),
    annual: (String, String),
}

fn expected() -> Vec<Expected> {
    let text =
        std::fs::read_to_string(root().join("examples/other-city/expected-ratings.md")).unwrap();
    let table = text
        .split("## Ratings, one row per series and year")
        .nth(1)
        .expect("the ratings table");
    table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            // | series | year | actual | target | calc | rate | level | year target | calc | rate | level |
            Expected {
                series: cells[1].trim_matches('`').to_string(),
                year: FiscalYear::parse(cells[2]).unwrap(),
                achievement: (cells[6].to_string(), cells[7].to_string()),
                annual: (cells[10].to_string(), cells[11].to_string()),
            }
        })
        .collect()
}

fn series_ref(report: &Report, name: &str) -> SeriesRef {
    let (id, series) = match name.split_once('.') {
        Some((i, s)) => (i, Some(s)),
        None => (name, None),
    };
    let indicator = report
        .indicators
        .iter()
        .position(|i| i.id == id)
        .unwrap_or_else(|| panic!("{id}"));
    let series = match series {
        Some(s) => report.indicators[indicator]
            .series
            .iter()
            .position(|x| x.id.as_deref() == Some(s))
            .unwrap(),
        None => 0,
    };
    SeriesRef { indicator, series }
}

/// The figure as the table prints it, without `%`; `－` when there is none.
fn shown(report: &Report, eval: &Evaluation, r: SeriesRef, year: FiscalYear) -> (String, String) {
    let a = eval.assessment(r, year).unwrap();
    let figure = match a.figure {
        Some(f) => sosei::format::figure(f).trim_end_matches('%').to_string(),
        None => "－".to_string(),
    };
    (figure, report.config.rating.get(a.level).label.clone())
}

fn check_method(report: &Report, method: Method, pick: fn(&Expected) -> &(String, String)) {
    let rows = expected();
    assert_eq!(rows.len(), 78, "26 series × 3 years");
    let mut wrong = Vec::new();
    for year in [2022, 2023, 2024].map(FiscalYear::new) {
        let eval = evaluate::evaluate(report, year);
        for row in rows.iter().filter(|r| r.year == year) {
            let r = series_ref(report, &row.series);
            let got = shown(report, &eval, r, year);
            if got != *pick(row) {
                wrong.push(format!(
                    "{} {}: expected {:?}, got {got:?}",
                    row.series,
                    year.short(),
                    pick(row)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{method:?}:\n{}", wrong.join("\n"));
}

#[test]
fn ratings_by_achievement_rate_are_the_hand_worked_ones() {
    check_method(&report(), Method::Achievement, |e| &e.achievement);
}

#[test]
fn ratings_against_each_years_target_are_the_hand_worked_ones() {
    let mut report = report();
    report.config.rating.method = Method::AnnualTarget;
    check_method(&report, Method::AnnualTarget, |e| &e.annual);
}

#[test]
fn counts_per_goal_in_r6() {
    let report = report();
    let eval = evaluate::evaluate(&report, FiscalYear::new(2024));
    let rating = &report.config.rating;
    // A, B, C, D, 未測定 per 基本目標 (its own 数値目標 and the KPIs of its 施策).
    let expected = [
        [4, 1, 1, 0, 0],
        [1, 2, 3, 0, 0],
        [2, 4, 1, 0, 0],
        [1, 2, 1, 2, 1],
    ];
    let tops: Vec<usize> = report.goals.top().map(|(g, _)| g).collect();
    assert_eq!(tops.len(), 4);
    for (g, want) in tops.iter().zip(expected) {
        let counts = eval.counts(*g);
        let got: Vec<usize> = rating.all().take(5).map(|(l, _)| counts.get(l)).collect();
        assert_eq!(got, want, "{}", report.goals.heading(*g));
    }
    let overall: Vec<usize> = rating
        .all()
        .take(5)
        .map(|(l, _)| eval.overall.get(l))
        .collect();
    assert_eq!(overall, [8, 9, 6, 2, 1]);
}

#[test]
fn the_example_builds_with_its_shape_and_nothing_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out");
    let summary = sosei::build::build(&content(), &output).unwrap_or_else(|d| panic!("{d}"));
    assert!(summary.diagnostics.is_empty(), "{}", summary.diagnostics);
    let page =
        |p: &str| std::fs::read_to_string(output.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    for year in ["r4", "r5", "r6"] {
        for p in [
            "index.html",
            "evaluation.html",
            "full.html",
            "data.html",
            "goals/1.html",
            "goals/4.html",
            "data/indicators.csv",
            "data/indicators.json",
        ] {
            page(&format!("{year}/{p}"));
        }
        // No grant programmes and no donations: no page, no dataset, no link, no mention.
        for absent in [
            "grants",
            "donations.html",
            "data/budgets.csv",
            "data/kpis.csv",
            "data/donations.csv",
        ] {
            assert!(!output.join(year).join(absent).exists(), "{year}/{absent}");
        }
        for p in ["index.html", "full.html", "data.html", "evaluation.html"] {
            let html = page(&format!("{year}/{p}"));
            // The parts' own words (the example's text speaks of ふるさと納税 as a KPI).
            for word in [
                "企業版ふるさと納税",
                "交付金事業",
                "交付金①",
                "寄附実績",
                "地方創生関係交付金",
                "grants/",
                "donations.html",
                "戦略1",
                "イノベーション",
            ] {
                assert!(!html.contains(word), "{year}/{p} mentions {word}");
            }
        }
    }
    // The tree: a 施策 and its KPIs under their 基本目標, with its 所管課 and the opinions.
    let goal = page("r6/goals/2.html");
    assert!(goal.contains("<h1>基本目標2 "));
    assert!(goal.contains("id=\"h-goal-2-1\">具体的施策2-1 移住・定住の促進</h2>"));
    assert!(goal.contains("<span class=\"department\">所管：地域振興課</span>"));
    assert!(goal.contains("（累計）"));
    assert!(goal.contains("外部評価（令和6年度）"));
    // A milestone shows what achieving it is called.
    assert!(goal.contains("開設"));
    // The goal's chart of counts is titled for the goal, as its table is.
    let title = "基本目標2 の数値目標・KPIの評価（令和6年度）";
    assert!(
        goal.contains(&format!("<caption>{title}</caption>")),
        "table"
    );
    assert!(goal.contains(&format!("-title\">{title}</title>")), "chart");
    assert!(
        !goal.contains("基本目標ごとの"),
        "a top-level title on a goal's page"
    );
    // The rating in force, from config.yaml, in the notes.
    let evaluation = page("r6/evaluation.html");
    assert!(
        evaluation.contains("A A：目標を上回る効果が出ており良好"),
        "the level's meaning"
    );
    assert!(evaluation.contains("達成率 ＝ 実績値 ÷ 目標値 × 100"));
    // The open data carries the tree, the department, the years and the declared levels.
    let csv = page("r6/data/indicators.csv");
    assert!(csv.contains(",2-1,移住・定住の促進,具体的施策,ijusha,"));
    assert!(csv.contains(",地域振興課,累計,"));
    assert!(csv.contains(",年度目標値,2024,令和6年度,300,人,"));
    assert!(csv.contains(",評価ID"));
}
