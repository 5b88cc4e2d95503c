//! The `sosei` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sosei",
    version,
    about = "Compile a city's strategy evaluation from Markdown and YAML into a static HTML report"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the report into the output folder.
    Build {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder; replaced only when the build succeeds.
        #[arg(long, default_value = "output")]
        output: PathBuf,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print the full report (全体版) to an A4 PDF with headless Chromium or Chrome.
    Pdf {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The evaluation year to print, such as R3 (default: the latest).
        #[arg(long)]
        year: Option<String>,
        /// The PDF to write (default: report-<year>.pdf, such as report-r3.pdf).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The Chromium or Chrome binary to print with.
        #[arg(long)]
        browser: Option<PathBuf>,
    },
    /// Check the content for mistakes without writing anything.
    Check {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            content,
            output,
            quiet,
        } => match sosei::build::build(&content, &output) {
            Ok(summary) => {
                eprint!("{}", summary.diagnostics);
                if !quiet {
                    eprintln!(
                        "built {} pages for {} evaluation year(s) from {} files ({} indicators, {} images) into {}",
                        summary.pages,
                        summary.years,
                        summary.files,
                        summary.indicators,
                        summary.images,
                        output.display()
                    );
                    for (phase, time) in &summary.phases {
                        eprintln!("  {phase}: {:.1} ms", time.as_secs_f64() * 1000.0);
                    }
                }
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprint!("{diags}");
                eprintln!(
                    "build failed: {} error(s); {} was left as it was",
                    diags.error_count(),
                    output.display()
                );
                ExitCode::FAILURE
            }
        },
        Command::Pdf {
            content,
            year,
            output,
            browser,
        } => {
            let year = match year
                .as_deref()
                .map(sosei::fiscal_year::FiscalYear::parse)
                .transpose()
            {
                Ok(y) => y,
                Err(e) => {
                    eprintln!("error: --year: {e}");
                    return ExitCode::from(2);
                }
            };
            match sosei::pdf::print(&content, year, output.as_deref(), browser.as_deref()) {
                Ok(p) => {
                    eprintln!(
                        "printed {} ({} pages, {} passes, {:.1} s, with {})",
                        p.file.display(),
                        p.pages,
                        p.passes,
                        p.seconds,
                        p.browser.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    eprint!("{diags}");
                    eprintln!("pdf failed");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { content } => {
            let (report, diags, files) = sosei::build::check(&content);
            eprint!("{diags}");
            if report.is_some() {
                eprintln!(
                    "checked {files} files: no errors ({} warning(s))",
                    diags.warning_count()
                );
                ExitCode::SUCCESS
            } else {
                eprintln!("checked {files} files: {} error(s)", diags.error_count());
                ExitCode::FAILURE
            }
        }
    }
}
