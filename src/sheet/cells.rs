//! One row of a returned sheet read into its entry: the value cell as a number (or
//! 達成/未達成), the texts (「同上」 taken from the row above), the hidden columns, then
//! the rules a row must keep. A cell already reported (a formula, a value that is not a
//! number) is not reported again through a rule it breaks.

use super::entries::Entry;
use super::grid::Grid;
use super::labels;
use super::messages as m;
use super::number::{self, Expect};
use super::place::Place;
use super::returned::{Columns, Expected, Listed};
use crate::format::Scale;
use crate::quantity::Quantity;
use std::collections::HashSet;

/// The texts of the row above, for 「同上」.
pub type Above = Option<(Option<String>, Option<String>)>;

/// Reads row `r` of `grid`, the content's row `index`.
#[allow(clippy::too_many_arguments)]
pub fn entry(
    grid: &Grid,
    sheet: &Place,
    r: u32,
    cols: Columns,
    index: usize,
    expected: &Expected,
    above: &mut Above,
    listed: &mut Listed,
) -> Entry {
    let row = &expected.rows[index];
    let at = |c: u32| sheet.at(r, c);
    // Columns whose cell is reported already (a formula).
    let mut failed: HashSet<u32> = grid
        .formulas
        .iter()
        .filter(|((fr, _), _)| *fr == r)
        .map(|((_, c), _)| *c)
        .collect();
    let mut e = Entry::default();
    let cell = grid.get(r, cols.actual);
    if !failed.contains(&cols.actual) {
        let read = if row.milestone {
            number::read_milestone(cell).map(|v| v.map(|b| Quantity::integer(i64::from(b))))
        } else {
            let series = &expected.report.indicators[row.at.indicator].series[row.at.series];
            number::read(
                cell,
                Expect {
                    unit: &row.unit,
                    fraction_likely: number::fraction_likely(
                        &row.unit,
                        series.baseline,
                        series.target,
                    ),
                    shown_decimals: super::entries::decimals(
                        expected.report,
                        row.at,
                        expected.year,
                        expected.existing[index].actual,
                    ),
                },
            )
        };
        match read {
            Ok(v) => e.actual = v,
            Err(msg) => {
                failed.insert(cols.actual);
                listed.push("value", m::at(&at(cols.actual), &msg));
            }
        }
    }
    let mut text = |c: u32, failed: &mut HashSet<u32>| -> Option<String> {
        if failed.contains(&c) {
            return None;
        }
        let t = grid.get(r, c).text()?;
        if let Some(bad) = t
            .chars()
            .find(|ch| crate::load::controls::is_forbidden(*ch))
        {
            failed.insert(c);
            listed.push("text", m::control_character(&at(c), bad));
            return None;
        }
        Some(t)
    };
    e.missing = text(cols.missing, &mut failed).filter(|t| t != labels::NONE);
    e.revision = text(cols.revision, &mut failed).filter(|t| t != labels::NONE);
    let mut analysis = text(cols.analysis, &mut failed);
    let mut next_steps = text(cols.next_steps, &mut failed);
    let scale = text(cols.scale, &mut failed);
    let group = text(cols.group, &mut failed);
    if e.missing.as_deref() == Some("~") {
        // YAML's word for nothing: no reason.
        listed.push("text", m::not_a_reason(&at(cols.missing), "~"));
        failed.insert(cols.missing);
        e.missing = None;
    }
    let previous = above.take().unwrap_or_default();
    for (value, col, before) in [
        (&mut analysis, cols.analysis, previous.0),
        (&mut next_steps, cols.next_steps, previous.1),
    ] {
        if value
            .as_deref()
            .is_some_and(|t| labels::SAME_AS_ABOVE.contains(&t))
        {
            if before.is_none() {
                failed.insert(col);
                listed.push("rule", m::same_as_nothing(&at(col)));
            }
            *value = before;
            e.joined = true;
        }
    }
    *above = Some((analysis.clone(), next_steps.clone()));
    e.analysis = analysis;
    e.next_steps = next_steps;
    e.scale = match scale.as_deref() {
        None => None,
        Some("万") => Some(Scale::Man),
        Some("億") => Some(Scale::Oku),
        Some(other) => {
            listed.push("text", m::bad_scale(&at(cols.scale), other));
            None
        }
    };
    e.group = match group.as_deref().map(str::parse::<usize>) {
        None => None,
        Some(Ok(n)) if n > 0 => Some(n - 1),
        Some(_) => {
            listed.push(
                "text",
                m::bad_group(&at(cols.group), group.as_deref().unwrap_or("")),
            );
            None
        }
    };
    rules(&e, &row.key, &failed, cols, &at, listed);
    e
}

/// The rules of a row: an actual or a reason (not both), a note on a correction only
/// with an actual, both verification texts or neither.
fn rules(
    e: &Entry,
    key: &str,
    failed: &HashSet<u32>,
    cols: Columns,
    at: &dyn Fn(u32) -> Place,
    listed: &mut Listed,
) {
    let value_known = !failed.contains(&cols.actual) && !failed.contains(&cols.missing);
    match (e.actual.is_some(), e.missing.is_some()) {
        (true, true) => listed.push("rule", m::both_actual_and_reason(&at(cols.actual), key)),
        (false, false) if value_known => {
            listed.push("rule", m::neither_actual_nor_reason(&at(cols.actual), key))
        }
        _ => {}
    }
    if e.revision.is_some() && e.actual.is_none() && value_known {
        listed.push("rule", m::revision_without_actual(&at(cols.revision)));
    }
    if e.analysis.is_some() != e.next_steps.is_some() {
        let (col, missing) = if e.analysis.is_some() {
            (cols.next_steps, labels::NEXT_STEPS)
        } else {
            (cols.analysis, labels::ANALYSIS)
        };
        if !failed.contains(&col) {
            listed.push("rule", m::half_verification(&at(col), missing));
        }
    }
}
