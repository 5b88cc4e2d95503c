//! One page: its views, the template around them, and the page streamed out with each
//! slot's part written in its place.

use super::context::ViewCtx;
use super::frame::{frame, FrameView};
use super::pages::{self, GoalDetail};
use super::parts::{LinkView, Part};
use super::site::{grant_page_path, PageKind, PageSpec, YearPages};
use super::timing::Activity;
use super::{charts, evaluation, grants, html, navigation, slots, theme::Theme, toc, up};
use super::{Env, YearData};
use crate::diag::Diagnostic;
use crate::evaluate::Evaluation;
use serde::Serialize;

/// The charts of the indicators under one goal, in the full report.
#[derive(Clone, Debug, Serialize)]
pub struct TrendGroupView {
    /// The goal's heading, when the tree has more than one goal level to tell apart.
    pub heading: Option<String>,
    pub anchor: String,
    pub indicators: Vec<charts::IndicatorChartsView>,
}

#[derive(Serialize)]
struct PageData<'a> {
    frame: FrameView,
    plan: Option<pages::PlanView>,
    summary: Option<pages::SummaryView>,
    commentary: Option<String>,
    /// The goals: the top-level ones (home, full report), or the page's own.
    goals: Vec<pages::GoalView>,
    evaluations: Vec<evaluation::YearEvaluationView>,
    verification: Option<evaluation::VerificationView>,
    notes: Option<evaluation::NotesView>,
    grants: Vec<grants::GrantView>,
    projects: Vec<grants::ProjectView>,
    donations: Option<grants::DonationsView>,
    trends: Vec<TrendGroupView>,
    /// The external committee's opinions of the year, in the full report.
    opinions: Vec<evaluation::OpinionView>,
    committee: Option<String>,
    toc: Vec<toc::TocEntry>,
    /// The full report is too large to chart every series (see `full_report_charts`).
    trends_omitted: bool,
    /// Every grant programme, on the list of them.
    grant_links: Vec<LinkView>,
    data: Vec<evaluation::DataFileView>,
    /// The kinds of indicator, joined: 数値目標・KPI.
    kinds: &'a str,
    /// The name of the rating's figure: 進捗率.
    figure: &'a str,
    page: &'a str,
}

/// Why a page could not be made.
pub(super) enum PageError {
    Template(tera::Error),
    /// The template misplaced the page's parts: the error, and the part as `describe` names.
    Slots(slots::SlotError, Option<String>),
    Write(std::io::Error),
    /// sosei itself failed (a panic) while making the page: (where, what went wrong).
    Panic(std::path::PathBuf, String),
}

impl PageError {
    /// What the build and `serve` say of it: `path` is the page's place in the site.
    pub(super) fn diagnostic(self, theme: &Theme, template: &str, path: &str) -> Diagnostic {
        match self {
            PageError::Template(err) => theme.render_error(template, &err),
            PageError::Slots(err, part) => theme.slot_error(template, &err, part.as_deref()),
            PageError::Panic(source, message) => {
                Diagnostic::error(source, m!("render.failed-making", problem = message))
                    .expected(m!("render.expected-no-failure"))
            }
            PageError::Write(e) => Diagnostic::error(path, m!("render.cannot-write", error = e)),
        }
    }
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
            .unwrap_or_else(|| m!("render.unknown-failure"))
    })
}

/// Where a page is: in its year's folder, or at the site's root (made from that year).
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    pub spec: &'a PageSpec,
    pub year: &'a YearPages,
    pub at_root: bool,
}

/// Makes one page and writes it to `out`: the template renders the page around the slots,
/// then the page is streamed out with each slot's part written in its place.
pub(super) fn write_page(
    env: &Env,
    eval: &Evaluation,
    data: &YearData,
    place: Place,
    out: &mut dyn std::io::Write,
) -> Result<(), PageError> {
    let spec = place.spec;
    let depth = spec.path.matches('/').count();
    let (site_root, year_root) = match place.at_root {
        true => (String::new(), place.year.prefix.clone()),
        false => (up(depth + 1), up(depth)),
    };
    let ctx = ViewCtx {
        report: env.report,
        eval,
        content_root: env.content_root,
        site_root,
        year_root,
        collected: env.collected,
        style: &env.theme.chart_style,
        facts: env.facts,
        slots: Default::default(),
    };
    let timings = env.timings;
    let template = spec.kind.template();
    let page_panic = |m: String| PageError::Panic(template.into(), m);
    let views = guarded(|| timings.time(Activity::Views, || page_data(env, &ctx, data, place)))
        .map_err(page_panic)?;
    let page = guarded(|| {
        timings.time(Activity::Templates, || {
            let context = tera::Context::from_serialize(&views)?;
            slots::rendering(ctx.slots.key(), || {
                env.theme.tera.render(template, &context)
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
        let written = guarded(|| timings.time(part.activity(), || write_part(&ctx, part, h)));
        if let Err(message) = written {
            let source = part.source(ctx.report).unwrap_or_else(|| template.into());
            failed = Some(PageError::Panic(
                source,
                m!(
                    "render.part-of-page",
                    part = part.describe(),
                    page = spec.path,
                    problem = message
                ),
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

/// Writes one part where its slot stands.
fn write_part(ctx: &ViewCtx, part: &Part, html: &mut html::Html) {
    let grant = |n: usize| &ctx.report.grants[n];
    match part {
        Part::IndicatorTable(t) => super::indicators::write_indicator_table(ctx, t, html),
        Part::VerificationTable(t) => super::verification::write_verification_table(ctx, t, html),
        Part::SeriesChart(r) => charts::write_series_chart(ctx, *r, html),
        Part::BudgetTable(n) => grants::write_budget_table(ctx, grant(*n), html),
        Part::KpiTable(n) => grants::write_kpi_table(ctx, grant(*n), html),
        Part::BudgetChart(n) => charts::write_budget_chart(ctx, grant(*n), html),
        Part::KpiChart { grant: n, kpi } => charts::write_kpi_chart(ctx, grant(*n), *kpi, html),
        Part::Navigation(n) => navigation::write(n, ctx.words(), html),
        Part::StatusChart { under } => charts::write_status_chart(ctx, *under, html),
        Part::ProjectSection {
            grant,
            project,
            section,
            level,
        } => grants::write_project_section(ctx, (*grant, *project, *section), *level, html),
    }
}

/// The charts of the full report, grouped by the goal the indicators hang on when the
/// tree has more than one level.
fn trend_groups(ctx: &ViewCtx) -> Vec<TrendGroupView> {
    let report = ctx.report;
    let goals = &report.goals;
    if goals.levels.len() == 1 {
        return vec![TrendGroupView {
            heading: None,
            anchor: String::new(),
            indicators: (0..report.indicators.len())
                .map(|i| charts::indicator_charts(ctx, i))
                .collect(),
        }];
    }
    let mut groups: Vec<TrendGroupView> = Vec::new();
    for (i, ind) in report.indicators.iter().enumerate() {
        let anchor = format!("trends-{}", goals.slug(ind.goal));
        if groups.last().is_none_or(|g| g.anchor != anchor) {
            groups.push(TrendGroupView {
                heading: Some(goals.heading(ind.goal)),
                anchor,
                indicators: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.indicators.push(charts::indicator_charts(ctx, i));
        }
    }
    groups
}

/// The views of one page, as its template sees them.
fn page_data<'a>(env: &Env<'a>, ctx: &ViewCtx, data: &YearData, place: Place<'a>) -> PageData<'a> {
    let (report, options) = (env.report, env.options);
    let spec = place.spec;
    let eval = ctx.eval;
    let kind = spec.kind;
    let full = kind == PageKind::Full;
    // Heading levels: on the full report everything sits one level deeper.
    let (level, grant_level, project_level) = if full { (4, 4, 4) } else { (3, 3, 2) };
    let frame = frame(ctx, spec, place.year, place.at_root);
    let is = |k: PageKind| kind == k || full;
    let series = env.facts.series;
    let goals = match kind {
        PageKind::Goal(g) => vec![pages::goal_view(ctx, g, GoalDetail::Full, level)],
        PageKind::Home | PageKind::Full => report
            .goals
            .top()
            .map(|(g, _)| pages::goal_view(ctx, g, GoalDetail::Brief, level))
            .collect(),
        _ => Vec::new(),
    };
    // A grant's own view (budget, KPIs, charts) only where it is shown: on its page, or all.
    let grants_v: Vec<_> = match kind {
        PageKind::Full => 0..report.grants.len(),
        PageKind::Grant(i) => i..report.grants.len().min(i + 1),
        _ => 0..0,
    }
    .map(|i| {
        let mut view = grants::grant_view(ctx, i, grant_level);
        if full {
            view.full_projects = report.grants[i]
                .projects_in(eval.year)
                .map(|(p, _)| grants::project_view(ctx, i, p, project_level))
                .collect();
        }
        view
    })
    .collect();
    let projects = match kind {
        PageKind::Project { grant, project } => {
            vec![grants::project_view(ctx, grant, project, project_level)]
        }
        _ => Vec::new(),
    };
    let mut views = PageData {
        frame,
        // The plan, summary, commentary and notes only where the templates use them.
        plan: is(PageKind::Home).then(|| pages::plan_view(ctx, level)),
        summary: is(PageKind::Home).then(|| pages::summary_view(ctx, None)),
        commentary: report
            .years
            .iter()
            .filter(|_| kind == PageKind::Home)
            .find(|y| y.year == eval.year)
            .and_then(|y| {
                y.commentary
                    .as_ref()
                    .map(|c| ctx.markdown(c, level, Some(&y.source)))
            }),
        goals,
        evaluations: if is(PageKind::Evaluation) {
            evaluation::year_evaluations(ctx, level)
        } else {
            Vec::new()
        },
        verification: if is(PageKind::Evaluation) {
            evaluation::verification_view(ctx, level)
        } else {
            None
        },
        notes: is(PageKind::Evaluation).then(|| evaluation::notes_view(ctx)),
        grants: grants_v,
        projects,
        donations: if is(PageKind::Donations) {
            grants::donations_view(ctx, level)
        } else {
            None
        },
        trends: if full && series <= report.config.full_report_charts {
            trend_groups(ctx)
        } else {
            Vec::new()
        },
        opinions: if full {
            evaluation::opinions(ctx, None, level)
        } else {
            Vec::new()
        },
        committee: evaluation::committee(ctx),
        trends_omitted: full && series > report.config.full_report_charts,
        toc: Vec::new(),
        grant_links: if kind == PageKind::Grants {
            report
                .grants
                .iter()
                .map(|g| LinkView {
                    title: g.full_name(),
                    href: ctx.href(&grant_page_path(g)),
                })
                .collect()
        } else {
            Vec::new()
        },
        data: if kind == PageKind::Data {
            evaluation::data_files(ctx, &data.tables)
        } else {
            Vec::new()
        },
        kinds: &env.facts.all,
        figure: &report.config.rating.figure,
        page: kind.template(),
    };
    if let Some(plan) = views.plan.as_ref().filter(|_| full) {
        views.toc = toc::toc(
            ctx,
            &toc::TocInput {
                plan,
                evaluations: &views.evaluations,
                trends: &views.trends,
                verification: views.verification.as_ref().map(|v| v.caption.as_str()),
                opinions: !views.opinions.is_empty(),
                grants: &views.grants,
                donations: views.donations.as_ref().map(|d| d.scheme.as_str()),
                pages: &options.toc_pages,
            },
        );
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
