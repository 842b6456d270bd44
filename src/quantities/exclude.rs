//! What rules a number out: a date (`April 9`), a clock time (`3 p.m.`), a name
//! (`Boeing 737`, `Air Force One`), a pronoun (`no one`) or an entity around it.

use std::cell::Cell;

use crate::document::Entity;
use crate::entities::Entities;
use crate::pipeline::Context;

use super::lex::{self, letters_end, skip_spaces, word_after, word_before, word_is};
use super::numbers::Num;
use super::{qualifiers, Recognizer};

/// Words before `one` that make it a pronoun: `no one`, `the one who`, `each one`.
const ONE_PRONOUN_BEFORE: &[&str] = &[
    "no", "the", "this", "that", "which", "each", "every", "any", "little", "loved", "someone",
    "anyone", "everyone", "such",
];

/// Words after `one` that make it a pronoun: `one another`, `one's`.
const ONE_PRONOUN_AFTER: &[&str] = &["another", "s"];

/// Words before `second` that make it a unit of time: `a second`, `per second`.
const SECOND_AS_TIME: &[&[&str]] = &[
    &["a"],
    &["per"],
    &["one"],
    &["split"],
    &["each"],
    &["every"],
    &["the", "last"],
];

/// Words after a number that make it a clock time.
const TIME_WORDS: &[&str] = &["am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock", "hrs"];

/// A bit per first letter of [`TIME_WORDS`]: most words after a number begin with
/// none of them, and are not read as a time.
const TIME_INITIALS: u32 = initials(TIME_WORDS);

const fn initials(words: &[&str]) -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < words.len() {
        bits |= 1 << (words[i].as_bytes()[0] - b'a');
        i += 1;
    }
    bits
}

impl Recognizer {
    /// Numbers that are part of something else: a date, a time, a name, a pronoun.
    /// `next`: the end of the spaces after the number; `before`: the word before it
    /// (`lex::word_before`), read once for all the rules that look there.
    pub(super) fn excluded(
        &self,
        cx: &Context<'_>,
        entities: &Entities,
        cursors: &Cursors,
        num: &Num,
        next: usize,
        before: impl Fn() -> Option<(usize, usize)>,
    ) -> bool {
        let text = cx.text;
        let b = text.as_bytes();
        let overlaps = |e: &Entity| e.start < num.end && num.start < e.end;
        // A walk over the entities by start says of most numbers that none can
        // overlap; only the others look for the entity as the rule always has (in a
        // story with nested entities, by a binary search whose answer only it gives).
        let (span, ents) = ((num.start, num.end), &entities.entities);
        if may_overlap(ents, span, &cursors.reach) {
            let k = entity_from(ents, num.start, &cursors.entities);
            if ents.get(k).is_some_and(overlaps) {
                return true;
            }
        }
        // Dates: `April 9`, `Apr. 9`, `9 April`, `the 9th of April`.
        let day_like = (1.0..=31.0).contains(&num.value) && is_whole(num.value) && !num.words;
        if (day_like || num.four_digits) && month_before(text, num.start, &before) {
            return true;
        }
        // (`of` or a month after: most words after a day-like number begin neither.)
        let s = next;
        let next = b.get(s).copied().unwrap_or(b' ');
        if day_like && (next | 0x20 == b'o' || crate::calendar::may_begin_month(next)) {
            let mut after = word_after(text, num.end);
            if let Some(w) = after.filter(|w| word_is(text, *w, "of")) {
                after = word_after(text, w.1);
            }
            if after.is_some_and(|w| is_month(text, w)) {
                return true;
            }
        }
        // Times: `3 p.m.`, `10 am`, `1500 GMT`.
        let time_initial = b.get(s).is_some_and(|&c| {
            c.is_ascii_alphabetic() && TIME_INITIALS & 1 << ((c | 0x20) - b'a') != 0
        });
        if !num.words && time_initial && is_whole(num.value) {
            let mut e = s;
            while e < b.len() && (b[e].is_ascii_alphabetic() || b[e] == b'.' || b[e] == b'\'') {
                e += 1;
            }
            let w = text[s..e].trim_end_matches(['.', ',']);
            let w = if w.ends_with(".m") {
                &text[s..(s + w.len() + 1).min(e)]
            } else {
                w
            };
            if TIME_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w)) {
                return true;
            }
        }
        if !num.words {
            return false;
        }
        let first = letters_end(b, num.start);
        let word = &text[num.start..first];
        let capital = word.as_bytes()[0].is_ascii_uppercase();
        // `high-five`, `Catch-Twenty`: the last part of a hyphenated word.
        if num.start >= 2 && b[num.start - 1] == b'-' && b[num.start - 2].is_ascii_alphabetic() {
            let w = word_before(text, num.start - 1);
            if w.is_some_and(|w| self.lex.classify(&b[w.0..w.1]).is_none()) {
                return true;
            }
        }
        // `Air Force One`, `World War Two`: a capitalized number inside a sentence is
        // part of a name.
        let opens_sentence = || {
            cx.sentences
                .binary_search_by_key(&num.start, |s| s.start)
                .is_ok()
        };
        if capital && !opens_sentence() && !sentence_start(text, num.start) {
            return true;
        }
        if word.eq_ignore_ascii_case("one") && num.end == first {
            let pronoun_before =
                before().is_some_and(|w| ONE_PRONOUN_BEFORE.iter().any(|p| word_is(text, w, p)));
            let rest = &b[first..];
            let possessive = rest.starts_with(b"'s") || rest.starts_with("\u{2019}s".as_bytes());
            let pronoun_after = word_after(text, first)
                .is_some_and(|w| ONE_PRONOUN_AFTER.iter().any(|p| word_is(text, w, p)));
            // one-time, one-off, one-sided: lexicalized compounds.
            let compound = rest.first() == Some(&b'-')
                && rest.get(1).is_some_and(u8::is_ascii_alphabetic)
                && self.lex.classify(&rest[1..letters_end(rest, 1)]).is_none();
            let compound = compound
                && self
                    .unit_after(cx, cursors, (first, skip_spaces(b, first)), false)
                    .is_none();
            if pronoun_before || pronoun_after || possessive || compound {
                return true;
            }
        }
        let time = num.ordinal
            && word.eq_ignore_ascii_case("second")
            && SECOND_AS_TIME
                .iter()
                .any(|p| lex::phrase_before(text, num.start, p).is_some());
        if time {
            return true;
        }
        false
    }
}

/// The `cursor` of spans whose ends are out of order: always search.
pub(super) const BINARY_SEARCH: usize = usize::MAX;

/// Where the lookups in the story's sorted spans stopped last, one cursor a key
/// (see [`first_ending_after`]): the entities by end, the gazetteer hits by start
/// (leftmost-longest and apart, so in order both ways: one walk finds a hit that
/// starts or ends at a position).
pub(super) struct Cursors {
    pub entities: Cell<usize>,
    pub hits: Cell<usize>,
    /// Of the entities by start, how many [`may_overlap`] has walked and the
    /// greatest end among them.
    pub reach: Cell<(usize, usize)>,
}

impl Cursors {
    /// Cursors at the start of a story; `entities_in_order`: false when nested
    /// entities leave their ends out of order, where only the search answers right.
    pub fn new(entities_in_order: bool) -> Cursors {
        Cursors {
            entities: Cell::new(if entities_in_order { 0 } else { BINARY_SEARCH }),
            hits: Cell::new(0),
            reach: Cell::new((0, 0)),
        }
    }
}

/// False when no entity overlaps `start..end`: none of those that start before
/// `end` ends after `start`. The entities are in text order (by start, nested ones
/// too), so those are the first few, and the walk over them goes on from the last
/// answer (`reach`). After a later span it has walked more of them than start before
/// `end`, which can only make the answer true where it need not be.
pub(super) fn may_overlap(
    entities: &[Entity],
    span: (usize, usize),
    reach: &Cell<(usize, usize)>,
) -> bool {
    spans_may_overlap(entities, |e| (e.start, e.end), span, reach)
}

/// [`may_overlap`] for any spans in order of start, `bounds` giving where each
/// starts and ends.
pub(super) fn spans_may_overlap<T>(
    spans: &[T],
    bounds: impl Fn(&T) -> (usize, usize),
    (start, end): (usize, usize),
    reach: &Cell<(usize, usize)>,
) -> bool {
    let (mut walked, mut last_end) = reach.get();
    while let Some(b) = spans.get(walked).map(&bounds).filter(|b| b.0 < end) {
        last_end = last_end.max(b.1);
        walked += 1;
    }
    reach.set((walked, last_end));
    last_end > start
}

/// The index of the first entity that ends after `at`, as `partition_point` finds
/// it, walking on from the last answer (`cursor`): numbers are looked at in text
/// order, so the walk is short, and a look back falls back to the binary search.
fn entity_from(entities: &[Entity], at: usize, cursor: &Cell<usize>) -> usize {
    first_ending_after(entities, |e| e.end, at, cursor)
}

/// [`entity_from`] for any spans in text order, `end` giving where each ends.
pub(super) fn first_ending_after<T>(
    spans: &[T],
    end: impl Fn(&T) -> usize,
    at: usize,
    cursor: &Cell<usize>,
) -> usize {
    if cursor.get() == BINARY_SEARCH {
        return spans.partition_point(|e| end(e) <= at);
    }
    let mut k = cursor.get().min(spans.len());
    if k > 0 && end(&spans[k - 1]) > at {
        k = spans.partition_point(|e| end(e) <= at);
    } else {
        while spans.get(k).is_some_and(|e| end(e) <= at) {
            k += 1;
        }
    }
    cursor.set(k);
    k
}

/// A bare integer right after a capitalized word inside a sentence names something
/// (`Boeing 737`, `Windows 10`, `Article 5`, `Internet Explorer 6`): not a count.
/// `before`: the word before the number (`lex::word_before`), read once for this
/// rule and the hedges.
pub(super) fn name_number(
    text: &str,
    num: &Num,
    before: impl FnOnce() -> Option<(usize, usize)>,
) -> bool {
    if num.words
        || !text.as_bytes()[num.start..num.end]
            .iter()
            .all(u8::is_ascii_digit)
    {
        return false;
    }
    let Some(w) = before() else {
        return false;
    };
    let b = text.as_bytes();
    b[w.0].is_ascii_uppercase()
        && !sentence_start(text, w.0)
        && !is_month(text, w)
        && qualifiers::ending_with(text, Some(w)).is_none()
}

/// `v.fract() == 0.0` without the call to `trunc` that `fract` compiles to (x86-64
/// has no rounding instruction before SSE4.1), asked of most numbers. Below 2^52,
/// adding 2^52 rounds a magnitude to a whole number and taking it away again is
/// exact, so only a whole one comes back unchanged (a cast to an integer and back
/// takes twice the instructions, for its saturation); every finite float from 2^52
/// up is whole.
#[inline]
fn is_whole(v: f64) -> bool {
    const EXACT: f64 = 4_503_599_627_370_496.0; // 2^52
    let a = v.abs();
    if a < EXACT {
        a + EXACT - EXACT == a
    } else {
        v.is_finite()
    }
}

/// True when the word `w` is a month name or abbreviation.
#[inline]
fn is_month(text: &str, (s, e): (usize, usize)) -> bool {
    crate::calendar::is_month(&text.as_bytes()[s..e])
}

/// True when a month (optionally with a dot and a comma) ends right before `at`:
/// `April 9`, `Sept. 30`, `April 2025`, `April 9, 2025` (the year after the day).
/// `before`: the word before `at`, when read.
fn month_before(text: &str, at: usize, before: impl Fn() -> Option<(usize, usize)>) -> bool {
    let b = text.as_bytes();
    let spaced = lex::skip_spaces_back(b, at);
    let mut e = spaced;
    if e > 0 && b[e - 1] == b',' {
        // `April 9, 2025`: step over the day.
        let d = lex::skip_spaces_back(b, e - 1);
        let mut ds = d;
        while ds > 0 && b[ds - 1].is_ascii_digit() {
            ds -= 1;
        }
        if ds == d || d - ds > 2 {
            return false;
        }
        e = ds;
    }
    let e = lex::skip_spaces_back(b, e);
    let e = if e > 0 && b[e - 1] == b'.' {
        lex::skip_spaces_back(b, e - 1)
    } else {
        e
    };
    // Most words before a number end with a letter no month does (`of`, `to`).
    if e == 0 || !crate::calendar::may_end_month(b[e - 1]) {
        return false;
    }
    // With no comma or dot between, the word before the month is the number's.
    let w = if e == spaced {
        before()
    } else {
        word_before(text, e)
    };
    w.is_some_and(|w| w.1 == e && is_month(text, w))
}

/// True when `at` opens a sentence or a line: nothing but spaces, quotes or
/// brackets since the last sentence end (for when the sentence stage did not say so).
fn sentence_start(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        match c {
            ' ' | '\t' | '"' | '\u{201c}' | '\u{2018}' | '\'' | '(' | '[' => continue,
            '\n' | '.' | '!' | '?' | ':' | ';' | '\u{2014}' | '\u{2013}' | '-' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_whole;

    /// The same answer as `fract() == 0.0` on either side of 2^52 and 2^63, for
    /// negative zero, the infinities and NaN.
    #[test]
    fn is_whole_is_fract_zero() {
        let big = 4_503_599_627_370_496.0_f64;
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.0,
            31.0,
            31.5,
            1e-300,
            2025.0,
            1e15 + 0.5,
            big - 0.5,
            big,
            big + 1.0,
            9.223_372_036_854_776e18,
            -9.223_372_036_854_776e18,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        values.extend(values.clone().iter().map(|v| -v));
        for v in values {
            assert_eq!(is_whole(v), v.fract() == 0.0, "{v:e}");
        }
    }
}
