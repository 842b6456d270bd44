//! Real stories, mutated: fragments that wire copy and its mistakes are made of (quote
//! marks, datelines, currency signs, combining marks, line breaks...) inserted, spans
//! deleted, repeated or upper-cased, the story cut short. Whatever comes out, the
//! pipeline must not panic, every span must be a slice of the text that says what the
//! span's `text` says, every reference must point at something that exists, and the
//! three offset units must name the same spans.
//!
//! A random string rarely reaches the rules (no sentence, no name, no cue); a story
//! with a few edits reaches all of them in states no hand-written case thought of.
//! `PROPTEST_CASES=100000 cargo test --release --test mutations` runs a longer hunt.

use std::sync::OnceLock;

use proptest::prelude::*;
use wirex::{Document, OffsetUnit, Pipeline};

/// Pipelines for bytes, code points and UTF-16, built once for every case.
fn pipelines() -> &'static [Pipeline; 3] {
    static PIPELINES: OnceLock<[Pipeline; 3]> = OnceLock::new();
    PIPELINES.get_or_init(|| {
        [OffsetUnit::Bytes, OffsetUnit::Codepoints, OffsetUnit::Utf16]
            .map(|unit| Pipeline::builder().offsets(unit).build().unwrap())
    })
}

/// Stories to mutate: the reference story, the Wikinews articles of `data/wikinews`
/// and a few short cases of the test data.
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = vec![include_str!("data/donetsk.txt").to_string()];
        let wikinews = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/wikinews");
        let mut articles: Vec<_> = std::fs::read_dir(wikinews)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "txt"))
            .collect();
        articles.sort();
        assert_eq!(articles.len(), 12, "{wikinews}");
        seeds.extend(articles.iter().map(|p| std::fs::read_to_string(p).unwrap()));
        for cases in [
            include_str!("data/pragmatic_segmenter_golden.jsonl"),
            include_str!("data/recognizers_currency_en.jsonl"),
        ] {
            // Every fifth case, joined into one text of several paragraphs.
            let texts: Vec<String> = cases
                .lines()
                .step_by(5)
                .map(|line| {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap();
                    v["text"].as_str().unwrap().to_string()
                })
                .collect();
            seeds.push(texts.join("\n\n"));
        }
        seeds
    })
}

/// What an edit inserts: the pieces of wire copy the rules key on, and the characters
/// that break naive offset arithmetic.
const FRAGMENTS: &[&str] = &[
    "“",
    "”",
    "\"",
    "'",
    "’s",
    "‘",
    "«",
    "»",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "\u{a0}",
    "—",
    " -- ",
    "-",
    "(",
    ")",
    ".",
    "?!",
    "...",
    "…",
    ",",
    ";",
    ":",
    "U.S.",
    "Mr.",
    "Dr. ",
    "e.g.",
    "No. 5",
    "Jan.",
    "St.",
    "$",
    "€",
    "£",
    "5",
    "1,000.5",
    "3.5%",
    "2.5 percentage points",
    "$2.5 billion",
    " million",
    "seven",
    "half",
    "a third",
    "about ",
    "at least ",
    "more than ",
    "KYIV, April 9 (Reuters) - ",
    "MOSCOW (AP) — ",
    "(Reporting by Jane Doe; Editing by Tom Li)",
    " said",
    " said.",
    " told reporters",
    " according to ",
    ", a spokesman for the Ministry of Defence,",
    "“We will win,” he said.",
    " said President Volodymyr Zelenskiy.",
    " Sen. ",
    "Kyiv",
    "Łódź",
    "São Paulo",
    "NATO",
    "the United Nations",
    "Chinese",
    "Ukrainian",
    "e\u{301}",
    "\u{200b}",
    "\u{feff}",
    "🙂",
    "\u{2028}",
    "\u{85}",
    "ǅ",
    "İ",
    "ß",
];

/// One edit at a relative position (0..1 of the text's characters).
#[derive(Clone, Debug)]
enum Edit {
    Insert(f64, usize),
    Delete(f64, usize),
    Repeat(f64, usize),
    Upper(f64, usize),
    Cut(f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0..1.0f64;
    prop_oneof![
        6 => (at.clone(), 0..FRAGMENTS.len()).prop_map(|(a, f)| Edit::Insert(a, f)),
        2 => (at.clone(), 1..60usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        1 => (at.clone(), 1..200usize).prop_map(|(a, n)| Edit::Repeat(a, n)),
        1 => (at.clone(), 1..30usize).prop_map(|(a, n)| Edit::Upper(a, n)),
        1 => at.prop_map(Edit::Cut),
    ]
}

/// The byte offset of the character at relative position `at`, and of `n` characters
/// after it (both on character boundaries).
fn span(text: &str, at: f64, n: usize) -> (usize, usize) {
    let chars = text.chars().count();
    let first = ((chars as f64 * at) as usize).min(chars);
    let byte = |i: usize| text.char_indices().nth(i).map_or(text.len(), |(b, _)| b);
    (byte(first), byte(first + n))
}

fn apply(text: &mut String, edit: &Edit) {
    match *edit {
        Edit::Insert(at, f) => {
            let (i, _) = span(text, at, 0);
            text.insert_str(i, FRAGMENTS[f]);
        }
        Edit::Delete(at, n) => {
            let (i, j) = span(text, at, n);
            text.replace_range(i..j, "");
        }
        Edit::Repeat(at, n) => {
            let (i, j) = span(text, at, n);
            let copy = text[i..j].to_string();
            text.insert_str(j, &copy);
        }
        Edit::Upper(at, n) => {
            let (i, j) = span(text, at, n);
            let upper = text[i..j].to_uppercase();
            text.replace_range(i..j, &upper);
        }
        Edit::Cut(at) => {
            let (i, _) = span(text, at, 0);
            text.truncate(i);
        }
    }
}

/// Every `(start, end)` of a document, in one fixed order, with the text the document
/// gives for it when it gives one.
fn spans(doc: &Document) -> Vec<(usize, usize, Option<&str>)> {
    let mut out = Vec::new();
    if let Some(d) = &doc.dateline {
        out.push((d.start, d.end, Some(d.text.as_str())));
        if let Some(p) = &d.place {
            out.push((p.start, p.end, Some(p.text.as_str())));
        }
        if let Some(p) = &d.date {
            out.push((p.start, p.end, Some(p.text.as_str())));
        }
    }
    out.extend(doc.paragraphs.iter().map(|p| (p.start, p.end, None)));
    out.extend(doc.sentences.iter().map(|s| (s.start, s.end, None)));
    out.extend(
        doc.entities
            .iter()
            .map(|e| (e.start, e.end, Some(e.text.as_str()))),
    );
    for q in &doc.quotes {
        out.push((q.start, q.end, Some(q.text.as_str())));
        let speaker = q.speaker.as_ref();
        let parts = [
            q.cue.as_ref(),
            speaker.and_then(|s| s.mention.as_ref()),
            speaker.and_then(|s| s.role.as_ref()),
            speaker.and_then(|s| s.affiliation.as_ref()),
        ];
        out.extend(
            parts
                .into_iter()
                .flatten()
                .map(|s| (s.start, s.end, Some(s.text.as_str()))),
        );
    }
    out.extend(
        doc.quantities
            .iter()
            .map(|q| (q.start, q.end, Some(q.text.as_str()))),
    );
    out
}

/// The invariants of a document extracted with byte offsets from `text`.
fn check_bytes(text: &str, doc: &Document) -> Result<(), TestCaseError> {
    for (start, end, said) in spans(doc) {
        prop_assert!(
            start <= end && end <= text.len(),
            "{start}..{end} of {}",
            text.len()
        );
        let slice = text.get(start..end);
        prop_assert!(
            slice.is_some(),
            "{start}..{end} not on character boundaries"
        );
        if let Some(said) = said {
            prop_assert_eq!(slice, Some(said), "the span's text is not its slice");
        }
    }
    for s in &doc.sentences {
        let p = doc.paragraphs.get(s.paragraph);
        prop_assert!(
            p.is_some_and(|p| p.start <= s.start && s.end <= p.end),
            "{s:?}"
        );
    }
    prop_assert!(doc.sentences.windows(2).all(|w| w[0].end <= w[1].start));
    // Every id a record names exists.
    let mut ids: Vec<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    ids.extend(doc.people.iter().map(|p| p.id.as_str()));
    ids.extend(doc.places.iter().map(|p| p.id.as_str()));
    ids.extend(doc.organizations.iter().map(|p| p.id.as_str()));
    let known = |id: &str| ids.contains(&id);
    for e in &doc.entities {
        prop_assert!(e.sentence < doc.sentences.len().max(1), "{e:?}");
        prop_assert!(e.cluster.as_deref().is_none_or(known), "{e:?}");
    }
    let members = doc.people.iter().flat_map(|p| &p.mentions);
    let members = members.chain(doc.places.iter().flat_map(|p| &p.mentions));
    for id in members.chain(doc.organizations.iter().flat_map(|p| &p.mentions)) {
        prop_assert!(known(id), "{id}");
    }
    for q in &doc.quotes {
        let person = q.speaker.as_ref().and_then(|s| s.person.as_deref());
        prop_assert!(person.is_none_or(known), "{q:?}");
    }
    Ok(())
}

/// The spans of the byte-offset document in `unit`, counted from `text`.
fn converted(text: &str, doc: &Document, unit: OffsetUnit) -> Vec<(usize, usize)> {
    let count = |b: usize| match unit {
        OffsetUnit::Bytes => b,
        OffsetUnit::Codepoints => text[..b].chars().count(),
        OffsetUnit::Utf16 => text[..b].encode_utf16().count(),
        other => panic!("no count of {other:?}"),
    };
    spans(doc)
        .into_iter()
        .map(|(s, e, _)| (count(s), count(e)))
        .collect()
}

proptest! {
    #[test]
    fn mutated_stories_keep_every_span_and_reference_sound(
        seed in any::<prop::sample::Index>(),
        edits in proptest::collection::vec(edit(), 1..12),
    ) {
        let mut text = seeds()[seed.index(seeds().len())].clone();
        for e in &edits {
            apply(&mut text, e);
        }
        let [bytes, codepoints, utf16] = pipelines();
        let doc = bytes.extract(&text);
        check_bytes(&text, &doc)?;
        for (pipeline, unit) in [(codepoints, OffsetUnit::Codepoints), (utf16, OffsetUnit::Utf16)] {
            let other = pipeline.extract(&text);
            let theirs: Vec<(usize, usize)> =
                spans(&other).into_iter().map(|(s, e, _)| (s, e)).collect();
            prop_assert_eq!(theirs, converted(&text, &doc, unit));
        }
        // The JSON line reads back as the document serde writes.
        let mut line = Vec::new();
        doc.append_json_line(&mut line);
        let read: serde_json::Value = serde_json::from_slice(&line).unwrap();
        prop_assert_eq!(read, serde_json::to_value(&doc).unwrap());
    }
}

#[test]
fn an_edit_lands_on_character_boundaries() {
    let mut text = "Łódź “quoted”".to_string();
    apply(&mut text, &Edit::Insert(0.5, 0));
    apply(&mut text, &Edit::Delete(0.1, 3));
    apply(&mut text, &Edit::Upper(0.0, 100));
    assert_eq!(text, "Ł ““QUOTED”");
}
