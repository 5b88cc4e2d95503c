//! The catalogues against each other and against the code that uses them.

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn catalogue(lang: Lang) -> BTreeMap<String, String> {
    crate::yaml::string_map(SOURCES[lang.index()]).unwrap_or_else(|e| panic!("{lang:?}: {e}"))
}

/// One use of `m!` in the source: the id and the names it fills in.
#[derive(Debug)]
struct Use {
    file: String,
    id: String,
    names: BTreeSet<String>,
}

/// Every `m!("id", name = value, …)` in `src/` (but for the macro's own definition
/// in messages/mod.rs and these tests).
fn uses() -> Vec<Use> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        let path = entry.path();
        let own = [root.join("messages/mod.rs"), root.join("messages/tests.rs")];
        if path.extension().is_none_or(|e| e != "rs") || own.iter().any(|o| path == o) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for (i, _) in text.match_indices("m!(") {
            let before = text[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let file = path.strip_prefix(&root).unwrap().display().to_string();
            let args = arguments(&text[i + 3..]);
            let Some(id) = args.first().and_then(|a| a.strip_prefix('"')) else {
                panic!("{file}: m! without a literal id: {args:?}");
            };
            let id = id.trim_end_matches('"').to_string();
            let names = args[1..]
                .iter()
                .map(|a| {
                    let (name, _) = a
                        .split_once('=')
                        .unwrap_or_else(|| panic!("{file}: `{id}`: `{a}` is not `name = value`"));
                    name.trim().to_string()
                })
                .collect();
            found.push(Use { file, id, names });
        }
    }
    found
}

/// The top-level arguments of a macro call, from just after its `(` to the matching `)`.
fn arguments(text: &str) -> Vec<String> {
    let mut args = vec![String::new()];
    let mut depth = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let last = args.last_mut().unwrap();
                last.push(c);
                while let Some(s) = chars.next() {
                    last.push(s);
                    match s {
                        '\\' => last.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(String::new());
                continue;
            }
            _ => {}
        }
        args.last_mut().unwrap().push(c);
    }
    args.into_iter()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

#[test]
fn both_catalogues_have_the_same_ids() {
    let en: BTreeSet<String> = catalogue(Lang::En).into_keys().collect();
    let ja: BTreeSet<String> = catalogue(Lang::Ja).into_keys().collect();
    let only_en: Vec<_> = en.difference(&ja).collect();
    let only_ja: Vec<_> = ja.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_ja.is_empty(),
        "only in en.yaml: {only_en:?}\nonly in ja.yaml: {only_ja:?}"
    );
    assert!(en.len() > 100, "{} messages", en.len());
}

#[test]
fn each_template_has_the_same_placeholders_in_both_languages() {
    let ja = catalogue(Lang::Ja);
    for (id, en) in catalogue(Lang::En) {
        let mut a = placeholders(&en);
        let mut b = placeholders(&ja[&id]);
        a.sort();
        b.sort();
        assert_eq!(a, b, "`{id}`: {en:?} / {:?}", ja[&id]);
    }
}

/// A Japanese template written in ASCII alone is most likely English left untranslated.
#[test]
fn every_japanese_template_is_japanese() {
    let same_in_both = ["load.control.named"];
    let ascii: Vec<String> = catalogue(Lang::Ja)
        .into_iter()
        .filter(|(id, text)| text.is_ascii() && !same_in_both.contains(&id.as_str()))
        .map(|(id, _)| id)
        .collect();
    assert!(ascii.is_empty(), "not translated: {ascii:?}");
}

#[test]
fn every_message_the_code_gives_is_there_with_its_placeholders() {
    let en = catalogue(Lang::En);
    let uses = uses();
    assert!(uses.len() > 100, "{} uses of m!", uses.len());
    assert!(
        uses.iter().any(|u| u.id == "cli.template"),
        "the m! in messages/cli.rs are read too"
    );
    for u in &uses {
        let Some(template) = en.get(&u.id) else {
            panic!("{}: `{}` is in no catalogue", u.file, u.id);
        };
        let wanted: BTreeSet<String> = placeholders(template)
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(
            u.names, wanted,
            "{}: `{}` is given other values than its template has ({template:?})",
            u.file, u.id
        );
    }
    // Every message is used; `cli.*` are looked up by argument name (tested in main.rs).
    let used: BTreeSet<&str> = uses.iter().map(|u| u.id.as_str()).collect();
    let unused: Vec<&String> = en
        .keys()
        .filter(|id| !id.starts_with("cli.") && !used.contains(id.as_str()))
        .filter(|id| !matches!(id.as_str(), "list.separator"))
        .collect();
    assert!(unused.is_empty(), "never used: {unused:?}");
}

#[test]
fn templates_are_filled() {
    let name: &dyn Display = &"unit";
    let count: &dyn Display = &3;
    assert_eq!(
        fill(
            "did you mean `{name}`? {{x}} {count}",
            &[("name", name), ("count", count)]
        ),
        "did you mean `unit`? {x} 3"
    );
    assert_eq!(fill("{gone} and {", &[("name", name)]), "{gone} and {");
    assert_eq!(placeholders("{a} {{b}} {c}{a}"), ["a", "c"]);
    assert_eq!(
        text_in(Lang::Ja, "diag.did-you-mean", &[("name", name)]),
        "`unit` の誤りではありませんか？"
    );
    assert_eq!(text_in(Lang::En, "no.such.id", &[]), "no.such.id");
}

#[test]
fn the_locale_decides_in_order_of_precedence() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Lang::from_vars(env(&[("LANG", "ja_JP.UTF-8")])),
        Some(Lang::Ja)
    );
    assert_eq!(Lang::from_vars(env(&[("LANG", "C")])), Some(Lang::En));
    assert_eq!(
        Lang::from_vars(env(&[("LANG", "ja_JP.UTF-8"), ("LC_MESSAGES", "C")])),
        Some(Lang::En)
    );
    assert_eq!(
        Lang::from_vars(env(&[
            ("LANG", "C"),
            ("LC_MESSAGES", "C"),
            ("LC_ALL", "ja_JP")
        ])),
        Some(Lang::Ja)
    );
    // An empty variable is as good as unset.
    assert_eq!(
        Lang::from_vars(env(&[("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")])),
        Some(Lang::Ja)
    );
    assert_eq!(Lang::from_vars(env(&[])), None);
}

#[test]
fn lists_are_joined_in_each_language() {
    assert_eq!(join(["a", "b", "c"], ", "), "a, b, c");
    assert_eq!(join(Vec::<&str>::new(), ", "), "");
    let ja = catalogue(Lang::Ja);
    assert_eq!(ja["list.separator"], "、");
    // The current language is English unless `main` sets another.
    assert_eq!(code_list(["id", "unit"]), "`id`, `unit`");
}
