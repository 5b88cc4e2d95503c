//! The Hugo peer's Markdown of the report's own parts (`hugo_site`): the indicator and
//! verification tables, the plan, the goals, the summary of ratings, each year's
//! evaluation, the external opinions and the notes, as sosei's pages show them.

use super::md::*;
use sosei::fiscal_year::FiscalYear;
use sosei::format;
use sosei::model::*;
use sosei::render::site::goal_page_path;
use std::ops::Range;

impl Md<'_> {
    /// The kinds of `goal`'s own indicators (数値目標, KPI), or its level's.
    pub fn own_kinds(&self, goal: usize) -> String {
        let mut kinds: Vec<&str> = Vec::new();
        for i in self.r.indicators.iter().filter(|i| i.goal == goal) {
            if !kinds.contains(&i.kind.as_str()) {
                kinds.push(&i.kind);
            }
        }
        if kinds.is_empty() {
            kinds.push(&self.r.goals.level(goal).indicator_kind);
        }
        kinds.join(self.word("notes.compound_join"))
    }

    /// The kinds of the indicators under `goal`, its own included.
    pub fn kinds_under(&self, goal: usize) -> String {
        let f = self.facts;
        f.by_goal.get(goal).unwrap_or(&f.all).clone()
    }

    /// The table of indicators (of the goals in `goals`, or all with their goal): a
    /// column of actuals per year; the figure and rating are those of the last year.
    pub fn indicators(
        &mut self,
        caption: &str,
        years: &[FiscalYear],
        goals: Option<Range<usize>>,
        kinds: &str,
    ) {
        let (r, eval) = (self.r, &self.y.eval);
        let rating = &r.config.rating;
        let last = *years.last().unwrap_or(&eval.year);
        let results: Vec<_> = years.iter().map(|y| result(r, *y)).collect();
        let ours = |i: &usize| {
            goals
                .as_ref()
                .is_none_or(|g| g.contains(&r.indicators[*i].goal))
        };
        let selected: Vec<usize> = (0..r.indicators.len()).filter(ours).collect();
        let mut notes = Vec::new();
        for (&i, res) in selected
            .iter()
            .flat_map(|i| results.iter().map(move |res| (i, res)))
        {
            for k in 0..r.indicators[i].series.len() {
                add_note(&mut notes, obs(*res, i, k));
            }
        }
        let year_targets = (selected.iter()).any(|i| {
            r.indicators[*i]
                .series
                .iter()
                .any(|s| s.targets.contains_key(&last))
        });
        let mut head: Vec<String> = Vec::new();
        if goals.is_none() {
            head.push(self.fill("table.goal", &[("level", self.top_level())]));
        }
        head.push(self.fill("table.indicator", &[("kinds", kinds)]));
        head.push(self.word("table.baseline").into());
        for y in years {
            head.push(self.fill("table.actual", &[("year", &self.short(*y))]));
        }
        if year_targets {
            head.push(self.fill("table.year_target", &[("year", &self.short(last))]));
        }
        head.push(self.word("table.target").into());
        head.push(rating.figure.clone());
        head.push(format!(
            "{}（{}）",
            self.word("table.rating"),
            self.label(last)
        ));
        self.head(caption, &head);
        for i in selected {
            let ind = &r.indicators[i];
            let mut cells = Vec::new();
            if goals.is_none() {
                let (goal, top) = (ind.goal, r.goals.root_of(ind.goal));
                let mut page = goal_page_path(r, top);
                if goal != top {
                    page += &format!("#h-goal-{}", r.goals.slug(goal));
                }
                cells.push(self.link(&esc(&r.goals.label(goal)), &page));
            }
            let mut name = esc(&ind.name);
            if ind.cumulative {
                name += self.word("table.cumulative");
            }
            if ind.series.iter().any(|s| s.direction == Direction::Lower) {
                name += self.word("table.lower_is_better");
            }
            if ind.kind != r.goals.level(ind.goal).indicator_kind {
                name += &esc(&ind.kind);
            }
            name += &self.department(ind);
            cells.push(name);
            let mut per_series = Vec::new();
            for k in 0..ind.series.len() {
                let actuals: Vec<_> = results.iter().map(|res| obs(*res, i, k)).collect();
                let mut values = self.figures(ind, k, true, &actuals, None, &notes);
                if year_targets {
                    let s = &ind.series[k];
                    let target = s.targets.get(&last);
                    let target = target.map_or(format::NONE.into(), |q| figure(*q, &s.unit, None));
                    values.insert(values.len() - 1, label(ind, k, true) + &target);
                }
                let series = SeriesRef {
                    indicator: i,
                    series: k,
                };
                let a = eval.assessment(series, last);
                let shown = a.and_then(|a| a.figure).filter(|_| ind.milestone.is_none());
                let shown = shown.map_or(format::NONE.into(), format::figure);
                let level = a.map_or(rating.not_measured_ref(), |a| a.level);
                let level = rating.get(level);
                values.push(label(ind, k, true) + &shown);
                values.push(format!("{}{}", level.symbol, level.label));
                per_series.push(values);
            }
            cells.extend(joined(&per_series));
            self.row(&cells);
        }
        self.md += "\n";
        self.footnotes(&notes);
        let label = self.fill("download.indicators", &[("kinds", kinds)]);
        self.download("indicators", &label);
    }

    /// The verification of the report year (`##`), of the goals in `goals` or all: each
    /// entry's rows as a table, then its prose.
    pub fn verification(&mut self, heading: &str, caption: &str, goals: Option<Range<usize>>) {
        let r = self.r;
        let res = result(r, self.y.eval.year);
        let ours = |row: &&VerificationRow| {
            (goals.as_ref()).is_none_or(|g| g.contains(&r.indicators[row.indicator].goal))
        };
        let entries: Vec<&Verification> = res
            .iter()
            .flat_map(|x| &x.verification)
            .filter(|e| e.rows.iter().any(|row| ours(&row)))
            .collect();
        let series_of = |row: &VerificationRow| match row.series {
            Some(s) => vec![s],
            None => (0..r.indicators[row.indicator].series.len()).collect(),
        };
        let mut notes = Vec::new();
        for row in entries.iter().flat_map(|e| e.rows.iter().filter(ours)) {
            for k in series_of(row) {
                add_note(&mut notes, obs(res, row.indicator, k));
            }
        }
        if entries.is_empty() {
            return;
        }
        let kinds = match &goals {
            Some(g) => self.kinds_under(g.start),
            None => self.facts.all.clone(),
        };
        self.heading(2, heading);
        self.para(&esc(caption));
        let mut head = vec![
            self.fill("table.goal", &[("level", self.top_level())]),
            self.fill("table.indicator", &[("kinds", &kinds)]),
        ];
        head.push(self.word("table.baseline").into());
        let actual = self.short(self.y.eval.year);
        head.push(self.fill("table.actual", &[("year", &actual)]));
        head.push(self.word("table.target").into());
        for e in entries {
            self.head("", &head);
            for row in e.rows.iter().filter(ours) {
                let ind = &r.indicators[row.indicator];
                let name = match row.series {
                    Some(s) if ind.compound => &ind.series[s].name,
                    _ => &ind.name,
                };
                // A row of one series of a compound indicator is named by it; no labels then.
                let labels = row.series.is_none();
                let values = |k| {
                    let actual = obs(res, row.indicator, k);
                    self.figures(ind, k, labels, &[actual], row.scale, &notes)
                };
                let per_series: Vec<_> = series_of(row).into_iter().map(values).collect();
                let name = esc(name) + &self.department(ind);
                let mut cells = vec![esc(&r.goals.label(ind.goal)), name];
                cells.extend(joined(&per_series));
                self.row(&cells);
            }
            self.md += "\n";
            self.heading(3, self.word("table.analysis"));
            self.prose(&e.analysis, 4);
            self.heading(3, self.word("table.next_steps"));
            self.prose(&e.next_steps, 4);
        }
        self.footnotes(&notes);
        let label = self.fill("download.indicators", &[("kinds", &kinds)]);
        self.download("indicators", &label);
    }

    /// The plan's overview, and its perspective's basic idea and purposes when it has
    /// one; `level` is that of their prose's `##`.
    pub fn plan(&mut self, level: usize) {
        let p = &self.r.plan;
        self.heading(level - 1, self.word("home.overview"));
        self.prose(&p.overview, level);
        let Some(v) = &p.perspective else {
            return;
        };
        let name = [("perspective", v.name.as_str())];
        self.heading(level - 1, &self.fill("home.basic_idea", &name));
        self.prose(&v.basic_idea, level);
        self.heading(level - 1, &self.fill("home.purposes", &name));
        for purpose in &v.purposes {
            self.heading(level, &purpose.title);
            self.list(purpose.items.iter().map(|i| esc(i)));
        }
    }

    /// The top-level goals with their aims, and the goals under them: on the home page
    /// linked to their pages, in the full report as a list.
    pub fn goals(&mut self, level: usize, link: bool) {
        let goals = &self.r.goals;
        for (g, goal) in goals.top() {
            let mut name = esc(&goals.heading(g));
            if link {
                name = self.link(&name, &goal_page_path(self.r, g));
            }
            self.para(&format!("{} {name}", "#".repeat(level)));
            self.para(&esc(&goal.aim));
            let under: Vec<String> = (goals.subtree(g).skip(1))
                .map(|c| {
                    let indent = "  ".repeat(goals.list[c].depth - 1);
                    let text = esc(&goals.heading(c));
                    let page = format!("{}#h-goal-{}", goal_page_path(self.r, g), goals.slug(c));
                    match link {
                        true => format!("{indent}- {}", self.link(&text, &page)),
                        false => format!("{indent}- {text}"),
                    }
                })
                .collect();
            if !under.is_empty() {
                self.md += &under.join("\n");
                self.md += "\n\n";
            }
        }
    }

    /// The home page's rating counts per top-level goal.
    pub fn summary(&mut self) {
        let (r, e) = (self.r, &self.y.eval);
        let rating = &r.config.rating;
        let shown: Vec<LevelRef> = (rating.all().map(|(l, _)| l))
            .filter(|l| *l != rating.not_rated_ref() || e.overall.get(*l) > 0)
            .collect();
        let total = self.word("table.total").to_string();
        let mut head = vec![self.top_level().to_string()];
        head.extend(shown.iter().map(|l| {
            let level = rating.get(*l);
            format!("{}{}", level.symbol, level.label)
        }));
        head.push(total.clone());
        let caption = self.fill(
            "summary.caption",
            &[
                ("level", self.top_level()),
                ("kinds", &self.facts.all),
                ("year", &self.year_label()),
            ],
        );
        self.head(&caption, &head);
        let counts = |name: String, c: &sosei::evaluate::LevelCounts| {
            let mut cells = vec![name];
            cells.extend(shown.iter().map(|l| c.get(*l).to_string()));
            cells.push(c.total().to_string());
            cells
        };
        for (g, _) in r.goals.top() {
            let name = esc(&r.goals.heading(g));
            let name = self.link(&name, &goal_page_path(r, g));
            self.row(&counts(name, e.counts(g)));
        }
        self.row(&counts(total, &e.overall));
        self.md += "\n";
    }

    /// The evaluation of each year up to the report year.
    pub fn evaluations(&mut self, level: usize) {
        let kinds = self.facts.all.clone();
        for y in self.y.eval.years.clone() {
            let short = &self.r.plan.short_title;
            let year = self.label(y);
            let heading = self.fill(
                "evaluation.heading",
                &[("short", short), ("kinds", &kinds), ("year", &year)],
            );
            self.heading(2, &heading);
            if let Some(c) = result(self.r, y).and_then(|x| x.commentary.as_ref()) {
                self.prose(c, level);
            }
            self.indicators(&heading, &[y], None, &kinds);
        }
    }

    /// The external committee's opinions of the report year, on `goal` or on every goal,
    /// under a heading at `level`.
    pub fn opinions(&mut self, goal: Option<usize>, level: usize) {
        let (r, year) = (self.r, self.y.eval.year);
        let Some(external) = result(r, year).and_then(|x| x.external.as_ref()) else {
            return;
        };
        let opinions: Vec<&(usize, String)> = (external.opinions.iter())
            .filter(|(g, _)| goal.is_none_or(|x| x == *g))
            .collect();
        if opinions.is_empty() {
            return;
        }
        let heading = self.fill("goal.external", &[("year", &self.year_label())]);
        self.heading(level, &heading);
        if let Some(c) = &external.committee {
            self.para(&esc(&self.fill("goal.external_by", &[("committee", c)])));
        }
        for (g, text) in opinions {
            if goal.is_none() {
                self.heading(level + 1, &r.goals.heading(*g));
            }
            self.prose(text, level + 1);
        }
    }

    /// The notes on the method of evaluation.
    pub fn notes(&mut self) {
        self.heading(2, self.word("notes.heading"));
        let n = &self.y.notes;
        self.list(n.rule.iter().chain(&n.variants).map(|l| esc(l)));
    }
}
