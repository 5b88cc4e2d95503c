//! `sosei new`: a small, complete report for another city to start from.

use std::path::{Path, PathBuf};

/// The files of a new report, relative to its folder. `{city}` is replaced.
const FILES: &[(&str, &str)] = &[
    ("README.md", include_str!("scaffold/README.md")),
    ("content/config.yaml", include_str!("scaffold/config.yaml")),
    ("content/plan.yaml", include_str!("scaffold/plan.yaml")),
    (
        "content/strategies/1-wakamono.yaml",
        include_str!("scaffold/strategy.yaml"),
    ),
    (
        "content/indicators/1-1-tenshutsu.yaml",
        include_str!("scaffold/indicator.yaml"),
    ),
    (
        "content/results/R6/result.yaml",
        include_str!("scaffold/result-r6.yaml"),
    ),
    (
        "content/results/R7/result.yaml",
        include_str!("scaffold/result-r7.yaml"),
    ),
    (
        "content/results/R7/verification.yaml",
        include_str!("scaffold/verification.yaml"),
    ),
    (
        "content/grants/1-example/grant.yaml",
        include_str!("scaffold/grant.yaml"),
    ),
    (
        "content/grants/1-example/projects/01-example.md",
        include_str!("scaffold/project.md"),
    ),
];

/// Writes a new report into `dir`, which must be empty or not exist yet.
pub fn new_site(dir: &Path, city: &str) -> Result<Vec<PathBuf>, String> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(format!(
                "`{}` is not empty; sosei new writes only into a new or empty folder",
                dir.display()
            ));
        }
    } else if dir.exists() {
        return Err(format!("`{}` is not a folder", dir.display()));
    }
    if city.trim().is_empty() || city.contains(['"', '\n', '\\']) {
        return Err("the city name must be plain text, such as 長岡市".into());
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text.replace("{city}", city))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
