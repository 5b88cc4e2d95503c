//! A whole build of the small fixture site with one file replaced by the fuzz input.
//! The build may fail, but must never panic, hang, or write outside its output folder.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The fixture's files, embedded so that the target needs no paths at run time.
const FILES: &[(&str, &str)] = &[
    ("config.yaml", include_str!("../../fixtures/minimal/content/config.yaml")),
    ("plan.yaml", include_str!("../../fixtures/minimal/content/plan.yaml")),
    ("strategies/1-wakamono.yaml", include_str!("../../fixtures/minimal/content/strategies/1-wakamono.yaml")),
    ("indicators/1-1-tenshutsu.yaml", include_str!("../../fixtures/minimal/content/indicators/1-1-tenshutsu.yaml")),
    ("indicators/1-2-gakko.yaml", include_str!("../../fixtures/minimal/content/indicators/1-2-gakko.yaml")),
    ("results/R2/result.yaml", include_str!("../../fixtures/minimal/content/results/R2/result.yaml")),
    ("results/R3/result.yaml", include_str!("../../fixtures/minimal/content/results/R3/result.yaml")),
    ("results/R3/verification.yaml", include_str!("../../fixtures/minimal/content/results/R3/verification.yaml")),
    ("grants/1-demo/grant.yaml", include_str!("../../fixtures/minimal/content/grants/1-demo/grant.yaml")),
    ("grants/1-demo/projects/01-jigyo.md", include_str!("../../fixtures/minimal/content/grants/1-demo/projects/01-jigyo.md")),
    ("donations/R3.yaml", include_str!("../../fixtures/minimal/content/donations/R3.yaml")),
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, input)) = data.split_first() else { return };
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let replaced = usize::from(which) % FILES.len();
    for (i, (path, text)) in FILES.iter().enumerate() {
        let file = content.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        if i == replaced {
            std::fs::write(&file, input).unwrap();
        } else {
            std::fs::write(&file, text).unwrap();
        }
    }
    let output = dir.path().join("output");
    let _ = sosei::build::build(&content, &output);
    // Nothing but the content, the output and build leftovers of our own may exist.
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(name == "content" || name == "output", "the build left `{name}` beside its output");
    }
});
