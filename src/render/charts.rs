//! Views of the charts: each chart with its text alternative and its data as a real table.

use super::context::ViewCtx;
use crate::chart::bars::{bar_chart, BarSeries, BarsView};
use crate::chart::status::{status_chart, StatusKey, StatusView as StatusChartView};
use crate::chart::trend::{trend_chart, TrendView, TrendYear};
use crate::chart::Chart;
use crate::evaluate::{self, Status};
use crate::fiscal_year::FiscalYear;
use crate::format;
use crate::model::*;
use serde::Serialize;

/// A chart and the table of the figures it draws.
#[derive(Clone, Debug, Serialize)]
pub struct ChartView {
    pub chart: Chart,
    pub table: DataTableView,
}

#[derive(Clone, Debug, Serialize)]
pub struct DataTableView {
    pub caption: String,
    pub heads: Vec<String>,
    /// (row header, cells)
    pub rows: Vec<(String, Vec<String>)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorChartsView {
    pub name: String,
    pub anchor: String,
    pub charts: Vec<ChartView>,
}

/// The chart of every series of an indicator, up to the report year.
pub fn indicator_charts(ctx: &ViewCtx, index: usize) -> IndicatorChartsView {
    let ind = &ctx.report.indicators[index];
    let year = ctx.year();
    let plan_years: Vec<FiscalYear> = ctx.report.plan.period.years().collect();
    let charts = ind
        .series
        .iter()
        .enumerate()
        .filter_map(|(s, series)| {
            let r = SeriesRef {
                indicator: index,
                series: s,
            };
            let name = if ind.compound {
                series.name.clone()
            } else {
                ind.name.clone()
            };
            let observed: Vec<(FiscalYear, Option<&Observation>)> = plan_years
                .iter()
                .map(|y| {
                    (
                        *y,
                        if *y <= year {
                            ctx.report
                                .years
                                .iter()
                                .find(|r| r.year == *y)
                                .and_then(|res| res.observations.get(&r))
                        } else {
                            None
                        },
                    )
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
                    revised: matches!(
                        obs,
                        Some(Observation::Measured {
                            revision: Some(_),
                            ..
                        })
                    ),
                    missing: matches!(obs, Some(Observation::Missing { .. })),
                })
                .collect();
            let desc = describe(ctx, &name, series, r, &observed);
            let id = format!(
                "chart-{}-{}{}",
                year.slug(),
                ind.id,
                series
                    .id
                    .as_deref()
                    .map(|s| format!("-{s}"))
                    .unwrap_or_default()
            );
            let view = TrendView {
                id,
                title: format!("{name}の推移"),
                desc,
                lower_is_better: series.direction == Direction::Lower,
                baseline: series.baseline.to_f64(),
                baseline_label: fmt(series.baseline),
                target: series.target.to_f64(),
                target_label: fmt(series.target),
                years,
            };
            let chart = ctx.count(trend_chart(&view, ctx.style))?;
            let mut heads = vec!["当初値".to_string()];
            heads.extend(plan_years.iter().map(|y| y.label()));
            heads.push("目標値".into());
            let mut cells = vec![fmt(series.baseline)];
            cells.extend(observed.iter().map(|(y, obs)| match obs {
                Some(Observation::Measured { value, revision }) => format!(
                    "{}{}",
                    fmt(*value),
                    if revision.is_some() {
                        "（修正値）"
                    } else {
                        ""
                    }
                ),
                Some(Observation::Missing { .. }) => format!("{}（未測定）", format::NONE),
                None if *y <= year => format::NONE.to_string(),
                None => String::new(),
            }));
            cells.push(fmt(series.target));
            Some(ChartView {
                chart,
                table: DataTableView {
                    caption: format!("{name}のデータ"),
                    heads,
                    rows: vec![(name, cells)],
                },
            })
        })
        .collect();
    IndicatorChartsView {
        name: ind.name.clone(),
        anchor: format!("charts-{}", ind.id),
        charts,
    }
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
pub fn budget_chart(ctx: &ViewCtx, grant: &Grant) -> Option<Chart> {
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
    let heading = format!("{}{}", grant.scheme, format::circled(grant.number));
    bar_chart(
        &BarsView {
            id: format!("chart-{}-budget-{}", year.slug(), grant.slug),
            title: format!("{heading} 年度別の総事業費と交付金額"),
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
        },
        ctx.style,
    )
}

/// One chart per KPI: target against actual increment per year; negatives hang below zero.
pub fn kpi_charts(ctx: &ViewCtx, grant: &Grant) -> Vec<Chart> {
    let year = ctx.year();
    let years: Vec<FiscalYear> = grant.period.years().collect();
    grant
        .kpis
        .iter()
        .enumerate()
        .filter_map(|(i, k)| {
            let t = evaluate::kpi_total(k, year);
            let sum = |q: Option<crate::quantity::Quantity>| {
                q.map(|q| format::with_unit(q, &k.unit, None))
                    .unwrap_or_else(|| format::NONE.into())
            };
            bar_chart(
                &BarsView {
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
                                .map(|y| {
                                    k.actuals.get(y).filter(|_| *y <= year).map(|q| q.to_f64())
                                })
                                .collect(),
                            solid: true,
                            colour: ctx.style.actual,
                        },
                    ],
                    unit_note: format!("単位：{}", k.unit),
                },
                ctx.style,
            )
        })
        .collect()
}

/// The home page's chart of status counts per strategy.
pub fn status_summary_chart(ctx: &ViewCtx) -> Option<Chart> {
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
    status_chart(
        &StatusChartView {
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
        },
        ctx.style,
    )
}
