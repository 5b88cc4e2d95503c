//! Unit tests of the compact SVG backend: the root, merged strokes, grouped texts, escaping.

use super::{CompactSvg, Drawn, Frame};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontDesc;

const FONT: &str = "Noto Sans CJK JP, sans-serif";

fn frame() -> Frame<'static> {
    Frame {
        id: "c1",
        title: "題<名> & \"引用\"",
        desc: "説明",
        size: (100, 50),
        font_family: FONT,
    }
}

/// What `f` draws, between the chart's `</desc>` and `</svg>`.
fn drawn(f: impl FnOnce(&mut CompactSvg) -> Drawn) -> String {
    let mut out = String::new();
    let mut svg = CompactSvg::new(&mut out, &frame());
    f(&mut svg).expect("drawn");
    svg.present().unwrap();
    let body = out.split_once("</desc>").unwrap().1;
    body.strip_suffix("</svg>").unwrap().to_string()
}

fn font(px: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle {
        font: FontDesc::new(FontFamily::Name(FONT), px, FontStyle::Normal),
        color: colour.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

const GREY: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);

#[test]
fn the_root_carries_the_text_alternative_and_the_font() {
    let mut out = String::from("<p>before</p>");
    let mut svg = CompactSvg::new(&mut out, &frame());
    svg.present().unwrap();
    assert_eq!(
        out,
        "<p>before</p><svg class=\"chart\" viewBox=\"0 0 100 50\" width=\"100%\" role=\"img\" \
         aria-labelledby=\"c1-title\" aria-describedby=\"c1-desc\" \
         font-family=\"Noto Sans CJK JP, sans-serif\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"c1-title\">題&lt;名&gt; &amp; &quot;引用&quot;</title>\
         <desc id=\"c1-desc\">説明</desc></svg>"
    );
}

#[test]
fn consecutive_strokes_of_one_style_share_a_path() {
    // Absolute or relative, whichever is shorter; a tie goes to absolute.
    let body = drawn(|svg| {
        svg.draw_line((32, 275), (607, 275), &GREY.stroke_width(1))?;
        svg.draw_line((32, 215), (607, 215), &GREY.stroke_width(1))?;
        svg.draw_path([(1, 2), (4, 6), (4, 1)], &GREY.stroke_width(1))
    });
    assert_eq!(
        body,
        "<path d=\"M32 275H607M32 215H607M1 2L4 6V1\" fill=\"none\" stroke=\"#D9D9D9\"/>"
    );
}

#[test]
fn dashes_are_written_relative_when_shorter() {
    let body = drawn(|svg| {
        for x in [32, 45, 58] {
            svg.draw_path([(x, 215), (x + 8, 215)], &RED.stroke_width(2))?;
        }
        Ok(())
    });
    assert_eq!(
        body,
        "<path d=\"M32 215h8m5 0h8m5 0h8\" fill=\"none\" stroke=\"#FF0000\" stroke-width=\"2\"/>"
    );
}

#[test]
fn a_change_of_colour_width_or_an_element_between_ends_a_path() {
    let body = drawn(|svg| {
        svg.draw_line((0, 1), (9, 1), &GREY.stroke_width(1))?;
        svg.draw_line((0, 2), (9, 2), &GREY.stroke_width(2))?;
        svg.draw_line((0, 3), (9, 3), &RED.stroke_width(2))?;
        svg.draw_circle((5, 5), 3, &RED.filled(), true)?;
        svg.draw_line((0, 4), (9, 4), &RED.stroke_width(2))
    });
    assert_eq!(
        body,
        "<path d=\"M0 1H9\" fill=\"none\" stroke=\"#D9D9D9\"/>\
         <path d=\"M0 2H9\" fill=\"none\" stroke=\"#D9D9D9\" stroke-width=\"2\"/>\
         <path d=\"M0 3H9\" fill=\"none\" stroke=\"#FF0000\" stroke-width=\"2\"/>\
         <circle cx=\"5\" cy=\"5\" r=\"3\" fill=\"#FF0000\"/>\
         <path d=\"M0 4H9\" fill=\"none\" stroke=\"#FF0000\" stroke-width=\"2\"/>"
    );
}

#[test]
fn shapes_have_no_redundant_attributes() {
    let body = drawn(|svg| {
        svg.draw_rect((0, 0), (100, 50), &WHITE.filled(), true)?;
        svg.draw_rect((3, 4), (13, 24), &BLUE.stroke_width(1), false)?;
        svg.draw_circle((5, 6), 10, &BLUE.stroke_width(2), false)?;
        svg.fill_polygon([(5, 0), (10, 5), (5, 10), (0, 5)], &RED.to_backend_color())
    });
    assert_eq!(
        body,
        "<rect width=\"100\" height=\"50\" fill=\"#FFFFFF\"/>\
         <rect x=\"3\" y=\"4\" width=\"10\" height=\"20\" fill=\"none\" stroke=\"#0000FF\"/>\
         <circle cx=\"5\" cy=\"6\" r=\"10\" fill=\"none\" stroke=\"#0000FF\" stroke-width=\"2\"/>\
         <path d=\"M5 0l5 5L5 10L0 5Z\" fill=\"#FF0000\"/>"
    );
}

#[test]
fn consecutive_texts_of_one_look_share_a_group() {
    let label = font(11.0, GREY, HPos::Right, VPos::Center);
    let body = drawn(|svg| {
        svg.draw_text("100", &label, (26, 275))?;
        svg.draw_text("105", &label, (26, 215))?;
        svg.draw_text("110", &label, (26, 155))
    });
    assert_eq!(
        body,
        "<g text-anchor=\"end\" font-size=\"11\" fill=\"#D9D9D9\">\
         <text x=\"26\" y=\"275\" dy=\"0.5ex\">100</text>\
         <text x=\"26\" y=\"215\" dy=\"0.5ex\">105</text>\
         <text x=\"26\" y=\"155\" dy=\"0.5ex\">110</text></g>"
    );
}

#[test]
fn a_lone_text_carries_its_look_and_start_is_not_written() {
    let body = drawn(|svg| {
        svg.draw_text(
            "▼ 低いほど良い指標",
            &font(13.0, BLACK, HPos::Left, VPos::Top),
            (4, 4),
        )
    });
    assert_eq!(
        body,
        "<text font-size=\"13\" fill=\"#000000\" x=\"4\" y=\"4\" dy=\"0.76em\">▼ 低いほど良い指標</text>"
    );
}

#[test]
fn a_change_of_size_colour_or_anchor_between_texts_starts_a_new_look() {
    let body = drawn(|svg| {
        svg.draw_text("a", &font(11.0, BLACK, HPos::Center, VPos::Top), (1, 1))?;
        svg.draw_text("b", &font(13.0, BLACK, HPos::Center, VPos::Top), (2, 2))?;
        svg.draw_text("c", &font(13.0, RED, HPos::Center, VPos::Top), (3, 3))?;
        svg.draw_text("d", &font(13.0, RED, HPos::Right, VPos::Top), (4, 4))?;
        // Only the vertical position differs: the same look, `dy` is the text's own.
        svg.draw_text("e", &font(13.0, RED, HPos::Right, VPos::Bottom), (5, 5))
    });
    assert_eq!(
        body,
        "<text text-anchor=\"middle\" font-size=\"11\" fill=\"#000000\" x=\"1\" y=\"1\" dy=\"0.76em\">a</text>\
         <text text-anchor=\"middle\" font-size=\"13\" fill=\"#000000\" x=\"2\" y=\"2\" dy=\"0.76em\">b</text>\
         <text text-anchor=\"middle\" font-size=\"13\" fill=\"#FF0000\" x=\"3\" y=\"3\" dy=\"0.76em\">c</text>\
         <g text-anchor=\"end\" font-size=\"13\" fill=\"#FF0000\">\
         <text x=\"4\" y=\"4\" dy=\"0.76em\">d</text><text x=\"5\" y=\"5\" dy=\"-0.5ex\">e</text></g>"
    );
}

#[test]
fn an_element_between_texts_ends_the_group() {
    let label = font(11.0, BLACK, HPos::Left, VPos::Top);
    let body = drawn(|svg| {
        svg.draw_text("a", &label, (1, 1))?;
        svg.draw_text("b", &label, (2, 2))?;
        svg.draw_line((0, 0), (5, 0), &BLACK.stroke_width(1))?;
        svg.draw_text("c", &label, (3, 3))
    });
    assert_eq!(
        body,
        "<g font-size=\"11\" fill=\"#000000\"><text x=\"1\" y=\"1\" dy=\"0.76em\">a</text>\
         <text x=\"2\" y=\"2\" dy=\"0.76em\">b</text></g>\
         <path d=\"M0 0H5\" fill=\"none\" stroke=\"#000000\"/>\
         <text font-size=\"11\" fill=\"#000000\" x=\"3\" y=\"3\" dy=\"0.76em\">c</text>"
    );
}

#[test]
fn text_content_is_escaped() {
    let label = font(11.0, BLACK, HPos::Left, VPos::Top);
    let body = drawn(|svg| {
        svg.draw_text("A&B <C> \"D\" 'E'", &label, (1, 1))?;
        svg.draw_text("&amp;", &label, (1, 20))
    });
    assert!(
        body.contains(">A&amp;B &lt;C&gt; \"D\" 'E'</text>"),
        "{body}"
    );
    assert!(body.contains(">&amp;amp;</text>"), "{body}");
}

#[test]
fn sizes_are_clean_numbers() {
    let body = drawn(|svg| {
        svg.draw_text("a", &font(11.0, BLACK, HPos::Left, VPos::Top), (1, 1))?;
        svg.draw_text("b", &font(10.5, BLACK, HPos::Left, VPos::Top), (1, 1))
    });
    assert!(body.contains("font-size=\"11\""), "{body}");
    assert!(body.contains("font-size=\"10.5\""), "{body}");
}

#[test]
fn what_it_cannot_draw_faithfully_is_refused() {
    let mut out = String::new();
    let mut svg = CompactSvg::new(&mut out, &frame());
    let translucent = RED.mix(0.5).stroke_width(1);
    assert!(svg.draw_line((0, 0), (1, 1), &translucent).is_err());
    let other_font = TextStyle {
        font: FontDesc::new(FontFamily::Serif, 11.0, FontStyle::Normal),
        color: BLACK.to_backend_color(),
        pos: Pos::default(),
    };
    assert!(svg.draw_text("a", &other_font, (0, 0)).is_err());
    let bold = TextStyle {
        font: FontDesc::new(FontFamily::Name(FONT), 11.0, FontStyle::Bold),
        ..other_font
    };
    assert!(svg.draw_text("a", &bold, (0, 0)).is_err());
    // Transparent draws nothing, without an error.
    assert!(svg
        .draw_line((0, 0), (1, 1), &TRANSPARENT.stroke_width(1))
        .is_ok());
    svg.present().unwrap();
    assert!(
        svg.ensure_prepared().is_err(),
        "nothing is drawn after </svg>"
    );
    assert!(out.ends_with("</desc></svg>"), "{out}");
}

#[test]
fn plotters_draws_through_it() {
    let mut out = String::new();
    {
        let root = CompactSvg::new(&mut out, &frame()).into_drawing_area();
        root.fill(&WHITE).unwrap();
        root.draw(&PathElement::new(
            [(0, 10), (100, 10)],
            GREY.stroke_width(1),
        ))
        .unwrap();
        root.draw(&PathElement::new(
            [(0, 20), (100, 20)],
            GREY.stroke_width(1),
        ))
        .unwrap();
        root.present().unwrap();
    }
    assert!(out.ends_with(
        "<rect width=\"100\" height=\"50\" fill=\"#FFFFFF\"/>\
         <path d=\"M0 10H100M0 20H100\" fill=\"none\" stroke=\"#D9D9D9\"/></svg>"
    ));
}
