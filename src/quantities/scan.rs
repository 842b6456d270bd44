//! The scan for number starts: a digit or a number word at the start of a word.
//!
//! A number only ever starts a word (`G7`, `often` and `sevenfold` hold none), so
//! the scan looks at word starts only. It reads the text in blocks of 64 bytes, each
//! classified sixteen bytes a compare into a mask of its letters and digits and one
//! of its digits ([`simd16`]). A digit that starts a word is a candidate from the
//! masks alone; the other word starts are walked with no branch but the loop's: each
//! start's first three bytes (and the low bits of its fourth) are probed in a table
//! of the words that can open a number, and a hit sets the start's bit in a mask of
//! candidates. Only those few are looked at one by one (`the` and `of` never are); a
//! collision in the probe only costs a second probe or a lookup of the whole word.
//!
//! In the story's sentences the entity tokenizer has read every word already: there
//! the candidates come from its notes ([`tokens`]), and the scan reads only the rest.

use super::lex::{boundary_before, skip_spaces_back, word_before, word_is};
use super::words::{First, Lexicon, Word};
use crate::simd16;

mod tokens;

/// The bytes a block covers.
const BLOCK: usize = 64;

/// The bytes a block reads: a word starting in its last byte is probed on four.
const WINDOW: usize = BLOCK + 8;

/// The number starts of a text. Every block's candidates are marked up front, in a
/// loop with no test of what a block holds; a search for the next one then passes
/// over the blocks with none by a mask of them, not by a test each.
pub(crate) struct Scanner<'a> {
    b: &'a [u8],
    lex: &'a Lexicon,
    /// A bit per byte of the text (bit `p % 64` of block `p / 64`), set at each
    /// candidate start.
    cands: Vec<u64>,
    /// A bit per block (bit `k % 64` of word `k / 64`), set when it holds a candidate.
    busy: Vec<u64>,
    /// The last start reported and its number word, for [`Scanner::word_at`].
    word: Option<(usize, Word)>,
}

impl<'a> Scanner<'a> {
    pub fn new(b: &'a [u8], lex: &'a Lexicon) -> Scanner<'a> {
        let mut cands = Vec::with_capacity(b.len().div_ceil(BLOCK));
        let mut before = false;
        let mut base = 0;
        // The blocks with a whole window of text, then the last few, read with spaces
        // past the end of the text that stand for no word (the probes read them as
        // the lookups of a word at the end do). Two loops, not one that pads when it
        // must: that one cost 0.5-0.7M instructions more on 3 MB of news.
        while let Some(window) = b.get(base..).and_then(<[u8]>::first_chunk::<WINDOW>) {
            let (c, last) = candidates(window, before, lex);
            cands.push(c);
            before = last;
            base += BLOCK;
        }
        while let Some(rest) = b.get(base..).filter(|r| !r.is_empty()) {
            let mut window = [b' '; WINDOW];
            let n = rest.len().min(WINDOW);
            window[..n].copy_from_slice(&rest[..n]);
            let (c, last) = candidates(&window, before, lex);
            cands.push(c);
            before = last;
            base += BLOCK;
        }
        Scanner::with_candidates(b, lex, cands)
    }

    /// The scanner of `b` with the candidates `cands` (a bit per byte).
    pub(super) fn with_candidates(b: &'a [u8], lex: &'a Lexicon, cands: Vec<u64>) -> Scanner<'a> {
        let mut busy = vec![0u64; cands.len().div_ceil(64)];
        for (k, &c) in cands.iter().enumerate() {
            busy[k / 64] |= u64::from(c != 0) << (k % 64);
        }
        Scanner {
            b,
            lex,
            cands,
            busy,
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
        let mut from = pos;
        loop {
            let p = self.next_candidate(from)?;
            if let Some((s, e, word)) = confirm(self.b, p, self.lex) {
                self.word = word.map(|w| (s, w));
                return Some((s, e));
            }
            from = p + 1;
        }
    }

    /// The number word the scan found at `s` when it reported a start there last:
    /// the parser need not look it up again.
    pub fn word_at(&self, s: usize) -> Option<Word> {
        self.word.filter(|w| w.0 == s).map(|w| w.1)
    }

    /// The first candidate at or after `from`.
    #[inline]
    fn next_candidate(&self, from: usize) -> Option<usize> {
        let k = from / BLOCK;
        let here = self.cands.get(k)? & u64::MAX << (from % BLOCK);
        if here != 0 {
            return Some(k * BLOCK + here.trailing_zeros() as usize);
        }
        // The next block that holds one, sixty-four blocks a test.
        let mut j = k + 1;
        loop {
            let busy = self.busy.get(j / 64)? & u64::MAX << (j % 64);
            if busy != 0 {
                let k = j / 64 * 64 + busy.trailing_zeros() as usize;
                return Some(k * BLOCK + self.cands[k].trailing_zeros() as usize);
            }
            j = (j / 64 + 1) * 64;
        }
    }
}

/// The candidate starts of the 64 bytes at the start of `window`, a bit per byte:
/// each word start that is a digit or whose first four bytes may open a number.
/// `before`: a letter or digit touches the first byte from the left. Also whether
/// the last byte is a letter or digit, the `before` of the next block.
///
/// The digits come from their mask; only the words of letters take a probe.
#[inline]
fn candidates(window: &[u8; WINDOW], before: bool, lex: &Lexicon) -> (u64, bool) {
    let (words, digits) = classes(window);
    let starts = words & !(words << 1 | u64::from(before));
    let mut cands = starts & digits;
    let mut letter_starts = starts & !digits;
    while letter_starts != 0 {
        let i = letter_starts.trailing_zeros() as usize;
        let head = window
            .get(i..i + 4)
            .map_or(0, |h| u32::from_le_bytes(h.try_into().unwrap_or([0; 4])));
        cands |= lex.opens_trigram(head) << i;
        letter_starts &= letter_starts - 1;
    }
    (cands, words >> 63 != 0)
}

/// Two masks of the first 64 bytes of `window`, a bit per byte: the ASCII letters
/// and digits, and the digits alone. Sixteen bytes a compare ([`simd16`]), with no
/// branch and nothing carried between bytes.
#[inline(always)]
fn classes(window: &[u8; WINDOW]) -> (u64, u64) {
    let (mut words, mut digits) = (0, 0);
    for (k, chunk) in window[..BLOCK].chunks_exact(16).enumerate() {
        let chunk: &[u8; 16] = chunk.try_into().unwrap_or(&[0; 16]);
        let d = simd16::digits(chunk);
        words |= u64::from(simd16::letters(chunk) | d) << (16 * k);
        digits |= u64::from(d) << (16 * k);
    }
    (words, digits)
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

    /// Every start the scan reports in `text`, resuming after each, as spans.
    fn fast_starts(text: &[u8], lex: &Lexicon) -> Vec<(usize, usize)> {
        let mut scan = Scanner::new(text, lex);
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some((s, e)) = scan.next_start(pos) {
            found.push((s, e));
            pos = e;
        }
        found
    }

    /// Every start the scan reports in `text`, as words.
    fn starts(text: &str) -> Vec<&str> {
        let lex = Lexicon::new();
        let spans = fast_starts(text.as_bytes(), &lex);
        spans.into_iter().map(|(s, e)| &text[s..e]).collect()
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
                let text_str = String::from_utf8_lossy(text);
                let fast = fast_starts(text, &lex);
                assert_eq!(fast, slow_starts(text, &lex), "{text_str:?}");
            }
        }
    }

    /// Long runs with no candidate (more blocks than one word of the block mask
    /// covers) are passed over to the next candidate, wherever it falls.
    #[test]
    fn long_gaps_between_candidates() {
        let lex = Lexicon::new();
        for gap in [
            0,
            61,
            64 * 63 - 3,
            64 * 64,
            64 * 64 + 1,
            64 * 65 + 2,
            64 * 130 + 7,
        ] {
            let filler: String = "the often ".chars().cycle().take(gap).collect();
            let text = format!("7 {filler} seven 12 {filler}x ten");
            let b = text.as_bytes();
            assert_eq!(fast_starts(b, &lex), slow_starts(b, &lex), "{gap}");
            let mut scan = Scanner::new(b, &lex);
            for pos in (0..=b.len()).step_by(61) {
                assert_eq!(
                    scan.next_start(pos),
                    slow_first(b, pos, &lex),
                    "{gap} {pos}"
                );
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

    /// The two masks are the byte classes, for every byte in every position.
    #[test]
    fn classes_are_the_alphanumeric_and_digit_bytes() {
        for c in 0..=255u8 {
            for pos in 0..WINDOW {
                for fill in [b' ', b'a', b'0', 0xff, b'@', b'['] {
                    let mut window = [fill; WINDOW];
                    window[pos] = c;
                    let mask = |f: fn(&u8) -> bool| {
                        (0..BLOCK).fold(0u64, |m, k| m | u64::from(f(&window[k])) << k)
                    };
                    let want = (mask(u8::is_ascii_alphanumeric), mask(u8::is_ascii_digit));
                    assert_eq!(classes(&window), want, "{c:#x} at {pos} in {fill:#x}");
                }
            }
        }
    }
}
