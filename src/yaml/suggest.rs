//! What to suggest for an unknown key: the field it was likely meant to be, unless that
//! field is already set beside it (following the suggestion would then overwrite or
//! duplicate data), and whether a later "missing field" error is the same mistake.

use crate::diag::closest;

/// Whether `message` is "missing field `x`" for an `x` that the unknown `key` was
/// probably meant to be (the same name, a near miss, a plural or singular of it).
pub(super) fn missing_because_of(message: &str, key: &str) -> bool {
    let Some(missing) = message
        .split("missing field `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    else {
        return false;
    };
    key == missing || number_pair(key, missing) || closest(key, [missing]).is_some()
}

/// What to suggest for the unknown field `found`, given the fields the struct expects and
/// the keys `present` beside it. A suggestion never names a key that is already there:
/// following it would overwrite or duplicate what that key holds. When the closest
/// field is present, or `found` is a plural or singular of a present key, that is said.
pub(super) fn suggestion(found: &str, expected: &[String], present: &[String]) -> Option<String> {
    let already = |key: &str| m!("yaml.already-set", key = key, found = found);
    if let Some(key) = present.iter().find(|p| number_pair(found, p)) {
        return Some(already(key));
    }
    let near = closest(found, expected.iter().map(String::as_str))?;
    if present.iter().any(|p| p == near) {
        return Some(already(near));
    }
    Some(m!("diag.did-you-mean", name = near))
}

/// Whether one word is the plural of the other (`target`/`targets`, `box`/`boxes`,
/// `city`/`cities`).
fn number_pair(a: &str, b: &str) -> bool {
    let plural = |one: &str, many: &str| {
        many.strip_suffix('s').is_some_and(|stem| stem == one)
            || many.strip_suffix("es").is_some_and(|stem| stem == one)
            || (many.strip_suffix("ies").zip(one.strip_suffix('y')))
                .is_some_and(|(m, o)| m == o && !m.is_empty())
    };
    plural(a, b) || plural(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_near_miss_absent_from_the_mapping_is_suggested() {
        let expected = names(&["id", "unit", "baseline", "target"]);
        assert_eq!(
            suggestion("unti", &expected, &names(&["id", "target"])).as_deref(),
            Some("did you mean `unit`?")
        );
        assert_eq!(suggestion("zzzzzz", &expected, &[]), None);
    }

    #[test]
    fn a_near_miss_already_present_is_not_suggested() {
        let expected = names(&["id", "unit", "baseline", "target"]);
        let help = suggestion("unti", &expected, &names(&["id", "unit"])).unwrap();
        assert!(!help.contains("did you mean"), "{help}");
        assert!(
            help.starts_with("`unit` is already set in this mapping"),
            "{help}"
        );
        assert!(
            help.contains("if `unti` is meant to hold something else"),
            "{help}"
        );
    }

    #[test]
    fn a_plural_or_singular_of_a_present_key_gets_no_suggestion() {
        // `baselines` is within reach of `baseline`; `labels` of nothing expected.
        let expected = names(&["label", "baseline", "series"]);
        for (found, present) in [("baselines", "baseline"), ("label", "labels")] {
            let help = suggestion(found, &expected, &names(&["id", present])).unwrap();
            assert!(!help.contains("did you mean"), "{found}: {help}");
            assert!(
                help.starts_with(&format!("`{present}` is already set")),
                "{help}"
            );
        }
        // Without the present key, the near miss is suggested.
        assert_eq!(
            suggestion("baselines", &expected, &names(&["id"])).as_deref(),
            Some("did you mean `baseline`?")
        );
    }

    #[test]
    fn plurals_are_recognised() {
        assert!(number_pair("target", "targets"));
        assert!(number_pair("boxes", "box"));
        assert!(number_pair("city", "cities"));
        assert!(!number_pair("unit", "unti"));
        assert!(!number_pair("ies", "y"));
        assert!(!number_pair("unit", "unit"));
    }

    #[test]
    fn a_missing_field_is_tied_to_the_unknown_key_meant_for_it() {
        let missing = "missing field `title`";
        assert!(missing_because_of(missing, "titel"));
        assert!(missing_because_of(missing, "title"));
        assert!(missing_because_of("missing field `target`", "targets"));
        assert!(!missing_because_of(missing, "overview"));
        assert!(!missing_because_of("unknown field `titel`", "titel"));
    }
}
