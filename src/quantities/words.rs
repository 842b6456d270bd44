//! The number vocabulary: every English word the number grammar knows, as data.

use crate::phf;
use crate::swar::letters;

/// What a number word contributes to the grammar in `numbers`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Word {
    /// zero ... nineteen
    Unit(u8),
    /// twenty ... ninety
    Tens(u8),
    Hundred,
    /// thousand, million, billion, trillion, lakh, crore
    Big(f64),
    /// dozen (and its abbreviations): multiplies the number just before it by 12
    Dozen,
    /// first ... twentieth ... hundredth: an ordinal, or the denominator of `a fifth`
    Ordinal(f64),
    /// thirds, fifths, halves, quarters: only ever a fraction's denominator
    Denominators(f64),
    /// half and quarter: a denominator that is never an ordinal
    Part(f64),
    /// hundreds, thousands, dozens, tens: `hundreds of` is an approximate magnitude
    Many(f64),
    /// a, an: the numerator 1 of `a hundred`, `a third`
    Article,
    /// minus, negative
    Minus,
}

/// Every number word, lowercase. A const table so a new word is a one-line change.
const WORDS: &[(&str, Word)] = &[
    ("zero", Word::Unit(0)),
    ("nought", Word::Unit(0)),
    ("naught", Word::Unit(0)),
    ("one", Word::Unit(1)),
    ("two", Word::Unit(2)),
    ("three", Word::Unit(3)),
    ("four", Word::Unit(4)),
    ("five", Word::Unit(5)),
    ("six", Word::Unit(6)),
    ("seven", Word::Unit(7)),
    ("eight", Word::Unit(8)),
    ("nine", Word::Unit(9)),
    ("ten", Word::Unit(10)),
    ("eleven", Word::Unit(11)),
    ("twelve", Word::Unit(12)),
    ("thirteen", Word::Unit(13)),
    ("fourteen", Word::Unit(14)),
    ("fifteen", Word::Unit(15)),
    ("sixteen", Word::Unit(16)),
    ("seventeen", Word::Unit(17)),
    ("eighteen", Word::Unit(18)),
    ("nineteen", Word::Unit(19)),
    ("twenty", Word::Tens(20)),
    ("thirty", Word::Tens(30)),
    ("forty", Word::Tens(40)),
    ("fourty", Word::Tens(40)),
    ("fifty", Word::Tens(50)),
    ("sixty", Word::Tens(60)),
    ("seventy", Word::Tens(70)),
    ("eighty", Word::Tens(80)),
    ("ninety", Word::Tens(90)),
    ("hundred", Word::Hundred),
    ("thousand", Word::Big(1e3)),
    ("million", Word::Big(1e6)),
    ("billion", Word::Big(1e9)),
    ("trillion", Word::Big(1e12)),
    ("lakh", Word::Big(1e5)),
    ("lakhs", Word::Big(1e5)),
    ("crore", Word::Big(1e7)),
    ("crores", Word::Big(1e7)),
    ("dozen", Word::Dozen),
    ("dozens", Word::Many(12.0)),
    ("dz", Word::Dozen),
    ("dzs", Word::Dozen),
    ("doz", Word::Dozen),
    ("dozs", Word::Dozen),
    ("first", Word::Ordinal(1.0)),
    ("second", Word::Ordinal(2.0)),
    ("third", Word::Ordinal(3.0)),
    ("fourth", Word::Ordinal(4.0)),
    ("fifth", Word::Ordinal(5.0)),
    ("sixth", Word::Ordinal(6.0)),
    ("seventh", Word::Ordinal(7.0)),
    ("eighth", Word::Ordinal(8.0)),
    ("ninth", Word::Ordinal(9.0)),
    ("tenth", Word::Ordinal(10.0)),
    ("eleventh", Word::Ordinal(11.0)),
    ("twelfth", Word::Ordinal(12.0)),
    ("thirteenth", Word::Ordinal(13.0)),
    ("fourteenth", Word::Ordinal(14.0)),
    ("fifteenth", Word::Ordinal(15.0)),
    ("sixteenth", Word::Ordinal(16.0)),
    ("seventeenth", Word::Ordinal(17.0)),
    ("eighteenth", Word::Ordinal(18.0)),
    ("nineteenth", Word::Ordinal(19.0)),
    ("twentieth", Word::Ordinal(20.0)),
    ("thirtieth", Word::Ordinal(30.0)),
    ("fortieth", Word::Ordinal(40.0)),
    ("fiftieth", Word::Ordinal(50.0)),
    ("sixtieth", Word::Ordinal(60.0)),
    ("seventieth", Word::Ordinal(70.0)),
    ("eightieth", Word::Ordinal(80.0)),
    ("ninetieth", Word::Ordinal(90.0)),
    ("hundredth", Word::Ordinal(1e2)),
    ("thousandth", Word::Ordinal(1e3)),
    ("millionth", Word::Ordinal(1e6)),
    ("billionth", Word::Ordinal(1e9)),
    ("trillionth", Word::Ordinal(1e12)),
    // "seconds" is left out on purpose: "two seconds" is a duration, not 2/2.
    ("firsts", Word::Denominators(1.0)),
    ("thirds", Word::Denominators(3.0)),
    ("fourths", Word::Denominators(4.0)),
    ("fifths", Word::Denominators(5.0)),
    ("sixths", Word::Denominators(6.0)),
    ("sevenths", Word::Denominators(7.0)),
    ("eighths", Word::Denominators(8.0)),
    ("ninths", Word::Denominators(9.0)),
    ("tenths", Word::Denominators(10.0)),
    ("twelfths", Word::Denominators(12.0)),
    ("sixteenths", Word::Denominators(16.0)),
    ("twentieths", Word::Denominators(20.0)),
    ("thirtieths", Word::Denominators(30.0)),
    ("hundredths", Word::Denominators(1e2)),
    ("thousandths", Word::Denominators(1e3)),
    ("millionths", Word::Denominators(1e6)),
    ("billionths", Word::Denominators(1e9)),
    ("trillionths", Word::Denominators(1e12)),
    ("half", Word::Part(2.0)),
    ("halves", Word::Denominators(2.0)),
    ("quarter", Word::Part(4.0)),
    ("quarters", Word::Denominators(4.0)),
    ("hundreds", Word::Many(1e2)),
    ("thousands", Word::Many(1e3)),
    ("millions", Word::Many(1e6)),
    ("billions", Word::Many(1e9)),
    ("trillions", Word::Many(1e12)),
    ("tens", Word::Many(10.0)),
    ("a", Word::Article),
    ("an", Word::Article),
    ("minus", Word::Minus),
    ("negative", Word::Minus),
];

/// The number words in a table with one slot per word, and the filters that turn
/// most other words away before it is read, built once: the scanner asks about
/// every word of a story.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// What the first byte of a word makes it, for the scan: a digit, a letter that
    /// some number word the scan starts at begins with, or neither (`a`, `I`, `was`).
    first: [First; 256],
    /// For each first letter of the magnitudes that may follow a number (`million`,
    /// `hundred`, `dozen`, `bn`, `k`), a bit per second letter, and bit [`NO_LETTER`]
    /// for a one-letter word: after most numbers comes a word that begins none
    /// (`people`, `to`, `more`, `days`), and it is not read.
    scales: [u32; 26],
    /// For each length, a bit per first letter that some number word has.
    initials: [u32; MAX_LEN + 1],
    /// For each pair of first two letters, a bit per length of the number words that
    /// begin with them: most words of a story are turned away by this one test
    /// (`the` shares its first letter and length with `two` and `ten`, not `th`).
    shapes: [u16; 26 * 26],
    /// A set of the first three bytes and the low three bits of the fourth, folded
    /// and hashed by [`trigram`], of the number words but the articles followed by
    /// any non-letter, so that the scan turns away most words from one probe (a
    /// collision only costs a lookup of the whole word). The bits of the fourth byte
    /// turn away the words that share three letters with a number word and are
    /// common before or between numbers, `for` and `this` above all (`forty`,
    /// `third`): as candidates they were about a third of the scan's, each a test
    /// or two mispredicted.
    openers: [u64; TRIGRAM_BITS / 64],
    /// A set of the [`prefix`] hashes of the words the scan starts at: the second
    /// probe for the words that pass the first (`for,` shares the low bits of its
    /// fourth byte with `fort`, not the byte).
    prefixes: [u64; PREFIX_BITS / 64],
    /// The number words by their [`phf::caseless`] keys: a lookup is one probe and
    /// one compare.
    table: Box<WordSlots>,
}

/// Slots of [`Lexicon::table`]: some hundred and twenty words, fewer than half of
/// them (a new word past that makes the build fail its test).
type WordSlots = phf::Table<u128, Option<Word>, 256, 64>;

/// What the first byte of a word makes it (see [`Lexicon::first`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum First {
    Digit,
    Opener,
    Other,
}

/// Longest number word (`trillionths`).
const MAX_LEN: usize = 11;

/// Size of the set of hashed trigrams: about a thousand keys (the short words' with
/// every non-letter after them) in 2^17 bits.
const TRIGRAM_BITS: usize = 1 << 17;

/// Size of the set of hashed prefixes: a hundred keys in 2^12 bits.
const PREFIX_BITS: usize = 1 << 12;

/// The hash in `openers` of four bytes (the first lowest): the first three
/// ASCII-lowercased with bit 5 (which turns no other byte into a letter) and the low
/// three bits of the fourth (which case leaves alone), then a multiplicative hash to
/// 17 bits.
#[inline(always)]
fn trigram(bytes: u32) -> usize {
    let folded = bytes & 0x07ff_ffff | 0x0020_2020;
    (folded.wrapping_mul(0x9e37_79b1) >> 15) as usize
}

/// The four bytes at `p` as a number, the first lowest, a space for each past the
/// end: one load where four bytes are left (the scan asks at most words).
#[inline]
fn four_bytes(b: &[u8], p: usize) -> u32 {
    match b.get(p..).and_then(<[u8]>::first_chunk::<4>) {
        Some(&four) => u32::from_le_bytes(four),
        None => u32::from_le_bytes([0, 1, 2, 3].map(|i| b.get(p + i).copied().unwrap_or(b' '))),
    }
}

/// The hash in `prefixes` of the word at `p`: its first four bytes, ASCII-lowercased,
/// with every byte from its first non-letter on cleared (so `one`, `one,` and `one-`
/// are one key, and the end of the text reads as spaces).
#[inline]
fn prefix(b: &[u8], p: usize) -> usize {
    // (One load where four bytes are left: a match on the four bytes reads each.)
    let word = match b.get(p..).and_then(<[u8]>::first_chunk::<4>) {
        Some(&four) => four,
        None => [0, 1, 2, 3].map(|i| b.get(p + i).copied().unwrap_or(b' ')),
    };
    let x = u32::from_le_bytes(word);
    // The high bit of each non-letter; the lowest one marks where the word stops.
    let stops = !(letters(u64::from(x)) as u32) & 0x8080_8080;
    let keep = ((stops & stops.wrapping_neg()) >> 7).wrapping_sub(1);
    let key = (x | 0x2020_2020) & keep;
    (key.wrapping_mul(0x9e37_79b1) >> 20) as usize
}

/// Every first four bytes of `word` followed by a non-letter: the word's own
/// bytes, then a byte that is not a letter, then any byte.
fn trigrams_of(word: &[u8]) -> Vec<[u8; 4]> {
    let choices = |i: usize| -> Vec<u8> {
        match word.get(i) {
            Some(&c) => vec![c],
            None if i == word.len() => (0..=255u8).filter(|c| !c.is_ascii_alphabetic()).collect(),
            None => (0..=255u8).collect(),
        }
    };
    let mut all = Vec::new();
    for &a in &choices(0) {
        for &b in &choices(1) {
            for &c in &choices(2) {
                for &d in &choices(3) {
                    all.push([a, b, c, d]);
                }
            }
        }
    }
    all
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut initials = [0u32; MAX_LEN + 1];
        let mut shapes = [0u16; 26 * 26];
        let mut openers = [0u64; TRIGRAM_BITS / 64];
        let mut prefixes = [0u64; PREFIX_BITS / 64];
        let mut first = [First::Other; 256];
        let mut scales = [0u32; 26];
        for (w, _) in super::numbers::SPACED_MAGNITUDES {
            mark_scale(&mut scales, w.as_bytes());
        }
        for d in b'0'..=b'9' {
            first[usize::from(d)] = First::Digit;
        }
        let keys = WORDS.iter().map(|&(w, class)| (key(w), Some(class)));
        let table = Box::new(WordSlots::new(&keys.collect::<Vec<_>>()));
        for &(w, class) in WORDS {
            let w = w.as_bytes();
            initials[w.len()] |= 1 << (w[0] - b'a');
            if let Some(i) = pair(w) {
                shapes[i] |= 1 << w.len();
            }
            if scales_after_number(class) {
                mark_scale(&mut scales, w);
            }
            // (Denominators too, for the spelled grammar's `may_open`: the scan's
            // second probe turns them away.)
            if class != Word::Article {
                for t in trigrams_of(w)
                    .into_iter()
                    .map(|g| trigram(u32::from_le_bytes(g)))
                {
                    openers[t / 64] |= 1 << (t % 64);
                }
            }
            if starts_scan(class) {
                let h = prefix(w, 0);
                prefixes[h / 64] |= 1 << (h % 64);
                first[usize::from(w[0])] = First::Opener;
                first[usize::from(w[0].to_ascii_uppercase())] = First::Opener;
            }
        }
        Lexicon {
            first,
            scales,
            initials,
            shapes,
            openers,
            prefixes,
            table,
        }
    }

    /// The class of an ASCII word, any case.
    #[inline]
    pub fn classify(&self, word: &[u8]) -> Option<Word> {
        let first = word.first()?.to_ascii_lowercase();
        if !first.is_ascii_lowercase()
            || word.len() > MAX_LEN
            || self.initials[word.len()] & (1 << (first - b'a')) == 0
            || word.len() > 1 && !fits(&self.shapes, word)
        {
            return None;
        }
        self.lookup(word)
    }

    /// The class of an ASCII word, any case, read from the table without the
    /// filters: for words that passed filters of their own.
    #[inline]
    fn lookup(&self, word: &[u8]) -> Option<Word> {
        self.table.get(phf::caseless(word)?)
    }

    /// What the byte `c` makes a word it begins.
    #[inline]
    pub fn first(&self, c: u8) -> First {
        self.first[usize::from(c)]
    }

    /// True when the word at `p` may be a magnitude after a number (`million`,
    /// `Hundred`, `bn`, `k`): false when its first two bytes begin none.
    #[inline]
    pub fn may_scale_at(&self, b: &[u8], p: usize) -> bool {
        let Some(first) = b.get(p).and_then(|&c| letter_index(c)) else {
            return false;
        };
        let second = b.get(p + 1).and_then(|&c| letter_index(c));
        self.scales[usize::from(first)] >> second.unwrap_or(NO_LETTER) & 1 != 0
    }

    /// True when a number word other than an article may start at `p` (not
    /// necessarily all letters): false when its first three bytes and the low bits
    /// of its fourth begin no such word.
    #[inline]
    pub fn may_open(&self, b: &[u8], p: usize) -> bool {
        self.opens_trigram(four_bytes(b, p)) != 0
    }

    /// [`may_open`](Lexicon::may_open) of a word whose first four bytes the caller
    /// has loaded (`bytes`: the first byte lowest, a space for each past the end of
    /// the text), as 1 or 0: the scan ORs it into a mask without a branch.
    #[inline(always)]
    pub fn opens_trigram(&self, bytes: u32) -> u64 {
        let t = trigram(bytes);
        self.openers[t / 64] >> (t % 64) & 1
    }

    /// The second probe after [`may_open`](Lexicon::may_open): false when the first
    /// four letters of the word at `p` (fewer if it is shorter) begin no such word.
    #[inline]
    pub fn may_open_prefix(&self, b: &[u8], p: usize) -> bool {
        let h = prefix(b, p);
        self.prefixes[h / 64] & 1 << (h % 64) != 0
    }

    /// The class of the ASCII word `word` (any case) when the scan starts a number
    /// at it.
    #[inline]
    pub fn opener(&self, word: &[u8]) -> Option<Word> {
        // (The scan's two probes have turned away what the filters would.)
        self.lookup(word).filter(|&w| starts_scan(w))
    }
}

/// The number words the scan starts a number at (lowercase): the entity tokenizer
/// marks them as it reads every word, so that the scan need not read the words again
/// (see [`Scanner::from_tokens`](super::scan::Scanner::from_tokens)).
pub(crate) fn scan_words() -> impl Iterator<Item = &'static str> {
    WORDS.iter().filter(|w| starts_scan(w.1)).map(|w| w.0)
}

/// The bit of [`Lexicon::scales`] for a one-letter word: its second byte, if any,
/// is no letter.
const NO_LETTER: u8 = 26;

/// The position of the ASCII letter `c` in the alphabet, any case; None for any
/// other byte.
#[inline(always)]
fn letter_index(c: u8) -> Option<u8> {
    Some((c | 0x20).wrapping_sub(b'a')).filter(|&i| i < 26)
}

/// Marks the first two letters of the magnitude `w` (lowercase) in `scales`.
fn mark_scale(scales: &mut [u32; 26], w: &[u8]) {
    let second = w.get(1).and_then(|&c| letter_index(c)).unwrap_or(NO_LETTER);
    scales[usize::from(w[0] - b'a')] |= 1 << second;
}

/// True when a number word of class `w` scales the number before it in
/// `numbers::magnitude_words` (`1.2 million`, `322 hundred`, `3 dozens`).
fn scales_after_number(w: Word) -> bool {
    match w {
        Word::Big(_) | Word::Hundred | Word::Dozen => true,
        Word::Many(m) => m == 12.0,
        _ => false,
    }
}

/// The key of the number word `w` in [`Lexicon::table`].
fn key(w: &str) -> u128 {
    phf::caseless(w.as_bytes()).expect("number words are short")
}

/// The index of a word's first two letters, lowercased, in `shapes`;
/// None when the word is shorter or they are not ASCII letters.
#[inline]
fn pair(word: &[u8]) -> Option<usize> {
    let first = word.first()?.to_ascii_lowercase().wrapping_sub(b'a');
    let second = word.get(1)?.to_ascii_lowercase().wrapping_sub(b'a');
    (first < 26 && second < 26).then(|| usize::from(first) * 26 + usize::from(second))
}

/// True when some number word has the first two letters and length of `word`.
#[inline]
fn fits(shapes: &[u16; 26 * 26], word: &[u8]) -> bool {
    pair(word).is_some_and(|i| shapes[i] & 1 << word.len() != 0)
}

/// True when the scan starts a number at `w`: any number word but a fraction's
/// denominator, which never opens one, and an article (one word in fifty is `a`):
/// the scanner looks back for it from the number word that follows (`a dozen`).
fn starts_scan(w: Word) -> bool {
    !matches!(w, Word::Denominators(_) | Word::Article)
}

#[cfg(test)]
mod tests;
