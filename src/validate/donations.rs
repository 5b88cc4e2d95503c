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
                        m!(
                            "validate.donations-year-mismatch",
                            file = f.source.path.display(),
                            year = v.year.label()
                        ),
                    )
                    .expected(m!(
                        "validate.expected-donations-year",
                        named = named.short(),
                        year = v.year.short()
                    )),
                );
            }
        }
        for (i, d) in v.donations.iter().enumerate() {
            if d.amount > d.project_cost {
                diags.push(
                    f.error_at(
                        &[key("donations"), Seg::Index(i), key("amount")],
                        m!(
                            "validate.donation-above-cost",
                            amount = crate::format::number(d.amount),
                            cost = crate::format::number(d.project_cost)
                        ),
                    )
                    .expected(m!("validate.expected-donation-within-cost")),
                );
            }
        }
        if out.iter().any(|d| d.year == v.year) {
            diags.push(
                f.error_at(
                    &[key("year")],
                    m!("validate.donations-twice", year = v.year.label()),
                )
                .expected(m!("validate.expected-one-donations-file")),
            );
            continue;
        }
        if plan.is_some_and(|p| p.donation_programme.is_none()) {
            diags.push(
                f.warning_at(&[], m!("validate.donations-without-programme"))
                    .expected(m!("validate.expected-donation-programme")),
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
