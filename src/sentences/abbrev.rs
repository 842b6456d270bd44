//! Abbreviations: which words before a period may end a sentence, and when.

use crate::phf;
use crate::swar::{self, HIGH};

/// What a period after an abbreviation means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Titles and name prefixes never end a sentence (`Gen.`, `Mr.`, `Dr.`, `Lt.`); they
    /// count only when capitalized (`Rep.` but not `rep.`).
    Prefix,
    /// Place-name prefixes that also abbreviate a noun at the end of a phrase (`St.`
    /// for Saint and Street, `Mt.`, `Ft.`): they end a sentence only before a word
    /// that opens sentences (`on Main St. The house`, but `St. Louis`). Capitalized
    /// only, like [`Abbrev::Prefix`].
    PlacePrefix,
    /// Never ends a sentence (`vs.`, `e.g.`).
    Inner,
    /// Does not end a sentence before a number (`No. 5`, `Jan. 20`, `p. 55`).
    BeforeNumber,
    /// May end a sentence (`Inc.`, `Co.`, `Jr.`, `etc.`): it does before a capital when
    /// the sentence has a few words before it.
    Suffix,
    /// `a.m.`, `p.m.`: like [`Abbrev::Suffix`], except before a weekday, a month or a
    /// time zone (`at 10 a.m. Tuesday`, `9 p.m. EST`).
    Time,
    /// A dotted acronym (`U.S.`, `U.N.`, `E.U.`): ends a sentence only before a word
    /// that opens sentences (see [`STARTERS`]). `the U.S. Government` and `U.S. Rep.`
    /// continue, `in the U.S. The move` ends. A capitalized content word after it
    /// (`... in the U.S. Millions attended`) is read as a continuation: the known weak
    /// spot, chosen because news writes `U.S.` before a noun far more often than at
    /// the end of a sentence.
    Acronym,
}

/// Known abbreviations, lower case, without their final period. Dotted acronyms not
/// listed here are [`Abbrev::Acronym`].
#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbrev)] = &[
    // Titles, ranks, name prefixes.
    ("mr", Abbrev::Prefix), ("mrs", Abbrev::Prefix), ("ms", Abbrev::Prefix),
    ("messrs", Abbrev::Prefix), ("mme", Abbrev::Prefix), ("mlle", Abbrev::Prefix),
    ("dr", Abbrev::Prefix), ("drs", Abbrev::Prefix), ("prof", Abbrev::Prefix),
    ("gen", Abbrev::Prefix), ("gens", Abbrev::Prefix), ("sen", Abbrev::Prefix),
    ("sens", Abbrev::Prefix), ("rep", Abbrev::Prefix), ("reps", Abbrev::Prefix),
    ("gov", Abbrev::Prefix), ("govs", Abbrev::Prefix), ("lt", Abbrev::Prefix),
    ("col", Abbrev::Prefix), ("maj", Abbrev::Prefix), ("capt", Abbrev::Prefix),
    ("cmdr", Abbrev::Prefix), ("cdr", Abbrev::Prefix), ("adm", Abbrev::Prefix),
    ("brig", Abbrev::Prefix), ("sgt", Abbrev::Prefix), ("cpl", Abbrev::Prefix),
    ("pvt", Abbrev::Prefix), ("spc", Abbrev::Prefix), ("rev", Abbrev::Prefix),
    ("msgr", Abbrev::Prefix), ("fr", Abbrev::Prefix), ("hon", Abbrev::Prefix),
    ("rt", Abbrev::Prefix), ("pres", Abbrev::Prefix), ("supt", Abbrev::Prefix),
    ("det", Abbrev::Prefix), ("insp", Abbrev::Prefix), ("amb", Abbrev::Prefix),
    ("atty", Abbrev::Prefix),
    ("st", Abbrev::PlacePrefix), ("ste", Abbrev::PlacePrefix), ("mt", Abbrev::PlacePrefix),
    ("ft", Abbrev::PlacePrefix),
    // Before numbers: numbering, pages, money, months.
    ("no", Abbrev::BeforeNumber), ("nos", Abbrev::BeforeNumber), ("nr", Abbrev::BeforeNumber),
    ("n°", Abbrev::BeforeNumber), ("nº", Abbrev::BeforeNumber), ("p", Abbrev::BeforeNumber),
    ("pp", Abbrev::BeforeNumber), ("vol", Abbrev::BeforeNumber), ("vols", Abbrev::BeforeNumber),
    ("art", Abbrev::BeforeNumber), ("fig", Abbrev::BeforeNumber), ("sec", Abbrev::Prefix),
    ("ch", Abbrev::BeforeNumber), ("chap", Abbrev::BeforeNumber), ("para", Abbrev::BeforeNumber),
    ("op", Abbrev::BeforeNumber), ("rs", Abbrev::BeforeNumber), ("tel", Abbrev::BeforeNumber),
    ("ext", Abbrev::BeforeNumber), ("rm", Abbrev::BeforeNumber),
    ("jan", Abbrev::BeforeNumber), ("feb", Abbrev::BeforeNumber), ("mar", Abbrev::BeforeNumber),
    ("apr", Abbrev::BeforeNumber), ("jun", Abbrev::BeforeNumber), ("jul", Abbrev::BeforeNumber),
    ("aug", Abbrev::BeforeNumber), ("sep", Abbrev::BeforeNumber), ("sept", Abbrev::BeforeNumber),
    ("oct", Abbrev::BeforeNumber), ("nov", Abbrev::BeforeNumber), ("dec", Abbrev::BeforeNumber),
    // After names: companies, generations, addresses, lists.
    ("inc", Abbrev::Suffix), ("corp", Abbrev::Suffix), ("ltd", Abbrev::Suffix),
    ("co", Abbrev::Suffix), ("cos", Abbrev::Suffix), ("bros", Abbrev::Suffix),
    ("plc", Abbrev::Suffix), ("llc", Abbrev::Suffix), ("jr", Abbrev::Suffix),
    ("sr", Abbrev::Suffix), ("esq", Abbrev::Suffix), ("etc", Abbrev::Suffix),
    ("al", Abbrev::Suffix), ("ave", Abbrev::Suffix), ("blvd", Abbrev::Suffix),
    ("rd", Abbrev::Suffix), ("hwy", Abbrev::Suffix), ("dept", Abbrev::Suffix),
    ("univ", Abbrev::Suffix), ("assn", Abbrev::Suffix), ("intl", Abbrev::Suffix),
    // Inside sentences.
    ("vs", Abbrev::Inner), ("v", Abbrev::Inner), ("e.g", Abbrev::Inner), ("i.e", Abbrev::Inner),
    ("cf", Abbrev::Inner), ("viz", Abbrev::Inner), ("approx", Abbrev::Inner),
    ("ca", Abbrev::Inner), ("incl", Abbrev::Inner), ("esp", Abbrev::Inner),
    // Times of day.
    ("a.m", Abbrev::Time), ("p.m", Abbrev::Time),
];

/// Words that open sentences, lower case: after a dotted acronym they mark a new
/// sentence. Closed-class words (pronouns, determiners, conjunctions, wh-words) and a
/// few sentence adverbs; a name or a noun after `U.S.` is read as its continuation.
#[rustfmt::skip]
pub(crate) const STARTERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "here", "his", "her", "its", "their", "our", "my", "your", "but",
    "and", "or", "so", "yet", "however", "in", "on", "at", "for", "if", "when", "while",
    "after", "before", "since", "as", "although", "though", "what", "who", "why", "how",
    "where", "which", "meanwhile", "also", "still", "now", "then", "some", "many", "most",
    "all", "both", "each", "no", "not", "such", "according", "earlier", "later", "last",
    "next", "one", "it's", "he's", "she's", "i'm", "we're", "they're", "let's", "there's",
    "it’s", "he’s", "she’s", "i’m", "we’re", "they’re", "let’s", "there’s",
];

/// Words after `a.m.`/`p.m.` that continue the sentence, besides weekdays and months:
/// time zones.
#[rustfmt::skip]
const TIME_CONTINUATIONS: &[&str] = &[
    "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "gmt",
    "utc", "bst", "cet", "cest", "eet", "eest", "msk", "jst", "kst", "ist", "aest", "aedt",
    "hkt", "sgt", "local",
];

/// The abbreviation table and the word lists read after an abbreviation, built once.
/// Each a [`phf::Table`]: a lookup is one probe, where a scan of a list compared the
/// word with each of its (up to ninety) entries.
#[derive(Debug)]
pub(crate) struct Abbreviations {
    /// The class of each abbreviation by its [`key`].
    table: Box<AbbrevSlots>,
    /// [`STARTERS`].
    starters: WordSet,
    /// [`TIME_CONTINUATIONS`], weekdays and months.
    time_continuations: WordSet,
}

/// Slots of [`Abbreviations::table`]: some hundred and twenty abbreviations, fewer
/// than half of them (a new one past that makes the build fail its test).
type AbbrevSlots = phf::Table<u64, Option<Abbrev>, 256, 64>;

/// The longest abbreviation, in bytes: a longer word is none, without a lookup.
const MAX_KEY_LEN: usize = 7;

/// The longest token looked up as a dotted acronym: a longer one is no abbreviation.
const MAX_ACRONYM_LEN: usize = 16;

impl Abbreviations {
    pub fn new() -> Abbreviations {
        use crate::calendar::{MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS, WEEKDAY_ABBREVIATIONS};
        let entries: Vec<(u64, Option<Abbrev>)> = ABBREVIATIONS
            .iter()
            .map(|&(word, class)| (key(word).expect("abbreviations are short"), Some(class)))
            .collect();
        let time = [
            TIME_CONTINUATIONS,
            WEEKDAYS,
            WEEKDAY_ABBREVIATIONS,
            MONTHS,
            MONTH_ABBREVIATIONS,
        ];
        Abbreviations {
            table: Box::new(AbbrevSlots::new(&entries)),
            starters: WordSet::new(&[STARTERS]),
            time_continuations: WordSet::new(&time),
        }
    }

    /// Whether `word` opens sentences ([`STARTERS`]), ignoring ASCII case.
    pub fn opens(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// Whether `word` continues a sentence after `a.m.`/`p.m.`: a time zone, a weekday
    /// or a month, ignoring ASCII case.
    pub fn continues_time(&self, word: &str) -> bool {
        self.time_continuations.contains(word)
    }

    /// The class of `token` (the text before a period, without it), if it is an
    /// abbreviation. `Tuesday.Mr` looks up `Mr`; `U.S` is an acronym.
    pub fn classify(&self, token: &str) -> Option<Abbrev> {
        if long_without_period_at_end(token.as_bytes()) {
            return None;
        }
        self.classify_any(token)
    }

    /// [`classify`](Self::classify) for any token.
    fn classify_any(&self, token: &str) -> Option<Abbrev> {
        let word = match token.bytes().rposition(|b| b == b'.') {
            // Most tokens have no period inside: no acronym to check.
            None => token,
            Some(_) if is_dotted_acronym(token) => {
                if token.len() > MAX_ACRONYM_LEN {
                    return None;
                }
                return Some(self.get(token).unwrap_or(Abbrev::Acronym));
            }
            Some(dot) => &token[dot + 1..],
        };
        let class = self.get(word)?;
        let capitalized = word.chars().next().is_some_and(char::is_uppercase);
        let needs_capital = matches!(class, Abbrev::Prefix | Abbrev::PlacePrefix);
        (!needs_capital || capitalized).then_some(class)
    }

    /// [`classify`](Self::classify) for the token `p[start..end]`. A short ASCII token
    /// without a period (most words before a full stop) is packed into its key from
    /// one load of the eight bytes that end it, not byte by byte. Inlined into the
    /// splitter: that path is some twenty instructions, fewer than a call's saved
    /// registers and stack frame cost; other tokens go on out of line.
    #[inline(always)]
    pub fn classify_at(&self, p: &str, start: usize, end: usize) -> Option<Abbrev> {
        let len = end - start;
        let b = p.as_bytes();
        if (1..=MAX_KEY_LEN).contains(&len) && end >= 8 {
            if let Some(x) = swar::load(b, end - 8) {
                // The token's bytes, first lowest; the bytes before it shifted out.
                let word = x >> (8 * (8 - len));
                if word & HIGH == 0 && swar::in_range(word, b'.', b'.') == 0 {
                    let class = self.get_key(packed_key(word, len))?;
                    let needs_capital = matches!(class, Abbrev::Prefix | Abbrev::PlacePrefix);
                    return (!needs_capital || b[start].is_ascii_uppercase()).then_some(class);
                }
            }
        }
        self.classify_token(&p[start..end])
    }

    /// [`classify`](Self::classify), out of line for [`classify_at`](Self::classify_at).
    #[inline(never)]
    fn classify_token(&self, token: &str) -> Option<Abbrev> {
        self.classify(token)
    }

    /// The class `word` has in the table, ignoring ASCII case.
    fn get(&self, word: &str) -> Option<Abbrev> {
        self.get_key(key(word)?)
    }

    /// The class of the word packed into `k` (see [`key`]).
    fn get_key(&self, k: u64) -> Option<Abbrev> {
        self.table.get(k)
    }
}

/// Words of some lists, ignoring ASCII case.
#[derive(Debug)]
struct WordSet {
    /// Each word's place in `words`, plus one, by its [`phf::caseless`] key.
    table: Box<WordSlots>,
    words: Vec<&'static str>,
}

/// Slots of a [`WordSet`]: up to a hundred and twenty words.
type WordSlots = phf::Table<u128, u8, 256, 64>;

impl WordSet {
    fn new(lists: &[&[&'static str]]) -> WordSet {
        let words: Vec<&'static str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
        let entries: Vec<(u128, u8)> = (words.iter().enumerate())
            .map(|(i, w)| {
                let k = phf::caseless(w.as_bytes()).expect("listed words are short");
                (
                    k,
                    u8::try_from(i + 1).expect("a set has fewer than 256 words"),
                )
            })
            .collect();
        WordSet {
            table: Box::new(WordSlots::new(&entries)),
            words,
        }
    }

    fn contains(&self, word: &str) -> bool {
        let Some(at) = phf::caseless(word.as_bytes()).map(|k| self.table.get(k)) else {
            return false;
        };
        // The key sets bit 5 of every byte, which beyond ASCII folds more than case
        // (`’` and `⠙` share a key): the word found is compared.
        at != 0 && self.words[usize::from(at) - 1].eq_ignore_ascii_case(word)
    }
}

/// `word` in ASCII lower case packed into a number, its length in the top byte (so
/// that `a` and `a\0` differ); `None` when longer than any abbreviation.
fn key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() > MAX_KEY_LEN {
        return None;
    }
    // Little-endian, packed by a shift per byte rather than a copy into a buffer (a
    // `memcpy` call for a length only known at run time).
    let packed = bytes.iter().rev().fold(0u64, |k, &b| k << 8 | u64::from(b));
    Some(packed_key(packed, bytes.len()))
}

/// The key of a word of `len` bytes packed into `packed`, first byte lowest.
fn packed_key(packed: u64, len: usize) -> u64 {
    // Bit 5 set on the ASCII capitals lower-cases them, as `make_ascii_lowercase`.
    let lower = packed | swar::in_range(packed, b'A', b'Z') >> 2;
    lower | (len as u64) << 56
}

/// A token longer than any abbreviation with no period in its last eight bytes is
/// none, and no dotted acronym (which has a period every three bytes or fewer): the
/// commonest token before a period (`said`, `percent`), decided without a walk back
/// over its bytes or a lookup.
fn long_without_period_at_end(token: &[u8]) -> bool {
    token.len() > MAX_KEY_LEN
        && swar::load(token, token.len() - 8).is_some_and(|x| swar::in_range(x, b'.', b'.') == 0)
}

/// `U.S`, `a.m`, `Ph.D`: letters in groups of one or two joined by periods.
fn is_dotted_acronym(token: &str) -> bool {
    token.contains('.')
        && token
            .split('.')
            .all(|s| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let a = Abbreviations::new();
        #[rustfmt::skip]
        let cases = [
            ("Gen", Some(Abbrev::Prefix)), ("Mr", Some(Abbrev::Prefix)), ("ST", Some(Abbrev::PlacePrefix)),
            ("st", None), ("Tuesday.Mr", Some(Abbrev::Prefix)),
            ("No", Some(Abbrev::BeforeNumber)), ("N°", Some(Abbrev::BeforeNumber)),
            ("Jan", Some(Abbrev::BeforeNumber)), ("Sept", Some(Abbrev::BeforeNumber)),
            ("Inc", Some(Abbrev::Suffix)), ("co", Some(Abbrev::Suffix)), ("Jr", Some(Abbrev::Suffix)),
            ("vs", Some(Abbrev::Inner)), ("e.g", Some(Abbrev::Inner)),
            ("a.m", Some(Abbrev::Time)), ("P.M", Some(Abbrev::Time)),
            ("U.S", Some(Abbrev::Acronym)), ("U.S.A", Some(Abbrev::Acronym)), ("Ph.D", Some(Abbrev::Acronym)),
            ("Ukraine", None), ("1,000", None), ("Jane.Doe@example.com", None), ("", None),
            ("averyveryverylongwordindeed", None),
        ];
        for (token, want) in cases {
            assert_eq!(a.classify(token), want, "{token:?}");
        }
        for &(word, class) in ABBREVIATIONS {
            assert_eq!(a.get(word), Some(class), "{word:?}");
            assert_eq!(a.get(&word.to_uppercase()), Some(class), "{word:?}");
        }
    }

    #[test]
    fn long_tokens_without_a_final_period_are_no_abbreviations() {
        let a = Abbreviations::new();
        for token in [
            "percent",
            "percents",
            "Tuesday.Mr",
            "Tuesday.Mrs.x",
            "U.S.A.F.E.R",
            "U.S.A.F",
            "a.b.c.d.e.f.g.h",
            "Ukraine",
            "approxima",
            "e.g",
            "1,000,000",
            "xxxxxxx.",
            "Zürich.Mr",
            "Zürichs",
        ] {
            if long_without_period_at_end(token.as_bytes()) {
                assert_eq!(a.classify_any(token), None, "{token:?}");
            }
            assert_eq!(a.classify(token), a.classify_any(token), "{token:?}");
        }
    }

    #[test]
    fn tokens_classify_alike_in_place() {
        let a = Abbreviations::new();
        let mut tokens: Vec<String> = ABBREVIATIONS
            .iter()
            .flat_map(|&(w, _)| [w.to_string(), w.to_uppercase(), capitalize(w)])
            .collect();
        tokens.extend(
            [
                "said",
                "Ukraine",
                "U.S",
                "a.m",
                "Tuesday.Mr",
                "No",
                "no",
                "I",
                "A",
                "é",
                "Mé",
                "1,000",
                "x.Co",
            ]
            .map(String::from),
        );
        for t in &tokens {
            for before in ["", "ab ", "abcdefgh ", "“Zé ", "(Mr."] {
                let p = format!("{before}{t}. The");
                let (start, end) = (before.len(), before.len() + t.len());
                assert_eq!(a.classify_at(&p, start, end), a.classify(t), "{p:?}");
            }
        }
    }

    fn capitalize(w: &str) -> String {
        let mut c = w.chars();
        c.next()
            .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
    }

    #[test]
    fn key_packs_the_lower_cased_bytes_and_the_length() {
        // The general code the packing replaces.
        fn reference(word: &str) -> Option<u64> {
            let bytes = word.as_bytes();
            if bytes.len() > MAX_KEY_LEN {
                return None;
            }
            let mut buf = [0u8; 8];
            buf[..bytes.len()].copy_from_slice(bytes);
            buf.make_ascii_lowercase();
            buf[7] = bytes.len() as u8;
            Some(u64::from_le_bytes(buf))
        }
        for w in [
            "", "a", "Z", "@[`{", "MrS", "N°", "ÉTÉ", "abcdefg", "ABCDEFG", "abcdefgh", "a\0",
        ] {
            assert_eq!(key(w), reference(w), "{w:?}");
        }
        for b in 0..=255u8 {
            let bytes = [b'x', b, b'Q'];
            let w = String::from_utf8_lossy(&bytes);
            assert_eq!(key(&w), reference(&w), "{b}");
            if let Ok(w) = std::str::from_utf8(&[b]) {
                assert_eq!(key(w), reference(w), "{b}");
            }
        }
    }

    #[test]
    fn tables_are_lower_case_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for (k, _) in ABBREVIATIONS {
            assert_eq!(k.to_lowercase(), *k);
            assert!(k.len() <= MAX_KEY_LEN, "{k} is longer than MAX_KEY_LEN");
            assert!(seen.insert(k), "{k} twice");
        }
        for w in STARTERS.iter().chain(TIME_CONTINUATIONS) {
            assert_eq!(w.to_lowercase(), *w);
        }
    }

    #[test]
    fn word_sets_agree_with_a_scan_of_their_lists() {
        use crate::calendar::{MONTHS, WEEKDAYS};
        let scan = |list: &[&str], w: &str| list.iter().any(|l| l.eq_ignore_ascii_case(w));
        let set = WordSet::new(&[STARTERS, WEEKDAYS]);
        let mut words: Vec<String> = (STARTERS.iter().chain(WEEKDAYS).chain(MONTHS))
            .flat_map(|w| {
                [
                    w.to_string(),
                    w.to_uppercase(),
                    capitalize(w),
                    format!("{w}s"),
                ]
            })
            .collect();
        // `⠙` and `’` share a key (bit 5 set on every byte); `é` is no ASCII case.
        let others = [
            "it\u{2819}s",
            "IT’S",
            "it's ",
            "",
            "t",
            "Th",
            "thé",
            "[he",
            "a\0",
        ];
        words.extend(others.map(String::from));
        words.push("x".repeat(40));
        for w in &words {
            let listed = scan(STARTERS, w) || scan(WEEKDAYS, w);
            assert_eq!(set.contains(w), listed, "{w:?}");
        }
    }

    #[test]
    fn word_lists_ignore_case() {
        let a = Abbreviations::new();
        assert!(a.opens("The"));
        assert!(a.opens("HOW"));
        assert!(!a.opens("Government"));
        assert!(a.continues_time("Tuesday"));
        assert!(a.continues_time("EST"));
        assert!(!a.continues_time("Mr"));
    }
}
