//! Validation of an indicator's series: one for a simple indicator, several for a
//! compound one, or a milestone; their units, directions, baselines and targets (final
//! and yearly), and the years these belong to.

use super::{check_id, ID_EXPECTED};
use crate::diag::Diagnostics;
use crate::fiscal_year::FiscalYear;
use crate::load::Loaded;
use crate::model::*;
use crate::quantity::Quantity;
use crate::source::{IndicatorSource, SeriesSource};
use crate::yaml::{key, Seg};
use std::collections::BTreeMap;

/// The years a series' baseline and target belong to, with the plan's defaults: the
/// year before the plan starts, and its last year.
struct Years {
    baseline: FiscalYear,
    target: FiscalYear,
}

fn years(
    f: &Loaded<IndicatorSource>,
    at: &[Seg],
    baseline: Option<FiscalYear>,
    target: Option<FiscalYear>,
    period: Option<Period>,
    diags: &mut Diagnostics,
) -> Years {
    let plan = period.unwrap_or(Period {
        from: FiscalYear::new(2020),
        to: FiscalYear::new(2024),
    });
    let y = Years {
        baseline: baseline.unwrap_or(FiscalYear::new(plan.from.western().saturating_sub(1))),
        target: target.unwrap_or(plan.to),
    };
    if y.baseline >= y.target {
        diags.push(
            f.error_at(&[at, &[key("baseline_year")]].concat(), format!(
                "the baseline's year {} is not before the target's year {}",
                y.baseline.short(),
                y.target.short()
            ))
            .expected("`baseline_year:` before `target_year:` (by default the year before the plan starts and its last year)"),
        );
    }
    y
}

/// Checks that the direction agrees with where the target lies from the baseline.
fn direction_agrees(
    f: &Loaded<IndicatorSource>,
    at: &[Seg],
    baseline: Quantity,
    target: Quantity,
    direction: Direction,
    diags: &mut Diagnostics,
) {
    let ord = target.cmp_value(baseline);
    let (wrong, expected) = match direction {
        Direction::Lower if ord.is_gt() => (
            format!(
                "`direction: lower`, but the target ({}) is above the baseline ({})",
                crate::format::plain_number(target),
                crate::format::plain_number(baseline)
            ),
            "a target below the baseline for a lower-is-better indicator, or `direction: higher`",
        ),
        Direction::Higher if ord.is_lt() => (
            format!(
                "the target ({}) is below the baseline ({}), but higher is better (the default)",
                crate::format::plain_number(target),
                crate::format::plain_number(baseline)
            ),
            "`direction: lower` if lower is better here, or a target above the baseline",
        ),
        _ => return,
    };
    diags.push(
        f.error_at(&[at, &[key("target")]].concat(), wrong)
            .expected(expected),
    );
}

/// Yearly targets (年度目標値) must fall from the baseline's year to the target's.
fn annual_targets(
    f: &Loaded<IndicatorSource>,
    at: &[Seg],
    targets: &Option<BTreeMap<FiscalYear, Quantity>>,
    y: &Years,
    diags: &mut Diagnostics,
) -> BTreeMap<FiscalYear, Quantity> {
    let targets = targets.clone().unwrap_or_default();
    for year in targets.keys() {
        if *year <= y.baseline || *year > y.target {
            diags.push(
                f.error_at(&[at, &[key("targets"), key(&year.short())]].concat(), format!(
                    "a yearly target for {}, outside the years from the baseline ({}) to the target ({})",
                    year.label(),
                    y.baseline.short(),
                    y.target.short()
                ))
                .expected("yearly targets for the years after the baseline's, up to the target's"),
            );
        }
    }
    targets
}

pub(super) fn series_of(
    f: &Loaded<IndicatorSource>,
    period: Option<Period>,
    diags: &mut Diagnostics,
) -> Vec<Series> {
    let v = &f.value;
    let direction = v.direction.unwrap_or_default();
    if v.milestone.is_some() {
        return milestone(f, period, diags);
    }
    match &v.series {
        Some(list) => {
            for field in [
                ("baseline", v.baseline.is_some()),
                ("target", v.target.is_some()),
                ("targets", v.targets.is_some()),
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
                let direction = s.direction.unwrap_or(direction);
                direction_agrees(f, &path, s.baseline, s.target, direction, diags);
                let y = years(
                    f,
                    &path,
                    s.baseline_year.or(v.baseline_year),
                    v.target_year,
                    period,
                    diags,
                );
                let targets = annual_targets(f, &path, &s.targets, &y, diags);
                out.push(series(
                    v,
                    s,
                    unit.unwrap_or_default(),
                    direction,
                    y,
                    targets,
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
                        .expected("`unit:`, `baseline:` and `target:`, a `series:` list for a compound indicator, or `milestone:`"),
                );
                return Vec::new();
            }
            let baseline = v.baseline.unwrap_or_else(Quantity::zero);
            let target = v.target.unwrap_or_else(Quantity::zero);
            direction_agrees(f, &[], baseline, target, direction, diags);
            let y = years(f, &[], v.baseline_year, v.target_year, period, diags);
            let targets = annual_targets(f, &[], &v.targets, &y, diags);
            vec![Series {
                id: None,
                label: None,
                name: v.name.clone(),
                unit: v.unit.clone().unwrap_or_default(),
                direction,
                baseline,
                baseline_year: y.baseline,
                target,
                target_year: y.target,
                targets,
            }]
        }
    }
}

/// A milestone: one series that is 0 until achieved and 1 once achieved.
fn milestone(
    f: &Loaded<IndicatorSource>,
    period: Option<Period>,
    diags: &mut Diagnostics,
) -> Vec<Series> {
    let v = &f.value;
    for (field, present) in [
        ("series", v.series.is_some()),
        ("baseline", v.baseline.is_some()),
        ("target", v.target.is_some()),
        ("targets", v.targets.is_some()),
        ("unit", v.unit.is_some()),
        ("direction", v.direction.is_some()),
        ("cumulative", v.cumulative),
    ] {
        if present {
            diags.push(
                f.error_at(&[key(field)], format!("a milestone has no `{field}`"))
                    .expected(
                        "`milestone:` (what achieving it is called) and `target_year:` (by when)",
                    ),
            );
        }
    }
    if v.milestone.as_deref().is_some_and(|m| m.trim().is_empty()) {
        diags.push(
            f.error_at(&[key("milestone")], "`milestone:` is empty")
                .expected("what achieving it is called, such as `開設` or `策定`"),
        );
    }
    let y = years(f, &[], v.baseline_year, v.target_year, period, diags);
    vec![Series {
        id: None,
        label: None,
        name: v.name.clone(),
        unit: String::new(),
        direction: Direction::Higher,
        baseline: Quantity::zero(),
        baseline_year: y.baseline,
        target: Quantity::integer(1),
        target_year: y.target,
        targets: BTreeMap::new(),
    }]
}

fn series(
    v: &IndicatorSource,
    s: &SeriesSource,
    unit: String,
    direction: Direction,
    y: Years,
    targets: BTreeMap<FiscalYear, Quantity>,
) -> Series {
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
        baseline_year: y.baseline,
        target: s.target,
        target_year: y.target,
        targets,
    }
}
