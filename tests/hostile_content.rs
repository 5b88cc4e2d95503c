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
    for field in MARKDOWN {
        assert!(
            names.iter().any(|(name, _)| name == field),
            "the Markdown field {field} is a placeholder of the fixture"
        );
    }
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
            for ((name, raw), value) in names.iter().zip(chosen.iter_mut()) {
                if let Some(pieces) = value {
                    if MARKDOWN.contains(&name.as_str()) {
                        pieces.retain(|p| !p.is_refused_in_markdown());
                    } else {
                        pieces.retain(|p| !p.is_refused());
                    }
                    // Nothing but white space left: the harmless value (an empty label
                    // is refused too).
                    let text: String = match raw {
                        true => raw_string(pieces),
                        false => pieces.iter().map(Piece::text).collect(),
                    };
                    if text.trim().is_empty() {
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
    // The property must see real pages, not only refusals: the sites that hold only what
    // sosei accepts (three in four) are nearly all built (285 of 400 sites in all).
    let built = built.load(Ordering::Relaxed);
    assert!(built > 0 || cases < 8, "no site of {cases} was built");
    assert!(
        built * 3 >= cases as usize || cases < 24,
        "only {built} of {cases} sites were built: sosei refuses more than \
         `is_refused` and `is_refused_in_markdown` say"
    );
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
        (
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
            "<meta http-equiv>",
        ),
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

/// `is_refused` and `is_refused_in_markdown` say what sosei does: each piece of text alone
/// in a plain field and in a Markdown field is refused there exactly when they say so.
#[test]
fn each_piece_is_refused_where_it_is_said_to_be() {
    let names = placeholders();
    let check = |field: &str, markdown: bool| -> Vec<String> {
        let i = names
            .iter()
            .position(|(name, _)| name == field)
            .unwrap_or_else(|| panic!("{field}"));
        assert_eq!(MARKDOWN.contains(&field), markdown, "{field}");
        let mut wrong = Vec::new();
        for text in TEXT {
            let piece = Piece::Text(text);
            let said = match markdown {
                true => piece.is_refused_in_markdown(),
                false => piece.is_refused(),
            };
            let mut chosen = vec![None; names.len()];
            chosen[i] = Some(vec![piece]);
            let refused = match build_and_check(&names, &chosen) {
                Ok(Outcome::Built(_)) => false,
                Ok(Outcome::Refused) => true,
                Err(e) => panic!("{field} = {text:?}: {e}"),
            };
            if refused != said {
                wrong.push(format!(
                    "{field} = {text:?}: refused {refused}, said {said}"
                ));
            }
        }
        wrong
    };
    let wrong: Vec<String> = std::thread::scope(|s| {
        let plain = s.spawn(|| check("goal_name", false));
        let markdown = s.spawn(|| check("commentary", true));
        [plain, markdown]
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect()
    });
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
