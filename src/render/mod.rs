//! Render: typed views of the evaluated report, through the theme's templates, into pages.

pub mod charts;
pub mod context;
pub mod grants;
pub mod html;
pub mod indicators;
pub mod live;
mod navigation;
mod page;
pub use page::quiet_guarded_panics;
pub mod pages;
pub mod parts;
mod site;
pub use site::Subject;
pub mod slots;
pub mod theme;
pub mod timing;
pub mod toc;

use crate::diag::Diagnostics;
use crate::evaluate::{self, Evaluation};
use crate::fiscal_year::FiscalYear;
use crate::lock;
use crate::model::Report;
use context::Collected;
use page::{write_page, PageError};
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
}

/// One page of the site, as `render` writes it.
#[derive(Clone, Debug)]
pub struct PageInfo {
    /// The evaluation year whose report the page belongs to.
    pub year: FiscalYear,
    /// Relative to the output folder: `r2/strategies/1.html`.
    pub path: String,
    /// The template that makes it: `strategy.html`.
    pub template: &'static str,
    pub title: String,
    pub subject: Subject,
}

/// Every page of the site, year by year in reading order (for tools and benchmarks).
pub fn page_list(report: &Report) -> Vec<PageInfo> {
    report
        .years
        .iter()
        .zip(site::year_pages(report))
        .flat_map(|(result, year)| {
            let prefix = year.prefix.clone();
            year.specs.into_iter().map(move |spec| PageInfo {
                year: result.year,
                path: format!("{prefix}{}", spec.path),
                template: spec.template,
                title: spec.title,
                subject: spec.subject,
            })
        })
        .collect()
}

/// Renders every evaluation year's report into `sink`. The latest goes at the root.
/// Pages are rendered in parallel and streamed to their files as they are made, so
/// that no page is ever held in memory whole. `progress` is told (pages done,
/// pages in all) as pages are written.
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
    let specs = site::year_pages(report);
    let total_pages: usize = specs
        .iter()
        .filter(|y| {
            options
                .only_year
                .is_none_or(|o| pages::year_prefix(report, o) == y.prefix)
        })
        .map(|y| y.specs.len())
        .sum();
    let done = AtomicUsize::new(0);
    let timings = timing::Timings::default();
    let env = Env {
        report,
        content_root,
        theme,
        options,
        collected: &collected,
        timings: &timings,
    };
    let put = |path: &str, bytes: &[u8]| {
        if let Err(e) = sink.put(path, bytes) {
            lock(&diags).push_unique(crate::diag::Diagnostic::error(
                path,
                format!("cannot write: {e}"),
            ));
        }
    };
    // Every year's pages are made together, the longest first, so that no core waits for
    // one long page at the end of each year.
    let years: Vec<(&site::YearPages, Evaluation)> = report
        .years
        .par_iter()
        .zip(&specs)
        .filter(|(r, _)| options.only_year.is_none_or(|y| y == r.year))
        .map(|(result, pages)| (pages, evaluate::evaluate(report, result.year)))
        .collect();
    let page = |year: usize, spec: &site::PageSpec, data: &YearData| {
        if options.cancelled() {
            return;
        }
        let (pages, eval) = &years[year];
        let path = format!("{}{}", pages.prefix, spec.path);
        let written = sink
            .create(&path)
            .map_err(PageError::Write)
            .and_then(|mut file| write_page(&env, eval, data, spec, pages, &mut *file));
        match written {
            Ok(()) => {}
            // Once per template, not once per page and year.
            Err(PageError::Template(err)) => {
                lock(&diags).push_unique(theme.render_error(spec.template, &err))
            }
            Err(PageError::Slots(err, part)) => {
                lock(&diags).push_unique(theme.slot_error(spec.template, &err, part))
            }
            Err(PageError::Panic(source, message)) => lock(&diags).push_unique(
                crate::diag::Diagnostic::error(source, format!("sosei failed while making {message}"))
                    .expected("a page made without failing; this is a flaw in sosei: please report it with the file named here"),
            ),
            Err(PageError::Write(e)) => lock(&diags).push_unique(crate::diag::Diagnostic::error(
                &path,
                format!("cannot write: {e}"),
            )),
        }
        progress(done.fetch_add(1, Ordering::Relaxed) + 1, total_pages);
    };
    // The open data is written beside the pages; the data pages, which list it, after.
    let lists_data = |s: &site::PageSpec| s.template == "data.html";
    // One list of work: each year's open data, and every page but the data pages, which
    // list the open data and come after it. The longest first (later years are larger),
    // each taken by whichever thread is free, so that no core waits at the end.
    enum Job<'s> {
        Data(usize),
        Page(usize, &'s site::PageSpec),
    }
    let mut jobs: Vec<Job> = (0..years.len()).map(Job::Data).collect();
    jobs.extend(years.iter().enumerate().flat_map(|(y, (pages, _))| {
        pages
            .specs
            .iter()
            .filter(|s| !lists_data(s))
            .map(move |s| Job::Page(y, s))
    }));
    jobs.sort_by_key(|job| {
        let (class, year) = match job {
            Job::Data(y) => (0, *y),
            Job::Page(y, s) => match s.template {
                "full.html" => (0, *y),
                "evaluation.html" => (1, *y),
                "strategy.html" => (2, *y),
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
                        Job::Page(y, spec) => page(*y, spec, &no_data),
                    }
                }
            });
        }
    });
    for (y, (pages, _)) in years.iter().enumerate() {
        for spec in pages.specs.iter().filter(|s| lists_data(s)) {
            page(y, spec, data[y].get().unwrap_or(&no_data));
        }
        rendered.pages.extend(
            pages
                .specs
                .iter()
                .map(|s| format!("{}{}", pages.prefix, s.path)),
        );
    }
    if options.cancelled() {
        lock(&diags).push(crate::diag::Diagnostic::error(
            "(build)",
            "stopped: the sources changed while the site was being written",
        ));
    }
    put("sitemap.xml", sitemap(report, &rendered.pages).as_bytes());
    for (name, text) in &theme.statics {
        put(&format!("assets/{name}"), text.as_bytes());
    }
    let collected = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    rendered.images = collected.images.into_iter().collect();
    rendered.charts = collected.charts;
    rendered.activities = timings.report();
    let mut diags = diags.into_inner().unwrap_or_else(|e| e.into_inner());
    for d in collected.problems {
        diags.push_unique(d);
    }
    // Pages are made in parallel: the order problems were met in is not the same twice.
    (rendered, diags.sorted())
}

fn series_count(report: &Report) -> usize {
    report.indicators.iter().map(|i| i.series.len()).sum()
}

/// The heading of the full report's section of indicator charts.
fn trends_heading(year: FiscalYear) -> String {
    format!("数値目標の推移（{}まで）", year.label())
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
                        format!("cannot write: {e}"),
                    ));
                    Default::default()
                });
                (table, written)
            })
            .collect();
        YearData { tables }
    }
}

/// `sitemap.xml`: every page but the 404, with absolute addresses when `base_url` is set.
fn sitemap(report: &Report, pages: &[String]) -> String {
    let base = report.config.base_url.as_deref().unwrap_or("");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages.iter().filter(|p| *p != "404.html") {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::markdown::escape(&format!("{base}{page}"))
        ));
    }
    out.push_str("</urlset>\n");
    out
}
