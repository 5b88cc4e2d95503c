//! Validate: check the loaded sources against each other and build the typed model.
//!
//! Every problem is collected with its file and line; nothing stops at the first one.

mod donations;
mod goals;
mod grants;
mod indicators;
mod observations;
pub mod rating;
mod results;
mod series;

pub use grants::edited_project;
pub use indicators::edited_indicator;
pub use results::edited_year;

use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::{Loaded, Sources};
use crate::model::*;
use crate::source::{ConfigSource, PlanSource};
use crate::vocabulary::Vocabulary;
use crate::yaml::key;
use std::sync::Arc;

/// Builds the model, or returns every error found. Warnings are returned either way.
pub fn validate(sources: &Sources) -> (Option<Report>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let theme = crate::build::theme_override(&sources.root);
    let words = Vocabulary::for_site(theme.as_deref(), sources.vocabulary.as_deref(), &mut diags);
    let config = match &sources.config {
        Some(c) => Some(config(c, &words, &mut diags)),
        None => {
            missing_file(
                sources,
                "config.yaml",
                &m!("validate.config-holds"),
                &mut diags,
            );
            None
        }
    };
    let plan = match &sources.plan {
        Some(p) => Some(plan(p, &mut diags)),
        None => {
            missing_file(sources, "plan.yaml", &m!("validate.plan-holds"), &mut diags);
            None
        }
    };
    let levels = goals::levels(sources.plan.as_deref(), &words, &mut diags);
    let goals = goals::goals(sources, levels, &mut diags);
    // A reversed period is reported once; years are then not checked against it.
    let period = plan.as_ref().map(|p| p.period).filter(|p| p.from <= p.to);
    let goals_complete =
        !sources.broken.contains("strategies") && !sources.broken.contains("goals");
    let indicators: Vec<Arc<Indicator>> = indicators::indicators(
        &sources.indicators,
        &goals,
        goals_complete,
        period,
        &mut diags,
    )
    .into_iter()
    .map(Arc::new)
    .collect();
    // Years and grant programmes do not depend on each other: they are checked at once.
    let ((years, year_diags), (grants, donations, grant_diags)) = rayon::join(
        || {
            let mut diags = Diagnostics::default();
            let years = results::years(sources, &indicators, &goals, period, &mut diags);
            (years, diags)
        },
        || {
            let mut diags = Diagnostics::default();
            let grants = grants::grants(sources, plan.as_ref(), &mut diags);
            let donations = donations::donations(sources, plan.as_ref(), &mut diags);
            (grants, donations, diags)
        },
    );
    diags.extend(year_diags);
    diags.extend(grant_diags);
    if years.is_empty() && sources.results.is_empty() {
        diags.push(
            Diagnostic::error("results", m!("validate.no-year"))
                .expected(m!("validate.expected-year-folder")),
        );
    }
    let report = match (config, plan) {
        (Some(config), Some(plan)) if !diags.has_errors() => Some(Report {
            config,
            plan,
            goals,
            indicators,
            years: years.into_iter().map(Arc::new).collect(),
            grants: grants.into_iter().map(Arc::new).collect(),
            donations,
            vocabulary: Arc::new(words),
        }),
        _ => None,
    };
    (report, diags)
}

/// Reports a required file as missing, unless it is there but broken (already reported).
fn missing_file(sources: &Sources, name: &str, what: &str, diags: &mut Diagnostics) {
    if sources.broken.contains(name) {
        return;
    }
    diags.push(
        Diagnostic::error(name, m!("validate.missing-file", name = name)).expected(m!(
            "validate.expected-file",
            name = name,
            what = what
        )),
    );
}

/// Checks an id: lower-case ASCII letters, digits and hyphens.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(m!("validate.invalid-id", id = id))
    }
}

/// What an id is made of (see `check_id`).
pub(crate) fn id_expected() -> String {
    m!("validate.expected-id")
}

/// The check digit rule of 全国地方公共団体コード (JIS X 0401 + check digit).
pub fn city_code_is_valid(code: &str) -> bool {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 6 || code.chars().count() != 6 {
        return false;
    }
    let sum: u32 = digits[..5]
        .iter()
        .zip([6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    (11 - sum % 11) % 10 == digits[5]
}

fn config(c: &Loaded<ConfigSource>, words: &Vocabulary, diags: &mut Diagnostics) -> Config {
    let v = &c.value;
    if !city_code_is_valid(&v.city_code) {
        diags.push(
            c.error_at(
                &[key("city_code")],
                m!("validate.invalid-city-code", code = v.city_code),
            )
            .expected(m!("validate.expected-city-code")),
        );
    }
    let rating = rating::rating(c, words, diags);
    let base_url = v.base_url.as_ref().map(|u| {
        if u.ends_with('/') {
            u.clone()
        } else {
            format!("{u}/")
        }
    });
    if let Some(u) = &base_url {
        if !(u.starts_with("https://") || u.starts_with("http://"))
            || u.contains(char::is_whitespace)
        {
            diags.push(
                c.error_at(
                    &[key("base_url")],
                    m!("validate.not-web-address", address = u),
                )
                .expected(m!("validate.expected-web-address")),
            );
        }
    }
    let max_file_mb = v
        .max_file_mb
        .unwrap_or(crate::markdown::files::DEFAULT_MAX_MB);
    if !(1..=4096).contains(&max_file_mb) {
        diags.push(
            c.error_at(
                &[key("max_file_mb")],
                m!("validate.max-file-mb-range", value = max_file_mb),
            )
            .expected(m!("validate.expected-max-file-mb")),
        );
    }
    Config {
        max_file_bytes: max_file_mb.clamp(1, 4096) << 20,
        base_url,
        trusted_html: v.trusted_html,
        full_report_charts: v.full_report_charts.unwrap_or(200),
        city: v.city.clone(),
        prefecture: v.prefecture.clone(),
        city_code: v.city_code.clone(),
        licence: v.licence.clone(),
        issued: v.issued.clone(),
        rating,
        era_fy2019: v.era_fy2019.unwrap_or_default(),
    }
}

fn plan(p: &Loaded<PlanSource>, diags: &mut Diagnostics) -> Plan {
    let v = &p.value;
    let period = Period {
        from: v.period.from,
        to: v.period.to,
    };
    if period.from > period.to {
        diags.push(
            p.error_at(&[key("period"), key("to")], m!("validate.plan-reversed"))
                .expected(m!(
                    "validate.expected-year-from",
                    year = period.from.short()
                )),
        );
    }
    let glossary: Vec<Term> = v
        .glossary
        .iter()
        .map(|t| Term {
            term: t.term.clone(),
            definition: t.definition.clone(),
        })
        .collect();
    let donation_programme = v.donation_programme.as_ref().map(|d| {
        if !glossary.iter().any(|t| t.term == d.scheme) {
            diags.push(unknown_term(
                p,
                &[key("donation_programme"), key("scheme")],
                &d.scheme,
                &glossary,
            ));
        }
        DonationProgramme {
            scheme: d.scheme.clone(),
            target: d.target.clone(),
            overview: d.overview.clone(),
        }
    });
    Plan {
        title: v.title.clone(),
        short_title: v.short_title.clone().unwrap_or_else(|| v.title.clone()),
        subtitle: v.subtitle.clone(),
        period,
        overview: v.overview.clone(),
        perspective: v.perspective.as_ref().map(|p| Perspective {
            name: p.name.clone(),
            heading_note: p.heading_note.clone(),
            basic_idea: p.basic_idea.clone(),
            purposes: p
                .purposes
                .iter()
                .map(|p| Purpose {
                    title: p.title.clone(),
                    items: p.items.clone(),
                })
                .collect(),
        }),
        glossary,
        donation_programme,
        source: p.source.path.clone(),
    }
}

pub(crate) fn unknown_term<T>(
    file: &Loaded<T>,
    path: &[crate::yaml::Seg],
    found: &str,
    glossary: &[Term],
) -> Diagnostic {
    file.error_at(path, m!("validate.unknown-term", term = found))
        .expected(m!(
            "validate.expected-one-of",
            list = crate::messages::list(glossary.iter().map(|t| t.term.as_str()))
        ))
        .help_opt(did_you_mean(
            found,
            glossary.iter().map(|t| t.term.as_str()),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nagaoka_city_code_check_digit() {
        assert!(city_code_is_valid("152021"));
        assert!(!city_code_is_valid("152022"));
        assert!(!city_code_is_valid("15202"));
        assert!(!city_code_is_valid("１５２０２１"));
        assert!(city_code_is_valid("131016")); // 千代田区
    }

    #[test]
    fn ids() {
        assert!(check_id("phoenix-net").is_ok());
        assert!(check_id("Phoenix").is_err());
        assert!(check_id("-x").is_err());
        assert!(check_id("転出").is_err());
    }
}
