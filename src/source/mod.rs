//! The source schema: what each YAML file and Markdown front matter may say, as written.
//!
//! Every struct denies unknown keys, so a typo is an error with a "did you mean".
//! These types mirror `docs/content-format.md`; `validate` turns them into the model.

use crate::fiscal_year::FiscalYear;
use crate::quantity::Quantity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

mod goals;
mod rating;
pub use goals::*;
pub use rating::*;

/// `config.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigSource {
    pub city: String,
    pub prefecture: Option<String>,
    pub city_code: String,
    pub licence: Option<String>,
    pub issued: Option<String>,
    /// Where the site is published, such as `https://www.city.example.jp/sosei/`.
    pub base_url: Option<String>,
    /// Keep raw HTML in Markdown (cut down to a safe allowlist) instead of showing it as text.
    #[serde(default)]
    pub trusted_html: bool,
    /// The most indicator series the full report draws charts for (default 200).
    pub full_report_charts: Option<usize>,
    /// The largest photo or attachment published, in MB (default 20).
    pub max_file_mb: Option<u64>,
    /// The rule that rates each actual (`rating:`); `status:` is its older spelling.
    pub rating: Option<RatingSource>,
    #[serde(default)]
    pub status: StatusRuleSource,
    /// How fiscal year 2019 is printed: `令和元年度` (default) or `平成31年度`.
    pub era_fy2019: Option<FiscalYearEra>,
}

/// `config.yaml` → `status:`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusRuleSource {
    pub on_track_pace: Option<Quantity>,
}

/// `from`/`to` fiscal years.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodSource {
    pub from: FiscalYear,
    pub to: FiscalYear,
}

/// `plan.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSource {
    pub title: String,
    pub short_title: Option<String>,
    pub period: PeriodSource,
    /// The cover's subtitle (default from the vocabulary).
    pub subtitle: Option<String>,
    pub overview: String,
    /// The levels of the tree of goals, top first (default: one level, 戦略).
    #[serde(default)]
    pub levels: Vec<GoalLevelSource>,
    pub perspective: Option<PerspectiveSource>,
    #[serde(default)]
    pub glossary: Vec<GlossarySource>,
    pub donation_programme: Option<DonationProgrammeSource>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerspectiveSource {
    pub name: String,
    /// Printed after the plan's title where the full report introduces the perspective:
    /// `イノベーションの視点` gives 「…総合戦略（イノベーションの視点）」.
    pub heading_note: Option<String>,
    pub basic_idea: String,
    #[serde(default)]
    pub purposes: Vec<PurposeSource>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurposeSource {
    pub title: String,
    #[serde(default)]
    pub items: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossarySource {
    pub term: String,
    pub definition: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DonationProgrammeSource {
    pub scheme: String,
    pub target: String,
    pub overview: String,
}

/// `vocabulary.yaml`: words by key.
pub type VocabularySource = BTreeMap<String, String>;

/// `strategies/*.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategySource {
    pub number: u32,
    pub name: String,
    pub aim: String,
}

/// Whether a higher or a lower value is better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Higher,
    Lower,
}

/// `indicators/*.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSource {
    pub id: String,
    /// The goal it belongs to, by number (today's format).
    pub strategy: Option<u32>,
    /// The goal it belongs to, by code: `2`, `2-1`.
    pub goal: Option<GoalCode>,
    /// Its kind's label (数値目標, KPI); default the goal level's kind.
    pub kind: Option<String>,
    pub name: String,
    #[serde(default)]
    pub variants: Vec<VariantSource>,
    /// 所管課.
    pub department: Option<String>,
    pub unit: Option<String>,
    pub direction: Option<Direction>,
    pub baseline: Option<Quantity>,
    pub baseline_year: Option<FiscalYear>,
    pub target: Option<Quantity>,
    pub target_year: Option<FiscalYear>,
    /// 年度目標値: a target for each fiscal year.
    pub targets: Option<BTreeMap<FiscalYear, Quantity>>,
    /// 累計: actuals and targets are running totals.
    #[serde(default)]
    pub cumulative: bool,
    /// A target that is not a number (開設, 策定): what achieving it is called.
    pub milestone: Option<String>,
    pub series: Option<Vec<SeriesSource>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantSource {
    pub text: String,
    pub note: Option<String>,
    /// The first report in which the variant occurs; earlier reports do not mention it.
    pub year: Option<FiscalYear>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesSource {
    pub id: String,
    pub label: Option<String>,
    pub name: Option<String>,
    pub unit: Option<String>,
    pub direction: Option<Direction>,
    pub baseline: Quantity,
    pub baseline_year: Option<FiscalYear>,
    pub target: Quantity,
    /// 年度目標値 of this series.
    pub targets: Option<BTreeMap<FiscalYear, Quantity>>,
}

/// `results/<year>/result.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultSource {
    pub year: FiscalYear,
    pub commentary: Option<String>,
    #[serde(default)]
    pub actuals: BTreeMap<String, Quantity>,
    /// Milestones: achieved by the end of the year, or not yet.
    #[serde(default)]
    pub milestones: BTreeMap<String, bool>,
    #[serde(default)]
    pub missing: BTreeMap<String, String>,
    #[serde(default)]
    pub revised: BTreeMap<String, RevisionSource>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionSource {
    pub note: String,
    pub previous: Option<Quantity>,
}

/// `results/<year>/verification.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationSource {
    pub entries: Vec<VerificationEntrySource>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationEntrySource {
    pub indicators: Vec<String>,
    pub scale: Option<ScaleSource>,
    /// Shared with the model, which keeps the same text.
    pub analysis: Arc<str>,
    pub next_steps: Arc<str>,
}

/// `grants/<folder>/grant.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantSource {
    pub number: u32,
    pub scheme: String,
    pub title: String,
    pub period: PeriodSource,
    pub overview: String,
    #[serde(default)]
    pub budget: BTreeMap<FiscalYear, BudgetSource>,
    #[serde(default)]
    pub kpis: Vec<KpiSource>,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetSource {
    pub total_cost: Quantity,
    pub grant: Quantity,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiSource {
    pub name: String,
    pub unit: String,
    pub before: Quantity,
    #[serde(default)]
    pub targets: BTreeMap<FiscalYear, Quantity>,
    #[serde(default)]
    pub actuals: BTreeMap<FiscalYear, Quantity>,
}

/// The front matter of `grants/<folder>/projects/*.md`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectSource {
    pub title: String,
    pub year: FiscalYear,
    #[serde(default)]
    pub title_supplied: bool,
}

/// `donations/<year>.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DonationsSource {
    pub year: FiscalYear,
    pub donations: Vec<DonationSource>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DonationSource {
    pub project: String,
    pub purpose: String,
    pub project_cost: Quantity,
    pub amount: Quantity,
}
