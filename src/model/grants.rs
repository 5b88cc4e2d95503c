//! Grant programmes with their budgets, KPIs and projects, and donations.

use super::Period;
use crate::fiscal_year::FiscalYear;
use crate::quantity::Quantity;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// A grant programme (地方創生推進交付金) with its budget, KPIs and projects.
#[derive(Clone, Debug, PartialEq)]
pub struct Grant {
    pub number: u32,
    pub slug: String,
    pub scheme: String,
    pub title: String,
    pub period: Period,
    pub overview: String,
    /// `grant.yaml`, relative to the content folder.
    pub source: PathBuf,
    pub budget: BTreeMap<FiscalYear, Budget>,
    pub kpis: Vec<Kpi>,
    pub projects: Vec<Project>,
}

impl Grant {
    /// The programme's short name, its scheme and circled number: `地方創生推進交付金①`.
    pub fn heading(&self) -> String {
        format!("{}{}", self.scheme, crate::format::circled(self.number))
    }

    /// The full name: `地方創生推進交付金①「…」`.
    pub fn full_name(&self) -> String {
        format!("{}「{}」", self.heading(), self.title)
    }

    /// The projects a report of `year` shows (those of that year and earlier), with their
    /// places in `projects`.
    pub fn projects_in(&self, year: FiscalYear) -> impl Iterator<Item = (usize, &Project)> {
        self.projects
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.year <= year)
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    /// 総事業費, yen.
    pub total_cost: Quantity,
    /// 交付金額, yen.
    pub grant: Quantity,
}

/// A key performance indicator: a level before the programme, then yearly increments.
#[derive(Clone, Debug, PartialEq)]
pub struct Kpi {
    pub name: String,
    pub unit: String,
    pub before: Quantity,
    pub targets: BTreeMap<FiscalYear, Quantity>,
    pub actuals: BTreeMap<FiscalYear, Quantity>,
}

/// A project (事業) under a grant programme, reporting one fiscal year.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub slug: String,
    pub title: String,
    pub title_supplied: bool,
    pub year: FiscalYear,
    pub sections: Arc<[Section]>,
    /// The Markdown file, relative to the content folder (images resolve from here).
    pub source: PathBuf,
}

/// A headed section of Markdown.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: String,
    pub body: String,
}

/// 企業版ふるさと納税 donations received in one fiscal year.
#[derive(Clone, Debug, PartialEq)]
pub struct DonationYear {
    pub year: FiscalYear,
    pub donations: Vec<Donation>,
    /// The donations file, relative to the content folder.
    pub source: PathBuf,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Donation {
    pub project: String,
    pub purpose: String,
    /// 事業費, thousand yen.
    pub project_cost: Quantity,
    /// 寄附額, thousand yen.
    pub amount: Quantity,
}
