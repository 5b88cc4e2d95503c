//! Unit tests of `slots`.
use super::*;

fn text_of(s: Slot) -> String {
    serde_json::to_value(s)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn streamed(page: &str, key: u64, parts: &[&str]) -> Result<String, SlotError> {
    let mut out = Vec::new();
    let mut html = Html::new(&mut out);
    stream(page, key, parts, &mut html, |h, p| {
        h.raw(p);
    })?;
    html.finish().unwrap();
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn markers_become_their_parts() {
    let slots = Slots::default();
    let a = slots.add("<table>A</table>");
    let b = slots.add("<svg/>");
    let page = format!("<main>{}<p>x</p>{}</main>", text_of(b), text_of(a));
    let (key, parts) = slots.take();
    assert_eq!(
        streamed(&page, key, &parts).unwrap(),
        "<main><svg/><p>x</p><table>A</table></main>"
    );
}

#[test]
fn a_page_without_slots_is_unchanged() {
    assert_eq!(streamed("<p>a</p>", 1, &[]).unwrap(), "<p>a</p>");
    assert_eq!(streamed("", 1, &[]).unwrap(), "");
}

#[test]
fn only_the_pages_own_markers_escape_as_they_are() {
    let slots = Slots::<()>::default();
    let own = text_of(slots.add(()));
    let other = text_of(Slots::<()>::default().add(()));
    rendering(slots.key(), || {
        assert_eq!(escape(&own), own);
        assert_eq!(escape(&other), other.replace('\0', "\u{fffd}"));
        assert_eq!(
            escape(&format!("{own}x")),
            format!("{own}x").replace('\0', "\u{fffd}")
        );
        assert_eq!(escape("a\0<"), "a\u{fffd}&lt;");
    });
    // Outside a page's rendering nothing passes.
    assert_eq!(escape(&own), own.replace('\0', "\u{fffd}"));
}

#[test]
fn keys_differ_from_page_to_page() {
    let keys: std::collections::BTreeSet<u64> =
        (0..50).map(|_| Slots::<()>::default().key).collect();
    assert_eq!(keys.len(), 50);
}

#[test]
fn forged_cut_and_stray_markers_are_refused() {
    let slots = Slots::default();
    let a = slots.add("PART");
    let (key, parts) = slots.take();
    let good = text_of(a);
    // A marker of another key (content guessing), a cut one, a bare NUL, a changed one.
    for page in [
        format!("{good}\0{:016x}.0\0", key ^ 1),
        format!("{good}\0{key:016x}.0"),
        format!("{good}<p>\0</p>"),
        // Upper-case hex: its last digit is a letter whatever the random key is.
        format!("{good}\0{:016X}.0\0", key | 0xa),
        format!("{good}\0{key:016x}.9\0"),
        format!("{good}\0{key:016x}.\0"),
    ] {
        let err = streamed(&page, key, &parts).unwrap_err();
        assert_eq!(
            (err.problem, err.slot),
            (Problem::Unknown, None),
            "{page:?}"
        );
    }
}

#[test]
fn each_slot_is_printed_exactly_once() {
    let slots = Slots::default();
    let a = slots.add("A");
    let b = slots.add("B");
    let (key, parts) = slots.take();
    let (a, b) = (text_of(a), text_of(b));
    let err = streamed(&format!("{a}\n{b}\n<p>x {a}"), key, &parts).unwrap_err();
    assert_eq!(
        err,
        SlotError {
            problem: Problem::Repeated,
            slot: Some(0),
            context: "<p>x ".into()
        }
    );
    let err = streamed(&format!("<p>{b}</p>"), key, &parts).unwrap_err();
    assert_eq!((err.problem, err.slot), (Problem::Unused, Some(0)));
}

#[test]
fn markers_stand_only_where_an_element_may() {
    let slots = Slots::default();
    let a = slots.add("A");
    let (key, parts) = slots.take();
    let a = text_of(a);
    for (page, place) in [
        (format!("<a title=\"{a}\">x</a>"), Inside::Tag),
        (format!("<a title='x {a}'>x</a>"), Inside::Tag),
        (format!("<a {a}>x</a>"), Inside::Tag),
        (format!("<title>t {a}</title>"), Inside::Title),
        (format!("<!-- {a} -->"), Inside::Comment),
        (format!("<style>p{{}} {a}</style>"), Inside::RawText),
    ] {
        let err = streamed(&page, key, &parts).unwrap_err();
        assert_eq!(err.problem, Problem::Misplaced(place), "{page}");
    }
    // After such places close, a marker is where it may be.
    let page = format!(
        "<title>全体 a > b</title><!-- 全 --><style>全</style><a title=\"x>y\" href='>'>l</a><!-- c --><style>q>r</style><p>{a}</p>"
    );
    assert!(streamed(&page, key, &parts).is_ok());
}
