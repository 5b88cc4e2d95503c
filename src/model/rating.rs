//! A rating as the content declares it: the method that computes the figure, and the
//! levels, each with its label, symbol, condition, meaning and colour. Everything that
//! shows or counts a rating (tables, charts, notes, open data) reads it from here.

use crate::quantity::Quantity;
pub use crate::source::{Method, Threshold};

/// How actuals are rated.
#[derive(Clone, Debug, PartialEq)]
pub struct Rating {
    pub method: Method,
    /// The figure's name: 進捗率, 達成率, 達成度.
    pub figure: String,
    /// For `progress`: the pace that counts as on track (1 = in step with the years).
    pub pace: Quantity,
    /// Best first; the first whose condition holds applies.
    pub levels: Vec<RatingLevel>,
    pub not_measured: RatingLevel,
    pub not_rated: RatingLevel,
}

/// One level of a rating.
#[derive(Clone, Debug, PartialEq)]
pub struct RatingLevel {
    /// Lower-case ASCII: a CSS class and the open data's key.
    pub id: String,
    pub label: String,
    /// Printed beside the label, so that a level never reads by colour alone.
    pub symbol: String,
    /// The rule, printed in the notes.
    pub meaning: String,
    /// `#1a6b38`.
    pub colour: String,
    pub condition: Condition,
}

/// What must hold for a level; a level with none takes every actual that reaches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Condition {
    pub reached: bool,
    pub at_least: Option<Threshold>,
    pub improved: bool,
}

impl Condition {
    pub fn is_none(&self) -> bool {
        !self.reached && self.at_least.is_none() && !self.improved
    }
}

/// A level of a rating, by place: the ordered levels, then not measured, then not rated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LevelRef(pub u8);

impl Rating {
    /// Every level, the special ones last: what tables of counts have a column for.
    pub fn all(&self) -> impl Iterator<Item = (LevelRef, &RatingLevel)> {
        self.levels
            .iter()
            .chain([&self.not_measured, &self.not_rated])
            .enumerate()
            .map(|(i, l)| (LevelRef(i as u8), l))
    }

    pub fn get(&self, r: LevelRef) -> &RatingLevel {
        let i = usize::from(r.0);
        match i.checked_sub(self.levels.len()) {
            None => &self.levels[i],
            Some(0) => &self.not_measured,
            Some(_) => &self.not_rated,
        }
    }

    pub fn not_measured_ref(&self) -> LevelRef {
        LevelRef(self.levels.len() as u8)
    }

    pub fn not_rated_ref(&self) -> LevelRef {
        LevelRef(self.levels.len() as u8 + 1)
    }

    /// The number of levels, the special ones included.
    pub fn len(&self) -> usize {
        self.levels.len() + 2
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}
