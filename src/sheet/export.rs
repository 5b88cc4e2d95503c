//! `sosei sheet export`: the year's workbooks, one for all indicators or one per 所管課,
//! written into a folder without replacing any workbook already there.

use super::entries;
use super::layout::Row;
use super::messages as m;
use super::workbook::{self, Contents};
use super::Failure;
use crate::fiscal_year::FiscalYear;
use crate::model::Report;
use std::path::{Path, PathBuf};

/// What export wrote.
#[derive(Debug, Default)]
pub struct Exported {
    /// Each workbook and how many rows it has.
    pub files: Vec<(PathBuf, usize)>,
}

/// Writes the workbooks of `year` for the content in `content` into `out`.
pub fn export(
    content: &Path,
    year: FiscalYear,
    out: &Path,
    by_department: bool,
) -> Result<Exported, Failure> {
    let base = super::base::load(content, year)?;
    let (report, rows) = (&base.report, &base.rows);
    let mut prefill = base.existing.clone();
    for (row, entry) in rows.iter().zip(&mut prefill) {
        if entry.scale.is_none() && entry.group.is_none() {
            entry.scale = entries::last_scale(report, row.at, year);
        }
    }
    let groups = groups(rows, by_department);
    let mut planned = Vec::new();
    for (department, members) in &groups {
        let file = out.join(file_name(
            report,
            year,
            department.as_deref(),
            by_department,
        ));
        if file.exists() {
            return Err(Failure::message(m::workbook_exists(&file)));
        }
        let contents = Contents {
            report,
            year,
            rows: members.iter().map(|i| (&rows[*i], &prefill[*i])).collect(),
            department: department.as_deref(),
            commentary: (!by_department).then(|| base.commentary.clone()),
        };
        let bytes = workbook::write(&contents)
            .map_err(|e| Failure::message(m::export_failed(&file, &e.to_string())))?;
        planned.push((file, bytes, members.len()));
    }
    std::fs::create_dir_all(out)
        .map_err(|e| Failure::message(m::cannot_write(out, &e.to_string())))?;
    let mut done = Exported::default();
    for (file, bytes, count) in planned {
        write_new(&file, &bytes)
            .map_err(|e| Failure::message(m::cannot_write(&file, &e.to_string())))?;
        done.files.push((file, count));
    }
    Ok(done)
}

/// The rows of each workbook: all in one, or by 所管課 in the order each first appears
/// (indicators without one last).
fn groups(rows: &[Row], by_department: bool) -> Vec<(Option<String>, Vec<usize>)> {
    if !by_department {
        return vec![(None, (0..rows.len()).collect())];
    }
    let mut out: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match out.iter_mut().find(|(d, _)| *d == row.department) {
            Some((_, members)) => members.push(i),
            None => out.push((row.department.clone(), vec![i])),
        }
    }
    out.sort_by_key(|(d, _)| d.is_none());
    out
}

/// `R3_実績調査票.xlsx`, `R3_実績調査票_企画政策課.xlsx`.
fn file_name(
    report: &Report,
    year: FiscalYear,
    department: Option<&str>,
    by_department: bool,
) -> String {
    let year = year.short_in(report.config.era_fy2019);
    match (by_department, department) {
        (false, _) => format!("{year}_{}.xlsx", super::labels::WORKBOOK),
        (true, Some(d)) => format!("{year}_{}_{}.xlsx", super::labels::WORKBOOK, safe_name(d)),
        (true, None) => format!(
            "{year}_{}_{}.xlsx",
            super::labels::WORKBOOK,
            super::labels::NO_DEPARTMENT
        ),
    }
}

/// A department's name made safe as part of a file name on every system.
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let cleaned = cleaned.trim_matches(['.', ' ']).to_string();
    if cleaned.is_empty() {
        "_".into()
    } else {
        cleaned
    }
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_names_as_file_names() {
        assert_eq!(safe_name("企画政策課"), "企画政策課");
        assert_eq!(safe_name("a/b:c"), "a_b_c");
        assert_eq!(safe_name(".."), "_");
        assert_eq!(safe_name("\u{1b}[31m"), "_[31m");
    }
}
