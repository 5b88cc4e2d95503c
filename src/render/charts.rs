//! Views of the charts: each chart with its text alternative and its data as a real table.

use super::bar_views::{budget_view, kpi_view, status_view};
use super::cells::{table_start, th};
use super::context::ViewCtx;
use super::html::Html;
use super::parts::Part;
use super::slots::Slot;
use crate::chart::bars::{bar_chart, bar_chart_into};
use crate::chart::status::{status_chart, status_chart_into};
use crate::chart::trend::{trend_chart, trend_chart_into, TrendView, TrendYear};
use crate::chart::Chart;
use crate::evaluate;
use crate::fiscal_year::FiscalYear;
use crate::format;
use crate::model::*;
use serde::Serialize;

/// The charts of one indicator, for a page's contents and headings.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorChartsView {
    pub name: String,
    pub anchor: String,
    /// One chart with its data table per series.
    pub charts: Vec<Slot>,
}

/// The slots of the charts of indicator `index`, one per series.
pub fn indicator_charts(ctx: &ViewCtx, index: usize) -> IndicatorChartsView {
    let ind = &ctx.report.indicators[index];
    let name = match ind.cumulative {
        true => format!("{}{}", ind.name, ctx.words().get("table.cumulative")),
        false => ind.name.clone(),
    };
    IndicatorChartsView {
        name,
        anchor: format!("charts-{}", ind.id),
        charts: (0..ind.series.len())
            .map(|series| {
                ctx.slot(Part::SeriesChart(SeriesRef {
                    indicator: index,
                    series,
                }))
            })
            .collect(),
    }
}

/// What a series' chart and its data table are made from.
struct SeriesTrend<'a> {
    /// The series' name, marked （累計） for a cumulative indicator.
    name: String,
    series: &'a Series,
    plan_years: Vec<FiscalYear>,
    /// Each plan year's observation, if reported by the report year.
    observed: Vec<(FiscalYear, Option<&'a Observation>)>,
    view: TrendView,
}

/// A series' name as its chart is titled: the series' own (of a compound indicator) or
/// the indicator's, marked （累計） when cumulative.
fn series_name(ctx: &ViewCtx, ind: &Indicator, series: &Series) -> String {
    let name = if ind.compound {
        &series.name
    } else {
        &ind.name
    };
    match ind.cumulative {
        true => format!("{name}{}", ctx.words().get("table.cumulative")),
        false => name.to_string(),
    }
}

fn series_trend<'a>(ctx: &'a ViewCtx, r: SeriesRef) -> SeriesTrend<'a> {
    let ind = &ctx.report.indicators[r.indicator];
    let series = &ind.series[r.series];
    let year = ctx.year();
    let plan_years: Vec<FiscalYear> = ctx.report.plan.period.years().collect();
    let name = series_name(ctx, ind, series);
    let observed: Vec<(FiscalYear, Option<&Observation>)> = plan_years
        .iter()
        .map(|y| {
            let obs = ctx
                .report
                .years
                .iter()
                .find(|res| res.year == *y && *y <= year)
                .and_then(|res| res.observations.get(&r));
            (*y, obs)
        })
        .collect();
    let fmt = |q| format::with_unit(q, &series.unit, None);
    let years: Vec<TrendYear> = observed
        .iter()
        .map(|(y, obs)| TrendYear {
            label: ctx.label(*y),
            short: ctx.short(*y),
            value: obs.and_then(|o| o.value()).map(|q| q.to_f64()),
            value_label: obs.and_then(|o| o.value()).map(fmt).unwrap_or_default(),
            revised: obs.is_some_and(Observation::is_revised),
            missing: matches!(obs, Some(Observation::Missing { .. })),
        })
        .collect();
    let mut view = TrendView {
        id: format!(
            "chart-{}-{}{}",
            year.slug(),
            ind.id,
            series
                .id
                .as_deref()
                .map(|s| format!("-{s}"))
                .unwrap_or_default()
        ),
        title: ctx.words().fill("chart.title", &[("name", &name)]),
        desc: String::new(),
        lower_is_better: series.direction == Direction::Lower,
        baseline: series.baseline.to_f64(),
        baseline_label: fmt(series.baseline),
        target: series.target.to_f64(),
        target_label: fmt(series.target),
        year_targets: plan_years
            .iter()
            .map(|y| series.targets.get(y).map(|q| q.to_f64()))
            .collect(),
        years,
        words: std::sync::Arc::clone(&ctx.facts.trend_words),
    };
    view.desc = describe(ctx, &name, series, &observed, &view);
    SeriesTrend {
        name,
        series,
        plan_years,
        observed,
        view,
    }
}

/// The trend chart of one series up to the report year.
pub fn series_chart(ctx: &ViewCtx, r: SeriesRef) -> Option<Chart> {
    trend_chart(&series_trend(ctx, r).view, ctx.style)
}

/// The budget chart of a grant programme.
pub fn budget_chart(ctx: &ViewCtx, grant: &Grant) -> Option<Chart> {
    bar_chart(&budget_view(ctx, grant)?, ctx.style)
}

/// The chart of KPI `i` of a grant programme.
pub fn kpi_chart(ctx: &ViewCtx, grant: &Grant, i: usize) -> Option<Chart> {
    bar_chart(&kpi_view(ctx, grant, i)?, ctx.style)
}

/// The home page's chart of level counts per top-level goal.
pub fn status_summary_chart(ctx: &ViewCtx) -> Option<Chart> {
    status_chart(&status_view(ctx, None), ctx.style)
}

/// The trend chart of one series up to the report year, with its figures as a table.
pub fn write_series_chart(ctx: &ViewCtx, r: SeriesRef, html: &mut Html) {
    let words = ctx.words();
    let ind = &ctx.report.indicators[r.indicator];
    if let Some(m) = &ind.milestone {
        let name = series_name(ctx, ind, &ind.series[r.series]);
        html.raw("<p class=\"chart-none\">")
            .text(&words.fill(
                "chart.no_milestone_chart",
                &[("name", &name), ("milestone", m)],
            ))
            .raw("</p>");
        return;
    }
    let SeriesTrend {
        name,
        series,
        plan_years,
        observed,
        view,
    } = series_trend(ctx, r);
    let start = html.buf().len();
    html.raw("<div class=\"chart-block\">\n");
    let drawn = write_figure(ctx, html, &view.title, &view.desc, |out| {
        trend_chart_into(&view, ctx.style, out)
    });
    if !drawn {
        html.buf().truncate(start);
        return;
    }
    let caption = words.fill("chart.data", &[("name", &name)]);
    let year_targets = series.targets.keys().any(|y| plan_years.contains(y));
    html.raw("\n");
    table_start(html, "chart-data", &caption);
    html.raw("<thead><tr>");
    th(html, words.get("chart.series"));
    th(html, words.get("table.baseline"));
    for y in &view.years {
        th(html, &y.label);
    }
    th(html, words.get("table.target"));
    html.raw("</tr></thead>\n<tbody><tr><th scope=\"row\">")
        .text(&name)
        .raw("</th>");
    let cell = |html: &mut Html, text: &str| {
        html.raw("<td class=\"num\">").text(text).raw("</td>");
    };
    cell(html, &view.baseline_label);
    for ((y, obs), shown) in observed.iter().zip(&view.years) {
        match obs {
            Some(Observation::Measured { revision, .. }) => {
                // The value as the chart labels it, marked when revised.
                html.raw("<td class=\"num\">").text(&shown.value_label);
                if revision.is_some() {
                    html.text(words.get("chart.revised"));
                }
                html.raw("</td>");
            }
            Some(Observation::Missing { .. }) => cell(
                html,
                &words.fill("chart.missing_cell", &[("none", format::NONE)]),
            ),
            None if *y <= ctx.year() => cell(html, format::NONE),
            None => cell(html, ""),
        }
    }
    cell(html, &view.target_label);
    html.raw("</tr>");
    if year_targets {
        let fmt = |q| format::with_unit(q, &series.unit, None);
        html.raw("\n<tr><th scope=\"row\">")
            .text(words.get("chart.year_target"))
            .raw("</th><td class=\"num\"></td>");
        for y in &plan_years {
            cell(
                html,
                &series.targets.get(y).map(|q| fmt(*q)).unwrap_or_default(),
            );
        }
        html.raw("<td class=\"num\"></td></tr>");
    }
    html.raw("</tbody>\n</table>\n</div>\n</div>");
}

/// A chart in a figure, with its description as the caption; `draw` appends the SVG, or
/// says it cannot, and then nothing is written. True if the chart was drawn.
pub fn write_figure(
    ctx: &ViewCtx,
    html: &mut Html,
    title: &str,
    desc: &str,
    draw: impl FnOnce(&mut String) -> bool,
) -> bool {
    let start = html.buf().len();
    html.raw("<figure class=\"chart-figure\">\n<div class=\"chart-scroll\" role=\"region\" aria-label=\"")
        .text(&ctx.words().fill("chart.region", &[("title", title)]))
        .raw("\" tabindex=\"0\">");
    if !draw(html.buf()) {
        html.buf().truncate(start);
        return false;
    }
    ctx.count_chart();
    html.raw("</div>\n<figcaption>")
        .text(desc)
        .raw("</figcaption>\n</figure>");
    true
}

/// A grant programme's budget chart, in a figure.
pub fn write_budget_chart(ctx: &ViewCtx, grant: &Grant, html: &mut Html) {
    if let Some(view) = budget_view(ctx, grant) {
        write_figure(ctx, html, &view.title, &view.desc, |out| {
            bar_chart_into(&view, ctx.style, out)
        });
    }
}

/// The chart of a grant programme's KPI `i`, in a figure.
pub fn write_kpi_chart(ctx: &ViewCtx, grant: &Grant, i: usize, html: &mut Html) {
    if let Some(view) = kpi_view(ctx, grant, i) {
        write_figure(ctx, html, &view.title, &view.desc, |out| {
            bar_chart_into(&view, ctx.style, out)
        });
    }
}

/// The chart of level counts, in a figure.
pub fn write_status_chart(ctx: &ViewCtx, under: Option<usize>, html: &mut Html) {
    let view = status_view(ctx, under);
    write_figure(ctx, html, &view.title, &view.desc, |out| {
        status_chart_into(&view, ctx.style, out)
    });
}

/// A sentence saying where a series stands: 転出者超過率は当初値114.5%から令和3年度115.3%となり、目標105%から遠ざかっています。
/// `view` gives the figures and years as the chart prints them; `observed` is in its years' order.
fn describe(
    ctx: &ViewCtx,
    name: &str,
    series: &Series,
    observed: &[(FiscalYear, Option<&Observation>)],
    view: &TrendView,
) -> String {
    let words = ctx.words();
    let direction = if series.direction == Direction::Lower {
        words.get("desc.lower_is_better")
    } else {
        words.get("desc.higher_is_better")
    };
    let (baseline, target) = (&view.baseline_label, &view.target_label);
    let latest = observed
        .iter()
        .zip(&view.years)
        .rev()
        .find_map(|((_, o), shown)| o.and_then(|o| o.value()).map(|v| (shown, v)));
    let missing: Vec<&str> = observed
        .iter()
        .zip(&view.years)
        .filter(|((_, o), _)| matches!(o, Some(Observation::Missing { .. })))
        .map(|(_, shown)| shown.label.as_str())
        .collect();
    let missing = match missing.is_empty() {
        true => String::new(),
        false => words.fill(
            "desc.missing",
            &[("years", &missing.join(words.get("desc.list")))],
        ),
    };
    let Some((shown, v)) = latest else {
        let text = words.fill(
            "desc.no_actual",
            &[
                ("name", name),
                ("baseline", baseline),
                ("target", target),
                ("direction", direction),
                ("year", &ctx.label(ctx.year())),
            ],
        );
        return text + &missing;
    };
    // Where the latest actual stands, in exact arithmetic: at or beyond the target, no
    // different from the baseline, or moved toward or away from the target.
    let movement = if evaluate::reached(series.target, v, series.direction) {
        "desc.reached"
    } else if v.same_value(series.baseline) {
        "desc.unchanged"
    } else if evaluate::reached(series.baseline, v, series.direction) {
        "desc.toward"
    } else {
        "desc.away"
    };
    let mut text = words.fill(
        "desc.sentence",
        &[
            ("name", name),
            ("baseline", baseline),
            ("year", &shown.label),
            ("value", &shown.value_label),
            ("movement", &words.fill(movement, &[("target", target)])),
            ("direction", direction),
        ],
    );
    text.push_str(&missing);
    text
}
