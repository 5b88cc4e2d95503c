//! The 目次 of the full report: numbered entries pointing at headings, with page numbers
//! once a first print has told where each heading landed.

use super::grants::GrantView;
use super::pages::{PlanView, YearEvaluationView};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct TocEntry {
    /// `3`, or `7.2` for a project within a grant programme.
    pub number: String,
    pub title: String,
    /// The id of the heading the entry points at.
    pub anchor: String,
    /// The printed page the heading is on, after the first print pass.
    pub page: Option<usize>,
    pub children: Vec<TocEntry>,
}

/// What the table of contents is made of, in the order of the full report.
pub struct TocInput<'a> {
    pub plan: &'a PlanView,
    pub evaluations: &'a [YearEvaluationView],
    pub trends_heading: String,
    pub verification: Option<&'a str>,
    pub grants: &'a [GrantView],
    pub donations: Option<&'a str>,
    pub pages: &'a BTreeMap<String, usize>,
}

/// The entries, numbered 1, 2, … in reading order; projects as 7.1, 7.2, …
pub fn toc(input: &TocInput) -> Vec<TocEntry> {
    let entry = |title: String, anchor: String| TocEntry {
        number: String::new(),
        page: input.pages.get(&anchor).copied(),
        title,
        anchor,
        children: vec![],
    };
    let mut entries = vec![
        entry(
            format!("{}（イノベーションの視点）", input.plan.title),
            "h-perspective".into(),
        ),
        entry(
            format!(
                "{}（{}つの戦略）",
                input.plan.title, input.plan.strategy_count
            ),
            "h-strategies".into(),
        ),
    ];
    for (i, e) in input.evaluations.iter().enumerate() {
        entries.push(entry(e.heading.clone(), format!("h-eval-{}", i + 1)));
    }
    entries.push(entry(input.trends_heading.clone(), "h-trends".into()));
    if let Some(v) = input.verification {
        entries.push(entry(v.to_string(), "h-verification".into()));
    }
    for g in input.grants {
        let mut grant = entry(
            format!("{}「{}」", g.heading, g.title),
            format!("h-{}", g.anchor),
        );
        grant.children = g
            .full_projects
            .iter()
            .map(|p| entry(p.title.clone(), format!("h-{}", p.anchor)))
            .collect();
        entries.push(grant);
    }
    if let Some(d) = input.donations {
        entries.push(entry(d.to_string(), "h-donations".into()));
    }
    entries.push(entry("注記（評価の方法）".into(), "h-notes".into()));
    for (i, e) in entries.iter_mut().enumerate() {
        e.number = (i + 1).to_string();
        for (j, c) in e.children.iter_mut().enumerate() {
            c.number = format!("{}.{}", i + 1, j + 1);
        }
    }
    entries
}
