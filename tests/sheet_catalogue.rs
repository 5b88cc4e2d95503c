//! The catalogue of bad returned files: each is refused with exactly the diagnostics in
//! `tests/sheet/catalogue/<case>.txt` in English and `<case>.ja.txt` in Japanese
//! (`LANG=ja_JP.UTF-8`; the temporary folder written `$DIR`), exit code 1, and the
//! content left byte for byte as it was; the Japanese has the English's frame and no
//! English message. `SOSEI_BLESS=1 cargo test --test sheet_catalogue` writes the
//! expected files of new cases (read them before committing).

#[path = "common/japanese.rs"]
mod japanese;
#[path = "sheet/support.rs"]
mod support;
use japanese::same_frame_in_japanese;
use sosei::sheet::grid::{Grid, Value};
use std::fs;
use std::path::{Path, PathBuf};
use support::*;

/// A case: its name, the year given to import, and how it makes its files from the
/// bundled R3 workbook (`book`) in `dir`.
type Make = fn(book: &Path, dir: &Path) -> Vec<PathBuf>;

const CASES: &[(&str, &str, Make)] = &[
    ("01-not-a-workbook", "R3", not_a_workbook),
    ("02-wrong-sheet", "R3", wrong_sheet),
    ("03-csv-of-the-instructions", "R3", csv_of_the_instructions),
    ("04-another-year", "R3", another_year),
    ("05-another-city", "R3", another_city),
    ("06-edited-id-column", "R3", edited_ids),
    ("07-merged-cells", "R3", merged_cells),
    ("08-formulas", "R3", formulas),
    ("09-div0", "R3", div0),
    ("10-date-in-a-number-cell", "R3", date_in_number),
    ("11-ten-thousand-rows", "R3", ten_thousand_rows),
    ("12-zip-claiming-3-gb", "R3", zip_claiming_gigabytes),
    ("13-zip-bomb", "R3", zip_bomb),
    ("14-password-xlsx", "R3", |_, _| {
        vec![root().join("tests/sheet/password.xlsx")]
    }),
    ("15-password-ods", "R3", |_, _| {
        vec![root().join("tests/sheet/password.ods")]
    }),
    ("16-not-numbers", "R3", not_numbers),
    ("17-row-rules", "R3", row_rules),
    ("18-one-workbook-twice", "R3", |book, _| {
        vec![book.to_path_buf(), book.to_path_buf()]
    }),
    ("19-scale-that-would-not-validate", "R3", bad_scale),
    ("20-year-outside-the-plan", "R9", |book, _| {
        vec![book.to_path_buf()]
    }),
    ("21-file-too-large", "R3", file_too_large),
];

fn file_too_large(_: &Path, dir: &Path) -> Vec<PathBuf> {
    // 21 MB, sparse: refused by its size, never read.
    let to = dir.join("kikaku.xlsx");
    fs::File::create(&to)
        .unwrap()
        .set_len(21 * 1024 * 1024)
        .unwrap();
    vec![to]
}

fn with_sheet(book: &Path, dir: &Path, name: &str, edit: impl FnOnce(&mut Grid)) -> Vec<PathBuf> {
    let to = dir.join(name);
    edited(book, &to, edit);
    vec![to]
}

fn not_a_workbook(_: &Path, dir: &Path) -> Vec<PathBuf> {
    let to = dir.join("kikaku.xlsx");
    fs::write(&to, "実績値\t115.3\n").unwrap();
    vec![to]
}

fn wrong_sheet(book: &Path, dir: &Path) -> Vec<PathBuf> {
    // The rows copied into a fresh workbook: no instructions, no mark in A1.
    let mut g = grids(book);
    let mut sheet = indicators(&mut g).clone();
    sheet.name = "Sheet1".into();
    sheet.cells.retain(|(_, c), _| *c > 0);
    let to = dir.join("kikaku.xlsx");
    save(&[sheet], &to);
    vec![to]
}

fn csv_of_the_instructions(book: &Path, dir: &Path) -> Vec<PathBuf> {
    let g = grids(book);
    let mut text = String::new();
    for r in 0..=g[0].last_row().unwrap() {
        let cells: Vec<String> = (0..2)
            .map(|c| format!("\"{}\"", g[0].get(r, c).shown()))
            .collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    let to = dir.join("kikaku.csv");
    fs::write(&to, text).unwrap();
    vec![to]
}

fn another_year(_: &Path, dir: &Path) -> Vec<PathBuf> {
    export(&root().join("content"), "R2", &dir.join("r2"), false)
}

fn another_city(book: &Path, dir: &Path) -> Vec<PathBuf> {
    with_sheet(book, dir, "kikaku.xlsx", |s| {
        let marker = s.get(0, 0).shown().replace(";152021;", ";999999;");
        s.cells.insert((0, 0), Value::Text(marker));
    })
}

fn edited_ids(book: &Path, dir: &Path) -> Vec<PathBuf> {
    with_sheet(book, dir, "kikaku.xlsx", |s| {
        let (a, b) = (row(s, "kigyo"), row(s, "chiiki-mirai"));
        s.cells.insert((a, 0), text("kigyou"));
        s.cells.insert((b, 0), text("ninaite"));
    })
}

fn merged_cells(book: &Path, dir: &Path) -> Vec<PathBuf> {
    with_sheet(book, dir, "kikaku.xlsx", |s| {
        let c = column(s, "課題と原因分析");
        let (a, b) = (row(s, "shukyaku"), row(s, "interchange"));
        s.merged.push(((a, c), (b, c)));
    })
}

fn formulas(book: &Path, dir: &Path) -> Vec<PathBuf> {
    with_sheet(book, dir, "kikaku.xlsx", |s| {
        let (actual, analysis) = (column(s, "実績値"), column(s, "課題と原因分析"));
        let r = row(s, "kigyo");
        s.formulas.push(((r, actual), "I9-13".into()));
        s.cells.insert((r, actual), number("27", "#,##0"));
        s.formulas.push(((r, analysis), "M8".into()));
    })
}

fn div0(book: &Path, dir: &Path) -> Vec<PathBuf> {
    // 「#DIV/0!」 pasted as a value: an error constant, with no formula behind it.
    let tmp = dir.join("formula.xlsx");
    with_sheet(book, dir, "formula.xlsx", |s| {
        let r = row(s, "kigyo");
        s.formulas.push(((r, column(s, "実績値")), "1/0".into()));
        s.cells
            .insert((r, column(s, "実績値")), Value::Text("#DIV/0!".into()));
    });
    let to = dir.join("kikaku.xlsx");
    edit_xml(&tmp, &to, "xl/worksheets/sheet2.xml", |xml| {
        let with = xml.replace("<f>1/0</f>", "");
        assert_ne!(with, xml, "the formula was written");
        with
    });
    vec![to]
}

fn date_in_number(book: &Path, dir: &Path) -> Vec<PathBuf> {
    with_sheet(book, dir, "kikaku.xlsx", |s| {
        let r = row(s, "kigyo");
        s.cells
            .insert((r, column(s, "実績値")), Value::Date("2022-03-31".into()));
    })
}

fn ten_thousand_rows(book: &Path, dir: &Path) -> Vec<PathBuf> {
    with_sheet(book, dir, "kikaku.xlsx", |s| {
        let start = s.last_row().unwrap() + 1;
        for r in start..start + 10_000 {
            s.cells.insert((r, 2), text("追加の指標"));
            s.cells.insert((r, 9), number("1", "General"));
        }
    })
}

/// A zip of one part written by hand: (name, method, declared size, data).
fn raw_zip(parts: &[(&str, u16, u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, declared, data) in parts {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend([0u8; 4]); // time, date
            h.extend(0u32.to_le_bytes()); // crc
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(declared.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn zip_claiming_gigabytes(_: &Path, dir: &Path) -> Vec<PathBuf> {
    let to = dir.join("kikaku.xlsx");
    fs::write(
        &to,
        raw_zip(&[("xl/workbook.xml", 0, 3_000_000_000, b"<x/>".to_vec())]),
    )
    .unwrap();
    vec![to]
}

/// A deflate stream of `bytes` zeros (fixed Huffman: one literal, then matches of 258 at
/// distance 1), about 1 byte for every 160.
fn zeros_deflated(bytes: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut n) = (0u64, 0u32);
    let mut bits = |value: u64, count: u32, out: &mut Vec<u8>| {
        acc |= value << n;
        n += count;
        while n >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            n -= 8;
        }
    };
    let code = |c: u64, len: u32| (0..len).fold(0u64, |r, i| r | (((c >> i) & 1) << (len - 1 - i)));
    bits(1, 1, &mut out); // last block
    bits(1, 2, &mut out); // fixed Huffman
    bits(code(0x30, 8), 8, &mut out); // literal 0
    for _ in 0..(bytes - 1) / 258 {
        bits(code(0b1100_0101, 8), 8, &mut out); // length 258
        bits(0, 5, &mut out); // distance 1
    }
    bits(0, 7, &mut out); // end of block
    bits(0, 7, &mut out); // flush
    out
}

fn zip_bomb(_: &Path, dir: &Path) -> Vec<PathBuf> {
    // It says 2 kB, and unpacks to 210 MB.
    let to = dir.join("kikaku.xlsx");
    let data = zeros_deflated(210_000_000);
    fs::write(
        &to,
        raw_zip(&[("xl/worksheets/sheet1.xml", 8, 2_048, data)]),
    )
    .unwrap();
    vec![to]
}

fn not_numbers(book: &Path, dir: &Path) -> Vec<PathBuf> {
    with_sheet(book, dir, "kikaku.xlsx", |s| {
        let c = column(s, "実績値");
        for (key, value) in [
            ("tenshutsu", text("約120")),
            ("shinai-shushoku", text("19.2（速報値）")),
            ("kigyo", text("27人")),
            ("shukyaku", text("491万")),
            ("jr-nagaoka", Value::Bool(true)),
            ("interchange", number("0.5", "0%")),
            ("ninaite", text("1,23,4")),
        ] {
            let r = row(s, key);
            s.cells.insert((r, c), value);
        }
    })
}

fn row_rules(book: &Path, dir: &Path) -> Vec<PathBuf> {
    with_sheet(book, dir, "kikaku.xlsx", |s| {
        let (actual, missing, analysis, next, revision) = (
            column(s, "実績値"),
            column(s, "未測定の理由"),
            column(s, "課題と原因分析"),
            column(s, "今後の対応"),
            column(s, "実績値を修正した場合の説明"),
        );
        s.cells
            .insert((row(s, "tenshutsu"), missing), text("調査中"));
        s.cells
            .insert((row(s, "tenshutsu"), analysis), text("同上"));
        s.cells.remove(&(row(s, "kigyo"), actual));
        s.cells.remove(&(row(s, "chiiki-mirai"), next));
        s.cells
            .insert((row(s, "kosodate-manzoku"), revision), text("修正した"));
        s.cells
            .insert((row(s, "ninaite"), analysis), text("改行\u{b}入り"));
    })
}

fn bad_scale(book: &Path, dir: &Path) -> Vec<PathBuf> {
    with_sheet(book, dir, "kikaku.xlsx", |s| {
        let r = row(s, "tenshutsu");
        s.cells.insert((r, column(s, "表示単位")), text("万"));
    })
}

#[test]
fn every_bad_file_is_refused_with_its_diagnostics() {
    let (dir, content) = bundled_copy();
    let books = export(&content, "R3", &dir.path().join("sheets"), false);
    let before = snapshot(&content);
    let bless = std::env::var_os("SOSEI_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, year, make) in CASES {
        let case = dir.path().join(name);
        fs::create_dir_all(&case).unwrap();
        let files = make(&books[0], &case);
        let mut printed = Vec::new();
        for (lang, suffix) in [("C", "txt"), ("ja_JP.UTF-8", "ja.txt")] {
            let (code, err) = import_in(lang, &files, year, &content, &[], dir.path());
            let err = err.replace(&root().display().to_string(), "$ROOT");
            let expected_file = root()
                .join("tests/sheet/catalogue")
                .join(format!("{name}.{suffix}"));
            if bless && !expected_file.exists() {
                fs::write(&expected_file, &err).unwrap();
            }
            let expected = fs::read_to_string(&expected_file).unwrap_or_default();
            if code != 1 {
                failures.push(format!(
                    "{name} ({lang}): exit code {code}, expected 1:\n{err}"
                ));
            } else if err != expected {
                failures.push(format!(
                    "{name} ({lang}): printed\n{err}\nexpected\n{expected}"
                ));
            }
            assert!(
                snapshot(&content) == before,
                "{name} ({lang}): the content was changed"
            );
            printed.push(err);
        }
        if let Err(e) = same_frame_in_japanese(&printed[0], &printed[1]) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}
