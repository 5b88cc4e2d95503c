//! Views of the report's own pages: home, evaluation, goals, notes and the open data.

use super::charts::{indicator_charts, IndicatorChartsView};
use super::context::ViewCtx;
use super::evaluation::{opinions, OpinionView};
use super::parts::{IndicatorTable, Part, VerificationTable};
use super::site::goal_page_path;
use super::slots::Slot;
use super::verification::has_verification;
use crate::evaluate::LevelCounts;
use crate::model::*;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct PurposeView {
    pub title: String,
    pub items: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PerspectiveView {
    pub name: String,
    /// The full report's heading for it: the plan's title, and the content's note.
    pub heading: String,
    pub basic_idea: String,
    pub purposes: Vec<PurposeView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanView {
    pub title: String,
    /// The cover's subtitle.
    pub subtitle: String,
    pub overview: String,
    pub perspective: Option<PerspectiveView>,
    /// The top level's name: 戦略, 基本目標.
    pub level: String,
    /// The kinds of indicator, joined: 数値目標・KPI.
    pub kinds: String,
    pub goal_count: usize,
}

pub fn plan_view(ctx: &ViewCtx, level: u8) -> PlanView {
    let plan = &ctx.report.plan;
    let words = ctx.words();
    let kinds = ctx.kinds().to_string();
    PlanView {
        title: plan.title.clone(),
        subtitle: plan
            .subtitle
            .clone()
            .unwrap_or_else(|| words.fill("full.subtitle", &[("kinds", &kinds)])),
        overview: ctx.markdown(&plan.overview, level, Some(&plan.source)),
        perspective: plan.perspective.as_ref().map(|p| PerspectiveView {
            name: p.name.clone(),
            heading: match &p.heading_note {
                Some(note) => {
                    words.fill("full.perspective", &[("plan", &plan.title), ("note", note)])
                }
                None => plan.title.clone(),
            },
            basic_idea: ctx.markdown(&p.basic_idea, level, Some(&plan.source)),
            purposes: p
                .purposes
                .iter()
                .map(|p| PurposeView {
                    title: p.title.clone(),
                    items: p.items.clone(),
                })
                .collect(),
        }),
        level: ctx.top_level().to_string(),
        kinds,
        goal_count: ctx.report.goals.top().count(),
    }
}

/// A level of the rating, as tables and legends show it: `◎ 順調`.
#[derive(Clone, Debug, Serialize)]
pub struct LevelView {
    pub id: String,
    pub label: String,
    pub symbol: String,
}

impl From<&RatingLevel> for LevelView {
    fn from(l: &RatingLevel) -> Self {
        LevelView {
            id: l.id.clone(),
            label: l.label.clone(),
            symbol: l.symbol.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SummaryRowView {
    pub goal: String,
    pub name: String,
    pub href: String,
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct SummaryView {
    pub caption: String,
    pub level: String,
    pub chart: Slot,
    pub levels: Vec<LevelView>,
    pub rows: Vec<SummaryRowView>,
    pub totals: Vec<usize>,
    pub total: usize,
}

/// The levels a table of counts shows: every declared one and 未測定, and 評価なし only
/// when something is not rated.
pub fn shown_levels(ctx: &ViewCtx) -> Vec<LevelRef> {
    let rating = &ctx.report.config.rating;
    rating
        .all()
        .map(|(r, _)| r)
        .filter(|r| *r != rating.not_rated_ref() || ctx.eval.overall.get(*r) > 0)
        .collect()
}

/// One row of a table or chart of counts: a goal (with the goals under it), or the
/// indicators hung on a goal itself.
pub struct CountRow {
    pub label: String,
    pub name: String,
    pub href: String,
    pub counts: LevelCounts,
}

/// The rows of counts: one per top-level goal, or under `under` a row for its own
/// indicators (when it has any) and one per goal directly under it.
pub fn count_rows(ctx: &ViewCtx, under: Option<usize>) -> Vec<CountRow> {
    let report = ctx.report;
    let goals = &report.goals;
    let eval = ctx.eval;
    let row = |g: usize| CountRow {
        label: goals.label(g),
        name: goals.list[g].name.clone(),
        href: match under {
            None => ctx.href(&goal_page_path(report, g)),
            Some(_) => format!("#h-{}", goal_anchor(report, g)),
        },
        counts: eval.counts(g).clone(),
    };
    match under {
        None => goals.top().map(|(g, _)| row(g)).collect(),
        Some(g) => {
            let children: Vec<CountRow> = goals.children(g).map(|(c, _)| row(c)).collect();
            let mut own = eval.counts(g).clone();
            for c in &children {
                for (level, n) in &c.counts.counts {
                    if let Some(v) = own.counts.get_mut(level) {
                        *v -= n;
                    }
                }
            }
            own.counts.retain(|_, n| *n > 0);
            let mut rows = Vec::new();
            if own.total() > 0 {
                let kinds = report
                    .indicators
                    .iter()
                    .find(|i| i.goal == g)
                    .map_or_else(|| goals.level(g).indicator_kind.clone(), |i| i.kind.clone());
                rows.push(CountRow {
                    label: goals.label(g),
                    name: kinds,
                    href: "#h-indicators".into(),
                    counts: own,
                });
            }
            rows.extend(children);
            rows
        }
    }
}

/// The anchor of a goal's section or heading: `strategy-1`, `goal-2-1`.
pub fn goal_anchor(report: &Report, g: usize) -> String {
    match report.goals.folder {
        "strategies" => format!("strategy-{}", report.goals.slug(g)),
        _ => format!("goal-{}", report.goals.slug(g)),
    }
}

/// The caption of the table of counts and the title of its chart: of the top-level
/// goals, or under a goal.
pub fn summary_caption(ctx: &ViewCtx, under: Option<usize>) -> String {
    let year = ctx.label(ctx.year());
    match under {
        None => ctx.words().fill(
            "summary.caption",
            &[
                ("level", ctx.top_level()),
                ("kinds", ctx.kinds()),
                ("year", &year),
            ],
        ),
        Some(g) => ctx.words().fill(
            "summary.sub_caption",
            &[
                ("goal", &ctx.report.goals.label(g)),
                ("kinds", ctx.kinds_under(g)),
                ("year", &year),
            ],
        ),
    }
}

/// The table of counts (with its chart): of the top-level goals, or under a goal.
pub fn summary_view(ctx: &ViewCtx, under: Option<usize>) -> SummaryView {
    let eval = ctx.eval;
    let rating = &ctx.report.config.rating;
    let shown = shown_levels(ctx);
    let totals = eval.counts_under(under);
    SummaryView {
        caption: summary_caption(ctx, under),
        level: match under {
            Some(g) => ctx.report.goals.children(g).next().map_or_else(
                || ctx.top_level().to_string(),
                |(c, _)| ctx.report.goals.level(c).name.clone(),
            ),
            None => ctx.top_level().to_string(),
        },
        chart: ctx.slot(Part::StatusChart { under }),
        levels: shown.iter().map(|r| rating.get(*r).into()).collect(),
        rows: count_rows(ctx, under)
            .into_iter()
            .map(|r| SummaryRowView {
                goal: r.label,
                name: r.name,
                href: r.href,
                counts: shown.iter().map(|l| r.counts.get(*l)).collect(),
                total: r.counts.total(),
            })
            .collect(),
        totals: shown.iter().map(|r| totals.get(*r)).collect(),
        total: totals.total(),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalView {
    /// `戦略1`, `具体的施策2-1`.
    pub label: String,
    /// `戦略1 若者定着`.
    pub heading: String,
    pub name: String,
    /// The aim as HTML: one paragraph's content, or blocks when `aim_blocks`.
    pub aim: String,
    /// The aim is more than one paragraph (a list, a photo): print it as blocks.
    pub aim_blocks: bool,
    pub href: String,
    pub anchor: String,
    pub depth: usize,
    /// The kinds of its own indicators: 数値目標, KPI.
    pub kinds: String,
    /// The kinds of the indicators under it too.
    pub kinds_under: String,
    /// The table of its own indicators.
    pub table: Option<Slot>,
    pub charts: Vec<IndicatorChartsView>,
    /// The goals under it, each with its own table and charts.
    pub goals: Vec<GoalView>,
    /// The verification of every indicator under it (top-level goals only).
    pub verification: Option<Slot>,
    pub opinions: Vec<OpinionView>,
    /// The counts of its own indicators and of each goal under it (top-level goals with
    /// goals under them).
    pub summary: Option<SummaryView>,
}

/// What a goal's view holds: its tables and charts (a page about it), or only its name
/// and aim (a list of goals).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum GoalDetail {
    Brief,
    Full,
}

pub fn goal_view(ctx: &ViewCtx, g: usize, detail: GoalDetail, level: u8) -> GoalView {
    let report = ctx.report;
    let goals = &report.goals;
    let goal = &goals.list[g];
    let full = detail == GoalDetail::Full;
    let year_label = ctx.label(ctx.year());
    let own: Vec<usize> = report
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.goal == g)
        .map(|(i, _)| i)
        .collect();
    let own_kinds = {
        let mut kinds: Vec<&str> = Vec::new();
        for i in &own {
            let k = report.indicators[*i].kind.as_str();
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        if kinds.is_empty() {
            kinds.push(&goals.level(g).indicator_kind);
        }
        kinds.join(ctx.words().get("notes.compound_join"))
    };
    let heading = goals.heading(g);
    let subtree = goals.subtree(g);
    let top = goal.depth == 0;
    let anchor = goal_anchor(report, g);
    let href = match top {
        true => ctx.href(&goal_page_path(report, g)),
        false => format!("{}#h-{anchor}", ctx.href(&goal_page_path(report, g))),
    };
    // The aim is Markdown (a photo resolves from the goal's file); one paragraph is
    // printed inline, inside the theme's own paragraph.
    let aim_html = ctx.markdown(&goal.aim, level, Some(&goal.source));
    let inline = aim_html
        .trim_end()
        .strip_prefix("<p>")
        .and_then(|a| a.strip_suffix("</p>"))
        .filter(|a| !a.contains("<p>"))
        .map(str::to_string);
    GoalView {
        label: goals.label(g),
        name: goal.name.clone(),
        aim_blocks: inline.is_none() && !aim_html.trim().is_empty(),
        aim: inline.unwrap_or(aim_html),
        href,
        depth: goal.depth,
        kinds: own_kinds.clone(),
        kinds_under: ctx.kinds_under(g).to_string(),
        table: (full && !own.is_empty()).then(|| {
            ctx.slot(Part::IndicatorTable(IndicatorTable {
                caption: ctx
                    .words()
                    .fill("goal.table", &[("goal", &heading), ("kinds", &own_kinds)]),
                years: ctx.eval.years.clone(),
                goals: Some(g..g + 1),
                show_goal: false,
                kinds: own_kinds.clone(),
            }))
        }),
        // Filled by the page that shows them.
        charts: if full {
            own.iter().map(|i| indicator_charts(ctx, *i)).collect()
        } else {
            Vec::new()
        },
        goals: goals
            .children(g)
            .map(|(c, _)| goal_view(ctx, c, detail, level))
            .collect(),
        verification: (full && top && has_verification(ctx, Some(subtree.clone()))).then(|| {
            ctx.slot(Part::VerificationTable(VerificationTable {
                caption: ctx.words().fill(
                    "goal.verification_caption",
                    &[
                        ("goal", &goals.label(g)),
                        ("kinds", ctx.kinds_under(g)),
                        ("year", &year_label),
                    ],
                ),
                goals: Some(subtree.clone()),
                level,
                kinds: ctx.kinds_under(g).to_string(),
            }))
        }),
        opinions: if full {
            opinions(ctx, Some(g), level)
        } else {
            Vec::new()
        },
        summary: (full && top && goals.children(g).next().is_some())
            .then(|| summary_view(ctx, Some(g))),
        heading,
        anchor,
    }
}
