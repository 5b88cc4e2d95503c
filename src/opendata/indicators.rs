//! The indicators table of the open data: a row per figure (baseline, each year's actual
//! or its absence, the yearly and final targets), with its goal, kind, 所管課, figure and
//! rating.

use super::{optional, text, Cell, Rows};
use crate::evaluate::Evaluation;
use crate::fiscal_year::FiscalYear;
use crate::model::*;
use crate::quantity::Quantity;

pub(super) fn indicators<'a>(rows: &mut Rows<'a, '_>, eval: &Evaluation) {
    let report = rows.report;
    let codes = rows.goal_codes;
    let goals = &report.goals;
    let rating = &report.config.rating;
    let year = eval.year;
    let w = |key: &str| -> &'a str { report.vocabulary.get(key) };
    let (actual, previous, revised) = (w("row.actual"), w("row.previous"), w("row.revised"));
    let (cumulative, lower, higher) = (
        w("value.cumulative"),
        w("direction.lower"),
        w("direction.higher"),
    );
    let (year_target, target, not_yet) = (
        w("row.year_target"),
        w("row.target"),
        w("milestone.not_yet"),
    );
    for (i, ind) in report.indicators.iter().enumerate() {
        let goal = &goals.list[ind.goal];
        let level = &goals.level(ind.goal).name;
        for (s, series) in ind.series.iter().enumerate() {
            let sref = SeriesRef {
                indicator: i,
                series: s,
            };
            let milestone = ind.milestone.as_deref();
            let mut row = |kind: &'a str,
                           y: Option<FiscalYear>,
                           value: Option<Quantity>,
                           note: &'a str,
                           judged: bool| {
                rows.start();
                rows.push(text(&codes[ind.goal]));
                rows.push(text(&goal.name));
                rows.push(text(level));
                rows.push(text(&ind.id));
                rows.push(text(&ind.name));
                rows.push(text(&ind.kind));
                rows.push(optional(ind.department.as_deref().map(text)));
                rows.push(if ind.cumulative {
                    text(cumulative)
                } else {
                    Cell::Empty
                });
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
                    lower
                } else {
                    higher
                }));
                rows.push(if note.is_empty() {
                    Cell::Empty
                } else {
                    text(note)
                });
                // The figure and rating belong to the actual a year is judged by.
                let a = y.filter(|_| judged).and_then(|y| eval.assessment(sref, y));
                rows.push(optional(
                    a.and_then(|a| a.figure)
                        .filter(|_| milestone.is_none())
                        .and_then(crate::format::figure_quantity)
                        .map(Cell::Number),
                ));
                rows.push(optional(a.map(|a| text(&rating.get(a.level).label))));
                rows.push(optional(a.map(|a| text(&rating.get(a.level).id))));
                rows.end();
            };
            // A milestone's state, in words, beside its 0 or 1.
            let state = |v: Quantity| -> &'a str {
                match milestone {
                    Some(m) if v.cmp_value(Quantity::zero()).is_gt() => m,
                    Some(_) => not_yet,
                    None => "",
                }
            };
            if milestone.is_none() {
                row(
                    w("row.baseline"),
                    Some(series.baseline_year),
                    Some(series.baseline),
                    "",
                    false,
                );
            }
            for result in report.years.iter().filter(|r| r.year <= year) {
                let y = Some(result.year);
                match result.observations.get(&sref) {
                    Some(Observation::Measured {
                        value,
                        revision: None,
                    }) => row(actual, y, Some(*value), state(*value), true),
                    Some(Observation::Measured {
                        value,
                        revision: Some(r),
                    }) => {
                        if let Some(previous_value) = r.previous {
                            row(previous, y, Some(previous_value), "", false);
                        }
                        row(revised, y, Some(*value), &r.note, true);
                    }
                    Some(Observation::Missing { reason }) => row(actual, y, None, reason, true),
                    None => {}
                }
            }
            for (y, target) in &series.targets {
                row(year_target, Some(*y), Some(*target), "", false);
            }
            row(
                target,
                Some(series.target_year),
                Some(series.target),
                milestone.unwrap_or(""),
                false,
            );
        }
    }
}
