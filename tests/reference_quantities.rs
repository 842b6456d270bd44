//! The reference story: the 12 gold quantities of `donetsk.expected.json`, at their
//! code-point offsets, with values, ISO codes and qualifiers; extras are printed
//! (`--nocapture`) and bounded.

use serde_json::Value;
use wirex::Pipeline;

#[test]
fn reference_quantities() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let text = std::fs::read_to_string(format!("{dir}/donetsk.txt")).unwrap();
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/donetsk.expected.json")).unwrap(),
    )
    .unwrap();
    let doc = Pipeline::new().extract(&text);
    let got = serde_json::to_value(&doc.quantities).unwrap();
    let got = got.as_array().unwrap();
    let same = |g: &Value, q: &Value, key: &str| g.get(key).unwrap_or(&Value::Null) == &q[key];
    let mut missing = Vec::new();
    let mut matched = vec![false; got.len()];
    let gold = gold["quantities"].as_array().unwrap();
    for g in gold {
        let hit = got.iter().position(|q| {
            [
                "start",
                "end",
                "text",
                "kind",
                "value",
                "currency",
                "qualifier",
                "qualifier_text",
            ]
            .iter()
            .all(|k| same(g, q, k))
        });
        match hit {
            Some(i) => matched[i] = true,
            None => missing.push(g.to_string()),
        }
    }
    let extras: Vec<String> = got
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(q, _)| {
            format!(
                "{} {:?} at {}",
                q["kind"],
                q["text"].as_str().unwrap_or(""),
                q["start"]
            )
        })
        .collect();
    println!(
        "reference quantities: {}/{} gold found exactly; {} extra: {extras:?}",
        gold.len() - missing.len(),
        gold.len(),
        extras.len()
    );
    assert!(
        missing.is_empty(),
        "missing or wrong:\n{}",
        missing.join("\n")
    );
    // Known extras are the cardinal in `one of the captives` and the ordinal `first`,
    // which the gold leaves out; anything beyond a few is a regression.
    assert!(extras.len() <= 3, "extras: {extras:?}");
}
