//! Chart style: colours, sizes and font, read from the theme's `chart.yaml`.

use plotters::style::RGBColor;
use serde::Deserialize;

/// Every visual choice of the charts, in one place.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartStyle {
    pub width: u32,
    pub height: u32,
    pub font_family: String,
    pub font_size: u32,
    pub text: Hex,
    pub muted: Hex,
    pub axis: Hex,
    pub grid: Hex,
    pub actual: Hex,
    pub target: Hex,
    pub baseline: Hex,
    pub bar_primary: Hex,
    pub bar_secondary: Hex,
    pub status: StatusColours,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusColours {
    pub achieved: Hex,
    pub on_track: Hex,
    pub behind: Hex,
    pub worsened: Hex,
    pub not_measured: Hex,
}

/// A `#rrggbb` colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hex(pub u8, pub u8, pub u8);

impl Hex {
    pub fn rgb(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }

    pub fn parse(text: &str) -> Option<Hex> {
        let h = text.trim().strip_prefix('#')?;
        if h.len() != 6 || !h.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
        Some(Hex(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance (WCAG 2).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG contrast ratio against another colour.
    pub fn contrast(self, other: Hex) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

impl<'de> Deserialize<'de> for Hex {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Hex::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a colour; expected `#rrggbb`"))
        })
    }
}

pub const WHITE: Hex = Hex(255, 255, 255);

impl ChartStyle {
    /// Colours that must stand out against the white background, with their names.
    pub fn graphic_colours(&self) -> Vec<(&'static str, Hex)> {
        vec![
            ("actual", self.actual),
            ("target", self.target),
            ("baseline", self.baseline),
            ("axis", self.axis),
            ("bar_primary", self.bar_primary),
            ("bar_secondary", self.bar_secondary),
            ("status.achieved", self.status.achieved),
            ("status.on_track", self.status.on_track),
            ("status.behind", self.status.behind),
            ("status.worsened", self.status.worsened),
            ("status.not_measured", self.status.not_measured),
        ]
    }
}

/// The built-in chart style.
pub const DEFAULT: &str = include_str!("../../themes/default/chart.yaml");

impl ChartStyle {
    /// The built-in style (checked by a unit test to parse).
    pub fn builtin() -> Result<ChartStyle, crate::diag::Diagnostic> {
        let source = crate::yaml::SourceText {
            path: "(built-in theme)/chart.yaml".into(),
            text: DEFAULT.into(),
            line_offset: 0,
        };
        crate::yaml::parse::<ChartStyle>(&source).map(|p| p.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_style_meets_contrast() {
        let style = ChartStyle::builtin().unwrap();
        assert!(style.text.contrast(WHITE) >= 4.5);
        assert!(
            style.muted.contrast(WHITE) >= 4.5,
            "muted text is still text"
        );
        for (name, colour) in style.graphic_colours() {
            assert!(
                colour.contrast(WHITE) >= 3.0,
                "{name} has contrast {}",
                colour.contrast(WHITE)
            );
            // White labels are drawn on status bars.
            assert!(
                colour.contrast(WHITE) >= 4.5 || !name.starts_with("status"),
                "{name}"
            );
        }
    }

    #[test]
    fn hex_parsing() {
        assert_eq!(Hex::parse("#0b4f8a"), Some(Hex(11, 79, 138)));
        assert_eq!(Hex::parse("0b4f8a"), None);
        assert_eq!(Hex::parse("#0b4f8"), None);
        assert!((Hex(0, 0, 0).contrast(WHITE) - 21.0).abs() < 0.01);
    }
}
