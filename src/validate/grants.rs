//! Validation of grant programmes and their projects.

use super::unknown_term;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fiscal_year::FiscalYear;
use crate::load::{GrantFolder, Loaded, ProjectFile, Sources};
use crate::model::*;
use crate::source::{GrantSource, KpiSource};
use crate::yaml::{key, Seg};

pub(super) fn grants(
    sources: &Sources,
    plan: Option<&Plan>,
    diags: &mut Diagnostics,
) -> Vec<Grant> {
    let mut out: Vec<Grant> = Vec::new();
    for folder in &sources.grants {
        let Some(f) = &folder.grant else {
            let broken = sources
                .broken
                .iter()
                .any(|b| b.starts_with(&format!("grants/{}/grant.", folder.folder)));
            if !folder.projects.is_empty() && !broken {
                diags.push(
                    Diagnostic::error(
                        format!("grants/{}", folder.folder),
                        m!("validate.projects-without-grant"),
                    )
                    .expected(m!("validate.expected-grant-yaml")),
                );
            }
            continue;
        };
        let v = &f.value;
        if out.iter().any(|g| g.number == v.number) {
            diags.push(
                f.error_at(
                    &[key("number")],
                    m!("validate.grant-number-twice", number = v.number),
                )
                .expected(m!("validate.expected-different-grant-numbers")),
            );
            continue;
        }
        if let Some(plan) = plan {
            if plan.term(&v.scheme).is_none() {
                diags.push(unknown_term(f, &[key("scheme")], &v.scheme, &plan.glossary));
            }
        }
        let period = Period {
            from: v.period.from,
            to: v.period.to,
        };
        if period.from > period.to {
            diags.push(
                f.error_at(
                    &[key("period"), key("to")],
                    m!("validate.programme-reversed"),
                )
                .expected(m!(
                    "validate.expected-year-from",
                    year = period.from.short()
                )),
            );
        }
        if period.from <= period.to {
            check_years(f, &[key("budget")], v.budget.keys(), period, diags);
            for (i, kpi) in v.kpis.iter().enumerate() {
                check_kpi(f, i, kpi, period, diags);
            }
        }
        out.push(Grant {
            number: v.number,
            slug: slug_or_report(&folder.folder, &f.source.path, diags),
            scheme: v.scheme.clone(),
            title: v.title.trim().to_string(),
            period,
            overview: v.overview.clone(),
            source: f.source.path.clone(),
            budget: v
                .budget
                .iter()
                .map(|(y, b)| {
                    (
                        *y,
                        Budget {
                            total_cost: b.total_cost,
                            grant: b.grant,
                        },
                    )
                })
                .collect(),
            kpis: v.kpis.iter().map(kpi).collect(),
            projects: projects(folder, period, diags),
        });
    }
    out.sort_by_key(|g| g.number);
    for (i, g) in out.iter().enumerate() {
        if let Some(other) = out[..i].iter().find(|o| o.slug == g.slug) {
            diags.push(
                Diagnostic::error(
                    format!("grants/{}", g.slug),
                    m!(
                        "validate.grants-same-page",
                        first = other.number,
                        second = g.number,
                        slug = g.slug
                    ),
                )
                .expected(m!("validate.expected-different-grant-folders")),
            );
        }
        for (j, p) in g.projects.iter().enumerate() {
            if let Some(other) = g.projects[..j].iter().find(|o| o.slug == p.slug) {
                diags.push(
                    Diagnostic::error(
                        &p.source,
                        m!(
                            "validate.projects-same-page",
                            other = other.source.display(),
                            grant = g.slug,
                            slug = p.slug
                        ),
                    )
                    .expected(m!("validate.expected-different-project-files")),
                );
            }
        }
    }
    out
}

fn kpi(k: &KpiSource) -> Kpi {
    Kpi {
        name: k.name.trim().to_string(),
        unit: k.unit.clone(),
        before: k.before,
        targets: k.targets.clone(),
        actuals: k.actuals.clone(),
    }
}

fn check_kpi(
    f: &Loaded<GrantSource>,
    i: usize,
    kpi: &KpiSource,
    period: Period,
    diags: &mut Diagnostics,
) {
    let base = [key("kpis"), Seg::Index(i)];
    for (field, years) in [("targets", &kpi.targets), ("actuals", &kpi.actuals)] {
        let path = [base[0].clone(), base[1].clone(), key(field)];
        check_years(f, &path, years.keys(), period, diags);
    }
}

fn check_years<'a>(
    f: &Loaded<GrantSource>,
    path: &[Seg],
    years: impl Iterator<Item = &'a FiscalYear>,
    period: Period,
    diags: &mut Diagnostics,
) {
    for year in years {
        if !period.contains(*year) {
            let mut at = path.to_vec();
            at.push(key(&year.short()));
            let found = f.index().find(&at).or_else(|| f.index().find(path));
            diags.push(
                Diagnostic::error(
                    &f.source.path,
                    m!(
                        "validate.outside-programme",
                        year = year.label(),
                        period = period.label()
                    ),
                )
                .at(found)
                .expected(m!(
                    "validate.expected-year-between",
                    from = period.from.short(),
                    to = period.to.short()
                )),
            );
        }
    }
}

fn projects(folder: &GrantFolder, period: Period, diags: &mut Diagnostics) -> Vec<Project> {
    folder
        .projects
        .iter()
        .filter_map(|p| project(p, period, diags))
        .collect()
}

/// One project file as the model, checked against its programme's period; `None` if
/// its text cannot be split into sections.
fn project(p: &ProjectFile, period: Period, diags: &mut Diagnostics) -> Option<Project> {
    let m = &p.meta.value;
    if period.from <= period.to && !period.contains(m.year) {
        diags.push(
            p.meta
                .error_at(
                    &[key("year")],
                    m!(
                        "validate.outside-programme",
                        year = m.year.label(),
                        period = period.label()
                    ),
                )
                .expected(m!(
                    "validate.expected-year-between",
                    from = period.from.short(),
                    to = period.to.short()
                )),
        );
    }
    match &p.sections {
        Ok(sections) => Some(Project {
            slug: slug_or_report(&p.slug, &p.meta.source.path, diags),
            title: m.title.trim().to_string(),
            title_supplied: m.title_supplied,
            year: m.year,
            sections: sections.clone(),
            source: p.meta.source.path.clone(),
        }),
        Err((line, problem)) => {
            diags.push(
                Diagnostic::error(
                    &p.meta.source.path,
                    m!("validate.project-text", problem = problem),
                )
                .at(Some((p.body_line + line - 1, 1)))
                .expected(m!("validate.expected-section-heading")),
            );
            None
        }
    }
}

/// The model of an edited project file in a report that had no errors, if the edit can
/// be taken in without validating the rest again; `None` when it cannot.
///
/// A project is checked against its programme's period (its `year:`) and against the
/// other projects of the programme (its address, from its file name, which an edit keeps);
/// its title and text are its own. So an edit that brings no problem leaves every other
/// check as it was.
pub fn edited_project(grant: &Grant, before: &Project, file: &ProjectFile) -> Option<Project> {
    let mut diags = Diagnostics::default();
    let after = project(file, grant.period, &mut diags)?;
    let same_place = after.slug == before.slug && after.source == before.source;
    (diags.is_empty() && same_place).then_some(after)
}

/// A file or folder name as a web-safe path segment: lower-case ASCII letters, digits,
/// `-` and `_`; anything else becomes `-`. `None` if nothing usable is left.
pub fn slugify(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

fn slug_or_report(name: &str, file: &std::path::Path, diags: &mut Diagnostics) -> String {
    slugify(name).unwrap_or_else(|| {
        diags.push(
            Diagnostic::error(file, m!("validate.no-slug", name = name))
                .expected(m!("validate.expected-slug")),
        );
        "invalid".into()
    })
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("01-Jigyo Plan"), Some("01-jigyo-plan".into()));
        assert_eq!(slugify("1-nadec"), Some("1-nadec".into()));
        assert_eq!(slugify("01-産業"), Some("01".into()));
        assert_eq!(slugify("産業"), None);
        assert_eq!(slugify("../x"), Some("x".into()));
    }
}
