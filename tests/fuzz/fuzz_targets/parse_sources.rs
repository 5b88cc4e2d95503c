//! Every parser a planner's text goes through: YAML of each source type, front matter,
//! Markdown (sections and HTML), numbers and fiscal years. None may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sosei::source::*;
use sosei::yaml::{parse, split_front_matter, SourceText};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = SourceText { path: "fuzz.yaml".into(), text: text.to_string(), line_offset: 0 };
    let _ = parse::<ConfigSource>(&source);
    let _ = parse::<PlanSource>(&source);
    let _ = parse::<IndicatorSource>(&source);
    let _ = parse::<ResultSource>(&source);
    let _ = parse::<VerificationSource>(&source);
    let _ = parse::<GrantSource>(&source);
    let _ = parse::<DonationsSource>(&source);
    let _ = parse::<StrategySource>(&source);
    let _ = parse::<GoalSource>(&source);
    let _ = parse::<ExternalSource>(&source);
    let _ = parse::<VocabularySource>(&source);
    let _ = parse::<PresetsSource>(&source);
    if let Some((front, body, _)) = split_front_matter(text) {
        let front = SourceText { path: "fuzz.md".into(), text: front.to_string(), line_offset: 1 };
        let _ = parse::<ProjectSource>(&front);
        let _ = sosei::markdown::split_sections(body);
    }
    let _ = sosei::markdown::split_sections(text);
    // No page carries a control character but tab and line ends (NUL marks sosei's slots).
    let stray = sosei::markdown::is_stray_control;
    assert!(!sosei::markdown::render(text, 2, "表", None, false).html.contains(stray));
    assert!(!sosei::markdown::render(text, 2, "表", None, true).html.contains(stray));
    assert!(!sosei::sanitize::sanitize(text, None).html.contains(stray));
    assert!(!sosei::markdown::escape(text).contains(stray));
    let _ = sosei::quantity::Quantity::parse(text);
    let _ = sosei::fiscal_year::FiscalYear::parse(text);
});
