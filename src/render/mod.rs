//! Render: typed views of the evaluated report, through the theme's templates, into pages.

mod bar_views;
mod cells;
pub mod charts;
pub mod context;
pub mod evaluation;
mod frame;
pub mod grants;
pub mod html;
pub mod indicators;
pub mod live;
mod navigation;
mod notes;
mod page;
pub use page::quiet_guarded_panics;
pub mod pages;
pub mod parts;
pub mod site;
pub use site::PageKind;
pub mod slots;
pub mod theme;
pub mod timing;
pub mod toc;
mod verification;

use crate::diag::Diagnostics;
use crate::evaluate::{self, Evaluation};
use crate::fiscal_year::FiscalYear;
use crate::lock;
use crate::model::Report;
use context::{Collected, Facts};
use page::{write_page, PageError, Place};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Choices that change how the report is rendered, beyond the content itself.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The date of issue on the cover, when the content does not set one.
    pub issued: Option<String>,
    /// The printed page of each heading id of the full report (from a first print).
    pub toc_pages: BTreeMap<String, usize>,
    /// Render only this year's report.
    pub only_year: Option<FiscalYear>,
    /// Set from elsewhere to stop: the pages not yet made are left out, and rendering
    /// reports an error, so that nothing half-made is kept.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Options {
    fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// What every page is rendered with.
struct Env<'a> {
    report: &'a Report,
    content_root: &'a Path,
    theme: &'a theme::Theme,
    options: &'a Options,
    collected: &'a Mutex<Collected>,
    timings: &'a timing::Timings,
    facts: &'a Facts,
}

/// What rendering wrote, for the build's report and the write stage.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Every page written, in reading order, relative to the output folder.
    pub pages: Vec<String>,
    /// (file in content, path in output): images still to copy.
    pub images: Vec<(PathBuf, String)>,
    /// Charts drawn.
    pub charts: usize,
    /// Where the time went: (activity, time summed over threads, times done).
    pub activities: Vec<(&'static str, std::time::Duration, u64)>,
    /// What the build should say it left out, and why (no sitemap without `base_url`).
    pub notes: Vec<String>,
}

/// One page of the site, as `render` writes it.
#[derive(Clone, Debug)]
pub struct PageInfo {
    /// The evaluation year whose report the page belongs to.
    pub year: FiscalYear,
    /// Relative to the output folder: `r2/strategies/1.html`.
    pub path: String,
    pub kind: PageKind,
    pub title: String,
}

/// Every page of the site, year by year in reading order, then the root's pages (for
/// tools and benchmarks).
pub fn page_list(report: &Report) -> Vec<PageInfo> {
    let facts = Facts::new(report);
    let mut out: Vec<PageInfo> = site::year_pages(report, &facts)
        .into_iter()
        .flat_map(|year| {
            let (y, prefix) = (year.year, year.prefix.clone());
            year.specs.into_iter().map(move |spec| PageInfo {
                year: y,
                path: format!("{prefix}{}", spec.path),
                kind: spec.kind,
                title: spec.title,
            })
        })
        .collect();
    if let Some(latest) = report.years.last() {
        out.extend(site::root_specs(report).into_iter().map(|spec| PageInfo {
            year: latest.year,
            path: spec.path,
            kind: spec.kind,
            title: spec.title,
        }));
    }
    out
}

/// Renders every evaluation year's report into `sink`, each in its year's folder, and
/// the root's pages from the latest. Pages are rendered in parallel and streamed to
/// their files as they are made, so that no page is ever held in memory whole.
/// `progress` is told (pages done, pages in all) as pages are written.
pub fn render(
    report: &Report,
    content_root: &Path,
    theme: &theme::Theme,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: &dyn crate::write::Sink,
) -> (Rendered, Diagnostics) {
    let mut rendered = Rendered::default();
    let diags = Mutex::new(Diagnostics::default());
    let collected = Mutex::new(Collected::default());
    let facts = Facts::new(report);
    let specs = site::year_pages(report, &facts);
    let root = site::root_specs(report);
    let latest = report.years.last().map(|y| y.year);
    let wanted = |y: FiscalYear| options.only_year.is_none_or(|o| o == y);
    let total_pages: usize = specs
        .iter()
        .filter(|y| wanted(y.year))
        .map(|y| y.specs.len())
        .sum::<usize>()
        + if latest.is_some_and(wanted) {
            root.len()
        } else {
            0
        };
    let done = AtomicUsize::new(0);
    let timings = timing::Timings::default();
    let env = Env {
        report,
        content_root,
        theme,
        options,
        collected: &collected,
        timings: &timings,
        facts: &facts,
    };
    let put = |path: &str, bytes: &[u8]| {
        if let Err(e) = sink.put(path, bytes) {
            lock(&diags).push_unique(crate::diag::Diagnostic::error(
                path,
                m!("render.cannot-write", error = e),
            ));
        }
    };
    let years: Vec<(&site::YearPages, Evaluation)> = specs
        .par_iter()
        .filter(|pages| wanted(pages.year))
        .map(|pages| (pages, evaluate::evaluate(report, pages.year)))
        .collect();
    let page = |year: usize, spec: &site::PageSpec, at_root: bool, data: &YearData| {
        if options.cancelled() {
            return;
        }
        let (pages, eval) = &years[year];
        let path = match at_root {
            true => spec.path.clone(),
            false => format!("{}{}", pages.prefix, spec.path),
        };
        let place = Place {
            spec,
            year: pages,
            at_root,
        };
        let written = sink
            .create(&path)
            .map_err(PageError::Write)
            .and_then(|mut file| write_page(&env, eval, data, place, &mut *file));
        if let Err(e) = written {
            // Once per template, not once per page and year.
            lock(&diags).push_unique(e.diagnostic(theme, spec.kind.template(), &path));
        }
        progress(done.fetch_add(1, Ordering::Relaxed) + 1, total_pages);
    };
    // One list of work: each year's open data, and every page but the data pages, which
    // list the open data and come after it. The longest first (later years are larger),
    // each taken by whichever thread is free, so that no core waits at the end.
    enum Job<'s> {
        Data(usize),
        Page(usize, &'s site::PageSpec, bool),
    }
    let latest_index = years.iter().position(|(p, _)| Some(p.year) == latest);
    let mut jobs: Vec<Job> = (0..years.len()).map(Job::Data).collect();
    jobs.extend(years.iter().enumerate().flat_map(|(y, (pages, _))| {
        pages
            .specs
            .iter()
            .filter(|s| s.kind != PageKind::Data)
            .map(move |s| Job::Page(y, s, false))
    }));
    if let Some(y) = latest_index {
        jobs.extend(root.iter().map(|s| Job::Page(y, s, true)));
    }
    jobs.sort_by_key(|job| {
        let (class, year) = match job {
            Job::Data(y) => (0, *y),
            Job::Page(y, s, _) => match s.kind {
                PageKind::Full => (0, *y),
                PageKind::Evaluation => (1, *y),
                PageKind::Goal(_) => (2, *y),
                _ => (3, 0),
            },
        };
        (class, std::cmp::Reverse(year))
    });
    let no_data = YearData::default();
    let data: Vec<OnceLock<YearData>> = years.iter().map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    rayon::scope(|scope| {
        for _ in 0..rayon::current_num_threads() {
            scope.spawn(|_| {
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    match job {
                        Job::Data(y) => {
                            let (pages, eval) = &years[*y];
                            let written = timings.time(timing::Activity::OpenData, || {
                                YearData::write(report, eval, &pages.prefix, sink, &diags)
                            });
                            let _ = data[*y].set(written);
                        }
                        Job::Page(y, spec, at_root) => page(*y, spec, *at_root, &no_data),
                    }
                }
            });
        }
    });
    for (y, (pages, _)) in years.iter().enumerate() {
        for spec in pages.specs.iter().filter(|s| s.kind == PageKind::Data) {
            page(y, spec, false, data[y].get().unwrap_or(&no_data));
        }
        rendered.pages.extend(
            pages
                .specs
                .iter()
                .map(|s| format!("{}{}", pages.prefix, s.path)),
        );
    }
    if latest_index.is_some() {
        rendered.pages.extend(root.iter().map(|s| s.path.clone()));
    }
    if options.cancelled() {
        lock(&diags).push(crate::diag::Diagnostic::error(
            "(build)",
            m!("render.stopped"),
        ));
    }
    match &report.config.base_url {
        Some(base) => put("sitemap.xml", sitemap(base, &rendered.pages).as_bytes()),
        None => rendered.notes.push(m!("render.no-sitemap")),
    }
    for (name, _) in &theme.statics {
        if let Some(bytes) = static_file(theme, report, name) {
            put(&format!("assets/{name}"), &bytes);
        }
    }
    let collected = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    rendered.images = collected.images.into_iter().collect();
    rendered.charts = collected.charts;
    rendered.activities = timings.report();
    let mut diags = diags.into_inner().unwrap_or_else(|e| e.into_inner());
    for d in collected.problems {
        diags.push_unique(d);
    }
    for d in report.vocabulary.missing() {
        diags.push_unique(d);
    }
    // Pages are made in parallel: the order problems were met in is not the same twice.
    (rendered, diags.sorted())
}

/// A file of `assets/`: the theme's, with the rating's colours after its stylesheet.
pub fn static_file(theme: &theme::Theme, report: &Report, name: &str) -> Option<Vec<u8>> {
    let (_, bytes) = theme.statics.iter().find(|(n, _)| n == name)?;
    let mut bytes = bytes.clone();
    if name == "style.css" {
        bytes.extend_from_slice(rating_css(report).as_bytes());
    }
    Some(bytes)
}

/// The colours of the rating's levels, as the theme's stylesheet uses them: the levels
/// are the content's, so their colours cannot be in the theme.
pub fn rating_css(report: &Report) -> String {
    let mut out = String::from("\n/* The rating's levels (config.yaml), added by sosei. */\n");
    for (_, level) in report.config.rating.all() {
        // Both are checked: an id of [a-z0-9-] and a colour of #rrggbb.
        out.push_str(&format!(
            ".status-{} {{ color: {}; }}\n",
            level.id, level.colour
        ));
    }
    out
}

fn up(depth: usize) -> String {
    "../".repeat(depth)
}

/// What the pages of one year's report share: its open data, as the data page lists it.
#[derive(Default)]
struct YearData {
    tables: Vec<(crate::opendata::Table, crate::opendata::Written)>,
}

impl YearData {
    /// Writes the year's open data files into `sink`; problems go to `diags`.
    fn write(
        report: &Report,
        eval: &Evaluation,
        prefix: &str,
        sink: &dyn crate::write::Sink,
        diags: &Mutex<Diagnostics>,
    ) -> YearData {
        let tables = crate::opendata::tables(report, eval.year)
            .into_par_iter()
            .map(|table| {
                let path = |kind: &str| format!("{prefix}data/{}.{kind}", table.slug);
                let written = sink.create(&path("csv")).and_then(|mut csv| {
                    let mut json = sink.create(&path("json"))?;
                    crate::opendata::write_both(&table, report, eval, &mut *csv, &mut *json)
                });
                let written = written.unwrap_or_else(|e| {
                    lock(diags).push_unique(crate::diag::Diagnostic::error(
                        path("csv"),
                        m!("render.cannot-write", error = e),
                    ));
                    Default::default()
                });
                (table, written)
            })
            .collect();
        YearData { tables }
    }
}

/// `sitemap.xml`: every page of every year, at its absolute address.
fn sitemap(base: &str, pages: &[String]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    // The root's pages have their address elsewhere (the home page's is its year's).
    for page in pages.iter().filter(|p| p.contains('/')) {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::markdown::escape(&format!("{base}{page}"))
        ));
    }
    out.push_str("</urlset>\n");
    out
}
