//! Chart: pure functions from a view of the data to an accessible SVG string, drawn with plotters.
//!
//! plotters measures CJK text wrongly, so every label position here is computed by
//! sosei itself (a full-width character counts as 1 em, anything else as 0.6 em), and
//! plotters only draws, through the compact SVG backend of [`svg`], which also gives the
//! chart `role="img"`, a `<title>` and a `<desc>`. Each chart can be appended to a
//! caller's string (`trend_chart_into` and its kin) or made as a [`Chart`].

pub mod bars;
pub mod colour;
mod dashes;
mod plot;
pub mod status;
pub mod style;
pub mod svg;
pub mod trend;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontDesc;
use std::cell::RefCell;
use style::{ChartStyle, Hex};
use svg::{CompactSvg, Frame};

/// A finished chart: inline SVG with its text alternative.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Chart {
    pub id: String,
    pub svg: String,
    pub title: String,
    pub desc: String,
}

impl Chart {
    /// The chart that `draw_into` (one of the `*_chart_into` functions) draws, if it does.
    fn drawn(
        id: &str,
        title: &str,
        desc: &str,
        draw_into: impl FnOnce(&mut String) -> bool,
    ) -> Option<Chart> {
        // A 10-year trend chart is about 4 KB.
        let mut svg = String::with_capacity(4096);
        draw_into(&mut svg).then(|| Chart {
            id: id.to_string(),
            svg,
            title: title.to_string(),
            desc: desc.to_string(),
        })
    }
}

/// The width of `text` in pixels at `size`, counting full-width characters as 1 em.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.6 })
        .sum::<f64>()
        * size
}

/// `text` shortened with `…` to at most `max` wide at `size`; the chart's table and
/// description carry it whole.
pub fn fit(text: &str, size: f64, max: f64) -> std::borrow::Cow<'_, str> {
    if text_width(text, size) <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut width = size; // room for the ellipsis
    for c in text.chars() {
        width += if is_wide(c) { size } else { 0.6 * size };
        if width > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    std::borrow::Cow::Owned(out)
}

/// Full-width in Japanese fonts: CJK, full-width forms, and the arrows and geometric
/// shapes (▲ ● ◆ ■) that CJK fonts draw 1 em wide.
fn is_wide(c: char) -> bool {
    let u = c as u32;
    u >= 0x2E80
        || (0xFF00..=0xFFEF).contains(&u)
        || (0x2190..=0x21FF).contains(&u)
        || (0x25A0..=0x26FF).contains(&u)
}

/// Round tick values covering `min..max`: steps of 1, 2 or 5 × 10^k, about `count` of them,
/// so that every tick label is exact with the decimals of its step.
pub fn nice_ticks(min: f64, max: f64, count: usize) -> (Vec<f64>, f64) {
    let span = (max - min).abs().max(f64::EPSILON);
    let raw = span / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (min / step).floor() * step;
    let mut ticks = Vec::new();
    let mut i = 0.0;
    // Up to and including the first tick at or above `max`.
    while ticks.last().is_none_or(|t: &f64| *t < max - step * 1e-9) && ticks.len() < 50 {
        let v = first + step * i;
        ticks.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        i += 1.0;
    }
    (ticks, step)
}

/// An axis label for a tick: separators, 万/億 for large scales, decimals as the step needs.
pub fn tick_label(value: f64, step: f64, scale: f64, suffix: &str) -> String {
    let v = value / scale;
    let s = step / scale;
    let decimals = if s >= 1.0 {
        0
    } else {
        (-(s.log10().floor()) as u32).min(6)
    };
    let mut label = String::with_capacity(16);
    if value < 0.0 && v.abs() >= s * 1e-9 {
        label.push('△');
    }
    // |v| in units of the last decimal, rounded. When the step is a whole number of those
    // units, a tick is never halfway between two labels, and this agrees with `{:.*}`
    // (a test checks).
    let unit = 10u64.pow(decimals);
    let units = (v.abs() * unit as f64).round();
    if units < 2f64.powi(53) && s * unit as f64 > 0.999 {
        let units = units as u64;
        push_grouped(&mut label, itoa::Buffer::new().format(units / unit));
        if decimals > 0 {
            label.push('.');
            // One more digit than the decimals, so that the leading zeros stay: 1005 → 005.
            label.push_str(&itoa::Buffer::new().format(unit + units % unit)[1..]);
        }
    } else {
        // A step finer than the decimals shown, beyond exact integers, or not a number.
        let text = format!("{:.*}", decimals as usize, v.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        push_grouped(&mut label, int);
        if !frac.is_empty() {
            label.push('.');
            label.push_str(frac);
        }
    }
    label.push_str(suffix);
    label
}

/// Digits with a comma every three from the right.
fn push_grouped(out: &mut String, digits: &str) {
    for (i, c) in digits.char_indices() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
}

/// The scale an axis with values up to `max_abs` is labelled in: (divisor, suffix).
pub fn axis_scale(max_abs: f64) -> (f64, &'static str) {
    if max_abs >= 100_000_000.0 {
        (100_000_000.0, "億")
    } else if max_abs >= 100_000.0 {
        (10_000.0, "万")
    } else {
        (1.0, "")
    }
}

/// Text in the chart's font, with sizes in CSS pixels. A plotters text style costs two
/// allocations to make, so the pen keeps one for each size and recolours and
/// re-anchors it for each text.
pub(crate) struct Pen<'a> {
    /// The size of labels.
    pub small: f64,
    ordinary: RefCell<TextStyle<'a>>,
    labels: RefCell<TextStyle<'a>>,
}

impl<'a> Pen<'a> {
    pub fn new(style: &'a ChartStyle) -> Pen<'a> {
        let size = f64::from(style.font_size);
        let small = (size * 0.85).round();
        let font = |px| {
            RefCell::new(TextStyle::from(FontDesc::new(
                FontFamily::Name(&style.font_family),
                px,
                FontStyle::Normal,
            )))
        };
        Pen {
            small,
            ordinary: font(size),
            labels: font(small),
        }
    }

    /// Writes `text` at `at` in the ordinary size, `anchor` saying which point of it is there.
    pub fn text(
        &self,
        root: &Root,
        text: &str,
        colour: Hex,
        anchor: Anchor,
        at: Point,
    ) -> DrawResult {
        write(&self.ordinary, root, text, colour, anchor, at)
    }

    /// Writes `text` at `at` in the label size, `anchor` saying which point of it is there.
    pub fn label(
        &self,
        root: &Root,
        text: &str,
        colour: Hex,
        anchor: Anchor,
        at: Point,
    ) -> DrawResult {
        write(&self.labels, root, text, colour, anchor, at)
    }
}

/// Which point of a text its position gives.
pub(crate) type Anchor = (HPos, VPos);
/// A position in pixels.
pub(crate) type Point = (i32, i32);

fn write(
    style: &RefCell<TextStyle>,
    root: &Root,
    text: &str,
    colour: Hex,
    (h, v): Anchor,
    at: Point,
) -> DrawResult {
    let mut style = style.borrow_mut();
    style.color = colour.rgb().to_backend_color();
    style.pos = Pos::new(h, v);
    root.draw_text(text, &style, at)?;
    Ok(())
}

/// The drawing area of a chart.
pub(crate) type Root<'a> = DrawingArea<CompactSvg<'a>, plotters::coord::Shift>;
pub(crate) type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Draws a chart with plotters at the end of `out`, white behind. If plotters reports
/// an error, `out` is left as it was and the result is false: the chart is left out
/// rather than the build failing.
pub(crate) fn draw(out: &mut String, frame: &Frame, f: impl FnOnce(&Root) -> DrawResult) -> bool {
    let start = out.len();
    let drawn = {
        let root = CompactSvg::new(out, frame).into_drawing_area();
        root.fill(&WHITE).is_ok() && f(&root).is_ok() && root.present().is_ok()
    };
    if !drawn {
        out.truncate(start);
    }
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_full_width_as_one_em() {
        assert_eq!(text_width("令和3年度", 10.0), 10.0 * 4.6);
        assert_eq!(text_width("ab", 10.0), 12.0);
        assert_eq!(fit("令和3年度", 10.0, 50.0), "令和3年度");
        let long = "長".repeat(55);
        let short = fit(&long, 10.0, 100.0);
        assert!(text_width(&short, 10.0) <= 100.0, "{short}");
        assert!(short.ends_with('…'));
        assert_eq!(fit("abc", 10.0, 5.0), "…");
    }

    #[test]
    fn ticks_are_round() {
        let (t, step) = nice_ticks(104.0, 116.0, 5);
        assert_eq!(step, 5.0);
        assert_eq!(t.first(), Some(&100.0));
        let (_, step) = nice_ticks(0.0, 10.0, 5);
        assert_eq!(step, 2.0);
        assert!(t.last().unwrap() >= &116.0);
        let (t, _) = nice_ticks(-1.5, 1.5, 4);
        assert!(t.contains(&0.0));
    }

    /// The tick label as it was first written, with `format!`.
    fn tick_label_by_format(value: f64, step: f64, scale: f64, suffix: &str) -> String {
        let (v, s) = (value / scale, step / scale);
        let decimals = if s >= 1.0 {
            0
        } else {
            (-(s.log10().floor()) as usize).min(6)
        };
        let text = format!("{:.*}", decimals, v.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut label = String::new();
        if value < 0.0 && v.abs() >= s * 1e-9 {
            label.push('△');
        }
        push_grouped(&mut label, int);
        if !frac.is_empty() {
            label.push('.');
            label.push_str(frac);
        }
        label + suffix
    }

    #[test]
    fn tick_labels_agree_with_format() {
        let mut checked = 0;
        for exponent in -7..12 {
            for mantissa in [1.0, 1.3, 2.0, 2.5, 3.7, 5.0, 7.2, 9.9] {
                let span = mantissa * 10f64.powi(exponent);
                for offset in [-3.3, -1.0, -0.5, 0.0, 0.25, 1.0, 7.7, 123.4] {
                    let (lo, hi) = (offset * span, offset * span + span);
                    let (ticks, step) = nice_ticks(lo, hi, 5);
                    let (scale, suffix) = axis_scale(lo.abs().max(hi.abs()));
                    for t in ticks {
                        assert_eq!(
                            tick_label(t, step, scale, suffix),
                            tick_label_by_format(t, step, scale, suffix),
                            "tick {t} of step {step}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 5000, "{checked}");
        for odd in [f64::NAN, f64::INFINITY, 1e30, -1e30] {
            assert_eq!(
                tick_label(odd, 1.0, 1.0, "件"),
                tick_label_by_format(odd, 1.0, 1.0, "件")
            );
        }
    }

    #[test]
    fn tick_labels() {
        assert_eq!(
            tick_label(8_000_000.0, 1_000_000.0, 10_000.0, "万"),
            "800万"
        );
        assert_eq!(tick_label(-0.5, 0.5, 1.0, ""), "△0.5");
        assert_eq!(tick_label(12_500.0, 2_500.0, 1.0, ""), "12,500");
        assert_eq!(axis_scale(8_360_000.0), (10_000.0, "万"));
        assert_eq!(axis_scale(125_386_350.0), (100_000_000.0, "億"));
    }
}
