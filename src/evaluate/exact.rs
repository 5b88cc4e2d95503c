//! Exact arithmetic for ratings: figures as fractions of i128 integers, compared through
//! 256-bit products, so that an actual sitting exactly on a threshold is rated as the
//! threshold says (40% is 40%, not 0.3999…).

use crate::quantity::Quantity;
use std::cmp::Ordering;

/// A figure: num ÷ den (den > 0), or without bound (a lower-is-better actual of 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Ratio { num: i128, den: i128 },
    Unbounded,
}

impl Figure {
    /// num ÷ den, or `None` when den is 0.
    pub fn ratio(num: i128, den: i128) -> Option<Figure> {
        match den.cmp(&0) {
            Ordering::Equal => None,
            Ordering::Greater => Some(Figure::Ratio { num, den }),
            Ordering::Less => Some(Figure::Ratio {
                num: num.checked_neg()?,
                den: den.checked_neg()?,
            }),
        }
    }

    /// Whether the figure is at least `p` ÷ `q` (q > 0).
    pub fn at_least(self, p: i128, q: i128) -> bool {
        match self {
            Figure::Unbounded => true,
            // num/den ≥ p/q  ⇔  num·q ≥ p·den  (den, q > 0)
            Figure::Ratio { num, den } => cmp_products(num, q, p, den) != Ordering::Less,
        }
    }

    /// Whether the figure, as a percentage, is at least `percent`.
    pub fn at_least_percent(self, percent: Quantity) -> bool {
        let scale = percent.scale();
        // figure·100 ≥ m / 10^s  ⇔  figure ≥ m / (100·10^s)
        self.at_least(percent.at_scale(scale), 100 * 10i128.pow(u32::from(scale)))
    }

    /// The figure as a percentage in tenths, rounded half away from zero: 40.75% → 408.
    pub fn percent_tenths(self) -> Option<i128> {
        let Figure::Ratio { num, den } = self else {
            return None;
        };
        let scaled = num.checked_mul(1000)?;
        let (q, r) = (scaled / den, scaled % den);
        // |r|·2 ≥ den rounds away from zero.
        let away = r.unsigned_abs().checked_mul(2)? >= den.unsigned_abs();
        Some(if away { q + scaled.signum() } else { q })
    }

    /// The percentage, for charts and sentences (never for a decision).
    pub fn to_f64(self) -> f64 {
        match self {
            Figure::Unbounded => f64::INFINITY,
            Figure::Ratio { num, den } => num as f64 / den as f64,
        }
    }
}

/// a·b against c·d, exactly.
pub fn cmp_products(a: i128, b: i128, c: i128, d: i128) -> Ordering {
    let left = Wide::product(a, b);
    let right = Wide::product(c, d);
    left.cmp(&right)
}

/// A signed 256-bit product, enough for two i128 factors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Wide {
    negative: bool,
    hi: u128,
    lo: u128,
}

impl Wide {
    fn product(a: i128, b: i128) -> Wide {
        let (x, y) = (a.unsigned_abs(), b.unsigned_abs());
        let (hi, lo) = mul_u128(x, y);
        Wide {
            negative: (a < 0) != (b < 0) && hi | lo != 0,
            hi,
            lo,
        }
    }
}

impl Ord for Wide {
    fn cmp(&self, other: &Self) -> Ordering {
        let magnitude = (self.hi, self.lo).cmp(&(other.hi, other.lo));
        match (self.negative, other.negative) {
            (false, false) => magnitude,
            (true, true) => magnitude.reverse(),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
        }
    }
}

impl PartialOrd for Wide {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// x·y as (high, low) 128-bit halves.
fn mul_u128(x: u128, y: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (x1, x0) = (x >> 64, x & MASK);
    let (y1, y0) = (y >> 64, y & MASK);
    let p00 = x0 * y0;
    let p01 = x0 * y1;
    let p10 = x1 * y0;
    let p11 = x1 * y1;
    let middle = (p00 >> 64) + (p01 & MASK) + (p10 & MASK);
    let lo = (p00 & MASK) | (middle << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    (hi, lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(t: &str) -> Quantity {
        Quantity::parse(t).unwrap()
    }

    #[test]
    fn products_compare_exactly_beyond_i128() {
        let big = i128::MAX / 3;
        assert_eq!(cmp_products(big, 7, big, 7), Ordering::Equal);
        assert_eq!(cmp_products(big, 7, big, 6), Ordering::Greater);
        assert_eq!(cmp_products(-big, 7, big, 6), Ordering::Less);
        assert_eq!(cmp_products(-big, -7, big, 7), Ordering::Equal);
        assert_eq!(cmp_products(0, -7, 0, 7), Ordering::Equal);
        assert_eq!(mul_u128(u128::MAX, u128::MAX), (u128::MAX - 1, 1));
    }

    #[test]
    fn forty_percent_is_forty_percent() {
        // (200.6 − 181) / (230 − 181) = 19.6 / 49 = 0.4 exactly; f64 says 0.3999…
        let f = Figure::ratio(196, 490).unwrap();
        assert!(f.at_least(2, 5));
        assert!(f.at_least_percent(q("40")));
        assert!(f.at_least_percent(q("40.0")));
        assert!(!f.at_least_percent(q("40.01")));
        assert_eq!(f.percent_tenths(), Some(400));
    }

    #[test]
    fn rounding_half_away_from_zero() {
        assert_eq!(
            Figure::ratio(4075, 10000).unwrap().percent_tenths(),
            Some(408)
        );
        assert_eq!(
            Figure::ratio(-4075, 10000).unwrap().percent_tenths(),
            Some(-408)
        );
        assert_eq!(Figure::ratio(1, 3).unwrap().percent_tenths(), Some(333));
        assert_eq!(Figure::ratio(2, -3).unwrap().percent_tenths(), Some(-667));
        assert_eq!(Figure::Unbounded.percent_tenths(), None);
        assert_eq!(Figure::ratio(1, 0), None);
    }
}
