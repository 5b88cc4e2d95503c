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
            // White labels are drawn on status bars.
            assert!(
                colour.contrast(WHITE) >= 4.5 || !name.starts_with("status"),
                "{name}"
            );
        }
    }

    /// Machado et al. (2009) simulation matrices, severity 1, on linear RGB.
    const CVD: [[[f64; 3]; 3]; 3] = [
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ];

    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIE L*a*b* of a linear RGB colour.
    fn lab(rgb: [f64; 3]) -> [f64; 3] {
        let [r, g, b] = rgb.map(|v| v.clamp(0.0, 1.0));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// The smallest CIE76 ΔE between any two colours, for normal vision and each deficiency.
    fn worst_difference(colours: &[Hex]) -> f64 {
        let mut worst = f64::MAX;
        for m in std::iter::once(None).chain(CVD.iter().map(Some)) {
            let seen: Vec<[f64; 3]> = colours
                .iter()
                .map(|c| {
                    let rgb = [linear(c.0), linear(c.1), linear(c.2)];
                    lab(match m {
                        None => rgb,
                        Some(m) => [0, 1, 2].map(|i| (0..3).map(|j| m[i][j] * rgb[j]).sum()),
                    })
                })
                .collect();
            for (i, a) in seen.iter().enumerate() {
                for b in &seen[i + 1..] {
                    worst = worst.min(
                        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2))
                            .sqrt(),
                    );
                }
            }
        }
        worst
    }

    #[test]
    fn palettes_stay_apart_under_colour_vision_deficiencies() {
        let s = ChartStyle::builtin().unwrap();
        let status = [
            s.status.achieved,
            s.status.on_track,
            s.status.behind,
            s.status.worsened,
            s.status.not_measured,
        ];
        assert!(
            worst_difference(&status) >= 15.0,
            "status ΔE {}",
            worst_difference(&status)
        );
        assert!(worst_difference(&[s.actual, s.target, s.baseline]) >= 15.0);
        assert!(worst_difference(&[s.bar_primary, s.bar_secondary]) >= 15.0);
        // The old status palette failed: behind and worsened merged under deuteranopia.
        assert!(worst_difference(&[Hex(0x7a, 0x53, 0x00), Hex(0xa3, 0x18, 0x1e)]) < 15.0);
    }

    #[test]
    fn hex_parsing() {
        assert_eq!(Hex::parse("#0b4f8a"), Some(Hex(11, 79, 138)));
        assert_eq!(Hex::parse("0b4f8a"), None);
        assert_eq!(Hex::parse("#0b4f8"), None);
        assert!((Hex(0, 0, 0).contrast(WHITE) - 21.0).abs() < 0.01);
    }
}
