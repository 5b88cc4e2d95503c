//! Reads the page each named destination of a Chromium-printed PDF falls on.
//!
//! Chromium writes a named destination for every element id that a link points at,
//! with plain (uncompressed) object dictionaries. This reads just enough of the PDF to
//! turn those into page numbers: the objects, the page tree and the `/Dests` dictionary.

use std::collections::{BTreeMap, HashMap};

/// Page number (1-based) of every named destination, or `None` if the file cannot be read.
pub fn named_destination_pages(pdf: &[u8]) -> Option<BTreeMap<String, usize>> {
    let objects = objects(pdf);
    let catalog = objects.values().find(|o| o.contains("/Type /Catalog"))?;
    let root_pages = reference(catalog, "/Pages")?;
    let mut pages = Vec::new();
    flatten(&objects, root_pages, &mut pages, 0);
    let page_index: HashMap<u32, usize> =
        pages.iter().enumerate().map(|(i, p)| (*p, i + 1)).collect();
    let dests = match reference(catalog, "/Dests") {
        Some(n) => objects.get(&n)?.clone(),
        None => dict_after(catalog, "/Dests")?.to_string(),
    };
    let mut out = BTreeMap::new();
    // Entries look like: /name [12 0 R /XYZ 0 754.9 0]
    let mut rest = dests.as_str();
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        let name = rest[..open]
            .trim_end()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim();
        let words: Vec<&str> = rest[open + 1..close].split_whitespace().collect();
        rest = &rest[close + 1..];
        let (Some(obj), Some(&"R")) = (
            words.first().and_then(|w| w.parse::<u32>().ok()),
            words.get(2),
        ) else {
            continue;
        };
        // A destination whose top lies below the page (negative y) starts on the next page.
        let y: f64 = words.get(5).and_then(|v| v.parse().ok()).unwrap_or(1.0);
        if let Some(page) = page_index.get(&obj) {
            let page = if y < 0.0 && *page < pages.len() {
                page + 1
            } else {
                *page
            };
            out.insert(unescape_name(name), page);
        }
    }
    Some(out)
}

/// The number of pages in the PDF's page tree.
pub fn page_count(pdf: &[u8]) -> Option<usize> {
    let objects = objects(pdf);
    let catalog = objects.values().find(|o| o.contains("/Type /Catalog"))?;
    let mut pages = Vec::new();
    flatten(&objects, reference(catalog, "/Pages")?, &mut pages, 0);
    Some(pages.len())
}

/// Every `N 0 obj … endobj` dictionary, as text (streams are skipped).
fn objects(pdf: &[u8]) -> HashMap<u32, String> {
    let text = String::from_utf8_lossy(pdf);
    let mut out = HashMap::new();
    let mut rest: &str = &text;
    while let Some(at) = rest.find(" 0 obj") {
        let head = &rest[..at];
        let number = head
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse::<u32>().ok());
        let body_start = at + " 0 obj".len();
        let end = rest[body_start..]
            .find("endobj")
            .map(|e| body_start + e)
            .unwrap_or(rest.len());
        if let Some(n) = number {
            let body = &rest[body_start..end];
            let dict = body.split("stream\n").next().unwrap_or(body);
            out.insert(n, dict.to_string());
        }
        rest = &rest[end.min(rest.len())..];
        if let Some(next) = rest.strip_prefix("endobj") {
            rest = next;
        }
    }
    out
}

/// The object number after `key` in `dict` (`/Pages 453 0 R` → 453).
fn reference(dict: &str, key: &str) -> Option<u32> {
    let at = dict.find(&format!("{key} "))?;
    let mut words = dict[at + key.len()..].split_whitespace();
    let n = words.next()?.parse().ok()?;
    (words.next()? == "0" && words.next()?.starts_with('R')).then_some(n)
}

fn dict_after<'a>(dict: &'a str, key: &str) -> Option<&'a str> {
    let at = dict.find(key)?;
    let rest = &dict[at + key.len()..];
    let start = rest.find("<<")?;
    let mut depth = 0;
    for (i, _) in rest.char_indices().skip(start) {
        if rest[i..].starts_with("<<") {
            depth += 1;
        } else if rest[i..].starts_with(">>") {
            depth -= 1;
            if depth == 0 {
                return Some(&rest[start..i]);
            }
        }
    }
    None
}

/// Walks the page tree in order.
fn flatten(objects: &HashMap<u32, String>, node: u32, pages: &mut Vec<u32>, depth: usize) {
    let Some(dict) = objects.get(&node) else {
        return;
    };
    if depth > 32 {
        return;
    }
    if dict.contains("/Type /Pages") {
        let Some(kids) = dict.split("/Kids").nth(1).and_then(|k| k.split(']').next()) else {
            return;
        };
        let numbers: Vec<u32> = kids
            .trim_start()
            .trim_start_matches('[')
            .split(" R")
            .filter_map(|k| k.split_whitespace().next()?.parse().ok())
            .collect();
        for kid in numbers {
            flatten(objects, kid, pages, depth + 1);
        }
    } else {
        pages.push(node);
    }
}

/// PDF names write unusual bytes as `#xx`.
fn unescape_name(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'#' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &str = "%PDF-1.4\n1 0 obj\n<</Type /Page /Parent 3 0 R>>\nendobj\n2 0 obj\n<</Type /Page /Parent 4 0 R>>\nendobj\n5 0 obj\n<</Type /Page /Parent 4 0 R>>\nendobj\n4 0 obj\n<</Type /Pages /Kids [2 0 R 5 0 R]>>\nendobj\n3 0 obj\n<</Type /Pages\n/Count 3\n/Kids [1 0 R 4 0 R]>>\nendobj\n6 0 obj\n<</h-a [1 0 R /XYZ 0 700 0]\n/h-b [2 0 R /XYZ 0 -20.5 0]\n/h#2Dc [5 0 R /XYZ 0 10 0]>>\nendobj\n7 0 obj\n<</Type /Catalog\n/Pages 3 0 R\n/Dests 6 0 R\n/Lang (ja)>>\nendobj\n";

    #[test]
    fn pages_of_named_destinations() {
        let pages = named_destination_pages(PDF.as_bytes()).unwrap();
        assert_eq!(pages.get("h-a"), Some(&1));
        assert_eq!(pages.get("h-b"), Some(&3), "below the page: the next page");
        assert_eq!(pages.get("h-c"), Some(&3));
        assert_eq!(page_count(PDF.as_bytes()), Some(3));
    }

    #[test]
    fn garbage_is_none_not_a_panic() {
        assert_eq!(named_destination_pages(b"not a pdf"), None);
        assert_eq!(
            named_destination_pages(b"1 0 obj <</Type /Catalog /Pages 9 0 R>> endobj")
                .map(|m| m.len()),
            None
        );
    }
}
