//! The writer of one page: a buffer that spills into the page's file as it grows, with
//! escaping straight into it, so that a page of any size is never held in memory whole.

use std::fmt;
use std::io::{self, Write};

/// How much is buffered before it is written out.
const SPILL_AT: usize = 1 << 16;

/// HTML being written to `out`.
pub struct Html<'w> {
    buf: String,
    out: &'w mut dyn Write,
    error: Option<io::Error>,
}

impl<'w> Html<'w> {
    pub fn new(out: &'w mut dyn Write) -> Html<'w> {
        Html {
            buf: String::with_capacity(SPILL_AT + SPILL_AT / 2),
            out,
            error: None,
        }
    }

    /// Markup, written as it is.
    pub fn raw(&mut self, markup: &str) -> &mut Self {
        self.buf.push_str(markup);
        self
    }

    /// Text, escaped for element content and attribute values.
    pub fn text(&mut self, text: &str) -> &mut Self {
        crate::markdown::escape_into(&mut self.buf, text);
        self
    }

    /// The buffer itself, for writers that append to a `String` (charts, numbers).
    pub fn buf(&mut self) -> &mut String {
        &mut self.buf
    }

    /// Writes the buffer out once it is large: call between rows of a long table.
    pub fn spill(&mut self) {
        if self.buf.len() >= SPILL_AT {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.error.is_none() && !self.buf.is_empty() {
            if let Err(e) = self.out.write_all(self.buf.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.buf.clear();
    }

    /// Writes out what is left; the first write error, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.flush();
        match self.error.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        }
    }
}

impl fmt::Write for Html<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.buf.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_keeps_markup() {
        let mut out = Vec::new();
        let mut html = Html::new(&mut out);
        html.raw("<p title=\"")
            .text("a\"<b>&'c")
            .raw("\">")
            .text("x")
            .raw("</p>");
        html.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<p title=\"a&quot;&lt;b&gt;&amp;&#39;c\">x</p>"
        );
    }

    #[test]
    fn spills_large_pages_in_order() {
        let mut out = Vec::new();
        let mut html = Html::new(&mut out);
        for i in 0..20_000 {
            html.raw(&format!("<li>{i}</li>"));
            html.spill();
        }
        html.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("<li>0</li><li>1</li>"));
        assert!(text.ends_with("<li>19999</li>"));
        assert_eq!(text.matches("<li>").count(), 20_000);
    }
}
