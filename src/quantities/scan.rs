//! The scan for number starts: a digit or a number word at the start of a word.
//!
//! A number only ever starts a word (`G7`, `often` and `sevenfold` hold none), so
//! the scan looks at word starts only. It reads the text in blocks of 64 bytes: the
//! letters and digits are marked byte by byte in a loop the compiler vectorizes, and
//! gathered into a mask of one bit per byte, whose word starts are then
//! walked with no branch but the loop's: each start's first three bytes (and the
//! low bits of its fourth) are probed in a table of the words that can open a number, and a digit or a hit sets the
//! start's bit in a mask of candidates. Only those few are looked at one by one
//! (`the` and `of` never are); a collision in the probe only costs a second probe or
//! a lookup of the whole word.

use super::lex::{boundary_before, skip_spaces_back, word_before, word_is};
use super::words::{First, Lexicon, Word};

/// The bytes a block covers.
const BLOCK: usize = 64;

/// The bytes a block reads: a word starting in its last byte is probed on four.
const WINDOW: usize = BLOCK + 8;

/// The number starts of a text, in order: a block of candidates is kept between
/// calls, since the caller resumes a few bytes after each start it is given.
pub(crate) struct Scanner<'a> {
    b: &'a [u8],
    lex: &'a Lexicon,
    /// Where the current block starts.
    base: usize,
    /// Where it ends; `base` before the first block is read.
    end: usize,
    /// The position last asked for: the candidates before it are gone.
    asked: usize,
    /// A bit per byte of the block (the lowest for `base`), set at each candidate
    /// start at or after `asked` not yet turned away.
    cands: u64,
    /// The last start reported and its number word, for [`Scanner::word_at`].
    word: Option<(usize, Word)>,
}

impl<'a> Scanner<'a> {
    pub fn new(b: &'a [u8], lex: &'a Lexicon) -> Scanner<'a> {
        Scanner {
            b,
            lex,
            base: 0,
            end: 0,
            asked: 0,
            cands: 0,
            word: None,
        }
    }

    /// The first number start at or after `pos`: `(start, end)` of a digit (one
    /// byte) or of a whole word of letters that opens a number.
    ///
    /// A start inside a word is never reported (so a `pos` inside a word skips the
    /// rest of it); a number word glued to a digit (`seven7`) or followed by a
    /// non-ASCII letter is reported, and the caller's boundary checks turn it away.
    pub fn next_start(&mut self, pos: usize) -> Option<(usize, usize)> {
        if pos < self.asked || pos < self.base || pos >= self.end {
            self.read_block(pos);
        } else {
            self.cands &= u64::MAX << (pos - self.base);
        }
        self.asked = pos;
        loop {
            while self.cands == 0 {
                if self.end >= self.b.len() {
                    return None;
                }
                self.read_block(self.end);
            }
            let p = self.base + self.cands.trailing_zeros() as usize;
            // A start reported stays a candidate until the caller moves past it.
            if let Some((s, e, word)) = confirm(self.b, p, self.lex) {
                self.word = word.map(|w| (s, w));
                return Some((s, e));
            }
            self.cands &= self.cands - 1;
        }
    }

    /// The number word the scan found at `s` when it reported a start there last:
    /// the parser need not look it up again.
    pub fn word_at(&self, s: usize) -> Option<Word> {
        self.word.filter(|w| w.0 == s).map(|w| w.1)
    }

    /// Reads the blocks from `base` on until one holds a candidate or the text
    /// ends, and makes that block the current one.
    fn read_block(&mut self, mut base: usize) {
        let mut before = base > 0 && self.b.get(base - 1).is_some_and(u8::is_ascii_alphanumeric);
        // The blocks with a whole window of text, in a loop that keeps its state in
        // registers: most blocks hold no candidate and are passed over here.
        while let Some(window) = self.b.get(base..).and_then(|r| r.first_chunk::<WINDOW>()) {
            let (cands, last) = candidates(window, before, self.lex);
            if cands != 0 {
                self.set_block(base, cands);
                return;
            }
            before = last;
            base += BLOCK;
        }
        self.read_tail(base, before);
    }

    /// [`Scanner::read_block`] from `base` on, where less than a window of text is
    /// left: spaces past the end of the text stand for no word, and the probes
    /// read them as the lookups of a word at the end do.
    fn read_tail(&mut self, mut base: usize, mut before: bool) {
        loop {
            let Some(rest) = self.b.get(base..).filter(|r| !r.is_empty()) else {
                self.set_block(base, 0);
                return;
            };
            let mut window = [b' '; WINDOW];
            let n = rest.len().min(WINDOW);
            window[..n].copy_from_slice(&rest[..n]);
            let (cands, last) = candidates(&window, before, self.lex);
            if cands != 0 || base.saturating_add(BLOCK) >= self.b.len() {
                self.set_block(base, cands);
                return;
            }
            before = last;
            base += BLOCK;
        }
    }

    /// Makes the block at `base` with candidates `cands` the current one.
    #[inline]
    fn set_block(&mut self, base: usize, cands: u64) {
        self.base = base;
        self.end = base.saturating_add(BLOCK);
        self.cands = cands;
    }
}

/// The candidate starts of the 64 bytes at the start of `window`, a bit per byte:
/// each word start that is a digit or whose first four bytes may open a number.
/// `before`: a letter or digit touches the first byte from the left. Also whether
/// the last byte is a letter or digit, the `before` of the next block.
#[inline]
fn candidates(window: &[u8; WINDOW], before: bool, lex: &Lexicon) -> (u64, bool) {
    let words = word_bits(window);
    let mut starts = words & !(words << 1 | u64::from(before));
    let mut cands = 0;
    while starts != 0 {
        let i = starts.trailing_zeros() as usize;
        let head = window
            .get(i..i + 4)
            .map_or(0, |h| u32::from_le_bytes(h.try_into().unwrap_or([0; 4])));
        // A start is a letter or a digit, and only digits have bit 6 clear.
        let digit = u64::from(!head >> 6 & 1);
        cands |= (digit | lex.opens_trigram(head)) << i;
        starts &= starts - 1;
    }
    (cands, words >> 63 != 0)
}

/// A bit per byte of the first 64 bytes of `window`, set at each ASCII letter or
/// digit. Each byte is marked on its own, with no branch and nothing carried between
/// bytes, in a loop the compiler turns into vector instructions (sixteen bytes at a
/// time, where [`crate::swar::alphanumeric`] takes eight and twice the operations).
/// The mark of byte `8k + j` is bit `k` of the byte's mark ([`PLANES`]), so that the
/// eight groups of eight marks OR into one number whose byte `j` holds bit `k` for
/// byte `8k + j`: one transpose of that 8x8 bit matrix puts every bit in its place,
/// in fewer operations than gathering each group on its own.
#[inline(always)]
fn word_bits(window: &[u8; WINDOW]) -> u64 {
    let mut marks = [0u8; BLOCK];
    for ((mark, &c), &plane) in marks.iter_mut().zip(window).zip(&PLANES) {
        // Each range moved to the bottom of the signed bytes (`a` and `0` to -128):
        // one signed comparison a range, which the vector instructions have.
        let letter = ((c | 0x20).wrapping_add(0x80 - b'a') as i8) < -128 + 26;
        let digit = (c.wrapping_add(0x80 - b'0') as i8) < -128 + 10;
        *mark = if letter | digit { plane } else { 0 };
    }
    let mut planes = 0;
    for chunk in marks.chunks_exact(8) {
        planes |= u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
    }
    transpose(planes)
}

/// The bit each byte of a block marks itself with in [`word_bits`]: bit `k` for the
/// bytes `8k..8k + 8`.
static PLANES: [u8; BLOCK] = {
    let mut planes = [0; BLOCK];
    let mut i = 0;
    while i < BLOCK {
        planes[i] = 1 << (i / 8);
        i += 1;
    }
    planes
};

/// The transpose of an 8x8 bit matrix whose rows are the bytes of `x` (bit `k` of
/// byte `j` becomes bit `j` of byte `k`): three rounds of swapping blocks across
/// the diagonal, 1x1, 2x2 and then 4x4 bits (Hacker's Delight, 7-3).
#[inline(always)]
fn transpose(mut x: u64) -> u64 {
    let t = (x ^ (x >> 7)) & 0x00AA_00AA_00AA_00AA;
    x ^= t ^ (t << 7);
    let t = (x ^ (x >> 14)) & 0x0000_CCCC_0000_CCCC;
    x ^= t ^ (t << 14);
    let t = (x ^ (x >> 28)) & 0x0000_0000_F0F0_F0F0;
    x ^ t ^ (t << 28)
}

/// The number start at the candidate `p` (a word start), if it is one.
#[inline]
fn confirm(b: &[u8], p: usize, lex: &Lexicon) -> Option<(usize, usize, Option<Word>)> {
    match lex.first(b[p]) {
        First::Digit => Some((p, p + 1, None)),
        First::Opener if lex.may_open_prefix(b, p) => opener_at(b, p, lex),
        _ => None,
    }
}

/// The number word at `p`, for the few words whose first four letters begin one.
#[inline(never)]
fn opener_at(b: &[u8], p: usize, lex: &Lexicon) -> Option<(usize, usize, Option<Word>)> {
    let e = super::lex::letters_end(b, p);
    let word = lex.opener(&b[p..e])?;
    Some((p, e, Some(word)))
}

/// Where a number whose first digit is at `s` starts: at a decimal point or a
/// minus sign before it (`.08`, `-5`); None inside a word (`G7`, `MH17`).
pub(crate) fn digit_start(text: &str, s: usize) -> Option<usize> {
    let b = text.as_bytes();
    if s > 0 && b[s - 1].is_ascii_digit() {
        return None; // inside a digit run the scan already passed
    }
    let lead = s > 0 && matches!(b[s - 1], b'.' | b'-');
    if lead {
        let p = s - 1;
        // A hyphen is a minus sign only after a space or a bracket (`-5`), never
        // inside `3-1` or `F-16`.
        let minus_ok = b[p] == b'.' || p == 0 || b" \t\n(".contains(&b[p - 1]);
        if minus_ok && boundary_before(text, p) {
            return Some(p);
        }
        if b[p] == b'-' {
            return Some(s); // `3-1`: the `1` on its own
        }
    }
    boundary_before(text, s).then_some(s)
}

/// `a`/`an` right before the number word at `s` (`a dozen`, `a third`), when it
/// is after `pos`; else `s`.
pub(crate) fn article_before(text: &str, s: usize, pos: usize) -> usize {
    // Both articles end in `a` or `n`: one byte turns most words before away unread.
    let b = text.as_bytes();
    let e = skip_spaces_back(b, s);
    if e == 0 || !matches!(b[e - 1] | 0x20, b'a' | b'n') {
        return s;
    }
    match word_before(text, s) {
        Some(w) if w.0 >= pos && (word_is(text, w, "a") || word_is(text, w, "an")) => w.0,
        _ => s,
    }
}

/// The end of the ASCII word or digit run at `i`.
pub(crate) fn skip_word(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::swar;

    /// Every start the scan reports in `text`, resuming after each.
    fn starts(text: &str) -> Vec<&str> {
        let lex = Lexicon::new();
        let mut scan = Scanner::new(text.as_bytes(), &lex);
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some((s, e)) = scan.next_start(pos) {
            found.push(&text[s..e]);
            pos = e;
        }
        found
    }

    #[test]
    fn start_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("Seven often sevenfold", &["Seven"]),
            ("G7 and 15 MH17", &["1"]),
            ("a third of thirds", &["third"]),
            ("seven7 éten", &["seven", "ten"]),
            ("minus 5.25", &["minus", "5", "2"]),
            (
                "x ThirtY-seven, twelve;dz 9",
                &["ThirtY", "seven", "twelve", "dz", "9"],
            ),
            ("the onе one", &["one"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(starts(text), *want, "{text:?}");
        }
    }

    /// The one-byte test agrees with reading the word before.
    #[test]
    fn article_cases() {
        let slow = |text: &str, s: usize, pos: usize| match word_before(text, s) {
            Some(w) if w.0 >= pos && (word_is(text, w, "a") || word_is(text, w, "an")) => w.0,
            _ => s,
        };
        let texts = [
            "a dozen",
            "An  eighth",
            "man ten",
            "na ten",
            "N ten",
            "x.a ten",
            "\u{e9}a ten",
            "(an) ten",
            "ten",
            "a\tten",
            "Ban ten",
            "aN ten",
        ];
        for text in texts {
            let s = text
                .rfind("ten")
                .or_else(|| text.rfind("dozen"))
                .or_else(|| text.rfind("eighth"));
            let s = s.unwrap_or(0);
            for pos in [0, 1, s] {
                assert_eq!(
                    article_before(text, s, pos),
                    slow(text, s, pos),
                    "{text:?} {pos}"
                );
            }
        }
    }

    /// The scan as the words say it: every word start, a digit or a whole word
    /// that opens a number; what the chunked probes must find.
    fn slow_starts(text: &[u8], lex: &Lexicon) -> Vec<(usize, usize)> {
        let word = |i: usize| text[i].is_ascii_alphanumeric();
        let mut found = Vec::new();
        for p in (0..text.len()).filter(|&p| word(p) && (p == 0 || !word(p - 1))) {
            let e = crate::quantities::lex::letters_end(text, p);
            if text[p].is_ascii_digit() {
                found.push((p, p + 1));
            } else if lex.opener(&text[p..e]).is_some() {
                found.push((p, e));
            }
        }
        found
    }

    /// The first start at or after `pos` as the words say it: a start at `pos`
    /// itself only when no letter or digit touches it.
    fn slow_first(text: &[u8], pos: usize, lex: &Lexicon) -> Option<(usize, usize)> {
        let inside = pos > 0 && pos < text.len() && text[pos - 1].is_ascii_alphanumeric();
        slow_starts(text, lex)
            .into_iter()
            .find(|&(s, _)| s > pos || s == pos && !inside)
    }

    #[test]
    fn block_scan_matches_the_slow_scan() {
        let lex = Lexicon::new();
        let base = "Seven 7 often, the 2nd and THIRD; x-ten.twelve(9) Dz ONE\u{e9}one dozens \
                    a7 minus\tnegative\nbillion\u{2014}quarter 1,200 ze tw o";
        // Three copies: every word meets a block's edge at every offset.
        let base = [base; 3].join(" ");
        for cut in 0..70 {
            for end in base.len() - 12..=base.len() {
                let Some(text) = base.get(cut..end) else {
                    continue;
                };
                let text = text.as_bytes();
                let mut scan = Scanner::new(text, &lex);
                let mut fast = Vec::new();
                let mut pos = 0;
                while let Some((s, e)) = scan.next_start(pos) {
                    fast.push((s, e));
                    pos = e;
                }
                let text_str = String::from_utf8_lossy(text);
                assert_eq!(fast, slow_starts(text, &lex), "{text_str:?}");
            }
        }
    }

    /// A scanner asked for any position, in any order, answers as the words say.
    #[test]
    fn any_position_in_any_order() {
        let lex = Lexicon::new();
        let text = "Seven 7 often, the 2nd and THIRD; x-ten.twelve(9) Dz ONE\u{e9}one dozens \
                    a7 minus\tnegative\nbillion\u{2014}quarter 1,200 ze tw o ten";
        let text = [text; 3].join("x");
        let b = text.as_bytes();
        let mut scan = Scanner::new(b, &lex);
        let order = (0..=b.len())
            .chain((0..=b.len()).rev())
            .chain((0..=b.len()).step_by(7));
        for pos in order {
            assert_eq!(scan.next_start(pos), slow_first(b, pos, &lex), "{pos}");
            assert_eq!(
                Scanner::new(b, &lex).next_start(pos),
                slow_first(b, pos, &lex),
                "{pos}"
            );
        }
    }

    /// The word kept for the parser is the class of the word reported, and only
    /// for the start last reported.
    #[test]
    fn word_at_is_the_class_of_the_start_reported() {
        let lex = Lexicon::new();
        let text = b"Seven 7 often twelve";
        let mut scan = Scanner::new(text, &lex);
        let mut pos = 0;
        while let Some((s, e)) = scan.next_start(pos) {
            assert_eq!(scan.word_at(s), lex.opener(&text[s..e]), "{s}");
            assert_eq!(scan.word_at(s + 1), None);
            pos = e;
        }
        assert_eq!(Scanner::new(text, &lex).word_at(0), None);
    }

    #[test]
    fn resumes_after_the_word_it_lands_in() {
        let lex = Lexicon::new();
        assert_eq!(Scanner::new(b"often ten", &lex).next_start(2), Some((6, 9)));
        assert_eq!(Scanner::new(b"12 ten", &lex).next_start(1), Some((3, 6)));
    }

    /// The high bits of the eight bytes of a class mask as the low eight bits of a
    /// number, the first byte lowest, one byte at a time.
    fn gather(mask: u64) -> u64 {
        (0..8).fold(0, |bits, k| bits | (mask >> (8 * k + 7) & 1) << k)
    }

    /// The vector-friendly marks are the eight-byte class masks, for every byte in
    /// every position.
    #[test]
    fn word_bits_are_the_alphanumeric_masks() {
        for c in 0..=255u8 {
            for pos in 0..BLOCK {
                for fill in [b' ', b'a', b'0', 0xff, b'@', b'['] {
                    let mut window = [fill; WINDOW];
                    window[pos] = c;
                    let slow = (0..BLOCK / 8).fold(0u64, |m, k| {
                        let x = swar::load(&window, 8 * k).unwrap_or(0);
                        m | gather(swar::alphanumeric(x)) << (8 * k)
                    });
                    assert_eq!(word_bits(&window), slow, "{c:#x} at {pos} in {fill:#x}");
                }
            }
        }
    }

    /// The transpose moves bit `k` of byte `j` to bit `j` of byte `k`, for every bit
    /// alone and for mixed matrices.
    #[test]
    fn transpose_swaps_rows_and_columns() {
        let slow = |x: u64| {
            (0..64).fold(0u64, |t, b| {
                let (j, k) = (b / 8, b % 8);
                t | (x >> b & 1) << (8 * k + j)
            })
        };
        let mixed = [
            0,
            u64::MAX,
            0x0123_4567_89ab_cdef,
            0x8040_2010_0804_0201,
            0xf0e1_d2c3_b4a5_9687,
        ];
        for x in (0..64).map(|b| 1u64 << b).chain(mixed) {
            assert_eq!(transpose(x), slow(x), "{x:#x}");
        }
    }
}
