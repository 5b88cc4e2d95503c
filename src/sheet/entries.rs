//! What one row of the sheet says for the year: its actual or the reason it is missing,
//! the verification texts, a revision's note. Export takes them from the content to
//! prefill the cells; import reads them from the cells and compares them with the
//! content's.

use super::layout::Row;
use crate::fiscal_year::FiscalYear;
use crate::format::Scale;
use crate::model::{Observation, Report, SeriesRef, YearResult};
use crate::quantity::Quantity;

/// One row's values for a year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    /// The actual; a milestone's is 1 (achieved) or 0.
    pub actual: Option<Quantity>,
    /// Why there is no actual.
    pub missing: Option<String>,
    /// 課題と原因分析, without its final line break.
    pub analysis: Option<String>,
    /// 今後の対応.
    pub next_steps: Option<String>,
    /// Why a published actual was corrected.
    pub revision: Option<String>,
    /// The value before the correction, when the content says it (not in the sheet).
    pub previous: Option<Quantity>,
    /// The scale the verification table prints the row in (a hidden column).
    pub scale: Option<Scale>,
    /// The content's verification entry the texts come from (for 「同上」 on export).
    pub group: Option<usize>,
}

impl Entry {
    /// Nothing at all.
    pub fn is_blank(&self) -> bool {
        self.actual.is_none()
            && self.missing.is_none()
            && self.analysis.is_none()
            && self.next_steps.is_none()
            && self.revision.is_none()
    }
}

/// A text as a cell holds it: no line break at its end.
pub fn cell_text(text: &str) -> Option<String> {
    let t = text.trim_end_matches(['\n', '\r']);
    (!t.trim().is_empty()).then(|| t.to_string())
}

/// The year's result, if the content has it.
pub fn year_result(report: &Report, year: FiscalYear) -> Option<&YearResult> {
    report.years.iter().find(|y| y.year == year).map(|y| &**y)
}

/// Each row's entry as the content has it for `year` (all blank for a year it has not).
pub fn from_content(report: &Report, rows: &[Row], year: FiscalYear) -> Vec<Entry> {
    let Some(result) = year_result(report, year) else {
        return vec![Entry::default(); rows.len()];
    };
    rows.iter()
        .map(|row| {
            let mut e = Entry::default();
            match result.observations.get(&row.at) {
                Some(Observation::Measured { value, revision }) => {
                    e.actual = Some(*value);
                    if let Some(r) = revision {
                        e.revision = cell_text(&r.note);
                        e.previous = r.previous;
                    }
                }
                Some(Observation::Missing { reason }) => e.missing = cell_text(reason),
                None => {}
            }
            if let Some((group, analysis, next_steps, scale)) = verification_of(result, row.at) {
                e.analysis = cell_text(analysis);
                e.next_steps = cell_text(next_steps);
                e.scale = scale;
                e.group = Some(group);
            }
            e
        })
        .collect()
}

/// The verification entry covering a series: its place, texts and the row's scale.
fn verification_of(
    result: &YearResult,
    at: SeriesRef,
) -> Option<(usize, &str, &str, Option<Scale>)> {
    result.verification.iter().enumerate().find_map(|(i, v)| {
        v.rows
            .iter()
            .find(|r| r.indicator == at.indicator && r.series.is_none_or(|s| s == at.series))
            .map(|r| (i, &*v.analysis, &*v.next_steps, r.scale))
    })
}

/// The scale a row was last printed in, in `year` or the latest year before it.
pub fn last_scale(report: &Report, at: SeriesRef, year: FiscalYear) -> Option<Scale> {
    report
        .years
        .iter()
        .rev()
        .filter(|y| y.year <= year)
        .find_map(|y| verification_of(y, at))
        .and_then(|(_, _, _, scale)| scale)
}
