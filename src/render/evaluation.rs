//! Views of the evaluation page (each year's table, the verification, the notes), of the
//! external committee's opinions, and of the open-data page's files.

use super::context::ViewCtx;
use super::parts::{IndicatorTable, Part, VerificationTable};
use super::slots::Slot;
use super::verification::has_verification;
use serde::Serialize;

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
                .join(ctx.words().get("desc.list")),
        })
        .collect()
}

/// An external committee's opinion on a goal.
#[derive(Clone, Debug, Serialize)]
pub struct OpinionView {
    pub goal: String,
    pub anchor: String,
    pub html: String,
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
