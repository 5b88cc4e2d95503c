//! Rating one actual: the figure its method computes, and the first level of the rating
//! whose condition holds, in exact arithmetic.

use super::exact::Figure;
use crate::fiscal_year::FiscalYear;
use crate::model::{Direction, LevelRef, Method, Period, Rating, Series, Threshold};
use crate::quantity::Quantity;
use std::cmp::Ordering;

/// How one series stands in one year: its figure (進捗率, 達成率), and its level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub figure: Option<Figure>,
    pub level: LevelRef,
}

/// The three values an actual is judged by, at one common scale.
struct Values {
    actual: i128,
    baseline: i128,
    target: i128,
}

impl Values {
    fn new(actual: Quantity, baseline: Quantity, target: Quantity) -> Values {
        let scale = actual.scale().max(baseline.scale()).max(target.scale());
        Values {
            actual: actual.at_scale(scale),
            baseline: baseline.at_scale(scale),
            target: target.at_scale(scale),
        }
    }
}

/// Whether `a` is at least as good as `b`, in `direction`.
fn at_least_as_good(a: i128, b: i128, direction: Direction) -> bool {
    match direction {
        Direction::Higher => a >= b,
        Direction::Lower => a <= b,
    }
}

/// (actual − baseline) ÷ (target − baseline): direction is built in, since a
/// lower-is-better target lies below its baseline. `None` when target = baseline.
pub fn progress(baseline: Quantity, target: Quantity, actual: Quantity) -> Option<Figure> {
    let v = Values::new(actual, baseline, target);
    Figure::ratio(v.actual - v.baseline, v.target - v.baseline)
}

/// actual ÷ target, or target ÷ actual when lower is better; `None` where that has no
/// meaning (a target of 0 or below for higher-is-better, negative values for lower).
pub fn achievement(target: Quantity, actual: Quantity, direction: Direction) -> Option<Figure> {
    let v = Values::new(actual, target, target);
    match direction {
        Direction::Higher if v.target > 0 => Figure::ratio(v.actual, v.target),
        Direction::Higher => None,
        Direction::Lower if v.target < 0 || v.actual < 0 => None,
        Direction::Lower if v.actual == 0 => Some(Figure::Unbounded),
        Direction::Lower => Figure::ratio(v.target, v.actual),
    }
}

/// The share of a series' span that has passed by the end of `year`, k ÷ n, from 0 to 1.
pub fn elapsed(span: Period, year: FiscalYear) -> (i128, i128) {
    let n = i128::from(span.to.western()) - i128::from(span.from.western());
    let k = i128::from(year.western()) - i128::from(span.from.western());
    if n <= 0 {
        return (1, 1);
    }
    (k.clamp(0, n), n)
}

/// The progress a series is expected to have made by `year` for `at_least: pace`:
/// pace × k ÷ n, as (numerator, denominator).
pub fn expected_progress(rating: &Rating, span: Period, year: FiscalYear) -> (i128, i128) {
    let (k, n) = elapsed(span, year);
    let scale = rating.pace.scale();
    (
        rating.pace.at_scale(scale) * k,
        10i128.pow(u32::from(scale)) * n,
    )
}

/// Rates `actual` (None: not measured) of `series` in `year`.
pub fn assess(
    rating: &Rating,
    series: &Series,
    year: FiscalYear,
    actual: Option<Quantity>,
) -> Assessment {
    let Some(actual) = actual else {
        return Assessment {
            figure: None,
            level: rating.not_measured_ref(),
        };
    };
    let target = match rating.method {
        Method::AnnualTarget => series.target_in(year),
        _ => Some(series.target),
    };
    let Some(target) = target else {
        return Assessment {
            figure: None,
            level: rating.not_rated_ref(),
        };
    };
    let figure = match rating.method {
        Method::Progress => progress(series.baseline, target, actual),
        _ => achievement(target, actual, series.direction),
    };
    if figure.is_none() && rating.method != Method::Progress {
        return Assessment {
            figure,
            level: rating.not_rated_ref(),
        };
    }
    let v = Values::new(actual, series.baseline, target);
    let reached = at_least_as_good(v.actual, v.target, series.direction);
    let improved =
        v.actual != v.baseline && at_least_as_good(v.actual, v.baseline, series.direction);
    let pace = expected_progress(rating, series.span(), year);
    let holds = |t: &Threshold| match (figure, t) {
        (None, _) => false,
        (Some(f), Threshold::Percent(p)) => f.at_least_percent(*p),
        (Some(f), Threshold::Pace) => f.at_least(pace.0, pace.1),
    };
    let level = rating
        .levels
        .iter()
        .position(|l| {
            let c = &l.condition;
            (!c.reached || reached)
                && (!c.improved || improved)
                && c.at_least.as_ref().is_none_or(holds)
        })
        .map_or(rating.not_rated_ref(), |i| LevelRef(i as u8));
    Assessment { figure, level }
}

/// Whether `actual` has reached `target`, moving in `direction`, whatever the decimals written.
pub fn reached(target: Quantity, actual: Quantity, direction: Direction) -> bool {
    let ord = actual.cmp_value(target);
    match direction {
        Direction::Higher => ord != Ordering::Less,
        Direction::Lower => ord != Ordering::Greater,
    }
}
