//! The whole document for the reference story, byte for byte.
//!
//! The reference tests check the gold items; this one pins everything else too (every
//! offset, canonical name, id, cluster and field order), so that work on speed, which
//! must not change output, shows any change at once. When a change of output is
//! intended, review it with `cargo insta review` (or rerun with `INSTA_UPDATE=always`)
//! and commit the new snapshot with the change that explains it.

use wirex::{OffsetUnit, Pipeline};

const STORY: &str = include_str!("data/donetsk.txt");

#[test]
fn reference_story_in_code_points() {
    let doc = Pipeline::new().extract(STORY);
    let mut json = Vec::new();
    wirex::write_json_pretty(&mut json, &doc).unwrap();
    insta::assert_snapshot!(String::from_utf8(json).unwrap());
}

#[test]
fn reference_story_compact_in_utf16_is_the_same_document() {
    // UTF-16 and code points agree on this story (no character outside the BMP), so the
    // compact writer in UTF-16 must give the same document as the pretty one above.
    let pipeline = Pipeline::builder()
        .offsets(OffsetUnit::Utf16)
        .build()
        .unwrap();
    let doc = pipeline.extract(STORY);
    let mut line = Vec::new();
    doc.append_json_line(&mut line);
    let mut back: wirex::Document = serde_json::from_slice(&line).unwrap();
    assert_eq!(back.offsets, OffsetUnit::Utf16);
    back.offsets = OffsetUnit::Codepoints;
    assert_eq!(back, Pipeline::new().extract(STORY));
}
