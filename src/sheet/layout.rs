//! The layout of the indicators sheet, shared by export and import: one row per indicator
//! (one per series of a compound indicator), its columns, and the marker in cell A1 that
//! says which city, plan and year the workbook collects.

use super::labels;
use crate::fiscal_year::{FiscalYear, FiscalYearEra};
use crate::model::{Indicator, Report, SeriesRef};

/// The row (0-based) of the column headings; the indicators start on the next.
pub const HEADING_ROW: u32 = 2;
/// The first row of indicators.
pub const FIRST_ROW: u32 = HEADING_ROW + 1;
/// How many earlier years' actuals are shown at most.
pub const EARLIER_YEARS: usize = 2;

/// One row of the indicators sheet.
#[derive(Clone, Debug)]
pub struct Row {
    /// `tenshutsu`, or `phoenix-net.kikan` for a series of a compound indicator.
    pub key: String,
    pub at: SeriesRef,
    pub goal: usize,
    /// The name shown: the series' name (which carries its label: `…割合（小学校）`).
    pub name: String,
    pub unit: String,
    pub milestone: bool,
    pub department: Option<String>,
}

/// Every row, in the content's order.
pub fn rows(report: &Report) -> Vec<Row> {
    let mut out = Vec::new();
    for (i, ind) in report.indicators.iter().enumerate() {
        for (s, series) in ind.series.iter().enumerate() {
            out.push(Row {
                key: key(ind, s),
                at: SeriesRef {
                    indicator: i,
                    series: s,
                },
                goal: ind.goal,
                name: series.name.clone(),
                unit: series.unit.clone(),
                milestone: ind.milestone.is_some(),
                department: ind.department.clone(),
            });
        }
    }
    out
}

/// The key of a series in result.yaml: the indicator's id, or `id.series`.
pub fn key(ind: &Indicator, series: usize) -> String {
    match (&ind.series[series].id, ind.compound) {
        (Some(s), true) => format!("{}.{s}", ind.id),
        _ => ind.id.clone(),
    }
}

/// What a column of the indicators sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Id,
    Goal,
    Name,
    Unit,
    Direction,
    Baseline,
    Target,
    YearTarget,
    Earlier(FiscalYear),
    Actual,
    ActualUnit,
    Missing,
    Analysis,
    NextSteps,
    Revision,
    Scale,
    /// The verification entry the row's texts belong to (its number in the year's files).
    Group,
}

/// The columns, left to right, with the earlier years given.
pub fn columns(earlier: &[FiscalYear]) -> Vec<Column> {
    use Column::*;
    let mut out = vec![
        Id, Goal, Name, Unit, Direction, Baseline, Target, YearTarget,
    ];
    out.extend(earlier.iter().map(|y| Earlier(*y)));
    out.extend([
        Actual, ActualUnit, Missing, Analysis, NextSteps, Revision, Scale, Group,
    ]);
    out
}

impl Column {
    pub fn heading(self, era: FiscalYearEra) -> String {
        use Column::*;
        match self {
            Id => labels::ID.into(),
            Goal => labels::GOAL.into(),
            Name => labels::NAME.into(),
            Unit | ActualUnit => labels::UNIT.into(),
            Direction => labels::DIRECTION.into(),
            Baseline => labels::BASELINE.into(),
            Target => labels::TARGET.into(),
            YearTarget => labels::YEAR_TARGET.into(),
            Earlier(y) => labels::earlier(&y.label_in(era)),
            Actual => labels::ACTUAL.into(),
            Missing => labels::MISSING.into(),
            Analysis => labels::ANALYSIS.into(),
            NextSteps => labels::NEXT_STEPS.into(),
            Revision => labels::REVISION.into(),
            Scale => labels::SCALE.into(),
            Group => labels::GROUP.into(),
        }
    }

    /// Width in characters (of the default font).
    pub fn width(self) -> f64 {
        use Column::*;
        match self {
            Id | Scale | Group => 12.0,
            Goal => 12.0,
            Name => 20.0,
            Unit | ActualUnit => 6.0,
            Direction => 11.0,
            Baseline | Target => 11.0,
            YearTarget | Earlier(_) => 9.0,
            Actual => 11.0,
            Missing => 14.0,
            Analysis | NextSteps => 28.0,
            Revision => 12.0,
        }
    }

    /// A cell staff fill in.
    pub fn is_input(self) -> bool {
        matches!(
            self,
            Column::Actual
                | Column::Missing
                | Column::Analysis
                | Column::NextSteps
                | Column::Revision
        )
    }

    /// A column nobody needs to see.
    pub fn is_hidden(self) -> bool {
        matches!(self, Column::Id | Column::Scale | Column::Group)
    }
}

/// The earlier evaluation years shown: the latest few before `year`.
pub fn earlier_years(report: &Report, year: FiscalYear) -> Vec<FiscalYear> {
    let mut years: Vec<FiscalYear> = report
        .years
        .iter()
        .map(|y| y.year)
        .filter(|y| *y < year)
        .collect();
    let skip = years.len().saturating_sub(EARLIER_YEARS);
    years.drain(..skip);
    years
}

/// The sheet's name: its indicators' kind (数値目標, KPI), joined when they differ.
pub fn sheet_name(report: &Report, rows: &[&Row]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for r in rows {
        let kind = report.indicators[r.at.indicator].kind.as_str();
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    let name = kinds.join("・");
    let bad = |c: char| "[]:*?/\\'".contains(c) || c.is_control();
    if name.is_empty() || name.chars().count() > 31 || name.chars().any(bad) {
        labels::INDICATORS_SHEET.to_string()
    } else {
        name
    }
}

/// What the marker in A1 says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub version: u32,
    pub city_code: String,
    pub year: FiscalYear,
    pub plan: String,
}

impl Marker {
    pub fn new(report: &Report, year: FiscalYear) -> Marker {
        Marker {
            version: labels::FORMAT_VERSION,
            city_code: report.config.city_code.clone(),
            year,
            plan: report.plan.title.clone(),
        }
    }

    /// `sosei-sheet/1;152021;R3;第2期長岡市まち・ひと・しごと創生総合戦略`.
    pub fn text(&self) -> String {
        format!(
            "{}/{};{};{};{}",
            labels::MARKER,
            self.version,
            self.city_code,
            self.year.short(),
            self.plan
        )
    }

    /// The marker in `text`; `None` when the text is not one.
    pub fn parse(text: &str) -> Option<Marker> {
        let rest = text
            .trim()
            .strip_prefix(labels::MARKER)?
            .strip_prefix('/')?;
        let mut parts = rest.splitn(4, ';');
        let version = parts.next()?.parse().ok()?;
        let city_code = parts.next()?.to_string();
        let year = FiscalYear::parse(parts.next()?).ok()?;
        let plan = parts.next()?.to_string();
        Some(Marker {
            version,
            city_code,
            year,
            plan,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_reads_back() {
        let m = Marker {
            version: 1,
            city_code: "152021".into(),
            year: FiscalYear::new(2021),
            plan: "第2期;計画".into(),
        };
        assert_eq!(m.text(), "sosei-sheet/1;152021;R3;第2期;計画");
        assert_eq!(Marker::parse(&m.text()), Some(m));
        assert_eq!(Marker::parse("ID"), None);
        assert_eq!(Marker::parse("sosei-sheet/x;1;R3;p"), None);
    }
}
