//! The rating as data: config.yaml's `rating:` (or the older `status:`) resolved against
//! the theme's default levels for its method, and checked: ids, conditions, and colours
//! that people can tell apart and read (WCAG contrast, colour-vision deficiencies).

use crate::chart::colour;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::model::{Condition, Rating, RatingLevel};
use crate::quantity::Quantity;
use crate::source::{
    ConfigSource, LevelSource, Method, PresetSource, PresetsSource, SpecialLevelSource,
};
use crate::vocabulary::Vocabulary;
use crate::yaml::{key, Seg};

/// The most levels a rating may have: each is named by a byte, as are the two special ones.
pub const MAX_LEVELS: usize = 200;

/// The theme's default levels of each method.
pub const PRESETS: &str = include_str!("../../themes/default/ratings.yaml");

/// The built-in presets (checked by a unit test to parse).
pub fn presets() -> Result<PresetsSource, Diagnostic> {
    let source = crate::yaml::SourceText {
        path: "(built-in theme)/ratings.yaml".into(),
        text: PRESETS.into(),
        line_offset: 0,
    };
    crate::yaml::parse::<PresetsSource>(&source)
}

fn preset(presets: &PresetsSource, method: Method) -> &PresetSource {
    match method {
        Method::Progress => &presets.progress,
        Method::Achievement => &presets.achievement,
        Method::AnnualTarget => &presets.annual_target,
        Method::Comparison => &presets.comparison,
    }
}

/// Where a level was written: in config.yaml (a path into it) or in the theme's presets.
enum Origin<'a> {
    Config(&'a Loaded<ConfigSource>, Vec<Seg>),
    Preset,
}

impl Origin<'_> {
    fn error(&self, message: String) -> Diagnostic {
        match self {
            Origin::Config(file, path) => file.error_at(path, message),
            Origin::Preset => Diagnostic::error("(built-in theme)/ratings.yaml", message),
        }
    }
}

/// The rating config.yaml declares, with its levels checked.
pub(super) fn rating(
    c: &Loaded<ConfigSource>,
    words: &Vocabulary,
    diags: &mut Diagnostics,
) -> Rating {
    let presets = match presets() {
        Ok(p) => p,
        Err(d) => {
            diags.push(d);
            return fallback(words);
        }
    };
    let source = c.value.rating.clone().unwrap_or_default();
    let method = source.method.unwrap_or(Method::Progress);
    let base = preset(&presets, method);
    let at = |path: &[&str]| -> Vec<Seg> {
        std::iter::once(key("rating"))
            .chain(path.iter().map(|p| key(p)))
            .collect()
    };
    let pace = match (source.on_track_pace, c.value.status.on_track_pace) {
        (Some(p), _) | (None, Some(p)) => p,
        (None, None) => Quantity::integer(1),
    };
    let pace_path = match source.on_track_pace {
        Some(_) => at(&["on_track_pace"]),
        None => vec![key("status"), key("on_track_pace")],
    };
    if pace.is_negative() || pace.cmp_value(Quantity::integer(10)).is_gt() {
        diags.push(
            c.error_at(
                &pace_path,
                m!(
                    "validate.pace-range",
                    pace = crate::format::plain_number(pace)
                ),
            )
            .expected(m!("validate.expected-pace")),
        );
    }
    if c.value.rating.is_some() && c.value.status.on_track_pace.is_some() {
        diags.push(
            c.error_at(&[key("status")], m!("validate.status-and-rating"))
                .expected(m!("validate.expected-pace-under-rating")),
        );
    }
    let levels: Vec<RatingLevel> = match &source.levels {
        Some(list) => list
            .iter()
            .enumerate()
            .map(|(i, l)| {
                level(
                    l,
                    &Origin::Config(c, [at(&["levels"]), vec![Seg::Index(i)]].concat()),
                    method,
                    diags,
                )
            })
            .collect(),
        None => base
            .levels
            .iter()
            .map(|l| level(l, &Origin::Preset, method, diags))
            .collect(),
    };
    if levels.is_empty() {
        diags.push(
            c.error_at(&at(&["levels"]), m!("validate.levels-empty"))
                .expected(m!("validate.expected-a-level")),
        );
    }
    // A level is referred to by a byte (`LevelRef`), with two more for 未測定 and 評価なし.
    if levels.len() > MAX_LEVELS {
        diags.push(
            c.error_at(
                &at(&["levels"]),
                m!("validate.levels-too-many", count = levels.len()),
            )
            .expected(m!("validate.expected-at-most-levels", most = MAX_LEVELS)),
        );
    }
    if let Some((i, _)) = levels
        .iter()
        .enumerate()
        .find(|(i, l)| *i + 1 == levels.len() && !l.condition.is_none())
    {
        diags.push(
            c.error_at(
                &[at(&["levels"]), vec![Seg::Index(i)]].concat(),
                m!("validate.last-level-condition"),
            )
            .expected(m!("validate.expected-last-level")),
        );
    }
    let special = |given: &Option<SpecialLevelSource>,
                   default: &SpecialLevelSource,
                   id: &str,
                   name: &str,
                   diags: &mut Diagnostics| {
        let (s, origin) = match given {
            Some(s) => (s, Origin::Config(c, at(&[name]))),
            None => (default, Origin::Preset),
        };
        let l = s.as_level(id);
        level(&l, &origin, method, diags)
    };
    let not_measured = special(
        &source.not_measured,
        &base.not_measured,
        "not-measured",
        "not_measured",
        diags,
    );
    let not_rated = special(
        &source.not_rated,
        &base.not_rated,
        "not-rated",
        "not_rated",
        diags,
    );
    let rating = Rating {
        method,
        figure: source
            .figure
            .clone()
            .unwrap_or_else(|| words.get(&format!("figure.{}", method.key())).to_string()),
        pace,
        levels,
        not_measured,
        not_rated,
    };
    check_distinct(c, &rating, source.levels.is_some(), diags);
    rating
}

/// The theme's default rating of `method`, with the on-track pace `pace` (for tests,
/// tools and benchmarks that make a report without a config.yaml).
pub fn builtin(method: Method, pace: Quantity) -> Result<Rating, Diagnostics> {
    let presets = presets().map_err(|d| {
        let mut all = Diagnostics::default();
        all.push(d);
        all
    })?;
    let words = Vocabulary::builtin().map_err(|d| {
        let mut all = Diagnostics::default();
        all.push(d);
        all
    })?;
    let mut diags = Diagnostics::default();
    let base = preset(&presets, method);
    let levels = base
        .levels
        .iter()
        .map(|l| level(l, &Origin::Preset, method, &mut diags))
        .collect();
    let special = |s: &SpecialLevelSource, id: &str, diags: &mut Diagnostics| {
        let l = s.as_level(id);
        level(&l, &Origin::Preset, method, diags)
    };
    let rating = Rating {
        method,
        figure: words.get(&format!("figure.{}", method.key())).to_string(),
        pace,
        levels,
        not_measured: special(&base.not_measured, "not-measured", &mut diags),
        not_rated: special(&base.not_rated, "not-rated", &mut diags),
    };
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(rating)
}

/// A rating with no levels, when the presets themselves cannot be read.
fn fallback(words: &Vocabulary) -> Rating {
    let blank = RatingLevel {
        id: "none".into(),
        label: String::new(),
        symbol: String::new(),
        meaning: String::new(),
        colour: "#000000".into(),
        condition: Condition::default(),
    };
    Rating {
        method: Method::Progress,
        figure: words.get("figure.progress").to_string(),
        pace: Quantity::integer(1),
        levels: vec![blank.clone()],
        not_measured: blank.clone(),
        not_rated: blank,
    }
}

fn level(l: &LevelSource, origin: &Origin, method: Method, diags: &mut Diagnostics) -> RatingLevel {
    if crate::validate::check_id(&l.id).is_err() {
        diags.push(
            origin
                .error(m!("validate.invalid-level-id", id = l.id))
                .expected(crate::validate::id_expected()),
        );
    }
    if l.label.trim().is_empty() || l.symbol.trim().is_empty() {
        diags.push(
            origin
                .error(m!("validate.level-without-label", id = l.id))
                .expected(m!("validate.expected-label-and-symbol")),
        );
    }
    if matches!(l.at_least, Some(crate::source::Threshold::Pace)) && method != Method::Progress {
        diags.push(
            origin
                .error(m!("validate.pace-outside-progress", id = l.id))
                .expected(m!("validate.expected-percentage")),
        );
    }
    let colour = colour::Hex::parse(&l.colour);
    match colour {
        None => diags.push(
            origin
                .error(m!("validate.not-a-colour", colour = l.colour))
                .expected(m!("validate.expected-colour")),
        ),
        Some(c) => {
            let contrast = c.contrast(colour::WHITE);
            if contrast < 4.5 {
                diags.push(
                    origin
                        .error(m!(
                            "validate.low-contrast",
                            id = l.id,
                            colour = l.colour,
                            contrast = format!("{contrast:.2}")
                        ))
                        .expected(m!("validate.expected-contrast")),
                );
            }
        }
    }
    RatingLevel {
        id: l.id.clone(),
        label: l.label.clone(),
        symbol: l.symbol.clone(),
        meaning: l.meaning.trim().to_string(),
        colour: l.colour.clone(),
        condition: Condition {
            reached: l.reached.unwrap_or(false),
            at_least: l.at_least,
            improved: l.improved.unwrap_or(false),
        },
    }
}

/// Levels must differ: in id, and in colour for readers with colour-vision deficiencies.
fn check_distinct(
    c: &Loaded<ConfigSource>,
    rating: &Rating,
    declared: bool,
    diags: &mut Diagnostics,
) {
    if rating.levels.len() > MAX_LEVELS {
        return; // already an error; comparing every pair would only bury it
    }
    let all: Vec<&RatingLevel> = rating.all().map(|(_, l)| l).collect();
    let place = |i: usize| -> Vec<Seg> {
        if i < rating.levels.len() && declared {
            vec![key("rating"), key("levels"), Seg::Index(i)]
        } else {
            vec![key("rating")]
        }
    };
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            if a.id == b.id {
                diags.push(
                    c.error_at(&place(i), m!("validate.level-id-twice", id = a.id))
                        .expected(m!("validate.expected-different-level-ids")),
                );
            }
        }
    }
    // The special levels (not measured, not rated) may share a colour: they are neutral.
    let coloured: Vec<(usize, colour::Hex)> = rating
        .levels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| Some((i, colour::Hex::parse(&l.colour)?)))
        .chain(colour::Hex::parse(&rating.not_measured.colour).map(|h| (rating.levels.len(), h)))
        .collect();
    for (k, (i, a)) in coloured.iter().enumerate() {
        for (j, b) in &coloured[k + 1..] {
            if let Some((vision, difference)) = colour::too_close(*a, *b) {
                let (x, y) = (all[*i], all[*j]);
                diags.push(
                    c.error_at(
                        &place(*j),
                        m!(
                            "validate.colours-too-close",
                            first = x.id,
                            first_colour = x.colour,
                            second = y.id,
                            second_colour = y.colour,
                            vision = vision_name(vision),
                            difference = format!("{difference:.1}")
                        ),
                    )
                    .expected(m!(
                        "validate.expected-colour-difference",
                        least = colour::MIN_DIFFERENCE
                    )),
                );
            }
        }
    }
}

/// A kind of vision as `colour::too_close` names it, in the current language.
fn vision_name(vision: &str) -> String {
    match vision {
        "normal vision" => m!("validate.vision.normal"),
        "protanopia" => m!("validate.vision.protanopia"),
        "deuteranopia" => m!("validate.vision.deuteranopia"),
        "tritanopia" => m!("validate.vision.tritanopia"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_parse_and_pass_their_own_checks() {
        let p = presets().unwrap();
        let words = Vocabulary::builtin().unwrap();
        for method in Method::ALL {
            let mut diags = Diagnostics::default();
            let base = preset(&p, method);
            for l in &base.levels {
                level(l, &Origin::Preset, method, &mut diags);
            }
            assert!(diags.is_empty(), "{method:?}: {diags}");
            assert!(base.levels.last().unwrap().reached.is_none());
        }
        assert_eq!(words.get("figure.progress"), "進捗率");
    }
}
