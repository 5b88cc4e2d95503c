//! The 目次 of the full report: numbered entries pointing at headings, with page numbers
//! once a first print has told where each heading landed.

use super::context::ViewCtx;
use super::evaluation::YearEvaluationView;
use super::grants::GrantView;
use super::page::TrendGroupView;
use super::pages::PlanView;
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
    pub trends: &'a [TrendGroupView],
    pub verification: Option<&'a str>,
    pub opinions: bool,
    pub grants: &'a [GrantView],
    pub donations: Option<&'a str>,
    pub pages: &'a BTreeMap<String, usize>,
}

/// The entries, numbered 1, 2, … in reading order; projects as 7.1, 7.2, …
pub fn toc(ctx: &ViewCtx, input: &TocInput) -> Vec<TocEntry> {
    let words = ctx.words();
    let year = ctx.label(ctx.year());
    let entry = |title: String, anchor: String| TocEntry {
        number: String::new(),
        page: input.pages.get(&anchor).copied(),
        title,
        anchor,
        children: vec![],
    };
    let mut entries = Vec::new();
    if let Some(p) = &input.plan.perspective {
        entries.push(entry(p.heading.clone(), "h-perspective".into()));
    }
    entries.push(entry(
        words.fill(
            "full.goals",
            &[
                ("plan", &input.plan.title),
                ("count", &input.plan.goal_count.to_string()),
                ("level", &input.plan.level),
            ],
        ),
        "h-strategies".into(),
    ));
    for (i, e) in input.evaluations.iter().enumerate() {
        entries.push(entry(e.heading.clone(), format!("h-eval-{}", i + 1)));
    }
    let mut trends = entry(
        words.fill("full.trends", &[("kinds", ctx.kinds()), ("year", &year)]),
        "h-trends".into(),
    );
    trends.children = input
        .trends
        .iter()
        .filter_map(|g| Some(entry(g.heading.clone()?, format!("h-{}", g.anchor))))
        .collect();
    entries.push(trends);
    if let Some(v) = input.verification {
        entries.push(entry(v.to_string(), "h-verification".into()));
    }
    if input.opinions {
        entries.push(entry(
            words.fill("goal.external", &[("year", &year)]),
            "h-opinions".into(),
        ));
    }
    for g in input.grants {
        let mut grant = entry(
            ctx.report.grants[g.index].full_name(),
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
    entries.push(entry(words.get("notes.heading").into(), "h-notes".into()));
    for (i, e) in entries.iter_mut().enumerate() {
        e.number = (i + 1).to_string();
        for (j, c) in e.children.iter_mut().enumerate() {
            c.number = format!("{}.{}", i + 1, j + 1);
        }
    }
    entries
}
