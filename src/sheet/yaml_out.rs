//! `result.yaml` and `verification.yaml` written as a person would write them: in the
//! content's order, a comment before each goal's actuals, `|` blocks for the texts, a
//! compound indicator's series under its own id where they all say the same, and the
//! verification rows that share their texts in one entry.

use super::entries::Entry;
use super::labels;
use super::layout::Row;
use crate::fiscal_year::FiscalYear;
use crate::format::data_number;
use crate::format::Scale;
use crate::model::Report;
use std::fmt::Write;

/// The text of `result.yaml`.
pub fn result(
    report: &Report,
    rows: &[Row],
    entries: &[Entry],
    year: FiscalYear,
    commentary: Option<&str>,
) -> String {
    let era = report.config.era_fy2019;
    let mut out = format!("# {}\n", labels::result_comment(&year.label_in(era)));
    let _ = writeln!(out, "year: {}", year.short_in(era));
    if let Some(text) = commentary {
        out.push_str("commentary: ");
        block(&mut out, text, 2);
    }
    let measured: Vec<usize> = (0..rows.len())
        .filter(|i| entries[*i].actual.is_some())
        .collect();
    let (milestones, actuals): (Vec<usize>, Vec<usize>) =
        measured.into_iter().partition(|i| rows[*i].milestone);
    if !actuals.is_empty() {
        out.push_str("actuals:\n");
        let mut goal = None;
        for i in actuals {
            if goal != Some(rows[i].goal) {
                goal = Some(rows[i].goal);
                let _ = writeln!(out, "  # {}", one_line(&report.goals.heading(rows[i].goal)));
            }
            let q = entries[i]
                .actual
                .unwrap_or_else(crate::quantity::Quantity::zero);
            let _ = writeln!(out, "  {}: {}", rows[i].key, data_number(q));
        }
    }
    if !milestones.is_empty() {
        out.push_str("milestones:\n");
        for i in milestones {
            let achieved = entries[i].actual.is_some_and(|q| q.mantissa() != 0);
            let _ = writeln!(out, "  {}: {achieved}", rows[i].key);
        }
    }
    let missing = by_indicator(report, rows, entries, |e| e.missing.clone());
    if !missing.is_empty() {
        out.push_str("missing:\n");
        for (key, reason) in missing {
            let _ = writeln!(out, "  {key}: {}", scalar(&reason, 4));
        }
    }
    let revised = by_indicator(report, rows, entries, |e| {
        e.revision.clone().map(|n| (n, e.previous.map(data_number)))
    });
    if !revised.is_empty() {
        out.push_str("revised:\n");
        for (key, (note, previous)) in revised {
            let _ = writeln!(out, "  {key}:\n    note: {}", scalar(&note, 6));
            if let Some(p) = previous {
                let _ = writeln!(out, "    previous: {p}");
            }
        }
    }
    out
}

/// The text of `verification.yaml`; `None` when no row has a verification.
pub fn verification(
    report: &Report,
    rows: &[Row],
    entries: &[Entry],
    year: FiscalYear,
) -> Option<String> {
    let groups = groups(report, rows, entries);
    if groups.is_empty() {
        return None;
    }
    let era = report.config.era_fy2019;
    let mut out = format!(
        "# {}\nentries:\n",
        labels::verification_comment(&year.label_in(era))
    );
    for members in groups {
        let first = &entries[members[0]];
        let refs = references(report, rows, entries, &members);
        let keys: Vec<&str> = refs.iter().map(|(k, _)| k.as_str()).collect();
        let _ = writeln!(out, "  - indicators: [{}]", keys.join(", "));
        let scales: Vec<Option<Scale>> = refs.iter().map(|(_, s)| *s).collect();
        if scales.iter().all(Option::is_some) && scales.windows(2).all(|w| w[0] == w[1]) {
            let _ = writeln!(out, "    scale: {}", scales[0].map_or("", Scale::suffix));
        } else if scales.iter().any(Option::is_some) {
            let each: Vec<String> = refs
                .iter()
                .filter_map(|(k, s)| s.map(|s| format!("{k}: {}", s.suffix())))
                .collect();
            let _ = writeln!(out, "    scale: {{ {} }}", each.join(", "));
        }
        out.push_str("    analysis: ");
        block(&mut out, first.analysis.as_deref().unwrap_or(""), 6);
        out.push_str("    next_steps: ");
        block(&mut out, first.next_steps.as_deref().unwrap_or(""), 6);
    }
    Some(out)
}

/// Rows that share one verification entry: next to each other, under one top-level goal
/// (whose page shows the table), with the same two texts, and not from two different
/// entries of the year's files (unless the row says 「同上」).
fn groups(report: &Report, rows: &[Row], entries: &[Entry]) -> Vec<Vec<usize>> {
    let top = |i: usize| report.goals.root_of(rows[i].goal);
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if e.analysis.is_none() || e.next_steps.is_none() {
            continue;
        }
        let joins = out.last().and_then(|g| g.last()).is_some_and(|&j| {
            let apart = matches!((entries[j].group, e.group), (Some(a), Some(b)) if a != b);
            j + 1 == i
                && top(j) == top(i)
                && entries[j].analysis == e.analysis
                && entries[j].next_steps == e.next_steps
                && (e.joined || !apart)
        });
        match out.last_mut() {
            Some(group) if joins => group.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// The references of an entry's rows: a compound indicator whose series are all there,
/// in one scale, by its own id.
fn references(
    report: &Report,
    rows: &[Row],
    entries: &[Entry],
    members: &[usize],
) -> Vec<(String, Option<Scale>)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < members.len() {
        let row = &rows[members[k]];
        let ind = &report.indicators[row.at.indicator];
        let n = ind.series.len();
        let whole = ind.compound
            && row.at.series == 0
            && k + n <= members.len()
            && (0..n).all(|s| {
                rows[members[k + s]].at
                    == crate::model::SeriesRef {
                        indicator: row.at.indicator,
                        series: s,
                    }
            })
            && (0..n).all(|s| entries[members[k + s]].scale == entries[members[k]].scale);
        if whole {
            out.push((ind.id.clone(), entries[members[k]].scale));
            k += n;
        } else {
            out.push((row.key.clone(), entries[members[k]].scale));
            k += 1;
        }
    }
    out
}

/// Each row's value of `pick`, a compound indicator's under its own id when every series
/// has the same one.
fn by_indicator<T: Clone + PartialEq>(
    report: &Report,
    rows: &[Row],
    entries: &[Entry],
    pick: impl Fn(&Entry) -> Option<T>,
) -> Vec<(String, T)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let at = rows[i].at.indicator;
        let ind = &report.indicators[at];
        let end = (i..rows.len())
            .find(|j| rows[*j].at.indicator != at)
            .unwrap_or(rows.len());
        let values: Vec<Option<T>> = (i..end).map(|j| pick(&entries[j])).collect();
        match values.first() {
            Some(Some(first))
                if ind.compound && values.iter().all(|v| v.as_ref() == Some(first)) =>
            {
                out.push((ind.id.clone(), first.clone()));
            }
            _ => {
                for (j, v) in (i..end).zip(values) {
                    if let Some(v) = v {
                        out.push((rows[j].key.clone(), v));
                    }
                }
            }
        }
        i = end;
    }
    out
}

/// Characters YAML reads as line breaks or marks, not as text: written escaped.
fn is_special(c: char) -> bool {
    matches!(
        c,
        '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\r'
    ) || (c.is_control() && c != '\n' && c != '\t')
}

/// Appends a `|` block of `text` (a final line break added), each line indented by
/// `indent` spaces; a text with a character a block cannot hold, double-quoted instead
/// (with the same final line break).
fn block(out: &mut String, text: &str, indent: usize) {
    if text.chars().any(is_special) {
        out.push_str(&quoted(&format!("{text}\n")));
        out.push('\n');
        return;
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.starts_with([' ', '\t']) {
        // The content is two spaces in from its key, wherever the key is.
        out.push_str("|2\n");
    } else {
        out.push_str("|\n");
    }
    let pad = " ".repeat(indent);
    for line in text.trim_end_matches('\n').split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
}

/// A one-line text as a YAML scalar: plain where YAML reads it back as the same text,
/// else double-quoted; a text of several lines as a `|-` block.
fn scalar(text: &str, indent: usize) -> String {
    if text.contains('\n') && !text.chars().any(is_special) {
        let mut out = String::new();
        block(&mut out, text, indent);
        return out
            .replacen('|', "|-", 1)
            .trim_end_matches('\n')
            .to_string();
    }
    if plain_safe(text) {
        return text.to_string();
    }
    quoted(text)
}

/// A double-quoted scalar, with every character YAML would not keep as it is escaped.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c if is_special(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let special = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    ];
    !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !"-?:,[]{}#&*!|>'\"%@`+.0123456789".contains(first)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.contains('\t')
        && !text.chars().any(is_special)
        && !special.contains(&text.to_ascii_lowercase().as_str())
}

/// A heading for a comment line: no line breaks.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars() {
        assert_eq!(scalar("令和5年度に調査する。", 4), "令和5年度に調査する。");
        assert_eq!(scalar("- 未実施", 4), "\"- 未実施\"");
        assert_eq!(scalar("true", 4), "\"true\"");
        assert_eq!(scalar("理由: なし", 4), "\"理由: なし\"");
        assert_eq!(scalar("a\"b\\c", 4), "a\"b\\c");
        assert_eq!(scalar("\"a\" b\\c", 4), "\"\\\"a\\\" b\\\\c\"");
        assert_eq!(scalar("2行\n目", 4), "|-\n    2行\n    目");
        assert_eq!(scalar("a\u{2028}b", 4), "\"a\\u2028b\"");
        assert_eq!(scalar("a\u{2028}\nb", 4), "\"a\\u2028\\nb\"");
    }

    #[test]
    fn blocks() {
        let mut out = String::new();
        block(&mut out, "一行目\n\n三行目", 2);
        assert_eq!(out, "|\n  一行目\n\n  三行目\n");
        let mut out = String::new();
        block(&mut out, "  字下げ", 2);
        assert_eq!(out, "|2\n    字下げ\n");
    }
}
