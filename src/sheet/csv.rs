//! CSV as Excel saves it: UTF-8 with a byte-order mark ("CSV UTF-8"), plain UTF-8, or
//! Shift_JIS (Windows' CP932, Excel's "CSV" on a Japanese desk); CRLF or LF; quoted cells
//! with line breaks inside. Every value is text, as Excel showed it.

use super::grid::{Book, Grid, Value, MAX_CELLS};
use super::messages as m;

/// The sheet of a CSV file.
pub fn read(bytes: &[u8], shown: &str) -> Result<Book, String> {
    let text = decode(bytes).ok_or_else(|| m::csv_encoding(shown))?;
    if text.contains('\0') {
        return Err(m::not_a_workbook(shown, false));
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| m::unreadable(shown, &e.to_string()))?;
        for (col, field) in record.iter().enumerate() {
            if field.is_empty() {
                continue;
            }
            if grid.cells.len() >= MAX_CELLS {
                return Err(m::sheet_too_big(shown, "", MAX_CELLS));
            }
            let (Ok(row), Ok(col)) = (u32::try_from(row), u32::try_from(col)) else {
                return Err(m::sheet_too_big(shown, "", MAX_CELLS));
            };
            grid.cells
                .insert((row, col), Value::Text(field.to_string()));
        }
    }
    Ok(Book {
        sheets: vec![grid],
        csv: true,
    })
}

/// The text of a CSV file: UTF-8 (a BOM dropped), else Shift_JIS; `None` when it is
/// neither.
fn decode(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    (!had_errors).then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_s_encodings() {
        let utf8 = "\u{feff}ID,実績値\r\ntenshutsu,\"115.3\"\r\nx,\"a\r\nb\"\r\n";
        let book = read(utf8.as_bytes(), "a.csv").unwrap();
        let g = &book.sheets[0];
        assert_eq!(g.get(0, 1), &Value::Text("実績値".into()));
        assert_eq!(g.get(0, 0), &Value::Text("ID".into()));
        assert_eq!(g.get(2, 1), &Value::Text("a\r\nb".into()));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("ID,実績値\r\n①,△1\r\n");
        let book = read(&sjis, "a.csv").unwrap();
        assert_eq!(book.sheets[0].get(0, 1), &Value::Text("実績値".into()));
        assert_eq!(book.sheets[0].get(1, 0), &Value::Text("①".into()));
        assert_eq!(book.sheets[0].get(1, 1), &Value::Text("△1".into()));
        assert!(read(&[0x82, 0xff, 0xff], "a.csv").is_err());
    }
}
