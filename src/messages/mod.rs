//! What sosei says to the person running it (diagnostics, progress and summary lines,
//! `--help`), in their language: one catalogue per language, `en.yaml` and `ja.yaml`,
//! each mapping a message id to a template with `{name}` placeholders.
//!
//! The language is chosen once for the process (`set_lang`, by `main`, from `--lang` or
//! the locale); it is English until then, so library users and tests get English.
//! `m!("id", name = value, …)` gives a message in the current language.

use std::collections::HashMap;
use std::fmt::{self, Display, Write as _};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// A language sosei speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    /// The language a locale name (`ja_JP.UTF-8`, `C`, `en_GB`) asks for: Japanese for
    /// `ja…`, English otherwise.
    pub fn of_locale(name: &str) -> Lang {
        if name.starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// The language of the environment: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set and not empty decides; without any, the system's display language on
    /// Windows (where none is usually set), English elsewhere.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok()).unwrap_or_else(system_lang)
    }

    /// As `from_env`, reading the variables through `var`; `None` when none is set.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty())
            .map(|value| Lang::of_locale(&value))
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Ja => 1,
        }
    }
}

/// The user's display language on Windows (`GetUserDefaultUILanguage`: Japanese is
/// primary language 0x11).
#[cfg(windows)]
fn system_lang() -> Lang {
    // SAFETY: takes no argument and only returns a number.
    let id = unsafe { windows_sys::Win32::Globalization::GetUserDefaultUILanguage() };
    if id & 0x3ff == 0x11 {
        Lang::Ja
    } else {
        Lang::En
    }
}

#[cfg(not(windows))]
fn system_lang() -> Lang {
    Lang::En
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on (done once, by `main`).
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang.index() as u8, Ordering::Relaxed);
}

/// The language messages are given in.
pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Ja,
        _ => Lang::En,
    }
}

const SOURCES: [&str; 2] = [include_str!("en.yaml"), include_str!("ja.yaml")];

type Catalogue = HashMap<String, String>;

/// Both catalogues, read once. A catalogue that does not read (the tests make sure it
/// does) is empty, and its messages fall back to English, then to their ids.
fn catalogues() -> &'static [Catalogue; 2] {
    static CATALOGUES: OnceLock<[Catalogue; 2]> = OnceLock::new();
    CATALOGUES.get_or_init(|| SOURCES.map(|text| read_catalogue(text).unwrap_or_default()))
}

/// A catalogue's text as ids and templates (no diagnostics here: they need the catalogue).
fn read_catalogue(text: &str) -> Result<Catalogue, String> {
    crate::yaml::string_map(text).map(|map| map.into_iter().collect())
}

/// The template of `id` in `lang`, else in English.
fn template(lang: Lang, id: &str) -> Option<&'static str> {
    let all = catalogues();
    all[lang.index()]
        .get(id)
        .or_else(|| all[0].get(id))
        .map(String::as_str)
}

/// The message `id` in the current language, its placeholders filled from `args`.
pub fn text(id: &str, args: &[(&str, &dyn Display)]) -> String {
    text_in(lang(), id, args)
}

/// The message `id` in `lang`, its placeholders filled from `args`. An id missing from
/// both catalogues gives itself (the tests make sure none is).
pub fn text_in(lang: Lang, id: &str, args: &[(&str, &dyn Display)]) -> String {
    match template(lang, id) {
        Some(t) => fill(t, args),
        None => id.to_string(),
    }
}

/// `template` with each `{name}` replaced by its value in `args`, `{{` and `}}` by one
/// brace. A placeholder without a value stays as it is written.
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let value = tail
            .strip_prefix('{')
            .and_then(|t| t.split_once('}'))
            .and_then(|(name, after)| {
                let (_, value) = args.iter().find(|(n, _)| *n == name)?;
                Some((value, after))
            });
        match value {
            Some((value, after)) => {
                let _ = write!(out, "{value}");
                rest = after;
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of a template, in order of first use.
#[cfg(test)]
fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
            continue;
        }
        match tail.strip_prefix('{').and_then(|t| t.split_once('}')) {
            Some((name, after)) => {
                if !names.contains(&name) {
                    names.push(name);
                }
                rest = after;
            }
            None => rest = &tail[1..],
        }
    }
    names
}

/// `items` joined the way the current language lists things (`a, b` or `a、b`).
pub fn list<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    join(items, &text("list.separator", &[]))
}

/// `items` in backticks, joined as `list` joins: `` `a`, `b` ``.
pub fn code_list<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    list(items.into_iter().map(Code))
}

/// `items` joined with `separator`.
pub fn join<T: Display>(items: impl IntoIterator<Item = T>, separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        let _ = write!(out, "{item}");
    }
    out
}

/// A value shown in backticks, as an id or a key written in the sources.
pub struct Code<T>(pub T);

impl<T: Display> Display for Code<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.0)
    }
}

/// The message `id` in the current language: `m!("load.not-utf8")`, or with
/// placeholders, `m!("validate.unknown-goal", code = code, codes = list)`.
#[macro_export]
macro_rules! m {
    ($id:literal $(,)?) => {
        $crate::messages::text($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::messages::text(
            $id,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

// After the macro, so that they can use it.
pub mod cli;
#[cfg(test)]
mod tests;
