//! Builds the small fixture site into a temp dir and checks the pages it writes.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn build() -> (tempfile::TempDir, PathBuf) {
    build_edited(|_| {})
}

/// The fixture with its content folder changed by `edit`, built beside it: (the temp
/// dir, the output folder).
fn build_edited(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let (dir, content) = copy_fixture("minimal");
    edit(&content);
    let out = dir.path().join("output");
    sosei::build::build(&content, &out).unwrap_or_else(|d| panic!("the fixture builds:\n{d}"));
    (dir, out)
}

#[test]
fn writes_a_report_per_evaluation_year() {
    let (_dir, out) = build();
    for page in [
        "r3/index.html",
        "r3/evaluation.html",
        "r3/strategies/1.html",
        "r3/grants/1-demo.html",
        "r3/grants/1-demo/01-jigyo.html",
        "r3/donations.html",
        "r3/full.html",
        "r3/data.html",
        "r3/data/indicators.csv",
    ] {
        assert!(out.join(page).is_file(), "latest report has {page}");
    }
    // The root holds the latest year's home page, the 404 page and the shared assets;
    // no sitemap.xml without a base_url to make its addresses absolute.
    let mut root: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    root.sort();
    assert_eq!(
        root,
        [
            ".sosei-output",
            "404.html",
            "assets",
            "index.html",
            "r2",
            "r3"
        ]
    );
    assert!(out.join("assets/style.css").is_file());
    for page in [
        "r2/index.html",
        "r2/evaluation.html",
        "r2/strategies/1.html",
        "r2/grants/1-demo.html",
        "r2/full.html",
    ] {
        assert!(out.join(page).is_file(), "older report has {page}");
    }
    assert!(
        !out.join("r2/grants/1-demo/01-jigyo.html").exists(),
        "an R3 project is not in the R2 report"
    );
    assert!(
        !out.join("r2/donations.html").exists(),
        "R3 donations are not in the R2 report"
    );
}

#[test]
fn lower_is_better_compound_missing_and_revised() {
    let (_dir, out) = build();
    let eval = text(&read(&out, "r3/evaluation.html"));
    // R3: 転出者超過率 rose from 114.5 to 115.3 with a target of 105: worsened.
    assert!(
        eval.contains("転出者超過率 （低いほど良い指標） 114.5% 115.3% 105% △8.4% × 悪化"),
        "{eval}"
    );
    // Compound: each series has its own values, progress and status.
    assert!(eval.contains("小学校 55.9% 中学校 51.8%"), "{eval}");
    assert!(
        eval.contains("小学校 △78.5% 中学校 54.9% × 悪化 ○ 順調"),
        "{eval}"
    );
    // R2: missing with a footnote; revised value bold with its note.
    assert!(eval.contains("小学校 — ※2 中学校 — ※2"), "{eval}");
    assert!(eval.contains("※2 調査を実施しなかったため実績値なし。"));
    assert!(eval.contains("※1 算出方法の誤りを修正しました。"));
    let html = read(&out, "r3/evaluation.html");
    assert!(
        html.contains("<strong>114.6%</strong>"),
        "a revised value is emphasised"
    );
    assert!(
        html.contains("<strong>115.3%</strong>"),
        "the report year's values are emphasised"
    );
}

#[test]
fn budget_totals_and_kpi_sums_are_computed() {
    let (_dir, out) = build();
    let grant = text(&read(&out, "r3/grants/1-demo.html"));
    assert!(
        grant.contains("総事業費 1,000 2,000 3,000 6,000"),
        "{grant}"
    );
    assert!(grant.contains("交付金額 500 1,000 1,500 3,000"), "{grant}");
    assert!(
        grant.contains("実績 8.40% 0.41% △0.51% △1.26% — — △1.36%"),
        "{grant}"
    );
    let older = text(&read(&out, "r2/grants/1-demo.html"));
    assert!(older.contains("総事業費 1,000 2,000 3,000"), "{older}");
    assert!(
        !older.contains("3,000 6,000") && !older.contains("△1.26%"),
        "the R2 report shows nothing from R3: {older}"
    );
    let donations = text(&read(&out, "r3/donations.html"));
    assert!(donations.contains("計 97,481千円 2,800千円"), "{donations}");
}

#[test]
fn status_counts_on_the_home_page() {
    let (_dir, out) = build();
    // R3, on its home page and on the root page that presents it: tenshutsu worsened,
    // sho worsened, chu on track.
    for page in ["r3/index.html", "index.html"] {
        let home = text(&read(&out, page));
        assert!(
            home.contains("戦略1 若者定着 0 1 0 2 0 3"),
            "{page}: {home}"
        );
    }
    let older = text(&read(&out, "r2/index.html"));
    // R2: tenshutsu worsened (114.6 > 114.5), both series not measured.
    assert!(older.contains("戦略1 若者定着 0 0 0 1 2 3"), "{older}");
}

#[test]
fn html_is_semantic_and_safe() {
    let (_dir, out) = build();
    for page in [
        "index.html",
        "404.html",
        "r3/index.html",
        "r3/evaluation.html",
        "r3/grants/1-demo/01-jigyo.html",
        "r3/full.html",
        "r2/strategies/1.html",
    ] {
        let html = read(&out, page);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
            "{page}"
        );
        assert!(!html.contains("<script"), "{page} has no script");
        assert!(
            !html.contains("href=\"/") && !html.contains("src=\"/"),
            "{page} links are relative"
        );
        for table in html.split("<table").skip(1) {
            assert!(
                table
                    .trim_start_matches(|c| c != '>')
                    .get(1..)
                    .unwrap_or("")
                    .trim_start()
                    .starts_with("<caption>"),
                "{page}: every table has a caption"
            );
        }
        assert!(!html.contains("<th>"), "{page}: every th has a scope");
    }
    let project = read(&out, "r3/grants/1-demo/01-jigyo.html");
    assert!(
        project.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || project.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "raw HTML is shown as text"
    );
    assert!(project.contains("<figcaption>ガイダンスの様子</figcaption>"));
    assert!(project.contains("<h2>事業の概要</h2>") && project.contains("<h3>①小見出し</h3>"));
    for page in ["r2/strategies/1.html", "r3/strategies/1.html"] {
        assert!(
            read(&out, page).contains("href=\"../../assets/style.css\""),
            "{page}: every year's pages reach the shared assets"
        );
    }
    assert!(
        read(&out, "index.html").contains("href=\"assets/style.css\""),
        "the root page reaches the assets beside it"
    );
}

#[test]
fn headings_never_skip_a_level() {
    let (_dir, out) = build();
    for page in [
        "index.html",
        "r3/index.html",
        "r3/evaluation.html",
        "r3/strategies/1.html",
        "r3/grants/1-demo.html",
        "r3/grants/1-demo/01-jigyo.html",
        "r3/donations.html",
        "r3/full.html",
    ] {
        let html = read(&out, page);
        let mut previous = 0;
        for part in html.split("<h").skip(1) {
            let Some(level) = part.chars().next().and_then(|c| c.to_digit(10)) else {
                continue;
            };
            assert!(
                level <= previous + 1,
                "{page}: h{level} follows h{previous}"
            );
            previous = level;
        }
        assert!(html.matches("<h1").count() == 1, "{page} has one h1");
    }
}

#[test]
fn a_sites_own_theme_overrides_file_by_file() {
    let (_dir, out) = build_edited(|content| {
        let theme = content.parent().unwrap().join("themes/default");
        std::fs::create_dir_all(theme.join("templates")).unwrap();
        std::fs::create_dir_all(theme.join("static")).unwrap();
        std::fs::write(
            theme.join("static/style.css"),
            "body { color: #000; } /* 市の独自スタイル */\n",
        )
        .unwrap();
        let template = include_str!("../themes/default/templates/donations.html");
        let from = "<h1>{{ d.scheme }}</h1>";
        assert!(template.contains(from), "donations.html has {from}");
        std::fs::write(
            theme.join("templates/donations.html"),
            template.replace(from, "<h1>{{ d.scheme }}（市の独自テンプレート）</h1>"),
        )
        .unwrap();
    });
    assert!(
        read(&out, "assets/style.css").contains("市の独自スタイル"),
        "the site's CSS replaces the built-in one"
    );
    assert!(
        read(&out, "r3/donations.html").contains("（市の独自テンプレート）"),
        "the site's template is used"
    );
    assert!(
        read(&out, "index.html").contains("<nav class=\"site-nav\""),
        "the other templates stay built-in"
    );
}

#[test]
fn a_bom_and_written_number_forms_are_accepted_with_their_meaning() {
    let (_dir, out) = build_edited(|content| {
        let result = "results/R3/result.yaml";
        replace(content, result, "tenshutsu: 115.3", "tenshutsu: １１５．３");
        replace(content, result, "gakko.chu: 51.8", "gakko.chu: \"51.8\"");
        edit(content, result, |yaml| format!("\u{feff}{yaml}"));
        replace(
            content,
            "grants/1-demo/grant.yaml",
            "R3: { total_cost: 3000, grant: 1500 }",
            "R3: { total_cost: \"3,000\", grant: 1500 }",
        );
    });
    let eval = text(&read(&out, "r3/evaluation.html"));
    assert!(
        eval.contains("114.5% 115.3% 105%") && eval.contains("中学校 51.8%"),
        "{eval}"
    );
    assert!(text(&read(&out, "r3/grants/1-demo.html")).contains("総事業費 1,000 2,000 3,000 6,000"));
}

/// Content in the second edition of the format: goals/ with a sub-goal, an external
/// opinion. A goal's aim is Markdown, as the format says, and so is an opinion.
#[test]
fn second_edition_goal_aims_and_opinions_are_markdown() {
    let (_dir, out) = build_edited(|content| {
        std::fs::remove_dir_all(content.join("strategies")).unwrap();
        std::fs::create_dir_all(content.join("goals")).unwrap();
        std::fs::write(
            content.join("goals/1-wakamono.yaml"),
            "number: 1\nname: 若者定着\naim: |\n  若者の**地元定着**を進めます。\ngoals:\n  - number: 1\n    name: 就職\n    aim: |\n      *地元就職*を支えます。\n",
        )
        .unwrap();
        replace(
            content,
            "plan.yaml",
            "period: { from: R2, to: R6 }\n",
            "period: { from: R2, to: R6 }\nlevels:\n  - { name: 基本目標, indicator_kind: 数値目標 }\n  - { name: 具体的施策, indicator_kind: KPI }\n",
        );
        std::fs::write(
            content.join("results/R3/external.yaml"),
            "committee: 見本会議\nopinions:\n  - goal: 1\n    text: |\n      **評価できる**。\n",
        )
        .unwrap();
    });
    let page = read(&out, "r3/goals/1.html");
    assert!(
        page.contains("<strong>評価できる</strong>"),
        "the opinion is Markdown"
    );
    assert!(
        page.contains("id=\"goal-1-1\""),
        "the sub-goal is a section"
    );
    assert!(
        page.contains("<strong>地元定着</strong>") && !page.contains("**地元定着**"),
        "the aim is Markdown"
    );
    assert!(
        page.contains("<em>地元就職</em>"),
        "the sub-goal's aim is Markdown"
    );
}

/// Chart descriptions: an actual equal to the baseline has not moved (rather than moved
/// toward the target), and the missing years are named.
#[test]
fn a_chart_says_when_the_actual_has_not_moved_from_the_baseline() {
    let (_dir, out) = build_edited(|content| {
        let result = "results/R3/result.yaml";
        replace(content, result, "gakko.chu: 51.8", "gakko.chu: 47.90");
    });
    let page = read(&out, "r3/strategies/1.html");
    assert!(
        page.contains("考える児童生徒の割合（中学校）は当初値47.9%から令和3年度47.90%となり、当初値から変わっていません（目標55%）。高いほど良い指標です。令和2年度は未測定です。"),
        "{page}"
    );
}
