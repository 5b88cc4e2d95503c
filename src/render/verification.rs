//! The verification table (数値目標の検証): each row's figures, and the analysis and next
//! steps its rows share, written straight into the page with its footnotes.

use super::cells::*;
use super::context::ViewCtx;
use super::html::Html;
use super::parts::VerificationTable;
use crate::markdown::escape_into;
use crate::model::*;
use std::ops::Range;

/// Whether the report year has verification rows for the goals of `goals` (or any).
pub fn has_verification(ctx: &ViewCtx, goals: Option<Range<usize>>) -> bool {
    let report = ctx.report;
    report
        .years
        .iter()
        .find(|r| r.year == ctx.year())
        .is_some_and(|result| {
            result
                .verification
                .iter()
                .any(|e| rows_of(report, goals.as_ref(), e).next().is_some())
        })
}

/// The rows of an entry about the indicators of the goals of `goals` (or all).
fn rows_of<'a>(
    report: &'a Report,
    goals: Option<&'a Range<usize>>,
    entry: &'a Verification,
) -> impl Iterator<Item = &'a VerificationRow> + 'a {
    entry
        .rows
        .iter()
        .filter(move |r| goals.is_none_or(|g| g.contains(&report.indicators[r.indicator].goal)))
}

/// The series a row shows: its own, or all of the indicator's.
fn series_of(report: &Report, row: &VerificationRow) -> Range<usize> {
    match row.series {
        Some(s) => s..s + 1,
        None => 0..report.indicators[row.indicator].series.len(),
    }
}

/// The verification: each row's figures, and the analysis and next steps of its entry.
pub fn write_verification_table(ctx: &ViewCtx, t: &VerificationTable, html: &mut Html) {
    let report = ctx.report;
    let words = ctx.words();
    let Some(result) = report.years.iter().find(|r| r.year == ctx.year()) else {
        return;
    };
    let selected = |e| rows_of(report, t.goals.as_ref(), e);
    let mut notes = Footnotes::new(words.get("table.note_mark"));
    for entry in &result.verification {
        for row in selected(entry) {
            for s in series_of(report, row) {
                let obs = result.observations.get(&series_ref(row.indicator, s));
                if let Some(note) = Footnotes::of(obs) {
                    notes.note(note);
                }
            }
        }
    }
    table_start(html, "verification", &t.caption);
    html.raw("<thead><tr>");
    th(
        html,
        &words.fill("table.goal", &[("level", ctx.top_level())]),
    );
    th(html, &words.fill("table.indicator", &[("kinds", &t.kinds)]));
    th(html, words.get("table.baseline"));
    th(
        html,
        &words.fill("table.actual", &[("year", &ctx.short(ctx.year()))]),
    );
    th(html, words.get("table.target"));
    th(html, words.get("table.analysis"));
    th(html, words.get("table.next_steps"));
    html.raw("</tr></thead>\n<tbody>\n");
    let mut goal_cell = GoalCell::default();
    let mut fixed_cells = FixedCells::new(ctx);
    for entry in &result.verification {
        let count = selected(entry).count();
        if count == 0 {
            continue;
        }
        let analysis = ctx.markdown(&entry.analysis, t.level, Some(&entry.source));
        let next_steps = ctx.markdown(&entry.next_steps, t.level, Some(&entry.source));
        for (k, row) in selected(entry).enumerate() {
            let ind = &report.indicators[row.indicator];
            let name = match row.series {
                Some(s) if ind.compound => &ind.series[s].name,
                _ => &ind.name,
            };
            html.raw("<tr>");
            goal_cell.write(html, ind.goal, |out| {
                let goals = &report.goals;
                out.push_str("<td class=\"strategy\">");
                escape_into(out, &goals.level(ind.goal).name);
                out.push_str("<wbr>");
                escape_into(out, &goals.slug(ind.goal));
                out.push_str("</td>");
            });
            html.raw("<th scope=\"row\" class=\"name\">").text(name);
            super::indicators::department(html, words, ind);
            html.raw("</th>");
            let series = series_of(report, row);
            // A row of one series of a compound indicator is named by it; no labels then.
            let shown = |s| row.series.is_none().then(|| label_of(ind, s)).flatten();
            let baseline = Fixed::baseline(row.scale);
            fixed_cells.write(html, &notes, ind, series.clone(), shown, baseline);
            html.raw("<td class=\"num\">");
            for k in series.clone() {
                let s = &ind.series[k];
                let obs = result.observations.get(&series_ref(row.indicator, k));
                let v = Value {
                    label: shown(s),
                    emphasis: obs.is_some_and(Observation::is_revised),
                    note: Footnotes::of(obs),
                };
                v.write(html, &notes, |o| {
                    observed(ctx, o, ind, obs, &s.unit, row.scale)
                });
            }
            html.raw("</td>");
            fixed_cells.write(html, &notes, ind, series, shown, Fixed::target(row.scale));
            if k == 0 {
                let span = count.to_string();
                html.raw("<td class=\"prose\" rowspan=\"")
                    .raw(&span)
                    .raw("\">")
                    .raw(&analysis)
                    .raw("</td><td class=\"prose\" rowspan=\"")
                    .raw(&span)
                    .raw("\">")
                    .raw(&next_steps)
                    .raw("</td>");
            }
            html.raw("</tr>\n");
        }
        html.spill();
    }
    html.raw("</tbody>\n</table>\n</div>\n");
    notes.write_list(html);
}
