//! One exported workbook, written with rust_xlsxwriter: the instructions sheet, then the
//! indicators sheet with its locked context cells, shaded input cells (prefilled from the
//! content), number and list validation, and an A4 landscape page set-up.

use super::entries::Entry;
use super::labels;
use super::layout::{self, Column, Marker, Row, FIRST_ROW, HEADING_ROW};
use crate::fiscal_year::FiscalYear;
use crate::format::data_number;
use crate::model::{Direction, Observation, Report};
use crate::quantity::Quantity;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format,
    FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use std::collections::HashMap;

/// What goes into one workbook.
pub struct Contents<'a> {
    pub report: &'a Report,
    pub year: FiscalYear,
    pub rows: Vec<(&'a Row, &'a Entry)>,
    pub department: Option<&'a str>,
    /// The year's commentary cell, when this workbook carries it (the one for all).
    pub commentary: Option<Option<String>>,
}

const INPUT: u32 = 0xFFF2CC;
const CONTEXT: u32 = 0xF2F2F2;
const HEADING: u32 = 0xD9D9D9;

struct Styles {
    title: Format,
    note: Format,
    heading: Format,
    context: Format,
    marker: Format,
    input: Format,
    numbers: HashMap<u8, Format>,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new(),
            heading: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(HEADING)),
            context: cell.clone().set_background_color(Color::RGB(CONTEXT)),
            marker: Format::new(),
            input: cell.set_background_color(Color::RGB(INPUT)).set_unlocked(),
            numbers: HashMap::new(),
        }
    }

    /// A value cell showing `decimals` decimals, with separators.
    fn number(&mut self, decimals: u8) -> &Format {
        let input = self.input.clone();
        self.numbers.entry(decimals).or_insert_with(|| {
            let code = match decimals {
                0 => "#,##0".to_string(),
                d => format!("#,##0.{}", "0".repeat(usize::from(d))),
            };
            input.set_num_format(code).set_align(FormatAlign::Right)
        })
    }
}

/// The workbook's bytes.
pub fn write(c: &Contents) -> Result<Vec<u8>, XlsxError> {
    let report = c.report;
    let era = report.config.era_fy2019;
    let year_label = c.year.label_in(era);
    let rows: Vec<&Row> = c.rows.iter().map(|(r, _)| *r).collect();
    let sheet_name = layout::sheet_name(report, &rows);
    let mut styles = Styles::new();
    let mut wb = Workbook::new();
    let marker = Marker::new(report, c.year).text();
    wb.set_properties(
        &DocProperties::new()
            .set_title(labels::title(&report.config.city, &year_label, &sheet_name))
            .set_company(report.config.city.as_str())
            .set_custom_property(labels::MARKER, marker.as_str()),
    );
    wb.push_worksheet(instructions(c, &sheet_name, &year_label, &styles)?);
    let mut ws = Worksheet::new();
    ws.set_name(&sheet_name)?;
    let earlier = layout::earlier_years(report, c.year);
    let columns = layout::columns(&earlier);
    ws.write_string_with_format(0, 0, &marker, &styles.marker)?;
    ws.write_string_with_format(1, 0, c.department.unwrap_or(""), &styles.marker)?;
    let title = labels::title(&report.config.city, &year_label, &sheet_name);
    let title = match c.department {
        Some(d) => format!("{title}（{d}）"),
        None => title,
    };
    ws.write_string_with_format(0, 1, &title, &styles.title)?;
    ws.write_string_with_format(1, 1, labels::NOTE, &styles.note)?;
    for (i, col) in columns.iter().enumerate() {
        let i = i as u16;
        ws.write_string_with_format(HEADING_ROW, i, col.heading(era), &styles.heading)?;
        ws.set_column_width(i, col.width())?;
        if col.is_hidden() {
            ws.set_column_hidden(i)?;
        }
    }
    let mut previous_group = None;
    for (n, (row, entry)) in c.rows.iter().enumerate() {
        let r = FIRST_ROW + n as u32;
        // A verification entry shared by consecutive rows: its texts once, then 「同上」.
        let same = entry.group.is_some() && entry.group == previous_group;
        previous_group = entry.group;
        let mut lines = 1;
        for (i, col) in columns.iter().enumerate() {
            let i = i as u16;
            if *col == Column::Actual {
                actual_cell(&mut ws, &mut styles, c, row, entry, r, i)?;
                continue;
            }
            let text = cell_text(c, row, entry, *col, same);
            if !col.is_hidden() {
                lines = lines.max(wrapped_lines(&text, col.width()));
            }
            let format = if col.is_input() {
                &styles.input
            } else {
                &styles.context
            };
            if text.is_empty() {
                ws.write_blank(r, i, format)?;
            } else {
                ws.write_string_with_format(r, i, &text, format)?;
            }
        }
        ws.set_row_height(r, row_height(lines))?;
    }
    let heading_lines = columns
        .iter()
        .map(|col| wrapped_lines(&col.heading(era), col.width()))
        .max()
        .unwrap_or(1);
    ws.set_row_height(HEADING_ROW, row_height(heading_lines))?;
    validations(&mut ws, c, &columns)?;
    ws.set_freeze_panes(FIRST_ROW, 3)?;
    page_setup(&mut ws, &title);
    ws.set_active(true);
    wb.push_worksheet(ws);
    wb.save_to_buffer()
}

fn instructions(
    c: &Contents,
    sheet_name: &str,
    year_label: &str,
    styles: &Styles,
) -> Result<Worksheet, XlsxError> {
    let report = c.report;
    let mut ws = Worksheet::new();
    ws.set_name(labels::INSTRUCTIONS_SHEET)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 100)?;
    let title = format!(
        "{}　{}",
        labels::title(&report.config.city, year_label, sheet_name),
        labels::INSTRUCTIONS_SHEET
    );
    ws.write_string_with_format(0, 0, &title, &styles.title)?;
    let paragraphs = labels::instructions(
        &report.plan.title,
        &report.config.city,
        year_label,
        c.department,
        sheet_name,
    );
    let mut r = 2;
    for (heading, text) in &paragraphs {
        ws.write_string_with_format(r, 0, heading, &styles.heading)?;
        ws.write_string_with_format(r, 1, text, &styles.context)?;
        let lines = wrapped_lines(heading, 24.0).max(wrapped_lines(text, 100.0));
        ws.set_row_height(r, row_height(lines))?;
        r += 1;
    }
    if let Some(commentary) = &c.commentary {
        r += 1;
        ws.write_string_with_format(r, 0, labels::COMMENTARY_LABEL, &styles.heading)?;
        match commentary {
            Some(text) => ws.write_string_with_format(r, 1, text, &styles.input)?,
            None => ws.write_blank(r, 1, &styles.input)?,
        };
        ws.set_row_height(r, 120)?;
    }
    print_and_protect(&mut ws);
    Ok(ws)
}

/// The actual's cell: a number in the row's decimals, or 達成/未達成 for a milestone.
fn actual_cell(
    ws: &mut Worksheet,
    styles: &mut Styles,
    c: &Contents,
    row: &Row,
    entry: &Entry,
    r: u32,
    col: u16,
) -> Result<(), XlsxError> {
    if row.milestone {
        let word = entry.actual.map(milestone_word);
        match word {
            Some(w) => ws.write_string_with_format(r, col, w, &styles.input)?,
            None => ws.write_blank(r, col, &styles.input)?,
        };
        return Ok(());
    }
    let decimals = super::entries::decimals(c.report, row.at, c.year, entry.actual);
    let format = styles.number(decimals).clone();
    match entry.actual {
        // The nearest f64 to the decimal text (`Quantity::to_f64` divides, and may be one
        // unit off where the digits are more than a f64 holds exactly).
        Some(q) => ws.write_number_with_format(
            r,
            col,
            data_number(q).parse::<f64>().unwrap_or(0.0),
            &format,
        )?,
        None => ws.write_blank(r, col, &format)?,
    };
    Ok(())
}

/// The lines `text` takes in a column `width` characters wide (a full-width character
/// counts 1.8): row heights are set from it, since not every program fits a row to
/// wrapped text when it opens the file.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 1.8 })
                .sum();
            ((units / room).ceil() as usize).max(1)
        })
        .sum()
}

/// Points for `lines` lines of the default font, within Excel's largest row.
fn row_height(lines: usize) -> f64 {
    (lines as f64 * 15.0 + 3.0).min(409.0)
}

fn milestone_word(q: Quantity) -> &'static str {
    if q.same_value(Quantity::zero()) {
        labels::NOT_ACHIEVED
    } else {
        labels::ACHIEVED
    }
}

/// The text of a cell other than the actual.
fn cell_text(c: &Contents, row: &Row, entry: &Entry, col: Column, same: bool) -> String {
    let report = c.report;
    let era = report.config.era_fy2019;
    let ind = &report.indicators[row.at.indicator];
    let series = &ind.series[row.at.series];
    let number = crate::format::number;
    let same_or = |text: &Option<String>| match (same, text) {
        (true, Some(_)) => labels::SAME_AS_ABOVE[0].to_string(),
        (_, t) => t.clone().unwrap_or_default(),
    };
    match col {
        Column::Id => row.key.clone(),
        Column::Goal => report.goals.heading(row.goal),
        Column::Name => row.name.clone(),
        Column::Unit | Column::ActualUnit => row.unit.clone(),
        Column::Direction if row.milestone => labels::NONE.into(),
        Column::Direction => match series.direction {
            Direction::Higher => labels::HIGHER.into(),
            Direction::Lower => labels::LOWER.into(),
        },
        Column::Baseline if row.milestone => labels::NONE.into(),
        Column::Baseline => format!(
            "{}\n（{}）",
            number(series.baseline),
            series.baseline_year.label_in(era)
        ),
        Column::Target => match &ind.milestone {
            Some(m) => format!("{m}\n（{}まで）", series.target_year.label_in(era)),
            None => format!(
                "{}\n（{}）",
                number(series.target),
                series.target_year.label_in(era)
            ),
        },
        Column::YearTarget if row.milestone => labels::NONE.into(),
        Column::YearTarget => series
            .target_in(c.year)
            .map_or_else(|| labels::NONE.into(), number),
        Column::Earlier(y) => {
            let seen = report.years.iter().find(|r| r.year == y);
            match seen.and_then(|r| r.observations.get(&row.at)) {
                Some(Observation::Measured { value, .. }) if row.milestone => {
                    milestone_word(*value).into()
                }
                Some(Observation::Measured { value, .. }) => number(*value),
                Some(Observation::Missing { .. }) => labels::NOT_MEASURED.into(),
                None => String::new(),
            }
        }
        Column::Actual => String::new(),
        Column::Missing => entry.missing.clone().unwrap_or_default(),
        Column::Analysis => same_or(&entry.analysis),
        Column::NextSteps => same_or(&entry.next_steps),
        Column::Revision => entry.revision.clone().unwrap_or_default(),
        Column::Group => entry.group.map(|g| (g + 1).to_string()).unwrap_or_default(),
        Column::Scale => entry
            .scale
            .map(|s| s.suffix().to_string())
            .unwrap_or_default(),
    }
}

/// Number validation on the value cells, a 達成/未達成 list on milestones' cells; one
/// rule for each run of rows of one kind.
fn validations(ws: &mut Worksheet, c: &Contents, columns: &[Column]) -> Result<(), XlsxError> {
    let Some(col) = columns.iter().position(|k| *k == Column::Actual) else {
        return Ok(());
    };
    let col = col as u16;
    let number = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
        .set_input_title(labels::NUMBER_TITLE)?
        .set_input_message(labels::NUMBER_PROMPT)?
        .set_error_title(labels::NUMBER_TITLE)?
        .set_error_message(labels::NUMBER_ERROR)?
        .set_error_style(DataValidationErrorStyle::Warning);
    let list = DataValidation::new()
        .allow_list_strings(&[labels::ACHIEVED, labels::NOT_ACHIEVED])?
        .set_input_title(labels::LIST_TITLE)?
        .set_input_message(labels::LIST_PROMPT)?;
    let mut start = 0;
    while start < c.rows.len() {
        let milestone = c.rows[start].0.milestone;
        let mut end = start;
        while end + 1 < c.rows.len() && c.rows[end + 1].0.milestone == milestone {
            end += 1;
        }
        let (first, last) = (FIRST_ROW + start as u32, FIRST_ROW + end as u32);
        ws.add_data_validation(
            first,
            col,
            last,
            col,
            if milestone { &list } else { &number },
        )?;
        start = end + 1;
    }
    Ok(())
}

/// What both sheets share: printed A4 landscape, one page wide; protected, with rows
/// and columns that may still be resized.
fn print_and_protect(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
}

/// The indicators sheet's page: as the instructions', with narrow margins, the heading
/// row on every page, the title as the header and page numbers as the footer.
fn page_setup(ws: &mut Worksheet, title: &str) {
    print_and_protect(ws);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    let _ = ws.set_repeat_rows(HEADING_ROW, HEADING_ROW);
    ws.set_header(format!("&L{}", title.replace('&', "&&")));
    ws.set_footer("&C&P / &N");
}
