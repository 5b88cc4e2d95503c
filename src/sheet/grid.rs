//! A sheet as import sees it, whatever file it came from: its non-empty cells with their
//! values (and number formats, where the file keeps them), its formulas and merged areas.

use std::collections::BTreeMap;

/// A cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A number cell: its shortest decimal text (`115.3`, `4910000`), and the cell's
    /// number format where the file tells it.
    Number {
        text: String,
        format: NumberFormat,
    },
    Bool(bool),
    /// A date or time, as shown (`2022-03-31`).
    Date(String),
    /// A formula's error value (`#DIV/0!`).
    Error(String),
}

/// A number cell's format: known (xlsx), or not told by the file (xls, ods).
#[derive(Clone, Debug, PartialEq)]
pub enum NumberFormat {
    Code(String),
    Unknown,
}

impl Value {
    /// The value as staff would see it, for messages.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number { text, .. } => text.clone(),
            Value::Bool(true) => "TRUE".into(),
            Value::Bool(false) => "FALSE".into(),
            Value::Date(d) => d.clone(),
            Value::Error(e) => e.clone(),
        }
    }

    /// The value as a text, read by `cell_text`.
    pub fn text(&self) -> Option<String> {
        cell_text(&self.shown())
    }
}

/// A text as import reads it from a cell, and as the content's texts are compared with
/// what cells say (and exported into them): Windows line ends made plain, white space
/// trimmed at both ends; `None` when nothing is left.
pub fn cell_text(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let trimmed = text.trim_matches(|c: char| c.is_whitespace());
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// One sheet's contents.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub name: String,
    /// Non-empty cells by (row, column), 0-based.
    pub cells: BTreeMap<(u32, u32), Value>,
    /// Cells holding a formula, with its text.
    pub formulas: Vec<((u32, u32), String)>,
    /// Merged areas: (first row, first column), (last row, last column).
    pub merged: Vec<((u32, u32), (u32, u32))>,
}

impl Grid {
    pub fn get(&self, row: u32, col: u32) -> &Value {
        self.cells.get(&(row, col)).unwrap_or(&Value::Empty)
    }

    /// The last row with a non-empty cell.
    pub fn last_row(&self) -> Option<u32> {
        self.cells.keys().map(|(r, _)| *r).max()
    }
}

/// A whole file: its sheets in order.
#[derive(Clone, Debug, Default)]
pub struct Book {
    pub sheets: Vec<Grid>,
    /// A CSV file: one sheet, every value text, no sheet name in places.
    pub csv: bool,
}

/// Most cells a sheet may hold: far more than any report's sheet, far less than memory.
pub const MAX_CELLS: usize = 1_000_000;
/// Rows and columns beyond these are not a sheet sosei wrote.
pub const MAX_ROW: u32 = 1_048_575;
pub const MAX_COLUMN: u32 = 16_383;

/// The decimals and whether a number format shows a percentage: `#,##0.0` → (1, false),
/// `0.00%` → (2, true), `General` → (0, false).
pub fn format_shape(code: &str) -> (u8, bool) {
    // Only the first section (positive numbers) counts; quoted text, `[..]` and escaped
    // characters are not digits.
    let mut decimals = 0u8;
    let mut percent = false;
    let mut after_point = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '.' => after_point = true,
            '0' | '#' | '?' if after_point => decimals = decimals.saturating_add(1),
            '%' => percent = true,
            _ => {
                if after_point && !matches!(c, '0' | '#' | '?') {
                    after_point = false;
                }
            }
        }
    }
    (decimals, percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_shapes() {
        assert_eq!(format_shape("General"), (0, false));
        assert_eq!(format_shape("#,##0"), (0, false));
        assert_eq!(format_shape("#,##0.0"), (1, false));
        assert_eq!(format_shape("0.00%"), (2, true));
        assert_eq!(format_shape("0%"), (0, true));
        assert_eq!(format_shape("\"△\"#,##0.0;[Red]-#,##0.000"), (1, false));
        assert_eq!(format_shape("0.0_ ;\\-0.0\\ "), (1, false));
        assert_eq!(format_shape("\"50%\"0"), (0, false));
    }

    #[test]
    fn text_is_trimmed_with_plain_line_ends() {
        assert_eq!(
            Value::Text(" a\r\nb \n".into()).text(),
            Some("a\nb".to_string())
        );
        assert_eq!(Value::Text("\u{3000}".into()).text(), None);
        assert_eq!(Value::Empty.text(), None);
    }
}
