//! Render: typed views of the evaluated report, through the theme's templates, into pages.

pub mod charts;
pub mod context;
pub mod grants;
pub mod indicators;
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
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    collected: &'a RefCell<Collected>,
    /// Every year's pages, by the year's path prefix.
    specs: &'a [(String, Vec<site::PageSpec>)],
}

/// One HTML page, at a path relative to the output folder.
#[derive(Clone, Debug)]
pub struct Page {
    pub path: String,
    pub html: String,
}

/// Everything the write stage needs.
#[derive(Debug, Default)]
pub struct Site {
    pub pages: Vec<Page>,
    /// (path in output, text)
    pub assets: Vec<(String, String)>,
    /// (file in content, path in output)
    pub images: Vec<(PathBuf, String)>,
    /// Charts drawn.
    pub charts: usize,
}

/// Renders every evaluation year's report. The latest goes at the root.
/// `progress` is told (pages done, pages in all) as pages are rendered.
pub fn render(
    report: &Report,
    content_root: &Path,
    theme: &theme::Theme,
    options: &Options,
    progress: &dyn Fn(usize, usize),
) -> (Site, Diagnostics) {
    let mut site = Site::default();
    let mut diags = Diagnostics::default();
    let collected = RefCell::new(Collected::default());
    let specs: Vec<(String, Vec<site::PageSpec>)> = report
        .years
        .iter()
        .map(|y| {
            (
                pages::year_prefix(report, y.year),
                site::page_specs(report, y.year),
            )
        })
        .collect();
    let total_pages: usize = specs
        .iter()
        .filter(|(p, _)| {
            options
                .only_year
                .is_none_or(|y| pages::year_prefix(report, y) == *p)
        })
        .map(|(_, s)| s.len())
        .sum();
    let env = Env {
        report,
        content_root,
        theme,
        options,
        collected: &collected,
        specs: &specs,
    };
    for result in &report.years {
        if options.only_year.is_some_and(|y| y != result.year) {
            continue;
        }
        let eval = evaluate::evaluate(report, result.year);
        let cache = YearCache::default();
        let prefix = pages::year_prefix(report, result.year);
        for table in crate::opendata::tables(report, result.year) {
            site.assets.push((
                format!("{prefix}data/{}.csv", table.slug),
                crate::opendata::to_csv(&table),
            ));
            site.assets.push((
                format!("{prefix}data/{}.json", table.slug),
                crate::opendata::to_json(&table, report.config.licence.as_deref()),
            ));
        }
        let year_specs = specs
            .iter()
            .find(|(p, _)| *p == prefix)
            .map(|(_, s)| s.as_slice())
            .unwrap_or_default();
        for spec in year_specs {
            let path = format!("{prefix}{}", spec.path);
            let result = render_page(&env, &eval, &cache, spec, &prefix);
            progress(site.pages.len() + 1, total_pages);
            match result {
                Ok(html) => site.pages.push(Page { path, html }),
                // Once per template, not once per page and year.
                Err(err) => diags.push_unique(theme.render_error(spec.template, &err)),
            }
        }
    }
    site.assets
        .push(("sitemap.xml".into(), sitemap(report, &site.pages)));
    for (name, text) in &theme.statics {
        site.assets.push((format!("assets/{name}"), text.clone()));
    }
    let collected = collected.into_inner();
    site.images = collected.images.into_iter().collect();
    site.charts = collected.charts;
    for d in collected.problems {
        diags.push(d);
    }
    (site, diags)
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
    data: Vec<pages::DataFileView>,
    page: &'a str,
}

/// Views that several pages of one year's report share, made once.
#[derive(Default)]
struct YearCache {
    /// The charts of every indicator, by indicator: strategy pages and the full report.
    charts: std::cell::OnceCell<Vec<charts::IndicatorChartsView>>,
}

impl YearCache {
    fn charts(&self, ctx: &ViewCtx) -> &[charts::IndicatorChartsView] {
        self.charts.get_or_init(|| (0..ctx.report.indicators.len()).map(|i| charts::indicator_charts(ctx, i)).collect())
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
                view.charts = cache.charts(&ctx).iter().zip(&report.indicators).filter(|(_, i)| i.strategy == s.number).map(|(c, _)| c.clone()).collect();
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
        summary: is("index.html").then(|| pages::summary_view(&ctx, true)),
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
        trends: if full { cache.charts(&ctx).to_vec() } else { Vec::new() },
        toc: Vec::new(),
        data: if spec.template == "data.html" {
            pages::data_files(&ctx)
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
fn sitemap(report: &Report, pages: &[Page]) -> String {
    let base = report.config.base_url.as_deref().unwrap_or("");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages.iter().filter(|p| p.path != "404.html") {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::markdown::escape(&format!("{base}{}", page.path))
        ));
    }
    out.push_str("</urlset>\n");
    out
}
