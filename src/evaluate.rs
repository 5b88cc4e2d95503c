//! Evaluate: every derived figure (progress, status, totals, counts), computed once in pure functions.

use crate::fiscal_year::FiscalYear;
use crate::model::*;
use crate::quantity::Quantity;
use std::collections::BTreeMap;

/// How an indicator stands in a year. The rule is in `docs/content-format.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Achieved,
    OnTrack,
    Behind,
    Worsened,
    NotMeasured,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Achieved,
        Status::OnTrack,
        Status::Behind,
        Status::Worsened,
        Status::NotMeasured,
    ];

    /// The Japanese name, always printed as text (never colour alone).
    pub fn label(self) -> &'static str {
        match self {
            Status::Achieved => "達成",
            Status::OnTrack => "順調",
            Status::Behind => "停滞",
            Status::Worsened => "悪化",
            Status::NotMeasured => "未測定",
        }
    }

    /// A symbol printed beside the label, so that status reads without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Achieved => "◎",
            Status::OnTrack => "○",
            Status::Behind => "△",
            Status::Worsened => "×",
            Status::NotMeasured => "－",
        }
    }

    /// A CSS-safe key.
    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::Worsened => "worsened",
            Status::NotMeasured => "not-measured",
        }
    }
}

/// (actual − baseline) / (target − baseline). Direction is built in: for a lower-is-better
/// indicator the target lies below the baseline, so a fall gives positive progress.
/// `None` when the target equals the baseline. Not clamped.
pub fn progress(baseline: Quantity, target: Quantity, actual: Quantity) -> Option<f64> {
    let span = target.to_f64() - baseline.to_f64();
    if span == 0.0 {
        return None;
    }
    Some((actual.to_f64() - baseline.to_f64()) / span)
}

/// Whether `actual` has reached `target`, moving in `direction`.
pub fn reached(target: Quantity, actual: Quantity, direction: Direction) -> bool {
    match direction {
        Direction::Higher => actual >= target,
        Direction::Lower => actual <= target,
    }
}

/// The share of the plan's years that have passed by the end of `year` (k / n), 0 to 1.
pub fn elapsed_share(period: Period, year: FiscalYear) -> f64 {
    let n = period.len().max(1) as f64;
    let k = period.years().filter(|y| *y <= year).count() as f64;
    k / n
}

/// The status of one actual, by the documented rule.
pub fn status(
    series: &Series,
    actual: Option<Quantity>,
    expected_progress: f64,
) -> (Option<f64>, Status) {
    let Some(actual) = actual else {
        return (None, Status::NotMeasured);
    };
    let p = progress(series.baseline, series.target, actual);
    let status = if reached(series.target, actual, series.direction) {
        Status::Achieved
    } else {
        match p {
            None => Status::Worsened,
            Some(p) if p < 0.0 => Status::Worsened,
            Some(p) if p >= expected_progress => Status::OnTrack,
            Some(_) => Status::Behind,
        }
    };
    (p, status)
}

/// Progress and status of one series in one year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessment {
    pub progress: Option<f64>,
    pub status: Status,
}

/// How many series stand in each status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub counts: BTreeMap<Status, usize>,
}

impl StatusCounts {
    pub fn add(&mut self, status: Status) {
        *self.counts.entry(status).or_default() += 1;
    }

    pub fn get(&self, status: Status) -> usize {
        self.counts.get(&status).copied().unwrap_or(0)
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
    /// The progress expected by each year for 順調.
    pub expected: BTreeMap<FiscalYear, f64>,
    /// Where each indicator's series start in a row of `assessments`.
    first_series: Vec<usize>,
    /// One row per year of `years`, one assessment per series.
    assessments: Vec<Vec<Assessment>>,
    /// Status counts of the report year, per strategy number.
    pub by_strategy: BTreeMap<u32, StatusCounts>,
    pub overall: StatusCounts,
}

impl Evaluation {
    pub fn assessment(&self, r: SeriesRef, year: FiscalYear) -> Option<Assessment> {
        let row = self
            .assessments
            .get(self.years.iter().position(|y| *y == year)?)?;
        row.get(self.first_series.get(r.indicator)? + r.series)
            .copied()
    }
}

/// Evaluates every series for every evaluation year up to `year`.
pub fn evaluate(report: &Report, year: FiscalYear) -> Evaluation {
    let period = report.plan.period;
    let pace = report.config.on_track_pace;
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
    let mut expected = BTreeMap::new();
    let assessments: Vec<Vec<Assessment>> = results
        .iter()
        .map(|result| {
            let expected_progress = pace * elapsed_share(period, result.year);
            expected.insert(result.year, expected_progress);
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
                    let (progress, status) = status(series, actual, expected_progress);
                    row.push(Assessment { progress, status });
                }
            }
            row
        })
        .collect();
    let mut by_strategy: BTreeMap<u32, StatusCounts> = report
        .strategies
        .iter()
        .map(|s| (s.number, StatusCounts::default()))
        .collect();
    let mut overall = StatusCounts::default();
    if let Some(row) = results
        .iter()
        .position(|r| r.year == year)
        .and_then(|y| assessments.get(y))
    {
        for (indicator, first) in report.indicators.iter().zip(&first_series) {
            let counts = by_strategy.entry(indicator.strategy).or_default();
            for a in &row[*first..*first + indicator.series.len()] {
                counts.add(a.status);
                overall.add(a.status);
            }
        }
    }
    Evaluation {
        year,
        years: results.iter().map(|r| r.year).collect(),
        expected,
        first_series,
        assessments,
        by_strategy,
        overall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(t: &str) -> Quantity {
        Quantity::parse(t).unwrap()
    }

    fn series(baseline: &str, target: &str, direction: Direction) -> Series {
        Series {
            id: None,
            label: None,
            name: "x".into(),
            unit: "%".into(),
            direction,
            baseline: q(baseline),
            target: q(target),
        }
    }

    #[test]
    fn lower_is_better_moving_away_is_worsened() {
        // 転出者超過率: 114.5% → 115.3%, target 105%.
        let s = series("114.5", "105", Direction::Lower);
        let (p, st) = status(&s, Some(q("115.3")), 0.4);
        assert!(p.unwrap() < 0.0);
        assert_eq!(st, Status::Worsened);
        let (p, st) = status(&s, Some(q("110")), 0.4);
        assert!((p.unwrap() - 4.5 / 9.5).abs() < 1e-9);
        assert_eq!(st, Status::OnTrack);
        assert_eq!(status(&s, Some(q("104.9")), 0.4).1, Status::Achieved);
    }

    #[test]
    fn higher_is_better_and_not_clamped() {
        let s = series("181", "230", Direction::Higher);
        let (p, st) = status(&s, Some(q("246")), 0.4);
        assert!(p.unwrap() > 1.0, "progress is not clamped");
        assert_eq!(st, Status::Achieved);
        assert_eq!(status(&s, Some(q("183")), 0.2).1, Status::Behind);
    }

    #[test]
    fn missing_is_not_measured() {
        let s = series("78.5", "85", Direction::Higher);
        assert_eq!(status(&s, None, 0.4), (None, Status::NotMeasured));
    }

    #[test]
    fn target_equal_to_baseline() {
        let s = series("10", "10", Direction::Higher);
        assert_eq!(progress(s.baseline, s.target, q("12")), None);
        assert_eq!(status(&s, Some(q("12")), 0.4).1, Status::Achieved);
        assert_eq!(status(&s, Some(q("9")), 0.4).1, Status::Worsened);
    }

    #[test]
    fn elapsed_share_of_a_five_year_plan() {
        let period = Period {
            from: FiscalYear::new(2020),
            to: FiscalYear::new(2024),
        };
        assert!((elapsed_share(period, FiscalYear::new(2021)) - 0.4).abs() < 1e-9);
        assert_eq!(elapsed_share(period, FiscalYear::new(2019)), 0.0);
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
