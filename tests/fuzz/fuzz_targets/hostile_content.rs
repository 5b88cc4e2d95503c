//! The hostile-content property under a coverage-guided fuzzer: the input chooses, for
//! every text field of the hostile fixture, pieces of attacker text (or raw bytes); the
//! site is built, and it must be refused or hold nothing the theme did not put there
//! (see `tests/hostile/mod.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../hostile/mod.rs"]
mod hostile;
use hostile::*;

/// Pieces chosen by the input: per field a count byte (0 keeps a harmless value), then
/// for each piece a selector byte, and for a free piece its length and bytes.
fn choose(data: &mut &[u8]) -> Option<Vec<Piece>> {
    fn next(data: &mut &[u8]) -> Option<u8> {
        let (b, rest) = data.split_first()?;
        *data = rest;
        Some(*b)
    }
    let count = next(data)? % 6;
    if count == 0 {
        return None;
    }
    let mut pieces = Vec::new();
    for _ in 0..count {
        let Some(selector) = next(data) else { break };
        let n = usize::from(selector);
        let piece = if n < TEXT.len() {
            Piece::Text(TEXT[n])
        } else if n < TEXT.len() + RAW.len() {
            Piece::Raw(RAW[n - TEXT.len()])
        } else if n < TEXT.len() + RAW.len() + CHARS.len() {
            Piece::Char(CHARS[n - TEXT.len() - RAW.len()])
        } else {
            let len = usize::from(next(data).unwrap_or(0) % 24);
            let take = len.min(data.len());
            let bytes = &data[..take];
            *data = &data[take..];
            Piece::Free(String::from_utf8_lossy(bytes).into_owned())
        };
        pieces.push(piece);
    }
    Some(pieces)
}

fuzz_target!(|input: &[u8]| {
    let names = placeholders();
    let mut data = input;
    let chosen: Vec<Option<Vec<Piece>>> = names.iter().map(|_| choose(&mut data)).collect();
    if let Err(e) = build_and_check(&names, &chosen) {
        panic!("{e}");
    }
});
