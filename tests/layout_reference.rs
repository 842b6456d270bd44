//! The reference story (`tests/data/donetsk.txt`, an EFE dispatch) against its gold
//! annotation: dateline, subheadings, sign-off, slug and the number of body sentences.

use serde_json::Value;
use wirex::{BlockKind, Document};

const TEXT: &str = include_str!("data/donetsk.txt");

fn gold() -> Value {
    serde_json::from_str(include_str!("data/donetsk.expected.json")).unwrap()
}

fn extract() -> Document {
    wirex::Pipeline::new().extract(TEXT)
}

/// The text of a code-point span.
fn slice(start: usize, end: usize) -> String {
    TEXT.chars().skip(start).take(end - start).collect()
}

fn span(v: &Value) -> (usize, usize) {
    (
        v["start"].as_u64().unwrap() as usize,
        v["end"].as_u64().unwrap() as usize,
    )
}

fn blocks(doc: &Document, kind: BlockKind) -> Vec<(usize, usize)> {
    doc.paragraphs
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| (p.start, p.end))
        .collect()
}

#[test]
fn dateline() {
    let doc = extract();
    let gold = &gold()["dateline"];
    let d = doc.dateline.expect("a dateline");
    assert_eq!(d.text, "Kiyv, Apr 9 (EFE) –");
    assert_eq!([d.start, d.end], [0, 19]);
    assert_eq!(gold["span"], serde_json::json!([d.start, d.end]));
    let place = d.place.expect("a place");
    assert_eq!(place.text, "Kiyv");
    assert_eq!(place.text.as_str(), gold["place_text"]);
    assert_eq!(slice(place.start, place.end), "Kiyv");
    let date = d.date.expect("a date");
    assert_eq!(
        (date.text.as_str(), date.month, date.day, date.year),
        ("Apr 9", Some(4), Some(9), None)
    );
    assert_eq!(slice(date.start, date.end), "Apr 9");
    assert_eq!(d.agency.as_deref(), Some("EFE"));
}

#[test]
fn two_headings_at_the_gold_offsets() {
    let doc = extract();
    let gold: Vec<(usize, usize)> = gold()["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(span)
        .collect();
    let got = blocks(&doc, BlockKind::Heading);
    assert_eq!(got, gold);
    let texts: Vec<String> = got.iter().map(|&(s, e)| slice(s, e)).collect();
    assert_eq!(
        texts,
        [
            "Going to war for Russian citizenship",
            "US denounces Chinese aid to Russia"
        ]
    );
}

#[test]
fn signoff_and_slug_at_the_gold_offsets() {
    let doc = extract();
    let gold = gold();
    assert_eq!(blocks(&doc, BlockKind::Signoff), [span(&gold["signoff"])]);
    assert_eq!(blocks(&doc, BlockKind::Slug), [span(&gold["slug"])]);
    let (s, e) = span(&gold["signoff"]);
    assert_eq!(slice(s, e), "EFE");
    let (s, e) = span(&gold["slug"]);
    assert_eq!(slice(s, e), "mg-gbm-er/mcd");
    assert!(blocks(&doc, BlockKind::Trailer).is_empty());
}

#[test]
fn nineteen_body_sentences() {
    let doc = extract();
    let body: Vec<_> = doc
        .sentences
        .iter()
        .filter(|s| s.kind == BlockKind::Body)
        .collect();
    assert_eq!(body.len(), 19);
    assert_eq!(gold()["body_sentence_count"], 19);
    // Each body paragraph of this story is one sentence, the first with the dateline.
    assert_eq!((body[0].start, body[0].paragraph), (0, 0));
    let last = slice(body[18].start, body[18].end);
    assert!(last.ends_with("against Ukraine."), "{last}");
    // Headings, sign-off and slug are sentences of their own kind.
    let kinds: Vec<BlockKind> = doc
        .sentences
        .iter()
        .map(|s| s.kind)
        .filter(|k| *k != BlockKind::Body)
        .collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading,
            BlockKind::Heading,
            BlockKind::Signoff,
            BlockKind::Slug
        ]
    );
}

#[test]
fn crlf_copy_gives_the_same_structure() {
    let crlf = TEXT.replace('\n', "\r\n");
    let doc = wirex::Pipeline::new().extract(&crlf);
    let kinds = |d: &Document| d.paragraphs.iter().map(|p| p.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&doc), kinds(&extract()));
    assert_eq!(doc.sentences.len(), extract().sentences.len());
}
