//! Load: walk the content folder, read each file safely and parse it into its source type.

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::*;
use crate::yaml::{self, Parsed, SourceText};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The largest source file sosei reads; anything bigger is surely a mistake.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A parsed file and the text it came from.
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    pub source: SourceText,
    pub value: T,
    pub index: yaml::LineIndex,
}

impl<T> Loaded<T> {
    /// A diagnostic pointing at `path` inside this file.
    pub fn error_at(&self, path: &[yaml::Seg], message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.source.path, message).at(self.index.find(path))
    }

    pub fn warning_at(&self, path: &[yaml::Seg], message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.source.path, message).at(self.index.find(path))
    }
}

/// A project's Markdown file: front matter and body.
#[derive(Clone, Debug)]
pub struct ProjectFile {
    /// The file name without extension, used in the page's address.
    pub slug: String,
    pub meta: Loaded<ProjectSource>,
    pub body: String,
    /// The line of the file on which the body starts.
    pub body_line: usize,
}

/// A grant programme's folder.
#[derive(Clone, Debug, Default)]
pub struct GrantFolder {
    pub folder: String,
    pub grant: Option<Loaded<GrantSource>>,
    pub projects: Vec<ProjectFile>,
}

/// A fiscal-year result folder.
#[derive(Clone, Debug, Default)]
pub struct ResultFolder {
    pub folder: String,
    pub result: Option<Loaded<ResultSource>>,
    /// `verification.yaml`, or several `verification*.yaml` files read in name order.
    pub verification: Vec<Loaded<VerificationSource>>,
}

/// Everything read from a content folder, in file-name order.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub root: PathBuf,
    pub config: Option<Loaded<ConfigSource>>,
    pub plan: Option<Loaded<PlanSource>>,
    pub strategies: Vec<Loaded<StrategySource>>,
    pub indicators: Vec<Loaded<IndicatorSource>>,
    pub results: Vec<ResultFolder>,
    pub grants: Vec<GrantFolder>,
    pub donations: Vec<Loaded<DonationsSource>>,
    pub files_read: usize,
    /// Top-level folders (or files) with a file that could not be read or parsed.
    /// Validation does not report references into them as unknown: the cause is already reported.
    pub broken: std::collections::BTreeSet<String>,
}

/// Reads every source under `root`. Problems are collected; loading goes on past them.
pub fn load(root: &Path) -> (Sources, Diagnostics) {
    let mut sources = Sources {
        root: root.to_path_buf(),
        ..Sources::default()
    };
    let mut diags = Diagnostics::default();
    if !root.is_dir() {
        diags.push(
            Diagnostic::error(root, "the content folder does not exist")
                .expected("a folder with config.yaml and plan.yaml (see docs/content-format.md)"),
        );
        return (sources, diags);
    }
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                diags.push(Diagnostic::error(
                    crate::diag::relative(&path, root),
                    format!("cannot read: {err}"),
                ));
                continue;
            }
        };
        let rel = crate::diag::relative(entry.path(), root);
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::error(&rel, "symbolic links are not allowed in the content folder")
                    .expected("a real file or folder; copy it in instead of linking to it"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        classify(&mut sources, &mut diags, entry.path(), &rel, &parts);
    }
    (sources, diags)
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

fn classify(s: &mut Sources, diags: &mut Diagnostics, abs: &Path, rel: &Path, parts: &[&str]) {
    let Some(name) = parts.last().copied() else {
        return;
    };
    let yaml_file = is_yaml(name);
    match parts {
        ["config.yaml" | "config.yml"] => s.config = read_yaml(s, diags, abs, rel),
        ["plan.yaml" | "plan.yml"] => s.plan = read_yaml(s, diags, abs, rel),
        ["strategies", _] if yaml_file => { let l = read_yaml(s, diags, abs, rel); s.strategies.extend(l) },
        ["indicators", .., _] if yaml_file => { let l = read_yaml(s, diags, abs, rel); s.indicators.extend(l) },
        ["donations", _] if yaml_file => { let l = read_yaml(s, diags, abs, rel); s.donations.extend(l) },
        ["results", folder, "result.yaml" | "result.yml"] => {
            let loaded = read_yaml(s, diags, abs, rel);
            result_folder(s, folder).result = loaded;
        }
        ["results", folder, name] if yaml_file && name.starts_with("verification") => {
            let loaded = read_yaml(s, diags, abs, rel);
            result_folder(s, folder).verification.extend(loaded);
        }
        ["grants", folder, "grant.yaml" | "grant.yml"] => {
            let loaded = read_yaml(s, diags, abs, rel);
            grant_folder(s, folder).grant = loaded;
        }
        ["grants", folder, "projects", file] if file.ends_with(".md") => {
            let project = read_project(s, diags, abs, rel);
            grant_folder(s, folder).projects.extend(project);
        }
        _ if yaml_file => diags.push(Diagnostic::warning(
            rel,
            "this YAML file is not in a place sosei reads, so it is ignored",
        ).expected("config.yaml, plan.yaml, strategies/, indicators/, results/<year>/, grants/<folder>/ or donations/ (see docs/content-format.md)")),
        _ => {}
    }
}

/// The entry for `folder` in `list`, added if it is not there yet.
fn entry<'a, T: Default>(
    list: &'a mut Vec<T>,
    folder: &str,
    name: impl Fn(&T) -> &str,
    make: impl FnOnce(String) -> T,
) -> &'a mut T {
    match list.iter().position(|x| name(x) == folder) {
        Some(i) => &mut list[i],
        None => {
            list.push(make(folder.to_string()));
            let last = list.len() - 1;
            &mut list[last]
        }
    }
}

fn result_folder<'a>(s: &'a mut Sources, folder: &str) -> &'a mut ResultFolder {
    entry(
        &mut s.results,
        folder,
        |r| r.folder.as_str(),
        |folder| ResultFolder {
            folder,
            ..ResultFolder::default()
        },
    )
}

fn grant_folder<'a>(s: &'a mut Sources, folder: &str) -> &'a mut GrantFolder {
    entry(
        &mut s.grants,
        folder,
        |g| g.folder.as_str(),
        |folder| GrantFolder {
            folder,
            ..GrantFolder::default()
        },
    )
}

/// Reads a file as UTF-8 text, refusing binaries, other encodings and huge files.
pub fn read_text(abs: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(abs)
        .map_err(|e| Diagnostic::error(rel, format!("cannot read the file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        let mb = |b: u64| format!("{:.1} MB", b as f64 / 1_048_576.0);
        return Err(Diagnostic::error(
            rel,
            format!(
                "the file is {}; sosei reads source files of at most {}",
                mb(meta.len()),
                mb(MAX_FILE_BYTES)
            ),
        )
        .expected("a smaller file: split long texts over several files"));
    }
    let bytes = std::fs::read(abs)
        .map_err(|e| Diagnostic::error(rel, format!("cannot read the file: {e}")))?;
    if bytes.contains(&0) {
        return Err(
            Diagnostic::error(rel, "this is a binary file, not text").expected("a UTF-8 text file")
        );
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        Diagnostic::error(rel, "the file is not UTF-8 text (Shift_JIS?)")
            .at(Some((line, 1)))
            .expected("UTF-8 text: save the file as UTF-8 in your editor")
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

fn read_yaml<T: DeserializeOwned>(
    s: &mut Sources,
    diags: &mut Diagnostics,
    abs: &Path,
    rel: &Path,
) -> Option<Loaded<T>> {
    let loaded = read_yaml_file(s, diags, abs, rel);
    if loaded.is_none() {
        mark_broken(s, rel);
    }
    loaded
}

fn mark_broken(s: &mut Sources, rel: &Path) {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    // `indicators`, `strategies`, or `results/R3/result.yaml` for a year's own files.
    let key = match parts.first().map(String::as_str) {
        Some("results") | Some("grants") => parts.join("/"),
        _ => parts.first().cloned().unwrap_or_default(),
    };
    s.broken.insert(key);
}

fn read_yaml_file<T: DeserializeOwned>(
    s: &mut Sources,
    diags: &mut Diagnostics,
    abs: &Path,
    rel: &Path,
) -> Option<Loaded<T>> {
    s.files_read += 1;
    let text = match read_text(abs, rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let source = SourceText {
        path: rel.to_path_buf(),
        text,
        line_offset: 0,
    };
    parse_loaded(source, diags)
}

fn parse_loaded<T: DeserializeOwned>(
    source: SourceText,
    diags: &mut Diagnostics,
) -> Option<Loaded<T>> {
    match yaml::parse::<T>(&source) {
        Ok(Parsed { value, index }) => Some(Loaded {
            source,
            value,
            index,
        }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn read_project(
    s: &mut Sources,
    diags: &mut Diagnostics,
    abs: &Path,
    rel: &Path,
) -> Option<ProjectFile> {
    s.files_read += 1;
    let text = match read_text(abs, rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let Some((front, body, body_line)) = yaml::split_front_matter(&text) else {
        let opened = text.trim_start_matches('\u{feff}').starts_with("---");
        let (message, expected) = if opened {
            (
                "the front matter that starts on line 1 is not closed",
                "a line `---` after `title:` and `year:`, before the text",
            )
        } else {
            (
                "the project file has no front matter",
                "a first line `---`, then `title:` and `year:`, then a closing `---`",
            )
        };
        diags.push(
            Diagnostic::error(rel, message)
                .at(Some((1, 1)))
                .expected(expected),
        );
        mark_broken(s, rel);
        return None;
    };
    let source = SourceText {
        path: rel.to_path_buf(),
        text: front.to_string(),
        line_offset: 1,
    };
    let Some(meta) = parse_loaded::<ProjectSource>(source, diags) else {
        mark_broken(s, rel);
        return None;
    };
    let slug = abs
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(ProjectFile {
        slug,
        meta,
        body: body.to_string(),
        body_line,
    })
}
