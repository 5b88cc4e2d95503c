//! The returned rows put together with what the content already has for the year: each
//! row once, rows in no workbook kept from the content (or reported), and every value
//! that would change shown as a difference.

use super::entries::Entry;
use super::labels;
use super::layout::Row;
use super::messages as m;
use super::place::Place;
use super::returned::Returned;
use crate::fiscal_year::FiscalYear;
use crate::format::data_number;

/// The year as it will be written.
#[derive(Debug, Default)]
pub struct Merged {
    /// One entry per row of the content.
    pub entries: Vec<Entry>,
    pub commentary: Option<String>,
    /// What would change in the content's files (needs `--force`).
    pub differences: Vec<String>,
    /// Rows in no workbook, kept as the content has them.
    pub kept: Vec<String>,
}

/// Puts `returned` over the year's entries (`existing`, `old_commentary`), adding
/// problems to `errors`; rows in no file are errors only when `every_file_read`.
pub fn merge(
    rows: &[Row],
    year: FiscalYear,
    existing: &[Entry],
    old_commentary: Option<String>,
    returned: &[Returned],
    every_file_read: bool,
    errors: &mut Vec<String>,
) -> Merged {
    let mut from: Vec<Option<(&Returned, usize)>> = vec![None; rows.len()];
    for file in returned {
        for (k, read) in file.rows.iter().enumerate() {
            match from[read.index] {
                Some((other, j)) => errors.push(m::row_in_two_files(
                    &read.place,
                    &rows[read.index].key,
                    &other.rows[j].place,
                )),
                None => from[read.index] = Some((file, k)),
            }
        }
    }
    let mut merged = Merged::default();
    for (i, row) in rows.iter().enumerate() {
        let old = &existing[i];
        let Some((file, k)) = from[i] else {
            // A file that could not be read may well hold the row: not reported twice.
            if old.is_blank() && every_file_read {
                errors.push(m::in_no_workbook(&row.key, &row.name, year));
            } else {
                merged.kept.push(m::kept_from_content(&row.key, &row.name));
            }
            merged.entries.push(old.clone());
            continue;
        };
        let read = &file.rows[k];
        let mut new = read.entry.clone();
        if new.revision.is_some() {
            new.previous = old.previous;
        }
        if !old.is_blank() {
            differences(&mut merged.differences, file, &read.place, row, old, &new);
        }
        merged.entries.push(new);
    }
    let cells: Vec<&(Place, Option<String>)> = returned
        .iter()
        .filter_map(|r| r.commentary.as_ref())
        .collect();
    merged.commentary = match cells.as_slice() {
        [] => old_commentary,
        [(place, new), rest @ ..] => {
            for (other, _) in rest {
                errors.push(m::commentary_twice(other, place));
            }
            if old_commentary.is_some() && *new != old_commentary {
                merged.differences.push(m::difference(
                    place,
                    "",
                    labels::COMMENTARY_LABEL,
                    &short(old_commentary.as_deref()),
                    &short(new.as_deref()),
                ));
            }
            new.clone()
        }
    };
    merged
}

fn differences(
    out: &mut Vec<String>,
    file: &Returned,
    place: &Place,
    row: &Row,
    old: &Entry,
    new: &Entry,
) {
    let r = place.cell.map_or(0, |(r, _)| r);
    let at = |c: u32| file.sheet.at(r, c);
    let c = file.columns;
    let value = |e: &Entry| match (e.actual, row.milestone) {
        (None, _) => String::new(),
        (Some(q), true) if q.mantissa() == 0 => labels::NOT_ACHIEVED.into(),
        (Some(_), true) => labels::ACHIEVED.into(),
        (Some(q), false) => data_number(q),
    };
    let actual = (value(old), value(new));
    if actual.0 != actual.1 {
        out.push(m::difference(
            &at(c.actual),
            &row.key,
            labels::ACTUAL,
            &actual.0,
            &actual.1,
        ));
    }
    let texts = [
        (c.missing, labels::MISSING, &old.missing, &new.missing),
        (c.analysis, labels::ANALYSIS, &old.analysis, &new.analysis),
        (
            c.next_steps,
            labels::NEXT_STEPS,
            &old.next_steps,
            &new.next_steps,
        ),
        (c.revision, labels::REVISION, &old.revision, &new.revision),
    ];
    for (col, label, a, b) in texts {
        if a != b {
            out.push(m::difference(
                &at(col),
                &row.key,
                label,
                &short(a.as_deref()),
                &short(b.as_deref()),
            ));
        }
    }
}

/// A text shortened for a one-line message; distinct texts stay distinct (their length
/// is shown when cut).
fn short(text: Option<&str>) -> String {
    let Some(text) = text else {
        return String::new();
    };
    let flat = text.replace('\n', "⏎");
    let count = flat.chars().count();
    if count <= 40 {
        flat
    } else {
        let head: String = flat.chars().take(30).collect();
        let tail: String = flat.chars().skip(count - 8).collect();
        format!("{head}…{tail}（{count}字）")
    }
}
