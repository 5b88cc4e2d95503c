//! Control characters: no source may hold one, written raw or as a character reference
//! (`&#0;`), except tab and the line ends. A page must never carry one either: NUL marks
//! the places of sosei's own parts, and the others break CSS strings and terminals.

use crate::diag::Diagnostic;
use std::path::Path;

/// Whether `c` is a control character a source may not hold once parsed (tab and line
/// feed are text; a carriage return only ends a line in a file).
pub fn is_forbidden(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `U+000C`, with the character's usual name where it has one.
pub fn describe(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    let name = match c {
        '\0' => "NUL".to_string(),
        '\u{7}' => "BEL".to_string(),
        '\u{8}' => m!("load.control.backspace"),
        '\u{b}' => m!("load.control.vertical-tab"),
        '\u{c}' => m!("load.control.form-feed"),
        '\r' => m!("load.control.carriage-return"),
        '\u{1b}' => "ESC".to_string(),
        '\u{7f}' => "DEL".to_string(),
        _ => return code,
    };
    m!("load.control.named", code = code, name = name)
}

/// The first raw control character of a file's text that is not tab, CR or LF.
pub fn check_raw(text: &str, rel: &Path) -> Result<(), Diagnostic> {
    // Bytes, not chars: every file is scanned. C1 controls are U+0080..U+009F, which UTF-8
    // writes as 0xC2 0x80..0x9F.
    let bytes = text.as_bytes();
    let found = bytes.iter().enumerate().find_map(|(i, b)| {
        let control = match *b {
            b'\t' | b'\n' | b'\r' => false,
            0..=0x1f | 0x7f => true,
            0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
            _ => false,
        };
        control.then(|| (i, text[i..].chars().next().unwrap_or('\0')))
    });
    match found {
        None => Ok(()),
        Some((at, c)) => Err(Diagnostic::error(
            rel,
            m!("load.raw-control", character = describe(c)),
        )
        .at(Some(position(text, at)))
        .expected(m!("load.expected-no-controls"))),
    }
}

/// The first numeric character reference (`&#0;`, `&#x1b;`) that stands for a control
/// character other than tab and line feed: Markdown and HTML would decode it.
pub fn check_references(text: &str, rel: &Path) -> Result<(), Diagnostic> {
    for (at, _) in text.match_indices("&#") {
        let Some(c) = reference_at(&text[at + 2..]) else {
            continue;
        };
        if is_forbidden(c) {
            return Err(Diagnostic::error(
                rel,
                m!(
                    "load.control-reference",
                    reference = &text[at..at + 2 + reference_len(&text[at + 2..])],
                    character = describe(c)
                ),
            )
            .at(Some(position(text, at)))
            .expected(m!("load.expected-no-controls")));
        }
    }
    Ok(())
}

/// The character a reference's digits (after `&#`) stand for. Numbers beyond Unicode
/// decode to U+FFFD, which is not a control character.
fn reference_at(rest: &str) -> Option<char> {
    let (radix, digits) = match rest.strip_prefix(['x', 'X']) {
        Some(hex) => (16, hex),
        None => (10, rest),
    };
    let len = digits.bytes().take_while(|b| b.is_ascii_hexdigit()).count();
    let digits = &digits[..len];
    let digits = if radix == 10 {
        &digits[..digits.bytes().take_while(u8::is_ascii_digit).count()]
    } else {
        digits
    };
    if digits.is_empty() {
        return None;
    }
    let value = u32::from_str_radix(digits.trim_start_matches('0'), radix)
        .ok()
        .or_else(|| digits.bytes().all(|b| b == b'0').then_some(0))?;
    char::from_u32(value)
}

fn reference_len(rest: &str) -> usize {
    let hex = rest.starts_with(['x', 'X']);
    let body = if hex { &rest[1..] } else { rest };
    let digits = body
        .bytes()
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    let semi = usize::from(body[digits..].starts_with(';'));
    usize::from(hex) + digits + semi
}

/// 1-based line and column of a byte offset.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Option<(usize, usize, String)> {
        check_raw(text, Path::new("a.yaml"))
            .err()
            .map(|d| (d.line.unwrap(), d.column.unwrap(), d.message))
    }

    fn reference(text: &str) -> Option<(usize, usize, String)> {
        check_references(text, Path::new("a.md"))
            .err()
            .map(|d| (d.line.unwrap(), d.column.unwrap(), d.message))
    }

    #[test]
    fn raw_controls_are_refused_with_their_place() {
        assert_eq!(raw("a: b\r\n\tc: d\n"), None);
        let (line, col, message) = raw("title: x\ny: 若者\u{c}定着\n").unwrap();
        assert_eq!((line, col), (2, 6));
        assert!(message.contains("U+000C (form feed)"), "{message}");
        assert!(raw("x\u{1b}[31m").unwrap().2.contains("ESC"));
        assert!(raw("x\u{85}y").is_some(), "C1 controls too");
        assert!(raw("x\u{7f}").is_some());
    }

    #[test]
    fn references_to_controls_are_refused() {
        for bad in [
            "&#0;", "&#00;", "&#x0;", "&#X1B;", "&#12", "&#127;", "&#x85;", "&#13;",
        ] {
            let (line, col, message) = reference(&format!("本文\n見 {bad} x")).expect(bad);
            assert_eq!((line, col), (2, 3), "{bad}");
            assert!(message.contains(bad.trim_end_matches(';')), "{message}");
        }
        for fine in [
            "&#9;",
            "&#10;",
            "&#x3042;",
            "&#;",
            "&#x;",
            "&amp;#0;x",
            "&#99999999999;",
            "&#x110000;",
        ] {
            assert_eq!(reference(fine), None, "{fine}");
        }
    }

    #[test]
    fn forbidden_after_parsing() {
        assert!(is_forbidden('\0'));
        assert!(is_forbidden('\r'));
        assert!(is_forbidden('\u{9f}'));
        assert!(!is_forbidden('\t'));
        assert!(!is_forbidden('\n'));
        assert!(!is_forbidden('　'));
    }
}
