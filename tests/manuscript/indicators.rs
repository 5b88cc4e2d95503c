//! Indicator edits: patched when they keep what other files are checked against.

use super::*;
use sosei::manuscript::Update;
use std::sync::Arc;

#[test]
fn indicator_edits_are_patched_or_validated_again_and_always_match_a_fresh_check() {
    let (_dir, content) = copy_content("content");
    let mut m = Manuscript::open(&content);
    assert_fresh(&m, &content, "open");
    let first = m.report().expect("the bundled report checks").clone();

    let p = replace(
        &content,
        TENSHUTSU,
        "name: 転出者超過率",
        "name: 転出超過率",
    );
    let update = m.update(&[p]);
    assert_eq!(
        update,
        Update {
            files_read: 1,
            recheck: Recheck::Patched
        }
    );
    assert_fresh(&m, &content, "name edit");
    let patched = m.report().unwrap().clone();
    assert_eq!(patched.indicators[0].name, "転出超過率");
    // Only the edited indicator is new; the rest of the report is shared.
    assert!(!Arc::ptr_eq(&first.indicators[0], &patched.indicators[0]));
    assert!(Arc::ptr_eq(&first.indicators[1], &patched.indicators[1]));
    assert!(Arc::ptr_eq(&first.years[0], &patched.years[0]));
    assert!(Arc::ptr_eq(&first.grants[0], &patched.grants[0]));

    let p = replace(&content, TENSHUTSU, "target: 105", "target: 104.5");
    step(&mut m, &content, "target edit", &[&p], Recheck::Patched);
    // A path relative to the content folder, and a compound indicator's series.
    replace(&content, KANGAERU, "baseline: 62.1", "baseline: 62.0");
    let p = PathBuf::from(KANGAERU);
    step(&mut m, &content, "series baseline", &[&p], Recheck::Patched);
    let a = replace(&content, TENSHUTSU, "unit: \"%\"", "unit: ポイント");
    let b = replace(&content, KANGAERU, "label: 中学校", "label: 中学");
    step(&mut m, &content, "two files", &[&a, &b], Recheck::Patched);

    let p = replace(&content, TENSHUTSU, "id: tenshutsu", "id: tenshutsu-ritsu");
    step(&mut m, &content, "id edit", &[&p], Recheck::Validated);
    assert!(m.report().is_none(), "results still name `tenshutsu`");
    let p = replace(&content, TENSHUTSU, "id: tenshutsu-ritsu", "id: tenshutsu");
    step(
        &mut m,
        &content,
        "id edit undone",
        &[&p],
        Recheck::Validated,
    );
    assert!(m.report().is_some());

    let p = replace(&content, KANGAERU, "id: shogakko", "id: shou");
    step(
        &mut m,
        &content,
        "series id edit",
        &[&p],
        Recheck::Validated,
    );
    let p = replace(&content, KANGAERU, "id: shou", "id: shogakko");
    step(
        &mut m,
        &content,
        "series id undone",
        &[&p],
        Recheck::Validated,
    );

    let p = replace(&content, TENSHUTSU, "strategy: 1", "strategy: 2");
    step(&mut m, &content, "strategy edit", &[&p], Recheck::Validated);
    let p = replace(&content, TENSHUTSU, "strategy: 2", "strategy: 1");
    step(
        &mut m,
        &content,
        "strategy undone",
        &[&p],
        Recheck::Validated,
    );

    let p = replace(&content, TENSHUTSU, "baseline: 114.5", "baseline: 114.5%");
    step(&mut m, &content, "an error", &[&p], Recheck::Validated);
    assert!(m.diagnostics().has_errors());
    let p = replace(&content, TENSHUTSU, "baseline: 114.5%", "baseline: 114.5");
    step(
        &mut m,
        &content,
        "the error fixed",
        &[&p],
        Recheck::Validated,
    );
    let p = replace(&content, TENSHUTSU, "unit: ポイント\n", "");
    step(
        &mut m,
        &content,
        "an error of its own",
        &[&p],
        Recheck::Validated,
    );
    let p = replace(
        &content,
        TENSHUTSU,
        "strategy: 1\n",
        "strategy: 1\nunit: \"%\"\n",
    );
    step(&mut m, &content, "fixed again", &[&p], Recheck::Validated);

    // Beside a file that cannot be parsed, validation is still clean: patched.
    let r = replace(
        &content,
        "results/R3/result.yaml",
        "kigyo: 27",
        "kigyo: 27人",
    );
    step(&mut m, &content, "result error", &[&r], Recheck::Validated);
    let p = replace(&content, TENSHUTSU, "target: 104.5", "target: 105");
    step(
        &mut m,
        &content,
        "edit beside a broken file",
        &[&p],
        Recheck::Patched,
    );
    let r = replace(
        &content,
        "results/R3/result.yaml",
        "kigyo: 27人",
        "kigyo: 28",
    );
    step(&mut m, &content, "result edit", &[&r], Recheck::Validated);
    assert!(m.report().is_some());
    // Beside an error found by validation there is no report to patch.
    let r = replace(
        &content,
        "results/R3/result.yaml",
        "kigyo: 28",
        "kigyou: 28",
    );
    step(&mut m, &content, "unknown id", &[&r], Recheck::Validated);
    let p = replace(&content, TENSHUTSU, "target: 105", "target: 106");
    step(
        &mut m,
        &content,
        "edit beside an error",
        &[&p],
        Recheck::Validated,
    );
    let r = replace(
        &content,
        "results/R3/result.yaml",
        "kigyou: 28",
        "kigyo: 27",
    );
    step(
        &mut m,
        &content,
        "unknown id fixed",
        &[&r],
        Recheck::Validated,
    );
    assert!(m.report().is_some());
}

#[test]
fn a_broken_file_is_read_again_alone() {
    // A broken strategy: the indicators hang on its goal, so there is no report to patch
    // an edit beside it into, and it is validated again. A broken file nothing hangs on
    // (a year's donations) leaves a report an edit beside it is patched into.
    for (broken, from, to, beside) in [
        (
            "strategies/1-wakamono.yaml",
            "number: 1",
            "number: [1",
            Recheck::Validated,
        ),
        (
            "donations/R3.yaml",
            "year: R3",
            "year: [R3",
            Recheck::Patched,
        ),
    ] {
        let (_dir, content) = copy_content("content");
        let path = replace(&content, broken, from, to);
        let mut m = Manuscript::open(&content);
        assert_fresh(&m, &content, &format!("broken {broken}"));
        assert!(m.report().is_none());
        let p = replace(
            &content,
            TENSHUTSU,
            "name: 転出者超過率",
            "name: 転出超過率",
        );
        step(
            &mut m,
            &content,
            &format!("edit beside {broken}"),
            &[&p],
            beside,
        );
        let p = replace(&content, broken, to, from);
        assert_eq!(path, p);
        let update = m.update(&[p]);
        assert_eq!(update.files_read, 1, "{broken}");
        assert_fresh(&m, &content, &format!("{broken} fixed"));
        assert!(m.report().is_some(), "{broken}");
    }
}
