//! Calendar words, shared by the stages that need to recognise a date or a time phrase:
//! a number next to a month is a date (quantities), "said on Tuesday" carries a time
//! phrase between cue and clause (quotes), "3 p.m. Tuesday" continues a sentence
//! (sentences). Lowercase; callers fold ASCII case.

use std::sync::LazyLock;

use crate::phf;

/// Month names.
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Wire abbreviations of month names, without their dot (`May` has none).
pub(crate) const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Weekday names.
pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Abbreviations of weekday names, without their dot.
pub(crate) const WEEKDAY_ABBREVIATIONS: &[&str] = &[
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
];

/// True when `word` is in one of `lists`, ASCII case folded: the lookups made without
/// a table, for tests.
#[cfg(test)]
pub(crate) fn is_in(lists: &[&[&str]], word: &str) -> bool {
    lists
        .iter()
        .any(|list| list.iter().any(|w| w.eq_ignore_ascii_case(word)))
}

/// True when the word `b` names a month, in full or abbreviated.
#[inline]
pub(crate) fn is_month(b: &[u8]) -> bool {
    // The quantity rules ask about the word on each side of most numbers, and few of
    // those begin with a month's first letter: most are decided without a key.
    if b.is_empty() || !may_begin_month(b[0]) {
        return false;
    }
    phf::caseless(b).is_some_and(|key| MONTH_TABLE.get(key))
}

/// Every month name and abbreviation by its [`phf::caseless`] key: one probe, where a
/// scan of the list compared a key with each of its two dozen.
static MONTH_TABLE: LazyLock<MonthSlots> = LazyLock::new(|| {
    let entries: Vec<(u128, bool)> = (MONTHS.iter().chain(MONTH_ABBREVIATIONS))
        .map(|w| {
            (
                phf::caseless(w.as_bytes()).expect("month names are short"),
                true,
            )
        })
        .collect();
    MonthSlots::new(&entries)
});

/// Slots of [`MONTH_TABLE`]: two dozen words, fewer than half of them.
type MonthSlots = phf::Table<u128, bool, 64, 16>;

/// True when a month name begins with the byte `c` in some case (`j`, `F`, ...).
pub(crate) fn may_begin_month(c: u8) -> bool {
    MONTH_INITIALS & initial_bit(c) != 0
}

/// True when a month name or abbreviation ends with the byte `c` in some case (`y`,
/// `L`, ...): the words before most numbers (`of`, `to`, `and`) end with none.
#[inline]
pub(crate) fn may_end_month(c: u8) -> bool {
    MONTH_FINALS & initial_bit(c) != 0
}

/// A bit per lowercase first letter of the month names (`j`, `f`, `m`, ...).
const MONTH_INITIALS: u32 = month_initials();

/// A bit per lowercase last letter of the month names and abbreviations.
const MONTH_FINALS: u32 = month_finals();

const fn month_finals() -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < MONTHS.len() {
        let w = MONTHS[i].as_bytes();
        bits |= initial_bit(w[w.len() - 1]);
        i += 1;
    }
    let mut j = 0;
    while j < MONTH_ABBREVIATIONS.len() {
        let w = MONTH_ABBREVIATIONS[j].as_bytes();
        bits |= initial_bit(w[w.len() - 1]);
        j += 1;
    }
    bits
}

const fn month_initials() -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < MONTHS.len() {
        bits |= initial_bit(MONTHS[i].as_bytes()[0]);
        i += 1;
    }
    bits
}

/// The bit of an ASCII letter of either case (0 for other bytes).
const fn initial_bit(c: u8) -> u32 {
    let i = (c | 0x20).wrapping_sub(b'a');
    if c.is_ascii_alphabetic() {
        1 << i
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays_fold_case() {
        for (word, month) in [
            ("April", true),
            ("SEPT", true),
            ("may", true),
            ("Mayor", false),
            ("Tuesday", false),
        ] {
            assert_eq!(is_month(word.as_bytes()), month, "{word}");
        }
        assert!(is_in(&[WEEKDAYS, WEEKDAY_ABBREVIATIONS], "Thurs"));
    }

    #[test]
    fn is_month_matches_the_list_scan() {
        let words = "a Ma MAY mAy Mayo SEPT Sept. sep se Jun june Junes Dec dec@ D\u{e9}c \
                     September Septembers [ay @pr Octoberfest November novemberr";
        let words = words.split_whitespace().chain(["", "may ", "ju\u{0}"]);
        for w in words {
            let slow = is_in(&[MONTHS, MONTH_ABBREVIATIONS], w);
            assert_eq!(is_month(w.as_bytes()), slow, "{w:?}");
        }
        for list in [MONTHS, MONTH_ABBREVIATIONS] {
            for w in list {
                let upper = w.to_ascii_uppercase();
                assert!(is_month(w.as_bytes()) && is_month(upper.as_bytes()), "{w}");
                let last = *w.as_bytes().last().unwrap_or(&0);
                assert!(may_end_month(last) && may_end_month(last.to_ascii_uppercase()));
            }
        }
        assert!(!may_end_month(b'f') && !may_end_month(b'O') && !may_end_month(b'.'));
    }

    #[test]
    fn tables_are_lowercase() {
        for list in [MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS, WEEKDAY_ABBREVIATIONS] {
            assert!(list.iter().all(|w| w.to_lowercase() == *w));
        }
    }
}
