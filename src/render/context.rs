//! The context every view is built in: the report, its evaluation, and the page's place in the site.

use super::parts::Part;
use super::slots::{Slot, Slots};
use crate::chart::style::ChartStyle;
use crate::evaluate::Evaluation;
use crate::fiscal_year::FiscalYear;
use crate::markdown;
use crate::model::Report;
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
    /// The parts the page's views have given slots, written when the page is streamed.
    pub slots: Slots<Part>,
}

impl ViewCtx<'_> {
    pub fn year(&self) -> FiscalYear {
        self.eval.year
    }

    /// Markdown to HTML; `##` becomes `<h{base_level}>`. Photos and attachments resolve
    /// from `source`.
    pub fn markdown(&self, text: &str, base_level: u8, source: Option<&Path>) -> String {
        self.markdown_with_caption(text, base_level, "表", source)
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

/// The line and column in `file` of byte `offset` of `text`, a Markdown text taken from it.
fn source_position(
    content_root: &Path,
    file: &Path,
    text: &str,
    offset: usize,
) -> Option<(usize, usize)> {
    let whole = std::fs::read_to_string(content_root.join(file)).ok()?;
    let at = whole.find(text)? + offset.min(text.len());
    let before = whole.get(..at)?;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    Some((
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    ))
}
