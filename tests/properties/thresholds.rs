//! Every threshold of every method's default levels, hit exactly: an actual sitting on
//! the threshold (an exact decimal, written with arbitrary extra places) gets the level at
//! or above it, and the smallest step worse at the actual's written precision gets the
//! next level. Baselines, targets and their decimal places are arbitrary; both directions.

use super::series;
use proptest::prelude::*;
use sosei::evaluate::{assess, Figure};
use sosei::fiscal_year::FiscalYear;
use sosei::model::{Direction, Method, Rating, Series};
use sosei::quantity::Quantity;
use sosei::validate::rating::builtin;

/// A decimal given by its units at a scale.
#[derive(Clone, Copy, Debug)]
struct Dec {
    units: i128,
    scale: u8,
}

impl Dec {
    fn of(q: Quantity) -> Dec {
        Dec {
            units: i128::from(q.mantissa()),
            scale: q.scale(),
        }
    }

    fn at(self, scale: u8) -> i128 {
        assert!(scale >= self.scale);
        self.units * 10i128.pow(u32::from(scale - self.scale))
    }

    fn quantity(self) -> Quantity {
        Quantity::new(i64::try_from(self.units).expect("fits i64"), self.scale)
    }
}

/// A decimal of `units` at `scale`, from a strategy of mantissa and scale.
fn decimal(range: std::ops::Range<i64>) -> impl Strategy<Value = Quantity> {
    (range, 0u8..4).prop_map(|(m, s)| Quantity::new(m, s))
}

fn direction() -> impl Strategy<Value = Direction> {
    prop::bool::ANY.prop_map(|up| {
        if up {
            Direction::Higher
        } else {
            Direction::Lower
        }
    })
}

/// +1 for higher-is-better, −1 for lower.
fn sign(d: Direction) -> i128 {
    match d {
        Direction::Higher => 1,
        Direction::Lower => -1,
    }
}

/// The largest multiple of 10^-to not above `units` at scale `from`, in units at `to`.
fn floor_to(units: i128, from: u8, to: u8) -> i128 {
    units.div_euclid(10i128.pow(u32::from(from - to)))
}

fn ceil_to(units: i128, from: u8, to: u8) -> i128 {
    -floor_to(-units, from, to)
}

/// The level id an actual gets, and its figure.
fn rate(rating: &Rating, s: &Series, year: FiscalYear, actual: Dec) -> (String, Option<Figure>) {
    let a = assess(rating, s, year, Some(actual.quantity()));
    (rating.get(a.level).id.clone(), a.figure)
}

/// The actual on the threshold gets `at`; one unit worse at its written scale gets `next`.
fn check(
    rating: &Rating,
    s: &Series,
    year: FiscalYear,
    on: Dec,
    at: &str,
    next: &str,
) -> Result<(), TestCaseError> {
    let below = Dec {
        units: on.units - sign(s.direction),
        scale: on.scale,
    };
    let (got, figure) = rate(rating, s, year, on);
    prop_assert_eq!(
        &got,
        at,
        "{:?} on the threshold: actual {:?}, figure {:?}, {:?}",
        rating.method,
        on.quantity(),
        figure,
        s
    );
    let (got, figure) = rate(rating, s, year, below);
    prop_assert_eq!(
        &got,
        next,
        "{:?} one step below: actual {:?}, figure {:?}, {:?}",
        rating.method,
        below.quantity(),
        figure,
        s
    );
    Ok(())
}

/// The figure is exactly num ÷ den.
fn figure_is(f: Option<Figure>, num: i128, den: i128) -> bool {
    matches!(f, Some(Figure::Ratio { num: n, den: d }) if n * den == num * d)
}

/// A baseline, a nonzero step to the target that is a multiple of `n` units, and the plan.
fn progress_case(
) -> impl Strategy<Value = (Quantity, Quantity, Direction, u16, u16, u16, Quantity, u8)> {
    (
        decimal(-1_000_000..1_000_000),
        decimal(1..100_000),
        direction(),
        2010u16..2030,
        1u16..11,
        0u16..13,
        (1i64..300, 0u8..3).prop_map(|(m, s)| Quantity::new(m, s)),
        0u8..4,
    )
        .prop_map(|(b, d, dir, from, n, k, pace, extra)| {
            let scale = b.scale().max(d.scale());
            let step = Dec::of(d).at(scale) * i128::from(n) * sign(dir);
            let t = Dec {
                units: Dec::of(b).at(scale) + step,
                scale,
            };
            (b, t.quantity(), dir, from, n, k, pace, extra)
        })
}

proptest! {
    /// 進捗率: 達成 on the target (one step short: 順調 if that still keeps pace, else
    /// 停滞); 順調 exactly at pace × elapsed ÷ span (one step short: 停滞); 停滞 exactly on
    /// the baseline (one step worse: 悪化).
    #[test]
    fn progress_thresholds((b, t, dir, from, n, k, pace, extra) in progress_case()) {
        let rating = builtin(Method::Progress, pace).unwrap();
        let s = series(b, t, dir, from, from + n);
        let year = FiscalYear::new(from + k);
        let k = i128::from(k.min(n));
        let n = i128::from(n);
        let (pm, ps) = (Dec::of(pace).units, pace.scale());
        let pace_den = 10i128.pow(u32::from(ps)) * n; // P = pm·k ÷ pace_den

        // 達成: the target itself, written with `extra` more places.
        let scale = t.scale() + extra;
        let on = Dec { units: Dec::of(t).at(scale), scale };
        let d = (Dec::of(t).at(scale) - Dec::of(b).at(scale)).abs();
        // One unit short: the figure is (d − 1) ÷ d, on track if that is ≥ P.
        let next = if (d - 1) * pace_den >= pm * k * d { "on-track" } else { "behind" };
        check(&rating, &s, year, on, "achieved", next)?;
        prop_assert!(figure_is(rate(&rating, &s, year, on).1, 1, 1));

        // 順調: baseline + P·(target − baseline), when 0 < P < 1.
        if k > 0 && pm * k < pace_den {
            let scale = b.scale().max(t.scale()) + ps + extra;
            let step = Dec::of(t).at(scale - ps) - Dec::of(b).at(scale - ps);
            // step is a multiple of n (progress_case), so P·step is exact at this scale.
            prop_assert_eq!(step % n, 0);
            let on = Dec { units: Dec::of(b).at(scale) + pm * k * (step / n), scale };
            check(&rating, &s, year, on, "on-track", "behind")?;
            prop_assert!(figure_is(rate(&rating, &s, year, on).1, pm * k, pace_den));
        }

        // 停滞: the baseline, when some pace is expected.
        if k > 0 {
            let scale = b.scale() + extra;
            let on = Dec { units: Dec::of(b).at(scale), scale };
            check(&rating, &s, year, on, "behind", "worsened")?;
            prop_assert!(figure_is(rate(&rating, &s, year, on).1, 0, 1));
        }
    }

    /// 達成率 (A ≥ 100, B ≥ 80, C ≥ 50, D): actual = target × rate, or target ÷ rate when
    /// lower is better; against the final target (achievement) or that year's own target
    /// (annual_target, and its final target from the target year on).
    #[test]
    fn achievement_thresholds(
        method in prop::sample::select(vec![Method::Achievement, Method::AnnualTarget]),
        target in decimal(1..1_000_000),
        gap in decimal(1..10_000_000),
        final_gap in decimal(0..1_000_000),
        dir in direction(),
        from in 2010u16..2030,
        n in 1u16..11,
        k in 1u16..13,
        extra in 0u8..4,
    ) {
        let rating = builtin(method, Quantity::integer(1)).unwrap();
        let st = target.scale();
        let scale_of = |a: Quantity, b: Quantity| a.scale().max(b.scale());
        // The baseline is on the worse side of the target it is judged against.
        let sc = scale_of(target, gap);
        let b = Dec { units: Dec::of(target).at(sc) - sign(dir) * Dec::of(gap).at(sc), scale: sc };
        let sf = scale_of(target, final_gap);
        let final_target = Dec { units: Dec::of(target).at(sf) + sign(dir) * Dec::of(final_gap).at(sf), scale: sf };
        let year = FiscalYear::new(from + k);
        let mut s = series(b.quantity(), target, dir, from, from + n);
        if method == Method::AnnualTarget {
            s.target = final_target.quantity();
            if k < n {
                // That year's own target; others around it must not matter.
                s.targets.insert(year, target);
                s.targets.insert(FiscalYear::new(from + k + 1), final_target.quantity());
            } else {
                s.target = target;
            }
        }
        let scale = st + 2 + extra;
        let t = Dec::of(target).at(scale);
        for (percent, at, next) in [(100, "a", "b"), (80, "b", "c"), (50, "c", "d")] {
            let units = match dir {
                Direction::Higher => t * percent / 100,
                // target ÷ rate: exact at two more places for 100%, 80% and 50%.
                Direction::Lower => {
                    prop_assert_eq!(t * 100 % percent, 0);
                    t * 100 / percent
                }
            };
            let on = Dec { units, scale };
            check(&rating, &s, year, on, at, next)?;
            prop_assert!(figure_is(rate(&rating, &s, year, on).1, percent, 100));
        }
        if method == Method::AnnualTarget && k < n {
            // A year with neither its own target nor the final one is not rated.
            let mut bare = s.clone();
            bare.targets.clear();
            let on = Dec { units: t, scale };
            prop_assert_eq!(rate(&rating, &bare, year, on).0, "not-rated");
        }
    }

    /// 達成度 (◎ reached, ○ ≥ 95%, △ improved on the baseline, × no progress).
    #[test]
    fn comparison_thresholds(
        target in decimal(1..1_000_000),
        base_scale in 0u8..4,
        slack in 0i64..1_000_000,
        dir in direction(),
        extra in 0u8..4,
    ) {
        let rating = builtin(Method::Comparison, Quantity::integer(1)).unwrap();
        let st = target.scale();
        let sb = base_scale;
        let scale = st.max(sb) + 2 + extra;
        let year = FiscalYear::new(2022);
        let sg = sign(dir);
        // 95% of the target for higher-is-better; for lower, target ÷ 0.95 = 20/19 of a
        // target made a multiple of 19 units, so that it is exact.
        let t_units = match dir {
            Direction::Higher => Dec::of(target).units,
            Direction::Lower => Dec::of(target).units * 19,
        };
        let target = Dec { units: t_units, scale: st };
        let t = target.at(scale);
        let equal = match dir {
            Direction::Higher => t * 95 / 100,
            Direction::Lower => t / 19 * 20,
        };
        // A baseline worse than the 95% line by more than two steps, by `slack` more units
        // at its own scale: so that one step short of 95% is still an improvement.
        let b = Dec {
            units: match dir {
                Direction::Higher => floor_to(equal - 2, scale, sb) - i128::from(slack),
                Direction::Lower => ceil_to(equal + 2, scale, sb) + i128::from(slack),
            },
            scale: sb,
        };
        let s = series(b.quantity(), target.quantity(), dir, 2019, 2024);

        // ◎ on the target; one step short is still within 95%.
        check(&rating, &s, year, Dec { units: t, scale }, "above", "equal")?;
        // ○ exactly at 95%; one step short is below it, yet better than the baseline.
        let on = Dec { units: equal, scale };
        check(&rating, &s, year, on, "equal", "below")?;
        prop_assert!(figure_is(rate(&rating, &s, year, on).1, 95, 100));
        // △ one step better than the baseline; the baseline itself is no progress.
        let on = Dec { units: b.at(scale) + sg, scale };
        check(&rating, &s, year, on, "below", "no-progress")?;
    }
}
