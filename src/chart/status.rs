//! The status chart of the report home: stacked bars of status counts per strategy.

use super::{text_width, Chart, Pen};
use crate::chart::style::{ChartStyle, Hex};
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

pub fn status_chart(view: &StatusView, style: &ChartStyle) -> Option<Chart> {
    let pen = Pen { style };
    let small = pen.small();
    let w = style.width;
    let wf = f64::from(w);
    let hf = TOP + ROW * view.rows.len() as f64 + 8.0;
    let h = hf.ceil() as u32;
    let left = view
        .rows
        .iter()
        .map(|(l, _)| text_width(l, small))
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
    let raw = super::draw(w, h, |root| {
        let text = style.text.rgb();
        let mut x = 4.0;
        for key in &view.statuses {
            let label = format!("{}{}", key.symbol, key.label);
            root.draw(&Rectangle::new(
                [px(x, 6.0), px(x + 12.0, 6.0 + small)],
                key.colour.rgb().filled(),
            ))?;
            root.draw(&Text::new(
                label.clone(),
                px(x + 16.0, 6.0),
                pen.font(small, text, HPos::Left, VPos::Top),
            ))?;
            x += 16.0 + text_width(&label, small) + 14.0;
        }
        for (r, (label, counts)) in view.rows.iter().enumerate() {
            let y = TOP + ROW * r as f64;
            root.draw(&Text::new(
                label.clone(),
                px(left - 8.0, y + ROW / 2.0),
                pen.font(small, text, HPos::Right, VPos::Center),
            ))?;
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
                    vec![px(x + width, y + 4.0), px(x + width, y + ROW - 4.0)],
                    WHITE.stroke_width(2),
                ))?;
                let inside = format!("{}{count}", key.symbol);
                if text_width(&inside, small) + 6.0 <= width {
                    root.draw(&Text::new(
                        inside,
                        px(x + width / 2.0, y + ROW / 2.0),
                        pen.font(small, WHITE, HPos::Center, VPos::Center),
                    ))?;
                }
                x += width;
            }
            let total: usize = counts.iter().sum();
            root.draw(&Text::new(
                format!("計{total}"),
                px(x + 6.0, y + ROW / 2.0),
                pen.font(small, text, HPos::Left, VPos::Center),
            ))?;
        }
        Ok(())
    })?;
    Some(Chart::new(&raw, &view.id, &view.title, &view.desc, (w, h)))
}
