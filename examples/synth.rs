//! Synthetic content for benchmarks: a report with N indicators and realistic shapes.
//!
//!     cargo run --release --example synth -- --indicators 1000 --out /tmp/m
//!     sosei build --content /tmp/m/content
//!
//! Up to 50 strategies; N indicators with 10 fiscal years of results (about a tenth of
//! them compound, a fifth lower-is-better, some missing and some revised values);
//! verification prose of the seed's length for the last two years; N/10 grant
//! programmes with 5 projects each; donations every year. Deterministic for a given N.

#[path = "common/prose.rs"]
mod prose;
use prose::SENTENCES;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift), so that every run writes the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn prose(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| SENTENCES[rng.below(SENTENCES.len() as u64) as usize])
        .collect()
}

const UNITS: &[(&str, bool)] = &[
    ("%", true),
    ("件", false),
    ("人", false),
    ("社", false),
    ("機関", false),
    ("件/年", false),
];
const FIRST: u16 = 2; // 令和2年度
const YEARS: u16 = 10;

fn year(k: u16) -> String {
    format!("R{}", FIRST + k)
}

fn value(v: f64, decimals: bool) -> String {
    if decimals {
        format!("{v:.1}")
    } else {
        format!("{}", v.round() as i64)
    }
}

fn write(path: PathBuf, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    fs::write(path, text).expect("write file");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let n: usize = arg("--indicators")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let out = PathBuf::from(arg("--out").unwrap_or_else(|| format!("/tmp/sosei-synth-{n}")));
    let content = out.join("content");
    if content.exists() {
        fs::remove_dir_all(&content).expect("remove the old synthetic content");
    }
    let strategies = (n / 200).clamp(1, 50);
    let mut rng = Rng(0x5eed_0000 + n as u64);
    generate(&content, n, strategies, &mut rng);
    println!("wrote {}: {n} indicators in {strategies} strategies, {} grant programmes with 5 projects each, {YEARS} fiscal years", content.display(), n / 10);
}

fn generate(content: &Path, n: usize, strategies: usize, rng: &mut Rng) {
    write(
        content.join("config.yaml"),
        "city: 見本市\ncity_code: \"152021\"\nlicence: CC BY 4.0\n",
    );
    write(
        content.join("plan.yaml"),
        &format!(
            "title: 見本市まち・ひと・しごと創生総合戦略\nshort_title: 総合戦略\nperiod: {{ from: {}, to: {} }}\noverview: |\n  {}\nperspective:\n  name: 見本イノベーション\n  basic_idea: |\n    {}\n  purposes:\n    - title: 産業の振興\n      items:\n        - 新たな産業の創出\nglossary:\n  - term: 地方創生推進交付金\n    definition: 地方公共団体の先導的な取組を国が支援するもの。\n  - term: 企業版ふるさと納税\n    definition: 企業の寄附を税額控除するもの。\ndonation_programme:\n  scheme: 企業版ふるさと納税\n  target: 見本市まち・ひと・しごと創生事業\n  overview: |\n    {}\n",
            year(0),
            year(YEARS - 1),
            prose(rng, 3),
            prose(rng, 2),
            prose(rng, 2)
        ),
    );
    for s in 1..=strategies {
        write(
            content.join(format!("strategies/{s}-s{s}.yaml")),
            &format!("number: {s}\nname: 戦略{s}の名称\naim: {}\n", prose(rng, 1)),
        );
    }
    // Indicators, and their actuals per year.
    let mut results: Vec<(String, String, String)> = (0..YEARS)
        .map(|_| (String::new(), String::new(), String::new()))
        .collect();
    let mut series_keys: Vec<(usize, String)> = Vec::new();
    for i in 0..n {
        let strategy = i % strategies + 1;
        let (unit, decimals) = UNITS[rng.below(UNITS.len() as u64) as usize];
        let lower = rng.chance(20);
        let compound = rng.chance(10);
        let mut text = format!(
            "id: i{i:05}\nstrategy: {strategy}\nname: 指標{i}（{}）\nunit: \"{unit}\"\n",
            SENTENCES[i % SENTENCES.len()]
                .chars()
                .take(12)
                .collect::<String>()
        );
        if lower {
            text.push_str("direction: lower\n");
        }
        let make = |id: Option<&str>, text: &mut String, rng: &mut Rng| {
            let baseline = 50.0 + rng.below(5000) as f64 / 10.0;
            let change = baseline * (0.1 + rng.below(20) as f64 / 100.0);
            let target = if lower {
                baseline - change
            } else {
                baseline + change
            };
            match id {
                Some(id) => {
                    let _ = write!(
                        text,
                        "  - id: {id}\n    label: {}\n    baseline: {}\n    target: {}\n",
                        if id == "a" { "小学校" } else { "中学校" },
                        value(baseline, decimals),
                        value(target, decimals)
                    );
                }
                None => {
                    let _ = write!(
                        text,
                        "baseline: {}\ntarget: {}\n",
                        value(baseline, decimals),
                        value(target, decimals)
                    );
                }
            }
            (baseline, target)
        };
        let ends = if compound {
            text.push_str("series:\n");
            vec![
                ("a", make(Some("a"), &mut text, rng)),
                ("b", make(Some("b"), &mut text, rng)),
            ]
        } else {
            vec![("", make(None, &mut text, rng))]
        };
        write(
            content.join(format!("indicators/{strategy}-{i:05}.yaml")),
            &text,
        );
        for (sid, (baseline, target)) in ends {
            let key = if sid.is_empty() {
                format!("i{i:05}")
            } else {
                format!("i{i:05}.{sid}")
            };
            let pace = rng.below(150) as f64 / 100.0 - 0.25;
            for k in 0..YEARS {
                let (actuals, missing, revised) = &mut results[usize::from(k)];
                if rng.chance(3) {
                    let _ = writeln!(missing, "  {key}: 調査未実施のため実績値なし。");
                    continue;
                }
                let v = baseline
                    + (target - baseline) * pace * f64::from(k + 1) / f64::from(YEARS)
                    + (rng.below(100) as f64 - 50.0) / 50.0;
                let _ = writeln!(actuals, "  {key}: {}", value(v, decimals));
                if rng.chance(1) {
                    let _ = writeln!(
                        revised,
                        "  {key}:\n    note: 算出方法に誤りがあったため修正しました。"
                    );
                }
            }
            series_keys.push((strategy, key));
        }
    }
    for (k, (actuals, missing, revised)) in results.iter().enumerate() {
        let y = year(k as u16);
        let mut text = format!(
            "year: {y}\ncommentary: |\n  {}\nactuals:\n{actuals}",
            prose(rng, 2)
        );
        if !missing.is_empty() {
            let _ = write!(text, "missing:\n{missing}");
        }
        if !revised.is_empty() {
            let _ = write!(text, "revised:\n{revised}");
        }
        write(content.join(format!("results/{y}/result.yaml")), &text);
        // Verification prose for the last two years, one file per strategy.
        if usize::from(YEARS) - k <= 2 {
            for s in 1..=strategies {
                let mut v = String::from("entries:\n");
                for (_, key) in series_keys.iter().filter(|(st, _)| *st == s) {
                    let _ = write!(v, "  - indicators: [{key}]\n    analysis: |\n      {}\n    next_steps: |\n      {}\n", prose(rng, 2), prose(rng, 2));
                }
                write(
                    content.join(format!("results/{y}/verification-{s:02}.yaml")),
                    &v,
                );
            }
        }
    }
    // Grant programmes with five projects each.
    for g in 0..(n / 10).max(1) {
        let start = (g % 6) as u16;
        let mut text = format!(
            "number: {}\nscheme: 地方創生推進交付金\ntitle: 見本交付金事業{}\nperiod: {{ from: {}, to: {} }}\noverview: |\n  {}\nbudget:\n",
            g + 1,
            g + 1,
            year(start),
            year(start + 4),
            prose(rng, 2)
        );
        for k in start..start + 5 {
            let total = 1_000_000 + rng.below(100_000_000);
            let _ = writeln!(
                text,
                "  {}: {{ total_cost: {total}, grant: {} }}",
                year(k),
                total / 2
            );
        }
        text.push_str("kpis:\n");
        for kpi in 0..3 {
            let _ = write!(
                text,
                "  - name: 重要業績評価指標{kpi}\n    unit: 人\n    before: {}\n    targets: {{",
                rng.below(2000)
            );
            let targets: Vec<String> = (start..start + 5)
                .map(|k| format!(" {}: {}", year(k), 10 + rng.below(50)))
                .collect();
            let _ = write!(text, "{} }}\n    actuals: {{", targets.join(","));
            let actuals: Vec<String> = (start..start + 5)
                .map(|k| format!(" {}: {}", year(k), rng.below(80) as i64 - 10))
                .collect();
            let _ = writeln!(text, "{} }}", actuals.join(","));
        }
        let folder = content.join(format!("grants/{:04}-g{}", g + 1, g + 1));
        write(folder.join("grant.yaml"), &text);
        for p in 0..5u16 {
            let project = format!(
                "---\ntitle: 見本事業{}-{}\nyear: {}\n---\n# 事業の概要\n\n{}\n\n- ①{}\n- ②{}\n\n# 事業の成果等\n\n{}\n\n| 項目 | 内容 |\n| --- | --- |\n| 実施日 | R{}.10.1 |\n| 参加者数 | {}人 |\n\n![事業の様子]()\n",
                g + 1,
                p + 1,
                year(start + p),
                prose(rng, 2),
                prose(rng, 1),
                prose(rng, 1),
                prose(rng, 3),
                FIRST + start + p,
                rng.below(500)
            );
            write(
                folder.join(format!("projects/{:02}-p{}.md", p + 1, p + 1)),
                &project,
            );
        }
    }
    for k in 0..YEARS {
        let mut text = format!("year: {}\ndonations:\n", year(k));
        for d in 0..3 {
            let cost = 1000 + rng.below(90_000);
            let _ = write!(text, "  - project: 見本寄附事業{d}\n    purpose: |\n      {}\n    project_cost: {cost}\n    amount: {}\n", prose(rng, 1), 100 + rng.below(cost / 2));
        }
        write(content.join(format!("donations/{}.yaml", year(k))), &text);
    }
}
