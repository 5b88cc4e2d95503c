//! Local files a text points to (photos and attachments): resolved from the Markdown's
//! own file, kept inside the content folder, and checked by size and by their first
//! bytes, never read whole.

use super::Context;
use crate::format::megabytes;
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

/// Every file type a report publishes, in the order messages list them: its extension,
/// and what its first bytes must say (`None`: text, which has no NUL byte unless it is
/// UTF-16). The image types, those whose bytes say an image, may be photos; every type may
/// be attached. SVG is not one: it can carry script.
const TYPES: &[(&str, Option<Sniffed>)] = &[
    ("png", Some(Sniffed::Png)),
    ("jpg", Some(Sniffed::Jpeg)),
    ("jpeg", Some(Sniffed::Jpeg)),
    ("gif", Some(Sniffed::Gif)),
    ("webp", Some(Sniffed::WebP)),
    ("pdf", Some(Sniffed::Pdf)),
    ("doc", Some(Sniffed::OldOffice)),
    ("docx", Some(Sniffed::Zip)),
    ("xls", Some(Sniffed::OldOffice)),
    ("xlsx", Some(Sniffed::Zip)),
    ("ppt", Some(Sniffed::OldOffice)),
    ("pptx", Some(Sniffed::Zip)),
    ("odt", Some(Sniffed::Zip)),
    ("ods", Some(Sniffed::Zip)),
    ("odp", Some(Sniffed::Zip)),
    ("csv", None),
    ("txt", None),
    ("zip", Some(Sniffed::Zip)),
];

/// The extensions of `TYPES` that are images (`true`) or not (`false`), in their order.
fn extensions(images: bool) -> impl Iterator<Item = &'static str> + Clone {
    TYPES
        .iter()
        .filter(move |(_, sniffed)| sniffed.is_some_and(Sniffed::is_image) == images)
        .map(|(extension, _)| *extension)
}

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
    let expected = TYPES.iter().find(|(e, _)| *e == extension).map(|(_, s)| *s);
    let allowed = match expected {
        Some(sniffed) => kind == Kind::Attachment || sniffed.is_some_and(Sniffed::is_image),
        None => false,
    };
    if !allowed {
        return Err(refused(&match kind {
            Kind::Image => m!(
                "markdown.file.not-a-picture",
                types = crate::messages::list(extensions(true))
            ),
            Kind::Attachment => m!(
                "markdown.file.type-not-published",
                types = crate::messages::list(extensions(false).chain(extensions(true))),
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
    check_signature(&file, &extension, expected.flatten()).map_err(|why| refused(&why))?;
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

/// The file types told apart by their first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sniffed {
    Png,
    Jpeg,
    Gif,
    WebP,
    Pdf,
    /// A ZIP archive: an Office or OpenDocument file, or a plain one.
    Zip,
    /// An old Office file (OLE compound document).
    OldOffice,
}

impl Sniffed {
    /// What the first bytes of a file say it is, if it is one of the known types.
    fn of(head: &[u8]) -> Option<Sniffed> {
        let kind = if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Sniffed::Png
        } else if head.starts_with(b"\xff\xd8\xff") {
            Sniffed::Jpeg
        } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
            Sniffed::Gif
        } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
            Sniffed::WebP
        } else if head.windows(5).any(|w| w == b"%PDF-") {
            // A PDF reader accepts its header anywhere in the first 1,024 bytes.
            Sniffed::Pdf
        } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
            Sniffed::Zip
        } else if head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
            Sniffed::OldOffice
        } else {
            return None;
        };
        Some(kind)
    }

    fn is_image(self) -> bool {
        matches!(
            self,
            Sniffed::Png | Sniffed::Jpeg | Sniffed::Gif | Sniffed::WebP
        )
    }

    /// What the file is, in the current language.
    fn name(self) -> String {
        match self {
            Sniffed::Png => m!("markdown.kind.png"),
            Sniffed::Jpeg => m!("markdown.kind.jpeg"),
            Sniffed::Gif => m!("markdown.kind.gif"),
            Sniffed::WebP => m!("markdown.kind.webp"),
            Sniffed::Pdf => m!("markdown.kind.pdf"),
            Sniffed::Zip => m!("markdown.kind.zip"),
            Sniffed::OldOffice => m!("markdown.kind.old-office"),
        }
    }
}

/// Checks that the file's first bytes say `expected` (`None`: text), as its extension
/// does (read: at most 1,024 bytes).
fn check_signature(file: &Path, extension: &str, expected: Option<Sniffed>) -> Result<(), String> {
    let mut head = Vec::with_capacity(1024);
    fs::File::open(file)
        .and_then(|f| f.take(1024).read_to_end(&mut head))
        .map_err(|e| m!("markdown.file.cannot-read", error = e))?;
    let found = Sniffed::of(&head);
    let fits = match expected {
        Some(_) => found == expected,
        // Text: no NUL byte, unless it is UTF-16 (Excel's "Unicode text").
        None => {
            let utf16 = head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff");
            found.is_none() && (utf16 || !head.contains(&0))
        }
    };
    if fits {
        return Ok(());
    }
    Err(match found {
        Some(kind) => m!(
            "markdown.file.wrong-extension",
            kind = kind.name(),
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
