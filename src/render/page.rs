//! One page: its views, the template around them, and the page streamed out with each
//! slot's part written in its place.

use super::context::ViewCtx;
use super::pages::{self, FrameView};
use super::site::Subject;
use super::timing::Activity;
use super::{charts, grants, html, series_count, site, slots, toc, trends_heading, up};
use super::{Env, YearData};
use crate::evaluate::Evaluation;
use serde::Serialize;

#[derive(Serialize)]
struct PageData<'a> {
    frame: FrameView,
    plan: Option<pages::PlanView>,
    summary: Option<pages::SummaryView>,
    commentary: Option<String>,
    strategies: Vec<pages::StrategyView>,
    evaluations: Vec<pages::YearEvaluationView>,
    verification: Option<pages::VerificationView>,
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

/// Why a page could not be made.
pub(super) enum PageError {
    Template(tera::Error),
    /// The template placed the page's parts in a way they cannot be written back.
    Slots(slots::SlotError, Option<&'static str>),
    Write(std::io::Error),
    /// sosei itself failed (a panic) while making the page: (where, what went wrong).
    Panic(std::path::PathBuf, String),
}

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs a panic hook that stays quiet for panics `guarded` turns into diagnostics,
/// and reports any other as the previous hook did.
pub fn quiet_guarded_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !GUARDED.with(|g| g.get()) {
            previous(info);
        }
    }));
}

/// Runs `f`, turning a panic into its message: a flaw in sosei met on one page must be
/// reported against the content that met it, never end the program.
pub(super) fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unknown failure".to_string())
    })
}

/// Makes one page and writes it to `out`: the template renders the page around the slots,
/// then the page is streamed out with each slot's part written in its place.
pub(super) fn write_page(
    env: &Env,
    eval: &Evaluation,
    data: &YearData,
    spec: &site::PageSpec,
    year: &site::YearPages,
    out: &mut dyn std::io::Write,
) -> Result<(), PageError> {
    let prefix = year.prefix.as_str();
    let depth = spec.path.matches('/').count();
    let ctx = ViewCtx {
        report: env.report,
        eval,
        content_root: env.content_root,
        site_root: up(depth + prefix.matches('/').count()),
        year_root: up(depth),
        collected: env.collected,
        style: &env.theme.chart_style,
        slots: Default::default(),
    };
    let timings = env.timings;
    let page_panic = |m: String| PageError::Panic(spec.template.into(), m);
    let views =
        guarded(|| timings.time(Activity::Views, || page_data(env, &ctx, data, spec, year)))
            .map_err(page_panic)?;
    let page = guarded(|| {
        timings.time(Activity::Templates, || {
            let context = tera::Context::from_serialize(&views)?;
            slots::rendering(ctx.slots.key(), || {
                env.theme.tera.render(spec.template, &context)
            })
        })
    })
    .map_err(page_panic)?;
    let page = page.map_err(PageError::Template)?;
    drop(views);
    let (key, parts) = ctx.slots.take();
    let mut html = html::Html::new(out);
    // The first part that failed, named by the content it shows.
    let mut failed: Option<PageError> = None;
    slots::stream(&page, key, &parts, &mut html, |h, part| {
        if failed.is_some() {
            return;
        }
        let written = guarded(|| timings.time(part.activity(), || part.write(&ctx, h)));
        if let Err(message) = written {
            let source = part
                .source(ctx.report)
                .unwrap_or_else(|| spec.template.into());
            failed = Some(PageError::Panic(
                source,
                format!("{} of `{}`: {message}", part.describe(), spec.path),
            ));
        }
    })
    .map_err(|e| {
        let part = e.slot.and_then(|s| parts.get(s)).map(|p| p.describe());
        PageError::Slots(e, part)
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    html.finish().map_err(PageError::Write)
}

/// The views of one page, as its template sees them.
fn page_data<'a>(
    env: &Env,
    ctx: &ViewCtx,
    data: &YearData,
    spec: &'a site::PageSpec,
    year: &site::YearPages,
) -> PageData<'a> {
    let Env {
        report, options, ..
    } = *env;
    let eval = ctx.eval;
    let full = spec.template == "full.html";
    // Heading levels: on the full report everything sits one level deeper.
    let (level, grant_level, project_level) = if full { (4, 4, 4) } else { (3, 3, 2) };
    let frame = site::frame(ctx, spec, year);
    let is = |t: &str| spec.template == t || full;
    // The strategies: their list on the home page and the full report, or the page's own.
    let strategies = report
        .strategies
        .iter()
        .filter(|s| match spec.template {
            "strategy.html" => spec.subject == Subject::Strategy(s.number),
            _ => is("index.html"),
        })
        .map(|s| {
            let mut view = pages::strategy_view(ctx, s, spec.template == "strategy.html", level);
            if spec.template == "strategy.html" {
                view.charts = (0..report.indicators.len())
                    .filter(|i| report.indicators[*i].strategy == s.number)
                    .map(|i| charts::indicator_charts(ctx, i))
                    .collect();
            }
            view
        })
        .collect();
    // A grant's own view (budget, KPIs, charts) only where it is shown.
    let grants_v: Vec<_> = report
        .grants
        .iter()
        .enumerate()
        .filter(|(i, _)| full || spec.subject == Subject::Grant(*i))
        .map(|(i, g)| {
            let mut view = grants::grant_view(ctx, i, grant_level);
            if full {
                view.full_projects = g
                    .projects_in(eval.year)
                    .map(|(p, _)| grants::project_view(ctx, i, p, project_level))
                    .collect();
            }
            view
        })
        .collect();
    let projects = match spec.subject {
        Subject::Project { grant, project } => {
            vec![grants::project_view(ctx, grant, project, project_level)]
        }
        _ => Vec::new(),
    };
    let mut views = PageData {
        frame,
        // The plan, summary, commentary and notes only where the templates use them.
        plan: is("index.html").then(|| pages::plan_view(ctx, level)),
        summary: is("index.html").then(|| pages::summary_view(ctx)),
        commentary: report
            .years
            .iter()
            .filter(|_| spec.template == "index.html")
            .find(|y| y.year == eval.year)
            .and_then(|y| y.commentary.as_ref())
            .map(|c| ctx.markdown(c, level, None)),
        strategies,
        evaluations: if is("evaluation.html") {
            pages::year_evaluations(ctx, level)
        } else {
            Vec::new()
        },
        verification: if is("evaluation.html") {
            pages::verification_view(ctx, level)
        } else {
            None
        },
        notes: is("evaluation.html").then(|| pages::notes_view(ctx)),
        grants: grants_v,
        projects,
        donations: if is("donations.html") {
            grants::donations_view(ctx, level)
        } else {
            None
        },
        trends: if full && series_count(report) <= report.config.full_report_charts {
            (0..report.indicators.len())
                .map(|i| charts::indicator_charts(ctx, i))
                .collect()
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
                    title: g.full_name(),
                    href: ctx.href(&grants::grant_page_path(g)),
                })
                .collect()
        } else {
            Vec::new()
        },
        data: if spec.template == "data.html" {
            pages::data_files(ctx, &data.tables)
        } else {
            Vec::new()
        },
        page: spec.template,
    };
    if let Some(plan) = views.plan.as_ref().filter(|_| full) {
        views.toc = toc::toc(&toc::TocInput {
            plan,
            evaluations: &views.evaluations,
            trends_heading: trends_heading(eval.year),
            verification: views.verification.as_ref().map(|v| v.caption.as_str()),
            grants: &views.grants,
            donations: views.donations.as_ref().map(|d| d.scheme.as_str()),
            pages: &options.toc_pages,
        });
    }
    views.frame.issued = report
        .config
        .issued
        .clone()
        .or_else(|| options.issued.clone());
    views
}

#[cfg(test)]
mod tests {
    use super::guarded;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(guarded(|| 1), Ok(1));
        assert_eq!(
            guarded(|| -> u8 { panic!("min > max") }),
            Err("min > max".into())
        );
        let n = 3;
        assert_eq!(
            guarded(|| -> u8 { panic!("{n} apples") }),
            Err("3 apples".into())
        );
    }
}
