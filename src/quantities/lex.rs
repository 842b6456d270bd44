//! Byte-level helpers to step over words and spaces around a number.
//!
//! The quantity rules look at a handful of words on each side of a number, so they
//! walk the bytes directly instead of tokenizing the whole story: no allocation, and
//! every position returned is an ASCII boundary or the edge of a non-ASCII char.

use crate::{phf, simd16};

/// True when no letter or digit touches `at` from the left.
#[inline]
pub(crate) fn boundary_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => true,
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => non_ascii_boundary_before(text, at),
    }
}

#[cold]
#[inline(never)]
fn non_ascii_boundary_before(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(is_word_char)
}

/// A letter or digit; punctuation from the General Punctuation block (curly quotes,
/// dashes) is answered without the Unicode tables.
#[inline]
fn is_word_char(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// True when no letter or digit touches `at` from the right.
#[inline]
pub(crate) fn boundary_after(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => true,
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => non_ascii_boundary_after(text, at),
    }
}

/// [`boundary_after`] at a non-ASCII byte: rare, and out of line, so that the ASCII
/// test is inlined where a word's end is checked (the decoding kept it a call).
#[cold]
#[inline(never)]
fn non_ascii_boundary_after(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_char)
}

/// Skips spaces and tabs (not line breaks: a quantity never crosses a paragraph).
///
/// Words are mostly apart by one space or none, and which of the two is as good as
/// random: the first two bytes are stepped over by adding their tests, with no
/// branch, and only a third space takes the loop.
#[inline]
pub(crate) fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    i += usize::from(space_at(b, i));
    let second = space_at(b, i);
    i += usize::from(second);
    if second {
        while space_at(b, i) {
            i += 1;
        }
    }
    i
}

/// True when `b[i]` is a space or a tab: a table lookup, no branch on the byte.
#[inline(always)]
fn space_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|&c| SPACE_OR_TAB[usize::from(c)])
}

/// The bytes [`skip_spaces`] steps over.
static SPACE_OR_TAB: [bool; 256] = {
    let mut table = [false; 256];
    table[b' ' as usize] = true;
    table[b'\t' as usize] = true;
    table
};

/// True when the first byte after the spaces at `i` is the lowercase letter `c` in
/// either case: one byte that rules out most words before one is read.
#[inline]
pub(crate) fn next_begins(b: &[u8], i: usize, c: u8) -> bool {
    b.get(skip_spaces(b, i)).is_some_and(|&x| x | 0x20 == c)
}

/// Skips spaces and tabs backwards from `i` (exclusive end), as [`skip_spaces`]
/// does forwards: two bytes without a branch, a loop only from the third.
#[inline]
pub(crate) fn skip_spaces_back(b: &[u8], mut i: usize) -> usize {
    i -= usize::from(space_before(b, i));
    let second = space_before(b, i);
    i -= usize::from(second);
    if second {
        while space_before(b, i) {
            i -= 1;
        }
    }
    i
}

/// True when `b[i - 1]` is a space or a tab (false at the start of the text).
#[inline(always)]
fn space_before(b: &[u8], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|j| space_at(b, j))
}

/// The end of the run of ASCII letters starting at `i`: sixteen bytes in one mask
/// ([`simd16::letter_run`]), so that a word's length takes no branch (with eight
/// bytes at a time, "is the word eight letters or more?" went either way at random).
#[inline]
pub(crate) fn letters_end(b: &[u8], i: usize) -> usize {
    match b.get(i..).and_then(<[u8]>::first_chunk::<16>) {
        Some(chunk) => match simd16::letter_run(chunk) {
            16 => long_letters_end(b, i + 16),
            n => i + n,
        },
        None => letters_end_bytewise(b, i),
    }
}

/// [`letters_end`] past sixteen letters: rare, a loop of masks.
#[cold]
#[inline(never)]
fn long_letters_end(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<16>) {
        let n = simd16::letter_run(chunk);
        if n < 16 {
            return i + n;
        }
        i += 16;
    }
    letters_end_bytewise(b, i)
}

/// [`letters_end`] a byte at a time, for the last sixteen bytes of the text.
fn letters_end_bytewise(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// The start of the run of ASCII letters ending at `i` (exclusive), from the mask of
/// the sixteen bytes before it: the words before a number are read backwards as
/// often as those after it.
#[inline]
pub(crate) fn letters_start(b: &[u8], i: usize) -> usize {
    match i
        .checked_sub(16)
        .and_then(|s| b.get(s..i)?.first_chunk::<16>())
    {
        Some(chunk) => match letters_back(chunk) {
            16 => long_letters_start(b, i - 16),
            n => i - n,
        },
        None => letters_start_bytewise(b, i),
    }
}

/// How many ASCII letters `chunk` ends with: 16 when all are. (The mask shifted
/// to the top: the sixteen zeros below stop the count of its leading ones.)
#[inline(always)]
fn letters_back(chunk: &[u8; 16]) -> usize {
    (!(simd16::letters(chunk) << 16)).leading_zeros() as usize
}

/// [`letters_start`] past sixteen letters: rare, a loop of masks.
#[cold]
#[inline(never)]
fn long_letters_start(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = i
        .checked_sub(16)
        .and_then(|s| b.get(s..i)?.first_chunk::<16>())
    {
        let n = letters_back(chunk);
        if n < 16 {
            return i - n;
        }
        i -= 16;
    }
    letters_start_bytewise(b, i)
}

/// [`letters_start`] a byte at a time, for the first sixteen bytes of the text.
fn letters_start_bytewise(b: &[u8], mut i: usize) -> usize {
    while i > 0 && b[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    i
}

/// The bytes of a word of up to 16 letters in one number, lowercased, so that
/// comparing two words is one comparison; `u128::MAX` (no word) for a longer one.
/// Setting bit 5 lowercases an ASCII letter and turns no other byte into one (the
/// padding becomes spaces, which no letter folds to).
#[inline]
pub(crate) const fn fold_word(word: &[u8]) -> u128 {
    if word.len() > 16 {
        return u128::MAX;
    }
    let mut buf = [0u8; 16];
    buf.split_at_mut(word.len()).0.copy_from_slice(word);
    u128::from_le_bytes(buf) | u128::from_le_bytes([0x20; 16])
}

/// [`fold_word`] without a copy through a buffer: the word's bytes are read in a
/// few overlapping loads ([`phf::pack`]), for the lookups the rules make of words in
/// the text.
#[inline]
pub(crate) fn fold(word: &[u8]) -> u128 {
    const SPACES: u128 = u128::from_le_bytes([0x20; 16]);
    phf::pack(word).map_or(u128::MAX, |packed| packed | SPACES)
}

/// The ASCII word after optional spaces at `i`: `(start, end)`, or None when the next
/// thing is not a whole ASCII word.
pub(crate) fn word_after(text: &str, i: usize) -> Option<(usize, usize)> {
    word_at(text, skip_spaces(text.as_bytes(), i))
}

/// The ASCII word starting at `s` itself: [`word_after`] with no spaces to skip.
#[inline]
pub(crate) fn word_at(text: &str, s: usize) -> Option<(usize, usize)> {
    let e = letters_end(text.as_bytes(), s);
    (e > s && boundary_after(text, e)).then_some((s, e))
}

/// The ASCII word ending before `i` (after skipping spaces back): `(start, end)`.
///
/// Most are answered from the sixteen bytes before the word's end and no call: a
/// word of fewer than sixteen letters after an ASCII byte. A longer word, one near
/// the start of the text or after a non-ASCII byte takes [`word_ending_at`].
#[inline]
pub(crate) fn word_before(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let e = skip_spaces_back(b, i);
    match e
        .checked_sub(16)
        .and_then(|s| b.get(s..e)?.first_chunk::<16>())
    {
        Some(chunk) => {
            let n = letters_back(chunk);
            // The byte before the word (none in the chunk when all sixteen are letters).
            match chunk.get(15usize.wrapping_sub(n)) {
                Some(&c) if c < 0x80 => (n > 0 && !c.is_ascii_alphanumeric()).then_some((e - n, e)),
                _ => word_ending_at(text, e),
            }
        }
        None => word_ending_at(text, e),
    }
}

/// The ASCII word ending at `e`, for [`word_before`]'s rare cases.
#[cold]
#[inline(never)]
fn word_ending_at(text: &str, e: usize) -> Option<(usize, usize)> {
    let s = letters_start(text.as_bytes(), e);
    (s < e && boundary_before(text, s)).then_some((s, e))
}

/// True when `text[s..e]` equals `word` ignoring ASCII case.
#[inline]
pub(crate) fn word_is(text: &str, (s, e): (usize, usize), word: &str) -> bool {
    text.as_bytes()[s..e].eq_ignore_ascii_case(word.as_bytes())
}

/// True when `text[..i]` ends with the words of `phrase`, ignoring ASCII case and
/// the width of the spaces; returns where the phrase starts.
pub(crate) fn phrase_before(text: &str, i: usize, phrase: &[&str]) -> Option<usize> {
    let mut end = i;
    let mut start = i;
    for w in phrase.iter().rev() {
        let (s, e) = word_before(text, end)?;
        if !word_is(text, (s, e), w) {
            return None;
        }
        start = s;
        end = s;
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::swar;

    #[test]
    fn words_around_a_position() {
        let t = "paid  about $350 to";
        assert_eq!(word_before(t, 12), Some((6, 11)));
        assert_eq!(word_after(t, 16), Some((17, 19)));
        assert_eq!(
            phrase_before("at  least 155", 10, &["at", "least"]),
            Some(0)
        );
        assert_eq!(phrase_before("not least 155", 10, &["at", "least"]), None);
        assert!(!boundary_before("é5", 2));
        assert!(next_begins(b"5  And", 1, b'a') && next_begins(b"5 and", 1, b'a'));
        assert!(!next_begins(b"5 band", 1, b'a') && !next_begins(b"5 !", 1, b'a'));
        assert!(!next_begins(b"5", 1, b'a') && !next_begins(b"5 A", 1, b'!'));
        assert!(boundary_after("5,", 1));
        // Past ASCII: a letter touches, punctuation does not.
        assert!(!boundary_after("5é", 1) && !boundary_after("5\u{4e07}", 1));
        assert!(boundary_after("5\u{2019}s", 1) && boundary_after("5\u{a0}", 1));
    }

    /// The sixteen-byte answer is the general one at every position: words at the
    /// start of the text, of sixteen letters and more, after digits, non-ASCII
    /// letters and punctuation.
    #[test]
    fn word_before_is_the_general_answer() {
        let texts = [
            "paid  about $350 to",
            "ab 5",
            "internationally 5 abcdefghijklmnopq  7, and a 9",
            "caf\u{e9}s 5 na\u{ef}ve 6 \u{201c}about 7 \u{2014}nearly 8 x9 b2b 10",
            "   \t 12 rose\tby 13 e\u{301}t\u{e9} 14 12345678901234567 at least 15",
        ];
        for t in texts {
            for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                assert_eq!(
                    word_before(t, i),
                    word_ending_at(t, skip_spaces_back(t.as_bytes(), i)),
                    "{t:?} {i}"
                );
            }
        }
    }

    /// The branch-free steps skip what the byte loops they replace skip.
    #[test]
    fn spaces_skip_as_the_byte_loop() {
        let slow = |b: &[u8], mut i: usize| {
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            i
        };
        let slow_back = |b: &[u8], mut i: usize| {
            while i > 0 && (b[i - 1] == b' ' || b[i - 1] == b'\t') {
                i -= 1;
            }
            i
        };
        let texts: [&[u8]; 6] = [
            b"",
            b" ",
            b"a \t  b\n c",
            b"   ",
            b"5\t\t\tx ",
            b"x \xc2\xa0 y",
        ];
        for b in texts {
            for i in 0..=b.len() {
                assert_eq!(skip_spaces(b, i), slow(b, i), "{b:?} {i}");
                assert_eq!(skip_spaces_back(b, i), slow_back(b, i), "{b:?} {i}");
            }
        }
    }

    /// The loads give the bytes the buffer copy gives, at every length.
    #[test]
    fn fold_is_fold_word() {
        let bytes: Vec<u8> = (0..40u8).map(|i| i.wrapping_mul(37) ^ 0xa5).collect();
        for n in 0..=20 {
            for start in 0..4 {
                let word = &bytes[start..start + n];
                assert_eq!(fold(word), fold_word(word), "{word:?}");
            }
        }
        assert_eq!(fold(b"Seven"), fold_word(b"seven"));
    }

    #[test]
    fn classes_eight_at_a_time() {
        for c in 0..=255u8 {
            let chunk = [c, b'a', c, 0, c, b'Z', 0xff, b'9'];
            let x = u64::from_le_bytes(chunk);
            let want = chunk.map(|c| c.is_ascii_alphabetic());
            let got = swar::letters(x).to_le_bytes().map(|m| m == 0x80);
            assert_eq!(got, want, "{c:#x}");
            let want = chunk.map(|c| c.is_ascii_digit());
            let got = swar::digits(x).to_le_bytes().map(|m| m == 0x80);
            assert_eq!(got, want, "{c:#x}");
        }
        let text = b"Seven@[`{z\xc3\xa9Zaa-thousands of";
        for i in 0..text.len() {
            let slow = i + text[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            assert_eq!(letters_end(text, i), slow, "{i}");
        }
        for i in 0..=text.len() {
            let slow = i - text[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            assert_eq!(letters_start(text, i), slow, "{i}");
        }
        let long = b"abcdefghijklmnopqrstuvwxyz";
        assert_eq!(letters_start(long, long.len()), 0);
        assert_eq!(letters_start(b" abcdefghijklmnop", 17), 1);
    }

    /// The sixteen-byte masks agree with a byte loop at every position of runs of
    /// every length from 0 to 40, cut by every kind of byte, near both ends of the text.
    #[test]
    fn letter_runs_by_mask_as_the_byte_loop() {
        let slow_end = |b: &[u8], i: usize| {
            i + b[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count()
        };
        let slow_start = |b: &[u8], i: usize| {
            i - b[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_alphabetic())
                .count()
        };
        for run in 0..=40 {
            for stop in [b' ', b'7', b'@', b'[', b'`', b'{', 0xc3, 0x80] {
                for pad in [0, 1, 5, 15, 16, 17, 33] {
                    let mut text = vec![stop; pad];
                    text.extend((0..run).map(|k| b"aZqYm"[k % 5]));
                    text.push(stop);
                    text.extend(std::iter::repeat_n(b'x', pad));
                    for i in 0..=text.len() {
                        assert_eq!(letters_end(&text, i), slow_end(&text, i), "{text:?} {i}");
                        assert_eq!(
                            letters_start(&text, i),
                            slow_start(&text, i),
                            "{text:?} {i}"
                        );
                    }
                }
            }
        }
    }
}
