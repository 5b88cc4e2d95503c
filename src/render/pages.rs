//! Views of the report's own pages: home, evaluation, strategies, notes and the common frame.

use super::context::ViewCtx;
use super::indicators::{has_verification, IndicatorTable, StatusView, VerificationTable};
use super::parts::Part;
use super::slots::Slot;
use crate::evaluate::Status;
use crate::fiscal_year::FiscalYear;
use crate::format;
use crate::model::*;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct PurposeView {
    pub title: String,
    pub items: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanView {
    pub title: String,
    pub overview: String,
    pub perspective_name: String,
    pub basic_idea: String,
    pub purposes: Vec<PurposeView>,
    pub strategy_count: usize,
}

pub fn plan_view(ctx: &ViewCtx, level: u8) -> PlanView {
    let plan = &ctx.report.plan;
    PlanView {
        title: plan.title.clone(),
        overview: ctx.markdown(&plan.overview, level, None),
        perspective_name: plan.perspective.name.clone(),
        basic_idea: ctx.markdown(&plan.perspective.basic_idea, level, None),
        purposes: plan
            .perspective
            .purposes
            .iter()
            .map(|p| PurposeView {
                title: p.title.clone(),
                items: p.items.clone(),
            })
            .collect(),
        strategy_count: ctx.report.strategies.len(),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SummaryRowView {
    pub strategy: String,
    pub name: String,
    pub href: String,
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct SummaryView {
    pub caption: String,
    pub chart: Slot,
    pub statuses: Vec<StatusView>,
    pub rows: Vec<SummaryRowView>,
    pub totals: Vec<usize>,
    pub total: usize,
}

pub fn summary_view(ctx: &ViewCtx) -> SummaryView {
    let eval = ctx.eval;
    SummaryView {
        caption: format!("戦略ごとの数値目標の評価（{}）", ctx.year().label()),
        chart: ctx.slot(Part::StatusChart),
        statuses: Status::ALL.iter().map(|s| (*s).into()).collect(),
        rows: ctx
            .report
            .strategies
            .iter()
            .map(|s| {
                let counts = eval.by_strategy.get(&s.number).cloned().unwrap_or_default();
                SummaryRowView {
                    strategy: format!("戦略{}", s.number),
                    name: s.name.clone(),
                    href: ctx.href(&format!("strategies/{}.html", s.number)),
                    counts: Status::ALL.iter().map(|st| counts.get(*st)).collect(),
                    total: counts.total(),
                }
            })
            .collect(),
        totals: Status::ALL.iter().map(|st| eval.overall.get(*st)).collect(),
        total: eval.overall.total(),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct StrategyView {
    pub number: u32,
    pub heading: String,
    pub name: String,
    pub aim: String,
    pub href: String,
    pub anchor: String,
    pub table: Option<Slot>,
    pub verification: Option<Slot>,
    pub charts: Vec<super::charts::IndicatorChartsView>,
}

pub fn strategy_view(ctx: &ViewCtx, s: &Strategy, with_tables: bool, level: u8) -> StrategyView {
    let years = &ctx.eval.years;
    StrategyView {
        number: s.number,
        heading: format!("戦略{} {}", s.number, s.name),
        name: s.name.clone(),
        aim: s.aim.trim().to_string(),
        href: ctx.href(&format!("strategies/{}.html", s.number)),
        anchor: format!("strategy-{}", s.number),
        table: with_tables.then(|| {
            ctx.slot(Part::IndicatorTable(IndicatorTable {
                caption: format!("戦略{} {} の数値目標", s.number, s.name),
                years: years.clone(),
                strategy: Some(s.number),
                show_strategy: false,
            }))
        }),
        // Filled by the page that shows them.
        charts: Vec::new(),
        verification: (with_tables && has_verification(ctx, Some(s.number))).then(|| {
            ctx.slot(Part::VerificationTable(VerificationTable {
                caption: format!("戦略{} 数値目標の検証（{}）", s.number, ctx.year().label()),
                strategy: Some(s.number),
                level,
            }))
        }),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct YearEvaluationView {
    pub heading: String,
    pub commentary: Option<String>,
    pub table: Slot,
}

/// 数値目標の評価 for each evaluation year up to the report year, oldest first.
pub fn year_evaluations(ctx: &ViewCtx, level: u8) -> Vec<YearEvaluationView> {
    let short = &ctx.report.plan.short_title;
    ctx.eval
        .years
        .iter()
        .map(|y| {
            let result = ctx.report.years.iter().find(|r| r.year == *y);
            let heading = format!("{short} 数値目標の評価（{}）", y.label());
            YearEvaluationView {
                commentary: result
                    .and_then(|r| r.commentary.as_ref())
                    .map(|c| ctx.markdown(c, level, None)),
                table: ctx.slot(Part::IndicatorTable(IndicatorTable {
                    caption: heading.clone(),
                    years: vec![*y],
                    strategy: None,
                    show_strategy: true,
                })),
                heading,
            }
        })
        .collect()
}

/// 数値目標の検証 of the report year, for all strategies.
#[derive(Clone, Debug, Serialize)]
pub struct VerificationView {
    pub caption: String,
    pub table: Slot,
}

pub fn verification_view(ctx: &ViewCtx, level: u8) -> Option<VerificationView> {
    if !has_verification(ctx, None) {
        return None;
    }
    let caption = format!(
        "{} 数値目標の検証（{}）",
        ctx.report.plan.short_title,
        ctx.year().label()
    );
    Some(VerificationView {
        table: ctx.slot(Part::VerificationTable(VerificationTable {
            caption: caption.clone(),
            strategy: None,
            level,
        })),
        caption,
    })
}

#[derive(Clone, Debug, Serialize)]
pub struct NotesView {
    pub rule: Vec<String>,
    pub variants: Vec<String>,
}

/// The notes printed in every report: the status rule in force and the name variants.
pub fn notes_view(ctx: &ViewCtx) -> NotesView {
    let report = ctx.report;
    let period = report.plan.period;
    let pace = report.config.on_track_pace;
    let mut rule = vec![
        "進捗率 ＝（実績値 − 当初値）÷（目標値 − 当初値）。目標値が当初値より低い指標（低いほど良い指標）にも同じ式を用います。".to_string(),
        format!("{} {}：実績値が目標値に達している。", Status::Achieved.symbol(), Status::Achieved.label()),
        format!(
            "{} {}：進捗率が、計画期間（{}、{}年）のうち経過した年数の割合に {} を乗じた値以上。",
            Status::OnTrack.symbol(),
            Status::OnTrack.label(),
            period.label(),
            period.len(),
            format::plain_number(crate::quantity::Quantity::new((pace * 100.0).round() as i64, 2))
        ),
        format!("{} {}：進捗率が0以上で、順調の基準に満たない。", Status::Behind.symbol(), Status::Behind.label()),
        format!("{} {}：進捗率が0未満（当初値より目標から遠ざかっている）。", Status::Worsened.symbol(), Status::Worsened.label()),
        format!("{} {}：その年度の実績値がない。", Status::NotMeasured.symbol(), Status::NotMeasured.label()),
    ];
    for (year, expected) in &ctx.eval.expected {
        rule.push(format!(
            "{}の順調の基準：進捗率{}以上。",
            year.label(),
            format::percent(*expected)
        ));
    }
    rule.push(
        "複数の系列をもつ数値目標（小学校・中学校など）は、系列ごとに評価し、数えます。"
            .to_string(),
    );
    let variants = report
        .indicators
        .iter()
        .flat_map(|i| {
            i.variants.iter().filter(|v| v.year.is_none_or(|y| y <= ctx.year())).map(move |v| {
                let note = v.note.as_deref().map(|n| format!("（{}）", n.trim())).unwrap_or_default();
                format!("「{}」は「{}」と表記されている箇所があります{note}。本報告では前者に統一しています。", i.name, v.text)
            })
        })
        .collect();
    NotesView { rule, variants }
}

#[derive(Clone, Debug, Serialize)]
pub struct YearLinkView {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// The common frame of every page.
#[derive(Clone, Debug, Serialize)]
pub struct FrameView {
    pub title: String,
    /// The `<title>`: `戦略1 若者定着｜令和3年度評価｜第2期…総合戦略｜長岡市`.
    pub page_title: String,
    /// The site's name for sharing: `第2期…総合戦略（長岡市）`.
    pub site_name: String,
    /// The kind of page, for a class on `<body>`: `strategy`.
    pub kind: &'static str,
    pub description: String,
    pub plan_title: String,
    pub city: String,
    pub year_label: String,
    pub site_root: String,
    pub year_root: String,
    /// The site menu.
    pub nav: Slot,
    /// Links to the same page in every year's report.
    pub years: Slot,
    pub breadcrumbs: Slot,
    pub licence: Option<String>,
    /// The date of issue, printed on the cover of the full report.
    pub issued: Option<String>,
    /// The running header of printed pages, escaped for a CSS string.
    pub print_header: String,
    /// Links to the pages before and after this one in reading order.
    pub pager: Slot,
    /// The page's absolute address, when the config gives `base_url`.
    pub url: Option<String>,
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

/// The address of a year's report, relative to the site root.
pub fn year_prefix(report: &Report, year: FiscalYear) -> String {
    let latest = report.years.last().map(|y| y.year);
    if Some(year) == latest {
        String::new()
    } else {
        format!("{}/", year.slug())
    }
}

/// One downloadable table, for the open data page.
#[derive(Clone, Debug, Serialize)]
pub struct DataFileView {
    pub title: String,
    pub csv: String,
    pub json: String,
    pub rows: usize,
    pub columns: Vec<crate::opendata::Column>,
    pub units: String,
}

pub fn data_files(
    ctx: &ViewCtx,
    tables: &[(crate::opendata::Table, crate::opendata::Written)],
) -> Vec<DataFileView> {
    tables
        .iter()
        .map(|(t, written)| DataFileView {
            title: t.title.clone(),
            csv: ctx.href(&format!("data/{}.csv", t.slug)),
            json: ctx.href(&format!("data/{}.json", t.slug)),
            rows: written.rows,
            columns: t.columns.clone(),
            units: written
                .units
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("、"),
        })
        .collect()
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
