//! Export and import of a copy of the bundled content whose texts have white space at
//! their ends, as a person may write them in YAML: the unchanged workbook comes back
//! with no difference to confirm.

use super::grid::Value;
use crate::fiscal_year::FiscalYear;
use std::fs;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Replaces `from` with `to` in the file at `path`, once; it must be there.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn texts_with_white_space_at_their_ends_are_no_difference() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
    let r3 = content.join("results/R3");
    // An analysis indented two spaces (a `|2` block), next steps with a full-width space
    // (字下げ) before them and spaces after, a commentary with a full-width space.
    edit(
        &r3.join("verification.yaml"),
        "    analysis: |\n      人口減少",
        "    analysis: |2\n        人口減少",
    );
    edit(
        &r3.join("verification.yaml"),
        "    next_steps: |\n      引き続き4大学",
        "    next_steps: |\n      \u{3000}引き続き4大学",
    );
    edit(
        &r3.join("verification.yaml"),
        "若者定着に向けた取り組みを進めていきます。\n",
        "若者定着に向けた取り組みを進めていきます。  \n",
    );
    edit(
        &r3.join("result.yaml"),
        "commentary: |\n  新型",
        "commentary: |\n  \u{3000}新型",
    );
    let (report, diags, _) = crate::build::check(&content);
    let report = report.unwrap_or_else(|| panic!("{diags:?}"));
    let year = FiscalYear::parse("R3").unwrap();
    let r3_model = report.years.iter().find(|y| y.year == year).unwrap();
    // The content's check keeps the white space.
    assert!(r3_model.verification[0].analysis.starts_with("  人口減少"));
    assert!(r3_model.verification[0]
        .next_steps
        .starts_with("\u{3000}引き続き"));
    assert!(r3_model.verification[0].next_steps.ends_with("。  \n"));
    assert!(r3_model
        .commentary
        .as_deref()
        .unwrap()
        .starts_with('\u{3000}'));

    let out = dir.path().join("sheets");
    let books: Vec<_> = super::export(&content, year, &out, false)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .files
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    // The cells hold the texts as import reads them back.
    let book = super::read::read_book(&books[0], "x").unwrap();
    let analysis = book.sheets[1]
        .cells
        .values()
        .find(|v| matches!(v, Value::Text(t) if t.contains("人口減少対策")))
        .unwrap();
    assert_eq!(Some(analysis.shown()), analysis.text());

    let imported = super::import(&books, &content, year, false).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(imported.replaced.is_empty(), "{:?}", imported.replaced);
    assert_eq!(imported.check.error_count(), 0);
    // Written as the cells hold them.
    let written = fs::read_to_string(r3.join("verification.yaml")).unwrap();
    assert!(
        written.contains("    analysis: |\n      人口減少"),
        "{written}"
    );
    assert!(
        written.contains("    next_steps: |\n      引き続き4大学"),
        "{written}"
    );
}

#[test]
fn the_check_reported_is_the_content_s_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
    // A warning in the year's folder (a YAML file in no place sosei reads), and a second
    // verification file, which the one written replaces.
    fs::write(content.join("results/R3/memo.yaml"), "a: 1\n").unwrap();
    let year = FiscalYear::parse("R3").unwrap();
    let out = dir.path().join("sheets");
    let books: Vec<_> = super::export(&content, year, &out, false)
        .unwrap()
        .files
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    fs::write(
        content.join("results/R3/verification_2.yaml"),
        "entries: []\n",
    )
    .unwrap();
    let imported = super::import(&books, &content, year, false).unwrap_or_else(|e| panic!("{e:?}"));
    let (_, after, _) = crate::build::check(&content);
    assert_eq!(after.warning_count(), 1, "{}", after.to_json());
    assert_eq!(imported.check.to_json(), after.to_json());
    assert!(content.join("results/R3/verification_2.yaml.bak").exists());
    let r3 = content.join("results/R3");
    assert_eq!(
        imported.written,
        vec![
            (r3.join("result.yaml"), true),
            (r3.join("verification.yaml"), true)
        ]
    );
    // Again, with the year's files gone: both are new.
    fs::remove_dir_all(&r3).unwrap();
    let imported = super::import(&books, &content, year, false).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        imported.written,
        vec![
            (r3.join("result.yaml"), false),
            (r3.join("verification.yaml"), false)
        ]
    );
    assert_eq!(
        imported.check.to_json(),
        crate::build::check(&content).1.to_json()
    );
}
