//! The notes of every report: the rating in force, written from the rating the content
//! declares (its formula, each level's symbol, label and meaning, the pace of each
//! year), and the other wordings of indicators' names.

use super::context::ViewCtx;
use super::evaluation::NotesView;
use crate::evaluate::{expected_progress, Figure};
use crate::format;
use crate::model::{Method, Threshold};

pub fn notes(ctx: &ViewCtx) -> NotesView {
    let report = ctx.report;
    let words = ctx.words();
    let rating = &report.config.rating;
    let period = report.plan.period;
    let pace = rating.pace.rescaled(2).unwrap_or(rating.pace);
    let mut rule = vec![words
        .get(&format!("notes.formula.{}", rating.method.key()))
        .to_string()];
    for (_, level) in rating.all() {
        if level.id == rating.not_rated.id && ctx.eval.overall.get(rating.not_rated_ref()) == 0 {
            continue;
        }
        let meaning = crate::vocabulary::fill_text(
            &level.meaning,
            &[
                ("period", &ctx.period(period)),
                ("years", &period.len().to_string()),
                ("pace", &format::plain_number(pace)),
            ],
        );
        rule.push(words.fill(
            "notes.level",
            &[
                ("symbol", &level.symbol),
                ("label", &level.label),
                ("meaning", &meaning),
            ],
        ));
    }
    // The progress each year must reach for a level `at_least: pace`, over the years an
    // indicator spans when it names none of its own (the rating's own rule).
    let paced = rating
        .levels
        .iter()
        .find(|l| l.condition.at_least == Some(Threshold::Pace));
    if let (Method::Progress, Some(level)) = (rating.method, paced) {
        for year in &ctx.eval.years {
            let (num, den) = expected_progress(rating, period.default_span(), *year);
            let expected = Figure::ratio(num, den);
            let mut percent = String::new();
            match expected {
                Some(f) => format::write_figure(&mut percent, f),
                None => percent.push_str(format::NONE),
            }
            rule.push(words.fill(
                "notes.pace",
                &[
                    ("year", &ctx.label(*year)),
                    ("level", &level.label),
                    ("figure", &rating.figure),
                    ("percent", &percent),
                ],
            ));
        }
        // Indicators with years of their own are paced over those years (`assess`).
        if ctx.show_years() {
            rule.push(words.get("notes.pace_own_years").to_string());
        }
    }
    if let Some(compound) = report.indicators.iter().find(|i| i.compound) {
        let join = words.get("notes.compound_join");
        let example = compound
            .series
            .iter()
            .map(|s| s.label.clone().unwrap_or_else(|| s.name.clone()))
            .collect::<Vec<_>>()
            .join(join);
        rule.push(words.fill(
            "notes.compound",
            &[("kinds", ctx.kinds()), ("example", &example)],
        ));
    }
    if report.indicators.iter().any(|i| i.cumulative) {
        rule.push(words.get("notes.cumulative").to_string());
    }
    let variants = report
        .indicators
        .iter()
        .flat_map(|i| {
            i.variants
                .iter()
                .filter(|v| v.year.is_none_or(|y| y <= ctx.year()))
                .map(move |v| {
                    let note = v
                        .note
                        .as_deref()
                        .map(|n| words.fill("notes.variant_note", &[("note", n.trim())]))
                        .unwrap_or_default();
                    words.fill(
                        "notes.variant",
                        &[("name", &i.name), ("variant", &v.text), ("note", &note)],
                    )
                })
        })
        .collect();
    NotesView { rule, variants }
}
