//! Quote tokens made from the entity stage's words, not from the bytes again.
//!
//! The entities stage reads every sentence into words before this stage runs
//! ([`Words`]); tokenizing the sentences the rules read once more, byte by byte, took
//! a quarter of this stage's time on quote-dense copy. The two kinds of token differ:
//! an entity word leaves a possessive `'s` out, ends at a hyphen (`dual`, `use`),
//! keeps the dot of an initial or an abbreviation (`U.S.`, `Mr.`) and carries no
//! punctuation; a quote word runs on over a joiner between letters (`dual-use`,
//! `China’s`, `30,000`, see [`joins`]) and every punctuation character is a token of
//! its own. So the words are walked with the gaps between them: most gaps are one
//! space; a single joiner between two words joins them; a possessive runs on the word
//! before it; a dot an entity word kept is read as a gap; any other gap holding no
//! letter or digit has the tokens it has on its own. A letter or digit in no word
//! (the `s` of `'s` anywhere else, text outside the sentences) or a word running over
//! an end of the range sends the whole range to the byte tokenizer, [`tokenize`],
//! which stays the reference: the tests check that both give the same tokens.

use std::ops::Range;

use crate::entities::Words;

use super::tokens::{char_at, is_ascii_punct, is_space, is_word_char, joins, tokenize, Tok};

/// Appends the tokens of `text[range]` to `out`: those [`tokenize`] gives, built from
/// `words` where they tell them.
pub(super) fn tokens(text: &str, words: &Words, range: Range<usize>, out: &mut Vec<Tok>) {
    let mark = out.len();
    if words.is_empty() || derive(text, words, &range, out).is_none() {
        fall_back(text, range, out, mark);
    }
}

/// [`tokenize`] for a range the words do not tell, in place of the tokens pushed from
/// `mark` on. Out of line: it is seldom taken, and inlined it would crowd the walk.
#[cold]
#[inline(never)]
fn fall_back(text: &str, range: Range<usize>, out: &mut Vec<Tok>, mark: usize) {
    out.truncate(mark);
    tokenize(text, range, out);
}

/// The tokens of `text[range]` from the words inside it and the gaps between them, or
/// `None` when a word runs over an end of the range or a gap holds a letter or digit
/// (some tokens may have been pushed then).
fn derive(text: &str, words: &Words, range: &Range<usize>, out: &mut Vec<Tok>) -> Option<()> {
    let bytes = text.as_bytes();
    let end = range.end.min(bytes.len());
    if range.start >= end {
        return Some(());
    }
    // Tokens are read up to `at`; the last one is a word ending there that may run on
    // (`open`), or not.
    let (mut at, mut open) = (range.start, false);
    for (start, stop) in words.after(range.start)? {
        if start >= end {
            break;
        }
        // Most words follow one space, which ends the word before, or a comma or a
        // stop and a space, a token of its own. Most ranges start at a word.
        let join = if start == at + 1 && bytes[at] == b' ' {
            false
        } else if start == at {
            open
        } else if start == at + 2 && bytes[at + 1] == b' ' && is_ascii_punct(bytes[at]) {
            out.push(punct(at, at + 1, char::from(bytes[at])));
            false
        } else {
            gap(text, at..start, open, true, out)?
        };
        // A dot the word kept (`U.S.`, `Mr.`) is read with the gap after it: a token of
        // its own, or a joiner (`U.S.A`).
        let stop = stop - usize::from(bytes[stop - 1] == b'.');
        if join {
            out.last_mut()?.end = stop;
        } else {
            out.push(Tok {
                start,
                end: stop,
                first: char_at(text, start).0,
                word: true,
                cue: false,
            });
        }
        (at, open) = (stop, true);
    }
    // A word running over the range's end (only the last read can) gives way to the
    // tokenizer; a dot it kept past the end is no part of its quote word anyway.
    if at > end {
        return None;
    }
    // Most sentences end with a stop.
    if end == at + 1 && is_ascii_punct(bytes[at]) {
        out.push(punct(at, end, char::from(bytes[at])));
    } else {
        gap(text, at..end, open, false, out)?;
    }
    Some(())
}

/// Pushes the tokens of the gap `text[range]`, after a word ending at its start that
/// may run on when `open`, and before a word when `next` (else the gap ends the
/// range), and returns whether that word runs on the word before. `None` when the gap
/// holds a letter or digit that is not a possessive's.
fn gap(
    text: &str,
    range: Range<usize>,
    open: bool,
    next: bool,
    out: &mut Vec<Tok>,
) -> Option<bool> {
    let bytes = text.as_bytes();
    let Range { mut start, end } = range;
    // A possessive the entity word left out is part of the quote word: the `'` joins
    // the `s`.
    if open {
        if let Some(n) = possessive(bytes, start, end) {
            start += n;
            out.last_mut()?.end = start;
        }
    }
    if start == end {
        return Some(open && next);
    }
    let (c, n) = char_at(text, start);
    if start + n == end && next && joins(c) {
        // One joiner between two words: the quote word runs on over it, a comma only
        // between digits of a number (`30,000`).
        let first = out.last().map_or(' ', |t| t.first);
        let join = open && (c != ',' || first.is_ascii_digit() && bytes[end].is_ascii_digit());
        if !join {
            out.push(punct(start, end, c));
        }
        return Some(join);
    }
    // Any other gap: a joiner at either end is no joiner there (a character of the
    // gap stands between it and the word), so each character is a space or a token
    // of its own, as in no word.
    let (mut c, mut n) = (c, n);
    loop {
        if is_word_char(c) {
            return None;
        }
        if !is_space(c) {
            out.push(punct(start, start + n, c));
        }
        start += n;
        if start >= end {
            return Some(false);
        }
        (c, n) = char_at(text, start);
    }
}

/// The token of the punctuation character `c` at `text[start..end]`.
fn punct(start: usize, end: usize, c: char) -> Tok {
    Tok {
        start,
        end,
        first: c,
        word: false,
        cue: false,
    }
}

/// The length of a possessive (`'s`, `’S`) at `bytes[at..end]`, or `None`.
fn possessive(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    let n = match bytes.get(at..end)? {
        [b'\'', b's' | b'S', ..] => 2,
        [0xE2, 0x80, 0x99, b's' | b'S', ..] => 4,
        _ => return None,
    };
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutParser;
    use crate::sentences::Splitter;
    use proptest::prelude::*;

    /// The tokens of `range` both ways, and whether the words told them (no fallback).
    fn both(text: &str, words: &Words, range: Range<usize>) -> (Vec<Tok>, Vec<Tok>, bool) {
        let (mut got, mut want) = (Vec::new(), Vec::new());
        tokens(text, words, range.clone(), &mut got);
        tokenize(text, range.clone(), &mut want);
        let mut derived = Vec::new();
        let told = derive(text, words, &range, &mut derived).is_some();
        (got, want, told)
    }

    /// Each line a sentence: the tokens of the whole line, derived without falling
    /// back when `told`, and those of the tokenizer.
    #[test]
    fn words_and_gaps_give_the_tokenizers_tokens() {
        let cases: &[(&str, bool)] = &[
            ("He said the talks failed.", true),
            ("“We will win,” said Mr. Lin Jian, 45.", true),
            (
                "The U.S.-led dual-use plan cost 30,000 or 1,5 a,000 rubles.",
                true,
            ),
            (
                "Trump's aides and China’s AT&T deal, said U.S.A officials.",
                true,
            ),
            (
                "O’Neil’s don't Trumps' (sic) — “no” ... x.y 'quote' said.",
                true,
            ),
            (
                "Trump's-style and Mr.Smith and F.B.I. agents; 30-year-old",
                true,
            ),
            ("Café Zürich, Жуков and non‑breaking «hyphen».", true),
            ("An 's alone, 's and U.S.'s wit.", false),
        ];
        for &(text, told) in cases {
            let words = Words::of(text, std::slice::from_ref(&(0..text.len())));
            let (got, want, derived) = both(text, &words, 0..text.len());
            assert_eq!(got, want, "{text}");
            assert_eq!(derived, told, "{text}");
        }
    }

    /// Pieces of words, joiners, quote marks and spaces, as the property test strings
    /// them together.
    const PIECES: &[&str] = &[
        "a", "bc", "Mr", "U", "S", "A", "F", "said", "use", "30", "000", "7", "é", "Жук", "'s",
        "’s", "'S", "'", "’", "-", "‑", ".", ",", "&", "“", "”", "\"", "«", ":", "(", ";", "—",
        " ", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u{a0}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// For every range on char boundaries of a story cut into sentences as the
        /// pipeline cuts it, the tokens are the tokenizer's.
        #[test]
        fn derived_tokens_are_the_tokenizers(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..60),
            ranges in proptest::collection::vec((0usize..200, 0usize..200), 0..8),
        ) {
            let text = pieces.concat();
            let layout = LayoutParser::new().parse(&text);
            let sentences = Splitter::new().split(&text, &layout);
            let spans: Vec<Range<usize>> = sentences.iter().map(|s| s.start..s.end).collect();
            let words = Words::of(&text, &spans);
            // The sentences (the blocks the stage reads), and ranges anywhere.
            let mut asked = spans.clone();
            asked.push(0..text.len());
            for (from, len) in ranges {
                asked.push(super::super::tokens::char_range(&text, from, from + len));
            }
            for r in asked {
                let (got, want, _) = both(&text, &words, r.clone());
                prop_assert_eq!(got, want, "{:?} of {:?}", r, text);
            }
        }
    }
}
