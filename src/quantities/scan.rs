//! The scan for number starts: a digit or a number word at the start of a word.
//!
//! A number only ever starts a word (`G7`, `often` and `sevenfold` hold none), so
//! the scan looks at word starts only. It finds them eight bytes at a time, with the
//! letters and digits of a chunk marked by a few additions on the whole word, and
//! turns most words away by one table probe on their first three bytes; the few
//! left are looked up whole: a number word that can open a number (`seven`,
//! `million`; not `thirds` or `a`).

use super::lex::{boundary_before, skip_spaces_back, word_before, word_is};
use super::words::{First, Lexicon};
use crate::swar::{digits, letters};

/// The first number start at or after `pos`: `(start, end)` of a digit (one byte)
/// or of a whole word of letters that opens a number.
///
/// A start inside a word is never reported (so a `pos` inside a word skips the rest
/// of it); a number word glued to a digit (`seven7`) or followed by a non-ASCII
/// letter is reported, and the caller's boundary checks turn it away.
pub(crate) fn next_start(b: &[u8], mut pos: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    // The high bit set when the byte before the chunk is a letter or digit.
    let mut before = if pos > 0 && b.get(pos - 1).is_some_and(u8::is_ascii_alphanumeric) {
        0x80
    } else {
        0
    };
    while let Some(chunk) = b.get(pos..pos + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let words = letters(x) | digits(x);
        let mut starts = words & !(words << 8 | before);
        while starts != 0 {
            let p = pos + starts.trailing_zeros() as usize / 8;
            if let Some(hit) = start_at(b, p, lex) {
                return Some(hit);
            }
            starts &= starts - 1;
        }
        before = words >> 56;
        pos += 8;
    }
    let mut prev = before != 0;
    for p in pos..b.len() {
        let word = b[p].is_ascii_alphanumeric();
        if word && !prev {
            if let Some(hit) = start_at(b, p, lex) {
                return Some(hit);
            }
        }
        prev = word;
    }
    None
}

/// The number start at the start of a word `p`, if any.
#[inline(always)]
fn start_at(b: &[u8], p: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    // A third of the words begin with a letter no number word does.
    match lex.first(b[p]) {
        First::Digit => Some((p, p + 1)),
        First::Opener if lex.may_open(b, p) && lex.may_open_prefix(b, p) => opener_at(b, p, lex),
        _ => None,
    }
}

/// The number word at `p`, for the few words whose first four letters begin one.
#[inline(never)]
fn opener_at(b: &[u8], p: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let e = super::lex::letters_end(b, p);
    lex.opens(&b[p..e]).then_some((p, e))
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

    /// Every start the scan reports in `text`, resuming after each.
    fn starts(text: &str) -> Vec<&str> {
        let lex = Lexicon::new();
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some((s, e)) = next_start(text.as_bytes(), pos, &lex) {
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
            } else if lex.opens(&text[p..e]) {
                found.push((p, e));
            }
        }
        found
    }

    #[test]
    fn chunked_scan_matches_the_slow_scan() {
        let lex = Lexicon::new();
        let base = "Seven 7 often, the 2nd and THIRD; x-ten.twelve(9) Dz ONE\u{e9}one dozens \
                    a7 minus\tnegative\nbillion\u{2014}quarter 1,200 ze tw o";
        for cut in 0..40 {
            for end in base.len() - 12..=base.len() {
                let Some(text) = base.get(cut..end) else {
                    continue;
                };
                let text = text.as_bytes();
                let mut fast = Vec::new();
                let mut pos = 0;
                while let Some((s, e)) = next_start(text, pos, &lex) {
                    fast.push((s, e));
                    pos = e;
                }
                let text_str = String::from_utf8_lossy(text);
                assert_eq!(fast, slow_starts(text, &lex), "{text_str:?}");
            }
        }
    }

    #[test]
    fn resumes_after_the_word_it_lands_in() {
        let lex = Lexicon::new();
        assert_eq!(next_start(b"often ten", 2, &lex), Some((6, 9)));
        assert_eq!(next_start(b"12 ten", 1, &lex), Some((3, 6)));
    }
}
