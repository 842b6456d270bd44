//! People, places, organizations and nationalities, with in-story clusters.
//!
//! The stage reads the story as word tokens ([`tokens`]) with the gazetteer hits laid
//! over them ([`known`]). Runs of capitalized words ("chunks") are read piece by piece
//! ([`scan`]): known places, nationalities and organizations, organization and place
//! patterns ([`orgs`]), titles and the names they announce ([`people`]). Chunks with no
//! evidence wait for a second look once the whole story has been read ([`resolve`]),
//! then mentions are grouped into people, places and organizations ([`clusters`]).

mod clusters;
mod fuzzy;
mod kinds;
mod known;
mod lexicon;
mod orgs;
mod people;
mod resolve;
mod scan;
mod tokens;

use std::borrow::Cow;
use std::sync::OnceLock;

use compact_str::CompactString;

use crate::document::{Cluster, Entity, Label, Person, Sentence};
use crate::gazetteer::{Class, Gazetteer};
use crate::pipeline::Context;

use crate::hash::WordMap;
use lexicon::Lexicon;
pub(crate) use tokens::Words;

/// What the entities stage finds. Byte offsets.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entities {
    /// Mentions in text order, ids `e1`, `e2`, ...
    pub entities: Vec<Entity>,
    pub people: Vec<Person>,
    pub places: Vec<Cluster>,
    pub organizations: Vec<Cluster>,
}

/// How sure a mention's label is: rules settle conflicts by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Evidence {
    /// No rule spoke for it: a capitalized run waiting for the second look.
    Unknown,
    /// A default of shape (an acronym, a brand-like word, a bare name-like run).
    Shape,
    /// Context spoke for it (a reporting verb, an age, a name seen elsewhere).
    Context,
    /// A gazetteer entry, a title or a name pattern.
    Strong,
}

/// A mention found by the rules, before ids and clusters. Byte offsets.
///
/// Its text borrows from the story, the gazetteer or the recognizer's tables: most
/// mentions are dropped or merged before output, so strings are owned only when a
/// rule composes one (`Ministry of Foreign Affairs of China`), and copied once, for
/// the mentions that are emitted, by [`clusters::build`].
#[derive(Clone, Debug)]
pub(super) struct Mention<'a> {
    pub start: usize,
    pub end: usize,
    /// Tokens `t0..t1`.
    pub t0: usize,
    pub t1: usize,
    pub label: Label,
    pub evidence: Evidence,
    pub canonical: Cow<'a, str>,
    /// As the output writes it: the entity clones it.
    pub kind: Option<&'static CompactString>,
    /// Borrowed from the gazetteer's entry as the output writes it: the entity
    /// clones it (24 bytes) instead of building it from text.
    pub reference: Option<Cow<'a, CompactString>>,
    pub country: Option<&'a str>,
    /// The title written with a person (`President`, `spokesman`) and where the title
    /// phrase starts (its affiliation is what ends right before it). One field: they
    /// are set together, and a mention is moved often enough for its size to count.
    pub title: Option<(&'a str, usize)>,
    /// Set by the clusters: the person, place or organization this mention is.
    pub cluster: Option<usize>,
    pub variant: bool,
    /// What the second look needs to know about a run with no evidence: its first word
    /// opening the sentence, a title-case headline around it.
    pub initial: bool,
    pub headline: bool,
}

impl<'a> Mention<'a> {
    pub fn new(label: Label, start: usize, end: usize, t0: usize, t1: usize) -> Mention<'a> {
        Mention {
            start,
            end,
            t0,
            t1,
            label,
            evidence: Evidence::Strong,
            canonical: Cow::Borrowed(""),
            kind: None,
            reference: None,
            country: None,
            title: None,
            cluster: None,
            variant: false,
            initial: false,
            headline: false,
        }
    }
}

/// Entity rules, compiled once per pipeline.
#[derive(Debug)]
pub(crate) struct Recognizer {
    lexicon: Lexicon,
    /// Country names by ISO code, read from the pipeline's gazetteer on first use
    /// (a recognizer belongs to one pipeline, hence to one gazetteer).
    countries: OnceLock<Countries>,
    /// Countries and cities by spelling, indexed the first time a dateline place is
    /// misspelled.
    fuzzy: OnceLock<fuzzy::FuzzyPlaces>,
}

impl Recognizer {
    pub fn new() -> Recognizer {
        Recognizer {
            lexicon: Lexicon::new(),
            countries: OnceLock::new(),
            fuzzy: OnceLock::new(),
        }
    }

    /// The word tokens of the story's `sentences`, with the words of the tokenizer's
    /// fast path noted for the matching pass of `gaz`, which runs after this and
    /// before [`Recognizer::extract`] (see [`StoryTokens::scanned`]).
    pub fn tokenize(&self, text: &str, sentences: &[Sentence], gaz: &Gazetteer) -> StoryTokens {
        StoryTokens(tokens::read(text, sentences, &self.lexicon, gaz))
    }

    /// The entities of the story, whose tokens [`Recognizer::tokenize`] gave, and its
    /// word tokens, which the quotes stage reads.
    pub fn extract(&self, cx: &Context<'_>, toks: StoryTokens) -> (Entities, Words) {
        let toks = toks.0;
        let story = story_country(cx);
        let pieces = known::annotate(cx.gazetteer, cx.text, cx.hits, &toks, story.as_deref());
        let mut scan = scan::Scan::new(
            cx.text,
            &toks,
            &pieces,
            &self.lexicon,
            self.countries.get_or_init(|| countries(cx.gazetteer)),
            cx.gazetteer,
        );
        let fuzzy = || {
            self.fuzzy
                .get_or_init(|| fuzzy::FuzzyPlaces::new(cx.gazetteer))
        };
        scan.dateline(cx.layout.dateline.as_ref(), fuzzy);
        scan.run();
        let mut mentions = scan.finish();
        resolve::second_look(&mut mentions, cx.text, &toks, &self.lexicon);
        resolve::teams(&mut mentions, cx.text, &toks);
        resolve::one_label_per_span(&mut mentions);
        let found = clusters::build(mentions, cx.text, &toks);
        (found, Words::new(toks, cx.sentences))
    }
}

/// A story's word tokens between [`Recognizer::tokenize`] and [`Recognizer::extract`].
#[derive(Debug)]
pub(crate) struct StoryTokens(tokens::Tokens);

impl StoryTokens {
    /// The words noted for the gazetteer's matching pass
    /// ([`Gazetteer::find_scanned`]).
    pub(crate) fn scanned(&self) -> &crate::gazetteer::Scanned {
        self.0.scanned()
    }
}

/// A country as the rules name it, by its ISO code.
#[derive(Debug)]
pub(super) struct Country {
    /// The name of the code's first country entry (`Ukraine`).
    pub name: String,
    /// The code's reference (`iso:UA`), made once here: every nationality mention
    /// borrows it, where each built a string of its own.
    pub iso: CompactString,
}

/// Countries by ISO code: the first country entry of each code. Asked for every
/// nationality mention, and most codes are two capitals (`UA`): those index a table,
/// where a hash of the code and a compare of strings cost ten times as much.
#[derive(Debug, Default)]
pub(super) struct Countries {
    /// The countries, in the order of the entries.
    list: Vec<Country>,
    /// For each code of two ASCII capitals (`AA` is 0, `AB` 1, ... `ZZ` 675), its
    /// index in `list` plus one; 0 for none. Empty until a code is added.
    letters: Vec<u32>,
    /// The index in `list` of every code, two capitals or not.
    by_code: WordMap<String, usize>,
}

impl Countries {
    /// The country of `code`.
    #[inline]
    pub fn get(&self, code: &str) -> Option<&Country> {
        let at = match two_capitals(code) {
            Some(slot) => self
                .letters
                .get(slot)
                .and_then(|&i| (i as usize).checked_sub(1)),
            None => self.other_code(code),
        };
        at.and_then(|i| self.list.get(i))
    }

    /// The index in `list` of a code that is not two capitals. Out of line: the
    /// callers of [`Countries::get`] stay small.
    #[inline(never)]
    fn other_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// Adds the country `make` gives `code`, unless `code` has one already.
    fn add(&mut self, code: &str, make: impl FnOnce() -> Country) {
        if self.by_code.contains_key(code) {
            return;
        }
        let i = self.list.len();
        self.list.push(make());
        self.by_code.insert(code.to_owned(), i);
        if let Some(slot) = two_capitals(code) {
            self.letters.resize(26 * 26, 0);
            self.letters[slot] = i as u32 + 1;
        }
    }

    /// Every code with its country.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&str, &Country)> {
        self.by_code
            .iter()
            .map(|(code, &i)| (code.as_str(), &self.list[i]))
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.list.len()
    }
}

/// The slot of a code of two ASCII capitals in [`Countries::letters`].
#[inline]
fn two_capitals(code: &str) -> Option<usize> {
    match *code.as_bytes() {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
        }
        _ => None,
    }
}

/// A country code as the output writes it: one of two capitals (every code the
/// embedded gazetteer has) cloned from [`TWO_CAPITALS`], a copy of 24 bytes, where
/// one built from the code tested its length.
#[inline(always)]
fn country_string(code: &str) -> CompactString {
    match two_capitals(code) {
        Some(slot) => TWO_CAPITALS[slot].clone(),
        None => CompactString::new(code),
    }
}

/// Every code of two ASCII capitals as a string, by its [`two_capitals`] slot.
static TWO_CAPITALS: [CompactString; 26 * 26] = {
    const N: usize = 26 * 26;
    const LETTERS: &[u8; 2 * N] = &{
        let mut b = [0; 2 * N];
        let mut i = 0;
        while i < N {
            b[2 * i] = b'A' + (i / 26) as u8;
            b[2 * i + 1] = b'A' + (i % 26) as u8;
            i += 1;
        }
        b
    };
    let mut codes = [const { CompactString::const_new("") }; N];
    let mut i = 0;
    while i < N {
        let code = LETTERS.split_at(2 * i).1.split_at(2).0;
        let Ok(code) = std::str::from_utf8(code) else {
            panic!("capitals are ASCII");
        };
        // Replaced and forgotten, not assigned: a constant may not drop the empty
        // string (which holds nothing).
        std::mem::forget(std::mem::replace(
            &mut codes[i],
            CompactString::const_new(code),
        ));
        i += 1;
    }
    codes
};

/// The [`Countries`] of a gazetteer.
fn countries(gaz: &Gazetteer) -> Countries {
    let mut countries = Countries::default();
    for id in 0..gaz.len() {
        let e = gaz.entry(id as u32);
        if e.class == Class::Country {
            if let Some(cc) = known::country_code(e) {
                countries.add(cc, || Country {
                    name: e.canonical.as_str().to_owned(),
                    iso: crate::gazetteer::iso(cc).into(),
                });
            }
        }
    }
    countries
}

/// The country of the dateline's place, which decides between same-named places.
fn story_country(cx: &Context<'_>) -> Option<String> {
    let place = cx.layout.dateline.as_ref()?.place.as_ref()?;
    let e = cx
        .gazetteer
        .lookup(&place.text)
        .find(|e| e.class.is_place())?;
    e.country().map(str::to_string)
}

#[cfg(test)]
mod tests;
