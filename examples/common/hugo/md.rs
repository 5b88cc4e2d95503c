//! The Hugo peer's Markdown writer (`hugo_site`): one page's Markdown being written, and
//! the pieces every part of it uses (escaping, tables, footnotes, links, figures as the
//! report prints them, the report's own words).

use sosei::evaluate::Evaluation;
use sosei::fiscal_year::FiscalYear;
use sosei::format::{self, Scale};
use sosei::model::*;
use sosei::opendata::{Table, Written};
use sosei::quantity::Quantity;
use sosei::render::context::Facts;
use sosei::render::evaluation::NotesView;

/// What every page of one year's report is made from.
pub struct Year {
    pub eval: Evaluation,
    pub notes: NotesView,
    pub data: Vec<(Table, Written)>,
}

/// One page's Markdown being written.
pub struct Md<'a> {
    pub r: &'a Report,
    pub y: &'a Year,
    pub facts: &'a Facts,
    /// From the page to its year's folder: `../`, or `r3/` from the site's root.
    pub root: String,
    pub md: String,
}

/// Text that Markdown shows as it is, on one line (it may sit in a table cell).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if "\\`*_[]<>|#~".contains(c) {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

pub fn obs(result: Option<&YearResult>, indicator: usize, series: usize) -> Option<&Observation> {
    result?.observations.get(&SeriesRef { indicator, series })
}

/// The footnote an observation carries: why it is missing, or why it was revised.
pub fn note_of(obs: Option<&Observation>) -> Option<&str> {
    match obs? {
        Observation::Measured { revision, .. } => revision.as_ref().map(|r| &*r.note),
        Observation::Missing { reason } => Some(reason),
    }
}

pub fn add_note<'a>(notes: &mut Vec<&'a str>, obs: Option<&'a Observation>) {
    notes.extend(note_of(obs).filter(|n| !notes.contains(n)));
}

pub fn figure(q: Quantity, unit: &str, scale: Option<Scale>) -> String {
    format::with_unit(q, unit, scale)
}

pub fn total(q: Option<Quantity>, unit: &str) -> String {
    q.map_or(format::NONE.into(), |q| figure(q, unit, None))
}

/// A series' label before its values, on a compound indicator: `小学校 `.
pub fn label(ind: &Indicator, k: usize, shown: bool) -> String {
    match &ind.series[k].label {
        Some(l) if shown && ind.compound => format!("{} ", esc(l)),
        _ => String::new(),
    }
}

/// A row's cells from each series' values: every cell holds one value per series.
pub fn joined(per_series: &[Vec<String>]) -> Vec<String> {
    let width = per_series.first().map_or(0, Vec::len);
    let cell = |c: usize| per_series.iter().map(|v| &*v[c]).collect::<Vec<_>>();
    let cell = |c| cell(c).join(" ");
    (0..width).map(cell).collect()
}

pub fn result(r: &Report, year: FiscalYear) -> Option<&YearResult> {
    r.years.iter().find(|x| x.year == year).map(|v| &**v)
}

impl<'a> Md<'a> {
    /// One of the report's fixed words.
    pub fn word(&self, key: &str) -> &'a str {
        self.r.vocabulary.get(key)
    }

    /// One of the report's fixed words, with its blanks filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        self.r.vocabulary.fill(key, values)
    }

    /// The indicator's 所管課 as the report prints it under the name (nothing without one).
    pub fn department(&self, ind: &sosei::model::Indicator) -> String {
        ind.department.as_deref().map_or(String::new(), |d| {
            format!(
                "<br>{}",
                esc(&self.fill("table.department_of", &[("department", d)]))
            )
        })
    }

    /// `令和3年度`, as the report prints a year.
    pub fn label(&self, year: FiscalYear) -> String {
        year.label_in(self.r.config.era_fy2019)
    }

    /// `R3`.
    pub fn short(&self, year: FiscalYear) -> String {
        year.short_in(self.r.config.era_fy2019)
    }

    /// The report year's label.
    pub fn year_label(&self) -> String {
        self.label(self.y.eval.year)
    }

    /// The name of the top level of goals: 戦略, 基本目標.
    pub fn top_level(&self) -> &str {
        &self.r.goals.levels[0].name
    }

    /// A link to a page of this year's report.
    pub fn link(&self, text: &str, page: &str) -> String {
        format!("[{text}]({}{page})", self.root)
    }

    pub fn para(&mut self, text: &str) {
        self.md += text;
        self.md += "\n\n";
    }

    pub fn heading(&mut self, level: usize, text: &str) {
        self.para(&format!("{} {}", "#".repeat(level.clamp(1, 6)), esc(text)));
    }

    /// Markdown prose whose `##` sosei renders at `level`.
    pub fn prose(&mut self, text: &str, level: usize) {
        let mut fenced = false;
        for line in text.trim().lines() {
            fenced ^= line.trim_start().starts_with("```");
            let hashes = line.len() - line.trim_start_matches('#').len();
            if !fenced && (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
                self.md += &"#".repeat((hashes + level).saturating_sub(2).clamp(1, 6));
                self.md += &line[hashes..];
            } else {
                self.md += line;
            }
            self.md += "\n";
        }
        self.md += "\n";
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        for c in cells {
            self.md += "| ";
            self.md += c.as_ref();
            self.md += " ";
        }
        self.md += "|\n";
    }

    /// A table's caption (a Markdown table has none), header row and separator.
    pub fn head<S: AsRef<str>>(&mut self, caption: &str, cells: &[S]) {
        if !caption.is_empty() {
            self.para(&esc(caption));
        }
        self.row(cells);
        self.row(&vec!["---"; cells.len()]);
    }

    pub fn list(&mut self, items: impl IntoIterator<Item = String>) {
        for item in items {
            self.md += &format!("- {item}\n");
        }
        self.md += "\n";
    }

    /// The links to a table's data under it: `この表のデータ：…（CSV）・…（JSON）`.
    pub fn download(&mut self, slug: &str, label: &str) {
        let link = |key, ext| {
            let text = esc(&self.fill(key, &[("label", label)]));
            format!("[{text}]({}data/{slug}.{ext})", self.root)
        };
        let (csv, json) = (link("download.csv", "csv"), link("download.json", "json"));
        let text = format!(
            "{}{csv}{}{json}",
            esc(self.word("download.lead")),
            esc(self.word("download.and"))
        );
        self.para(&text);
    }

    /// The mark of footnote `k`: numbered in order of first use; a lone one is just `※`.
    pub fn mark(&self, notes: &[&str], k: usize) -> String {
        let mark = self.word("table.note_mark");
        match notes.len() {
            1 => mark.into(),
            _ => format!("{mark}{}", k + 1),
        }
    }

    pub fn footnotes(&mut self, notes: &[&str]) {
        let items: Vec<String> = (notes.iter().enumerate())
            .map(|(k, n)| self.mark(notes, k) + " " + &esc(n))
            .collect();
        self.list(items);
    }

    /// A series' baseline (`target` false) or target as a table prints it, with its year
    /// when the report shows years; a milestone's target is what achieving it is called.
    pub fn fixed(&self, ind: &Indicator, k: usize, target: bool, scale: Option<Scale>) -> String {
        let s = &ind.series[k];
        let mut out = match (&ind.milestone, target) {
            (Some(_), false) => format::NONE.to_string(),
            (Some(m), true) => esc(&self.fill(
                "milestone.target",
                &[("milestone", m), ("year", &self.short(s.target_year))],
            )),
            (None, false) => figure(s.baseline, &s.unit, scale),
            (None, true) => figure(s.target, &s.unit, scale),
        };
        if self.facts.show_years {
            let year = if target {
                s.target_year
            } else {
                s.baseline_year
            };
            out += &self.fill("table.year_of", &[("year", &self.short(year))]);
        }
        out
    }

    /// An observation's value, with its footnote's mark: the figure (or a milestone's
    /// state), or — when missing or not yet reported.
    pub fn observed(
        &self,
        ind: &Indicator,
        k: usize,
        o: Option<&Observation>,
        scale: Option<Scale>,
        notes: &[&str],
    ) -> String {
        let value = match (o.and_then(Observation::value), &ind.milestone) {
            (Some(v), Some(m)) => match v.is_negative() || v.same_value(Quantity::zero()) {
                true => esc(self.word("milestone.not_yet")),
                false => esc(m),
            },
            (Some(v), None) => figure(v, &ind.series[k].unit, scale),
            (None, _) => format::NONE.into(),
        };
        let k = note_of(o).and_then(|n| notes.iter().position(|t| *t == n));
        let mark = k.map(|k| self.mark(notes, k)).unwrap_or_default();
        value + &mark
    }

    /// Series `k`'s baseline, each actual (with its footnote's mark) and target.
    pub fn figures(
        &self,
        ind: &Indicator,
        k: usize,
        labels: bool,
        actuals: &[Option<&Observation>],
        scale: Option<Scale>,
        notes: &[&str],
    ) -> Vec<String> {
        let label = label(ind, k, labels);
        let mut out = vec![label.clone() + &self.fixed(ind, k, false, scale)];
        for o in actuals {
            out.push(label.clone() + &self.observed(ind, k, *o, scale, notes));
        }
        out.push(label + &self.fixed(ind, k, true, scale));
        out
    }

    /// A term's definition after `※term`, as sosei prints it beside a scheme.
    pub fn term(&mut self, term: &str) {
        self.para(&esc(&format!("※{term}")));
        self.para(&esc(self.r.plan.term(term).map_or("", |t| &t.definition)));
    }
}
