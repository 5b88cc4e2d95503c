//! A Hugo site with the same pages as sosei's, for timing Hugo beside sosei (issue 8):
//! one Hugo page for each page of `sosei::render::page_list`, carrying as Markdown the
//! prose and the figures that sosei's page shows (tables, footnotes, verification prose,
//! notes), without charts, under one minimal layout.
//!
//!     cargo run --release --example hugo_site -- --content /tmp/m/content --out /tmp/hugo-m
//!     hugo --source /tmp/hugo-m --destination /tmp/hugo-m-out --quiet
//!
//! Hugo writes the pages at sosei's paths (`uglyURLs`): `content/r2/strategies/1.md` gives
//! `r2/strategies/1.html`; the root's `index.html` comes from `content/_index.md`, an
//! earlier year's from `content/r2/home.md` with `url:` (an `index.md` would be a leaf
//! bundle holding the pages under it). `--out/content` is replaced; nothing else is removed.
//!
//! With `--even`, the same Markdown is spread evenly over the same pages (`spread`), so
//! that Hugo is timed on sosei's prose without sosei's largest pages, which Hugo handles
//! poorly. With `--stock`, every page gets the same ~3 KB of stock prose instead: far less
//! text than sosei's pages carry, Hugo's lightest case.

#[path = "common/prose.rs"]
mod prose;
use prose::SENTENCES;
use rayon::prelude::*;
use sosei::evaluate::{self, Evaluation, Status, StatusCounts};
use sosei::fiscal_year::FiscalYear;
use sosei::format::{self, Scale};
use sosei::model::*;
use sosei::opendata::{self, Table, Written};
use sosei::quantity::Quantity;
use sosei::render::{self, pages::NotesView, PageInfo, Subject};
use std::fs;
use std::path::{Path, PathBuf};

const CONFIG: &str = r#"baseURL = "/"
languageCode = "ja"
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "section", "robotsTXT", "404"]
"#;
const LAYOUT: &str = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n";
const DATA_INTRO: &str = "- CSV は UTF-8（BOM 付き）、改行は CRLF です。1 行目が見出しです。
- 1 つのセルに 1 つの値を入れ、数値には桁区切りや単位を付けていません。単位は「単位」の列にあります。
- 年度は西暦の年（その年度が始まる年）と和暦の両方を示します。
- 「全国地方公共団体コード」は CITYを表す 6 桁のコードです。
- 合計（計）や進捗率など、ここにある値から計算できる数値は含めていません。
";

/// What every page of one year's report is made from.
struct Year {
    eval: Evaluation,
    notes: NotesView,
    data: Vec<(Table, Written)>,
}

/// One page's Markdown being written.
struct Md<'a> {
    r: &'a Report,
    y: &'a Year,
    /// From the page to its year's root: `../`.
    root: String,
    md: String,
}

/// Text that Markdown shows as it is, on one line (it may sit in a table cell).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if "\\`*_[]<>|#~".contains(c) {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

fn obs(result: Option<&YearResult>, indicator: usize, series: usize) -> Option<&Observation> {
    result?.observations.get(&SeriesRef { indicator, series })
}

/// The footnote an observation carries: why it is missing, or why it was revised.
fn note_of(obs: Option<&Observation>) -> Option<&str> {
    match obs? {
        Observation::Measured { revision, .. } => revision.as_ref().map(|r| &*r.note),
        Observation::Missing { reason } => Some(reason),
    }
}

fn add_note<'a>(notes: &mut Vec<&'a str>, obs: Option<&'a Observation>) {
    notes.extend(note_of(obs).filter(|n| !notes.contains(n)));
}

/// The mark of footnote `k`: numbered in order of first use; a lone one is just `※`.
fn mark(notes: &[&str], k: usize) -> String {
    match notes.len() {
        1 => "※".into(),
        _ => format!("※{}", k + 1),
    }
}

fn figure(q: Quantity, unit: &str, scale: Option<Scale>) -> String {
    format::with_unit(q, unit, scale)
}

fn total(q: Option<Quantity>, unit: &str) -> String {
    q.map_or(format::NONE.into(), |q| figure(q, unit, None))
}

/// A series' label before its values, on a compound indicator: `小学校 `.
fn label(ind: &Indicator, k: usize, shown: bool) -> String {
    match &ind.series[k].label {
        Some(l) if shown && ind.compound => format!("{} ", esc(l)),
        _ => String::new(),
    }
}

/// Series `k`'s baseline, each actual (with its footnote's mark) and target.
fn figures(
    ind: &Indicator,
    k: usize,
    labels: bool,
    actuals: &[Option<&Observation>],
    scale: Option<Scale>,
    notes: &[&str],
) -> Vec<String> {
    let (s, label) = (&ind.series[k], label(ind, k, labels));
    let mut out = vec![label.clone() + &figure(s.baseline, &s.unit, scale)];
    for o in actuals {
        let value = o.and_then(Observation::value);
        let value = value.map_or(format::NONE.into(), |q| figure(q, &s.unit, scale));
        let k = note_of(*o).and_then(|n| notes.iter().position(|t| *t == n));
        let mark = k.map(|k| mark(notes, k)).unwrap_or_default();
        out.push(format!("{label}{value}{mark}"));
    }
    out.push(label + &figure(s.target, &s.unit, scale));
    out
}

/// A row's cells from each series' values: every cell holds one value per series.
fn joined(per_series: &[Vec<String>]) -> Vec<String> {
    let width = per_series.first().map_or(0, Vec::len);
    let cell = |c: usize| per_series.iter().map(|v| &*v[c]).collect::<Vec<_>>();
    let cell = |c| cell(c).join(" ");
    (0..width).map(cell).collect()
}

impl Md<'_> {
    /// A link to a page of this year's report.
    fn link(&self, text: &str, page: &str) -> String {
        format!("[{text}]({}{page})", self.root)
    }

    fn para(&mut self, text: &str) {
        self.md += text;
        self.md += "\n\n";
    }

    fn heading(&mut self, level: usize, text: &str) {
        self.para(&format!("{} {}", "#".repeat(level), esc(text)));
    }

    /// Markdown prose whose `##` sosei renders at `level`.
    fn prose(&mut self, text: &str, level: usize) {
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

    fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        for c in cells {
            self.md += "| ";
            self.md += c.as_ref();
            self.md += " ";
        }
        self.md += "|\n";
    }

    /// A table's caption (a Markdown table has none), header row and separator.
    fn head<S: AsRef<str>>(&mut self, caption: &str, cells: &[S]) {
        if !caption.is_empty() {
            self.para(&esc(caption));
        }
        self.row(cells);
        self.row(&vec!["---"; cells.len()]);
    }

    fn list(&mut self, items: impl IntoIterator<Item = String>) {
        for item in items {
            self.md += &format!("- {item}\n");
        }
        self.md += "\n";
    }

    fn download(&mut self, slug: &str, label: &str) {
        let root = &self.root;
        let link = |kind: &str, ext| format!("[{label}（{kind}）]({root}data/{slug}.{ext})");
        let (csv, json) = (link("CSV", "csv"), link("JSON", "json"));
        self.para(&format!("この表のデータ：{csv}・{json}"));
    }

    fn footnotes(&mut self, notes: &[&str]) {
        let note = |(k, n): (usize, &&str)| mark(notes, k) + " " + &esc(n);
        self.list(notes.iter().enumerate().map(note));
    }

    /// 数値目標: a column of actuals per year; progress and status are those of the last.
    fn indicators(&mut self, caption: &str, years: &[FiscalYear], strategy: Option<u32>) {
        let (r, eval) = (self.r, &self.y.eval);
        let last = *years.last().unwrap_or(&eval.year);
        let results: Vec<_> = years.iter().map(|y| result(r, *y)).collect();
        let ours = |i: &usize| strategy.is_none_or(|s| s == r.indicators[*i].strategy);
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
        let mut head: Vec<String> = vec!["戦略".into(), "数値目標".into(), "当初値".into()];
        head.drain(..strategy.map_or(0, |_| 1));
        head.extend(years.iter().map(|y| format!("{}実績値", y.short())));
        head.extend(["目標値".into(), "進捗率".into()]);
        head.push(format!("評価（{}）", last.label()));
        self.head(caption, &head);
        for i in selected {
            let ind = &r.indicators[i];
            let mut cells = Vec::new();
            if strategy.is_none() {
                let n = ind.strategy;
                cells.push(self.link(&format!("戦略{n}"), &format!("strategies/{n}.html")));
            }
            let mut name = esc(&ind.name);
            if ind.series.iter().any(|s| s.direction == Direction::Lower) {
                name += "（低いほど良い指標）";
            }
            cells.push(name);
            let mut per_series = Vec::new();
            for k in 0..ind.series.len() {
                let actuals: Vec<_> = results.iter().map(|res| obs(*res, i, k)).collect();
                let mut values = figures(ind, k, true, &actuals, None, &notes);
                let series = SeriesRef {
                    indicator: i,
                    series: k,
                };
                let a = eval.assessment(series, last);
                let progress = a
                    .and_then(|a| a.progress)
                    .map_or(format::NONE.into(), format::percent);
                let status = a.map_or(Status::NotMeasured, |a| a.status);
                values.push(label(ind, k, true) + &progress);
                values.push(format!("{}{}", status.symbol(), status.label()));
                per_series.push(values);
            }
            cells.extend(joined(&per_series));
            self.row(&cells);
        }
        self.md += "\n";
        self.footnotes(&notes);
        self.download("indicators", "数値目標のデータ");
    }

    /// 数値目標の検証 of the report year (`##`): each entry's rows as a table, then its prose.
    fn verification(&mut self, heading: &str, caption: &str, strategy: Option<u32>) {
        let r = self.r;
        let res = result(r, self.y.eval.year);
        let ours = |row: &&VerificationRow| {
            strategy.is_none_or(|s| r.indicators[row.indicator].strategy == s)
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
        self.heading(2, heading);
        self.para(&esc(caption));
        let actual = format!("{}実績値", self.y.eval.year.short());
        for e in entries {
            self.head("", &["戦略", "数値目標", "当初値", &actual, "目標値"]);
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
                    figures(ind, k, labels, &[actual], e.scale, &notes)
                };
                let per_series: Vec<_> = series_of(row).into_iter().map(values).collect();
                let mut cells = vec![format!("戦略{}", ind.strategy), esc(name)];
                cells.extend(joined(&per_series));
                self.row(&cells);
            }
            self.md += "\n";
            self.heading(3, "課題と原因分析");
            self.prose(&e.analysis, 4);
            self.heading(3, "今後の対応");
            self.prose(&e.next_steps, 4);
        }
        self.footnotes(&notes);
        self.download("indicators", "数値目標のデータ");
    }

    /// The plan's overview, basic idea and purposes; `level` is that of their prose's `##`.
    fn plan(&mut self, level: usize) {
        let p = &self.r.plan;
        self.heading(level - 1, "地方創生に向けた戦略");
        self.prose(&p.overview, level);
        let name = &p.perspective.name;
        self.heading(level - 1, &format!("{name}の基本的な考え方"));
        self.prose(&p.perspective.basic_idea, level);
        self.heading(level - 1, &format!("{name}の目的・方針"));
        for purpose in &p.perspective.purposes {
            self.heading(level, &purpose.title);
            self.list(purpose.items.iter().map(|i| esc(i)));
        }
    }

    fn strategies(&mut self, level: usize, link: bool) {
        for s in &self.r.strategies {
            let mut name = esc(&format!("戦略{} {}", s.number, s.name));
            if link {
                name = format!("[{name}]({}strategies/{}.html)", self.root, s.number);
            }
            self.para(&format!("{} {name}", "#".repeat(level)));
            self.para(&esc(&s.aim));
        }
    }

    /// The home page's status counts per strategy.
    fn summary(&mut self) {
        let e = &self.y.eval;
        let mut head = vec!["戦略".to_string()];
        head.extend(Status::ALL.map(|st| format!("{}{}", st.symbol(), st.label())));
        head.push("計".into());
        let caption = format!("戦略ごとの数値目標の評価（{}）", e.year.label());
        self.head(&caption, &head);
        let counts = |name: String, c: &StatusCounts| {
            let mut cells = vec![name];
            cells.extend(Status::ALL.map(|st| c.get(st).to_string()));
            cells.push(c.total().to_string());
            cells
        };
        for s in &self.r.strategies {
            let name = esc(&format!("戦略{} {}", s.number, s.name));
            let name = self.link(&name, &format!("strategies/{}.html", s.number));
            let c = e.by_strategy.get(&s.number).cloned().unwrap_or_default();
            self.row(&counts(name, &c));
        }
        self.row(&counts("計".into(), &e.overall));
        self.md += "\n";
    }

    /// 数値目標の評価 of each year up to the report year.
    fn evaluations(&mut self, level: usize) {
        for y in self.y.eval.years.clone() {
            let short = &self.r.plan.short_title;
            let heading = format!("{short} 数値目標の評価（{}）", y.label());
            self.heading(2, &heading);
            if let Some(c) = result(self.r, y).and_then(|x| x.commentary.as_ref()) {
                self.prose(c, level);
            }
            self.indicators(&heading, &[y], None);
        }
    }

    fn notes(&mut self) {
        self.heading(2, "注記（評価の方法）");
        let n = &self.y.notes;
        self.list(n.rule.iter().chain(&n.variants).map(|l| esc(l)));
    }

    /// A term's definition after `※term`, as sosei prints it beside a scheme.
    fn term(&mut self, term: &str) {
        self.para(&esc(&format!("※{term}")));
        self.para(&esc(self.r.plan.term(term).map_or("", |t| &t.definition)));
    }

    /// A grant programme: on its page `level` 3, in the full report 4 (with its projects).
    fn grant(&mut self, n: usize, level: usize, full: bool) {
        let (g, year) = (&self.r.grants[n], self.y.eval.year);
        let heading = g.heading();
        match full {
            true => self.heading(level - 2, &format!("{heading}「{}」", g.title)),
            false => self.para(&esc(&format!("「{}」", g.title))),
        }
        self.term(&g.scheme);
        let overview = format!("事業の概要【事業期間：{}】", g.period.label());
        self.heading(level - 1, &overview);
        self.prose(&g.overview, level);
        let years: Vec<FiscalYear> = g.period.years().collect();
        let mut head = vec!["単位：円".to_string()];
        head.extend(years.iter().map(|y| y.short()));
        head.push("計".into());
        self.head(&format!("{heading} 事業費と交付金額（単位：円）"), &head);
        let sums = evaluate::budget_total(g, year);
        let mut cost = vec!["総事業費".to_string()];
        let mut grant = vec!["交付金額".to_string()];
        for y in &years {
            let b = g.budget.get(y).filter(|_| *y <= year);
            cost.push(b.map(|b| format::number(b.total_cost)).unwrap_or_default());
            grant.push(b.map(|b| format::number(b.grant)).unwrap_or_default());
        }
        cost.push(total(sums.total_cost, ""));
        grant.push(total(sums.grant, ""));
        self.row(&cost);
        self.row(&grant);
        self.md += "\n";
        self.para(&format!("計は{}までの合計（自動計算）", year.label()));
        self.download("budgets", "事業費と交付金額のデータ");
        if !g.kpis.is_empty() {
            self.heading(level - 1, "重要業績評価指標（KPI）");
            let mut head = vec!["指標".to_string(), "区分".into(), "事業開始前".into()];
            head.extend(years.iter().map(|y| format!("{}増加分", y.short())));
            head.push(format!("{}までの累計", year.short()));
            self.head(&format!("{heading} 重要業績評価指標（KPI）"), &head);
            for k in &g.kpis {
                let (sums, value) = (evaluate::kpi_total(k, year), |q| figure(q, &k.unit, None));
                let mut target = vec![esc(&k.name), "目標".into(), String::new()];
                let mut actual = vec![String::new(), "実績".into(), value(k.before)];
                for y in &years {
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
            self.download("kpis", "KPIのデータ");
        }
        let projects: Vec<&Project> = g.projects.iter().filter(|p| p.year <= year).collect();
        if full {
            for p in projects {
                self.heading(level - 1, &p.title);
                self.project(p, level);
            }
        } else if !projects.is_empty() {
            self.heading(level - 1, "事業");
            let link = |p: &&Project| {
                let page = format!("grants/{}/{}.html", g.slug, p.slug);
                self.link(&esc(&p.title), &page)
            };
            let links: Vec<String> = projects.iter().map(link).collect();
            self.list(links);
        }
    }

    /// A project's sections, headed at `level`.
    fn project(&mut self, p: &Project, level: usize) {
        if p.title_supplied {
            self.para("（表題は編集時に補記）");
        }
        for s in p.sections.iter() {
            self.heading(level, &s.heading);
            self.prose(&s.body, level + 1);
        }
    }

    /// 企業版ふるさと納税 and the report year's donations: on their page `level` 3, else 4.
    fn donations(&mut self, level: usize) {
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
        self.heading(level - 1, &format!("寄附対象：{}", prog.target));
        self.heading(level, "事業の概要");
        self.prose(&prog.overview, level);
        let caption = format!("{}寄附実績", year.label());
        self.heading(level - 1, &caption);
        let head = ["寄附を受けた事業", "寄附を活用した事業の内容"];
        self.head(&caption, &[head[0], head[1], "事業費", "寄附額"]);
        let money = |q| figure(q, "千円", None);
        for x in &d.donations {
            let (cost, amount) = (money(x.project_cost), money(x.amount));
            self.row(&[esc(&x.project), esc(&x.purpose), cost, amount]);
        }
        let (cost, amount) = evaluate::donation_total(d);
        let (cost, amount) = (total(cost, "千円"), total(amount, "千円"));
        self.row(&["計".into(), String::new(), cost, amount]);
        self.md += "\n";
        self.download("donations", "寄附実績のデータ");
        self.para("単位：千円。計は自動計算。");
    }

    fn data(&mut self) {
        let (r, label) = (self.r, self.y.eval.year.label());
        self.para(&format!("この報告（{label}評価）に掲載したすべての数値を、機械判読に適した CSV と JSON で提供しています。"));
        self.md += &DATA_INTRO.replace("CITY", &esc(&r.config.city));
        let licence = r.config.licence.iter();
        self.list(licence.map(|l| format!("ライセンス：{}", esc(l))));
        for (t, written) in &self.y.data {
            let (title, root) = (esc(&t.title), &self.root);
            let units: Vec<String> = written.units.iter().map(|u| esc(u)).collect();
            let link =
                |kind: &str, ext| format!("[{title}（{kind}）]({root}data/{}.{ext})", t.slug);
            let (csv, json, rows) = (link("CSV", "csv"), link("JSON", "json"), written.rows);
            let units = units.join("、");
            let download = format!("ダウンロード：{csv}・{json}（{rows}行。単位：{units}）");
            self.heading(2, &t.title);
            self.para(&download);
            let head = ["列（CSV の見出し）", "JSON のキー", "種類"];
            self.head(&format!("{}の列", t.title), &head);
            for c in &t.columns {
                let kind = if c.numeric { "数値" } else { "文字列" };
                self.row(&[c.name, &format!("`{}`", c.key), kind]);
            }
            self.md += "\n";
        }
    }

    /// 全体版: the cover, 目次 and every part, in the order of the source document.
    fn full(&mut self) {
        let (r, year) = (self.r, self.y.eval.year);
        let (title, label, short) = (&r.plan.title, year.label(), &r.plan.short_title);
        let verification = format!("{short} 数値目標の検証（{label}）");
        let verified =
            result(r, year).is_some_and(|x| x.verification.iter().any(|e| !e.rows.is_empty()));
        let donated = r.donations.iter().any(|d| d.year == year);
        let donations = r.plan.donation_programme.as_ref().filter(|_| donated);
        for line in [&r.config.city, &format!("{title}　{label}評価")] {
            self.para(&esc(line));
        }
        self.para("数値目標の評価・検証と地方創生関係交付金事業の実績");
        for line in r.config.issued.iter().chain([&r.config.city]) {
            self.para(&esc(line));
        }
        self.heading(2, "目次");
        let mut toc = vec![format!("{title}（イノベーションの視点）")];
        toc.push(format!("{title}（{}つの戦略）", r.strategies.len()));
        for y in &self.y.eval.years {
            toc.push(format!("{short} 数値目標の評価（{}）", y.label()));
        }
        toc.push(format!("数値目標の推移（{label}まで）"));
        toc.extend(verified.then(|| verification.clone()));
        let grants_at = toc.len();
        for g in &r.grants {
            toc.push(g.full_name());
        }
        toc.extend(donations.map(|d| d.scheme.clone()));
        toc.push("注記（評価の方法）".into());
        for (i, entry) in toc.iter().enumerate() {
            self.md += &format!("- {} {}\n", i + 1, esc(entry));
            let grant = i.checked_sub(grants_at).and_then(|k| r.grants.get(k));
            let projects = grant
                .iter()
                .flat_map(|g| g.projects.iter().filter(|p| p.year <= year));
            for (j, p) in projects.enumerate() {
                self.md += &format!("  - {}.{} {}\n", i + 1, j + 1, esc(&p.title));
            }
        }
        self.md += "\n";
        self.heading(2, &toc[0]);
        self.plan(4);
        self.heading(2, &toc[1]);
        self.strategies(3, false);
        self.evaluations(4);
        self.heading(2, &format!("数値目標の推移（{label}まで）"));
        if r.indicators.iter().map(|i| i.series.len()).sum::<usize>() > r.config.full_report_charts
        {
            self.para("この報告の数値目標は多いため、推移のグラフは全体版には掲載せず、戦略ごとのページに掲載しています。");
            let link = |s: &Strategy| {
                let text = esc(&format!("戦略{} {}の数値目標の推移", s.number, s.name));
                self.link(&text, &format!("strategies/{}.html", s.number))
            };
            let links: Vec<String> = r.strategies.iter().map(link).collect();
            self.list(links);
        }
        self.verification(&verification, &verification, None);
        for n in 0..r.grants.len() {
            self.grant(n, 4, true);
        }
        self.donations(4);
        self.notes();
    }
}

fn result(r: &Report, year: FiscalYear) -> Option<&YearResult> {
    r.years.iter().find(|x| x.year == year).map(|v| &**v)
}

/// One page's Markdown.
fn page(r: &Report, y: &Year, info: &PageInfo) -> String {
    let prefix = render::pages::year_prefix(r, info.year);
    let depth = info.path[prefix.len()..].matches('/').count();
    let (root, md) = ("../".repeat(depth), String::new());
    let mut m = Md { r, y, root, md };
    let label = info.year.label();
    match (info.template, info.subject) {
        ("index.html", _) => {
            m.para(&esc(&format!("{}　{label}評価", r.plan.title)));
            m.heading(2, &format!("{label}の数値目標の評価"));
            let result = r.years.iter().find(|x| x.year == info.year);
            if let Some(c) = result.and_then(|x| x.commentary.as_ref()) {
                m.prose(c, 3);
            }
            m.summary();
            m.para(&m.link("数値目標の評価と検証の詳細", "evaluation.html"));
            m.plan(3);
            m.heading(2, &format!("{}つの戦略", r.strategies.len()));
            m.strategies(3, true);
        }
        ("evaluation.html", _) => {
            m.evaluations(3);
            let caption = format!("{} 数値目標の検証（{label}）", r.plan.short_title);
            m.verification(&caption, &caption, None);
            m.notes();
        }
        ("strategy.html", Subject::Strategy(n)) => {
            let s = r.strategies.iter().find(|s| s.number == n);
            let s = s.expect("the page's strategy");
            m.para(&esc(&s.aim));
            m.heading(2, "数値目標");
            let caption = format!("戦略{n} {} の数値目標", s.name);
            m.indicators(&caption, &y.eval.years, Some(n));
            let caption = format!("戦略{n} 数値目標の検証（{label}）");
            m.verification(&format!("数値目標の検証（{label}）"), &caption, Some(n));
            m.para(&m.link("評価の方法（注記）", "evaluation.html#h-notes"));
        }
        ("grant.html", Subject::Grant(n)) => m.grant(n, 3, false),
        ("project.html", Subject::Project { grant, project }) => {
            let g = &r.grants[grant];
            let link = m.link(&esc(&g.heading()), &format!("grants/{}.html", g.slug));
            m.para(&format!("{link}の事業"));
            m.project(&g.projects[project], 2);
        }
        ("donations.html", _) => m.donations(3),
        ("grants.html", _) => {
            let link = |g: &Grant| m.link(&esc(&g.full_name()), &format!("grants/{}.html", g.slug));
            let links: Vec<String> = r.grants.iter().map(|g| link(g)).collect();
            m.list(links);
        }
        ("data.html", _) => m.data(),
        ("full.html", _) => m.full(),
        ("404.html", _) => {
            m.para("お探しのページは見つかりませんでした。アドレスが変わったか、削除された可能性があります。");
            let top = esc(&format!("{}（{label}評価）のトップページ", r.plan.title));
            m.list([
                format!("[{top}](index.html)"),
                "[報告の全体版](full.html)".into(),
            ]);
        }
        (template, subject) => panic!("no Markdown for {template} about {subject:?}"),
    }
    m.md
}

/// What one year's pages share: its evaluation, notes and open data (rows and units).
fn year(r: &Report, content: &Path, theme: &render::theme::Theme, year: FiscalYear) -> Year {
    let eval = evaluate::evaluate(r, year);
    let collected = Default::default();
    let ctx = render::context::ViewCtx {
        report: r,
        eval: &eval,
        content_root: content,
        site_root: String::new(),
        year_root: String::new(),
        collected: &collected,
        style: &theme.chart_style,
        slots: Default::default(),
    };
    let notes = render::pages::notes_view(&ctx);
    let written = |t: &Table| {
        let (mut csv, mut json) = (std::io::sink(), std::io::sink());
        opendata::write_both(t, r, &eval, &mut csv, &mut json).expect("a sink takes anything")
    };
    let tables = opendata::tables(r, year).into_iter();
    let data = tables
        .map(|t| (written(&t), t))
        .map(|(w, t)| (t, w))
        .collect();
    drop(ctx);
    Year { eval, notes, data }
}

fn write(path: PathBuf, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// The same Markdown spread evenly over the same number of pages: one run of blocks (a
/// paragraph, a heading, up to 200 rows of a table) after another, each page taking the
/// blocks that start in its share of the whole. Hugo then gets sosei's prose without
/// sosei's largest pages (a 全体版 at L is over 100 MB of Markdown).
fn spread(bodies: Vec<String>) -> Vec<String> {
    let n = bodies.len().max(1);
    let mut blocks: Vec<String> = Vec::new();
    for body in &bodies {
        for block in body.split("\n\n").filter(|b| !b.trim().is_empty()) {
            let lines: Vec<&str> = block.lines().collect();
            if block.starts_with('|') && lines.len() > 202 {
                // A long table: runs of 200 rows, each under the table's own header.
                for rows in lines[2..].chunks(200) {
                    let mut t = format!("{}\n{}\n", lines[0], lines[1]);
                    for row in rows {
                        t.push_str(row);
                        t.push('\n');
                    }
                    blocks.push(t);
                }
            } else {
                blocks.push(block.to_string());
            }
        }
    }
    drop(bodies);
    let total: usize = blocks.iter().map(|b| b.len() + 2).sum::<usize>().max(1);
    let mut out = vec![String::new(); n];
    let mut offset = 0;
    for block in blocks {
        let k = (offset * n / total).min(n - 1);
        offset += block.len() + 2;
        out[k].push_str(&block);
        out[k].push_str("\n\n");
    }
    out
}

/// A small page of stock prose (about 3 KB: two sections and a small table), the same for
/// every page whatever sosei's page holds: Hugo's lightest case, for `--stock`.
fn stock_page(i: usize) -> String {
    let prose: String = (0..6).map(|k| SENTENCES[(i + k) % 6]).collect();
    format!(
        "## 事業の概要\n\n{prose}\n\n## 事業の成果等\n\n{prose}\n\n| 項目 | 内容 |\n| --- | --- |\n| 実施日 | R3.10.{} |\n| 参加者数 | {}人 |\n",
        i % 28 + 1,
        i % 500
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let at = |name: &str| args.iter().position(|a| a == name);
    let arg = |name: &str| at(name).and_then(|i| args.get(i + 1));
    let content = PathBuf::from(arg("--content").map_or("content", |c| c.as_str()));
    let Some(out) = arg("--out").map(PathBuf::from) else {
        eprintln!("usage: hugo_site --content DIR --out HUGO_DIR [--even | --stock]");
        std::process::exit(2);
    };
    let even = at("--even").is_some();
    let stock = at("--stock").is_some();
    let (report, diags, _) = sosei::build::check(&content);
    let Some(r) = report else {
        eprint!("{}", diags.render(&content));
        std::process::exit(1);
    };
    let theme = render::theme::load(None).expect("the built-in theme");
    let years: Vec<(FiscalYear, Year)> = (r.years.iter())
        .map(|x| (x.year, year(&r, &content, &theme, x.year)))
        .collect();
    let pages = render::page_list(&r);
    match fs::remove_dir_all(out.join("content")) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            panic!("remove {}/content: {e}", out.display())
        }
        _ => {}
    }
    write(out.join("config.toml"), CONFIG);
    for name in ["single.html", "list.html"] {
        write(out.join("layouts/_default").join(name), LAYOUT);
    }
    let bodies: Vec<String> = pages
        .par_iter()
        .map(|info| {
            let y = years.iter().find(|(year, _)| *year == info.year);
            page(&r, &y.expect("the page's year").1, info)
        })
        .collect();
    let bodies = if stock {
        (0..bodies.len()).map(stock_page).collect()
    } else if even {
        spread(bodies)
    } else {
        bodies
    };
    pages.par_iter().zip(bodies).for_each(|(info, body)| {
        let (file, url) = match info.path.strip_suffix("index.html") {
            Some("") => ("_index.md".to_string(), String::new()),
            Some(dir) => (format!("{dir}home.md"), format!("url: /{}\n", info.path)),
            None => (info.path.replace(".html", ".md"), String::new()),
        };
        let title = info.title.replace('\\', "\\\\").replace('"', "\\\"");
        let text = format!("---\ntitle: \"{title}\"\n{url}---\n{body}");
        write(out.join("content").join(file), &text);
    });
    println!("wrote {} pages into {}", pages.len(), out.display());
}
