//! The reference story against its hand-made gold: every required person, place,
//! organization and nationality found with its canonical name, and nothing spurious.

use serde_json::Value;
use wirex::{Entity, Label, Pipeline};

fn label(name: &str) -> Label {
    match name {
        "PERSON" => Label::Person,
        "PLACE" => Label::Place,
        "ORG" => Label::Org,
        "NORP" => Label::Norp,
        other => panic!("unknown gold label {other}"),
    }
}

fn run() -> (Vec<Entity>, Vec<Value>, wirex::Document) {
    let text = include_str!("data/donetsk.txt");
    let gold: Value = serde_json::from_str(include_str!("data/donetsk.expected.json")).unwrap();
    let doc = Pipeline::new().extract(text);
    let items = gold["entities"].as_array().unwrap().clone();
    (doc.entities.clone(), items, doc)
}

/// A prediction matches a gold item when the label agrees and the span covers the
/// gold text and stays inside `max` (or equals the text when there is no `max`).
fn matches(e: &Entity, g: &Value) -> bool {
    let (s, t) = (
        g["start"].as_u64().unwrap() as usize,
        g["end"].as_u64().unwrap() as usize,
    );
    let (lo, hi) = match g["max"].as_array() {
        Some(m) => (
            m[0].as_u64().unwrap() as usize,
            m[1].as_u64().unwrap() as usize,
        ),
        None => (s, t),
    };
    e.label == label(g["label"].as_str().unwrap())
        && e.start <= s
        && t <= e.end
        && lo <= e.start
        && e.end <= hi
}

fn canonical_ok(e: &Entity, g: &Value) -> bool {
    let mut names = vec![g["canonical"].as_str().unwrap()];
    if let Some(also) = g["canonical_also"].as_array() {
        names.extend(also.iter().filter_map(Value::as_str));
    }
    names.contains(&e.canonical.as_str())
}

#[test]
fn every_required_entity_is_found_with_its_canonical_name() {
    let (found, gold, _) = run();
    let mut missing = Vec::new();
    for g in gold.iter().filter(|g| g["required"] == true) {
        match found.iter().find(|e| matches(e, g)) {
            Some(e) if canonical_ok(e, g) => {}
            Some(e) => missing.push(format!(
                "{} {}: canonical {:?}",
                g["label"], g["text"], e.canonical
            )),
            None => missing.push(format!("{} {} at {}", g["label"], g["text"], g["start"])),
        }
    }
    assert!(
        missing.is_empty(),
        "{} required items wrong:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn no_spurious_person_or_organization() {
    let (found, gold, _) = run();
    let spurious: Vec<String> = found
        .iter()
        .filter(|e| matches!(e.label, Label::Person | Label::Org))
        .filter(|e| {
            !gold.iter().any(|g| {
                let (s, t) = (
                    g["start"].as_u64().unwrap() as usize,
                    g["end"].as_u64().unwrap() as usize,
                );
                e.start < t && s < e.end
            })
        })
        .map(|e| format!("{:?} {:?} at {}", e.label, e.text, e.start))
        .collect();
    assert!(spurious.is_empty(), "spurious:\n{}", spurious.join("\n"));
}

#[test]
fn misspelled_surname_joins_the_president() {
    let (found, _, doc) = run();
    let zelenyi = found
        .iter()
        .find(|e| e.text == "Zelenyi")
        .expect("Zelenyi found");
    assert_eq!(zelenyi.label, Label::Person);
    assert_eq!(zelenyi.canonical, "Volodymyr Zelenskyy");
    assert!(zelenyi.variant);
    let person = doc
        .people
        .iter()
        .find(|p| Some(&p.id) == zelenyi.cluster.as_ref())
        .expect("cluster exists");
    assert_eq!(person.name, "Volodymyr Zelenskyy");
    assert!(
        person.titles.iter().any(|t| t == "President"),
        "{:?}",
        person.titles
    );
}

#[test]
fn people_carry_titles_and_affiliations() {
    let (_, _, doc) = run();
    let lin = doc
        .people
        .iter()
        .find(|p| p.name == "Lin Jian")
        .expect("Lin Jian");
    assert_eq!(lin.titles, vec!["spokesman"]);
    assert_eq!(lin.affiliation.as_deref(), Some("Chinese Foreign Ministry"));
    assert_eq!(lin.mentions.len(), 2);
    let bruce = doc
        .people
        .iter()
        .find(|p| p.name == "Tammy Bruce")
        .expect("Tammy Bruce");
    assert_eq!(bruce.affiliation.as_deref(), Some("State Department"));
    let names: Vec<&str> = doc.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
}
