//! Property tests for the formatting, the exact quantities and the rating rules:
//! formatting round trips here, ratings on their thresholds in `thresholds.rs`.

use proptest::prelude::*;
use sosei::evaluate::exact::cmp_products;
use sosei::evaluate::{assess, progress, Figure};
use sosei::fiscal_year::FiscalYear;
use sosei::format;
use sosei::model::{Direction, Method, Series};
use sosei::quantity::Quantity;
use sosei::validate::rating::builtin;
use std::cmp::Ordering;
use std::collections::BTreeMap;

mod thresholds;

fn quantity() -> impl Strategy<Value = Quantity> {
    (-10_000_000_000i64..10_000_000_000, 0u8..4).prop_map(|(m, s)| Quantity::new(m, s))
}

/// A series of a plan from `from` to `to`, with no yearly targets.
pub fn series(
    baseline: Quantity,
    target: Quantity,
    direction: Direction,
    from: u16,
    to: u16,
) -> Series {
    Series {
        id: None,
        label: None,
        name: "x".into(),
        unit: "%".into(),
        direction,
        baseline,
        baseline_year: FiscalYear::new(from),
        target,
        target_year: FiscalYear::new(to),
        targets: BTreeMap::new(),
    }
}

/// Two finite figures compared exactly.
fn cmp_figures(a: Figure, b: Figure) -> Ordering {
    match (a, b) {
        (Figure::Ratio { num: n1, den: d1 }, Figure::Ratio { num: n2, den: d2 }) => {
            cmp_products(n1, d2, n2, d1)
        }
        (Figure::Unbounded, Figure::Unbounded) => Ordering::Equal,
        (Figure::Unbounded, _) => Ordering::Greater,
        (_, Figure::Unbounded) => Ordering::Less,
    }
}

/// A number as a person may write it: sign, leading zeros, trailing zeros, full-width
/// digits, thousands separators.
fn written_number() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "-", "△", "▲", "+", "－"]),
        0u64..2_000_000,
        0usize..3,
        prop::option::of((0u32..1000, 0usize..4)),
        0u8..3,
    )
        .prop_map(|(sign, int, zeros, fraction, style)| {
            let mut digits = format!("{}{int}", "0".repeat(zeros));
            if style == 1 && zeros == 0 {
                // Grouped by thousands, as tables print it.
                digits = format::plain_number(Quantity::integer(int as i64));
            }
            let mut text = format!("{sign}{digits}");
            if let Some((f, trailing)) = fraction {
                text.push_str(&format!(".{f}{}", "0".repeat(trailing)));
            }
            if style == 2 {
                text = text
                    .chars()
                    .map(|c| match c {
                        '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                        _ => c,
                    })
                    .collect();
            }
            text
        })
}

proptest! {
    /// Formatting for a table, then reading it back, gives the same number and precision.
    #[test]
    fn format_then_parse_is_identity(q in quantity()) {
        prop_assert_eq!(Quantity::parse(&format::number(q)), Ok(q));
        prop_assert_eq!(Quantity::parse(&format::plain_number(q)), Ok(q));
    }

    /// △ appears exactly for negative numbers.
    #[test]
    fn triangle_exactly_for_negatives(q in quantity()) {
        let text = format::number(q);
        prop_assert_eq!(text.contains('△'), q.is_negative());
        prop_assert_eq!(text.starts_with('△'), q.is_negative());
        prop_assert!(!format::plain_number(q).contains('△'));
    }

    /// The written precision is kept: the number of decimals shown is the number written.
    #[test]
    fn precision_is_kept(q in quantity()) {
        let text = format::number(q);
        let decimals = text.split_once('.').map(|(_, f)| f.len()).unwrap_or(0);
        prop_assert_eq!(decimals, usize::from(q.scale()));
    }

    /// `Quantity`'s order agrees with its equality (that of the written form) on any two
    /// written numbers, is antisymmetric, and orders by value first.
    #[test]
    fn quantity_order_agrees_with_equality(a in written_number(), b in written_number(), pad in 0u8..3) {
        let qa = Quantity::parse(&a).map_err(TestCaseError::fail)?;
        let qb = Quantity::parse(&b).map_err(TestCaseError::fail)?;
        // The same value written with more decimals: equal in value, never in form.
        let longer = qa.rescaled(qa.scale() + pad).unwrap();
        for (x, y) in [(qa, qb), (qa, longer), (longer, qa), (qa, qa)] {
            prop_assert_eq!(x == y, x.cmp(&y) == Ordering::Equal, "{:?} {:?}", x, y);
            prop_assert_eq!(x.cmp(&y), y.cmp(&x).reverse());
            prop_assert_eq!(x.partial_cmp(&y), Some(x.cmp(&y)));
            prop_assert_eq!(x.same_value(y), x.cmp_value(y) == Ordering::Equal);
            if !x.same_value(y) {
                prop_assert_eq!(x.cmp(&y), x.cmp_value(y));
            }
            // The value order against the numbers themselves (the mantissas are below 2^53).
            prop_assert_eq!(x.cmp_value(y), x.to_f64().partial_cmp(&y.to_f64()).unwrap());
        }
        prop_assert!(qa.same_value(longer));
        prop_assert_eq!(qa == longer, pad == 0);
    }

    /// Progress rises as the actual moves toward the target, whichever way that is.
    #[test]
    fn progress_is_monotonic_in_the_actual(b in -1000i64..1000, t in -1000i64..1000, a1 in -2000i64..2000, a2 in -2000i64..2000) {
        prop_assume!(b != t && a1 < a2);
        let (b, t) = (Quantity::integer(b), Quantity::integer(t));
        let p1 = progress(b, t, Quantity::integer(a1)).unwrap();
        let p2 = progress(b, t, Quantity::integer(a2)).unwrap();
        let expected = if t > b { Ordering::Less } else { Ordering::Greater };
        prop_assert_eq!(cmp_figures(p1, p2), expected);
    }

    /// Under the progress rating, 達成 is exactly a figure of 100% or more and 悪化 exactly
    /// a negative figure, whatever the pace; a measured actual is never 未測定, a missing one
    /// always is.
    #[test]
    fn progress_levels_respect_direction(
        b in -1000i64..1000, t in -1000i64..1000, a in -2000i64..2000,
        scale in 0u8..3, pace in 0i64..300, year in 2018u16..2028,
    ) {
        prop_assume!(b != t);
        let direction = if t > b { Direction::Higher } else { Direction::Lower };
        let s = series(Quantity::new(b, scale), Quantity::new(t, scale), direction, 2019, 2024);
        let rating = builtin(Method::Progress, Quantity::new(pace, 2)).unwrap();
        let y = FiscalYear::new(year);
        let got = assess(&rating, &s, y, Some(Quantity::new(a, scale)));
        let id = &rating.get(got.level).id;
        let f = got.figure.unwrap();
        prop_assert_eq!(id == "achieved", f.at_least(1, 1), "{} {:?}", id, f);
        prop_assert_eq!(id == "worsened", !f.at_least(0, 1), "{} {:?}", id, f);
        prop_assert!(id != "not-measured" && id != "not-rated");
        let none = assess(&rating, &s, y, None);
        prop_assert_eq!(&rating.get(none.level).id, "not-measured");
        prop_assert_eq!(none.figure, None);
    }

    /// For every method, a better actual never gets a worse level (among the levels that
    /// rate: 評価なし is left out, as it is no judgement).
    #[test]
    fn a_better_actual_never_rates_worse(
        method in prop::sample::select(Method::ALL.to_vec()),
        b in -1000i64..1000, t in -1000i64..1000, a1 in -2000i64..2000, a2 in -2000i64..2000,
        scale in 0u8..3, year in 2019u16..2026,
    ) {
        prop_assume!(b != t && a1 != a2);
        let direction = if t > b { Direction::Higher } else { Direction::Lower };
        let mut s = series(Quantity::new(b, scale), Quantity::new(t, scale), direction, 2019, 2024);
        s.targets.insert(FiscalYear::new(2021), Quantity::new((b + t) / 2, scale));
        let rating = builtin(method, Quantity::integer(1)).unwrap();
        let y = FiscalYear::new(year);
        let (worse, better) = match (a1 < a2, direction) {
            (true, Direction::Higher) | (false, Direction::Lower) => (a1, a2),
            _ => (a2, a1),
        };
        let lw = assess(&rating, &s, y, Some(Quantity::new(worse, scale))).level;
        let lb = assess(&rating, &s, y, Some(Quantity::new(better, scale))).level;
        if lw != rating.not_rated_ref() && lb != rating.not_rated_ref() {
            prop_assert!(lb <= lw, "{:?}: {} is {}, {} is {}", method,
                better, rating.get(lb).id, worse, rating.get(lw).id);
        }
    }

    /// Any text at all: reading a number or a year never panics.
    #[test]
    fn parsing_never_panics(text in ".{0,40}") {
        let _ = Quantity::parse(&text);
        let _ = sosei::fiscal_year::FiscalYear::parse(&text);
    }
}
