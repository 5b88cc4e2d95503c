//! sosei compiles a city's strategy evaluation, written as Markdown and YAML, into a static
//! HTML annual report: load → validate → model → evaluate → chart → render → write.

// A Diagnostic is an error's whole story (file, line, expected, help); it is returned only
// on the cold path, so its size does not matter.
#![allow(clippy::result_large_err)]

#[macro_use]
pub mod messages;

pub mod build;
pub mod chart;
pub mod diag;
pub mod evaluate;
pub mod fiscal_year;
pub mod format;
pub mod load;
pub mod manuscript;
pub mod markdown;
pub mod model;
pub mod opendata;
pub mod pdf;
pub mod quantity;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod serve;
pub mod sheet;
pub mod source;
pub mod validate;
pub mod vocabulary;
pub mod write;
pub mod yaml;

/// Locks `m`, going on with its data if a thread panicked while holding it: what sosei
/// keeps behind a lock (collected problems, counts, the server's state) stays usable.
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
