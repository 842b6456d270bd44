//! From stage results to the output: offsets converted once, error records, and the
//! JSON / JSONL writers (serde's for any value, a hand-written one for
//! [`Document::append_json_line`](crate::Document::append_json_line)).

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

mod append;
mod json;
mod offsets;
mod sink;

use sink::Sink;

pub(crate) use offsets::convert_offsets;

/// The record written for an input that could not be processed.
///
/// ```
/// let rec = wirex::ErrorRecord::new(serde_json::json!(7), "invalid_json", "expected value at column 1");
/// assert_eq!(
///     serde_json::to_string(&rec).unwrap(),
///     r#"{"id":7,"error":{"kind":"invalid_json","message":"expected value at column 1"}}"#
/// );
/// ```
#[derive(Clone, Debug, Serialize)]
pub struct ErrorRecord {
    pub id: serde_json::Value,
    pub error: ErrorBody,
}

/// The `error` object of an [`ErrorRecord`].
#[derive(Clone, Debug, Serialize)]
pub struct ErrorBody {
    pub kind: String,
    pub message: String,
}

impl ErrorRecord {
    /// A record for input `id` that failed with `kind` and `message`.
    pub fn new(id: serde_json::Value, kind: &str, message: impl Into<String>) -> ErrorRecord {
        ErrorRecord {
            id,
            error: ErrorBody {
                kind: kind.to_string(),
                message: message.into(),
            },
        }
    }
}

/// Writes `value` as one compact JSON line (newline included): the JSONL writer. For a
/// [`Document`](crate::Document), [`Document::append_json_line`](crate::Document::append_json_line)
/// writes the same bytes several times faster.
///
/// U+2028, U+2029 and U+0085 are escaped (`\u2028`): they are valid inside JSON strings,
/// but JavaScript before ES2019 and several line-oriented readers (Python's
/// `str.splitlines`, some Hadoop and Spark readers) treat them as line ends and would
/// cut a record in two.
///
/// ```
/// let mut out = Vec::new();
/// wirex::write_json_line(&mut out, &serde_json::json!({"text": "a\u{2028}b"})).unwrap();
/// assert_eq!(out, b"{\"text\":\"a\\u2028b\"}\n");
/// ```
pub fn write_json_line<W: io::Write, T: Serialize + ?Sized>(
    mut writer: W,
    value: &T,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut writer, LineSafe(CompactFormatter));
    value.serialize(&mut ser)?;
    writer.write_all(b"\n")
}

/// Appends `value` as compact line-safe JSON, without a newline: the hand-written
/// writer's way out for the rare values it leaves to serde.
fn write_compact<T: Serialize + ?Sized>(out: &mut Sink<'_>, value: &T) {
    out.append_with(|out| {
        let mut ser = serde_json::Serializer::with_formatter(out, LineSafe(CompactFormatter));
        // Writing to memory cannot fail, and these values (floats, JSON ids) always serialize.
        value.serialize(&mut ser).expect("serializing to memory");
    });
}

/// Writes `value` as indented JSON followed by a newline, with the same escapes as
/// [`write_json_line`].
pub fn write_json_pretty<W: io::Write, T: Serialize + ?Sized>(
    mut writer: W,
    value: &T,
) -> io::Result<()> {
    let formatter = LineSafe(PrettyFormatter::with_indent(b"  "));
    let mut ser = serde_json::Serializer::with_formatter(&mut writer, formatter);
    value.serialize(&mut ser)?;
    writer.write_all(b"\n")
}

/// Characters serde_json writes raw that line-oriented consumers split on, with their
/// escapes. All are outside ASCII, so structural JSON never contains them.
const LINE_BREAKS: &[(char, &[u8])] = &[
    ('\u{0085}', b"\\u0085"),
    ('\u{2028}', b"\\u2028"),
    ('\u{2029}', b"\\u2029"),
];

/// A formatter that lays out JSON as `F` does and escapes [`LINE_BREAKS`] in strings.
struct LineSafe<F>(F);

impl<F: Formatter> Formatter for LineSafe<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // U+0085 is C2 85 in UTF-8, U+2028/9 are E2 80 A8/A9: only those lead bytes
        // need a second look, so plain text is written in one call.
        let bytes = fragment.as_bytes();
        let mut written = 0;
        let mut i = 0;
        while let Some(off) = memchr::memchr2(0xC2, 0xE2, &bytes[i..]) {
            let at = i + off;
            let ch = fragment[at..].chars().next().unwrap_or_default();
            i = at + ch.len_utf8().max(1);
            if let Some((_, escape)) = LINE_BREAKS.iter().find(|(c, _)| *c == ch) {
                writer.write_all(&bytes[written..at])?;
                writer.write_all(escape)?;
                written = i;
            }
        }
        writer.write_all(&bytes[written..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write_json_line(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn line_breaks_are_escaped_and_everything_else_kept() {
        use serde_json::json;
        for (text, want) in [
            ("plain", r#""plain""#),
            ("a\u{2028}b", r#""a\u2028b""#),
            ("\u{2029}", r#""\u2029""#),
            ("x\u{85}y\u{85}", r#""x\u0085y\u0085""#),
            ("é – ‘’ “” 😀 \u{a0}", "\"é – ‘’ “” 😀 \u{a0}\""),
            ("\u{2027}\u{202a}\u{84}", "\"\u{2027}\u{202a}\u{84}\""),
            ("tab\tquote\"nl\n", r#""tab\tquote\"nl\n""#),
            ("", r#""""#),
        ] {
            assert_eq!(line(&json!(text)), format!("{want}\n"), "{text:?}");
            assert_eq!(
                line(&json!({ text: 1 })),
                format!("{{{want}:1}}\n"),
                "key {text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_makes_one_line_that_reads_back(text in "\\PC*|[\u{85}\u{2028}\u{2029}a\n\"]*") {
            let value = serde_json::json!({ "id": text.clone(), "t": [text] });
            let out = line(&value);
            let raw_breaks = out.contains(['\u{85}', '\u{2028}', '\u{2029}']);
            proptest::prop_assert!(!raw_breaks, "{}", out);
            proptest::prop_assert_eq!(out.matches('\n').count(), 1);
            proptest::prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), value);
        }
    }

    #[test]
    fn escaped_output_reads_back_to_the_same_value() {
        let value = serde_json::json!({"id": [1, null, true], "t": "\u{2028}\u{85}\u{2029}–"});
        let compact = line(&value);
        assert_eq!(compact.lines().count(), 1);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&compact).unwrap(),
            value
        );
        let mut pretty = Vec::new();
        write_json_pretty(&mut pretty, &value).unwrap();
        let pretty = String::from_utf8(pretty).unwrap();
        assert!(pretty.contains("\n  \"id\": [\n    1,"), "{pretty}");
        assert!(pretty.contains(r"\u2028\u0085\u2029"), "{pretty}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&pretty).unwrap(),
            value
        );
    }
}
