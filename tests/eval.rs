//! `wirex eval` through the real binary: gold files in, figures out.

use std::path::PathBuf;
use std::process::Output;

use serde_json::{json, Value};

mod common;

fn wirex(args: &[&str]) -> Output {
    common::run(args, b"")
}

fn scratch(name: &str) -> PathBuf {
    common::scratch(&format!("eval-{name}"))
}

fn write_lines(path: &PathBuf, lines: &[Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, text).unwrap();
}

fn json_out(output: &Output) -> Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

const TEXT: &str = "“We will stay,” said Anna Berg in Łódź. The Acme Corp board met.";

/// The gold of [`TEXT`], offsets in code points (Łódź is where bytes and code points part).
fn gold_line() -> Value {
    json!({"id": "t1", "text": TEXT, "gold": [
        {"start": 21, "end": 30, "label": "PERSON", "text": "Anna Berg"},
        {"start": 34, "end": 38, "label": "LOCATION", "text": "Łódź"},
        {"start": 44, "end": 53, "label": "ORGANIZATION", "text": "Acme Corp"},
        {"start": 40, "end": 43, "label": "EVENT"},
        {"quote_start": 0, "quote_end": 15, "speaker": {"start": 21, "end": 30, "text": "Anna Berg"}}
    ]})
}

/// A wirex/1 document holding `entities` and `quotes` for [`TEXT`].
fn prediction(entities: Value, quotes: Value) -> Value {
    json!({"schema": "wirex/1", "id": "t1", "offsets": "codepoints", "dateline": null,
           "paragraphs": [], "sentences": [], "entities": entities, "people": [], "places": [],
           "organizations": [], "quotes": quotes, "quantities": [], "warnings": []})
}

fn entity(label: &str, start: usize, end: usize) -> Value {
    json!({"id": "e", "label": label, "text": "", "start": start, "end": end,
           "canonical": "", "kind": null, "ref": null, "country": null, "sentence": 0,
           "cluster": null})
}

#[test]
fn predictions_are_scored_with_known_figures() {
    let dir = scratch("known");
    let gold = dir.join("gold.jsonl");
    let pred = dir.join("pred.jsonl");
    write_lines(&gold, &[gold_line()]);
    // PERSON exact; PLACE one code point short (partial only); ORG wrong label; one
    // spurious PERSON.
    let quote = json!({"kind": "direct", "text": "We will stay,", "start": 1, "end": 14,
        "closed": true, "cue": null,
        "speaker": {"person": "p1", "name": "Anna Berg", "mention": null}});
    write_lines(
        &pred,
        &[prediction(
            json!([
                entity("PERSON", 21, 30),
                entity("PLACE", 34, 37),
                entity("PERSON", 44, 53),
                entity("PERSON", 54, 59)
            ]),
            json!([quote]),
        )],
    );
    let out = json_out(&wirex(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--predictions",
        pred.to_str().unwrap(),
        "--json",
    ]));
    let row = |label: &str| -> Value {
        out["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["label"] == label)
            .cloned()
            .unwrap_or_else(|| panic!("no {label} row in {out}"))
    };
    assert_eq!(out["documents"], 1);
    assert_eq!(out["gold_text_mismatches"], 0);
    assert_eq!(row("PERSON")["exact"]["matched"], 1);
    assert_eq!(row("PERSON")["exact"]["predicted"], 3);
    assert_eq!(row("PLACE")["exact"]["matched"], 0);
    assert_eq!(row("PLACE")["partial"]["matched"], 1);
    assert_eq!(row("ORG")["partial"]["recall"], 0.0);
    assert_eq!(row("micro")["partial"]["matched"], 2);
    assert_eq!(row("micro")["partial"]["gold"], 3);
    assert_eq!(row("micro")["partial"]["predicted"], 4);
    assert_eq!(row("micro")["partial"]["f1"], 4.0 / 7.0);
    assert!(out["entities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["label"] != "NORP"));
    assert_eq!(out["quotes"]["direct"]["matched"], 1);
    assert_eq!(out["quotes"]["speaker_accuracy"], 1.0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_pipeline_is_scored_and_the_table_printed() {
    let dir = scratch("pipeline");
    let gold = dir.join("gold.jsonl");
    write_lines(
        &gold,
        &[gold_line(), json!({"id": 2, "text": "", "gold": []})],
    );
    let out = wirex(&["eval", "--gold", gold.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    for want in [
        "2 documents",
        "PERSON",
        "PLACE",
        "ORG",
        "micro",
        "speaker accuracy",
    ] {
        assert!(table.contains(want), "{want} missing in\n{table}");
    }
    let out = json_out(&wirex(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(out["entities"][3]["partial"]["gold"], 3);
    assert_eq!(out["quotes"]["direct"]["gold"], 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_gold_is_an_error_naming_the_line() {
    let dir = scratch("bad");
    let gold = dir.join("gold.jsonl");
    std::fs::write(
        &gold,
        format!(
            "{}\n{}\n",
            gold_line(),
            json!({"text": "short", "gold": [{"start": 1, "end": 99, "label": "ORG"}]})
        ),
    )
    .unwrap();
    let out = wirex(&["eval", "--gold", gold.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2") && err.contains("outside the text"),
        "{err}"
    );
    std::fs::write(&gold, "not json\n").unwrap();
    let out = wirex(&["eval", "--gold", gold.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    let _ = std::fs::remove_dir_all(&dir);
}
