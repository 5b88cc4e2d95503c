//! Chart style: colours, sizes and font, read from the theme's `chart.yaml`.

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
}

pub use super::colour::{Hex, WHITE};

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
        crate::yaml::parse::<ChartStyle>(&source)
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
        }
    }

    #[test]
    fn palettes_stay_apart_under_colour_vision_deficiencies() {
        use crate::chart::colour::worst_difference;
        let s = ChartStyle::builtin().unwrap();
        assert!(worst_difference(&[s.actual, s.target, s.baseline]) >= 15.0);
        assert!(worst_difference(&[s.bar_primary, s.bar_secondary]) >= 15.0);
    }

    #[test]
    fn hex_parsing() {
        assert_eq!(Hex::parse("#0b4f8a"), Some(Hex(11, 79, 138)));
        assert_eq!(Hex::parse("0b4f8a"), None);
        assert_eq!(Hex::parse("#0b4f8"), None);
        assert!((Hex(0, 0, 0).contrast(WHITE) - 21.0).abs() < 0.01);
    }
}
