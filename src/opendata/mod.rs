//! Open data: every figure of a year's report as CSV (UTF-8 with BOM, CRLF) and JSON.
//!
//! One value per cell, numbers without separators and in the precision written, units in
//! a column of their own, fiscal years as the Western year beside the era label, and the
//! city's 全国地方公共団体コード on every row. Text cells that a spreadsheet would read as
//! a formula are neutralised; numbers are never touched. Rows are made one at a time and
//! written as they are made: a large report's data is hundreds of thousands of rows.

mod indicators;
mod write;

use crate::evaluate::Evaluation;
use crate::fiscal_year::FiscalYear;
use crate::model::*;
use crate::quantity::Quantity;
use serde::Serialize;
use std::borrow::Cow;
pub use write::{neutralise, write_both, write_csv, write_json, Written};

/// A column: its key in JSON and its name in the CSV header (from the vocabulary).
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub key: &'static str,
    pub name: String,
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

/// Columns by (JSON key, vocabulary key of the CSV name, numeric); the names are filled
/// with the report's level, kinds and figure names.
fn columns(report: &Report, kinds: &str, spec: &[(&'static str, &str, bool)]) -> Vec<Column> {
    let words = &report.vocabulary;
    let level = &report.goals.levels[0].name;
    let figure = &report.config.rating.figure;
    spec.iter()
        .map(|(key, name, numeric)| Column {
            key,
            name: words.fill(
                name,
                &[("level", level), ("kinds", kinds), ("figure", figure)],
            ),
            numeric: *numeric,
        })
        .collect()
}

/// The report's kinds of indicator, joined: 数値目標・KPI.
fn kinds(report: &Report) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for l in &report.goals.levels {
        if report.indicators.iter().any(|i| i.kind == l.indicator_kind)
            && !kinds.contains(&l.indicator_kind.as_str())
        {
            kinds.push(&l.indicator_kind);
        }
    }
    for i in &report.indicators {
        if !kinds.contains(&i.kind.as_str()) {
            kinds.push(&i.kind);
        }
    }
    if kinds.is_empty() {
        kinds.push(&report.goals.levels[0].indicator_kind);
    }
    kinds.join(report.vocabulary.get("notes.compound_join"))
}

const CITY: [(&str, &str, bool); 2] = [
    ("city_code", "col.city_code", false),
    ("city", "col.city", false),
];
const YEAR: [(&str, &str, bool); 2] = [
    ("fiscal_year", "col.fiscal_year", true),
    ("fiscal_year_label", "col.fiscal_year_label", false),
];
const GRANT: [(&str, &str, bool); 2] = [
    ("grant_number", "col.grant_number", true),
    ("grant", "col.grant", false),
];

/// Every table of the report for `year`: a table only where the report has its data.
pub fn tables(report: &Report, year: FiscalYear) -> Vec<Table> {
    let words = &report.vocabulary;
    let cat = |parts: &[&[(&'static str, &'static str, bool)]]| -> Vec<(&'static str, &'static str, bool)> {
        parts.iter().flat_map(|p| p.iter().copied()).collect()
    };
    let kinds = kinds(report);
    let mut out = vec![Table {
        slug: "indicators",
        title: words.fill(
            "data.indicators_title",
            &[("plan", &report.plan.title), ("kinds", &kinds)],
        ),
        columns: columns(
            report,
            &kinds,
            &cat(&[
                &CITY,
                &[
                    ("goal", "col.goal", false),
                    ("goal_name", "col.goal_name", false),
                    ("goal_level", "col.goal_level", false),
                    ("indicator_id", "col.indicator_id", false),
                    ("indicator", "col.indicator", false),
                    ("indicator_kind", "col.indicator_kind", false),
                    ("department", "col.department", false),
                    ("cumulative", "col.cumulative", false),
                    ("series_id", "col.series_id", false),
                    ("series", "col.series", false),
                    ("kind", "col.row_kind", false),
                ],
                &YEAR,
                &[
                    ("value", "col.value", true),
                    ("unit", "col.unit", false),
                    ("direction", "col.direction", false),
                    ("note", "col.note", false),
                    ("figure_percent", "col.figure", true),
                    ("rating", "col.rating", false),
                    ("rating_id", "col.rating_id", false),
                ],
            ]),
        ),
        kind: Kind::Indicators,
    }];
    if !report.grants.is_empty() {
        // The grant scheme's name, when every programme is under the same one.
        let scheme = match report.grants.first() {
            Some(g) if report.grants.iter().all(|x| x.scheme == g.scheme) => g.scheme.clone(),
            _ => words.get("data.grants_scheme").to_string(),
        };
        out.push(Table {
            slug: "budgets",
            title: words.fill("data.budgets_title", &[("scheme", &scheme)]),
            columns: columns(
                report,
                &kinds,
                &cat(&[
                    &CITY,
                    &GRANT,
                    &YEAR,
                    &[
                        ("total_cost", "col.total_cost", true),
                        ("grant_amount", "col.grant_amount", true),
                        ("unit", "col.unit", false),
                    ],
                ]),
            ),
            kind: Kind::Budgets,
        });
        if report.grants.iter().any(|g| !g.kpis.is_empty()) {
            out.push(Table {
                slug: "kpis",
                title: words.fill("data.kpis_title", &[("scheme", &scheme)]),
                columns: columns(
                    report,
                    &kinds,
                    &cat(&[
                        &CITY,
                        &GRANT,
                        &[("kpi", "col.kpi", false), ("kind", "col.row_kind", false)],
                        &YEAR,
                        &[("value", "col.value", true), ("unit", "col.unit", false)],
                    ]),
                ),
                kind: Kind::Kpis,
            });
        }
    }
    if report.plan.donation_programme.is_some() && report.donations.iter().any(|d| d.year == year) {
        out.push(Table {
            slug: "donations",
            title: words.get("data.donations_title").to_string(),
            columns: columns(
                report,
                &kinds,
                &cat(&[
                    &CITY,
                    &YEAR,
                    &[
                        ("project", "col.project", false),
                        ("purpose", "col.purpose", false),
                        ("project_cost", "col.project_cost", true),
                        ("amount", "col.amount", true),
                        ("unit", "col.unit", false),
                    ],
                ]),
            ),
            kind: Kind::Donations,
        });
    }
    out
}

impl Table {
    /// Calls `row` with every row of the table for `eval`'s year, holding nothing from later
    /// years. The slice is reused between calls.
    pub fn each_row(
        &self,
        report: &Report,
        eval: &Evaluation,
        row: &mut dyn for<'c> FnMut(&[Cell<'c>]),
    ) {
        // Year labels are on every row: made once for every year a row can name.
        let years: std::collections::BTreeSet<FiscalYear> = report
            .plan
            .period
            .years()
            .chain(report.years.iter().map(|r| r.year))
            .chain(report.grants.iter().flat_map(|g| g.period.years()))
            .chain(report.indicators.iter().flat_map(|i| {
                i.series.iter().flat_map(|s| {
                    [s.baseline_year, s.target_year]
                        .into_iter()
                        .chain(s.targets.keys().copied())
                })
            }))
            .collect();
        let labels: Vec<(FiscalYear, String)> = years
            .into_iter()
            .map(|y| (y, y.label_in(report.config.era_fy2019)))
            .collect();
        let goal_codes: Vec<String> = match self.kind {
            Kind::Indicators => report
                .goals
                .list
                .iter()
                .map(|g| g.code.to_string())
                .collect(),
            _ => Vec::new(),
        };
        let grant_names: Vec<String> = match self.kind {
            Kind::Budgets | Kind::Kpis => report.grants.iter().map(|g| g.full_name()).collect(),
            _ => Vec::new(),
        };
        let mut rows = Rows {
            report,
            labels: &labels,
            grant_names: &grant_names,
            goal_codes: &goal_codes,
            cells: Vec::with_capacity(self.columns.len()),
            row,
        };
        match self.kind {
            Kind::Indicators => indicators::indicators(&mut rows, eval),
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
pub(crate) struct Rows<'a, 'f> {
    pub report: &'a Report,
    labels: &'a [(FiscalYear, String)],
    /// Each grant programme's full name, for the budget and KPI tables.
    grant_names: &'a [String],
    /// Each goal's code (`1-2`), for the indicators table.
    goal_codes: &'a [String],
    cells: Vec<Cell<'a>>,
    row: &'f mut dyn for<'c> FnMut(&[Cell<'c>]),
}

impl<'a> Rows<'a, '_> {
    /// Starts a row with the city's code and name.
    pub fn start(&mut self) {
        self.cells.clear();
        let config = &self.report.config;
        self.cells.push(text(&config.city_code));
        self.cells.push(text(&config.city));
    }

    pub fn year(&mut self, year: Option<FiscalYear>) {
        match year {
            Some(y) => {
                let label = match self.labels.iter().find(|(l, _)| *l == y) {
                    Some((_, label)) => Cow::Borrowed(label.as_str()),
                    None => Cow::Owned(y.label_in(self.report.config.era_fy2019)),
                };
                self.cells.extend([Cell::Year(y), Cell::Text(label)]);
            }
            None => self.cells.extend([Cell::Empty, Cell::Empty]),
        }
    }

    pub fn push(&mut self, cell: Cell<'a>) {
        self.cells.push(cell);
    }

    pub fn end(&mut self) {
        (self.row)(&self.cells);
    }
}

pub(crate) fn text(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s.trim()))
}

pub(crate) fn optional<'a>(cell: Option<Cell<'a>>) -> Cell<'a> {
    cell.unwrap_or(Cell::Empty)
}

fn grant_cells(rows: &mut Rows, n: usize) {
    let g = &rows.report.grants[n];
    rows.push(Cell::Number(Quantity::integer(i64::from(g.number))));
    rows.push(Cell::Text(Cow::Borrowed(&rows.grant_names[n])));
}

fn budgets(rows: &mut Rows, year: FiscalYear) {
    let budget_unit = rows.report.vocabulary.get("budget.yen");
    for (n, g) in rows.report.grants.iter().enumerate() {
        for (y, b) in g.budget.iter().filter(|(y, _)| **y <= year) {
            rows.start();
            grant_cells(rows, n);
            rows.year(Some(*y));
            rows.push(Cell::Number(b.total_cost));
            rows.push(Cell::Number(b.grant));
            rows.push(text(budget_unit));
            rows.end();
        }
    }
}

fn kpis<'a>(rows: &mut Rows<'a, '_>, year: FiscalYear) {
    let report: &'a Report = rows.report;
    let w = |key: &str| -> &'a str { report.vocabulary.get(key) };
    let (before, target, actual) = (w("row.before"), w("row.kpi_target"), w("row.kpi_actual"));
    for (n, g) in report.grants.iter().enumerate() {
        for k in &g.kpis {
            let mut row = |kind: &'a str, y: Option<FiscalYear>, v: Quantity| {
                rows.start();
                grant_cells(rows, n);
                rows.push(text(&k.name));
                rows.push(text(kind));
                rows.year(y);
                rows.push(Cell::Number(v));
                rows.push(text(&k.unit));
                rows.end();
            };
            row(before, None, k.before);
            for (y, v) in &k.targets {
                row(target, Some(*y), *v);
            }
            for (y, v) in k.actuals.iter().filter(|(y, _)| **y <= year) {
                row(actual, Some(*y), *v);
            }
        }
    }
}

fn donations(rows: &mut Rows, year: FiscalYear) {
    let Some(d) = rows.report.donations.iter().find(|d| d.year == year) else {
        return;
    };
    let unit = rows.report.vocabulary.get("donations.unit");
    for x in &d.donations {
        rows.start();
        rows.year(Some(d.year));
        rows.push(text(&x.project));
        rows.push(text(&x.purpose));
        rows.push(Cell::Number(x.project_cost));
        rows.push(Cell::Number(x.amount));
        rows.push(text(unit));
        rows.end();
    }
}
