//! Where a problem is in a returned file: `kikaku.xlsx!数値目標!D7`.

use std::fmt;

/// A file, and where known a sheet and a cell in it (0-based row and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub sheet: Option<String>,
    pub cell: Option<(u32, u32)>,
}

impl Place {
    pub fn file(file: &str) -> Place {
        Place {
            file: file.to_string(),
            sheet: None,
            cell: None,
        }
    }

    pub fn sheet(file: &str, sheet: Option<&str>) -> Place {
        Place {
            sheet: sheet.map(str::to_string),
            ..Place::file(file)
        }
    }

    /// The same file and sheet, at a cell.
    pub fn at(&self, row: u32, col: u32) -> Place {
        Place {
            cell: Some((row, col)),
            ..self.clone()
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::diag::terminal_safe(&self.file))?;
        if let Some(sheet) = &self.sheet {
            write!(f, "!{}", crate::diag::terminal_safe(sheet))?;
        }
        if let Some((row, col)) = self.cell {
            write!(f, "!{}", cell_name(row, col))?;
        }
        Ok(())
    }
}

/// `A1`-style name of a 0-based cell.
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// `A`, `Z`, `AA`: the letters of a 0-based column.
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
        let p = Place::sheet("kikaku.xlsx", Some("数値目標")).at(6, 3);
        assert_eq!(p.to_string(), "kikaku.xlsx!数値目標!D7");
        assert_eq!(Place::file("a.csv").at(0, 0).to_string(), "a.csv!A1");
    }
}
