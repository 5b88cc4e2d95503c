//! The trend chart of one indicator series: baseline, actuals by year, and the target.

use super::dashes::Dashes;
use super::plot::{px, Plot};
use super::svg::Frame;
use super::{text_width, Chart, DrawResult, Pen, Root};
use crate::chart::style::{ChartStyle, Hex};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One year on the x axis.
#[derive(Clone, Debug)]
pub struct TrendYear {
    /// `令和3年度`.
    pub label: String,
    /// `R3`, used when the full labels do not fit side by side.
    pub short: String,
    /// The actual, if measured and not after the report year.
    pub value: Option<f64>,
    /// The actual as printed in tables (`115.3%`).
    pub value_label: String,
    pub revised: bool,
    /// Measured as missing (未測定), as opposed to a year still to come.
    pub missing: bool,
}

/// What the trend chart shows.
#[derive(Clone, Debug)]
pub struct TrendView {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub lower_is_better: bool,
    pub baseline: f64,
    pub baseline_label: String,
    pub target: f64,
    pub target_label: String,
    pub years: Vec<TrendYear>,
    /// Each year's own target (年度目標値), where it has one.
    pub year_targets: Vec<Option<f64>>,
    /// Shared by every chart of a build (made once from the vocabulary).
    pub words: std::sync::Arc<TrendWords>,
}

/// The words a trend chart draws, from the vocabulary.
#[derive(Clone, Debug, Default)]
pub struct TrendWords {
    pub baseline: String,
    pub baseline_short: String,
    pub target: String,
    pub legend_actual: String,
    pub legend_target: String,
    pub legend_year_target: String,
    pub legend_baseline: String,
    pub lower_is_better: String,
    pub higher_is_better: String,
    pub revised: String,
    pub missing: String,
}

impl TrendWords {
    pub fn new(words: &crate::vocabulary::Vocabulary) -> TrendWords {
        TrendWords {
            baseline: words.get("chart.baseline").into(),
            baseline_short: words.get("chart.baseline_short").into(),
            target: words.get("chart.target").into(),
            legend_actual: words.get("chart.legend_actual").into(),
            legend_target: words.get("chart.legend_target").into(),
            legend_year_target: words.get("chart.legend_year_target").into(),
            legend_baseline: words.get("chart.legend_baseline").into(),
            lower_is_better: words.get("chart.lower_is_better").into(),
            higher_is_better: words.get("chart.higher_is_better").into(),
            revised: words.get("chart.revised").into(),
            missing: words.get("chart.missing").into(),
        }
    }
}

const TOP: f64 = 34.0;

/// The trend chart of `view`, or None if its values give no plot.
pub fn trend_chart(view: &TrendView, style: &ChartStyle) -> Option<Chart> {
    Chart::drawn(&view.id, &view.title, &view.desc, |out| {
        trend_chart_into(view, style, out)
    })
}

/// Appends the trend chart of `view` to `out`; false, leaving `out` unchanged, if its
/// values give no plot.
pub fn trend_chart_into(view: &TrendView, style: &ChartStyle, out: &mut String) -> bool {
    let pen = Pen::new(style);
    let (w, h) = (style.width, style.height);
    let wf = f64::from(w);
    let small = pen.small;
    let (lo, hi) = [view.baseline, view.target]
        .into_iter()
        .chain(view.years.iter().filter_map(|y| y.value))
        .chain(view.year_targets.iter().flatten().copied())
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let pad = if hi > lo {
        (hi - lo) * 0.2
    } else {
        (hi.abs() * 0.1).max(1.0)
    };
    // Full year labels if they fit their slots, else the short ones.
    let n = view.years.len() + 1;
    let slot = (wf - 80.0) / n as f64;
    let words = &view.words;
    let fits = std::iter::once(words.baseline.as_str())
        .chain(view.years.iter().map(|y| y.label.as_str()))
        .all(|l| text_width(l, small) + 6.0 <= slot);
    let categories: Vec<&str> = if fits {
        std::iter::once(words.baseline.as_str())
            .chain(view.years.iter().map(|y| y.label.as_str()))
            .collect()
    } else {
        std::iter::once(words.baseline_short.as_str())
            .chain(view.years.iter().map(|y| y.short.as_str()))
            .collect()
    };
    let target_label = [words.target.as_str(), " ", view.target_label.as_str()].concat();
    let target_label = super::fit(&target_label, small, wf / 3.0).into_owned();
    let target_half = text_width(&target_label, small) / 2.0;
    let right = (text_width(categories[n - 1], small) / 2.0)
        .max(target_half)
        .max(16.0)
        + 6.0;
    let Some(plot) = Plot::new(style, &pen, TOP, lo - pad, hi + pad, n, right) else {
        return false;
    };
    let frame = Frame::new((&view.id, &view.title, &view.desc), (w, h), style);
    super::draw(out, &frame, |root| {
        let (left, right) = (plot.left, plot.right);
        plot.draw_grid(root, &pen, style)?;
        root.draw(&PathElement::new(
            [px(left, plot.bottom()), px(wf - right, plot.bottom())],
            style.axis.rgb().stroke_width(1),
        ))?;
        plot.draw_categories(root, &pen, style, &categories)?;
        draw_legend(root, &pen, style, view)?;
        // Target: a dashed line across, and a diamond at the end of the plan.
        let ty = plot.y(view.target);
        let (x0, y) = px(left, ty);
        let line = style.target.rgb().stroke_width(2);
        root.draw(&Dashes::new(x0, px(wf - right, ty).0, y, (8, 5), line))?;
        let (tx, tyi) = px(plot.x((n - 1) as f64), ty);
        root.draw(&Polygon::new(
            [(tx, tyi - 8), (tx + 8, tyi), (tx, tyi + 8), (tx - 8, tyi)],
            style.target.rgb().filled(),
        ))?;
        let (label_y, vpos) = if ty - TOP > small + 12.0 {
            (ty - 12.0, VPos::Bottom)
        } else {
            (ty + 12.0, VPos::Top)
        };
        let label_x = plot.x((n - 1) as f64).min(wf - 4.0 - target_half);
        let at = px(label_x, label_y);
        pen.label(root, &target_label, style.target, (HPos::Center, vpos), at)?;
        // Baseline: a square.
        let (bx, by) = px(plot.x(0.0), plot.y(view.baseline));
        root.draw(&Rectangle::new(
            [(bx - 6, by - 6), (bx + 6, by + 6)],
            style.baseline.rgb().filled(),
        ))?;
        let place = LabelPlace {
            x: plot.x(0.0),
            y: plot.y(view.baseline),
            width: wf,
            floor: plot.bottom(),
            below: false,
        };
        draw_value_label(root, &pen, &view.baseline_label, place, style.baseline)?;
        // Each year's own target: a hollow diamond.
        for (i, t) in view.year_targets.iter().enumerate() {
            if let Some(t) = t {
                let (x, y) = px(plot.x(i as f64 + 1.0), plot.y(*t));
                root.draw(&PathElement::new(
                    [(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y), (x, y - 7)],
                    style.target.rgb().stroke_width(2),
                ))?;
            }
        }
        draw_actuals(root, &pen, style, view, &plot)
    })
}

/// The direction of the indicator (top left) and the legend (top right).
fn draw_legend(root: &Root, pen: &Pen, style: &ChartStyle, view: &TrendView) -> DrawResult {
    let words = &view.words;
    let direction = if view.lower_is_better {
        &words.lower_is_better
    } else {
        &words.higher_is_better
    };
    pen.text(
        root,
        direction,
        style.text,
        (HPos::Left, VPos::Top),
        px(4.0, 4.0),
    )?;
    let mut legend = vec![
        (words.legend_actual.as_str(), style.actual),
        (words.legend_target.as_str(), style.target),
    ];
    if view.year_targets.iter().any(Option::is_some) {
        legend.push((words.legend_year_target.as_str(), style.target));
    }
    legend.push((words.legend_baseline.as_str(), style.baseline));
    let mut x = f64::from(style.width) - 4.0;
    for (label, colour) in legend.iter().rev() {
        pen.label(root, label, *colour, (HPos::Right, VPos::Top), px(x, 6.0))?;
        x -= text_width(label, pen.small) + 12.0;
    }
    Ok(())
}

/// Actuals: a solid line through consecutive measured years, a circle on each point
/// (ringed if revised) with its value, and 未測定 where a year was not measured.
fn draw_actuals(
    root: &Root,
    pen: &Pen,
    style: &ChartStyle,
    view: &TrendView,
    plot: &Plot,
) -> DrawResult {
    let actual = style.actual.rgb();
    let points: Vec<Option<(i32, i32)>> = view
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| y.value.map(|v| px(plot.x(i as f64 + 1.0), plot.y(v))))
        .collect();
    for run in points.split(|p| p.is_none()) {
        if run.len() > 1 {
            root.draw(&PathElement::new(
                run.iter().flatten().copied().collect::<Vec<_>>(),
                actual.stroke_width(3),
            ))?;
        }
    }
    let mut label = String::new();
    for (i, (year, point)) in view.years.iter().zip(&points).enumerate() {
        match point {
            Some((x, y)) => {
                root.draw(&Circle::new((*x, *y), 6, actual.filled()))?;
                label.clear();
                label.push_str(&year.value_label);
                if year.revised {
                    root.draw(&Circle::new((*x, *y), 10, actual.stroke_width(2)))?;
                    label.push_str(&view.words.revised);
                }
                // Put the label on the side away from the line: below a point the line falls to.
                let neighbour = points[..i]
                    .iter()
                    .rev()
                    .flatten()
                    .next()
                    .or_else(|| points[i + 1..].iter().flatten().next());
                let place = LabelPlace {
                    x: f64::from(*x),
                    y: f64::from(*y),
                    width: f64::from(style.width),
                    floor: plot.bottom(),
                    below: neighbour.is_some_and(|(_, ny)| *ny < *y),
                };
                draw_value_label(root, pen, &label, place, style.actual)?;
            }
            None if year.missing => {
                let at = px(plot.x(i as f64 + 1.0), plot.bottom() - 6.0);
                pen.label(
                    root,
                    &view.words.missing,
                    style.muted,
                    (HPos::Center, VPos::Bottom),
                    at,
                )?;
            }
            None => {}
        }
    }
    Ok(())
}

/// Where a value label goes: beside the point at (x, y), inside `width` and above `floor`.
struct LabelPlace {
    x: f64,
    y: f64,
    width: f64,
    floor: f64,
    /// Prefer below the point (when the line comes from above).
    below: bool,
}

/// A value printed above or below its point, kept inside the chart.
fn draw_value_label(
    root: &Root,
    pen: &Pen,
    label: &str,
    at: LabelPlace,
    colour: Hex,
) -> DrawResult {
    let small = pen.small;
    let label = &*super::fit(label, small, at.width - 4.0);
    let half = text_width(label, small) / 2.0;
    let x =
        at.x.clamp(half + 2.0, (at.width - half - 2.0).max(half + 2.0));
    let room_above = at.y - TOP > small + 14.0;
    let room_below = at.y + 11.0 + small < at.floor;
    let (y, v) = if (at.below && room_below) || !room_above {
        (at.y + 11.0, VPos::Top)
    } else {
        (at.y - 11.0, VPos::Bottom)
    };
    let at = (x.round() as i32, y.round() as i32);
    pen.label(root, label, colour, (HPos::Center, v), at)
}
