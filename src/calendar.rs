//! Calendar words, shared by the stages that need to recognise a date or a time phrase:
//! a number next to a month is a date (quantities), "said on Tuesday" carries a time
//! phrase between cue and clause (quotes), "3 p.m. Tuesday" continues a sentence
//! (sentences). Lowercase; callers fold ASCII case.

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

/// True when `word` is in one of `lists`, ASCII case folded.
pub(crate) fn is_in(lists: &[&[&str]], word: &str) -> bool {
    lists
        .iter()
        .any(|list| list.iter().any(|w| w.eq_ignore_ascii_case(word)))
}

/// True when `word` names a month, in full or abbreviated.
pub(crate) fn is_month(word: &str) -> bool {
    is_in(&[MONTHS, MONTH_ABBREVIATIONS], word)
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
            assert_eq!(is_month(word), month, "{word}");
        }
        assert!(is_in(&[WEEKDAYS, WEEKDAY_ABBREVIATIONS], "Thurs"));
    }

    #[test]
    fn tables_are_lowercase() {
        for list in [MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS, WEEKDAY_ABBREVIATIONS] {
            assert!(list.iter().all(|w| w.to_lowercase() == *w));
        }
    }
}
