//! The model: plain typed structs for a plan and its results, checked and cross-linked.

use crate::fiscal_year::FiscalYear;
pub use crate::source::Direction;
use std::sync::Arc;

mod goals;
mod grants;
mod indicators;
mod rating;
pub use goals::*;
pub use grants::*;
pub use indicators::*;
pub use rating::*;

/// Everything a content folder says, after validation.
///
/// The large parts are shared (`Arc`), so that a report made after an edit to one file
/// shares everything else with the one before, and a clone is cheap.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub config: Config,
    pub plan: Plan,
    /// The tree of goals and its levels.
    pub goals: Goals,
    /// In the goals' reading order, then by file name.
    pub indicators: Vec<Arc<Indicator>>,
    /// Evaluation years, oldest first. Each gets its own report.
    pub years: Vec<Arc<YearResult>>,
    pub grants: Vec<Arc<Grant>>,
    pub donations: Vec<DonationYear>,
    /// Every fixed word the report is written with.
    pub vocabulary: Arc<crate::vocabulary::Vocabulary>,
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
    /// The rule that rates each actual.
    pub rating: Rating,
    /// How fiscal year 2019 is printed.
    pub era_fy2019: crate::source::FiscalYearEra,
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

    /// The span an indicator is paced over when it names no years of its own: from the
    /// year before the plan (the baseline's) to the plan's last year.
    pub fn default_span(self) -> Period {
        Period {
            from: FiscalYear::new(self.from.western().saturating_sub(1)),
            to: self.to,
        }
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
    /// The cover's subtitle, when the content gives one.
    pub subtitle: Option<String>,
    pub overview: String,
    pub perspective: Option<Perspective>,
    pub glossary: Vec<Term>,
    pub donation_programme: Option<DonationProgramme>,
    /// `plan.yaml`, relative to the content folder (photos in its texts resolve here).
    pub source: std::path::PathBuf,
}

impl Plan {
    pub fn term(&self, term: &str) -> Option<&Term> {
        self.glossary.iter().find(|t| t.term == term)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Perspective {
    pub name: String,
    /// Printed after the plan's title where the full report introduces the perspective.
    pub heading_note: Option<String>,
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
