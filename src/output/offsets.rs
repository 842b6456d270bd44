//! Byte offsets to code points or UTF-16 code units.
//!
//! Wire copy is mostly ASCII, where every unit is one byte. So instead of counting units
//! from the start of the text for each offset, the text is scanned once for its non-ASCII
//! characters; each run of ASCII bytes between two of them loses a fixed number of bytes
//! (the shrink of the characters before it). ASCII text has no such characters and keeps
//! its offsets.

use crate::document::{Document, OffsetUnit};

/// Converts every byte offset of `doc` (into `text`) to `unit`.
pub(crate) fn convert_offsets(doc: &mut Document, text: &str, unit: OffsetUnit) {
    doc.offsets = unit;
    if unit == OffsetUnit::Bytes {
        return;
    }
    let Some(runs) = Runs::new(text, unit) else {
        return;
    };
    let mut cursor = runs.cursor();
    doc.for_each_offset(|o| *o = runs.convert(*o, &mut cursor));
}

/// The offsets after one non-ASCII character up to and including the start of the next
/// (or the end of the text): `lo..=hi`. Each loses `shrink`. Kept whole, with `lo`
/// worked out once, because offsets cross characters often (entities, quotes and their
/// cues lie on both sides of curly quotes and dashes) and a search lands on a run.
#[derive(Clone, Copy, Default)]
struct Run {
    lo: usize,
    hi: usize,
    /// Bytes minus units of the characters before the run.
    shrink: usize,
}

/// The runs of a text with non-ASCII characters, in text order; the last ends at the
/// end of the text.
struct Runs {
    runs: Vec<Run>,
    len: usize,
}

/// The run the last conversion fell in, and its index. Offsets come mostly in
/// increasing runs (sentences, then entities, ...), so nearly every offset falls in the
/// run of the one before: one compare and a subtraction, and a search only when it does
/// not. The run is kept as its start and width, the two numbers that compare needs.
struct Cursor {
    lo: usize,
    width: usize,
    shrink: usize,
    at: usize,
}

impl Cursor {
    fn on(runs: &[Run], at: usize) -> Cursor {
        let run = runs[at];
        Cursor {
            lo: run.lo,
            width: run.hi - run.lo,
            shrink: run.shrink,
            at,
        }
    }
}

impl Runs {
    /// The runs of `text`, or `None` when it is all ASCII (every offset is its own unit).
    fn new(text: &str, unit: OffsetUnit) -> Option<Runs> {
        let bytes = text.as_bytes();
        let mut start = first_non_ascii(bytes)?;
        // Room for the few dashes and curly quotes of a typical story.
        let mut runs = Vec::with_capacity(32);
        let mut run = Run::default();
        loop {
            runs.push(Run { hi: start, ..run });
            let len = utf8_len(bytes[start]);
            let units = match unit {
                OffsetUnit::Utf16 if len == 4 => 2,
                _ => 1,
            };
            run.lo = start + len;
            run.shrink += len - units;
            match first_non_ascii(&bytes[run.lo..]) {
                Some(skip) => start = run.lo + skip,
                None => break,
            }
        }
        runs.push(Run {
            hi: bytes.len(),
            ..run
        });
        Some(Runs {
            runs,
            len: bytes.len(),
        })
    }

    /// A cursor on the first run.
    fn cursor(&self) -> Cursor {
        Cursor::on(&self.runs, 0)
    }

    /// The unit offset of byte offset `byte`.
    #[inline(always)]
    fn convert(&self, byte: usize, cursor: &mut Cursor) -> usize {
        // `wrapping_sub`: one unsigned compare tests both ends of the run.
        if byte.wrapping_sub(cursor.lo) <= cursor.width {
            return byte - cursor.shrink;
        }
        // `seek` hands back the moved cursor rather than writing through a reference,
        // so that the cursor can live in registers.
        let (units, moved) = self.seek(byte, cursor.at);
        *cursor = moved;
        units
    }

    /// [`convert`](Self::convert) outside the run `at` of the cursor: finds the run of
    /// `byte` and moves the cursor there. An offset inside a character (no stage makes
    /// one) counts that whole character, and one past the text counts all of it, as a
    /// walk over the characters would.
    #[inline(never)]
    fn seek(&self, byte: usize, at: usize) -> (usize, Cursor) {
        let byte = byte.min(self.len);
        let runs = &self.runs[..];
        // The run of `byte` is the first that ends at or after it. Offsets mostly move
        // forward past a character or two: a step a run (the last run ends at the end
        // of the text, so the walk stops); back, a binary search.
        let at = if runs[at].hi < byte {
            let mut at = at + 1;
            while runs[at].hi < byte {
                at += 1;
            }
            at
        } else {
            runs[..at].partition_point(|run| run.hi < byte)
        };
        let run = runs[at];
        (byte.max(run.lo) - run.shrink, Cursor::on(runs, at))
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
            // Dense and sparse non-ASCII stretches, over several blocks.
            text in "([a-z ]{0,70}[–é😀\u{2028}]{0,3}){0,6}",
            unit in proptest::sample::select(vec![OffsetUnit::Codepoints, OffsetUnit::Utf16]),
        ) {
            let runs = Runs::new(&text, unit);
            let mut cursor = runs.as_ref().map(Runs::cursor);
            // Forward, then backward, then jumping about: the cursor must not matter.
            let n = text.len() + 2;
            let bytes = (0..=n).chain((0..=n).rev()).chain((0..=n).map(|i| i * 7 % (n + 1)));
            for byte in bytes {
                let units = match (&runs, &mut cursor) {
                    (Some(runs), Some(cursor)) => runs.convert(byte, cursor),
                    _ => byte.min(text.len()),
                };
                proptest::prop_assert_eq!(
                    units,
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
