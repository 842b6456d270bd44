//! Closed word classes the quote rules read: small, stable lists of English function
//! words. Open classes (reporting verbs, titles, names) come from the gazetteers.

/// A closed list of lowercase words, matched with ASCII case folded.
///
/// The rules test nearly every token next to a cue against several lists: a small
/// open-addressing table, built at compile time and keyed on the length and the
/// first and last letters, finds the one word worth comparing in a probe or two.
#[derive(Clone, Copy, Debug)]
pub(super) struct Words {
    words: &'static [&'static str],
    /// Index into `words` per slot, [`EMPTY`] for none.
    slots: [u8; SLOTS],
}

/// Slots of a [`Words`] table: at most half of them are filled.
const SLOTS: usize = 128;
const EMPTY: u8 = u8::MAX;

impl Words {
    pub const fn new(words: &'static [&'static str]) -> Words {
        assert!(
            words.len() <= SLOTS / 2,
            "a word list fills at most half its table"
        );
        let mut slots = [EMPTY; SLOTS];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(!w.is_empty(), "no empty word in a list");
            let mut h = hash(w);
            while slots[h] != EMPTY {
                h = (h + 1) % SLOTS;
            }
            slots[h] = i as u8;
            i += 1;
        }
        Words { words, slots }
    }

    /// True when `word` (as written) is in the list.
    #[inline]
    pub fn has(&self, word: &str) -> bool {
        let w = word.as_bytes();
        if w.is_empty() {
            return false;
        }
        let mut h = hash(w);
        loop {
            let slot = self.slots[h];
            if slot == EMPTY {
                return false;
            }
            if self.words[slot as usize].eq_ignore_ascii_case(word) {
                return true;
            }
            h = (h + 1) % SLOTS;
        }
    }
}

/// The slot where a probe for the non-empty word `w` starts. Setting bit 5 folds
/// ASCII case (`The` and `the` start at the same slot); other bytes it may merge
/// only share a slot.
#[inline]
const fn hash(w: &[u8]) -> usize {
    let first = (w[0] | 0x20) as usize;
    let last = (w[w.len() - 1] | 0x20) as usize;
    w.len().wrapping_mul(97).wrapping_add(first * 31 + last * 7) % SLOTS
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
#[inline]
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
        for list in [
            ADVERBS,
            CLAUSE_OPENERS,
            PREPOSITIONS,
            BASE_LICENSORS,
            NOUN_MARKERS,
        ] {
            for w in list.words {
                assert!(list.has(w) && list.has(&w.to_ascii_uppercase()), "{w}");
            }
        }
        assert!(is_time_word("Wednesday") && is_time_word("week") && !is_time_word("weeks"));
    }
}
