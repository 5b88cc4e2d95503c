//! The parts of a page that sosei writes itself, in the slots the templates place: the
//! data tables and the charts, which are most of a large report's bytes.

use super::charts;
use super::context::ViewCtx;
use super::grants;
use super::html::Html;
use super::indicators::{self, IndicatorTable, VerificationTable};
use super::navigation::Navigation;
use super::timing::Activity;
use crate::model::SeriesRef;

/// One part, described by what it shows; it is written only where a template places it.
pub enum Part {
    IndicatorTable(IndicatorTable),
    VerificationTable(VerificationTable),
    /// A series' trend chart with its figures as a table.
    SeriesChart(SeriesRef),
    /// The budget table of grant programme `n` (its place in the report's list).
    BudgetTable(usize),
    KpiTable(usize),
    BudgetChart(usize),
    KpiChart {
        grant: usize,
        kpi: usize,
    },
    /// The home page's chart of status counts per strategy.
    StatusChart,
    /// Links around the page: menu, year switch, breadcrumbs, previous and next.
    Navigation(Navigation),
    /// A project's section (its Markdown), with `##` as `<h{level}>`.
    ProjectSection {
        grant: usize,
        project: usize,
        section: usize,
        level: u8,
    },
}

impl Part {
    /// What its time counts as.
    pub fn activity(&self) -> Activity {
        match self {
            Part::IndicatorTable(_)
            | Part::VerificationTable(_)
            | Part::BudgetTable(_)
            | Part::KpiTable(_) => Activity::Tables,
            Part::SeriesChart(_)
            | Part::BudgetChart(_)
            | Part::KpiChart { .. }
            | Part::StatusChart => Activity::Charts,
            Part::Navigation(_) => Activity::Navigation,
            Part::ProjectSection { .. } => Activity::Views,
        }
    }

    /// What the part is, for a theme author told where it went wrong.
    pub fn describe(&self) -> &'static str {
        match self {
            Part::IndicatorTable(_) => "an indicator table",
            Part::VerificationTable(_) => "a verification table",
            Part::SeriesChart(_) => "an indicator's chart",
            Part::BudgetTable(_) => "a budget table",
            Part::KpiTable(_) => "a KPI table",
            Part::BudgetChart(_) => "a budget chart",
            Part::KpiChart { .. } => "a KPI chart",
            Part::StatusChart => "the chart of ratings",
            Part::Navigation(Navigation::Menu(_)) => "the site menu (`frame.nav`)",
            Part::Navigation(Navigation::YearSwitch(_)) => "the year switch (`frame.years`)",
            Part::Navigation(Navigation::Breadcrumbs { .. }) => {
                "the breadcrumbs (`frame.breadcrumbs`)"
            }
            Part::Navigation(Navigation::Pager { .. }) => "the pager (`frame.pager`)",
            Part::ProjectSection { .. } => "a project's section",
        }
    }

    /// The content file the part shows, where it is one file.
    pub fn source(&self, report: &crate::model::Report) -> Option<std::path::PathBuf> {
        match self {
            Part::SeriesChart(r) => report.indicators.get(r.indicator).map(|i| i.source.clone()),
            Part::ProjectSection { grant, project, .. } => report
                .grants
                .get(*grant)?
                .projects
                .get(*project)
                .map(|p| p.source.clone()),
            _ => None,
        }
    }

    pub fn write(&self, ctx: &ViewCtx, html: &mut Html) {
        let grant = |n: usize| &ctx.report.grants[n];
        match self {
            Part::IndicatorTable(t) => indicators::write_indicator_table(ctx, t, html),
            Part::VerificationTable(t) => indicators::write_verification_table(ctx, t, html),
            Part::SeriesChart(r) => charts::write_series_chart(ctx, *r, html),
            Part::BudgetTable(n) => grants::write_budget_table(ctx, grant(*n), html),
            Part::KpiTable(n) => grants::write_kpi_table(ctx, grant(*n), html),
            Part::BudgetChart(n) => charts::write_budget_chart(ctx, grant(*n), html),
            Part::KpiChart { grant: n, kpi } => charts::write_kpi_chart(ctx, grant(*n), *kpi, html),
            Part::Navigation(n) => n.write(html),
            Part::StatusChart => charts::write_status_chart(ctx, html),
            Part::ProjectSection {
                grant,
                project,
                section,
                level,
            } => grants::write_project_section(ctx, (*grant, *project, *section), *level, html),
        }
    }
}
