//! Evaluate: every derived figure (progress, status, totals, counts), computed once in pure functions.

use crate::fiscal_year::FiscalYear;
use crate::model::*;
use crate::quantity::Quantity;
use std::collections::BTreeMap;

pub mod exact;
mod rate;

pub use exact::Figure;
pub use rate::{achievement, assess, elapsed, expected_progress, progress, reached, Assessment};

/// How many series stand at each level of the rating.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LevelCounts {
    pub counts: BTreeMap<LevelRef, usize>,
}

impl LevelCounts {
    pub fn add(&mut self, level: LevelRef) {
        *self.counts.entry(level).or_default() += 1;
    }

    pub fn get(&self, level: LevelRef) -> usize {
        self.counts.get(&level).copied().unwrap_or(0)
    }

    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// Sums of a programme's budget up to a year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BudgetTotal {
    pub total_cost: Option<Quantity>,
    pub grant: Option<Quantity>,
}

/// The budget total (計) over the years up to and including `up_to`.
pub fn budget_total(grant: &Grant, up_to: FiscalYear) -> BudgetTotal {
    let rows: Vec<&Budget> = grant
        .budget
        .iter()
        .filter(|(y, _)| **y <= up_to)
        .map(|(_, b)| b)
        .collect();
    BudgetTotal {
        total_cost: Quantity::sum(rows.iter().map(|b| b.total_cost)),
        grant: Quantity::sum(rows.iter().map(|b| b.grant)),
    }
}

/// Cumulative KPI increments up to a year, and the level they bring the KPI to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KpiTotal {
    pub target_sum: Option<Quantity>,
    pub actual_sum: Option<Quantity>,
}

pub fn kpi_total(kpi: &Kpi, up_to: FiscalYear) -> KpiTotal {
    let upto = |m: &BTreeMap<FiscalYear, Quantity>| {
        Quantity::sum(m.iter().filter(|(y, _)| **y <= up_to).map(|(_, q)| *q))
    };
    KpiTotal {
        target_sum: upto(&kpi.targets),
        actual_sum: upto(&kpi.actuals),
    }
}

/// Sums of one year's donations (千円).
pub fn donation_total(year: &DonationYear) -> (Option<Quantity>, Option<Quantity>) {
    (
        Quantity::sum(year.donations.iter().map(|d| d.project_cost)),
        Quantity::sum(year.donations.iter().map(|d| d.amount)),
    )
}

/// Everything derived for the report of one evaluation year.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// The year the report is for.
    pub year: FiscalYear,
    /// The evaluation years shown in it: those up to `year`.
    pub years: Vec<FiscalYear>,
    /// Where each indicator's series start in a row of `assessments`.
    first_series: Vec<usize>,
    /// One row per year of `years`, one assessment per series.
    assessments: Vec<Vec<Assessment>>,
    /// Level counts of the report year for each goal, its subtree's series included.
    pub by_goal: Vec<LevelCounts>,
    pub overall: LevelCounts,
}

impl Evaluation {
    pub fn assessment(&self, r: SeriesRef, year: FiscalYear) -> Option<Assessment> {
        let row = self
            .assessments
            .get(self.years.iter().position(|y| *y == year)?)?;
        row.get(self.first_series.get(r.indicator)? + r.series)
            .copied()
    }

    /// The counts of `goal` and the goals under it.
    pub fn counts(&self, goal: usize) -> &LevelCounts {
        &self.by_goal[goal]
    }

    /// The counts of a goal's subtree, or of the whole report.
    pub fn counts_under(&self, goal: Option<usize>) -> &LevelCounts {
        goal.map_or(&self.overall, |g| self.counts(g))
    }
}

/// Evaluates every series for every evaluation year up to `year`.
pub fn evaluate(report: &Report, year: FiscalYear) -> Evaluation {
    let rating = &report.config.rating;
    let results: Vec<&YearResult> = report
        .years
        .iter()
        .map(|y| &**y)
        .filter(|y| y.year <= year)
        .collect();
    let mut first_series = Vec::with_capacity(report.indicators.len());
    let mut count = 0;
    for indicator in &report.indicators {
        first_series.push(count);
        count += indicator.series.len();
    }
    let assessments: Vec<Vec<Assessment>> = results
        .iter()
        .map(|result| {
            // Observations are ordered as the series are: walk both together.
            let mut observations = result.observations.iter().peekable();
            let mut row = Vec::with_capacity(count);
            for (i, indicator) in report.indicators.iter().enumerate() {
                for (s, series) in indicator.series.iter().enumerate() {
                    let r = SeriesRef {
                        indicator: i,
                        series: s,
                    };
                    while observations.next_if(|(k, _)| **k < r).is_some() {}
                    let actual = observations
                        .peek()
                        .filter(|(k, _)| **k == r)
                        .and_then(|(_, o)| o.value());
                    row.push(assess(rating, series, result.year, actual));
                }
            }
            row
        })
        .collect();
    let goals = &report.goals;
    let mut by_goal = vec![LevelCounts::default(); goals.list.len()];
    let mut overall = LevelCounts::default();
    if let Some(row) = results
        .iter()
        .position(|r| r.year == year)
        .and_then(|y| assessments.get(y))
    {
        for (indicator, first) in report.indicators.iter().zip(&first_series) {
            for a in &row[*first..*first + indicator.series.len()] {
                overall.add(a.level);
                // Counted for its goal and every goal above it.
                let mut goal = Some(indicator.goal);
                while let Some(g) = goal {
                    by_goal[g].add(a.level);
                    goal = goals.list[g].parent;
                }
            }
        }
    }
    Evaluation {
        year,
        years: results.iter().map(|r| r.year).collect(),
        first_series,
        assessments,
        by_goal,
        overall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format;
    use crate::validate::rating::builtin;

    fn q(t: &str) -> Quantity {
        Quantity::parse(t).unwrap()
    }

    fn y(n: u16) -> FiscalYear {
        FiscalYear::new(n)
    }

    /// A series over a five-year plan, FY2020–FY2024, with its baseline in FY2019.
    fn series(baseline: &str, target: &str, direction: Direction) -> Series {
        Series {
            id: None,
            label: None,
            name: "x".into(),
            unit: "%".into(),
            direction,
            baseline: q(baseline),
            baseline_year: y(2019),
            target: q(target),
            target_year: y(2024),
            targets: BTreeMap::new(),
        }
    }

    fn label(rating: &Rating, s: &Series, year: u16, actual: Option<&str>) -> String {
        let a = assess(rating, s, y(year), actual.map(q));
        rating.get(a.level).label.clone()
    }

    #[test]
    fn progress_lower_is_better_moving_away_is_worsened() {
        let r = builtin(Method::Progress, Quantity::integer(1)).unwrap();
        // 転出者超過率: 114.5% → 115.3%, target 105%, in FY2021 (pace 2/5 = 40%).
        let s = series("114.5", "105", Direction::Lower);
        let a = assess(&r, &s, y(2021), Some(q("115.3")));
        assert!(a.figure.unwrap().to_f64() < 0.0);
        assert_eq!(label(&r, &s, 2021, Some("115.3")), "悪化");
        // 4.5 / 9.5 = 47.4% ≥ 40%.
        assert_eq!(label(&r, &s, 2021, Some("110")), "順調");
        assert_eq!(label(&r, &s, 2021, Some("104.9")), "達成");
        assert_eq!(label(&r, &s, 2021, None), "未測定");
    }

    #[test]
    fn progress_exactly_at_the_pace_is_on_track() {
        // The case: (200.6 − 181) / (230 − 181) = 40% exactly, in year 2 of 5.
        let r = builtin(Method::Progress, Quantity::integer(1)).unwrap();
        let s = series("181", "230", Direction::Higher);
        assert_eq!(label(&r, &s, 2021, Some("200.6")), "順調");
        assert_eq!(label(&r, &s, 2021, Some("200.5")), "停滞");
        assert_eq!(
            format::figure(assess(&r, &s, y(2021), Some(q("200.6"))).figure.unwrap()),
            "40.0%"
        );
        // Not clamped above 100%.
        assert!(
            assess(&r, &s, y(2021), Some(q("246")))
                .figure
                .unwrap()
                .to_f64()
                > 1.0
        );
        assert_eq!(label(&r, &s, 2021, Some("246")), "達成");
        assert_eq!(label(&r, &s, 2020, Some("183")), "停滞");
        assert_eq!(label(&r, &s, 2020, Some("181")), "停滞");
        assert_eq!(label(&r, &s, 2020, Some("180.9")), "悪化");
    }

    #[test]
    fn progress_with_target_equal_to_baseline() {
        let r = builtin(Method::Progress, Quantity::integer(1)).unwrap();
        let s = series("10", "10", Direction::Higher);
        assert_eq!(progress(s.baseline, s.target, q("12")), None);
        assert_eq!(label(&r, &s, 2021, Some("12")), "達成");
        assert_eq!(label(&r, &s, 2021, Some("9")), "悪化");
    }

    #[test]
    fn achievement_levels_by_rate_inverted_for_lower() {
        let r = builtin(Method::Achievement, Quantity::integer(1)).unwrap();
        let up = series("50", "200", Direction::Higher);
        for (actual, level) in [
            ("200", "A"),
            ("250", "A"),
            ("199.9", "B"),
            ("160", "B"),
            ("159.9", "C"),
            ("100", "C"),
            ("99.9", "D"),
            ("-5", "D"),
        ] {
            assert_eq!(label(&r, &up, 2021, Some(actual)), level, "{actual}");
        }
        // Lower is better: 達成率 = target ÷ actual.
        let down = series("20", "8", Direction::Lower);
        for (actual, level) in [
            ("8", "A"),
            ("0", "A"),
            ("10", "B"),
            ("10.01", "C"),
            ("16", "C"),
            ("16.1", "D"),
        ] {
            assert_eq!(label(&r, &down, 2021, Some(actual)), level, "{actual}");
        }
        // A target of 0 for higher-is-better has no rate.
        let zero = series("0", "0", Direction::Higher);
        assert_eq!(label(&r, &zero, 2021, Some("3")), "評価なし");
    }

    #[test]
    fn annual_target_uses_the_years_own_target() {
        let r = builtin(Method::AnnualTarget, Quantity::integer(1)).unwrap();
        let mut s = series("100", "200", Direction::Higher);
        s.targets = [(y(2021), q("120")), (y(2022), q("150"))]
            .into_iter()
            .collect();
        assert_eq!(label(&r, &s, 2021, Some("120")), "A");
        assert_eq!(label(&r, &s, 2022, Some("120")), "B"); // 80% of 150
        assert_eq!(label(&r, &s, 2020, Some("120")), "評価なし"); // no target that year
        assert_eq!(label(&r, &s, 2024, Some("200")), "A"); // the final target in its year
    }

    #[test]
    fn comparison_scale() {
        let r = builtin(Method::Comparison, Quantity::integer(1)).unwrap();
        let s = series("100", "200", Direction::Higher);
        assert_eq!(label(&r, &s, 2021, Some("200")), "目標値以上");
        assert_eq!(label(&r, &s, 2021, Some("190")), "目標値と同等");
        assert_eq!(label(&r, &s, 2021, Some("189.9")), "目標値未満");
        assert_eq!(label(&r, &s, 2021, Some("100")), "進捗なし");
        assert_eq!(label(&r, &s, 2021, Some("90")), "進捗なし");
    }

    #[test]
    fn elapsed_share_of_a_five_year_plan() {
        let s = series("0", "1", Direction::Higher);
        assert_eq!(elapsed(s.span(), y(2021)), (2, 5));
        assert_eq!(elapsed(s.span(), y(2018)), (0, 5));
        assert_eq!(elapsed(s.span(), y(2030)), (5, 5));
    }

    #[test]
    fn negative_increments_sum() {
        let kpi = Kpi {
            name: "就職率".into(),
            unit: "%".into(),
            before: q("8.40"),
            targets: BTreeMap::new(),
            actuals: [(2019, "0.41"), (2020, "-0.51"), (2021, "△1.26")]
                .into_iter()
                .map(|(y, v)| (FiscalYear::new(y), q(v)))
                .collect(),
        };
        assert_eq!(
            kpi_total(&kpi, FiscalYear::new(2021)).actual_sum,
            Some(q("-1.36"))
        );
        assert_eq!(
            kpi_total(&kpi, FiscalYear::new(2019)).actual_sum,
            Some(q("0.41"))
        );
        assert_eq!(kpi_total(&kpi, FiscalYear::new(2021)).target_sum, None);
    }
}
