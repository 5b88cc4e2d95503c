//! A plotters drawing backend that writes compact SVG straight into a caller's string.
//!
//! Unlike plotters' own SVG backend, it formats no number with `format!`, writes
//! consecutive strokes of one colour and width as one `<path>`, and gathers consecutive
//! texts of one size, colour and anchor in a `<g>` that carries those attributes, so that
//! each `<text>` has only its position, its `dy` and its content. The font family is
//! written once, on the root, with the chart's title and description. Charts use opaque
//! colours, one font, and upright regular text: anything else is refused with
//! [`Unsupported`] rather than drawn wrongly.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

mod markup;
mod path_data;

use markup::{attr, escape, paint, write_look};
use path_data::{lines_through, move_to, start};

type Rgb = (u8, u8, u8);
type Drawn = Result<(), DrawingErrorKind<Unsupported>>;

/// What a chart asked of the backend that it does not draw.
#[derive(Debug)]
pub struct Unsupported(&'static str);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "the chart SVG backend does not draw {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

fn refuse(what: &'static str) -> Drawn {
    Err(DrawingErrorKind::DrawingError(Unsupported(what)))
}

/// The root of a chart: its size, font and text alternative.
pub struct Frame<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub size: (u32, u32),
    pub font_family: &'a str,
}

impl<'a> Frame<'a> {
    /// The frame of a chart `id` with its title and description, drawn in the style's font.
    pub fn new(
        (id, title, desc): (&'a str, &'a str, &'a str),
        size: (u32, u32),
        style: &'a crate::chart::style::ChartStyle,
    ) -> Frame<'a> {
        Frame {
            id,
            title,
            desc,
            size,
            font_family: &style.font_family,
        }
    }
}

/// The attributes that a `<g>` carries for the texts in it.
#[derive(Clone, Copy, PartialEq)]
struct TextLook {
    size: f64,
    colour: Rgb,
    /// The `text-anchor`, empty for the default `start`.
    anchor: &'static str,
}

/// The element still open at the end of the string, which the next drawing may extend.
enum Open {
    Nothing,
    /// `<path d="…` of strokes in one colour and width, its pen at `at`.
    Strokes {
        colour: Rgb,
        width: u32,
        at: BackendCoord,
    },
    /// Texts of one look, the first at byte `start`; while it is alone, it carries the
    /// look itself, which ends at byte `look_end`.
    Texts {
        look: TextLook,
        start: usize,
        look_end: usize,
        count: usize,
    },
}

/// The backend: drawing calls become SVG elements appended to `out`.
pub struct CompactSvg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    font_family: &'a str,
    open: Open,
    finished: bool,
}

impl<'a> CompactSvg<'a> {
    /// Starts a chart at the end of `out` with its root `<svg>`, `<title>` and `<desc>`;
    /// `present` ends it.
    pub fn new(out: &'a mut String, frame: &Frame<'a>) -> CompactSvg<'a> {
        markup::root(out, frame);
        CompactSvg {
            out,
            size: frame.size,
            font_family: frame.font_family,
            open: Open::Nothing,
            finished: false,
        }
    }

    /// Ends the open path or text group.
    fn close(&mut self) {
        match std::mem::replace(&mut self.open, Open::Nothing) {
            Open::Nothing => {}
            Open::Strokes { colour, width, .. } => {
                self.out.push('"');
                paint(self.out, colour, false, width);
                self.out.push_str("/>");
            }
            Open::Texts { count, .. } => {
                if count > 1 {
                    self.out.push_str("</g>");
                }
            }
        }
    }
}

/// The colour to draw in; None for a transparent one, which draws nothing.
fn opaque(colour: BackendColor) -> Result<Option<Rgb>, DrawingErrorKind<Unsupported>> {
    if colour.alpha == 0.0 {
        Ok(None)
    } else if colour.alpha < 1.0 {
        Err(DrawingErrorKind::DrawingError(Unsupported(
            "translucent colours",
        )))
    } else {
        Ok(Some(colour.rgb))
    }
}

impl DrawingBackend for CompactSvg<'_> {
    type ErrorType = Unsupported;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        if self.finished {
            return refuse("after the chart is finished");
        }
        Ok(())
    }

    /// Closes what is open and the root `<svg>`.
    fn present(&mut self) -> Drawn {
        if !self.finished {
            self.close();
            self.out.push_str("</svg>");
            self.finished = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, colour: BackendColor) -> Drawn {
        self.draw_rect(point, (point.0 + 1, point.1 + 1), &colour, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let Some(colour) = opaque(style.color())? else {
            return Ok(());
        };
        self.close();
        let out = &mut *self.out;
        out.push_str("<rect");
        if upper_left.0 != 0 {
            attr(out, " x=\"", upper_left.0);
        }
        if upper_left.1 != 0 {
            attr(out, " y=\"", upper_left.1);
        }
        attr(
            out,
            " width=\"",
            i64::from(bottom_right.0) - i64::from(upper_left.0),
        );
        attr(
            out,
            " height=\"",
            i64::from(bottom_right.1) - i64::from(upper_left.1),
        );
        paint(out, colour, fill, style.stroke_width());
        out.push_str("/>");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let Some(colour) = opaque(style.color())? else {
            return Ok(());
        };
        let width = style.stroke_width();
        let mut points = path.into_iter();
        let Some(first) = points.next().filter(|_| width > 0) else {
            return Ok(());
        };
        match self.open {
            Open::Strokes {
                colour: c,
                width: w,
                at,
            } if c == colour && w == width => move_to(self.out, at, first),
            _ => {
                self.close();
                self.out.push_str("<path d=\"");
                start(self.out, first);
            }
        }
        let at = lines_through(self.out, first, points);
        self.open = Open::Strokes { colour, width, at };
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let Some(colour) = opaque(style.color())? else {
            return Ok(());
        };
        self.close();
        let out = &mut *self.out;
        attr(out, "<circle cx=\"", center.0);
        attr(out, " cy=\"", center.1);
        attr(out, " r=\"", radius);
        paint(out, colour, fill, style.stroke_width());
        out.push_str("/>");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Drawn {
        let Some(colour) = opaque(style.color())? else {
            return Ok(());
        };
        let mut points = vertices.into_iter();
        let Some(first) = points.next() else {
            return Ok(());
        };
        self.close();
        let out = &mut *self.out;
        out.push_str("<path d=\"");
        start(out, first);
        lines_through(out, first, points);
        out.push_str("Z\"");
        paint(out, colour, true, 0);
        out.push_str("/>");
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Drawn {
        let Some(colour) = opaque(style.color())? else {
            return Ok(());
        };
        if style.family().as_str() != self.font_family {
            return refuse("a second font family");
        }
        if !matches!(style.style(), FontStyle::Normal) {
            return refuse("bold or slanted text");
        }
        if !matches!(style.transform(), FontTransform::None) {
            return refuse("rotated text");
        }
        let anchor = style.anchor();
        let look = TextLook {
            size: style.size(),
            colour,
            anchor: match anchor.h_pos {
                HPos::Left => "",
                HPos::Center => "middle",
                HPos::Right => "end",
            },
        };
        match &mut self.open {
            Open::Texts {
                look: open,
                start,
                look_end,
                count,
            } if *open == look => {
                if *count == 1 {
                    // The first text hands its look to a group: `<text LOOK x…` becomes
                    // `<g LOOK><text x…`.
                    self.out.replace_range(*start..*start + "<text".len(), "<g");
                    let shift = "<text".len() - "<g".len();
                    self.out.insert_str(*look_end - shift, "><text");
                }
                *count += 1;
                self.out.push_str("<text");
            }
            _ => {
                self.close();
                let start = self.out.len();
                self.out.push_str("<text");
                write_look(self.out, look);
                self.open = Open::Texts {
                    look,
                    start,
                    look_end: self.out.len(),
                    count: 1,
                };
            }
        }
        let out = &mut *self.out;
        attr(out, " x=\"", x);
        attr(out, " y=\"", y);
        out.push_str(match anchor.v_pos {
            VPos::Top => " dy=\"0.76em\">",
            VPos::Center => " dy=\"0.5ex\">",
            VPos::Bottom => " dy=\"-0.5ex\">",
        });
        escape(out, text, false);
        out.push_str("</text>");
        Ok(())
    }

    /// Widths as sosei lays text out (full-width characters 1 em, others 0.6 em), not
    /// plotters' estimate of 0.7 em a byte.
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Unsupported>> {
        let size = style.size();
        Ok((
            super::text_width(text, size).ceil() as u32,
            size.ceil() as u32,
        ))
    }
}

#[cfg(test)]
mod tests;
