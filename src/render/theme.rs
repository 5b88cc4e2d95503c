//! The theme: tera templates and CSS embedded in the binary, overridable file by file.

use crate::diag::Diagnostic;
use crate::vocabulary::Vocabulary;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every template of the default theme, embedded so that sosei works from any folder.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "evaluation.html",
        include_str!("../../themes/default/templates/evaluation.html"),
    ),
    (
        "goal.html",
        include_str!("../../themes/default/templates/goal.html"),
    ),
    (
        "grant.html",
        include_str!("../../themes/default/templates/grant.html"),
    ),
    (
        "project.html",
        include_str!("../../themes/default/templates/project.html"),
    ),
    (
        "donations.html",
        include_str!("../../themes/default/templates/donations.html"),
    ),
    (
        "full.html",
        include_str!("../../themes/default/templates/full.html"),
    ),
    (
        "data.html",
        include_str!("../../themes/default/templates/data.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "grants.html",
        include_str!("../../themes/default/templates/grants.html"),
    ),
];

/// Static files of the default theme, written under `assets/`.
const STATIC: &[(&str, &str)] = &[(
    "style.css",
    include_str!("../../themes/default/static/style.css"),
)];

/// A loaded theme: tera with every template, and the static files.
pub struct Theme {
    pub tera: tera::Tera,
    /// Files written under `assets/`: the built-in stylesheet, and whatever a site's
    /// theme adds (a logo, a favicon, fonts, more CSS), as they are.
    pub statics: Vec<(String, Vec<u8>)>,
    pub chart_style: crate::chart::style::ChartStyle,
    /// Every template: (name, text, where it came from).
    templates: Vec<(String, String, PathBuf)>,
    /// The vocabulary's keys, for a "did you mean" when a template asks for another.
    words_keys: Vec<String>,
}

impl Theme {
    /// A template's rendering error, pointed at the template file and, for an unknown
    /// variable, at the line that uses it.
    pub fn render_error(&self, template: &str, err: &tera::Error) -> Diagnostic {
        let message = chain(err);
        let (text, path) = self
            .templates
            .iter()
            .find(|(n, _, _)| n == template)
            .map(|(_, t, p)| (t.as_str(), p.clone()))
            .unwrap_or((
                "",
                PathBuf::from(format!("(built-in theme)/templates/{template}")),
            ));
        let variable = message
            .split("Variable `")
            .nth(1)
            .and_then(|r| r.split('`').next());
        // A key `t()` did not find, carried in the error's chain of causes.
        let word = std::iter::successors(Some(err as &(dyn std::error::Error + 'static)), |e| {
            e.source()
        })
        .find_map(|e| e.downcast_ref::<UnknownWord>())
        .map(|w| w.0.as_str());
        // The line that asks for it, in whichever template (a block may come from base.html).
        let find = |needle: &str| {
            std::iter::once((text, path.clone()))
                .chain(
                    self.templates
                        .iter()
                        .map(|(_, t, p)| (t.as_str(), p.clone())),
                )
                .find_map(|(text, p)| {
                    text.lines().enumerate().find_map(|(i, l)| {
                        l.find(needle)
                            .map(|c| (p.clone(), (i + 1, l[..c].chars().count() + 1)))
                    })
                })
        };
        match (variable, word) {
            (Some(v), _) => {
                let (path, position) = find(v).map_or((path, None), |(p, at)| (p, Some(at)));
                Diagnostic::error(path, m!("theme.unknown-variable", variable = v))
                    .at(position)
                    .expected(m!("theme.expected-variable"))
            }
            (None, Some(k)) => {
                let (path, position) =
                    find(&format!("\"{k}\"")).map_or((path, None), |(p, at)| (p, Some(at)));
                Diagnostic::error(path, m!("theme.unknown-word", key = k))
                    .at(position)
                    .expected(m!("theme.expected-word"))
                    .help_opt(crate::diag::did_you_mean(
                        k,
                        self.words_keys.iter().map(String::as_str),
                    ))
            }
            (None, None) => Diagnostic::error(path, m!("theme.cannot-render", problem = message)),
        }
    }

    /// A page whose template placed its parts where they cannot be written back, pointed
    /// at the template line that printed the part where the rendered text before it shows.
    /// `part` is the part concerned, as `Part::describe` names it, where it is known.
    pub fn slot_error(
        &self,
        template: &str,
        err: &super::slots::SlotError,
        part: Option<&str>,
    ) -> Diagnostic {
        use super::slots::Problem;
        let found = (!err.context.is_empty())
            .then(|| {
                self.templates.iter().find_map(|(_, text, path)| {
                    text.lines().enumerate().find_map(|(i, l)| {
                        l.find(&err.context).map(|c| {
                            (
                                path.clone(),
                                (i + 1, l[..c + err.context.len()].chars().count() + 1),
                            )
                        })
                    })
                })
            })
            .flatten();
        let (path, position) = match found {
            Some((path, position)) => (path, Some(position)),
            None => (
                self.templates
                    .iter()
                    .find(|(n, _, _)| n == template)
                    .map(|(_, _, p)| p.clone())
                    .unwrap_or_else(|| {
                        PathBuf::from(format!("(built-in theme)/templates/{template}"))
                    }),
                None,
            ),
        };
        // Found in a template file, the error is the same for every page that uses it.
        let page = match position {
            Some(_) => String::new(),
            None => m!("theme.page-template", template = template),
        };
        let problem = err.problem.shown();
        let message = match (err.problem, part) {
            (Problem::Unknown, _) => m!("theme.page-holds", problem = problem, page = page),
            (_, Some(part)) => m!(
                "theme.part-problem",
                part = part,
                problem = problem,
                page = page
            ),
            (_, None) => m!("theme.some-part-problem", problem = problem, page = page),
        };
        Diagnostic::error(path, message)
            .at(position)
            .expected(m!("theme.expected-parts"))
    }
}

/// A template that does not parse: tera's own position and reason, at the template file.
fn parse_error(path: &Path, err: &tera::Error) -> Diagnostic {
    let message = chain(err);
    let position = message.split("--> ").nth(1).and_then(|r| {
        let (line, rest) = r.split_once(':')?;
        let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, col.parse().ok()?))
    });
    let reason = message
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .map(str::to_string)
        .unwrap_or_else(|| m!("theme.syntax-not-valid"));
    Diagnostic::error(path, m!("theme.does-not-parse", reason = reason))
        .at(position)
        .expected(m!("theme.expected-syntax"))
}

/// Loads the default theme, replacing any file that `override_dir` (a site's
/// `themes/default/`) also has, and adding the site's own partial templates and static
/// files. `words` is the site's vocabulary, which templates read with `t(key=…)`.
pub fn load(override_dir: Option<&Path>, words: Arc<Vocabulary>) -> Result<Theme, Diagnostic> {
    let mut tera = tera::Tera::default();
    let mut templates = Vec::new();
    for (name, text) in TEMPLATES {
        let (text, path) = read_override(override_dir, &format!("templates/{name}"))?
            .unwrap_or_else(|| {
                (
                    text.to_string(),
                    PathBuf::from(format!("(built-in theme)/templates/{name}")),
                )
            });
        templates.push((name.to_string(), text, path));
    }
    // The site's own templates: partials the overridden templates include.
    for (rel, path) in site_files(override_dir, "templates") {
        if templates.iter().any(|(n, _, _)| *n == rel) {
            continue;
        }
        if rel == "strategy.html" {
            return Err(Diagnostic::error(&path, m!("theme.strategy-template"))
                .expected(m!("theme.expected-goal-template")));
        }
        let text = crate::load::read_text(&path, &path)?;
        templates.push((rel, text, path));
    }
    for (name, text, path) in &templates {
        if let Err(err) = tera.add_raw_template(name, text) {
            return Err(parse_error(path, &err));
        }
    }
    tera.autoescape_on(vec![".html"]);
    // Escape the five HTML-special characters, but leave `/` readable in links.
    tera.set_escape_fn(super::slots::escape);
    let words_keys = words.words().keys().cloned().collect();
    tera.register_function("t", Words(words));
    let mut statics = Vec::new();
    for (name, text) in STATIC {
        let text = read_override(override_dir, &format!("static/{name}"))?
            .map(|(t, _)| t)
            .unwrap_or_else(|| text.to_string());
        statics.push((name.to_string(), text.into_bytes()));
    }
    for (rel, path) in site_files(override_dir, "static") {
        if statics.iter().any(|(n, _)| *n == rel) {
            continue;
        }
        let bytes = std::fs::read(&path)
            .map_err(|e| Diagnostic::error(&path, m!("theme.cannot-read", error = e)))?;
        statics.push((rel, bytes));
    }
    let (chart_text, chart_path) =
        read_override(override_dir, "chart.yaml")?.unwrap_or_else(|| {
            (
                crate::chart::style::DEFAULT.to_string(),
                PathBuf::from("(built-in theme)/chart.yaml"),
            )
        });
    let source = crate::yaml::SourceText {
        path: chart_path,
        text: chart_text,
        line_offset: 0,
    };
    let chart_style = crate::yaml::parse::<crate::chart::style::ChartStyle>(&source)?;
    Ok(Theme {
        tera,
        statics,
        chart_style,
        templates,
        words_keys,
    })
}

/// The files under `dir/sub` (a site's theme folder), as (path below `sub` with `/`,
/// file), in name order; links and hidden files are left out.
fn site_files(dir: Option<&Path>, sub: &str) -> Vec<(String, PathBuf)> {
    let Some(root) = dir.map(|d| d.join(sub)).filter(|d| d.is_dir()) else {
        return Vec::new();
    };
    walkdir::WalkDir::new(&root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&root).ok()?;
            let rel: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            Some((rel.join("/"), e.into_path()))
        })
        .collect()
}

/// The templates' `t(key="…", name=value…)`: a word of the vocabulary, with each
/// `{name}` filled in. A key the vocabulary lacks is an error that names it.
struct Words(Arc<Vocabulary>);

impl tera::Function for Words {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(|k| k.as_str())
            .ok_or_else(|| tera::Error::msg(m!("theme.t-needs-key")))?;
        if !self.0.words().contains_key(key) {
            let word = UnknownWord(key.to_string());
            return Err(tera::Error::chain(format!("t(key=\"{key}\")"), word));
        }
        let values: Vec<(String, String)> = args
            .iter()
            .filter(|(k, _)| *k != "key")
            .map(|(k, v)| {
                let v = match v {
                    tera::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), v)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Ok(tera::Value::String(self.0.fill(key, &pairs)))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// Why `t()` failed: the vocabulary has no such key. `render_error` finds it among the
/// causes of tera's error and points at the template line that asks for the key.
#[derive(Debug)]
struct UnknownWord(String);

impl std::fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&m!("vocabulary.unknown-key", key = self.0))
    }
}

impl std::error::Error for UnknownWord {}

fn read_override(dir: Option<&Path>, rel: &str) -> Result<Option<(String, PathBuf)>, Diagnostic> {
    let Some(dir) = dir else { return Ok(None) };
    let path = dir.join(rel);
    if !path.is_file() {
        return Ok(None);
    }
    let text = crate::load::read_text(&path, &path)?;
    Ok(Some((text, path)))
}

/// A tera error with all its causes, which is where the useful part is.
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
