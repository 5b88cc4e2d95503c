//! Views of the report's own pages: home, evaluation, goals, notes and the open data.

use super::charts::{indicator_charts, IndicatorChartsView};
use super::context::ViewCtx;
use super::parts::{IndicatorTable, Part, VerificationTable};
use super::site::goal_page_path;
use super::slots::Slot;
use super::verification::has_verification;
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
        overview: ctx.markdown(&plan.overview, level, None),
        perspective: plan.perspective.as_ref().map(|p| PerspectiveView {
            name: p.name.clone(),
            heading: match &p.heading_note {
                Some(note) => {
                    words.fill("full.perspective", &[("plan", &plan.title), ("note", note)])
                }
                None => plan.title.clone(),
            },
            basic_idea: ctx.markdown(&p.basic_idea, level, None),
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

pub fn summary_view(ctx: &ViewCtx) -> SummaryView {
    let eval = ctx.eval;
    let rating = &ctx.report.config.rating;
    let goals = &ctx.report.goals;
    let shown = shown_levels(ctx);
    SummaryView {
        caption: ctx.words().fill(
            "summary.caption",
            &[
                ("level", ctx.top_level()),
                ("kinds", ctx.kinds()),
                ("year", &ctx.label(ctx.year())),
            ],
        ),
        level: ctx.top_level().to_string(),
        chart: ctx.slot(Part::StatusChart { under: None }),
        levels: shown.iter().map(|r| rating.get(*r).into()).collect(),
        rows: goals
            .top()
            .map(|(g, goal)| {
                let counts = eval.counts(g);
                SummaryRowView {
                    goal: goals.label(g),
                    name: goal.name.clone(),
                    href: ctx.href(&goal_page_path(ctx.report, g)),
                    counts: shown.iter().map(|r| counts.get(*r)).collect(),
                    total: counts.total(),
                }
            })
            .collect(),
        totals: shown.iter().map(|r| eval.overall.get(*r)).collect(),
        total: eval.overall.total(),
    }
}

/// An external committee's opinion on a goal.
#[derive(Clone, Debug, Serialize)]
pub struct OpinionView {
    pub goal: String,
    pub anchor: String,
    pub html: String,
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
    let anchor = if goals.folder == "strategies" {
        format!("strategy-{}", goals.slug(g))
    } else {
        format!("goal-{}", goals.slug(g))
    };
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
        heading,
        anchor,
    }
}

/// The external committee's opinions of the report year: on `goal` alone, or on every goal.
pub fn opinions(ctx: &ViewCtx, goal: Option<usize>, level: u8) -> Vec<OpinionView> {
    let Some(result) = ctx.report.years.iter().find(|r| r.year == ctx.year()) else {
        return Vec::new();
    };
    let Some(external) = &result.external else {
        return Vec::new();
    };
    let goals = &ctx.report.goals;
    external
        .opinions
        .iter()
        .filter(|(g, _)| goal.is_none_or(|x| x == *g))
        .map(|(g, text)| OpinionView {
            goal: goals.heading(*g),
            anchor: format!("opinion-{}", goals.slug(*g)),
            html: ctx.markdown(text, level, Some(&external.source)),
        })
        .collect()
}

/// The committee that gave the report year's opinions, when the content names it.
pub fn committee(ctx: &ViewCtx) -> Option<String> {
    let result = ctx.report.years.iter().find(|r| r.year == ctx.year())?;
    result.external.as_ref()?.committee.clone()
}

#[derive(Clone, Debug, Serialize)]
pub struct YearEvaluationView {
    pub heading: String,
    pub commentary: Option<String>,
    pub table: Slot,
}

/// The evaluation of each year up to the report year, oldest first.
pub fn year_evaluations(ctx: &ViewCtx, level: u8) -> Vec<YearEvaluationView> {
    let short = &ctx.report.plan.short_title;
    ctx.eval
        .years
        .iter()
        .map(|y| {
            let result = ctx.report.years.iter().find(|r| r.year == *y);
            let heading = ctx.words().fill(
                "evaluation.heading",
                &[
                    ("short", short),
                    ("kinds", ctx.kinds()),
                    ("year", &ctx.label(*y)),
                ],
            );
            YearEvaluationView {
                commentary: result.and_then(|r| {
                    r.commentary
                        .as_ref()
                        .map(|c| ctx.markdown(c, level, Some(&r.source)))
                }),
                table: ctx.slot(Part::IndicatorTable(IndicatorTable {
                    caption: heading.clone(),
                    years: vec![*y],
                    goals: None,
                    show_goal: true,
                    kinds: ctx.kinds().to_string(),
                })),
                heading,
            }
        })
        .collect()
}

/// The verification of the report year, for all goals.
#[derive(Clone, Debug, Serialize)]
pub struct VerificationView {
    pub caption: String,
    pub table: Slot,
}

pub fn verification_view(ctx: &ViewCtx, level: u8) -> Option<VerificationView> {
    if !has_verification(ctx, None) {
        return None;
    }
    let caption = ctx.words().fill(
        "evaluation.verification",
        &[
            ("short", &ctx.report.plan.short_title),
            ("kinds", ctx.kinds()),
            ("year", &ctx.label(ctx.year())),
        ],
    );
    Some(VerificationView {
        table: ctx.slot(Part::VerificationTable(VerificationTable {
            caption: caption.clone(),
            goals: None,
            level,
            kinds: ctx.kinds().to_string(),
        })),
        caption,
    })
}

#[derive(Clone, Debug, Serialize)]
pub struct NotesView {
    pub rule: Vec<String>,
    pub variants: Vec<String>,
}

/// The notes printed in every report: the rating in force, and the name variants.
pub fn notes_view(ctx: &ViewCtx) -> NotesView {
    super::notes::notes(ctx)
}

/// One downloadable table, for the open data page.
#[derive(Clone, Debug, Serialize)]
pub struct DataFileView {
    pub title: String,
    pub csv: String,
    pub json: String,
    pub rows: usize,
    pub columns: Vec<crate::opendata::Column>,
    pub units: String,
}

pub fn data_files(
    ctx: &ViewCtx,
    tables: &[(crate::opendata::Table, crate::opendata::Written)],
) -> Vec<DataFileView> {
    tables
        .iter()
        .map(|(t, written)| DataFileView {
            title: t.title.clone(),
            csv: ctx.href(&format!("data/{}.csv", t.slug)),
            json: ctx.href(&format!("data/{}.json", t.slug)),
            rows: written.rows,
            columns: t.columns.clone(),
            units: written
                .units
                .iter()
                .map(String::as_str)
                .filter(|u| !u.is_empty())
                .collect::<Vec<_>>()
                .join("、"),
        })
        .collect()
}
