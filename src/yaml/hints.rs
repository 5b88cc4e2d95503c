//! Plain-language diagnostics for YAML mistakes: what libyaml and serde say, rewritten
//! for a planner, pointed at the line where the mistake really is.

use super::suggest::suggestion;
use super::SourceText;
use crate::diag::Diagnostic;

/// Mistakes found before parsing: an empty file, a file of comments only, full-width
/// spaces used for indentation.
pub(super) fn before_parsing(source: &SourceText) -> Option<Diagnostic> {
    let first_line = Some((source.line_offset + 1, 1));
    if source.text.trim().is_empty() {
        return Some(
            Diagnostic::error(&source.path, "the file is empty")
                .at(first_line)
                .expected("YAML settings such as `key: value`; see docs/content-format.md"),
        );
    }
    if source
        .text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Some(
            Diagnostic::error(&source.path, "the file has no settings, only comments")
                .at(first_line)
                .expected("YAML settings such as `key: value`; see docs/content-format.md"),
        );
    }
    // The first line that starts with U+3000: the text's first, or one after a newline
    // (newlines are found with memchr, much faster than splitting the text into lines).
    let text = &source.text;
    let start = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .find(|&i| text[i..].starts_with('\u{3000}'));
    start.map(|start| {
        let i = text[..start].matches('\n').count();
        Diagnostic::error(
            &source.path,
            "this line is indented with a full-width space (U+3000)",
        )
        .at(Some((source.line_offset + i + 1, 1)))
        .expected("ordinary (half-width) spaces for indentation")
    })
}

/// A serde_yaml error as a diagnostic, at the line where the mistake is. `present` holds
/// the other keys of the mapping where an unknown field was found (empty when unknown).
pub(super) fn diagnose(
    source: &SourceText,
    raw: &str,
    position: Option<(usize, usize)>,
    present: &[String],
) -> Diagnostic {
    let message = strip_position(raw);
    // serde: "unknown field `x`, expected one of `a`, `b`" (or "expected `a` or `b`"):
    // the choices go to `expected`.
    let shown = match message.find(", expected ") {
        Some(i) if message.contains("unknown field") => &message[..i],
        _ => &message,
    };
    let mut d = Diagnostic::error(&source.path, explain(shown)).at(position);
    if let Some((found, expected)) = unknown_field(&message) {
        let listed: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
        d = d
            .expected(format!("one of {}", listed.join(", ")))
            .help_opt(suggestion(&found, &expected, present));
    } else if message.contains("missing field") {
        d = d.expected("the field to be present; see docs/content-format.md");
    }
    if message.contains("where a list was expected") || message.contains("sequence") {
        d = d.help("write a list as `[a, b]`, or one item per line starting with `- `");
    }
    let lines: Vec<&str> = source.text.lines().collect();
    let at = |i: usize| Some((source.line_offset + i + 1, 1));
    let error_line = position
        .map(|(l, _)| l.saturating_sub(source.line_offset + 1))
        .unwrap_or(0)
        .min(lines.len().saturating_sub(1));
    if message.contains("flow sequence") || message.contains("flow mapping") {
        // libyaml notices an unclosed `[` only on a later line: point at the opening one.
        for i in (0..=error_line).rev() {
            let l = lines.get(i).copied().unwrap_or("");
            for (open, close) in [('[', ']'), ('{', '}')] {
                if l.matches(open).count() > l.matches(close).count() {
                    let col = l
                        .find(open)
                        .map(|c| l[..c].chars().count() + 1)
                        .unwrap_or(1);
                    return Diagnostic::error(
                        &source.path,
                        format!("the `{open}` opened here is not closed"),
                    )
                    .at(Some((source.line_offset + i + 1, col)))
                    .expected(format!(
                        "`{close}` at the end of the list, on the same line"
                    ));
                }
            }
        }
    }
    if message.contains("quoted scalar") {
        for (i, l) in lines.iter().enumerate() {
            for quote in ['"', '\''] {
                if l.matches(quote).count() % 2 == 1 {
                    let col = l
                        .find(quote)
                        .map(|c| l[..c].chars().count() + 1)
                        .unwrap_or(1);
                    return Diagnostic::error(
                        &source.path,
                        format!("the quote {quote} opened here is not closed"),
                    )
                    .at(Some((source.line_offset + i + 1, col)))
                    .expected(format!("a closing {quote} on the same line"));
                }
            }
        }
    }
    if message.contains("could not find expected ':'")
        || message.contains("mapping values are not allowed")
    {
        for (i, l) in lines.iter().enumerate() {
            let key = l.trim_start().trim_start_matches("- ");
            if key.starts_with('#') || key.starts_with('|') {
                continue;
            }
            let name: String = key
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.' || *c == '-')
                .collect();
            if name.is_empty() {
                continue;
            }
            let after = &key[name.len()..];
            if after.starts_with('：') {
                return Diagnostic::error(&source.path, "this line uses a full-width colon `：`")
                    .at(at(i))
                    .expected(format!("`{name}: …` with a half-width colon and a space"));
            }
            if after.starts_with(':') && after.len() > 1 && !after[1..].starts_with([' ', '\t']) {
                return Diagnostic::error(&source.path, "there is no space after the colon")
                    .at(at(i))
                    .expected(format!("`{name}: {}`", &after[1..]));
            }
        }
    }
    if let Some(field) = message
        .split("duplicate field `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        let uses: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                l.trim_start()
                    .strip_prefix(field)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
            .map(|(i, _)| i)
            .collect();
        if let [first, .., last] = uses.as_slice() {
            return Diagnostic::error(&source.path, format!("`{field}` is given twice"))
                .at(at(*last))
                .expected(format!(
                    "`{field}` once; it is first given on line {}",
                    source.line_offset + first + 1
                ));
        }
    }
    if let Some(line) =
        position.and_then(|(l, _)| lines.get(l.checked_sub(source.line_offset + 1)?))
    {
        if line.starts_with('\t') || line.trim_start_matches(' ').starts_with('\t') {
            d = d.help("YAML indentation must use spaces, not tabs");
        }
        if line.matches('[').count() > line.matches(']').count() {
            d = d.help("a `[` on this line is not closed with `]`");
        }
    }
    d
}

/// Makes serde's wording friendlier where a planner is likely to see it.
fn explain(message: &str) -> String {
    let message = message.replace(
        "found character that cannot start any token",
        "found a character that YAML does not allow here (a tab?)",
    );
    if let Some(rest) = message.split("unknown variant `").nth(1) {
        let head = &message[..message.find("unknown variant").unwrap_or(0)];
        let (found, choices) = rest.split_once('`').unwrap_or((rest, ""));
        let choices = choices
            .trim_start_matches(", expected ")
            .trim_start_matches("one of ");
        return format!("{head}`{found}` is not one of the choices: {choices}");
    }
    // serde: "path: invalid type: sequence, expected u32" → "path: found a list where a whole number was expected"
    let Some(at) = message.find("invalid type: ") else {
        return message;
    };
    let (head, rest) = message.split_at(at);
    let rest = &rest["invalid type: ".len()..];
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return message;
    };
    let plain = |t: &str| -> String {
        match t.trim() {
            "sequence" | "a sequence" => "a list".into(),
            "map" | "a map" => "a mapping (key: value lines)".into(),
            "unit value" => "nothing (an empty value)".into(),
            "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a whole number".into(),
            "a boolean" | "boolean" => "true or false".into(),
            other => other.to_string(),
        }
    };
    format!(
        "{head}found {} where {} was expected",
        plain(found),
        plain(expected)
    )
}

/// Removes serde_yaml's own ` at line N column M` (the position is printed separately).
fn strip_position(message: &str) -> String {
    let mut out = message.to_string();
    for marker in [" at line ", " at position "] {
        while let Some(start) = out.find(marker) {
            let rest = &out[start + marker.len()..];
            let end = rest
                .find(',')
                .map(|i| start + marker.len() + i)
                .unwrap_or(out.len());
            out.replace_range(start..end, "");
        }
    }
    out
}

/// From "unknown field `unti`, expected one of `id`, `unit`": the found key and the expected ones.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (found, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect();
    Some((found.to_string(), expected))
}

/// The key named in an "unknown field" error.
pub(super) fn unknown_key(message: &str) -> Option<String> {
    unknown_field(message).map(|(found, _)| found)
}
