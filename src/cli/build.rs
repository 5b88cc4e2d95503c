//! `sosei build` on the command line (a module of the binary): the progress bar and the
//! summary it prints.

use sosei::diag::{terminal_path, terminal_safe};
use sosei::m;
use sosei::messages;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn build(content: &Path, output: &Path, quiet: bool, verbose: bool) -> ExitCode {
    // A progress bar, only for a person watching a terminal.
    let bar = !quiet && std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        if bar && total > 0 && (done == total || done.is_multiple_of(25)) {
            let width = 30;
            let filled = width * done / total;
            eprint!(
                "\r{} [{}{}] {done}/{total}",
                m!("main.rendering"),
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
            if done == total {
                eprint!("\r{}\r", " ".repeat(width + 30));
            }
            let _ = std::io::stderr().flush();
        }
    };
    match sosei::build::build_with(content, output, &progress) {
        Ok(summary) => {
            if !quiet {
                eprint!("{}", summary.diagnostics.render(content));
                eprintln!(
                    "{}",
                    m!(
                        "main.built",
                        pages = summary.pages,
                        years = summary.years,
                        charts = summary.charts,
                        images = summary.images,
                        files = summary.files,
                        indicators = summary.indicators,
                        output = terminal_path(output)
                    )
                );
                for (phase, time) in &summary.phases {
                    let ms = format!("{:.1}", time.as_secs_f64() * 1000.0);
                    eprintln!("  {}", m!("main.phase", phase = phase_name(phase), ms = ms));
                }
                let by_activity = summary.activities.iter().map(|(name, time, _)| {
                    let ms = format!("{:.0}", time.as_secs_f64() * 1000.0);
                    m!("main.activity", activity = activity_name(name), ms = ms)
                });
                let by_activity = messages::list(by_activity);
                eprintln!("  {}", m!("main.activities", list = by_activity));
                for note in &summary.notes {
                    eprintln!("  {}", m!("main.note", note = terminal_safe(note)));
                }
                if verbose {
                    for page in &summary.page_paths {
                        eprintln!("  {}", m!("main.wrote", page = terminal_safe(page)));
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprint!("{}", diags.render(content));
            eprintln!(
                "{}",
                m!(
                    "main.build-failed",
                    errors = diags.error_count(),
                    output = terminal_path(output)
                )
            );
            ExitCode::FAILURE
        }
    }
}

/// A phase of the build (as `build::Summary` names it) in the current language.
fn phase_name(phase: &str) -> String {
    match phase {
        "load and validate" => m!("main.phase.load"),
        "evaluate, render and write" => m!("main.phase.render"),
        "swap in the new site" => m!("main.phase.swap"),
        other => other.to_string(),
    }
}

/// An activity of rendering (as `render::timing` names it) in the current language.
fn activity_name(activity: &str) -> String {
    match activity {
        "views" => m!("main.activity.views"),
        "templates" => m!("main.activity.templates"),
        "charts" => m!("main.activity.charts"),
        "tables" => m!("main.activity.tables"),
        "navigation" => m!("main.activity.navigation"),
        "open data" => m!("main.activity.open-data"),
        other => other.to_string(),
    }
}
