//! The tables of indicators: 数値目標 with actuals, progress and status, and 数値目標の検証,
//! written straight into the page with their footnotes.

use super::context::ViewCtx;
use super::html::Html;
use crate::evaluate::Status;
use crate::fiscal_year::FiscalYear;
use crate::format::{self, Scale};
use crate::model::*;
use crate::quantity::Quantity;
use serde::Serialize;

/// How a status is shown: `◎ 順調`.
#[derive(Clone, Debug, Serialize)]
pub struct StatusView {
    pub label: &'static str,
    pub symbol: &'static str,
    pub key: &'static str,
}

impl From<Status> for StatusView {
    fn from(s: Status) -> Self {
        StatusView {
            label: s.label(),
            symbol: s.symbol(),
            key: s.key(),
        }
    }
}

/// The footnotes of one table, numbered in order of first use; a lone footnote is just `※`.
#[derive(Default)]
struct Footnotes<'a> {
    texts: Vec<&'a str>,
}

impl<'a> Footnotes<'a> {
    fn note(&mut self, text: &'a str) {
        if !self.texts.contains(&text) {
            self.texts.push(text);
        }
    }

    /// The note an observation carries, if any.
    fn of(obs: Option<&'a Observation>) -> Option<&'a str> {
        match obs? {
            Observation::Measured {
                revision: Some(r), ..
            } => Some(&r.note),
            Observation::Measured { .. } => None,
            Observation::Missing { reason } => Some(reason),
        }
    }

    fn write_mark(&self, html: &mut Html, text: &str) {
        let i = self.texts.iter().position(|t| *t == text).unwrap_or(0);
        html.raw("<span class=\"note-mark\">");
        self.mark(html, i);
        html.raw("</span>");
    }

    fn mark(&self, html: &mut Html, i: usize) {
        html.raw("※");
        if self.texts.len() > 1 {
            html.raw(&(i + 1).to_string());
        }
    }

    fn write_list(&self, html: &mut Html) {
        if self.texts.is_empty() {
            return;
        }
        html.raw("<ul class=\"footnotes\">\n");
        for (i, text) in self.texts.iter().enumerate() {
            html.raw("<li><span class=\"note-mark\">");
            self.mark(html, i);
            html.raw("</span> ").text(text).raw("</li>\n");
        }
        html.raw("</ul>");
    }
}

/// One value in a cell: `<span class="value">`, with the series label, bold and a mark.
struct Value<'a> {
    label: Option<&'a str>,
    emphasis: bool,
    note: Option<&'a str>,
}

impl Value<'_> {
    fn write(&self, html: &mut Html, notes: &Footnotes, text: impl FnOnce(&mut String)) {
        html.raw("<span class=\"value\">");
        if let Some(label) = self.label {
            html.raw("<span class=\"series-label\">")
                .text(label)
                .raw("</span> ");
        }
        if self.emphasis {
            html.raw("<strong>");
        }
        text(html.buf());
        if self.emphasis {
            html.raw("</strong>");
        }
        if let Some(note) = self.note {
            notes.write_mark(html, note);
        }
        html.raw("</span>");
    }
}

/// A value with no mark and no emphasis: baselines, targets, progress.
fn plain<'a>(indicator: &Indicator, series: &'a Series) -> Value<'a> {
    Value {
        label: label_of(indicator, series),
        emphasis: false,
        note: None,
    }
}

fn label_of<'a>(indicator: &Indicator, series: &'a Series) -> Option<&'a str> {
    if indicator.compound {
        series.label.as_deref()
    } else {
        None
    }
}

/// A figure as tables print it; the unit and any scale are escaped like text.
fn figure(out: &mut String, q: Quantity, unit: &str, scale: Option<Scale>) {
    let start = out.len();
    format::write_with_unit(out, q, unit, scale);
    if out[start..].contains(['&', '<', '>', '"', '\'']) {
        let raw = out.split_off(start);
        crate::markdown::escape_into(out, &raw);
    }
}

/// An observation's value: the figure, or — when missing or not yet reported.
fn observed(out: &mut String, obs: Option<&Observation>, unit: &str, scale: Option<Scale>) {
    match obs {
        Some(Observation::Measured { value, .. }) => figure(out, *value, unit, scale),
        _ => out.push_str(format::NONE),
    }
}

fn status_span(html: &mut Html, status: Status) {
    html.raw("<span class=\"status status-")
        .raw(status.key())
        .raw("\"><span class=\"status-symbol\" aria-hidden=\"true\">")
        .text(status.symbol())
        .raw("</span>")
        .text(status.label())
        .raw("</span>");
}

fn table_start(html: &mut Html, class: &str, caption: &str) {
    html.raw("<div class=\"table-wrap\" role=\"region\" aria-label=\"")
        .text(caption)
        .raw("\" tabindex=\"0\">\n<table class=\"")
        .raw(class)
        .raw("\">\n<caption>")
        .text(caption)
        .raw("</caption>\n");
}

/// What an indicator table shows.
pub struct IndicatorTable {
    pub caption: String,
    /// One column of actuals per year; progress and status are those of the last.
    pub years: Vec<FiscalYear>,
    /// One strategy's indicators, or all.
    pub strategy: Option<u32>,
    /// A column naming each row's strategy (tables of all strategies).
    pub show_strategy: bool,
}

/// The 数値目標 table, with its footnotes.
pub fn write_indicator_table(ctx: &ViewCtx, t: &IndicatorTable, html: &mut Html) {
    let report = ctx.report;
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
            .filter(|(_, ind)| t.strategy.is_none_or(|s| s == ind.strategy))
    };
    // Footnotes are numbered before the rows are written: a lone one is just ※.
    let mut notes = Footnotes::default();
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
    table_start(html, "indicators", &t.caption);
    html.raw("<thead><tr>");
    if t.show_strategy {
        html.raw("<th scope=\"col\">戦略</th>");
    }
    html.raw("<th scope=\"col\">数値目標</th><th scope=\"col\">当初値</th>");
    for y in &t.years {
        html.raw("<th scope=\"col\">")
            .text(&y.short())
            .raw("実績値</th>");
    }
    html.raw("<th scope=\"col\">目標値</th><th scope=\"col\">進捗率</th><th scope=\"col\">評価<span class=\"th-note\">（")
        .text(&status_year.label())
        .raw("）</span></th></tr></thead>\n<tbody>\n");
    let status_slug = status_year.slug();
    for (i, ind) in selected() {
        html.raw("<tr id=\"ind-")
            .text(&ind.id)
            .raw("-")
            .raw(&status_slug)
            .raw("\">");
        if t.show_strategy {
            let strategy = ind.strategy.to_string();
            html.raw("<td class=\"strategy\"><a href=\"")
                .text(&ctx.year_root)
                .raw("strategies/")
                .raw(&strategy)
                .raw(".html\">戦略")
                .raw(&strategy)
                .raw("</a></td>");
        }
        html.raw("<th scope=\"row\" class=\"name\">")
            .text(&ind.name);
        if ind.series.iter().any(|s| s.direction == Direction::Lower) {
            html.raw("<span class=\"direction\">（低いほど良い指標）</span>");
        }
        html.raw("</th>");
        let all: Vec<usize> = (0..ind.series.len()).collect();
        let label = |s| label_of(ind, s);
        write_figures(html, &notes, &all, ind, label, |s| s.baseline, None);
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
                value.write(html, &notes, |o| observed(o, obs, &s.unit, None));
            }
            html.raw("</td>");
        }
        write_figures(html, &notes, &all, ind, label, |s| s.target, None);
        html.raw("<td class=\"num\">");
        let assessments: Vec<_> = (0..ind.series.len())
            .map(|k| ctx.eval.assessment(series_ref(i, k), status_year))
            .collect();
        for (s, a) in ind.series.iter().zip(&assessments) {
            plain(ind, s).write(html, &notes, |o| match a.and_then(|a| a.progress) {
                Some(p) => format::write_percent(o, p),
                None => o.push_str(format::NONE),
            });
        }
        html.raw("</td><td>");
        for a in &assessments {
            status_span(html, a.map(|a| a.status).unwrap_or(Status::NotMeasured));
        }
        html.raw("</td></tr>\n");
        html.spill();
    }
    html.raw("</tbody>\n</table>\n</div>\n");
    notes.write_list(html);
}

fn series_ref(indicator: usize, series: usize) -> SeriesRef {
    SeriesRef { indicator, series }
}

/// What a verification table shows: the report year's 数値目標の検証.
pub struct VerificationTable {
    pub caption: String,
    pub strategy: Option<u32>,
    /// The heading level that Markdown's `##` becomes in the analysis.
    pub level: u8,
}

/// Whether the report year has verification rows for `strategy` (or any, for `None`).
pub fn has_verification(ctx: &ViewCtx, strategy: Option<u32>) -> bool {
    let report = ctx.report;
    report
        .years
        .iter()
        .find(|r| r.year == ctx.year())
        .is_some_and(|result| {
            result.verification.iter().any(|e| {
                e.rows
                    .iter()
                    .any(|r| strategy.is_none_or(|s| report.indicators[r.indicator].strategy == s))
            })
        })
}

/// 数値目標の検証: each row's figures, and the analysis and next steps shared by its rows.
pub fn write_verification_table(ctx: &ViewCtx, t: &VerificationTable, html: &mut Html) {
    let report = ctx.report;
    let Some(result) = report.years.iter().find(|r| r.year == ctx.year()) else {
        return;
    };
    let selected = |e: &'_ Verification| -> Vec<VerificationRow> {
        e.rows
            .iter()
            .filter(|r| {
                t.strategy
                    .is_none_or(|s| report.indicators[r.indicator].strategy == s)
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
    let mut notes = Footnotes::default();
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
    html.raw("<thead><tr><th scope=\"col\">戦略</th><th scope=\"col\">数値目標</th><th scope=\"col\">当初値</th><th scope=\"col\">")
        .text(&ctx.year().short())
        .raw("実績値</th><th scope=\"col\">目標値</th><th scope=\"col\">課題と原因分析</th><th scope=\"col\">今後の対応</th></tr></thead>\n<tbody>\n");
    for entry in &result.verification {
        let rows = selected(entry);
        if rows.is_empty() {
            continue;
        }
        let analysis = ctx.markdown(&entry.analysis, t.level, None);
        let next_steps = ctx.markdown(&entry.next_steps, t.level, None);
        for (k, row) in rows.iter().enumerate() {
            let ind = &report.indicators[row.indicator];
            let name = match row.series {
                Some(s) if ind.compound => &ind.series[s].name,
                _ => &ind.name,
            };
            html.raw("<tr><td class=\"strategy\">戦略")
                .raw(&ind.strategy.to_string())
                .raw("</td><th scope=\"row\" class=\"name\">")
                .text(name)
                .raw("</th>");
            let series = series_of(row);
            // A row of one series of a compound indicator is named by it; no labels then.
            let shown = |s| row.series.is_none().then(|| label_of(ind, s)).flatten();
            write_figures(
                html,
                &notes,
                &series,
                ind,
                shown,
                |s| s.baseline,
                entry.scale,
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
                v.write(html, &notes, |o| observed(o, obs, &s.unit, entry.scale));
            }
            html.raw("</td>");
            write_figures(html, &notes, &series, ind, shown, |s| s.target, entry.scale);
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

/// A cell of plain figures (baseline or target), one value per series.
fn write_figures<'a>(
    html: &mut Html,
    notes: &Footnotes,
    series: &[usize],
    ind: &'a Indicator,
    label: impl Fn(&'a Series) -> Option<&'a str>,
    value: impl Fn(&Series) -> Quantity,
    scale: Option<Scale>,
) {
    html.raw("<td class=\"num\">");
    for k in series {
        let s = &ind.series[*k];
        let v = Value {
            label: label(s),
            emphasis: false,
            note: None,
        };
        v.write(html, notes, |o| figure(o, value(s), &s.unit, scale));
    }
    html.raw("</td>");
}
