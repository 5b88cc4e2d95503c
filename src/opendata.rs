//! Open data: every figure of a year's report as CSV (UTF-8 with BOM, CRLF) and JSON.
//!
//! One value per cell, numbers without separators and in the precision written, units in
//! a column of their own, fiscal years as the Western year beside the era label, and the
//! city's 全国地方公共団体コード on every row. Text cells that a spreadsheet would read as
//! a formula are neutralised; numbers are never touched.

use crate::fiscal_year::FiscalYear;
use crate::format;
use crate::model::*;
use crate::quantity::Quantity;
use serde::Serialize;

/// A column: its key in JSON and its Japanese name in the CSV header.
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub key: &'static str,
    pub name: &'static str,
    pub numeric: bool,
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(Quantity),
    Year(FiscalYear),
    Empty,
}

/// One downloadable table.
#[derive(Clone, Debug)]
pub struct Table {
    /// File name without extension: `indicators`.
    pub slug: &'static str,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
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

fn city(report: &Report) -> Vec<Cell> {
    vec![
        Cell::Text(report.config.city_code.clone()),
        Cell::Text(report.config.city.clone()),
    ]
}

fn year_cells(year: Option<FiscalYear>) -> Vec<Cell> {
    match year {
        Some(y) => vec![Cell::Year(y), Cell::Text(y.label())],
        None => vec![Cell::Empty, Cell::Empty],
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.trim().to_string())
}

/// Every table of the report for `year`, holding nothing from later years.
pub fn tables(report: &Report, year: FiscalYear) -> Vec<Table> {
    let mut out = vec![
        indicators(report, year),
        budgets(report, year),
        kpis(report, year),
    ];
    if let Some(d) = donations(report, year) {
        out.push(d);
    }
    out
}

fn indicators(report: &Report, year: FiscalYear) -> Table {
    let mut columns = CITY.to_vec();
    columns.extend([
        col("strategy", "戦略番号", true),
        col("strategy_name", "戦略", false),
        col("indicator_id", "数値目標ID", false),
        col("indicator", "数値目標", false),
        col("series_id", "系列ID", false),
        col("series", "系列", false),
        col("kind", "区分", false),
    ]);
    columns.extend(YEAR);
    columns.extend([
        col("value", "値", true),
        col("unit", "単位", false),
        col("direction", "望ましい方向", false),
        col("note", "注記", false),
        col("progress_percent", "進捗率（%）", true),
        col("status", "評価", false),
    ]);
    let eval = crate::evaluate::evaluate(report, year);
    let mut rows = Vec::new();
    for (i, ind) in report.indicators.iter().enumerate() {
        let strategy = report.strategies.iter().find(|s| s.number == ind.strategy);
        for (s, series) in ind.series.iter().enumerate() {
            let sref = SeriesRef {
                indicator: i,
                series: s,
            };
            let row = |kind: &str, y: Option<FiscalYear>, value: Option<Quantity>, note: &str| {
                let mut r = city(report);
                r.extend([
                    Cell::Number(Quantity::integer(i64::from(ind.strategy))),
                    strategy.map(|s| text(&s.name)).unwrap_or(Cell::Empty),
                    text(&ind.id),
                    text(&ind.name),
                    series.id.as_deref().map(text).unwrap_or(Cell::Empty),
                    if ind.compound {
                        text(&series.name)
                    } else {
                        Cell::Empty
                    },
                    text(kind),
                ]);
                r.extend(year_cells(y));
                r.extend([
                    value.map(Cell::Number).unwrap_or(Cell::Empty),
                    text(&series.unit),
                    text(if series.direction == Direction::Lower {
                        "低いほど良い"
                    } else {
                        "高いほど良い"
                    }),
                    if note.is_empty() {
                        Cell::Empty
                    } else {
                        text(note)
                    },
                ]);
                // Progress and status belong to the actual a year is judged by.
                let judged = matches!(kind, "実績値" | "修正後の実績値");
                let a = y.filter(|_| judged).and_then(|y| eval.assessment(sref, y));
                r.extend([
                    a.and_then(|a| a.progress)
                        .map(|p| Cell::Number(Quantity::new((p * 1000.0).round() as i64, 1)))
                        .unwrap_or(Cell::Empty),
                    a.map(|a| text(a.status.label())).unwrap_or(Cell::Empty),
                ]);
                r
            };
            rows.push(row("当初値", None, Some(series.baseline), ""));
            for result in report.years.iter().filter(|r| r.year <= year) {
                match result.observations.get(&sref) {
                    Some(Observation::Measured {
                        value,
                        revision: None,
                    }) => rows.push(row("実績値", Some(result.year), Some(*value), "")),
                    Some(Observation::Measured {
                        value,
                        revision: Some(r),
                    }) => {
                        if let Some(previous) = r.previous {
                            rows.push(row("修正前の実績値", Some(result.year), Some(previous), ""));
                        }
                        rows.push(row(
                            "修正後の実績値",
                            Some(result.year),
                            Some(*value),
                            &r.note,
                        ));
                    }
                    Some(Observation::Missing { reason }) => {
                        rows.push(row("実績値", Some(result.year), None, reason))
                    }
                    None => {}
                }
            }
            rows.push(row(
                "目標値",
                Some(report.plan.period.to),
                Some(series.target),
                "",
            ));
        }
    }
    Table {
        slug: "indicators",
        title: format!("{} 数値目標", report.plan.title),
        columns,
        rows,
    }
}

fn grant_cells(report: &Report, g: &Grant) -> Vec<Cell> {
    let mut r = city(report);
    r.extend([
        Cell::Number(Quantity::integer(i64::from(g.number))),
        text(&format!(
            "{}{}「{}」",
            g.scheme,
            format::circled(g.number),
            g.title
        )),
    ]);
    r
}

fn budgets(report: &Report, year: FiscalYear) -> Table {
    let mut columns = CITY.to_vec();
    columns.extend([
        col("grant_number", "交付金番号", true),
        col("grant", "交付金事業", false),
    ]);
    columns.extend(YEAR);
    columns.extend([
        col("total_cost", "総事業費", true),
        col("grant_amount", "交付金額", true),
        col("unit", "単位", false),
    ]);
    let mut rows = Vec::new();
    for g in &report.grants {
        for (y, b) in g.budget.iter().filter(|(y, _)| **y <= year) {
            let mut r = grant_cells(report, g);
            r.extend(year_cells(Some(*y)));
            r.extend([
                Cell::Number(b.total_cost),
                Cell::Number(b.grant),
                text("円"),
            ]);
            rows.push(r);
        }
    }
    Table {
        slug: "budgets",
        title: "地方創生推進交付金 事業費と交付金額".into(),
        columns,
        rows,
    }
}

fn kpis(report: &Report, year: FiscalYear) -> Table {
    let mut columns = CITY.to_vec();
    columns.extend([
        col("grant_number", "交付金番号", true),
        col("grant", "交付金事業", false),
        col("kpi", "重要業績評価指標", false),
        col("kind", "区分", false),
    ]);
    columns.extend(YEAR);
    columns.extend([col("value", "値", true), col("unit", "単位", false)]);
    let mut rows = Vec::new();
    for g in &report.grants {
        for k in &g.kpis {
            let row = |kind: &str, y: Option<FiscalYear>, v: Quantity| {
                let mut r = grant_cells(report, g);
                r.extend([text(&k.name), text(kind)]);
                r.extend(year_cells(y));
                r.extend([Cell::Number(v), text(&k.unit)]);
                r
            };
            rows.push(row("事業開始前", None, k.before));
            for (y, v) in &k.targets {
                rows.push(row("目標（増加分）", Some(*y), *v));
            }
            for (y, v) in k.actuals.iter().filter(|(y, _)| **y <= year) {
                rows.push(row("実績（増加分）", Some(*y), *v));
            }
        }
    }
    Table {
        slug: "kpis",
        title: "地方創生推進交付金 重要業績評価指標（KPI）".into(),
        columns,
        rows,
    }
}

fn donations(report: &Report, year: FiscalYear) -> Option<Table> {
    let d = report.donations.iter().find(|d| d.year == year)?;
    let mut columns = CITY.to_vec();
    columns.extend(YEAR);
    columns.extend([
        col("project", "寄附を受けた事業", false),
        col("purpose", "寄附を活用した事業の内容", false),
        col("project_cost", "事業費", true),
        col("amount", "寄附額", true),
        col("unit", "単位", false),
    ]);
    let rows = d
        .donations
        .iter()
        .map(|x| {
            let mut r = city(report);
            r.extend(year_cells(Some(d.year)));
            r.extend([
                text(&x.project),
                text(&x.purpose),
                Cell::Number(x.project_cost),
                Cell::Number(x.amount),
                text("千円"),
            ]);
            r
        })
        .collect();
    Some(Table {
        slug: "donations",
        title: "企業版ふるさと納税 寄附実績".into(),
        columns,
        rows,
    })
}

/// A cell as CSV text. Text that would start a spreadsheet formula gets a leading `'`.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => neutralise(t),
        Cell::Number(q) => q_plain(*q),
        Cell::Year(y) => y.western().to_string(),
        Cell::Empty => String::new(),
    }
}

/// `-1.26`, `7360000`, `20.0`: no separators, the written precision.
fn q_plain(q: Quantity) -> String {
    format::plain_number(q).replace(',', "")
}

/// Guards a text cell against spreadsheet formula injection.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// CSV: UTF-8 with a BOM (so that Excel reads it), CRLF line ends, a header row.
pub fn to_csv(table: &Table) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(table.columns.iter().map(|c| c.name));
    for row in &table.rows {
        let _ = writer.write_record(row.iter().map(cell_text));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// JSON: the table's title, licence and columns, and one object per row.
pub fn to_json(table: &Table, licence: Option<&str>) -> String {
    // Written directly rather than through a `serde_json::Value` tree: the open data of
    // a large report is hundreds of thousands of cells.
    let text = |out: &mut String, s: &str| {
        out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
    };
    let mut out = String::with_capacity(64 + table.rows.len() * table.columns.len() * 16);
    out.push_str("{\"title\":");
    text(&mut out, &table.title);
    out.push_str(",\"licence\":");
    match licence {
        Some(l) => text(&mut out, l),
        None => out.push_str("null"),
    }
    out.push_str(",\"columns\":");
    out.push_str(&serde_json::to_string(&table.columns).unwrap_or_else(|_| "[]".into()));
    out.push_str(",\"records\":[");
    for (r, row) in table.rows.iter().enumerate() {
        out.push_str(if r == 0 { "{" } else { ",{" });
        for (i, (c, cell)) in table.columns.iter().zip(row).enumerate() {
            if i > 0 {
                out.push(',');
            }
            text(&mut out, c.key);
            out.push(':');
            match cell {
                Cell::Text(t) => text(&mut out, t),
                Cell::Number(q) => {
                    let n = q_plain(*q);
                    // Only a valid JSON number goes in bare; anything else is null.
                    if n.parse::<serde_json::Number>().is_ok() {
                        out.push_str(&n);
                    } else {
                        out.push_str("null");
                    }
                }
                Cell::Year(y) => out.push_str(&y.western().to_string()),
                Cell::Empty => out.push_str("null"),
            }
        }
        out.push('}');
    }
    out.push_str("]}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("@SUM"), "'@SUM");
        assert_eq!(neutralise("長岡"), "長岡");
        assert_eq!(cell_text(&Cell::Number(Quantity::new(-126, 2))), "-1.26");
        assert_eq!(
            cell_text(&Cell::Number(Quantity::integer(7_360_000))),
            "7360000"
        );
        assert_eq!(cell_text(&Cell::Text("-78".into())), "'-78");
    }

    #[test]
    fn csv_has_bom_crlf_and_quotes() {
        let table = Table {
            slug: "t",
            title: "t".into(),
            columns: vec![col("a", "名前", false), col("b", "値", true)],
            rows: vec![vec![
                Cell::Text("a,b".into()),
                Cell::Number(Quantity::new(200, 1)),
            ]],
        };
        assert_eq!(to_csv(&table), "\u{feff}名前,値\r\n\"a,b\",20.0\r\n");
        let json = to_json(&table, Some("CC BY 4.0"));
        assert!(json.contains("\"b\":20.0"), "{json}");
    }
}
