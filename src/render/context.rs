//! The context every view is built in: the report, its evaluation, and the page's place in the site.

use super::parts::Part;
use super::slots::{Slot, Slots};
use crate::chart::style::ChartStyle;
use crate::evaluate::Evaluation;
use crate::fiscal_year::FiscalYear;
use crate::markdown;
use crate::model::Report;
use crate::vocabulary::Vocabulary;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Photos and attachments to copy, and problems met while rendering Markdown.
#[derive(Debug, Default)]
pub struct Collected {
    pub images: BTreeSet<(PathBuf, String)>,
    /// Problems met in Markdown, at their file and line (errors fail the build).
    pub problems: Vec<crate::diag::Diagnostic>,
    /// Charts drawn, over all pages.
    pub charts: usize,
}

/// What a view builder needs: the data, and relative paths from the current page.
pub struct ViewCtx<'a> {
    pub report: &'a Report,
    pub eval: &'a Evaluation,
    pub content_root: &'a Path,
    /// From the page to the site root (assets, media): `../`.
    pub site_root: String,
    /// From the page to its year's report root.
    pub year_root: String,
    pub collected: &'a Mutex<Collected>,
    pub style: &'a ChartStyle,
    pub facts: &'a Facts,
    /// The parts the page's views have given slots, written when the page is streamed.
    pub slots: Slots<Part>,
}

impl ViewCtx<'_> {
    pub fn year(&self) -> FiscalYear {
        self.eval.year
    }

    /// Every fixed word the report is written with.
    pub fn words(&self) -> &Vocabulary {
        &self.report.vocabulary
    }

    /// A fiscal year as the report prints it: `令和3年度` (FY2019 as the content chooses).
    pub fn label(&self, year: FiscalYear) -> String {
        year.label_in(self.report.config.era_fy2019)
    }

    /// `R3` (or `H31` for FY2019 when the content chooses 平成).
    pub fn short(&self, year: FiscalYear) -> String {
        year.short_in(self.report.config.era_fy2019)
    }

    /// `令和2年度～令和6年度`.
    pub fn period(&self, p: crate::model::Period) -> String {
        self.words().fill(
            "period.range",
            &[("from", &self.label(p.from)), ("to", &self.label(p.to))],
        )
    }

    /// The plan's kinds of indicator, joined: `数値目標`, `数値目標・KPI`.
    pub fn kinds(&self) -> &str {
        &self.facts.all
    }

    /// The kinds of the indicators under `goal` (and the goals under it), joined.
    pub fn kinds_under(&self, goal: usize) -> &str {
        self.facts
            .by_goal
            .get(goal)
            .map_or(&self.facts.all, |k| k.as_str())
    }

    /// Whether tables show the years of baselines and targets.
    pub fn show_years(&self) -> bool {
        self.facts.show_years
    }

    /// The name of the top level of goals: `戦略`, `基本目標`.
    pub fn top_level(&self) -> &str {
        &self.report.goals.levels[0].name
    }

    /// Markdown to HTML; `##` becomes `<h{base_level}>`. Photos and attachments resolve
    /// from `source`.
    pub fn markdown(&self, text: &str, base_level: u8, source: Option<&Path>) -> String {
        let caption = self.words().get("markdown.table").to_string();
        self.markdown_with_caption(text, base_level, &caption, source)
    }

    /// As `markdown`, naming tables that have no heading above them `caption`.
    pub fn markdown_with_caption(
        &self,
        text: &str,
        base_level: u8,
        caption: &str,
        source: Option<&Path>,
    ) -> String {
        let ctx = source.map(|s| markdown::Context {
            content_root: self.content_root,
            source: s,
            site_root: &self.site_root,
            max_bytes: self.report.config.max_file_bytes,
            no_file: self.words().get("photo.no_file"),
            not_found: self.words().get("photo.not_found"),
        });
        let rendered = markdown::render(
            text,
            base_level,
            caption,
            ctx.as_ref(),
            self.report.config.trusted_html,
        );
        let mut collected = crate::lock(self.collected);
        collected.images.extend(rendered.files);
        let file = source.map(Path::to_path_buf).unwrap_or_default();
        for found in rendered.problems {
            let position = source_position(self.content_root, &file, text, found.offset);
            let d = if found.error {
                crate::diag::Diagnostic::error(&file, found.message)
            } else {
                crate::diag::Diagnostic::warning(&file, found.message)
            };
            let d = d.at(position);
            if !collected.problems.contains(&d) {
                collected.problems.push(d);
            }
        }
        rendered.html
    }

    /// Counts a drawn chart for the build's report.
    pub fn count_chart(&self) {
        crate::lock(self.collected).charts += 1;
    }

    /// A slot for `part` in the page being made.
    pub fn slot(&self, part: Part) -> Slot {
        self.slots.add(part)
    }

    /// A link to a page of this year's report.
    pub fn href(&self, page: &str) -> String {
        format!("{}{page}", self.year_root)
    }
}

/// The line and column in `file` of byte `offset` of `text`, a Markdown text taken from
/// it. The text may be indented in the file (a YAML block scalar) or written with
/// escapes (a double-quoted string): the line the offset is on is looked for first, then
/// the rest of that line from the offset (an image's address, say), each at its place.
fn source_position(
    content_root: &Path,
    file: &Path,
    text: &str,
    offset: usize,
) -> Option<(usize, usize)> {
    let whole = std::fs::read_to_string(content_root.join(file)).ok()?;
    let offset = offset.min(text.len());
    let position = |at: usize| {
        let before = whole.get(..at)?;
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        Some((
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        ))
    };
    if let Some(at) = whole.find(text) {
        return position(at + offset);
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |n| offset + n);
    let line = text[line_start..line_end].trim();
    if !line.is_empty() {
        if let Some(at) = whole.find(line) {
            let lead = text[line_start..offset].trim_start().len();
            return position(at + lead.min(line.len()));
        }
    }
    // Written with escapes: what follows the offset on its line, as far as it goes unescaped.
    let rest = &text[offset..line_end];
    let rest = rest.split(['"', '\\']).next().unwrap_or("");
    (rest.chars().count() >= 4)
        .then(|| whole.find(rest))
        .flatten()
        .and_then(position)
}

/// What pages ask of the whole report again and again, made once per build: the kinds
/// of indicator (数値目標, KPI) joined with ・, of the whole report and under each goal;
/// whether the tables show baseline and target years.
#[derive(Debug, Default)]
pub struct Facts {
    pub all: String,
    pub by_goal: Vec<String>,
    /// Some indicator's baseline or target year is not the plan's default.
    pub show_years: bool,
    /// Series in the whole report: more than `full_report_charts` leaves the full
    /// report's trend charts out.
    pub series: usize,
    /// The words every trend chart draws, made once.
    pub trend_words: std::sync::Arc<crate::chart::trend::TrendWords>,
}

impl Facts {
    pub fn new(report: &Report) -> Facts {
        let goals = &report.goals;
        let join = report.vocabulary.get("notes.compound_join");
        let mut sets: Vec<Vec<&str>> = vec![Vec::new(); goals.list.len()];
        let mut all: Vec<&str> = Vec::new();
        for i in &report.indicators {
            let mut goal = Some(i.goal).filter(|g| *g < goals.list.len());
            while let Some(g) = goal {
                if !sets[g].contains(&i.kind.as_str()) {
                    sets[g].push(&i.kind);
                }
                goal = goals.list[g].parent;
            }
            if !all.contains(&i.kind.as_str()) {
                all.push(&i.kind);
            }
        }
        // In the order of the levels that declare them.
        fn order<'a>(kinds: &mut Vec<&'a str>, goals: &'a crate::model::Goals) {
            kinds.sort_by_key(|k| {
                goals
                    .levels
                    .iter()
                    .position(|l| l.indicator_kind == *k)
                    .unwrap_or(usize::MAX)
            });
            if kinds.is_empty() {
                if let Some(l) = goals.levels.first() {
                    kinds.push(&l.indicator_kind);
                }
            }
        }
        order(&mut all, goals);
        for set in &mut sets {
            order(set, goals);
        }
        let span = report.plan.period.default_span();
        Facts {
            all: all.join(join),
            by_goal: sets.into_iter().map(|s| s.join(join)).collect(),
            show_years: report
                .indicators
                .iter()
                .flat_map(|i| &i.series)
                .any(|s| s.span() != span),
            series: report.indicators.iter().map(|i| i.series.len()).sum(),
            trend_words: std::sync::Arc::new(crate::chart::trend::TrendWords::new(
                &report.vocabulary,
            )),
        }
    }
}
