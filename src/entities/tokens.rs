//! Word tokens with the shape facts the entity rules read. Byte offsets.
//!
//! Tokens never cross a sentence. A possessive `'s` is left out of its word (`Trump's`
//! → `Trump`), a hyphen separates words (`Russian-occupied` → `Russian`, `occupied`) and
//! the dots of initials and abbreviations stay inside (`U.S.`, `F.`, `Mr.`), because the
//! gazetteer and the title rules see them written that way.

use std::ops::{Deref, DerefMut};

use crate::document::Sentence;
use crate::gazetteer::{Gazetteer, Scanned};

use super::lexicon::{bit, Lexicon};

mod ascii;
mod dots;
mod shapes;
mod words;

use ascii::{ascii_word, bounded, plain_words};
use dots::is_abbreviation;
#[cfg(test)]
use dots::keeps_dot;
pub(crate) use words::Words;

/// How a token is attached to the token before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gap {
    /// First token of its sentence.
    Start,
    /// Only spaces or tabs between them: a name may run on.
    Space,
    /// Exactly one hyphen between them (`Shin-Wook`).
    Hyphen,
    /// Punctuation, a line break or anything else: a name stops.
    Other,
}

/// The capitalization of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// `said`, `of`
    Lower,
    /// `Kyiv`, `Mr.`, `Cloud9`
    Title,
    /// Two or more letters, all capitals (`EFE`, `U.S.`, `NASA`).
    Upper,
    /// A capital after a lowercase letter (`TikTok`, `McDonald`).
    Camel,
    /// Starts with a digit (`501st`, `45`).
    Digit,
}

impl Shape {
    /// True for shapes a proper name can have.
    pub fn capitalized(self) -> bool {
        matches!(self, Shape::Title | Shape::Upper | Shape::Camel)
    }
}

/// A token: 20 bytes, not 32. Offsets and the sentence index are kept as `u32` (the
/// tokenizer makes no token for a text of 4 GiB or more) and read through
/// [`Tok::start`], [`Tok::end`] and [`Tok::sentence`]: the tokenizer's loop writes
/// fewer bytes per word, and the rules' walks over the tokens read fewer.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    start: u32,
    end: u32,
    /// Index into the document's sentences.
    sentence: u32,
    pub gap: Gap,
    pub shape: Shape,
    /// First word of its sentence, or first word after an opening quote mark: a
    /// capital here says nothing about the word being a name.
    pub initial: bool,
    /// The word's [`Lexicon`] bits, looked up while its bytes are at hand (the field
    /// fits in the padding after `start`, `end` and `sentence`).
    pub flags: u32,
}

impl Tok {
    /// The byte offset of the word's first byte.
    #[inline(always)]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// The byte offset past the word's last byte.
    #[inline(always)]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Index into the document's sentences.
    #[inline(always)]
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }
}

/// The story's tokens (read as a slice of them), with two lists the tokenizer writes
/// as it goes, so that the rules need not look at every token to find them: the
/// indices of the [capitalized](Shape::capitalized) tokens in order, where the entity
/// rules' runs may start (noted as each is pushed, on the branch that gave it its
/// capital), and where each sentence's tokens end (for the sentences that have any).
#[derive(Debug, Default)]
pub(super) struct Tokens {
    capitals: Vec<u32>,
    toks: Vec<Tok>,
    sentence_ends: Vec<u32>,
    /// The indices of the tokens the quantities stage must look at, in order: see
    /// [`Tokens::numbers`].
    numbers: Vec<u32>,
    /// The indices of the tokens the general path read, in order: see
    /// [`Tokens::general`].
    general: Vec<u32>,
    /// The fast path's words, noted for the gazetteer's matching pass.
    scanned: Scanned,
}

impl Tokens {
    fn with_capacity(n: usize, sentences: usize) -> Tokens {
        Tokens {
            toks: Vec::with_capacity(n),
            // About one word in six is capitalized in news copy.
            capitals: Vec::with_capacity(n / 4),
            sentence_ends: Vec::with_capacity(sentences),
            // About one word in thirty starts with a digit or is a number word.
            numbers: Vec::with_capacity(n / 16),
            general: Vec::with_capacity(n / 16),
            scanned: Scanned::with_capacity(n, sentences),
        }
    }

    /// The fast path's words, noted for [`Gazetteer::find_scanned`].
    pub fn scanned(&self) -> &Scanned {
        &self.scanned
    }

    /// The indices of the plain tokens (ASCII letters and digits only, read by the
    /// fast paths) that may start a number, in order: every one that starts with a
    /// digit, and every word that is a number word ([`bit::NUMBER`]) as the lexicon
    /// holds it: lowercase, capitalized or in capitals. With the
    /// [`general`](Tokens::general) tokens and the words in other cases (`tHIRTY`,
    /// which the quantities stage finds by their case alone), no other token holds a
    /// number's start.
    pub fn numbers(&self) -> &[u32] {
        &self.numbers
    }

    /// The indices of the tokens the general path read, in order: any of them may
    /// hold a number's start, at its own start or inside it (after an apostrophe, a
    /// dot or a non-ASCII letter: `don't`, `U.S.`, `éten`).
    pub fn general(&self) -> &[u32] {
        &self.general
    }

    /// Notes the token pushed last as a plain one that may start a number.
    #[inline(always)]
    fn note_number(&mut self) {
        self.numbers.push(self.toks.len() as u32 - 1);
    }

    /// Notes the plain word of letters pushed last, whose lexicon bits are `flags`,
    /// when it is a number word.
    #[inline(always)]
    fn note_number_word(&mut self, flags: u32) {
        if flags & bit::NUMBER != 0 {
            self.note_number();
        }
    }

    /// The indices of the capitalized tokens, in order.
    pub fn capitals(&self) -> &[u32] {
        &self.capitals
    }

    /// The end (exclusive) of each sentence's tokens, in order, for the sentences
    /// that have tokens: the tokens of the first such sentence are `0..ends[0]`, those
    /// of the next `ends[0]..ends[1]`.
    pub fn sentence_ends(&self) -> &[u32] {
        &self.sentence_ends
    }

    /// Pushes `t`, noting it when it is capitalized.
    #[inline(always)]
    fn push(&mut self, t: Tok) {
        if t.shape.capitalized() {
            self.note_capital();
        }
        self.toks.push(t);
    }

    /// Notes the token pushed next as capitalized: for the callers that know its
    /// shape by the branch they are on.
    #[inline(always)]
    fn note_capital(&mut self) {
        // Fewer than 2^32 tokens: the text is shorter than 4 GiB.
        self.capitals.push(self.toks.len() as u32);
    }
}

impl Deref for Tokens {
    type Target = [Tok];
    fn deref(&self) -> &[Tok] {
        &self.toks
    }
}

impl<'t> IntoIterator for &'t Tokens {
    type Item = &'t Tok;
    type IntoIter = std::slice::Iter<'t, Tok>;
    fn into_iter(self) -> Self::IntoIter {
        self.toks.iter()
    }
}

impl DerefMut for Tokens {
    fn deref_mut(&mut self) -> &mut [Tok] {
        &mut self.toks
    }
}

/// Splits every sentence into word tokens, each with its bits in `lex`, noting the
/// words of the fast path for the matching pass of `gaz` ([`Tokens::scanned`]).
///
/// Never inlined: it runs once per story, and a profile then shows its own cost.
#[inline(never)]
pub(super) fn read(text: &str, sentences: &[Sentence], lex: &Lexicon, gaz: &Gazetteer) -> Tokens {
    tokenize_with::<true>(text, sentences, lex, gaz)
}

/// [`read`] for the embedded gazetteer: for the tests.
#[cfg(test)]
pub(super) fn tokenize(text: &str, sentences: &[Sentence], lex: &Lexicon) -> Tokens {
    read(text, sentences, lex, crate::gazetteer::embedded())
}

/// [`read`], with the [`plain_words`] fast path when `FAST` (the tests read the same
/// text both ways).
fn tokenize_with<const FAST: bool>(
    text: &str,
    sentences: &[Sentence],
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> Tokens {
    // Offsets are kept in 32 bits: a text of 4 GiB or more (no story) gets no token.
    if u32::try_from(text.len()).is_err() {
        return Tokens::default();
    }
    // News copy has a token per six or seven bytes; wordier stories would grow it.
    let mut toks = Tokens::with_capacity(text.len() / 5, sentences.len());
    for (si, s) in sentences.iter().enumerate() {
        if !Words::reads(text, s) {
            continue;
        }
        let first = toks.len();
        let mut i = s.start;
        let mut prev_end = s.start;
        // A space follows the word before (at `prev_end`), as the word read it.
        let mut prev_space = false;
        // The sentence's bytes, so that indexing below `s.end` needs no bounds check.
        let bytes = &text.as_bytes()[..s.end];
        let bounded = bounded(text.as_bytes(), s.end);
        // Where the fast path reads on from (after the token ending there, or the
        // sentence's first word): most sentences open with a plain word.
        let mut fast = FAST.then_some((s.start, true));
        loop {
            // One call site: the fast loop is inlined once.
            if let Some((end, at_start)) = fast.take() {
                let (end, done) = plain_words(text, end, s.end, si, lex, gaz, &mut toks, at_start);
                // The sentence's first token, when the fast path read it, is `initial`:
                // or-ed in, with no test of `at_start`, which went one way at a
                // sentence's start and the other inside it.
                if let Some(t) = toks.get_mut(first) {
                    t.initial |= at_start;
                }
                // No word left: the general path need not skip the final stop.
                if done {
                    break;
                }
                // A sentence whose first word the fast path does not read is left as
                // it was, for the general path.
                if toks.len() > first {
                    prev_end = end;
                    prev_space = prev_end < s.end && bytes[prev_end] == b' ';
                    // A possessive after the last token (the fast path reads `'s `
                    // and the word after it together) is skipped, as `word` skips it.
                    i = prev_end + usize::from(prev_space) + possessive_len(text, prev_end, s.end);
                }
            }
            if i >= bytes.len() {
                break;
            }
            // ASCII fast path: most bytes between words are spaces and punctuation.
            let b = bytes[i];
            if b < 0x80 {
                if !ASCII_ALNUM[usize::from(b)] {
                    i += 1;
                    continue;
                }
            } else {
                let c = char_at(text, i);
                if !is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            let start = i;
            let w = word(text, start, s.end, bounded, lex);
            // Most words follow one space; the sentence's first word never passes this
            // test, as `prev_space` starts false.
            let (gap, initial) = if start == prev_end + 1 && prev_space {
                (Gap::Space, false)
            } else if toks.len() == first {
                (Gap::Start, true)
            } else {
                gap(&bytes[prev_end..start])
            };
            toks.push(Tok {
                start: start as u32,
                end: w.end as u32,
                sentence: si as u32,
                gap,
                shape: w.shape,
                initial,
                flags: w.flags,
            });
            toks.general.push(toks.len() as u32 - 1);
            prev_end = w.end;
            prev_space = w.space;
            i = w.next;
            // Most words that follow are plain and take the fast path, which stops at
            // the first it cannot read: the general path above reads that one. A
            // possessive skipped (`i` past the space test) leaves them all to it.
            if FAST && i == prev_end + usize::from(prev_space) {
                fast = Some((prev_end, false));
            }
        }
        if toks.len() > first {
            toks.sentence_ends.push(toks.len() as u32);
        }
    }
    toks
}

/// A word as [`word`] read it.
struct Word {
    end: usize,
    shape: Shape,
    /// Where the next word may start: past a possessive `'s`, or else past the
    /// space after the word, if any.
    next: usize,
    /// Its bits in the [`Lexicon`].
    flags: u32,
    /// A space follows it inside the sentence.
    space: bool,
}

/// The word starting at `start` (a letter or digit), not past `limit`.
/// `bounded` says [`bounded`] of `limit`.
fn word(text: &str, start: usize, limit: usize, bounded: bool, lex: &Lexicon) -> Word {
    if let Some(w) = ascii_word(text.as_bytes(), start, limit, bounded) {
        // An ASCII word followed by neither `'` nor a non-ASCII byte has no possessive;
        // the space after it, if any, needs no second look.
        return Word {
            end: w.end,
            shape: w.shape,
            next: w.end + usize::from(w.space),
            flags: lex.ascii_flags(text, start, w.end, w.first),
            space: w.space,
        };
    }
    let end = word_end(text, start, limit);
    let space = end < limit && text.as_bytes()[end] == b' ';
    // Past a possessive, or else past the space after the word, as for an ASCII word:
    // then the fast path reads on after this word (a contraction, a Unicode letter,
    // an initial), not only after the one that follows it.
    let next = match possessive_len(text, end, limit) {
        0 => end + usize::from(space),
        n => end + n,
    };
    Word {
        end,
        shape: shape(text, start, end),
        next,
        flags: lex.flags(&text[start..end]),
        space,
    }
}

/// How a token is attached to the one before it, by the text `between` them (whole
/// characters, as bytes: the common gaps need no string slice), and whether that
/// text opens a quote (then the token is [`Tok::initial`]).
fn gap(bytes: &[u8]) -> (Gap, bool) {
    // Most words follow one space.
    if bytes == b" " {
        return (Gap::Space, false);
    }
    if bytes == b"-" {
        return (Gap::Hyphen, false);
    }
    if !bytes.is_empty() && bytes.iter().all(|&b| b == b' ' || b == b'\t') {
        return (Gap::Space, false);
    }
    // Spaces or a hyphen hold no quote mark: only other gaps are searched. ASCII
    // text holds no curly quote or dash.
    let initial = if bytes.is_ascii() {
        bytes.iter().any(|&b| b == b'"' || b == b':')
    } else {
        // Whole characters: a character's encoding found in them is that character.
        let has = |cs: &[char]| {
            cs.iter().any(|c| {
                let mut buf = [0u8; 4];
                let enc = c.encode_utf8(&mut buf).as_bytes();
                bytes.windows(enc.len()).any(|w| w == enc)
            })
        };
        has(&['“', '"', '‘', ':', '—']) && !has(&['”', '’'])
    };
    (Gap::Other, initial)
}

/// The length of a possessive `'s` at `text[at..limit]`, or 0.
fn possessive_len(text: &str, at: usize, limit: usize) -> usize {
    // Both marks start with `'` or the lead byte of `’`: most words are followed by
    // neither, and need no string slice.
    if at >= limit || !matches!(text.as_bytes()[at], b'\'' | 0xE2) {
        return 0;
    }
    let rest = &text[at..limit];
    for mark in ["'s", "’s", "'S", "’S"] {
        if let Some(after) = rest.strip_prefix(mark) {
            if !after.chars().next().is_some_and(is_word_char) {
                return mark.len();
            }
        }
    }
    0
}

/// [`char::is_alphanumeric`], with the General Punctuation block (dashes, curly quotes,
/// the ellipsis: U+2000 to U+206F, no letter or digit among them) answered without the
/// Unicode tables, which cost hundreds of instructions a character.
fn is_word_char(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// ASCII letters and digits, by byte: one load where a range test took several.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The end of the run of letters and digits starting at `i`, not past `limit`.
fn alnum_end(text: &str, mut i: usize, limit: usize) -> usize {
    let bytes = &text.as_bytes()[..limit];
    loop {
        // ASCII letters and digits, one table load each (non-ASCII bytes are false).
        while i < bytes.len() && ASCII_ALNUM[usize::from(bytes[i])] {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] < 0x80 {
            return i;
        }
        let c = char_at(text, i);
        if !is_word_char(c) {
            return i;
        }
        i += c.len_utf8();
    }
}

/// The end of the word starting at `start`, not past `limit`.
fn word_end(text: &str, start: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let run = |i: usize| alnum_end(text, i, limit);
    let mut i = run(start);
    loop {
        if i >= limit {
            return limit.min(i);
        }
        // Most words end at a space or punctuation other than an apostrophe or a dot.
        if !matches!(bytes[i], b'\'' | b'.' | 0xE2) {
            return i;
        }
        let c = char_at(text, i);
        let next = i + c.len_utf8();
        let after = if next < limit {
            Some(char_at(text, next))
        } else {
            None
        };
        match c {
            '\'' | '’' if after.is_some_and(is_word_char) => {
                let a = after.unwrap_or(' ');
                let beyond = next + a.len_utf8();
                let possessive = matches!(a, 's' | 'S')
                    && (beyond >= limit || !is_word_char(char_at(text, beyond)));
                if possessive {
                    return i;
                }
                i = run(next);
            }
            '.' => {
                let word = &text[start..i];
                let initial = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
                let dotted = word.contains('.');
                if initial || dotted || is_abbreviation(word.as_bytes()) {
                    // U.S.A.: a single letter and a dot may follow.
                    match after {
                        Some(a) if a.is_uppercase() && (initial || dotted) => {
                            let beyond = next + a.len_utf8();
                            if beyond < limit && char_at(text, beyond) == '.' {
                                i = beyond;
                                continue;
                            }
                            return next;
                        }
                        _ => return next,
                    }
                }
                return i;
            }
            _ => return i,
        }
    }
}

/// The shape of the word `text[start..end]`.
fn shape(text: &str, start: usize, end: usize) -> Shape {
    let word = &text.as_bytes()[start..end];
    if word.is_ascii() {
        ascii_shape(word)
    } else {
        unicode_shape(&text[start..end])
    }
}

fn unicode_shape(word: &str) -> Shape {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_numeric() {
        return Shape::Digit;
    }
    if !first.is_uppercase() {
        return Shape::Lower;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && !word.chars().any(|c| c.is_lowercase()) {
        return Shape::Upper;
    }
    let mut prev_lower = false;
    for c in chars {
        if c.is_uppercase() && prev_lower {
            return Shape::Camel;
        }
        prev_lower = c.is_lowercase();
    }
    Shape::Title
}

/// [`shape`] of an ASCII word, in one pass over its bytes.
fn ascii_shape(word: &[u8]) -> Shape {
    let Some(&first) = word.first() else {
        return Shape::Lower;
    };
    if first.is_ascii_digit() {
        return Shape::Digit;
    }
    if !first.is_ascii_uppercase() {
        return Shape::Lower;
    }
    let (mut letters, mut lower, mut camel, mut prev_lower) = (1, false, false, false);
    for &b in &word[1..] {
        letters += usize::from(b.is_ascii_alphabetic());
        camel |= b.is_ascii_uppercase() && prev_lower;
        prev_lower = b.is_ascii_lowercase();
        lower |= prev_lower;
    }
    if letters >= 2 && !lower {
        Shape::Upper
    } else if camel {
        Shape::Camel
    } else {
        Shape::Title
    }
}

#[cfg(test)]
pub(super) mod tests;
