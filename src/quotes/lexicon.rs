//! Closed word classes the quote rules read: small, stable lists of English function
//! words. Open classes (reporting verbs, titles, names) come from the gazetteers.

use crate::calendar;

/// A closed list of lowercase words, matched with ASCII case folded.
///
/// The rules test nearly every token next to a cue against several lists. A table
/// built at compile time keys each word on a tag of its length and three of its
/// letters, case folded, and places it in the slot its tag hashes to or the one
/// after: a lookup reads those two slots and compares the text of a word only when
/// its tag matches. There is no probe loop, so no branch on how full the table is
/// (with a loop, whether a slot is empty was a coin toss per token).
#[derive(Clone, Copy, Debug)]
pub(super) struct Words {
    words: &'static [&'static str],
    /// The [`tag`] of the word in each slot, 0 for none.
    tags: [u32; SLOTS],
    /// Index into `words` per slot.
    index: [u8; SLOTS],
    /// The multiplier of [`home`] that places every word in its two slots.
    seed: u32,
}

/// Slots of a [`Words`] table: at most half of them are filled.
const SLOTS: usize = 128;

impl Words {
    pub const fn new(words: &'static [&'static str]) -> Words {
        assert!(
            words.len() <= SLOTS / 2,
            "a word list fills at most half its table"
        );
        // Odd multipliers, tried in turn until one leaves no word more than a slot
        // away from its home.
        let mut seed: u32 = 0x9E37_79B1;
        let mut tries = 0;
        while tries < 100_000 {
            if let Some((tags, index)) = place(words, seed) {
                return Words {
                    words,
                    tags,
                    index,
                    seed,
                };
            }
            seed = seed.wrapping_add(0x6A09_E668);
            tries += 1;
        }
        panic!("no multiplier places the words of the list");
    }

    /// True when `word` (as written: a `&str`, or the bytes of a token, whose char
    /// boundaries need no check) is in the list.
    #[inline(always)]
    pub fn has(&self, word: impl AsRef<[u8]>) -> bool {
        let w = word.as_ref();
        if w.is_empty() {
            return false;
        }
        let t = tag(w);
        let h = home(t, self.seed);
        let next = (h + 1) % SLOTS;
        (self.tags[h] == t && folds_to(self.words[self.index[h] as usize].as_bytes(), w))
            || (self.tags[next] == t
                && folds_to(self.words[self.index[next] as usize].as_bytes(), w))
    }
}

/// `word.eq_ignore_ascii_case(w)` for a `word` with no ASCII capital (every word of
/// a [`Words`] list, checked at build): only `w` is case folded, where the std
/// compare folded both sides byte by byte.
#[inline(always)]
fn folds_to(word: &[u8], w: &[u8]) -> bool {
    word.len() == w.len()
        && word
            .iter()
            .zip(w)
            .all(|(&a, &b)| a == b.to_ascii_lowercase())
}

/// The slots of `words` with multiplier `seed`, when each word finds a free one at
/// its home or right after.
const fn place(words: &[&str], seed: u32) -> Option<([u32; SLOTS], [u8; SLOTS])> {
    let mut tags = [0u32; SLOTS];
    let mut index = [0u8; SLOTS];
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_bytes();
        assert!(!w.is_empty(), "no empty word in a list");
        let mut k = 0;
        while k < w.len() {
            assert!(!w[k].is_ascii_uppercase(), "lists hold lowercase words");
            k += 1;
        }
        let t = tag(w);
        let h = home(t, seed);
        let slot = if tags[h] == 0 {
            h
        } else if tags[(h + 1) % SLOTS] == 0 {
            (h + 1) % SLOTS
        } else {
            return None;
        };
        tags[slot] = t;
        index[slot] = i as u8;
        i += 1;
    }
    Some((tags, index))
}

/// A key of the non-empty word `w` that words equal but for ASCII case share: its
/// length (its low byte) and its first, middle and last bytes with bit 5 set (which
/// folds `A-Z` onto `a-z`; other bytes it may merge only share a tag). Never 0.
#[inline(always)]
const fn tag(w: &[u8]) -> u32 {
    let n = w.len();
    (n as u32 & 0xFF)
        | ((w[0] | 0x20) as u32) << 8
        | ((w[n / 2] | 0x20) as u32) << 16
        | ((w[n - 1] | 0x20) as u32) << 24
}

/// The home slot of a tag: the top bits of its product with `seed`.
#[inline(always)]
const fn home(tag: u32, seed: u32) -> usize {
    (tag.wrapping_mul(seed) >> (32 - SLOTS.trailing_zeros())) as usize
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
const TIME_NOUNS: &[&str] = &[
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
];

/// [`TIME_NOUNS`], weekdays and months in one list: one lookup a word, where a table
/// each took three.
const TIME_WORD_LIST: [&str; TIME_WORD_COUNT] = {
    let mut out = [""; TIME_WORD_COUNT];
    let lists = [TIME_NOUNS, calendar::WEEKDAYS, calendar::MONTHS];
    let (mut n, mut l) = (0, 0);
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            out[n] = lists[l][i];
            n += 1;
            i += 1;
        }
        l += 1;
    }
    out
};

const TIME_WORD_COUNT: usize = TIME_NOUNS.len() + calendar::WEEKDAYS.len() + calendar::MONTHS.len();

/// Words that close a time phrase.
const TIME_WORDS: Words = Words::new(&TIME_WORD_LIST);

/// True when `word` closes a time phrase ("on Wednesday", "last week", "in March").
pub(super) fn is_time_word(word: impl AsRef<[u8]>) -> bool {
    TIME_WORDS.has(word)
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
pub(super) fn is(list: &[&str], word: impl AsRef<[u8]>) -> bool {
    let word = word.as_ref();
    list.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// An adverb by its form: a lowercase word ending in "-ly" ("further" is listed).
pub(super) fn is_adverb(word: impl AsRef<[u8]>) -> bool {
    let word = word.as_ref();
    ADVERBS.has(word)
        || (word.len() > 4
            && word.ends_with(b"ly")
            && word.first().is_some_and(|b| b.is_ascii_lowercase()))
}

/// A participle by its form: a lowercase "-ing" word that is not a known preposition.
pub(super) fn is_participle(word: impl AsRef<[u8]>) -> bool {
    let word = word.as_ref();
    word.len() > 5
        && word.ends_with(b"ing")
        && word.first().is_some_and(|b| b.is_ascii_lowercase())
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
                assert!(list.has(w) && list.has(w.to_ascii_uppercase()), "{w}");
            }
        }
        assert!(is_time_word("Wednesday") && is_time_word("week") && !is_time_word("weeks"));
    }

    /// Every list, the calendar's too.
    const LISTS: [Words; 14] = [
        ADVERBS,
        TIME_OPENERS,
        TIME_WORDS,
        CLAUSE_OPENERS,
        PREPOSITIONS,
        BASE_LICENSORS,
        NOUN_MARKERS,
        PRONOUNS,
        CLAUSE_STARTERS,
        BARE_CLAUSE_VERBS,
        NOT_PARTICIPLES,
        DETERMINERS,
        Words::new(crate::calendar::WEEKDAYS),
        Words::new(crate::calendar::MONTHS),
    ];

    /// The table answers as a scan of the list does.
    fn agrees(word: &str) {
        for list in LISTS {
            assert_eq!(list.has(word), is(list.words, word), "{word:?}");
        }
    }

    #[test]
    fn the_table_agrees_with_a_scan_of_every_word_of_every_list() {
        for list in LISTS {
            for w in list.words {
                agrees(w);
                agrees(&w.to_ascii_uppercase());
                agrees(&w[1..]);
                agrees(&w[..w.len() - 1]);
                agrees(&format!("{w}s"));
                agrees(&format!("’{w}"));
            }
        }
        agrees("");
    }

    proptest::proptest! {
        #[test]
        fn the_table_agrees_with_a_scan(word in "[a-zA-Z’' ]{0,12}") {
            agrees(&word);
        }
    }
}
