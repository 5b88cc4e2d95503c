//! Validation of fiscal-year results: actuals, missing reasons, revisions and verification.

use super::indicators::resolve;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{Loaded, ResultFolder, Sources};
use crate::model::*;
use crate::source::{ResultSource, VerificationSource};
use crate::yaml::{key, Seg};
use std::collections::BTreeMap;

pub(super) fn years(
    sources: &Sources,
    indicators: &[Indicator],
    period: Option<Period>,
    diags: &mut Diagnostics,
) -> Vec<YearResult> {
    let mut out: Vec<YearResult> = Vec::new();
    let mut seen: Vec<(crate::fiscal_year::FiscalYear, String)> = Vec::new();
    let ids = super::indicators::id_index(indicators);
    for folder in &sources.results {
        let Some(f) = &folder.result else {
            let result_broken = sources
                .broken
                .iter()
                .any(|b| b.starts_with(&format!("results/{}/result.", folder.folder)));
            if !folder.verification.is_empty() && !result_broken {
                diags.push(
                    Diagnostic::error(
                        format!("results/{}", folder.folder),
                        "this year has a verification.yaml but no result.yaml",
                    )
                    .expected("results/<year>/result.yaml beside verification.yaml"),
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
                        format!(
                            "the folder is results/{} but `year:` says {}",
                            folder.folder,
                            year.label()
                        ),
                    )
                    .expected(format!(
                        "`year: {}`, or move the files to results/{}/",
                        named.short(),
                        year.short()
                    )),
                );
            }
        }
        if let Some(p) = period {
            if !p.contains(year) {
                diags.push(
                    f.error_at(
                        &[key("year")],
                        format!("{} is outside the plan's period", year.label()),
                    )
                    .expected(format!(
                        "a year from {} to {} (plan.yaml `period:`)",
                        p.from.short(),
                        p.to.short()
                    )),
                );
            }
        }
        if let Some((_, other)) = seen.iter().find(|(y, _)| *y == year) {
            diags.push(
                f.error_at(
                    &[key("year")],
                    format!(
                        "{} has results in two folders: results/{other}/ and results/{}/",
                        year.label(),
                        folder.folder
                    ),
                )
                .expected("one results/<year>/ folder per fiscal year"),
            );
            continue;
        }
        seen.push((year, folder.folder.clone()));
        let known = Known {
            indicators,
            ids: &ids,
            // An indicator file that could not be read, or an id that is not valid, may be
            // what a reference meant: such references are not reported a second time.
            complete: !sources.broken.contains("indicators")
                && indicators
                    .iter()
                    .all(|i| super::check_id(&i.id).is_ok() && !has_duplicate_series(i)),
            suggested: Default::default(),
        };
        let observations = observations(f, &known, diags);
        let verification = verification(folder, &known, diags);
        out.push(YearResult {
            year,
            commentary: f.value.commentary.clone(),
            observations,
            verification,
        });
    }
    out.sort_by_key(|y| y.year);
    out
}

/// The indicators references resolve against; `complete` is false when an indicator
/// file could not be read, and then unknown ids are not reported a second time.
struct Known<'a> {
    indicators: &'a [Indicator],
    ids: &'a super::indicators::IdIndex<'a>,
    complete: bool,
    /// Ids suggested for a mistyped reference: their own "no actual" is not reported too.
    suggested: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

impl Known<'_> {
    fn report(&self, unknown_indicator: bool) -> bool {
        self.complete || !unknown_indicator
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
) -> Vec<SeriesRef> {
    let path = [key(section), key(reference)];
    let indicators = known.indicators;
    match resolve(indicators, known.ids, reference) {
        Err((msg, help, unknown)) => {
            if let Some(id) = help.as_deref().and_then(|h| h.split('`').nth(1)) {
                known.suggested.borrow_mut().insert(id.to_string());
            }
            if known.report(unknown) {
                diags.push(f.error_at(&path, msg).expected("an indicator id from indicators/, or id.series for a compound indicator").help_opt(help));
            }
            Vec::new()
        }
        Ok((i, Some(s))) => vec![SeriesRef {
            indicator: i,
            series: s,
        }],
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
                    f.error_at(
                        &path,
                        format!(
                            "`{}` is a compound indicator; give a value per series",
                            ind.id
                        ),
                    )
                    .expected(names.join(", ")),
                );
                return Vec::new();
            }
            (0..ind.series.len())
                .map(|s| SeriesRef {
                    indicator: i,
                    series: s,
                })
                .collect()
        }
    }
}

fn observations(
    f: &Loaded<ResultSource>,
    known: &Known,
    diags: &mut Diagnostics,
) -> BTreeMap<SeriesRef, Observation> {
    let v = &f.value;
    let indicators = known.indicators;
    let mut out = BTreeMap::new();
    for (reference, value) in &v.actuals {
        for r in targets(f, "actuals", reference, known, false, diags) {
            out.insert(
                r,
                Observation::Measured {
                    value: *value,
                    revision: None,
                },
            );
        }
    }
    for (reference, reason) in &v.missing {
        if reason.trim().is_empty() || reason.trim() == "~" {
            diags.push(
                f.error_at(
                    &[key("missing"), key(reference)],
                    format!("`{reference}` is missing with no reason given"),
                )
                .expected(
                    "the reason there is no actual, such as `調査を実施しなかったため実績値なし。`",
                ),
            );
        }
        for r in targets(f, "missing", reference, known, true, diags) {
            if out.contains_key(&r) {
                diags.push(
                    f.error_at(
                        &[key("missing"), key(reference)],
                        format!("`{reference}` has both an actual and a missing reason"),
                    )
                    .expected("either a value under `actuals:` or a reason under `missing:`"),
                );
            }
            out.insert(
                r,
                Observation::Missing {
                    reason: reason.trim().to_string(),
                },
            );
        }
    }
    for (reference, revision) in &v.revised {
        let mut reported = false;
        for r in targets(f, "revised", reference, known, true, diags) {
            match out.get_mut(&r) {
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
                            format!("`{reference}` is marked revised but has no actual"),
                        )
                        .expected(format!("a value for `{reference}` under `actuals:`")),
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
            if !out.contains_key(&r) {
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
                diags.push(
                    f.error_at(&[key("actuals")], format!("no actual for `{name}` in {}", v.year.label()))
                        .expected(format!("`{name}: <value>` under `actuals:`, or `{name}: <reason>` under `missing:`")),
                );
            }
        }
    }
    out
}

fn verification(
    folder: &ResultFolder,
    known: &Known,
    diags: &mut Diagnostics,
) -> Vec<Verification> {
    let indicators = known.indicators;
    let mut out = Vec::new();
    for (f, i, entry) in folder
        .verification
        .iter()
        .flat_map(|f: &Loaded<VerificationSource>| {
            f.value
                .entries
                .iter()
                .enumerate()
                .map(move |(i, e)| (f, i, e))
        })
    {
        let mut rows = Vec::new();
        if entry.indicators.is_empty() {
            diags.push(
                f.error_at(
                    &[key("entries"), Seg::Index(i), key("indicators")],
                    "this entry names no indicator",
                )
                .expected("a list of indicator ids, such as `[tenshutsu]`"),
            );
        }
        for (j, reference) in entry.indicators.iter().enumerate() {
            let path = [
                key("entries"),
                Seg::Index(i),
                key("indicators"),
                Seg::Index(j),
            ];
            match resolve(indicators, known.ids, reference) {
                Ok((indicator, series)) => rows.push(VerificationRow { indicator, series }),
                Err((msg, help, unknown)) => {
                    if known.report(unknown) {
                        diags.push(
                            f.error_at(&path, msg)
                                .expected("an indicator id from indicators/, or id.series for one series of a compound indicator")
                                .help_opt(help),
                        );
                    }
                }
            }
        }
        out.push(Verification {
            rows,
            scale: entry.scale,
            analysis: entry.analysis.clone(),
            next_steps: entry.next_steps.clone(),
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
