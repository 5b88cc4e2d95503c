//! Fiscal years (April to March), read in era or Western form and shown in the 令和 era.

use serde::de::{self, Deserialize, Deserializer};
use std::fmt;

/// A Japanese fiscal year, stored as the Western year in which it starts (FY2021 = 令和3年度).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(u16);

const REIWA_START: u16 = 2019;
const HEISEI_START: u16 = 1989;

impl FiscalYear {
    pub fn new(western: u16) -> Self {
        FiscalYear(western)
    }

    /// The Western year in which the fiscal year starts (ISO-style `2021`).
    pub fn western(self) -> u16 {
        self.0
    }

    /// Years from `self` to `other`, both included; empty if `other` comes first.
    pub fn through(self, other: FiscalYear) -> impl Iterator<Item = FiscalYear> {
        (self.0..=other.0).map(FiscalYear)
    }

    fn era(self) -> (&'static str, &'static str, u16) {
        if self.0 >= REIWA_START {
            ("令和", "R", self.0 - REIWA_START + 1)
        } else {
            ("平成", "H", self.0.saturating_sub(HEISEI_START) + 1)
        }
    }

    /// `令和3年度`, or for FY2019 `令和元年度` or `平成31年度` as `era` says.
    pub fn label_in(self, era: FiscalYearEra) -> String {
        match (self.0, era) {
            (REIWA_START, FiscalYearEra::Heisei) => "平成31年度".to_string(),
            _ => self.label(),
        }
    }

    /// `R3`, or for FY2019 `R1` or `H31` as `era` says.
    pub fn short_in(self, era: FiscalYearEra) -> String {
        match (self.0, era) {
            (REIWA_START, FiscalYearEra::Heisei) => "H31".to_string(),
            _ => self.short(),
        }
    }

    /// `令和3年度`, `令和元年度`.
    pub fn label(self) -> String {
        let (era, _, n) = self.era();
        if n == 1 {
            format!("{era}元年度")
        } else {
            format!("{era}{n}年度")
        }
    }

    /// `R3`, as in table headings.
    pub fn short(self) -> String {
        let (_, letter, n) = self.era();
        format!("{letter}{n}")
    }

    /// A lower-case path segment for this year's report: `r3`.
    pub fn slug(self) -> String {
        self.short().to_lowercase()
    }

    /// Reads `R3`, `r3`, `令和3`, `令和3年度`, `令和元年度`, `H30`, `平成30年度` or `2021`.
    /// Full-width digits are accepted.
    pub fn parse(text: &str) -> Result<FiscalYear, String> {
        let normal: String = text
            .trim()
            .chars()
            .map(crate::quantity::half_width)
            .collect();
        let body = normal.strip_suffix("年度").unwrap_or(&normal);
        let (start, rest) = if let Some(r) = body.strip_prefix("令和") {
            (REIWA_START, r)
        } else if let Some(r) = body.strip_prefix("平成") {
            (HEISEI_START, r)
        } else if let Some(r) = body.strip_prefix(['R', 'r']) {
            (REIWA_START, r)
        } else if let Some(r) = body.strip_prefix(['H', 'h']) {
            (HEISEI_START, r)
        } else {
            return match body.parse::<u16>() {
                Ok(y) if (1989..=2200).contains(&y) => Ok(FiscalYear(y)),
                _ => Err(m!("fiscal-year.invalid", text = text)),
            };
        };
        let n = if rest == "元" {
            Ok(1)
        } else {
            rest.parse::<u16>()
        };
        match n {
            Ok(n) if (1..=150).contains(&n) => Ok(FiscalYear(start + n - 1)),
            _ => Err(m!("fiscal-year.invalid", text = text)),
        }
    }
}

/// How fiscal year 2019 is printed (`config.yaml` → `era_fy2019:`): 令和元年度 (the
/// default) or 平成31年度 (令和 began on 1 May 2019).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FiscalYearEra {
    #[default]
    Reiwa,
    Heisei,
}

impl<'de> Deserialize<'de> for FiscalYearEra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let year = FiscalYear::parse(&text).map_err(de::Error::custom)?;
        match (
            year.0,
            text.contains("平成") || text.trim().starts_with(['H', 'h']),
        ) {
            (REIWA_START, true) => Ok(FiscalYearEra::Heisei),
            (REIWA_START, false) => Ok(FiscalYearEra::Reiwa),
            _ => Err(de::Error::custom(m!("fiscal-year.not-2019", text = text))),
        }
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl<'de> Deserialize<'de> for FiscalYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl de::Visitor<'_> for Text {
            type Value = FiscalYear;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&m!("fiscal-year.expecting"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FiscalYear, E> {
                FiscalYear::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(Text)
    }
}

impl serde::Serialize for FiscalYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.short())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_year_of_reiwa_is_gannen() {
        assert_eq!(FiscalYear::new(2019).label(), "令和元年度");
        assert_eq!(FiscalYear::new(2021).label(), "令和3年度");
        assert_eq!(FiscalYear::new(2018).label(), "平成30年度");
    }

    #[test]
    fn reads_every_written_form() {
        for text in [
            "R3",
            "r3",
            "令和3",
            "令和3年度",
            "2021",
            "Ｒ３",
            "令和３年度",
        ] {
            assert_eq!(FiscalYear::parse(text), Ok(FiscalYear::new(2021)), "{text}");
        }
        assert_eq!(FiscalYear::parse("令和元年度"), Ok(FiscalYear::new(2019)));
        assert_eq!(FiscalYear::parse("R1"), Ok(FiscalYear::new(2019)));
        assert_eq!(FiscalYear::parse("H30"), Ok(FiscalYear::new(2018)));
    }

    #[test]
    fn rejects_what_is_not_a_year() {
        for text in ["", "R", "R0", "令和", "3", "twenty", "R3.5"] {
            assert!(FiscalYear::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn short_and_slug() {
        assert_eq!(FiscalYear::new(2020).short(), "R2");
        assert_eq!(FiscalYear::new(2020).slug(), "r2");
    }
}
