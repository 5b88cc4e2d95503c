//! A Hugo site with the same pages as sosei's, for timing Hugo beside sosei (issue 8):
//! one Hugo page for each page of `sosei::render::page_list`, carrying as Markdown the
//! prose and the figures that sosei's page shows (tables, footnotes, verification prose,
//! external opinions, notes), without charts, under one minimal layout.
//!
//!     cargo run --release --example hugo_site -- --content /tmp/m/content --out /tmp/hugo-m
//!     hugo --source /tmp/hugo-m --destination /tmp/hugo-m-out --quiet
//!
//! Hugo writes the pages at sosei's paths (`uglyURLs`): `content/r2/strategies/1.md` gives
//! `r2/strategies/1.html`; the root's `index.html` (the latest year's home page, its
//! links into that year's folder) comes from `content/_index.md`, a year's home page from
//! `content/r2/home.md` with `url:` (an `index.md` would be a leaf bundle holding the pages
//! under it). `--out/content` is replaced; nothing else is removed.
//!
//! With `--even`, the same Markdown is spread evenly over the same pages (`spread`), so
//! that Hugo is timed on sosei's prose without sosei's largest pages, which Hugo handles
//! poorly. With `--stock`, every page gets the same ~3 KB of stock prose instead: far less
//! text than sosei's pages carry, Hugo's lightest case.

#[path = "common/hugo/grants.rs"]
mod grants;
#[path = "common/hugo/md.rs"]
mod md;
#[path = "common/hugo/pages.rs"]
mod pages;
#[path = "common/prose.rs"]
mod prose;
#[path = "common/hugo/report.rs"]
mod report;
use md::{esc, Md, Year};
use prose::SENTENCES;
use rayon::prelude::*;
use sosei::evaluate;
use sosei::fiscal_year::FiscalYear;
use sosei::model::*;
use sosei::opendata::{self, Table};
use sosei::render::context::Facts;
use sosei::render::site::{grant_page_path, year_prefix};
use sosei::render::{self, PageInfo, PageKind};
use std::fs;
use std::path::{Path, PathBuf};

const CONFIG: &str = r#"baseURL = "/"
languageCode = "ja"
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "section", "robotsTXT", "404"]
"#;
const LAYOUT: &str = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n";

/// One page's Markdown.
fn page(r: &Report, y: &Year, facts: &Facts, info: &PageInfo) -> String {
    let prefix = year_prefix(info.year);
    // A page in its year's folder links within it; the root's pages link into the folder.
    let root = match info.path.strip_prefix(&prefix) {
        Some(rest) => "../".repeat(rest.matches('/').count()),
        None => prefix,
    };
    let md = String::new();
    let mut m = Md {
        r,
        y,
        facts,
        root,
        md,
    };
    match info.kind {
        PageKind::Home => m.home(),
        PageKind::Evaluation => {
            m.evaluations(3);
            let (short, label) = (&r.plan.short_title, m.year_label());
            let e = [
                ("short", short.as_str()),
                ("kinds", &facts.all),
                ("year", &label),
            ];
            let caption = m.fill("evaluation.verification", &e);
            m.verification(&caption, &caption, None);
            m.notes();
        }
        PageKind::Goal(g) => m.goal(g),
        PageKind::Grant(n) => m.grant(n, 3, false),
        PageKind::Project { grant, project } => m.project_page(grant, project),
        PageKind::Donations => m.donations(3),
        PageKind::Grants => {
            let link =
                |g: &std::sync::Arc<Grant>| m.link(&esc(&g.full_name()), &grant_page_path(g));
            let links: Vec<String> = r.grants.iter().map(link).collect();
            m.list(links);
        }
        PageKind::Data => m.data(),
        PageKind::Full => m.full(),
        PageKind::NotFound => {
            m.para(&esc(m.word("not_found.lead")));
            let (plan, year) = (r.plan.title.as_str(), m.year_label());
            let home = m.fill("not_found.home", &[("plan", plan), ("year", &year)]);
            let links = [
                (home, "index.html"),
                (m.word("not_found.full").into(), "full.html"),
            ];
            let links = links.map(|(text, page)| m.link(&esc(&text), page));
            m.list(links);
        }
    }
    m.md
}

/// What one year's pages share: its evaluation, notes and open data (rows and units).
fn year(
    r: &Report,
    content: &Path,
    theme: &render::theme::Theme,
    facts: &Facts,
    year: FiscalYear,
) -> Year {
    let eval = evaluate::evaluate(r, year);
    let collected = Default::default();
    let ctx = render::context::ViewCtx {
        report: r,
        eval: &eval,
        content_root: content,
        site_root: String::new(),
        year_root: String::new(),
        collected: &collected,
        style: &theme.chart_style,
        facts,
        slots: Default::default(),
    };
    let notes = render::evaluation::notes_view(&ctx);
    let written = |t: &Table| {
        let (mut csv, mut json) = (std::io::sink(), std::io::sink());
        opendata::write_both(t, r, &eval, &mut csv, &mut json).expect("a sink takes anything")
    };
    let tables = opendata::tables(r, year).into_iter();
    let data = tables
        .map(|t| (written(&t), t))
        .map(|(w, t)| (t, w))
        .collect();
    drop(ctx);
    Year { eval, notes, data }
}

fn write(path: PathBuf, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// The same Markdown spread evenly over the same number of pages: one run of blocks (a
/// paragraph, a heading, up to 200 rows of a table) after another, each page taking the
/// blocks that start in its share of the whole. Hugo then gets sosei's prose without
/// sosei's largest pages (a 全体版 at L is over 100 MB of Markdown).
fn spread(bodies: Vec<String>) -> Vec<String> {
    let n = bodies.len().max(1);
    let mut blocks: Vec<String> = Vec::new();
    for body in &bodies {
        for block in body.split("\n\n").filter(|b| !b.trim().is_empty()) {
            let lines: Vec<&str> = block.lines().collect();
            if block.starts_with('|') && lines.len() > 202 {
                // A long table: runs of 200 rows, each under the table's own header.
                for rows in lines[2..].chunks(200) {
                    let mut t = format!("{}\n{}\n", lines[0], lines[1]);
                    for row in rows {
                        t.push_str(row);
                        t.push('\n');
                    }
                    blocks.push(t);
                }
            } else {
                blocks.push(block.to_string());
            }
        }
    }
    drop(bodies);
    let total: usize = blocks.iter().map(|b| b.len() + 2).sum::<usize>().max(1);
    let mut out = vec![String::new(); n];
    let mut offset = 0;
    for block in blocks {
        let k = (offset * n / total).min(n - 1);
        offset += block.len() + 2;
        out[k].push_str(&block);
        out[k].push_str("\n\n");
    }
    out
}

/// A small page of stock prose (about 3 KB: two sections and a small table), the same for
/// every page whatever sosei's page holds: Hugo's lightest case, for `--stock`.
fn stock_page(i: usize) -> String {
    let prose: String = (0..6).map(|k| SENTENCES[(i + k) % 6]).collect();
    format!(
        "## 事業の概要\n\n{prose}\n\n## 事業の成果等\n\n{prose}\n\n| 項目 | 内容 |\n| --- | --- |\n| 実施日 | R3.10.{} |\n| 参加者数 | {}人 |\n",
        i % 28 + 1,
        i % 500
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let at = |name: &str| args.iter().position(|a| a == name);
    let arg = |name: &str| at(name).and_then(|i| args.get(i + 1));
    let content = PathBuf::from(arg("--content").map_or("content", |c| c.as_str()));
    let Some(out) = arg("--out").map(PathBuf::from) else {
        eprintln!("usage: hugo_site --content DIR --out HUGO_DIR [--even | --stock]");
        std::process::exit(2);
    };
    let even = at("--even").is_some();
    let stock = at("--stock").is_some();
    let (report, diags, _) = sosei::build::check(&content);
    let Some(r) = report else {
        eprint!("{}", diags.render(&content));
        std::process::exit(1);
    };
    let theme = render::theme::load(None, r.vocabulary.clone()).expect("the built-in theme");
    let facts = Facts::new(&r);
    let years: Vec<(FiscalYear, Year)> = (r.years.iter())
        .map(|x| (x.year, year(&r, &content, &theme, &facts, x.year)))
        .collect();
    let pages = render::page_list(&r);
    match fs::remove_dir_all(out.join("content")) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            panic!("remove {}/content: {e}", out.display())
        }
        _ => {}
    }
    write(out.join("config.toml"), CONFIG);
    for name in ["single.html", "list.html"] {
        write(out.join("layouts/_default").join(name), LAYOUT);
    }
    let bodies: Vec<String> = pages
        .par_iter()
        .map(|info| {
            let y = years.iter().find(|(year, _)| *year == info.year);
            page(&r, &y.expect("the page's year").1, &facts, info)
        })
        .collect();
    let bodies = if stock {
        (0..bodies.len()).map(stock_page).collect()
    } else if even {
        spread(bodies)
    } else {
        bodies
    };
    pages.par_iter().zip(bodies).for_each(|(info, body)| {
        let (file, url) = match info.path.strip_suffix("index.html") {
            Some("") => ("_index.md".to_string(), String::new()),
            Some(dir) => (format!("{dir}home.md"), format!("url: /{}\n", info.path)),
            None => (info.path.replace(".html", ".md"), String::new()),
        };
        let title = info.title.replace('\\', "\\\\").replace('"', "\\\"");
        let text = format!("---\ntitle: \"{title}\"\n{url}---\n{body}");
        write(out.join("content").join(file), &text);
    });
    println!("wrote {} pages into {}", pages.len(), out.display());
}
