//! Files added and removed, files that hold no source, folders, the content folder.

use super::*;

#[test]
fn added_and_removed_files_and_other_sources_match_a_fresh_check() {
    let (dir, content) = copy_content("content");
    let mut m = Manuscript::open(&content);

    let added = content.join("indicators/1-3-shinki.yaml");
    fs::write(
        &added,
        "id: shinki\nstrategy: 1\nname: 新しい指標\nunit: 人\nbaseline: 1\ntarget: 2\n",
    )
    .unwrap();
    step(
        &mut m,
        &content,
        "file added",
        &[&added],
        Recheck::Validated,
    );
    assert!(m.report().is_none(), "no actual for `shinki` yet");
    fs::remove_file(&added).unwrap();
    step(
        &mut m,
        &content,
        "file removed",
        &[&added],
        Recheck::Validated,
    );
    assert!(m.report().is_some());

    let md = "grants/1-nadec/projects/01-sangyo-innovation.md";
    let p = replace(
        &content,
        md,
        "# 事業の概要\n",
        "# 事業の概要\n\n新しい段落。\n",
    );
    step(&mut m, &content, "project edit", &[&p], Recheck::Patched);
    let p = replace(&content, md, "title: 産業", "title: 新・産業");
    let other = replace(
        &content,
        "grants/1-nadec/projects/09-iot.md",
        "# ",
        "# 新・",
    );
    step(
        &mut m,
        &content,
        "two projects",
        &[&p, &other],
        Recheck::Patched,
    );
    let p = replace(&content, md, "# 事業の概要\n", "はじめに\n\n# 事業の概要\n");
    step(&mut m, &content, "project error", &[&p], Recheck::Validated);
    assert!(m.report().is_none());
    let p = replace(&content, md, "はじめに\n\n", "");
    step(&mut m, &content, "project fixed", &[&p], Recheck::Validated);
    let p = replace(&content, md, "year: R3", "year: R6");
    step(
        &mut m,
        &content,
        "outside the period",
        &[&p],
        Recheck::Validated,
    );
    assert!(m.report().is_none());
    let p = replace(&content, md, "year: R6", "year: R3");
    step(&mut m, &content, "inside again", &[&p], Recheck::Validated);

    let stray = content.join("notes.yaml");
    fs::write(&stray, "a: 1\n").unwrap();
    step(
        &mut m,
        &content,
        "stray YAML",
        &[&stray],
        Recheck::Diagnostics,
    );
    assert_eq!(m.diagnostics().warning_count(), 1);
    fs::remove_file(&stray).unwrap();
    step(
        &mut m,
        &content,
        "stray removed",
        &[&stray],
        Recheck::Diagnostics,
    );

    let hidden = content.join("indicators/.1-1-tenshutsu.yaml.swp");
    fs::write(&hidden, "id: [").unwrap();
    step(
        &mut m,
        &content,
        "hidden file",
        &[&hidden],
        Recheck::Unchanged,
    );
    let outside = dir.path().join("elsewhere.yaml");
    step(&mut m, &content, "outside", &[&outside], Recheck::Unchanged);
    let image = content.join("grants/1-nadec/projects/photo.png");
    fs::write(&image, b"\x89PNG").unwrap();
    step(
        &mut m,
        &content,
        "not a source",
        &[&image],
        Recheck::Unchanged,
    );

    #[cfg(unix)]
    {
        let link = content.join("strategies/7-link.yaml");
        std::os::unix::fs::symlink(content.join("strategies/1-wakamono.yaml"), &link).unwrap();
        step(&mut m, &content, "link", &[&link], Recheck::Diagnostics);
        assert!(m.report().is_none());
        fs::remove_file(&link).unwrap();
        step(
            &mut m,
            &content,
            "link removed",
            &[&link],
            Recheck::Diagnostics,
        );
    }

    // A folder removed whole, reported as the folder alone.
    let grant = content.join("grants/2-gaikoku-jinzai");
    let kept = dir.path().join("kept");
    fs::rename(&grant, &kept).unwrap();
    step(
        &mut m,
        &content,
        "folder removed",
        &[&grant],
        Recheck::Validated,
    );
    fs::rename(&kept, &grant).unwrap();
    step(
        &mut m,
        &content,
        "folder back",
        &[&grant],
        Recheck::Validated,
    );

    // A file reported inside a folder that is gone: the folder is read again.
    let year = content.join("results/R2");
    fs::rename(&year, &kept).unwrap();
    let gone = year.join("result.yaml");
    step(
        &mut m,
        &content,
        "inside a gone folder",
        &[&gone],
        Recheck::Validated,
    );
    fs::rename(&kept, &year).unwrap();
    step(&mut m, &content, "year back", &[&year], Recheck::Validated);

    fs::rename(&content, &kept).unwrap();
    step(
        &mut m,
        &content,
        "content gone",
        &[&content],
        Recheck::Reloaded,
    );
    fs::rename(&kept, &content).unwrap();
    step(
        &mut m,
        &content,
        "content back",
        &[&content],
        Recheck::Reloaded,
    );
    assert!(m.report().is_some());
}
