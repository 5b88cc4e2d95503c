//! The frame around every page: its title and description, the menu, the year switch,
//! breadcrumbs, previous and next, and its addresses.

use super::context::ViewCtx;
use super::parts::{LinkView, Navigation, Part, YearLinkView};
use super::site::{year_prefix, PageKind, PageSpec, YearPages};
use super::slots::Slot;
use serde::Serialize;

/// The common frame of every page.
#[derive(Clone, Debug, Serialize)]
pub struct FrameView {
    pub title: String,
    /// The `<title>`: `戦略1 若者定着｜令和3年度評価｜第2期…総合戦略｜長岡市`.
    pub page_title: String,
    /// The site's name for sharing: `第2期…総合戦略（長岡市）`.
    pub site_name: String,
    /// The kind of page, for a class on `<body>`: `goal`.
    pub kind: &'static str,
    pub description: String,
    pub plan_title: String,
    pub city: String,
    pub year_label: String,
    /// `長岡市・令和3年度評価`.
    pub header_city: String,
    /// `長岡市『…』令和3年度評価`.
    pub footer: String,
    pub site_root: String,
    pub year_root: String,
    /// The site menu.
    pub nav: Slot,
    /// Links to the same page in every year's report.
    pub years: Slot,
    pub breadcrumbs: Slot,
    /// `この報告のデータは CC BY 4.0 で利用できます。`, when the content gives a licence.
    pub licence: Option<String>,
    pub licence_name: Option<String>,
    /// The date of issue, printed on the cover of the full report.
    pub issued: Option<String>,
    /// The running header of printed pages, escaped for a CSS string.
    pub print_header: String,
    /// Links to the pages before and after this one in reading order.
    pub pager: Slot,
    /// The page's absolute address, when the config gives `base_url`.
    pub url: Option<String>,
    /// The page's lasting address, when it is not where the page is (the root's home
    /// page stands for the latest year's).
    pub canonical: Option<String>,
}

/// The frame of a page of `this_year`'s report (or of the root's pages, made from the
/// latest year's report: `at_root`).
pub fn frame(ctx: &ViewCtx, spec: &PageSpec, this_year: &YearPages, at_root: bool) -> FrameView {
    let report = ctx.report;
    let words = ctx.words();
    let year_label = ctx.label(ctx.year());
    let prefix = if at_root {
        ""
    } else {
        this_year.prefix.as_str()
    };
    // The menu: the pages of the year's table that have an entry, in its order.
    let nav = this_year
        .menu()
        .map(|(s, title)| LinkView {
            title: title.to_owned(),
            href: ctx.href(&s.path),
        })
        .collect();
    // The same page in another year's report, or that report's home if it has no such page.
    let years = report
        .years
        .iter()
        .rev()
        .map(|other| {
            let page = if spec.kind != PageKind::NotFound && spec.kind.exists_in(report, other.year)
            {
                spec.path.as_str()
            } else {
                "index.html"
            };
            YearLinkView {
                label: ctx.label(other.year),
                href: format!("{}{}{page}", ctx.site_root, year_prefix(other.year)),
                current: other.year == ctx.year() && !at_root,
            }
        })
        .collect();
    let neighbour = |step: isize| {
        if at_root {
            return None;
        }
        this_year.neighbour(&spec.path, step).map(|s| LinkView {
            title: s.title.clone(),
            href: ctx.href(&s.path),
        })
    };
    let (previous, next) = (neighbour(-1), neighbour(1));
    let base = report.config.base_url.as_deref();
    let url = base.map(|base| format!("{base}{prefix}{}", spec.path));
    let canonical = (at_root && spec.kind == PageKind::Home)
        .then(|| format!("{}{}{}", base.unwrap_or(""), this_year.prefix, spec.path));
    let plan = &report.plan.title;
    let city = &report.config.city;
    let fill = |key: &str| {
        words.fill(
            key,
            &[
                ("title", &spec.title),
                ("year", &year_label),
                ("plan", plan),
                ("city", city),
            ],
        )
    };
    FrameView {
        page_title: fill("site.page_title"),
        site_name: fill("site.name"),
        kind: spec.kind.class(),
        title: spec.title.clone(),
        description: fill("site.description"),
        header_city: fill("site.header_city"),
        footer: fill("site.footer"),
        plan_title: plan.clone(),
        city: city.clone(),
        year_label: year_label.clone(),
        site_root: ctx.site_root.clone(),
        year_root: ctx.year_root.clone(),
        nav: ctx.slot(Part::Navigation(Navigation::Menu(nav))),
        years: ctx.slot(Part::Navigation(Navigation::YearSwitch(years))),
        breadcrumbs: ctx.slot(Part::Navigation(Navigation::Breadcrumbs {
            crumbs: spec
                .crumbs
                .iter()
                .map(|(t, h)| LinkView {
                    title: t.clone(),
                    href: ctx.href(h),
                })
                .collect(),
            title: spec.title.clone(),
        })),
        licence: report
            .config
            .licence
            .as_ref()
            .map(|l| words.fill("site.licence", &[("licence", l)])),
        licence_name: report.config.licence.clone(),
        issued: None,
        pager: ctx.slot(Part::Navigation(Navigation::Pager { previous, next })),
        url,
        canonical,
        print_header: css_string(&fill("site.print_header")),
    }
}

/// Escapes text for a double-quoted CSS string inside a `<style>` element: every ASCII
/// character but letters, digits and the space, and every control or line-separator
/// character, becomes a six-digit CSS escape (`\\00003C`), so that nothing in the text can
/// end the string, the rule or the element.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let literal = c.is_ascii_alphanumeric()
            || c == ' '
            || (!c.is_ascii() && !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}'));
        if literal {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:06X}", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn css_strings_cannot_be_left() {
        assert_eq!(
            css_string("第2期 総合戦略　令和3年度"),
            "第2期 総合戦略　令和3年度"
        );
        assert_eq!(
            css_string("a\"}\\\u{c}<\t\u{85}\u{2028}"),
            "a\\000022\\00007D\\00005C\\00000C\\00003C\\000009\\000085\\002028"
        );
        // Only letters, digits, spaces, other scripts and escapes remain.
        let escaped =
            css_string("\"; } body { background: url(http://evil.example/) } x { content: \"");
        assert!(
            !escaped.contains(['"', '{', '}', '(', ';', ':']),
            "{escaped}"
        );
    }
}
