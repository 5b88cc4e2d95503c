//! Result and verification edits: patched when the year stays the same.

use super::*;
use std::sync::Arc;

const R3: &str = "results/R3/result.yaml";
const R3_VERIFICATION: &str = "results/R3/verification.yaml";

#[test]
fn result_edits_that_keep_the_year_are_patched_and_always_match_a_fresh_check() {
    let (_dir, content) = copy_content("content");
    let mut m = Manuscript::open(&content);
    let first = m.report().unwrap().clone();

    let r = replace(&content, R3, "kigyo: 27", "kigyo: 26");
    step(&mut m, &content, "actual edit", &[&r], Recheck::Patched);
    let patched = m.report().unwrap().clone();
    assert!(
        Arc::ptr_eq(&first.years[0], &patched.years[0]),
        "R2 is shared"
    );
    assert!(!Arc::ptr_eq(&first.years[1], &patched.years[1]));
    assert!(Arc::ptr_eq(&first.indicators[0], &patched.indicators[0]));
    let v = replace(
        &content,
        R3_VERIFICATION,
        "継続した取り組み",
        "継続的な取り組み",
    );
    step(
        &mut m,
        &content,
        "verification edit",
        &[&v],
        Recheck::Patched,
    );
    let r = replace(&content, R3, "kigyo: 26", "kigyo: △3");
    let v = replace(
        &content,
        R3_VERIFICATION,
        "[tenshutsu]",
        "[tenshutsu, kigyo]",
    );
    step(&mut m, &content, "both files", &[&r, &v], Recheck::Patched);
    let r = replace(&content, R3, "commentary: |", "commentary: |\n  追記。");
    step(&mut m, &content, "commentary edit", &[&r], Recheck::Patched);

    let r = replace(&content, R3, "year: R3", "year: R4");
    step(&mut m, &content, "year edit", &[&r], Recheck::Validated);
    assert!(m.report().is_none(), "the folder says R3");
    let r = replace(&content, R3, "year: R4", "year: R3");
    step(&mut m, &content, "year undone", &[&r], Recheck::Validated);
    let r = replace(&content, R3, "  kigyo: △3\n", "");
    step(
        &mut m,
        &content,
        "an actual removed",
        &[&r],
        Recheck::Validated,
    );
    assert!(m.report().is_none(), "no actual for `kigyo`");
    let r = replace(&content, R3, "actuals:\n", "actuals:\n  kigyo: 27\n");
    step(
        &mut m,
        &content,
        "an actual back",
        &[&r],
        Recheck::Validated,
    );
    let v = replace(
        &content,
        R3_VERIFICATION,
        "[tenshutsu, kigyo]",
        "[tenshutsu, kigyou]",
    );
    step(
        &mut m,
        &content,
        "verification error",
        &[&v],
        Recheck::Validated,
    );
    let v = replace(
        &content,
        R3_VERIFICATION,
        "[tenshutsu, kigyou]",
        "[tenshutsu]",
    );
    step(
        &mut m,
        &content,
        "verification fixed",
        &[&v],
        Recheck::Validated,
    );
    let r = replace(&content, R3, "kigyo: 27", "kigyo: 28");
    let p = replace(
        &content,
        TENSHUTSU,
        "name: 転出者超過率",
        "name: 転出超過率",
    );
    step(
        &mut m,
        &content,
        "a result and an indicator",
        &[&r, &p],
        Recheck::Validated,
    );
    assert!(m.report().is_some(), "{}", m.diagnostics());
}
