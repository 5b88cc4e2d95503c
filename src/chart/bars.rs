//! Grouped bar charts: budgets per year, and KPI targets against actual increments.

use super::{axis_scale, finish, nice_ticks, text_width, tick_label, Chart, Pen};
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
    let (wf, hf) = (f64::from(w), f64::from(h));
    let small = pen.small();
    let values: Vec<f64> = view
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .collect();
    let lo = values.iter().copied().fold(0.0, f64::min);
    let hi = values.iter().copied().fold(0.0, f64::max);
    let hi = if hi == lo { lo + 1.0 } else { hi };
    let (ticks, step) = nice_ticks(lo, hi + (hi - lo) * 0.05, 5);
    let (y0, y1) = (*ticks.first()?, *ticks.last()?);
    let (scale, suffix) = axis_scale(y0.abs().max(y1.abs()));
    let labels: Vec<String> = ticks
        .iter()
        .map(|t| tick_label(*t, step, scale, suffix))
        .collect();
    let left = labels
        .iter()
        .map(|l| text_width(l, small))
        .fold(0.0, f64::max)
        + 12.0;
    let n = view.categories.len().max(1);
    let right = (text_width(
        view.categories.last().map(String::as_str).unwrap_or(""),
        small,
    ) / 2.0)
        .max(12.0);
    let bottom = small + 14.0;
    let plot_w = wf - left - right;
    let plot_h = hf - TOP - bottom;
    let x_of = |i: f64| left + plot_w * (i + 0.5) / n as f64;
    let y_of = |v: f64| TOP + plot_h * (1.0 - (v - y0) / (y1 - y0));
    let px = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    let group = plot_w / n as f64 * 0.7;
    let bar = group / view.series.len().max(1) as f64;

    let raw = super::draw(w, h, |root| {
        let text = style.text.rgb();
        let muted = style.muted.rgb();
        for (t, label) in ticks.iter().zip(&labels) {
            let y = y_of(*t);
            root.draw(&PathElement::new(
                vec![px(left, y), px(wf - right, y)],
                style.grid.rgb().stroke_width(1),
            ))?;
            root.draw(&Text::new(
                label.clone(),
                px(left - 6.0, y),
                pen.font(small, muted, HPos::Right, VPos::Center),
            ))?;
        }
        for (i, c) in view.categories.iter().enumerate() {
            root.draw(&Text::new(
                c.clone(),
                px(x_of(i as f64), TOP + plot_h + 6.0),
                pen.font(small, text, HPos::Center, VPos::Top),
            ))?;
        }
        for (s, series) in view.series.iter().enumerate() {
            let colour = series.colour.rgb();
            for (i, v) in series.values.iter().enumerate() {
                let Some(v) = v else { continue };
                let x0 = x_of(i as f64) - group / 2.0 + bar * s as f64 + 1.0;
                let x1 = x0 + bar - 2.0;
                let (ya, yb) = (y_of(v.max(0.0)), y_of(v.min(0.0)));
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
        let zero = y_of(0.0);
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
    Some(Chart {
        id: view.id.clone(),
        svg: finish(&raw, &view.id, &view.title, &view.desc, w, h),
        title: view.title.clone(),
        desc: view.desc.clone(),
    })
}
