//! Exact decimal quantities that remember the precision they were written with.

use serde::de::{self, Deserialize, Deserializer};
use std::cmp::Ordering;

/// A number as written in the sources: `mantissa / 10^scale`. `20.0` keeps scale 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quantity {
    mantissa: i64,
    scale: u8,
}

const MAX_SCALE: u8 = 9;

impl Quantity {
    pub fn new(mantissa: i64, scale: u8) -> Self {
        Quantity { mantissa, scale }
    }

    pub fn integer(value: i64) -> Self {
        Quantity::new(value, 0)
    }

    pub fn zero() -> Self {
        Quantity::integer(0)
    }

    pub fn mantissa(self) -> i64 {
        self.mantissa
    }

    /// Decimal places as written.
    pub fn scale(self) -> u8 {
        self.scale
    }

    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::from(self.scale))
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// The same value with at least `scale` decimals (never fewer than written).
    pub fn rescaled(self, scale: u8) -> Option<Quantity> {
        if scale <= self.scale {
            return Some(self);
        }
        let factor = 10i64.checked_pow(u32::from(scale - self.scale))?;
        Some(Quantity::new(self.mantissa.checked_mul(factor)?, scale))
    }

    /// Exact sum; the result keeps the larger precision of the two. `None` on overflow.
    pub fn checked_add(self, other: Quantity) -> Option<Quantity> {
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.rescaled(scale)?, other.rescaled(scale)?);
        Some(Quantity::new(a.mantissa.checked_add(b.mantissa)?, scale))
    }

    /// Exact sum of many; `None` if empty or on overflow.
    pub fn sum(items: impl IntoIterator<Item = Quantity>) -> Option<Quantity> {
        let mut it = items.into_iter();
        let first = it.next()?;
        it.try_fold(first, Quantity::checked_add)
    }

    /// Reads a number as a person types it: `1234`, `1,234`, `-78`, `△1.26`, `１２３`.
    /// Units (`%`, `人`, `万`) are rejected: they belong in the `unit` field.
    pub fn parse(text: &str) -> Result<Quantity, String> {
        if let Some(q) = Quantity::parse_plain(text) {
            return Ok(q);
        }
        let normal: String = text
            .trim()
            .chars()
            .map(half_width)
            .filter(|c| *c != ' ')
            .collect();
        if normal.is_empty() {
            return Err(m!("quantity.empty"));
        }
        let (negative, digits) = match normal.strip_prefix(['-', '△', '▲', '−']) {
            Some(rest) => (true, rest),
            None => (false, normal.strip_prefix('+').unwrap_or(&normal)),
        };
        if let Some(unit) = digits.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')) {
            let tail = &digits[unit..];
            let number = &digits[..unit];
            if number.chars().any(|c| c.is_ascii_digit())
                && tail.chars().all(|c| !c.is_ascii_digit())
            {
                let sign = if negative { "-" } else { "" };
                return Err(match tail {
                    "%" => m!(
                        "quantity.percent-sign",
                        text = text,
                        number = format!("{sign}{number}")
                    ),
                    "万" | "億" | "千" | "百" => {
                        m!("quantity.large-unit", text = text, unit = tail)
                    }
                    _ => m!(
                        "quantity.unit-after",
                        text = text,
                        number = format!("{sign}{number}")
                    ),
                });
            }
            if let Some(rest) = normal.strip_prefix(['ー', '―', '一']) {
                let first = normal.chars().next().unwrap_or('ー');
                return Err(m!(
                    "quantity.not-minus",
                    text = text,
                    first = first,
                    rest = rest
                ));
            }
            return Err(m!("quantity.not-a-number", text = text));
        }
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        if int_part.is_empty()
            || frac_part.contains(['.', ','])
            || (digits.contains('.') && frac_part.is_empty())
        {
            return Err(m!("quantity.not-a-number", text = text));
        }
        if int_part.contains(',') {
            let groups: Vec<&str> = int_part.split(',').collect();
            let well_grouped = !groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3);
            if !well_grouped {
                return Err(m!("quantity.misplaced-separators", text = text));
            }
        }
        let scale = u8::try_from(frac_part.len())
            .ok()
            .filter(|s| *s <= MAX_SCALE);
        let Some(scale) = scale else {
            return Err(m!(
                "quantity.too-many-decimals",
                text = text,
                most = MAX_SCALE
            ));
        };
        let all: String = int_part
            .chars()
            .filter(|c| *c != ',')
            .chain(frac_part.chars())
            .collect();
        let magnitude: i64 = all
            .parse()
            .map_err(|_| m!("quantity.too-large", text = text))?;
        Ok(Quantity::new(
            if negative { -magnitude } else { magnitude },
            scale,
        ))
    }
}

impl Quantity {
    /// `114.5`, `-78`: ASCII digits with an optional minus sign and decimals, the way most
    /// numbers are written, read without allocating. Anything else, or more digits than
    /// surely fit, is left to `parse`'s general way (`None`).
    fn parse_plain(text: &str) -> Option<Quantity> {
        let bytes = text.as_bytes();
        let (negative, digits) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, bytes),
        };
        let (int, frac) = match digits.iter().position(|b| *b == b'.') {
            Some(i) => (&digits[..i], &digits[i + 1..]),
            None => (digits, &[][..]),
        };
        let point = int.len() < digits.len();
        if int.is_empty()
            || (point && frac.is_empty())
            || frac.len() > usize::from(MAX_SCALE)
            || int.len() + frac.len() > 18
        {
            return None;
        }
        let mut magnitude: i64 = 0;
        for b in int.iter().chain(frac) {
            if !b.is_ascii_digit() {
                return None;
            }
            magnitude = magnitude * 10 + i64::from(b - b'0');
        }
        let scale = u8::try_from(frac.len()).ok()?;
        Some(Quantity::new(
            if negative { -magnitude } else { magnitude },
            scale,
        ))
    }
}

/// Maps full-width digits, letters and number punctuation to their ASCII forms.
pub fn half_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '．' | '，' | '＋' | '％' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '－' | '‐' | '‑' | '–' => '-',
        '\u{3000}' => ' ',
        _ => c,
    }
}

impl Quantity {
    /// The mantissa at `scale` decimals (at least the written ones), exactly, in i128:
    /// `20.5` at scale 3 is 20500.
    pub fn at_scale(self, scale: u8) -> i128 {
        let extra = u32::from(scale.saturating_sub(self.scale));
        i128::from(self.mantissa) * 10i128.pow(extra)
    }

    /// Compares the values, ignoring how many decimals were written: `20` and `20.0` are
    /// equal here (but not as `Quantity`s, which keep their written form).
    pub fn cmp_value(self, other: Quantity) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.at_scale(scale).cmp(&other.at_scale(scale))
    }

    /// Whether the values are equal, whatever the decimals written.
    pub fn same_value(self, other: Quantity) -> bool {
        self.cmp_value(other) == Ordering::Equal
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// By value, then by the decimals written (`20` before `20.0`), so that the order agrees
/// with equality, which is that of the written form. Compare values with `cmp_value`.
impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        self.cmp_value(*other).then(self.scale.cmp(&other.scale))
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Deserialize as text so that the written precision (`8.40`) survives.
        struct Text;
        impl de::Visitor<'_> for Text {
            type Value = Quantity;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&m!("quantity.expecting"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
                Quantity::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap()
    }

    #[test]
    fn keeps_written_precision() {
        assert_eq!(q("20.0"), Quantity::new(200, 1));
        assert_eq!(q("66"), Quantity::new(66, 0));
        assert_eq!(q("8.40").scale(), 2);
    }

    #[test]
    fn reads_japanese_forms() {
        assert_eq!(q("7,360,000"), Quantity::integer(7_360_000));
        assert_eq!(q("△1.26"), Quantity::new(-126, 2));
        assert_eq!(q("△ 1.26"), Quantity::new(-126, 2));
        assert_eq!(q("-78"), Quantity::integer(-78));
        assert_eq!(q("１２３"), Quantity::integer(123));
        assert_eq!(q("－０．５"), Quantity::new(-5, 1));
    }

    #[test]
    fn plain_numbers_read_as_the_general_way_reads_them() {
        for text in [
            "0",
            "-0",
            "114.5",
            "-78",
            "007",
            "8.40",
            "123456789012345678",
            "1.123456789",
        ] {
            let plain = Quantity::parse_plain(text).expect(text);
            let normal: String = format!(" {text}"); // a space takes the general way
            assert_eq!(Quantity::parse(&normal), Ok(plain), "{text}");
            assert_eq!(plain.scale(), Quantity::parse(&normal).unwrap().scale());
        }
        for other in [
            "1.",
            ".5",
            "1.2.3",
            "+5",
            "1,234",
            "1.1234567890",
            "1234567890123456789",
            "-",
            "",
        ] {
            assert_eq!(Quantity::parse_plain(other), None, "{other}");
        }
    }

    #[test]
    fn rejects_units_and_garbage() {
        assert!(Quantity::parse("12.3%").unwrap_err().contains("write 12.3"));
        assert!(Quantity::parse("736万").unwrap_err().contains("uses 万"));
        assert!(Quantity::parse("ー0.51")
            .unwrap_err()
            .contains("not a minus sign"));
        assert!(Quantity::parse("500千円")
            .unwrap_err()
            .contains("write the number only (500)"));
        for bad in [
            "",
            "abc",
            "1,23",
            "1.2.3",
            "1.",
            ".5",
            "--1",
            "1e5",
            "99999999999999999999",
        ] {
            assert!(Quantity::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn adds_exactly_with_the_larger_precision() {
        let total = Quantity::sum([q("0.41"), q("△0.51"), q("△1.26")]).unwrap();
        assert_eq!(total, Quantity::new(-136, 2));
        assert_eq!(q("1.5").checked_add(q("2")).unwrap(), Quantity::new(35, 1));
        assert_eq!(Quantity::sum([]), None);
        assert_eq!(q("9223372036854775807").checked_add(q("1")), None);
    }

    #[test]
    fn compares_across_precisions() {
        assert!(q("66") < q("66.9"));
        assert_eq!(q("70").cmp_value(q("70.0")), Ordering::Equal);
        assert!(q("70").same_value(q("70.00")));
        // The order agrees with equality: unequal written forms never compare Equal.
        assert_ne!(q("70"), q("70.0"));
        assert_eq!(q("70").cmp(&q("70.0")), Ordering::Less);
        assert!(q("69.99") < q("70"));
        assert_eq!(
            q("9223372036854775807").at_scale(9),
            9_223_372_036_854_775_807_000_000_000
        );
    }
}
