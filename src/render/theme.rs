//! The theme: tera templates and CSS embedded in the binary, overridable file by file.

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

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
        "strategy.html",
        include_str!("../../themes/default/templates/strategy.html"),
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
    pub statics: Vec<(String, String)>,
    pub chart_style: crate::chart::style::ChartStyle,
    /// Every template: (name, text, where it came from).
    templates: Vec<(String, String, PathBuf)>,
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
        let position = variable.and_then(|v| {
            text.lines()
                .enumerate()
                .find_map(|(i, l)| l.find(v).map(|c| (i + 1, l[..c].chars().count() + 1)))
        });
        let d = match variable {
            Some(v) => Diagnostic::error(
                path,
                format!("the template uses `{v}`, which sosei does not provide"),
            )
            .expected(
                "a variable of the built-in template's context; compare with the built-in template",
            ),
            None => Diagnostic::error(path, format!("the template cannot be rendered: {message}")),
        };
        d.at(position)
    }

    /// A page whose template placed its parts where they cannot be written back, pointed
    /// at the template line that printed the part where the rendered text before it shows.
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
            None => format!(" (page template `{template}`)"),
        };
        let message = match (err.problem, part) {
            (Problem::Unknown, _) => format!("the page holds {}{page}", err.problem),
            (problem, Some(part)) => format!("{part} {problem}{page}"),
            (problem, None) => format!("a part of the page {problem}{page}"),
        };
        Diagnostic::error(path, message)
            .at(position)
            .expected("each part (a table, chart, navigation or Markdown section) printed once, as `{{ … }}` with no filter, where an element may stand")
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
        .unwrap_or("the syntax is not valid")
        .to_string();
    Diagnostic::error(path, format!("the template does not parse: {reason}"))
        .at(position)
        .expected("valid tera template syntax: every {% for %}, {% if %} and {% block %} closed")
}

/// Loads the default theme, replacing any file that `override_dir` (a site's
/// `themes/default/`) also has.
pub fn load(override_dir: Option<&Path>) -> Result<Theme, Diagnostic> {
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
    for (name, text, path) in &templates {
        if let Err(err) = tera.add_raw_template(name, text) {
            return Err(parse_error(path, &err));
        }
    }
    tera.autoescape_on(vec![".html"]);
    // Escape the five HTML-special characters, but leave `/` readable in links.
    tera.set_escape_fn(super::slots::escape);
    let mut statics = Vec::new();
    for (name, text) in STATIC {
        let text = read_override(override_dir, &format!("static/{name}"))?
            .map(|(t, _)| t)
            .unwrap_or_else(|| text.to_string());
        statics.push((name.to_string(), text));
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
    })
}

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
