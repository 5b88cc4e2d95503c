//! Rendering on request, for `serve`: the report is kept in memory and a page is made
//! when it is asked for, so that an edit is visible as soon as the sources are checked,
//! without writing the whole site first. What a year's pages share (its page list, its
//! evaluation, its open data) is made the first time a page of that year is asked for.

use super::context::{Collected, Facts};
use super::page::Place;
use super::{site, theme, write_page, Env, Options, YearData};
use crate::diag::Diagnostic;
use crate::evaluate::{self, Evaluation};
use crate::fiscal_year::FiscalYear;
use crate::model::Report;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// One year's report: its address, and what its pages share, made on first use.
struct Year {
    year: FiscalYear,
    prefix: String,
    pages: OnceLock<site::YearPages>,
    eval: OnceLock<Evaluation>,
    data: OnceLock<YearData>,
}

/// One checked version of the report.
pub struct Live {
    report: Arc<Report>,
    theme: Arc<theme::Theme>,
    content_root: PathBuf,
    options: Options,
    years: Vec<Year>,
    collected: Mutex<Collected>,
    timings: super::timing::Timings,
    facts: Facts,
    /// The root's pages, made from the latest year.
    root: Vec<site::PageSpec>,
}

impl Live {
    pub fn new(report: Arc<Report>, theme: Arc<theme::Theme>, content_root: PathBuf) -> Live {
        let years = report
            .years
            .iter()
            .map(|y| Year {
                year: y.year,
                prefix: site::year_prefix(y.year),
                pages: OnceLock::new(),
                eval: OnceLock::new(),
                data: OnceLock::new(),
            })
            .collect();
        Live {
            facts: Facts::new(&report),
            root: site::root_specs(&report),
            report,
            theme,
            content_root,
            options: Options::default(),
            years,
            collected: Mutex::new(Collected::default()),
            timings: Default::default(),
        }
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The bytes at `path` (relative to the site root) if the report makes them: a page,
    /// a data file, the CSS or the sitemap. `None` for anything else (images, unknown paths).
    pub fn file(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        if let Some(name) = path.strip_prefix("assets/") {
            return super::static_file(&self.theme, &self.report, name).map(Ok);
        }
        // A year's own folder, or the root's pages (made from the latest year).
        let (year, rel, at_root) = match self.years.iter().find(|y| path.starts_with(&y.prefix)) {
            Some(y) => (y, &path[y.prefix.len()..], false),
            None => (self.years.last()?, path, true),
        };
        let eval = year
            .eval
            .get_or_init(|| evaluate::evaluate(&self.report, year.year));
        if let Some(name) = rel.strip_prefix("data/").filter(|_| !at_root) {
            let (slug, kind) = name.rsplit_once('.')?;
            let table = crate::opendata::tables(&self.report, eval.year)
                .into_iter()
                .find(|t| t.slug == slug)?;
            return match kind {
                "csv" => Some(Ok(crate::opendata::write_csv(&table, &self.report, eval))),
                "json" => Some(Ok(crate::opendata::write_json(&table, &self.report, eval))),
                _ => None,
            };
        }
        let pages = year
            .pages
            .get_or_init(|| site::YearPages::new(&self.report, &self.facts, year.year));
        let spec = match at_root {
            true => self.root.iter().find(|s| s.path == rel)?,
            false => pages.specs.iter().find(|s| s.path == rel)?,
        };
        let env = Env {
            report: &self.report,
            content_root: &self.content_root,
            theme: &self.theme,
            options: &self.options,
            collected: &self.collected,
            timings: &self.timings,
            facts: &self.facts,
        };
        // Only the data page lists the open data: made for it alone.
        let no_data = YearData::default();
        let data = if spec.kind == site::PageKind::Data {
            year.data.get_or_init(|| {
                let diags = Mutex::default();
                YearData::write(&self.report, eval, "", &crate::write::Discard, &diags)
            })
        } else {
            &no_data
        };
        let place = Place {
            spec,
            year: pages,
            at_root,
        };
        let mut bytes = Vec::new();
        let made = write_page(&env, eval, data, place, &mut bytes);
        // The same diagnostic as the build's, for the error page.
        let template = spec.kind.template();
        Some(
            made.map(|()| bytes)
                .map_err(|e| e.diagnostic(&self.theme, template, path)),
        )
    }
}
