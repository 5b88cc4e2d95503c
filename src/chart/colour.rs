//! Colours: `#rrggbb`, WCAG contrast, and how far apart two colours look to readers with
//! and without colour-vision deficiencies (for charts, and for the rating's levels that
//! `sosei check` examines).

use plotters::style::RGBColor;
use serde::Deserialize;

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
        Hex::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(m!("chart.not-a-colour", text = text)))
    }
}

pub const WHITE: Hex = Hex(255, 255, 255);

/// The smallest CIE76 ΔE two levels' colours may differ by, under every kind of vision.
pub const MIN_DIFFERENCE: f64 = 15.0;

/// Machado et al. (2009) simulation matrices, severity 1, on linear RGB: protanopia,
/// deuteranopia, tritanopia.
const CVD: [(&str, [[f64; 3]; 3]); 3] = [
    (
        "protanopia",
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
    ),
    (
        "deuteranopia",
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
    ),
    (
        "tritanopia",
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ),
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

/// How `c` looks under each kind of vision: (name, L*a*b*).
fn seen(c: Hex) -> impl Iterator<Item = (&'static str, [f64; 3])> {
    let rgb = [linear(c.0), linear(c.1), linear(c.2)];
    std::iter::once(("normal vision", lab(rgb))).chain(CVD.iter().map(move |(name, m)| {
        (
            *name,
            lab([0, 1, 2].map(|i| (0..3).map(|j| m[i][j] * rgb[j]).sum())),
        )
    }))
}

/// The kind of vision under which `a` and `b` are closer than `MIN_DIFFERENCE`, and by
/// how much they differ there.
pub fn too_close(a: Hex, b: Hex) -> Option<(&'static str, f64)> {
    differences(a, b)
        .filter(|(_, d)| *d < MIN_DIFFERENCE)
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// ΔE between `a` and `b` under each kind of vision.
fn differences(a: Hex, b: Hex) -> impl Iterator<Item = (&'static str, f64)> {
    seen(a).zip(seen(b)).map(|((name, x), (_, y))| {
        let d = ((x[0] - y[0]).powi(2) + (x[1] - y[1]).powi(2) + (x[2] - y[2]).powi(2)).sqrt();
        (name, d)
    })
}

/// The smallest ΔE between any two of `colours`, under any kind of vision.
#[cfg(test)]
pub fn worst_difference(colours: &[Hex]) -> f64 {
    let mut worst = f64::MAX;
    for (i, a) in colours.iter().enumerate() {
        for b in &colours[i + 1..] {
            worst = differences(*a, *b).fold(worst, |w, (_, d)| w.min(d));
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_vision_deficiencies_are_told() {
        // The old status palette failed: behind and worsened merged under deuteranopia.
        let (vision, d) = too_close(Hex(0x7a, 0x53, 0x00), Hex(0xa3, 0x18, 0x1e)).unwrap();
        assert!(d < MIN_DIFFERENCE);
        assert_ne!(vision, "normal vision");
        assert_eq!(
            too_close(Hex(0x23, 0x7a, 0x45), Hex(0x00, 0x48, 0xa4)),
            None
        );
        let palette = [
            Hex(0x23, 0x7a, 0x45),
            Hex(0x00, 0x48, 0xa4),
            Hex(0x91, 0x67, 0x06),
            Hex(0x78, 0x31, 0x12),
            Hex(0x59, 0x59, 0x59),
        ];
        assert!(
            worst_difference(&palette) >= MIN_DIFFERENCE,
            "{}",
            worst_difference(&palette)
        );
    }
}
