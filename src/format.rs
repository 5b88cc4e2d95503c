//! Japanese presentation of numbers: separators, 万/億 scales, △ for negatives, units.

use crate::quantity::Quantity;
use serde::{Deserialize, Serialize};

/// A scale that a table may ask its figures to be printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Scale {
    #[serde(rename = "万")]
    Man,
    #[serde(rename = "億")]
    Oku,
}

impl Scale {
    fn exponent(self) -> u8 {
        match self {
            Scale::Man => 4,
            Scale::Oku => 8,
        }
    }

    /// One unit of the scale: 10000 for 万.
    pub fn one(self) -> Quantity {
        Quantity::integer(10i64.pow(u32::from(self.exponent())))
    }

    pub fn suffix(self) -> &'static str {
        match self {
            Scale::Man => "万",
            Scale::Oku => "億",
        }
    }
}

/// How a negative number is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Negative {
    /// `△1.26`, the form used in Japanese tables.
    Triangle,
    /// `-1.26`, for running text and open data.
    Minus,
}

/// Digits with thousands separators, keeping the written decimals: `7,360,000`, `20.0`.
fn grouped(q: Quantity, negative: Negative) -> String {
    let mut out = String::new();
    write_grouped(&mut out, q, negative);
    out
}

fn write_grouped(out: &mut String, q: Quantity, negative: Negative) {
    write_digits(out, q, negative, true);
}

/// Appends the digits of `q` to `out` without allocating (tables hold millions of figures),
/// with thousands separators if `separated`.
fn write_digits(out: &mut String, q: Quantity, negative: Negative, separated: bool) {
    let mut digits = [0u8; 20];
    let mut magnitude = q.mantissa().unsigned_abs();
    let mut len = 0;
    while magnitude > 0 || len == 0 {
        digits[len] = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        len += 1;
    }
    let scale = usize::from(q.scale());
    // At least one digit before the point: `0.41`.
    let total = len.max(scale + 1);
    let int_len = total - scale;
    if q.is_negative() {
        out.push_str(match negative {
            Negative::Triangle => "△",
            Negative::Minus => "-",
        });
    }
    let digit = |i: usize| -> char {
        // Position `i` from the left; digits beyond those written are leading zeros.
        let from_right = total - 1 - i;
        if from_right < len {
            char::from(digits[from_right])
        } else {
            '0'
        }
    };
    for i in 0..int_len {
        if separated && i > 0 && (int_len - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit(i));
    }
    if scale > 0 {
        out.push('.');
        for i in int_len..total {
            out.push(digit(i));
        }
    }
}

/// The value divided by the scale, dropping only the zeros the division introduced.
fn in_scale(q: Quantity, scale: Scale) -> Quantity {
    let written = q.scale();
    let mut mantissa = q.mantissa();
    let mut extra = scale.exponent();
    while extra > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        extra -= 1;
    }
    Quantity::new(mantissa, written + extra)
}

/// A number for a table: separators, written precision, △ for negatives.
pub fn number(q: Quantity) -> String {
    grouped(q, Negative::Triangle)
}

/// A number for running text or data files: separators, written precision, `-` for negatives.
pub fn plain_number(q: Quantity) -> String {
    grouped(q, Negative::Minus)
}

/// A number with its unit, optionally in 万/億: `114.5%`, `7,360,000人`, `736万人`, `△1.26%`.
pub fn with_unit(q: Quantity, unit: &str, scale: Option<Scale>) -> String {
    let mut out = String::new();
    write_with_unit(&mut out, q, unit, scale);
    out
}

/// As `with_unit`, appended to `out`.
pub fn write_with_unit(out: &mut String, q: Quantity, unit: &str, scale: Option<Scale>) {
    match scale {
        Some(s) => {
            write_grouped(out, in_scale(q, s), Negative::Triangle);
            out.push_str(s.suffix());
        }
        None => write_grouped(out, q, Negative::Triangle),
    }
    out.push_str(unit);
}

/// A number for open data: written precision, `-` for negatives, no separators: `7360000`.
pub fn write_data_number(out: &mut String, q: Quantity) {
    write_digits(out, q, Negative::Minus, false);
}

/// As `write_data_number`, as a string of its own (YAML the sheet import writes, messages).
pub fn data_number(q: Quantity) -> String {
    let mut out = String::new();
    write_data_number(&mut out, q);
    out
}

/// Yen amounts and other plain integers in tables: `125,386,350`.
pub fn amount(q: Quantity) -> String {
    number(q)
}

/// A figure as a percentage with one decimal, exactly rounded (half away from zero), △
/// for negatives: `40.8%`, `△12.3%`; a figure without bound prints as a dash.
pub fn figure(f: crate::evaluate::Figure) -> String {
    let mut out = String::new();
    write_figure(&mut out, f);
    out
}

/// As `figure`, appended to `out`.
pub fn write_figure(out: &mut String, f: crate::evaluate::Figure) {
    match f.percent_tenths().and_then(|t| i64::try_from(t).ok()) {
        Some(tenths) => {
            write_grouped(out, Quantity::new(tenths, 1), Negative::Triangle);
            out.push('%');
        }
        None => out.push_str(NONE),
    }
}

/// A figure for open data: the percentage with one decimal, or `None`.
pub fn figure_quantity(f: crate::evaluate::Figure) -> Option<Quantity> {
    let tenths = i64::try_from(f.percent_tenths()?).ok()?;
    Some(Quantity::new(tenths, 1))
}

/// The dash that stands for "no value".
pub const NONE: &str = "—";

/// The circled number used for grant programmes: ① … ⑳, falling back to (21).
pub fn circled(n: u32) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n - 1)
            .map(String::from)
            .unwrap_or_default(),
        _ => format!("({n})"),
    }
}

/// A file's size for people: `3.0 GB`, `20 MB`, `24.3 MB`, `1.05 MB`, `512 KB`
/// (1 MB = 1,048,576 bytes).
pub fn megabytes(bytes: u64) -> String {
    const MB: f64 = 1_048_576.0;
    let mb = bytes as f64 / MB;
    if mb >= 1024.0 {
        format!("{:.1} GB", mb / 1024.0)
    } else if bytes.is_multiple_of(1 << 20) {
        format!("{} MB", bytes >> 20)
    } else if mb >= 10.0 {
        format!("{mb:.1} MB")
    } else if mb >= 1.0 {
        format!("{mb:.2} MB")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A file's size in MB to one place, as the messages about source files and workbooks
/// have always given it: `4.0 MB`, `50.0 MB`.
pub fn megabytes_to_one_place(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap()
    }

    #[test]
    fn separators_and_written_precision() {
        assert_eq!(number(q("7360000")), "7,360,000");
        assert_eq!(number(q("20.0")), "20.0");
        assert_eq!(number(q("66")), "66");
        assert_eq!(number(q("8.40")), "8.40");
        assert_eq!(number(q("0.41")), "0.41");
        assert_eq!(number(q("125386350")), "125,386,350");
        assert_eq!(number(q("999")), "999");
        assert_eq!(number(q("1000")), "1,000");
    }

    #[test]
    fn triangle_for_negatives_in_tables() {
        assert_eq!(number(q("-0.51")), "△0.51");
        assert_eq!(number(q("-78")), "△78");
        assert_eq!(plain_number(q("-78")), "-78");
        assert_eq!(number(q("0")), "0");
    }

    #[test]
    fn man_scale_keeps_meaning() {
        assert_eq!(with_unit(q("7360000"), "人", Some(Scale::Man)), "736万人");
        assert_eq!(
            with_unit(q("12400000"), "人", Some(Scale::Man)),
            "1,240万人"
        );
        assert_eq!(with_unit(q("980000"), "人", Some(Scale::Man)), "98万人");
        assert_eq!(with_unit(q("12345"), "人", Some(Scale::Man)), "1.2345万人");
        assert_eq!(with_unit(q("114.5"), "%", None), "114.5%");
    }

    #[test]
    fn leading_zeros_and_extremes() {
        assert_eq!(number(Quantity::new(5, 3)), "0.005");
        assert_eq!(number(Quantity::new(-5, 3)), "△0.005");
        assert_eq!(number(Quantity::new(123456, 2)), "1,234.56");
        assert_eq!(
            number(Quantity::new(i64::MIN, 0)),
            "△9,223,372,036,854,775,808"
        );
        let mut out = String::new();
        write_data_number(&mut out, q("-7360000.5"));
        assert_eq!(out, "-7360000.5");
    }

    #[test]
    fn percent_of_progress() {
        use crate::evaluate::Figure;
        assert_eq!(figure(Figure::ratio(43636, 100000).unwrap()), "43.6%");
        assert_eq!(figure(Figure::ratio(-889, 10000).unwrap()), "△8.9%");
        assert_eq!(figure(Figure::Unbounded), "—");
        assert_eq!(figure(Figure::ratio(4000, 1000).unwrap()), "400.0%");
    }

    #[test]
    fn circled_numbers() {
        assert_eq!(circled(1), "①");
        assert_eq!(circled(2), "②");
        assert_eq!(circled(21), "(21)");
    }
}
