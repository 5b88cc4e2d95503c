//! The site's shape: which pages each year's report has, in reading order, and the frame
//! around every page (navigation, year switch, breadcrumbs, previous and next).

use super::context::ViewCtx;
use super::grants::{self, LinkView};
use super::navigation::Navigation;
use super::pages::{self, FrameView, YearLinkView};
use super::parts::Part;
use crate::fiscal_year::FiscalYear;
use crate::model::Report;

/// With more grant programmes than this, the navigation links to their list instead.
pub const MAX_GRANTS_IN_NAV: usize = 4;

/// What one page is: its template, address, title and breadcrumbs.
pub(super) struct PageSpec {
    pub template: &'static str,
    pub path: String,
    pub title: String,
    pub crumbs: Vec<(String, String)>,
    pub subject: Subject,
}

/// The one thing a page is about, for the pages that are about one thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Report,
    Strategy(u32),
    /// A grant programme, by its place in the report's list.
    Grant(usize),
    Project {
        grant: usize,
        project: usize,
    },
}

/// One year's pages, indexed for the frame of each page: the reading order, looked up
/// without scanning every page for every page.
pub(super) struct YearPages {
    pub prefix: String,
    pub specs: Vec<PageSpec>,
    /// Indices into `specs` of the pages in reading order.
    order: Vec<usize>,
    /// A page's place in `order`, by path.
    place: std::collections::HashMap<String, usize>,
}

/// Every evaluation year's pages, indexed.
pub(super) fn year_pages(report: &Report) -> Vec<YearPages> {
    report
        .years
        .iter()
        .map(|y| YearPages::new(report, y.year))
        .collect()
}

impl YearPages {
    /// The pages of `year`'s report.
    pub fn new(report: &Report, year: FiscalYear) -> YearPages {
        let specs = page_specs(report, year);
        let order: Vec<usize> = specs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.in_reading_order())
            .map(|(i, _)| i)
            .collect();
        let place = order
            .iter()
            .enumerate()
            .map(|(k, i)| (specs[*i].path.clone(), k))
            .collect();
        YearPages {
            prefix: pages::year_prefix(report, year),
            specs,
            order,
            place,
        }
    }
}

/// Whether the report of `year` has the page `spec` of another year's report: the year
/// switch links there, or to that report's home page.
pub(super) fn has_page(report: &Report, year: FiscalYear, spec: &PageSpec) -> bool {
    match (spec.template, spec.subject) {
        (_, Subject::Project { grant, project }) => report
            .grants
            .get(grant)
            .is_some_and(|g| g.projects_in(year).any(|(k, _)| k == project)),
        ("donations.html", _) => {
            report.plan.donation_programme.is_some()
                && report.donations.iter().any(|d| d.year == year)
        }
        ("404.html", _) => report.years.last().map(|y| y.year) == Some(year),
        _ => true,
    }
}

impl PageSpec {
    /// Pages that are part of the reading order (previous / next links).
    fn in_reading_order(&self) -> bool {
        !matches!(self.template, "full.html" | "data.html" | "404.html")
    }
}

/// The pages of one year's report, in reading order (the order of the source document).
pub(super) fn page_specs(report: &Report, year: FiscalYear) -> Vec<PageSpec> {
    let home = ("トップ".to_string(), "index.html".to_string());
    let spec = |template, path: String, title: String, crumbs: Vec<(String, String)>| PageSpec {
        template,
        path,
        title,
        crumbs,
        subject: Subject::Report,
    };
    let about = |spec: PageSpec, subject| PageSpec { subject, ..spec };
    let mut specs = vec![
        spec(
            "index.html",
            "index.html".into(),
            "トップページ".into(),
            vec![],
        ),
        spec(
            "evaluation.html",
            "evaluation.html".into(),
            "数値目標の評価と検証".into(),
            vec![home.clone()],
        ),
    ];
    for s in &report.strategies {
        specs.push(about(
            spec(
                "strategy.html",
                format!("strategies/{}.html", s.number),
                format!("戦略{} {}", s.number, s.name),
                vec![home.clone()],
            ),
            Subject::Strategy(s.number),
        ));
    }
    for (n, g) in report.grants.iter().enumerate() {
        let grant_title = g.heading();
        specs.push(about(
            spec(
                "grant.html",
                grants::grant_page_path(g),
                grant_title.clone(),
                vec![home.clone()],
            ),
            Subject::Grant(n),
        ));
        for (k, p) in g.projects_in(year) {
            specs.push(about(
                spec(
                    "project.html",
                    grants::project_page_path(g, p),
                    p.title.clone(),
                    vec![
                        home.clone(),
                        (grant_title.clone(), grants::grant_page_path(g)),
                    ],
                ),
                Subject::Project {
                    grant: n,
                    project: k,
                },
            ));
        }
    }
    if report.plan.donation_programme.is_some() && report.donations.iter().any(|d| d.year == year) {
        specs.push(spec(
            "donations.html",
            "donations.html".into(),
            "企業版ふるさと納税".into(),
            vec![home.clone()],
        ));
    }
    if report.grants.len() > MAX_GRANTS_IN_NAV {
        specs.push(spec(
            "grants.html",
            "grants.html".into(),
            "交付金事業".into(),
            vec![home.clone()],
        ));
    }
    specs.push(spec(
        "data.html",
        "data.html".into(),
        "オープンデータ".into(),
        vec![home.clone()],
    ));
    specs.push(spec(
        "full.html",
        "full.html".into(),
        format!("全体版（{}）", year.label()),
        vec![home],
    ));
    if report.years.last().map(|y| y.year) == Some(year) {
        specs.push(spec(
            "404.html",
            "404.html".into(),
            "ページが見つかりません".into(),
            vec![],
        ));
    }
    specs
}

/// The frame of a page of `this_year`'s report.
pub(super) fn frame(ctx: &ViewCtx, spec: &PageSpec, this_year: &YearPages) -> FrameView {
    let prefix = this_year.prefix.as_str();
    let report = ctx.report;
    let mut nav = vec![
        LinkView {
            title: "トップ".into(),
            href: ctx.href("index.html"),
        },
        LinkView {
            title: "数値目標の評価".into(),
            href: ctx.href("evaluation.html"),
        },
    ];
    // A few grant programmes each get a link; many get one link to their list.
    if report.grants.len() <= MAX_GRANTS_IN_NAV {
        for g in &report.grants {
            nav.push(LinkView {
                title: format!("交付金{}", crate::format::circled(g.number)),
                href: ctx.href(&grants::grant_page_path(g)),
            });
        }
    } else {
        nav.push(LinkView {
            title: "交付金事業".into(),
            href: ctx.href("grants.html"),
        });
    }
    if report.donations.iter().any(|d| d.year == ctx.year()) {
        nav.push(LinkView {
            title: "企業版ふるさと納税".into(),
            href: ctx.href("donations.html"),
        });
    }
    nav.push(LinkView {
        title: "全体版".into(),
        href: ctx.href("full.html"),
    });
    nav.push(LinkView {
        title: "オープンデータ".into(),
        href: ctx.href("data.html"),
    });
    // The same page in another year's report, or that report's home if it has no such page.
    let years = report
        .years
        .iter()
        .rev()
        .map(|other| {
            let page = if has_page(report, other.year, spec) {
                spec.path.as_str()
            } else {
                "index.html"
            };
            YearLinkView {
                label: other.year.label(),
                href: format!(
                    "{}{}{page}",
                    ctx.site_root,
                    pages::year_prefix(report, other.year)
                ),
                current: other.year == ctx.year(),
            }
        })
        .collect();
    let neighbour = |step: isize| {
        let here = *this_year.place.get(&spec.path)?;
        let spec = &this_year.specs[*this_year.order.get(here.checked_add_signed(step)?)?];
        Some(LinkView {
            title: spec.title.clone(),
            href: ctx.href(&spec.path),
        })
    };
    let (previous, next) = (neighbour(-1), neighbour(1));
    let url = report
        .config
        .base_url
        .as_ref()
        .map(|base| format!("{base}{prefix}{}", spec.path));
    FrameView {
        page_title: format!(
            "{}｜{}評価｜{}｜{}",
            spec.title,
            ctx.year().label(),
            report.plan.title,
            report.config.city
        ),
        site_name: format!("{}（{}）", report.plan.title, report.config.city),
        kind: spec.template.strip_suffix(".html").unwrap_or(spec.template),
        title: spec.title.clone(),
        description: format!(
            "{}：{}『{}』{}評価",
            spec.title,
            report.config.city,
            report.plan.title,
            ctx.year().label()
        ),
        plan_title: report.plan.title.clone(),
        city: report.config.city.clone(),
        year_label: ctx.year().label(),
        site_root: ctx.site_root.clone(),
        year_root: ctx.year_root.clone(),
        nav: ctx.slot(Part::Navigation(Navigation::Menu(nav))),
        years: ctx.slot(Part::Navigation(Navigation::YearSwitch(years))),
        breadcrumbs: ctx.slot(Part::Navigation(Navigation::Breadcrumbs {
            crumbs: spec
                .crumbs
                .iter()
                .map(|(t, h)| LinkView {
                    title: t.clone(),
                    href: ctx.href(h),
                })
                .collect(),
            title: spec.title.clone(),
        })),
        licence: report.config.licence.clone(),
        issued: None,
        pager: ctx.slot(Part::Navigation(Navigation::Pager { previous, next })),
        url,
        print_header: pages::css_string(&format!(
            "{}　{}評価",
            report.plan.title,
            ctx.year().label()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_page_agrees_with_every_year_page_list() {
        for content in ["content", "tests/fixtures/minimal/content"] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(content);
            let (report, diags, _) = crate::build::check(&root);
            let report = report.unwrap_or_else(|| panic!("{diags}"));
            let years = year_pages(&report);
            for pages in &years {
                for (other, other_pages) in report.years.iter().zip(&years) {
                    for spec in &pages.specs {
                        let listed = other_pages.specs.iter().any(|s| s.path == spec.path);
                        assert_eq!(
                            has_page(&report, other.year, spec),
                            listed,
                            "{content}: {}{} in {:?}",
                            pages.prefix,
                            spec.path,
                            other.year
                        );
                    }
                }
            }
        }
    }
}
