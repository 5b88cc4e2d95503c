//! Markdown to HTML: shifted headings, tables in labelled regions, photos, attachments,
//! and raw HTML shown as text or, with `trusted_html`, cut down by `crate::sanitize`.

use super::files;
use super::links::{self, Target};
use super::photo::figure;
use super::{escape, options, Context, Found, Rendered};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::ops::Range;

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Renders Markdown to HTML. `##` becomes `<h{base_level}>`; raw HTML is escaped;
/// `javascript:` links are dropped; a link to a local file is an attachment; an image alone
/// in a paragraph becomes a captioned figure; a table gets a caption from the nearest
/// heading above it, or `caption` if there is none. With `trusted_html`, raw HTML is kept
/// but parsed and cut down to a safe allowlist (`crate::sanitize`): each HTML block, and
/// the inline HTML of each paragraph, heading or table cell, is balanced on its own.
pub fn render(
    text: &str,
    base_level: u8,
    caption: &str,
    ctx: Option<&Context>,
    trusted_html: bool,
) -> Rendered {
    let events: Vec<Spanned> = Parser::new_ext(text, options())
        .into_offset_iter()
        .collect();
    let mut r = Renderer {
        text,
        base_level,
        caption,
        ctx,
        out: Rendered::default(),
        last_heading: String::new(),
        in_heading: false,
    };
    let mut html: Vec<Event> = Vec::with_capacity(events.len());
    let mut plain_until = 0;
    let mut i = 0;
    while i < events.len() {
        if let Some(next) = r.figure(&events, i, &mut html) {
            i = next;
            continue;
        }
        if trusted_html && i >= plain_until {
            if let Some(next) = r.html_blocks(&events, i, &mut html) {
                i = next;
                continue;
            }
            let end = inline_run_end(&events, i);
            if events[i..end]
                .iter()
                .any(|(e, _)| matches!(e, Event::InlineHtml(_)))
            {
                i = r.inline_html(&events, i..end, &mut html);
                continue;
            }
            plain_until = end;
        }
        r.push(&events, i, &mut html, false);
        i += 1;
    }
    let mut out = r.out;
    pulldown_cmark::html::push_html(&mut out.html, html.into_iter());
    if out.html.contains("<th") {
        out.html = out
            .html
            .replace("<th>", "<th scope=\"col\">")
            .replace("<th style=", "<th scope=\"col\" style=");
    }
    // The one pass every path takes: Markdown's own text (a character reference such as
    // `&#1;` decodes to a control character) and the sanitized HTML alike.
    if out.html.contains(is_stray_control) {
        out.html.retain(|c| !is_stray_control(c));
    }
    out
}

/// A control character that has no place in a page (tab and line ends aside): a character
/// reference such as `&#1;` decodes to one. NUL is among them.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

struct Renderer<'t, 'c> {
    text: &'t str,
    base_level: u8,
    caption: &'t str,
    ctx: Option<&'c Context<'c>>,
    out: Rendered,
    last_heading: String,
    in_heading: bool,
}

impl<'t> Renderer<'t, '_> {
    fn problem(&mut self, offset: usize, error: bool, message: String) {
        self.out.problems.push(Found {
            offset,
            error,
            message,
        });
    }

    /// A paragraph holding only an image, `Start(P) Start(Image) ..text.. End(Image) End(P)`,
    /// becomes a figure; returns the index after it.
    fn figure(
        &mut self,
        events: &[Spanned<'t>],
        i: usize,
        html: &mut Vec<Event<'t>>,
    ) -> Option<usize> {
        let (Event::Start(Tag::Paragraph), Some((Event::Start(Tag::Image { dest_url, .. }), at))) =
            (&events[i].0, events.get(i + 1))
        else {
            return None;
        };
        let end = events[i + 2..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))?;
        let close = i + 2 + end;
        if !matches!(
            events.get(close + 1),
            Some((Event::End(TagEnd::Paragraph), _))
        ) {
            return None;
        }
        let caption: String = events[i + 2..close]
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let figure = figure(dest_url, &caption, self.ctx, &mut self.out, at.start);
        html.push(Event::Html(CowStr::from(figure)));
        Some(close + 2)
    }

    /// HTML blocks from `i` on (blocks separated only by blank lines make one), sanitized
    /// together; returns the index after them.
    fn html_blocks(
        &mut self,
        events: &[Spanned<'t>],
        i: usize,
        html: &mut Vec<Event<'t>>,
    ) -> Option<usize> {
        let mut raw = String::new();
        let mut j = i;
        while let Some((event, _)) = events.get(j) {
            match event {
                Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
                Event::Html(part) => raw.push_str(part),
                _ => break,
            }
            j += 1;
        }
        if j == i {
            return None;
        }
        let span = events[i].1.start..events[j - 1].1.end;
        let clean = self.sanitize(&raw, span);
        html.push(Event::Html(CowStr::from(clean)));
        Some(j)
    }

    /// The inline events in `run`, holding raw HTML, rendered and sanitized together;
    /// returns the index after them.
    fn inline_html(
        &mut self,
        events: &[Spanned<'t>],
        run: Range<usize>,
        html: &mut Vec<Event<'t>>,
    ) -> usize {
        let mut inline: Vec<Event> = Vec::with_capacity(run.len());
        for k in run.clone() {
            self.push(events, k, &mut inline, true);
        }
        let mut raw = String::new();
        pulldown_cmark::html::push_html(&mut raw, inline.into_iter());
        let span = events[run.start].1.start..events[run.end - 1].1.end;
        let clean = self.sanitize(&raw, span);
        html.push(Event::InlineHtml(CowStr::from(clean)));
        run.end
    }

    /// Sanitizes `raw`, written at `span` of the text, and records what it found.
    fn sanitize(&mut self, raw: &str, span: Range<usize>) -> String {
        let clean = crate::sanitize::sanitize(raw, self.ctx);
        self.out.files.extend(clean.files);
        for flagged in clean.problems {
            // At the address as written, if it can be found; else where the HTML starts.
            let written = &self.text[span.clone()];
            let offset = [
                flagged.value.clone(),
                files::percent_decoded(&flagged.value),
            ]
            .iter()
            .filter(|v| !v.is_empty())
            .find_map(|v| written.find(v.as_str()))
            .map_or(span.start, |at| span.start + at);
            self.problem(offset, flagged.error, flagged.message);
        }
        clean.html
    }

    /// Maps `events[i]` to what is written, pushed onto `html`. `keep_html`: raw HTML is
    /// kept (to be sanitized with its run), else it is shown as text.
    fn push(
        &mut self,
        events: &[Spanned<'t>],
        i: usize,
        html: &mut Vec<Event<'t>>,
        keep_html: bool,
    ) {
        let (event, range) = events[i].clone();
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                self.in_heading = true;
                self.last_heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => self.in_heading = false,
            Event::Text(t) if self.in_heading => self.last_heading.push_str(t),
            _ => {}
        }
        let mapped = match event {
            Event::Start(Tag::Table(_)) => {
                // A wide table scrolls inside its own labelled, focusable region.
                let title = escape(if self.last_heading.trim().is_empty() {
                    self.caption
                } else {
                    self.last_heading.trim()
                });
                html.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"{title}\" tabindex=\"0\">"
                ))));
                html.push(event);
                html.push(Event::Html(CowStr::from(format!(
                    "<caption>{title}</caption>"
                ))));
                return;
            }
            Event::End(TagEnd::Table) => {
                html.push(event);
                html.push(Event::Html(CowStr::from("</div>\n")));
                return;
            }
            Event::Html(raw) | Event::InlineHtml(raw) if keep_html => Event::Html(raw),
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: shift(level, self.base_level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(shift(level, self.base_level)))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // In a run of inline HTML the sanitizer resolves every address, these too.
                let target = if keep_html {
                    links::target(None, &dest_url)
                } else {
                    links::target(self.ctx, &dest_url)
                };
                let dest_url = match target {
                    Target::AsWritten => dest_url,
                    Target::Unsafe => CowStr::from(""),
                    Target::File { local, href } => {
                        self.out.files.push((local.file, local.output));
                        CowStr::from(href)
                    }
                    Target::Refused(message) => {
                        self.problem(range.start, true, message);
                        CowStr::from("")
                    }
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::SoftBreak => {
                let prev = html.iter().rev().find_map(|e| match e {
                    Event::Text(t) => t.chars().last(),
                    _ => None,
                });
                let next = events.get(i + 1).and_then(|(e, _)| match e {
                    Event::Text(t) => t.chars().next(),
                    _ => None,
                });
                if prev.is_some_and(is_wide) || next.is_some_and(is_wide) {
                    Event::Text(CowStr::from(""))
                } else {
                    Event::SoftBreak
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.problem(
                    range.start,
                    false,
                    m!("markdown.image-in-line", dest = dest_url),
                );
                Event::Text(CowStr::from(""))
            }
            Event::End(TagEnd::Image) => Event::Text(CowStr::from("")),
            other => other,
        };
        html.push(mapped);
    }
}

/// Where the run of inline events (text, emphasis, links, inline HTML …) starting at `i`
/// ends: the inline content of one paragraph, heading or table cell, or part of a list item.
fn inline_run_end(events: &[Spanned], i: usize) -> usize {
    let inline = |e: &Event| match e {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    };
    i + events[i..].iter().take_while(|(e, _)| inline(e)).count()
}

fn is_wide(c: char) -> bool {
    c as u32 >= 0x2E80
}

fn shift(level: HeadingLevel, base: u8) -> HeadingLevel {
    let n = (level as u8)
        .saturating_sub(2)
        .saturating_add(base)
        .clamp(base.min(6), 6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}
