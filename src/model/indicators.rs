//! Indicators, their series and targets, and what each evaluation year recorded for them.

use super::Period;
use crate::fiscal_year::FiscalYear;
use crate::format::Scale;
use crate::quantity::Quantity;
use crate::source::Direction;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// An indicator (数値目標, KPI) with one series, or several for a compound indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub id: String,
    /// The goal it hangs on: its place in `Goals::list`.
    pub goal: usize,
    /// Its kind's label: 数値目標, KPI.
    pub kind: String,
    pub name: String,
    pub variants: Vec<Variant>,
    /// 所管課.
    pub department: Option<String>,
    pub series: Vec<Series>,
    /// Written with `series:`: values are shown per series.
    pub compound: bool,
    /// 累計: actuals and targets are running totals.
    pub cumulative: bool,
    /// A target that is not a number: what achieving it is called (開設). Its series
    /// hold 0 (not yet) and 1 (achieved).
    pub milestone: Option<String>,
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
    /// The year of the baseline (当初値の年度).
    pub baseline_year: FiscalYear,
    pub target: Quantity,
    /// The year of the target (目標年度).
    pub target_year: FiscalYear,
    /// 年度目標値: a target for each fiscal year.
    pub targets: BTreeMap<FiscalYear, Quantity>,
}

impl Series {
    /// The years from the baseline to the target: the span progress is paced over.
    pub fn span(&self) -> Period {
        Period {
            from: self.baseline_year,
            to: self.target_year,
        }
    }

    /// The target a year is held to: its own, or the final one from the target year on.
    pub fn target_in(&self, year: FiscalYear) -> Option<Quantity> {
        self.targets
            .get(&year)
            .copied()
            .or((year >= self.target_year).then_some(self.target))
    }
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

/// One evaluation year: its actuals, commentary, verification and external opinions.
#[derive(Clone, Debug, PartialEq)]
pub struct YearResult {
    pub year: FiscalYear,
    pub commentary: Option<String>,
    pub observations: BTreeMap<SeriesRef, Observation>,
    pub verification: Vec<Verification>,
    /// 外部評価: the external committee's opinions on goals.
    pub external: Option<External>,
    /// `result.yaml`, relative to the content folder (photos in the commentary resolve here).
    pub source: PathBuf,
}

/// 数値目標の検証: analysis and next steps shared by one or more rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Verification {
    pub rows: Vec<VerificationRow>,
    pub analysis: Arc<str>,
    pub next_steps: Arc<str>,
    /// The verification file, relative to the content folder.
    pub source: PathBuf,
}

/// A whole indicator, or one series of it on a row of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerificationRow {
    pub indicator: usize,
    pub series: Option<usize>,
    /// The scale the row's figures are printed in (736万人).
    pub scale: Option<Scale>,
}

/// The external committee's opinions of one year (外部評価).
#[derive(Clone, Debug, PartialEq)]
pub struct External {
    pub committee: Option<String>,
    /// (goal, opinion), in the file's order.
    pub opinions: Vec<(usize, String)>,
    pub source: PathBuf,
}
