//! Byte offsets to code points or UTF-16 code units.
//!
//! Wire copy is mostly ASCII, where every unit is one byte. So instead of counting units
//! from the start of the text for each offset, the text is scanned once for its non-ASCII
//! characters, each recorded with how many bytes more than units the text has up to and
//! including it; an offset then loses the shrink of the characters before it. ASCII text
//! has an empty list and keeps its offsets.

use crate::document::{Document, OffsetUnit};

/// Converts every byte offset of `doc` (into `text`) to `unit`.
pub(crate) fn convert_offsets(doc: &mut Document, text: &str, unit: OffsetUnit) {
    doc.offsets = unit;
    if unit == OffsetUnit::Bytes {
        return;
    }
    let shrinks = Shrinks::new(text, unit);
    if shrinks.is_identity() {
        return;
    }
    let mut cursor = Cursor::default();
    doc.for_each_offset(|o| *o = shrinks.convert(text, *o, &mut cursor));
}

/// The non-ASCII characters of a text: `(byte start, bytes minus units up to and
/// including this character)`, in text order.
struct Shrinks(Vec<(usize, usize)>);

/// The run of ASCII bytes the last conversion fell in: every offset in `lo..hi` is a
/// character boundary and loses the same `shrink`. Offsets come mostly in increasing
/// runs (sentences, then entities, ...) and news text has a few non-ASCII characters a
/// story, so nearly every offset falls in the run of the one before: one compare and a
/// subtraction, and a search only when it does not.
#[derive(Default)]
struct Cursor {
    lo: usize,
    hi: usize,
    shrink: usize,
    /// The index in the list of the character that ends the run (`hi - 1` is its
    /// start): the run after this one ends at the character after it.
    next: usize,
}

impl Shrinks {
    fn new(text: &str, unit: OffsetUnit) -> Shrinks {
        let bytes = text.as_bytes();
        let mut shrinks = Vec::new();
        let mut total = 0;
        let mut at = 0;
        while let Some(skip) = first_non_ascii(&bytes[at..]) {
            at += skip;
            let len = utf8_len(bytes[at]);
            let units = match unit {
                OffsetUnit::Utf16 if len == 4 => 2,
                _ => 1,
            };
            total += len - units;
            shrinks.push((at, total));
            at += len;
        }
        Shrinks(shrinks)
    }

    fn is_identity(&self) -> bool {
        self.0.is_empty()
    }

    /// The unit offset of byte offset `byte`. An offset inside a character (no stage
    /// makes one) counts that whole character, and one past the text counts all of it,
    /// as a walk over the characters would.
    #[inline(always)]
    fn convert(&self, text: &str, byte: usize, cursor: &mut Cursor) -> usize {
        // `wrapping_sub`: one unsigned compare tests both ends of the run.
        if byte.wrapping_sub(cursor.lo) < cursor.hi - cursor.lo {
            return byte - cursor.shrink;
        }
        self.seek(text, byte, cursor)
    }

    /// [`convert`](Self::convert) outside the cursor's run: finds the run of `byte` (the
    /// ASCII bytes between two listed characters, both ends included as offsets) and
    /// moves the cursor there.
    #[inline(never)]
    fn seek(&self, text: &str, byte: usize, cursor: &mut Cursor) -> usize {
        // Offsets mostly increase past one character at a time: the next run first.
        let next = cursor.next;
        if let Some(&(start, shrink)) = self.0.get(next) {
            let lo = start + utf8_len(text.as_bytes()[start]);
            let hi = self.0.get(next + 1).map_or(text.len(), |&(start, _)| start) + 1;
            if byte.wrapping_sub(lo) < hi - lo {
                *cursor = Cursor {
                    lo,
                    hi,
                    shrink,
                    next: next + 1,
                };
                return byte - shrink;
            }
        }
        self.search(text, byte, cursor)
    }

    /// [`seek`](Self::seek) by a binary search over the list.
    fn search(&self, text: &str, byte: usize, cursor: &mut Cursor) -> usize {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte += 1;
        }
        let before = self.0.partition_point(|&(start, _)| start < byte);
        let (lo, shrink) = match before.checked_sub(1) {
            Some(last) => {
                let (start, shrink) = self.0[last];
                (start + utf8_len(text.as_bytes()[start]), shrink)
            }
            None => (0, 0),
        };
        // The next listed character's start is still an offset of this run; a byte
        // inside it is not.
        let hi = self.0.get(before).map_or(text.len(), |&(start, _)| start) + 1;
        *cursor = Cursor {
            lo,
            hi,
            shrink,
            next: before,
        };
        byte - shrink
    }
}

/// The index of the first byte >= 0x80. Most texts have few, far apart: blocks of
/// sixty-four bytes are tested with `is_ascii` (which the standard library reads a
/// word or a vector at a time), and only a block that fails is looked into, eight
/// bytes at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(64);
    let mut base = 0;
    for chunk in &mut chunks {
        if !chunk.is_ascii() {
            return Some(base + first_high_byte(chunk));
        }
        base += 64;
    }
    let tail = chunks.remainder();
    tail.iter().position(|&b| b >= 0x80).map(|i| base + i)
}

/// The index of the first byte >= 0x80 of `chunk` (64 bytes, not all ASCII): the
/// first word with a high bit set, then that bit, where a byte loop would take a
/// branch per byte.
fn first_high_byte(chunk: &[u8]) -> usize {
    use crate::swar::{self, HIGH};
    let mut i = 0;
    while let Some(word) = swar::load(chunk, i) {
        let high = word & HIGH;
        if high != 0 {
            return i + swar::first(high);
        }
        i += 8;
    }
    // Not reached for a chunk that is not all ASCII.
    chunk.len()
}

/// The length of the UTF-8 sequence that `lead` starts (`lead` >= 0xC0 in valid text).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
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

    /// The conversion as a walk over the characters: what `convert` must agree with.
    fn walk(text: &str, byte: usize, unit: OffsetUnit) -> usize {
        let mut units = 0;
        for (at, c) in text.char_indices() {
            if at >= byte {
                break;
            }
            units += match unit {
                OffsetUnit::Utf16 => c.len_utf16(),
                OffsetUnit::Bytes => c.len_utf8(),
                _ => 1,
            };
        }
        units
    }

    proptest::proptest! {
        #[test]
        fn every_byte_offset_converts_as_a_walk_would(
            text in "[a-z –é😀\u{2028}]{0,40}",
            unit in proptest::sample::select(vec![OffsetUnit::Codepoints, OffsetUnit::Utf16]),
        ) {
            let shrinks = Shrinks::new(&text, unit);
            let mut cursor = Cursor::default();
            // Forward, then backward, then jumping about: the cursor must not matter.
            let n = text.len() + 2;
            let bytes = (0..=n).chain((0..=n).rev()).chain((0..=n).map(|i| i * 7 % (n + 1)));
            for byte in bytes {
                proptest::prop_assert_eq!(
                    shrinks.convert(&text, byte, &mut cursor),
                    walk(&text, byte, unit),
                    "byte {}", byte
                );
            }
        }
    }

    #[test]
    fn the_first_non_ascii_byte_is_found_in_any_position() {
        for len in 0..140 {
            let mut bytes = vec![b'a'; len];
            assert_eq!(first_non_ascii(&bytes), None);
            for at in 0..len {
                // Alone, then with a later one in the same or the next word.
                for also in [
                    at,
                    (at + 1).min(len - 1),
                    (at + 9).min(len - 1),
                    (at + 33).min(len - 1),
                    (at + 65).min(len - 1),
                ] {
                    bytes[also] = 0xA9;
                    bytes[at] = 0xC3;
                    assert_eq!(first_non_ascii(&bytes), Some(at), "len {len}");
                    bytes[also] = b'a';
                    bytes[at] = b'a';
                }
            }
        }
    }
}
