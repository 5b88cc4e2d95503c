//! `sosei sheet`: the yearly round trip with the departments in charge (所管課). `export`
//! writes workbooks that collect one year's results; `import` reads the returned
//! workbooks (xlsx, xls, ods, or CSV as Excel saves it), checks every cell, and writes
//! the year's `result.yaml` and `verification.yaml`, only when every file is clean and
//! the content would still pass its check. See docs/spreadsheets.md.

mod apply;
mod base;
mod cells;
mod csv;
mod entries;
mod export;
pub mod grid;
mod labels;
pub mod layout;
mod merge;
pub mod messages;
mod number;
mod place;
pub mod read;
mod returned;
#[cfg(test)]
mod tests;
mod workbook;
mod yaml_out;

pub use export::{export, Exported};

use crate::diag::Diagnostics;
use crate::fiscal_year::FiscalYear;
use messages as m;
use std::path::{Path, PathBuf};

/// Why a sheet command did nothing.
#[derive(Debug)]
pub enum Failure {
    /// The content itself has errors.
    Content(Diagnostics),
    /// Problems with the files or the command, one message each.
    Messages(Vec<String>),
    /// Values that differ from what the content has, and no `--force`.
    Differences(Vec<String>),
    /// The new files would not pass the content's check: the diagnostics, rendered.
    Check(Diagnostics, String),
}

impl Failure {
    pub fn message(text: String) -> Failure {
        Failure::Messages(vec![text])
    }
}

/// What import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Rows read and files they came from.
    pub rows: usize,
    pub files: usize,
    /// Files written, and whether each replaced an older one.
    pub written: Vec<(PathBuf, bool)>,
    /// Values replaced with `--force`.
    pub replaced: Vec<String>,
    /// Rows in no workbook, kept as the content had them.
    pub kept: Vec<String>,
    /// The content's check, of the content as written (checked before writing).
    pub check: Diagnostics,
}

/// Reads the returned `files` for `year` into the content at `content`.
pub fn import(
    files: &[PathBuf],
    content: &Path,
    year: FiscalYear,
    force: bool,
) -> Result<Imported, Failure> {
    let base = base::load(content, year)?;
    let (report, rows) = (&base.report, &base.rows);
    let expected = returned::Expected::new(report, rows, &base.existing, year);
    let mut errors = Vec::new();
    let mut returned = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut every_file_read = true;
    for file in files {
        let shown = file.display().to_string();
        let same = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        if seen.contains(&same) {
            errors.push(m::file_twice(&shown));
            continue;
        }
        seen.push(same);
        match read::read_book(file, &shown) {
            Err(e) => {
                every_file_read = false;
                errors.push(e);
            }
            Ok(book) => {
                let read = returned::read(&book, &shown, &expected, &mut errors);
                every_file_read &= read.is_some();
                returned.extend(read);
            }
        }
    }
    let merged = merge::merge(
        rows,
        year,
        &base.existing,
        base.commentary.clone(),
        &returned,
        every_file_read,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(Failure::Messages(errors));
    }
    if !merged.differences.is_empty() && !force {
        return Err(Failure::Differences(merged.differences));
    }
    let year_dir = Path::new("results").join(&base.folder);
    let mut new_files = vec![apply::NewFile {
        rel: year_dir.join(&base.result_name),
        text: yaml_out::result(
            report,
            rows,
            &merged.entries,
            year,
            merged.commentary.as_deref(),
        ),
    }];
    let verification = year_dir.join(&base.verification_name);
    match yaml_out::verification(report, rows, &merged.entries, year) {
        Some(text) => new_files.push(apply::NewFile {
            rel: verification,
            text,
        }),
        None if content.join(&verification).exists() => new_files.push(apply::NewFile {
            rel: verification,
            text: "entries: []\n".into(),
        }),
        None => {}
    }
    let retired: Vec<PathBuf> = base.retired.iter().map(|n| year_dir.join(n)).collect();
    // What the content will be once written: its files but those replaced or retired,
    // and the new ones; checked before anything is written, and reported after.
    let set_aside: Vec<PathBuf> = new_files
        .iter()
        .map(|f| f.rel.clone())
        .chain(retired.iter().cloned())
        .collect();
    let checked = apply::check_with(content, &base.loads, &base.folder, &set_aside, &new_files)
        .map_err(|e| Failure::message(m::staging_failed(&e)))?;
    let check = match checked {
        apply::Checked::Passed(_, diags) => diags,
        apply::Checked::Failed(diags, rendered) => return Err(Failure::Check(diags, rendered)),
    };
    let written = apply::write(content, &new_files, &retired)
        .map_err(|e| Failure::message(m::cannot_write(&content.join(&year_dir), &e.to_string())))?;
    Ok(Imported {
        rows: returned.iter().map(|r| r.rows.len()).sum(),
        files: files.len(),
        written,
        replaced: if force {
            merged.differences
        } else {
            Vec::new()
        },
        kept: merged.kept,
        check,
    })
}
