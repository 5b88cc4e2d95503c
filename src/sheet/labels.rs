//! The fixed Japanese words of the workbook: sheet and column headings, the instructions,
//! and the words staff may type (「同上」, 「達成」). Export writes them and import reads
//! them back, so both take them from here.

/// The first word of the marker in the indicators sheet's cell A1.
pub const MARKER: &str = "sosei-sheet";
/// The layout of the workbook; import refuses any other.
pub const FORMAT_VERSION: u32 = 1;

/// The workbook's file name after the year: `R3_実績調査票.xlsx`.
pub const WORKBOOK: &str = "実績調査票";
/// The file name's part for indicators without a 所管課.
pub const NO_DEPARTMENT: &str = "所管課なし";

/// The instructions sheet.
pub const INSTRUCTIONS_SHEET: &str = "記入方法";
/// The indicators sheet when its indicators have no single kind.
pub const INDICATORS_SHEET: &str = "指標";
/// The label beside the year's commentary on the instructions sheet.
pub const COMMENTARY_LABEL: &str = "年度の総括（企画担当課が記入）";

/// What a row in the heading row of the indicators sheet holds.
pub const ID: &str = "ID";
pub const GOAL: &str = "目標";
pub const NAME: &str = "指標名";
pub const UNIT: &str = "単位";
pub const DIRECTION: &str = "よい方向";
pub const BASELINE: &str = "当初値";
pub const TARGET: &str = "目標値";
pub const YEAR_TARGET: &str = "当年度の目標値";
pub const ACTUAL: &str = "実績値";
pub const MISSING: &str = "未測定の理由";
pub const ANALYSIS: &str = "課題と原因分析";
pub const NEXT_STEPS: &str = "今後の対応";
pub const REVISION: &str = "実績値を修正した場合の説明";
pub const SCALE: &str = "表示単位";
pub const GROUP: &str = "検証のまとまり";

/// `令和2年度実績`: the heading of an earlier year's actuals.
pub fn earlier(year_label: &str) -> String {
    format!("{year_label}実績")
}

pub const HIGHER: &str = "高いほどよい";
pub const LOWER: &str = "低いほどよい";

/// The words of a milestone's result.
pub const ACHIEVED: &str = "達成";
pub const NOT_ACHIEVED: &str = "未達成";
/// An earlier year without an actual.
pub const NOT_MEASURED: &str = "未測定";
/// A cell that means "nothing here".
pub const NONE: &str = "－";
/// Texts that mean "the same as the row above".
pub const SAME_AS_ABOVE: &[&str] = &["同上", "〃", "同左"];

/// `令和3年度 数値目標 実績調査票`.
pub fn title(city: &str, year_label: &str, kind: &str) -> String {
    format!("{city} {year_label} {kind} 実績調査票")
}

/// The line under the title.
pub const NOTE: &str =
    "黄色のセルに記入してください。灰色のセルは変更できません。記入方法は「記入方法」シートをご覧ください。";

/// The number validation's messages.
pub const NUMBER_TITLE: &str = "数値を入力";
pub const NUMBER_PROMPT: &str = "実績値を数値で入力してください。単位は右の列のとおりです。";
pub const NUMBER_ERROR: &str =
    "数値ではありません。このまま続けることもできますが、取り込み時に確認されます。";
pub const LIST_TITLE: &str = "達成・未達成を選択";
pub const LIST_PROMPT: &str = "年度末までに達成したかどうかを選んでください。";

/// The instructions, one paragraph a row: (heading, text).
pub fn instructions(
    plan: &str,
    city: &str,
    year_label: &str,
    department: Option<&str>,
    sheet: &str,
) -> Vec<(String, String)> {
    let whom = department.map_or_else(|| "全所管課".to_string(), str::to_string);
    vec![
        (
            "この調査票について".into(),
            format!(
                "{city}「{plan}」の{year_label}の実績を集めるための調査票です（対象: {whom}）。「{sheet}」シートの黄色いセルに記入し、記入が済んだらファイルのまま企画担当課へ返送してください。"
            ),
        ),
        (
            "実績値".into(),
            "数値で入力してください。単位は右隣の列に書いてあります（入力は不要です）。全角数字、桁区切りのカンマ、「△」「▲」を付けた負の数、単位を付けた数（12.3%）も読み取れます。「約120」のような数値以外の書き方や注記は、取り込み時にエラーになります。".into(),
        ),
        (
            "達成・未達成".into(),
            "数値ではなく達成したかどうかで測る指標は、セルのリストから「達成」か「未達成」を選んでください。".into(),
        ),
        (
            "未測定の理由".into(),
            "その年度の実績値がない場合は、実績値を空欄（または「－」）にして、理由を書いてください。実績値と理由の両方を書くことはできません。".into(),
        ),
        (
            "課題と原因分析・今後の対応".into(),
            "文章で記入してください。セル内で改行するときは Alt+Enter を押します。二つとも書くか、二つとも空欄にしてください。上の行と同じ内容のときは「同上」と書けば、報告書では一つの欄にまとめて表示されます。".into(),
        ),
        (
            "実績値を修正した場合の説明".into(),
            "すでに公表した実績値を修正したときだけ、その理由を書いてください（報告書に注記として載ります）。".into(),
        ),
        (
            "記入済みの値".into(),
            "すでに値が入っているセルは、前回集めた内容です。誤りがあれば上書きしてください。".into(),
        ),
        (
            "してはいけないこと".into(),
            "行や列の追加・削除、並べ替え、シート名の変更、セルの結合、数式の入力はしないでください。灰色のセルと非表示の列（ID）は変更しないでください。".into(),
        ),
        (
            "保存の形式".into(),
            format!(
                "Excel形式（.xlsx）のまま保存してください。CSVで保存する場合は「{sheet}」シートを開いた状態で保存してください（CSVには表示中のシートだけが保存されます）。"
            ),
        ),
    ]
}

/// The comment atop a written result.yaml.
pub fn result_comment(year_label: &str) -> String {
    format!("{year_label}の実績（sosei sheet import が調査票から書いたもの）")
}

/// The comment atop a written verification.yaml.
pub fn verification_comment(year_label: &str) -> String {
    format!("{year_label}の検証（課題と原因分析・今後の対応）")
}
