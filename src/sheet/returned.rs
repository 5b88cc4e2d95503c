//! A returned workbook read against the content: which sheet is the indicators sheet (by
//! its marker), whether it is this city's, plan's and year's, that its layout and ids are
//! as exported, and each row's entry, every cell checked.

use super::entries::Entry;
use super::grid::{Book, Grid, Value};
use super::labels;
use super::layout::{Marker, Row, FIRST_ROW, HEADING_ROW};
use super::messages as m;
use super::place::Place;
use crate::fiscal_year::FiscalYear;
use crate::model::Report;
use std::collections::HashMap;

/// Most problems of one kind listed for one file; the rest are counted.
const LISTED: usize = 20;

/// The columns import reads, found by their headings.
#[derive(Clone, Copy, Debug)]
pub struct Columns {
    pub name: u32,
    pub actual: u32,
    pub missing: u32,
    pub analysis: u32,
    pub next_steps: u32,
    pub revision: u32,
    pub scale: u32,
    pub group: u32,
}

/// One row read from a file.
#[derive(Clone, Debug)]
pub struct ReadRow {
    /// Its place among the content's rows.
    pub index: usize,
    /// The sheet, at the row's first cell.
    pub place: Place,
    pub entry: Entry,
}

/// What one file said.
#[derive(Clone, Debug)]
pub struct Returned {
    pub sheet: Place,
    pub columns: Columns,
    pub rows: Vec<ReadRow>,
    /// The year's commentary, when the file carries its cell: (where, text).
    pub commentary: Option<(Place, Option<String>)>,
}

/// What the rows are checked against.
pub struct Expected<'a> {
    pub report: &'a Report,
    pub rows: &'a [Row],
    /// What the year's files say now (the decimals a value cell showed).
    pub existing: &'a [Entry],
    pub by_key: HashMap<&'a str, usize>,
    pub year: FiscalYear,
}

impl<'a> Expected<'a> {
    pub fn new(
        report: &'a Report,
        rows: &'a [Row],
        existing: &'a [Entry],
        year: FiscalYear,
    ) -> Expected<'a> {
        let by_key = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key.as_str(), i))
            .collect();
        Expected {
            report,
            rows,
            existing,
            by_key,
            year,
        }
    }
}

/// Problems of one kind in one file, listed up to `LISTED`, then counted.
pub(super) struct Listed<'e> {
    errors: &'e mut Vec<String>,
    counts: HashMap<&'static str, usize>,
}

impl Listed<'_> {
    pub(super) fn push(&mut self, kind: &'static str, message: String) {
        let n = self.counts.entry(kind).or_insert(0);
        *n += 1;
        if *n <= LISTED {
            self.errors.push(message);
        }
    }

    fn finish(self, file: &str) {
        for n in self.counts.values().filter(|n| **n > LISTED) {
            self.errors.push(m::more_of_the_same(file, n - LISTED));
        }
    }
}

/// Reads the entries of `book` (the file `shown`), adding every problem to `errors`.
pub fn read(
    book: &Book,
    shown: &str,
    expected: &Expected,
    errors: &mut Vec<String>,
) -> Option<Returned> {
    let Some(grid) = book.sheets.iter().find(|g| marker_of(g).is_some()) else {
        let names: Vec<&str> = book.sheets.iter().map(|g| g.name.as_str()).collect();
        errors.push(if book.csv {
            m::csv_not_indicators(shown)
        } else {
            m::no_marker(shown, &names)
        });
        return None;
    };
    let sheet = Place::sheet(shown, (!book.csv).then_some(grid.name.as_str()));
    let marker = marker_of(grid)?;
    let wanted = Marker::new(expected.report, expected.year);
    let before = errors.len();
    if marker.version != wanted.version {
        errors.push(m::format_version(
            &sheet.at(0, 0),
            marker.version,
            wanted.version,
        ));
    }
    if marker.city_code != wanted.city_code {
        errors.push(m::other_city(
            &sheet.at(0, 0),
            &marker.city_code,
            &wanted.city_code,
        ));
    }
    if marker.plan != wanted.plan {
        errors.push(m::other_plan(&sheet.at(0, 0), &marker.plan, &wanted.plan));
    }
    if marker.year != wanted.year {
        errors.push(m::other_year(&sheet.at(0, 0), marker.year, wanted.year));
    }
    if errors.len() > before {
        return None;
    }
    let columns = columns(grid, &sheet, errors)?;
    let mut listed = Listed {
        errors,
        counts: HashMap::new(),
    };
    for ((r, c), text) in &grid.formulas {
        listed.push("formula", m::formula(&sheet.at(*r, *c), text));
    }
    for (start, end) in &grid.merged {
        listed.push("merged", m::merged(&sheet, *start, *end));
    }
    if !grid.merged.is_empty() {
        // Which value belongs to which row is not known: the rows are not read.
        listed.finish(shown);
        return None;
    }
    let rows = rows(grid, &sheet, columns, expected, &mut listed);
    let commentary = commentary(book);
    listed.finish(shown);
    Some(Returned {
        sheet,
        columns,
        rows,
        commentary: commentary.map(|(r, t)| {
            (
                Place::sheet(shown, Some(labels::INSTRUCTIONS_SHEET)).at(r, 1),
                t,
            )
        }),
    })
}

fn marker_of(grid: &Grid) -> Option<Marker> {
    match grid.get(0, 0) {
        Value::Text(t) => Marker::parse(t),
        _ => None,
    }
}

/// The columns of the inputs, by their headings in the heading row.
fn columns(grid: &Grid, sheet: &Place, errors: &mut Vec<String>) -> Option<Columns> {
    let find = |heading: &str, errors: &mut Vec<String>| {
        let found: Vec<u32> = grid
            .cells
            .range((HEADING_ROW, 0)..(HEADING_ROW + 1, 0))
            .filter(|(_, v)| v.text().as_deref() == Some(heading))
            .map(|((_, c), _)| *c)
            .collect();
        if found.len() != 1 {
            errors.push(m::heading_missing(&sheet.at(HEADING_ROW, 0), heading));
        }
        found.first().copied()
    };
    let cols = [
        labels::NAME,
        labels::ACTUAL,
        labels::MISSING,
        labels::ANALYSIS,
        labels::NEXT_STEPS,
        labels::REVISION,
        labels::SCALE,
        labels::GROUP,
    ]
    .map(|h| find(h, errors));
    let [Some(name), Some(actual), Some(missing), Some(analysis), Some(next_steps), Some(revision), Some(scale), Some(group)] =
        cols
    else {
        return None;
    };
    Some(Columns {
        name,
        actual,
        missing,
        analysis,
        next_steps,
        revision,
        scale,
        group,
    })
}

fn rows(
    grid: &Grid,
    sheet: &Place,
    cols: Columns,
    expected: &Expected,
    listed: &mut Listed,
) -> Vec<ReadRow> {
    let mut out: Vec<ReadRow> = Vec::new();
    let mut seen: HashMap<usize, u32> = HashMap::new();
    let mut stray: Vec<u32> = Vec::new();
    let last = grid.last_row().unwrap_or(0);
    let mut above: super::cells::Above = None;
    let mut r = FIRST_ROW;
    while r <= last {
        let id = grid.get(r, 0).text();
        let Some(id) = id else {
            let filled = grid.cells.range((r, 0)..(r + 1, 0)).next().is_some();
            if filled {
                stray.push(r);
            }
            r += 1;
            continue;
        };
        let row_place = sheet.at(r, 0);
        let Some(&index) = expected.by_key.get(id.as_str()) else {
            listed.push("id", m::unknown_id(&row_place, &id));
            r += 1;
            continue;
        };
        let row = &expected.rows[index];
        let name = grid.get(r, cols.name).text().unwrap_or_default();
        if name != row.name {
            listed.push("id", m::id_not_this_row(&row_place, &id, &name, &row.name));
            r += 1;
            continue;
        }
        if let Some(first) = seen.insert(index, r) {
            listed.push("id", m::duplicate_row(&row_place, &id, first + 1));
            r += 1;
            continue;
        }
        let entry = super::cells::entry(grid, sheet, r, cols, index, expected, &mut above, listed);
        out.push(ReadRow {
            index,
            place: row_place,
            entry,
        });
        r += 1;
    }
    if let (Some(first), Some(last)) = (stray.first(), stray.last()) {
        listed.push("stray", m::stray_rows(sheet, *first, *last, stray.len()));
    }
    out
}

/// The year's commentary on the instructions sheet: (its row, its text).
fn commentary(book: &Book) -> Option<(u32, Option<String>)> {
    let grid = book
        .sheets
        .iter()
        .find(|g| g.name == labels::INSTRUCTIONS_SHEET)?;
    let (&(row, _), _) = grid
        .cells
        .iter()
        .find(|((_, c), v)| *c == 0 && v.text().as_deref() == Some(labels::COMMENTARY_LABEL))?;
    Some((row, grid.get(row, 1).text()))
}
