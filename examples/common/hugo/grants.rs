//! The Hugo peer's Markdown of grant programmes, projects, donations and the open data
//! page (`hugo_site`), as sosei's pages show them.

use super::md::*;
use sosei::evaluate;
use sosei::fiscal_year::FiscalYear;
use sosei::format;
use sosei::model::*;
use sosei::render::site::{grant_page_path, project_page_path};

impl Md<'_> {
    /// A grant programme: on its page `level` 3, in the full report 4 (with its projects).
    pub fn grant(&mut self, n: usize, level: usize, full: bool) {
        let (g, year) = (&self.r.grants[n], self.y.eval.year);
        let heading = g.heading();
        match full {
            true => self.heading(level - 2, &format!("{heading}「{}」", g.title)),
            false => self.para(&esc(&format!("「{}」", g.title))),
        }
        self.term(&g.scheme);
        let period = format!("{}～{}", self.label(g.period.from), self.label(g.period.to));
        let overview = self.fill("grant.overview_period", &[("period", &period)]);
        self.heading(level - 1, &overview);
        self.prose(&g.overview, level);
        let years: Vec<FiscalYear> = g.period.years().collect();
        if g.budget.keys().any(|y| *y <= year) {
            self.budget(g, &years);
        }
        if !g.kpis.is_empty() {
            self.kpis(g, level, &years);
        }
        let projects: Vec<&Project> = g.projects_in(year).map(|(_, p)| p).collect();
        if full {
            for p in projects {
                self.heading(level - 1, &p.title);
                self.project(p, level);
            }
        } else if !projects.is_empty() {
            self.heading(level - 1, self.word("grant.projects"));
            let link = |p: &&Project| self.link(&esc(&p.title), &project_page_path(g, p));
            let links: Vec<String> = projects.iter().map(link).collect();
            self.list(links);
        }
    }

    /// 事業費と交付金額 per year up to the report year, with computed totals.
    fn budget(&mut self, g: &Grant, years: &[FiscalYear]) {
        let year = self.y.eval.year;
        let mut head = vec![self.word("budget.unit").to_string()];
        head.extend(years.iter().map(|y| self.short(*y)));
        head.push(self.word("table.total").into());
        let caption = self.fill("budget.caption", &[("grant", &g.heading())]);
        self.head(&caption, &head);
        let sums = evaluate::budget_total(g, year);
        let mut cost = vec![self.word("budget.total_cost").to_string()];
        let mut grant = vec![self.word("budget.grant").to_string()];
        for y in years {
            let b = g.budget.get(y).filter(|_| *y <= year);
            cost.push(b.map(|b| format::number(b.total_cost)).unwrap_or_default());
            grant.push(b.map(|b| format::number(b.grant)).unwrap_or_default());
        }
        cost.push(total(sums.total_cost, ""));
        grant.push(total(sums.grant, ""));
        self.row(&cost);
        self.row(&grant);
        self.md += "\n";
        self.para(&esc(
            &self.fill("budget.note", &[("year", &self.year_label())])
        ));
        self.download("budgets", self.word("download.budgets"));
    }

    /// 重要業績評価指標（KPI）: targets and actual increments per year, with sums.
    fn kpis(&mut self, g: &Grant, level: usize, years: &[FiscalYear]) {
        let year = self.y.eval.year;
        self.heading(level - 1, self.word("grant.kpis"));
        let mut head: Vec<String> = ["kpi.indicator", "kpi.row", "kpi.before"]
            .map(|k| self.word(k).to_string())
            .into();
        for y in years {
            head.push(self.fill("kpi.increase", &[("year", &self.short(*y))]));
        }
        head.push(self.fill("kpi.sum", &[("year", &self.short(year))]));
        self.head(&self.fill("kpi.caption", &[("grant", &g.heading())]), &head);
        for k in &g.kpis {
            let (sums, value) = (evaluate::kpi_total(k, year), |q| figure(q, &k.unit, None));
            let mut target = vec![esc(&k.name), self.word("kpi.target").into(), String::new()];
            let mut actual = vec![
                String::new(),
                self.word("kpi.actual").into(),
                value(k.before),
            ];
            for y in years {
                target.push(k.targets.get(y).map(|q| value(*q)).unwrap_or_default());
                let a = k.actuals.get(y).filter(|_| *y <= year);
                actual.push(a.map_or(format::NONE.into(), |q| value(*q)));
            }
            target.push(total(sums.target_sum, &k.unit));
            actual.push(total(sums.actual_sum, &k.unit));
            self.row(&target);
            self.row(&actual);
        }
        self.md += "\n";
        self.download("kpis", self.word("download.kpis"));
    }

    /// A project's sections, headed at `level`.
    pub fn project(&mut self, p: &Project, level: usize) {
        if p.title_supplied {
            self.para(&esc(self.word("project.supplied")));
        }
        for s in p.sections.iter() {
            self.heading(level, &s.heading);
            self.prose(&s.body, level + 1);
        }
    }

    /// The page of a project: a link to its programme, then its sections.
    pub fn project_page(&mut self, grant: usize, project: usize) {
        let g = &self.r.grants[grant];
        let link = self.link(&esc(&g.heading()), &grant_page_path(g));
        self.para(&format!("{link}{}", esc(self.word("project.of"))));
        self.project(&g.projects[project], 2);
    }

    /// 企業版ふるさと納税 and the report year's donations: on their page `level` 3, else 4.
    pub fn donations(&mut self, level: usize) {
        let (r, year) = (self.r, self.y.eval.year);
        let (Some(prog), Some(d)) = (
            &r.plan.donation_programme,
            r.donations.iter().find(|d| d.year == year),
        ) else {
            return;
        };
        match level {
            3 => self.para(&esc(&prog.scheme)),
            _ => self.heading(level - 2, &prog.scheme),
        }
        self.term(&prog.scheme);
        let target = self.fill("donations.target", &[("target", &prog.target)]);
        self.heading(level - 1, &target);
        self.heading(level, self.word("donations.overview"));
        self.prose(&prog.overview, level);
        let caption = self.fill("donations.caption", &[("year", &self.year_label())]);
        self.heading(level - 1, &caption);
        let head = ["project", "purpose", "cost", "amount"];
        let head = head.map(|k| self.word(&format!("donations.{k}")).to_string());
        self.head(&caption, &head);
        let unit = self.word("donations.unit").to_string();
        let money = |q| figure(q, &unit, None);
        for x in &d.donations {
            let (cost, amount) = (money(x.project_cost), money(x.amount));
            self.row(&[esc(&x.project), esc(&x.purpose), cost, amount]);
        }
        let (cost, amount) = evaluate::donation_total(d);
        let (cost, amount) = (total(cost, &unit), total(amount, &unit));
        self.row(&[self.word("table.total").into(), String::new(), cost, amount]);
        self.md += "\n";
        self.download("donations", self.word("download.donations"));
        self.para(&esc(self.word("donations.note")));
    }

    /// The open data page: what the files hold, and each table's columns.
    pub fn data(&mut self) {
        let r = self.r;
        let figure = r.config.rating.figure.as_str();
        self.para(&esc(
            &self.fill("data.lead", &[("year", &self.year_label())])
        ));
        let mut intro: Vec<String> = ["data.csv", "data.cells", "data.years"]
            .map(|k| esc(self.word(k)))
            .into();
        intro.push(esc(
            &self.fill("data.city_code", &[("city", &r.config.city)])
        ));
        intro.push(esc(&self.fill("data.derived", &[("figure", figure)])));
        let licence = r.config.licence.iter();
        intro.extend(licence.map(|l| esc(&self.fill("data.licence", &[("licence", l)]))));
        self.list(intro);
        for (t, written) in &self.y.data {
            let root = &self.root;
            let link = |key, ext| {
                let text = esc(&r.vocabulary.fill(key, &[("label", &t.title)]));
                format!("[{text}]({root}data/{}.{ext})", t.slug)
            };
            let (csv, json) = (link("download.csv", "csv"), link("download.json", "json"));
            let units: Vec<&str> = (written.units.iter().map(String::as_str))
                .filter(|u| !u.is_empty())
                .collect();
            let rows = written.rows.to_string();
            let count = match units.is_empty() {
                true => self.fill("data.rows_only", &[("rows", &rows)]),
                false => self.fill(
                    "data.rows",
                    &[("rows", &rows), ("units", &units.join("、"))],
                ),
            };
            let and = self.word("download.and");
            let download = format!(
                "{}{csv}{and}{json}{}",
                self.word("data.download"),
                esc(&count)
            );
            self.heading(2, &t.title);
            self.para(&download);
            let head = ["data.column", "data.key", "data.type"].map(|k| self.word(k).to_string());
            self.head(&self.fill("data.columns", &[("title", &t.title)]), &head);
            for c in &t.columns {
                let kind = self.word(if c.numeric {
                    "data.number"
                } else {
                    "data.text"
                });
                self.row(&[esc(&c.name), format!("`{}`", c.key), kind.to_string()]);
            }
            self.md += "\n";
        }
    }
}
