//! The text around a gazetteer hit: is it sentence-initial, in a dateline, among words
//! in capitals, and which words stand before and after it. The matcher's case and
//! support rules ask these questions of the few hits that need them, never per token.

use super::matcher::Support;
use super::tokens::is_word_at;

/// Words before a name that make it a place ("in Split", "from Bath").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "near", "to", "into", "outside", "around", "across", "toward", "towards",
    "via", "through", "inside", "of",
];

/// True when capitals are the text's style here, not an acronym's: the span opens a
/// line and a dateline follows (`KYIV, April 9`, `WASHINGTON (AP)`), or a word next to
/// it is in capitals too (a caps headline). Out of line: few hits are in capitals.
#[inline(never)]
pub(super) fn caps_context(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start]
        .bytes()
        .rev()
        .find(|&b| b != b' ' && b != b'\t')
        .is_none_or(|b| b == b'\n' || b == b'\r');
    if line_start {
        let next = text[end..].trim_start_matches([' ', '\t']);
        if next.starts_with(',') || next.starts_with('(') {
            return true;
        }
    }
    let caps = |w: Option<&str>| {
        w.is_some_and(|w| {
            w.len() >= 2
                && w.bytes().any(|b| b.is_ascii_uppercase())
                && !w.bytes().any(|b| b.is_ascii_lowercase())
        })
    };
    // Most acronyms stand among lowercase words ("the US said"): the byte next to the
    // span says so, and the words are read only when it may be part of one in capitals.
    (may_be_caps(byte_before(text, start)) && caps(word_before(text, start)))
        || (may_be_caps(byte_after(text, end)) && caps(word_after(text, end)))
}

/// False when the byte `b` next to a span (past spaces) shows that no word in
/// capitals stands there: a lowercase letter is part of the word, and an ASCII
/// byte that is no letter or digit means no word.
fn may_be_caps(b: Option<u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || !b.is_ascii())
}

/// The [`Support`] bits that hold for a match at `start..end`, of those in `wanted`
/// (the rest stay unset: no rule of this match reads them).
pub(super) fn support(text: &str, start: usize, end: usize, wanted: u8) -> u8 {
    let mut bits = Support::None as u8;
    let place = || {
        let before = word_before(text, start);
        before.is_some_and(|w| {
            w.as_bytes()[0].is_ascii_lowercase()
                || PLACE_PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(w))
        }) || is_dateline(text, start, end)
    };
    if wanted & Support::Place as u8 != 0 && place() {
        bits |= Support::Place as u8;
    }
    if wanted & Support::Name as u8 != 0 && !sentence_initial(text, start) {
        bits |= Support::Name as u8;
    }
    bits
}

/// A dateline place: at the start of a line, followed by a comma.
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start]
        .bytes()
        .rev()
        .find(|&b| b != b' ' && b != b'\t')
        .is_none_or(|b| b == b'\n');
    line_start && text[end..].starts_with(',')
}

/// What the byte before a name (past one space) says of a sentence start, for
/// [`sentence_initial`].
const INSIDE: u8 = 0;
const STARTS: u8 = 1;
/// A space, a closing mark, a quote or a non-ASCII byte: the bytes before decide.
const LOOK_FURTHER: u8 = 2;

/// [`INSIDE`], [`STARTS`] or [`LOOK_FURTHER`] for every byte.
static BYTE_BEFORE: [u8; 256] = {
    let mut table = [INSIDE; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            0x80.. | b' ' | b'\t' | b')' | b']' | b'\'' | b'"' => LOOK_FURTHER,
            b'\n' | b'\r' | b'.' | b'!' | b'?' | b':' | b'(' | b'[' => STARTS,
            _ => INSIDE,
        };
        b += 1;
    }
    table
};

/// True when a sentence starts at `start`: after the text's or a line's start, after
/// `.`, `!`, `?`, `:` or a dash, or after an opening quote or bracket.
pub(super) fn sentence_initial(text: &str, start: usize) -> bool {
    // Most names follow one space after a byte that decides (a letter, a comma, a
    // period): that space skipped and the byte's answer read from a table take no
    // branch on the text, where the loop's jump on the byte mispredicted.
    let b = text.as_bytes();
    let i = start - usize::from(b[..start].last() == Some(&b' '));
    let Some(&c) = b[..i].last() else {
        return true;
    };
    match BYTE_BEFORE[usize::from(c)] {
        LOOK_FURTHER => sentence_initial_bytes(text, i),
        answer => answer == STARTS,
    }
}

/// [`sentence_initial`] byte by byte, from `start`. Out of line: few names need it.
#[inline(never)]
fn sentence_initial_bytes(text: &str, start: usize) -> bool {
    // ASCII bytes decide here; the first non-ASCII one hands over to the characters.
    let b = text.as_bytes();
    let mut i = start;
    while let Some(&c) = b[..i].last() {
        match c {
            0x80.. => return sentence_initial_chars(text, i),
            b' ' | b'\t' | b')' | b']' | b'\'' => i -= 1,
            b'"' => match b[..i - 1].last() {
                None | Some(b' ' | b'\n' | b'\t') => return true,
                _ => i -= 1,
            },
            b'\n' | b'\r' | b'.' | b'!' | b'?' | b':' | b'(' | b'[' => return true,
            _ => return false,
        }
    }
    true
}

/// [`sentence_initial`], character by character.
fn sentence_initial_chars(text: &str, start: usize) -> bool {
    let mut chars = text[..start].chars().rev().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\u{a0}' => continue,
            // Closing marks: look at what they close.
            '”' | '’' | ')' | ']' | '\'' => continue,
            // A straight quote opens when a space or the line start is before it.
            '"' => match chars.peek() {
                None | Some(' ' | '\n' | '\t') => return true,
                _ => continue,
            },
            '\n' | '\r' | '.' | '!' | '?' | ':' | '“' | '‘' | '(' | '[' | '—' | '–' => {
                return true
            }
            _ => return false,
        }
    }
    true
}

/// `text` without the spaces, tabs and no-break spaces it starts with.
fn trim_spaces_start(text: &str) -> &str {
    let mut b = text.as_bytes();
    loop {
        match b {
            [b' ' | b'\t', rest @ ..] | [0xc2, 0xa0, rest @ ..] => b = rest,
            _ => return &text[text.len() - b.len()..],
        }
    }
}

/// Where the spaces, tabs and no-break spaces right before `start` begin.
fn spaces_before(b: &[u8], start: usize) -> usize {
    let mut end = start;
    loop {
        match b[..end] {
            [.., b' ' | b'\t'] => end -= 1,
            [.., 0xc2, 0xa0] => end -= 2,
            _ => return end,
        }
    }
}

/// The byte right before `start`, spaces between allowed: the last byte of
/// [`word_before`] when there is one.
pub(super) fn byte_before(text: &str, start: usize) -> Option<u8> {
    let b = text.as_bytes();
    b[..spaces_before(b, start)].last().copied()
}

/// The byte right after `end`, spaces between allowed: the first byte of
/// [`word_after`] when there is one.
pub(super) fn byte_after(text: &str, end: usize) -> Option<u8> {
    trim_spaces_start(&text[end..]).as_bytes().first().copied()
}

/// The word ending right before `start` (spaces between allowed), if the character
/// before is part of a word.
pub(super) fn word_before(text: &str, start: usize) -> Option<&str> {
    let b = text.as_bytes();
    let end = spaces_before(b, start);
    // ASCII letters and digits are words by themselves; only a non-ASCII character
    // needs the character classes.
    let mut begin = end;
    while begin > 0 && b[begin - 1].is_ascii_alphanumeric() {
        begin -= 1;
    }
    if begin > 0 && !b[begin - 1].is_ascii() {
        let head = &text[..end];
        begin = head
            .char_indices()
            .rev()
            .take_while(|&(i, _)| is_word_at(head, i))
            .last()
            .map_or(end, |(i, _)| i);
    }
    (begin < end).then(|| &text[begin..end])
}

/// The word starting right after `end` (spaces between allowed).
pub(super) fn word_after(text: &str, end: usize) -> Option<&str> {
    let tail = trim_spaces_start(&text[end..]);
    let ascii = tail.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let len = if tail.as_bytes().get(ascii).is_none_or(u8::is_ascii) {
        ascii
    } else {
        tail.char_indices()
            .find(|&(i, _)| !is_word_at(tail, i))
            .map_or(tail.len(), |(i, _)| i)
    };
    (len > 0).then(|| &tail[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_starts() {
        let cases: &[(&str, bool)] = &[
            ("Bath", true),
            ("He said. Bath", true),
            ("He said.” Bath", true),
            ("the mayor of Bath", false),
            ("“Bath", true),
            ("said \"Bath", true),
            ("line\nBath", true),
        ];
        for &(text, initial) in cases {
            let start = text.len() - "Bath".len();
            assert_eq!(sentence_initial(text, start), initial, "{text:?}");
        }
    }

    /// The table's answer after one space is the loop's, for every text before.
    #[test]
    fn sentence_starts_as_byte_by_byte() {
        let pieces = [
            " ", "\t", "a", "A", ".", ",", "\"", "'", ")", "(", "\n", "\r", "”", "é", ":", "1",
            "\u{a0}", "—",
        ];
        let mut starts = 0;
        for p1 in pieces {
            for p2 in pieces {
                for p3 in pieces {
                    let text = format!("{p1}{p2}{p3}Bath");
                    let start = text.len() - "Bath".len();
                    let want = sentence_initial_bytes(&text, start);
                    assert_eq!(sentence_initial(&text, start), want, "{text:?}");
                    starts += usize::from(want);
                }
            }
        }
        assert!(starts > 1000, "{starts}");
    }

    /// [`caps_context`] before its look at the bytes next to the span.
    fn caps_context_read_in_full(text: &str, start: usize, end: usize) -> bool {
        let caps = |w: Option<&str>| {
            w.is_some_and(|w| {
                w.len() >= 2
                    && w.bytes().any(|b| b.is_ascii_uppercase())
                    && !w.bytes().any(|b| b.is_ascii_lowercase())
            })
        };
        let line_start = text[..start]
            .bytes()
            .rev()
            .find(|&b| b != b' ' && b != b'\t')
            .is_none_or(|b| b == b'\n' || b == b'\r');
        let next = text[end..].trim_start_matches([' ', '\t']);
        line_start && (next.starts_with(',') || next.starts_with('('))
            || caps(word_before(text, start))
            || caps(word_after(text, end))
    }

    #[test]
    fn caps_contexts_as_read_in_full() {
        let words = [
            "", "the", "THE", "G7", "7", "7G", "é", "ÉU", "UÉ", "x", "A", "AB", "aB", "Ab", ",",
            "(AP)", "\n",
        ];
        let seps = [" ", "  ", "\u{a0}", "", "\n", ", "];
        let mut caps = 0;
        for w1 in words {
            for w2 in words {
                for sep in seps {
                    let text = format!("{w1}{sep}US{sep}{w2}");
                    let start = w1.len() + sep.len();
                    let want = caps_context_read_in_full(&text, start, start + 2);
                    assert_eq!(caps_context(&text, start, start + 2), want, "{text:?}");
                    caps += usize::from(want);
                }
            }
        }
        assert!(caps > 200, "{caps}");
    }

    #[test]
    fn words_around() {
        assert_eq!(word_before("the mayor of Bath", 13), Some("of"));
        assert_eq!(word_before("Bath", 0), None);
        assert_eq!(word_before("said, Bath", 6), None);
        assert_eq!(word_after("Donetsk region.", 7), Some("region"));
        assert_eq!(word_after("Donetsk", 7), None);
    }

    #[test]
    fn caps_contexts() {
        let cases: &[(&str, &str, bool)] = &[
            ("KYIV, April 9 (EFE) -", "KYIV", true),
            ("WASHINGTON (AP) -", "WASHINGTON", true),
            ("UKRAINE WAR: KYIV SAYS", "KYIV", true),
            ("the EU said", "EU", false),
        ];
        for &(text, word, ok) in cases {
            let start = text.find(word).unwrap();
            assert_eq!(
                caps_context(text, start, start + word.len()),
                ok,
                "{text:?}"
            );
        }
    }
}
