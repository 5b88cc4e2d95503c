//! Photos: an image alone in a paragraph becomes a captioned figure; its file must be a
//! picture inside the content folder, and a missing file becomes a framed placeholder.

use super::{escape, Context, Rendered};
use std::path::{Component, Path, PathBuf};

pub(super) fn figure(
    dest: &str,
    caption: &str,
    ctx: Option<&Context>,
    out: &mut Rendered,
) -> String {
    let caption_html = escape(caption);
    let placeholder = |note: &str| {
        format!(
            "<figure class=\"photo photo-missing\"><div class=\"photo-placeholder\">{note}</div><figcaption>{caption_html}</figcaption></figure>\n"
        )
    };
    if dest.trim().is_empty() {
        return placeholder("写真（画像ファイルなし）");
    }
    let Some(ctx) = ctx else {
        return placeholder("写真（画像ファイルなし）");
    };
    match resolve_image(ctx, dest) {
        Ok((file, output)) => {
            let src = format!("{}{}", ctx.site_root, output);
            out.images.push((file, output));
            format!(
                "<figure class=\"photo\"><img src=\"{}\" alt=\"{caption_html}\" loading=\"lazy\"><figcaption>{caption_html}</figcaption></figure>\n",
                escape(&src)
            )
        }
        Err(ImageProblem::Missing(problem)) => {
            out.warnings.push(problem);
            placeholder("写真（画像ファイルが見つかりません）")
        }
        Err(ImageProblem::Refused(problem)) => {
            out.errors.push(problem);
            placeholder("写真（画像ファイルなし）")
        }
    }
}

/// Why an image is not shown: a missing file is a warning; a path that would read
/// outside the content folder, or a file that is not a picture, is an error.
enum ImageProblem {
    Missing(String),
    Refused(String),
}

/// The image types a report may show.
const IMAGE_TYPES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp"];

/// The image file inside the content folder, and where it goes in the output.
fn resolve_image(ctx: &Context, dest: &str) -> Result<(PathBuf, String), ImageProblem> {
    let refused = |why: &str| ImageProblem::Refused(format!("image `{dest}` {why}"));
    if dest.contains(':') || dest.starts_with('/') || dest.starts_with('\\') || dest.contains('\\')
    {
        return Err(refused("is not a relative path inside content/ (write it relative to this file, such as `photos/a.jpg`)"));
    }
    let base = ctx.source.parent().unwrap_or(Path::new(""));
    let mut rel = PathBuf::new();
    for component in base.join(dest).components() {
        match component {
            Component::Normal(c) => rel.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                if !rel.pop() {
                    return Err(refused(
                        "points outside content/; sosei reads no file outside the content folder",
                    ));
                }
            }
            _ => return Err(refused("is not a relative path inside content/")),
        }
    }
    let extension = rel
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !IMAGE_TYPES.contains(&extension.as_str()) {
        return Err(refused(&format!(
            "is not a picture; use one of: {}",
            IMAGE_TYPES.join(", ")
        )));
    }
    let file = ctx.content_root.join(&rel);
    let meta = std::fs::symlink_metadata(&file).map_err(|_| {
        ImageProblem::Missing(format!(
            "image `{dest}` was not found; a placeholder is shown"
        ))
    })?;
    if !meta.is_file() {
        return Err(refused(
            "is not a regular file inside content/ (symbolic links are not followed)",
        ));
    }
    let output = format!(
        "media/{}",
        rel.iter()
            .map(|c| c.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    );
    Ok((file, output))
}
