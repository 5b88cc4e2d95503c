//! Photos: an image alone in a paragraph becomes a captioned figure; its file must be a
//! picture inside the content folder (`files::resolve`), and a missing file becomes a
//! framed placeholder.

use super::files::{self, Kind, Problem};
use super::links::url_path;
use super::{escape, Context, Found, Rendered};

/// The figure for an image `dest` written at byte `offset` of the text.
pub(super) fn figure(
    dest: &str,
    caption: &str,
    ctx: Option<&Context>,
    out: &mut Rendered,
    offset: usize,
) -> String {
    let caption_html = escape(caption);
    // The note is a word of the vocabulary, which a site may override: text, not HTML.
    let placeholder = |note: &str| {
        format!(
            "<figure class=\"photo photo-missing\"><div class=\"photo-placeholder\">{}</div><figcaption>{caption_html}</figcaption></figure>\n",
            escape(note)
        )
    };
    let Some(ctx) = ctx else {
        return placeholder("");
    };
    if dest.trim().is_empty() {
        return placeholder(ctx.no_file);
    }
    let mut problem = |error: bool, message: String| {
        out.problems.push(Found {
            offset,
            error,
            message,
        })
    };
    match files::resolve(ctx, dest, Kind::Image) {
        Ok(local) => {
            let src = format!("{}{}", ctx.site_root, url_path(&local.output));
            out.files.push((local.file, local.output));
            format!(
                "<figure class=\"photo\"><img src=\"{}\" alt=\"{caption_html}\" loading=\"lazy\"><figcaption>{caption_html}</figcaption></figure>\n",
                escape(&src)
            )
        }
        Err(Problem::Missing(message)) => {
            problem(false, m!("markdown.placeholder-shown", problem = message));
            placeholder(ctx.not_found)
        }
        Err(Problem::Refused(message)) => {
            problem(true, message);
            placeholder(ctx.no_file)
        }
    }
}
