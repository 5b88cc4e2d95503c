//! Helpers for the `sheet*` tests: copies of the bundled content, exported workbooks,
//! and workbooks changed the way staff (or a hostile file) would change them: read with
//! sosei's own reader, edited as grids, written again with rust_xlsxwriter; or edited in
//! their XML, for what rust_xlsxwriter cannot write.
#![allow(dead_code)]

use sosei::fiscal_year::FiscalYear;
use sosei::sheet::grid::{Grid, NumberFormat, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../common/mod.rs"]
mod common;
pub use common::*;

/// A copy of the bundled content in a fresh folder: (the folder, its `content`).
pub fn bundled_copy() -> (tempfile::TempDir, PathBuf) {
    copy_content("content")
}

pub fn year(text: &str) -> FiscalYear {
    FiscalYear::parse(text).unwrap()
}

/// Exports `year` of `content` into `out`; the workbooks written.
pub fn export(content: &Path, y: &str, out: &Path, by_department: bool) -> Vec<PathBuf> {
    match sosei::sheet::export(content, year(y), out, by_department) {
        Ok(done) => done.files.into_iter().map(|(f, _)| f).collect(),
        Err(e) => panic!("export failed: {e:?}"),
    }
}

/// The sheets of a workbook as sosei reads them.
pub fn grids(path: &Path) -> Vec<Grid> {
    sosei::sheet::read::read_book(path, "x").unwrap().sheets
}

/// The indicators sheet (the one with the marker in A1).
pub fn indicators(grids: &mut [Grid]) -> &mut Grid {
    grids
        .iter_mut()
        .find(|g| matches!(g.get(0, 0), Value::Text(t) if t.starts_with("sosei-sheet")))
        .unwrap()
}

/// The column with `heading` in the heading row (row 3).
pub fn column(grid: &Grid, heading: &str) -> u32 {
    (0..40)
        .find(|c| grid.get(2, *c).text().as_deref() == Some(heading))
        .unwrap_or_else(|| panic!("no column {heading}"))
}

/// The row of the indicator or series `key`.
pub fn row(grid: &Grid, key: &str) -> u32 {
    (3..10_000)
        .find(|r| grid.get(*r, 0).text().as_deref() == Some(key))
        .unwrap_or_else(|| panic!("no row {key}"))
}

pub fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

pub fn number(s: &str, format: &str) -> Value {
    Value::Number {
        text: s.to_string(),
        format: NumberFormat::Code(format.to_string()),
    }
}

/// Writes `grids` as an xlsx workbook: texts, numbers in their formats, dates, formulas
/// with their values, merged areas. (No protection or hidden columns: import must not
/// depend on them.)
pub fn save(grids: &[Grid], path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    for g in grids {
        let ws = wb.add_worksheet();
        ws.set_name(&g.name).unwrap();
        for (&(r, c), v) in &g.cells {
            let c = c as u16;
            match v {
                Value::Empty => {}
                Value::Text(t) => {
                    ws.write_string(r, c, t).unwrap();
                }
                Value::Number { text, format } => {
                    let f = match format {
                        NumberFormat::Code(code) => Format::new().set_num_format(code),
                        NumberFormat::Unknown => Format::new(),
                    };
                    ws.write_number_with_format(r, c, text.parse::<f64>().unwrap(), &f)
                        .unwrap();
                }
                Value::Bool(b) => {
                    ws.write_boolean(r, c, *b).unwrap();
                }
                Value::Date(d) => {
                    let date = ExcelDateTime::parse_from_str(d).unwrap();
                    let f = Format::new().set_num_format("yyyy/mm/dd");
                    ws.write_datetime_with_format(r, c, &date, &f).unwrap();
                }
                Value::Error(_) => panic!("write errors with `edit_xml`"),
            }
        }
        for ((r, c), f) in &g.formulas {
            ws.write_formula(*r, *c as u16, format!("={f}").as_str())
                .unwrap();
            if let Some(v) = g.cells.get(&(*r, *c)) {
                ws.set_formula_result(*r, *c as u16, v.shown());
            }
        }
        for ((r1, c1), (r2, c2)) in &g.merged {
            let value = g.get(*r1, *c1).shown();
            ws.merge_range(*r1, *c1 as u16, *r2, *c2 as u16, &value, &Format::new())
                .unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// Reads a workbook, lets `edit` change its indicators sheet, and writes it to `to`.
pub fn edited(from: &Path, to: &Path, edit: impl FnOnce(&mut Grid)) {
    let mut g = grids(from);
    edit(indicators(&mut g));
    save(&g, to);
}

/// Rewrites the zip `from` into `to`, passing the text of the part `part` through `edit`.
pub fn edit_xml(from: &Path, to: &Path, part: &str, edit: impl Fn(String) -> String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == part {
            bytes = edit(String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

/// Runs `sosei sheet import FILES --year Y --content CONTENT [extra]` in English:
/// (exit code, stderr with `dir` written as `$DIR`).
pub fn import(
    files: &[PathBuf],
    y: &str,
    content: &Path,
    extra: &[&str],
    dir: &Path,
) -> (i32, String) {
    import_in("C", files, y, content, extra, dir)
}

/// As `import`, under the locale `LANG=lang` alone (`sosei_in`):
/// `ja_JP.UTF-8` for Japanese.
pub fn import_in(
    lang: &str,
    files: &[PathBuf],
    y: &str,
    content: &Path,
    extra: &[&str],
    dir: &Path,
) -> (i32, String) {
    let run = sosei_in(lang)
        .args(["sheet", "import"])
        .args(files)
        .args(["--year", y, "--content"])
        .arg(content)
        .args(extra)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr).replace(&dir.display().to_string(), "$DIR");
    (run.status.code().unwrap_or(-1), err)
}

/// Whether LibreOffice is here; in CI its absence is a failure.
pub fn soffice_present() -> bool {
    let ok = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && std::env::var_os("CI").is_some() {
        panic!("CI must have LibreOffice (soffice; Debian's libreoffice-calc-nogui)");
    }
    if !ok {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
    }
    ok
}

/// Converts `file` with LibreOffice headless (`--convert-to TO`) into `out`; the files
/// it wrote.
pub fn soffice_convert(file: &Path, to: &str, out: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(out).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let run = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(out)
        .arg(file)
        // LibreOffice writes nothing under a locale that is not installed.
        .env_remove("LC_MESSAGES")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}
