//! Validation of an indicator's series: one for a simple indicator, several for a
//! compound one, or a milestone; their units, directions, baselines and targets (final
//! and yearly), and the years these belong to.

use super::{check_id, id_expected};
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
    let span = plan.default_span();
    let y = Years {
        baseline: baseline.unwrap_or(span.from),
        target: target.unwrap_or(span.to),
    };
    if y.baseline >= y.target {
        diags.push(
            f.error_at(
                &[at, &[key("baseline_year")]].concat(),
                m!(
                    "validate.baseline-not-before-target",
                    baseline = y.baseline.short(),
                    target = y.target.short()
                ),
            )
            .expected(m!("validate.expected-baseline-before-target")),
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
            m!(
                "validate.lower-but-target-above",
                target = crate::format::plain_number(target),
                baseline = crate::format::plain_number(baseline)
            ),
            m!("validate.expected-target-below"),
        ),
        Direction::Higher if ord.is_lt() => (
            m!(
                "validate.higher-but-target-below",
                target = crate::format::plain_number(target),
                baseline = crate::format::plain_number(baseline)
            ),
            m!("validate.expected-target-above"),
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
                f.error_at(
                    &[at, &[key("targets"), key(&year.short())]].concat(),
                    m!(
                        "validate.yearly-target-outside",
                        year = year.label(),
                        baseline = y.baseline.short(),
                        target = y.target.short()
                    ),
                )
                .expected(m!("validate.expected-yearly-targets")),
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
                            m!("validate.given-here-and-in-series", field = field.0),
                        )
                        .expected(m!("validate.expected-inside-each-series", field = field.0)),
                    );
                }
            }
            if list.is_empty() {
                diags.push(
                    f.error_at(&[key("series")], m!("validate.series-empty"))
                        .expected(m!("validate.expected-a-series")),
                );
            }
            let mut out: Vec<Series> = Vec::new();
            for (i, s) in list.iter().enumerate() {
                let path = [key("series"), Seg::Index(i)];
                if let Err(msg) = check_id(&s.id) {
                    diags.push(
                        f.error_at(&[path[0].clone(), path[1].clone(), key("id")], msg)
                            .expected(id_expected()),
                    );
                }
                if out.iter().any(|o| o.id.as_deref() == Some(&s.id)) {
                    diags.push(
                        f.error_at(
                            &[path[0].clone(), path[1].clone(), key("id")],
                            m!("validate.series-id-twice", id = s.id),
                        )
                        .expected(m!("validate.expected-different-series-ids")),
                    );
                }
                let unit = s.unit.clone().or_else(|| v.unit.clone());
                if unit.is_none() {
                    diags.push(
                        f.error_at(&path, m!("validate.series-without-unit", id = s.id))
                            .expected(m!("validate.expected-series-unit")),
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
                    f.error_at(
                        &[],
                        m!(
                            "validate.indicator-lacks",
                            id = v.id,
                            missing =
                                crate::messages::join(&missing, &m!("validate.lacks-separator"))
                        ),
                    )
                    .expected(m!("validate.expected-indicator-fields")),
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
                f.error_at(
                    &[key(field)],
                    m!("validate.milestone-has-no", field = field),
                )
                .expected(m!("validate.expected-milestone-fields")),
            );
        }
    }
    if v.milestone.as_deref().is_some_and(|m| m.trim().is_empty()) {
        diags.push(
            f.error_at(&[key("milestone")], m!("validate.milestone-empty"))
                .expected(m!("validate.expected-milestone-name")),
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
