//! Slots: the places in a page where sosei writes a large part itself (a data table, a
//! chart) while the template decides where it goes.
//!
//! A view holds a `Slot` where it would hold the part; to the template the slot is a
//! short marker, printed like any value (`{{ s.table }}`). After the template has made
//! the page around the markers, the page is streamed out and each marker is replaced by
//! its part, written straight into the file. Parts are made only where a template
//! places them, and tera never sees their bytes.
//!
//! The protocol is strict, because a marker that content could forge would let content
//! paste a part where the theme did not put it (into an attribute, say):
//! - a marker is NUL, a key drawn at random for each page, the slot's number, and NUL.
//!   Content can hold no NUL (sources with control characters are refused, and escaping
//!   turns any that slip through into U+FFFD), and it never learns the key;
//! - every NUL in the page must begin a well-formed marker of this page's key;
//! - every slot is printed exactly once;
//! - a marker must stand where an element may: not inside a tag or attribute, a comment,
//!   or the text of `<title>`, `<script>`, `<style>` or `<textarea>`.
//!
//! Any breach stops the page with an error that names it; nothing is written as it stood.

use super::html::Html;
use serde::{Serialize, Serializer};
use std::cell::RefCell;
use std::hash::{BuildHasher, Hasher};

/// Starts and ends a marker.
const MARK: char = '\0';

/// A part's place in a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    index: usize,
    key: u64,
}

impl Serialize for Slot {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&marker(self.key, self.index))
    }
}

fn marker(key: u64, index: usize) -> String {
    format!("{MARK}{key:016x}.{index}{MARK}")
}

thread_local! {
    /// The key of the page whose template is being rendered on this thread.
    static RENDERING: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Runs `render` (the page's template) with the page's key known to `escape`, so that the
/// page's own markers print as they are while everything else is escaped.
pub fn rendering<R>(key: u64, render: impl FnOnce() -> R) -> R {
    struct Reset(Option<u64>);
    impl Drop for Reset {
        fn drop(&mut self) {
            RENDERING.with(|k| k.set(self.0));
        }
    }
    let _reset = Reset(RENDERING.with(|k| k.replace(Some(key))));
    render()
}

/// The templates' escape function: a value that is exactly one marker of the page being
/// rendered prints as it is; anything else is escaped, NUL included (it becomes U+FFFD).
pub fn escape(text: &str) -> String {
    let own = RENDERING.with(|k| k.get()).is_some_and(|key| {
        text.strip_prefix(MARK)
            .and_then(|t| t.strip_suffix(MARK))
            .and_then(|t| t.strip_prefix(&format!("{key:016x}.")))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    if own {
        text.to_string()
    } else {
        crate::markdown::escape(text)
    }
}

/// A key no content can know: from the process's randomly seeded hasher.
fn random_key() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(0x5053_4549_534f_534f);
    h.finish()
}

/// The parts of one page, in the order they were given slots.
pub struct Slots<T> {
    key: u64,
    parts: RefCell<Vec<T>>,
}

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots {
            key: random_key(),
            parts: RefCell::new(Vec::new()),
        }
    }
}

impl<T> Slots<T> {
    /// A slot for `part`.
    pub fn add(&self, part: T) -> Slot {
        let mut parts = self.parts.borrow_mut();
        parts.push(part);
        Slot {
            index: parts.len() - 1,
            key: self.key,
        }
    }

    /// The key of this page's markers.
    pub fn key(&self) -> u64 {
        self.key
    }

    /// The parts given slots so far, taken out to be written, with the page's key.
    pub fn take(&self) -> (u64, Vec<T>) {
        (self.key, std::mem::take(&mut *self.parts.borrow_mut()))
    }
}

/// Why a page's markers could not be read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotError {
    pub problem: Problem,
    /// The slot concerned, where it is known.
    pub slot: Option<usize>,
    /// The rendered page's text just before the marker, on its line: enough to find the
    /// template line that printed it.
    pub context: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A NUL that does not begin a marker of this page (forged, cut, or changed by a filter).
    Unknown,
    /// A slot printed a second time.
    Repeated,
    /// A slot never printed, or printed through a filter that changed it.
    Unused,
    /// A marker where no element may stand.
    Misplaced(Inside),
}

/// Where a marker stood that no element may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inside {
    /// A tag or one of its attributes.
    Tag,
    Comment,
    /// The text of `<title>`.
    Title,
    /// The text of `<script>`, `<style>` or `<textarea>`.
    RawText,
}

impl Problem {
    /// What went wrong, in the current language (for the theme's author).
    pub fn shown(&self) -> String {
        match self {
            Problem::Unknown => m!("theme.slot.unknown"),
            Problem::Repeated => m!("theme.slot.repeated"),
            Problem::Unused => m!("theme.slot.unused"),
            Problem::Misplaced(inside) => {
                let place = match inside {
                    Inside::Tag => m!("theme.place.tag"),
                    Inside::Comment => m!("theme.place.comment"),
                    Inside::Title => m!("theme.place.title"),
                    Inside::RawText => m!("theme.place.raw-text"),
                };
                m!("theme.slot.misplaced", place = place)
            }
        }
    }
}

/// The end of the line before `at`: up to 60 characters of it.
fn context_before(text: &str) -> String {
    // Only the template's own text: not past the line's start or the marker before.
    let line = text.rsplit(['\n', MARK]).next().unwrap_or("");
    let skip = line.chars().count().saturating_sub(60);
    line.chars()
        .skip(skip)
        .collect::<String>()
        .trim_start()
        .to_string()
}

/// Writes `page` to `html`, with `fill` writing the part of each slot in its place.
/// `key` is the page's key from `Slots::take`. On any breach of the protocol (see the
/// module's notes) it stops with the error; what was written so far must be thrown away.
pub fn stream<T>(
    page: &str,
    key: u64,
    parts: &[T],
    html: &mut Html,
    mut fill: impl FnMut(&mut Html, &T),
) -> Result<(), SlotError> {
    let mut used = vec![false; parts.len()];
    let mut scanner = Scanner::default();
    let mut rest = page;
    let prefix = format!("{key:016x}.");
    let error = |problem, slot, done: &str| SlotError {
        problem,
        slot,
        context: context_before(&page[..page.len() - done.len()]),
    };
    while let Some(at) = rest.find(MARK) {
        let text = &rest[..at];
        scanner.scan(text);
        html.raw(text);
        let after = &rest[at + 1..];
        let index = after
            .strip_prefix(&prefix)
            .and_then(|r| r.split_once(MARK))
            .filter(|(digits, _)| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|(digits, tail)| Some((digits.parse::<usize>().ok()?, tail)));
        let Some((index, tail)) = index.filter(|(i, _)| *i < parts.len()) else {
            return Err(error(Problem::Unknown, None, &rest[at..]));
        };
        if let Some(place) = scanner.misplaced() {
            return Err(error(Problem::Misplaced(place), Some(index), &rest[at..]));
        }
        if std::mem::replace(&mut used[index], true) {
            return Err(error(Problem::Repeated, Some(index), &rest[at..]));
        }
        fill(html, &parts[index]);
        html.spill();
        rest = tail;
    }
    html.raw(rest);
    match used.iter().position(|u| !u) {
        Some(slot) => Err(SlotError {
            problem: Problem::Unused,
            slot: Some(slot),
            context: String::new(),
        }),
        None => Ok(()),
    }
}

/// Where the text scanned so far has left the HTML tokenizer, as far as markers care.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Place {
    #[default]
    Content,
    /// Inside `<…>`; `quote` is the quote of an attribute value being read, if any.
    Tag {
        name: String,
        closing: bool,
        quote: Option<u8>,
    },
    Comment,
    /// The raw text of an element (`title`, `script`, `style`, `textarea`).
    RawText(&'static str),
}

/// Follows the template's own markup between markers: enough of HTML's tokenizer to tell
/// whether a marker stands where an element may.
#[derive(Default)]
struct Scanner {
    place: Place,
}

const RAW_TEXT: [&str; 4] = ["title", "script", "style", "textarea"];

impl Scanner {
    fn misplaced(&self) -> Option<Inside> {
        match self.place {
            Place::Content => None,
            Place::Tag { .. } => Some(Inside::Tag),
            Place::Comment => Some(Inside::Comment),
            Place::RawText("title") => Some(Inside::Title),
            Place::RawText(_) => Some(Inside::RawText),
        }
    }

    fn scan(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match &mut self.place {
                Place::Content => {
                    if b == b'<' {
                        let next = &text[i + 1..];
                        if next.starts_with("!--") {
                            self.place = Place::Comment;
                            i += 3;
                        } else if let Some(name) = next.strip_prefix('/') {
                            if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                                self.place = Place::Tag {
                                    name: String::new(),
                                    closing: true,
                                    quote: None,
                                };
                            }
                        } else if next
                            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '!' || c == '?')
                        {
                            let name: String = next
                                .chars()
                                .take_while(|c| c.is_ascii_alphanumeric())
                                .collect::<String>()
                                .to_ascii_lowercase();
                            i += name.len();
                            self.place = Place::Tag {
                                name,
                                closing: false,
                                quote: None,
                            };
                        }
                    }
                }
                Place::Tag {
                    name,
                    closing,
                    quote,
                } => match (*quote, b) {
                    (Some(q), _) if q == b => *quote = None,
                    (Some(_), _) => {}
                    (None, b'"' | b'\'') => *quote = Some(b),
                    (None, b'>') => {
                        let raw = RAW_TEXT.iter().find(|r| **r == name.as_str());
                        self.place = match raw {
                            Some(r) if !*closing => Place::RawText(r),
                            _ => Place::Content,
                        };
                    }
                    (None, _) => {}
                },
                Place::Comment => {
                    if bytes[i..].starts_with(b"-->") {
                        self.place = Place::Content;
                        i += 2;
                    }
                }
                Place::RawText(name) => {
                    let close = bytes[i..]
                        .strip_prefix(b"</")
                        .and_then(|r| r.get(..name.len()))
                        .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
                    if close {
                        self.place = Place::Tag {
                            name: String::new(),
                            closing: true,
                            quote: None,
                        };
                        i += 1;
                    }
                }
            }
            i += 1;
        }
    }
}

#[cfg(test)]
#[path = "slots_tests.rs"]
mod tests;
