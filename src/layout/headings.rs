//! Headings: the shape of a headline or a subheading, read from one line.

use super::lines::is_ascii_space;
use crate::simd16;
use crate::swar::{self, HIGH};

/// A heading is a short line: at most this many bytes and words.
const HEADING_MAX_BYTES: usize = 160;
const HEADING_MAX_WORDS: usize = 20;

/// A line ending in one of these is a sentence, not a heading (also inside a closing
/// quote or bracket: `... he said “no.”`).
pub(super) const FINAL_PUNCTUATION: &[char] = &['.', '?', '!', ':', ';', ',', '…'];
const CLOSING_MARKS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

/// A set of chars with a table of its ASCII members, for [`ends_with_one_of`].
struct CharSet {
    chars: &'static [char],
    ascii: [bool; 128],
}

impl CharSet {
    const fn new(chars: &'static [char]) -> CharSet {
        let mut ascii = [false; 128];
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_ascii() {
                ascii[chars[i] as usize] = true;
            }
            i += 1;
        }
        CharSet { chars, ascii }
    }
}

static FINAL: CharSet = CharSet::new(FINAL_PUNCTUATION);
static CLOSING: CharSet = CharSet::new(CLOSING_MARKS);
static BULLETS: CharSet = CharSet::new(LIST_BULLETS);

/// A line with a quoted sentence in it is a pull quote or a lead, not a heading:
/// `"So far, it's the Internet: 1. But it's a long game." - Matthew Ingram`.
const QUOTED_STOPS: &[&str] = &[".\"", ".”", "?\"", "?”", "!\"", "!”"];

/// A line starting with one of these is a list item, not a heading.
const LIST_BULLETS: &[char] = &['-', '*', '•', '–', '—', '·', '▪', '◦', '‣', '⁃'];

/// A short line without final punctuation that starts with a capital (or a digit or
/// a mark before one): the shape of a headline or a subheading.
///
/// Every test must pass, so the cheap ones come first: most lines are story text,
/// too long for a heading or ending in a stop, and are ruled out without a walk over
/// their words.
pub(super) fn is_heading_shaped(line: &str) -> bool {
    if line.len() > HEADING_MAX_BYTES || ends_with_one_of(line, &FINAL) {
        return false;
    }
    let bare = if ends_with_one_of(line, &CLOSING) {
        line.trim_end_matches(CLOSING_MARKS)
    } else {
        line
    };
    if ends_with_one_of(bare, &FINAL) || starts_with_one_of(line, &BULLETS) {
        return false;
    }
    let Some(first) = line.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    !first.is_lowercase() && !has_quoted_stop(line) && !has_more_words(line, HEADING_MAX_WORDS)
}

/// Whether `line` has more than `limit` words (runs of non-white-space), as
/// `split_whitespace` counts them; ASCII is counted sixteen bytes at a time, then
/// eight, not decoded, and the count stops once past `limit`.
fn has_more_words(line: &str, limit: usize) -> bool {
    let b = line.as_bytes();
    // Words and the white space between them take a byte each at least.
    if b.len() <= 2 * limit {
        return false;
    }
    // Beyond ASCII, only a white space character splits words differently from the
    // bytes counted below (which take every non-ASCII byte for a letter); curly quotes
    // and dashes do not. Such a space is looked for in the same pass, in the blocks
    // that have bytes beyond ASCII: counting on past it would count too few words, so
    // a count past `limit` still holds, and otherwise the words are split as `str`
    // splits them.
    let exact = || line.split_whitespace().count() > limit;
    // A word starts at a non-space byte that is first or follows a space. Bit `k` of
    // `before` says whether the byte before byte `k` is a space; the byte before the
    // line counts as one. Headlines run to some ninety bytes: most of one is read a
    // register at a time, a third of the instructions of eight-byte blocks.
    let mut words = 0;
    let mut after_space = 1;
    let mut i = 0;
    while let Some(chunk) = b[i..].first_chunk::<16>() {
        let (spaces, high) = (simd16::whitespace(chunk), simd16::non_ascii(chunk));
        if high != 0 && has_unicode_space_among(b, i, high) {
            return exact();
        }
        let before = spaces << 1 | after_space;
        words += (!spaces & before & 0xFFFF).count_ones() as usize;
        if words > limit {
            return true;
        }
        after_space = spaces >> 15;
        i += 16;
    }
    // The rest as eight-byte blocks: there the high bit of each byte of `before` says
    // whether the byte before it is a space.
    let mut last_spaces = u64::from(after_space) << 63;
    while let Some(x) = swar::load(b, i) {
        if x & HIGH != 0 && has_unicode_space_in(b, i, x) {
            return exact();
        }
        let spaces = swar::spaces(x);
        let before = spaces << 8 | last_spaces >> 56;
        words += swar::count(!spaces & before & HIGH);
        if words > limit {
            return true;
        }
        last_spaces = spaces;
        i += 8;
    }
    if (i..b.len()).any(|k| unicode_space_at(b, k)) {
        return exact();
    }
    let mut after_space = i == 0 || is_ascii_space(b[i - 1]);
    for &c in &b[i..] {
        let space = is_ascii_space(c);
        words += usize::from(after_space & !space);
        after_space = space;
    }
    words > limit
}

/// Whether a white space character beyond ASCII (U+0085, U+00A0, U+1680, U+2000 to
/// U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) starts at byte `k` of `b`.
fn unicode_space_at(b: &[u8], k: usize) -> bool {
    match b[k] {
        0xC2 => matches!(b.get(k + 1), Some(0x85 | 0xA0)),
        0xE1 => b.get(k + 1..k + 3) == Some(&[0x9A, 0x80]),
        0xE2 => matches!(
            b.get(k + 1..k + 3),
            Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F])
        ),
        0xE3 => b.get(k + 1..k + 3) == Some(&[0x80, 0x80]),
        _ => false,
    }
}

/// Whether one of the bytes of `b` from `i` on marked in `high` (bit `k` for byte
/// `i + k`) starts a white space character.
fn has_unicode_space_among(b: &[u8], i: usize, mut high: u32) -> bool {
    while high != 0 {
        if unicode_space_at(b, i + high.trailing_zeros() as usize) {
            return true;
        }
        high &= high - 1;
    }
    false
}

/// Whether one of the bytes beyond ASCII of the block `x`, at byte `i` of `b`, starts
/// a white space character.
fn has_unicode_space_in(b: &[u8], i: usize, x: u64) -> bool {
    let mut high = x & HIGH;
    while high != 0 {
        if unicode_space_at(b, i + swar::first(high)) {
            return true;
        }
        high &= high - 1;
    }
    false
}

/// Whether `b` holds a white space character beyond ASCII. ASCII is passed over
/// eight bytes at a time.
#[cfg(test)]
fn has_unicode_space(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(x) = swar::load(b, i) {
        if has_unicode_space_in(b, i, x) {
            return true;
        }
        i += 8;
    }
    (i..b.len()).any(|k| unicode_space_at(b, k))
}

/// `s.starts_with(set.chars)`, with an ASCII first byte decided by one look-up.
fn starts_with_one_of(s: &str, set: &CharSet) -> bool {
    match s.as_bytes().first() {
        None => false,
        Some(&b) if b.is_ascii() => set.ascii[usize::from(b & 0x7F)],
        Some(_) => s.starts_with(set.chars),
    }
}

/// `s.ends_with(set.chars)`, with an ASCII last byte decided by one look-up: no
/// search through the set, whose length depends on which char the line ends with.
fn ends_with_one_of(s: &str, set: &CharSet) -> bool {
    match s.as_bytes().last() {
        None => false,
        Some(&b) if b.is_ascii() => set.ascii[usize::from(b & 0x7F)],
        Some(_) => s.ends_with(set.chars),
    }
}

/// Whether one of [`QUOTED_STOPS`] is in `line`: one pass over its stops instead of a
/// search per pattern.
fn has_quoted_stop(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr3_iter(b'.', b'?', b'!', b).any(|i| {
        let rest = &line[i + 1..];
        QUOTED_STOPS
            .iter()
            .any(|q| q.as_bytes()[0] == b[i] && rest.starts_with(&q[1..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_char_set_ends_and_starts_a_string_as_the_str_tests_say() {
        for set in [&FINAL, &CLOSING, &BULLETS] {
            for c in ('\0'..='\u{FF}').chain(set.chars.iter().copied()) {
                for s in [c.to_string(), format!("ab{c}"), format!("{c}x")] {
                    assert_eq!(ends_with_one_of(&s, set), s.ends_with(set.chars), "{s:?}");
                    assert_eq!(
                        starts_with_one_of(&s, set),
                        s.starts_with(set.chars),
                        "{s:?}"
                    );
                }
            }
            assert!(!ends_with_one_of("", set));
            assert!(!starts_with_one_of("", set));
        }
    }

    #[test]
    fn heading_shapes() {
        #[rustfmt::skip]
        let cases = [
            ("Going to war for Russian citizenship", true),
            ("US denounces Chinese aid to Russia", true),
            ("Biden calls it “a disgrace”", true),
            ("2025 in review", true),
            ("“We will win.” - Volodymyr Zelenskyy", false),
            ("He said it was over.", false),
            ("What happens next?", false),
            ("The key points:", false),
            ("He said: “We will win.”", false),
            ("lowercase start of a broken line", false),
            ("", false),
            ("—", false),
            ("A very long line that goes on and on with many words so that it cannot be a heading at all in any story", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_heading_shaped(line), want, "{line:?}");
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for line in [
            "",
            " ",
            "a",
            " a  b\t\x0Bc\r\n",
            "a\u{A0}b c",
            "x\u{1C}y z",
            "é é é",
            // Eight bytes at a time: words across blocks, spaces at block edges.
            "Ukraine captures two Chinese fighters",
            "abcdefg hijklmno pqrstuvw xyz",
            "abcdefgh ijklmnop",
            "       a        b       c",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "\t\tone\x0Btwo\x0Cthree\rfour\nfive six seven eight",
            // Beyond ASCII: white space of every length, and look-alikes that are not.
            "“Quoted” words – and dashes — and more … words here and there and on",
            "a\u{85}b\u{A0}c\u{1680}d\u{2000}e\u{200A}f\u{2028}g\u{2029}h\u{202F}i\u{205F}j\u{3000}k",
            "a\u{200B}b\u{2060}c\u{180E}d\u{FEFF}e\u{2010}f\u{201C}g\u{3001}h\u{00A9}i x y z w",
            "\u{3000}\u{3000}a b c d e f g h i j k l m n o p q r s t u v w\u{A0}x",
            "abcdefg\u{A0}hijklmno\u{2028}pqrstuvw xyz a b c d e f g h i j k l m n o p",
        ] {
            let n = line.split_whitespace().count();
            for limit in 0..30 {
                assert_eq!(has_more_words(line, limit), n > limit, "{line:?} {limit}");
            }
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them_in_any_mix() {
        // Lines of every length up to five blocks of sixteen, of letters, ASCII white
        // space and chars beyond ASCII (white space or not) drawn in turn by a fixed
        // generator: words and spaces across every block edge.
        const PIECES: &[&str] = &[
            "a", "b", " ", " ", "\t", "\n", "\x0B", "é", "\u{A0}", "“", "\u{3000}", "xy",
        ];
        let mut seed = 12345u32;
        for len in 0..80 {
            for _ in 0..12 {
                let mut line = String::new();
                while line.len() < len {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    line.push_str(PIECES[(seed >> 16) as usize % PIECES.len()]);
                }
                let n = line.split_whitespace().count();
                for limit in 0..30 {
                    assert_eq!(has_more_words(&line, limit), n > limit, "{line:?} {limit}");
                }
            }
        }
    }

    #[test]
    fn unicode_spaces_are_found_in_any_position() {
        let spaces: Vec<char> = ('\u{80}'..='\u{FFFF}')
            .filter(|c| c.is_whitespace())
            .collect();
        for c in ('\u{80}'..='\u{FFFF}')
            .step_by(7)
            .chain(spaces.iter().copied())
        {
            for pad in 0..10 {
                let line = format!("{}{c}{}", "a".repeat(pad), "b".repeat(pad % 3));
                assert_eq!(
                    has_unicode_space(line.as_bytes()),
                    c.is_whitespace(),
                    "{c:?} {pad}"
                );
            }
        }
    }
}
