//! Numbers as staff type them into a cell: full-width digits, commas, △ and ▲ for
//! negatives, the indicator's unit after the number, percentages kept as fractions by
//! Excel, numbers stored as text, and 「－」 or nothing for none.

use super::grid::{format_shape, NumberFormat, Value};
use super::labels;
use super::messages as m;
use crate::format::data_number;
use crate::quantity::{half_width, Quantity};

/// What a value cell may hold beside a number.
#[derive(Clone, Copy, Debug)]
pub struct Expect<'a> {
    /// The indicator's unit.
    pub unit: &'a str,
    /// A number cell of unknown format (xls, ods) holding a value from -1 to 1 is a
    /// percentage kept as a fraction: only when the unit is %, and the series' baseline
    /// and target are both above 1 (see `fraction_likely`).
    pub fraction_likely: bool,
    /// The decimals the exported cell showed: a number cell of unknown format keeps at
    /// least these (what the person saw), as a known format's decimals are kept.
    pub shown_decimals: u8,
}

/// Texts that mean "no value".
const NONE_TEXTS: &[&str] = &["－", "-", "−", "—", "―", "ー", "‐", "ｰ"];

/// The number in a cell, `None` for an empty cell or 「－」, or the message saying why
/// it is not a number.
pub fn read(value: &Value, expect: Expect) -> Result<Option<Quantity>, String> {
    match value {
        Value::Empty => Ok(None),
        Value::Text(text) => read_text(text, expect),
        Value::Number { text, format } => read_number(text, format, expect).map(Some),
        Value::Bool(_) => Err(m::not_a_number(&value.shown())),
        Value::Date(d) => Err(m::date_not_number(d)),
        Value::Error(e) => Err(m::error_value(e)),
    }
}

/// A milestone's cell: 達成 (true), 未達成 (false), or empty.
pub fn read_milestone(value: &Value) -> Result<Option<bool>, String> {
    match value {
        Value::Empty => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        Value::Error(e) => Err(m::error_value(e)),
        _ => {
            let text = value.text().unwrap_or_default();
            match text.as_str() {
                "" => Ok(None),
                t if NONE_TEXTS.contains(&t) => Ok(None),
                labels::ACHIEVED => Ok(Some(true)),
                labels::NOT_ACHIEVED => Ok(Some(false)),
                _ => Err(m::not_a_milestone(&value.shown())),
            }
        }
    }
}

/// Whether a fraction (0.123 for 12.3%) is the likely reading of a small number in a cell
/// whose format the file does not tell: the unit is %, and the baseline and target are
/// both above 1, so a value of at most 1 would be far off either.
pub fn fraction_likely(unit: &str, baseline: Quantity, target: Quantity) -> bool {
    let one = Quantity::integer(1);
    unit_matches("%", unit) && baseline.cmp_value(one).is_gt() && target.cmp_value(one).is_gt()
}

fn read_number(text: &str, format: &NumberFormat, expect: Expect) -> Result<Quantity, String> {
    let q = Quantity::parse(text).map_err(|_| m::not_a_number(text))?;
    let (decimals, percent) = match format {
        NumberFormat::Code(code) => format_shape(code),
        NumberFormat::Unknown => (expect.shown_decimals, false),
    };
    let small =
        q.cmp_value(Quantity::integer(1)).is_le() && q.cmp_value(Quantity::integer(-1)).is_ge();
    let fraction = percent
        || (*format == NumberFormat::Unknown
            && expect.fraction_likely
            && small
            && !q.same_value(Quantity::zero()));
    let shown = |q: Quantity| format!("{}{}", data_number(q), if percent { "%" } else { "" });
    let q = if fraction {
        if !unit_matches("%", expect.unit) {
            return Err(m::percent_not_unit(
                &shown(hundredfold(q).unwrap_or(q)),
                expect.unit,
            ));
        }
        hundredfold(q).ok_or_else(|| m::too_large(text))?
    } else {
        q
    };
    q.rescaled(decimals.min(9))
        .ok_or_else(|| m::too_large(text))
}

/// The value × 100, exactly: 0.123 → 12.3.
fn hundredfold(q: Quantity) -> Option<Quantity> {
    if q.scale() >= 2 {
        Some(Quantity::new(q.mantissa(), q.scale() - 2))
    } else {
        let factor = 10i64.pow(u32::from(2 - q.scale()));
        Some(Quantity::new(q.mantissa().checked_mul(factor)?, 0))
    }
}

fn read_text(raw: &str, expect: Expect) -> Result<Option<Quantity>, String> {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace());
    if trimmed.is_empty() || NONE_TEXTS.contains(&trimmed) {
        return Ok(None);
    }
    let normal: String = trimmed.chars().map(half_width).collect();
    let (negative, rest) = match normal.strip_prefix(['△', '▲', '-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, normal.strip_prefix('+').unwrap_or(&normal)),
    };
    let split = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (digits, tail) = (&rest[..split], rest[split..].trim());
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(m::not_a_number(raw));
    }
    if !tail.is_empty() && !unit_matches(tail, expect.unit) {
        return Err(if tail == "%" || looks_like_unit(tail) {
            m::unit_mismatch(raw, tail, expect.unit)
        } else {
            m::not_a_number(raw)
        });
    }
    let number = if negative {
        format!("-{digits}")
    } else {
        digits.to_string()
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if frac.len() > 9 {
        return Err(m::too_many_decimals(raw));
    }
    if int.chars().filter(char::is_ascii_digit).count() + frac.len() > 18 {
        return Err(m::too_large(raw));
    }
    let q = Quantity::parse(&number).map_err(|_| m::not_a_number(raw))?;
    Ok(Some(q))
}

/// Whether a unit typed after a number is the indicator's: the same, ignoring full-width
/// forms, or its part before a slash (`件` for `件/年`).
fn unit_matches(typed: &str, unit: &str) -> bool {
    let norm = |s: &str| -> String {
        s.trim()
            .chars()
            .map(half_width)
            .filter(|c| *c != ' ')
            .collect()
    };
    let (typed, unit) = (norm(typed), norm(unit));
    !unit.is_empty() && (typed == unit || unit.split('/').next() == Some(typed.as_str()))
}

/// A short tail with no digits or sentence marks: a unit, not a note.
fn looks_like_unit(tail: &str) -> bool {
    tail.chars().count() <= 4 && !tail.chars().any(|c| "（(「、。)）".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, unit: &str) -> Result<Option<String>, String> {
        let e = Expect {
            unit,
            fraction_likely: false,
            shown_decimals: 0,
        };
        read(&Value::Text(t.into()), e).map(|q| q.map(data_number))
    }

    fn number(
        t: &str,
        format: Option<&str>,
        unit: &str,
        fraction_likely: bool,
    ) -> Result<String, String> {
        let format = format.map_or(NumberFormat::Unknown, |f| NumberFormat::Code(f.into()));
        let e = Expect {
            unit,
            fraction_likely,
            shown_decimals: 0,
        };
        read(
            &Value::Number {
                text: t.into(),
                format,
            },
            e,
        )
        .map(|q| data_number(q.unwrap()))
    }

    #[test]
    fn staff_forms_of_numbers() {
        assert_eq!(text("１２３", "人"), Ok(Some("123".into())));
        assert_eq!(text("1,234", "人"), Ok(Some("1234".into())));
        assert_eq!(text("１，２３４．５", "人"), Ok(Some("1234.5".into())));
        assert_eq!(text("△1.26", "%"), Ok(Some("-1.26".into())));
        assert_eq!(text("▲ 5", "件"), Ok(Some("-5".into())));
        assert_eq!(text("12.3%", "%"), Ok(Some("12.3".into())));
        assert_eq!(text("12.3％", "%"), Ok(Some("12.3".into())));
        assert_eq!(text("27件", "件/年"), Ok(Some("27".into())));
        assert_eq!(text("4,910,000 人", "人"), Ok(Some("4910000".into())));
        assert_eq!(text("20.0", "%"), Ok(Some("20.0".into())));
        assert_eq!(text("－", "%"), Ok(None));
        assert_eq!(text(" ", "%"), Ok(None));
    }

    #[test]
    fn what_is_not_a_number() {
        assert_eq!(text("約120", "人"), Err("「約120」 is not a number".into()));
        assert_eq!(
            text("120（速報値）", "人"),
            Err("「120（速報値）」 is not a number".into())
        );
        assert_eq!(
            text("12.3%", "人"),
            Err("「12.3%」 has the unit % but the indicator's unit is 人".into())
        );
        assert_eq!(text("1,2,3", "人"), Err("「1,2,3」 is not a number".into()));
        assert_eq!(text("ー5", "人"), Err("「ー5」 is not a number".into()));
        assert_eq!(
            text("0.1234567891", "%"),
            Err("「0.1234567891」 has more than 9 decimals".into())
        );
        assert_eq!(
            text("12,345,678,901,234,567,890", "人"),
            Err("「12,345,678,901,234,567,890」 is too large a number".into())
        );
    }

    #[test]
    fn number_cells_keep_their_format_s_decimals() {
        assert_eq!(number("20", Some("#,##0.0"), "%", false), Ok("20.0".into()));
        assert_eq!(
            number("115.35", Some("#,##0.0"), "%", false),
            Ok("115.35".into())
        );
        assert_eq!(
            number("4910000", Some("#,##0"), "人", false),
            Ok("4910000".into())
        );
        assert_eq!(number("0.123", Some("0.0%"), "%", false), Ok("12.3".into()));
        assert_eq!(number("0.5", Some("0%"), "%", false), Ok("50".into()));
        assert_eq!(
            number("0.123", Some("0.0%"), "人", false),
            Err("「12.3%」 is shown as a percentage but the indicator's unit is 人".into())
        );
        // No format known: a fraction only when the rule says so.
        assert_eq!(number("0.123", None, "%", true), Ok("12.3".into()));
        assert_eq!(number("0.123", None, "%", false), Ok("0.123".into()));
        assert_eq!(number("55.9", None, "%", true), Ok("55.9".into()));
        // An unknown format keeps the decimals the exported cell showed.
        let e = Expect {
            unit: "%",
            fraction_likely: false,
            shown_decimals: 1,
        };
        let twenty = Value::Number {
            text: "20".into(),
            format: NumberFormat::Unknown,
        };
        assert_eq!(
            read(&twenty, e).map(|q| data_number(q.unwrap())),
            Ok("20.0".into())
        );
        // A known format without % is never a fraction.
        assert_eq!(number("0.5", Some("0.0"), "%", true), Ok("0.5".into()));
    }

    #[test]
    fn other_cells() {
        let e = Expect {
            unit: "人",
            fraction_likely: false,
            shown_decimals: 0,
        };
        assert_eq!(
            read(&Value::Date("2022-03-31".into()), e),
            Err("「2022-03-31」 is a date, not a number".into())
        );
        assert_eq!(
            read(&Value::Error("#DIV/0!".into()), e),
            Err("「#DIV/0!」 is a formula's error value, not a number".into())
        );
        assert_eq!(read_milestone(&Value::Text("達成".into())), Ok(Some(true)));
        assert_eq!(
            read_milestone(&Value::Text(" 未達成 ".into())),
            Ok(Some(false))
        );
        assert_eq!(read_milestone(&Value::Text("－".into())), Ok(None));
        assert!(read_milestone(&Value::Text("はい".into())).is_err());
    }

    #[test]
    fn the_fraction_rule() {
        let q = |s: &str| Quantity::parse(s).unwrap();
        assert!(fraction_likely("%", q("62.1"), q("70")));
        assert!(!fraction_likely("%", q("0.8"), q("2")));
        assert!(!fraction_likely("人", q("62.1"), q("70")));
    }

    #[test]
    fn numbers_as_written_in_yaml() {
        let q = |s: &str| Quantity::parse(s).unwrap();
        assert_eq!(data_number(q("-1.26")), "-1.26");
        assert_eq!(data_number(q("0.05")), "0.05");
        assert_eq!(data_number(q("-0.5")), "-0.5");
        assert_eq!(data_number(q("20.0")), "20.0");
        assert_eq!(data_number(q("4910000")), "4910000");
        assert_eq!(data_number(Quantity::new(-5, 3)), "-0.005");
        assert_eq!(data_number(Quantity::zero()), "0");
    }
}
