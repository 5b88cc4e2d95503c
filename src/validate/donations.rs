//! Validation of corporate hometown-tax donations (企業版ふるさと納税), one file a year.

use crate::diag::Diagnostics;
use crate::load::Sources;
use crate::model::*;
use crate::yaml::{key, Seg};

pub(super) fn donations(
    sources: &Sources,
    plan: Option<&Plan>,
    diags: &mut Diagnostics,
) -> Vec<DonationYear> {
    let mut out: Vec<DonationYear> = Vec::new();
    for f in &sources.donations {
        let v = &f.value;
        let stem = f
            .source
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Ok(named) = crate::fiscal_year::FiscalYear::parse(&stem) {
            if named != v.year {
                diags.push(
                    f.error_at(
                        &[key("year")],
                        format!(
                            "the file is {} but `year:` says {}",
                            f.source.path.display(),
                            v.year.label()
                        ),
                    )
                    .expected(format!(
                        "`year: {}`, or rename the file to donations/{}.yaml",
                        named.short(),
                        v.year.short()
                    )),
                );
            }
        }
        for (i, d) in v.donations.iter().enumerate() {
            if d.amount > d.project_cost {
                diags.push(
                    f.error_at(
                        &[key("donations"), Seg::Index(i), key("amount")],
                        format!(
                            "the donation {} is larger than the project's cost {} (千円)",
                            crate::format::number(d.amount),
                            crate::format::number(d.project_cost)
                        ),
                    )
                    .expected("a donation no larger than `project_cost` (an extra zero?)"),
                );
            }
        }
        if out.iter().any(|d| d.year == v.year) {
            diags.push(
                f.error_at(
                    &[key("year")],
                    format!("{} has donations in two files", v.year.label()),
                )
                .expected("one donations/<year>.yaml per fiscal year"),
            );
            continue;
        }
        if plan.is_some_and(|p| p.donation_programme.is_none()) {
            diags.push(
                f.warning_at(
                    &[],
                    "donations are listed but plan.yaml has no `donation_programme:`",
                )
                .expected(
                    "`donation_programme:` in plan.yaml, naming the scheme and what it funds",
                ),
            );
        }
        let donations = v
            .donations
            .iter()
            .map(|d| Donation {
                project: d.project.trim().to_string(),
                purpose: d.purpose.clone(),
                project_cost: d.project_cost,
                amount: d.amount,
            })
            .collect();
        out.push(DonationYear {
            year: v.year,
            donations,
            source: f.source.path.clone(),
        });
    }
    out.sort_by_key(|d| d.year);
    out
}
