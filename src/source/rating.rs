//! The source schema of a rating (`config.yaml` → `rating:`, and the theme's presets):
//! the method, and each level with its label, symbol, condition, meaning and colour.

use crate::quantity::Quantity;
use serde::de::{self, Deserializer};
use serde::Deserialize;

/// How the figure a rating is based on is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 進捗率: progress from the baseline toward the target, against the plan's pace.
    Progress,
    /// 達成率: actual ÷ target (inverted for lower-is-better).
    Achievement,
    /// 達成率 against the year's own target.
    AnnualTarget,
    /// ◎○△×: a plain comparison with the target.
    Comparison,
}

impl Method {
    pub const ALL: [Method; 4] = [
        Method::Progress,
        Method::Achievement,
        Method::AnnualTarget,
        Method::Comparison,
    ];

    /// Its name in config.yaml and in the theme's presets.
    pub fn key(self) -> &'static str {
        match self {
            Method::Progress => "progress",
            Method::Achievement => "achievement",
            Method::AnnualTarget => "annual_target",
            Method::Comparison => "comparison",
        }
    }
}

/// `rating:`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingSource {
    pub method: Option<Method>,
    /// The name of the figure: 進捗率, 達成率, 達成度.
    pub figure: Option<String>,
    /// For `progress`: on track when progress ≥ pace × years elapsed ÷ years planned.
    pub on_track_pace: Option<Quantity>,
    /// Best first; the first level whose conditions hold applies.
    pub levels: Option<Vec<LevelSource>>,
    pub not_measured: Option<SpecialLevelSource>,
    pub not_rated: Option<SpecialLevelSource>,
}

/// One level of a rating.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelSource {
    pub id: String,
    pub label: String,
    pub symbol: String,
    /// The rule, printed in the notes.
    pub meaning: String,
    pub colour: String,
    /// The actual has reached its target.
    pub reached: Option<bool>,
    /// The figure, in %, is at least this.
    pub at_least: Option<Threshold>,
    /// The actual is better than the baseline.
    pub improved: Option<bool>,
}

/// The level of an actual that is missing, or that cannot be rated.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialLevelSource {
    pub id: Option<String>,
    pub label: String,
    pub symbol: String,
    pub meaning: String,
    pub colour: String,
}

impl SpecialLevelSource {
    /// As a level with no condition, `id` unless it names its own.
    pub fn as_level(&self, id: &str) -> LevelSource {
        LevelSource {
            id: self.id.clone().unwrap_or_else(|| id.to_string()),
            label: self.label.clone(),
            symbol: self.symbol.clone(),
            meaning: self.meaning.clone(),
            colour: self.colour.clone(),
            reached: None,
            at_least: None,
            improved: None,
        }
    }
}

/// `at_least:`: a percentage, or `pace` (the progress expected by the year).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threshold {
    Percent(Quantity),
    Pace,
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct T;
        impl de::Visitor<'_> for T {
            type Value = Threshold;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&m!("source.expecting-threshold"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Threshold, E> {
                if v.trim() == "pace" {
                    return Ok(Threshold::Pace);
                }
                Quantity::parse(v)
                    .map(Threshold::Percent)
                    .map_err(|e| E::custom(m!("source.invalid-threshold", problem = e)))
            }
        }
        d.deserialize_str(T)
    }
}

/// The theme's `ratings.yaml`: the default levels of each method.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresetsSource {
    pub progress: PresetSource,
    pub achievement: PresetSource,
    pub annual_target: PresetSource,
    pub comparison: PresetSource,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresetSource {
    pub levels: Vec<LevelSource>,
    pub not_measured: SpecialLevelSource,
    pub not_rated: SpecialLevelSource,
}
