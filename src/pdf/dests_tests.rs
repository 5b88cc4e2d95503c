//! Tests of reading printed PDFs back, on small PDFs written byte for byte.

use super::*;

/// A PDF of the given objects (numbered 1, 2, …) with a correct cross-reference table;
/// object 1 is the catalog.
fn pdf(objects: &[&str]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n", objects.len() + 1).as_bytes());
    out.extend_from_slice(b"0000000000 65535 f \n");
    for at in offsets {
        out.extend_from_slice(format!("{at:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<</Size {} /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Three pages in a nested tree, spelled without spaces (`/Type/Pages`), as other PDF
/// writers do; an outline title holding text that looks like a page tree object.
fn unspaced() -> Vec<u8> {
    pdf(&[
        "<</Type/Catalog/Pages 2 0 R/Dests 7 0 R/Outlines 8 0 R>>",
        "<</Type/Pages/Count 3/Kids[3 0 R 4 0 R]>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
        "<</Type/Pages/Parent 2 0 R/Count 2/Kids[5 0 R 6 0 R]>>",
        "<</Type/Page/Parent 4 0 R/MediaBox[0 0 595 842]>>",
        "<</Type/Page/Parent 4 0 R/MediaBox[0 0 595 842]>>",
        "<</h-a[3 0 R/XYZ 0 700 0]/h-b[5 0 R/XYZ 0 -20.5 0]/h#2Dc[6 0 R/Fit]/h-d[5 0 R/XYZ 6 300 0]>>",
        "<</Type/Outlines/First 9 0 R/Last 9 0 R/Count 1>>",
        "<</Title (7.1 244 0 obj <</Type /Pages /Kids [167 0 R 2 0 R]>> endobj)/Parent 8 0 R/Dest[6 0 R/XYZ 0 800 0]>>",
    ])
}

#[test]
fn pages_and_destinations_without_spaces() {
    let bytes = unspaced();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Type/Pages") && !raw.contains("/Type /Pages/"));
    let printed = read(&bytes).unwrap();
    assert_eq!(printed.pages, 3);
    let expected: BTreeMap<String, usize> = [("h-a", 1), ("h-b", 3), ("h-c", 3), ("h-d", 2)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    assert_eq!(
        printed.destinations, expected,
        "h-b lies below page 2: it starts on page 3"
    );
    assert!(printed.unresolved.is_empty());
}

#[test]
fn destinations_in_a_name_tree() {
    let bytes = pdf(&[
        "<</Type /Catalog /Pages 2 0 R /Names <</Dests 5 0 R>>>>",
        "<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R]>>",
        "<</Type /Page /Parent 2 0 R>>",
        "<</Type /Page /Parent 2 0 R>>",
        "<</Kids [6 0 R 7 0 R]>>",
        "<</Limits [(h-a) (h-b)] /Names [(h-a) [3 0 R /XYZ 0 10 0] (h-b) 8 0 R]>>",
        "<</Limits [(h-c) (h-z)] /Names [<FEFF0068002D0063> <</D [4 0 R /FitH 5]>> (h-z) [9 0 R /Fit]]>>",
        "[4 0 R /XYZ 0 400 null]",
        "<</Type /Annot>>",
    ]);
    let printed = read(&bytes).unwrap();
    assert_eq!(printed.pages, 2);
    assert_eq!(printed.destinations.get("h-a"), Some(&1));
    assert_eq!(printed.destinations.get("h-b"), Some(&2));
    assert_eq!(printed.destinations.get("h-c"), Some(&2), "UTF-16 key, /D");
    assert!(
        printed.unresolved.contains("h-z"),
        "a destination that is not a page: {printed:?}"
    );
}

#[test]
fn a_page_count_that_disagrees_is_an_error() {
    let bytes = pdf(&[
        "<</Type /Catalog /Pages 2 0 R>>",
        "<</Type /Pages /Count 5 /Kids [3 0 R]>>",
        "<</Type /Page /Parent 2 0 R>>",
    ]);
    let err = read(&bytes).unwrap_err();
    assert!(err.contains("says 5 pages, but holds 1"), "{err}");
}

#[test]
fn bad_files_are_errors_not_panics() {
    assert!(read(b"not a pdf").unwrap_err().contains("not a PDF"));
    assert!(read(b"").is_err());
    let no_pages = pdf(&[
        "<</Type /Catalog /Pages 2 0 R>>",
        "<</Type /Pages /Count 0 /Kids []>>",
    ]);
    assert_eq!(read(&no_pages).unwrap_err(), "the PDF has no pages");
    let loop_tree = pdf(&[
        "<</Type /Catalog /Pages 2 0 R /Names <</Dests 3 0 R>>>>",
        "<</Type /Pages /Count 1 /Kids [4 0 R 2 0 R]>>",
        "<</Kids [3 0 R]>>",
        "<</Type /Page /Parent 2 0 R>>",
    ]);
    // A page tree and a name tree that contain themselves: finite, no panic.
    let _ = read(&loop_tree);
    // Every prefix of a good file.
    let good = unspaced();
    for end in (0..good.len()).step_by(7) {
        let _ = read(&good[..end]);
    }
}
