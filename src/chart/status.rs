//! The status chart of the report home: stacked bars of status counts per strategy.

use super::svg::Frame;
use super::{text_width, Chart, Pen};
use crate::chart::style::{self, ChartStyle, Hex};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One status: its symbol and name (always printed, never colour alone) and colour.
#[derive(Clone, Debug)]
pub struct StatusKey {
    pub symbol: String,
    pub label: String,
    pub colour: Hex,
}

#[derive(Clone, Debug)]
pub struct StatusView {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub statuses: Vec<StatusKey>,
    /// (row label, count per status).
    pub rows: Vec<(String, Vec<usize>)>,
}

const ROW: f64 = 30.0;
const TOP: f64 = 34.0;

/// The status chart of `view`.
pub fn status_chart(view: &StatusView, style: &ChartStyle) -> Option<Chart> {
    Chart::drawn(&view.id, &view.title, &view.desc, |out| {
        status_chart_into(view, style, out)
    })
}

/// Appends the status chart of `view` to `out`; false, leaving `out` unchanged, only if
/// plotters fails.
pub fn status_chart_into(view: &StatusView, style: &ChartStyle, out: &mut String) -> bool {
    let pen = Pen::new(style);
    let small = pen.small;
    let w = style.width;
    let wf = f64::from(w);
    let hf = TOP + ROW * view.rows.len() as f64 + 8.0;
    let h = hf.ceil() as u32;
    // Row labels take at most two fifths of the width; longer ones are shortened.
    let room = wf * 0.4;
    let rows: Vec<std::borrow::Cow<str>> = view
        .rows
        .iter()
        .map(|(l, _)| super::fit(l, small, room))
        .collect();
    let left = rows
        .iter()
        .map(|l| text_width(l, small))
        .fold(0.0, f64::max)
        + 12.0;
    let max_total = view
        .rows
        .iter()
        .map(|(_, c)| c.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let unit = (wf - left - 40.0) / max_total as f64;
    let px = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    let frame = Frame::new((&view.id, &view.title, &view.desc), (w, h), style);
    super::draw(out, &frame, |root| {
        let mut x = 4.0;
        let mut label = String::new();
        for key in &view.statuses {
            label.clear();
            // A symbol that is the label itself (A, B) is not written twice.
            if key.symbol != key.label {
                label.push_str(&key.symbol);
            }
            label.push_str(&key.label);
            root.draw(&Rectangle::new(
                [px(x, 6.0), px(x + 12.0, 6.0 + small)],
                key.colour.rgb().filled(),
            ))?;
            pen.label(
                root,
                &label,
                style.text,
                (HPos::Left, VPos::Top),
                px(x + 16.0, 6.0),
            )?;
            x += 16.0 + text_width(&label, small) + 14.0;
        }
        for (r, (row, (_, counts))) in rows.iter().zip(&view.rows).enumerate() {
            let y = TOP + ROW * r as f64;
            let at = px(left - 8.0, y + ROW / 2.0);
            pen.label(root, row, style.text, (HPos::Right, VPos::Center), at)?;
            let mut x = left;
            for (key, count) in view.statuses.iter().zip(counts) {
                if *count == 0 {
                    continue;
                }
                let width = unit * *count as f64;
                root.draw(&Rectangle::new(
                    [px(x, y + 4.0), px(x + width, y + ROW - 4.0)],
                    key.colour.rgb().filled(),
                ))?;
                // A white gap between segments, and the symbol and count inside when they fit.
                root.draw(&PathElement::new(
                    [px(x + width, y + 4.0), px(x + width, y + ROW - 4.0)],
                    WHITE.stroke_width(2),
                ))?;
                label.clear();
                label.push_str(&key.symbol);
                label.push_str(itoa::Buffer::new().format(*count));
                if text_width(&label, small) + 6.0 <= width {
                    let at = px(x + width / 2.0, y + ROW / 2.0);
                    pen.label(root, &label, style::WHITE, (HPos::Center, VPos::Center), at)?;
                }
                x += width;
            }
            let total: usize = counts.iter().sum();
            label.clear();
            label.push('計');
            label.push_str(itoa::Buffer::new().format(total));
            let at = px(x + 6.0, y + ROW / 2.0);
            pen.label(root, &label, style.text, (HPos::Left, VPos::Center), at)?;
        }
        Ok(())
    })
}
