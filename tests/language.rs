//! sosei speaks the language of the person running it: Japanese under a Japanese locale
//! (LC_ALL, then LC_MESSAGES, then LANG) or with `--lang ja`, English otherwise; the
//! diagnostics' layout is the same in both (see also `bad_inputs.rs`, `terminal.rs` and,
//! for `sosei sheet`, `sheet_catalogue.rs`).

mod common;
use common::*;
use std::process::Output;

/// `sosei args` with exactly the locale variables `vars` set.
fn sosei(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut command = common::sosei();
    command.args(args).env_remove("LANG");
    command.envs(vars.iter().copied());
    command.output().unwrap()
}

fn help(args: &[&str], vars: &[(&str, &str)]) -> String {
    let run = sosei(args, vars);
    assert!(run.status.success(), "{args:?} {vars:?}");
    String::from_utf8(run.stdout).unwrap()
}

fn is_japanese(help: &str) -> bool {
    help.contains("使い方: sosei") && !help.contains("Usage:") && !help.contains("Print help")
}

fn is_english(help: &str) -> bool {
    help.contains("Usage: sosei") && help.contains("Print help") && !help.contains("使い方")
}

#[test]
fn help_follows_the_locale_and_lang_overrides_it_both_ways() {
    let ja = [("LANG", "ja_JP.UTF-8")];
    let c = [("LANG", "C")];
    let top = help(&["--help"], &ja);
    assert!(is_japanese(&top), "{top}");
    for line in [
        "コマンド:",
        "オプション:",
        "  build  報告書を作成し",
        "  -h, --help",
    ] {
        assert!(top.contains(line), "`{line}` in:\n{top}");
    }
    assert!(is_english(&help(&["--help"], &c)));
    assert!(
        is_english(&help(&["--help"], &[])),
        "English without any locale"
    );
    // `--lang` wins over the locale, either way, wherever it stands.
    assert!(is_english(&help(&["--lang", "en", "--help"], &ja)));
    assert!(is_english(&help(&["build", "--help", "--lang=en"], &ja)));
    assert!(is_japanese(&help(&["--lang", "ja", "--help"], &c)));
    // LC_ALL, then LC_MESSAGES, then LANG.
    assert!(is_english(&help(
        &["--help"],
        &[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")]
    )));
    assert!(is_japanese(&help(
        &["--help"],
        &[("LANG", "C"), ("LC_MESSAGES", "ja_JP.UTF-8")]
    )));
    assert!(is_english(&help(
        &["--help"],
        &[("LC_MESSAGES", "en_GB.UTF-8"), ("LANG", "ja_JP")]
    )));
}

#[test]
fn every_command_has_japanese_help() {
    let ja = [("LANG", "ja_JP.UTF-8")];
    for (command, words) in [
        (
            "build",
            "出力フォルダー（作成に成功したときだけ置き換えます）［既定値: output］",
        ),
        ("check", "［指定できる値: human、json］"),
        ("serve", "ポート番号"),
        ("new", "引数:\n  <DIR>  作るフォルダー"),
        ("pdf", "印刷する評価年度"),
    ] {
        let text = help(&[command, "--help"], &ja);
        assert!(is_japanese(&text), "{command}:\n{text}");
        assert!(text.contains(words), "`{words}` in:\n{text}");
        assert!(!text.contains("[default"), "{text}");
        let english = help(&[command, "--help"], &[]);
        assert!(is_english(&english), "{command}:\n{english}");
    }
    let text = help(&["help", "pdf"], &ja);
    assert!(
        text.contains("全体版を、ヘッドレスの Chromium か Chrome で"),
        "{text}"
    );
}

#[test]
fn a_build_reports_its_progress_in_japanese() {
    let (dir, content) = copy_fixture("minimal");
    let output = dir.path().join("output");
    let args = |lang: &'static str| {
        let (content, output) = (content.to_str().unwrap(), output.to_str().unwrap());
        let run = sosei(
            &[
                "build",
                "-v",
                "--lang",
                lang,
                "--content",
                content,
                "--output",
                output,
            ],
            &[],
        );
        assert!(run.status.success());
        String::from_utf8(run.stderr).unwrap()
    };
    let ja = args("ja");
    let lines: Vec<&str> = ja.lines().collect();
    assert!(
        lines[0].starts_with(
            "11 ファイル・2 指標から 16 ページ（評価年度 2、グラフ 25、画像 0）を作成し、"
        ),
        "{ja}"
    );
    for (i, phase) in [
        "読み込みと確認: ",
        "評価、作成、書き出し: ",
        "新しいサイトへの入れ替え: ",
    ]
    .iter()
    .enumerate()
    {
        assert!(lines[i + 1].starts_with(&format!("  {phase}")), "{ja}");
        assert!(lines[i + 1].ends_with(" ミリ秒"), "{ja}");
    }
    assert!(
        lines[4].starts_with("  うち各スレッドの合計: ビュー "),
        "{ja}"
    );
    assert!(
        lines[5].starts_with("  注: sitemap.xml は書き出していません"),
        "{ja}"
    );
    assert!(
        lines[6..].iter().all(|l| l.starts_with("  書き出し: ")),
        "{ja}"
    );
    assert_eq!(lines.len(), 6 + 16, "{ja}");
    // The same lines in English, in the same order.
    let en = args("en");
    assert!(en.starts_with("built 16 pages (2 evaluation years, 25 charts, 0 images) from 11 files and 2 indicators into "), "{en}");
    assert!(
        en.contains("\n  load and validate: ") && en.contains("\n  wrote r3/index.html\n"),
        "{en}"
    );
    assert_eq!(en.lines().count(), lines.len());
}

#[test]
fn check_and_a_failed_build_sum_up_in_japanese() {
    let (dir, content) = copy_fixture("minimal");
    let plan = content.join("plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, format!("{text}subtitel: 副題\n")).unwrap();
    let content = content.to_str().unwrap();
    let run = sosei(
        &["check", "--content", content],
        &[("LC_ALL", "ja_JP.UTF-8")],
    );
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.starts_with("エラー: 不明な項目 `subtitel` があります\n  --> plan.yaml:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\n  = 期待される内容: `title`、`short_title`、"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\n  = ヒント: `subtitle` の誤りではありませんか？\n"),
        "{stderr}"
    );
    assert!(
        stderr
            .trim_end()
            .ends_with("ファイルを確認しました: エラー 1 件、警告 0 件"),
        "{stderr}"
    );
    let output = dir.path().join("output");
    let run = sosei(
        &[
            "build",
            "--content",
            content,
            "--output",
            output.to_str().unwrap(),
        ],
        &[("LANG", "ja_JP.UTF-8")],
    );
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8(run.stderr).unwrap();
    let last = stderr.trim_end().lines().last().unwrap();
    assert!(
        last.starts_with("ビルドに失敗しました: エラー 1 件。"),
        "{stderr}"
    );
    assert!(last.ends_with(" は元のままです"), "{stderr}");
}

#[test]
fn sheet_export_has_japanese_help() {
    let ja = [("LANG", "ja_JP.UTF-8")];
    let text = help(&["sheet", "export", "--help"], &ja);
    assert!(is_japanese(&text), "{text}");
    for words in [
        "使い方: sosei sheet export [OPTIONS] --year <YEAR>",
        "年度の実績を集める .xlsx のブック（全指標で一つ、または所管課ごとに一つ）",
        "--year <YEAR>        実績を集める年度（例: R4）\n",
        "ブックを書き出すフォルダー（すでにあるブックは置き換えません）［既定値: sheets］",
        "--by-department      所管課（指標の `department:`）ごとにブックを分ける\n",
    ] {
        assert!(text.contains(words), "`{words}` in:\n{text}");
    }
    assert!(
        !text.contains("[default") && !text.contains("workbook"),
        "{text}"
    );
    // `sosei sheet` lists its commands, and its own `help`, in Japanese too.
    let text = help(&["sheet", "--help"], &ja);
    assert!(text.contains("  import  返ってきたブック"), "{text}");
    assert!(text.contains("  help    このメッセージ"), "{text}");
    let english = help(&["sheet", "export", "--help"], &[]);
    assert!(is_english(&english), "{english}");
    assert!(
        english.contains("The fiscal year to collect, such as R4"),
        "{english}"
    );
}

#[test]
fn a_refused_sheet_is_reported_in_japanese() {
    let (dir, content) = copy_fixture("minimal");
    let book = dir.path().join("kikaku.xlsx");
    std::fs::write(&book, "実績値\t115.3\n").unwrap();
    let before = snapshot(&content);
    let run = |vars: &[(&str, &str)]| {
        let (book, content) = (book.to_str().unwrap(), content.to_str().unwrap());
        let run = sosei(
            &[
                "sheet",
                "import",
                book,
                "--year",
                "R3",
                "--content",
                content,
            ],
            vars,
        );
        assert_eq!(run.status.code(), Some(1));
        String::from_utf8(run.stderr)
            .unwrap()
            .replace(&dir.path().display().to_string(), "$DIR")
    };
    let ja = run(&[("LC_MESSAGES", "ja_JP.UTF-8"), ("LANG", "C")]);
    assert_eq!(
        ja,
        "エラー: $DIR/kikaku.xlsx: ブックではありません（中身はテキストです。名前を変えたファイル？）。\
         .xlsx、.xls、.ods のファイルか、指標のシートから保存した .csv を指定してください\n\
         取り込みに失敗しました: エラー 1 件。何も書き出していません\n"
    );
    let en = run(&[]);
    assert!(
        en.starts_with(
            "error: $DIR/kikaku.xlsx: this is not a workbook (it is text, perhaps renamed); "
        ) && en.ends_with("\nsheet import failed: 1 error(s); nothing was written\n"),
        "{en}"
    );
    assert!(snapshot(&content) == before, "the content was changed");
}
