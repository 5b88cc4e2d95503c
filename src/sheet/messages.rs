//! Every message `sosei sheet` prints, in one place (one function each): a thin layer
//! over the catalogue (`sheet.*` in `src/messages/en.yaml` and `ja.yaml`), which gives
//! them in the language of the person running sosei. Values go through `terminal_safe`
//! here. The Japanese words of the workbook itself are in `labels`. Places read
//! `kikaku.xlsx!数値目標!D7`; values are quoted 「like this」.

use super::place::{cell_name, Place};
use crate::diag::{terminal_path, terminal_safe};
use crate::fiscal_year::FiscalYear;
use crate::format::megabytes_to_one_place;
use std::path::Path;

fn shown(text: &str) -> String {
    terminal_safe(text).into_owned()
}

// Opening files.

pub fn cannot_read(file: &str, why: &str) -> String {
    m!("sheet.cannot-read", file = shown(file), error = shown(why))
}
pub fn not_a_file(file: &str) -> String {
    m!("sheet.not-a-file", file = shown(file))
}
pub fn file_too_large(file: &str, size: u64, limit: u64) -> String {
    m!(
        "sheet.file-too-large",
        file = shown(file),
        size = megabytes_to_one_place(size),
        limit = megabytes_to_one_place(limit)
    )
}
pub fn not_a_workbook(file: &str, text: bool) -> String {
    match text {
        true => m!("sheet.text-not-a-workbook", file = shown(file)),
        false => m!("sheet.not-a-workbook", file = shown(file)),
    }
}
pub fn zip_not_workbook(file: &str) -> String {
    m!("sheet.zip-not-workbook", file = shown(file))
}
pub fn unreadable(file: &str, detail: &str) -> String {
    m!(
        "sheet.unreadable",
        file = shown(file),
        detail = shown(detail)
    )
}
pub fn reader_stopped(file: &str) -> String {
    m!("sheet.reader-stopped", file = shown(file))
}
pub fn too_many_parts(file: &str, n: usize) -> String {
    m!("sheet.too-many-parts", file = shown(file), count = n)
}
pub fn zip_bomb(file: &str, size: u64, limit: u64) -> String {
    m!(
        "sheet.zip-bomb",
        file = shown(file),
        limit = megabytes_to_one_place(limit),
        size = megabytes_to_one_place(size)
    )
}
pub fn part_larger_than_declared(file: &str, part: &str, declared: u64) -> String {
    m!(
        "sheet.part-larger-than-declared",
        file = shown(file),
        part = shown(part),
        declared = declared
    )
}
pub fn file_twice(file: &str) -> String {
    m!("sheet.file-twice", file = shown(file))
}
pub fn password(file: &str) -> String {
    m!("sheet.password", file = shown(file))
}
pub fn sheet_too_big(file: &str, sheet: &str, cells: usize) -> String {
    let place = match sheet.is_empty() {
        true => shown(file),
        false => format!("{}!{}", shown(file), shown(sheet)),
    };
    m!("sheet.sheet-too-big", place = place, cells = cells)
}
pub fn csv_encoding(file: &str) -> String {
    m!("sheet.csv-encoding", file = shown(file))
}

// What a cell holds.

/// A message about a cell, after its place (the layout, the same in every language).
pub fn at(place: &Place, message: &str) -> String {
    format!("{place}: {message}")
}
pub fn not_a_number(text: &str) -> String {
    m!("sheet.not-a-number", text = shown(text))
}
pub fn unit_mismatch(text: &str, typed: &str, unit: &str) -> String {
    m!(
        "sheet.unit-mismatch",
        text = shown(text),
        typed = shown(typed),
        unit = shown(unit)
    )
}
pub fn percent_not_unit(text: &str, unit: &str) -> String {
    m!(
        "sheet.percent-not-unit",
        text = shown(text),
        unit = shown(unit)
    )
}
pub fn date_not_number(text: &str) -> String {
    m!("sheet.date-not-number", text = shown(text))
}
pub fn error_value(text: &str) -> String {
    m!("sheet.error-value", text = shown(text))
}
pub fn too_large(text: &str) -> String {
    m!("sheet.too-large", text = shown(text))
}
pub fn too_many_decimals(text: &str) -> String {
    m!("sheet.too-many-decimals", text = shown(text))
}
pub fn not_a_milestone(text: &str) -> String {
    m!("sheet.not-a-milestone", text = shown(text))
}
pub fn control_character(place: &Place, c: char) -> String {
    m!(
        "sheet.control-character",
        place = place,
        character = crate::load::controls::describe(c)
    )
}
pub fn not_a_reason(place: &Place, text: &str) -> String {
    m!("sheet.not-a-reason", place = place, text = shown(text))
}
pub fn bad_group(place: &Place, text: &str) -> String {
    m!("sheet.bad-group", place = place, text = shown(text))
}
pub fn bad_scale(place: &Place, text: &str) -> String {
    m!("sheet.bad-scale", place = place, text = shown(text))
}

// The workbook as a whole.

pub fn no_marker(file: &str, sheets: &[&str]) -> String {
    let names = sheets.iter().map(|s| format!("「{}」", shown(s)));
    m!(
        "sheet.no-marker",
        file = shown(file),
        sheets = crate::messages::list(names)
    )
}
pub fn csv_not_indicators(file: &str) -> String {
    m!("sheet.csv-not-indicators", file = shown(file))
}
pub fn format_version(place: &Place, found: u32, wanted: u32) -> String {
    m!(
        "sheet.format-version",
        place = place,
        found = found,
        wanted = wanted
    )
}
pub fn other_city(place: &Place, found: &str, wanted: &str) -> String {
    m!(
        "sheet.other-city",
        place = place,
        found = shown(found),
        wanted = shown(wanted)
    )
}
pub fn other_plan(place: &Place, found: &str, wanted: &str) -> String {
    m!(
        "sheet.other-plan",
        place = place,
        found = shown(found),
        wanted = shown(wanted)
    )
}
pub fn other_year(place: &Place, found: FiscalYear, wanted: FiscalYear) -> String {
    m!(
        "sheet.other-year",
        place = place,
        found = found.label(),
        found_short = found.short(),
        wanted = wanted.label(),
        wanted_short = wanted.short()
    )
}
pub fn heading_missing(place: &Place, heading: &str) -> String {
    m!("sheet.heading-missing", place = place, heading = heading)
}
pub fn formula(place: &Place, formula: &str) -> String {
    m!(
        "sheet.formula",
        place = place,
        formula = shown(formula.trim_start_matches('='))
    )
}
pub fn merged(sheet: &Place, start: (u32, u32), end: (u32, u32)) -> String {
    let place = format!(
        "{sheet}!{}:{}",
        cell_name(start.0, start.1),
        cell_name(end.0, end.1)
    );
    m!("sheet.merged", place = place)
}
pub fn unknown_id(place: &Place, id: &str) -> String {
    m!("sheet.unknown-id", place = place, id = shown(id))
}
pub fn id_not_this_row(place: &Place, id: &str, name: &str, expected: &str) -> String {
    m!(
        "sheet.id-not-this-row",
        place = place,
        id = shown(id),
        expected = shown(expected),
        name = shown(name)
    )
}
pub fn duplicate_row(place: &Place, id: &str, first_row: u32) -> String {
    m!(
        "sheet.duplicate-row",
        place = place,
        id = shown(id),
        row = first_row
    )
}
pub fn stray_rows(sheet: &Place, first: u32, last: u32, count: usize) -> String {
    m!(
        "sheet.stray-rows",
        place = sheet,
        first = first + 1,
        last = last + 1,
        count = count
    )
}
pub fn more_of_the_same(file: &str, n: usize) -> String {
    m!("sheet.more-of-the-same", file = shown(file), count = n)
}

// Rows.

pub fn same_as_nothing(place: &Place) -> String {
    m!("sheet.same-as-nothing", place = place)
}
pub fn both_actual_and_reason(place: &Place, key: &str) -> String {
    m!("sheet.both-actual-and-reason", place = place, key = key)
}
pub fn neither_actual_nor_reason(place: &Place, key: &str) -> String {
    m!("sheet.neither-actual-nor-reason", place = place, key = key)
}
pub fn revision_without_actual(place: &Place) -> String {
    m!("sheet.revision-without-actual", place = place)
}
pub fn half_verification(place: &Place, missing: &str) -> String {
    m!("sheet.half-verification", place = place, missing = missing)
}
pub fn row_in_two_files(place: &Place, key: &str, other: &Place) -> String {
    m!(
        "sheet.row-in-two-files",
        place = place,
        key = key,
        other = other
    )
}
pub fn in_no_workbook(key: &str, name: &str, year: FiscalYear) -> String {
    m!(
        "sheet.in-no-workbook",
        key = key,
        name = shown(name),
        year = year.label()
    )
}
pub fn kept_from_content(key: &str, name: &str) -> String {
    m!("sheet.kept-from-content", key = key, name = shown(name))
}
pub fn commentary_twice(place: &Place, first: &Place) -> String {
    m!("sheet.commentary-twice", place = place, first = first)
}
/// A value that would change: `key` is the row's, or empty for the year's commentary.
pub fn difference(place: &Place, key: &str, what: &str, old: &str, new: &str) -> String {
    let show = |s: &str| match s.is_empty() {
        true => m!("sheet.empty"),
        false => format!("「{}」", shown(s)),
    };
    let (old, new) = (show(old), show(new));
    match key.is_empty() {
        true => m!(
            "sheet.difference-of-the-year",
            place = place,
            what = what,
            old = old,
            new = new
        ),
        false => m!(
            "sheet.difference",
            place = place,
            key = key,
            what = what,
            old = old,
            new = new
        ),
    }
}

// The command.

pub fn year_outside_plan(year: FiscalYear, from: FiscalYear, to: FiscalYear) -> String {
    m!(
        "sheet.year-outside-plan",
        year = year.short(),
        label = year.label(),
        from = from.short(),
        to = to.short()
    )
}
pub fn no_indicators() -> String {
    m!("sheet.no-indicators")
}
pub fn workbook_exists(file: &Path) -> String {
    m!("sheet.workbook-exists", file = terminal_path(file))
}
pub fn export_failed(file: &Path, why: &str) -> String {
    m!(
        "sheet.export-failed",
        file = terminal_path(file),
        error = shown(why)
    )
}
pub fn cannot_write(file: &Path, why: &str) -> String {
    m!(
        "sheet.cannot-write",
        file = terminal_path(file),
        error = shown(why)
    )
}
pub fn needs_force(count: usize) -> String {
    m!("sheet.needs-force", count = count)
}
pub fn would_not_validate() -> String {
    m!("sheet.would-not-validate")
}
pub fn staging_failed(why: &str) -> String {
    m!("sheet.staging-failed", error = shown(why))
}
pub fn content_has_errors(errors: usize) -> String {
    m!("sheet.content-has-errors", errors = errors)
}
pub fn failed(errors: usize) -> String {
    m!("sheet.failed", errors = errors)
}
pub fn exported(file: &Path, rows: usize) -> String {
    m!("sheet.exported", file = terminal_path(file), rows = rows)
}
pub fn imported(rows: usize, files: usize) -> String {
    m!("sheet.imported", rows = rows, files = files)
}
pub fn wrote(file: &Path) -> String {
    m!("sheet.wrote", file = terminal_path(file))
}
pub fn wrote_new(file: &Path) -> String {
    m!("sheet.wrote-new", file = terminal_path(file))
}
pub fn unchanged() -> String {
    m!("sheet.unchanged")
}
pub fn replaced(count: usize) -> String {
    m!("sheet.replaced", count = count)
}
pub fn checked(errors: usize, warnings: usize) -> String {
    m!("sheet.checked", errors = errors, warnings = warnings)
}
/// A line of the list of values that would change (`--force` not given).
pub fn difference_line(difference: &str) -> String {
    m!("sheet.line.difference", difference = difference)
}
/// A line of the list of values replaced with `--force`.
pub fn replaced_line(change: &str) -> String {
    m!("sheet.line.replaced", change = change)
}
/// A row kept from the content, as a note.
pub fn note_line(note: &str) -> String {
    m!("main.note", note = note)
}
