//! A long run of small random edits (digits, lines, ids, names) to the bundled content,
//! each followed by an update that must give what a fresh check gives.

use super::*;

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

const IDS: &[&str] = &[
    "tenshutsu",
    "kigyo",
    "kangaeru",
    "shogakko",
    "phoenix-net",
    "kikan",
];

/// One random edit of `text`.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = rng.below(lines.len());
    match rng.below(6) {
        0 => {
            // A digit changed.
            let digits: Vec<usize> = lines[at]
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if let Some(&i) = digits.get(rng.below(digits.len())) {
                let d = char::from(b'0' + rng.below(10) as u8);
                lines[at].replace_range(i..i + 1, &d.to_string());
            }
        }
        1 => {
            lines.remove(at);
        }
        2 => {
            let line = lines[at].clone();
            lines.insert(at, line);
        }
        3 => {
            let (from, to) = (IDS[rng.below(IDS.len())], IDS[rng.below(IDS.len())]);
            let to = if rng.below(2) == 0 {
                to.to_string()
            } else {
                format!("{to}x")
            };
            lines[at] = lines[at].replacen(from, &to, 1);
        }
        _ => {
            if let Some(l) = lines.iter_mut().find(|l| l.starts_with("name: ")) {
                *l = format!("name: 名前{}", rng.below(1000));
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn random_edits_always_match_a_fresh_check() {
    let (_dir, content) = bundled();
    let mut files: Vec<PathBuf> = fs::read_dir(content.join("indicators"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for rel in [
        "results/R2/result.yaml",
        "results/R3/result.yaml",
        "results/R3/verification.yaml",
        "strategies/3-kyoiku.yaml",
        "grants/1-nadec/projects/01-sangyo-innovation.md",
        "grants/1-nadec/projects/02-kigyo-sogyo.md",
    ] {
        files.push(content.join(rel));
    }
    let originals: Vec<String> = files
        .iter()
        .map(|f| fs::read_to_string(f).unwrap())
        .collect();
    let mut m = Manuscript::open(&content);
    let mut rng = Rng(0x5eed_2022);
    let mut ways = std::collections::BTreeMap::new();
    for round in 0..300 {
        let i = rng.below(files.len());
        let text = if rng.below(3) == 0 {
            originals[i].clone()
        } else {
            mutate(&mut rng, &fs::read_to_string(&files[i]).unwrap())
        };
        fs::write(&files[i], text).unwrap();
        let update = m.update(std::slice::from_ref(&files[i]));
        *ways.entry(format!("{:?}", update.recheck)).or_insert(0) += 1;
        assert_fresh(
            &m,
            &content,
            &format!("round {round}, {}", files[i].display()),
        );
    }
    assert!(ways.get("Patched").is_some_and(|n| *n >= 30), "{ways:?}");
}
