//! Web publishing: links, titles, open data round trip, and (with the browser tools that
//! `.ci/run` installs) axe-core, the JIS X 8341-3 AA checks and the Nu Html Checker.

mod common;
use common::*;
use sosei::opendata;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The bundled report, built once.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    built(&SITE, "content")
}

/// The second bundled example (a fictional city: 基本目標 → 具体的施策, A–D, no grants),
/// built once. It passes every check the bundled report passes.
fn other_city() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    built(&SITE, "examples/other-city/content")
}

fn built(cell: &'static OnceLock<(tempfile::TempDir, PathBuf)>, content: &str) -> &'static Path {
    let (_, out) = cell.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        sosei::build::build(&root().join(content), &out).unwrap_or_else(|d| panic!("{d}"));
        (dir, out)
    });
    out
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// Every value of `attr="…"` in the page.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    html.split(&format!(" {attr}=\""))
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

#[test]
fn every_internal_link_resolves_to_a_file_and_anchor() {
    assert!(links_resolve(site()) > 800);
    assert!(links_resolve(other_city()) > 800);
}

/// Checks every link and picture of `out`; the number checked.
fn links_resolve(out: &Path) -> usize {
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for file in html_files(out) {
        let html = fs::read_to_string(&file).unwrap();
        ids.insert(
            file.clone(),
            attrs(&html, "id").into_iter().map(String::from).collect(),
        );
    }
    let mut checked = 0;
    for file in html_files(out) {
        let html = fs::read_to_string(&file).unwrap();
        for link in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{}: `{link}` is not relative",
                file.display()
            );
            let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if path.is_empty() {
                file.clone()
            } else {
                file.parent().unwrap().join(path)
            };
            let target = normalise(&target);
            assert!(
                target.starts_with(out),
                "{}: `{link}` leaves the site",
                file.display()
            );
            assert!(
                target.is_file(),
                "{}: `{link}` points at a missing file",
                file.display()
            );
            if !fragment.is_empty() {
                assert!(
                    ids.get(&target).is_some_and(|s| s.contains(fragment)),
                    "{}: `{link}` points at a missing anchor",
                    file.display()
                );
            }
            checked += 1;
        }
    }
    checked
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn every_page_has_its_own_title_description_and_ogp() {
    let out = site();
    let mut titles = BTreeSet::new();
    for file in html_files(out) {
        let html = fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(out).unwrap().display().to_string();
        let title = html
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or("");
        assert!(!title.is_empty(), "{name} has a title");
        // The root page presents the latest year's home page, under its title, and says
        // that r3/index.html is the page's own address.
        if name == "index.html" {
            assert!(
                html.contains("<link rel=\"canonical\" href=\"r3/index.html\">"),
                "the root page names r3/index.html as canonical"
            );
            assert!(
                read(out, "r3/index.html").contains(&format!("<title>{title}</title>")),
                "the root page has the title of r3/index.html"
            );
        } else if name != "404.html" {
            assert!(
                titles.insert(title.to_string()),
                "{name}: the title `{title}` is used twice"
            );
        }
        for meta in [
            "<meta name=\"description\" content=\"",
            "<meta property=\"og:title\" content=\"",
            "<meta property=\"og:description\" content=\"",
            "<meta property=\"og:locale\" content=\"ja_JP\"",
        ] {
            assert!(html.contains(meta), "{name} has {meta}");
        }
    }
    assert!(out.join("404.html").is_file());
    // The bundled config.yaml has no base_url: a sitemap's addresses must be absolute.
    assert!(
        !out.join("sitemap.xml").exists(),
        "no sitemap.xml without base_url"
    );
}

#[test]
fn with_a_base_url_the_sitemap_lists_every_years_page_and_not_the_roots() {
    let (dir, content) = copy_fixture("minimal");
    let config = content.join("config.yaml");
    let yaml = fs::read_to_string(&config).unwrap() + "base_url: https://example.jp/sosei/\n";
    fs::write(&config, yaml).unwrap();
    let out = dir.path().join("out");
    sosei::build::build(&content, &out).unwrap_or_else(|d| panic!("{d}"));
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    // The root's pages (its home page, whose address is its year's, and the 404) are not listed.
    assert_eq!(
        locs.len(),
        html_files(&out).len() - 2,
        "the sitemap lists every year's page: {locs:?}"
    );
    let mut pages = BTreeSet::new();
    for loc in &locs {
        let page = loc
            .strip_prefix("https://example.jp/sosei/")
            .unwrap_or_else(|| panic!("sitemap entry {loc} is absolute, under base_url"));
        assert!(out.join(page).is_file(), "sitemap entry {loc}");
        assert!(pages.insert(page), "sitemap entry {loc} twice");
    }
    assert!(!pages.contains("404.html"));
    assert!(!pages.contains("index.html"));
    assert!(pages.contains("r3/index.html"));
    // Within a year, the 全体版 comes before the open data page.
    let at = |p: &str| locs.iter().position(|l| l.ends_with(p)).unwrap();
    assert!(at("/r3/full.html") < at("/r3/data.html"), "{locs:?}");
    assert!(at("/r2/full.html") < at("/r2/data.html"), "{locs:?}");
}

#[test]
fn navigation_has_breadcrumbs_year_switch_and_reading_order() {
    let out = site();
    let page = read(out, "r3/strategies/2.html");
    assert!(page.contains("<nav class=\"breadcrumbs\" aria-label=\"現在位置\">"));
    assert!(
        page.contains("href=\"../../r2/strategies/2.html\""),
        "the year switch goes to the same page of the other year"
    );
    assert!(
        page.contains("rel=\"prev\">前のページ：戦略1 若者定着</a>")
            && page.contains("rel=\"next\">次のページ：戦略3 教育</a>")
    );
    let older = read(out, "r2/strategies/2.html");
    assert!(
        older.contains("href=\"../../r3/strategies/2.html\""),
        "and back"
    );
    let project = read(out, "r3/grants/1-nadec/01-sangyo-innovation.html");
    assert!(project.contains("rel=\"prev\">前のページ：地方創生推進交付金①</a>"));
    // The root page's menu and year switch lead into the years' folders.
    let home = read(out, "index.html");
    for link in [
        "href=\"r3/evaluation.html\"",
        "href=\"r3/full.html\"",
        "href=\"r3/index.html\"",
        "href=\"r2/index.html\"",
    ] {
        assert!(home.contains(link), "the root page has {link}");
    }
    assert!(read(out, "r3/evaluation.html")
        .contains("<nav class=\"page-toc\" aria-label=\"このページの内容\">"));
}

/// Reads a CSV written by sosei: BOM, CRLF, a header.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = fs::read(path).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "{}: UTF-8 BOM",
        path.display()
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "{}: CRLF line ends",
        path.display()
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Every table of every year's open data, as CSV and JSON, read back: the same rows and
/// cells as the model gives, numbers without separators, the city code on every row.
fn round_trip(out: &Path, content: &str, code: &str) -> sosei::model::Report {
    let (report, _, _) = sosei::build::check(&root().join(content));
    let report = report.unwrap();
    let years: Vec<(String, sosei::fiscal_year::FiscalYear)> = report
        .years
        .iter()
        .map(|y| (format!("{}/", y.year.slug()), y.year))
        .collect();
    assert!(!years.is_empty());
    for (prefix, year) in years {
        let prefix = prefix.as_str();
        let eval = sosei::evaluate::evaluate(&report, year);
        for table in opendata::tables(&report, year) {
            let table_rows = table.rows(&report, &eval);
            let csv_path = out.join(format!("{prefix}data/{}.csv", table.slug));
            let (header, rows) = read_csv(&csv_path);
            assert_eq!(
                header,
                table
                    .columns
                    .iter()
                    .map(|c| c.name.to_string())
                    .collect::<Vec<_>>()
            );
            assert_eq!(rows.len(), table_rows.len(), "{}", csv_path.display());
            let json: serde_json::Value = serde_json::from_str(
                &fs::read_to_string(out.join(format!("{prefix}data/{}.json", table.slug))).unwrap(),
            )
            .unwrap();
            let records = json["records"].as_array().unwrap();
            assert_eq!(records.len(), table_rows.len());
            for ((row, record), cells) in rows.iter().zip(records).zip(&table_rows) {
                for ((column, text), cell) in table.columns.iter().zip(row).zip(cells) {
                    let from_json = &record[column.key];
                    match cell {
                        opendata::Cell::Number(q) => {
                            assert!(
                                !text.contains(',') && !text.contains('△'),
                                "no separators: {text}"
                            );
                            assert_eq!(
                                sosei::quantity::Quantity::parse(text).as_ref(),
                                Ok(q),
                                "CSV {} `{text}`",
                                column.key
                            );
                            assert_eq!(
                                sosei::quantity::Quantity::parse(&from_json.to_string()).as_ref(),
                                Ok(q),
                                "JSON {} {from_json}",
                                column.key
                            );
                        }
                        opendata::Cell::Year(y) => {
                            assert_eq!(text, &y.western().to_string());
                            assert_eq!(from_json.as_u64(), Some(u64::from(y.western())));
                        }
                        opendata::Cell::Text(t) => {
                            assert_eq!(text, &opendata::neutralise(t));
                            assert_eq!(from_json.as_str(), Some(t.as_ref()));
                        }
                        opendata::Cell::Empty => {
                            assert!(text.is_empty());
                            assert!(from_json.is_null());
                        }
                    }
                }
                assert_eq!(row[0], code, "the city code on every row");
            }
        }
    }
    report
}

#[test]
fn open_data_of_the_other_city_round_trips_to_the_model() {
    let report = round_trip(other_city(), "examples/other-city/content", "999997");
    assert_eq!(report.years.len(), 3);
    // No grant programmes and no donations: no dataset for them.
    for year in ["r4", "r5", "r6"] {
        let files: Vec<String> = fs::read_dir(other_city().join(year).join("data"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files.len(), 2, "{year}: {files:?}");
    }
}

#[test]
fn open_data_round_trips_to_the_model() {
    let out = site();
    let report = round_trip(out, "content", "152021");
    // Spot checks against the seed, by column key.
    let r3 = report.years.last().unwrap().year;
    let rows = keyed_rows(out, &report, r3, "indicators");
    let has = |rows: &[BTreeMap<&str, String>], want: &[(&str, &str)]| {
        rows.iter().any(|r| {
            want.iter()
                .all(|(k, v)| r.get(k).map(String::as_str) == Some(*v))
        })
    };
    assert!(has(
        &rows,
        &[
            ("indicator_id", "shinai-shushoku"),
            ("kind", "修正後の実績値"),
            ("fiscal_year", "2020"),
            ("fiscal_year_label", "令和2年度"),
            ("value", "20.0"),
            ("unit", "%"),
            ("goal", "1"),
            ("goal_level", "戦略"),
            ("indicator_kind", "数値目標"),
        ]
    ));
    assert!(rows.iter().any(|r| r["indicator_id"] == "kosodate-manzoku"
        && r["fiscal_year"] == "2021"
        && r["value"].is_empty()
        && r["note"].contains("策定時に調査")
        && r["figure_percent"].is_empty()
        && r["rating"] == "未測定"
        && r["rating_id"] == "not-measured"));
    // The 当初値 row carries the baseline's year: the year before the plan, FY2019.
    assert!(has(
        &rows,
        &[
            ("indicator_id", "tenshutsu"),
            ("kind", "当初値"),
            ("fiscal_year", "2019"),
            ("fiscal_year_label", "令和元年度"),
            ("value", "114.5"),
            ("figure_percent", ""),
            ("rating", ""),
        ]
    ));
    // Figures and ratings as the evaluation table shows them: (114.5 − 115.3) ÷ (105 − 114.5).
    assert!(has(
        &rows,
        &[
            ("indicator_id", "tenshutsu"),
            ("fiscal_year", "2021"),
            ("value", "115.3"),
            ("figure_percent", "-8.4"),
            ("rating", "悪化"),
            ("rating_id", "worsened"),
        ]
    ));
    // (66.9 − 64.5) ÷ (70 − 64.5) = 43.6% ≥ 2/5 of the way: 順調.
    assert!(has(
        &rows,
        &[
            ("indicator_id", "ninaite"),
            ("fiscal_year", "2021"),
            ("figure_percent", "43.6"),
            ("rating", "順調"),
            ("rating_id", "on-track"),
        ]
    ));
    let kpis = keyed_rows(out, &report, r3, "kpis");
    assert!(
        has(&kpis, &[("value", "-1.26"), ("unit", "%")]),
        "a real negative stays a number"
    );
    let older = keyed_rows(out, &report, report.years[0].year, "indicators");
    assert!(!older.is_empty());
    assert!(
        !older.iter().any(|r| r["fiscal_year"] == "2021"),
        "the R2 data holds nothing from R3"
    );
    assert!(
        out.join("r3/data/donations.csv").is_file() && !out.join("r2/data/donations.csv").exists(),
        "donations only for the year that has them"
    );
}

/// A CSV of `year`'s open data, each row keyed by its columns' keys (the JSON's keys).
fn keyed_rows(
    out: &Path,
    report: &sosei::model::Report,
    year: sosei::fiscal_year::FiscalYear,
    slug: &str,
) -> Vec<BTreeMap<&'static str, String>> {
    let table = opendata::tables(report, year)
        .into_iter()
        .find(|t| t.slug == slug)
        .unwrap_or_else(|| panic!("no {slug} table for {year:?}"));
    let path = out
        .join(sosei::render::site::year_prefix(year))
        .join(format!("data/{slug}.csv"));
    let (header, rows) = read_csv(&path);
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(header, names, "{}", path.display());
    rows.into_iter()
        .map(|r| table.columns.iter().map(|c| c.key).zip(r).collect())
        .collect()
}

#[test]
fn formula_like_text_is_neutralised_in_csv() {
    let (dir, content) = copy_fixture("minimal");
    let path = content.join("donations/R3.yaml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "project: 見本事業A",
        "project: \"=HYPERLINK(\\\"http://x\\\")\"",
    );
    fs::write(&path, text).unwrap();
    let out = dir.path().join("out");
    sosei::build::build(&content, &out).unwrap();
    let (report, _, _) = sosei::build::check(&content);
    let report = report.unwrap();
    let rows = keyed_rows(
        &out,
        &report,
        report.years.last().unwrap().year,
        "donations",
    );
    assert!(
        rows.iter()
            .any(|r| r["project"] == "'=HYPERLINK(\"http://x\")"),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r["project_cost"] == "94028"),
        "numbers are untouched"
    );
}

/// Node with the browser test packages, and Chromium; `None` (skip) outside CI without them.
fn browser_tools() -> Option<PathBuf> {
    let dir = root().join("tests/browser");
    let ok = dir.join("node_modules/axe-core").is_dir()
        && dir.join("node_modules/playwright-core").is_dir()
        && Command::new("node").arg("--version").output().is_ok()
        && Path::new("/usr/bin/chromium").exists();
    if !ok && std::env::var_os("CI").is_some() {
        panic!("CI must install chromium and `npm ci` in tests/browser (see .ci/run)");
    }
    if !ok {
        eprintln!("skipped: run `npm ci --ignore-scripts` in tests/browser and install chromium");
    }
    ok.then_some(dir)
}

fn audit(dir: &Path, site: &Path) -> (bool, serde_json::Value) {
    let run = Command::new("node")
        .arg(dir.join("audit.mjs"))
        .arg(site)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|_| panic!("audit output: {}", String::from_utf8_lossy(&run.stderr)));
    (run.status.success(), report)
}

#[test]
fn axe_and_jis_aa_checks_pass_on_every_page_of_the_other_city() {
    let Some(dir) = browser_tools() else { return };
    let pages = html_files(other_city());
    assert!(pages.len() > 20);
    let (ok, report) = audit(&dir, other_city());
    assert_eq!(report["pages"].as_u64(), Some(pages.len() as u64));
    assert!(
        ok && report["axe"].as_array().unwrap().is_empty()
            && report["problems"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
}

#[test]
fn axe_and_jis_aa_checks_pass_on_every_page() {
    let Some(dir) = browser_tools() else { return };
    // Every page: the root's (index.html, 404.html) and every year's.
    let pages = html_files(site());
    for root_page in ["index.html", "404.html", "r3/index.html", "r2/index.html"] {
        assert!(pages.contains(&site().join(root_page)), "{root_page}");
    }
    let (ok, report) = audit(&dir, site());
    assert_eq!(report["pages"].as_u64(), Some(pages.len() as u64));
    assert!(
        ok && report["axe"].as_array().unwrap().is_empty()
            && report["problems"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
}

#[test]
fn the_audit_catches_what_it_is_meant_to() {
    let Some(dir) = browser_tools() else { return };
    let bad = tempfile::tempdir().unwrap();
    fs::write(
        bad.path().join("bad.html"),
        "<!DOCTYPE html><html><head><title>x</title><style>a:focus{outline:none}</style></head><body><main><h1>t</h1><h3>s</h3><p style=\"color:#bbb\">薄い文字</p><a href=\"x.html\">こちら</a><div style=\"width:900px\">幅</div><span class=\"status\">●</span></main></body></html>",
    )
    .unwrap();
    let (ok, report) = audit(&dir, bad.path());
    assert!(!ok);
    let text = report.to_string();
    for expected in [
        "color-contrast",
        "html-has-lang",
        "skip link",
        "heading h3 follows h1",
        "vague link text",
        "status without its name",
        "no visible focus",
        "at 320px",
    ] {
        assert!(
            text.contains(expected),
            "the audit reports {expected}: {report:#}"
        );
    }
}

fn vnu(paths: &[PathBuf]) -> Option<serde_json::Value> {
    let jar = root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    let ok = jar.is_file() && Command::new("java").arg("-version").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have java and vnu-jar (see .ci/run)"
        );
        eprintln!("skipped: vnu-jar or java missing");
        return None;
    }
    let run = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args([
            "--also-check-svg",
            "--also-check-css",
            "--errors-only",
            "--format",
            "json",
        ])
        .args(paths)
        .output()
        .unwrap();
    Some(
        serde_json::from_slice(&run.stderr)
            .unwrap_or_else(|_| panic!("vnu: {}", String::from_utf8_lossy(&run.stderr))),
    )
}

#[test]
fn nu_html_checker_finds_no_errors_in_the_other_city() {
    let pages = html_files(other_city());
    let Some(result) = vnu(&pages) else { return };
    let messages = result["messages"].as_array().unwrap();
    assert!(messages.is_empty(), "{result:#}");
}

#[test]
fn nu_html_checker_finds_no_errors() {
    let pages = html_files(site());
    let Some(result) = vnu(&pages) else { return };
    let messages = result["messages"].as_array().unwrap();
    assert!(messages.is_empty(), "{result:#}");
    // And it does find errors when there are some.
    let bad = tempfile::tempdir().unwrap();
    let file = bad.path().join("bad.html");
    fs::write(&file, "<!DOCTYPE html><html lang=\"ja\"><head><title>x</title></head><body><p id=\"a\">1</p><p id=\"a\">2</p><table><tr><td>1</td></table></body></html>").unwrap();
    let result = vnu(&[file]).unwrap();
    assert!(
        result["messages"].as_array().is_some_and(|m| !m.is_empty()),
        "a duplicate id is an error: {result:#}"
    );
}
