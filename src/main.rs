//! The `sosei` command line: a thin layer over the library.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// mimalloc: rendering makes and drops many small strings, and the system allocator
/// spends a fifth of a large build in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use sosei::diag::{terminal_path, terminal_safe, terminal_safe_lines, Severity};
use sosei::m;
use sosei::messages::{self, Lang};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "cli/sheet.rs"]
mod sheet_command;
use sheet_command::{sheet, SheetCommand};
#[path = "cli/build.rs"]
mod build_command;
use build_command::build;

/// A `--year` argument as a fiscal year; else the problem printed, and the exit code of
/// a command used wrongly.
fn year_arg(text: &str) -> Result<sosei::fiscal_year::FiscalYear, ExitCode> {
    sosei::fiscal_year::FiscalYear::parse(text).map_err(|e| {
        eprintln!("{}: --year: {}", Severity::Error.word(), terminal_safe(&e));
        ExitCode::from(2)
    })
}

#[derive(Parser)]
#[command(
    name = "sosei",
    version,
    about = "Compile a city's strategy evaluation from Markdown and YAML into a static HTML report"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages and help (default: from LC_ALL, LC_MESSAGES or LANG).
    // Read before the rest, by `messages::cli::lang_in_args`.
    #[arg(long, global = true, value_enum)]
    #[allow(dead_code)]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Ja,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewShape {
    Strategies,
    Goals,
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
        #[arg(short, long, conflicts_with = "verbose")]
        quiet: bool,
        /// Also list every page written.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Check the content for mistakes without writing anything.
    Check {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// `human` (rustc-style, with the source line) or `json` (for editors and CI).
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Serve a live preview on 127.0.0.1 that rebuilds when the sources change.
    Serve {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder that is built and served.
        #[arg(long, default_value = "output")]
        output: PathBuf,
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Start a new report for a city in an empty folder.
    New {
        /// The folder to create.
        dir: PathBuf,
        /// The city's name, such as 長岡市.
        #[arg(long, default_value = "〇〇市")]
        city: String,
        /// `strategies`: one level of 戦略 with grant programmes (like the bundled
        /// report); `goals`: 基本目標 → 具体的施策 with KPIs and an A–D rating.
        #[arg(long, value_enum, default_value = "strategies")]
        shape: NewShape,
    },
    /// Collect a year's results from the departments in charge with spreadsheets.
    Sheet {
        #[command(subcommand)]
        command: SheetCommand,
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
}

fn main() -> ExitCode {
    sosei::render::quiet_guarded_panics();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    messages::set_lang(messages::cli::lang_in_args(&args).unwrap_or_else(Lang::from_env));
    let matches = messages::cli::localized(Cli::command()).get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli.command {
        Command::Build {
            content,
            output,
            quiet,
            verbose,
        } => build(&content, &output, quiet, verbose),
        Command::Check { content, format } => check(&content, format),
        Command::Serve {
            content,
            output,
            port,
        } => serve(&content, &output, port),
        Command::New { dir, city, shape } => match sosei::scaffold::new_site(
            &dir,
            &city,
            match shape {
                NewShape::Strategies => sosei::scaffold::Shape::Strategies,
                NewShape::Goals => sosei::scaffold::Shape::Goals,
            },
        ) {
            Ok(files) => {
                eprintln!(
                    "{}",
                    m!(
                        "main.created",
                        city = terminal_safe(&city),
                        dir = terminal_path(&dir),
                        files = files.len()
                    )
                );
                eprintln!("{}", m!("main.next", dir = terminal_path(&dir)));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {}", Severity::Error.word(), terminal_safe(&e));
                ExitCode::FAILURE
            }
        },
        Command::Pdf {
            content,
            year,
            output,
            browser,
        } => pdf(&content, year, output, browser),
        Command::Sheet { command } => sheet(command),
    }
}

fn check(content: &Path, format: Format) -> ExitCode {
    let (report, diags, files) = sosei::build::check_site(content);
    match format {
        Format::Json => println!("{}", diags.to_json()),
        Format::Human => {
            eprint!("{}", diags.render(content));
            if report.is_some() {
                eprintln!(
                    "{}",
                    m!(
                        "main.checked-clean",
                        files = files,
                        warnings = diags.warning_count()
                    )
                );
            } else {
                eprintln!(
                    "{}",
                    m!(
                        "main.checked",
                        files = files,
                        errors = diags.error_count(),
                        warnings = diags.warning_count()
                    )
                );
            }
        }
    }
    if report.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn serve(content: &Path, output: &Path, port: u16) -> ExitCode {
    let result = sosei::serve::serve(
        content,
        output,
        port,
        |addr| {
            println!(
                "{}",
                m!(
                    "main.serving",
                    output = terminal_path(output),
                    address = addr
                )
            );
            let _ = std::io::stdout().flush();
        },
        |line| eprintln!("{}", terminal_safe_lines(line)),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {}", Severity::Error.word(), terminal_safe(&e));
            ExitCode::FAILURE
        }
    }
}

fn pdf(
    content: &Path,
    year: Option<String>,
    output: Option<PathBuf>,
    browser: Option<PathBuf>,
) -> ExitCode {
    let year = match year.as_deref().map(year_arg).transpose() {
        Ok(y) => y,
        Err(code) => return code,
    };
    match sosei::pdf::print(content, year, output.as_deref(), browser.as_deref()) {
        Ok(p) => {
            eprintln!(
                "{}",
                m!(
                    "main.printed",
                    file = terminal_path(&p.file),
                    pages = p.pages,
                    passes = p.passes,
                    seconds = format!("{:.1}", p.seconds),
                    browser = terminal_path(&p.browser)
                )
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprint!("{}", diags.render(content));
            eprintln!("{}", m!("main.pdf-failed"));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its help in both catalogues, and the English one
    /// says what the doc comment here says (clap shows the catalogue's).
    #[test]
    fn every_help_text_is_in_both_catalogues() {
        fn check(cmd: &clap::Command, id: &str, seen: &mut usize) {
            let about = format!("{id}.about");
            let doc = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
            let mut wanted = vec![(about, doc)];
            for arg in cmd.get_arguments() {
                let name = arg.get_id().as_str();
                let own = format!("{id}.{name}");
                let shared = format!("cli.{name}");
                let key = match messages::text_in(Lang::En, &own, &[]) == own {
                    true => shared,
                    false => own,
                };
                let doc = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                wanted.push((key, doc));
            }
            for (key, doc) in wanted {
                for lang in [Lang::En, Lang::Ja] {
                    let text = messages::text_in(lang, &key, &[]);
                    assert_ne!(text, key, "{lang:?} has no `{key}`");
                    if lang == Lang::En {
                        assert_eq!(text, doc, "`{key}` differs from the doc comment");
                    }
                }
                *seen += 1;
            }
            for sub in cmd.get_subcommands() {
                check(sub, &format!("{id}.{}", sub.get_name()), seen);
            }
        }
        let mut seen = 0;
        check(&Cli::command(), "cli", &mut seen);
        assert!(seen > 20, "{seen} help texts");
    }

    #[test]
    fn help_is_japanese_when_asked_for() {
        // The language is process-wide: this is the only test here that sets it.
        messages::set_lang(Lang::Ja);
        let help = messages::cli::localized(Cli::command())
            .find_subcommand_mut("build")
            .map(|c| c.render_help().to_string())
            .unwrap_or_default();
        messages::set_lang(Lang::En);
        assert!(help.contains("使い方: sosei build"), "{help}");
        assert!(
            help.contains("コンテンツフォルダー［既定値: content］"),
            "{help}"
        );
        assert!(help.contains("ヘルプを表示する"), "{help}");
        assert!(
            !help.contains("Usage") && !help.contains("[default"),
            "{help}"
        );
    }
}
