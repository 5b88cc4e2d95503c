//! Opening a returned file: what it is (xlsx, xls, ods, CSV, or not a workbook), refused
//! before reading when it is too large, unpacks too large (a zip bomb) or is locked with
//! a password, then read with calamine into grids. No input makes it panic: calamine's
//! own failures, and any panic inside it, become messages.

use super::csv;
use super::grid::{Book, Grid, NumberFormat, Value, MAX_CELLS, MAX_COLUMN, MAX_ROW};
use super::messages as m;
use calamine::{Data, Reader, Xls, Xlsx};
use std::io::{Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// The largest file read: returned workbooks are a few hundred kB.
const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// The most a workbook's parts may unpack to, in all.
const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;
/// The most parts a workbook's zip may hold.
const MAX_PARTS: usize = 10_000;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What a file's first bytes and parts say it is.
enum Kind {
    Xlsx,
    Xlsb,
    Ods,
    Xls,
    Csv,
}

/// Reads `path` (shown in messages as `shown`) into its sheets.
pub fn read_book(path: &Path, shown: &str) -> Result<Book, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| m::cannot_read(shown, &e.to_string()))?
        .len();
    if !path.is_file() {
        return Err(m::not_a_file(shown));
    }
    if size > MAX_FILE_BYTES {
        return Err(m::file_too_large(shown, size, MAX_FILE_BYTES));
    }
    let bytes = std::fs::read(path).map_err(|e| m::cannot_read(shown, &e.to_string()))?;
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let kind = if bytes.starts_with(ZIP_MAGIC) {
        zip_kind(&bytes, shown)?
    } else if bytes.starts_with(CFB_MAGIC) {
        Kind::Xls
    } else if is_csv {
        Kind::Csv
    } else {
        return Err(m::not_a_workbook(shown, looks_like_text(&bytes)));
    };
    match catch_unwind(AssertUnwindSafe(|| read_kind(kind, &bytes, shown))) {
        Ok(result) => result,
        Err(_) => Err(m::reader_stopped(shown)),
    }
}

fn read_kind(kind: Kind, bytes: &[u8], shown: &str) -> Result<Book, String> {
    match kind {
        Kind::Csv => csv::read(bytes, shown),
        Kind::Xlsx => read_xlsx(bytes, shown),
        Kind::Xls => read_xls(bytes, shown),
        Kind::Ods => {
            let mut wb = calamine::Ods::new(Cursor::new(bytes)).map_err(|e| match e {
                calamine::OdsError::Password => m::password(shown),
                e => calamine_error(shown, &e),
            })?;
            read_other(&mut wb, shown)
        }
        Kind::Xlsb => {
            let mut wb = calamine::Xlsb::new(Cursor::new(bytes)).map_err(|e| match e {
                calamine::XlsbError::Password => m::password(shown),
                e => calamine_error(shown, &e),
            })?;
            read_other(&mut wb, shown)
        }
    }
}

fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    !head.contains(&0) && (std::str::from_utf8(head).is_ok() || head.iter().all(|b| *b >= 0x09))
}

/// Checks a zip's parts before anything reads them: at most `MAX_PARTS`, unpacking to at
/// most `MAX_UNPACKED_BYTES` in all, counted on the bytes really unpacked (a part's
/// declared size may lie); and tells which workbook it holds.
fn zip_kind(bytes: &[u8], shown: &str) -> Result<Kind, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| m::unreadable(shown, &e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(m::too_many_parts(shown, zip.len()));
    }
    let mut total: u64 = 0;
    let (mut xlsx, mut xlsb, mut ods, mut encrypted) = (false, false, false, false);
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| m::unreadable(shown, &e.to_string()))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let declared = part.size();
        if declared > MAX_UNPACKED_BYTES.saturating_sub(total) {
            return Err(m::zip_bomb(
                shown,
                total.saturating_add(declared),
                MAX_UNPACKED_BYTES,
            ));
        }
        let left = MAX_UNPACKED_BYTES - total;
        let mut keep = Vec::new();
        let want_text = name == "mimetype" || name == "META-INF/manifest.xml";
        let read = if want_text {
            (&mut part).take(left + 1).read_to_end(&mut keep)
        } else {
            std::io::copy(&mut (&mut part).take(left + 1), &mut std::io::sink()).map(|n| n as usize)
        }
        .map_err(|e| {
            if e.to_string().contains("larger than its declared") {
                m::part_larger_than_declared(shown, &name, declared)
            } else {
                m::unreadable(shown, &e.to_string())
            }
        })?;
        total += read as u64;
        if total > MAX_UNPACKED_BYTES {
            return Err(m::zip_bomb(shown, total, MAX_UNPACKED_BYTES));
        }
        match name.as_str() {
            "xl/workbook.xml" => xlsx = true,
            "xl/workbook.bin" => xlsb = true,
            "mimetype" => ods = keep.starts_with(b"application/vnd.oasis.opendocument.spreadsheet"),
            "META-INF/manifest.xml" => {
                encrypted = keep.windows(15).any(|w| w == b"encryption-data")
            }
            _ => {}
        }
    }
    if ods && encrypted {
        return Err(m::password(shown));
    }
    match (xlsx, xlsb, ods) {
        (true, _, _) => Ok(Kind::Xlsx),
        (_, true, _) => Ok(Kind::Xlsb),
        (_, _, true) => Ok(Kind::Ods),
        _ => Err(m::zip_not_workbook(shown)),
    }
}

fn calamine_error(shown: &str, e: &dyn std::fmt::Display) -> String {
    let text = e.to_string();
    if text.contains("password protected") {
        m::password(shown)
    } else {
        m::unreadable(shown, &text)
    }
}

/// An xls file, or an xlsx locked with a password (which is a compound file too).
fn read_xls(bytes: &[u8], shown: &str) -> Result<Book, String> {
    match Xls::new(Cursor::new(bytes)) {
        Ok(mut wb) => {
            let mut book = read_other(&mut wb, shown)?;
            for grid in &mut book.sheets {
                let merged = wb
                    .merge_cells_by_sheet_name(&grid.name)
                    .map_err(|e| m::unreadable(shown, &e.to_string()))?;
                grid.merged = merged.iter().map(|d| (d.start, d.end)).collect();
            }
            Ok(book)
        }
        Err(calamine::XlsError::Password) => Err(m::password(shown)),
        Err(e) => match Xlsx::new(Cursor::new(bytes)) {
            Err(calamine::XlsxError::Password) => Err(m::password(shown)),
            _ => Err(m::unreadable(shown, &e.to_string())),
        },
    }
}

/// An xlsx file, cell by cell (calamine's streaming reader), so that a sheet claiming a
/// vast area costs only the cells it holds; with each number's format.
fn read_xlsx(bytes: &[u8], shown: &str) -> Result<Book, String> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| calamine_error(shown, &e))?;
    let mut book = Book::default();
    for name in wb.sheet_names() {
        let mut grid = Grid {
            name: name.clone(),
            ..Grid::default()
        };
        let err = |e: calamine::XlsxError| calamine_error(shown, &e);
        let mut cells = wb.worksheet_cells_reader(&name).map_err(err)?;
        let mut count = 0usize;
        while let Some((cell, style)) = cells.next_cell_with_style_id().map_err(err)? {
            let (row, col) = cell.get_position();
            count += 1;
            bounds(shown, &name, row, col, count)?;
            let format = || {
                let code = cells
                    .styles()
                    .get(style)
                    .and_then(|s| s.number_format.as_ref())
                    .map_or_else(|| "General".to_string(), |f| f.format_code.clone());
                NumberFormat::Code(code)
            };
            let value = value(cell.get_value().clone().into(), format);
            if value != Value::Empty {
                grid.cells.insert((row, col), value);
            }
        }
        drop(cells);
        let mut formulas = wb.worksheet_cells_reader(&name).map_err(err)?;
        while let Some(f) = formulas.next_formula().map_err(err)? {
            if !f.get_value().is_empty() {
                grid.formulas
                    .push((f.get_position(), f.get_value().clone()));
            }
        }
        drop(formulas);
        let merged = wb.merge_cells_by_sheet_name(&name).map_err(err)?;
        grid.merged = merged.iter().map(|d| (d.start, d.end)).collect();
        book.sheets.push(grid);
    }
    Ok(book)
}

fn bounds(shown: &str, sheet: &str, row: u32, col: u32, count: usize) -> Result<(), String> {
    if row > MAX_ROW || col > MAX_COLUMN || count > MAX_CELLS {
        return Err(m::sheet_too_big(shown, sheet, MAX_CELLS));
    }
    Ok(())
}

/// An xls, ods or xlsb file, through calamine's whole-sheet reader (these files do not
/// tell number formats).
fn read_other<RS, R>(wb: &mut R, shown: &str) -> Result<Book, String>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let mut book = Book::default();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| calamine_error(shown, &e))?;
        if range.get_size().0.saturating_mul(range.get_size().1) > MAX_CELLS * 16 {
            return Err(m::sheet_too_big(shown, &name, MAX_CELLS));
        }
        let mut grid = Grid {
            name: name.clone(),
            ..Grid::default()
        };
        for (row, col, data) in range.used_cells() {
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let (row, col) = (r0 + row as u32, c0 + col as u32);
            bounds(shown, &name, row, col, grid.cells.len() + 1)?;
            let value = value(data.clone(), || NumberFormat::Unknown);
            if value != Value::Empty {
                grid.cells.insert((row, col), value);
            }
        }
        if let Ok(formulas) = wb.worksheet_formula(&name) {
            let (r0, c0) = formulas.start().unwrap_or((0, 0));
            for (row, col, f) in formulas.used_cells() {
                if !f.is_empty() {
                    grid.formulas
                        .push(((r0 + row as u32, c0 + col as u32), f.clone()));
                }
            }
        }
        book.sheets.push(grid);
    }
    Ok(book)
}

/// A cell's value as import sees it; `format` tells a number cell's format.
fn value(data: Data, format: impl FnOnce() -> NumberFormat) -> Value {
    let number = |text: String| Value::Number {
        text,
        format: format(),
    };
    match data {
        Data::Int(i) => number(i.to_string()),
        Data::Float(f) => number(float_text(f)),
        Data::String(s) => Value::Text(s),
        Data::Bool(b) => Value::Bool(b),
        Data::DateTime(d) => Value::Date(date_text(&d)),
        Data::DateTimeIso(d) | Data::DurationIso(d) => Value::Date(d),
        Data::Error(e) => Value::Error(e.to_string()),
        Data::Empty => Value::Empty,
    }
}

/// The shortest decimal text that reads back as `f` (Rust never writes an exponent here).
fn float_text(f: f64) -> String {
    if f.is_finite() {
        format!("{f}")
    } else {
        "NaN".into()
    }
}

/// `2022-03-31` (or with the time, when there is one).
fn date_text(d: &calamine::ExcelDateTime) -> String {
    let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{da:02}")
    } else {
        format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
    }
}
