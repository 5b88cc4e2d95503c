//! Rendering on request, for `serve`: the report is kept in memory and a page is made
//! when it is asked for, so that an edit is visible as soon as the sources are checked,
//! without writing the whole site first.

use super::context::Collected;
use super::{pages, site, theme, write_page, Env, Options, PageError, YearData};
use crate::diag::Diagnostic;
use crate::evaluate::{self, Evaluation};
use crate::model::Report;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// A year's evaluation, and its open data once a page needs it.
struct YearState {
    eval: Evaluation,
    data: OnceLock<YearData>,
}

/// One checked version of the report, with what its pages share per year.
pub struct Live {
    report: Arc<Report>,
    theme: Arc<theme::Theme>,
    content_root: PathBuf,
    options: Options,
    specs: Vec<site::YearPages>,
    years: Mutex<HashMap<String, Arc<YearState>>>,
    collected: Mutex<Collected>,
    timings: super::timing::Timings,
}

impl Live {
    pub fn new(report: Arc<Report>, theme: Arc<theme::Theme>, content_root: PathBuf) -> Live {
        let specs = site::year_pages(&report);
        Live {
            report,
            theme,
            content_root,
            options: Options::default(),
            specs,
            years: Mutex::new(HashMap::new()),
            collected: Mutex::new(Collected::default()),
            timings: Default::default(),
        }
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The year's evaluation, made on first use.
    fn year(&self, prefix: &str) -> Option<Arc<YearState>> {
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
        let state = Arc::new(YearState {
            eval: evaluate::evaluate(&self.report, year),
            data: OnceLock::new(),
        });
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
        let eval = &state.eval;
        if let Some(name) = rel.strip_prefix("data/") {
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
        let spec = year.specs.iter().find(|s| s.path == rel)?;
        let env = Env {
            report: &self.report,
            content_root: &self.content_root,
            theme: &self.theme,
            options: &self.options,
            collected: &self.collected,
            specs: &self.specs,
            timings: &self.timings,
        };
        // Only the data page lists the open data: made for it alone.
        let no_data = YearData::default();
        let data = if spec.template == "data.html" {
            state.data.get_or_init(|| {
                let diags = Mutex::default();
                YearData::write(&self.report, eval, "", &crate::write::Discard, &diags)
            })
        } else {
            &no_data
        };
        let mut bytes = Vec::new();
        Some(
            match write_page(&env, eval, data, spec, &year.prefix, &mut bytes) {
                Ok(()) => Ok(bytes),
                Err(PageError::Template(e)) => Err(self.theme.render_error(spec.template, &e)),
                Err(PageError::Write(e)) => {
                    Err(Diagnostic::error(rel, format!("cannot make: {e}")))
                }
            },
        )
    }
}
