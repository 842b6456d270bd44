//! The real binary on stories given on stdin: the quotes of its JSON output.

use serde_json::Value;

mod common;

use common::extract_stdin as wirex;

/// The text at code-point offsets `start..end` of `text`.
fn at(text: &str, v: &Value) -> String {
    let (s, e) = (
        v["start"].as_u64().unwrap() as usize,
        v["end"].as_u64().unwrap() as usize,
    );
    text.chars().skip(s).take(e - s).collect()
}

#[test]
fn a_wire_story_with_curly_and_straight_quotes() {
    let text = "KYIV, April 9 (Reuters) - Ukraine's president spoke on Tuesday.\n\
        “We will not give up our land,” President Volodymyr Zelenskyy said in Kyiv.\n\
        \"The talks are over,\" said John Kirby, a spokesman for the Pentagon.\n";
    let doc = wirex(text);
    let quotes = doc["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2, "{quotes:#?}");

    let q = &quotes[0];
    assert_eq!(q["kind"], "direct");
    assert_eq!(q["text"], "We will not give up our land,");
    assert_eq!(at(text, q), "We will not give up our land,");
    assert_eq!(q["closed"], true);
    assert_eq!(q["cue"]["text"], "said");
    assert_eq!(at(text, &q["cue"]), "said");
    let mention = &q["speaker"]["mention"];
    assert!(at(text, mention).ends_with("Zelenskyy"), "{mention}");

    let q = &quotes[1];
    assert_eq!(q["text"], "The talks are over,");
    assert_eq!(q["speaker"]["mention"]["text"], "John Kirby");
    assert_eq!(q["speaker"]["role"]["text"], "a spokesman for the Pentagon");
    assert_eq!(
        at(text, &q["speaker"]["role"]),
        "a spokesman for the Pentagon"
    );
    assert_eq!(q["speaker"]["affiliation"]["text"], "the Pentagon");
    assert_eq!(at(text, &q["speaker"]["affiliation"]), "the Pentagon");
}

#[test]
fn indirect_and_unclosed_quotes_with_code_point_offsets() {
    // Non-ASCII text before the quotes: offsets are code points, not bytes.
    let text = "Zürich, Mai 2 – Élodie Dupré said that the vote was “a disgrace.\n\
        She added that the count would resume on Friday.\n";
    let doc = wirex(text);
    assert_eq!(doc["offsets"], "codepoints");
    let quotes = doc["quotes"].as_array().unwrap();
    let kinds: Vec<&str> = quotes.iter().map(|q| q["kind"].as_str().unwrap()).collect();
    // The reported clause stops where the quoted words that end it begin.
    assert_eq!(kinds, ["indirect", "direct", "indirect"], "{quotes:#?}");
    assert_eq!(quotes[0]["text"], "the vote was");
    assert_eq!(quotes[0]["speaker"]["mention"]["text"], "Élodie Dupré");
    let direct = &quotes[1];
    assert_eq!(direct["text"], "a disgrace.");
    assert_eq!(direct["closed"], false);
    assert_eq!(at(text, direct), "a disgrace.");
    let indirect = &quotes[2];
    assert_eq!(indirect["text"], "the count would resume on Friday");
    assert_eq!(indirect["cue"]["text"], "added");
    assert_eq!(indirect["speaker"]["mention"]["text"], "She");
}

#[test]
fn odd_inputs_give_a_document() {
    for text in [
        "",
        "\"",
        "“”",
        &"\"".repeat(10_001),
        "said, \"\n\n\"according to",
    ] {
        let doc = wirex(text);
        assert!(doc["quotes"].is_array(), "{text:?}");
    }
}
