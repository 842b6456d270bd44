//! The quotes of the reference story against its gold (tests/data/donetsk.expected.json):
//! every gold quote found (overlap >= 0.8 of the longer span, code-point offsets), with
//! its kind, cue and speaker.

use serde_json::Value;

fn gold() -> Value {
    serde_json::from_str(include_str!("data/donetsk.expected.json")).unwrap()
}

fn extracted() -> wirex::Document {
    wirex::Pipeline::new().extract(include_str!("data/donetsk.txt"))
}

/// Overlap of two spans as a share of the longer one.
fn overlap(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let longer = (a.1 - a.0).max(b.1 - b.0).max(1);
    inter as f64 / longer as f64
}

fn kind_name(k: wirex::QuoteKind) -> &'static str {
    match k {
        wirex::QuoteKind::Direct => "direct",
        wirex::QuoteKind::Indirect => "indirect",
        _ => "mixed",
    }
}

#[test]
fn every_gold_quote_is_found_with_cue_and_speaker() {
    let doc = extracted();
    let gold = gold();
    let mut problems = Vec::new();
    let golds = gold["quotes"].as_array().unwrap();
    assert_eq!(golds.len(), 14);
    for g in golds {
        let span = (
            g["start"].as_u64().unwrap() as usize,
            g["end"].as_u64().unwrap() as usize,
        );
        let text = g["text"].as_str().unwrap();
        let Some(q) = doc
            .quotes
            .iter()
            .find(|q| overlap((q.start, q.end), span) >= 0.8)
        else {
            problems.push(format!("missing: {text}"));
            continue;
        };
        if kind_name(q.kind) != g["kind"].as_str().unwrap() {
            problems.push(format!("kind {:?}: {text}", q.kind));
        }
        if q.closed != g["closed"].as_bool().unwrap() {
            problems.push(format!("closed {}: {text}", q.closed));
        }
        let cue = q.cue.as_ref().map(|c| c.text.as_str());
        if cue != g["cue"].as_str() {
            problems.push(format!("cue {cue:?}: {text}"));
        }
        let speaker = q.speaker.as_ref();
        let name = speaker.and_then(|s| s.name.as_deref());
        if name != g["speaker"].as_str() {
            problems.push(format!("speaker {name:?}: {text}"));
        }
        let mention = speaker.and_then(|s| s.mention.as_ref());
        let want = &g["speaker_mention"];
        let want = (
            want["start"].as_u64().unwrap() as usize,
            want["end"].as_u64().unwrap() as usize,
        );
        if mention.map(|m| (m.start, m.end)) != Some(want) {
            problems.push(format!("mention {:?}: {text}", mention.map(|m| &m.text)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reference_has_no_quote_inside_another_of_the_same_kind() {
    let doc = extracted();
    for (i, a) in doc.quotes.iter().enumerate() {
        for b in &doc.quotes[i + 1..] {
            if a.kind == b.kind {
                assert!(a.end <= b.start || b.end <= a.start, "{a:?}\n{b:?}");
            }
        }
    }
}
