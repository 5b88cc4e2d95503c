//! A level dashed line, laid out as plotters' `DashedPathElement` lays it out but in
//! integer arithmetic: plotters steps along a line with `hypot` and float rounding for
//! every dash, which took a fifth of the time of a trend chart. plotters still draws it:
//! this is a plotters element, and each dash goes to the backend as a line.

use plotters::element::{Drawable, PointCollection};
use plotters::style::ShapeStyle;
use plotters_backend::{BackendCoord, DrawingBackend, DrawingErrorKind};

/// Dashes of `dash` pixels with `gap` pixels between them, along a level line from
/// `from` to `to` (the last dash cut short at `to`).
pub struct Dashes {
    from: BackendCoord,
    to: BackendCoord,
    dash: i32,
    gap: i32,
    style: ShapeStyle,
}

impl Dashes {
    /// Dashes from `x0` to `x1` at height `y`, `(dash, gap)` pixels long.
    pub fn new(x0: i32, x1: i32, y: i32, (dash, gap): (i32, i32), style: ShapeStyle) -> Dashes {
        Dashes {
            from: (x0, y),
            to: (x1, y),
            dash,
            gap,
            style,
        }
    }
}

impl<'a> PointCollection<'a, BackendCoord> for &'a Dashes {
    type Point = &'a BackendCoord;
    type IntoIter = [&'a BackendCoord; 2];

    fn point_iter(self) -> Self::IntoIter {
        [&self.from, &self.to]
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Dashes {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let (Some((x0, y)), Some((x1, _))) = (points.next(), points.next()) else {
            return Ok(());
        };
        if self.dash <= 0 {
            return Ok(());
        }
        let (x0, x1) = (i64::from(x0), i64::from(x1));
        let direction = (x1 - x0).signum();
        let period = i64::from(self.dash) + i64::from(self.gap.max(0));
        let mut start = x0;
        // Up to the end, a dash from every period's start.
        while (x1 - start) * direction > 0 {
            let end = start + direction * i64::from(self.dash).min((x1 - start) * direction);
            let at = |x: i64| (x as i32, y);
            backend.draw_line(at(start), at(end), &self.style)?;
            start += direction * period;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::svg::{CompactSvg, Frame};
    use plotters::element::DashedPathElement;
    use plotters::prelude::*;

    /// What an element draws, through the chart backend.
    fn drawn<E>(element: &E) -> String
    where
        for<'a> &'a E: PointCollection<'a, BackendCoord>,
        for<'b> E: Drawable<CompactSvg<'b>>,
    {
        let mut out = String::new();
        let frame = Frame {
            id: "d",
            title: "t",
            desc: "d",
            size: (800, 100),
            font_family: "sans-serif",
        };
        {
            let root = CompactSvg::new(&mut out, &frame).into_drawing_area();
            root.draw(element).unwrap();
            root.present().unwrap();
        }
        out
    }

    #[test]
    fn the_same_dashes_as_plotters() {
        let style = RED.stroke_width(2);
        for x0 in [0, 3, 32, 45] {
            for length in (0..200).chain([575, 576, 600, 607]) {
                for x1 in [x0 + length, x0 - length] {
                    let ours = Dashes::new(x0, x1, 50, (8, 5), style);
                    let theirs = DashedPathElement::new([(x0, 50), (x1, 50)], 8, 5, style);
                    assert_eq!(drawn(&ours), drawn(&theirs), "from {x0} to {x1}");
                }
            }
        }
    }
}
