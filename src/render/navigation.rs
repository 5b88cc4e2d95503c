//! The navigation around every page (site menu, year switch, breadcrumbs, previous and
//! next), written by sosei into the slots `base.html` places: they are on every page, and
//! a template loop per link would cost more than the rest of a small page.

use super::grants::LinkView;
use super::html::Html;
use super::pages::YearLinkView;

/// The links of a page's navigation.
pub enum Navigation {
    /// The site menu: its `<ul>`.
    Menu(Vec<LinkView>),
    /// The same page in each year's report; nothing when there is one year.
    YearSwitch(Vec<YearLinkView>),
    /// The way from the home page to this one (`title`); nothing on the home page.
    Breadcrumbs {
        crumbs: Vec<LinkView>,
        title: String,
    },
    /// The pages before and after this one in reading order.
    Pager {
        previous: Option<LinkView>,
        next: Option<LinkView>,
    },
}

fn link(html: &mut Html, l: &LinkView) {
    html.raw("<a href=\"")
        .text(&l.href)
        .raw("\">")
        .text(&l.title)
        .raw("</a>");
}

impl Navigation {
    pub fn write(&self, html: &mut Html) {
        match self {
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
                html.raw("<nav class=\"year-switch\" aria-label=\"評価年度の切り替え\">\n  <p>評価年度：</p>\n  <ul>\n  ");
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
                html.raw("<nav class=\"breadcrumbs\" aria-label=\"現在位置\">\n  <ol>\n  ");
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
                html.raw("<nav class=\"pager\" aria-label=\"前後のページ\">\n<ul>\n");
                if let Some(p) = previous {
                    html.raw("<li class=\"pager-prev\"><a href=\"")
                        .text(&p.href)
                        .raw("\" rel=\"prev\">前のページ：")
                        .text(&p.title)
                        .raw("</a></li>");
                }
                html.raw("\n");
                if let Some(n) = next {
                    html.raw("<li class=\"pager-next\"><a href=\"")
                        .text(&n.href)
                        .raw("\" rel=\"next\">次のページ：")
                        .text(&n.title)
                        .raw("</a></li>");
                }
                html.raw("\n</ul>\n</nav>");
            }
            Navigation::Pager { .. } => {}
        }
    }
}
