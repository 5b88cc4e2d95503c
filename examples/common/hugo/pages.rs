//! The Hugo peer's Markdown of the pages made of several parts (`hugo_site`): the home
//! page, a goal's page and the full report, as sosei's pages show them.

use super::md::*;
use sosei::model::*;
use sosei::render::site::goal_page_path;

impl Md<'_> {
    /// The home page: the summary of ratings, the plan and the goals.
    pub fn home(&mut self) {
        let (r, label) = (self.r, self.year_label());
        let kinds = self.facts.all.clone();
        let title = self.fill("site.year_evaluation", &[("year", &label)]);
        self.para(&esc(&format!("{}　{title}", r.plan.title)));
        let summary = self.fill("home.summary", &[("year", &label), ("kinds", &kinds)]);
        self.heading(2, &summary);
        if let Some(c) = result(r, self.y.eval.year).and_then(|x| x.commentary.as_ref()) {
            self.prose(c, 3);
        }
        self.summary();
        let details = self.fill("home.details", &[("kinds", &kinds)]);
        self.para(&self.link(&esc(&details), "evaluation.html"));
        self.plan(3);
        let count = r.goals.top().count().to_string();
        let goals = [("count", count.as_str()), ("level", self.top_level())];
        self.heading(2, &self.fill("home.goals", &goals));
        self.goals(3, true);
    }

    /// A top-level goal's page: its indicators, the goals under it, their verification
    /// and the external opinions on it.
    pub fn goal(&mut self, g: usize) {
        let (r, label) = (self.r, self.year_label());
        self.para(&esc(&r.goals.list[g].aim));
        self.goal_tables(g);
        for c in r.goals.subtree(g).skip(1) {
            let depth = r.goals.list[c].depth;
            self.heading(depth + 1, &r.goals.heading(c));
            if !r.goals.list[c].aim.is_empty() {
                self.para(&esc(&r.goals.list[c].aim));
            }
            self.goal_tables(c);
            self.opinions(Some(c), depth + 2);
        }
        let kinds = self.kinds_under(g);
        let heading = self.fill("goal.verification", &[("kinds", &kinds), ("year", &label)]);
        let caption = self.fill(
            "goal.verification_caption",
            &[
                ("goal", &r.goals.label(g)),
                ("kinds", &kinds),
                ("year", &label),
            ],
        );
        self.verification(&heading, &caption, Some(r.goals.subtree(g)));
        self.opinions(Some(g), 2);
        let notes = esc(self.word("goal.notes_link"));
        self.para(&self.link(&notes, "evaluation.html#h-notes"));
    }

    /// A goal's own indicators: their table, under a heading on the top goal's page.
    fn goal_tables(&mut self, g: usize) {
        let r = self.r;
        if !r.indicators.iter().any(|i| i.goal == g) {
            return;
        }
        let kinds = self.own_kinds(g);
        if r.goals.list[g].depth == 0 {
            self.heading(2, &self.fill("goal.indicators", &[("kinds", &kinds)]));
        }
        let heading = r.goals.heading(g);
        let caption = self.fill("goal.table", &[("goal", &heading), ("kinds", &kinds)]);
        self.indicators(&caption, &self.y.eval.years.clone(), Some(g..g + 1), &kinds);
    }

    /// The full report: the cover, 目次 and every part, in the order of the source document.
    pub fn full(&mut self) {
        let (r, year) = (self.r, self.y.eval.year);
        let (label, short) = (self.year_label(), &r.plan.short_title);
        let kinds = self.facts.all.clone();
        let verification = self.fill(
            "evaluation.verification",
            &[("short", short), ("kinds", &kinds), ("year", &label)],
        );
        let verified =
            result(r, year).is_some_and(|x| x.verification.iter().any(|e| !e.rows.is_empty()));
        let opinions = result(r, year).is_some_and(|x| x.external.is_some());
        let donated = r.donations.iter().any(|d| d.year == year);
        let donations = r.plan.donation_programme.as_ref().filter(|_| donated);
        let title = self.fill("site.year_evaluation", &[("year", &label)]);
        for line in [&r.config.city, &format!("{}　{title}", r.plan.title)] {
            self.para(&esc(line));
        }
        let subtitle = (r.plan.subtitle.clone())
            .unwrap_or_else(|| self.fill("full.subtitle", &[("kinds", &kinds)]));
        self.para(&esc(&subtitle));
        for line in r.config.issued.iter().chain([&r.config.city]) {
            self.para(&esc(line));
        }
        self.heading(2, self.word("full.toc"));
        let perspective = r.plan.perspective.as_ref().map(|p| match &p.heading_note {
            Some(note) => self.fill(
                "full.perspective",
                &[("plan", &r.plan.title), ("note", note)],
            ),
            None => r.plan.title.clone(),
        });
        let count = r.goals.top().count().to_string();
        let goals = self.fill(
            "full.goals",
            &[
                ("plan", &r.plan.title),
                ("count", &count),
                ("level", self.top_level()),
            ],
        );
        let trends = self.fill("full.trends", &[("kinds", &kinds), ("year", &label)]);
        let external = self.fill("goal.external", &[("year", &label)]);
        let mut toc: Vec<String> = perspective.iter().cloned().collect();
        toc.push(goals.clone());
        for y in &self.y.eval.years {
            let year = self.label(*y);
            let e = [
                ("short", short.as_str()),
                ("kinds", &kinds),
                ("year", &year),
            ];
            toc.push(self.fill("evaluation.heading", &e));
        }
        toc.push(trends.clone());
        toc.extend(verified.then(|| verification.clone()));
        toc.extend(opinions.then(|| external.clone()));
        let grants_at = toc.len();
        toc.extend(r.grants.iter().map(|g| g.full_name()));
        toc.extend(donations.map(|d| d.scheme.clone()));
        toc.push(self.word("notes.heading").into());
        for (i, entry) in toc.iter().enumerate() {
            self.md += &format!("- {} {}\n", i + 1, esc(entry));
            let grant = i.checked_sub(grants_at).and_then(|k| r.grants.get(k));
            let projects = grant
                .iter()
                .flat_map(|g| g.projects_in(year).map(|(_, p)| p));
            for (j, p) in projects.enumerate() {
                self.md += &format!("  - {}.{} {}\n", i + 1, j + 1, esc(&p.title));
            }
        }
        self.md += "\n";
        if let Some(p) = &perspective {
            self.heading(2, p);
            self.plan(4);
        }
        self.heading(2, &goals);
        if perspective.is_none() {
            self.heading(3, self.word("home.overview"));
            self.prose(&r.plan.overview, 4);
        }
        self.goals(3, false);
        self.evaluations(4);
        self.heading(2, &trends);
        if r.indicators.iter().map(|i| i.series.len()).sum::<usize>() > r.config.full_report_charts
        {
            let omitted = [("kinds", kinds.as_str()), ("level", self.top_level())];
            self.para(&esc(&self.fill("full.trends_omitted", &omitted)));
            let link = |(g, _): (usize, &Goal)| {
                let kinds = self.kinds_under(g);
                let goal = r.goals.heading(g);
                let text = self.fill("full.trends_link", &[("goal", &goal), ("kinds", &kinds)]);
                self.link(&esc(&text), &goal_page_path(r, g))
            };
            let links: Vec<String> = r.goals.top().map(link).collect();
            self.list(links);
        }
        self.verification(&verification, &verification, None);
        self.opinions(None, 2);
        for n in 0..r.grants.len() {
            self.grant(n, 4, true);
        }
        self.donations(4);
        self.notes();
    }
}
