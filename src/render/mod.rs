//! Render: typed views of the evaluated report, through the theme's templates, into pages.

pub mod charts;
pub mod context;
pub mod grants;
pub mod indicators;
pub mod live;
pub mod pages;
mod site;
pub mod theme;
pub mod toc;

use crate::diag::Diagnostics;
use crate::evaluate::{self, Evaluation};
use crate::fiscal_year::FiscalYear;
use crate::model::Report;
use context::{Collected, ViewCtx};
use pages::FrameView;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Choices that change how the report is rendered, beyond the content itself.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The date of issue on the cover, when the content does not set one.
    pub issued: Option<String>,
    /// The printed page of each heading id of the full report (from a first print).
    pub toc_pages: BTreeMap<String, usize>,
    /// Render only this year's report.
    pub only_year: Option<FiscalYear>,
}

/// What every page is rendered with.
struct Env<'a> {
    report: &'a Report,
    content_root: &'a Path,
    theme: &'a theme::Theme,
    options: &'a Options,
    collected: &'a Mutex<Collected>,
    /// Every year's pages, by the year's path prefix.
    specs: &'a [site::YearPages],
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
}

/// Renders every evaluation year's report into `sink`. The latest goes at the root.
/// Pages of a year are rendered in parallel and written as soon as they are made, so
/// that no more than a few pages are held in memory. `progress` is told (pages done,
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
    let env = Env {
        report,
        content_root,
        theme,
        options,
        collected: &collected,
        specs: &specs,
    };
    let put = |path: &str, bytes: &[u8]| {
        if let Err(e) = sink.put(path, bytes) {
            lock(&diags).push_unique(crate::diag::Diagnostic::error(
                path,
                format!("cannot write: {e}"),
            ));
        }
    };
    for result in &report.years {
        if options.only_year.is_some_and(|y| y != result.year) {
            continue;
        }
        let eval = evaluate::evaluate(report, result.year);
        let cache = YearCache::new(report, result.year);
        let prefix = pages::year_prefix(report, result.year);
        for table in &cache.tables {
            put(
                &format!("{prefix}data/{}.csv", table.slug),
                crate::opendata::to_csv(table).as_bytes(),
            );
            put(
                &format!("{prefix}data/{}.json", table.slug),
                crate::opendata::to_json(table, report.config.licence.as_deref()).as_bytes(),
            );
        }
        let year_specs = specs
            .iter()
            .find(|y| y.prefix == prefix)
            .map(|y| y.specs.as_slice())
            .unwrap_or_default();
        year_specs.par_iter().for_each(|spec| {
            let path = format!("{prefix}{}", spec.path);
            match render_page(&env, &eval, &cache, spec, &prefix) {
                Ok(html) => put(&path, html.as_bytes()),
                // Once per template, not once per page and year.
                Err(err) => lock(&diags).push_unique(theme.render_error(spec.template, &err)),
            }
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total_pages);
        });
        rendered
            .pages
            .extend(year_specs.iter().map(|s| format!("{prefix}{}", s.path)));
    }
    put("sitemap.xml", sitemap(report, &rendered.pages).as_bytes());
    for (name, text) in &theme.statics {
        put(&format!("assets/{name}"), text.as_bytes());
    }
    let collected = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    rendered.images = collected.images.into_iter().collect();
    rendered.charts = collected.charts;
    let mut diags = diags.into_inner().unwrap_or_else(|e| e.into_inner());
    for d in collected.problems {
        diags.push_unique(d);
    }
    (rendered, diags)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
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

#[derive(Serialize)]
struct PageData<'a> {
    frame: FrameView,
    plan: Option<pages::PlanView>,
    summary: Option<pages::SummaryView>,
    commentary: Option<String>,
    strategies: Vec<pages::StrategyView>,
    evaluations: Vec<pages::YearEvaluationView>,
    verification: Option<indicators::VerificationTableView>,
    notes: Option<pages::NotesView>,
    grants: Vec<grants::GrantView>,
    projects: Vec<grants::ProjectView>,
    donations: Option<grants::DonationsView>,
    trends: Vec<charts::IndicatorChartsView>,
    toc: Vec<toc::TocEntry>,
    /// The full report is too large to chart every series (see `full_report_charts`).
    trends_omitted: bool,
    /// Every grant programme, on the list of them.
    grant_links: Vec<grants::LinkView>,
    data: Vec<pages::DataFileView>,
    page: &'a str,
}

/// Views that several pages of one year's report share, made once.
struct YearCache {
    /// The charts of every indicator, by indicator: strategy pages and the full report.
    charts: OnceLock<Vec<OnceLock<charts::IndicatorChartsView>>>,
    /// The year's open data: written as files, and listed on the data page.
    tables: Vec<crate::opendata::Table>,
}

impl YearCache {
    fn new(report: &Report, year: FiscalYear) -> YearCache {
        YearCache {
            tables: crate::opendata::tables(report, year),
            charts: OnceLock::new(),
        }
    }

    /// The charts of indicator `i`, made on first use: a strategy page makes only its own.
    fn chart(&self, ctx: &ViewCtx, i: usize) -> &charts::IndicatorChartsView {
        let slots = self.charts.get_or_init(|| {
            (0..ctx.report.indicators.len())
                .map(|_| OnceLock::new())
                .collect()
        });
        slots[i].get_or_init(|| charts::indicator_charts(ctx, i))
    }

    fn all_charts(&self, ctx: &ViewCtx) -> Vec<charts::IndicatorChartsView> {
        (0..ctx.report.indicators.len())
            .map(|i| self.chart(ctx, i).clone())
            .collect()
    }
}

fn render_page(
    env: &Env,
    eval: &Evaluation,
    cache: &YearCache,
    spec: &site::PageSpec,
    prefix: &str,
) -> Result<String, tera::Error> {
    let Env {
        report,
        content_root,
        theme,
        options,
        collected,
        specs,
    } = *env;
    let depth = spec.path.matches('/').count();
    let ctx = ViewCtx {
        report,
        eval,
        content_root,
        site_root: up(depth + prefix.matches('/').count()),
        year_root: up(depth),
        collected,
        style: &theme.chart_style,
    };
    let full = spec.template == "full.html";
    // Heading levels: on the full report everything sits one level deeper.
    let (level, grant_level, project_level) = if full { (4, 4, 4) } else { (3, 3, 2) };
    let frame = site::frame(&ctx, spec, prefix, specs);
    let is = |t: &str| spec.template == t || full;
    let strategy_number = spec
        .path
        .strip_prefix("strategies/")
        .and_then(|p| p.strip_suffix(".html"))
        .and_then(|n| n.parse::<u32>().ok());
    let strategies = report
        .strategies
        .iter()
        .filter(|s| spec.template != "strategy.html" || Some(s.number) == strategy_number)
        .map(|s| {
            let mut view = pages::strategy_view(&ctx, s, spec.template == "strategy.html", level);
            if spec.template == "strategy.html" {
                view.charts = (0..report.indicators.len())
                    .filter(|i| report.indicators[*i].strategy == s.number)
                    .map(|i| cache.chart(&ctx, i).clone())
                    .collect();
            }
            view
        })
        .collect();
    let grant_selected = |g: &crate::model::Grant| {
        full || spec.path == grants::grant_page_path(g)
            || spec.path.starts_with(&format!("grants/{}/", g.slug))
    };
    // A grant's own view (budget, KPIs, charts) only where it is shown.
    let grants_v: Vec<_> = report
        .grants
        .iter()
        .filter(|g| full || spec.path == grants::grant_page_path(g))
        .map(|g| grants::grant_view(&ctx, g, grant_level))
        .collect();
    let projects = report
        .grants
        .iter()
        .filter(|g| grant_selected(g))
        .flat_map(|g| grants::visible_projects(g, eval.year).map(move |p| (g, p)))
        .filter(|(g, p)| full || spec.path == grants::project_page_path(g, p))
        .map(|(g, p)| grants::project_view(&ctx, g, p, project_level))
        .collect();
    let mut data = PageData {
        frame,
        // The plan, summary, commentary and notes only where the templates use them.
        plan: is("index.html").then(|| pages::plan_view(&ctx, level)),
        summary: is("index.html").then(|| pages::summary_view(&ctx)),
        commentary: report
            .years
            .iter()
            .filter(|_| spec.template == "index.html")
            .find(|y| y.year == eval.year)
            .and_then(|y| y.commentary.as_ref())
            .map(|c| ctx.markdown(c, level, None)),
        strategies,
        evaluations: if is("evaluation.html") {
            pages::year_evaluations(&ctx, level)
        } else {
            Vec::new()
        },
        verification: if is("evaluation.html") {
            pages::verification_view(&ctx, level)
        } else {
            None
        },
        notes: is("evaluation.html").then(|| pages::notes_view(&ctx)),
        grants: grants_v,
        projects,
        donations: if is("donations.html") {
            grants::donations_view(&ctx, level)
        } else {
            None
        },
        trends: if full && series_count(report) <= report.config.full_report_charts {
            cache.all_charts(&ctx)
        } else {
            Vec::new()
        },
        trends_omitted: full && series_count(report) > report.config.full_report_charts,
        toc: Vec::new(),
        grant_links: if spec.template == "grants.html" {
            report
                .grants
                .iter()
                .map(|g| grants::LinkView {
                    title: format!(
                        "{}{}「{}」",
                        g.scheme,
                        crate::format::circled(g.number),
                        g.title
                    ),
                    href: ctx.href(&grants::grant_page_path(g)),
                })
                .collect()
        } else {
            Vec::new()
        },
        data: if spec.template == "data.html" {
            pages::data_files(&ctx, &cache.tables)
        } else {
            Vec::new()
        },
        page: spec.template,
    };
    if full {
        let plan = pages::plan_view(&ctx, level);
        data.toc = toc::toc(&toc::TocInput {
            plan: &plan,
            evaluations: &data.evaluations,
            trends_heading: trends_heading(eval.year),
            verification: data.verification.as_ref().map(|v| v.caption.as_str()),
            grants: &data.grants,
            projects: &data.projects,
            donations: data.donations.as_ref().map(|d| d.scheme.as_str()),
            pages: &options.toc_pages,
        });
    }
    data.frame.issued = report
        .config
        .issued
        .clone()
        .or_else(|| options.issued.clone());
    let context = tera::Context::from_serialize(&data)?;
    theme.tera.render(spec.template, &context)
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
