//! The small pieces of SVG markup: integers, sizes, colours, and escaped text.

use super::{Frame, Rgb, TextLook};

/// The root `<svg>`, scaling to its container, with the chart's font, `<title>` and `<desc>`.
pub(super) fn root(out: &mut String, frame: &Frame) {
    let Frame {
        id, title, desc, ..
    } = *frame;
    out.push_str("<svg class=\"chart\" viewBox=\"0 0 ");
    int(out, frame.size.0);
    out.push(' ');
    int(out, frame.size.1);
    out.push_str("\" width=\"100%\" role=\"img\" aria-labelledby=\"");
    escape(out, id, true);
    out.push_str("-title\" aria-describedby=\"");
    escape(out, id, true);
    out.push_str("-desc\" font-family=\"");
    escape(out, frame.font_family, true);
    out.push_str("\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"");
    escape(out, id, true);
    out.push_str("-title\">");
    escape(out, title, true);
    out.push_str("</title><desc id=\"");
    escape(out, id, true);
    out.push_str("-desc\">");
    escape(out, desc, true);
    out.push_str("</desc>");
}

/// ` fill="#…"`, or for an outline ` fill="none" stroke="#…"` and its width unless 1.
pub(super) fn paint(out: &mut String, colour: Rgb, fill: bool, width: u32) {
    if fill {
        out.push_str(" fill=\"");
        hex(out, colour);
        out.push('"');
    } else {
        out.push_str(" fill=\"none\" stroke=\"");
        hex(out, colour);
        out.push('"');
        if width != 1 {
            attr(out, " stroke-width=\"", width);
        }
    }
}

/// An integer in decimal; a single digit (common in path data) without formatting.
#[inline]
pub(super) fn int(out: &mut String, n: impl itoa::Integer + TryInto<u8>) {
    match n.try_into() {
        Ok(digit) if digit < 10 => out.push(char::from(b'0' + digit)),
        _ => out.push_str(itoa::Buffer::new().format(n)),
    }
}

/// ` name="n"`, with `name` given as ` name="`.
#[inline]
pub(super) fn attr(out: &mut String, name: &str, n: impl itoa::Integer + TryInto<u8>) {
    out.push_str(name);
    int(out, n);
    out.push('"');
}

/// A size: whole numbers without a decimal point, others as short as they round-trip.
fn number(out: &mut String, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        int(out, v as i64);
    } else {
        use std::fmt::Write;
        let _ = write!(out, "{v}");
    }
}

/// `#RRGGBB`, as plotters writes colours.
fn hex(out: &mut String, (r, g, b): Rgb) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.push('#');
    for byte in [r, g, b] {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
}

/// Escapes `&`, `<` and `>`, and in attributes also both quotes (as `markdown::escape`).
pub(super) fn escape(out: &mut String, text: &str, attribute: bool) {
    let special =
        |b: u8| matches!(b, b'&' | b'<' | b'>') || (attribute && matches!(b, b'"' | b'\''));
    let mut rest = text;
    while let Some(i) = rest.bytes().position(special) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// The attributes of a look: `text-anchor` (unless the default `start`), size and colour.
pub(super) fn write_look(out: &mut String, look: TextLook) {
    if !look.anchor.is_empty() {
        out.push_str(" text-anchor=\"");
        out.push_str(look.anchor);
        out.push('"');
    }
    out.push_str(" font-size=\"");
    number(out, look.size);
    out.push_str("\" fill=\"");
    hex(out, look.colour);
    out.push('"');
}
