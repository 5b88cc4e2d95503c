//! Tests of the charts: the inline SVG of the bundled report (text inside the viewBox,
//! no overlapping labels, unique ids, accessible names, reproducible bytes, sentences,
//! data tables beside charts), charts of hard shapes built directly, and snapshots.
//!
//! Text boxes are estimated the way sosei lays text out: the width is
//! `sosei::chart::text_width` (full-width = 1 em, other = 0.6 em), the height one em,
//! placed by `text-anchor` horizontally and by plotters' `dy` vertically
//! (`0.76em` = top at y, `0.5ex` = centred on y, `-0.5ex` = bottom at y). Texts of one
//! size, colour and anchor share a `<g>` that carries those attributes, and strokes of
//! one colour and width share a `<path>`, one subpath each: the readers below see
//! through both.

mod common;
use common::snapshot;
use sosei::chart::bars::{bar_chart, BarSeries, BarsView};
use sosei::chart::style::{ChartStyle, Hex};
use sosei::chart::trend::{trend_chart, TrendView, TrendWords, TrendYear};
use sosei::chart::{text_width, Chart};
use sosei::vocabulary::Vocabulary;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

// ============================================================================
// Building the bundled report
// ============================================================================

/// Builds the bundled content into `out` (a folder that does not exist yet).
fn build_into(out: &Path) {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    sosei::build::build(&content, out).expect("the bundled content builds");
}

/// Every .html page of the bundled report as (path relative to the output, HTML),
/// built once per test run (the temp dir is removed once the pages are read).
fn pages() -> &'static [(String, String)] {
    static PAGES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        build_into(&out);
        let pages: Vec<(String, String)> = snapshot(&out)
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
            .map(|(p, bytes)| {
                let rel = p.to_string_lossy().replace('\\', "/");
                (rel, String::from_utf8(bytes).unwrap())
            })
            .collect();
        assert!(!pages.is_empty(), "the bundled report has no pages");
        pages
    })
}

/// One page of the bundled report, such as `r3/strategies/1.html`.
fn page(rel: &str) -> &'static str {
    pages()
        .iter()
        .find(|(p, _)| p == rel)
        .map(|(_, html)| html.as_str())
        .unwrap_or_else(|| panic!("no page {rel} in the built report"))
}

// ============================================================================
// Reading HTML and SVG
// ============================================================================

/// Decodes the entities sosei and plotters write.
fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in an opening tag such as `<text x="1" y="2">`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn num_attr(tag: &str, name: &str) -> f64 {
    let v = attr(tag, name).unwrap_or_else(|| panic!("no {name} in {tag}"));
    v.parse()
        .unwrap_or_else(|_| panic!("{name}=\"{v}\" is not a number in {tag}"))
}

/// Every element `<name …>…</name>` (or `<name …/>`) in `html`, as (opening tag, inner text).
fn elements<'a>(html: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        // `<text` must not match `<textarea`, and so on.
        if !after.starts_with([' ', '>', '/', '\n']) {
            rest = after;
            continue;
        }
        let tag_end = i + rest[i..].find('>').unwrap() + 1;
        let tag = &rest[i..tag_end];
        if tag.ends_with("/>") {
            found.push((tag, ""));
            rest = &rest[tag_end..];
        } else {
            let inner_len = rest[tag_end..]
                .find(&close)
                .unwrap_or_else(|| panic!("{tag} is not closed"));
            found.push((tag, &rest[tag_end..tag_end + inner_len]));
            rest = &rest[tag_end + inner_len + close.len()..];
        }
    }
    found
}

/// A text's estimated box in SVG pixels.
#[derive(Clone, Debug)]
struct TextBox {
    label: String,
    /// `start`, `middle` or `end`.
    anchor: String,
    /// `0.76em` (top), `0.5ex` (centre) or `-0.5ex` (bottom).
    dy: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl std::fmt::Display for TextBox {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "「{}」 at x {:.1}..{:.1}, y {:.1}..{:.1}",
            self.label, self.x0, self.x1, self.y0, self.y1
        )
    }
}

/// Every `<text>` in `svg` as (its opening tag with the attributes of the `<g>`s around
/// it added after its own, its still encoded content).
fn texts_of(svg: &str) -> Vec<(String, &str)> {
    let mut found = Vec::new();
    let mut groups: Vec<&str> = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let tag_end = rest.find('>').expect("tag is closed");
        if rest.starts_with("<g ") || rest.starts_with("<g>") {
            groups.push(&rest[2..tag_end]);
        } else if rest.starts_with("</g>") {
            groups.pop().expect("</g> closes a <g>");
        } else if rest.starts_with("<text ") || rest.starts_with("<text>") {
            let own = &rest[5..tag_end];
            let inherited: String = groups.iter().rev().copied().collect();
            let len = rest.find("</text>").expect("text is closed");
            found.push((format!("<text{own}{inherited}>"), &rest[tag_end + 1..len]));
            rest = &rest[len + "</text>".len()..];
            continue;
        }
        rest = &rest[tag_end + 1..];
    }
    assert!(groups.is_empty(), "unclosed <g> in {svg}");
    found
}

/// The box of one `<text>` element from its attributes and (still encoded) label.
fn text_box(tag: &str, inner: &str) -> TextBox {
    let label = decode(inner.trim());
    let (x, y) = (num_attr(tag, "x"), num_attr(tag, "y"));
    let size = num_attr(tag, "font-size");
    let width = text_width(&label, size);
    let anchor = attr(tag, "text-anchor").unwrap_or("start");
    let dy = attr(tag, "dy").unwrap_or("");
    let (x0, x1) = match anchor {
        "start" => (x, x + width),
        "middle" => (x - width / 2.0, x + width / 2.0),
        "end" => (x - width, x),
        other => panic!("unexpected text-anchor {other} in {tag}"),
    };
    let (y0, y1) = match dy {
        "0.76em" => (y, y + size),
        "0.5ex" => (y - size / 2.0, y + size / 2.0),
        "-0.5ex" => (y - size, y),
        other => panic!("unexpected dy {other:?} in {tag}"),
    };
    TextBox {
        label,
        anchor: anchor.into(),
        dy: dy.into(),
        x0,
        y0,
        x1,
        y1,
    }
}

/// One inline chart: its id (from aria-labelledby), viewBox size, texts and source.
#[derive(Debug)]
struct Svg<'a> {
    id: String,
    width: f64,
    height: f64,
    texts: Vec<TextBox>,
    source: &'a str,
}

impl Svg<'_> {
    fn title(&self) -> String {
        decode(elements(self.source, "title")[0].1)
    }
    fn desc(&self) -> String {
        decode(elements(self.source, "desc")[0].1)
    }
}

/// Every `<svg class="chart">…</svg>` in a page.
fn charts_in(html: &str) -> Vec<Svg<'_>> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<svg class=\"chart\"") {
        let len = rest[i..].find("</svg>").expect("svg is closed") + "</svg>".len();
        found.push(parse_svg(&rest[i..i + len]));
        rest = &rest[i + len..];
    }
    found
}

fn parse_svg(source: &str) -> Svg<'_> {
    let root = &source[..source.find('>').unwrap() + 1];
    let id = attr(root, "aria-labelledby")
        .map(|l| l.trim_end_matches("-title").to_string())
        .unwrap_or_else(|| "(no aria-labelledby)".into());
    let view_box: Vec<f64> = attr(root, "viewBox")
        .unwrap_or_else(|| panic!("chart {id} has no viewBox"))
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(view_box.len(), 4, "viewBox of {id}");
    assert_eq!((view_box[0], view_box[1]), (0.0, 0.0), "viewBox of {id}");
    Svg {
        id,
        width: view_box[2],
        height: view_box[3],
        texts: texts_of(source)
            .into_iter()
            .map(|(tag, inner)| text_box(&tag, inner))
            .collect(),
        source,
    }
}

/// The parsed SVG of a directly built chart.
fn parse_chart(chart: &Chart) -> Svg<'_> {
    assert!(chart.svg.starts_with("<svg class=\"chart\""));
    parse_svg(&chart.svg)
}

// ============================================================================
// Checks shared by the tests
// ============================================================================

/// Texts whose box leaves the viewBox (0.5 px allowed for rounding), described.
fn texts_outside_viewbox(svg: &Svg) -> Vec<String> {
    const SLACK: f64 = 0.5;
    svg.texts
        .iter()
        .filter(|t| {
            t.x0 < -SLACK || t.y0 < -SLACK || t.x1 > svg.width + SLACK || t.y1 > svg.height + SLACK
        })
        .map(|t| {
            format!(
                "chart {}: text {t} leaves the viewBox 0 0 {} {}",
                svg.id, svg.width, svg.height
            )
        })
        .collect()
}

/// Pairs of texts whose boxes overlap by more than 1 px both ways, described.
fn overlapping_texts(svg: &Svg) -> Vec<String> {
    const SLACK: f64 = 1.0;
    let mut found = Vec::new();
    for (i, a) in svg.texts.iter().enumerate() {
        for b in &svg.texts[i + 1..] {
            let dx = a.x1.min(b.x1) - a.x0.max(b.x0);
            let dy = a.y1.min(b.y1) - a.y0.max(b.y0);
            if dx > SLACK && dy > SLACK {
                found.push(format!(
                    "chart {}: {a} overlaps {b} (by {dx:.1} × {dy:.1} px)",
                    svg.id
                ));
            }
        }
    }
    found
}

/// Fails if any text of a directly built chart leaves its viewBox, or if the SVG has NaN/inf.
fn assert_sound(chart: &Chart) -> Svg<'_> {
    for bad in ["NaN", "inf"] {
        assert!(
            !chart.svg.contains(bad),
            "chart {} contains {bad}:\n{}",
            chart.id,
            chart.svg
        );
    }
    let svg = parse_chart(chart);
    let outside = texts_outside_viewbox(&svg);
    assert!(outside.is_empty(), "{}", outside.join("\n"));
    svg
}

/// Fails if two texts of a directly built chart overlap.
fn assert_no_overlaps(svg: &Svg) {
    let overlaps = overlapping_texts(svg);
    assert!(overlaps.is_empty(), "{}", overlaps.join("\n"));
}

/// A colour as plotters writes it (`#0B4F8A`).
fn svg_colour(c: Hex) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The runs of every `<path>` stroked with `stroke` at `width`: each subpath as its
/// points, in absolute coordinates.
fn stroke_runs(svg: &str, stroke: &str, width: &str) -> Vec<Vec<(f64, f64)>> {
    elements(svg, "path")
        .into_iter()
        .filter(|(tag, _)| attr(tag, "fill") == Some("none"))
        .filter(|(tag, _)| attr(tag, "stroke") == Some(stroke))
        .filter(|(tag, _)| attr(tag, "stroke-width").unwrap_or("1") == width)
        .flat_map(|(tag, _)| subpaths(attr(tag, "d").unwrap()))
        .collect()
}

/// The subpaths of path data (`M`, `L`, `H`, `V`, their relative forms, and `Z`) as
/// absolute points.
fn subpaths(d: &str) -> Vec<Vec<(f64, f64)>> {
    // Split into commands and their numbers: `M32 275h8m5-3` → M [32, 275], h [8], m [5, -3].
    let mut commands: Vec<(char, Vec<f64>)> = Vec::new();
    let mut number = String::new();
    let flush = |number: &mut String, commands: &mut Vec<(char, Vec<f64>)>| {
        if !number.is_empty() {
            let n = number.parse().unwrap_or_else(|_| panic!("{number} in {d}"));
            commands.last_mut().expect("a command first").1.push(n);
            number.clear();
        }
    };
    for c in d.chars() {
        match c {
            '0'..='9' | '.' => number.push(c),
            '-' => {
                flush(&mut number, &mut commands);
                number.push(c);
            }
            ' ' | ',' => flush(&mut number, &mut commands),
            _ => {
                flush(&mut number, &mut commands);
                assert!(
                    "MmLlHhVvZz".contains(c),
                    "unexpected path command {c} in {d}"
                );
                commands.push((c, Vec::new()));
            }
        }
    }
    flush(&mut number, &mut commands);
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut at = (0.0, 0.0);
    for (command, numbers) in commands {
        let relative = command.is_ascii_lowercase();
        let base = |at: (f64, f64)| if relative { at } else { (0.0, 0.0) };
        match command.to_ascii_uppercase() {
            'M' | 'L' => {
                assert!(
                    numbers.len() % 2 == 0 && !numbers.is_empty(),
                    "{command} in {d}"
                );
                for (k, xy) in numbers.chunks(2).enumerate() {
                    let b = base(at);
                    at = (b.0 + xy[0], b.1 + xy[1]);
                    // Pairs after a move are lines.
                    if command.eq_ignore_ascii_case(&'M') && k == 0 {
                        runs.push(vec![at]);
                    } else {
                        runs.last_mut().expect("a move first").push(at);
                    }
                }
            }
            'H' | 'V' => {
                assert!(!numbers.is_empty(), "{command} in {d}");
                for n in numbers {
                    let b = base(at);
                    at = if command.eq_ignore_ascii_case(&'H') {
                        (b.0 + n, at.1)
                    } else {
                        (at.0, b.1 + n)
                    };
                    runs.last_mut().expect("a move first").push(at);
                }
            }
            _ => {
                let run = runs.last_mut().expect("a move first");
                at = run[0];
                run.push(at);
            }
        }
    }
    runs
}

/// The y axis tick labels: right-aligned and vertically centred on their grid line.
fn y_axis_labels<'a>(svg: &'a Svg) -> Vec<&'a TextBox> {
    svg.texts
        .iter()
        .filter(|t| t.anchor == "end" && t.dy == "0.5ex")
        .collect()
}

/// The chart titled `title` on `rel`; fails unless there is exactly one.
fn chart_titled<'a>(rel: &str, html: &'a str, title: &str) -> Svg<'a> {
    let mut found: Vec<Svg> = charts_in(html)
        .into_iter()
        .filter(|s| s.title().contains(title))
        .collect();
    assert_eq!(found.len(), 1, "charts titled …{title}… on {rel}");
    found.remove(0)
}

/// The byte offsets of every `<figure class="chart-figure">` in a page.
fn figure_offsets(html: &str) -> Vec<usize> {
    html.match_indices("<figure class=\"chart-figure\">")
        .map(|(i, _)| i)
        .collect()
}

fn style() -> ChartStyle {
    ChartStyle::builtin().expect("the built-in chart style parses")
}

// ============================================================================
// Views for the charts built directly
// ============================================================================

/// A year of a trend: `value` None with `missing` = 未測定, without = a year to come.
fn year(label: &str, value: Option<f64>, value_label: &str) -> TrendYear {
    TrendYear {
        label: label.into(),
        short: label.replace("令和", "R").replace("年度", ""),
        value,
        value_label: value_label.into(),
        revised: false,
        missing: false,
    }
}

fn missing(label: &str) -> TrendYear {
    TrendYear {
        missing: true,
        ..year(label, None, "")
    }
}

fn revised(label: &str, value: f64, value_label: &str) -> TrendYear {
    TrendYear {
        revised: true,
        ..year(label, Some(value), value_label)
    }
}

fn trend(
    id: &str,
    lower_is_better: bool,
    baseline: (f64, &str),
    target: (f64, &str),
    years: Vec<TrendYear>,
) -> TrendView {
    TrendView {
        id: id.into(),
        title: format!("{id}の推移"),
        desc: format!("{id}の説明です。"),
        lower_is_better,
        baseline: baseline.0,
        baseline_label: baseline.1.into(),
        target: target.0,
        target_label: target.1.into(),
        year_targets: vec![None; years.len()],
        years,
        words: std::sync::Arc::new(TrendWords::new(&Vocabulary::builtin().unwrap())),
    }
}

/// Year labels 令和{from}年度 to 令和{to}年度.
fn reiwa(from: u32, to: u32) -> Vec<String> {
    (from..=to).map(|y| format!("令和{y}年度")).collect()
}

fn bars(id: &str, categories: Vec<String>, series: Vec<BarSeries>, unit_note: &str) -> BarsView {
    BarsView {
        id: id.into(),
        title: format!("{id}の棒グラフ"),
        desc: format!("{id}の説明です。"),
        categories,
        series,
        unit_note: unit_note.into(),
    }
}

fn series(name: &str, values: Vec<Option<f64>>, solid: bool, colour: Hex) -> BarSeries {
    BarSeries {
        name: name.into(),
        values,
        solid,
        colour,
    }
}

/// A ten-year plan, 令和2年度 to 令和11年度, measured for six years: 11 categories.
fn ten_years() -> TrendView {
    let years: Vec<TrendYear> = reiwa(2, 11)
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i < 6 {
                year(
                    l,
                    Some(100.0 + i as f64 * 3.0),
                    &format!("{}件", 100 + i * 3),
                )
            } else {
                year(l, None, "")
            }
        })
        .collect();
    trend("ten-years", false, (98.0, "98件"), (140.0, "140件"), years)
}

// ============================================================================
// The bundled report
// ============================================================================

#[test]
fn every_text_stays_inside_the_viewbox() {
    let mut problems = Vec::new();
    let mut charts = 0;
    for (rel, html) in pages() {
        for svg in charts_in(html) {
            charts += 1;
            assert!(!svg.texts.is_empty(), "{rel}: chart {} has no text", svg.id);
            for p in texts_outside_viewbox(&svg) {
                problems.push(format!("{rel}: {p}"));
            }
        }
    }
    assert_eq!(
        charts_in(page("r3/full.html")).len(),
        24,
        "charts on r3/full.html"
    );
    assert_eq!(
        charts_in(page("r2/full.html")).len(),
        24,
        "charts on r2/full.html"
    );
    assert!(charts >= 48, "only {charts} charts found in the report");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn labels_do_not_overlap() {
    let mut problems = Vec::new();
    for (rel, html) in pages() {
        for svg in charts_in(html) {
            for p in overlapping_texts(&svg) {
                problems.push(format!("{rel}: {p}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} overlapping pairs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn chart_ids_are_unique_per_page() {
    let mut problems = Vec::new();
    for (rel, html) in pages() {
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        let mut rest = html.as_str();
        while let Some(i) = rest.find(" id=\"") {
            let start = i + " id=\"".len();
            let len = rest[start..].find('"').unwrap();
            *ids.entry(&rest[start..start + len]).or_default() += 1;
            rest = &rest[start + len..];
        }
        for (id, n) in &ids {
            if *n > 1 {
                problems.push(format!("{rel}: id=\"{id}\" appears {n} times"));
            }
        }
        for aria in ["aria-labelledby", "aria-describedby"] {
            let needle = format!(" {aria}=\"");
            let mut rest = html.as_str();
            while let Some(i) = rest.find(&needle) {
                let start = i + needle.len();
                let len = rest[start..].find('"').unwrap();
                for target in rest[start..start + len].split_whitespace() {
                    if !ids.contains_key(target) {
                        problems.push(format!("{rel}: {aria}=\"{target}\" points at no id"));
                    }
                }
                rest = &rest[start + len..];
            }
        }
        for svg in charts_in(html) {
            let root = &svg.source[..svg.source.find('>').unwrap()];
            if attr(root, "role") != Some("img") {
                problems.push(format!("{rel}: chart {} lacks role=\"img\"", svg.id));
            }
            let labelled = attr(root, "aria-labelledby").unwrap_or("");
            let described = attr(root, "aria-describedby").unwrap_or("");
            let titles = elements(svg.source, "title");
            let descs = elements(svg.source, "desc");
            if titles.len() != 1 || titles[0].1.trim().is_empty() {
                problems.push(format!(
                    "{rel}: chart {} needs one non-empty <title>",
                    svg.id
                ));
            } else if attr(titles[0].0, "id") != Some(labelled) {
                problems.push(format!(
                    "{rel}: chart {}: aria-labelledby is not its <title>",
                    svg.id
                ));
            }
            if descs.len() != 1 || descs[0].1.trim().is_empty() {
                problems.push(format!(
                    "{rel}: chart {} needs one non-empty <desc>",
                    svg.id
                ));
            } else if attr(descs[0].0, "id") != Some(described) {
                problems.push(format!(
                    "{rel}: chart {}: aria-describedby is not its <desc>",
                    svg.id
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_into(&a.path().join("out"));
    build_into(&b.path().join("out"));
    let first = snapshot(&a.path().join("out"));
    let second = snapshot(&b.path().join("out"));
    let names =
        |files: &[(PathBuf, Vec<u8>)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&first),
        names(&second),
        "the two builds wrote different files"
    );
    assert!(first.len() > 30, "only {} files built", first.len());
    for ((path, x), (_, y)) in first.iter().zip(&second) {
        if x != y {
            let at = x
                .iter()
                .zip(y)
                .position(|(p, q)| p != q)
                .unwrap_or(x.len().min(y.len()));
            let around = |bytes: &[u8]| {
                String::from_utf8_lossy(&bytes[at.saturating_sub(60)..(at + 60).min(bytes.len())])
                    .into_owned()
            };
            panic!(
                "{} differs between two builds at byte {at}:\n first: …{}…\nsecond: …{}…",
                path.display(),
                around(x),
                around(y)
            );
        }
    }
}

#[test]
fn desc_sentences() {
    let tenshutsu = chart_titled(
        "r3/strategies/1.html",
        page("r3/strategies/1.html"),
        "転出者超過率",
    );
    assert_eq!(
        tenshutsu.desc(),
        "転出者超過率は当初値114.5%から令和3年度115.3%となり、目標105%から遠ざかっています。低いほど良い指標です。"
    );
    // Every missing year is named; a series with no actual yet says so.
    let sho = chart_titled(
        "r3/strategies/3.html",
        page("r3/strategies/3.html"),
        "（小学校）",
    );
    assert_eq!(
        sho.desc(),
        "地域や社会をよくするために何をすべきか考えることがある児童生徒の割合（小学校）は当初値62.1%から令和3年度55.9%となり、目標70%から遠ざかっています。高いほど良い指標です。令和2年度は未測定です。"
    );
    let kosodate = chart_titled(
        "r3/strategies/2.html",
        page("r3/strategies/2.html"),
        "子育ての環境や支援への満足度",
    );
    assert_eq!(
        kosodate.desc(),
        "子育ての環境や支援への満足度は当初値78.5%、目標85%の高いほど良い指標です。令和3年度までの実績値はありません。令和2年度、令和3年度は未測定です。"
    );
    // The chart is titled フェニックスネットの参加機関数.
    let kikan: Vec<(String, String)> = pages()
        .iter()
        .filter(|(rel, _)| rel.starts_with("r3/strategies/"))
        .flat_map(|(rel, html)| {
            charts_in(html)
                .into_iter()
                .filter(|s| s.title().contains("参加機関数"))
                .map(|s| (rel.clone(), s.desc()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        kikan.len(),
        1,
        "参加機関数 charts on r3/strategies/: {kikan:?}"
    );
    assert!(
        kikan[0].1.contains("目標230機関を達成しています"),
        "{}: {}",
        kikan[0].0,
        kikan[0].1
    );
}

#[test]
fn each_chart_sits_next_to_a_table() {
    let strategy_pages: Vec<&(String, String)> = pages()
        .iter()
        .filter(|(rel, _)| rel.starts_with("r3/strategies/") || rel.starts_with("r2/strategies/"))
        .collect();
    assert_eq!(strategy_pages.len(), 12, "strategy pages");
    let mut figures = 0;
    for (rel, html) in strategy_pages {
        let offsets = figure_offsets(html);
        for (k, start) in offsets.iter().enumerate() {
            figures += 1;
            let end = offsets.get(k + 1).copied().unwrap_or(html.len());
            let after = &html[*start..end];
            let svg = charts_in(after)
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("{rel}: figure {k} has no chart"));
            let table = elements(after, "table");
            assert!(
                !table.is_empty(),
                "{rel}: chart {} has no table after it",
                svg.id
            );
            let caption = elements(table[0].1, "caption");
            assert_eq!(
                caption.len(),
                1,
                "{rel}: table after chart {} has no caption",
                svg.id
            );
            let caption = decode(caption[0].1.trim());
            let name = svg.title().trim_end_matches("の推移").to_string();
            assert_eq!(
                caption,
                format!("{name}のデータ"),
                "{rel}: caption of the table after chart {}",
                svg.id
            );
        }
    }
    assert!(
        figures >= 24,
        "only {figures} chart figures on the strategy pages"
    );

    for rel in [
        "r3/grants/1-nadec.html",
        "r3/grants/2-gaikoku-jinzai.html",
        "r2/grants/1-nadec.html",
        "r2/grants/2-gaikoku-jinzai.html",
    ] {
        let html = page(rel);
        let table = html
            .find("<table class=\"budget\"")
            .unwrap_or_else(|| panic!("{rel}: no budget table"));
        let table_end = table + html[table..].find("</table>").unwrap();
        let figure = table_end
            + html[table_end..]
                .find("<figure class=\"chart-figure\">")
                .unwrap_or_else(|| panic!("{rel}: no chart after the budget table"));
        let between = &html[table_end + "</table>".len()..figure];
        for tag in ["<table", "<figure", "<section", "<h2", "<h3", "<svg"] {
            assert!(
                !between.contains(tag),
                "{rel}: {tag} between the budget table and its chart:\n{between}"
            );
        }
        let svg = charts_in(&html[figure..]).into_iter().next().unwrap();
        assert!(
            svg.id.contains("-budget-"),
            "{rel}: the chart after the budget table is {}",
            svg.id
        );
    }
}

#[test]
fn r2_charts_show_nothing_from_r3() {
    let r2 = chart_titled(
        "r2/strategies/1.html",
        page("r2/strategies/1.html"),
        "転出者超過率",
    );
    assert!(
        r2.source.contains("114.6%"),
        "the R2 chart shows its R2 actual"
    );
    assert!(
        !r2.source.contains("115.3%"),
        "the R2 chart shows the R3 actual 115.3%"
    );
    assert!(!r2.desc().contains("令和3年度"), "R2 desc: {}", r2.desc());
    let r3 = chart_titled(
        "r3/strategies/1.html",
        page("r3/strategies/1.html"),
        "転出者超過率",
    );
    assert!(r3.source.contains("115.3%"), "the R3 chart shows 115.3%");
}

// ============================================================================
// Hard shapes
// ============================================================================

#[test]
fn a_single_point_is_drawn_as_a_circle() {
    let st = style();
    let view = trend(
        "single",
        false,
        (10.0, "10件"),
        (20.0, "20件"),
        vec![year("令和2年度", Some(12.0), "12件")],
    );
    let chart = trend_chart(&view, &st).expect("a single point charts");
    let svg = assert_sound(&chart);
    assert_no_overlaps(&svg);
    let actual = svg_colour(st.actual);
    let circles: Vec<_> = elements(&chart.svg, "circle")
        .into_iter()
        .filter(|(tag, _)| attr(tag, "fill") == Some(actual.as_str()))
        .collect();
    assert_eq!(circles.len(), 1, "one point circle:\n{}", chart.svg);
    assert!(
        stroke_runs(&chart.svg, &actual, "3").is_empty(),
        "no actual line for one point"
    );
    assert!(
        svg.texts.iter().any(|t| t.label == "12件"),
        "the point is labelled"
    );
}

#[test]
fn all_values_equal_give_a_finite_chart() {
    let st = style();
    for v in [0.0, 50.0, -3.0] {
        let label = format!("{v}%");
        let years = vec![
            year("令和2年度", Some(v), &label),
            year("令和3年度", Some(v), &label),
            year("令和4年度", None, ""),
        ];
        for lower in [false, true] {
            let view = trend("flat", lower, (v, &label), (v, &label), years.clone());
            let chart = trend_chart(&view, &st).unwrap_or_else(|| panic!("flat {v} charts"));
            let svg = assert_sound(&chart);
            assert_no_overlaps(&svg);
            let ys: Vec<f64> = elements(&chart.svg, "circle")
                .iter()
                .map(|(t, _)| num_attr(t, "cy"))
                .collect();
            assert!(!ys.is_empty());
            assert!(
                ys.iter().all(|y| *y > 0.0 && *y < svg.height),
                "points inside the plot: {ys:?}"
            );
        }
    }
    let bars_view = bars(
        "flat-bars",
        reiwa(1, 3),
        vec![series("総事業費", vec![Some(0.0); 3], true, st.bar_primary)],
        "単位：円",
    );
    assert_sound(&bar_chart(&bars_view, &st).expect("all-zero bars chart"));
}

#[test]
fn yearly_targets_are_hollow_diamonds_with_their_own_legend() {
    let st = style();
    let mut view = trend(
        "yearly",
        false,
        (100.0, "100人"),
        (500.0, "500人"),
        vec![
            year("令和5年度", Some(120.0), "120人"),
            year("令和6年度", Some(230.0), "230人"),
            year("令和7年度", None, ""),
            year("令和8年度", None, ""),
            year("令和9年度", None, ""),
        ],
    );
    view.year_targets = vec![Some(100.0), Some(200.0), Some(300.0), None, None];
    let chart = trend_chart(&view, &st).expect("yearly targets chart");
    let svg = assert_sound(&chart);
    assert_no_overlaps(&svg);
    assert!(
        svg.texts.iter().any(|t| t.label == "◇ 年度目標"),
        "the legend names the yearly targets"
    );
    // A diamond: a closed run of four sides, seven units from its centre each way.
    let diamonds: Vec<Vec<(f64, f64)>> = stroke_runs(&chart.svg, &svg_colour(st.target), "2")
        .into_iter()
        .filter(|run| {
            run.len() == 5 && run[0] == run[4] && {
                let (x, y) = (run[0].0, run[0].1 + 7.0);
                run[1..4].iter().all(|p| {
                    ((p.0 - x).abs() - 7.0).abs() < 0.01 || ((p.1 - y).abs() - 7.0).abs() < 0.01
                })
            }
        })
        .collect();
    assert_eq!(
        diamonds.len(),
        3,
        "one diamond per yearly target:\n{}",
        chart.svg
    );
    // Left to right, and the higher target higher on the chart.
    let centres: Vec<(f64, f64)> = diamonds.iter().map(|d| (d[0].0, d[0].1 + 7.0)).collect();
    assert!(
        centres
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 > w[1].1),
        "{centres:?}"
    );
    // Without yearly targets, neither diamonds nor their legend.
    view.year_targets = vec![None; 5];
    let plain = trend_chart(&view, &st).unwrap();
    assert!(!assert_sound(&plain)
        .texts
        .iter()
        .any(|t| t.label == "◇ 年度目標"));
}

#[test]
fn missing_years_break_the_line() {
    let st = style();
    let view = trend(
        "gap",
        true,
        (114.5, "114.5%"),
        (105.0, "105%"),
        vec![
            year("令和2年度", Some(114.6), "114.6%"),
            year("令和3年度", Some(113.0), "113.0%"),
            missing("令和4年度"),
            year("令和5年度", Some(112.0), "112.0%"),
            year("令和6年度", Some(110.0), "110.0%"),
        ],
    );
    let chart = trend_chart(&view, &st).expect("a gap charts");
    let svg = assert_sound(&chart);
    assert_no_overlaps(&svg);
    let marks: Vec<&TextBox> = svg.texts.iter().filter(|t| t.label == "未測定").collect();
    assert_eq!(marks.len(), 1, "未測定 is shown once");
    let gap_x = (marks[0].x0 + marks[0].x1) / 2.0;
    let runs = stroke_runs(&chart.svg, &svg_colour(st.actual), "3");
    assert_eq!(
        runs.len(),
        2,
        "two separate runs of the actual line: {runs:?}"
    );
    for run in &runs {
        assert_eq!(run.len(), 2, "each run joins two years: {run:?}");
        let (lo, hi) = (run[0].0.min(run[1].0), run[0].0.max(run[1].0));
        assert!(
            !(lo..=hi).contains(&gap_x),
            "a run crosses the missing year at x {gap_x}: {run:?}"
        );
    }
}

#[test]
fn negative_bars_hang_below_the_zero_line() {
    let st = style();
    let view = bars(
        "negative",
        reiwa(1, 5),
        vec![
            series("目標", vec![Some(1.31); 5], false, st.target),
            series(
                "実績",
                vec![Some(0.41), Some(-0.51), Some(-1.26), None, None],
                true,
                st.actual,
            ),
        ],
        "単位：%",
    );
    let chart = bar_chart(&view, &st).expect("negative bars chart");
    let svg = assert_sound(&chart);
    assert_no_overlaps(&svg);
    let zero = stroke_runs(&chart.svg, &svg_colour(st.axis), "2");
    assert_eq!(zero.len(), 1, "one zero line");
    let zero_y = zero[0][0].1;
    assert_eq!(zero[0][1].1, zero_y, "the zero line is level");
    let actual = svg_colour(st.actual);
    let hanging: Vec<_> = elements(&chart.svg, "rect")
        .into_iter()
        .filter(|(tag, _)| attr(tag, "fill") == Some(actual.as_str()))
        .filter(|(tag, _)| num_attr(tag, "y") == zero_y && num_attr(tag, "height") > 2.0)
        .collect();
    assert_eq!(
        hanging.len(),
        2,
        "two actual bars start at the zero line y {zero_y} and extend below it"
    );
    let zero_at = chart
        .svg
        .rfind(&format!(
            "stroke=\"{}\" stroke-width=\"2\"",
            svg_colour(st.axis)
        ))
        .unwrap();
    let last_bar = chart.svg.rfind(hanging[1].0).unwrap();
    assert!(zero_at > last_bar, "the zero line is drawn over the bars");
    assert!(
        y_axis_labels(&svg).iter().any(|t| t.label.starts_with('△')),
        "negative ticks are labelled with △"
    );
}

#[test]
fn large_values_are_labelled_in_man() {
    let st = style();
    let view = trend(
        "shukyaku",
        false,
        (7_360_000.0, "7,360,000人"),
        (8_360_000.0, "8,360,000人"),
        vec![
            year("令和2年度", Some(4_100_000.0), "4,100,000人"),
            year("令和3年度", Some(4_500_000.0), "4,500,000人"),
            year("令和4年度", None, ""),
        ],
    );
    let chart = trend_chart(&view, &st).expect("large values chart");
    let svg = assert_sound(&chart);
    assert_no_overlaps(&svg);
    let axis = y_axis_labels(&svg);
    assert!(axis.len() >= 3, "y labels: {axis:?}");
    for t in axis {
        assert!(t.label.ends_with('万'), "y label {t} is not in 万");
    }

    let budget = bars(
        "budget-large",
        reiwa(1, 5),
        vec![series(
            "総事業費",
            vec![
                Some(125_386_350.0),
                Some(104_066_832.0),
                Some(94_027_654.0),
                None,
                None,
            ],
            true,
            st.bar_primary,
        )],
        "単位：円",
    );
    let chart = bar_chart(&budget, &st).expect("large bars chart");
    let svg = assert_sound(&chart);
    assert_no_overlaps(&svg);
    let axis = y_axis_labels(&svg);
    assert!(axis.len() >= 3, "y labels: {axis:?}");
    assert!(
        axis.iter().all(|t| t.label.ends_with('億')),
        "budget axis in 億: {axis:?}"
    );
}

#[test]
fn a_ten_year_series_keeps_every_label() {
    let st = style();
    let labels = reiwa(2, 11);
    let chart = trend_chart(&ten_years(), &st).expect("ten years chart");
    let svg = assert_sound(&chart);
    // (Overlaps are checked in `a_ten_year_series_x_labels_do_not_overlap`.)
    // Eleven full labels do not fit side by side, so the short forms (当初, R2 … R11) are used.
    let mut categories = vec!["当初".to_string()];
    categories.extend(
        labels
            .iter()
            .map(|l| l.replace("令和", "R").replace("年度", "")),
    );
    assert_eq!(categories.len(), 11);
    assert!(
        !svg.texts.iter().any(|t| t.label == "令和11年度"),
        "full labels would overlap"
    );
    let x_labels: Vec<&TextBox> = svg
        .texts
        .iter()
        .filter(|t| categories.contains(&t.label))
        .collect();
    let shown: BTreeSet<&str> = x_labels.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(shown.len(), 11, "every category is labelled: {shown:?}");
    let row = x_labels[0].y0;
    assert!(x_labels.iter().all(|t| t.y0 == row), "x labels on one row");
    assert!(
        x_labels.windows(2).all(|w| w[0].x0 < w[1].x0),
        "x labels in order"
    );
}

#[test]
fn a_ten_year_series_x_labels_do_not_overlap() {
    let chart = trend_chart(&ten_years(), &style()).expect("ten years chart");
    assert_no_overlaps(&parse_chart(&chart));
}

// ============================================================================
// The checks themselves
// ============================================================================

/// The viewBox and overlap checks do catch what they are meant to, and only that.
#[test]
fn the_checks_catch_clipping_and_overlap() {
    let text = |x: u32, y: u32, dy: &str, anchor: &str, label: &str| {
        format!("<text x=\"{x}\" y=\"{y}\" dy=\"{dy}\" text-anchor=\"{anchor}\" font-family=\"sans-serif\" font-size=\"10\" opacity=\"1\">\n{label}\n</text>")
    };
    let svg = |texts: &[String]| {
        format!(
            "<svg class=\"chart\" viewBox=\"0 0 100 50\" width=\"100%\" role=\"img\" aria-labelledby=\"t-title\" aria-describedby=\"t-desc\"><title id=\"t-title\">T</title><desc id=\"t-desc\">D</desc>{}</svg>",
            texts.concat()
        )
    };
    // 令和3年度 is 4.6 em = 46 px wide at 10 px; &amp; decodes to one 0.6 em character.
    let fits = svg(&[
        text(2, 2, "0.76em", "start", "令和3年度"),
        text(98, 25, "0.5ex", "end", "a&amp;b"),
        text(50, 49, "-0.5ex", "middle", "中央"),
    ]);
    let parsed = parse_svg(&fits);
    assert_eq!(parsed.id, "t");
    assert_eq!(parsed.texts[1].label, "a&b");
    assert!(
        (parsed.texts[1].x0 - 80.0).abs() < 1e-9,
        "{}",
        parsed.texts[1]
    );
    assert!(texts_outside_viewbox(&parsed).is_empty());
    assert!(overlapping_texts(&parsed).is_empty());

    let clipped = svg(&[
        text(60, 2, "0.76em", "start", "令和3年度"),
        text(50, 45, "0.76em", "middle", "下"),
        text(5, 25, "0.5ex", "end", "左"),
    ]);
    assert_eq!(texts_outside_viewbox(&parse_svg(&clipped)).len(), 3);

    let overlapping = svg(&[
        text(2, 2, "0.76em", "start", "令和3年度"),
        text(46, 4, "0.76em", "start", "令和4年度"),
        // Touching by at most 1 px is allowed.
        text(2, 24, "-0.5ex", "start", "ab"),
        text(2, 23, "0.76em", "start", "ab"),
    ]);
    let found = overlapping_texts(&parse_svg(&overlapping));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("令和3年度") && found[0].contains("令和4年度"));

    // Texts in a `<g>` take its attributes, their own first; a lone text keeps its own.
    let grouped = svg(&[
        "<g text-anchor=\"end\" font-size=\"20\"><text x=\"98\" y=\"2\" dy=\"0.76em\">左</text><text x=\"98\" y=\"10\" dy=\"0.76em\" font-size=\"10\">右</text></g>".to_string(),
        "<text font-size=\"10\" x=\"2\" y=\"40\" dy=\"0.76em\">下</text>".to_string(),
    ]);
    let parsed = parse_svg(&grouped);
    let boxes: Vec<(f64, f64, f64, f64)> = parsed
        .texts
        .iter()
        .map(|t| (t.x0, t.y0, t.x1, t.y1))
        .collect();
    assert_eq!(
        boxes,
        [
            (78.0, 2.0, 98.0, 22.0),
            (88.0, 10.0, 98.0, 20.0),
            (2.0, 40.0, 12.0, 50.0)
        ]
    );
    assert_eq!(overlapping_texts(&parsed).len(), 1);
    // Subpaths in absolute coordinates, whatever the commands.
    assert_eq!(
        subpaths("M32 275H607m-575-60h575M1 2l3 4v-5Z"),
        [
            vec![(32.0, 275.0), (607.0, 275.0)],
            vec![(32.0, 215.0), (607.0, 215.0)],
            vec![(1.0, 2.0), (4.0, 6.0), (4.0, 1.0), (1.0, 2.0)],
        ]
    );
}

// ============================================================================
// Snapshots
// ============================================================================

#[test]
fn snapshot_lower_is_better_trend() {
    let view = trend(
        "chart-snap-trend",
        true,
        (114.5, "114.5%"),
        (105.0, "105%"),
        vec![
            revised("令和2年度", 114.2, "114.2%"),
            missing("令和3年度"),
            year("令和4年度", Some(112.9), "112.9%"),
            year("令和5年度", Some(111.0), "111.0%"),
            year("令和6年度", None, ""),
        ],
    );
    let chart = trend_chart(&view, &style()).unwrap();
    assert_no_overlaps(&assert_sound(&chart));
    // One element a line, so that a change shows as a readable diff.
    insta::assert_snapshot!(chart.svg.replace("><", ">\n<"));
}

#[test]
fn snapshot_budget_bars() {
    let st = style();
    let view = bars(
        "chart-snap-budget",
        reiwa(1, 5),
        vec![
            series(
                "総事業費",
                vec![
                    Some(125_386_350.0),
                    Some(104_066_832.0),
                    Some(94_027_654.0),
                    None,
                    None,
                ],
                true,
                st.bar_primary,
            ),
            series(
                "交付金額",
                vec![
                    Some(62_693_175.0),
                    Some(52_033_416.0),
                    Some(47_013_827.0),
                    None,
                    None,
                ],
                false,
                st.bar_secondary,
            ),
        ],
        "単位：円",
    );
    let chart = bar_chart(&view, &st).unwrap();
    assert_no_overlaps(&assert_sound(&chart));
    // One element a line, so that a change shows as a readable diff.
    insta::assert_snapshot!(chart.svg.replace("><", ">\n<"));
}

#[test]
fn snapshot_kpi_bars_with_a_negative_increment() {
    let st = style();
    let view = bars(
        "chart-snap-kpi",
        reiwa(1, 5),
        vec![
            series("目標", vec![Some(1.31); 5], false, st.target),
            series(
                "実績",
                vec![Some(0.41), Some(-0.51), Some(-1.26), None, None],
                true,
                st.actual,
            ),
        ],
        "単位：%",
    );
    let chart = bar_chart(&view, &st).unwrap();
    assert_no_overlaps(&assert_sound(&chart));
    // One element a line, so that a change shows as a readable diff.
    insta::assert_snapshot!(chart.svg.replace("><", ">\n<"));
}

#[test]
fn long_labels_are_shortened_inside_the_chart() {
    // An indicator `unit:` of 55 CJK characters once panicked in a clamp (min > max).
    let st = style();
    let unit = "長".repeat(55);
    let label = |v: f64| format!("{v}{unit}");
    let years = vec![
        year("令和2年度", Some(12.0), &label(12.0)),
        year("令和3年度", Some(14.0), &label(14.0)),
    ];
    let view = trend(
        "long",
        false,
        (10.0, &label(10.0)),
        (20.0, &label(20.0)),
        years,
    );
    let chart = trend_chart(&view, &st).expect("a chart with long labels");
    let svg = assert_sound(&chart);
    assert!(texts_of(&chart.svg)
        .iter()
        .any(|(_, inner)| inner.ends_with('…')));
    assert!(texts_outside_viewbox(&svg).is_empty());
    let bars_view = bars(
        "long-bars",
        reiwa(1, 3),
        vec![series(
            &"総事業費".repeat(30),
            vec![Some(1.0); 3],
            true,
            st.bar_primary,
        )],
        &format!("単位：{unit}"),
    );
    assert_sound(&bar_chart(&bars_view, &st).expect("bars with long labels"));
}
