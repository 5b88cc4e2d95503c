//! What the any-city issue fixed, each on a small site: permanent addresses per year,
//! the era of FY2019, and the captions, tables and files that were wrong.

mod common;
use common::*;
use std::fs;
use std::path::Path;

fn build(content: &Path, output: &Path) -> sosei::build::Summary {
    let summary = sosei::build::build(content, output).unwrap_or_else(|d| panic!("{d}"));
    assert!(!summary.diagnostics.has_errors());
    summary
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A page without its year switch, the one part of a year's page that names later years.
fn without_year_switch(html: &str) -> String {
    match (
        html.find("<nav class=\"year-switch\""),
        html.find("</nav>\n<nav class=\"breadcrumbs\""),
    ) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &html[..a], &html[b + "</nav>".len()..]),
        _ => match html.find("<nav class=\"year-switch\"") {
            Some(a) => {
                let end = a + html[a..].find("</nav>").unwrap() + "</nav>".len();
                format!("{}{}", &html[..a], &html[end..])
            }
            None => html.to_string(),
        },
    }
}

#[test]
fn adding_a_year_leaves_every_earlier_address_as_it_was() {
    let (dir, content) = copy_content("content");
    let before = dir.path().join("before");
    build(&content, &before);
    // Next year's results arrive.
    let r3 = read(&content.join("results/R3/result.yaml"));
    fs::create_dir_all(content.join("results/R4")).unwrap();
    fs::write(
        content.join("results/R4/result.yaml"),
        r3.replacen("year: R3", "year: R4", 1),
    )
    .unwrap();
    let after = dir.path().join("after");
    build(&content, &after);
    let mut compared = 0;
    for (rel, bytes) in snapshot(&before.join("r3")) {
        let later = fs::read(after.join("r3").join(&rel))
            .unwrap_or_else(|_| panic!("r3/{} is gone once R4 is added", rel.display()));
        if bytes == later {
            compared += 1;
            continue;
        }
        // Only the year switch may differ, and only in pages.
        assert!(
            rel.extension().is_some_and(|e| e == "html"),
            "r3/{} changed",
            rel.display()
        );
        let (a, b) = (
            String::from_utf8(bytes).unwrap(),
            String::from_utf8(later).unwrap(),
        );
        assert!(
            b.contains("令和4年度</a></li>"),
            "r3/{}: the switch names R4",
            rel.display()
        );
        assert_eq!(
            without_year_switch(&a),
            without_year_switch(&b),
            "r3/{}",
            rel.display()
        );
        compared += 1;
    }
    assert!(compared > 30);
    // The root now presents R4, with R4's folder as its address.
    let root_index = read(&after.join("index.html"));
    assert!(root_index.contains("<link rel=\"canonical\" href=\"r4/index.html\">"));
    assert!(root_index.contains("令和4年度評価"));
    assert!(read(&before.join("index.html")).contains("href=\"r3/index.html\">"));
}

#[test]
fn fiscal_year_2019_can_be_heisei() {
    let (dir, content) = copy_fixture("minimal");
    let config = content.join("config.yaml");
    fs::write(&config, read(&config) + "era_fy2019: 平成31年度\n").unwrap();
    let out = dir.path().join("out");
    build(&content, &out);
    // The baselines' year is FY2019: the open data names it as the content chose.
    let csv = read(&out.join("r3/data/indicators.csv"));
    assert!(csv.contains(",当初値,2019,平成31年度,"), "{csv}");
    assert!(!csv.contains("令和元年度"));
    // And `令和元年度` stays the default.
    let (dir2, content2) = copy_fixture("minimal");
    let out2 = dir2.path().join("out");
    build(&content2, &out2);
    assert!(read(&out2.join("r3/data/indicators.csv")).contains(",当初値,2019,令和元年度,"));
}

#[test]
fn captions_and_tables_say_what_is_so() {
    let (dir, content) = copy_fixture("minimal");
    // A grant programme with no budget yet; an indicator that has not moved from 0; one
    // missing in two years; an indicator with an empty unit.
    let grant = content.join("grants/1-demo/grant.yaml");
    let text = read(&grant);
    let start = text.find("budget:").unwrap();
    let end = text.find("kpis:").unwrap();
    fs::write(&grant, format!("{}{}", &text[..start], &text[end..])).unwrap();
    fs::write(
        content.join("indicators/1-3-zero.yaml"),
        "id: zero\nstrategy: 1\nname: 新しい拠点の利用団体数\nunit: \"\"\nbaseline: 0\ntarget: 1\n",
    )
    .unwrap();
    for (year, extra) in [("R2", "  zero: 0\n"), ("R3", "  zero: 0\n")] {
        let path = content.join(format!("results/{year}/result.yaml"));
        let t = read(&path).replacen("actuals:\n", &format!("actuals:\n{extra}"), 1);
        fs::write(&path, t).unwrap();
    }
    let r3 = content.join("results/R3/result.yaml");
    let t = read(&r3)
        .replace("  gakko.sho: 55.9\n  gakko.chu: 51.8\n", "")
        .replacen(
            "actuals:",
            "missing:\n  gakko: 今年度も調査を実施しなかった。\nactuals:",
            1,
        );
    fs::write(&r3, t).unwrap();
    let out = dir.path().join("out");
    build(&content, &out);
    let grant_page = read(&out.join("r3/grants/1-demo.html"));
    assert!(
        !grant_page.contains("計0円"),
        "no total of a budget that is not there"
    );
    assert!(!grant_page.contains("class=\"budget\""));
    let strategy = read(&out.join("r3/strategies/1.html"));
    assert!(
        strategy.contains("新しい拠点の利用団体数は当初値0から令和3年度0となり、当初値から変わっていません（目標1）。"),
        "an actual equal to its baseline is not 'getting closer'"
    );
    assert!(
        strategy.contains("令和2年度、令和3年度は未測定です。"),
        "every missing year is named"
    );
    let data = read(&out.join("r3/data.html"));
    assert!(!data.contains("単位：、"), "an empty unit is not listed");
    assert!(!data.contains("、、"));
}

#[test]
fn a_sitemap_needs_a_base_url() {
    let (dir, content) = copy_fixture("minimal");
    let out = dir.path().join("out");
    let summary = build(&content, &out);
    assert!(!out.join("sitemap.xml").exists());
    assert!(summary
        .notes
        .iter()
        .any(|n| n.contains("sitemap.xml") && n.contains("base_url")));
    let config = content.join("config.yaml");
    fs::write(
        &config,
        read(&config) + "base_url: https://www.city.example.jp/sosei\n",
    )
    .unwrap();
    let out2 = dir.path().join("out2");
    build(&content, &out2);
    let sitemap = read(&out2.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://www.city.example.jp/sosei/r3/strategies/1.html</loc>"));
    assert!(sitemap.contains("<loc>https://www.city.example.jp/sosei/r3/index.html</loc>"));
    assert!(!sitemap.contains("<loc>https://www.city.example.jp/sosei/index.html</loc>"));
    assert!(!sitemap.contains("404.html"));
    for line in sitemap.lines().filter(|l| l.contains("<loc>")) {
        assert!(line.contains("<loc>https://"), "{line}");
    }
}

/// A city's look: its theme adds a logo and a partial template, used as given, without
/// copying the rest of the theme.
#[test]
fn a_site_theme_adds_static_files_and_partials() {
    let (dir, content) = copy_fixture("minimal");
    let theme = dir.path().join("themes/default");
    fs::create_dir_all(theme.join("static/img")).unwrap();
    fs::create_dir_all(theme.join("templates")).unwrap();
    let logo = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    fs::write(theme.join("static/img/logo.svg"), logo).unwrap();
    fs::write(
        theme.join("static/city.css"),
        ".site-title { font-weight: 900; }\n",
    )
    .unwrap();
    fs::write(
        theme.join("templates/city-logo.html"),
        "<img class=\"city-logo\" src=\"{{ frame.site_root }}assets/img/logo.svg\" alt=\"{{ frame.city }}\">",
    )
    .unwrap();
    let base = read(&root().join("themes/default/templates/base.html")).replace(
        "<p class=\"site-title\">",
        "{% include \"city-logo.html\" %}<p class=\"site-title\">",
    );
    fs::write(theme.join("templates/base.html"), base).unwrap();
    let out = dir.path().join("out");
    build(&content, &out);
    assert_eq!(fs::read(out.join("assets/img/logo.svg")).unwrap(), logo);
    assert!(read(&out.join("assets/city.css")).contains("font-weight: 900"));
    let page = read(&out.join("r3/strategies/1.html"));
    assert!(
        page.contains("<img class=\"city-logo\" src=\"../../assets/img/logo.svg\" alt=\"見本市\">")
    );
    assert!(read(&out.join("index.html")).contains("src=\"assets/img/logo.svg\""));
}

#[test]
fn the_notes_say_when_an_indicator_is_paced_over_years_of_its_own() {
    let sentence = "当初値または目標値の年度を指標ごとに定めたものは";
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&root().join("content"), &content);
    let plain = dir.path().join("plain");
    build(&content, &plain);
    let notes = read(&plain.join("r3/evaluation.html"));
    assert!(
        notes.contains("令和3年度の順調の基準：進捗率40.0%以上。"),
        "the plan's pace"
    );
    assert!(
        !notes.contains(sentence),
        "no indicator has years of its own"
    );
    // One indicator's target falls a year before the plan's end.
    let file = content.join("indicators/1-1-tenshutsu.yaml");
    fs::write(&file, read(&file) + "target_year: R5\n").unwrap();
    let own = dir.path().join("own");
    build(&content, &own);
    let notes = read(&own.join("r3/evaluation.html"));
    assert!(
        notes.contains("令和3年度の順調の基準：進捗率40.0%以上。"),
        "the plan's pace"
    );
    assert!(notes.contains(sentence), "{notes}");
}
