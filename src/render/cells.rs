//! The cells of sosei's tables: figures with their units and marks, footnotes numbered
//! in order of first use, rating levels as symbol and label, and a table's opening.

use super::context::ViewCtx;
use super::html::Html;
use crate::fiscal_year::FiscalYear;
use crate::format::{self, Scale};
use crate::markdown::escape_into;
use crate::model::*;
use crate::quantity::Quantity;
use std::fmt::Write as _;
use std::ops::Range;

/// The footnotes of one table, numbered in order of first use; a lone footnote is just `※`.
pub struct Footnotes<'a> {
    texts: Vec<&'a str>,
    mark: &'a str,
}

impl<'a> Footnotes<'a> {
    pub fn new(mark: &'a str) -> Self {
        Footnotes {
            texts: Vec::new(),
            mark,
        }
    }

    pub fn note(&mut self, text: &'a str) {
        if !self.texts.contains(&text) {
            self.texts.push(text);
        }
    }

    /// The note an observation carries, if any.
    pub fn of(obs: Option<&'a Observation>) -> Option<&'a str> {
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
        self.number(html, i);
        html.raw("</span>");
    }

    fn number(&self, html: &mut Html, i: usize) {
        html.text(self.mark);
        if self.texts.len() > 1 {
            // Writing to the page's buffer cannot fail.
            let _ = write!(html, "{}", i + 1);
        }
    }

    pub fn write_list(&self, html: &mut Html) {
        if self.texts.is_empty() {
            return;
        }
        html.raw("<ul class=\"footnotes\">\n");
        for (i, text) in self.texts.iter().enumerate() {
            html.raw("<li><span class=\"note-mark\">");
            self.number(html, i);
            html.raw("</span> ").text(text).raw("</li>\n");
        }
        html.raw("</ul>");
    }
}

/// One value in a cell: `<span class="value">`, with the series label, bold and a mark.
pub struct Value<'a> {
    pub label: Option<&'a str>,
    pub emphasis: bool,
    pub note: Option<&'a str>,
}

impl Value<'_> {
    pub fn write(&self, html: &mut Html, notes: &Footnotes, text: impl FnOnce(&mut String)) {
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

/// The series label printed before a compound indicator's values.
pub fn label_of<'a>(indicator: &Indicator, series: &'a Series) -> Option<&'a str> {
    if indicator.compound {
        series.label.as_deref()
    } else {
        None
    }
}

/// A figure as tables print it; the unit and any scale are escaped like text.
pub fn figure(out: &mut String, q: Quantity, unit: &str, scale: Option<Scale>) {
    let start = out.len();
    format::write_with_unit(out, q, unit, scale);
    if out[start..].contains(['&', '<', '>', '"', '\'']) {
        let raw = out.split_off(start);
        escape_into(out, &raw);
    }
}

/// An observation's value: the figure (or a milestone's state), or — when missing or not
/// yet reported.
pub fn observed(
    ctx: &ViewCtx,
    out: &mut String,
    indicator: &Indicator,
    obs: Option<&Observation>,
    unit: &str,
    scale: Option<Scale>,
) {
    match (obs, &indicator.milestone) {
        (Some(Observation::Measured { value, .. }), Some(m)) => {
            let text = if value.is_negative() || value.same_value(Quantity::zero()) {
                ctx.words().get("milestone.not_yet")
            } else {
                m
            };
            escape_into(out, text);
        }
        (Some(Observation::Measured { value, .. }), None) => figure(out, *value, unit, scale),
        _ => out.push_str(format::NONE),
    }
}

/// Which fixed figure of a series a cell shows, and at what scale.
#[derive(Clone, Copy)]
pub struct Fixed {
    /// The target (true) or the baseline (false).
    pub target: bool,
    pub scale: Option<Scale>,
}

impl Fixed {
    pub fn baseline(scale: Option<Scale>) -> Fixed {
        Fixed {
            target: false,
            scale,
        }
    }

    pub fn target(scale: Option<Scale>) -> Fixed {
        Fixed {
            target: true,
            scale,
        }
    }
}

/// A series' baseline or target as a table prints it; a milestone has no baseline, and
/// its target is what achieving it is called, and by when.
fn fixed(ctx: &ViewCtx, out: &mut String, indicator: &Indicator, series: &Series, which: Fixed) {
    let Fixed { target, scale } = which;
    match (&indicator.milestone, target) {
        (Some(_), false) => out.push_str(format::NONE),
        (Some(m), true) => escape_into(
            out,
            &ctx.words().fill(
                "milestone.target",
                &[("milestone", m), ("year", &ctx.short(series.target_year))],
            ),
        ),
        (None, false) => figure(out, series.baseline, &series.unit, scale),
        (None, true) => figure(out, series.target, &series.unit, scale),
    }
}

/// A rating level as symbol and label, so that it never reads by colour alone.
/// A symbol that is the label itself (A, B) is written once.
pub fn level_span(html: &mut Html, level: &RatingLevel) {
    html.raw("<span class=\"status status-")
        .text(&level.id)
        .raw("\">");
    if level.symbol != level.label {
        html.raw("<span class=\"status-symbol\" aria-hidden=\"true\">")
            .text(&level.symbol)
            .raw("</span>");
    }
    html.text(&level.label).raw("</span>");
}

/// A table's opening: the scrolling region named by the caption, and the caption.
pub fn table_start(html: &mut Html, class: &str, caption: &str) {
    html.raw("<div class=\"table-wrap\" role=\"region\" aria-label=\"")
        .text(caption)
        .raw("\" tabindex=\"0\">\n<table class=\"")
        .raw(class)
        .raw("\">\n<caption>")
        .text(caption)
        .raw("</caption>\n");
}

/// A column's heading.
pub fn th(html: &mut Html, text: &str) {
    html.raw("<th scope=\"col\">").text(text).raw("</th>");
}

/// A figure with its unit, or — when there is none.
pub fn or_dash(q: Option<Quantity>, unit: &str) -> String {
    q.map(|q| format::with_unit(q, unit, None))
        .unwrap_or_else(|| format::NONE.to_string())
}

/// The goal cell of a table's rows, made once for each run of rows of the same goal.
#[derive(Default)]
pub struct GoalCell {
    goal: Option<usize>,
    markup: String,
}

impl GoalCell {
    /// Writes the cell of `goal`; `make` writes its markup when the goal changes.
    pub fn write(&mut self, html: &mut Html, goal: usize, make: impl FnOnce(&mut String)) {
        if self.goal != Some(goal) {
            self.markup.clear();
            make(&mut self.markup);
            self.goal = Some(goal);
        }
        html.raw(&self.markup);
    }
}

/// The cells of baselines and targets of one table; the year under a figure is made once
/// for each year the table shows.
pub struct FixedCells<'c> {
    ctx: &'c ViewCtx<'c>,
    /// Each year's `<span class="year">…</span>`, escaped.
    years: Vec<(FiscalYear, String)>,
}

impl<'c> FixedCells<'c> {
    pub fn new(ctx: &'c ViewCtx<'c>) -> Self {
        FixedCells {
            ctx,
            years: Vec::new(),
        }
    }

    /// A cell of plain figures (baselines or targets), one value per series of `series`.
    pub fn write<'a>(
        &mut self,
        html: &mut Html,
        notes: &Footnotes,
        ind: &'a Indicator,
        series: Range<usize>,
        label: impl Fn(&'a Series) -> Option<&'a str>,
        which: Fixed,
    ) {
        let ctx = self.ctx;
        html.raw("<td class=\"num\">");
        for s in &ind.series[series] {
            let v = Value {
                label: label(s),
                emphasis: false,
                note: None,
            };
            v.write(html, notes, |o| fixed(ctx, o, ind, s, which));
            if ctx.show_years() {
                let year = if which.target {
                    s.target_year
                } else {
                    s.baseline_year
                };
                html.raw(self.year_of(year));
            }
        }
        html.raw("</td>");
    }

    fn year_of(&mut self, year: FiscalYear) -> &str {
        let i = match self.years.iter().position(|(y, _)| *y == year) {
            Some(i) => i,
            None => {
                let text = self
                    .ctx
                    .words()
                    .fill("table.year_of", &[("year", &self.ctx.short(year))]);
                let mut markup = String::from("<span class=\"year\">");
                escape_into(&mut markup, &text);
                markup.push_str("</span>");
                self.years.push((year, markup));
                self.years.len() - 1
            }
        };
        &self.years[i].1
    }
}

pub fn series_ref(indicator: usize, series: usize) -> SeriesRef {
    SeriesRef { indicator, series }
}
