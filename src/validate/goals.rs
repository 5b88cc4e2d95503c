//! Validation of the tree of goals: the plan's levels, and the goals written as
//! `goals/*.yaml` (nested) or, in the older format, `strategies/*.yaml` (one level).

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Sources;
use crate::model::{Goal, Goals, Level};
use crate::source::{GoalCode, GoalSource, PlanSource};
use crate::vocabulary::Vocabulary;
use crate::yaml::{key, Seg};

/// The most levels a tree may have under the plan.
pub const MAX_LEVELS: usize = 3;

/// The levels the plan declares, or the one default level (戦略) of the older format.
pub(super) fn levels(
    plan: Option<&crate::load::Loaded<PlanSource>>,
    words: &Vocabulary,
    diags: &mut Diagnostics,
) -> Vec<Level> {
    let declared = plan.map(|p| p.value.levels.as_slice()).unwrap_or_default();
    if declared.len() > MAX_LEVELS {
        if let Some(p) = plan {
            diags.push(
                p.error_at(
                    &[key("levels"), Seg::Index(MAX_LEVELS)],
                    m!("validate.too-many-levels", count = declared.len()),
                )
                .expected(m!("validate.expected-levels", most = MAX_LEVELS)),
            );
        }
    }
    if declared.is_empty() {
        return vec![Level {
            name: words.get("level.default").to_string(),
            indicator_kind: words.get("kind.default").to_string(),
        }];
    }
    declared
        .iter()
        .take(MAX_LEVELS)
        .map(|l| Level {
            name: l.name.trim().to_string(),
            indicator_kind: l
                .indicator_kind
                .clone()
                .unwrap_or_else(|| words.get("kind.default").to_string()),
        })
        .collect()
}

/// The tree, in reading order.
pub(super) fn goals(sources: &Sources, levels: Vec<Level>, diags: &mut Diagnostics) -> Goals {
    let mut list: Vec<Goal> = Vec::new();
    if !sources.goals.is_empty() && !sources.strategies.is_empty() {
        diags.push(
            Diagnostic::error("strategies", m!("validate.strategies-and-goals"))
                .expected(m!("validate.expected-strategies-or-goals")),
        );
    }
    // Top-level goals in number order; each file's nested goals in the order written.
    let mut tops: Vec<(u32, usize, bool)> = sources
        .strategies
        .iter()
        .enumerate()
        .map(|(i, f)| (f.value.number, i, false))
        .chain(
            sources
                .goals
                .iter()
                .enumerate()
                .map(|(i, f)| (f.value.number, i, true)),
        )
        .collect();
    tops.sort_by_key(|(n, ..)| *n);
    let mut seen: Vec<(u32, std::path::PathBuf)> = Vec::new();
    for (number, i, is_goal) in tops {
        let (path, error_at) = if is_goal {
            let f = &sources.goals[i];
            (f.source.path.clone(), f.error_at(&[key("number")], ""))
        } else {
            let f = &sources.strategies[i];
            (f.source.path.clone(), f.error_at(&[key("number")], ""))
        };
        if let Some((_, other)) = seen.iter().find(|(n, _)| *n == number) {
            let mut d = error_at;
            d.message = if is_goal {
                m!("validate.goal-number-twice", number = number)
            } else {
                m!("validate.strategy-number-twice", number = number)
            };
            let other = other.display();
            diags.push(d.expected(m!("validate.expected-unused-number", file = other)));
            continue;
        }
        seen.push((number, path.clone()));
        if is_goal {
            let f = &sources.goals[i];
            add(
                &mut list,
                &f.value,
                GoalCode(vec![number]),
                None,
                &path,
                &levels,
                &[],
                f,
                diags,
            );
        } else {
            let v = &sources.strategies[i].value;
            list.push(Goal {
                code: GoalCode(vec![number]),
                depth: 0,
                parent: None,
                name: v.name.clone(),
                aim: v.aim.trim().to_string(),
                source: path,
            });
        }
    }
    let folder = if sources.goals.is_empty() {
        "strategies"
    } else {
        "goals"
    };
    Goals {
        levels,
        list,
        folder,
    }
}

/// Adds `g` and the goals under it, depth first.
#[allow(clippy::too_many_arguments)]
fn add(
    list: &mut Vec<Goal>,
    g: &GoalSource,
    code: GoalCode,
    parent: Option<usize>,
    path: &std::path::Path,
    levels: &[Level],
    at: &[Seg],
    file: &crate::load::Loaded<GoalSource>,
    diags: &mut Diagnostics,
) {
    let depth = code.0.len() - 1;
    let place = list.len();
    list.push(Goal {
        code: code.clone(),
        depth,
        parent,
        name: g.name.trim().to_string(),
        aim: g.aim.as_deref().unwrap_or("").trim().to_string(),
        source: path.to_path_buf(),
    });
    if !g.goals.is_empty() && depth + 1 >= levels.len() {
        diags.push(
            file.error_at(
                &[at, &[key("goals")]].concat(),
                match levels.len() {
                    1 => m!("validate.goals-under-goal-one-level", code = code),
                    n => m!("validate.goals-under-goal", code = code, count = n),
                },
            )
            .expected(m!("validate.expected-level-for-them")),
        );
        return;
    }
    let mut numbers: Vec<u32> = Vec::new();
    for (i, child) in g.goals.iter().enumerate() {
        let child_at = [at, &[key("goals"), Seg::Index(i)]].concat();
        if numbers.contains(&child.number) {
            diags.push(
                file.error_at(
                    &[child_at.as_slice(), &[key("number")]].concat(),
                    m!(
                        "validate.child-number-twice",
                        number = child.number,
                        code = code
                    ),
                )
                .expected(m!("validate.expected-different-numbers")),
            );
            continue;
        }
        numbers.push(child.number);
        let mut child_code = code.clone();
        child_code.0.push(child.number);
        add(
            list,
            child,
            child_code,
            Some(place),
            path,
            levels,
            &child_at,
            file,
            diags,
        );
    }
}
