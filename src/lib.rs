//! sosei compiles a city's strategy evaluation, written as Markdown and YAML, into a static
//! HTML annual report: load → validate → model → evaluate → chart → render → write.

pub mod diag;
pub mod fiscal_year;
pub mod format;
pub mod quantity;
pub mod yaml;
pub mod load;
pub mod markdown;
pub mod model;
pub mod source;
pub mod validate;
pub mod build;
pub mod evaluate;
pub mod render;
pub mod write;
