//! Long runs of the hostile-content property (`tests/hostile_content.rs`): the fuzz input,
//! cut at 0xFF bytes, fills the placeholders of `tests/fixtures/hostile/` one by one; the
//! site is refused, or every page it builds holds nothing that can run.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../hostile/mod.rs"]
mod hostile;
use hostile::*;

fuzz_target!(|data: &[u8]| {
    let names = placeholders();
    let chunks: Vec<String> = data
        .split(|b| *b == 0xFF)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let value = |name: &str, raw: bool| -> String {
        let at = names.iter().position(|(n, _)| n == name).unwrap_or(0);
        match chunks.get(at) {
            Some(text) if raw => raw_string(&[Piece::Free(text.clone())]),
            Some(text) => yaml_string(&[Piece::Free(text.clone())]),
            None if raw => format!("見本{name}"),
            None => format!("\"見本{name}\""),
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(&content, &value);
    let output = dir.path().join("output");
    if sosei::build::build(&content, &output).is_ok() {
        if let Err(e) = check_site(&output) {
            panic!("{e}");
        }
    } else {
        assert!(!output.exists(), "a refused build wrote its output");
    }
});
