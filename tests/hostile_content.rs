//! Property: whatever text an attacker puts into any field of a report, no page sosei
//! builds can run it (see `tests/hostile/mod.rs` for what is put in and what is checked).
//!
//! `SOSEI_HOSTILE_CASES=N` sets the number of sites built (default 24); long runs are
//! `SOSEI_HOSTILE_CASES=100000 cargo test --release --test hostile_content`.

mod hostile;
use hostile::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::atomic::{AtomicUsize, Ordering};

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        6 => proptest::sample::select(TEXT).prop_map(Piece::Text),
        2 => proptest::sample::select(RAW).prop_map(Piece::Raw),
        2 => proptest::sample::select(CHARS).prop_map(Piece::Char),
        1 => "[a-z<>\"'&#;=/\\\\ ]{0,8}".prop_map(Piece::Free),
    ]
}

/// For each placeholder: `None` keeps a harmless value, so that one field's refusal does
/// not hide what the others would do.
fn values(n: usize) -> impl Strategy<Value = Vec<Option<Vec<Piece>>>> {
    proptest::collection::vec(
        proptest::option::weighted(0.35, proptest::collection::vec(piece(), 1..5)),
        n,
    )
}

#[test]
fn no_content_can_put_script_or_foreign_markup_into_a_page() {
    let names = placeholders();
    assert!(
        names.len() >= 100,
        "the fixture has a placeholder in every text field: {}",
        names.len()
    );
    let cases = std::env::var("SOSEI_HOSTILE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24);
    let (built, refused) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    // Most sites hold only what sosei accepts, so that pages are built and checked; the
    // rest may hold anything, and must be refused or be safe.
    let strategy = (proptest::bool::weighted(0.25), values(names.len()));
    let result = runner.run(&strategy, |(anything, mut chosen)| {
        if !anything {
            for value in chosen.iter_mut() {
                if let Some(pieces) = value {
                    pieces.retain(|p| !p.is_refused());
                    // Nothing left: the harmless value (an empty label is refused too).
                    if pieces.is_empty() {
                        *value = None;
                    }
                }
            }
        }
        match build_and_check(&names, &chosen).map_err(TestCaseError::fail)? {
            Outcome::Built(pages) => {
                built.fetch_add(1, Ordering::Relaxed);
                prop_assert!(pages >= 10, "only {pages} pages");
            }
            Outcome::Refused => {
                refused.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(())
    });
    eprintln!(
        "hostile content: {} sites built and checked, {} refused",
        built.load(Ordering::Relaxed),
        refused.load(Ordering::Relaxed)
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    // The property must see real pages, not only refusals.
    assert!(built.load(Ordering::Relaxed) > 0 || cases < 8);
}

/// The check itself fires: pages with each kind of breach are caught.
#[test]
fn the_check_catches_what_it_looks_for() {
    let dir = tempfile::tempdir().unwrap();
    let page = |body: &str| {
        format!("<!DOCTYPE html><html lang=\"ja\"><head><title>t</title></head><body>{body}</body></html>")
    };
    for (bad, what) in [
        ("<script>alert(1)</script>", "<script>"),
        ("<p onclick=\"x\">a</p>", "event handler"),
        ("<a href=\" java\tscript:alert(1)\">a</a>", "javascript"),
        (
            "<img src=\"/\\evil.example/a.png\" alt=\"\">",
            "image from elsewhere",
        ),
        ("<iframe></iframe>", "<iframe>"),
        ("<p data-x=\"1\">a</p>", "data-x"),
        ("<style>p{}</style>", "<style>"),
        ("<p>\u{0}</p>", "control character"),
    ] {
        std::fs::write(dir.path().join("index.html"), page(bad)).unwrap();
        let err = check_site(dir.path()).expect_err(bad);
        assert!(err.contains(what), "{bad}: {err}");
    }
    let good = "<style>@page { @top-center { content: \"a\\\"b\\00000C\"; } } @page :first { @top-center { content: none; } }</style>";
    std::fs::write(dir.path().join("index.html"), page(good)).unwrap();
    assert_eq!(check_site(dir.path()), Ok(1));
}
