//! Lines: where the paragraphs of a story are. Wire copy puts one paragraph on a line.

use std::ops::Range;

#[cfg(target_arch = "x86_64")]
use memchr::arch::x86_64::avx2::memchr::Two;

/// The search for line ends, set up once per [`LayoutParser`](super::LayoutParser):
/// `memchr::memchr2` checks the CPU, calls through a function pointer and splats the
/// needles on every call, a good part of its cost over a paragraph of a few hundred
/// bytes. With AVX2 the searcher is built once and called directly; elsewhere it is
/// `memchr2`.
#[derive(Clone, Copy, Debug)]
pub(super) struct LineEnds {
    #[cfg(target_arch = "x86_64")]
    avx2: Option<Two>,
}

impl LineEnds {
    pub(super) fn new() -> LineEnds {
        LineEnds {
            #[cfg(target_arch = "x86_64")]
            avx2: Two::new(b'\n', b'\r'),
        }
    }

    /// The first `\n` or `\r` in `hay`.
    #[inline]
    fn find(&self, hay: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(two) = &self.avx2 {
            return two.find(hay);
        }
        memchr::memchr2(b'\n', b'\r', hay)
    }
}

/// Byte ranges of the paragraphs of `text`: its lines (ended by `\r\n`, `\r` or `\n`)
/// without the white space around them, blank lines left out. The ASCII white space
/// before a paragraph, blank lines with it, is passed over byte by byte: a blank line
/// costs no search for its end, and a paragraph that starts with ASCII other than
/// white space needs no trim at its start.
pub(super) fn paragraphs<'a>(
    text: &'a str,
    ends: &'a LineEnds,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || loop {
        while bytes.get(pos).is_some_and(|&b| is_ascii_space(b)) {
            pos += 1;
        }
        if pos == bytes.len() {
            return None;
        }
        // Not a line end: those are white space.
        let end = ends.find(&bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let line = pos..end;
        // The line end is white space: the next line starts after it at the earliest.
        pos = (end + 1).min(bytes.len());
        if let Some(r) = trim(text, line) {
            return Some(r);
        }
    })
}

/// `range` of `text` without surrounding white space, or `None` when blank.
fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    // Most lines start and end with ASCII other than white space: nothing to trim,
    // nothing to decode.
    let solid = |b: &u8| b.is_ascii() && !is_ascii_space(*b);
    let bytes = &text.as_bytes()[range.clone()];
    if bytes.first().is_some_and(solid) && bytes.last().is_some_and(solid) {
        return Some(range);
    }
    let s = &text[range.clone()];
    let t = s.trim_start();
    let start = range.start + (s.len() - t.len());
    let t = t.trim_end();
    (!t.is_empty()).then(|| start..start + t.len())
}

pub(super) use crate::simd16::is_ascii_space;

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte ranges of the lines of `text`, line ends (`\r\n`, `\r`, `\n`) excluded.
    fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
        let bytes = text.as_bytes();
        let mut start = 0;
        std::iter::from_fn(move || {
            if start > bytes.len() || (start == bytes.len() && start > 0) {
                return None;
            }
            let line_start = start;
            match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
                Some(i) => {
                    let end = start + i;
                    start = end + 1;
                    if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                        start += 1;
                    }
                    Some(line_start..end)
                }
                None => {
                    start = bytes.len() + 1;
                    Some(line_start..bytes.len())
                }
            }
        })
    }

    /// The paragraphs as every line, trimmed: what [`paragraphs`] must agree with.
    fn reference(text: &str) -> Vec<Range<usize>> {
        lines(text)
            .filter_map(|line| trim_reference(text, line))
            .collect()
    }

    fn trim_reference(text: &str, range: Range<usize>) -> Option<Range<usize>> {
        let s = &text[range.clone()];
        let t = s.trim_start();
        let start = range.start + (s.len() - t.len());
        let t = t.trim_end();
        (!t.is_empty()).then(|| start..start + t.len())
    }

    #[test]
    fn paragraphs_are_the_trimmed_non_blank_lines() {
        for text in [
            "",
            "\n",
            "a",
            "a\r\nb\rc\n\nd",
            "  One line.  \r\n \t \r\nTwo lines.\rThree.\n",
            "\u{A0}\n\u{2028}x\u{2028}\r\n\u{3000}\n \u{A0} y \u{A0}\n\n\n",
            "\x0B\x0Cz\x0B\n\r\r\n\n\t“Quoted.”\t\n—\n",
            "end without a line end  ",
        ] {
            assert_eq!(
                paragraphs(text, &LineEnds::new()).collect::<Vec<_>>(),
                reference(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_line_end_ends_a_line() {
        let text = "a\r\nb\rc\n\nd";
        let got: Vec<_> = lines(text).map(|r| &text[r]).collect();
        assert_eq!(got, ["a", "b", "c", "", "d"]);
        assert_eq!(lines("").count(), 1);
        assert_eq!(lines("x\n").map(|r| r.len()).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn lines_trim_as_str_trim_does() {
        let text = " a \u{A0}b\u{A0} c é ”x” \t";
        for start in 0..=text.len() {
            for end in start..=text.len() {
                if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                    continue;
                }
                let want = text[start..end].trim();
                let got = trim(text, start..end).map_or("", |r| &text[r]);
                assert_eq!(trim(text, start..end), trim_reference(text, start..end));
                assert_eq!(got, want, "{start}..{end}");
            }
        }
    }
}
