//! The model: plain typed structs for a plan and its results, checked and cross-linked.

use crate::fiscal_year::FiscalYear;
use crate::format::Scale;
use crate::quantity::Quantity;
pub use crate::source::Direction;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything a content folder says, after validation.
///
/// The large parts are shared (`Arc`), so that a report made after an edit to one file
/// shares everything else with the one before, and a clone is cheap.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub config: Config,
    pub plan: Plan,
    pub strategies: Vec<Strategy>,
    pub indicators: Vec<Arc<Indicator>>,
    /// Evaluation years, oldest first. Each gets its own report.
    pub years: Vec<Arc<YearResult>>,
    pub grants: Vec<Arc<Grant>>,
    pub donations: Vec<DonationYear>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub city: String,
    pub prefecture: Option<String>,
    /// 全国地方公共団体コード, six digits.
    pub city_code: String,
    pub licence: Option<String>,
    pub issued: Option<String>,
    /// The published address of the site, ending in `/`.
    pub base_url: Option<String>,
    /// Raw HTML in Markdown is kept (sanitized) rather than shown as text.
    pub trusted_html: bool,
    /// The full report draws trend charts only up to this many series; above it, it
    /// points to the strategy pages, where every chart is.
    pub full_report_charts: usize,
    /// The largest photo or attachment published, in bytes (`max_file_mb:`, default 20 MB).
    pub max_file_bytes: u64,
    /// On track when progress ≥ pace × (years elapsed / plan years).
    pub on_track_pace: f64,
}

/// A span of fiscal years, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: FiscalYear,
    pub to: FiscalYear,
}

impl Period {
    pub fn contains(self, year: FiscalYear) -> bool {
        self.from <= year && year <= self.to
    }

    pub fn years(self) -> impl Iterator<Item = FiscalYear> {
        self.from.through(self.to)
    }

    pub fn len(self) -> usize {
        self.years().count()
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// `令和元年度～令和5年度`.
    pub fn label(self) -> String {
        format!("{}～{}", self.from.label(), self.to.label())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub title: String,
    pub short_title: String,
    pub period: Period,
    pub overview: String,
    pub perspective: Perspective,
    pub glossary: Vec<Term>,
    pub donation_programme: Option<DonationProgramme>,
}

impl Plan {
    pub fn term(&self, term: &str) -> Option<&Term> {
        self.glossary.iter().find(|t| t.term == term)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Perspective {
    pub name: String,
    pub basic_idea: String,
    pub purposes: Vec<Purpose>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Purpose {
    pub title: String,
    pub items: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub term: String,
    pub definition: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DonationProgramme {
    pub scheme: String,
    pub target: String,
    pub overview: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Strategy {
    pub number: u32,
    pub name: String,
    pub aim: String,
}

/// A numeric target (数値目標) with one series, or several for a compound indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub strategy: u32,
    pub name: String,
    pub variants: Vec<Variant>,
    pub series: Vec<Series>,
    /// Written with `series:`: values are shown per series.
    pub compound: bool,
    pub source: PathBuf,
}

/// Another wording of an indicator's name found in the source documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub text: String,
    pub note: Option<String>,
    pub year: Option<FiscalYear>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The series id within its indicator (`None` for a simple indicator).
    pub id: Option<String>,
    /// Printed before values: `小学校`.
    pub label: Option<String>,
    /// The series' own name, or the indicator's.
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub baseline: Quantity,
    pub target: Quantity,
}

/// A series of an indicator, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeriesRef {
    pub indicator: usize,
    pub series: usize,
}

/// What was recorded for one series in one fiscal year.
#[derive(Clone, Debug, PartialEq)]
pub enum Observation {
    Measured {
        value: Quantity,
        revision: Option<Revision>,
    },
    Missing {
        reason: String,
    },
}

impl Observation {
    pub fn value(&self) -> Option<Quantity> {
        match self {
            Observation::Measured { value, .. } => Some(*value),
            Observation::Missing { .. } => None,
        }
    }

    /// Measured, and corrected after it was first published.
    pub fn is_revised(&self) -> bool {
        matches!(
            self,
            Observation::Measured {
                revision: Some(_),
                ..
            }
        )
    }
}

/// A value corrected after it was first published.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub note: String,
    pub previous: Option<Quantity>,
}

/// One evaluation year: its actuals, commentary and verification.
#[derive(Clone, Debug, PartialEq)]
pub struct YearResult {
    pub year: FiscalYear,
    pub commentary: Option<String>,
    pub observations: BTreeMap<SeriesRef, Observation>,
    pub verification: Vec<Verification>,
}

/// 数値目標の検証: analysis and next steps shared by one or more rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Verification {
    pub rows: Vec<VerificationRow>,
    pub scale: Option<Scale>,
    pub analysis: Arc<str>,
    pub next_steps: Arc<str>,
}

/// A whole indicator, or one series of it on a row of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerificationRow {
    pub indicator: usize,
    pub series: Option<usize>,
}

/// A grant programme (地方創生推進交付金) with its budget, KPIs and projects.
#[derive(Clone, Debug, PartialEq)]
pub struct Grant {
    pub number: u32,
    pub slug: String,
    pub scheme: String,
    pub title: String,
    pub period: Period,
    pub overview: String,
    pub budget: BTreeMap<FiscalYear, Budget>,
    pub kpis: Vec<Kpi>,
    pub projects: Vec<Project>,
}

impl Grant {
    /// The programme's short name, its scheme and circled number: `地方創生推進交付金①`.
    pub fn heading(&self) -> String {
        format!("{}{}", self.scheme, crate::format::circled(self.number))
    }

    /// The full name: `地方創生推進交付金①「…」`.
    pub fn full_name(&self) -> String {
        format!("{}「{}」", self.heading(), self.title)
    }

    /// The projects a report of `year` shows (those of that year and earlier), with their
    /// places in `projects`.
    pub fn projects_in(&self, year: FiscalYear) -> impl Iterator<Item = (usize, &Project)> {
        self.projects
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.year <= year)
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    /// 総事業費, yen.
    pub total_cost: Quantity,
    /// 交付金額, yen.
    pub grant: Quantity,
}

/// A key performance indicator: a level before the programme, then yearly increments.
#[derive(Clone, Debug, PartialEq)]
pub struct Kpi {
    pub name: String,
    pub unit: String,
    pub before: Quantity,
    pub targets: BTreeMap<FiscalYear, Quantity>,
    pub actuals: BTreeMap<FiscalYear, Quantity>,
}

/// A project (事業) under a grant programme, reporting one fiscal year.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub slug: String,
    pub title: String,
    pub title_supplied: bool,
    pub year: FiscalYear,
    pub sections: Arc<[Section]>,
    /// The Markdown file, relative to the content folder (images resolve from here).
    pub source: PathBuf,
}

/// A headed section of Markdown.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: String,
    pub body: String,
}

/// 企業版ふるさと納税 donations received in one fiscal year.
#[derive(Clone, Debug, PartialEq)]
pub struct DonationYear {
    pub year: FiscalYear,
    pub donations: Vec<Donation>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Donation {
    pub project: String,
    pub purpose: String,
    /// 事業費, thousand yen.
    pub project_cost: Quantity,
    /// 寄附額, thousand yen.
    pub amount: Quantity,
}
