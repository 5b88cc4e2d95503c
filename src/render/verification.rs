//! The verification table (数値目標の検証): each row's figures, and the analysis and next
//! steps its rows share, written straight into the page with its footnotes.

use super::cells::*;
use super::context::ViewCtx;
use super::html::Html;
use super::parts::VerificationTable;
use crate::model::*;

/// Whether the report year has verification rows for the goals of `goals` (or any).
pub fn has_verification(ctx: &ViewCtx, goals: Option<std::ops::Range<usize>>) -> bool {
    let report = ctx.report;
    report
        .years
        .iter()
        .find(|r| r.year == ctx.year())
        .is_some_and(|result| {
            result.verification.iter().any(|e| {
                e.rows.iter().any(|r| {
                    goals
                        .as_ref()
                        .is_none_or(|g| g.contains(&report.indicators[r.indicator].goal))
                })
            })
        })
}

/// The verification: each row's figures, and the analysis and next steps of its entry.
pub fn write_verification_table(ctx: &ViewCtx, t: &VerificationTable, html: &mut Html) {
    let report = ctx.report;
    let words = ctx.words();
    let Some(result) = report.years.iter().find(|r| r.year == ctx.year()) else {
        return;
    };
    let selected = |e: &'_ Verification| -> Vec<VerificationRow> {
        e.rows
            .iter()
            .filter(|r| {
                t.goals
                    .as_ref()
                    .is_none_or(|g| g.contains(&report.indicators[r.indicator].goal))
            })
            .copied()
            .collect()
    };
    // The series a row shows: its own, or all of the indicator's.
    let series_of = |row: &VerificationRow| -> Vec<usize> {
        match row.series {
            Some(s) => vec![s],
            None => (0..report.indicators[row.indicator].series.len()).collect(),
        }
    };
    let mut notes = Footnotes::new(words.get("table.note_mark"));
    for entry in &result.verification {
        for row in selected(entry) {
            for s in series_of(&row) {
                let obs = result.observations.get(&series_ref(row.indicator, s));
                if let Some(note) = Footnotes::of(obs) {
                    notes.note(note);
                }
            }
        }
    }
    table_start(html, "verification", &t.caption);
    html.raw("<thead><tr>");
    let th = |html: &mut Html, text: &str| {
        html.raw("<th scope=\"col\">").text(text).raw("</th>");
    };
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
    for entry in &result.verification {
        let rows = selected(entry);
        if rows.is_empty() {
            continue;
        }
        let analysis = ctx.markdown(&entry.analysis, t.level, Some(&entry.source));
        let next_steps = ctx.markdown(&entry.next_steps, t.level, Some(&entry.source));
        for (k, row) in rows.iter().enumerate() {
            let ind = &report.indicators[row.indicator];
            let name = match row.series {
                Some(s) if ind.compound => &ind.series[s].name,
                _ => &ind.name,
            };
            html.raw("<tr><td class=\"strategy\">")
                .text(&report.goals.level(ind.goal).name)
                .raw("<wbr>")
                .text(&report.goals.list[ind.goal].code.to_string())
                .raw("</td><th scope=\"row\" class=\"name\">")
                .text(name);
            super::indicators::department(html, words, ind);
            html.raw("</th>");
            let series = series_of(row);
            // A row of one series of a compound indicator is named by it; no labels then.
            let shown = |s| row.series.is_none().then(|| label_of(ind, s)).flatten();
            write_fixed_cell(
                ctx,
                html,
                &notes,
                &series,
                ind,
                shown,
                Fixed::baseline(row.scale),
            );
            html.raw("<td class=\"num\">");
            for k in &series {
                let s = &ind.series[*k];
                let obs = result.observations.get(&series_ref(row.indicator, *k));
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
            write_fixed_cell(
                ctx,
                html,
                &notes,
                &series,
                ind,
                shown,
                Fixed::target(row.scale),
            );
            if k == 0 {
                let span = rows.len().to_string();
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
