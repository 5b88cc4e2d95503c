//! Rendering on request, for `serve`: the report is kept in memory and a page is made
//! when it is asked for, so that an edit is visible as soon as the sources are checked,
//! without writing the whole site first.

use super::context::Collected;
use super::{pages, render_page, site, theme, Env, Options, YearCache};
use crate::diag::Diagnostic;
use crate::evaluate::{self, Evaluation};
use crate::model::Report;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One checked version of the report, with what its pages share per year.
pub struct Live {
    report: Report,
    theme: theme::Theme,
    content_root: PathBuf,
    options: Options,
    specs: Vec<site::YearPages>,
    years: Mutex<HashMap<String, Arc<(Evaluation, YearCache)>>>,
    collected: Mutex<Collected>,
}

impl Live {
    pub fn new(report: Report, theme: theme::Theme, content_root: PathBuf) -> Live {
        let specs = site::year_pages(&report);
        Live {
            report,
            theme,
            content_root,
            options: Options::default(),
            specs,
            years: Mutex::new(HashMap::new()),
            collected: Mutex::new(Collected::default()),
        }
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The year's evaluation and shared views, made on first use.
    fn year(&self, prefix: &str) -> Option<Arc<(Evaluation, YearCache)>> {
        let mut years = self.years.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(y) = years.get(prefix) {
            return Some(y.clone());
        }
        let year = self
            .report
            .years
            .iter()
            .find(|y| pages::year_prefix(&self.report, y.year) == prefix)?
            .year;
        let state = Arc::new((
            evaluate::evaluate(&self.report, year),
            YearCache::new(&self.report, year),
        ));
        years.insert(prefix.to_string(), state.clone());
        Some(state)
    }

    /// The bytes at `path` (relative to the site root) if the report makes them: a page,
    /// a data file, the CSS or the sitemap. `None` for anything else (images, unknown paths).
    pub fn file(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        if let Some(name) = path.strip_prefix("assets/") {
            return self
                .theme
                .statics
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| Ok(t.clone().into_bytes()));
        }
        // The longest prefix wins: `r2/index.html` belongs to R2, `index.html` to the latest.
        let year = self
            .specs
            .iter()
            .filter(|y| path.starts_with(&y.prefix))
            .max_by_key(|y| y.prefix.len())?;
        let rel = &path[year.prefix.len()..];
        let state = self.year(&year.prefix)?;
        let (eval, cache) = &*state;
        if let Some(name) = rel.strip_prefix("data/") {
            let (slug, kind) = name.rsplit_once('.')?;
            let table = cache.tables.iter().find(|t| t.slug == slug)?;
            return match kind {
                "csv" => Some(Ok(crate::opendata::to_csv(table).into_bytes())),
                "json" => Some(Ok(crate::opendata::to_json(
                    table,
                    self.report.config.licence.as_deref(),
                )
                .into_bytes())),
                _ => None,
            };
        }
        let spec = year.specs.iter().find(|s| s.path == rel)?;
        let env = Env {
            report: &self.report,
            content_root: &self.content_root,
            theme: &self.theme,
            options: &self.options,
            collected: &self.collected,
            specs: &self.specs,
        };
        Some(
            render_page(&env, eval, cache, spec, &year.prefix)
                .map(String::into_bytes)
                .map_err(|e| self.theme.render_error(spec.template, &e)),
        )
    }
}
