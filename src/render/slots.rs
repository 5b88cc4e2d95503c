//! Slots: the places in a page where sosei writes a large part itself (a data table, a
//! chart) while the template decides where it goes.
//!
//! A view holds a `Slot` where it would hold the part; to the template the slot is a
//! short marker, printed like any value (`{{ s.table }}`). After the template has made
//! the page around the markers, the page is streamed out and each marker is replaced by
//! its part, written straight into the file. Parts are made only where a template
//! places them, and tera never sees their bytes.

use super::html::Html;
use serde::{Serialize, Serializer};
use std::cell::RefCell;

/// Marks a slot in rendered text. NUL occurs in no source file (sosei refuses them) and in
/// no template, and escaping leaves it alone.
const MARK: char = '\0';

/// A part's place in a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot(usize);

impl Serialize for Slot {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{MARK}{}{MARK}", self.0))
    }
}

/// The parts of one page, in the order they were given slots.
pub struct Slots<T> {
    parts: RefCell<Vec<T>>,
}

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots {
            parts: RefCell::new(Vec::new()),
        }
    }
}

impl<T> Slots<T> {
    /// A slot for `part`.
    pub fn add(&self, part: T) -> Slot {
        let mut parts = self.parts.borrow_mut();
        parts.push(part);
        Slot(parts.len() - 1)
    }

    /// The parts given slots so far, taken out to be written.
    pub fn take(&self) -> Vec<T> {
        std::mem::take(&mut *self.parts.borrow_mut())
    }
}

/// Writes `page` to `html`, with `fill` writing the part of each slot in its place.
/// A marker that names no slot (there is none) is written as it stands.
pub fn stream<T>(page: &str, parts: &[T], html: &mut Html, mut fill: impl FnMut(&mut Html, &T)) {
    let mut pieces = page.split(MARK);
    if let Some(first) = pieces.next() {
        html.raw(first);
    }
    while let Some(marker) = pieces.next() {
        let part = marker.parse::<usize>().ok().and_then(|i| parts.get(i));
        match part {
            Some(part) => fill(html, part),
            None => {
                html.buf().push(MARK);
                html.raw(marker);
                html.buf().push(MARK);
            }
        }
        if let Some(text) = pieces.next() {
            html.raw(text);
        }
        html.spill();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(page: &str, parts: &[&str]) -> String {
        let mut out = Vec::new();
        let mut html = Html::new(&mut out);
        stream(page, parts, &mut html, |h, p| {
            h.raw(p);
        });
        html.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markers_become_their_parts() {
        let slots = Slots::default();
        let a = slots.add("<table>A</table>");
        let b = slots.add("<svg/>");
        let marker = |s: Slot| {
            serde_json::to_value(s)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        };
        let page = format!(
            "<main>{}<p>x</p>{}{}</main>",
            marker(b),
            marker(a),
            marker(b)
        );
        let parts = slots.take();
        assert_eq!(
            streamed(&page, &parts),
            "<main><svg/><p>x</p><table>A</table><svg/></main>"
        );
    }

    #[test]
    fn a_page_without_slots_is_unchanged() {
        assert_eq!(streamed("<p>a</p>", &[]), "<p>a</p>");
        assert_eq!(streamed("", &[]), "");
    }
}
