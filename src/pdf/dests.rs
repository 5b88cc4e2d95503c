//! Reads a printed PDF back with lopdf: its pages, and the page each named destination falls on.
//!
//! Chromium writes a named destination for every element id that a link points at (the
//! 目次 links to the headings). They sit in the catalog's `/Dests` dictionary (Chromium
//! 156 writes that) or in a `/Names` → `/Dests` name tree (PDF 1.2 and later); both are read.
//! Every destination's page reference is turned into a page number through the page tree.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Deeper name trees than this are refused (they would be hostile or broken).
const NAME_TREE_DEPTH: usize = 32;

/// What a printed PDF says about itself.
#[derive(Debug, Default, PartialEq)]
pub struct PrintedPdf {
    /// Pages in the page tree, in order.
    pub pages: usize,
    /// The page number (1-based) of every named destination that points at a page.
    pub destinations: BTreeMap<String, usize>,
    /// Named destinations that point at no page of this document.
    pub unresolved: BTreeSet<String>,
}

/// Reads `pdf`. An error says what could not be read.
pub fn read(pdf: &[u8]) -> Result<PrintedPdf, String> {
    let doc = Document::load_mem(pdf).map_err(|e| m!("pdf.unreadable", error = e))?;
    let catalog = doc.catalog().map_err(|e| m!("pdf.no-catalog", error = e))?;
    let page_of: HashMap<ObjectId, usize> = doc
        .page_iter()
        .enumerate()
        .map(|(i, id)| (id, i + 1))
        .collect();
    let pages = page_of.len();
    if pages == 0 {
        return Err(m!("pdf.no-pages"));
    }
    // The page tree's own count must agree with the pages found by walking it.
    let declared = catalog
        .get_deref(b"Pages", &doc)
        .and_then(Object::as_dict)
        .and_then(|root| root.get_deref(b"Count", &doc))
        .and_then(Object::as_i64)
        .map_err(|e| m!("pdf.no-page-count", error = e))?;
    if usize::try_from(declared).ok() != Some(pages) {
        return Err(m!(
            "pdf.page-count-mismatch",
            declared = declared,
            pages = pages
        ));
    }
    let mut found = Vec::new();
    if let Ok(dests) = catalog.get_deref(b"Dests", &doc).and_then(Object::as_dict) {
        for (name, target) in dests.iter() {
            found.push((text(name), target));
        }
    }
    if let Ok(tree) = catalog
        .get_deref(b"Names", &doc)
        .and_then(Object::as_dict)
        .and_then(|names| names.get_deref(b"Dests", &doc))
        .and_then(Object::as_dict)
    {
        name_tree(&doc, tree, 0, &mut found)?;
    }
    let mut printed = PrintedPdf {
        pages,
        ..PrintedPdf::default()
    };
    for (name, target) in found {
        match page_of_destination(&doc, target, &page_of) {
            Some(page) => {
                printed.destinations.insert(name, page);
            }
            None => {
                printed.unresolved.insert(name);
            }
        }
    }
    Ok(printed)
}

/// Collects the (name, destination) pairs of a name tree node and its kids.
fn name_tree<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    depth: usize,
    found: &mut Vec<(String, &'a Object)>,
) -> Result<(), String> {
    if depth > NAME_TREE_DEPTH {
        return Err(m!("pdf.destinations-too-deep"));
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            if let Ok((_, Object::Dictionary(kid))) = doc.dereference(kid) {
                name_tree(doc, kid, depth + 1, found)?;
            }
        }
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in names.chunks_exact(2) {
            if let Ok(key) = pair[0].as_str() {
                found.push((text(key), &pair[1]));
            }
        }
    }
    Ok(())
}

/// The page a destination shows: `[page /XYZ left top zoom]`, other fit types, or a
/// dictionary whose `/D` is such an array. A destination whose top lies below the page
/// (Chromium writes a negative top for a heading pushed to the next page) starts on the
/// next page.
fn page_of_destination(
    doc: &Document,
    target: &Object,
    page_of: &HashMap<ObjectId, usize>,
) -> Option<usize> {
    let (_, target) = doc.dereference(target).ok()?;
    let array = match target {
        Object::Array(a) => a,
        Object::Dictionary(d) => d.get_deref(b"D", doc).ok()?.as_array().ok()?,
        _ => return None,
    };
    let page = *page_of.get(&array.first()?.as_reference().ok()?)?;
    let below = array.get(1).and_then(|t| t.as_name().ok()) == Some(b"XYZ".as_slice())
        && array
            .get(3)
            .and_then(|top| doc.dereference(top).ok())
            .and_then(|(_, top)| top.as_float().ok())
            .is_some_and(|top| top < 0.0);
    Some(if below && page < page_of.len() {
        page + 1
    } else {
        page
    })
}

/// A name or string as text: UTF-16 with its byte order mark, else UTF-8.
fn text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[cfg(test)]
#[path = "dests_tests.rs"]
mod tests;
