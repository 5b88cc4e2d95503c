//! What staff type into the cells arrives as the numbers they meant: full-width digits,
//! commas, △ negatives, units after the number, percentages kept as fractions, numbers
//! stored as text, 「－」; 「同上」; the same in CSV as Excel saves it (UTF-8 with a BOM,
//! Shift_JIS); and a changed value needs --force.

#[path = "sheet/support.rs"]
mod support;
use sosei::sheet::grid::{format_shape, Grid, NumberFormat, Value};
use std::fs;
use std::path::{Path, PathBuf};
use support::*;

/// Every file of a built site, with its bytes.
type Snapshot = Vec<(PathBuf, Vec<u8>)>;

/// The bundled R3 workbook with every actual typed the way staff type it (meaning the
/// bundled values): (temp dir, content without results/R3, the edited workbook's grids,
/// the site built from the bundled content).
fn staff_typed() -> (tempfile::TempDir, PathBuf, Vec<Grid>, Snapshot) {
    let (dir, content) = bundled_copy();
    sosei::build::build(&content, &dir.path().join("before")).unwrap();
    let before = snapshot(&dir.path().join("before"));
    let books = export(&content, "R3", &dir.path().join("sheets"), false);
    let mut g = grids(&books[0]);
    let sheet = indicators(&mut g);
    let actual = column(sheet, "実績値");
    let typed = [
        ("tenshutsu", text("１１５．３")),
        ("shinai-shushoku", text("19.2%")),
        ("kosodate-manzoku", text("－")),
        ("kangaeru.shogakko", number("0.559", "0.0%")),
        ("kangaeru.chugakko", text("５１．８％")),
        ("kigyo", text("27件")),
        ("chiiki-mirai", text("29")),
        ("ninaite", text(" 66.9 ")),
        ("shukyaku", text("4,910,000人")),
        ("jr-nagaoka", text("980,000")),
        ("interchange", text("１０，４７０，０００")),
        ("phoenix-net.kikan", text("246機関")),
        ("phoenix-net.tourokusha", number("8004", "#,##0")),
    ];
    for (key, value) in typed {
        let r = row(sheet, key);
        sheet.cells.insert((r, actual), value);
    }
    fs::remove_dir_all(content.join("results/R3")).unwrap();
    (dir, content, g, before)
}

fn built(content: &Path, out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    sosei::build::build(content, out).unwrap_or_else(|d| panic!("{d}"));
    snapshot(out)
}

#[test]
fn staff_forms_arrive_as_the_bundled_numbers() {
    let (dir, content, g, before) = staff_typed();
    let book = dir.path().join("kikaku.xlsx");
    save(&g, &book);
    let (code, err) = import(&[book], "R3", &content, &[], dir.path());
    assert_eq!(code, 0, "{err}");
    let result = fs::read_to_string(content.join("results/R3/result.yaml")).unwrap();
    for line in [
        "  tenshutsu: 115.3\n",
        "  shinai-shushoku: 19.2\n",
        "  kangaeru.shogakko: 55.9\n",
        "  kangaeru.chugakko: 51.8\n",
        "  kigyo: 27\n",
        "  shukyaku: 4910000\n",
        "  interchange: 10470000\n",
        "  phoenix-net.kikan: 246\n",
        "  phoenix-net.tourokusha: 8004\n",
    ] {
        assert!(result.contains(line), "{line:?} in\n{result}");
    }
    // Everything arrived as meant: the site is the bundled one, byte for byte.
    assert!(
        before == built(&content, &dir.path().join("after")),
        "the same site"
    );
}

/// What Excel shows in a cell, as its CSV has it: the number in its format's decimals,
/// with separators and a % where the format has them.
fn shown(v: &Value) -> String {
    match v {
        Value::Number {
            text,
            format: NumberFormat::Code(code),
        } => {
            let (decimals, percent) = format_shape(code);
            let mut x: f64 = text.parse().unwrap();
            if percent {
                x *= 100.0;
            }
            let digits = format!("{x:.*}", usize::from(decimals));
            let (int, frac) = digits
                .split_once('.')
                .map_or((digits.as_str(), ""), |(i, f)| (i, f));
            let grouped = if code.contains(',') {
                let b: Vec<char> = int.chars().collect();
                let mut out = String::new();
                for (i, c) in b.iter().enumerate() {
                    if i > 0 && (b.len() - i).is_multiple_of(3) {
                        out.push(',');
                    }
                    out.push(*c);
                }
                out
            } else {
                int.to_string()
            };
            let frac = if frac.is_empty() {
                String::new()
            } else {
                format!(".{frac}")
            };
            format!("{grouped}{frac}{}", if percent { "%" } else { "" })
        }
        other => other.shown(),
    }
}

/// The sheet as Excel writes it to CSV: every row to the last, quoted where needed, CRLF.
fn csv(grid: &Grid) -> String {
    let last_col = grid.cells.keys().map(|(_, c)| *c).max().unwrap();
    let mut out = String::new();
    for r in 0..=grid.last_row().unwrap() {
        let fields: Vec<String> = (0..=last_col)
            .map(|c| {
                let t = shown(grid.get(r, c));
                if t.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", t.replace('"', "\"\""))
                } else {
                    t
                }
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

#[test]
fn csv_saved_by_excel_in_utf8_with_bom_or_shift_jis_reads_the_same() {
    for encoding in ["utf-8", "shift_jis"] {
        let (dir, content, mut g, before) = staff_typed();
        let text = csv(indicators(&mut g));
        let bytes = match encoding {
            "utf-8" => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            _ => {
                let (b, _, lossy) = encoding_rs::SHIFT_JIS.encode(&text);
                assert!(!lossy, "the sheet's text fits Shift_JIS");
                b.into_owned()
            }
        };
        let file = dir.path().join("kikaku.csv");
        fs::write(&file, bytes).unwrap();
        // A CSV holds the indicators sheet only: the year's commentary is the one the
        // planning department wrote into result.yaml.
        let year_dir = content.join("results/R3");
        fs::create_dir_all(&year_dir).unwrap();
        let original = fs::read_to_string(root().join("content/results/R3/result.yaml")).unwrap();
        let commentary: String = original.lines().take(3).map(|l| format!("{l}\n")).collect();
        assert!(
            commentary.starts_with("year: R3\ncommentary: |\n  "),
            "{commentary}"
        );
        fs::write(year_dir.join("result.yaml"), commentary).unwrap();
        let (code, err) = import(&[file], "R3", &content, &[], dir.path());
        assert_eq!(code, 0, "{encoding}: {err}");
        assert!(
            before == built(&content, &dir.path().join("after")),
            "{encoding}: the same site"
        );
    }
}

#[test]
fn a_changed_value_is_shown_and_needs_force() {
    let (dir, content) = bundled_copy();
    let books = export(&content, "R3", &dir.path().join("sheets"), false);
    let original = fs::read_to_string(content.join("results/R3/result.yaml")).unwrap();
    let book = dir.path().join("kikaku.xlsx");
    edited(&books[0], &book, |sheet| {
        let r = row(sheet, "tenshutsu");
        sheet
            .cells
            .insert((r, column(sheet, "実績値")), text("△1.5"));
    });
    let (code, err) = import(std::slice::from_ref(&book), "R3", &content, &[], dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "difference: $DIR/kikaku.xlsx!数値目標!J4: `tenshutsu` 実績値: 「115.3」 → 「-1.5」\n\
         error: 1 value(s) differ from what the content has (above); run again with --force to replace them\n"
    );
    assert_eq!(
        fs::read_to_string(content.join("results/R3/result.yaml")).unwrap(),
        original
    );
    let (code, err) = import(&[book], "R3", &content, &["--force"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("replaced: $DIR/kikaku.xlsx!数値目標!J4: `tenshutsu` 実績値"),
        "{err}"
    );
    assert!(fs::read_to_string(content.join("results/R3/result.yaml"))
        .unwrap()
        .contains("  tenshutsu: -1.5\n"));
    assert_eq!(
        fs::read_to_string(content.join("results/R3/result.yaml.bak")).unwrap(),
        original
    );
}

#[test]
fn same_as_above_joins_rows_into_one_verification_entry() {
    let (dir, content) = bundled_copy();
    let books = export(&content, "R3", &dir.path().join("sheets"), false);
    let book = dir.path().join("kikaku.xlsx");
    edited(&books[0], &book, |sheet| {
        let r = row(sheet, "chiiki-mirai");
        sheet
            .cells
            .insert((r, column(sheet, "課題と原因分析")), text("同上"));
        sheet
            .cells
            .insert((r, column(sheet, "今後の対応")), text(" 同上 "));
    });
    let (code, err) = import(&[book], "R3", &content, &["--force"], dir.path());
    assert_eq!(code, 0, "{err}");
    let v = fs::read_to_string(content.join("results/R3/verification.yaml")).unwrap();
    assert!(v.contains("  - indicators: [kigyo, chiiki-mirai]\n    analysis: |\n      起業件数は目標値を下回り"), "{v}");
    assert!(!v.contains("同上"), "{v}");
}

#[test]
fn an_indicator_in_no_workbook_is_kept_or_reported() {
    let (dir, content) = bundled_copy();
    let books = export(&content, "R3", &dir.path().join("sheets"), false);
    let part = dir.path().join("part.xlsx");
    edited(&books[0], &part, |sheet| {
        let keep: Vec<u32> = (3..=5).collect();
        sheet.cells.retain(|(r, _), _| *r < 3 || keep.contains(r));
    });
    // The content has R3: the others are kept, and said to be.
    let (code, err) = import(std::slice::from_ref(&part), "R3", &content, &[], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("note: `kigyo` (「起業支援センターながおかでの支援により起業した件数」) is in no workbook: kept as the content has it"), "{err}");
    // Without R3 they are errors, and nothing is written.
    fs::remove_dir_all(content.join("results/R3")).unwrap();
    let (code, err) = import(&[part], "R3", &content, &[], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("error: `kigyo` (「起業支援センターながおかでの支援により起業した件数」) is in no workbook, and the content has nothing for it in 令和3年度"), "{err}");
    assert!(!content.join("results/R3").exists());
}

#[test]
fn a_file_that_cannot_be_read_is_the_only_error_reported() {
    // Its rows may well be in it: they are not reported again as in no workbook.
    let (dir, content) = bundled_copy();
    fs::remove_dir_all(content.join("results/R3")).unwrap();
    let book = dir.path().join("kikaku.xlsx");
    fs::write(&book, "not a workbook").unwrap();
    let (code, err) = import(&[book], "R3", &content, &[], dir.path());
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.starts_with("error: $DIR/kikaku.xlsx: this is not a workbook"),
        "{err}"
    );
}
