//! What one row of the sheet says for the year: its actual or the reason it is missing,
//! the verification texts, a revision's note. Export takes them from the content to
//! prefill the cells; import reads them from the cells and compares them with the
//! content's.

use super::grid::cell_text;
use super::layout::Row;
use crate::fiscal_year::FiscalYear;
use crate::format::Scale;
use crate::model::{Report, SeriesRef, YearResult};
use crate::quantity::Quantity;
use crate::source::{ResultSource, ScaleSource, VerificationSource};
use std::collections::HashMap;

/// One row's values for a year. Its texts are as a cell holds them (`grid::cell_text`),
/// whether read from a cell or from the content, so that the two compare.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    /// The actual; a milestone's is 1 (achieved) or 0.
    pub actual: Option<Quantity>,
    /// Why there is no actual.
    pub missing: Option<String>,
    /// 課題と原因分析.
    pub analysis: Option<String>,
    /// 今後の対応.
    pub next_steps: Option<String>,
    /// Why a published actual was corrected.
    pub revision: Option<String>,
    /// The value before the correction, when the content says it (not in the sheet).
    pub previous: Option<Quantity>,
    /// The scale the verification table prints the row in (a hidden column).
    pub scale: Option<Scale>,
    /// The year's verification entry the texts come from (its place among the year's
    /// entries): written in a hidden column, so that rows of one entry come back as one
    /// and rows of separate entries stay apart even when their texts are the same.
    pub group: Option<usize>,
    /// The texts were given as 「同上」: the row joins the one above whatever its group.
    pub joined: bool,
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

/// Each row's entry as the year's files say it, read as written (the year need not pass
/// the content's check: it may be half done). Keys that name no row are left out: the
/// new files replace them.
pub fn from_sources(
    report: &Report,
    rows: &[Row],
    result: Option<&ResultSource>,
    verification: &[&VerificationSource],
) -> Vec<Entry> {
    let mut out = vec![Entry::default(); rows.len()];
    let Some(result) = result else {
        return out;
    };
    // The rows a key stands for: one series, or every series of an indicator.
    let mut keys: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        keys.entry(r.key.as_str()).or_default().push(i);
        let id = report.indicators[r.at.indicator].id.as_str();
        if id != r.key {
            keys.entry(id).or_default().push(i);
        }
    }
    let rows_of = |key: &str| -> Vec<usize> { keys.get(key).cloned().unwrap_or_default() };
    for (key, value) in &result.actuals {
        for i in rows_of(key) {
            out[i].actual = Some(*value);
        }
    }
    for (key, achieved) in &result.milestones {
        for i in rows_of(key) {
            out[i].actual = Some(Quantity::integer(i64::from(*achieved)));
        }
    }
    for (key, reason) in &result.missing {
        for i in rows_of(key) {
            out[i].missing = cell_text(reason);
        }
    }
    for (key, revision) in &result.revised {
        for i in rows_of(key) {
            out[i].revision = cell_text(&revision.note);
            out[i].previous = revision.previous;
        }
    }
    let entries = verification.iter().flat_map(|v| v.entries.iter());
    for (group, entry) in entries.enumerate() {
        for key in &entry.indicators {
            let scale = match &entry.scale {
                None => None,
                Some(ScaleSource::All(s)) => Some(*s),
                Some(ScaleSource::Each(map)) => map.get(key).copied(),
            };
            for i in rows_of(key) {
                let e = &mut out[i];
                e.analysis = cell_text(&entry.analysis);
                e.next_steps = cell_text(&entry.next_steps);
                e.scale = scale;
                e.group = Some(group);
            }
        }
    }
    out
}

/// The scale a row was last printed in: in the latest year up to `year` whose
/// verification has the row.
pub fn last_scale(report: &Report, at: SeriesRef, year: FiscalYear) -> Option<Scale> {
    let row_in = |y: &YearResult| {
        y.verification.iter().find_map(|v| {
            v.rows
                .iter()
                .find(|r| r.indicator == at.indicator && r.series.is_none_or(|s| s == at.series))
                .map(|r| r.scale)
        })
    };
    report
        .years
        .iter()
        .rev()
        .filter(|y| y.year <= year)
        .find_map(|y| row_in(y))
        .flatten()
}

/// The decimals a row's value cell shows: those of the year's actual where there is one
/// (`existing`), else the most of the series' baseline, target and earlier actuals.
pub fn decimals(
    report: &Report,
    at: SeriesRef,
    year: FiscalYear,
    existing: Option<Quantity>,
) -> u8 {
    if let Some(q) = existing {
        return q.scale();
    }
    let series = &report.indicators[at.indicator].series[at.series];
    let earlier = report
        .years
        .iter()
        .filter(|y| y.year < year)
        .filter_map(|y| y.observations.get(&at)?.value());
    [series.baseline, series.target]
        .into_iter()
        .chain(earlier)
        .map(Quantity::scale)
        .max()
        .unwrap_or(0)
}
