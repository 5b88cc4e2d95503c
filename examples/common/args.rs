//! The examples' command-line options: `--name value` pairs, and `--content DIR`.

use std::path::PathBuf;

/// The value after `name` on the command line, if it is there.
pub fn arg(args: &[String], name: &str) -> Option<String> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1).cloned()
}

/// The folder after `--content`, or the bundled report's.
pub fn content(args: &[String]) -> PathBuf {
    arg(args, "--content")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"))
}
