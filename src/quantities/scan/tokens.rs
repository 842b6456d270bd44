//! The scan's candidates from the entity tokenizer's tokens, which have read every
//! word of the story's sentences once for every stage: the tokenizer notes the few
//! that may start a number (a digit, a number word in the entities lexicon's
//! `NUMBER` bit, and any token its general path read), and the text is read here
//! only where tokens do not tell: outside the sentences, and for the words in a mix
//! of cases the lexicon does not hold (`tHIRTY`). What [`Scanner::new`] finds, from
//! fewer instructions (its tests check the two agree).

use super::{candidates, Lexicon, Scanner, BLOCK, WINDOW};
use crate::document::Sentence;
use crate::entities::Words;
use crate::{simd16, swar};

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
            .filter(|s| Words::reads(text, s))
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
        mark_odd_case(b, &mut cands);
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

/// Marks in `cands` the start of every word (of ASCII letters and digits) with
/// letters in a case the entity lexicon does not hold a number word in (it holds
/// `thirty`, `Thirty` and `THIRTY`): a capital right after a lowercase letter
/// (`tHIRTY`, `ThirtY`), or a lowercase letter right after a capital that follows a
/// letter (`THIRTy`). Any other mix of cases has one of the two.
///
/// Sixteen bytes a compare, a block of 64 a step, with no branch but for the few
/// words it finds.
fn mark_odd_case(b: &[u8], cands: &mut [u64]) {
    // The letters and capitals of the block before, for the bits that cross over.
    let mut before = (0, 0);
    let mut blocks = b.chunks_exact(BLOCK);
    for (k, block) in blocks.by_ref().enumerate() {
        let block: &[u8; BLOCK] = block.try_into().unwrap_or(&[0; BLOCK]);
        before = mark_odd_block(b, k, block, before, cands);
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        let mut window = [b' '; BLOCK];
        window[..rest.len()].copy_from_slice(rest);
        mark_odd_block(b, b.len() / BLOCK, &window, before, cands);
    }
}

/// [`mark_odd_case`] of the block `k` of `b`, whose bytes are `block`, given the
/// masks of letters and capitals of the block before; returns its own.
#[inline(always)]
fn mark_odd_block(
    b: &[u8],
    k: usize,
    block: &[u8; BLOCK],
    (letters0, upper0): (u64, u64),
    cands: &mut [u64],
) -> (u64, u64) {
    let (mut letters, mut upper) = (0u64, 0u64);
    for (i, chunk) in block.chunks_exact(16).enumerate() {
        let chunk: &[u8; 16] = chunk.try_into().unwrap_or(&[0; 16]);
        letters |= u64::from(simd16::letters(chunk)) << (16 * i);
        upper |= u64::from(simd16::uppercase(chunk)) << (16 * i);
    }
    let (lower, lower0) = (letters & !upper, letters0 & !upper0);
    let shift = |now: u64, then: u64, by: u32| now << by | then >> (64 - by);
    let mut odd = upper & shift(lower, lower0, 1)
        | lower & shift(upper, upper0, 1) & shift(letters, letters0, 2);
    while odd != 0 {
        // The word's start, which may lie in a block before.
        let mut p = k * BLOCK + odd.trailing_zeros() as usize;
        while p > 0 && b[p - 1].is_ascii_alphanumeric() {
            p -= 1;
        }
        cands[p / BLOCK] |= 1 << (p % BLOCK);
        odd &= odd - 1;
    }
    (letters, upper)
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
