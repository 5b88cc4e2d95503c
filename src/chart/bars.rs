//! Grouped bar charts: budgets per year, and KPI targets against actual increments.

use super::plot::{px, Plot};
use super::svg::Frame;
use super::{text_width, Chart, Pen};
use crate::chart::style::{ChartStyle, Hex};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One series of bars; `solid` bars are filled, the others outlined, so that the
/// series differ by more than colour.
#[derive(Clone, Debug)]
pub struct BarSeries {
    pub name: String,
    pub values: Vec<Option<f64>>,
    pub solid: bool,
    pub colour: Hex,
}

#[derive(Clone, Debug)]
pub struct BarsView {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub categories: Vec<String>,
    pub series: Vec<BarSeries>,
    /// Printed top left, such as `単位：円`.
    pub unit_note: String,
}

const TOP: f64 = 34.0;
/// The outline of a hollow bar: 1 px, as plotters' own SVG backend always drew it
/// (it dropped the 2 px that was asked for).
const OUTLINE: u32 = 1;

/// The bar chart of `view`, or None if its values give no plot.
pub fn bar_chart(view: &BarsView, style: &ChartStyle) -> Option<Chart> {
    Chart::drawn(&view.id, &view.title, &view.desc, |out| {
        bar_chart_into(view, style, out)
    })
}

/// Appends the bar chart of `view` to `out`; false, leaving `out` unchanged, if its
/// values give no plot.
pub fn bar_chart_into(view: &BarsView, style: &ChartStyle, out: &mut String) -> bool {
    let pen = Pen::new(style);
    let (w, h) = (style.width, style.height);
    let wf = f64::from(w);
    let small = pen.small;
    let values = view.series.iter().flat_map(|s| s.values.iter().flatten());
    let (lo, hi) = values.fold((0.0, 0.0), |(lo, hi): (f64, f64), v| {
        (lo.min(*v), hi.max(*v))
    });
    let hi = if hi == lo { lo + 1.0 } else { hi };
    let n = view.categories.len().max(1);
    let right = (text_width(
        view.categories.last().map(String::as_str).unwrap_or(""),
        small,
    ) / 2.0)
        .max(12.0);
    let Some(plot) = Plot::new(style, &pen, TOP, lo, hi + (hi - lo) * 0.05, n, right) else {
        return false;
    };
    let (left, plot_w) = (plot.left, plot.plot_width());
    let group = plot_w / n as f64 * 0.7;
    let bar = group / view.series.len().max(1) as f64;
    let frame = Frame::new((&view.id, &view.title, &view.desc), (w, h), style);
    super::draw(out, &frame, |root| {
        plot.draw_grid(root, &pen, style)?;
        let categories: Vec<&str> = view.categories.iter().map(String::as_str).collect();
        plot.draw_categories(root, &pen, style, &categories)?;
        for (s, series) in view.series.iter().enumerate() {
            let colour = series.colour.rgb();
            for (i, v) in series.values.iter().enumerate() {
                let Some(v) = v else { continue };
                let x0 = plot.x(i as f64) - group / 2.0 + bar * s as f64 + 1.0;
                let x1 = x0 + bar - 2.0;
                let (ya, yb) = (plot.y(v.max(0.0)), plot.y(v.min(0.0)));
                let corners = [px(x0, ya), px(x1, yb.max(ya + 1.0))];
                if series.solid {
                    root.draw(&Rectangle::new(corners, colour.filled()))?;
                } else {
                    root.draw(&Rectangle::new(corners, WHITE.filled()))?;
                    root.draw(&Rectangle::new(corners, colour.stroke_width(OUTLINE)))?;
                }
            }
        }
        // The zero line, drawn over the bars so that negatives clearly hang below it.
        let zero = plot.y(0.0);
        root.draw(&PathElement::new(
            [px(left, zero), px(wf - right, zero)],
            style.axis.rgb().stroke_width(2),
        ))?;
        let top_left = (HPos::Left, VPos::Top);
        let note = super::fit(&view.unit_note, small, wf / 3.0);
        pen.label(root, &note, style.muted, top_left, px(4.0, 6.0))?;
        let mut x = wf - 4.0;
        for series in view.series.iter().rev() {
            let name = super::fit(&series.name, small, wf / 3.0);
            let label_w = text_width(&name, small);
            let top_right = (HPos::Right, VPos::Top);
            pen.label(root, &name, style.text, top_right, px(x, 6.0))?;
            let sx = x - label_w - 18.0;
            let swatch = [px(sx, 6.0), px(sx + 12.0, 6.0 + small)];
            if series.solid {
                root.draw(&Rectangle::new(swatch, series.colour.rgb().filled()))?;
            } else {
                root.draw(&Rectangle::new(
                    swatch,
                    series.colour.rgb().stroke_width(OUTLINE),
                ))?;
            }
            x = sx - 14.0;
        }
        Ok(())
    })
}
