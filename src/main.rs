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
