//! The trend chart of one indicator series: baseline, actuals by year, and the target.

use super::plot::{px, Plot};
use super::{text_width, Chart, Pen};
use crate::chart::style::ChartStyle;
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
}

const TOP: f64 = 34.0;

pub fn trend_chart(view: &TrendView, style: &ChartStyle) -> Option<Chart> {
    let pen = Pen { style };
    let (w, h) = (style.width, style.height);
    let wf = f64::from(w);
    let fs = pen.size();
    let small = pen.small();
    let mut values: Vec<f64> = vec![view.baseline, view.target];
    values.extend(view.years.iter().filter_map(|y| y.value));
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let pad = if hi > lo {
        (hi - lo) * 0.2
    } else {
        (hi.abs() * 0.1).max(1.0)
    };
    let full: Vec<&str> = std::iter::once("当初値")
        .chain(view.years.iter().map(|y| y.label.as_str()))
        .collect();
    let short: Vec<&str> = std::iter::once("当初")
        .chain(view.years.iter().map(|y| y.short.as_str()))
        .collect();
    // Full year labels if they fit their slots, else the short ones.
    let slot = (wf - 80.0) / full.len() as f64;
    let fits = full.iter().all(|l| text_width(l, small) + 6.0 <= slot);
    let categories = if fits { full } else { short };
    let n = categories.len();
    let last_half = text_width(categories[n - 1], small) / 2.0;
    let right = last_half
        .max(text_width(&format!("目標 {}", view.target_label), small) / 2.0)
        .max(16.0)
        + 6.0;
    let plot = Plot::new(style, &pen, TOP, lo - pad, hi + pad, n, right)?;
    let (left, right) = (plot.left, plot.right);
    let raw = super::draw(w, h, |root| {
        let text = style.text.rgb();
        let muted = style.muted.rgb();
        plot.draw_grid(root, &pen, style)?;
        root.draw(&PathElement::new(
            vec![px(left, plot.bottom()), px(wf - right, plot.bottom())],
            style.axis.rgb().stroke_width(1),
        ))?;
        plot.draw_categories(root, &pen, style, &categories)?;
        // Direction and legend, in the top band.
        let direction = if view.lower_is_better {
            "▼ 低いほど良い指標"
        } else {
            "▲ 高いほど良い指標"
        };
        root.draw(&Text::new(
            direction,
            px(4.0, 4.0),
            pen.font(fs, text, HPos::Left, VPos::Top),
        ))?;
        let legend = [
            ("● 実績", style.actual.rgb()),
            ("◆ 目標（破線）", style.target.rgb()),
            ("■ 当初値", style.baseline.rgb()),
        ];
        let mut x = wf - 4.0;
        for (label, colour) in legend.iter().rev() {
            root.draw(&Text::new(
                *label,
                px(x, 6.0),
                pen.font(small, *colour, HPos::Right, VPos::Top),
            ))?;
            x -= text_width(label, small) + 12.0;
        }
        // Target: a dashed line across, and a diamond at the end of the plan.
        let ty = plot.y(view.target);
        root.draw(&plotters::element::DashedPathElement::new(
            vec![px(left, ty), px(wf - right, ty)],
            8,
            5,
            style.target.rgb().stroke_width(2),
        ))?;
        let (tx, tyi) = px(plot.x((n - 1) as f64), ty);
        root.draw(&Polygon::new(
            vec![(tx, tyi - 8), (tx + 8, tyi), (tx, tyi + 8), (tx - 8, tyi)],
            style.target.rgb().filled(),
        ))?;
        let above = ty - TOP > small + 12.0;
        let (label_y, vpos) = if above {
            (ty - 12.0, VPos::Bottom)
        } else {
            (ty + 12.0, VPos::Top)
        };
        let label_x = plot
            .x((n - 1) as f64)
            .min(wf - 4.0 - text_width(&format!("目標 {}", view.target_label), small) / 2.0);
        root.draw(&Text::new(
            format!("目標 {}", view.target_label),
            px(label_x, label_y),
            pen.font(small, style.target.rgb(), HPos::Center, vpos),
        ))?;
        // Baseline: a square.
        let (bx, by) = px(plot.x(0.0), plot.y(view.baseline));
        root.draw(&Rectangle::new(
            [(bx - 6, by - 6), (bx + 6, by + 6)],
            style.baseline.rgb().filled(),
        ))?;
        let at = Anchor {
            x: plot.x(0.0),
            y: plot.y(view.baseline),
            width: wf,
            floor: plot.bottom(),
            below: false,
        };
        draw_value_label(root, &pen, &view.baseline_label, at, style.baseline.rgb())?;
        // Actuals: solid line through consecutive measured years, circles on the points.
        let points: Vec<Option<(i32, i32)>> = view
            .years
            .iter()
            .enumerate()
            .map(|(i, y)| y.value.map(|v| px(plot.x(i as f64 + 1.0), plot.y(v))))
            .collect();
        for run in points.split(|p| p.is_none()) {
            let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
            if run.len() > 1 {
                root.draw(&PathElement::new(run, style.actual.rgb().stroke_width(3)))?;
            }
        }
        for (i, (year, point)) in view.years.iter().zip(&points).enumerate() {
            match point {
                Some((x, y)) => {
                    root.draw(&Circle::new((*x, *y), 6, style.actual.rgb().filled()))?;
                    if year.revised {
                        root.draw(&Circle::new(
                            (*x, *y),
                            10,
                            style.actual.rgb().stroke_width(2),
                        ))?;
                    }
                    let label = if year.revised {
                        format!("{}（修正値）", year.value_label)
                    } else {
                        year.value_label.clone()
                    };
                    // Put the label on the side away from the line: below a point the line falls to.
                    let neighbour = points[..i]
                        .iter()
                        .rev()
                        .flatten()
                        .next()
                        .or_else(|| points[i + 1..].iter().flatten().next());
                    let below = neighbour.is_some_and(|(_, ny)| *ny < *y);
                    let at = Anchor {
                        x: f64::from(*x),
                        y: f64::from(*y),
                        width: wf,
                        floor: plot.bottom(),
                        below,
                    };
                    draw_value_label(root, &pen, &label, at, style.actual.rgb())?;
                }
                None if year.missing => {
                    root.draw(&Text::new(
                        "未測定",
                        px(plot.x(i as f64 + 1.0), plot.bottom() - 6.0),
                        pen.font(small, muted, HPos::Center, VPos::Bottom),
                    ))?;
                }
                None => {}
            }
        }
        Ok(())
    })?;
    Some(Chart::new(&raw, &view.id, &view.title, &view.desc, (w, h)))
}

/// Where a value label goes: beside the point at (x, y), inside `width` and above `floor`.
struct Anchor {
    x: f64,
    y: f64,
    width: f64,
    floor: f64,
    /// Prefer below the point (when the line comes from above).
    below: bool,
}

/// A value printed above or below its point, kept inside the chart.
fn draw_value_label(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    pen: &Pen,
    label: &str,
    at: Anchor,
    colour: RGBColor,
) -> Result<(), Box<dyn std::error::Error>> {
    let small = pen.small();
    let half = text_width(label, small) / 2.0;
    let x = at.x.clamp(half + 2.0, at.width - half - 2.0);
    let room_above = at.y - TOP > small + 14.0;
    let room_below = at.y + 11.0 + small < at.floor;
    let (y, v) = if (at.below && room_below) || !room_above {
        (at.y + 11.0, VPos::Top)
    } else {
        (at.y - 11.0, VPos::Bottom)
    };
    root.draw(&Text::new(
        label.to_string(),
        (x.round() as i32, y.round() as i32),
        pen.font(small, colour, HPos::Center, v),
    ))?;
    Ok(())
}
