//! Chart: pure functions from a view of the data to an accessible SVG string, drawn with plotters.
//!
//! plotters measures CJK text wrongly, so every label position here is computed by
//! sosei itself (a full-width character counts as 1 em, anything else as 0.6 em), and
//! plotters only draws. The SVG gets `role="img"`, a `<title>` and a `<desc>` here.

pub mod bars;
mod plot;
pub mod status;
pub mod style;
pub mod trend;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use style::ChartStyle;

/// A finished chart: inline SVG with its text alternative.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Chart {
    pub id: String,
    pub svg: String,
    pub title: String,
    pub desc: String,
}

impl Chart {
    /// A chart from plotters' SVG, with its text alternative.
    pub fn new(raw: &str, id: &str, title: &str, desc: &str, (width, height): (u32, u32)) -> Chart {
        Chart {
            id: id.to_string(),
            svg: finish(raw, id, title, desc, width, height),
            title: title.to_string(),
            desc: desc.to_string(),
        }
    }
}

/// The width of `text` in pixels at `size`, counting full-width characters as 1 em.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.6 })
        .sum::<f64>()
        * size
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
        (-(s.log10().floor()) as usize).min(6)
    };
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text
        .split_once('.')
        .map(|(i, f)| (i.to_string(), Some(f.to_string())))
        .unwrap_or((text.clone(), None));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && v.abs() >= s * 1e-9 {
        "△"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}{suffix}"),
        None => format!("{sign}{grouped}{suffix}"),
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

/// Text drawing in one font, with sizes given in CSS pixels.
pub(crate) struct Pen<'a> {
    pub style: &'a ChartStyle,
}

impl Pen<'_> {
    pub fn font(&self, px: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'_> {
        // plotters writes font-size as size / 1.24.
        (self.style.font_family.as_str(), px * 1.24)
            .into_font()
            .color(&colour)
            .pos(Pos::new(h, v))
    }

    pub fn size(&self) -> f64 {
        f64::from(self.style.font_size)
    }

    pub fn small(&self) -> f64 {
        (self.size() * 0.85).round()
    }
}

/// Makes plotters' SVG scale to its container and carry its text alternative.
pub fn finish(raw: &str, id: &str, title: &str, desc: &str, width: u32, height: u32) -> String {
    let body = raw.split_once('>').map(|(_, rest)| rest).unwrap_or(raw);
    // One font for the whole chart, on the root: plotters repeats it on every text.
    let font = body
        .split(" font-family=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("sans-serif")
        .to_string();
    let body = compact(body, &font);
    let esc = crate::markdown::escape;
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" font-family=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        esc(&font),
        esc(title),
        esc(desc),
        body.trim_start()
    )
}

/// Drops what plotters writes on every element but the chart does not need: full
/// opacity, the repeated font family, and the line breaks around each text.
fn compact(body: &str, font: &str) -> String {
    // One pass instead of one `replace` per pattern: charts are made by the hundred thousand.
    let font_attr = format!(" font-family=\"{font}\"");
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find([' ', '\n']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        rest = if let Some(t) = tail.strip_prefix(" opacity=\"1\"") {
            t
        } else if let Some(t) = tail.strip_prefix(font_attr.as_str()) {
            t
        } else if tail.starts_with('\n') && (out.ends_with('>') || tail[1..].starts_with("</text>"))
        {
            &tail[1..]
        } else {
            out.push_str(&tail[..1]);
            &tail[1..]
        };
    }
    out.push_str(rest);
    out
}

/// Draws with plotters into a string; plotters errors cannot happen with the SVG backend,
/// but if one did, the chart is left out rather than the build failing.
pub(crate) fn draw(
    width: u32,
    height: u32,
    f: impl FnOnce(
        &DrawingArea<SVGBackend, plotters::coord::Shift>,
    ) -> Result<(), Box<dyn std::error::Error>>,
) -> Option<String> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        f(&root).ok()?;
        root.present().ok()?;
    }
    Some(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_full_width_as_one_em() {
        assert_eq!(text_width("令和3年度", 10.0), 10.0 * 4.6);
        assert_eq!(text_width("ab", 10.0), 12.0);
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

    #[test]
    fn finish_adds_role_title_and_desc() {
        let svg = finish("<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/></svg>", "c1", "題<名>", "説明", 10, 5);
        assert!(svg.starts_with("<svg class=\"chart\" viewBox=\"0 0 10 5\" width=\"100%\" role=\"img\" aria-labelledby=\"c1-title\" aria-describedby=\"c1-desc\""));
        assert!(svg.contains(
            "<title id=\"c1-title\">題&lt;名&gt;</title><desc id=\"c1-desc\">説明</desc><rect/>"
        ));
    }
}
