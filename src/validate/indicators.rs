//! Validation of indicator files: ids, strategies, single and compound series.

use super::{check_id, ID_EXPECTED};
use crate::diag::{did_you_mean, Diagnostics};
use crate::load::Loaded;
use crate::model::*;
use crate::source::{IndicatorSource, SeriesSource};
use crate::yaml::{key, Seg};
use std::sync::Arc;

/// `strategies_complete` is false when a strategy file could not be read: then an unknown
/// strategy number is not reported again.
pub(super) fn indicators(
    files: &[Arc<Loaded<IndicatorSource>>],
    strategies: &[Strategy],
    strategies_complete: bool,
    diags: &mut Diagnostics,
) -> Vec<Indicator> {
    let mut out: Vec<Indicator> = Vec::new();
    // Ids seen so far, by position in `out`.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for f in files {
        let v = &f.value;
        if let Err(msg) = check_id(&v.id) {
            diags.push(f.error_at(&[key("id")], msg).expected(ID_EXPECTED));
        }
        let duplicate = seen.get(v.id.as_str()).map(|i| &out[*i]);
        if let Some(other) = duplicate {
            let msg = if other.strategy == v.strategy {
                format!(
                    "indicator id `{}` is already used by {}",
                    v.id,
                    other.source.display()
                )
            } else {
                format!(
                    "indicator `{}` is defined in strategy {} here and in strategy {} by {}",
                    v.id,
                    v.strategy,
                    other.strategy,
                    other.source.display()
                )
            };
            diags.push(
                f.error_at(&[key("id")], msg)
                    .expected("each indicator defined once, in one strategy"),
            );
        }
        if strategies_complete && !strategies.iter().any(|s| s.number == v.strategy) {
            let numbers: Vec<String> = strategies.iter().map(|s| s.number.to_string()).collect();
            diags.push(
                f.error_at(
                    &[key("strategy")],
                    format!("there is no strategy {}", v.strategy),
                )
                .expected(format!(
                    "one of the strategy numbers: {}",
                    numbers.join(", ")
                ))
                .help_opt(did_you_mean(
                    &v.strategy.to_string(),
                    numbers.iter().map(String::as_str),
                )),
            );
        }
        let duplicate = duplicate.is_some();
        let indicator = indicator(f, diags);
        // Kept even when it has errors, so that references to it are not reported again.
        if !duplicate {
            seen.insert(v.id.clone(), out.len());
            out.push(indicator);
        }
    }
    out.sort_by_key(|i| i.strategy);
    out
}

/// One indicator file as the model, with the problems found in the file alone (its
/// checks against other files are made by `indicators`).
fn indicator(f: &Loaded<IndicatorSource>, diags: &mut Diagnostics) -> Indicator {
    let v = &f.value;
    Indicator {
        id: v.id.clone(),
        strategy: v.strategy,
        name: v.name.clone(),
        variants: v
            .variants
            .iter()
            .map(|x| Variant {
                text: x.text.clone(),
                note: x.note.clone(),
                year: x.year,
            })
            .collect(),
        compound: v.series.is_some(),
        series: series_of(f, diags),
        source: f.source.path.clone(),
    }
}

/// The model of an edited indicator file, when the edit can be taken into a report that
/// had no errors without validating the rest again; `None` when it cannot.
///
/// Other files are checked against an indicator's id (unique, valid), strategy (one that
/// exists), whether it is compound, and its series ids (what results and verification
/// refer to, and the positions of its series); its name, unit, direction, baseline,
/// target, labels and variants are checked within the file alone. So an edit that keeps
/// the first four and brings no problem of its own leaves every other file's checks,
/// and every position in the report, as they were.
pub fn edited_indicator(before: &Indicator, file: &Loaded<IndicatorSource>) -> Option<Indicator> {
    let mut diags = Diagnostics::default();
    let after = indicator(file, &mut diags);
    let series_ids =
        |i: &Indicator| -> Vec<Option<String>> { i.series.iter().map(|s| s.id.clone()).collect() };
    let same_links = after.id == before.id
        && after.strategy == before.strategy
        && after.compound == before.compound
        && after.source == before.source
        && series_ids(&after) == series_ids(before);
    (diags.is_empty() && same_links).then_some(after)
}

fn series_of(f: &Loaded<IndicatorSource>, diags: &mut Diagnostics) -> Vec<Series> {
    let v = &f.value;
    let direction = v.direction.unwrap_or_default();
    match &v.series {
        Some(list) => {
            for field in [
                ("baseline", v.baseline.is_some()),
                ("target", v.target.is_some()),
            ] {
                if field.1 {
                    diags.push(
                        f.error_at(
                            &[key(field.0)],
                            format!("`{}` is given both here and in `series:`", field.0),
                        )
                        .expected(format!(
                            "`{}` inside each series of a compound indicator",
                            field.0
                        )),
                    );
                }
            }
            if list.is_empty() {
                diags.push(
                    f.error_at(&[key("series")], "`series:` is empty")
                        .expected("at least one series"),
                );
            }
            let mut out: Vec<Series> = Vec::new();
            for (i, s) in list.iter().enumerate() {
                let path = [key("series"), Seg::Index(i)];
                if let Err(msg) = check_id(&s.id) {
                    diags.push(
                        f.error_at(&[path[0].clone(), path[1].clone(), key("id")], msg)
                            .expected(ID_EXPECTED),
                    );
                }
                if out.iter().any(|o| o.id.as_deref() == Some(&s.id)) {
                    diags.push(
                        f.error_at(
                            &[path[0].clone(), path[1].clone(), key("id")],
                            format!("series id `{}` is used twice", s.id),
                        )
                        .expected("a different id for each series"),
                    );
                }
                let unit = s.unit.clone().or_else(|| v.unit.clone());
                if unit.is_none() {
                    diags.push(
                        f.error_at(&path, format!("series `{}` has no unit", s.id))
                            .expected(
                                "`unit:` on the series or on the indicator, such as `%` or `人`",
                            ),
                    );
                }
                out.push(series(
                    v,
                    s,
                    unit.unwrap_or_default(),
                    s.direction.unwrap_or(direction),
                ));
            }
            out
        }
        None => {
            let mut missing = Vec::new();
            for (name, present) in [
                ("unit", v.unit.is_some()),
                ("baseline", v.baseline.is_some()),
                ("target", v.target.is_some()),
            ] {
                if !present {
                    missing.push(name);
                }
            }
            if !missing.is_empty() {
                diags.push(
                    f.error_at(&[], format!("indicator `{}` has no {}", v.id, missing.join(", no ")))
                        .expected("`unit:`, `baseline:` and `target:`, or a `series:` list for a compound indicator"),
                );
                return Vec::new();
            }
            vec![Series {
                id: None,
                label: None,
                name: v.name.clone(),
                unit: v.unit.clone().unwrap_or_default(),
                direction,
                baseline: v.baseline.unwrap_or_else(crate::quantity::Quantity::zero),
                target: v.target.unwrap_or_else(crate::quantity::Quantity::zero),
            }]
        }
    }
}

fn series(v: &IndicatorSource, s: &SeriesSource, unit: String, direction: Direction) -> Series {
    Series {
        id: Some(s.id.clone()),
        label: s.label.clone(),
        name: s.name.clone().unwrap_or_else(|| match &s.label {
            Some(l) => format!("{}（{l}）", v.name),
            None => v.name.clone(),
        }),
        unit,
        direction,
        baseline: s.baseline,
        target: s.target,
    }
}

/// Why a reference did not resolve: the message, a suggestion, and whether the
/// indicator itself is unknown (as opposed to one of its series).
pub(super) type RefError = (String, Option<String>, bool);

/// Resolves `id` or `id.series` to an indicator and optional series.
/// Indicator positions by id, so that each of many references resolves at once.
pub(super) type IdIndex<'a> = std::collections::HashMap<&'a str, usize>;

pub(super) fn id_index(indicators: &[Arc<Indicator>]) -> IdIndex<'_> {
    let mut index = IdIndex::new();
    for (i, ind) in indicators.iter().enumerate() {
        index.entry(ind.id.as_str()).or_insert(i);
    }
    index
}

pub(super) fn resolve(
    indicators: &[Arc<Indicator>],
    ids: &IdIndex,
    reference: &str,
) -> Result<(usize, Option<usize>), RefError> {
    let (id, series) = match reference.split_once('.') {
        Some((i, s)) => (i, Some(s)),
        None => (reference, None),
    };
    let Some(&index) = ids.get(id) else {
        let help = did_you_mean(id, indicators.iter().map(|i| i.id.as_str()));
        return Err((format!("there is no indicator `{id}`"), help, true));
    };
    let indicator = &indicators[index];
    match series {
        None => Ok((index, None)),
        Some(s) => match indicator
            .series
            .iter()
            .position(|x| x.id.as_deref() == Some(s))
        {
            Some(si) => Ok((index, Some(si))),
            None => {
                let ids: Vec<&str> = indicator
                    .series
                    .iter()
                    .filter_map(|x| x.id.as_deref())
                    .collect();
                let msg = if ids.is_empty() {
                    format!("indicator `{id}` has no series; write `{id}` alone")
                } else {
                    format!(
                        "indicator `{id}` has no series `{s}`; its series are {}",
                        ids.join(", ")
                    )
                };
                let help = did_you_mean(s, ids).map(|h| {
                    h.replace('`', "")
                        .replace("did you mean ", &format!("did you mean `{id}."))
                        .replace('?', "`?")
                });
                Err((msg, help, false))
            }
        },
    }
}
