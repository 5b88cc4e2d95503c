//! The site's shape, in one table: which pages each year's report has, in reading
//! order, with their addresses, titles, breadcrumbs and menu entries. Every year's report
//! sits in a folder of its own (`r3/`), its address for good; the site's root presents
//! the latest year (`index.html`) and holds the page for a missing address.

use super::context::Facts;
use crate::fiscal_year::FiscalYear;
use crate::model::Report;

/// With more grant programmes than this, the menu links to their list instead.
pub const MAX_GRANTS_IN_NAV: usize = 4;

/// What a page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Evaluation,
    /// A top-level goal, with the goals under it.
    Goal(usize),
    /// A grant programme, by its place in the report's list.
    Grant(usize),
    Project {
        grant: usize,
        project: usize,
    },
    /// The list of grant programmes, when there are too many for the menu.
    Grants,
    Donations,
    Full,
    Data,
    /// The page for a missing address, at the site's root.
    NotFound,
}

impl PageKind {
    /// The template that makes the page.
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home => "index.html",
            PageKind::Evaluation => "evaluation.html",
            PageKind::Goal(_) => "goal.html",
            PageKind::Grant(_) => "grant.html",
            PageKind::Project { .. } => "project.html",
            PageKind::Grants => "grants.html",
            PageKind::Donations => "donations.html",
            PageKind::Full => "full.html",
            PageKind::Data => "data.html",
            PageKind::NotFound => "404.html",
        }
    }

    /// A class for `<body>`: `page-goal`.
    pub fn class(self) -> &'static str {
        self.template().trim_end_matches(".html")
    }

    /// Pages of the reading order (previous / next links).
    fn in_reading_order(self) -> bool {
        !matches!(self, PageKind::Full | PageKind::Data | PageKind::NotFound)
    }

    /// Whether the report of `year` has this page: one rule for listing a page, linking
    /// it from the menu, and the year switch.
    pub fn exists_in(self, report: &Report, year: FiscalYear) -> bool {
        match self {
            PageKind::Goal(g) => g < report.goals.list.len(),
            PageKind::Grant(g) => g < report.grants.len(),
            PageKind::Project { grant, project } => report
                .grants
                .get(grant)
                .is_some_and(|g| g.projects_in(year).any(|(k, _)| k == project)),
            PageKind::Grants => report.grants.len() > MAX_GRANTS_IN_NAV,
            PageKind::Donations => {
                report.plan.donation_programme.is_some()
                    && report.donations.iter().any(|d| d.year == year)
            }
            PageKind::NotFound => false,
            _ => true,
        }
    }
}

/// One page: what it is, its address within its year's folder, title, breadcrumbs
/// ((title, address) from the home page), and its entry in the menu.
pub struct PageSpec {
    pub kind: PageKind,
    pub path: String,
    pub title: String,
    pub crumbs: Vec<(String, String)>,
    pub menu: Option<String>,
}

/// One year's pages, indexed for the frame of each page: the reading order, looked up
/// without scanning every page for every page.
pub struct YearPages {
    pub year: FiscalYear,
    /// The year's folder: `r3/`.
    pub prefix: String,
    pub specs: Vec<PageSpec>,
    /// Indices into `specs` of the pages in reading order.
    order: Vec<usize>,
    /// A page's place in `order`, by path.
    place: std::collections::HashMap<String, usize>,
    /// Indices into `specs` of the pages with a menu entry, in the table's order.
    menu: Vec<usize>,
}

/// Every evaluation year's pages, indexed.
pub fn year_pages(report: &Report, kinds: &Facts) -> Vec<YearPages> {
    report
        .years
        .iter()
        .map(|y| YearPages::new(report, kinds, y.year))
        .collect()
}

/// The folder of a year's report, relative to the site's root: `r3/`.
pub fn year_prefix(year: FiscalYear) -> String {
    format!("{}/", year.slug())
}

impl YearPages {
    /// The pages of `year`'s report.
    pub fn new(report: &Report, kinds: &Facts, year: FiscalYear) -> YearPages {
        let specs = page_specs(report, kinds, year);
        let order: Vec<usize> = specs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind.in_reading_order())
            .map(|(i, _)| i)
            .collect();
        let place = order
            .iter()
            .enumerate()
            .map(|(k, i)| (specs[*i].path.clone(), k))
            .collect();
        let menu = (0..specs.len())
            .filter(|i| specs[*i].menu.is_some())
            .collect();
        YearPages {
            year,
            prefix: year_prefix(year),
            specs,
            order,
            place,
            menu,
        }
    }

    /// The pages with a menu entry, with that entry, in the table's order.
    pub fn menu(&self) -> impl Iterator<Item = (&PageSpec, &str)> {
        self.menu
            .iter()
            .filter_map(|i| self.specs[*i].menu.as_deref().map(|m| (&self.specs[*i], m)))
    }

    /// The page `step` places before (−) or after (+) `path` in reading order.
    pub fn neighbour(&self, path: &str, step: isize) -> Option<&PageSpec> {
        let here = *self.place.get(path)?;
        Some(&self.specs[*self.order.get(here.checked_add_signed(step)?)?])
    }
}

/// The address of a goal's page: `strategies/1.html` for content in the older format,
/// `goals/1.html` for a tree of goals.
pub fn goal_page_path(report: &Report, goal: usize) -> String {
    format!(
        "{}/{}.html",
        report.goals.folder,
        report.goals.slug(report.goals.root_of(goal))
    )
}

pub fn grant_page_path(grant: &crate::model::Grant) -> String {
    format!("grants/{}.html", grant.slug)
}

pub fn project_page_path(grant: &crate::model::Grant, project: &crate::model::Project) -> String {
    format!("grants/{}/{}.html", grant.slug, project.slug)
}

/// The pages of one year's report, in reading order (the order of the source document).
fn page_specs(report: &Report, kinds: &Facts, year: FiscalYear) -> Vec<PageSpec> {
    let words = &report.vocabulary;
    let home = (words.get("nav.home").to_string(), "index.html".to_string());
    let spec =
        |kind: PageKind, path: String, title: String, crumbs: Vec<(String, String)>| PageSpec {
            kind,
            path,
            title,
            crumbs,
            menu: None,
        };
    let label = year.label_in(report.config.era_fy2019);
    let mut specs = vec![
        PageSpec {
            menu: Some(home.0.clone()),
            ..spec(
                PageKind::Home,
                "index.html".into(),
                words.get("page.home").into(),
                vec![],
            )
        },
        PageSpec {
            menu: Some(words.fill("nav.evaluation", &[("kinds", &kinds.all)])),
            ..spec(
                PageKind::Evaluation,
                "evaluation.html".into(),
                words.fill("page.evaluation", &[("kinds", &kinds.all)]),
                vec![home.clone()],
            )
        },
    ];
    for (g, _) in report.goals.top() {
        specs.push(spec(
            PageKind::Goal(g),
            goal_page_path(report, g),
            report.goals.heading(g),
            vec![home.clone()],
        ));
    }
    let grants_listed = PageKind::Grants.exists_in(report, year);
    for (n, g) in report.grants.iter().enumerate() {
        let grant_title = g.heading();
        let menu = (!grants_listed).then(|| {
            words.fill(
                "nav.grant",
                &[("number", &crate::format::circled(g.number))],
            )
        });
        specs.push(PageSpec {
            menu,
            ..spec(
                PageKind::Grant(n),
                grant_page_path(g),
                grant_title.clone(),
                vec![home.clone()],
            )
        });
        for (k, p) in g.projects_in(year) {
            specs.push(spec(
                PageKind::Project {
                    grant: n,
                    project: k,
                },
                project_page_path(g, p),
                p.title.clone(),
                vec![home.clone(), (grant_title.clone(), grant_page_path(g))],
            ));
        }
    }
    if grants_listed {
        specs.push(PageSpec {
            menu: Some(words.get("nav.grants").into()),
            ..spec(
                PageKind::Grants,
                "grants.html".into(),
                words.get("page.grants").into(),
                vec![home.clone()],
            )
        });
    }
    if PageKind::Donations.exists_in(report, year) {
        specs.push(PageSpec {
            menu: Some(words.get("nav.donations").into()),
            ..spec(
                PageKind::Donations,
                "donations.html".into(),
                words.get("page.donations").into(),
                vec![home.clone()],
            )
        });
    }
    specs.push(PageSpec {
        menu: Some(words.get("nav.full").into()),
        ..spec(
            PageKind::Full,
            "full.html".into(),
            words.fill("page.full", &[("year", &label)]),
            vec![home.clone()],
        )
    });
    specs.push(PageSpec {
        menu: Some(words.get("nav.data").into()),
        ..spec(
            PageKind::Data,
            "data.html".into(),
            words.get("page.data").into(),
            vec![home],
        )
    });
    specs
}

/// The pages at the site's root, made from the latest year's report: its home page
/// (the year's folder is its address for good) and the page for a missing address.
pub fn root_specs(report: &Report) -> Vec<PageSpec> {
    let words = &report.vocabulary;
    vec![
        PageSpec {
            kind: PageKind::Home,
            path: "index.html".into(),
            title: words.get("page.home").into(),
            crumbs: vec![],
            menu: None,
        },
        PageSpec {
            kind: PageKind::NotFound,
            path: "404.html".into(),
            title: words.get("page.not_found").into(),
            crumbs: vec![],
            menu: None,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The year switch's rule (`exists_in`) and the page lists agree, for every page of
    /// every year against every other year.
    #[test]
    fn exists_in_agrees_with_every_year_page_list() {
        for content in ["content", "tests/fixtures/minimal/content"] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(content);
            let (report, diags, _) = crate::build::check(&root);
            let report = report.unwrap_or_else(|| panic!("{diags}"));
            let kinds = Facts::new(&report);
            let years = year_pages(&report, &kinds);
            for pages in &years {
                for other in &years {
                    for spec in &pages.specs {
                        let listed = other.specs.iter().any(|s| s.path == spec.path);
                        assert_eq!(
                            spec.kind.exists_in(&report, other.year),
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
