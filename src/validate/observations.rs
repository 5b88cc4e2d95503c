//! A year's observations: its actuals, missing reasons and revisions, each key resolved
//! to the series it stands for, and every series checked to have one or the other.

use super::indicators::resolve;
use crate::diag::Diagnostics;
use crate::load::Loaded;
use crate::model::*;
use crate::source::ResultSource;
use crate::yaml::key;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The indicators references resolve against; `complete` is false when an indicator
/// file could not be read, and then unknown ids are not reported a second time.
pub(super) struct Known<'a> {
    pub indicators: &'a [Arc<Indicator>],
    pub ids: &'a super::indicators::IdIndex<'a>,
    pub complete: bool,
    /// Ids suggested for a mistyped reference: their own "no actual" is not reported too.
    pub suggested: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

impl Known<'_> {
    pub fn report(&self, unknown_indicator: bool) -> bool {
        self.complete || !unknown_indicator
    }
}

/// Every series of every indicator numbered in order, so that a year's observations are
/// gathered in a plain table before they become a map.
pub(super) struct AllSeries {
    /// Where each indicator's series start; one more entry for the end.
    starts: Vec<usize>,
}

impl AllSeries {
    pub fn new(indicators: &[Arc<Indicator>]) -> AllSeries {
        let mut starts = Vec::with_capacity(indicators.len() + 1);
        let mut next = 0;
        starts.push(next);
        for ind in indicators {
            next += ind.series.len();
            starts.push(next);
        }
        AllSeries { starts }
    }

    fn number(&self, r: SeriesRef) -> usize {
        self.starts[r.indicator] + r.series
    }

    fn table(&self) -> Vec<Option<Observation>> {
        std::iter::repeat_with(|| None)
            .take(self.starts.last().copied().unwrap_or(0))
            .collect()
    }
}

/// The series an `id` or `id.series` key stands for, with errors for bad references.
fn targets<T>(
    f: &Loaded<T>,
    section: &str,
    reference: &str,
    known: &Known,
    whole_ok: bool,
    diags: &mut Diagnostics,
) -> impl Iterator<Item = SeriesRef> {
    let path = || [key(section), key(reference)];
    let indicators = known.indicators;
    let (indicator, series) = match resolve(indicators, known.ids, reference) {
        Err(e) => {
            if let Some(name) = &e.suggestion {
                known.suggested.borrow_mut().insert(name.clone());
            }
            if known.report(e.unknown) {
                diags.push(
                    f.error_at(&path(), e.message.clone())
                        .expected(m!("validate.expected-indicator-id"))
                        .help_opt(e.help()),
                );
            }
            (0, 0..0)
        }
        Ok((i, Some(s))) => (i, s..s + 1),
        Ok((i, None)) => {
            let ind = &indicators[i];
            if ind.compound && !whole_ok {
                let names: Vec<String> = ind
                    .series
                    .iter()
                    .filter_map(|s| s.id.as_ref())
                    .map(|s| format!("{}.{s}", ind.id))
                    .collect();
                // Its series now lack values too; that is this same mistake.
                known.suggested.borrow_mut().extend(names.iter().cloned());
                diags.push(
                    f.error_at(&path(), m!("validate.compound-needs-series", id = ind.id))
                        .expected(crate::messages::list(&names)),
                );
                (i, 0..0)
            } else {
                (i, 0..ind.series.len())
            }
        }
    };
    series.map(move |series| SeriesRef { indicator, series })
}

pub(super) fn observations(
    f: &Loaded<ResultSource>,
    known: &Known,
    all_series: &AllSeries,
    diags: &mut Diagnostics,
) -> BTreeMap<SeriesRef, Observation> {
    let v = &f.value;
    let indicators = known.indicators;
    let mut out = all_series.table();
    for (reference, value) in &v.actuals {
        for r in targets(f, "actuals", reference, known, false, diags) {
            if let Some(m) = &indicators[r.indicator].milestone {
                // Its "no actual" is this same mistake.
                known.suggested.borrow_mut().insert(reference.clone());
                diags.push(
                    f.error_at(
                        &[key("actuals"), key(reference)],
                        m!(
                            "validate.milestone-not-number",
                            reference = reference,
                            milestone = m
                        ),
                    )
                    .expected(m!(
                        "validate.expected-milestone-value",
                        reference = reference
                    )),
                );
                continue;
            }
            out[all_series.number(r)] = Some(Observation::Measured {
                value: *value,
                revision: None,
            });
        }
    }
    for (reference, achieved) in &v.milestones {
        for r in targets(f, "milestones", reference, known, false, diags) {
            if indicators[r.indicator].milestone.is_none() {
                diags.push(
                    f.error_at(
                        &[key("milestones"), key(reference)],
                        m!("validate.not-a-milestone", reference = reference),
                    )
                    .expected(m!("validate.expected-actual-or-milestone")),
                );
                continue;
            }
            out[all_series.number(r)] = Some(Observation::Measured {
                value: crate::quantity::Quantity::integer(i64::from(*achieved)),
                revision: None,
            });
        }
    }
    for (reference, reason) in &v.missing {
        if reason.trim().is_empty() || reason.trim() == "~" {
            diags.push(
                f.error_at(
                    &[key("missing"), key(reference)],
                    m!("validate.missing-without-reason", reference = reference),
                )
                .expected(m!("validate.expected-missing-reason")),
            );
        }
        for r in targets(f, "missing", reference, known, true, diags) {
            let slot = &mut out[all_series.number(r)];
            if slot.is_some() {
                diags.push(
                    f.error_at(
                        &[key("missing"), key(reference)],
                        m!("validate.actual-and-missing", reference = reference),
                    )
                    .expected(m!("validate.expected-actual-or-reason")),
                );
            }
            *slot = Some(Observation::Missing {
                reason: reason.trim().to_string(),
            });
        }
    }
    for (reference, revision) in &v.revised {
        let mut reported = false;
        for r in targets(f, "revised", reference, known, true, diags) {
            match &mut out[all_series.number(r)] {
                Some(Observation::Measured { revision: slot, .. }) => {
                    *slot = Some(Revision {
                        note: revision.note.trim().to_string(),
                        previous: revision.previous,
                    });
                }
                _ if reported => {}
                _ => {
                    reported = true; // once for the reference, not once per series
                    diags.push(
                        f.error_at(
                            &[key("revised"), key(reference)],
                            m!("validate.revised-without-actual", reference = reference),
                        )
                        .expected(m!("validate.expected-actual-for", reference = reference)),
                    );
                }
            }
        }
    }
    for (i, ind) in indicators.iter().enumerate() {
        for (s, series) in ind.series.iter().enumerate() {
            let r = SeriesRef {
                indicator: i,
                series: s,
            };
            if out[all_series.number(r)].is_none() {
                let name = match &series.id {
                    Some(id) => format!("{}.{id}", ind.id),
                    None => ind.id.clone(),
                };
                let suggested = known.suggested.borrow();
                let malformed = super::check_id(&ind.id).is_err()
                    || ind.series.iter().filter(|x| x.id == series.id).count() > 1;
                if malformed || suggested.contains(&name) || suggested.contains(&ind.id) {
                    continue; // the mistyped key that meant it is reported already
                }
                let (section, value) = match ind.milestone {
                    Some(_) => ("milestones", "true|false".to_string()),
                    None => ("actuals", m!("validate.value-placeholder")),
                };
                diags.push(
                    f.error_at(
                        &[key(section)],
                        m!("validate.no-actual", name = name, year = v.year.label()),
                    )
                    .expected(m!(
                        "validate.expected-actual-or-missing",
                        name = name,
                        value = value,
                        section = section
                    )),
                );
            }
        }
    }
    // In series order already, so the map is built in one pass, without searching.
    let refs = indicators.iter().enumerate().flat_map(|(i, ind)| {
        (0..ind.series.len()).map(move |s| SeriesRef {
            indicator: i,
            series: s,
        })
    });
    refs.zip(out).filter_map(|(r, o)| Some((r, o?))).collect()
}
