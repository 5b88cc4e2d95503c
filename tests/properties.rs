//! Property tests for the formatting and evaluation rules.

use proptest::prelude::*;
use sosei::evaluate::{progress, status, Status};
use sosei::format;
use sosei::model::{Direction, Series};
use sosei::quantity::Quantity;

fn quantity() -> impl Strategy<Value = Quantity> {
    (-10_000_000_000i64..10_000_000_000, 0u8..4).prop_map(|(m, s)| Quantity::new(m, s))
}

fn series(baseline: Quantity, target: Quantity, direction: Direction) -> Series {
    Series {
        id: None,
        label: None,
        name: "x".into(),
        unit: "%".into(),
        direction,
        baseline,
        target,
    }
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

    /// Progress rises as the actual moves toward the target, whichever way that is.
    #[test]
    fn progress_is_monotonic_in_the_actual(b in -1000i64..1000, t in -1000i64..1000, a1 in -2000i64..2000, a2 in -2000i64..2000) {
        prop_assume!(b != t && a1 < a2);
        let (b, t) = (Quantity::integer(b), Quantity::integer(t));
        let p1 = progress(b, t, Quantity::integer(a1)).unwrap();
        let p2 = progress(b, t, Quantity::integer(a2)).unwrap();
        if t > b { prop_assert!(p1 < p2) } else { prop_assert!(p1 > p2) }
    }

    /// A status is never better for an actual further from the target.
    #[test]
    fn status_respects_direction(b in -1000i64..1000, t in -1000i64..1000, a in -2000i64..2000, expected in 0.0f64..1.0) {
        prop_assume!(b != t);
        let direction = if t > b { Direction::Higher } else { Direction::Lower };
        let s = series(Quantity::integer(b), Quantity::integer(t), direction);
        let (p, st) = status(&s, Some(Quantity::integer(a)), expected);
        let p = p.unwrap();
        prop_assert_eq!(st == Status::Achieved, p >= 1.0);
        prop_assert_eq!(st == Status::Worsened, p < 0.0);
        prop_assert!(st != Status::NotMeasured);
    }

    /// Any text at all: reading a number or a year never panics.
    #[test]
    fn parsing_never_panics(text in ".{0,40}") {
        let _ = Quantity::parse(&text);
        let _ = sosei::fiscal_year::FiscalYear::parse(&text);
    }
}
