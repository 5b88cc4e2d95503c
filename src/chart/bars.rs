//! Grouped bar charts: budgets per year, and KPI targets against actual increments.

use super::plot::{px, Plot};
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

pub fn bar_chart(view: &BarsView, style: &ChartStyle) -> Option<Chart> {
    let pen = Pen { style };
    let (w, h) = (style.width, style.height);
    let wf = f64::from(w);
    let small = pen.small();
    let values: Vec<f64> = view
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .collect();
    let lo = values.iter().copied().fold(0.0, f64::min);
    let hi = values.iter().copied().fold(0.0, f64::max);
    let hi = if hi == lo { lo + 1.0 } else { hi };
    let n = view.categories.len().max(1);
    let right = (text_width(
        view.categories.last().map(String::as_str).unwrap_or(""),
        small,
    ) / 2.0)
        .max(12.0);
    let plot = Plot::new(style, &pen, TOP, lo, hi + (hi - lo) * 0.05, n, right)?;
    let (left, plot_w) = (plot.left, plot.plot_width());
    let group = plot_w / n as f64 * 0.7;
    let bar = group / view.series.len().max(1) as f64;

    let raw = super::draw(w, h, |root| {
        let text = style.text.rgb();
        let muted = style.muted.rgb();
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
                    root.draw(&Rectangle::new(corners, colour.stroke_width(2)))?;
                }
            }
        }
        // The zero line, drawn over the bars so that negatives clearly hang below it.
        let zero = plot.y(0.0);
        root.draw(&PathElement::new(
            vec![px(left, zero), px(wf - right, zero)],
            style.axis.rgb().stroke_width(2),
        ))?;
        root.draw(&Text::new(
            view.unit_note.clone(),
            px(4.0, 6.0),
            pen.font(small, muted, HPos::Left, VPos::Top),
        ))?;
        let mut x = wf - 4.0;
        for series in view.series.iter().rev() {
            let label_w = text_width(&series.name, small);
            root.draw(&Text::new(
                series.name.clone(),
                px(x, 6.0),
                pen.font(small, text, HPos::Right, VPos::Top),
            ))?;
            let sx = x - label_w - 18.0;
            let swatch = [px(sx, 6.0), px(sx + 12.0, 6.0 + small)];
            if series.solid {
                root.draw(&Rectangle::new(swatch, series.colour.rgb().filled()))?;
            } else {
                root.draw(&Rectangle::new(swatch, series.colour.rgb().stroke_width(2)))?;
            }
            x = sx - 14.0;
        }
        Ok(())
    })?;
    Some(Chart::new(&raw, &view.id, &view.title, &view.desc, (w, h)))
}
