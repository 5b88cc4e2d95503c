//! Writing a table as CSV (UTF-8 with a BOM so that Excel reads it, CRLF line ends, a
//! header row) and as JSON (title, licence, columns, one object per row), in one pass.

use super::{Cell, Table};
use crate::evaluate::Evaluation;
use crate::model::Report;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// What was written, for the data page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written {
    pub rows: usize,
    /// The units named in the table, sorted.
    pub units: BTreeSet<String>,
}

/// Appends a cell as CSV text. Text that would start a spreadsheet formula gets a leading `'`;
/// numbers are written as numbers (ASCII, `-1.26`) and never touched.
fn push_csv_text(out: &mut String, cell: &Cell) {
    match cell {
        Cell::Text(t) => {
            if is_formula(t) {
                out.push('\'');
            }
            out.push_str(t);
        }
        Cell::Number(q) => crate::format::write_data_number(out, *q),
        Cell::Year(y) => out.push_str(itoa::Buffer::new().format(y.western())),
        Cell::Empty => {}
    }
}

/// The characters a spreadsheet may read as the start of a formula: the ASCII ones, and
/// their full-width forms (`＝ ＋ － ＠`), which Japanese Excel also takes for them.
const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

fn is_formula(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// Guards a text cell against spreadsheet formula injection.
pub fn neutralise(text: &str) -> String {
    if is_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Writes `table` as CSV to `csv` and as JSON to `json`, making each row once.
pub fn write_both(
    table: &Table,
    report: &Report,
    eval: &Evaluation,
    csv: &mut dyn Write,
    json: &mut dyn Write,
) -> io::Result<Written> {
    let mut csv = io::BufWriter::with_capacity(1 << 16, csv);
    let mut json = io::BufWriter::with_capacity(1 << 16, json);
    // The BOM, so that Excel reads UTF-8, then the header row.
    let mut line = String::from("\u{feff}");
    for (i, c) in table.columns.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        csv_field(&mut line, &c.name);
    }
    line.push_str("\r\n");
    csv.write_all(line.as_bytes())?;
    let mut head = String::from("{\"title\":");
    json_string(&mut head, &table.title);
    head.push_str(",\"licence\":");
    match &report.config.licence {
        Some(l) => json_string(&mut head, l),
        None => head.push_str("null"),
    }
    head.push_str(",\"columns\":");
    head.push_str(&serde_json::to_string(&table.columns).unwrap_or_else(|_| "[]".into()));
    head.push_str(",\"records\":[");
    json.write_all(head.as_bytes())?;
    // Each column's `"key":`, escaped once.
    let keys: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let mut k = String::new();
            json_string(&mut k, c.key);
            k.push(':');
            k
        })
        .collect();
    let unit = table.columns.iter().position(|c| c.key == "unit");
    let mut written = Written::default();
    let mut error = None;
    let (mut field, mut record) = (String::new(), String::new());
    table.each_row(report, eval, &mut |cells| {
        if error.is_some() {
            return;
        }
        line.clear();
        record.clear();
        record.push_str(if written.rows == 0 { "{" } else { ",{" });
        for (i, (key, cell)) in keys.iter().zip(cells).enumerate() {
            field.clear();
            push_csv_text(&mut field, cell);
            if i > 0 {
                line.push(',');
                record.push(',');
            }
            csv_field(&mut line, &field);
            record.push_str(key);
            push_json(&mut record, cell, &field);
        }
        line.push_str("\r\n");
        record.push('}');
        if let Err(e) = csv
            .write_all(line.as_bytes())
            .and_then(|()| json.write_all(record.as_bytes()))
        {
            error = Some(e);
        }
        if let Some(Cell::Text(u)) = unit.and_then(|u| cells.get(u)) {
            if !written.units.contains(u.as_ref()) {
                written.units.insert(u.to_string());
            }
        }
        written.rows += 1;
    });
    if let Some(e) = error {
        return Err(e);
    }
    json.write_all(b"]}\n")?;
    json.flush()?;
    csv.flush()?;
    Ok(written)
}

/// A CSV field, quoted (with quotes doubled) only when it holds a comma, a quote or a
/// line break, as RFC 4180 asks.
fn csv_field(out: &mut String, text: &str) {
    if !text
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.push_str(text);
        return;
    }
    out.push('"');
    for (i, part) in text.split('"').enumerate() {
        if i > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
}

/// The CSV of `table`.
pub fn write_csv(table: &Table, report: &Report, eval: &Evaluation) -> Vec<u8> {
    let mut csv = Vec::new();
    let _ = write_both(table, report, eval, &mut csv, &mut io::sink());
    csv
}

/// The JSON of `table`.
pub fn write_json(table: &Table, report: &Report, eval: &Evaluation) -> Vec<u8> {
    let mut json = Vec::new();
    let _ = write_both(table, report, eval, &mut io::sink(), &mut json);
    json
}

/// A cell as a JSON value; `csv` is its CSV text, which for a number or a year is the
/// JSON number.
fn push_json(out: &mut String, cell: &Cell, csv: &str) {
    match cell {
        Cell::Text(t) => json_string(out, t),
        // Only a valid JSON number goes in bare; anything else is null.
        Cell::Number(_) if csv.parse::<serde_json::Number>().is_ok() => out.push_str(csv),
        Cell::Number(_) | Cell::Empty => out.push_str("null"),
        Cell::Year(_) => out.push_str(csv),
    }
}

/// A JSON string, escaped as serde_json escapes it.
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escaped.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(escaped);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::Quantity;
    use std::borrow::Cow;

    fn cell_text(cell: &Cell) -> String {
        let mut out = String::new();
        push_csv_text(&mut out, cell);
        out
    }

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("@SUM"), "'@SUM");
        assert_eq!(neutralise("長岡"), "長岡");
        assert_eq!(cell_text(&Cell::Number(Quantity::new(-126, 2))), "-1.26");
        assert_eq!(
            cell_text(&Cell::Number(Quantity::integer(7_360_000))),
            "7360000"
        );
        assert_eq!(cell_text(&Cell::Text(Cow::Borrowed("-78"))), "'-78");
    }

    #[test]
    fn full_width_formula_starters_are_neutralised_as_ascii_ones_are() {
        for (full, ascii) in [("＝", "="), ("＋", "+"), ("－", "-"), ("＠", "@")] {
            let text = format!("{full}HYPERLINK(\"http://evil.example\",\"x\")");
            assert_eq!(neutralise(&text), format!("'{text}"));
            let ascii_text = format!("{ascii}HYPERLINK(\"http://evil.example\",\"x\")");
            assert_eq!(neutralise(&ascii_text), format!("'{ascii_text}"));
            assert_eq!(
                cell_text(&Cell::Text(Cow::Owned(text.clone()))),
                format!("'{text}")
            );
        }
        // Full-width letters elsewhere in a text are left alone.
        assert_eq!(neutralise("長岡＝新潟"), "長岡＝新潟");
        // Real numbers stay numbers, however they were written in the content.
        for written in ["-12.3", "－12.3", "△12.3", "−12.3"] {
            let q = Quantity::parse(written).unwrap();
            assert_eq!(cell_text(&Cell::Number(q)), "-12.3", "{written}");
        }
        // A whole CSV line: the number is bare, the full-width formula is quoted text.
        let mut line = String::new();
        for (i, cell) in [
            Cell::Number(Quantity::parse("-12.3").unwrap()),
            Cell::Text(Cow::Borrowed("＝HYPERLINK(\"http://evil.example\",\"x\")")),
        ]
        .iter()
        .enumerate()
        {
            let mut field = String::new();
            push_csv_text(&mut field, cell);
            if i > 0 {
                line.push(',');
            }
            csv_field(&mut line, &field);
        }
        assert_eq!(
            line,
            "-12.3,\"'＝HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""
        );
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let field = |t: &str| {
            let mut out = String::new();
            csv_field(&mut out, t);
            out
        };
        assert_eq!(field("長岡市"), "長岡市");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn json_strings_escape_as_serde_json_does() {
        for s in [
            "a\"b\\c",
            "改行\n\r\t",
            "\u{1}\u{8}\u{c}\u{1f}\u{7f}",
            "長岡市",
        ] {
            let mut out = String::new();
            json_string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }
}
