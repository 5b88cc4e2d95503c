//! The source schema of the tree of goals: the plan's levels, goal files, the codes that
//! refer to goals, and the external committee's opinions.

use crate::format::Scale;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `plan.yaml` → `levels:`: one level of the tree of goals.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalLevelSource {
    /// 基本目標, 具体的施策, 戦略, 分野.
    pub name: String,
    /// The kind of the indicators hung on goals of this level: 数値目標, KPI.
    pub indicator_kind: Option<String>,
}

/// `goals/*.yaml`: a top-level goal and, nested, the goals under it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSource {
    pub number: u32,
    pub name: String,
    pub aim: Option<String>,
    /// The goals of the next level down.
    #[serde(default)]
    pub goals: Vec<GoalSource>,
}

/// A goal's code: the numbers on the way down from the top, `2-1` (written `2-1`, `2`,
/// or as a bare number).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoalCode(pub Vec<u32>);

impl GoalCode {
    pub fn parse(text: &str) -> Result<GoalCode, String> {
        let normal: String = text
            .trim()
            .chars()
            .map(crate::quantity::half_width)
            .collect();
        let parts: Result<Vec<u32>, _> = normal.split(['-', '.']).map(str::parse::<u32>).collect();
        match parts {
            Ok(p) if !p.is_empty() && p.len() <= 3 && p.iter().all(|n| *n > 0) => Ok(GoalCode(p)),
            _ => Err(m!("source.invalid-goal-code", text = text)),
        }
    }
}

impl std::fmt::Display for GoalCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, n) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("-")?;
            }
            write!(f, "{n}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for GoalCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Code;
        impl de::Visitor<'_> for Code {
            type Value = GoalCode;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&m!("source.expecting-goal-code"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<GoalCode, E> {
                GoalCode::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<GoalCode, E> {
                GoalCode::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_str(Code)
    }
}

/// `results/<year>/external.yaml`: the external committee's opinions (外部評価).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalSource {
    pub committee: Option<String>,
    pub opinions: Vec<OpinionSource>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpinionSource {
    pub goal: GoalCode,
    pub text: String,
}

/// `scale:` of a verification entry: one scale for every row, or one per indicator or
/// series id.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ScaleSource {
    All(Scale),
    Each(BTreeMap<String, Scale>),
}

pub use crate::fiscal_year::FiscalYearEra;
