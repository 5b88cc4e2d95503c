//! The pipeline, end to end: load → validate → evaluate → render → write.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Report;
use crate::{load, render, validate, write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `sosei build` did, for the progress report.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub indicators: usize,
    pub years: usize,
    pub pages: usize,
    pub charts: usize,
    pub images: usize,
    /// Every page written, relative to the output folder.
    pub page_paths: Vec<String>,
    pub phases: Vec<(&'static str, Duration)>,
    /// Where rendering's time went: (activity, time summed over threads, times done).
    pub activities: Vec<(&'static str, Duration, u64)>,
    /// Warnings; a successful build has no errors.
    pub diagnostics: Diagnostics,
    /// What the build left out and why (no sitemap without `base_url`).
    pub notes: Vec<String>,
}

/// Loads and validates a content folder: every problem, and the model if there were none.
pub fn check(content: &Path) -> (Option<Report>, Diagnostics, usize) {
    check_loaded(content, load::load_all(content))
}

/// As `check`, with the content's files already loaded (as `load::load_all` gives them,
/// in file-name order; `sosei sheet` puts new files in place of some first): every
/// problem, the model if there were none, and the number of files read.
pub fn check_loaded(
    content: &Path,
    mut files: Vec<(PathBuf, load::FileLoad)>,
) -> (Option<Report>, Diagnostics, usize) {
    let mut diags = Diagnostics::default();
    for (_, f) in &mut files {
        for d in std::mem::take(&mut f.diagnostics) {
            diags.push(d);
        }
    }
    let sources = load::Sources::assemble(content, files.iter().map(|(rel, f)| (rel, f)));
    let (report, more) = validate::validate(&sources);
    diags.extend(more);
    let report = if diags.has_errors() { None } else { report };
    (report, diags.sorted(), sources.files_read)
}

/// Everything `build` checks, without writing: the content, the site's theme, and the
/// rendering of every page (unknown template variables, image paths).
pub fn check_site(content: &Path) -> (Option<Report>, Diagnostics, usize) {
    let (report, mut diags, files) = check(content);
    let Some(report) = report else {
        return (None, diags, files);
    };
    match render::theme::load(
        theme_override(content).as_deref(),
        report.vocabulary.clone(),
    ) {
        Err(d) => {
            diags.push(d);
            return (None, diags.sorted(), files);
        }
        Ok(theme) => {
            let (_, render_diags) = render::render(
                &report,
                content,
                &theme,
                &render::Options::default(),
                &|_, _| {},
                &write::Discard,
            );
            diags.extend(render_diags);
        }
    }
    let ok = !diags.has_errors();
    (ok.then_some(report), diags.sorted(), files)
}

/// The site's own theme folder, which overrides the built-in theme file by file.
pub fn theme_override(content: &Path) -> Option<PathBuf> {
    let site = content
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = site.join("themes").join("default");
    dir.is_dir().then_some(dir)
}

/// Builds the report from `content` into `output`. On any error, `output` is left as it was.
pub fn build(content: &Path, output: &Path) -> Result<Summary, Diagnostics> {
    build_with(content, output, &|_, _| {})
}

/// As `build`, telling `progress` (pages done, pages in all) while pages are rendered.
pub fn build_with(
    content: &Path,
    output: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Summary, Diagnostics> {
    let mut summary = Summary::default();
    let fail = |d: Diagnostic| {
        let mut all = Diagnostics::default();
        all.push(d);
        all
    };
    write::check_output_folder(output, content).map_err(|m| fail(Diagnostic::error(output, m)))?;
    let started = Instant::now();
    let (report, diags, files) = check(content);
    summary
        .phases
        .push(("load and validate", started.elapsed()));
    summary.files = files;
    let Some(report) = report else {
        return Err(diags);
    };
    let mut written = write_report(&report, content, output, progress)?;
    written.phases.insert(0, summary.phases.remove(0));
    written.files = files;
    let mut all = diags;
    all.extend(written.diagnostics);
    written.diagnostics = all;
    Ok(written)
}

/// Renders and writes a report that is already checked (serve keeps one in memory).
pub fn write_report(
    report: &Report,
    content: &Path,
    output: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Summary, Diagnostics> {
    write_report_with(
        report,
        content,
        output,
        progress,
        &render::Options::default(),
    )
}

/// As `write_report`, with rendering options (serve's can stop a write midway).
pub fn write_report_with(
    report: &Report,
    content: &Path,
    output: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
    options: &render::Options,
) -> Result<Summary, Diagnostics> {
    let fail = |d: Diagnostic| {
        let mut all = Diagnostics::default();
        all.push(d);
        all
    };
    let mut summary = Summary {
        indicators: report.indicators.len(),
        years: report.years.len(),
        ..Summary::default()
    };
    let started = Instant::now();
    let theme = render::theme::load(
        theme_override(content).as_deref(),
        report.vocabulary.clone(),
    )
    .map_err(fail)?;
    let cannot_write = |e: std::io::Error| {
        fail(Diagnostic::error(
            output,
            m!("build.cannot-write-site", error = e),
        ))
    };
    // Pages are written into a new folder as they are rendered; the old site stays
    // in place until the new one is complete. Another writer of the same output is
    // waited for (serve stops waiting when the sources change again).
    let wait = write::Wait {
        cancel: options.cancel.as_deref(),
        ..write::Wait::default()
    };
    let staging = write::Staging::begin_with(output, &wait).map_err(cannot_write)?;
    let (rendered, render_diags) =
        render::render(report, content, &theme, options, progress, &staging);
    if render_diags.has_errors() {
        return Err(render_diags.sorted());
    }
    summary.diagnostics.extend(render_diags);
    staging
        .copy_images(&rendered.images)
        .map_err(cannot_write)?;
    summary
        .phases
        .push(("evaluate, render and write", started.elapsed()));
    let started = Instant::now();
    staging.commit().map_err(cannot_write)?;
    summary
        .phases
        .push(("swap in the new site", started.elapsed()));
    summary.pages = rendered.pages.len();
    summary.charts = rendered.charts;
    summary.activities = rendered.activities;
    summary.notes = rendered.notes;
    summary.images = rendered.images.len();
    summary.page_paths = rendered.pages;
    Ok(summary)
}
