//! Validation of indicator files: ids, the goal each hangs on, and its kind; their
//! series are read by `series`.

use super::series::series_of;
use super::{check_id, id_expected};
use crate::diag::{closest, did_you_mean, Diagnostics};
use crate::load::Loaded;
use crate::model::*;
use crate::source::{GoalCode, IndicatorSource};
use crate::yaml::key;
use std::sync::Arc;

/// `goals_complete` is false when a goal or strategy file could not be read: then an
/// unknown goal is not reported again.
pub(super) fn indicators(
    files: &[Arc<Loaded<IndicatorSource>>],
    goals: &Goals,
    goals_complete: bool,
    period: Option<Period>,
    diags: &mut Diagnostics,
) -> Vec<Indicator> {
    let mut out: Vec<Indicator> = Vec::new();
    // Ids seen so far, by position in `out`.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for f in files {
        let v = &f.value;
        if let Err(msg) = check_id(&v.id) {
            diags.push(f.error_at(&[key("id")], msg).expected(id_expected()));
        }
        let goal = goal_of(f, goals, goals_complete, diags);
        let duplicate = seen.get(v.id.as_str()).map(|i| &out[*i]);
        if let Some(other) = duplicate {
            // An indicator whose own goal was unknown has none to name.
            let other_goal = goals.list.get(other.goal).map(|_| other.goal);
            let msg = if other_goal.is_none() || other_goal == goal {
                m!(
                    "validate.indicator-id-used",
                    id = v.id,
                    file = other.source.display()
                )
            } else {
                m!(
                    "validate.indicator-under-two-goals",
                    id = v.id,
                    goal = goals.label(other.goal),
                    file = other.source.display()
                )
            };
            diags.push(
                f.error_at(&[key("id")], msg)
                    .expected(m!("validate.expected-indicator-once")),
            );
        }
        let duplicate = duplicate.is_some();
        let indicator = indicator(f, goals, goal.unwrap_or(usize::MAX), period, diags);
        // Kept even when it has errors, so that references to it are not reported again.
        if !duplicate {
            seen.insert(v.id.clone(), out.len());
            out.push(indicator);
        }
    }
    // In the goals' reading order; within a goal, in file-name order.
    out.sort_by_key(|i| i.goal);
    out
}

/// The goal an indicator names (`goal:` or the older `strategy:`), reported if unknown.
fn goal_of(
    f: &Loaded<IndicatorSource>,
    goals: &Goals,
    complete: bool,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let v = &f.value;
    let (code, field) = match (&v.goal, v.strategy) {
        (Some(g), None) => (g.clone(), "goal"),
        (None, Some(n)) => (GoalCode(vec![n]), "strategy"),
        (Some(g), Some(_)) => {
            diags.push(
                f.error_at(&[key("strategy")], m!("validate.goal-and-strategy"))
                    .expected(m!("validate.expected-goal-alone")),
            );
            (g.clone(), "goal")
        }
        (None, None) => {
            diags.push(
                f.error_at(&[], m!("validate.indicator-without-goal", id = v.id))
                    .expected(m!("validate.expected-goal-code")),
            );
            return None;
        }
    };
    let found = goals.find(&code);
    if found.is_none() && complete {
        let codes: Vec<String> = goals.list.iter().map(|g| g.code.to_string()).collect();
        let codes_listed = crate::messages::list(&codes);
        let (message, expected) = if field == "strategy" {
            (
                m!("validate.unknown-strategy", code = code),
                m!("validate.expected-strategy-numbers", codes = codes_listed),
            )
        } else {
            (
                m!("validate.unknown-goal", code = code),
                m!("validate.expected-goal-numbers", codes = codes_listed),
            )
        };
        diags.push(
            f.error_at(&[key(field)], message)
                .expected(expected)
                .help_opt(did_you_mean(
                    &code.to_string(),
                    codes.iter().map(String::as_str),
                )),
        );
    }
    found
}

/// One indicator file as the model, with the problems found in the file alone (its
/// checks against other files are made by `indicators`).
fn indicator(
    f: &Loaded<IndicatorSource>,
    goals: &Goals,
    goal: usize,
    period: Option<Period>,
    diags: &mut Diagnostics,
) -> Indicator {
    let v = &f.value;
    let level_kind = goals
        .list
        .get(goal)
        .map(|_| goals.level(goal).indicator_kind.clone());
    let kinds: Vec<&str> = goals
        .levels
        .iter()
        .map(|l| l.indicator_kind.as_str())
        .collect();
    let kind = match &v.kind {
        Some(k) if !kinds.contains(&k.as_str()) => {
            diags.push(
                f.error_at(&[key("kind")], m!("validate.unknown-kind", kind = k))
                    .expected(m!(
                        "validate.expected-kind",
                        kinds = crate::messages::list(&kinds)
                    ))
                    .help_opt(did_you_mean(k, kinds.iter().copied())),
            );
            k.clone()
        }
        Some(k) => k.clone(),
        None => level_kind.unwrap_or_default(),
    };
    Indicator {
        id: v.id.clone(),
        goal,
        kind,
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
        department: v
            .department
            .as_ref()
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty()),
        compound: v.series.is_some(),
        cumulative: v.cumulative,
        milestone: v.milestone.as_ref().map(|m| m.trim().to_string()),
        series: series_of(f, period, diags),
        source: f.source.path.clone(),
    }
}

/// The model of an edited indicator file, when the edit can be taken into a report that
/// had no errors without validating the rest again; `None` when it cannot.
///
/// Other files are checked against an indicator's id (unique, valid), goal (one that
/// exists), whether it is compound or a milestone, and its series ids (what results and
/// verification refer to, and the positions of its series); everything else is checked
/// within the file alone. So an edit that keeps those and brings no problem of its own
/// leaves every other file's checks, and every position in the report, as they were.
pub fn edited_indicator(
    before: &Indicator,
    file: &Loaded<IndicatorSource>,
    goals: &Goals,
    period: Period,
) -> Option<Indicator> {
    let mut diags = Diagnostics::default();
    let goal = goal_of(file, goals, true, &mut diags)?;
    let after = indicator(file, goals, goal, Some(period), &mut diags);
    let series_ids =
        |i: &Indicator| -> Vec<Option<String>> { i.series.iter().map(|s| s.id.clone()).collect() };
    let same_links = after.id == before.id
        && after.goal == before.goal
        && after.compound == before.compound
        && after.milestone.is_some() == before.milestone.is_some()
        && after.source == before.source
        && series_ids(&after) == series_ids(before);
    (diags.is_empty() && same_links).then_some(after)
}

/// Why a reference did not resolve: the message, a suggestion, and whether the
/// indicator itself is unknown (as opposed to one of its series).
/// A reference that names no indicator or series: the message, the name it was likely
/// meant to be, and whether the indicator itself is unknown.
pub(super) struct RefError {
    pub message: String,
    pub suggestion: Option<String>,
    pub unknown: bool,
}

impl RefError {
    /// "did you mean `…`?", when there is a likely name.
    pub fn help(&self) -> Option<String> {
        self.suggestion
            .as_ref()
            .map(|name| m!("diag.did-you-mean", name = name))
    }
}

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
        return Err(RefError {
            message: m!("validate.unknown-indicator", id = id),
            suggestion: closest(id, indicators.iter().map(|i| i.id.as_str())).map(str::to_string),
            unknown: true,
        });
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
                    m!("validate.indicator-without-series", id = id)
                } else {
                    m!(
                        "validate.unknown-series",
                        id = id,
                        series = s,
                        all = crate::messages::list(&ids)
                    )
                };
                Err(RefError {
                    message: msg,
                    suggestion: closest(s, ids).map(|c| format!("{id}.{c}")),
                    unknown: false,
                })
            }
        },
    }
}
