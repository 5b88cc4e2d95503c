//! `sosei new`: a small, complete report for another city to start from.

use std::path::{Path, PathBuf};

/// The shape a new report starts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One level of 戦略 with 数値目標, grant programmes and projects (Nagaoka's shape).
    Strategies,
    /// 基本目標 → 具体的施策 with 数値目標 and KPIs, an A–D rating by 達成率, yearly
    /// targets, a cumulative KPI, a milestone, 所管課 and 外部評価; no grant programmes.
    Goals,
}

/// The files of a new report in the goals shape.
const GOALS: &[(&str, &str)] = &[
    ("README.md", include_str!("scaffold/goals/README.md")),
    (
        "build-report.bat",
        include_str!("scaffold/build-report.bat"),
    ),
    (
        "content/config.yaml",
        include_str!("scaffold/goals/config.yaml"),
    ),
    (
        "content/plan.yaml",
        include_str!("scaffold/goals/plan.yaml"),
    ),
    (
        "content/goals/1-shigoto.yaml",
        include_str!("scaffold/goals/goals/1-shigoto.yaml"),
    ),
    (
        "content/indicators/1-0-1-koyo.yaml",
        include_str!("scaffold/goals/indicators/1-0-1-koyo.yaml"),
    ),
    (
        "content/indicators/1-1-1-sogyo.yaml",
        include_str!("scaffold/goals/indicators/1-1-1-sogyo.yaml"),
    ),
    (
        "content/indicators/1-2-1-site.yaml",
        include_str!("scaffold/goals/indicators/1-2-1-site.yaml"),
    ),
    (
        "content/results/R6/result.yaml",
        include_str!("scaffold/goals/results/R6/result.yaml"),
    ),
    (
        "content/results/R7/result.yaml",
        include_str!("scaffold/goals/results/R7/result.yaml"),
    ),
    (
        "content/results/R7/verification.yaml",
        include_str!("scaffold/goals/results/R7/verification.yaml"),
    ),
    (
        "content/results/R7/external.yaml",
        include_str!("scaffold/goals/results/R7/external.yaml"),
    ),
];

/// The files of a new report in the strategies shape, relative to its folder. `{city}`
/// is replaced.
const STRATEGIES: &[(&str, &str)] = &[
    ("README.md", include_str!("scaffold/README.md")),
    (
        "build-report.bat",
        include_str!("scaffold/build-report.bat"),
    ),
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

/// Writes a new report of `shape` into `dir`, which must be empty or not exist yet.
pub fn new_site(dir: &Path, city: &str, shape: Shape) -> Result<Vec<PathBuf>, String> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(m!("scaffold.not-empty", dir = dir.display()));
        }
    } else if dir.exists() {
        return Err(m!("scaffold.not-a-folder", dir = dir.display()));
    }
    if city.trim().is_empty() || city.contains(['"', '\n', '\\']) {
        return Err(m!("scaffold.city-name"));
    }
    let mut written = Vec::new();
    let files = match shape {
        Shape::Strategies => STRATEGIES,
        Shape::Goals => GOALS,
    };
    for (rel, text) in files {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each shape builds at once, with no error and no warning, in the shape it says.
    #[test]
    fn both_shapes_build_as_they_are() {
        for (shape, page) in [
            (Shape::Strategies, "r7/strategies/1.html"),
            (Shape::Goals, "r7/goals/1.html"),
        ] {
            let dir =
                std::env::temp_dir().join(format!("sosei-new-{shape:?}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            new_site(&dir, "見本町", shape).unwrap();
            let summary = crate::build::build(&dir.join("content"), &dir.join("output"))
                .unwrap_or_else(|d| panic!("{shape:?}: {d}"));
            assert!(
                summary.diagnostics.is_empty(),
                "{shape:?}: {}",
                summary.diagnostics
            );
            assert!(dir.join("output").join(page).is_file(), "{shape:?}: {page}");
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
