//! The text around a possible stop, read a few bytes at a time: the stop itself, the
//! closing marks and white space after it, the word before it and the word after.

use super::{Stop, MIN_WORDS_BEFORE_ABBREV_STOP};
use crate::swar::{self, HIGH};

/// Characters that close a quote or a bracket after a stop and stay with its sentence.
pub(super) const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '}', '»', '›'];

/// Quote marks among the closers.
pub(super) const QUOTES: &[char] = &['"', '\'', '”', '’', '»', '›'];

/// Characters that open a quote or a bracket before the first word of a sentence.
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '{', '«', '‹', '¿', '¡'];

/// Dashes that may stand between sentences or inside one.
pub(super) const DASHES: &[char] = &['-', '–', '—', '―'];

/// A sentence does not start with these: `... etc.) and`, `... Inc., the`.
const CONTINUING: &[char] = &[',', ';', ':', ')', ']', '}', '%'];

/// Stops that end a sentence even without white space after them (CJK typography).
pub(super) const FULL_WIDTH_STOPS: &[char] = &['。', '．', '！', '？'];

/// The char at byte `i` of `p` (a char boundary).
pub(super) fn char_at(p: &str, i: usize) -> char {
    p[i..].chars().next().unwrap_or('\0')
}

pub(super) fn is_stop(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '‼' | '⁇' | '⁈' | '⁉') || FULL_WIDTH_STOPS.contains(&c)
}

/// The run of stop characters at `i`: where it ends and what it is.
pub(super) fn stop_run(p: &str, i: usize) -> (usize, Stop) {
    let mut dots = 0;
    let mut strong = false;
    let mut end = i;
    for c in p[i..].chars() {
        match c {
            '.' => dots += 1,
            '…' => dots += 3,
            c if is_stop(c) => strong = true,
            _ => break,
        }
        end += c.len_utf8();
    }
    let stop = match dots {
        _ if strong || dots >= 4 => Stop::Strong,
        1 => Stop::Period,
        _ => Stop::Ellipsis,
    };
    (end, stop)
}

/// At `i`, a `.` followed by ` .` at least twice: the number of dots and the end.
pub(super) fn spaced_ellipsis(p: &str, i: usize) -> Option<(usize, usize)> {
    let mut end = i + 1;
    let mut dots = 1;
    while p[end..].starts_with(" .") {
        end += 2;
        dots += 1;
    }
    (dots >= 3).then_some((dots, end))
}

#[inline]
pub(super) fn skip_closers(p: &str, i: usize) -> usize {
    match p.as_bytes().get(i) {
        // Most stops are followed by a space: no closer to look for.
        None | Some(b' ') => i,
        // Nor before other ASCII than the closers among it.
        Some(&b) if b.is_ascii() && !matches!(b, b'"' | b'\'' | b')' | b']' | b'}') => i,
        Some(_) => skip_closing_marks(p, i),
    }
}

/// [`skip_closers`] past a mark, out of line: the hot callers keep their registers.
/// The ASCII closers are stepped over byte by byte; chars are decoded only from the
/// first byte beyond ASCII on.
#[inline(never)]
fn skip_closing_marks(p: &str, i: usize) -> usize {
    let b = p.as_bytes();
    let mut j = i;
    while let Some(&c) = b.get(j) {
        match c {
            b'"' | b'\'' | b')' | b']' | b'}' => j += 1,
            c if c.is_ascii() => return j,
            _ => return p.len() - p[j..].trim_start_matches(CLOSERS).len(),
        }
    }
    j
}

pub(super) fn skip_space(p: &str, i: usize) -> usize {
    let b = p.as_bytes();
    // One space, then ASCII other than white space: the common case, not decoded.
    if b.get(i) == Some(&b' ')
        && b.get(i + 1)
            .is_some_and(|&c| c.is_ascii() && !is_ascii_space(c))
    {
        return i + 1;
    }
    p.len() - p[i..].trim_start().len()
}

pub(super) use crate::simd16::is_ascii_space;

/// The length of `p[..end]` without the white space at its end; ASCII is stepped
/// over byte by byte, and a char beyond it decoded only when it comes last.
pub(super) fn trimmed_end(p: &str, end: usize) -> usize {
    let b = p.as_bytes();
    let mut e = end;
    while e > 0 && is_ascii_space(b[e - 1]) {
        e -= 1;
    }
    if e > 0 && b[e - 1] >= 0x80 {
        return p[..e].trim_end().len();
    }
    e
}

/// `s` without the opening marks before its first word; a word starting with an ASCII
/// letter or digit (the common case) is returned as it is.
pub(super) fn trim_openers(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => s,
        _ => s.trim_start_matches(OPENERS),
    }
}

/// Whether a sentence may start at `i`: not with a lower-case letter (also behind an
/// opening mark) and not with punctuation that continues one.
#[inline]
pub(super) fn opens_sentence(p: &str, i: usize) -> bool {
    // A capital or a digit opens one: no mark to look behind, no letter case to read.
    if p.as_bytes()
        .get(i)
        .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return true;
    }
    opening_mark_then_capital(p.as_bytes(), i) || opens_sentence_behind_marks(p, i)
}

/// [`opens_sentence`] read char by char; out of line, as for [`skip_closing_marks`].
#[inline(never)]
pub(super) fn opens_sentence_behind_marks(p: &str, i: usize) -> bool {
    if let Some(opens) = ascii_lowercase_word_opens(&p.as_bytes()[i..]) {
        return opens;
    }
    let rest = &p[i..];
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if CONTINUING.contains(&first) {
        return false;
    }
    // `voila! -- you have cake`: a dash does not hide a lower-case continuation.
    let bare = rest
        .trim_start_matches(OPENERS)
        .trim_start_matches(DASHES)
        .trim_start();
    match bare.chars().next() {
        // `iPhone sales rose`, `eBay said`: a capital inside the word names a brand.
        Some(c) if c.is_lowercase() => {
            let word = bare
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            word.len() <= TOKEN_WINDOW && word.chars().any(char::is_uppercase)
        }
        Some(_) => true,
        None => !first.is_lowercase(),
    }
}

/// [`opens_sentence_behind_marks`] for a word of ASCII letters and digits that starts
/// lower case (`and`, `iPhone`): no mark to trim, and only its bytes to read. `None`
/// when `b` starts otherwise or the word runs into a byte beyond ASCII.
fn ascii_lowercase_word_opens(b: &[u8]) -> Option<bool> {
    if !b.first()?.is_ascii_lowercase() {
        return None;
    }
    let mut capital = false;
    for (n, &c) in b.iter().enumerate() {
        if !c.is_ascii() {
            return None;
        }
        if !c.is_ascii_alphanumeric() {
            return Some(n <= TOKEN_WINDOW && capital);
        }
        if n >= TOKEN_WINDOW {
            return Some(false); // longer than any brand name
        }
        capital |= c.is_ascii_uppercase();
    }
    Some(b.len() <= TOKEN_WINDOW && capital)
}

/// `"The`, `(The`, `“The`: an opening mark (ASCII, or a curly quote) before an ASCII
/// capital, the commonest way to open a sentence after a capital or a digit; decided
/// from the bytes, where the general rule trims marks and decodes.
pub(super) fn opening_mark_then_capital(b: &[u8], i: usize) -> bool {
    let after = match b.get(i..) {
        Some([b'"' | b'\'' | b'(' | b'[', rest @ ..]) => rest,
        Some([0xE2, 0x80, 0x98 | 0x9C, rest @ ..]) => rest,
        _ => return false,
    };
    after.first().is_some_and(u8::is_ascii_uppercase)
}

/// The word starting at `i`, behind opening marks: letters, digits and apostrophes.
pub(super) fn next_word(p: &str, i: usize) -> &str {
    let rest = trim_openers(&p[i..]);
    let len = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(rest.len(), |(n, _)| n);
    &rest[..len]
}

/// A period with no space after it that still ends a sentence: `world.Today`,
/// `1,000.That`. Not in e-mail addresses, URLs or file names (`Jane.Doe@example.com`,
/// `www.example.com/Page`).
pub(super) fn glued_stop(p: &str, i: usize) -> bool {
    let b = p.as_bytes();
    let before = i.checked_sub(1).map(|j| b[j]);
    let after = (b.get(i + 1), b.get(i + 2));
    let shape = before.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && matches!(after, (Some(u), Some(l)) if u.is_ascii_uppercase() && l.is_ascii_lowercase());
    if !shape {
        return false;
    }
    let start = token_start(p, i, 0);
    let mut limit = (i + TOKEN_WINDOW).min(p.len());
    while !p.is_char_boundary(limit) {
        limit -= 1;
    }
    let end = p[i..limit]
        .find(char::is_whitespace)
        .map_or(limit, |w| i + w);
    let token = &p[start..end];
    !token.contains(['@', '/', ':']) && !token.starts_with("www.")
}

/// What the eight bytes before a period at `i` tell of the word before it, in a
/// sentence begun at `cur`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PlainWord {
    /// The period ends the sentence: it follows a number (`bought 1,000.`), or a word
    /// whose last eight bytes are ASCII letters (`announced.`), longer than any
    /// abbreviation and with no period or opening mark among them.
    Ends,
    /// A word of one to seven ASCII letters after a space starts here (`said.`,
    /// `Mr.`): what [`token_start`] would find, without its walk.
    Starts(usize),
    /// Anything else: the general rules decide.
    Unknown,
}

/// Reads the commonest words before a period (see [`PlainWord`]) from one load of the
/// eight bytes before it.
#[inline]
pub(super) fn plain_word_before(b: &[u8], i: usize, cur: usize) -> PlainWord {
    let Some(&before) = i.checked_sub(1).and_then(|j| b.get(j)) else {
        return PlainWord::Unknown;
    };
    if before.is_ascii_digit() {
        return PlainWord::Ends;
    }
    if i < cur + 8 {
        return PlainWord::Unknown;
    }
    let Some(x) = swar::load(b, i - 8) else {
        return PlainWord::Unknown;
    };
    let other = !swar::letters(x) & HIGH;
    if other == 0 {
        return PlainWord::Ends;
    }
    // The last byte that is no letter: a space before a word of letters.
    let k = swar::last(other);
    if k < 7 && b[i - 8 + k] == b' ' {
        PlainWord::Starts(i - 7 + k)
    } else {
        PlainWord::Unknown
    }
}

/// Whether the word before byte `at` (white space between) starts lower case.
pub(super) fn previous_word_is_lowercase(p: &str, at: usize) -> bool {
    let before = p[..at].trim_end();
    let start = token_start(before, before.len(), 0);
    before[start..]
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// Words of the sentence begun at `cur` before byte `at`, counted backwards up to the
/// most any rule asks for. A sentence longer than [`TOKEN_WINDOW`] bytes counts as
/// long enough, which keeps the count cheap on any input.
pub(super) fn words_before(p: &str, cur: usize, at: usize) -> usize {
    let mut lo = at.saturating_sub(4 * TOKEN_WINDOW).max(cur);
    while !p.is_char_boundary(lo) {
        lo += 1;
    }
    let counted = p[lo..at]
        .split_whitespace()
        .rev()
        .take(MIN_WORDS_BEFORE_ABBREV_STOP)
        .count();
    if lo > cur {
        MIN_WORDS_BEFORE_ABBREV_STOP.max(counted)
    } else {
        counted
    }
}

/// Tokens are looked at within this many bytes of a stop: longer ones are no
/// abbreviations, and the bound keeps text without spaces linear.
const TOKEN_WINDOW: usize = 64;

/// Where the white-space-delimited token ending at byte `i` starts, not before `floor`.
pub(super) fn token_start(p: &str, i: usize, floor: usize) -> usize {
    let mut lo = i.saturating_sub(TOKEN_WINDOW).max(floor);
    while !p.is_char_boundary(lo) {
        lo += 1;
    }
    // Back over ASCII bytes to a space, eight at a time, then one at a time; anything
    // else is decoded below.
    let b = p.as_bytes();
    let mut top = i;
    while top >= lo + 8 {
        let Some(x) = swar::load(b, top - 8) else {
            break;
        };
        let stops = swar::spaces(x) | (x & HIGH);
        if stops != 0 {
            // The last of the eight bytes that is white space or beyond ASCII.
            let k = top - 8 + swar::last(stops);
            if b[k] < 0x80 {
                return k + 1;
            }
            top = lo; // beyond ASCII: decoded below
            break;
        }
        top -= 8;
    }
    for k in (lo..top).rev() {
        if b[k] >= 0x80 {
            break;
        }
        if is_ascii_space(b[k]) {
            return k + 1;
        }
        if k == lo {
            return lo;
        }
    }
    p[lo..i]
        .rfind(char::is_whitespace)
        .map_or(lo, |w| lo + w + char_at(p, lo + w).len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts with closers, marks and words of every kind, ASCII and beyond.
    const TEXTS: &[&str] = &[
        "\")] The",
        "'”’) and",
        "”» x",
        "\"\"\"",
        "iPhone sales",
        "eBay, said",
        "and then",
        "x’s iPad",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmX",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkX",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklX",
        "élan Vital",
        "naïve Bob",
        "a1B2",
        "zZ",
        "z",
        "",
        "] ) } ,",
    ];

    #[test]
    fn closers_are_skipped_as_the_char_trim_skips_them() {
        for text in TEXTS {
            for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let want = text.len() - text[i..].trim_start_matches(CLOSERS).len();
                assert_eq!(skip_closing_marks(text, i), want, "{text:?} {i}");
            }
        }
    }

    #[test]
    fn ascii_lowercase_words_open_as_the_general_rule_says() {
        // The general rule for a word that starts lower case.
        let general = |rest: &str| {
            let word = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            word.len() <= TOKEN_WINDOW && word.chars().any(char::is_uppercase)
        };
        for text in TEXTS {
            for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let rest = &text[i..];
                match ascii_lowercase_word_opens(rest.as_bytes()) {
                    Some(opens) => {
                        assert!(rest.starts_with(|c: char| c.is_ascii_lowercase()));
                        assert_eq!(opens, general(rest), "{rest:?}");
                    }
                    None => assert!(
                        !rest.starts_with(|c: char| c.is_ascii_lowercase()) || !rest.is_ascii(),
                        "{rest:?}"
                    ),
                }
            }
        }
    }
}
