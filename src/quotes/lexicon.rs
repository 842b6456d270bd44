//! Closed word classes the quote rules read: small, stable lists of English function
//! words. Open classes (reporting verbs, titles, names) come from the gazetteers.

/// A closed list of lowercase words, matched with ASCII case folded.
///
/// The rules test nearly every token next to a cue against several lists, and most
/// tokens are in none: two bit sets, of the lengths and of the first letters of the
/// words, built at compile time, turn most of those tests away before any comparison.
#[derive(Clone, Copy, Debug)]
pub(super) struct Words {
    words: &'static [&'static str],
    /// Bit `n` set when a word has `n` bytes (every word is shorter than 64).
    lengths: u64,
    /// Bit `i` set when a word starts with the `i`th letter (bit 26: another byte).
    firsts: u32,
}

impl Words {
    pub const fn new(words: &'static [&'static str]) -> Words {
        let mut lengths = 0u64;
        let mut firsts = 0u32;
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(
                !w.is_empty() && w.len() < 64,
                "a listed word has 1 to 63 bytes"
            );
            lengths |= 1 << w.len();
            firsts |= 1 << first_bit(w[0]);
            i += 1;
        }
        Words {
            words,
            lengths,
            firsts,
        }
    }

    /// True when `word` (as written) is in the list.
    #[inline]
    pub fn has(&self, word: &str) -> bool {
        let w = word.as_bytes();
        let (Some(&b), true) = (w.first(), w.len() < 64) else {
            return false;
        };
        self.lengths & (1 << w.len()) != 0
            && self.firsts & (1 << first_bit(b)) != 0
            && self.words.iter().any(|x| x.eq_ignore_ascii_case(word))
    }
}

/// The bit of [`Words::firsts`] for a word starting with byte `b`.
#[inline]
const fn first_bit(b: u8) -> u32 {
    let l = b.to_ascii_lowercase();
    if l.is_ascii_lowercase() {
        (l - b'a') as u32
    } else {
        26
    }
}

/// Words that may stand between a speaker and the cue, or a cue and its speaker,
/// without breaking the frame ("Lin Jian on Wednesday denied", "he later said").
/// Words ending in "-ly" are adverbs too and need no entry.
pub(super) const ADVERBS: Words = Words::new(&[
    "also",
    "further",
    "later",
    "then",
    "again",
    "earlier",
    "once",
    "still",
    "now",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "previously",
    "repeatedly",
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "would",
    "will",
    "could",
    "did",
    "does",
    "not",
    "never",
    "reportedly",
    "allegedly",
    "been",
]);

/// Prepositions and modifiers that open a time phrase ("on Wednesday", "last week").
pub(super) const TIME_OPENERS: Words =
    Words::new(&["on", "last", "this", "late", "early", "next", "in"]);

/// Words that close a time phrase, besides weekday and month names.
const TIME_WORDS: Words = Words::new(&[
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
]);

/// True when `word` closes a time phrase ("on Wednesday", "last week", "in March").
pub(super) fn is_time_word(word: &str) -> bool {
    const WEEKDAYS: Words = Words::new(crate::calendar::WEEKDAYS);
    const MONTHS: Words = Words::new(crate::calendar::MONTHS);
    TIME_WORDS.has(word) || WEEKDAYS.has(word) || MONTHS.has(word)
}

/// Words that open a new clause: a speaker phrase read leftwards from a cue stops
/// before them ("... after Ukrainian President Volodymyr Zelenskyy denounced").
pub(super) const CLAUSE_OPENERS: Words = Words::new(&[
    "that", "which", "who", "whom", "whose", "when", "while", "after", "before", "because", "as",
    "if", "and", "but", "or", "so", "than", "where", "although", "though", "since", "until",
    "whether", "once", "unless", "whereas", "what", "how", "why", "to", "said", "says", "is",
    "was", "are", "were", "has", "have", "had",
]);

/// Prepositions: they open adjuncts, not reported clauses or speaker phrases.
pub(super) const PREPOSITIONS: Words = Words::new(&[
    "with",
    "in",
    "on",
    "at",
    "from",
    "by",
    "into",
    "about",
    "during",
    "under",
    "over",
    "through",
    "against",
    "without",
    "via",
    "among",
    "despite",
    "following",
    "for",
    "after",
    "before",
    "amid",
]);

/// Words before a base-form verb that make it a verb (`will say`, `did not tell`,
/// `they say`); otherwise `say`, `report`, `post` are more likely nouns.
pub(super) const BASE_LICENSORS: Words = Words::new(&[
    "to",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "did",
    "do",
    "does",
    "didn't",
    "don't",
    "doesn't",
    "won't",
    "wouldn't",
    "not",
    "never",
    "also",
    "i",
    "we",
    "you",
    "they",
    "often",
    "still",
    "just",
    "always",
    "repeatedly",
    "later",
    "then",
    "now",
    "people",
    "police",
]);

/// Words before an "-s" form that make it a plural noun (`recent reports`, `the
/// claims`, `media reports`).
pub(super) const NOUN_MARKERS: Words = Words::new(&[
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "this",
    "these",
    "those",
    "recent",
    "new",
    "latest",
    "earlier",
    "initial",
    "further",
    "media",
    "press",
    "news",
    "such",
    "many",
    "some",
    "several",
    "of",
    "in",
    "on",
    "for",
    "with",
    "from",
    "by",
    "no",
    "any",
    "other",
    "both",
    "unconfirmed",
    "local",
    "official",
]);

/// Subject pronouns: speakers resolved through the person in focus.
pub(super) const PRONOUNS: Words = Words::new(&["he", "she", "they", "i", "we"]);

/// Words that can open a reported clause that has no "that" ("said Kyiv had ...").
pub(super) const CLAUSE_STARTERS: Words = Words::new(&[
    "he", "she", "it", "they", "we", "i", "you", "there", "this", "these", "those", "the", "a",
    "an", "his", "her", "their", "its", "our", "my", "some", "many", "most", "all", "no", "none",
    "both", "each", "every", "any", "more", "several",
]);

/// Reporting verbs (canonical forms) that take a bare clause without "that".
pub(super) const BARE_CLAUSE_VERBS: Words = Words::new(&[
    "say",
    "add",
    "claim",
    "insist",
    "argue",
    "believe",
    "think",
    "state",
    "explain",
    "warn",
    "write",
    "note",
    "acknowledge",
    "admit",
    "stress",
    "suggest",
    "report",
]);

/// "-ing" words after a comma that do not open a participle clause.
pub(super) const NOT_PARTICIPLES: Words = Words::new(&[
    "including",
    "according",
    "excluding",
    "following",
    "regarding",
    "concerning",
    "during",
    "notwithstanding",
    "pending",
    "nothing",
    "something",
    "anything",
    "everything",
    "morning",
    "evening",
    "thing",
    "king",
    "spring",
    "string",
    "bring",
    "sing",
    "ring",
    "wing",
    "being",
]);

/// Determiners that may open a nominal speaker ("The spokesman", "the minister").
pub(super) const DETERMINERS: Words =
    Words::new(&["the", "a", "an", "this", "that", "one", "two", "another"]);

/// True when `word` (as written) is in `list` (lowercase), ASCII case folded: for
/// the few short lists written where a rule uses them; named lists are [`Words`].
pub(super) fn is(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// An adverb by its form: a lowercase word ending in "-ly" ("further" is listed).
pub(super) fn is_adverb(word: &str) -> bool {
    ADVERBS.has(word)
        || (word.len() > 4
            && word.ends_with("ly")
            && word.bytes().next().is_some_and(|b| b.is_ascii_lowercase()))
}

/// A participle by its form: a lowercase "-ing" word that is not a known preposition.
pub(super) fn is_participle(word: &str) -> bool {
    word.len() > 5
        && word.ends_with("ing")
        && word.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && !NOT_PARTICIPLES.has(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes() {
        for (word, adverb, participle) in [
            ("further", true, false),
            ("strongly", true, false),
            ("Only", false, false),
            ("reiterating", false, true),
            ("including", false, false),
            ("recalling", false, true),
            ("King", false, false),
        ] {
            assert_eq!(is_adverb(word), adverb, "{word}");
            assert_eq!(is_participle(word), participle, "{word}");
        }
        assert!(PRONOUNS.has("He"));
        assert!(!PRONOUNS.has("Hen"));
        assert!(!PRONOUNS.has(""));
        assert!(DETERMINERS.has("ANOTHER"));
        assert!(!DETERMINERS.has("’the"));
        assert!(is_time_word("Wednesday") && is_time_word("week") && !is_time_word("weeks"));
    }
}
