use super::*;
use proptest::strategy::Strategy;

/// What serde_json makes of `line`, as the JSONL mode reads it: the id (null when
/// absent) and the text, when the line is an object with a string text.
fn serde(line: &str) -> Option<(Value, String)> {
    let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(line) else {
        return None;
    };
    let id = object.remove("id").unwrap_or(Value::Null);
    match object.remove("text") {
        Some(Value::String(text)) => Some((id, text)),
        _ => None,
    }
}

/// The fast path reads a line as serde_json does, or leaves it to serde_json.
fn agrees(line: &str) -> Result<bool, String> {
    match read(line) {
        None => Ok(false),
        Some(fast) if serde(line) == Some(fast.clone()) => Ok(true),
        Some(fast) => Err(format!("{line:?}: fast {fast:?}, serde {:?}", serde(line))),
    }
}

#[test]
fn common_lines_are_read_here_and_agree_with_serde() {
    for line in [
        r#"{"id": 0, "text": "After visa snags\n\nFriday, \"July\" 21"}"#,
        r#"{"text":"a","id":"doc-1"}"#,
        r#"{"id":-1.5e3,"text":""}"#,
        r#"{"id":12345678901234567890123,"text":"x"}"#,
        r#" { "text" : "tab\tslash\/back\\bell\b\f\r" , "id" : null } "#,
        r#"{"id":[1,{"a":"}"}],"text":"\u00e9\u2028\u0041\u0000","url":"http://x"}"#,
        r#"{"text":"é – ‘’ “” 😀","date":{"y":2017},"tags":["a","b"],"n":true}"#,
        r#"{"text":"no id"}"#,
        r#"{"id":3,"text":"\n\n\n\"runs\"\\\/\u00e9\t\u0041\n"}"#,
        "{\"text\":\"cr\"}\r",
    ] {
        assert_eq!(agrees(line), Ok(true), "{line}");
    }
}

#[test]
fn other_lines_are_left_to_serde() {
    for line in [
        r#"{"id": 1, "text": "#,
        r#"[1, 2]"#,
        r#""text""#,
        r#"{}"#,
        r#"{"id": "a"}"#,
        r#"{"id": 7, "text": 5}"#,
        r#"{"id": 7, "text": null}"#,
        r#"{"text":"a","text":"b"}"#,
        r#"{"id":1,"id":2,"text":"b"}"#,
        r#"{"t\u0065xt":"a"}"#,
        r#"{"text":"\ud83d\ude00"}"#,
        r#"{"text":"\udc00"}"#,
        r#"{"text":"\x"}"#,
        r#"{"text":"\u12"}"#,
        r#"{"text":"\u12g4"}"#,
        "{\"text\":\"raw\ttab\"}",
        "{\"te\u{1}xt\":\"a\"}",
        r#"{"text":"a"} x"#,
        r#"{"text":"a"}}"#,
        r#"{"text":"a",}"#,
        r#"{"id":1 "text":"a"}"#,
        r#"{"id":01,"text":"a"}"#,
        r#"{"id":1x,"text":"a"}"#,
        r#"{"id":tru,"text":"a"}"#,
        r#"{"text" "a"}"#,
        r#"{"text":"a""#,
    ] {
        assert_eq!(agrees(line), Ok(false), "{line}");
    }
}

#[test]
fn integer_ids_read_here_agree_with_serde() {
    for id in [
        "0",
        "7",
        "42",
        "728",
        "999999999999999999",
        "1000000000000000000",
        "18446744073709551615",
        "18446744073709551616",
        "-0",
        "-3",
        "00",
        "012",
        "1.0",
        "1e3",
        "1E3",
        "2.",
        "0x1",
        "1 ",
        "3]",
    ] {
        let line = format!(r#"{{"id":{id},"text":"a"}}"#);
        assert!(agrees(&line).is_ok(), "{}", agrees(&line).unwrap_err());
    }
    for id in ["0", "42", "999999999999999999"] {
        let line = format!(r#"{{"id": {id} ,"text":"a"}}"#);
        assert_eq!(agrees(&line), Ok(true), "{line}");
    }
}

proptest::proptest! {
    /// Every integer id the fast path may read: the value serde_json reads.
    #[test]
    fn any_integer_id_agrees_with_serde(id in 0u64.., digits in 1usize..20) {
        let id = id.to_string();
        let id = &id[..digits.min(id.len())];
        let line = format!(r#"{{"id":{id},"text":"a"}}"#);
        proptest::prop_assert_eq!(agrees(&line), Ok(true));
    }
}

#[test]
fn deeply_nested_values_are_left_to_serde() {
    // 127 levels inside the object: one past serde_json's limit for the line.
    let deep = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let line = format!(r#"{{"id":{deep},"text":"a"}}"#);
    assert!(serde_json::from_str::<Value>(&line).is_err());
    assert_eq!(agrees(&line), Ok(false));
    let shallow = format!("{}{}", "[".repeat(10), "]".repeat(10));
    assert_eq!(
        agrees(&format!(r#"{{"id":{shallow},"text":"a"}}"#)),
        Ok(true)
    );
}

#[test]
fn every_escape_and_character_reads_as_serde_reads_it() {
    for c in (0..0x800).chain(0xD7F0..0xE010).chain([0xFFFF, 0x10FFFF]) {
        let escaped = format!(r#"{{"text":"a\u{c:04x}b\u{c:04X}"}}"#);
        assert!(agrees(&escaped).is_ok(), "{escaped}");
        if let Some(ch) = char::from_u32(c) {
            let raw = serde_json::json!({ "text": format!("<{ch}>"), "id": c }).to_string();
            assert!(agrees(&raw).is_ok(), "{raw}");
        }
    }
}

proptest::proptest! {
    /// Any line made of JSON's pieces: read as serde_json reads it, or left to it.
    #[test]
    fn any_line_agrees_with_serde(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "{", "}", "[", "]", ",", ":", " ", "\t", "\"", "\\", "\"id\"", "\"text\"",
            "\"x\"", "a", "é", "\u{2028}", "\\n", "\\\"", "\\u00e9", "\\ud83d", "\\ude00",
            "\\u", "0", "1", "-", ".", "e", "null", "true", "\u{1}",
        ]), 0..24)) {
        let line: String = pieces.concat();
        proptest::prop_assert!(agrees(&line).is_ok(), "{}", agrees(&line).unwrap_err());
    }

    /// The usual shape with JSON's pieces in the id, the text and after it.
    #[test]
    fn any_piece_in_place_agrees_with_serde(parts in proptest::collection::vec(
        proptest::collection::vec(proptest::sample::select(vec![
            "{", "}", "[", "]", ",", ":", " ", "\"", "\\", "\"x\"", "a", "\\n", "\\u00e9",
            "\\ud83d", "\\ude00", "\\u", "0", "1", "-", ".", "e", "null", "\t", "\u{1f}",
        ]), 0..6).prop_map(|p| p.concat()), 3)) {
        let line = format!(r#"{{"id":{},"text":"{}"{}}}"#, parts[0], parts[1], parts[2]);
        proptest::prop_assert!(agrees(&line).is_ok(), "{}", agrees(&line).unwrap_err());
    }

    /// Lines of the usual shape around any text.
    #[test]
    fn any_text_agrees_with_serde(text in "\\PC*|[\u{85}\u{2028}a\n\t\"\\\\/]*", id in 0u64..) {
        let line = serde_json::json!({ "id": id, "text": text.clone() }).to_string();
        proptest::prop_assert_eq!(agrees(&line), Ok(true));
        proptest::prop_assert_eq!(read(&line).map(|(_, t)| t), Some(text));
    }
}
