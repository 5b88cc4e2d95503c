//! Views of the bar charts: a grant programme's budget and KPIs, and the counts of
//! rating levels per goal.

use super::context::ViewCtx;
use crate::chart::bars::{BarSeries, BarsView};
use crate::chart::colour::Hex;
use crate::chart::status::{StatusKey, StatusView as StatusChartView};
use crate::evaluate;
use crate::fiscal_year::FiscalYear;
use crate::format;
use crate::model::*;

/// The budget chart of a grant programme: 総事業費 and 交付金額 side by side; `None`
/// when no budget is reported by the report year.
pub fn budget_view(ctx: &ViewCtx, grant: &Grant) -> Option<BarsView> {
    let words = ctx.words();
    let year = ctx.year();
    let years: Vec<FiscalYear> = grant.period.years().collect();
    let shown = |f: fn(&Budget) -> f64| {
        years
            .iter()
            .map(|y| grant.budget.get(y).filter(|_| *y <= year).map(f))
            .collect()
    };
    let total = evaluate::budget_total(grant, year);
    let (Some(total_cost), Some(grant_amount)) = (total.total_cost, total.grant) else {
        return None;
    };
    Some(BarsView {
        id: format!("chart-{}-budget-{}", year.slug(), grant.slug),
        title: words.fill("chart.budget_title", &[("grant", &grant.heading())]),
        desc: words.fill(
            "chart.budget_desc",
            &[
                ("year", &ctx.label(year)),
                ("total_cost", &format::amount(total_cost)),
                ("grant_amount", &format::amount(grant_amount)),
            ],
        ),
        categories: years.iter().map(|y| ctx.label(*y)).collect(),
        series: vec![
            BarSeries {
                name: words.get("budget.total_cost").into(),
                values: shown(|b| b.total_cost.to_f64()),
                solid: true,
                colour: ctx.style.bar_primary,
            },
            BarSeries {
                name: words.get("budget.grant").into(),
                values: shown(|b| b.grant.to_f64()),
                solid: false,
                colour: ctx.style.bar_secondary,
            },
        ],
        unit_note: words.get("chart.budget_unit").into(),
    })
}

/// The chart of KPI `i`: target against actual increment per year; negatives hang below zero.
pub fn kpi_view(ctx: &ViewCtx, grant: &Grant, i: usize) -> Option<BarsView> {
    let words = ctx.words();
    let year = ctx.year();
    let years: Vec<FiscalYear> = grant.period.years().collect();
    let k = grant.kpis.get(i)?;
    let t = evaluate::kpi_total(k, year);
    let sum = |q| super::cells::or_dash(q, &k.unit);
    Some(BarsView {
        id: format!("chart-{}-kpi-{}-{}", year.slug(), grant.slug, i + 1),
        title: words.fill("chart.kpi_title", &[("name", &k.name)]),
        desc: words.fill(
            "chart.kpi_desc",
            &[
                ("name", &k.name),
                ("year", &ctx.label(year)),
                ("target", &sum(t.target_sum)),
                ("actual", &sum(t.actual_sum)),
            ],
        ),
        categories: years.iter().map(|y| ctx.label(*y)).collect(),
        series: vec![
            BarSeries {
                name: words.get("kpi.target").into(),
                values: years
                    .iter()
                    .map(|y| k.targets.get(y).map(|q| q.to_f64()))
                    .collect(),
                solid: false,
                colour: ctx.style.target,
            },
            BarSeries {
                name: words.get("kpi.actual").into(),
                values: years
                    .iter()
                    .map(|y| k.actuals.get(y).filter(|_| *y <= year).map(|q| q.to_f64()))
                    .collect(),
                solid: true,
                colour: ctx.style.actual,
            },
        ],
        unit_note: words.fill("chart.kpi_unit", &[("unit", &k.unit)]),
    })
}

/// The chart of level counts: a row per top-level goal, or per goal under `under`.
pub fn status_view(ctx: &ViewCtx, under: Option<usize>) -> StatusChartView {
    let words = ctx.words();
    let rating = &ctx.report.config.rating;
    let goals = &ctx.report.goals;
    let shown = super::pages::shown_levels(ctx);
    let overall = ctx.eval.counts_under(under);
    let counts = shown
        .iter()
        .map(|r| {
            words.fill(
                "desc.status_count",
                &[
                    ("label", &rating.get(*r).label),
                    ("count", &overall.get(*r).to_string()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(words.get("desc.list"));
    let year_label = ctx.label(ctx.year());
    let rows = super::pages::count_rows(ctx, under);
    StatusChartView {
        id: match under {
            Some(g) => format!("chart-{}-status-{}", ctx.year().slug(), goals.slug(g)),
            None => format!("chart-{}-status", ctx.year().slug()),
        },
        title: super::pages::summary_caption(ctx, under),
        desc: words.fill(
            "desc.status",
            &[
                ("year", &year_label),
                ("kinds", under.map_or(ctx.kinds(), |g| ctx.kinds_under(g))),
                ("count", &overall.total().to_string()),
                ("counts", &counts),
            ],
        ),
        statuses: shown
            .iter()
            .map(|r| {
                let l = rating.get(*r);
                StatusKey {
                    symbol: l.symbol.clone(),
                    label: l.label.clone(),
                    colour: Hex::parse(&l.colour).unwrap_or(ctx.style.text),
                }
            })
            .collect(),
        rows: rows
            .iter()
            .map(|r| {
                (
                    format!("{} {}", r.label, r.name),
                    shown.iter().map(|l| r.counts.get(*l)).collect(),
                )
            })
            .collect(),
    }
}
