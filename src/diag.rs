//! Diagnostics: what went wrong, in which file and on which line, and what was expected.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// How it is called in front of a message: "error", "warning", in the current language.
    pub fn word(self) -> String {
        match self {
            Severity::Error => m!("diag.error"),
            Severity::Warning => m!("diag.warning"),
        }
    }
}

/// One problem found in the sources, pointing at a file and, where known, a line.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the content folder where possible.
    pub file: PathBuf,
    /// 1-based line, when the position is known.
    pub line: Option<usize>,
    /// 1-based column, when the position is known.
    pub column: Option<usize>,
    pub message: String,
    /// What the file should have said instead.
    pub expected: Option<String>,
    /// A suggestion, such as a near-miss id.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            expected: None,
            help: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, position: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = position {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, as far as it is known, safe to print (see `terminal_safe`).
    pub fn location(&self) -> String {
        let file = self.file.display().to_string();
        let file = terminal_safe(&file);
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => format!("{file}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.severity.word();
        let message = terminal_safe(&self.message);
        write!(f, "{kind}: {}: {message}", self.location())?;
        if let Some(expected) = &self.expected {
            write!(
                f,
                "\n  {}: {}",
                m!("diag.expected"),
                terminal_safe(expected)
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  {}: {}", m!("diag.help"), terminal_safe(help))?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// rustc-style text: the message, `--> file:line:col`, the source line with a caret
    /// under what was found, then what was expected and any suggestion. `content_root`
    /// is where relative file names are read from. Control characters are shown escaped
    /// (see `terminal_safe`), and the caret stays under what it points at.
    pub fn render(&self, content_root: &Path) -> String {
        let kind = self.severity.word();
        let message = terminal_safe(&self.message);
        let mut out = format!("{kind}: {message}\n  --> {}\n", self.location());
        let source = self.line.and_then(|line| {
            let path = if self.file.is_absolute() {
                self.file.clone()
            } else {
                content_root.join(&self.file)
            };
            let text = std::fs::read(&path).ok()?;
            let text = String::from_utf8_lossy(&text);
            text.lines()
                .nth(line.checked_sub(1)?)
                .map(|l| l.trim_start_matches('\u{feff}').replace('\t', " "))
        });
        if let (Some(line), Some(text)) = (self.line, source) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let col = self.column.unwrap_or(1).max(1) - 1;
            let width = text
                .chars()
                .skip(col)
                .take_while(|c| !c.is_whitespace() && !matches!(c, ':' | ']' | '}'))
                .map(shown_width)
                .sum::<usize>()
                .max(1);
            let indent: usize = text.chars().take(col).map(shown_width).sum();
            out.push_str(&format!(
                " {pad} |\n {number} | {}\n {pad} | {}{}\n",
                terminal_safe(&text),
                " ".repeat(indent),
                "^".repeat(width)
            ));
        }
        if let Some(expected) = &self.expected {
            let word = m!("diag.expected");
            out.push_str(&format!("  = {word}: {}\n", terminal_safe(expected)));
        }
        if let Some(help) = &self.help {
            let word = m!("diag.help");
            out.push_str(&format!("  = {word}: {}\n", terminal_safe(help)));
        }
        out
    }
}

/// Whether a terminal would act on `c` rather than show it: C0 controls (ESC starts
/// the sequences that move the cursor, recolour or retitle), DEL, C1 (U+009B is a
/// one-character CSI on some terminals), and the bidirectional marks and overrides that
/// reorder what is shown.
fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` safe to print on a terminal: every control character (see `is_control`),
/// line breaks included, written as a visible escape such as `\u{1b}`.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    escape_controls(text, false)
}

/// A path as the terminal shows it (see `terminal_safe`).
pub fn terminal_path(path: &std::path::Path) -> String {
    terminal_safe(&path.display().to_string()).into_owned()
}

/// As `terminal_safe`, keeping line breaks, for text of several lines (a log entry).
pub fn terminal_safe_lines(text: &str) -> Cow<'_, str> {
    escape_controls(text, true)
}

fn escape_controls(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let escaped = |c: char| is_control(c) && !(keep_lines && c == '\n');
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let shown = |c: char| match escaped(c) {
        true => escape(c),
        false => c.to_string(),
    };
    Cow::Owned(text.chars().map(shown).collect())
}

fn escape(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// The columns `c` takes once shown: its escape for a control character, two for a
/// wide (CJK) one, else one.
fn shown_width(c: char) -> usize {
    match c {
        c if is_control(c) => escape(c).len(),
        c if c as u32 >= 0x1100 => 2,
        _ => 1,
    }
}

/// Every problem found by a stage; a stage goes on after an error to find the rest.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds `d` unless the same diagnostic is there already.
    pub fn push_unique(&mut self, d: Diagnostic) {
        if !self.items.contains(&d) {
            self.items.push(d);
        }
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All of them in rustc style (see `Diagnostic::render`), one after another.
    pub fn render(&self, content_root: &Path) -> String {
        self.items
            .iter()
            .map(|d| d.render(content_root) + "\n")
            .collect()
    }

    /// All of them as a JSON array, for editors and CI. serde_json escapes C0 controls;
    /// C1 controls and bidirectional overrides are escaped here too (`\u009b`), which is
    /// the same JSON, so that printing it on a terminal is safe.
    pub fn to_json(&self) -> String {
        let json = serde_json::to_string_pretty(&self.items).unwrap_or_else(|_| "[]".into());
        if !json.chars().any(is_control) {
            return json;
        }
        // Outside strings, JSON has no character that `is_control` matches but `\n`.
        json.chars()
            .map(|c| match c {
                '\n' => "\n".to_string(),
                c if is_control(c) => format!("\\u{:04x}", u32::from(c)),
                c => c.to_string(),
            })
            .collect()
    }

    /// Sorted by file and line, so that the output reads like the sources.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// "did you mean `x`?" for the closest candidate to `found` (see `closest`).
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(found, candidates).map(|c| m!("diag.did-you-mean", name = c))
}

/// The closest candidate to `found`, if it is close enough to be a likely typo. A
/// candidate equal to `found` is no typo, and is never returned.
pub fn closest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (found.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(found, c), c))
        .filter(|(d, _)| (1..=limit).contains(d))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// A path shown relative to `base` when it lies inside it.
pub fn relative(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
#[path = "diag_tests.rs"]
mod tests;
