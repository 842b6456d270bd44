//! The scan's candidates from the entity tokenizer's tokens, which have read every
//! word of the story's sentences once for every stage: the tokenizer notes the few
//! that may start a number (a digit, a number word in the entities lexicon's
//! `NUMBER` bit, a word in a mix of cases the lexicon does not hold, `THIRTy`, and
//! any token its general path read, `tHIRTY` among them), and the text is read here
//! only where tokens do not tell: outside the sentences, and the words a sentence's
//! edge cuts in two. What [`Scanner::new`] finds, from fewer instructions (its tests
//! check the two agree).

use super::{candidates, Lexicon, Scanner, BLOCK, WINDOW};
use crate::document::Sentence;
use crate::entities::Words;
use crate::swar;

impl<'a> Scanner<'a> {
    /// The scanner of `text`, whose words in the `sentences` (in order, apart: else
    /// `words` is empty and [`Scanner::new`] reads it) are the entity tokenizer's
    /// `words`: the starts of the tokens it noted as starting a
    /// number ([`Words::numbers`]) are candidates, and so is every word start in the
    /// tokens its general path read ([`Words::general`]); only the text outside
    /// `covered` is scanned. The other tokens were read once, by the tokenizer, for
    /// every stage: none of them starts a number.
    pub fn from_tokens(
        text: &'a str,
        lex: &'a Lexicon,
        words: &Words,
        sentences: &[Sentence],
    ) -> Scanner<'a> {
        let b = text.as_bytes();
        // The sentences the tokenizer read: a range of whole characters.
        let covered = sentences
            .iter()
            .filter(|s| s.start <= s.end && text.get(s.start..s.end).is_some())
            .map(|s| (s.start, s.end));
        let mut cands = vec![0u64; b.len().div_ceil(BLOCK)];
        let mut at = 0;
        for (s, e) in covered {
            // Most sentences are apart by a space or two, with no word to mark: a
            // look at each byte says so, with no call.
            let short = s <= at + 4;
            if !short || b[at.min(s)..s].iter().any(u8::is_ascii_alphanumeric) {
                mark_range(b, lex, at, s, &mut cands);
            }
            mark_split_word(b, s, &mut cands);
            mark_split_word(b, e, &mut cands);
            at = at.max(e);
        }
        mark_range(b, lex, at, b.len(), &mut cands);
        for s in words.numbers() {
            // A word start, unless a sentence starts inside a word.
            let start = s == 0 || !b[s - 1].is_ascii_alphanumeric();
            cands[s / BLOCK] |= u64::from(start) << (s % BLOCK);
        }
        for (s, e) in words.general() {
            mark_starts(b, s, e, &mut cands);
        }
        Scanner::with_candidates(b, lex, cands)
    }
}

/// Marks in `cands` every word start in `from..to` (a word of ASCII letters and
/// digits, as the scan reads them): [`confirm`] turns away the words that open no
/// number.
///
/// Eight bytes a step, with a branch for each start only: most ranges are a token of
/// a few bytes with one start, or the spaces between two sentences with none.
fn mark_starts(b: &[u8], from: usize, to: usize, cands: &mut [u64]) {
    let mut before = from > 0 && b[from - 1].is_ascii_alphanumeric();
    let mut p = from;
    while p < to {
        let n = (to - p).min(8);
        // The high bit of each byte that is a letter or digit, of the `n` in range.
        let words = match swar::load(b, p) {
            Some(x) => swar::alphanumeric(x),
            None => (0..n).fold(0, |m, i| {
                m | u64::from(b[p + i].is_ascii_alphanumeric()) << (8 * i + 7)
            }),
        } & swar::HIGH >> (8 * (8 - n));
        let mut starts = words & !(words << 8 | u64::from(before) << 7);
        while starts != 0 {
            let q = p + swar::first(starts);
            cands[q / BLOCK] |= 1 << (q % BLOCK);
            starts &= starts - 1;
        }
        before = words >> (8 * n - 1) != 0;
        p += n;
    }
}

/// Marks in `cands` the start of the word (of ASCII letters and digits) that runs
/// over `edge`, a sentence's start or end, if one does: the tokenizer read it in
/// two pieces, and the case of neither (`Thirt`, `Y`) tells whether the whole word
/// is in a mix of cases no lexicon holds. [`confirm`] turns it away if it opens no
/// number.
#[inline(always)]
fn mark_split_word(b: &[u8], edge: usize, cands: &mut [u64]) {
    let inside = |p: usize| b.get(p).is_some_and(u8::is_ascii_alphanumeric);
    // The byte before first: before a sentence's start and at its end (a stop, a
    // quote mark) it is most often no letter or digit, and the tests end there.
    if edge > 0 && inside(edge - 1) && inside(edge) {
        let mut p = edge - 1;
        while p > 0 && b[p - 1].is_ascii_alphanumeric() {
            p -= 1;
        }
        cands[p / BLOCK] |= 1 << (p % BLOCK);
    }
}

/// Marks in `cands` the candidates in `from..to`: a short range word start by word
/// start ([`mark_starts`]), a longer one block by block, as [`Scanner::new`] does.
fn mark_range(b: &[u8], lex: &Lexicon, from: usize, to: usize, cands: &mut [u64]) {
    if to <= from + BLOCK {
        mark_starts(b, from, to, cands);
        return;
    }
    let first = from / BLOCK;
    for (k, c) in cands
        .iter_mut()
        .enumerate()
        .take((to - 1) / BLOCK + 1)
        .skip(first)
    {
        let base = k * BLOCK;
        let mut window = [b' '; WINDOW];
        let n = (b.len() - base).min(WINDOW);
        window[..n].copy_from_slice(&b[base..base + n]);
        let before = base > 0 && b[base - 1].is_ascii_alphanumeric();
        let (found, _) = candidates(&window, before, lex);
        let lo = from.max(base) - base;
        let hi = to.min(base + BLOCK) - base;
        *c |= found & u64::MAX << lo & u64::MAX >> (BLOCK - hi);
    }
}

#[cfg(test)]
mod tests;
