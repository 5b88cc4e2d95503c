//! Japanese output against the English (of a build's diagnostics, of `sosei sheet`): the
//! same frame (each message's kind, the source lines under a content diagnostic) and no
//! English left.

/// The lines a message shows whatever the language: `--> file:line`, the source line
/// and the caret under it; and each message's kind, as "error" or "warning".
pub fn frame(printed: &str) -> Vec<String> {
    printed
        .lines()
        .filter_map(|l| {
            if is_source(l) {
                Some(l.to_string())
            } else if l.starts_with("error: ") || l.starts_with("エラー: ") {
                Some("error".into())
            } else if l.starts_with("warning: ") || l.starts_with("警告: ") {
                Some("warning".into())
            } else {
                None
            }
        })
        .collect()
}

/// `  --> file:line`, or a source line or caret under ` n |`.
fn is_source(line: &str) -> bool {
    let numbered = line
        .trim_start()
        .split_once('|')
        .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
    line.starts_with("  --> ") || (line.starts_with(' ') && numbered)
}

/// Three lower-case English words in a row, outside 「」 and backticks (where values,
/// ids and file names stand).
fn english_words(line: &str) -> Option<String> {
    let mut outside = String::new();
    let (mut quoted, mut code) = (0, false);
    for c in line.chars() {
        match c {
            '「' => quoted += 1,
            '」' => quoted -= 1,
            '`' => code = !code,
            _ if quoted == 0 && !code => outside.push(c),
            _ => outside.push(' '),
        }
    }
    let words: Vec<&str> = outside.split(' ').collect();
    words
        .windows(3)
        .find(|w| {
            w.iter()
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        })
        .map(|w| w.join(" "))
}

/// The Japanese says what the English says, at the same places, with the same carets,
/// and no line of it starts with an English prefix. (A line may still hold English:
/// a build's diagnostics quote texts from elsewhere, a tera or YAML parser's error, as
/// written.)
pub fn same_frame(en: &str, ja: &str) -> Result<(), String> {
    if frame(en) != frame(ja) {
        return Err(format!("the two languages differ in layout:\n{en}\n{ja}"));
    }
    let english = [
        "error: ",
        "warning: ",
        "difference: ",
        "note: ",
        "  = expected: ",
        "  = help: ",
        "sheet import failed",
    ];
    for line in ja.lines().filter(|l| !is_source(l)) {
        if english.iter().any(|e| line.starts_with(e)) {
            return Err(format!("English in the Japanese output: {line}"));
        }
    }
    Ok(())
}

/// `same_frame`, and none of the Japanese in English: no line as the English has it (the
/// source lines aside), no run of English words.
pub fn same_frame_in_japanese(en: &str, ja: &str) -> Result<(), String> {
    same_frame(en, ja)?;
    let same: Vec<&str> = en.lines().filter(|l| !is_source(l)).collect();
    for line in ja.lines().filter(|l| !is_source(l)) {
        if same.contains(&line) {
            return Err(format!("English in the Japanese output: {line}"));
        }
        if let Some(words) = english_words(line) {
            return Err(format!("English words ({words}) in: {line}"));
        }
    }
    Ok(())
}

#[test]
fn english_is_found_in_japanese_output() {
    let en = "error: kikaku.xlsx!数値目標!J4: 「約120」 is not a number\n";
    let ja = "エラー: kikaku.xlsx!数値目標!J4: 「約120」は数値ではありません\n";
    assert_eq!(same_frame_in_japanese(en, ja), Ok(()));
    assert!(same_frame_in_japanese(en, en).is_err());
    let half = "エラー: kikaku.xlsx!数値目標!J4: 「約120」 is not a number\n";
    assert!(same_frame_in_japanese(en, half).is_err());
    let two = format!("{ja}{ja}");
    assert!(
        same_frame_in_japanese(en, &two).is_err(),
        "one error, not two"
    );
    // Words in 「」 and backticks are values, not English.
    assert_eq!(english_words("「is not a number」 `has no actual`"), None);
}
