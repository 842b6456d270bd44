//! The tokens of the matching pass and their probes, with the tokens that surely start
//! no match skipped in a loop of their own.

use super::super::tokens::{next_token, word_end, Byte, BYTE_CLASS};
use super::super::words::{eight_at, len_mask};
use super::{FoldIndex, Probe};
use crate::simd16;
use crate::swar::{alphanumeric, HIGH};

/// Setting bit 5 of every byte folds `A-Z` onto `a-z` (and leaves digits alone).
pub(in crate::gazetteer) const FOLD: u64 = 0x2020_2020_2020_2020;

/// True for the ASCII bytes that end a word: white space, controls and symbols (no
/// letter or digit). Also the fused pass's test of a token boundary.
pub(in crate::gazetteer) const ENDS_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !(b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The first token at or after byte `pos` and its probe: [`next_token`] and
/// [`Probe::in_text`] in one step. Most tokens are ASCII words after one space: one
/// eight-byte load finds the word's end and, the word's letters folded by setting
/// bit 5, its probe.
#[inline(always)]
pub(in crate::gazetteer) fn next_probe(
    text: &str,
    mut pos: usize,
) -> Option<(usize, usize, Probe)> {
    let bytes = text.as_bytes();
    if bytes.get(pos) == Some(&b' ') {
        pos += 1;
    }
    match bytes.get(pos).map(|&b| (b, BYTE_CLASS[b as usize])) {
        Some((_, Byte::Word)) => {
            if let Some(chunk) = eight_at(bytes, pos) {
                let w = u64::from_le_bytes(*chunk);
                let stop = !alphanumeric(w) & HIGH;
                // Eight when all eight bytes are ASCII letters and digits.
                let n = (stop.trailing_zeros() / 8) as usize;
                if n == 8 {
                    let e = word_end(text, pos + 8);
                    return Some((pos, e, Probe::folded(w | FOLD, e - pos)));
                }
                // The byte that ends the word: ASCII ends it for sure.
                if (w >> (8 * n)) as u8 & 0x80 == 0 {
                    let head8 = (w | FOLD) & len_mask(n);
                    return Some((pos, pos + n, Probe::folded(head8, n)));
                }
            }
        }
        // An ASCII symbol is a token by itself, and its own lowercase.
        Some((b, Byte::Symbol)) => return Some((pos, pos + 1, Probe::folded(u64::from(b), 1))),
        _ => {}
    }
    let (s, e) = next_token(text, pos)?;
    Some((s, e, Probe::in_text(bytes, s, e)))
}

/// [`next_probe`], with the most common token after a name (one space, then a word of
/// ASCII letters: "Smith said", "New York") found by [`letter_word`] in fewer steps.
#[inline(always)]
pub(in crate::gazetteer) fn next_word_probe(
    text: &str,
    pos: usize,
) -> Option<(usize, usize, Probe)> {
    let bytes = text.as_bytes();
    let t = pos + usize::from(bytes.get(pos) == Some(&b' '));
    if let Some(chunk) = bytes.get(t..).and_then(<[u8]>::first_chunk) {
        if let Some((e, head8)) = letter_word(text, t, chunk) {
            return Some((t, e, Probe::folded(head8, e - t)));
        }
    }
    next_probe(text, pos)
}

/// The end and the folded first eight bytes (the probe's `head8`) of the word of ASCII
/// letters that starts the sixteen bytes `chunk` at `t`, when no digit and no non-ASCII
/// character goes on with it: most words of running text ("said, ", "Kyiv "). Such a
/// word needs neither [`alphanumeric`] nor [`next_probe`]'s branches. `None` when
/// `chunk` starts with no letter, or with a word of fewer than eight letters followed
/// by a digit or a non-ASCII character ("mp3", "café").
///
/// The word's end is a count of letters in sixteen bytes: a test of "eight letters or
/// more?" on an eight-byte load went either way at random on fresh text, the most
/// mispredicted branch of the matching pass.
#[inline(always)]
fn letter_word(text: &str, t: usize, chunk: &[u8; 16]) -> Option<(usize, u64)> {
    let w = u64::from_le_bytes(*chunk.first_chunk().unwrap_or(&[0; 8]));
    let n = simd16::letter_run(chunk);
    // Sixteen letters read the first byte again: a letter, which ends no word.
    let ends = ENDS_WORD[usize::from(chunk[n & 15])];
    // Folding leaves every letter in `a-z`; the bytes past a short word are dropped
    // (with no letter, the shift wraps round and `head8` is not used).
    let head8 = (w | FOLD) & u64::MAX.wrapping_shr(64 - 8 * n.min(8) as u32);
    match (n, ends) {
        (0, _) => None,
        (_, true) => Some((t + n, head8)),
        // Eight letters or more, then a digit, a non-ASCII letter or more letters.
        (8.., false) => Some((word_end(text, t + n), head8)),
        (_, false) => None,
    }
}

impl FoldIndex {
    /// True when `b` is an ASCII byte that starts no match: white space, or a symbol
    /// whose one-byte token is no key (see [`FoldIndex::plain_bytes`]).
    #[inline(always)]
    fn plain_byte(&self, b: u8) -> bool {
        self.plain_bytes[usize::from(b)]
    }

    /// True when the matching pass looks up the word of `len` ASCII letters whose first
    /// eight bytes are `w` and, folded, `head8`, ending at `end` of `bytes` before a
    /// byte that ends it: it starts with a capital (`capital`: `w & 0x20 == 0`, which
    /// a caller may know by a branch of its own), or the small filter lets it by and
    /// it is no stop word ([`Stops`](super::stops::Stops)) the text does not go on
    /// from. The one rule of [`FoldIndex::next_candidate`]'s loop and of the entity
    /// tokenizer's fast loop, which notes it for each word it reads (see
    /// [`Scanned`](crate::gazetteer::Scanned)). No branch: whether a word starts with
    /// a capital is as random as whether it is looked up.
    #[inline(always)]
    pub(in crate::gazetteer) fn looks_up_word(
        &self,
        capital: bool,
        (w, head8): (u64, u64),
        len: usize,
        bytes: &[u8],
        end: usize,
    ) -> bool {
        // A capital is never turned down: folding set bit 5, which its `w` lacks.
        self.may_look_up_word(capital, head8, len) & !self.turns_down((w, head8), len, bytes, end)
    }

    /// The first half of [`FoldIndex::looks_up_word`]: a capital first, or the small
    /// filter lets the word by. The entity tokenizer notes the words that pass it.
    #[inline(always)]
    pub(in crate::gazetteer) fn may_look_up_word(
        &self,
        capital: bool,
        head8: u64,
        len: usize,
    ) -> bool {
        capital | self.may_be_small_word(head8, len)
    }

    /// The second half of [`FoldIndex::looks_up_word`]: the word is a stop word that
    /// the text does not go on from. The matching pass asks it of the words noted.
    #[inline(always)]
    pub(in crate::gazetteer) fn turns_down(
        &self,
        (w, head8): (u64, u64),
        len: usize,
        bytes: &[u8],
        end: usize,
    ) -> bool {
        self.small_stops.turn_down(head8, len, w, bytes, end)
    }

    /// True when the matching pass looks up the token `bytes[s..e]` that
    /// [`next_candidate`](FoldIndex::next_candidate) reads by [`next_probe`], as it
    /// reads a word with a digit: it starts with a capital, or the small filter lets
    /// it by. A word of eight letters or more then a digit, which the loop reads
    /// itself, gets the same answer: no stop word is that long.
    pub(in crate::gazetteer) fn looks_up_token(&self, probe: &Probe, first: u8) -> bool {
        first.is_ascii_uppercase() || self.may_be_small(probe)
    }

    /// The first token at or after `pos` that the matching pass must look up, and its
    /// probe: [`next_probe`] without the tokens that surely start no match, which are
    /// most tokens of running text: lowercase ASCII words that the small filter turns
    /// down, and symbols that are no key. Every token it gives starts with an ASCII
    /// capital or passes [`FoldIndex::may_be_small`]; the last field is true for the
    /// second kind (`small`: no capital first), so that the matching pass need not
    /// test the byte again.
    #[inline(always)]
    pub fn next_candidate(&self, text: &str, pos: usize) -> Option<(usize, usize, Probe, bool)> {
        self.next_candidate_before(text, pos, text.len())
    }

    /// [`FoldIndex::next_candidate`] that stops reading at `limit` (a token boundary):
    /// `None` when no token it must look up starts before `limit`. A token at or past
    /// `limit` may come out when the gap before it starts before `limit`; each token
    /// is decided from the whole text, as [`FoldIndex::next_candidate`] decides it.
    #[inline(always)]
    pub fn next_candidate_before(
        &self,
        text: &str,
        mut pos: usize,
        limit: usize,
    ) -> Option<(usize, usize, Probe, bool)> {
        let bytes = text.as_bytes();
        loop {
            // One plain byte (a space, or a symbol that is no key), then one space,
            // are skipped before a token: the gap between most words (" ", ", ",
            // ". ") in one turn, where a symbol in a turn of its own made the branch
            // on "word or not?" go either way at random.
            while pos < limit {
                let Some(all) = bytes.get(pos..).and_then(<[u8]>::first_chunk::<18>) else {
                    break;
                };
                let plain = usize::from(self.plain_byte(all[0]));
                let skip = plain + usize::from(all[plain] == b' ');
                let t = pos + skip;
                let Some(chunk) = all.get(skip..).and_then(<[u8]>::first_chunk::<16>) else {
                    break;
                };
                let w = u64::from_le_bytes(*chunk.first_chunk().unwrap_or(&[0; 8]));
                let b = w as u8;
                if let Some((e, head8)) = letter_word(text, t, chunk) {
                    // The first byte is a letter: a capital has bit 5 clear.
                    let capital = w & 0x20 == 0;
                    if self.looks_up_word(capital, (w, head8), e - t, bytes, e) {
                        return Some((t, e, Probe::folded(head8, e - t), !capital));
                    }
                    pos = e;
                } else if self.plain_byte(b) {
                    pos = t + 1;
                } else {
                    pos = t;
                    break;
                }
            }
            // The token the loop does not decide (a digit, a word going on with a
            // digit or a non-ASCII character, the last bytes of the text): one step of
            // `next_probe`, and back to the loop.
            if pos >= limit {
                return None;
            }
            let (s, e, probe) = next_probe(text, pos)?;
            if s >= limit {
                return None;
            }
            if self.looks_up_token(&probe, bytes[s]) {
                return Some((s, e, probe, !bytes[s].is_ascii_uppercase()));
            }
            pos = e;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::load::spelling;
    use super::super::super::tests::embedded;
    use super::super::Key;
    use super::*;
    use proptest::prelude::*;

    /// Every token from `next(pos)`, as `(start, end, probe)`, from the text's start.
    fn tokens(next: impl Fn(usize) -> Option<(usize, usize, Probe)>) -> Vec<(usize, usize, Probe)> {
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some(token) = next(pos) {
            pos = token.1;
            found.push(token);
        }
        found
    }

    /// [`FoldIndex::next_candidate`] gives the tokens of [`next_probe`] but some that
    /// the matching pass turns down: not a capital first, and the filter or the small
    /// table says no.
    fn check_candidates(text: &str) {
        let g = embedded();
        let bytes = text.as_bytes();
        let turned_down = |&(s, e, probe): &(usize, usize, Probe)| {
            let spell = |k: &Key| spelling(&g.surfaces, k);
            if bytes[s].is_ascii_uppercase() || !g.index.may_be_small(&probe) {
                return !bytes[s].is_ascii_uppercase();
            }
            let Some(k) = g.index.get(&bytes[s..e], &probe, true, spell) else {
                return true;
            };
            // As `Gazetteer::find` decides: lowercase text that goes on as no longer
            // alias, and that no alias of the key matches by itself.
            let key = &g.index.keys[k as usize];
            let lowercase = !bytes[s..e].iter().any(u8::is_ascii_uppercase);
            lowercase && !key.goes_on(true, bytes, e) && (!key.may_match(true) || !key.lower_ok)
        };
        let all = tokens(|pos| next_probe(text, pos));
        let candidates = tokens(|pos| {
            let (s, e, probe, small) = g.index.next_candidate(text, pos)?;
            assert_eq!(small, !bytes[s].is_ascii_uppercase(), "{text:?} at {s}");
            Some((s, e, probe))
        });
        let mut rest = all.iter();
        for c in &candidates {
            assert!(rest.any(|t| t == c), "{text:?}: {c:?} is no token");
        }
        let wanted: Vec<_> = all.iter().filter(|t| !turned_down(t)).collect();
        let kept: Vec<_> = candidates.iter().filter(|t| !turned_down(t)).collect();
        assert_eq!(kept, wanted, "{text:?}");
    }

    #[test]
    fn candidates_skip_only_tokens_turned_down() {
        check_candidates(include_str!("../../../tests/data/donetsk.txt"));
        for text in [
            "",
            "the",
            "said the president of the company in Kyiv, at 5 p.m.",
            "abcdefg’ abcdefgé abcdefgh’ abcdefghé abcdef, abcdefgh, abcdefghijklmnopq x",
            "iPhone mcDonald McDonald  two  spaces,\n\nWASHINGTON — $5 €5 1,200 rubles’",
            "U.S.-led 'quoted' \"said\" (in) [at] ...; x",
            "said said, said. said1 saidX saidé said’ said\tsaid\nsaid",
            "Kyiv\n\n\nthe said\r\nKyiv\t\tsaid \x0b\x00 said 1 2 3 the 4th said\n",
            "the Kremlin said the company in a statement, as the AS went in\nthe\tthe",
            "tHe the, the. the1 theé the’ in in, in-a as as. went wentX went",
            // Gaps of a plain byte and a space skipped in one turn, and gaps not.
            "said, the said. The said,the said,Kyiv said .the said ,Kyiv",
            "said,  the said.\nThe said.\" The (AP) said, $5 said,$ the.’s the,1",
            "U.S. and U.S.-led the,\tthe the ,, the the.. the the-in the-In",
        ] {
            check_candidates(text);
        }
    }

    /// [`letter_word`] agrees with [`next_probe`] on every word it decides: the same
    /// end and the same probe.
    #[test]
    fn letter_words_are_next_probe_tokens() {
        let words = [
            "a",
            "in",
            "the",
            "said",
            "Kyiv",
            "rubles",
            "abcdefg",
            "abcdefgh",
            "abcdefghij",
            "abcdefghijklmnop",
            "abcdefghijklmnopqrstu",
            "iPhone",
            "McDonald",
            "KYIV",
            "ab12cdefgh",
        ];
        let ends = [
            " x", ",", ".", "1", "X", "é", "’", "\t", "\n", "@", "`", "[", "{", "",
        ];
        let mut decided = 0;
        for word in words {
            for end in ends {
                let text = format!("{word}{end}                ");
                let chunk = text.as_bytes().first_chunk().unwrap();
                let Some((e, head8)) = letter_word(&text, 0, chunk) else {
                    continue;
                };
                let (s, end, probe) = next_probe(&text, 0).unwrap();
                assert_eq!((s, end), (0, e), "{text:?}");
                assert_eq!(Probe::folded(head8, e), probe, "{text:?}");
                decided += 1;
            }
        }
        assert!(decided > 100, "{decided}");
        // Not decided: no letter first, a digit or non-ASCII after a short word.
        for text in [
            "mp3             ",
            "café            ",
            "1,200           ",
            " the            ",
            "$5              ",
            "’s              ",
        ] {
            let chunk = text.as_bytes().first_chunk().unwrap();
            assert_eq!(letter_word(text, 0, chunk), None, "{text:?}");
        }
    }

    /// [`next_word_probe`] gives what [`next_probe`] gives, from every position.
    fn check_word_probes(text: &str) {
        for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
            assert_eq!(
                next_word_probe(text, pos),
                next_probe(text, pos),
                "{text:?} at {pos}"
            );
        }
    }

    #[test]
    fn word_probes_are_next_probes() {
        check_word_probes(include_str!("../../../tests/data/donetsk.txt"));
        for text in [
            "",
            "New York City, Smith said",
            "abcdefg’ abcdefgé abcdefgh’ abcdefghé abcdef, abcdefgh, abcdefghijklmnopq x",
            "iPhone mcDonald McDonald  two  spaces,\n\nWASHINGTON — $5 €5 1,200 rubles’",
            "said said, said. said1 saidX saidé said’ said\tsaid\nsaid mp3 @ ` [ {",
        ] {
            check_word_probes(text);
        }
    }

    proptest! {
        #[test]
        fn candidates_on_any_text(text in "([a-zA-Z0-9]{1,10}|[ ,.'$’é\n-]){0,24}") {
            check_candidates(&text);
        }

        /// Gaps of spaces and symbols between words, mostly short.
        #[test]
        fn candidates_across_gaps(text in "([a-zA-Z]{1,6}[ ,.;()\"$’\t\n-]{0,3}){0,24}") {
            check_candidates(&text);
        }

        #[test]
        fn word_probes_on_any_text(text in "([a-zA-Z0-9@`\\[{]{1,10}|[ ,.'$’é\n-]){0,24}") {
            check_word_probes(&text);
        }
    }
}
