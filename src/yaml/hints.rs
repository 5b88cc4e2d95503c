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
            Diagnostic::error(&source.path, m!("yaml.empty-file"))
                .at(first_line)
                .expected(m!("yaml.expected-settings")),
        );
    }
    if source
        .text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Some(
            Diagnostic::error(&source.path, m!("yaml.only-comments"))
                .at(first_line)
                .expected(m!("yaml.expected-settings")),
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
        Diagnostic::error(&source.path, m!("yaml.full-width-indent"))
            .at(Some((source.line_offset + i + 1, 1)))
            .expected(m!("yaml.expected-half-width-indent"))
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
        let listed = crate::messages::code_list(&expected);
        d = d
            .expected(m!("yaml.expected-one-of", list = listed))
            .help_opt(suggestion(&found, &expected, present));
    } else if message.contains("missing field") {
        d = d.expected(m!("yaml.expected-field-present"));
    }
    if message.contains("where a list was expected") || message.contains("sequence") {
        d = d.help(m!("yaml.help-list"));
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
                        m!("yaml.unclosed-bracket", open = open),
                    )
                    .at(Some((source.line_offset + i + 1, col)))
                    .expected(m!("yaml.expected-closing-bracket", close = close));
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
                        m!("yaml.unclosed-quote", quote = quote),
                    )
                    .at(Some((source.line_offset + i + 1, col)))
                    .expected(m!("yaml.expected-closing-quote", quote = quote));
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
                return Diagnostic::error(&source.path, m!("yaml.full-width-colon"))
                    .at(at(i))
                    .expected(m!("yaml.expected-half-width-colon", name = name));
            }
            if after.starts_with(':') && after.len() > 1 && !after[1..].starts_with([' ', '\t']) {
                return Diagnostic::error(&source.path, m!("yaml.no-space-after-colon"))
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
            return Diagnostic::error(&source.path, m!("yaml.given-twice", field = field))
                .at(at(*last))
                .expected(m!(
                    "yaml.expected-once",
                    field = field,
                    line = source.line_offset + first + 1
                ));
        }
    }
    if let Some(line) =
        position.and_then(|(l, _)| lines.get(l.checked_sub(source.line_offset + 1)?))
    {
        if line.starts_with('\t') || line.trim_start_matches(' ').starts_with('\t') {
            d = d.help(m!("yaml.help-tab-indent"));
        }
        if line.matches('[').count() > line.matches(']').count() {
            d = d.help(m!("yaml.help-unclosed-bracket"));
        }
    }
    d
}

/// serde's and libyaml's wording, in plain words of the current language where a
/// planner is likely to see it (what comes before is the path of the value, as it is).
/// A message not recognised stays as serde_yaml wrote it.
fn explain(message: &str) -> String {
    let quoted = |rest: &str| rest.split('`').next().unwrap_or(rest).to_string();
    if let Some((head, rest)) = after(message, "unknown field `") {
        return format!("{head}{}", m!("yaml.unknown-field", name = quoted(rest)));
    }
    if let Some((head, rest)) = after(message, "missing field `") {
        return format!("{head}{}", m!("yaml.missing-field", name = quoted(rest)));
    }
    if let Some((head, rest)) = after(message, "duplicate field `") {
        return format!("{head}{}", m!("yaml.duplicate-field", name = quoted(rest)));
    }
    if let Some((head, rest)) = after(message, "unknown variant `") {
        let (found, choices) = rest.split_once('`').unwrap_or((rest, ""));
        let names: Vec<&str> = choices.split('`').skip(1).step_by(2).collect();
        let choices = match names.as_slice() {
            [] => choices.trim_start_matches(", ").to_string(),
            [one] => format!("`{one}`"),
            [a, b] => m!(
                "list.or",
                first = format!("`{a}`"),
                second = format!("`{b}`")
            ),
            _ => crate::messages::code_list(&names),
        };
        return format!(
            "{head}{}",
            m!("yaml.unknown-variant", found = found, choices = choices)
        );
    }
    // serde: "path: invalid type: sequence, expected u32" → "path: found a list where a whole number was expected"
    if let Some((head, rest)) = after(message, "invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (found, expected) = (plain(found), plain(expected));
            return format!(
                "{head}{}",
                m!("yaml.invalid-type", found = found, expected = expected)
            );
        }
    }
    if let Some((head, rest)) = after(message, "invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (found, expected) = (plain(found), plain(expected));
            return format!(
                "{head}{}",
                m!("yaml.invalid-value", found = found, expected = expected)
            );
        }
    }
    super::syntax::explain(message).unwrap_or_else(|| message.to_string())
}

/// What comes before `marker` in `message`, and what comes after it.
fn after<'a>(message: &'a str, marker: &str) -> Option<(&'a str, &'a str)> {
    let at = message.find(marker)?;
    Some((&message[..at], &message[at + marker.len()..]))
}

/// A kind of value as serde names it ("sequence", "u32", "string \"x\""), in plain words.
fn plain(kind: &str) -> String {
    let kind = kind.trim();
    let value = |prefix: &str| kind.strip_prefix(prefix).map(str::to_string);
    match kind {
        "sequence" | "a sequence" => m!("yaml.kind.list"),
        "map" | "a map" => m!("yaml.kind.mapping"),
        "unit value" => m!("yaml.kind.nothing"),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => m!("yaml.kind.whole-number"),
        "a boolean" | "boolean" => m!("yaml.kind.boolean"),
        "a string" | "string" => m!("yaml.kind.a-string"),
        _ => {
            if let Some(v) = value("string ") {
                m!("yaml.kind.string", value = v)
            } else if let Some(v) = value("integer ") {
                m!("yaml.kind.integer", value = v)
            } else if let Some(v) = value("floating point ") {
                m!("yaml.kind.decimal", value = v)
            } else if let Some(v) = value("boolean ") {
                m!("yaml.kind.boolean-value", value = v)
            } else {
                kind.to_string()
            }
        }
    }
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
