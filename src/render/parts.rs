//! The parts of a page that sosei writes itself, in the slots the templates place: the
//! data tables, the charts, the navigation and Markdown sections, which are most of a
//! large report's bytes. Here only what each part shows; `page.rs` writes them.

use super::timing::Activity;
use crate::fiscal_year::FiscalYear;
use crate::model::SeriesRef;
use serde::Serialize;

/// A link: its text and address.
#[derive(Clone, Debug, Serialize)]
pub struct LinkView {
    pub title: String,
    pub href: String,
}

/// The same page in another year's report.
#[derive(Clone, Debug, Serialize)]
pub struct YearLinkView {
    pub label: String,
    pub href: String,
    pub current: bool,
}

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
    /// The chart of level counts: of the top-level goals, or of the goals under one.
    StatusChart {
        under: Option<usize>,
    },
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

/// What an indicator table shows.
pub struct IndicatorTable {
    pub caption: String,
    /// One column of actuals per year; figure and rating are those of the last.
    pub years: Vec<FiscalYear>,
    /// The goals whose indicators are shown (a range of places in `Goals::list`), or all.
    pub goals: Option<std::ops::Range<usize>>,
    /// A column naming each row's goal (tables of several goals).
    pub show_goal: bool,
    /// The kinds of the indicators shown, for the column's heading: 数値目標, KPI.
    pub kinds: String,
}

/// What a verification table shows: the report year's 検証 of the indicators under a goal,
/// or of all.
pub struct VerificationTable {
    pub caption: String,
    pub goals: Option<std::ops::Range<usize>>,
    /// The heading level that Markdown's `##` becomes in the analysis.
    pub level: u8,
    /// The kinds of the indicators shown, for the column's heading.
    pub kinds: String,
}

/// The links of a page's navigation.
pub enum Navigation {
    /// The site menu: its `<ul>`.
    Menu(Vec<LinkView>),
    /// The same page in each year's report; nothing when there is one year.
    YearSwitch(Vec<YearLinkView>),
    /// The way from the home page to this one (`title`); nothing on the home page.
    Breadcrumbs {
        crumbs: Vec<LinkView>,
        title: String,
    },
    /// The pages before and after this one in reading order.
    Pager {
        previous: Option<LinkView>,
        next: Option<LinkView>,
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
            | Part::StatusChart { .. } => Activity::Charts,
            Part::Navigation(_) => Activity::Navigation,
            Part::ProjectSection { .. } => Activity::Views,
        }
    }

    /// What the part is, in the current language, for a theme author told where it went
    /// wrong.
    pub fn describe(&self) -> String {
        match self {
            Part::IndicatorTable(_) => m!("theme.part.indicator-table"),
            Part::VerificationTable(_) => m!("theme.part.verification-table"),
            Part::SeriesChart(_) => m!("theme.part.series-chart"),
            Part::BudgetTable(_) => m!("theme.part.budget-table"),
            Part::KpiTable(_) => m!("theme.part.kpi-table"),
            Part::BudgetChart(_) => m!("theme.part.budget-chart"),
            Part::KpiChart { .. } => m!("theme.part.kpi-chart"),
            Part::StatusChart { .. } => m!("theme.part.status-chart"),
            Part::Navigation(Navigation::Menu(_)) => m!("theme.part.menu"),
            Part::Navigation(Navigation::YearSwitch(_)) => m!("theme.part.year-switch"),
            Part::Navigation(Navigation::Breadcrumbs { .. }) => m!("theme.part.breadcrumbs"),
            Part::Navigation(Navigation::Pager { .. }) => m!("theme.part.pager"),
            Part::ProjectSection { .. } => m!("theme.part.project-section"),
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
}
