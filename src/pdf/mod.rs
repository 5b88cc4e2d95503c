//! Print: the full report to an A4 PDF with headless Chromium, with real page numbers in the 目次.
//!
//! Chromium ignores `target-counter()`, so printing takes two passes: the first print
//! tells on which page each heading landed (from the PDF's named destinations); those
//! numbers go into the 目次, and the second print is the result. A third pass runs only
//! if adding the numbers moved a heading. The result is read back once more and checked
//! (`verify.rs`) before it replaces the output file.

pub mod browser;
pub mod dests;
pub mod verify;

use crate::diag::{Diagnostic, Diagnostics};
use crate::fiscal_year::FiscalYear;
use crate::render::{self, Options};
use crate::{build, write};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What `sosei pdf` made.
#[derive(Debug)]
pub struct Printed {
    pub file: PathBuf,
    pub pages: usize,
    pub passes: usize,
    pub seconds: f64,
    pub browser: PathBuf,
}

/// Most prints made before giving up on page numbers that keep moving.
const MAX_PASSES: usize = 4;

/// Today's date in the era form for the cover (`令和8年11月23日`), or the date of
/// `SOURCE_DATE_EPOCH` when it is set, so that printing is reproducible.
pub fn issue_date() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    // Japan Standard Time, UTC+9.
    let days = (secs + 9 * 3600).div_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let era = if y >= 2019 && (y, m) >= (2019, 5) {
        let n = y - 2018;
        if n == 1 {
            "令和元年".to_string()
        } else {
            format!("令和{n}年")
        }
    } else {
        format!("{y}年")
    };
    format!("{era}{m}月{d}日")
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Builds the report of `year` (the latest if `None`) and prints its 全体版 to `output`.
/// Without `output`, the PDF is written to `report-<year>.pdf` (`report-r3.pdf`).
pub fn print(
    content: &Path,
    year: Option<FiscalYear>,
    output: Option<&Path>,
    browser: Option<&Path>,
) -> Result<Printed, Diagnostics> {
    let started = Instant::now();
    let fail = |d: Diagnostic| {
        let mut all = Diagnostics::default();
        all.push(d);
        all
    };
    let browser = browser::find(browser).map_err(|m| fail(Diagnostic::error("sosei pdf", m)))?;
    let (report, diags, _) = build::check(content);
    let Some(report) = report else {
        return Err(diags);
    };
    let year = match year {
        Some(y) if report.years.iter().any(|r| r.year == y) => y,
        Some(y) => {
            let have: Vec<String> = report.years.iter().map(|r| r.year.short()).collect();
            return Err(fail(
                Diagnostic::error("sosei pdf", m!("pdf.no-such-year", year = y.label())).expected(
                    m!(
                        "validate.expected-one-of",
                        list = crate::messages::list(&have)
                    ),
                ),
            ));
        }
        None => match report.years.last() {
            Some(r) => r.year,
            None => return Err(fail(Diagnostic::error("sosei pdf", m!("pdf.no-year")))),
        },
    };
    let default_output = PathBuf::from(format!("report-{}.pdf", year.slug()));
    let output = output.unwrap_or(&default_output);
    let theme = render::theme::load(
        build::theme_override(content).as_deref(),
        report.vocabulary.clone(),
    )
    .map_err(fail)?;
    let work = scratch_dir().map_err(|e| {
        fail(Diagnostic::error(
            "sosei pdf",
            m!("pdf.cannot-make-work-folder", error = e),
        ))
    })?;
    let site_dir = work.join("site");
    let result = (|| {
        let mut options = Options {
            issued: Some(issue_date()),
            only_year: Some(year),
            ..Options::default()
        };
        let page = format!("{}full.html", render::site::year_prefix(year));
        let mut passes = 0;
        loop {
            let cannot_write = |e: std::io::Error| {
                fail(Diagnostic::error(
                    &site_dir,
                    m!("pdf.cannot-write-report", error = e),
                ))
            };
            let staging = write::Staging::begin(&site_dir).map_err(cannot_write)?;
            let (rendered, render_diags) =
                render::render(&report, content, &theme, &options, &|_, _| {}, &staging);
            if render_diags.has_errors() {
                return Err(render_diags);
            }
            staging
                .copy_images(&rendered.images)
                .map_err(cannot_write)?;
            staging.commit().map_err(cannot_write)?;
            let pdf = work.join(format!("pass{passes}.pdf"));
            browser::print(&browser, &site_dir.join(&page), &pdf)
                .map_err(|m| fail(Diagnostic::error(&browser, m)))?;
            passes += 1;
            let printed = std::fs::read(&pdf)
                .map_err(|e| e.to_string())
                .and_then(|bytes| dests::read(&bytes))
                .map_err(|m| {
                    fail(Diagnostic::error(
                        &pdf,
                        m!("pdf.cannot-read-numbers", problem = m),
                    ))
                })?;
            let headings: BTreeMap<String, usize> = printed
                .destinations
                .into_iter()
                .filter(|(k, _)| k.starts_with("h-"))
                .collect();
            if headings == options.toc_pages || passes >= MAX_PASSES {
                let html = std::fs::read_to_string(site_dir.join(&page))
                    .map_err(|e| fail(Diagnostic::error(site_dir.join(&page), e.to_string())))?;
                let toc = verify::toc_entries(&html);
                keep(&pdf, output, printed.pages, &toc, &options.toc_pages)?;
                return Ok((passes, printed.pages));
            }
            options.toc_pages = headings;
        }
    })();
    let _ = std::fs::remove_dir_all(&work);
    let (passes, pages) = result?;
    Ok(Printed {
        file: output.to_path_buf(),
        pages,
        passes,
        seconds: started.elapsed().as_secs_f64(),
        browser,
    })
}

fn scratch_dir() -> std::io::Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("sosei-pdf-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Copies the final print beside `output`, reads that copy back and checks it against the
/// 目次 that was printed (`toc`, with the heading pages `put_in`), and only then renames it
/// to `output`. On any failure the copy is removed and `output` is left as it was.
fn keep(
    pdf: &Path,
    output: &Path,
    pages: usize,
    toc: &[verify::TocEntry],
    put_in: &BTreeMap<String, usize>,
) -> Result<(), Diagnostics> {
    let fail = |m: String| {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error(output, m));
        all
    };
    let Some(name) = output.file_name() else {
        return Err(fail(m!("pdf.output-not-file")));
    };
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent {
        std::fs::create_dir_all(parent)
            .map_err(|e| fail(m!("pdf.cannot-make-folder", error = e)))?;
    }
    let mut partial = std::ffi::OsString::from(".");
    partial.push(name);
    partial.push(format!(".{}.partial", std::process::id()));
    let partial = output.with_file_name(partial);
    let checked = std::fs::copy(pdf, &partial)
        .map_err(|e| m!("pdf.cannot-write", error = e))
        .and_then(|_| std::fs::read(&partial).map_err(|e| m!("pdf.cannot-read-back", problem = e)))
        .and_then(|bytes| dests::read(&bytes).map_err(|m| m!("pdf.cannot-read-back", problem = m)))
        .map_err(|m| vec![m])
        .and_then(|printed| verify::check(&printed, pages, toc, put_in))
        .and_then(|()| {
            std::fs::rename(&partial, output).map_err(|e| vec![m!("pdf.cannot-write", error = e)])
        });
    checked.map_err(|problems| {
        let _ = std::fs::remove_file(&partial);
        let mut all = Diagnostics::default();
        for problem in problems {
            all.push(Diagnostic::error(output, problem).help(m!("pdf.not-written")));
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_780), (2026, 11, 23));
    }
}
