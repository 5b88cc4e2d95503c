//! Views of indicators: the evaluation tables, verification tables and their footnotes.

use super::context::ViewCtx;
use crate::evaluate::Status;
use crate::fiscal_year::FiscalYear;
use crate::format::{self, Scale};
use crate::model::*;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct StatusView {
    pub label: &'static str,
    pub symbol: &'static str,
    pub key: &'static str,
}

impl From<Status> for StatusView {
    fn from(s: Status) -> Self {
        StatusView {
            label: s.label(),
            symbol: s.symbol(),
            key: s.key(),
        }
    }
}

/// One value in a table cell, with its marks.
#[derive(Clone, Debug, Serialize)]
pub struct ValueView {
    /// `小学校`, for compound indicators.
    pub label: Option<String>,
    pub text: String,
    /// Newly reported this year, or revised: printed bold.
    pub emphasis: bool,
    pub revised: bool,
    /// `※1`, pointing at a footnote.
    pub mark: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FootnoteView {
    pub mark: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorRowView {
    pub anchor: String,
    pub strategy: String,
    pub strategy_href: String,
    pub name: String,
    pub unit_direction: &'static str,
    pub baseline: Vec<ValueView>,
    /// One list of series values per year column.
    pub actuals: Vec<Vec<ValueView>>,
    pub target: Vec<ValueView>,
    pub progress: Vec<ValueView>,
    pub status: Vec<StatusView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorTableView {
    pub caption: String,
    /// `R2実績値`, … one per year column.
    pub year_heads: Vec<String>,
    pub status_year: String,
    pub rows: Vec<IndicatorRowView>,
    pub footnotes: Vec<FootnoteView>,
}

/// Numbers footnotes in order of first use; a lone footnote is just `※`.
#[derive(Default)]
struct Footnotes {
    texts: Vec<String>,
}

impl Footnotes {
    fn index(&mut self, text: &str) -> usize {
        match self.texts.iter().position(|t| t == text) {
            Some(i) => i,
            None => {
                self.texts.push(text.to_string());
                self.texts.len() - 1
            }
        }
    }

    fn mark(count: usize, i: usize) -> String {
        if count == 1 {
            "※".to_string()
        } else {
            format!("※{}", i + 1)
        }
    }

    /// Replaces the placeholder indices in `rows` by marks, and lists the notes.
    fn finish(self, values: &mut [&mut ValueView]) -> Vec<FootnoteView> {
        let count = self.texts.len();
        for v in values.iter_mut() {
            if let Some(m) = &v.mark {
                if let Ok(i) = m.parse::<usize>() {
                    v.mark = Some(Footnotes::mark(count, i));
                }
            }
        }
        self.texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| FootnoteView {
                mark: Footnotes::mark(count, i),
                text,
            })
            .collect()
    }
}

fn label_of(indicator: &Indicator, series: &Series) -> Option<String> {
    if indicator.compound {
        series.label.clone()
    } else {
        None
    }
}

fn plain(indicator: &Indicator, series: &Series, text: String) -> ValueView {
    ValueView {
        label: label_of(indicator, series),
        text,
        emphasis: false,
        revised: false,
        mark: None,
    }
}

/// The value view of one observation; footnote indices are placeholders until `finish`.
fn observed(
    indicator: &Indicator,
    series: &Series,
    obs: Option<&Observation>,
    current: bool,
    scale: Option<Scale>,
    notes: &mut Footnotes,
) -> ValueView {
    let mut v = plain(indicator, series, format::NONE.to_string());
    match obs {
        Some(Observation::Measured { value, revision }) => {
            v.text = format::with_unit(*value, &series.unit, scale);
            v.emphasis = current || revision.is_some();
            if let Some(r) = revision {
                v.revised = true;
                v.mark = Some(notes.index(&r.note).to_string());
            }
        }
        Some(Observation::Missing { reason }) => v.mark = Some(notes.index(reason).to_string()),
        None => {}
    }
    v
}

fn strategy_label(number: u32) -> String {
    format!("戦略{number}")
}

/// The table of indicators (all, or one strategy's), with actuals for `years`,
/// and progress and status for the last of them.
pub fn indicator_table(
    ctx: &ViewCtx,
    caption: String,
    years: &[FiscalYear],
    strategy: Option<u32>,
) -> IndicatorTableView {
    let report = ctx.report;
    let status_year = *years.last().unwrap_or(&ctx.year());
    let mut notes = Footnotes::default();
    let mut rows = Vec::new();
    for (i, ind) in report.indicators.iter().enumerate() {
        if strategy.is_some_and(|s| s != ind.strategy) {
            continue;
        }
        let refs: Vec<(SeriesRef, &Series)> = ind
            .series
            .iter()
            .enumerate()
            .map(|(s, x)| {
                (
                    SeriesRef {
                        indicator: i,
                        series: s,
                    },
                    x,
                )
            })
            .collect();
        let actuals = years
            .iter()
            .map(|y| {
                let result = report.years.iter().find(|r| r.year == *y);
                refs.iter()
                    .map(|(r, s)| {
                        observed(
                            ind,
                            s,
                            result.and_then(|x| x.observations.get(r)),
                            *y == ctx.year(),
                            None,
                            &mut notes,
                        )
                    })
                    .collect()
            })
            .collect();
        let assessments: Vec<_> = refs
            .iter()
            .map(|(r, _)| ctx.eval.assessment(*r, status_year))
            .collect();
        rows.push(IndicatorRowView {
            anchor: format!("ind-{}-{}", ind.id, status_year.slug()),
            strategy: strategy_label(ind.strategy),
            strategy_href: ctx.href(&format!("strategies/{}.html", ind.strategy)),
            name: ind.name.clone(),
            unit_direction: direction_note(&ind.series),
            baseline: refs
                .iter()
                .map(|(_, s)| plain(ind, s, format::with_unit(s.baseline, &s.unit, None)))
                .collect(),
            actuals,
            target: refs
                .iter()
                .map(|(_, s)| plain(ind, s, format::with_unit(s.target, &s.unit, None)))
                .collect(),
            progress: refs
                .iter()
                .zip(&assessments)
                .map(|((_, s), a)| {
                    plain(
                        ind,
                        s,
                        a.and_then(|a| a.progress)
                            .map(format::percent)
                            .unwrap_or_else(|| format::NONE.into()),
                    )
                })
                .collect(),
            status: assessments
                .iter()
                .map(|a| a.map(|a| a.status).unwrap_or(Status::NotMeasured).into())
                .collect(),
        });
    }
    let mut values: Vec<&mut ValueView> = rows
        .iter_mut()
        .flat_map(|r| r.actuals.iter_mut().flatten())
        .collect();
    let footnotes = notes.finish(&mut values);
    IndicatorTableView {
        caption,
        year_heads: years
            .iter()
            .map(|y| format!("{}実績値", y.short()))
            .collect(),
        status_year: status_year.label(),
        rows,
        footnotes,
    }
}

fn direction_note(series: &[Series]) -> &'static str {
    if series.iter().any(|s| s.direction == Direction::Lower) {
        "低いほど良い指標"
    } else {
        ""
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct VerificationRowView {
    pub strategy: String,
    pub name: String,
    pub baseline: Vec<ValueView>,
    pub actual: Vec<ValueView>,
    pub target: Vec<ValueView>,
    /// Rows sharing one analysis: the first has the count, the rest 0.
    pub rowspan: usize,
    pub analysis: String,
    pub next_steps: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct VerificationTableView {
    pub caption: String,
    pub actual_head: String,
    pub rows: Vec<VerificationRowView>,
    pub footnotes: Vec<FootnoteView>,
}

/// 数値目標の検証 for the report year (all strategies, or one).
pub fn verification_table(
    ctx: &ViewCtx,
    caption: String,
    strategy: Option<u32>,
    heading_level: u8,
) -> Option<VerificationTableView> {
    let report = ctx.report;
    let result = report.years.iter().find(|r| r.year == ctx.year())?;
    let mut notes = Footnotes::default();
    let mut rows = Vec::new();
    for entry in &result.verification {
        let selected: Vec<&VerificationRow> = entry
            .rows
            .iter()
            .filter(|r| strategy.is_none_or(|s| report.indicators[r.indicator].strategy == s))
            .collect();
        let analysis = ctx.markdown(&entry.analysis, heading_level, None);
        let next_steps = ctx.markdown(&entry.next_steps, heading_level, None);
        for (k, row) in selected.iter().enumerate() {
            let ind = &report.indicators[row.indicator];
            let series: Vec<(usize, &Series)> = match row.series {
                Some(s) => vec![(s, &ind.series[s])],
                None => ind.series.iter().enumerate().collect(),
            };
            let name = match row.series {
                Some(s) if ind.compound => ind.series[s].name.clone(),
                _ => ind.name.clone(),
            };
            let shown = |s: &Series| {
                if row.series.is_some() {
                    None
                } else {
                    label_of(ind, s)
                }
            };
            let value = |s: &Series, q| ValueView {
                label: shown(s),
                text: format::with_unit(q, &s.unit, entry.scale),
                emphasis: false,
                revised: false,
                mark: None,
            };
            rows.push(VerificationRowView {
                strategy: strategy_label(ind.strategy),
                name,
                baseline: series.iter().map(|(_, s)| value(s, s.baseline)).collect(),
                actual: series
                    .iter()
                    .map(|(i, s)| {
                        let obs = result.observations.get(&SeriesRef {
                            indicator: row.indicator,
                            series: *i,
                        });
                        let mut v = observed(ind, s, obs, false, entry.scale, &mut notes);
                        v.label = shown(s);
                        v
                    })
                    .collect(),
                target: series.iter().map(|(_, s)| value(s, s.target)).collect(),
                rowspan: if k == 0 { selected.len() } else { 0 },
                analysis: analysis.clone(),
                next_steps: next_steps.clone(),
            });
        }
    }
    if rows.is_empty() {
        return None;
    }
    let mut values: Vec<&mut ValueView> =
        rows.iter_mut().flat_map(|r| r.actual.iter_mut()).collect();
    let footnotes = notes.finish(&mut values);
    Some(VerificationTableView {
        caption,
        actual_head: format!("{}実績値", ctx.year().short()),
        rows,
        footnotes,
    })
}
