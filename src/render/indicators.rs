//! The table of indicators: baseline, each year's actual, the targets, the figure and the
//! rating, written straight into the page with its footnotes.

use super::cells::*;
use super::context::ViewCtx;
use super::html::Html;
use super::pages::goal_anchor;
use super::parts::IndicatorTable;
use super::site::goal_page_path;
use crate::fiscal_year::FiscalYear;
use crate::format;
use crate::markdown::escape_into;
use crate::model::*;

/// The indicator table, with its footnotes.
pub fn write_indicator_table(ctx: &ViewCtx, t: &IndicatorTable, html: &mut Html) {
    let report = ctx.report;
    let words = ctx.words();
    let rating = &report.config.rating;
    let status_year = *t.years.last().unwrap_or(&ctx.year());
    let results: Vec<Option<&YearResult>> = t
        .years
        .iter()
        .map(|y| report.years.iter().find(|r| r.year == *y).map(|r| &**r))
        .collect();
    let selected = || {
        report
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, ind)| t.goals.as_ref().is_none_or(|g| g.contains(&ind.goal)))
    };
    // Footnotes are numbered before the rows are written: a lone one is just ※.
    let mut notes = Footnotes::new(words.get("table.note_mark"));
    for (i, ind) in selected() {
        for result in &results {
            for s in 0..ind.series.len() {
                let obs = result.and_then(|r| r.observations.get(&series_ref(i, s)));
                if let Some(note) = Footnotes::of(obs) {
                    notes.note(note);
                }
            }
        }
    }
    // A column of the year's own targets, when some indicator here has one.
    let year_targets = selected().any(|(_, ind)| {
        ind.series
            .iter()
            .any(|s| s.targets.contains_key(&status_year))
    });
    table_start(html, "indicators", &t.caption);
    html.raw("<thead><tr>");
    if t.show_goal {
        th(
            html,
            &words.fill("table.goal", &[("level", ctx.top_level())]),
        );
    }
    th(html, &words.fill("table.indicator", &[("kinds", &t.kinds)]));
    th(html, words.get("table.baseline"));
    for y in &t.years {
        th(
            html,
            &words.fill("table.actual", &[("year", &ctx.short(*y))]),
        );
    }
    if year_targets {
        th(
            html,
            &words.fill("table.year_target", &[("year", &ctx.short(status_year))]),
        );
    }
    th(html, words.get("table.target"));
    th(html, &rating.figure);
    html.raw("<th scope=\"col\">")
        .text(words.get("table.rating"))
        .raw("<span class=\"th-note\">")
        .text(&words.fill("table.rating_year", &[("year", &ctx.label(status_year))]))
        .raw("</span></th></tr></thead>\n<tbody>\n");
    let status_slug = status_year.slug();
    let mut goal_cell = GoalCell::default();
    let mut fixed_cells = FixedCells::new(ctx);
    for (i, ind) in selected() {
        html.raw("<tr id=\"ind-")
            .text(&ind.id)
            .raw("-")
            .raw(&status_slug)
            .raw("\">");
        if t.show_goal {
            goal_cell.write(html, ind.goal, |out| write_goal_cell(ctx, ind.goal, out));
        }
        html.raw("<th scope=\"row\" class=\"name\">")
            .text(&ind.name);
        if ind.cumulative {
            html.raw("<span class=\"cumulative\">")
                .text(words.get("table.cumulative"))
                .raw("</span>");
        }
        if ind.series.iter().any(|s| s.direction == Direction::Lower) {
            html.raw("<span class=\"direction\">")
                .text(words.get("table.lower_is_better"))
                .raw("</span>");
        }
        if ind.kind != report.goals.level(ind.goal).indicator_kind {
            html.raw("<span class=\"kind\">")
                .text(&ind.kind)
                .raw("</span>");
        }
        department(html, words, ind);
        html.raw("</th>");
        let all = 0..ind.series.len();
        let label = |s| label_of(ind, s);
        fixed_cells.write(html, &notes, ind, all.clone(), label, Fixed::baseline(None));
        for (y, result) in t.years.iter().zip(&results) {
            html.raw("<td class=\"num\">");
            for (k, s) in ind.series.iter().enumerate() {
                let obs = result.and_then(|r| r.observations.get(&series_ref(i, k)));
                let revised = obs.is_some_and(Observation::is_revised);
                let measured = matches!(obs, Some(Observation::Measured { .. }));
                let value = Value {
                    label: label_of(ind, s),
                    emphasis: measured && (*y == ctx.year() || revised),
                    note: Footnotes::of(obs),
                };
                value.write(html, &notes, |o| observed(ctx, o, ind, obs, &s.unit, None));
            }
            html.raw("</td>");
        }
        if year_targets {
            write_year_targets(html, &notes, ind, status_year);
        }
        fixed_cells.write(html, &notes, ind, all.clone(), label, Fixed::target(None));
        html.raw("<td class=\"num\">");
        for (k, s) in ind.series.iter().enumerate() {
            let a = ctx.eval.assessment(series_ref(i, k), status_year);
            let v = Value {
                label: label_of(ind, s),
                emphasis: false,
                note: None,
            };
            v.write(html, &notes, |o| {
                match a.and_then(|a| a.figure).filter(|_| ind.milestone.is_none()) {
                    Some(f) => format::write_figure(o, f),
                    None => o.push_str(format::NONE),
                }
            });
        }
        html.raw("</td><td>");
        for k in all {
            let a = ctx.eval.assessment(series_ref(i, k), status_year);
            let level = a.map_or(rating.not_measured_ref(), |a| a.level);
            level_span(html, rating.get(level));
        }
        html.raw("</td></tr>\n");
        html.spill();
    }
    html.raw("</tbody>\n</table>\n</div>\n");
    notes.write_list(html);
}

/// The cell naming a row's goal, linked to its page (and its heading there, below the
/// top level): `基本目標2-1`.
fn write_goal_cell(ctx: &ViewCtx, goal: usize, out: &mut String) {
    let report = ctx.report;
    let goals = &report.goals;
    let top = goals.root_of(goal);
    out.push_str("<td class=\"strategy\"><a href=\"");
    escape_into(out, &ctx.year_root);
    escape_into(out, &goal_page_path(report, top));
    if goal != top {
        out.push_str("#h-");
        escape_into(out, &goal_anchor(report, goal));
    }
    out.push_str("\">");
    escape_into(out, &goals.level(goal).name);
    out.push_str("<wbr>");
    escape_into(out, &goals.slug(goal));
    out.push_str("</a></td>");
}

/// The year's own targets of an indicator's series (— where a series has none).
fn write_year_targets(html: &mut Html, notes: &Footnotes, ind: &Indicator, year: FiscalYear) {
    html.raw("<td class=\"num\">");
    for s in &ind.series {
        let v = Value {
            label: label_of(ind, s),
            emphasis: false,
            note: None,
        };
        v.write(html, notes, |o| match s.targets.get(&year) {
            Some(q) => figure(o, *q, &s.unit, None),
            None => o.push_str(format::NONE),
        });
    }
    html.raw("</td>");
}

/// 所管課, on a line of its own under the indicator's name.
pub fn department(html: &mut Html, words: &crate::vocabulary::Vocabulary, ind: &Indicator) {
    if let Some(d) = &ind.department {
        html.raw("<span class=\"department\">")
            .text(&words.fill("table.department_of", &[("department", d)]))
            .raw("</span>");
    }
}
