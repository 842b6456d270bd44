//! From stage results to the output: offsets converted once, error records.

use serde::Serialize;

use crate::document::{Document, OffsetUnit};

/// Converts every byte offset of `doc` (into `text`) to `unit`, in one walk of the text.
pub(crate) fn convert_offsets(doc: &mut Document, text: &str, unit: OffsetUnit) {
    doc.offsets = unit;
    if unit == OffsetUnit::Bytes {
        return;
    }
    let mut offsets = Vec::new();
    doc.for_each_offset(|o| offsets.push(*o));
    offsets.sort_unstable();
    offsets.dedup();
    // Walk the text once, recording the unit index of each wanted byte offset.
    let mut converted = Vec::with_capacity(offsets.len());
    let (mut byte, mut units) = (0usize, 0usize);
    let mut chars = text.chars();
    for &want in &offsets {
        while byte < want {
            match chars.next() {
                Some(c) => {
                    byte += c.len_utf8();
                    units += match unit {
                        OffsetUnit::Utf16 => c.len_utf16(),
                        _ => 1,
                    };
                }
                None => break,
            }
        }
        converted.push(units);
    }
    doc.for_each_offset(|o| {
        let i = offsets.binary_search(o).expect("offset was collected");
        *o = converted[i];
    });
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Paragraph;

    #[test]
    fn offsets_convert_to_code_points_and_utf16() {
        let text = "–😀a b";
        let a = text.find('a').unwrap();
        let mut doc = Document::empty();
        doc.paragraphs.push(Paragraph {
            start: a,
            end: text.len(),
            ..Default::default()
        });
        let mut cp = doc.clone();
        convert_offsets(&mut cp, text, OffsetUnit::Codepoints);
        assert_eq!((cp.paragraphs[0].start, cp.paragraphs[0].end), (2, 5));
        convert_offsets(&mut doc, text, OffsetUnit::Utf16);
        assert_eq!((doc.paragraphs[0].start, doc.paragraphs[0].end), (3, 6));
        assert_eq!(doc.offsets, OffsetUnit::Utf16);
    }
}
