//! The check alone (load and validate, as `build` and `serve` do before rendering), once.
//!
//!     cargo run --release --example check -- --content /tmp/chk-l/content
//!     /usr/bin/time -f '%e s %M KB' target/release/examples/check --content /tmp/chk-l/content
//!
//! Prints the wall time of `build::check` and what it found. `sosei check` renders every
//! page too (into a sink), so its time and memory are mostly rendering; under
//! `/usr/bin/time`, this example gives the peak memory of the check alone, with the
//! sources and the report held. A benchmark, not a test.

#[path = "common/args.rs"]
mod args;
use std::time::Instant;

/// The allocator the `sosei` binary uses, so that time and memory are as there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let content = args::content(&args);
    let started = Instant::now();
    let (report, diags, files) = sosei::build::check(&content);
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "load and validate: {elapsed:.1} ms, {files} files, {} error(s), {} warning(s), report: {}",
        diags.error_count(),
        diags.warning_count(),
        if report.is_some() { "yes" } else { "no" }
    );
    // Held until here, so that the peak memory includes the report.
    drop(report);
}
