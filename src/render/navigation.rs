//! The navigation around every page (site menu, year switch, breadcrumbs, previous and
//! next), written by sosei into the slots `base.html` places: they are on every page, and
//! a template loop per link would cost more than the rest of a small page.

use super::html::Html;
use super::parts::{LinkView, Navigation};
use crate::vocabulary::Vocabulary;

fn link(html: &mut Html, l: &LinkView) {
    html.raw("<a href=\"")
        .text(&l.href)
        .raw("\">")
        .text(&l.title)
        .raw("</a>");
}

/// Writes the links of `nav`.
pub fn write(nav: &Navigation, words: &Vocabulary, html: &mut Html) {
    match nav {
        Navigation::Menu(links) => {
            html.raw("<ul>\n  ");
            for l in links {
                html.raw("<li>");
                link(html, l);
                html.raw("</li>\n  ");
            }
            html.raw("</ul>");
        }
        Navigation::YearSwitch(years) if years.len() > 1 => {
            html.raw("<nav class=\"year-switch\" aria-label=\"")
                .text(words.get("nav.year_switch"))
                .raw("\">\n  <p>")
                .text(words.get("nav.year_switch_lead"))
                .raw("</p>\n  <ul>\n  ");
            for y in years {
                html.raw("<li><a href=\"").text(&y.href);
                html.raw(if y.current {
                    "\" aria-current=\"page\">"
                } else {
                    "\">"
                });
                html.text(&y.label).raw("</a></li>\n  ");
            }
            html.raw("</ul>\n</nav>");
        }
        Navigation::YearSwitch(_) => {}
        Navigation::Breadcrumbs { crumbs, title } if !crumbs.is_empty() => {
            html.raw("<nav class=\"breadcrumbs\" aria-label=\"")
                .text(words.get("nav.breadcrumbs"))
                .raw("\">\n  <ol>\n  ");
            for c in crumbs {
                html.raw("<li>");
                link(html, c);
                html.raw("</li>\n  ");
            }
            html.raw("<li aria-current=\"page\">")
                .text(title)
                .raw("</li>\n  </ol>\n</nav>");
        }
        Navigation::Breadcrumbs { .. } => {}
        Navigation::Pager { previous, next } if previous.is_some() || next.is_some() => {
            html.raw("<nav class=\"pager\" aria-label=\"")
                .text(words.get("nav.pager"))
                .raw("\">\n<ul>\n");
            if let Some(p) = previous {
                html.raw("<li class=\"pager-prev\"><a href=\"")
                    .text(&p.href)
                    .raw("\" rel=\"prev\">")
                    .text(words.get("nav.previous"))
                    .text(&p.title)
                    .raw("</a></li>");
            }
            html.raw("\n");
            if let Some(n) = next {
                html.raw("<li class=\"pager-next\"><a href=\"")
                    .text(&n.href)
                    .raw("\" rel=\"next\">")
                    .text(words.get("nav.next"))
                    .text(&n.title)
                    .raw("</a></li>");
            }
            html.raw("\n</ul>\n</nav>");
        }
        Navigation::Pager { .. } => {}
    }
}
