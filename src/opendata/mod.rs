//! Open data: every figure of a year's report as CSV (UTF-8 with BOM, CRLF) and JSON.
//!
//! One value per cell, numbers without separators and in the precision written, units in
//! a column of their own, fiscal years as the Western year beside the era label, and the
//! city's 全国地方公共団体コード on every row. Text cells that a spreadsheet would read as
//! a formula are neutralised; numbers are never touched. Rows are made one at a time and
//! written as they are made: a large report's data is hundreds of thousands of rows.

mod write;

use crate::evaluate::Evaluation;
use crate::fiscal_year::FiscalYear;
use crate::model::*;
use crate::quantity::Quantity;
use serde::Serialize;
use std::borrow::Cow;
pub use write::{neutralise, write_both, write_csv, write_json, Written};

/// A column: its key in JSON and its Japanese name in the CSV header.
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub key: &'static str,
    pub name: &'static str,
    pub numeric: bool,
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(Quantity),
    Year(FiscalYear),
    Empty,
}

/// What a downloadable table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Indicators,
    Budgets,
    Kpis,
    Donations,
}

/// One downloadable table of a year's report: its columns, and its rows made on demand.
#[derive(Clone, Debug)]
pub struct Table {
    /// File name without extension: `indicators`.
    pub slug: &'static str,
    pub title: String,
    pub columns: Vec<Column>,
    kind: Kind,
}

const fn col(key: &'static str, name: &'static str, numeric: bool) -> Column {
    Column { key, name, numeric }
}

const CITY: [Column; 2] = [
    col("city_code", "全国地方公共団体コード", false),
    col("city", "地方公共団体名", false),
];
const YEAR: [Column; 2] = [
    col("fiscal_year", "年度（西暦）", true),
    col("fiscal_year_label", "年度", false),
];

fn columns(parts: &[&[Column]]) -> Vec<Column> {
    parts.iter().flat_map(|p| p.iter().cloned()).collect()
}

/// Every table of the report for `year`.
pub fn tables(report: &Report, year: FiscalYear) -> Vec<Table> {
    let mut out = vec![
        Table {
            slug: "indicators",
            title: format!("{} 数値目標", report.plan.title),
            columns: columns(&[
                &CITY,
                &[
                    col("strategy", "戦略番号", true),
                    col("strategy_name", "戦略", false),
                    col("indicator_id", "数値目標ID", false),
                    col("indicator", "数値目標", false),
                    col("series_id", "系列ID", false),
                    col("series", "系列", false),
                    col("kind", "区分", false),
                ],
                &YEAR,
                &[
                    col("value", "値", true),
                    col("unit", "単位", false),
                    col("direction", "望ましい方向", false),
                    col("note", "注記", false),
                    col("progress_percent", "進捗率（%）", true),
                    col("status", "評価", false),
                ],
            ]),
            kind: Kind::Indicators,
        },
        Table {
            slug: "budgets",
            title: "地方創生推進交付金 事業費と交付金額".into(),
            columns: columns(&[
                &CITY,
                &GRANT,
                &YEAR,
                &[
                    col("total_cost", "総事業費", true),
                    col("grant_amount", "交付金額", true),
                    col("unit", "単位", false),
                ],
            ]),
            kind: Kind::Budgets,
        },
        Table {
            slug: "kpis",
            title: "地方創生推進交付金 重要業績評価指標（KPI）".into(),
            columns: columns(&[
                &CITY,
                &GRANT,
                &[
                    col("kpi", "重要業績評価指標", false),
                    col("kind", "区分", false),
                ],
                &YEAR,
                &[col("value", "値", true), col("unit", "単位", false)],
            ]),
            kind: Kind::Kpis,
        },
    ];
    if report.donations.iter().any(|d| d.year == year) {
        out.push(Table {
            slug: "donations",
            title: "企業版ふるさと納税 寄附実績".into(),
            columns: columns(&[
                &CITY,
                &YEAR,
                &[
                    col("project", "寄附を受けた事業", false),
                    col("purpose", "寄附を活用した事業の内容", false),
                    col("project_cost", "事業費", true),
                    col("amount", "寄附額", true),
                    col("unit", "単位", false),
                ],
            ]),
            kind: Kind::Donations,
        });
    }
    out
}

const GRANT: [Column; 2] = [
    col("grant_number", "交付金番号", true),
    col("grant", "交付金事業", false),
];

impl Table {
    /// Calls `row` with every row of the table for `eval`'s year, holding nothing from later
    /// years. The slice is reused between calls.
    pub fn each_row(
        &self,
        report: &Report,
        eval: &Evaluation,
        row: &mut dyn for<'c> FnMut(&[Cell<'c>]),
    ) {
        // Year labels are on every row: made once.
        let labels: Vec<(FiscalYear, String)> = report
            .plan
            .period
            .years()
            .chain(report.years.iter().map(|r| r.year))
            .chain(report.grants.iter().flat_map(|g| g.period.years()))
            .map(|y| (y, y.label()))
            .collect();
        let grant_names: Vec<String> = match self.kind {
            Kind::Budgets | Kind::Kpis => report.grants.iter().map(|g| g.full_name()).collect(),
            _ => Vec::new(),
        };
        let mut rows = Rows {
            report,
            labels: &labels,
            grant_names: &grant_names,
            cells: Vec::with_capacity(self.columns.len()),
            row,
        };
        match self.kind {
            Kind::Indicators => indicators(&mut rows, eval),
            Kind::Budgets => budgets(&mut rows, eval.year),
            Kind::Kpis => kpis(&mut rows, eval.year),
            Kind::Donations => donations(&mut rows, eval.year),
        }
    }

    /// Every row, owned: for tests and small reports.
    pub fn rows(&self, report: &Report, eval: &Evaluation) -> Vec<Vec<Cell<'static>>> {
        let mut out = Vec::new();
        self.each_row(report, eval, &mut |cells| {
            out.push(cells.iter().map(Cell::to_owned).collect())
        });
        out
    }
}

impl Cell<'_> {
    fn to_owned(&self) -> Cell<'static> {
        match self {
            Cell::Text(t) => Cell::Text(Cow::Owned(t.to_string())),
            Cell::Number(q) => Cell::Number(*q),
            Cell::Year(y) => Cell::Year(*y),
            Cell::Empty => Cell::Empty,
        }
    }
}

/// The row being made, and where finished rows go.
struct Rows<'a, 'f> {
    report: &'a Report,
    labels: &'a [(FiscalYear, String)],
    /// Each grant programme's full name, for the budget and KPI tables.
    grant_names: &'a [String],
    cells: Vec<Cell<'a>>,
    row: &'f mut dyn for<'c> FnMut(&[Cell<'c>]),
}

impl<'a> Rows<'a, '_> {
    /// Starts a row with the city's code and name.
    fn start(&mut self) {
        self.cells.clear();
        let config = &self.report.config;
        self.cells.push(text(&config.city_code));
        self.cells.push(text(&config.city));
    }

    fn year(&mut self, year: Option<FiscalYear>) {
        match year {
            Some(y) => {
                let label = match self.labels.iter().find(|(l, _)| *l == y) {
                    Some((_, label)) => Cow::Borrowed(label.as_str()),
                    None => Cow::Owned(y.label()),
                };
                self.cells.extend([Cell::Year(y), Cell::Text(label)]);
            }
            None => self.cells.extend([Cell::Empty, Cell::Empty]),
        }
    }

    fn push(&mut self, cell: Cell<'a>) {
        self.cells.push(cell);
    }

    fn end(&mut self) {
        (self.row)(&self.cells);
    }
}

fn text(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s.trim()))
}

fn optional<'a>(cell: Option<Cell<'a>>) -> Cell<'a> {
    cell.unwrap_or(Cell::Empty)
}

fn indicators<'a>(rows: &mut Rows<'a, '_>, eval: &Evaluation) {
    let report = rows.report;
    let year = eval.year;
    for (i, ind) in report.indicators.iter().enumerate() {
        let strategy = report.strategies.iter().find(|s| s.number == ind.strategy);
        for (s, series) in ind.series.iter().enumerate() {
            let sref = SeriesRef {
                indicator: i,
                series: s,
            };
            let mut row = |kind: &'static str,
                           y: Option<FiscalYear>,
                           value: Option<Quantity>,
                           note: &'a str| {
                rows.start();
                rows.push(Cell::Number(Quantity::integer(i64::from(ind.strategy))));
                rows.push(optional(strategy.map(|s| text(&s.name))));
                rows.push(text(&ind.id));
                rows.push(text(&ind.name));
                rows.push(optional(series.id.as_deref().map(text)));
                rows.push(if ind.compound {
                    text(&series.name)
                } else {
                    Cell::Empty
                });
                rows.push(text(kind));
                rows.year(y);
                rows.push(optional(value.map(Cell::Number)));
                rows.push(text(&series.unit));
                rows.push(text(if series.direction == Direction::Lower {
                    "低いほど良い"
                } else {
                    "高いほど良い"
                }));
                rows.push(if note.is_empty() {
                    Cell::Empty
                } else {
                    text(note)
                });
                // Progress and status belong to the actual a year is judged by.
                let judged = matches!(kind, "実績値" | "修正後の実績値");
                let a = y.filter(|_| judged).and_then(|y| eval.assessment(sref, y));
                rows.push(optional(a.and_then(|a| a.progress).map(|p| {
                    Cell::Number(Quantity::new((p * 1000.0).round() as i64, 1))
                })));
                rows.push(optional(a.map(|a| text(a.status.label()))));
                rows.end();
            };
            row("当初値", None, Some(series.baseline), "");
            for result in report.years.iter().filter(|r| r.year <= year) {
                let y = Some(result.year);
                match result.observations.get(&sref) {
                    Some(Observation::Measured {
                        value,
                        revision: None,
                    }) => row("実績値", y, Some(*value), ""),
                    Some(Observation::Measured {
                        value,
                        revision: Some(r),
                    }) => {
                        if let Some(previous) = r.previous {
                            row("修正前の実績値", y, Some(previous), "");
                        }
                        row("修正後の実績値", y, Some(*value), &r.note);
                    }
                    Some(Observation::Missing { reason }) => row("実績値", y, None, reason),
                    None => {}
                }
            }
            row(
                "目標値",
                Some(report.plan.period.to),
                Some(series.target),
                "",
            );
        }
    }
}

fn grant_cells(rows: &mut Rows, n: usize) {
    let g = &rows.report.grants[n];
    rows.push(Cell::Number(Quantity::integer(i64::from(g.number))));
    rows.push(Cell::Text(Cow::Borrowed(&rows.grant_names[n])));
}

fn budgets(rows: &mut Rows, year: FiscalYear) {
    for (n, g) in rows.report.grants.iter().enumerate() {
        for (y, b) in g.budget.iter().filter(|(y, _)| **y <= year) {
            rows.start();
            grant_cells(rows, n);
            rows.year(Some(*y));
            rows.push(Cell::Number(b.total_cost));
            rows.push(Cell::Number(b.grant));
            rows.push(text("円"));
            rows.end();
        }
    }
}

fn kpis(rows: &mut Rows, year: FiscalYear) {
    for (n, g) in rows.report.grants.iter().enumerate() {
        for k in &g.kpis {
            let mut row = |kind: &'static str, y: Option<FiscalYear>, v: Quantity| {
                rows.start();
                grant_cells(rows, n);
                rows.push(text(&k.name));
                rows.push(text(kind));
                rows.year(y);
                rows.push(Cell::Number(v));
                rows.push(text(&k.unit));
                rows.end();
            };
            row("事業開始前", None, k.before);
            for (y, v) in &k.targets {
                row("目標（増加分）", Some(*y), *v);
            }
            for (y, v) in k.actuals.iter().filter(|(y, _)| **y <= year) {
                row("実績（増加分）", Some(*y), *v);
            }
        }
    }
}

fn donations(rows: &mut Rows, year: FiscalYear) {
    let Some(d) = rows.report.donations.iter().find(|d| d.year == year) else {
        return;
    };
    for x in &d.donations {
        rows.start();
        rows.year(Some(d.year));
        rows.push(text(&x.project));
        rows.push(text(&x.purpose));
        rows.push(Cell::Number(x.project_cost));
        rows.push(Cell::Number(x.amount));
        rows.push(text("千円"));
        rows.end();
    }
}
