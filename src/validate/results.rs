//! Validation of fiscal-year results: each year as a whole, and its verification; its
//! actuals are read by `observations`.

use super::indicators::resolve;
use super::observations::{observations, AllSeries, Known};
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::Scale;
use crate::load::{Loaded, ResultFolder, Sources};
use crate::model::*;
use crate::source::{ExternalSource, ResultSource, ScaleSource, VerificationSource};
use crate::yaml::{key, Seg};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

pub(super) fn years(
    sources: &Sources,
    indicators: &[Arc<Indicator>],
    goals: &Goals,
    period: Option<Period>,
    diags: &mut Diagnostics,
) -> Vec<YearResult> {
    let mut out: Vec<YearResult> = Vec::new();
    let mut seen: Vec<(crate::fiscal_year::FiscalYear, String)> = Vec::new();
    // Each year's references are checked in parallel: they depend only on the indicators.
    let check = YearCheck::new(sources, indicators);
    let checked: Vec<Option<YearChecked>> = sources
        .results
        .par_iter()
        .map(|folder| Some(check.run(folder, folder.result.as_ref()?)))
        .collect();
    for (folder, checked) in sources.results.iter().zip(checked) {
        let (Some(f), Some((observations, verification, year_diags))) = (&folder.result, checked)
        else {
            let result_broken = sources
                .broken
                .iter()
                .any(|b| b.starts_with(&format!("results/{}/result.", folder.folder)));
            if !folder.verification.is_empty() && !result_broken {
                diags.push(
                    Diagnostic::error(
                        format!("results/{}", folder.folder),
                        m!("validate.verification-without-result"),
                    )
                    .expected(m!("validate.expected-result-yaml")),
                );
            }
            continue;
        };
        let year = f.value.year;
        if let Ok(named) = crate::fiscal_year::FiscalYear::parse(&folder.folder) {
            if named != year {
                diags.push(
                    f.error_at(
                        &[key("year")],
                        m!(
                            "validate.results-year-mismatch",
                            folder = folder.folder,
                            year = year.label()
                        ),
                    )
                    .expected(m!(
                        "validate.expected-results-year",
                        named = named.short(),
                        year = year.short()
                    )),
                );
            }
        }
        if let Some(p) = period {
            if !p.contains(year) {
                diags.push(
                    f.error_at(
                        &[key("year")],
                        m!("validate.outside-plan", year = year.label()),
                    )
                    .expected(m!(
                        "validate.expected-year-in-plan",
                        from = p.from.short(),
                        to = p.to.short()
                    )),
                );
            }
        }
        if let Some((_, other)) = seen.iter().find(|(y, _)| *y == year) {
            diags.push(
                f.error_at(
                    &[key("year")],
                    m!(
                        "validate.results-twice",
                        year = year.label(),
                        other = other,
                        folder = folder.folder
                    ),
                )
                .expected(m!("validate.expected-one-results-folder")),
            );
            continue;
        }
        seen.push((year, folder.folder.clone()));
        diags.extend(year_diags);
        out.push(YearResult {
            year,
            commentary: f.value.commentary.clone(),
            observations,
            verification,
            external: folder.external.as_ref().map(|e| external(e, goals, diags)),
            source: f.source.path.clone(),
        });
    }
    out.sort_by_key(|y| y.year);
    out
}

/// The year of an edited result folder (`was` before the edit, `folder` after), checked
/// alone for a report that had no errors: `None` when the whole content must be
/// validated again.
///
/// The checks of a year as a whole (its folder's name, the plan's period, a year in two
/// folders) depend only on its `year:`; its references are checked against the
/// indicators alone; and no other file is checked against a result folder. So when the
/// year stays the same and its references bring no problem, every other check, and the
/// rest of the report, stay as they were. Its observations depend only on `result.yaml`
/// and its verification only on the `verification*.yaml` files: a part whose files are
/// the same as before is taken over from `before`.
pub fn edited_year(
    sources: &Sources,
    indicators: &[Arc<Indicator>],
    goals: &Goals,
    was: &ResultFolder,
    folder: &ResultFolder,
    before: &YearResult,
) -> Option<YearResult> {
    let f = folder.result.as_ref()?;
    if f.value.year != before.year {
        return None;
    }
    let same = |a: &[Arc<Loaded<VerificationSource>>], b: &[Arc<Loaded<VerificationSource>>]| {
        a.len() == b.len() && a.iter().zip(b).all(|(a, b)| Arc::ptr_eq(a, b))
    };
    let check = YearCheck::new(sources, indicators);
    let known = check.known();
    let mut diags = Diagnostics::default();
    let observations = match &was.result {
        Some(old) if Arc::ptr_eq(old, f) => before.observations.clone(),
        _ => observations(f, &known, &check.all_series, &mut diags),
    };
    let verification = if same(&was.verification, &folder.verification) {
        before.verification.clone()
    } else {
        verification(folder, &known, &mut diags)
    };
    let external = match (&was.external, &folder.external) {
        (Some(a), Some(b)) if Arc::ptr_eq(a, b) => before.external.clone(),
        (_, Some(e)) => Some(external(e, goals, &mut diags)),
        (_, None) => None,
    };
    diags.is_empty().then(|| YearResult {
        year: before.year,
        commentary: f.value.commentary.clone(),
        observations,
        verification,
        external,
        source: f.source.path.clone(),
    })
}

/// A year's observations and verification, and the problems found in its references.
type YearChecked = (
    BTreeMap<SeriesRef, Observation>,
    Vec<Verification>,
    Diagnostics,
);

/// What every year's references are checked against.
struct YearCheck<'a> {
    indicators: &'a [Arc<Indicator>],
    ids: super::indicators::IdIndex<'a>,
    complete: bool,
    all_series: AllSeries,
}

impl<'a> YearCheck<'a> {
    fn new(sources: &Sources, indicators: &'a [Arc<Indicator>]) -> YearCheck<'a> {
        YearCheck {
            indicators,
            ids: super::indicators::id_index(indicators),
            // An indicator file that could not be read, or an id that is not valid, may
            // be what a reference meant: such references are not reported a second time.
            complete: !sources.broken.contains("indicators")
                && indicators
                    .iter()
                    .all(|i| super::check_id(&i.id).is_ok() && !has_duplicate_series(i)),
            all_series: AllSeries::new(indicators),
        }
    }

    /// What a year's references resolve against, with no suggestion made yet.
    fn known(&self) -> Known<'_> {
        Known {
            indicators: self.indicators,
            ids: &self.ids,
            complete: self.complete,
            suggested: Default::default(),
        }
    }

    /// One year's observations and verification, and the problems in its references.
    fn run(&self, folder: &ResultFolder, f: &Loaded<ResultSource>) -> YearChecked {
        let known = self.known();
        let mut diags = Diagnostics::default();
        let observations = observations(f, &known, &self.all_series, &mut diags);
        let verification = verification(folder, &known, &mut diags);
        (observations, verification, diags)
    }
}

fn verification(
    folder: &ResultFolder,
    known: &Known,
    diags: &mut Diagnostics,
) -> Vec<Verification> {
    let indicators = known.indicators;
    let mut out = Vec::with_capacity(
        folder
            .verification
            .iter()
            .map(|f| f.value.entries.len())
            .sum(),
    );
    for (f, i, entry) in
        folder
            .verification
            .iter()
            .flat_map(|f: &Arc<Loaded<VerificationSource>>| {
                f.value
                    .entries
                    .iter()
                    .enumerate()
                    .map(move |(i, e)| (f, i, e))
            })
    {
        if entry.indicators.is_empty() {
            diags.push(
                f.error_at(
                    &[key("entries"), Seg::Index(i), key("indicators")],
                    m!("validate.entry-without-indicator"),
                )
                .expected(m!("validate.expected-indicator-list")),
            );
        }
        let mut rows = Vec::with_capacity(entry.indicators.len());
        for (j, reference) in entry.indicators.iter().enumerate() {
            let path = || {
                [
                    key("entries"),
                    Seg::Index(i),
                    key("indicators"),
                    Seg::Index(j),
                ]
            };
            match resolve(indicators, known.ids, reference) {
                Ok((indicator, series)) => {
                    let scale = match &entry.scale {
                        None => None,
                        Some(ScaleSource::All(s)) => Some(*s),
                        Some(ScaleSource::Each(map)) => map.get(reference).copied(),
                    };
                    if let Some(sc) = scale {
                        check_scale(
                            f,
                            &[key("entries"), Seg::Index(i), key("scale")],
                            &indicators[indicator],
                            series,
                            sc,
                            diags,
                        );
                    }
                    rows.push(VerificationRow {
                        indicator,
                        series,
                        scale,
                    })
                }
                Err(e) => {
                    if known.report(e.unknown) {
                        diags.push(
                            f.error_at(&path(), e.message.clone())
                                .expected(m!("validate.expected-indicator-or-series"))
                                .help_opt(e.help()),
                        );
                    }
                }
            }
        }
        if let Some(ScaleSource::Each(map)) = &entry.scale {
            for reference in map.keys().filter(|r| !entry.indicators.contains(r)) {
                diags.push(
                    f.error_at(
                        &[key("entries"), Seg::Index(i), key("scale"), key(reference)],
                        m!("validate.scale-not-in-entry", reference = reference),
                    )
                    .expected(m!(
                        "validate.expected-one-of",
                        list = crate::messages::list(&entry.indicators)
                    )),
                );
            }
        }
        out.push(Verification {
            rows,
            analysis: entry.analysis.clone(),
            next_steps: entry.next_steps.clone(),
            source: f.source.path.clone(),
        });
    }
    out
}

fn has_duplicate_series(indicator: &Indicator) -> bool {
    indicator
        .series
        .iter()
        .enumerate()
        .any(|(i, s)| indicator.series[..i].iter().any(|o| o.id == s.id))
}

/// A scale must suit the row: no percentage in 万, and no figure that would print below 1
/// (25位 as 0.0025万位).
fn check_scale(
    f: &Loaded<VerificationSource>,
    path: &[Seg],
    indicator: &Indicator,
    series: Option<usize>,
    scale: Scale,
    diags: &mut Diagnostics,
) {
    let shown: Vec<&Series> = match series {
        Some(s) => vec![&indicator.series[s]],
        None => indicator.series.iter().collect(),
    };
    let unit_of = |x: &Series| x.unit.clone();
    let small = shown.iter().find(|x| {
        [x.baseline, x.target].iter().any(|q| {
            !q.same_value(crate::quantity::Quantity::zero())
                && q.cmp_value(scale.one()).is_lt()
                && q.cmp_value(crate::quantity::Quantity::zero()).is_gt()
        }) || x.unit == "%"
            || indicator.milestone.is_some()
    });
    if let Some(x) = small {
        diags.push(
            f.error_at(
                path,
                m!(
                    "validate.scale-unsuited",
                    scale = scale.suffix(),
                    id = indicator.id,
                    unit = unit_of(x),
                    example = crate::format::with_unit(x.baseline, &x.unit, Some(scale)),
                ),
            )
            .expected(m!("validate.expected-scale")),
        );
    }
}

/// The external committee's opinions of a year, each on a goal that exists.
fn external(f: &Loaded<ExternalSource>, goals: &Goals, diags: &mut Diagnostics) -> External {
    let mut opinions = Vec::new();
    for (i, o) in f.value.opinions.iter().enumerate() {
        match goals.find(&o.goal) {
            Some(g) => opinions.push((g, o.text.clone())),
            None => {
                let codes: Vec<String> = goals.list.iter().map(|g| g.code.to_string()).collect();
                diags.push(
                    f.error_at(
                        &[key("opinions"), Seg::Index(i), key("goal")],
                        m!("validate.unknown-goal", code = o.goal),
                    )
                    .expected(m!(
                        "validate.expected-goals",
                        codes = crate::messages::list(&codes)
                    ))
                    .help_opt(crate::diag::did_you_mean(
                        &o.goal.to_string(),
                        codes.iter().map(String::as_str),
                    )),
                );
            }
        }
    }
    External {
        committee: f.value.committee.clone(),
        opinions,
        source: f.source.path.clone(),
    }
}
