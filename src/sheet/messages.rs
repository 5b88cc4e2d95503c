//! Every message `sosei sheet` prints, in one place (one function each), so that the
//! catalogue can be translated as a whole. The Japanese words of the workbook itself are
//! in `labels`. Places read `kikaku.xlsx!数値目標!D7`; values are quoted 「like this」.

use super::place::{cell_name, Place};
use crate::diag::terminal_safe;
use crate::fiscal_year::FiscalYear;
use std::path::Path;

fn path(p: &Path) -> String {
    terminal_safe(&p.display().to_string()).into_owned()
}

fn shown(text: &str) -> String {
    terminal_safe(text).into_owned()
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

// Opening files.

pub fn cannot_read(file: &str, why: &str) -> String {
    format!("{}: cannot read the file: {why}", shown(file))
}
pub fn not_a_file(file: &str) -> String {
    format!("{}: this is not a file", shown(file))
}
pub fn file_too_large(file: &str, size: u64, limit: u64) -> String {
    format!(
        "{}: the file is {}; sosei reads workbooks of at most {}",
        shown(file),
        mb(size),
        mb(limit)
    )
}
pub fn not_a_workbook(file: &str, text: bool) -> String {
    let what = if text {
        " (it is text, perhaps renamed)"
    } else {
        ""
    };
    format!(
        "{}: this is not a workbook{what}; expected an .xlsx, .xls or .ods file, or a .csv saved from the indicators sheet",
        shown(file)
    )
}
pub fn zip_not_workbook(file: &str) -> String {
    format!(
        "{}: this zip file holds no workbook (no xl/workbook.xml, no OpenDocument spreadsheet)",
        shown(file)
    )
}
pub fn unreadable(file: &str, detail: &str) -> String {
    format!(
        "{}: cannot be read as a workbook: {}",
        shown(file),
        shown(detail)
    )
}
pub fn reader_stopped(file: &str) -> String {
    format!(
        "{}: cannot be read as a workbook: the reader stopped on it",
        shown(file)
    )
}
pub fn too_many_parts(file: &str, n: usize) -> String {
    format!(
        "{}: the workbook has {n} parts; a workbook sosei wrote has about ten",
        shown(file)
    )
}
pub fn zip_bomb(file: &str, size: u64, limit: u64) -> String {
    format!(
        "{}: unpacked, this workbook would be more than {} (at least {}); refused before reading",
        shown(file),
        mb(limit),
        mb(size)
    )
}
pub fn part_larger_than_declared(file: &str, part: &str, declared: u64) -> String {
    format!(
        "{}: the part {} unpacks to more than the {} bytes it declares; refused (a zip bomb?)",
        shown(file),
        shown(part),
        declared
    )
}
pub fn file_twice(file: &str) -> String {
    format!(
        "{}: this file is given twice; give each file once",
        shown(file)
    )
}
pub fn password(file: &str) -> String {
    format!(
        "{}: the workbook is protected by a password; save it again without one (Excel: ファイル → 情報 → ブックの保護 → パスワードを使用して暗号化, clear the password) and import that",
        shown(file)
    )
}
pub fn sheet_too_big(file: &str, sheet: &str, cells: usize) -> String {
    let sheet = if sheet.is_empty() {
        String::new()
    } else {
        format!("!{}", shown(sheet))
    };
    format!(
        "{}{sheet}: the sheet holds more than {cells} cells or reaches beyond Excel's last row or column; this is not a sheet sosei wrote",
        shown(file)
    )
}
pub fn csv_encoding(file: &str) -> String {
    format!(
        "{}: this CSV is neither UTF-8 nor Shift_JIS; save it from Excel as \"CSV UTF-8\"",
        shown(file)
    )
}

// What a cell holds.

pub fn at(place: &Place, message: &str) -> String {
    format!("{place}: {message}")
}
pub fn not_a_number(text: &str) -> String {
    format!("「{}」 is not a number", shown(text))
}
pub fn unit_mismatch(text: &str, typed: &str, unit: &str) -> String {
    format!(
        "「{}」 has the unit {} but the indicator's unit is {}",
        shown(text),
        shown(typed),
        shown(unit)
    )
}
pub fn percent_not_unit(text: &str, unit: &str) -> String {
    format!(
        "「{}」 is shown as a percentage but the indicator's unit is {}",
        shown(text),
        shown(unit)
    )
}
pub fn date_not_number(text: &str) -> String {
    format!("「{}」 is a date, not a number", shown(text))
}
pub fn error_value(text: &str) -> String {
    format!(
        "「{}」 is a formula's error value, not a number",
        shown(text)
    )
}
pub fn too_large(text: &str) -> String {
    format!("「{}」 is too large a number", shown(text))
}
pub fn too_many_decimals(text: &str) -> String {
    format!("「{}」 has more than 9 decimals", shown(text))
}
pub fn not_a_milestone(text: &str) -> String {
    format!("「{}」 is neither 達成 nor 未達成", shown(text))
}
pub fn control_character(place: &Place, c: char) -> String {
    format!(
        "{place}: the text holds a control character, {}; remove it",
        crate::load::controls::describe(c)
    )
}
pub fn not_a_reason(place: &Place, text: &str) -> String {
    format!(
        "{place}: 「{}」 is not a reason; write why there is no actual",
        shown(text)
    )
}
pub fn bad_group(place: &Place, text: &str) -> String {
    format!("{place}: 「{}」 is not an entry's number; the hidden 検証のまとまり column holds a number or nothing", shown(text))
}
pub fn bad_scale(place: &Place, text: &str) -> String {
    format!(
        "{place}: 「{}」 is not a scale; the hidden 表示単位 column holds 万, 億 or nothing",
        shown(text)
    )
}

// The workbook as a whole.

pub fn no_marker(file: &str, sheets: &[&str]) -> String {
    let names: Vec<String> = sheets.iter().map(|s| format!("「{}」", shown(s))).collect();
    format!(
        "{}: no sheet of this workbook is an indicators sheet exported by sosei (its cell A1 holds sosei's mark); sheets found: {}",
        shown(file),
        names.join(", ")
    )
}
pub fn csv_not_indicators(file: &str) -> String {
    format!(
        "{}: this CSV is not the indicators sheet exported by sosei (its cell A1 holds sosei's mark); save the CSV while the indicators sheet is shown",
        shown(file)
    )
}
pub fn format_version(place: &Place, found: u32, wanted: u32) -> String {
    format!("{place}: the workbook has layout {found}; this sosei reads layout {wanted}: export the workbook again")
}
pub fn other_city(place: &Place, found: &str, wanted: &str) -> String {
    format!(
        "{place}: the workbook is for city code {}, not {} (config.yaml `city_code:`)",
        shown(found),
        shown(wanted)
    )
}
pub fn other_plan(place: &Place, found: &str, wanted: &str) -> String {
    format!(
        "{place}: the workbook is for the plan 「{}」, not 「{}」",
        shown(found),
        shown(wanted)
    )
}
pub fn other_year(place: &Place, found: FiscalYear, wanted: FiscalYear) -> String {
    format!(
        "{place}: the workbook collects {} ({}), not {} (--year {})",
        found.label(),
        found.short(),
        wanted.label(),
        wanted.short()
    )
}
pub fn heading_missing(place: &Place, heading: &str) -> String {
    format!("{place}: the heading row does not have the column 「{heading}」 exactly once; the sheet's layout was changed: export it again")
}
pub fn formula(place: &Place, formula: &str) -> String {
    format!(
        "{place}: the cell holds a formula (={}); type the value itself",
        shown(formula.trim_start_matches('='))
    )
}
pub fn merged(sheet: &Place, start: (u32, u32), end: (u32, u32)) -> String {
    format!(
        "{sheet}!{}:{}: merged cells; sosei reads one value per cell: unmerge them",
        cell_name(start.0, start.1),
        cell_name(end.0, end.1)
    )
}
pub fn unknown_id(place: &Place, id: &str) -> String {
    format!("{place}: the ID 「{}」 is not an indicator of the content; the hidden ID column was changed", shown(id))
}
pub fn id_not_this_row(place: &Place, id: &str, name: &str, expected: &str) -> String {
    format!(
        "{place}: the ID 「{}」 is the indicator 「{}」, but this row is 「{}」; the hidden ID column was changed (or the indicator renamed since the export)",
        shown(id),
        shown(expected),
        shown(name)
    )
}
pub fn duplicate_row(place: &Place, id: &str, first_row: u32) -> String {
    format!(
        "{place}: the ID 「{}」 is on row {first_row} too",
        shown(id)
    )
}
pub fn stray_rows(sheet: &Place, first: u32, last: u32, count: usize) -> String {
    format!(
        "{sheet}: rows {}–{} ({count} rows with entries) are not rows of the exported table (they have no ID); enter values only in the indicators' rows",
        first + 1,
        last + 1
    )
}
pub fn more_of_the_same(file: &str, n: usize) -> String {
    format!(
        "{}: … and {n} more problems of the kinds above",
        shown(file)
    )
}

// Rows.

pub fn same_as_nothing(place: &Place) -> String {
    format!("{place}: 「同上」 (the same as above), but the row above has no text here")
}
pub fn both_actual_and_reason(place: &Place, key: &str) -> String {
    format!("{place}: `{key}` has both an actual and a reason it was not measured; keep one")
}
pub fn neither_actual_nor_reason(place: &Place, key: &str) -> String {
    format!("{place}: `{key}` has no actual and no reason it was not measured (未測定の理由)")
}
pub fn revision_without_actual(place: &Place) -> String {
    format!("{place}: a note on a corrected actual, but there is no actual")
}
pub fn half_verification(place: &Place, missing: &str) -> String {
    format!("{place}: 「{missing}」 is empty; write both 課題と原因分析 and 今後の対応, or neither")
}
pub fn row_in_two_files(place: &Place, key: &str, other: &Place) -> String {
    format!("{place}: `{key}` is also in {other}; import each indicator from one workbook")
}
pub fn in_no_workbook(key: &str, name: &str, year: FiscalYear) -> String {
    format!(
        "`{key}` (「{}」) is in no workbook, and the content has nothing for it in {}",
        shown(name),
        year.label()
    )
}
pub fn kept_from_content(key: &str, name: &str) -> String {
    format!(
        "`{key}` (「{}」) is in no workbook: kept as the content has it",
        shown(name)
    )
}
pub fn commentary_twice(place: &Place, first: &Place) -> String {
    format!("{place}: the year's commentary is also in {first}; import it from one workbook")
}
pub fn difference(place: &Place, key: &str, what: &str, old: &str, new: &str) -> String {
    let key = if key.is_empty() {
        String::new()
    } else {
        format!("`{key}` ")
    };
    let show = |s: &str| {
        if s.is_empty() {
            "(empty)".to_string()
        } else {
            format!("「{}」", shown(s))
        }
    };
    format!("{place}: {key}{what}: {} → {}", show(old), show(new))
}

// The command.

pub fn year_outside_plan(year: FiscalYear, from: FiscalYear, to: FiscalYear) -> String {
    format!(
        "--year {}: {} is outside the plan's period ({}–{})",
        year.short(),
        year.label(),
        from.short(),
        to.short()
    )
}
pub fn no_indicators() -> String {
    "the content has no indicators to collect".into()
}
pub fn workbook_exists(file: &Path) -> String {
    format!("{} already exists; sosei does not replace a workbook (it may hold entries): move it, or export into another --out folder", path(file))
}
pub fn export_failed(file: &Path, why: &str) -> String {
    format!("{}: cannot make the workbook: {}", path(file), shown(why))
}
pub fn cannot_write(file: &Path, why: &str) -> String {
    format!("{}: cannot write: {}", path(file), shown(why))
}
pub fn needs_force(count: usize) -> String {
    format!("{count} value(s) differ from what the content has (above); run again with --force to replace them")
}
pub fn would_not_validate() -> String {
    "the files these workbooks make would not pass the content's check (below); nothing was written"
        .into()
}
pub fn staging_failed(why: &str) -> String {
    format!(
        "cannot check the new files in a temporary folder: {}",
        shown(why)
    )
}
pub fn content_has_errors(errors: usize) -> String {
    format!("the content has {errors} error(s); fix them first (sosei check)")
}
pub fn failed(errors: usize) -> String {
    format!("sheet import failed: {errors} error(s); nothing was written")
}
pub fn exported(file: &Path, rows: usize) -> String {
    format!("wrote {} ({rows} rows)", path(file))
}
pub fn imported(rows: usize, files: usize) -> String {
    format!("read {rows} rows from {files} file(s)")
}
pub fn wrote(file: &Path) -> String {
    format!(
        "wrote {} (the previous text is kept beside it as .bak)",
        path(file)
    )
}
pub fn wrote_new(file: &Path) -> String {
    format!("wrote {}", path(file))
}
pub fn unchanged() -> String {
    "the content already says all of this; nothing was written".into()
}
pub fn replaced(count: usize) -> String {
    format!("replaced {count} value(s) (--force)")
}
pub fn checked(errors: usize, warnings: usize) -> String {
    format!("sosei check after writing: {errors} error(s), {warnings} warning(s)")
}
