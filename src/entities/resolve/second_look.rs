//! The second look: runs the first reading left open take a reading seen elsewhere in
//! the story, a known person's name, or the default of their shape.

use std::borrow::Cow;

use crate::document::Label;
use crate::entities::lexicon::{Lexicon, WordMap, WordSet};
use crate::entities::tokens::{Shape, Tok};
use crate::entities::{Evidence, Mention};

/// What a run with no evidence becomes, by its shape, when nothing else in the story
/// names it. `None` drops it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shaped {
    /// `NASA`, `UAAR`: an acronym.
    Acronym,
    /// `TikTok`: a capital inside a word.
    Brand,
    /// One capitalized word inside a sentence, seen once.
    Single,
    /// One capitalized word the story keeps using (`Scientology`): a name, and one
    /// that never got a first name, so rather an organization than a person.
    Recurring,
    /// Two or three capitalized words shaped like a personal name, whose last word the
    /// story also uses alone (`Lukaku` after `Romelu Lukaku`).
    NameLike,
    /// Other runs of several capitalized words.
    Multi,
}

const DEFAULTS: &[(Shaped, Option<Label>)] = &[
    (Shaped::Acronym, Some(Label::Org)),
    (Shaped::Brand, Some(Label::Org)),
    (Shaped::Single, None),
    (Shaped::Recurring, Some(Label::Org)),
    (Shaped::NameLike, Some(Label::Person)),
    (Shaped::Multi, None),
];

/// What the shape defaults read about the whole story.
struct StoryFacts<'t> {
    /// How often each word stands alone as a capitalized run of its own.
    alone: WordMap<&'t str, usize>,
    /// Acronyms also written with a plural `s`.
    plurals: WordSet<&'t str>,
    /// Open one-word runs also written in lowercase, as written in lowercase.
    lowered: Words<'t>,
}

/// A set of words with a bit per word's [`sketch`]: most words asked about find their
/// bit clear and are neither lowercased nor hashed.
#[derive(Default)]
struct Words<'t> {
    words: WordSet<&'t str>,
    sketches: Sketches,
}

impl<'t> Words<'t> {
    fn with_capacity(n: usize) -> Words<'t> {
        Words {
            words: WordSet::with_capacity_and_hasher(n, Default::default()),
            sketches: Sketches::default(),
        }
    }

    fn insert(&mut self, w: &'t str) {
        self.sketches.add(w.as_bytes());
        self.words.insert(w);
    }

    fn contains(&self, w: &str) -> bool {
        self.sketches.may_hold(w.as_bytes()) && self.words.contains(w)
    }

    /// True when the set holds `w` lowercased.
    fn contains_lowercased(&self, w: &str) -> bool {
        // ASCII lowercasing keeps a word's sketch (it changes bit 5 of a letter, and
        // the sketch reads the five bits below); other words take the full test.
        if w.is_ascii() && !self.sketches.may_hold(w.as_bytes()) {
            return false;
        }
        contains_lowercased(&self.words, w)
    }
}

/// A bit per [`sketch`] value of a set of words: a clear bit rules a word out.
#[derive(Clone)]
struct Sketches([u64; SKETCH_BITS / 64]);

impl Default for Sketches {
    fn default() -> Sketches {
        Sketches([0; SKETCH_BITS / 64])
    }
}

impl Sketches {
    fn add(&mut self, w: &[u8]) {
        let h = sketch(w);
        self.0[h / 64] |= 1 << (h % 64);
    }

    fn may_hold(&self, w: &[u8]) -> bool {
        let h = sketch(w);
        self.0[h / 64] & 1 << (h % 64) != 0
    }
}

/// The shape class of an open run.
fn shape_of(
    m: &Mention<'_>,
    s: &str,
    words: &[Tok],
    text: &str,
    lex: &Lexicon,
    facts: &StoryFacts<'_>,
) -> Option<Shaped> {
    let StoryFacts {
        alone,
        plurals,
        lowered,
    } = facts;
    let word = |t: &Tok| &text[t.start..t.end];
    if words.len() == 1 {
        let w = s;
        // Letters are counted for words in capitals only: the rest are no acronym.
        let letters = || w.chars().filter(|c| c.is_alphabetic()).count();
        return match words[0].shape {
            Shape::Upper
                if !lex.is_common_acronym(w)
                    && (2..=6).contains(&letters())
                    && letters() == w.chars().filter(|c| c.is_alphanumeric()).count()
                    && !plurals.contains(w) =>
            {
                Some(Shaped::Acronym)
            }
            Shape::Camel if !NAME_PREFIXES.iter().any(|p| w.starts_with(p)) => Some(Shaped::Brand),
            _ if !lowered.words.is_empty() && lowered.contains_lowercased(w) => None,
            Shape::Title if alone.get(w).copied().unwrap_or(0) >= 3 => Some(Shaped::Recurring),
            Shape::Title if !m.initial => Some(Shaped::Single),
            _ => None,
        };
    }
    // The story's use of the last word alone decides first: it is one lookup, and the
    // shape of the words is read only for the runs it leaves in play.
    let last_alone = words.last().is_some_and(|t| alone.contains_key(word(t)));
    let name_like = || {
        (2..=3).contains(&words.len())
            && words.iter().all(|t| {
                t.shape == Shape::Title
                    && word(t)
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                    && !lex.is_org_head(word(t))
                    && !lex.is_place_head(word(t))
            })
    };
    if last_alone && name_like() {
        Some(Shaped::NameLike)
    } else {
        Some(Shaped::Multi)
    }
}

/// Prefixes of surnames written with an inner capital (`McDonald`, `DeSantis`).
const NAME_PREFIXES: &[&str] = &[
    "Mc", "Mac", "O'", "O’", "De", "Di", "Da", "La", "Le", "Van", "Von",
];

/// Settles the runs the first reading left open: a run written elsewhere in the story
/// with evidence takes that reading; a run made of a known person's name words is that
/// person; the rest get the default of their shape, or are dropped.
pub(in crate::entities) fn second_look(
    mentions: &mut Vec<Mention<'_>>,
    text: &str,
    toks: &[Tok],
    lex: &Lexicon,
) {
    // Sized for the story up front: growing a table rehashes every key in it.
    let n = mentions.len();
    let Asked {
        open,
        alone_words,
        name_words: named,
        unknown,
    } = asked_about(mentions, text, toks);
    let mut seen: WordMap<&str, (Label, Cow<'_, str>)> = WordMap::default();
    // Most open runs were written nowhere with evidence: their bit here is clear.
    let mut seen_sketches = Sketches::default();
    let mut name_words = Words::with_capacity(n);
    for m in mentions.iter().filter(|m| m.evidence >= Evidence::Context) {
        let s = &text[m.start..m.end];
        if matches!(m.label, Label::Person | Label::Org | Label::Place)
            && open.may_hold(s.as_bytes())
        {
            seen.entry(s)
                .or_insert_with(|| (m.label, m.canonical.clone()));
            seen_sketches.add(s.as_bytes());
        }
        if m.label == Label::Person {
            for t in &toks[m.t0..m.t1] {
                let w = &text[t.start..t.end];
                let asked = named.may_hold(w.as_bytes());
                if asked && w.chars().nth(1).is_some() && !lex.is_particle(w) {
                    name_words.insert(w);
                }
            }
        }
    }
    let plurals = plural_acronyms(text, toks);
    let lowered = written_lowercase(mentions, text, toks);
    // How often each word stands alone as a capitalized run of its own.
    let mut alone: WordMap<&str, usize> =
        WordMap::with_capacity_and_hasher(unknown, Default::default());
    for m in mentions.iter().filter(|m| m.t1 == m.t0 + 1) {
        let s = &text[m.start..m.end];
        if alone_words.may_hold(s.as_bytes()) {
            *alone.entry(s).or_insert(0) += 1;
        }
    }
    let facts = StoryFacts {
        alone,
        plurals,
        lowered,
    };
    // The runs settled here that are dropped are only marked: one compaction, at the
    // end, removes them with the runs the late names leave open (each compaction
    // moves every mention after the first it drops).
    let kept: Vec<bool> = mentions
        .iter_mut()
        .map(|m| {
            // A weak place written as a word of a person's name is that person (`Montalvo`).
            if m.label == Label::Place && m.evidence == Evidence::Context {
                let words = &toks[m.t0..m.t1];
                if words
                    .iter()
                    .all(|t| name_words.contains(&text[t.start..t.end]))
                {
                    m.label = Label::Person;
                    m.kind = None;
                    m.reference = None;
                    m.country = None;
                }
                return true;
            }
            if m.evidence > Evidence::Unknown {
                return true;
            }
            let s = &text[m.start..m.end];
            let seen = seen_sketches.may_hold(s.as_bytes()).then(|| seen.get(s));
            if let Some((label, canonical)) = seen.flatten() {
                m.label = *label;
                m.canonical = canonical.clone();
                m.evidence = Evidence::Context;
                return true;
            }
            let words = &toks[m.t0..m.t1];
            if words
                .iter()
                .all(|t| name_words.contains(&text[t.start..t.end]))
            {
                m.label = Label::Person;
                m.evidence = Evidence::Context;
                return true;
            }
            if m.headline {
                return false;
            }
            let shaped = shape_of(m, s, words, text, lex, &facts);
            let label = shaped.and_then(|s| DEFAULTS.iter().find(|(k, _)| *k == s)?.1);
            match label {
                Some(l) => {
                    m.label = l;
                    m.evidence = Evidence::Shape;
                    if l == Label::Org {
                        m.kind = Some("org");
                    }
                    true
                }
                // A lone word may still be the surname of a name settled above.
                None => shaped == Some(Shaped::Single),
            }
        })
        .collect();
    let late_names: WordSet<&str> = mentions
        .iter()
        .filter(|m| m.label == Label::Person && m.evidence == Evidence::Shape)
        .flat_map(|m| toks[m.t0..m.t1].iter().map(|t| &text[t.start..t.end]))
        .collect();
    // A dropped run has no evidence: it never names a late person above.
    let mut i = 0;
    mentions.retain_mut(|m| {
        i += 1;
        if !kept[i - 1] {
            return false;
        }
        if m.evidence > Evidence::Unknown {
            return true;
        }
        let known = late_names.contains(&text[m.start..m.end]);
        if known {
            m.label = Label::Person;
            m.evidence = Evidence::Context;
        }
        known
    });
}

/// What the second look will ask about, as sketch bits: the story's tables keep only
/// words whose bit is set (a few others do no harm), not every word they could hold.
struct Asked {
    /// The spans of open runs: only they read `seen`.
    open: Sketches,
    /// The words `alone` is asked about: a one-word open run, the last word of a
    /// longer one.
    alone_words: Sketches,
    /// The words `name_words` is asked about: those of open runs and of weak places.
    name_words: Sketches,
    /// How many runs are open.
    unknown: usize,
}

fn asked_about(mentions: &[Mention<'_>], text: &str, toks: &[Tok]) -> Asked {
    let mut asked = Asked {
        open: Sketches::default(),
        alone_words: Sketches::default(),
        name_words: Sketches::default(),
        unknown: 0,
    };
    for m in mentions {
        let words = &toks[m.t0..m.t1];
        if m.evidence == Evidence::Unknown {
            let s = &text[m.start..m.end];
            asked.open.add(s.as_bytes());
            asked.unknown += 1;
            let last = match words {
                [_] | [] => s,
                [.., t] => &text[t.start..t.end],
            };
            asked.alone_words.add(last.as_bytes());
        } else if !(m.label == Label::Place && m.evidence == Evidence::Context) {
            continue;
        }
        for t in words {
            asked.name_words.add(&text.as_bytes()[t.start..t.end]);
        }
    }
    asked
}

/// The open one-word runs that the story also writes in lowercase (`Iodine` at a
/// sentence start, `iodine` elsewhere): common words, not names. One pass over the
/// lowercase tokens, hashing only those as long as some candidate.
fn written_lowercase<'t>(mentions: &[Mention<'_>], text: &'t str, toks: &[Tok]) -> Words<'t> {
    // The candidates lowercased, end to end in one string: one allocation, not one
    // per candidate.
    let mut lowered = String::new();
    let mut ends = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.evidence == Evidence::Unknown && m.t1 == m.t0 + 1)
    {
        push_lowercased(&mut lowered, &text[m.start..m.end]);
        ends.push(lowered.len());
    }
    let starts = std::iter::once(0).chain(ends.iter().copied());
    let candidates: WordSet<&str> = starts
        .zip(ends.iter().copied())
        .map(|(a, b)| &lowered[a..b])
        .collect();
    if candidates.is_empty() {
        return Words::default();
    }
    // A bit per candidate's [`sketch`]: nearly every lowercase token finds its bit
    // clear and is never hashed.
    let mut sketches = Sketches::default();
    for c in &candidates {
        sketches.add(c.as_bytes());
    }
    // A bit per candidate's length (longer ones share the last): read from the token,
    // not the text, it rules out many words before their bytes are loaded.
    let lengths = candidates
        .iter()
        .fold(0u64, |bits, c| bits | 1 << c.len().min(63));
    let mut found = Words::default();
    for t in toks.iter().filter(|t| t.shape == Shape::Lower) {
        if lengths >> (t.end - t.start).min(63) & 1 == 0
            || !sketches.may_hold(&text.as_bytes()[t.start..t.end])
        {
            continue;
        }
        let w = &text[t.start..t.end];
        if candidates.contains(w) {
            found.insert(w);
        }
    }
    found
}

/// Appends `w` lowercased, as [`str::to_lowercase`] would, with no new string for an
/// ASCII word (nearly all of them).
fn push_lowercased(out: &mut String, w: &str) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&w.to_lowercase());
    }
}

/// True when `set` holds `w` lowercased: a short ASCII word is lowercased on the
/// stack, not into a new string.
fn contains_lowercased(set: &WordSet<&str>, w: &str) -> bool {
    let mut buf = [0u8; 32];
    match buf.get_mut(..w.len()) {
        Some(b) if w.is_ascii() => {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).is_ok_and(|l| set.contains(l))
        }
        _ => set.contains(w.to_lowercase().as_str()),
    }
}

/// Bits of the [`sketch`] table: a few dozen candidates leave nearly all of them clear.
const SKETCH_BITS: usize = 4096;

/// A cheap fingerprint of a word, below [`SKETCH_BITS`]: five bits of its first
/// byte, five of its last and two of its length.
fn sketch(w: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return 0;
    };
    usize::from(first & 31) << 7 | usize::from(last & 31) << 2 | w.len() & 3
}

/// Acronyms the story also writes with a plural `s` (`POWs`): an acronym that takes
/// a plural is a common noun.
fn plural_acronyms<'t>(text: &'t str, toks: &[Tok]) -> WordSet<&'t str> {
    toks.iter()
        // A word that opens with a capital has a capitalized shape: lowercase words
        // and numbers, most of the story, are passed over on their shape.
        .filter(|t| t.shape.capitalized())
        .filter_map(|t| {
            // Bytes first: nearly every token fails on its first or last byte.
            let w = &text.as_bytes()[t.start..t.end];
            let [first, .., b's'] = w else { return None };
            let stem = &w[..w.len() - 1];
            (first.is_ascii_uppercase()
                && stem.len() >= 2
                && stem.iter().all(u8::is_ascii_uppercase))
            .then(|| &text[t.start..t.end - 1])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sketch_test_agrees_with_the_set() {
        let mut lowered = Words::default();
        for w in ["iodine", "trust", "a", "über", "x-ray"] {
            lowered.insert(w);
        }
        let asked = [
            "Iodine", "IODINE", "Trust", "TRUST", "A", "Über", "X-Ray", "X-ray", "Iodines",
            "Trusts", "B", "Tru", "Ukraine", "", "É", "ÜBER",
        ];
        for w in asked {
            assert_eq!(
                lowered.contains_lowercased(w),
                contains_lowercased(&lowered.words, w),
                "{w:?}"
            );
        }
        for w in asked
            .iter()
            .chain(&["iodine", "trust", "a", "über", "x-ray", "iodin"])
        {
            assert_eq!(lowered.contains(w), lowered.words.contains(w), "{w:?}");
        }
        assert!(lowered.contains_lowercased("IODINE"));
        assert!(!lowered.contains_lowercased("Iodines"));
    }
}
