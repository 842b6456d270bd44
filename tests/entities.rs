//! Entities through the real binary: a story on stdin, JSON on stdout.

use serde_json::Value;

mod common;

use common::extract_stdin as wirex;

fn entities(doc: &Value) -> Vec<(String, String, u64, u64)> {
    doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["label"].as_str().unwrap().to_string(),
                e["text"].as_str().unwrap().to_string(),
                e["start"].as_u64().unwrap(),
                e["end"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn reference_story_people_and_offsets() {
    let doc = wirex(include_str!("data/donetsk.txt"));
    let found = entities(&doc);
    // Code-point offsets, as the gold writes them.
    assert!(found.contains(&("PERSON".into(), "Volodymyr Zelenskyy".into(), 377, 396)));
    assert!(found.contains(&("PERSON".into(), "Lin Jian".into(), 863, 871)));
    assert!(found.contains(&("ORG".into(), "Ukrainska Pravda".into(), 2222, 2238)));
    let people: Vec<&str> = doc["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        people,
        vec!["Volodymyr Zelenskyy", "Lin Jian", "Tammy Bruce"]
    );
    let zelenyi = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Zelenyi")
        .unwrap();
    assert_eq!(zelenyi["variant"], true);
    assert_eq!(zelenyi["canonical"], "Volodymyr Zelenskyy");
}

#[test]
fn every_entity_points_at_its_cluster_and_sentence() {
    let doc = wirex(include_str!("data/donetsk.txt"));
    let sentences = doc["sentences"].as_array().unwrap().len() as u64;
    for (i, e) in doc["entities"].as_array().unwrap().iter().enumerate() {
        assert_eq!(e["id"], format!("e{}", i + 1));
        assert!(e["sentence"].as_u64().unwrap() < sentences);
        let cluster = e["cluster"].as_str();
        match e["label"].as_str().unwrap() {
            "PERSON" => assert!(cluster.is_some_and(|c| c.starts_with('p'))),
            "PLACE" => assert!(cluster.is_some_and(|c| c.starts_with('l'))),
            "ORG" => assert!(cluster.is_some_and(|c| c.starts_with('o'))),
            _ => assert!(cluster.is_none()),
        }
    }
    let places = doc["places"].as_array().unwrap();
    let ukraine = places.iter().find(|p| p["canonical"] == "Ukraine").unwrap();
    assert_eq!(ukraine["mentions"].as_array().unwrap().len(), 7);
}

#[test]
fn non_ascii_text_keeps_code_point_offsets() {
    let text = "Señora Müller-Lüdenscheidt said Zürich and Ukraine agreed.";
    let doc = wirex(text);
    let found = entities(&doc);
    let ukraine = found
        .iter()
        .find(|e| e.1 == "Ukraine")
        .expect("Ukraine found");
    let start = text.find("Ukraine").unwrap();
    assert_eq!(ukraine.2 as usize, text[..start].chars().count());
    assert_eq!(ukraine.0, "PLACE");
}

#[test]
fn empty_and_odd_inputs_give_no_entities() {
    for input in ["", "\n\n", "“”’", "THE END"] {
        let doc = wirex(input);
        assert!(
            doc["entities"].as_array().unwrap().is_empty(),
            "{input:?}: {doc}"
        );
    }
}

mod never_panics {
    use std::sync::OnceLock;

    use proptest::prelude::*;
    use wirex::{OffsetUnit, Pipeline};

    fn pipeline() -> &'static Pipeline {
        static P: OnceLock<Pipeline> = OnceLock::new();
        P.get_or_init(|| {
            Pipeline::builder()
                .offsets(OffsetUnit::Bytes)
                .build()
                .unwrap()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any mix of names, titles, quotes, dots and odd characters: no panic, and
        /// every entity is a real slice of the text.
        #[test]
        fn any_story(words in proptest::collection::vec(
            prop_oneof![
                Just("President"), Just("Zelenskyy"), Just("said"), Just("the"), Just("of"),
                Just("Ministry"), Just("Chinese"), Just("U.S."), Just("Mr."), Just("’s"),
                Just("“"), Just("”"), Just(","), Just(".\n"), Just("Kyiv"), Just("army"),
                Just("NASA"), Just("TikTok"), Just("-"), Just("Zelenyi"), Just("région"),
                Just("Łódź"), Just("45"), Just("region"), Just("University"),
            ],
            0..40,
        ), glue in "[ \u{a0}\u{301}é]{0,2}") {
            let text = words.join(&glue);
            let doc = pipeline().extract(&text);
            for e in &doc.entities {
                prop_assert!(e.start < e.end && e.end <= text.len());
                prop_assert_eq!(text.get(e.start..e.end), Some(e.text.as_str()));
            }
        }
    }
}
