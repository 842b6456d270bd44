//! Words and punctuation of a stretch of text, with byte offsets: just enough
//! structure for the attribution frames, computed only around quotes and cues.

use std::ops::Range;

use crate::swar::{self, HIGH};

/// A word or a punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    /// The first character, for punctuation tests and capitalization.
    pub first: char,
    pub word: bool,
    /// A cue may start here: set by the scope once the cues are known, so that most
    /// tokens need no cue lookup.
    pub cue: bool,
}

impl Tok {
    #[cfg(test)]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The bytes of the token: what the word lists read, with no char boundary
    /// checked (the ends are a token's).
    #[inline]
    pub fn bytes<'t>(&self, text: &'t str) -> &'t [u8] {
        &text.as_bytes()[self.start..self.end]
    }

    pub fn capitalized(&self) -> bool {
        self.word && self.first.is_uppercase()
    }

    pub fn is_punct(&self, c: char) -> bool {
        !self.word && self.first == c
    }

    /// True when the token is `word`, byte for byte: unlike [`Tok::text`], no char
    /// boundary is checked for a comparison made on most tokens of a clause.
    pub fn is(&self, text: &str, word: &str) -> bool {
        text.as_bytes().get(self.start..self.end) == Some(word.as_bytes())
    }

    /// True when the token is one of `words`, in any case, as [`super::lexicon::is`]
    /// compares them.
    pub fn is_any(&self, text: &str, words: &[&str]) -> bool {
        let b = text
            .as_bytes()
            .get(self.start..self.end)
            .unwrap_or_default();
        words.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(b))
    }
}

/// Characters inside a word when a letter or digit follows: `China’s`, `dual-use`,
/// `U.S`, `30,000`, `AT&T`.
pub(super) const fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | ',' | '‑')
}

/// The char at byte `i` (a char boundary) and its length, with an ASCII fast path.
#[inline]
pub(super) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

#[inline]
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_general_punctuation(c) {
        // Curly quotes, apostrophes and dashes: no letter there, no table lookup.
        false
    } else {
        c.is_alphanumeric()
    }
}

/// `char::is_whitespace`, answering the General Punctuation block without a lookup.
#[inline]
pub(super) fn is_space(c: char) -> bool {
    if is_general_punctuation(c) {
        matches!(
            c,
            '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}'
        )
    } else {
        c.is_whitespace()
    }
}

/// The Unicode General Punctuation block (U+2000 to U+206F): spaces, dashes, curly
/// quotes and apostrophes, no letter or digit.
#[inline]
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// Byte classes: ASCII whitespace, letter or digit, joiner (see [`joins`]) and other
/// punctuation, and a byte of a multi-byte char (decoded, then tested as a char).
const SPACE: u8 = 0;
const WORD: u8 = 1;
const JOIN: u8 = 2;
const PUNCT: u8 = 3;
const NON_ASCII: u8 = 4;

/// The class of every byte, so that the hot loops take one table load a byte.
const CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphanumeric() {
            WORD
        } else if b.is_ascii_whitespace() || b == 0x0B {
            SPACE
        } else if joins(b as char) {
            JOIN
        } else {
            PUNCT
        };
        i += 1;
    }
    t
};

/// True when the byte `b` is ASCII punctuation, a token of its own unless it joins a
/// word ([`joins`]).
#[inline]
pub(super) fn is_ascii_punct(b: u8) -> bool {
    matches!(CLASS[usize::from(b)], JOIN | PUNCT)
}

/// Appends the tokens of `text[range]` to `out`. The range must lie on char
/// boundaries. One pass over the bytes; ASCII needs no decoding.
pub(super) fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let end = range.end.min(bytes.len());
    let mut i = range.start;
    while i < end {
        let b = bytes[i];
        let start = i;
        let (first, word) = match CLASS[b as usize] {
            SPACE => {
                i += 1;
                continue;
            }
            // Prose puts one space after a word, `,` or `.`: it is stepped over here
            // rather than in a round of the loop (for a word, by [`word_end`], which
            // has the byte at hand). Words and punctuation push their own tokens, so
            // that neither carries the other's flag through the loop.
            WORD => {
                let (stop, next) = word_end(text, i + 1, end, b.is_ascii_digit());
                out.push(Tok {
                    start,
                    end: stop,
                    first: b as char,
                    word: true,
                    cue: false,
                });
                i = next;
                continue;
            }
            JOIN | PUNCT => {
                out.push(Tok {
                    start,
                    end: i + 1,
                    first: b as char,
                    word: false,
                    cue: false,
                });
                i += 1 + usize::from(i + 1 < end && bytes[i + 1] == b' ');
                continue;
            }
            _ => {
                let (c, len) = char_at(text, i);
                i += len;
                if is_space(c) {
                    continue;
                }
                let word = is_word_char(c);
                if word {
                    i = word_end(text, i, end, false).0;
                }
                (c, word)
            }
        };
        out.push(Tok {
            start,
            end: i,
            first,
            word,
            cue: false,
        });
    }
}

/// True when no token runs over byte `p`: one starts or ends there, or `p` lies
/// between two. A character that is neither part of a word nor a joiner is a
/// token of its own or a space, so one on either side of `p` makes it a boundary
/// whatever comes before: the tokens of a range cut there are those of its two
/// parts. False when `p` is no char boundary.
pub(super) fn is_boundary(text: &str, p: usize) -> bool {
    let apart = |c: char| !is_word_char(c) && !joins(c);
    let (Some(before), Some(after)) = (text.get(..p), text.get(p..)) else {
        return false;
    };
    before.chars().next_back().is_some_and(apart) || after.chars().next().is_some_and(apart)
}

/// The end of the word running from before byte `i` (a char boundary) to at most
/// `end`, and where the next token may start: past the word and the space after
/// it, if one follows. `digits`: the word starts with a digit, so a comma may join
/// digit groups.
#[inline(always)]
fn word_end(text: &str, mut i: usize, end: usize, digits: bool) -> (usize, usize) {
    let bytes = text.as_bytes();
    loop {
        i = ascii_word_end(bytes, i, end);
        let Some(&b) = bytes.get(i).filter(|_| i < end) else {
            return (i, i);
        };
        // Most words stop at a space: no class lookup for it.
        if b == b' ' {
            return (i, i + 1);
        }
        // The char `d` that stopped the run, and the char after it when `d` may join.
        let dl = match CLASS[b as usize] {
            JOIN => 1,
            NON_ASCII => {
                let (d, dl) = char_at(text, i);
                if is_word_char(d) {
                    i += dl;
                    continue;
                }
                if !joins(d) {
                    return (i, i);
                }
                dl
            }
            _ => return (i, i),
        };
        if i + dl >= end {
            return (i, i);
        }
        let (n, _) = char_at(text, i + dl);
        // A comma joins digits only (30,000), never words.
        let ok = if b == b',' {
            n.is_ascii_digit() && digits
        } else {
            is_word_char(n)
        };
        if !ok {
            return (i, i);
        }
        i += dl;
    }
}

/// How many words `s` holds, counted up to `limit`: runs of non-whitespace, and with
/// `alphanumeric` only those holding a letter or digit. Reads only as far as the
/// `limit`th word; ASCII needs no decoding.
pub(super) fn count_words(s: &str, limit: usize, alphanumeric: bool) -> usize {
    let bytes = s.as_bytes();
    let (mut n, mut i) = (0, 0);
    // In a word, and that word already counted.
    let (mut inside, mut counted) = (false, false);
    // Bytes before `plain` are read one at a time (a chunk there did not qualify).
    let mut plain = 0;
    while i < bytes.len() && n < limit {
        // Eight ASCII bytes at a time: a word starts at each non-space byte after a
        // space. With `alphanumeric`, only chunks of letters, digits and spaces,
        // where every word holds a letter or digit; a word running on from the
        // chunk before counts at its first byte here, unless counted already.
        if i >= plain {
            if let Some(x) = ascii_chunk(bytes, i) {
                let space = swar::spaces(x);
                if !alphanumeric || (space | swar::alphanumeric(x)) & HIGH == HIGH {
                    let after_space = (space << 8) | (u64::from(!inside) << 7);
                    n += swar::count(!space & HIGH & after_space);
                    n += usize::from(inside && !counted && space & 0x80 == 0);
                    inside = space >> 63 == 0;
                    counted = inside;
                    i += 8;
                    continue;
                }
            }
            plain = i + 8;
        }
        let b = bytes[i];
        let (space, letter, len) = if b < 0x80 {
            let class = CLASS[b as usize];
            (class == SPACE, class == WORD, 1)
        } else {
            let (c, len) = char_at(s, i);
            (is_space(c), is_word_char(c), len)
        };
        if space {
            (inside, counted) = (false, false);
        } else {
            if !inside {
                (inside, counted) = (true, false);
            }
            if !counted && (letter || !alphanumeric) {
                n += 1;
                counted = true;
            }
        }
        i += len;
    }
    n.min(limit)
}

/// The eight bytes from `i` as a number, when there are eight and all are ASCII.
#[inline]
fn ascii_chunk(bytes: &[u8], i: usize) -> Option<u64> {
    swar::load(bytes, i).filter(|x| x & HIGH == 0)
}

/// The end of the run of ASCII letters and digits from `i`, at most `end`: eight
/// bytes at a time, as most words end within the first eight.
#[inline]
fn ascii_word_end(bytes: &[u8], mut i: usize, end: usize) -> usize {
    let end = end.min(bytes.len());
    while i + 8 <= end {
        let mut chunk = [0; 8];
        chunk.copy_from_slice(&bytes[i..i + 8]);
        let x = u64::from_le_bytes(chunk);
        let other = !swar::alphanumeric(x) & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && CLASS[bytes[i] as usize] == WORD {
        i += 1;
    }
    i
}

/// `from..to` of `text` widened to char boundaries (the start down, the end up, not
/// before the start): the ranges property tests cut anywhere in a text.
#[cfg(test)]
pub(super) fn char_range(text: &str, from: usize, to: usize) -> Range<usize> {
    let mut start = from.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = to.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_keep_apostrophes_hyphens_and_digit_groups() {
        let text = "Mr. O’Neil’s dual-use, 30,000 “rubles” said.";
        let mut toks = Vec::new();
        tokenize(text, 0..text.len(), &mut toks);
        let got: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(
            got,
            [
                "Mr",
                ".",
                "O’Neil’s",
                "dual-use",
                ",",
                "30,000",
                "“",
                "rubles",
                "”",
                "said",
                "."
            ]
        );
        assert!(toks[2].capitalized());
        assert!(toks[4].is_punct(','));
        for t in &toks {
            for w in ["Mr", "said", "SAID", "30,000", "", "dual"] {
                assert_eq!(t.is(text, w), t.text(text) == w);
                assert_eq!(
                    t.is_any(text, &["x", w]),
                    super::super::lexicon::is(&["x", w], t.text(text))
                );
            }
        }
    }

    /// The tokenizer spelled out char by char: the byte-level one must agree with it.
    fn reference(text: &str, range: Range<usize>) -> Vec<Tok> {
        let s = &text[range.clone()];
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let (at, c) = chars[k];
            k += 1;
            if c.is_whitespace() {
                continue;
            }
            let start = range.start + at;
            if !c.is_alphanumeric() {
                out.push(Tok {
                    start,
                    end: start + c.len_utf8(),
                    first: c,
                    word: false,
                    cue: false,
                });
                continue;
            }
            while k < chars.len() {
                let d = chars[k].1;
                if d.is_alphanumeric() {
                    k += 1;
                    continue;
                }
                let Some(&(_, n)) = chars.get(k + 1) else {
                    break;
                };
                let ok = joins(d)
                    && if d == ',' {
                        n.is_ascii_digit() && c.is_ascii_digit()
                    } else {
                        n.is_alphanumeric()
                    };
                if !ok {
                    break;
                }
                k += 1;
            }
            let end = chars.get(k).map_or(range.end, |&(at, _)| range.start + at);
            out.push(Tok {
                start,
                end,
                first: c,
                word: true,
                cue: false,
            });
        }
        out
    }

    proptest! {
        /// Cut at boundaries, a range has the tokens of its parts.
        #[test]
        fn ranges_cut_at_boundaries_keep_their_tokens(
            text in "[ab1 9,.'&\\-“”\"«:’é\u{a0}]{0,60}",
            cuts in proptest::collection::vec(0usize..64, 0..6),
        ) {
            let mut whole = Vec::new();
            tokenize(&text, 0..text.len(), &mut whole);
            let mut cuts: Vec<usize> = cuts
                .into_iter()
                .filter(|&p| p < text.len() && is_boundary(&text, p))
                .collect();
            cuts.sort_unstable();
            cuts.push(text.len());
            let (mut parts, mut from) = (Vec::new(), 0);
            for p in cuts {
                tokenize(&text, from..p, &mut parts);
                from = p;
            }
            prop_assert_eq!(parts, whole);
        }
    }

    #[test]
    fn the_general_punctuation_shortcut_agrees_with_char_methods() {
        for c in '\u{1FF0}'..='\u{2080}' {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn eight_spaces_at_a_time_agree_with_char_methods() {
        for b in 0..0x80u8 {
            for at in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[at] = b;
                let got = swar::spaces(u64::from_le_bytes(chunk)) & (0x80 << (8 * at)) != 0;
                assert_eq!(got, (b as char).is_whitespace(), "byte {b:#x} at {at}");
            }
        }
    }

    #[test]
    fn eight_bytes_at_a_time_agree_with_the_byte_table() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[at] = b;
                let want = CLASS[b as usize] == WORD;
                let got = swar::alphanumeric(u64::from_le_bytes(chunk)) & (0x80 << (8 * at)) != 0;
                assert_eq!(got, want, "byte {b:#x} at {at}");
            }
        }
    }

    /// [`count_words`] in both modes against `split_whitespace`.
    fn counts_as_split_whitespace(s: &str, limit: usize) -> Result<(), TestCaseError> {
        let all = s.split_whitespace().take(limit).count();
        let alnum = s
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .take(limit)
            .count();
        prop_assert_eq!(count_words(s, limit, false), all);
        prop_assert_eq!(count_words(s, limit, true), alnum);
        Ok(())
    }

    proptest! {
        #[test]
        fn count_words_counts_as_split_whitespace(
            s in "[ab1 ,.\t\n\u{b}\u{c}\r\u{a0}\u{2009}\u{3000}\u{85}é’\u{1c}\u{8}\u{e}\u{1f}!]{0,60}",
            limit in 0usize..8,
        ) {
            counts_as_split_whitespace(&s, limit)?;
        }

        /// Mostly letters and spaces: chunks of eight ASCII bytes, at every offset.
        #[test]
        fn count_words_in_chunks_counts_as_split_whitespace(
            s in "[ab1  ,\n]{0,70}",
            limit in 0usize..12,
        ) {
            counts_as_split_whitespace(&s, limit)?;
        }

        #[test]
        fn agrees_with_the_char_by_char_reference(
            text in "[a-cA-Cx-zX-Z0-9 ,.'’‑&\\-“”\"\u{a0}\u{2009}éЖ中\n\t@`/:{}\\[]{0,60}",
            cut in 0usize..4,
        ) {
            let mut end = text.len().saturating_sub(cut);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let mut got = Vec::new();
            tokenize(&text, 0..end, &mut got);
            prop_assert_eq!(got, reference(&text, 0..end));
        }

        /// Mostly ASCII, with ranges starting and ending anywhere: words meet
        /// joiners, digit groups and block ends at every offset.
        #[test]
        fn ranges_agree_with_the_char_by_char_reference(
            text in "[ab1 9,.'&\\-\n:’é]{0,80}",
            from in 0usize..12,
            cut in 0usize..12,
        ) {
            let r = char_range(&text, from, text.len().saturating_sub(cut));
            let mut got = Vec::new();
            tokenize(&text, r.clone(), &mut got);
            prop_assert_eq!(got, reference(&text, r));
        }
    }
}
