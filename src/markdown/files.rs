//! Local files a text points to (photos and attachments): resolved from the Markdown's
//! own file, kept inside the content folder, and checked by size and by their first
//! bytes, never read whole.

use super::Context;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// What a path is expected to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A photo shown in the page.
    Image,
    /// A file a link points to, offered for download.
    Attachment,
}

impl Kind {
    fn noun(self) -> String {
        match self {
            Kind::Image => m!("markdown.file.image"),
            Kind::Attachment => m!("markdown.file.attachment"),
        }
    }
}

/// The image types a report may show. SVG is not one: it can carry script.
pub const IMAGE_TYPES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp"];

/// The file types a link may attach, besides the image types.
pub const ATTACHMENT_TYPES: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv", "txt", "zip",
];

/// The default size limit of a photo or an attachment, in MB (1 MB = 1,048,576 bytes).
pub const DEFAULT_MAX_MB: u64 = 20;

/// A file found inside the content folder, and its path in the output.
#[derive(Debug)]
pub struct Local {
    pub file: PathBuf,
    pub output: String,
}

/// Why a path is not published: a missing file, or a path or file that is refused.
#[derive(Debug)]
pub enum Problem {
    Missing(String),
    Refused(String),
}

/// Resolves `dest`, written in the Markdown file `ctx.source`, to a file inside the content
/// folder, and checks that it may be published as `kind`.
pub fn resolve(ctx: &Context, dest: &str, kind: Kind) -> Result<Local, Problem> {
    // The noun is looked up only for a problem: most paths have none.
    let refused = |why: &str| {
        let noun = kind.noun();
        Problem::Refused(m!(
            "markdown.file.refused",
            noun = noun,
            dest = dest,
            why = why
        ))
    };
    let path = percent_decoded(dest);
    if path.contains(':')
        || path.starts_with(['/', '\\'])
        || path.starts_with(char::is_whitespace)
        || path.contains('\\')
        || path.chars().any(char::is_control)
    {
        return Err(refused(&m!("markdown.file.not-relative")));
    }
    let base = ctx.source.parent().unwrap_or(Path::new(""));
    let mut rel = PathBuf::new();
    for component in base.join(&path).components() {
        match component {
            Component::Normal(c) if c.to_string_lossy().starts_with('.') => {
                return Err(refused(&m!("markdown.file.hidden")))
            }
            Component::Normal(c) => rel.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                if !rel.pop() {
                    return Err(refused(&m!("markdown.file.outside")));
                }
            }
            _ => return Err(refused(&m!("markdown.file.not-inside"))),
        }
    }
    let extension = rel
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let allowed = IMAGE_TYPES.contains(&extension.as_str())
        || (kind == Kind::Attachment && ATTACHMENT_TYPES.contains(&extension.as_str()));
    if !allowed {
        return Err(refused(&match kind {
            Kind::Image => m!(
                "markdown.file.not-a-picture",
                types = crate::messages::list(IMAGE_TYPES)
            ),
            Kind::Attachment => m!(
                "markdown.file.type-not-published",
                types = crate::messages::list(ATTACHMENT_TYPES.iter().chain(IMAGE_TYPES)),
                web = if dest.starts_with("www.") {
                    m!("markdown.file.web-address-hint")
                } else {
                    String::new()
                }
            ),
        }));
    }
    let file = regular_file(ctx.content_root, &rel).map_err(|why| match why {
        None => Problem::Missing(m!(
            "markdown.file.not-found",
            noun = kind.noun(),
            dest = dest
        )),
        Some(why) => refused(&why),
    })?;
    let size = fs::metadata(&file)
        .map_err(|e| refused(&m!("markdown.file.cannot-read", error = e)))?
        .len();
    if size > ctx.max_bytes {
        return Err(refused(&m!(
            "markdown.file.too-large",
            size = megabytes(size),
            bytes = size,
            limit = megabytes(ctx.max_bytes)
        )));
    }
    check_signature(&file, &extension).map_err(|why| refused(&why))?;
    let output = format!(
        "media/{}",
        rel.iter()
            .map(|c| c.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    );
    Ok(Local { file, output })
}

/// `root/rel` if it is a regular file reached through no symbolic link. `Err(None)` if it
/// does not exist, `Err(Some(why))` if it is refused.
fn regular_file(root: &Path, rel: &Path) -> Result<PathBuf, Option<String>> {
    let mut path = root.to_path_buf();
    let count = rel.components().count();
    for (i, component) in rel.components().enumerate() {
        path.push(component);
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(None),
            Err(e) => return Err(Some(m!("markdown.file.cannot-read", error = e))),
        };
        if meta.file_type().is_symlink() {
            return Err(Some(m!("markdown.file.symbolic-link")));
        }
        if i + 1 == count && !meta.is_file() {
            return Err(Some(m!("markdown.file.not-regular")));
        }
    }
    Ok(path)
}

/// A size for people: `3.0 GB`, `20 MB`, `24.3 MB`, `1.05 MB`, `512 KB`.
pub fn megabytes(bytes: u64) -> String {
    const MB: f64 = 1_048_576.0;
    let mb = bytes as f64 / MB;
    if mb >= 1024.0 {
        format!("{:.1} GB", mb / 1024.0)
    } else if bytes.is_multiple_of(1 << 20) {
        format!("{} MB", bytes >> 20)
    } else if mb >= 10.0 {
        format!("{mb:.1} MB")
    } else if mb >= 1.0 {
        format!("{mb:.2} MB")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The file types told apart by their first bytes.
const SIGNATURES: &[(&str, &[&str])] = &[
    ("a PNG image", &["png"]),
    ("a JPEG image", &["jpg", "jpeg"]),
    ("a GIF image", &["gif"]),
    ("a WebP image", &["webp"]),
    ("a PDF document", &["pdf"]),
    (
        "a ZIP archive (an Office or OpenDocument file)",
        &["docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"],
    ),
    ("an old Office file", &["doc", "xls", "ppt"]),
];

/// What the first bytes of a file say it is, if it is one of the known types.
fn sniff(head: &[u8]) -> Option<&'static str> {
    let kind = if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        "a PNG image"
    } else if head.starts_with(b"\xff\xd8\xff") {
        "a JPEG image"
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        "a GIF image"
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        "a WebP image"
    } else if head.windows(5).any(|w| w == b"%PDF-") {
        // A PDF reader accepts its header anywhere in the first 1,024 bytes.
        "a PDF document"
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        "a ZIP archive (an Office or OpenDocument file)"
    } else if head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        "an old Office file"
    } else {
        return None;
    };
    Some(kind)
}

/// A kind of file `sniff` names, in the current language.
fn kind_name(kind: &str) -> String {
    match kind {
        "a PNG image" => m!("markdown.kind.png"),
        "a JPEG image" => m!("markdown.kind.jpeg"),
        "a GIF image" => m!("markdown.kind.gif"),
        "a WebP image" => m!("markdown.kind.webp"),
        "a PDF document" => m!("markdown.kind.pdf"),
        "a ZIP archive (an Office or OpenDocument file)" => m!("markdown.kind.zip"),
        "an old Office file" => m!("markdown.kind.old-office"),
        other => other.to_string(),
    }
}

/// Checks that the file's first bytes match its extension (read: at most 1,024 bytes).
fn check_signature(file: &Path, extension: &str) -> Result<(), String> {
    let mut head = Vec::with_capacity(1024);
    fs::File::open(file)
        .and_then(|f| f.take(1024).read_to_end(&mut head))
        .map_err(|e| m!("markdown.file.cannot-read", error = e))?;
    let found = sniff(&head);
    if matches!(extension, "csv" | "txt") {
        // Text: no NUL byte, unless it is UTF-16 (Excel's "Unicode text").
        let utf16 = head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff");
        if found.is_none() && (utf16 || !head.contains(&0)) {
            return Ok(());
        }
    } else if let Some((expected, _)) = SIGNATURES.iter().find(|(_, e)| e.contains(&extension)) {
        if found == Some(*expected) {
            return Ok(());
        }
    }
    Err(match found {
        Some(kind) => m!(
            "markdown.file.wrong-extension",
            kind = kind_name(kind),
            extension = extension
        ),
        None if head.is_empty() => m!("markdown.file.empty"),
        None => m!("markdown.file.damaged", extension = extension),
    })
}

/// `%XX` sequences decoded, when they make UTF-8; otherwise the text as written.
pub fn percent_decoded(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let (bytes, _) = super::links::percent_decode(text);
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
