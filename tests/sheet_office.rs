//! Exported workbooks as office programs see them: calamine opens every one; LibreOffice
//! (headless, Debian's libreoffice-calc-nogui) converts every one to CSV; what LibreOffice
//! saves again (ods, xls, xlsx, a Shift_JIS CSV) imports to the same site. The LibreOffice tests
//! are skipped with a message when soffice is missing, and fail in CI (`CI` set).
//! The workbook's protection, validation and page set-up are read from its XML.

#[path = "sheet/support.rs"]
mod support;
use calamine::Reader;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use support::*;

/// Every kind of exported workbook: all indicators (with the commentary), by department
/// (content with 所管課), and a blank year with a milestone.
fn every_export(dir: &Path) -> Vec<PathBuf> {
    let (_keep, content) = bundled_copy();
    let mut books = export(&content, "R3", &dir.join("all"), false);
    books.extend(export(&content, "R2", &dir.join("r2"), true));
    let site = dir.join("site");
    sosei::scaffold::new_site(&site, "みほん市", sosei::scaffold::Shape::Goals).unwrap();
    books.extend(export(
        &site.join("content"),
        "R8",
        &dir.join("goals"),
        true,
    ));
    books
}

#[test]
fn calamine_opens_every_exported_workbook() {
    let dir = tempfile::tempdir().unwrap();
    for book in every_export(dir.path()) {
        let mut wb = calamine::open_workbook_auto(&book).unwrap();
        let names = wb.sheet_names();
        assert_eq!(names[0], "記入方法", "{}", book.display());
        let sheet = wb.worksheet_range(&names[1]).unwrap();
        let a1 = sheet.get_value((0, 0)).unwrap().to_string();
        assert!(a1.starts_with("sosei-sheet/1;"), "{a1}");
        assert_eq!(sheet.get_value((2, 1)).unwrap().to_string(), "目標");
    }
}

/// The text of a part of a zip.
fn part(book: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(book).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_indicators_sheet_is_protected_validated_and_set_up_for_a4_landscape() {
    let dir = tempfile::tempdir().unwrap();
    let (_keep, content) = bundled_copy();
    let book = &export(&content, "R3", dir.path(), false)[0];
    let xml = part(book, "xl/worksheets/sheet2.xml");
    assert!(xml.contains("<sheetProtection"), "protected");
    assert!(!xml.contains("password="), "without a password");
    assert!(xml.contains(r#"paperSize="9""#) && xml.contains(r#"orientation="landscape""#));
    assert!(xml.contains(r#"fitToHeight="0""#), "one page wide");
    assert!(
        xml.contains(r#"<dataValidation type="decimal""#),
        "number validation"
    );
    assert!(
        xml.contains(r#"<col min="1" max="1" width="12.7109375" hidden="1""#),
        "the ID column is hidden: {xml}"
    );
    // Input cells are unlocked (and shaded), context cells locked.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book).unwrap();
    let styles = wb.worksheet_style("数値目標").unwrap();
    let locked = |r: u32, c: u32| {
        styles
            .get((r, c))
            .and_then(|s| s.protection.as_ref())
            .is_none_or(|p| p.locked)
    };
    let mut g = grids(book);
    let sheet = indicators(&mut g);
    let r = row(sheet, "tenshutsu");
    for heading in [
        "実績値",
        "未測定の理由",
        "課題と原因分析",
        "今後の対応",
        "実績値を修正した場合の説明",
    ] {
        assert!(!locked(r, column(sheet, heading)), "{heading} is unlocked");
    }
    for heading in ["ID", "目標", "指標名", "当初値", "目標値"] {
        assert!(locked(r, column(sheet, heading)), "{heading} is locked");
    }
    // A milestone's cell gets a 達成/未達成 list instead.
    let site = dir.path().join("site");
    sosei::scaffold::new_site(&site, "みほん市", sosei::scaffold::Shape::Goals).unwrap();
    let goals = export(
        &site.join("content"),
        "R8",
        &dir.path().join("goals"),
        false,
    );
    let xml = part(&goals[0], "xl/worksheets/sheet2.xml");
    assert!(
        xml.contains(r#"<dataValidation type="list""#) && xml.contains("達成,未達成"),
        "{xml}"
    );
}

#[test]
fn libreoffice_converts_every_exported_workbook() {
    if !soffice_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (n, book) in every_export(dir.path()).iter().enumerate() {
        let out = dir.path().join(format!("csv{n}"));
        // UTF-8, every sheet to its own file, cells as shown.
        let csvs = soffice_convert(
            book,
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            &out,
        );
        assert_eq!(csvs.len(), 2, "two sheets: {csvs:?}");
        let indicators =
            fs::read_to_string(&csvs[1]).unwrap_or_else(|_| fs::read_to_string(&csvs[0]).unwrap());
        let text = [fs::read_to_string(&csvs[0]).unwrap(), indicators].concat();
        assert!(
            text.contains("sosei-sheet/1;"),
            "{}: {text}",
            book.display()
        );
        assert!(text.contains("ID,目標,指標名,単位"), "{text}");
    }
}

/// Converts the R3 workbook with LibreOffice to `to`, imports it into a copy without
/// R3, and checks that the site is the bundled one.
fn office_round_trip(to: &str, edit: Option<fn(&mut sosei::sheet::grid::Grid)>) {
    let dir = tempfile::tempdir().unwrap();
    let (_keep, content) = bundled_copy();
    sosei::build::build(&content, &dir.path().join("before")).unwrap();
    let before = snapshot(&dir.path().join("before"));
    let mut book = export(&content, "R3", &dir.path().join("sheets"), false).remove(0);
    if let Some(edit) = edit {
        let edited_book = dir.path().join("edited.xlsx");
        edited(&book, &edited_book, edit);
        book = edited_book;
    }
    let converted = soffice_convert(&book, to, &dir.path().join("converted"));
    if to.starts_with("csv") {
        // A CSV has no commentary: the one written into result.yaml by hand is kept.
        let original = fs::read_to_string(root().join("content/results/R3/result.yaml")).unwrap();
        let head: String = original.lines().take(3).map(|l| format!("{l}\n")).collect();
        fs::write(content.join("results/R3/result.yaml"), head).unwrap();
        fs::remove_file(content.join("results/R3/verification.yaml")).unwrap();
    } else {
        fs::remove_dir_all(content.join("results/R3")).unwrap();
    }
    let (code, err) = import(&converted, "R3", &content, &[], dir.path());
    assert_eq!(code, 0, "{to}: {err}");
    sosei::build::build(&content, &dir.path().join("after")).unwrap();
    assert!(
        before == snapshot(&dir.path().join("after")),
        "{to}: the same site"
    );
}

#[test]
fn libreoffice_s_ods_xls_xlsx_and_shift_jis_csv_import_to_the_same_site() {
    if !soffice_present() {
        return;
    }
    office_round_trip("ods", None);
    office_round_trip("xls:MS Excel 97", None);
    office_round_trip("xlsx:Calc MS Excel 2007 XML", None);
    office_round_trip(
        "csv:Text - txt - csv (StarCalc):44,34,64,1,,0,false,true,true,false,false,2",
        None,
    );
}

#[test]
fn a_percentage_kept_as_a_fraction_in_an_ods_file_reads_by_the_documented_rule() {
    if !soffice_present() {
        return;
    }
    // 55.9% typed into a cell formatted as a percentage: the ods keeps 0.559 and calamine
    // does not tell the format; the unit is % and the baseline (62.1) and target (70)
    // are above 1, so 0.559 is read as 55.9.
    office_round_trip(
        "ods",
        Some(|sheet| {
            let (r, c) = (row(sheet, "kangaeru.shogakko"), column(sheet, "実績値"));
            sheet.cells.insert((r, c), number("0.559", "0.0%"));
        }),
    );
}
