//! The yearly round trip: the bundled report's year exported, its results deleted, the
//! unchanged workbooks imported: the built site is byte for byte the bundled one's.

#[path = "sheet/support.rs"]
mod support;
use std::fs;
use std::path::Path;
use support::*;

/// Builds `content` into `out` and returns every file of the site.
fn site(content: &Path, out: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    sosei::build::build(content, out).unwrap_or_else(|d| panic!("build failed: {d}"));
    snapshot(out)
}

fn assert_same_site(a: &[(std::path::PathBuf, Vec<u8>)], b: &[(std::path::PathBuf, Vec<u8>)]) {
    let names =
        |s: &[(std::path::PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b), "the same files");
    for ((path, x), (_, y)) in a.iter().zip(b) {
        assert!(x == y, "{} differs", path.display());
    }
    assert!(a.len() > 5, "a whole site, not a stub");
}

/// Exports `year`, deletes its results, imports the workbooks: the site is the same.
/// Workbooks by department carry no commentary: the planning department's own is kept,
/// written by hand into a result.yaml that has nothing else yet.
fn round_trip(content: &Path, dir: &Path, y: &str, by_department: bool) -> Vec<std::path::PathBuf> {
    let before = site(content, &dir.join("before"));
    let (report, _, _) = sosei::build::check(content);
    let commentary = report
        .unwrap()
        .years
        .iter()
        .find(|r| r.year == year(y))
        .unwrap()
        .commentary
        .clone()
        .unwrap();
    let books = export(content, y, &dir.join("sheets"), by_department);
    fs::remove_dir_all(content.join("results").join(y)).unwrap();
    if by_department {
        let by_hand = format!(
            "year: {y}\ncommentary: |\n  {}",
            commentary.trim_end().replace('\n', "\n  ") + "\n"
        );
        fs::create_dir_all(content.join("results").join(y)).unwrap();
        fs::write(content.join("results").join(y).join("result.yaml"), by_hand).unwrap();
    }
    let (code, err) = import(&books, y, content, &[], dir);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("sosei check after writing: 0 error(s)"),
        "{err}"
    );
    let after = site(content, &dir.join("after"));
    assert_same_site(&before, &after);
    books
}

#[test]
fn r3_exported_and_imported_builds_the_same_site() {
    let (dir, content) = bundled_copy();
    let books = round_trip(&content, dir.path(), "R3", false);
    assert_eq!(books.len(), 1);
    let result = fs::read_to_string(content.join("results/R3/result.yaml")).unwrap();
    let verification = fs::read_to_string(content.join("results/R3/verification.yaml")).unwrap();
    // Laid out as a person would: the content's order, goals as comments, series by key.
    assert!(
        result.contains("actuals:\n  # 戦略1 若者定着\n  tenshutsu: 115.3\n"),
        "{result}"
    );
    assert!(result.contains("  kangaeru.shogakko: 55.9\n  kangaeru.chugakko: 51.8\n"));
    assert!(result.contains("commentary: |\n  新型コロナウイルス感染症の影響により"));
    // Three indicators sharing one analysis come back as one entry, in 万.
    assert!(
        verification
            .contains("  - indicators: [shukyaku, jr-nagaoka, interchange]\n    scale: 万\n"),
        "{verification}"
    );
    // A compound indicator's series with one text are the indicator; with their own, apart.
    assert!(verification.contains("  - indicators: [kangaeru]\n"));
    assert!(verification.contains("  - indicators: [phoenix-net.kikan]\n"));
    assert!(verification.contains("  - indicators: [phoenix-net.tourokusha]\n"));
}

#[test]
fn r2_with_revisions_and_a_missing_compound_indicator_round_trips() {
    let (dir, content) = bundled_copy();
    round_trip(&content, dir.path(), "R2", false);
    let result = fs::read_to_string(content.join("results/R2/result.yaml")).unwrap();
    assert!(
        result.contains(
            "  kangaeru: 新型コロナウイルス感染症の影響により、調査未実施のため実績値なし。\n"
        ),
        "{result}"
    );
    assert!(
        result.contains("revised:\n  shinai-shushoku:\n    note: 算出方法に誤りがあったため"),
        "{result}"
    );
    assert!(
        result.contains("  shinai-shushoku: 20.0\n"),
        "20.0 keeps its decimal: {result}"
    );
}

/// Gives indicators 所管課, so that strategy 5's shared analysis is split over two
/// workbooks, and one indicator has none.
fn add_departments(content: &Path) {
    let departments = [
        ("1-1-tenshutsu", Some("企画政策課")),
        ("1-2-shinai-shushoku", Some("企画政策課")),
        ("2-1-kosodate-manzoku", Some("子ども・子育て課")),
        ("3-1-kangaeru", Some("学校教育課")),
        ("4-1-kigyo", Some("産業立地課")),
        ("4-2-chiiki-mirai", Some("産業立地課")),
        ("4-3-ninaite", Some("農水産政策課")),
        ("5-1-shukyaku", Some("観光企画課")),
        ("5-2-jr-nagaoka", Some("交通政策課")),
        ("5-3-interchange", Some("交通政策課")),
        ("6-1-phoenix-net", None),
    ];
    for (file, department) in departments {
        let path = content.join("indicators").join(format!("{file}.yaml"));
        let mut text = fs::read_to_string(&path).unwrap();
        if let Some(d) = department {
            text.push_str(&format!("department: {d}\n"));
        }
        fs::write(path, text).unwrap();
    }
}

#[test]
fn by_department_workbooks_round_trip_and_rejoin_a_shared_analysis() {
    let (dir, content) = bundled_copy();
    add_departments(&content);
    let books = round_trip(&content, dir.path(), "R3", true);
    let names: Vec<String> = books
        .iter()
        .map(|b| b.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "R3_実績調査票_企画政策課.xlsx",
            "R3_実績調査票_子ども・子育て課.xlsx",
            "R3_実績調査票_学校教育課.xlsx",
            "R3_実績調査票_産業立地課.xlsx",
            "R3_実績調査票_農水産政策課.xlsx",
            "R3_実績調査票_観光企画課.xlsx",
            "R3_実績調査票_交通政策課.xlsx",
            "R3_実績調査票_所管課なし.xlsx",
        ]
    );
    let verification = fs::read_to_string(content.join("results/R3/verification.yaml")).unwrap();
    assert!(
        verification
            .contains("  - indicators: [shukyaku, jr-nagaoka, interchange]\n    scale: 万\n"),
        "{verification}"
    );
    // Each department's workbook holds only its rows; the commentary cell is in none.
    let mut g = grids(&books[6]);
    let sheet = indicators(&mut g);
    assert_eq!(sheet.get(3, 0).text().as_deref(), Some("jr-nagaoka"));
    assert_eq!(sheet.get(4, 0).text().as_deref(), Some("interchange"));
    assert_eq!(sheet.get(5, 0).text(), None);
    assert_eq!(sheet.get(1, 0).text().as_deref(), Some("交通政策課"));
}

#[test]
fn importing_the_same_workbook_again_writes_nothing() {
    let (dir, content) = bundled_copy();
    let books = export(&content, "R3", &dir.path().join("sheets"), false);
    // Into the bundled files: no value differs, so no --force is needed; the files are
    // written in sosei's layout, the hand-written ones kept as .bak.
    let original = fs::read_to_string(content.join("results/R3/result.yaml")).unwrap();
    let (code, err) = import(&books, "R3", &content, &[], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(content.join("results/R3/result.yaml.bak")).unwrap(),
        original
    );
    let (code, err) = import(&books, "R3", &content, &[], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the content already says all of this; nothing was written"),
        "{err}"
    );
}

#[test]
fn export_never_replaces_a_workbook() {
    let (dir, content) = bundled_copy();
    let out = dir.path().join("sheets");
    let books = export(&content, "R3", &out, false);
    fs::write(&books[0], b"filled in by a department").unwrap();
    let again = sosei::sheet::export(&content, year("R3"), &out, false);
    match again {
        Err(sosei::sheet::Failure::Messages(m)) => {
            assert!(m[0].contains("already exists"), "{m:?}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(fs::read(&books[0]).unwrap(), b"filled in by a department");
}

/// `sosei new --shape goals`: 基本目標 → 具体的施策, KPIs with 所管課, a milestone, an
/// external committee's opinions.
fn goals_shaped() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    sosei::scaffold::new_site(&site, "みほん市", sosei::scaffold::Shape::Goals).unwrap();
    (dir, site.join("content"))
}

#[test]
fn a_goals_shaped_report_with_a_milestone_round_trips() {
    let (dir, content) = goals_shaped();
    let external = fs::read(content.join("results/R7/external.yaml")).unwrap();
    // external.yaml is not the sheet's: it stays where it is.
    let before = site(&content, &dir.path().join("before"));
    let books = export(&content, "R7", &dir.path().join("sheets"), false);
    fs::remove_file(content.join("results/R7/result.yaml")).unwrap();
    fs::remove_file(content.join("results/R7/verification.yaml")).unwrap();
    let (code, err) = import(&books, "R7", &content, &[], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_same_site(&before, &site(&content, &dir.path().join("after")));
    let result = fs::read_to_string(content.join("results/R7/result.yaml")).unwrap();
    assert!(result.contains("milestones:\n  site: true\n"), "{result}");
    assert_eq!(
        fs::read(content.join("results/R7/external.yaml")).unwrap(),
        external
    );
}

#[test]
fn a_year_not_begun_is_exported_blank_and_imported_filled() {
    let (dir, content) = goals_shaped();
    let books = export(&content, "R8", &dir.path().join("sheets"), false);
    let mut g = grids(&books[0]);
    let sheet = indicators(&mut g);
    let (actual, analysis, next) = (
        column(sheet, "実績値"),
        column(sheet, "課題と原因分析"),
        column(sheet, "今後の対応"),
    );
    let (koyo, sogyo, site_row) = (row(sheet, "koyo"), row(sheet, "sogyo"), row(sheet, "site"));
    for r in [koyo, sogyo, site_row] {
        assert_eq!(
            sheet.get(r, actual).text(),
            None,
            "blank: nothing for R8 yet"
        );
    }
    sheet.cells.insert((koyo, actual), text("４６０"));
    sheet.cells.insert((sogyo, actual), number("26", "#,##0"));
    sheet.cells.insert((site_row, actual), text("達成"));
    sheet
        .cells
        .insert((koyo, analysis), text("求人が増えた。\n特に製造業で。"));
    sheet.cells.insert((koyo, next), text("引き続き支援する。"));
    let filled = dir.path().join("filled.xlsx");
    save(&g, &filled);
    let (code, err) = import(&[filled], "R8", &content, &[], dir.path());
    assert_eq!(code, 0, "{err}");
    let (report, diags, _) = sosei::build::check(&content);
    let report = report.unwrap_or_else(|| panic!("{diags:?}"));
    let r8 = report.years.iter().find(|y| y.year == year("R8")).unwrap();
    let values: Vec<String> = r8
        .observations
        .values()
        .map(|o| {
            o.value()
                .map(|q| format!("{}/{}", q.mantissa(), q.scale()))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(values, ["460/0", "26/0", "1/0"]);
    assert_eq!(
        &*r8.verification[0].analysis,
        "求人が増えた。\n特に製造業で。\n"
    );
}

#[test]
fn separate_entries_with_the_same_text_stay_apart_and_several_files_become_one() {
    let (dir, content) = bundled_copy();
    let year_dir = content.join("results/R3");
    let text = fs::read_to_string(year_dir.join("verification.yaml")).unwrap();
    // Two series of phoenix-net, each its own entry, with the same texts; the entries
    // split over two files (read in name order: `verification_2.yaml` after
    // `verification.yaml`, so that the entries stay in the content's order, which is
    // the order import writes them in).
    let (head, tail) = text.split_at(text.find("  - indicators: [phoenix-net.kikan]").unwrap());
    let kikan = "  - indicators: [phoenix-net.kikan]\n    analysis: |\n      同じ分析。\n    next_steps: |\n      同じ対応。\n";
    let tourokusha = kikan.replace("phoenix-net.kikan", "phoenix-net.tourokusha");
    assert!(tail.contains("phoenix-net.tourokusha"));
    fs::write(year_dir.join("verification.yaml"), head).unwrap();
    fs::write(
        year_dir.join("verification_2.yaml"),
        format!("entries:\n{kikan}{tourokusha}"),
    )
    .unwrap();
    let before = site(&content, &dir.path().join("before"));
    let books = export(&content, "R3", &dir.path().join("sheets"), false);
    let original = fs::read_to_string(year_dir.join("verification_2.yaml")).unwrap();
    let (code, err) = import(&books, "R3", &content, &[], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_same_site(&before, &site(&content, &dir.path().join("after")));
    let v = fs::read_to_string(year_dir.join("verification.yaml")).unwrap();
    assert!(
        v.contains("  - indicators: [phoenix-net.kikan]\n")
            && v.contains("  - indicators: [phoenix-net.tourokusha]\n"),
        "{v}"
    );
    assert!(!year_dir.join("verification_2.yaml").exists());
    assert_eq!(
        fs::read_to_string(year_dir.join("verification_2.yaml.bak")).unwrap(),
        original
    );
}
