//! `sosei sheet export|import` on the command line (a module of the binary): the
//! subcommands' options, and what they print.

use clap::Subcommand;
use sosei::diag::Severity;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum SheetCommand {
    /// Write .xlsx workbooks that collect one year's results (one for all indicators, or
    /// one per 所管課), prefilled with what the content already has for that year.
    Export {
        /// The fiscal year to collect, such as R4.
        #[arg(long)]
        year: String,
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The folder the workbooks are written into (an existing workbook is never replaced).
        #[arg(long, default_value = "sheets")]
        out: PathBuf,
        /// One workbook per 所管課 (the indicators' `department:`).
        #[arg(long)]
        by_department: bool,
    },
    /// Read returned workbooks (xlsx, xls, ods, or CSV) into the year's result.yaml and
    /// verification.yaml; nothing is written unless every file is clean.
    Import {
        /// The returned workbooks.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The fiscal year they collect, such as R4.
        #[arg(long)]
        year: String,
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Replace values that differ from what the content already has.
        #[arg(long)]
        force: bool,
    },
}

pub fn sheet(command: SheetCommand) -> ExitCode {
    use sosei::sheet::{messages as m, Failure};
    let error = || Severity::Error.word();
    let importing = matches!(command, SheetCommand::Import { .. });
    let (content, result) = match command {
        SheetCommand::Export {
            year,
            content,
            out,
            by_department,
        } => {
            let year = match crate::year_arg(&year) {
                Ok(year) => year,
                Err(code) => return code,
            };
            let result = sosei::sheet::export(&content, year, &out, by_department).map(|done| {
                for (file, rows) in &done.files {
                    eprintln!("{}", m::exported(file, *rows));
                }
            });
            (content, result)
        }
        SheetCommand::Import {
            files,
            year,
            content,
            force,
        } => {
            let year = match crate::year_arg(&year) {
                Ok(year) => year,
                Err(code) => return code,
            };
            let result = sosei::sheet::import(&files, &content, year, force).map(|done| {
                eprintln!("{}", m::imported(done.rows, done.files));
                for note in &done.kept {
                    eprintln!("{}", m::note_line(note));
                }
                for change in &done.replaced {
                    eprintln!("{}", m::replaced_line(change));
                }
                if !done.replaced.is_empty() {
                    eprintln!("{}", m::replaced(done.replaced.len()));
                }
                for (file, had_old) in &done.written {
                    let line = if *had_old {
                        m::wrote(file)
                    } else {
                        m::wrote_new(file)
                    };
                    eprintln!("{line}");
                }
                if done.written.is_empty() {
                    eprintln!("{}", m::unchanged());
                }
                eprint!("{}", done.check.render(&content));
                eprintln!(
                    "{}",
                    m::checked(done.check.error_count(), done.check.warning_count())
                );
            });
            (content, result)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Content(diags)) => {
            eprint!("{}", diags.render(&content));
            eprintln!("{}", m::content_has_errors(diags.error_count()));
            ExitCode::FAILURE
        }
        Err(Failure::Messages(lines)) => {
            for line in &lines {
                eprintln!("{}: {line}", error());
            }
            if importing {
                eprintln!("{}", m::failed(lines.len()));
            }
            ExitCode::FAILURE
        }
        Err(Failure::Differences(lines)) => {
            for line in &lines {
                eprintln!("{}", m::difference_line(line));
            }
            eprintln!("{}: {}", error(), m::needs_force(lines.len()));
            ExitCode::FAILURE
        }
        Err(Failure::Check(diags, rendered)) => {
            eprintln!("{}: {}", error(), m::would_not_validate());
            eprint!("{rendered}");
            eprintln!("{}", m::failed(diags.error_count()));
            ExitCode::FAILURE
        }
    }
}
