//! Real outputs validated against `schema/wirex-1.schema.json`, and the schema checked
//! to reject what it must.

use serde_json::{json, Value};
use wirex::*;

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/wirex-1.schema.json"
    ))
    .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn the_reference_document_is_valid_in_every_offset_unit() {
    let validator = validator();
    let text = include_str!("data/donetsk.txt");
    for unit in [OffsetUnit::Codepoints, OffsetUnit::Bytes, OffsetUnit::Utf16] {
        let pipeline = Pipeline::builder().offsets(unit).build().unwrap();
        let mut doc = pipeline.extract(text);
        doc.id = json!("donetsk.txt");
        assert_valid(
            &validator,
            &serde_json::to_value(&doc).unwrap(),
            &format!("{unit:?}"),
        );
    }
}

#[test]
fn synthetic_stories_are_valid() {
    let validator = validator();
    let pipeline = Pipeline::new();
    for (i, text) in [
        "",
        "   \n\n",
        "KYIV, April 9 (Reuters) - Ukraine's President Volodymyr Zelenskiy said on Wednesday \
         that talks would go on. \"We will not give up,\" he said.\n\nReporting by Jane Doe; \
         Editing by John Roe",
        "WASHINGTON (AP) — The U.S. Senate voted 51-49. Prices rose 3.5% to $1.2 billion.\n— AP",
        "Kiyv, Apr 9 (EFE) – «Unclosed quote\r\nTitle Line\r\nMore text… EFE\r\nmg-gbm-er/mcd",
        "😀 \u{2028} \u{85} مرحبا 你好 — 🇺🇦 Zürich, “quoted” ‘words’.",
    ]
    .iter()
    .enumerate()
    {
        let mut doc = pipeline.extract(text);
        doc.id = json!(i);
        assert_valid(&validator, &serde_json::to_value(&doc).unwrap(), text);
    }
    let doc = pipeline
        .extract_bytes(
            b"bad \xff byte",
            &InputOptions {
                lossy: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_valid(&validator, &serde_json::to_value(&doc).unwrap(), "lossy");
}

/// A document with every optional part filled, so every field of the schema is seen
/// even before every stage finds something.
// `..Default::default()` where the type has it keeps this compiling when optional fields
// are added; the schema test then says whether the schema knows them.
#[allow(clippy::needless_update)]
fn full_document() -> Document {
    let span = |text: &str, start, end| Span {
        text: text.into(),
        start,
        end,
    };
    Document {
        id: json!("full.txt"),
        dateline: Some(Dateline {
            text: "KYIV, April 9, 2025 (Reuters) -".into(),
            start: 0,
            end: 31,
            place: Some(DatelinePlace {
                text: "KYIV".into(),
                start: 0,
                end: 4,
                canonical: Some("Kyiv".into()),
                reference: Some("geonames:703448".into()),
                country: Some("UA".into()),
            }),
            date: Some(DatelineDate {
                text: "April 9, 2025".into(),
                start: 6,
                end: 19,
                year: Some(2025),
                month: Some(4),
                day: Some(9),
            }),
            agency: Some("Reuters".into()),
        }),
        paragraphs: vec![Paragraph {
            start: 0,
            end: 90,
            kind: BlockKind::Body,
        }],
        sentences: vec![Sentence {
            start: 0,
            end: 90,
            kind: BlockKind::Heading,
            paragraph: 0,
        }],
        entities: vec![Entity {
            id: "e1".into(),
            label: Label::Person,
            text: "Zelenyi".into(),
            start: 40,
            end: 47,
            canonical: "Volodymyr Zelenskyy".into(),
            kind: Some("politician".into()),
            reference: Some("wikidata:Q3874799".into()),
            country: Some("UA".into()),
            sentence: 0,
            cluster: Some("p1".into()),
            variant: true,
        }],
        people: vec![Person {
            id: "p1".into(),
            name: "Volodymyr Zelenskyy".into(),
            titles: vec!["President".into()],
            affiliation: Some("Ukraine".into()),
            mentions: vec!["e1".into()],
        }],
        places: vec![Cluster {
            id: "l1".into(),
            canonical: "Kyiv".into(),
            reference: None,
            mentions: vec![],
        }],
        organizations: vec![Cluster {
            id: "o1".into(),
            canonical: "EFE".into(),
            reference: Some("wikidata:Q1170476".into()),
            mentions: vec![],
        }],
        quotes: vec![Quote {
            kind: QuoteKind::Mixed,
            text: "We will".into(),
            start: 50,
            end: 57,
            closed: false,
            cue: Some(span("said", 60, 64)),
            speaker: Some(Speaker {
                person: Some("p1".into()),
                name: Some("Volodymyr Zelenskyy".into()),
                mention: Some(span("he", 65, 67)),
                ..Default::default()
            }),
        }],
        quantities: vec![Quantity {
            kind: QuantityKind::Money,
            text: "between $10 and $20.5".into(),
            start: 70,
            end: 90,
            value: 10.0,
            min: Some(10.0),
            max: Some(20.5),
            currency: Some("USD".into()),
            currency_basis: Some(CurrencyBasis::Default),
            qualifier: Some(Qualifier::AtLeast),
            qualifier_text: Some("at least".into()),
        }],
        warnings: vec![Warning {
            kind: "lossy_utf8".into(),
            message: "1 byte replaced".into(),
        }],
        ..Document::empty()
    }
}

#[test]
fn a_document_with_every_field_filled_is_valid() {
    let validator = validator();
    assert_valid(
        &validator,
        &serde_json::to_value(full_document()).unwrap(),
        "full",
    );
}

#[test]
fn error_records_are_valid() {
    let validator = validator();
    for id in [json!("a.txt"), json!(7), json!(null), json!(true)] {
        let rec = ErrorRecord::new(id, "invalid_utf8", "invalid UTF-8 at byte 4");
        assert_valid(
            &validator,
            &serde_json::to_value(rec).unwrap(),
            "error record",
        );
    }
}

#[test]
fn the_schema_rejects_broken_documents() {
    let validator = validator();
    let full = serde_json::to_value(full_document()).unwrap();
    type Break = fn(&mut Value);
    let broken: [(&str, Break); 9] = [
        ("array missing", |d| {
            d.as_object_mut().unwrap().remove("quotes");
        }),
        ("unknown field", |d| d["extra"] = json!(1)),
        ("wrong schema", |d| d["schema"] = json!("wirex/2")),
        ("bad offset unit", |d| d["offsets"] = json!("chars")),
        ("negative offset", |d| {
            d["sentences"][0]["start"] = json!(-1)
        }),
        ("bad label", |d| d["entities"][0]["label"] = json!("GPE")),
        ("bad quote kind", |d| {
            d["quotes"][0]["kind"] = json!("partial")
        }),
        ("month 13", |d| d["dateline"]["date"]["month"] = json!(13)),
        ("text not a string", |d| d["entities"][0]["text"] = json!(5)),
    ];
    for (what, breaks) in broken {
        let mut doc = full.clone();
        breaks(&mut doc);
        assert!(!validator.is_valid(&doc), "{what} was accepted");
    }
    assert!(!validator.is_valid(&json!({"id": 1, "error": {"kind": "io"}})));
}

/// What the binary prints, in each mode, is valid too.
#[test]
fn the_binary_output_is_valid() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let run = |args: &[&str], stdin: &[u8]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wirex"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        child.wait_with_output().unwrap().stdout
    };
    let validator = validator();
    let reference = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/donetsk.txt");

    // `cargo run --release -- tests/data/donetsk.txt`: one pretty document.
    let doc: Value = serde_json::from_slice(&run(&[reference], b"")).unwrap();
    assert_valid(&validator, &doc, "reference file");
    assert!(doc["sentences"].as_array().is_some_and(|s| !s.is_empty()));

    // A JSONL stream with good and bad lines, and a file-mode error record.
    let jsonl =
        "{\"id\": 1, \"text\": \"Talks went on.\"}\nnot json\n{\"id\": \"x\", \"text\": 2}\n";
    let out = run(
        &["extract", "--input", "jsonl", "--offsets", "utf16"],
        jsonl.as_bytes(),
    );
    let missing = run(&["extract", "/nonexistent/wirex.txt", reference], b"");
    let lines: Vec<Value> = [out, missing]
        .iter()
        .flat_map(|o| {
            std::str::from_utf8(o)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect::<Vec<Value>>()
        })
        .collect();
    assert_eq!(lines.len(), 5);
    for line in &lines {
        assert_valid(&validator, line, &line.to_string());
    }
}
