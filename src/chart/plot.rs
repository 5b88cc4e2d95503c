//! The plot area shared by the trend and bar charts: categories along x, a value axis
//! with round ticks along y, and the drawing of the grid and both axes' labels.

use super::{axis_scale, nice_ticks, text_width, tick_label, DrawResult, Pen, Root};
use crate::chart::style::ChartStyle;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A pixel position from chart coordinates.
pub fn px(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// Where the plot sits in the chart and how values map onto it.
pub struct Plot {
    pub width: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub height: f64,
    pub categories: usize,
    ticks: Vec<f64>,
    labels: Vec<String>,
    y0: f64,
    y1: f64,
}

impl Plot {
    /// A plot for values from `lo` to `hi` (ticks are rounded outwards), `categories`
    /// columns, and at least `right` pixels of margin on the right.
    pub fn new(
        style: &ChartStyle,
        pen: &Pen,
        top: f64,
        lo: f64,
        hi: f64,
        categories: usize,
        right: f64,
    ) -> Option<Plot> {
        let small = pen.small;
        let (ticks, step) = nice_ticks(lo, hi, 5);
        let (y0, y1) = (*ticks.first()?, *ticks.last()?);
        if y1.partial_cmp(&y0) != Some(std::cmp::Ordering::Greater) {
            return None;
        }
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
        let (width, full_height) = (f64::from(style.width), f64::from(style.height));
        let bottom = small + 14.0;
        Some(Plot {
            width,
            left,
            right,
            top,
            height: full_height - top - bottom,
            categories: categories.max(1),
            ticks,
            labels,
            y0,
            y1,
        })
    }

    pub fn plot_width(&self) -> f64 {
        self.width - self.left - self.right
    }

    /// The centre of category `i`.
    pub fn x(&self, i: f64) -> f64 {
        self.left + self.plot_width() * (i + 0.5) / self.categories as f64
    }

    pub fn y(&self, v: f64) -> f64 {
        self.top + self.height * (1.0 - (v - self.y0) / (self.y1 - self.y0))
    }

    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }

    /// Grid lines, then value labels (which lie left of the lines, so the order does
    /// not change the picture, and each kind is written as one element).
    pub fn draw_grid(&self, root: &Root, pen: &Pen, style: &ChartStyle) -> DrawResult {
        let line = style.grid.rgb().stroke_width(1);
        for t in &self.ticks {
            let y = self.y(*t);
            root.draw(&PathElement::new(
                [px(self.left, y), px(self.width - self.right, y)],
                line,
            ))?;
        }
        for (t, label) in self.ticks.iter().zip(&self.labels) {
            let at = px(self.left - 6.0, self.y(*t));
            pen.label(root, label, style.muted, (HPos::Right, VPos::Center), at)?;
        }
        Ok(())
    }

    /// The category labels under the plot.
    pub fn draw_categories(
        &self,
        root: &Root,
        pen: &Pen,
        style: &ChartStyle,
        categories: &[&str],
    ) -> DrawResult {
        for (i, c) in categories.iter().enumerate() {
            let at = px(self.x(i as f64), self.bottom() + 6.0);
            pen.label(root, c, style.text, (HPos::Center, VPos::Top), at)?;
        }
        Ok(())
    }
}
