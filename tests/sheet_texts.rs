//! Any text a cell can hold reaches the report unchanged through the YAML that import
//! writes: texts YAML would read as something else (`true`, `123`, `- `, `: `, `#`,
//! quotes, `|`), indented and blank lines, tabs, line separators (U+2028) and a
//! zero-width no-break space.

#[path = "sheet/support.rs"]
mod support;
use proptest::prelude::*;
use sosei::model::Observation;
use sosei::sheet::grid::Value;
use std::fs;
use support::*;

const TRICKY: &[&str] = &[
    "- はじめに",
    "# 見出し",
    "key: value",
    "a #b",
    "'quoted'",
    "\"dq\" です",
    "|",
    ">",
    "true",
    "null",
    "~",
    "123",
    "0x1F",
    "1e3",
    ".5",
    "@at",
    "`tick`",
    "%percent",
    "!tag",
    "&anchor",
    "*alias",
    "[flow]",
    "{map}",
    "タブ\t入り",
    "行1\n  字下げ行2\n\n空行の後",
    "末尾コロン:",
    "区切り\u{2028}文字",
    "先頭\u{feff}BOM",
    "😀絵文字",
    "\\バックスラッシュ\\n",
    "C:\\path",
    "--- 区切り",
    "...",
    "? 問い",
];

/// Imports `texts` (one per row, as missing reasons or revision notes, analyses and next
/// steps) and the commentary into a copy without R3; checks each arrives as it was typed.
fn texts_arrive_unchanged(texts: &[String]) {
    let (dir, content) = bundled_copy();
    let books = export(&content, "R3", &dir.path().join("sheets"), false);
    fs::remove_dir_all(content.join("results/R3")).unwrap();
    let mut g = grids(&books[0]);
    let commentary = texts.join("\n");
    let instructions = &mut g[0];
    let r = (0..100)
        .find(|r| {
            instructions.get(*r, 0).text().as_deref() == Some("年度の総括（企画担当課が記入）")
        })
        .unwrap();
    instructions
        .cells
        .insert((r, 1), Value::Text(commentary.clone()));
    let sheet = indicators(&mut g);
    let (actual, missing, analysis, next, revision) = (
        column(sheet, "実績値"),
        column(sheet, "未測定の理由"),
        column(sheet, "課題と原因分析"),
        column(sheet, "今後の対応"),
        column(sheet, "実績値を修正した場合の説明"),
    );
    let keys: Vec<String> = (3..16).map(|r| sheet.get(r, 0).text().unwrap()).collect();
    for (i, t) in texts.iter().enumerate().take(keys.len()) {
        let r = 3 + i as u32;
        // 「~」 is no reason (a cell error of its own): it goes in as a note.
        if i % 2 == 0 && t.trim() != "~" {
            sheet.cells.remove(&(r, actual));
            sheet.cells.insert((r, missing), Value::Text(t.clone()));
        } else {
            sheet.cells.insert((r, revision), Value::Text(t.clone()));
        }
        sheet
            .cells
            .insert((r, analysis), Value::Text(format!("{t}（分析）")));
        sheet.cells.insert((r, next), Value::Text(t.clone()));
    }
    let book = dir.path().join("texts.xlsx");
    save(&g, &book);
    if let Err(e) = sosei::sheet::import(&[book], &content, year("R3"), false) {
        let r3 = fs::read_to_string(content.join("results/R3/result.yaml")).unwrap_or_default();
        panic!("{texts:?}: {e:?}\n{r3}");
    }
    let (report, diags, _) = sosei::build::check(&content);
    let report = report.unwrap_or_else(|| panic!("{diags:?}"));
    let r3 = report.years.iter().find(|y| y.year == year("R3")).unwrap();
    // A cell's text is read trimmed; a block adds the final line break.
    let cell = |t: &str| Value::Text(t.to_string()).text().unwrap();
    assert_eq!(
        r3.commentary.as_deref(),
        Some(format!("{}\n", cell(&commentary)).as_str())
    );
    let rows = sosei::sheet::layout::rows(&report);
    for (i, t) in texts.iter().enumerate().take(keys.len()) {
        let row = &rows[i];
        assert_eq!(row.key, keys[i]);
        match &r3.observations[&row.at] {
            Observation::Missing { .. } if t.trim() == "~" => panic!("~ is a note"),
            Observation::Missing { reason } => assert_eq!(reason, cell(t).trim(), "{t:?}"),
            Observation::Measured { revision, .. } => {
                assert_eq!(revision.as_ref().unwrap().note, cell(t).trim(), "{t:?}")
            }
        }
        let v = r3
            .verification
            .iter()
            .find(|v| {
                v.rows.iter().any(|x| {
                    x.indicator == row.at.indicator && x.series.is_none_or(|s| s == row.at.series)
                })
            })
            .unwrap();
        assert_eq!(
            &*v.analysis,
            format!("{}\n", cell(&format!("{t}（分析）"))),
            "{t:?}"
        );
        assert_eq!(&*v.next_steps, format!("{}\n", cell(t)), "{t:?}");
    }
}

#[test]
fn texts_yaml_would_misread_arrive_unchanged() {
    for chunk in TRICKY.chunks(13) {
        let texts: Vec<String> = chunk.iter().map(|s| s.to_string()).collect();
        texts_arrive_unchanged(&texts);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn any_text_arrives_unchanged(texts in prop::collection::vec("[ -~あ-ん漢字「」：、。\t\n\u{2028}\u{3000}]{1,40}", 13)) {
        // A text that is only white space is an empty cell; 同上 is a word of its own.
        let texts: Vec<String> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| match t.trim() {
                "" | "同上" | "〃" | "同左" | "~" | "-" => format!("{i}{t}"),
                _ => t,
            })
            .collect();
        texts_arrive_unchanged(&texts);
    }
}
