//! Views of grant programmes (budget and KPI tables), projects and donations.

use super::cells::{or_dash, table_start, th};
use super::context::ViewCtx;
use super::html::Html;
use super::parts::{LinkView, Part};
use super::site::{grant_page_path, project_page_path};
use super::slots::Slot;
use crate::evaluate;
use crate::fiscal_year::FiscalYear;
use crate::format;
use crate::model::*;
use crate::quantity::Quantity;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct GrantView {
    /// The programme's place in the report's list; not given to themes.
    #[serde(skip)]
    pub index: usize,
    pub anchor: String,
    pub href: String,
    pub heading: String,
    pub scheme: String,
    pub scheme_definition: String,
    pub title: String,
    pub period: String,
    pub overview: String,
    /// The budget table and chart, when a budget is reported by the report year.
    pub budget: Option<Slot>,
    pub kpis: Option<Slot>,
    pub budget_chart: Option<Slot>,
    pub kpi_charts: Vec<Slot>,
    pub projects: Vec<LinkView>,
    /// The projects' own sections, on the full report only.
    pub full_projects: Vec<ProjectView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionView {
    pub heading: String,
    /// The section's Markdown as HTML, written where the template places it.
    pub html: Slot,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProjectView {
    pub anchor: String,
    pub href: String,
    pub title: String,
    pub title_supplied: bool,
    pub grant_heading: String,
    pub grant_href: String,
    /// The anchor of the grant programme it belongs to.
    pub grant_anchor: String,
    pub sections: Vec<SectionView>,
}

/// A grant programme's view; `index` is its place in the report's list.
pub fn grant_view(ctx: &ViewCtx, index: usize, heading_level: u8) -> GrantView {
    let grant = &ctx.report.grants[index];
    let year = ctx.year();
    let has_budget = grant.budget.keys().any(|y| *y <= year);
    GrantView {
        index,
        anchor: format!("grant-{}", grant.slug),
        href: ctx.href(&grant_page_path(grant)),
        heading: grant.heading(),
        scheme: grant.scheme.clone(),
        scheme_definition: ctx
            .report
            .plan
            .term(&grant.scheme)
            .map(|t| t.definition.trim().to_string())
            .unwrap_or_default(),
        title: grant.title.clone(),
        period: ctx.period(grant.period),
        overview: ctx.markdown(&grant.overview, heading_level, Some(&grant.source)),
        budget: has_budget.then(|| ctx.slot(Part::BudgetTable(index))),
        kpis: (!grant.kpis.is_empty()).then(|| ctx.slot(Part::KpiTable(index))),
        budget_chart: has_budget.then(|| ctx.slot(Part::BudgetChart(index))),
        kpi_charts: (0..grant.kpis.len())
            .map(|kpi| ctx.slot(Part::KpiChart { grant: index, kpi }))
            .collect(),
        projects: grant
            .projects_in(year)
            .map(|(_, p)| LinkView {
                title: p.title.clone(),
                href: ctx.href(&project_page_path(grant, p)),
            })
            .collect(),
        full_projects: Vec::new(),
    }
}

/// A table cell of a budget or KPI figure; the report year's figures are bold.
fn figure_cell(html: &mut Html, q: Option<Quantity>, unit: &str, emphasis: bool, empty: &str) {
    html.raw("<td class=\"num\">");
    match q {
        Some(q) if emphasis => {
            html.raw("<strong>")
                .text(&format::with_unit(q, unit, None))
                .raw("</strong>");
        }
        Some(q) => {
            html.text(&format::with_unit(q, unit, None));
        }
        None => {
            html.raw(empty);
        }
    }
    html.raw("</td>");
}

/// 事業費と交付金額 per year up to the report year, with computed totals.
pub fn write_budget_table(ctx: &ViewCtx, grant: &Grant, html: &mut Html) {
    let words = ctx.words();
    let year = ctx.year();
    let years: Vec<FiscalYear> = grant.period.years().collect();
    let total = evaluate::budget_total(grant, year);
    let caption = words.fill("budget.caption", &[("grant", &grant.heading())]);
    table_start(html, "budget", &caption);
    html.raw("<thead><tr>");
    th(html, words.get("budget.unit"));
    for y in &years {
        th(html, &ctx.short(*y));
    }
    th(html, words.get("table.total"));
    html.raw("</tr></thead>\n<tbody>\n");
    let mut row = |name: &str, field: fn(&Budget) -> Quantity, sum: Option<Quantity>| {
        html.raw("<tr><th scope=\"row\">").text(name).raw("</th>");
        for y in &years {
            let q = grant.budget.get(y).filter(|_| *y <= year).map(field);
            figure_cell(html, q, "", *y == year, "");
        }
        html.raw("<td class=\"num total\">")
            .text(&or_dash(sum, ""))
            .raw("</td></tr>\n");
    };
    row(
        words.get("budget.total_cost"),
        |b| b.total_cost,
        total.total_cost,
    );
    row(words.get("budget.grant"), |b| b.grant, total.grant);
    html.raw("</tbody>\n</table>\n</div>\n<p class=\"table-note\">")
        .text(&words.fill("budget.note", &[("year", &ctx.label(year))]))
        .raw("</p>");
}

/// 重要業績評価指標（KPI）: targets and actual increments per year, with cumulative sums.
pub fn write_kpi_table(ctx: &ViewCtx, grant: &Grant, html: &mut Html) {
    let words = ctx.words();
    let year = ctx.year();
    let years: Vec<FiscalYear> = grant.period.years().collect();
    let caption = words.fill("kpi.caption", &[("grant", &grant.heading())]);
    table_start(html, "kpi", &caption);
    html.raw("<thead><tr>");
    th(html, words.get("kpi.indicator"));
    th(html, words.get("kpi.row"));
    th(html, words.get("kpi.before"));
    for y in &years {
        th(
            html,
            &words.fill("kpi.increase", &[("year", &ctx.short(*y))]),
        );
    }
    th(html, &words.fill("kpi.sum", &[("year", &ctx.short(year))]));
    html.raw("</tr></thead>\n");
    for k in &grant.kpis {
        let t = evaluate::kpi_total(k, year);
        html.raw("<tbody>\n<tr><th scope=\"rowgroup\" rowspan=\"2\" class=\"name\">")
            .text(&k.name)
            .raw("</th><th scope=\"row\">")
            .text(words.get("kpi.target"))
            .raw("</th><td class=\"num\"></td>");
        for y in &years {
            figure_cell(html, k.targets.get(y).copied(), &k.unit, *y == year, "");
        }
        html.raw("<td class=\"num total\">")
            .text(&or_dash(t.target_sum, &k.unit))
            .raw("</td></tr>\n<tr><th scope=\"row\">")
            .text(words.get("kpi.actual"))
            .raw("</th><td class=\"num\">")
            .text(&format::with_unit(k.before, &k.unit, None))
            .raw("</td>");
        for y in &years {
            let q = k.actuals.get(y).filter(|_| *y <= year).copied();
            figure_cell(html, q, &k.unit, *y == year, format::NONE);
        }
        html.raw("<td class=\"num total\">")
            .text(&or_dash(t.actual_sum, &k.unit))
            .raw("</td></tr>\n</tbody>\n");
    }
    html.raw("</table>\n</div>");
}

/// Project `project` of grant programme `grant` (their places in the report's lists).
pub fn project_view(ctx: &ViewCtx, grant: usize, project: usize, section_level: u8) -> ProjectView {
    let g = &ctx.report.grants[grant];
    let p = &g.projects[project];
    ProjectView {
        anchor: format!("project-{}-{}", g.slug, p.slug),
        href: ctx.href(&project_page_path(g, p)),
        title: p.title.clone(),
        title_supplied: p.title_supplied,
        grant_heading: g.heading(),
        grant_href: ctx.href(&grant_page_path(g)),
        grant_anchor: format!("grant-{}", g.slug),
        sections: p
            .sections
            .iter()
            .enumerate()
            .map(|(section, s)| SectionView {
                heading: s.heading.clone(),
                html: ctx.slot(Part::ProjectSection {
                    grant,
                    project,
                    section,
                    level: section_level + 1,
                }),
            })
            .collect(),
    }
}

/// A project's section, its Markdown as HTML; `##` becomes `<h{level}>`.
pub fn write_project_section(
    ctx: &ViewCtx,
    (grant, project, section): (usize, usize, usize),
    level: u8,
    html: &mut Html,
) {
    let p = &ctx.report.grants[grant].projects[project];
    let s = &p.sections[section];
    html.raw(&ctx.markdown_with_caption(
        &s.body,
        level,
        &format!("{} {}", p.title, s.heading),
        Some(&p.source),
    ));
}

#[derive(Clone, Debug, Serialize)]
pub struct DonationRowView {
    pub project: String,
    pub purpose: String,
    pub project_cost: String,
    pub amount: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DonationsView {
    pub scheme: String,
    pub scheme_definition: String,
    pub target: String,
    pub overview: String,
    pub caption: String,
    pub year: String,
    pub rows: Vec<DonationRowView>,
    pub project_cost_sum: String,
    pub amount_sum: String,
}

/// The donation programme and the report year's donations, if there are any.
pub fn donations_view(ctx: &ViewCtx, heading_level: u8) -> Option<DonationsView> {
    let programme = ctx.report.plan.donation_programme.as_ref()?;
    let year = ctx.report.donations.iter().find(|d| d.year == ctx.year())?;
    let (cost, amount) = evaluate::donation_total(year);
    let unit = ctx.words().get("donations.unit");
    Some(DonationsView {
        scheme: programme.scheme.clone(),
        scheme_definition: ctx
            .report
            .plan
            .term(&programme.scheme)
            .map(|t| t.definition.trim().to_string())
            .unwrap_or_default(),
        target: programme.target.clone(),
        overview: ctx.markdown(
            &programme.overview,
            heading_level,
            Some(&ctx.report.plan.source),
        ),
        caption: ctx
            .words()
            .fill("donations.caption", &[("year", &ctx.label(year.year))]),
        year: ctx.label(year.year),
        rows: year
            .donations
            .iter()
            .map(|d| DonationRowView {
                project: d.project.clone(),
                purpose: ctx.markdown(&d.purpose, heading_level, Some(&year.source)),
                project_cost: format::with_unit(d.project_cost, unit, None),
                amount: format::with_unit(d.amount, unit, None),
            })
            .collect(),
        project_cost_sum: or_dash(cost, unit),
        amount_sum: or_dash(amount, unit),
    })
}
