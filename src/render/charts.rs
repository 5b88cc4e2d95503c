//! Views of the charts: each chart with its text alternative and its data as a real table.

use super::context::ViewCtx;
use super::html::Html;
use super::parts::Part;
use super::slots::Slot;
use crate::chart::bars::{bar_chart, bar_chart_into, BarSeries, BarsView};
use crate::chart::status::{
    status_chart, status_chart_into, StatusKey, StatusView as StatusChartView,
};
use crate::chart::trend::{trend_chart, trend_chart_into, TrendView, TrendYear};
use crate::chart::Chart;
use crate::evaluate::{self, Status};
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
    IndicatorChartsView {
        name: ind.name.clone(),
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
    name: &'a str,
    series: &'a Series,
    plan_years: Vec<FiscalYear>,
    /// Each plan year's observation, if reported by the report year.
    observed: Vec<(FiscalYear, Option<&'a Observation>)>,
    view: TrendView,
}

fn series_trend<'a>(ctx: &'a ViewCtx, r: SeriesRef) -> SeriesTrend<'a> {
    let ind = &ctx.report.indicators[r.indicator];
    let series = &ind.series[r.series];
    let year = ctx.year();
    let plan_years: Vec<FiscalYear> = ctx.report.plan.period.years().collect();
    let name = if ind.compound {
        &series.name
    } else {
        &ind.name
    };
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
            label: y.label(),
            short: y.short(),
            value: obs.and_then(|o| o.value()).map(|q| q.to_f64()),
            value_label: obs.and_then(|o| o.value()).map(fmt).unwrap_or_default(),
            revised: obs.is_some_and(Observation::is_revised),
            missing: matches!(obs, Some(Observation::Missing { .. })),
        })
        .collect();
    let view = TrendView {
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
        title: format!("{name}の推移"),
        desc: describe(ctx, name, series, r, &observed),
        lower_is_better: series.direction == Direction::Lower,
        baseline: series.baseline.to_f64(),
        baseline_label: fmt(series.baseline),
        target: series.target.to_f64(),
        target_label: fmt(series.target),
        years,
    };
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
    bar_chart(&budget_view(ctx, grant), ctx.style)
}

/// The chart of KPI `i` of a grant programme.
pub fn kpi_chart(ctx: &ViewCtx, grant: &Grant, i: usize) -> Option<Chart> {
    bar_chart(&kpi_view(ctx, grant, i)?, ctx.style)
}

/// The home page's chart of status counts per strategy.
pub fn status_summary_chart(ctx: &ViewCtx) -> Option<Chart> {
    status_chart(&status_view(ctx), ctx.style)
}

/// The trend chart of one series up to the report year, with its figures as a table.
pub fn write_series_chart(ctx: &ViewCtx, r: SeriesRef, html: &mut Html) {
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
    let fmt = |q| format::with_unit(q, &series.unit, None);
    let caption = format!("{name}のデータ");
    html.raw("\n<div class=\"table-wrap\" role=\"region\" aria-label=\"")
        .text(&caption)
        .raw("\" tabindex=\"0\">\n<table class=\"chart-data\">\n<caption>")
        .text(&caption)
        .raw("</caption>\n<thead><tr><th scope=\"col\">系列</th><th scope=\"col\">当初値</th>");
    for y in &plan_years {
        html.raw("<th scope=\"col\">").text(&y.label()).raw("</th>");
    }
    html.raw("<th scope=\"col\">目標値</th></tr></thead>\n<tbody><tr><th scope=\"row\">")
        .text(name)
        .raw("</th>");
    let cell = |html: &mut Html, text: &str| {
        html.raw("<td class=\"num\">").text(text).raw("</td>");
    };
    cell(html, &fmt(series.baseline));
    for (y, obs) in &observed {
        match obs {
            Some(Observation::Measured { value, revision }) => {
                let mut text = fmt(*value);
                if revision.is_some() {
                    text.push_str("（修正値）");
                }
                cell(html, &text);
            }
            Some(Observation::Missing { .. }) => cell(html, &format!("{}（未測定）", format::NONE)),
            None if *y <= ctx.year() => cell(html, format::NONE),
            None => cell(html, ""),
        }
    }
    cell(html, &fmt(series.target));
    html.raw("</tr></tbody>\n</table>\n</div>\n</div>");
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
    html.raw("<figure class=\"chart-figure\">\n<div class=\"chart-scroll\" role=\"region\" aria-label=\"グラフ：")
        .text(title)
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
    let view = budget_view(ctx, grant);
    write_figure(ctx, html, &view.title, &view.desc, |out| {
        bar_chart_into(&view, ctx.style, out)
    });
}

/// The chart of a grant programme's KPI `i`, in a figure.
pub fn write_kpi_chart(ctx: &ViewCtx, grant: &Grant, i: usize, html: &mut Html) {
    if let Some(view) = kpi_view(ctx, grant, i) {
        write_figure(ctx, html, &view.title, &view.desc, |out| {
            bar_chart_into(&view, ctx.style, out)
        });
    }
}

/// The home page's chart of status counts per strategy, in a figure.
pub fn write_status_chart(ctx: &ViewCtx, html: &mut Html) {
    let view = status_view(ctx);
    write_figure(ctx, html, &view.title, &view.desc, |out| {
        status_chart_into(&view, ctx.style, out)
    });
}

/// A sentence saying where a series stands: 転出者超過率は当初値114.5%から令和3年度115.3%となり、目標105%から遠ざかっています。
fn describe(
    ctx: &ViewCtx,
    name: &str,
    series: &Series,
    r: SeriesRef,
    observed: &[(FiscalYear, Option<&Observation>)],
) -> String {
    let fmt = |q| format::with_unit(q, &series.unit, None);
    let direction = if series.direction == Direction::Lower {
        "低いほど良い指標です。"
    } else {
        "高いほど良い指標です。"
    };
    let latest = observed
        .iter()
        .rev()
        .find_map(|(y, o)| o.and_then(|o| o.value()).map(|v| (*y, v)));
    let Some((y, v)) = latest else {
        return format!(
            "{name}は当初値{}、目標{}の{direction}{}までの実績値はありません。",
            fmt(series.baseline),
            fmt(series.target),
            ctx.year().label()
        );
    };
    let status = ctx.eval.assessment(r, y).map(|a| a.status);
    let movement = match status {
        Some(Status::Achieved) => format!("目標{}を達成しています", fmt(series.target)),
        Some(Status::Worsened) => format!("目標{}から遠ざかっています", fmt(series.target)),
        _ => format!("目標{}に近づいています", fmt(series.target)),
    };
    let mut text = format!(
        "{name}は当初値{}から{}{}となり、{movement}。{direction}",
        fmt(series.baseline),
        y.label(),
        fmt(v)
    );
    if let Some((missing_year, _)) = observed
        .iter()
        .find(|(_, o)| matches!(o, Some(Observation::Missing { .. })))
    {
        text.push_str(&format!("{}は未測定です。", missing_year.label()));
    }
    text
}

/// The budget chart of a grant programme: 総事業費 and 交付金額 side by side.
pub fn budget_view(ctx: &ViewCtx, grant: &Grant) -> BarsView {
    let year = ctx.year();
    let years: Vec<FiscalYear> = grant.period.years().collect();
    let shown = |f: fn(&Budget) -> f64| {
        years
            .iter()
            .map(|y| grant.budget.get(y).filter(|_| *y <= year).map(f))
            .collect()
    };
    let total = evaluate::budget_total(grant, year);
    let desc = format!(
        "{}までの総事業費は計{}円、交付金額は計{}円です。",
        year.label(),
        total
            .total_cost
            .map(format::amount)
            .unwrap_or_else(|| "0".into()),
        total
            .grant
            .map(format::amount)
            .unwrap_or_else(|| "0".into())
    );
    BarsView {
        id: format!("chart-{}-budget-{}", year.slug(), grant.slug),
        title: format!("{} 年度別の総事業費と交付金額", grant.heading()),
        desc,
        categories: years.iter().map(|y| y.label()).collect(),
        series: vec![
            BarSeries {
                name: "総事業費".into(),
                values: shown(|b| b.total_cost.to_f64()),
                solid: true,
                colour: ctx.style.bar_primary,
            },
            BarSeries {
                name: "交付金額".into(),
                values: shown(|b| b.grant.to_f64()),
                solid: false,
                colour: ctx.style.bar_secondary,
            },
        ],
        unit_note: "単位：円".into(),
    }
}

/// The chart of KPI `i`: target against actual increment per year; negatives hang below zero.
pub fn kpi_view(ctx: &ViewCtx, grant: &Grant, i: usize) -> Option<BarsView> {
    let year = ctx.year();
    let years: Vec<FiscalYear> = grant.period.years().collect();
    let k = grant.kpis.get(i)?;
    let t = evaluate::kpi_total(k, year);
    let sum = |q: Option<crate::quantity::Quantity>| {
        q.map(|q| format::with_unit(q, &k.unit, None))
            .unwrap_or_else(|| format::NONE.into())
    };
    Some(BarsView {
        id: format!("chart-{}-kpi-{}-{}", year.slug(), grant.slug, i + 1),
        title: format!("{}（年度別の目標と実績の増加分）", k.name),
        desc: format!(
            "{}の増加分は、{}までの累計で目標{}に対し実績{}です。",
            k.name,
            year.label(),
            sum(t.target_sum),
            sum(t.actual_sum)
        ),
        categories: years.iter().map(|y| y.label()).collect(),
        series: vec![
            BarSeries {
                name: "目標".into(),
                values: years
                    .iter()
                    .map(|y| k.targets.get(y).map(|q| q.to_f64()))
                    .collect(),
                solid: false,
                colour: ctx.style.target,
            },
            BarSeries {
                name: "実績".into(),
                values: years
                    .iter()
                    .map(|y| k.actuals.get(y).filter(|_| *y <= year).map(|q| q.to_f64()))
                    .collect(),
                solid: true,
                colour: ctx.style.actual,
            },
        ],
        unit_note: format!("単位：{}", k.unit),
    })
}

/// The home page's chart of status counts per strategy.
pub fn status_view(ctx: &ViewCtx) -> StatusChartView {
    let colours = &ctx.style.status;
    let colour = |s: Status| match s {
        Status::Achieved => colours.achieved,
        Status::OnTrack => colours.on_track,
        Status::Behind => colours.behind,
        Status::Worsened => colours.worsened,
        Status::NotMeasured => colours.not_measured,
    };
    let overall = &ctx.eval.overall;
    let desc = Status::ALL
        .iter()
        .map(|s| format!("{}{}", s.label(), overall.get(*s)))
        .collect::<Vec<_>>()
        .join("、");
    StatusChartView {
        id: format!("chart-{}-status", ctx.year().slug()),
        title: format!("戦略ごとの数値目標の評価（{}）", ctx.year().label()),
        desc: format!(
            "{}の数値目標{}件（系列）の評価は、{desc}です。",
            ctx.year().label(),
            overall.total()
        ),
        statuses: Status::ALL
            .iter()
            .map(|s| StatusKey {
                symbol: s.symbol().into(),
                label: s.label().into(),
                colour: colour(*s),
            })
            .collect(),
        rows: ctx
            .report
            .strategies
            .iter()
            .map(|s| {
                let counts = ctx
                    .eval
                    .by_strategy
                    .get(&s.number)
                    .cloned()
                    .unwrap_or_default();
                (
                    format!("戦略{} {}", s.number, s.name),
                    Status::ALL.iter().map(|st| counts.get(*st)).collect(),
                )
            })
            .collect(),
    }
}
