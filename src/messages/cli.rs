//! The command line's own texts in the current language: `--help` (what each command and
//! argument is for, from `cli.*` in the catalogues, by the command's and the argument's
//! name) and the `--lang` option, read before clap parses the rest.

use super::{lang, text, Lang};
use clap::{Arg, Command};
use std::ffi::OsString;

/// The language `--lang ja` / `--lang=en` asks for, if it is given (before any `--`).
/// An unknown value is left to clap, which reports it.
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = match arg.as_ref() {
            "--" => return None,
            "--lang" => args.next()?.into_owned(),
            other => match other.strip_prefix("--lang=") {
                Some(value) => value.to_string(),
                None => continue,
            },
        };
        return match value.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        };
    }
    None
}

/// The catalogue's text for `id`, or `None` when it has none in any language.
fn found(id: &str) -> Option<String> {
    let shown = text(id, &[]);
    (shown != id).then_some(shown)
}

/// `cmd` (sosei's command line, as clap derives it) with every help text from the
/// catalogue of the current language: what each command and argument is for, and in
/// Japanese the headings, default values and choices too.
pub fn localized(cmd: Command) -> Command {
    let mut cmd = texts(cmd, "cli");
    // Adds `--help`, `--version`, the `help` command, and `--lang` to every command.
    cmd.build();
    finish(cmd, "cli")
}

/// What each command and argument clap derived is for; `id` is the command's path.
fn texts(cmd: Command, id: &str) -> Command {
    let mut cmd = cmd.mut_args(|arg| {
        let name = arg.get_id().as_str().to_string();
        match found(&format!("{id}.{name}")).or_else(|| found(&format!("cli.{name}"))) {
            Some(help) => arg.help(help),
            None => arg,
        }
    });
    if let Some(about) = found(&format!("{id}.about")) {
        cmd = cmd.about(about);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| texts(sub, &format!("{id}.{name}")));
    }
    cmd
}

/// The texts clap adds itself (`--help`, `--version`, the `help` command) and, in
/// Japanese, the layout's words.
fn finish(cmd: Command, id: &str) -> Command {
    let ja = lang() == Lang::Ja;
    let mut cmd = cmd.mut_args(|arg| {
        let arg = match arg.get_id().as_str() {
            "help" => arg.help(m!("cli.help")),
            "version" => arg.help(m!("cli.version")),
            _ => arg,
        };
        if ja {
            japanese_arg(arg)
        } else {
            arg
        }
    });
    if ja {
        cmd = cmd
            .help_template(m!("cli.template"))
            .subcommand_help_heading(m!("cli.heading.commands"));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| {
            let sub = match (id, name.as_str()) {
                ("cli", "help") | ("cli.help", "help") => sub.about(m!("cli.help-command")),
                // The `help` command's own list names the commands it can explain.
                ("cli.help", other) => match found(&format!("cli.{other}.about")) {
                    Some(about) => sub.about(about),
                    None => sub,
                },
                // `sosei sheet` has commands of its own, and so its own `help` command.
                ("cli.sheet", "help") | ("cli.sheet.help", "help") => {
                    sub.about(m!("cli.help-command"))
                }
                ("cli.sheet.help", other) => match found(&format!("cli.sheet.{other}.about")) {
                    Some(about) => sub.about(about),
                    None => sub,
                },
                _ => sub,
            };
            finish(sub, &format!("{id}.{name}"))
        });
    }
    cmd
}

/// An argument under a Japanese heading, with its default value and choices written
/// after its help in Japanese (clap would write `[default: …]`).
fn japanese_arg(arg: Arg) -> Arg {
    let heading = match arg.is_positional() {
        true => m!("cli.heading.arguments"),
        false => m!("cli.heading.options"),
    };
    let takes_values = arg.get_action().takes_values();
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        help.push_str(&m!("cli.default", value = super::list(&defaults)));
    }
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !choices.is_empty() && !arg.is_hide_possible_values_set() {
        help.push_str(&m!("cli.choices", values = super::list(&choices)));
    }
    arg.help(help)
        .help_heading(heading)
        .hide_default_value(true)
        .hide_possible_values(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_is_read_before_the_rest() {
        assert_eq!(
            lang_in_args(&args(&["sosei", "--lang", "ja", "build"])),
            Some(Lang::Ja)
        );
        assert_eq!(
            lang_in_args(&args(&["sosei", "check", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_in_args(&args(&["sosei", "check"])), None);
        assert_eq!(lang_in_args(&args(&["sosei", "--lang", "fr"])), None);
        assert_eq!(lang_in_args(&args(&["sosei", "--lang"])), None);
        // After `--`, `--lang` is a value, not the option.
        assert_eq!(
            lang_in_args(&args(&["sosei", "new", "--", "--lang", "ja"])),
            None
        );
    }
}
