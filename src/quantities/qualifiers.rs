//! Hedges before a number (`about`, `at least`, `more than`) and range words.

use super::lex::{fold, fold_word, word_before, word_is};
use crate::document::Qualifier;

/// Hedge phrases and what they mean, longest first where one ends another (`no more
/// than` before `more than`). Matched as whole words, any case, right before the
/// quantity (its currency symbol included).
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["not", "more", "than"], Qualifier::AtMost),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["not", "fewer", "than"], Qualifier::AtLeast),
    (&["just", "over"], Qualifier::MoreThan),
    (&["just", "under"], Qualifier::LessThan),
    (&["just", "below"], Qualifier::LessThan),
    (&["just", "above"], Qualifier::MoreThan),
    (&["more", "than"], Qualifier::MoreThan),
    (&["greater", "than"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["at", "least"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["up", "to"], Qualifier::AtMost),
    (&["at", "most"], Qualifier::AtMost),
    (&["a", "maximum", "of"], Qualifier::AtMost),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["as", "much", "as"], Qualifier::AtMost),
    (&["an", "estimated"], Qualifier::Approximately),
    (&["approximately"], Qualifier::Approximately),
    (&["about"], Qualifier::Approximately),
    (&["around"], Qualifier::Approximately),
    (&["nearly"], Qualifier::Approximately),
    (&["roughly"], Qualifier::Approximately),
    (&["some"], Qualifier::Approximately),
    (&["almost"], Qualifier::Approximately),
    (&["close", "to"], Qualifier::Approximately),
    (&["circa"], Qualifier::Approximately),
    (&["approx"], Qualifier::Approximately),
    (&["estimated"], Qualifier::Approximately),
];

/// The last word of each hedge phrase, folded by [`fold_word`], in the order of
/// [`QUALIFIERS`]: one comparison a phrase.
static LAST_WORDS: [u128; QUALIFIERS.len()] = last_words();

const fn last_words() -> [u128; QUALIFIERS.len()] {
    let mut table = [0; QUALIFIERS.len()];
    let mut i = 0;
    while i < QUALIFIERS.len() {
        let phrase = QUALIFIERS[i].0;
        assert!(phrase.len() <= MAX_WORDS);
        table[i] = fold_word(phrase[phrase.len() - 1].as_bytes());
        i += 1;
    }
    table
}

/// For each word length and lowercase last letter, a bit per phrase of
/// [`QUALIFIERS`] whose last word has them (`than`, `about`, `of`): most words
/// before a number end none, and the few that do are compared with those phrases
/// only, in table order.
static ENDINGS: [[u64; 26]; 16] = endings();

const fn endings() -> [[u64; 26]; 16] {
    assert!(QUALIFIERS.len() <= 64);
    let mut table = [[0; 26]; 16];
    let mut i = 0;
    while i < QUALIFIERS.len() {
        let phrase = QUALIFIERS[i].0;
        let word = phrase[phrase.len() - 1].as_bytes();
        table[word.len()][(word[word.len() - 1] - b'a') as usize] |= 1 << i;
        i += 1;
    }
    table
}

/// The phrases (bits of [`ENDINGS`]) the word `text[s..e]` (ASCII letters) may end.
#[inline]
fn phrases_ending(text: &str, (s, e): (usize, usize)) -> u64 {
    let last = text.as_bytes()[e - 1]
        .to_ascii_lowercase()
        .wrapping_sub(b'a');
    match ENDINGS.get(e - s) {
        Some(row) => row.get(usize::from(last)).copied().unwrap_or(0),
        None => 0,
    }
}

/// The hedge that ends right before `at`: its meaning and where it starts.
pub(crate) fn before(text: &str, at: usize) -> Option<(Qualifier, usize)> {
    ending_with(text, word_before(text, at))
}

/// [`before`] from the word before the position (`lex::word_before`), for a
/// caller that has read it already for another rule.
/// Inlined to its first test, which turns most words away (`the`, `of`): only the
/// words that may end a phrase pay for a call.
#[inline]
pub(crate) fn ending_with(text: &str, last: Option<(usize, usize)>) -> Option<(Qualifier, usize)> {
    let (s, e) = last?;
    match phrases_ending(text, (s, e)) {
        0 => None,
        phrases => phrase_ending(text, (s, e), phrases),
    }
}

/// [`ending_with`] for the word `(s, e)` that may end the `phrases` (bits of
/// [`ENDINGS`]).
#[inline(never)]
fn phrase_ending(
    text: &str,
    (s, e): (usize, usize),
    mut phrases: u64,
) -> Option<(Qualifier, usize)> {
    let last = fold(&text.as_bytes()[s..e]);
    // `than` ends ten phrases: the words before it are read once for all of them.
    let mut earlier = Earlier::new(text, s);
    while phrases != 0 {
        let i = phrases.trailing_zeros() as usize;
        phrases &= phrases - 1;
        if LAST_WORDS[i] != last {
            continue;
        }
        let (phrase, q) = QUALIFIERS[i];
        if let Some(start) = earlier.ends_with(&phrase[..phrase.len() - 1]) {
            return Some((q, start));
        }
    }
    None
}

/// The words before a position, each found once and remembered: what
/// `lex::phrase_before` reads, for the phrases that share a last word.
struct Earlier<'t> {
    text: &'t str,
    at: usize,
    /// The nearest word first; `None` until read.
    words: [Option<Option<(usize, usize)>>; MAX_WORDS - 1],
}

/// The most words of a hedge phrase (`no more than`).
const MAX_WORDS: usize = 3;

impl<'t> Earlier<'t> {
    fn new(text: &'t str, at: usize) -> Earlier<'t> {
        Earlier {
            text,
            at,
            words: [None; MAX_WORDS - 1],
        }
    }

    /// The `k`th word before the position (0 is the nearest).
    fn word(&mut self, k: usize) -> Option<(usize, usize)> {
        if let Some(&Some(w)) = self.words.get(k) {
            return w;
        }
        let end = match k {
            0 => self.at,
            _ => self.word(k - 1)?.0,
        };
        let w = word_before(self.text, end);
        if let Some(slot) = self.words.get_mut(k) {
            *slot = Some(w);
        }
        w
    }

    /// Where `phrase` starts when it ends right before the position, as
    /// `lex::phrase_before` answers.
    fn ends_with(&mut self, phrase: &[&str]) -> Option<usize> {
        let mut start = self.at;
        for (k, w) in phrase.iter().rev().enumerate() {
            let found = self.word(k)?;
            if !word_is(self.text, found, w) {
                return None;
            }
            start = found.0;
        }
        Some(start)
    }
}

#[cfg(test)]
mod tests {
    use super::super::lex::phrase_before;
    use super::*;

    #[test]
    fn qualifier_cases() {
        let cases: &[(&str, Option<(Qualifier, &str)>)] = &[
            ("paid about ", Some((Qualifier::Approximately, "about"))),
            ("at least ", Some((Qualifier::AtLeast, "at least"))),
            ("no more than ", Some((Qualifier::AtMost, "no more than"))),
            (
                "recalling that more than ",
                Some((Qualifier::MoreThan, "more than")),
            ),
            ("Up  to ", Some((Qualifier::AtMost, "Up  to"))),
            ("handsome ", None),
            ("paid ", None),
        ];
        for (text, want) in cases {
            let got = before(text, text.len()).map(|(q, s)| (q, text[s..].trim_end()));
            assert_eq!(got, *want, "{text:?}");
        }
    }

    /// The remembered words answer as the word-by-word walk they replace.
    #[test]
    fn earlier_words_match_phrase_before() {
        let texts = [
            "",
            "than",
            "no  more than",
            "x.more than",
            "Not less",
            "é no more",
        ];
        for text in texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let mut earlier = Earlier::new(text, at);
                for (phrase, _) in QUALIFIERS {
                    let slow = phrase_before(text, at, phrase);
                    assert_eq!(earlier.ends_with(phrase), slow, "{text:?} {at} {phrase:?}");
                }
            }
        }
    }
}
