//! Views of grant programmes (budget and KPI tables), projects and donations.

use super::context::ViewCtx;
use crate::evaluate;
use crate::fiscal_year::FiscalYear;
use crate::format;
use crate::model::*;
use crate::quantity::Quantity;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct CellView {
    pub text: String,
    pub emphasis: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct BudgetTableView {
    pub caption: String,
    pub years: Vec<String>,
    pub total_cost: Vec<CellView>,
    pub grant: Vec<CellView>,
    pub total_cost_sum: String,
    pub grant_sum: String,
    pub sum_note: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct KpiRowView {
    pub name: String,
    pub before: String,
    pub targets: Vec<CellView>,
    pub actuals: Vec<CellView>,
    pub target_sum: String,
    pub actual_sum: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct KpiTableView {
    pub caption: String,
    pub years: Vec<String>,
    pub sum_head: String,
    pub rows: Vec<KpiRowView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LinkView {
    pub title: String,
    pub href: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct GrantView {
    pub anchor: String,
    pub href: String,
    pub heading: String,
    pub scheme: String,
    pub scheme_definition: String,
    pub title: String,
    pub period: String,
    pub overview: String,
    pub budget: BudgetTableView,
    pub kpis: Option<KpiTableView>,
    pub budget_chart: Option<crate::chart::Chart>,
    pub kpi_charts: Vec<crate::chart::Chart>,
    pub projects: Vec<LinkView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionView {
    pub heading: String,
    pub html: String,
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

fn cell(q: Option<Quantity>, unit: &str, emphasis: bool) -> CellView {
    CellView {
        text: q
            .map(|q| format::with_unit(q, unit, None))
            .unwrap_or_default(),
        emphasis: emphasis && q.is_some(),
    }
}

fn or_dash(q: Option<Quantity>, unit: &str) -> String {
    q.map(|q| format::with_unit(q, unit, None))
        .unwrap_or_else(|| format::NONE.to_string())
}

pub fn grant_page_path(grant: &Grant) -> String {
    format!("grants/{}.html", grant.slug)
}

pub fn project_page_path(grant: &Grant, project: &Project) -> String {
    format!("grants/{}/{}.html", grant.slug, project.slug)
}

/// Projects of a grant that report a year up to the report year.
pub fn visible_projects(grant: &Grant, year: FiscalYear) -> impl Iterator<Item = &Project> {
    grant.projects.iter().filter(move |p| p.year <= year)
}

pub fn grant_view(ctx: &ViewCtx, grant: &Grant, heading_level: u8) -> GrantView {
    let year = ctx.year();
    let years: Vec<FiscalYear> = grant.period.years().collect();
    let shown = |y: &FiscalYear| *y <= year;
    let budget_cell = |f: fn(&Budget) -> Quantity| -> Vec<CellView> {
        years
            .iter()
            .map(|y| {
                cell(
                    grant.budget.get(y).filter(|_| shown(y)).map(f),
                    "",
                    *y == year,
                )
            })
            .collect()
    };
    let total = evaluate::budget_total(grant, year);
    let heading = format!("{}{}", grant.scheme, format::circled(grant.number));
    let budget = BudgetTableView {
        caption: format!("{heading} 事業費と交付金額（単位：円）"),
        years: years.iter().map(|y| y.short()).collect(),
        total_cost: budget_cell(|b| b.total_cost),
        grant: budget_cell(|b| b.grant),
        total_cost_sum: or_dash(total.total_cost, ""),
        grant_sum: or_dash(total.grant, ""),
        sum_note: format!("計は{}までの合計（自動計算）", year.label()),
    };
    let kpis = (!grant.kpis.is_empty()).then(|| KpiTableView {
        caption: format!("{heading} 重要業績評価指標（KPI）"),
        years: years
            .iter()
            .map(|y| format!("{}増加分", y.short()))
            .collect(),
        sum_head: format!("{}までの累計", year.short()),
        rows: grant
            .kpis
            .iter()
            .map(|k| {
                let t = evaluate::kpi_total(k, year);
                KpiRowView {
                    name: k.name.clone(),
                    before: format::with_unit(k.before, &k.unit, None),
                    targets: years
                        .iter()
                        .map(|y| cell(k.targets.get(y).copied(), &k.unit, *y == year))
                        .collect(),
                    actuals: years
                        .iter()
                        .map(|y| {
                            cell(
                                k.actuals.get(y).filter(|_| shown(y)).copied(),
                                &k.unit,
                                *y == year,
                            )
                        })
                        .collect(),
                    target_sum: or_dash(t.target_sum, &k.unit),
                    actual_sum: or_dash(t.actual_sum, &k.unit),
                }
            })
            .collect(),
    });
    GrantView {
        anchor: format!("grant-{}", grant.slug),
        href: ctx.href(&grant_page_path(grant)),
        heading,
        scheme: grant.scheme.clone(),
        scheme_definition: ctx
            .report
            .plan
            .term(&grant.scheme)
            .map(|t| t.definition.trim().to_string())
            .unwrap_or_default(),
        title: grant.title.clone(),
        period: grant.period.label(),
        overview: ctx.markdown(&grant.overview, heading_level, None),
        budget,
        kpis,
        budget_chart: ctx.count(super::charts::budget_chart(ctx, grant)),
        kpi_charts: super::charts::kpi_charts(ctx, grant)
            .into_iter()
            .filter_map(|c| ctx.count(Some(c)))
            .collect(),
        projects: visible_projects(grant, year)
            .map(|p| LinkView {
                title: p.title.clone(),
                href: ctx.href(&project_page_path(grant, p)),
            })
            .collect(),
    }
}

pub fn project_view(
    ctx: &ViewCtx,
    grant: &Grant,
    project: &Project,
    section_level: u8,
) -> ProjectView {
    ProjectView {
        anchor: format!("project-{}-{}", grant.slug, project.slug),
        href: ctx.href(&project_page_path(grant, project)),
        title: project.title.clone(),
        title_supplied: project.title_supplied,
        grant_heading: format!("{}{}", grant.scheme, format::circled(grant.number)),
        grant_href: ctx.href(&grant_page_path(grant)),
        grant_anchor: format!("grant-{}", grant.slug),
        sections: project
            .sections
            .iter()
            .map(|s| SectionView {
                heading: s.heading.clone(),
                html: ctx.markdown_with_caption(
                    &s.body,
                    section_level + 1,
                    &format!("{} {}", project.title, s.heading),
                    Some(&project.source),
                ),
            })
            .collect(),
    }
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
    Some(DonationsView {
        scheme: programme.scheme.clone(),
        scheme_definition: ctx
            .report
            .plan
            .term(&programme.scheme)
            .map(|t| t.definition.trim().to_string())
            .unwrap_or_default(),
        target: programme.target.clone(),
        overview: ctx.markdown(&programme.overview, heading_level, None),
        caption: format!("{}寄附実績", year.year.label()),
        year: year.year.label(),
        rows: year
            .donations
            .iter()
            .map(|d| DonationRowView {
                project: d.project.clone(),
                purpose: ctx.markdown(&d.purpose, heading_level, None),
                project_cost: format::with_unit(d.project_cost, "千円", None),
                amount: format::with_unit(d.amount, "千円", None),
            })
            .collect(),
        project_cost_sum: or_dash(cost, "千円"),
        amount_sum: or_dash(amount, "千円"),
    })
}
