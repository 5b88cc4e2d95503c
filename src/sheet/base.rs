//! What export and import start from: the content checked with the year's own files set
//! aside (so that a year not begun, begun by hand, or the plan's very first year with no
//! results at all does not stop them), and what those files already say, read as they
//! are written.

use super::apply::{self, Checked, NewFile};
use super::entries::{self, Entry};
use super::layout::{self, Row};
use super::messages as m;
use super::Failure;
use crate::diag::Diagnostics;
use crate::fiscal_year::FiscalYear;
use crate::load::{self, FileLoad, SourceFile};
use crate::model::Report;
use crate::source::{ResultSource, VerificationSource};
use std::path::{Path, PathBuf};

/// The content and the year's files.
pub struct Base {
    /// The checked content; the year in it is a stand-in with every indicator missing.
    pub report: Report,
    pub rows: Vec<Row>,
    /// Each row's entry as the year's files have it now.
    pub existing: Vec<Entry>,
    pub commentary: Option<String>,
    /// The year's folder under results/ (`R4`), and its files' names.
    pub folder: String,
    pub result_name: String,
    pub verification_name: String,
    /// The year's other verification files, which the one written replaces.
    pub retired: Vec<String>,
    /// Every file of the content as loaded, for checking the new files against.
    pub loads: Vec<(PathBuf, FileLoad)>,
}

/// Loads the content at `content` for `year`.
pub fn load(content: &Path, year: FiscalYear) -> Result<Base, Failure> {
    let loads = load::load_all(content);
    let plan = loads.iter().find_map(|(_, f)| match &f.source {
        Some(SourceFile::Plan(Some(p))) => Some(p.value.period),
        _ => None,
    });
    if let Some(period) = plan.filter(|p| !(p.from <= year && year <= p.to)) {
        return Err(Failure::message(m::year_outside_plan(
            year,
            period.from,
            period.to,
        )));
    }
    let folder = year_folder(&loads, year);
    let year_dir = Path::new("results").join(&folder);
    // The year's result and verification files, as the load names them.
    let own: Vec<&(PathBuf, FileLoad)> = loads
        .iter()
        .filter(|(_, f)| match &f.source {
            Some(
                SourceFile::Result { folder: of, .. } | SourceFile::Verification { folder: of, .. },
            ) => *of == folder,
            _ => false,
        })
        .collect();
    let mut broken = Diagnostics::default();
    for (_, f) in &own {
        for d in f.diagnostics.iter().filter(|d| d.is_error()) {
            broken.push(d.clone());
        }
    }
    if broken.has_errors() {
        return Err(Failure::Content(broken));
    }
    let mut result: Option<&ResultSource> = None;
    let mut result_name = "result.yaml".to_string();
    let mut verifications: Vec<(String, &VerificationSource)> = Vec::new();
    for (rel, f) in &own {
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match &f.source {
            Some(SourceFile::Result { file: Some(r), .. }) => {
                result = Some(&r.value);
                result_name = name;
            }
            Some(SourceFile::Verification { file: Some(v), .. }) => {
                verifications.push((name, &v.value))
            }
            _ => {}
        }
    }
    // Several verification files are read in name order, and replaced by one.
    let verification_name = match verifications.as_slice() {
        [(one, _)] => one.clone(),
        _ => "verification.yaml".to_string(),
    };
    let retired = verifications
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| *n != verification_name)
        .collect();
    let stand_in = NewFile {
        rel: year_dir.join("result.yaml"),
        text: stand_in(&loads, year),
    };
    let set_aside: Vec<PathBuf> = own.iter().map(|(rel, _)| rel.clone()).collect();
    let checked = apply::check_with(content, &loads, &folder, &set_aside, &[stand_in])
        .map_err(|e| Failure::message(m::staging_failed(&e)))?;
    let report = match checked {
        Checked::Passed(report, _) => *report,
        Checked::Failed(diags, _) => return Err(Failure::Content(diags)),
    };
    let rows = layout::rows(&report);
    if rows.is_empty() {
        return Err(Failure::message(m::no_indicators()));
    }
    let sources: Vec<&VerificationSource> = verifications.iter().map(|(_, v)| *v).collect();
    let existing = entries::from_sources(&report, &rows, result, &sources);
    Ok(Base {
        commentary: result
            .and_then(|r| r.commentary.as_deref())
            .and_then(super::grid::cell_text),
        verification_name,
        retired,
        report,
        rows,
        existing,
        folder,
        result_name,
        loads,
    })
}

/// The folder of `year`: the one whose result.yaml says it, else one named after it, else
/// `R4`.
fn year_folder(loads: &[(PathBuf, FileLoad)], year: FiscalYear) -> String {
    let by_year = loads.iter().find_map(|(_, f)| match &f.source {
        Some(SourceFile::Result {
            folder,
            file: Some(r),
        }) if r.value.year == year => Some(folder),
        _ => None,
    });
    let by_name = || {
        loads
            .iter()
            .filter_map(|(_, f)| match &f.source {
                Some(
                    SourceFile::Result { folder, .. }
                    | SourceFile::Verification { folder, .. }
                    | SourceFile::External { folder, .. },
                ) => Some(folder),
                _ => None,
            })
            .find(|f| FiscalYear::parse(f).is_ok_and(|y| y == year))
    };
    by_year
        .or_else(by_name)
        .cloned()
        .unwrap_or_else(|| year.short())
}

/// A result.yaml saying every indicator is missing: the year in the content while its own
/// files are set aside.
fn stand_in(loads: &[(PathBuf, FileLoad)], year: FiscalYear) -> String {
    let mut text = format!("year: {}\nmissing:\n", year.short());
    for (_, f) in loads {
        if let Some(SourceFile::Indicator(Some(i))) = &f.source {
            if crate::validate::check_id(&i.value.id).is_ok() {
                text.push_str(&format!("  {}: sosei sheet\n", i.value.id));
            }
        }
    }
    text
}
