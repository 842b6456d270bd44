//! Known names, found in one pass.
//!
//! Every gazetteer file is a TSV with the header `id canonical alias type extra source`:
//! one row per surface form (`alias`) of an entry (`id`, `canonical`). The `type` column
//! decides the entry's [`Class`] (see [`TYPES`]); `extra` holds `key=value;key=value`
//! attributes (`cc=UA`, `pop=2797553`, `shared_with=BYN`, `common=1`). Attributes written
//! on an entry's canonical row hold for all its alias rows (see [`Entry::attr`]).
//!
//! # Matching
//! One left-to-right pass over the tokens of the text (see [`tokens`] for what a token
//! is). Every alias, and every token prefix of a multi-token alias ("New", "New York"
//! of "New York City"), is a key of one ASCII-case-folded hash index. At each token the
//! pass looks the token up, then walks on one token at a time while the span is a
//! prefix of some longer alias (a trie of tokens, kept in the hash); of the spans that
//! are aliases, the longest that passes the case rules wins (leftmost-longest), and
//! the pass goes on after it. A token that does not start with a capital looks only
//! in a small table of the keys such text can reach (verbs, roles, units, symbols),
//! which stays in cache.
//!
//! This replaced one Aho-Corasick automaton over all aliases, measured on this machine
//! with 174k GeoNames place aliases: 0.5 s to build (1.1 s ASCII case-insensitive)
//! against a 150 ms budget for the whole pipeline, and 44 MB/s to search news text
//! case-insensitively, because every short place name ("Ede", "Bar") fired inside
//! ordinary words and had to be thrown away. Token-anchored lookups cannot fire inside
//! a word at all, build in one hash insert per alias, and treat given names, surnames
//! and places alike: names need no separate lookup.
//!
//! # Case rules ([`matcher`])
//! - An alias with capitals matches as written ("Kyiv"), or in capitals ("KYIV") in
//!   a dateline or an all-caps headline.
//! - A lowercase alias (a verb, a role, a currency unit) matches lowercase, capitalized
//!   ("Said") or in capitals; a legal form ("ag", "as") only capitalized or in capitals.
//! - An alias without letters (`$`, `€`) matches as written.
//! - The per-type exceptions are the table [`matcher::case::CASE_RULES`].
//! - A `common=1` alias (Bath, Split, Along: places that are also English words) needs
//!   support in the text, by class: see [`matcher::case::COMMON_SUPPORT`].
//!
//! # Ambiguity
//! An alias often names several entries (Donetsk the city and the oblast, Georgia the
//! country and the US state). [`Gazetteer::candidates`] gives all of them;
//! [`Gazetteer::resolve`] picks one by the rule documented in [`resolve`].

// The API serves the entity, quote and quantity stages, built in parallel.
#![allow(dead_code)]

mod context;
mod currency;
pub(crate) use currency::{unit_of, Currency, Unit};
mod facts;
pub(crate) use facts::Gender;
mod fused;
pub(crate) use fused::{risky_gaps, Scanned};
mod index;

pub(crate) use index::fold_hash;
mod load;
mod matcher;
mod nations;
mod prepare;
mod reference;
pub(crate) use reference::iso;
mod resolve;
mod text;
pub(crate) use text::Str;
mod types;
pub(crate) use types::TYPES;
use types::TYPE_NAMES;
mod tokens;
mod tsv;
mod words;

use compact_str::CompactString;

use crate::Error;

use index::NONE;
use load::Loader;

/// What kind of thing an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Country,
    Nationality,
    Subdivision,
    City,
    Region,
    Org,
    LegalForm,
    Title,
    GivenName,
    Surname,
    ReportingVerb,
    Currency,
}

impl Class {
    /// True for the classes that name places.
    pub fn is_place(self) -> bool {
        matches!(
            self,
            Class::Country | Class::Subdivision | Class::City | Class::Region
        )
    }
}

/// A set of [`Class`]es, e.g. every class a hit may name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct ClassSet(u16);

impl ClassSet {
    pub fn with(self, class: Class) -> ClassSet {
        ClassSet(self.0 | 1 << class as u16)
    }

    pub fn contains(self, class: Class) -> bool {
        self.0 & 1 << class as u16 != 0
    }

    pub fn union(self, other: ClassSet) -> ClassSet {
        ClassSet(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True when some class of the set names a place.
    pub fn any_place(self) -> bool {
        [
            Class::Country,
            Class::Subdivision,
            Class::City,
            Class::Region,
        ]
        .into_iter()
        .any(|c| self.contains(c))
    }
}

/// The gazetteer files compiled into the binary.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../gazetteers/countries.tsv"),
    ),
    (
        "demonyms.tsv",
        include_str!("../../gazetteers/demonyms.tsv"),
    ),
    (
        "subdivisions.tsv",
        include_str!("../../gazetteers/subdivisions.tsv"),
    ),
    ("places.tsv", include_str!("../../gazetteers/places.tsv")),
    ("regions.tsv", include_str!("../../gazetteers/regions.tsv")),
    ("orgs.tsv", include_str!("../../gazetteers/orgs.tsv")),
    (
        "companies.tsv",
        include_str!("../../gazetteers/companies.tsv"),
    ),
    (
        "legal_forms.tsv",
        include_str!("../../gazetteers/legal_forms.tsv"),
    ),
    ("titles.tsv", include_str!("../../gazetteers/titles.tsv")),
    (
        "given_names.tsv",
        include_str!("../../gazetteers/given_names.tsv"),
    ),
    (
        "surnames.tsv",
        include_str!("../../gazetteers/surnames.tsv"),
    ),
    (
        "reporting_verbs.tsv",
        include_str!("../../gazetteers/reporting_verbs.tsv"),
    ),
    (
        "currencies.tsv",
        include_str!("../../gazetteers/currencies.tsv"),
    ),
];

/// One entry of a gazetteer, as one alias row describes it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub class: Class,
    /// The TSV `type` column (`capital`, `demonym_adj`, `VBD`, `currency_unit`, ...).
    pub kind: &'static str,
    /// The index of `kind` in [`TYPES`] (see [`Entry::kind_string`]).
    type_at: u8,
    pub id: Str,
    pub canonical: Str,
    /// This row's own `key=value;key=value` attributes.
    pub extra: Str,
    /// The attributes of the entry's canonical row, which alias rows inherit.
    inherited: Str,
    /// `common=1`, parsed once.
    common: bool,
    /// The attributes stories read most, parsed once (see [`facts`]).
    facts: facts::Facts,
    /// [`Entry::reference`], built on first use.
    reference: reference::Cached,
    /// The index of a currency row's facts in [`Gazetteer::currencies`]; [`NONE`]
    /// for other rows.
    currency: u32,
}

/// Attributes that describe one alias, not the entry: an alias row never inherits them.
const ALIAS_ATTRS: &[&str] = &["common", "generated", "shared_with"];

impl Entry {
    /// The value of attribute `key`: from this row's `extra`, else (unless the key
    /// describes an alias, see [`ALIAS_ATTRS`]) from the entry's canonical row.
    pub fn attr(&self, key: &str) -> Option<&str> {
        find_attr(&self.extra, key).or_else(|| {
            if ALIAS_ATTRS.contains(&key) {
                None
            } else {
                find_attr(&self.inherited, key)
            }
        })
    }

    /// The attributes of the entry's canonical row, which [`attr`](Entry::attr) reads
    /// after the row's own `extra` (for the keys an alias row inherits).
    pub fn inherited_attrs(&self) -> &str {
        self.inherited.as_str()
    }

    /// [`kind`](Entry::kind) as the string the output keeps.
    pub fn kind_string(&self) -> &'static CompactString {
        &TYPE_NAMES[usize::from(self.type_at)]
    }

    /// True when the alias is also a common English word (`common=1`).
    pub fn is_common(&self) -> bool {
        self.common
    }

    /// The ISO 3166-1 alpha-2 country the entry belongs to: `cc=`, or the id of a
    /// country entry.
    pub fn country(&self) -> Option<&str> {
        self.cc()
            .or_else(|| (self.class == Class::Country).then_some(self.id.as_str()))
    }
}

/// The value of `key` in `k=v;k=v` attributes.
///
/// The entity rules ask for attributes of every gazetteer reading, so this compares
/// bytes in place: a field matches when it starts with `key=` (a key with `=` in it
/// names no field, as each field's key ends at its first `=`).
fn find_attr<'a>(extra: &'a str, key: &str) -> Option<&'a str> {
    let (bytes, k) = (extra.as_bytes(), key.as_bytes());
    if k.contains(&b'=') {
        return None;
    }
    let mut start = 0;
    while start <= bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b';')
            .map_or(bytes.len(), |i| start + i);
        let field = &bytes[start..end];
        if field.len() > k.len() && field.starts_with(k) && field[k.len()] == b'=' {
            return Some(&extra[start + k.len() + 1..end]);
        }
        start = end + 1;
    }
    None
}

/// Index of an entry in [`Gazetteer::entry`].
pub(crate) type EntryId = u32;

/// A gazetteer match in the text: a byte range, the classes its entries belong to, and
/// what [`Gazetteer::candidates`] needs to list them without looking at the text again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    /// Every class some candidate of this hit belongs to.
    pub classes: ClassSet,
    /// The folded index key that matched.
    key: u32,
    /// Bit `i`: the `i`-th surface of the key matched as written (byte for byte).
    exact: u32,
    /// [`matcher::shape`] bits of the matched text.
    shape: u8,
    /// [`matcher::Support`] bits that hold at this position.
    support: u8,
    /// Some row of the key is `common=1` (see [`Hit::may_be_common`]).
    may_be_common: bool,
}

impl Hit {
    /// False when no candidate of the hit is a common word (`common=1`): then the
    /// classes tell all a caller that reads only classes and commonness needs,
    /// without reading the candidates. True when one may be.
    pub fn may_be_common(&self) -> bool {
        self.may_be_common
    }
}

/// One distinct alias as written, and the rows that carry it.
#[derive(Clone, Debug)]
struct Surface {
    alias: Str,
    /// First and last of the surface's rows, in [`Gazetteer::rows`].
    first_row: u32,
    last_row: u32,
    /// The next surface folding to the same key.
    next: u32,
    /// [`matcher::AliasCase`] of the alias.
    case: matcher::AliasCase,
    /// [`matcher::shape`] bits of the alias itself, to tell an exact match without
    /// comparing bytes.
    shape: u8,
    /// Every class of the surface's rows.
    classes: ClassSet,
    /// The case rule all the surface's rows share, when they share one and none is
    /// `common=1`: a hit is then decided without reading the rows.
    uniform: Option<matcher::CaseRule>,
    /// The [`matcher::Support`] bits its `common=1` rows need.
    support_wanted: u8,
}

/// One alias row: the entry it describes and the next row of the same surface, with
/// what matching checks copied from the entry, so that a hit does not read entries.
/// Consecutive rows of one entry with the same attributes share the entry.
#[derive(Clone, Copy, Debug)]
struct Row {
    entry: EntryId,
    next: u32,
    class: Class,
    common: bool,
    rule: matcher::CaseRule,
}

/// All known names, compiled for matching.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    entries: Vec<Entry>,
    rows: Vec<Row>,
    surfaces: Vec<Surface>,
    index: index::FoldIndex,
    /// The surfaces of the one class [`Gazetteer::aliases_of`] is asked for
    /// ([`LISTED`]), in surface order: a few hundred of some hundred thousand.
    listed: Vec<u32>,
    /// The aliases of nationalities and countries, as a filter ([`Gazetteer::nation`]).
    nations: nations::Nations,
    /// Every key's candidates for lowercase and capitalized text.
    readings: matcher::Readings,
    /// The facts of every currency row ([`Entry::currency`](Entry)).
    currencies: Vec<Currency>,
}

/// The class whose aliases [`Gazetteer::aliases_of`] lists without a walk over every
/// surface: a stage builds its filter of currency words from them once per pipeline.
pub(crate) const LISTED: Class = Class::Currency;

impl Gazetteer {
    /// Builds the gazetteer from the embedded files plus `extra` (name, TSV contents),
    /// on this thread.
    pub fn build(extra: &[(String, String)]) -> Result<Gazetteer, Error> {
        Ok(Gazetteer::build_beside(extra, 1, || ())?.0)
    }

    /// [`Gazetteer::build`] on up to `threads` threads (two at most help), and `beside`
    /// run on the second one once it is free (on this one without a second): the
    /// gazetteer comes out the same on any number.
    pub fn build_beside<T: Send>(
        extra: &[(String, String)],
        threads: usize,
        beside: impl FnOnce() -> T + Send,
    ) -> Result<(Gazetteer, T), Error> {
        let mut loader = Loader::with_capacity(EMBEDDED.iter().map(|(_, t)| t.len()).sum());
        let value = if threads > 1 {
            prepare::prepare_beside(EMBEDDED, beside, |name, chunk| {
                loader.insert(name, chunk, false, &Str::from)
            })?
        } else {
            for (name, text) in EMBEDDED {
                loader.load_static(name, text)?;
            }
            beside()
        };
        for (name, text) in extra {
            loader.load_owned(name, text)?;
        }
        Ok((loader.finish_on(threads), value))
    }

    /// The entries a hit may name (several when the alias is ambiguous), each passing
    /// the hit's case and support rules.
    pub fn candidates<'g>(&'g self, hit: &Hit) -> impl Iterator<Item = &'g Entry> + 'g {
        let hit = *hit;
        self.surfaces_of(hit.key)
            .enumerate()
            .flat_map(move |(i, s)| {
                let exact = i < 32 && hit.exact & (1 << i) != 0;
                self.rows_of(s)
                    .filter(move |&r| self.accepts(r, s, exact, hit.shape, hit.support))
            })
            .map(|r| &self.entries[r.entry as usize])
    }

    /// Calls `f` with each entry of [`candidates`], in the same order, in plain loops:
    /// the entity stage reads every hit's candidates, and the iterator's flattening
    /// costs more than the reading. A surface whose rows share one case rule (none
    /// `common=1`) is decided once for all its rows.
    ///
    /// [`candidates`]: Gazetteer::candidates
    pub fn for_each_candidate<'g>(&'g self, hit: &Hit, mut f: impl FnMut(&'g Entry)) {
        // Most hits are lowercase or capitalized text, whose candidates are listed.
        if let Some(listed) = self.listed_candidates(hit) {
            for e in listed {
                f(&self.entries[e as usize]);
            }
            return;
        }
        let mut s = self
            .index
            .keys
            .get(hit.key as usize)
            .map_or(NONE, |k| k.head);
        let mut i = 0;
        while let Some(surface) = self.surfaces.get(s as usize) {
            let exact = i < 32 && hit.exact & (1 << i) != 0;
            let all = surface
                .uniform
                .map(|rule| matcher::case_ok(rule, surface.case, exact, hit.shape));
            if all != Some(false) {
                let mut r = surface.first_row;
                while let Some(row) = self.rows.get(r as usize) {
                    if all == Some(true) || self.accepts(row, s, exact, hit.shape, hit.support) {
                        f(&self.entries[row.entry as usize]);
                    }
                    r = row.next;
                }
            }
            s = surface.next;
            i += 1;
        }
    }

    /// The entries whose alias is exactly `surface` (no allocation: callers use it per
    /// token).
    pub fn lookup<'g>(&'g self, surface: &str) -> impl Iterator<Item = &'g Entry> + 'g {
        let key = self.key_of(surface.as_bytes()).unwrap_or(NONE);
        // Surfaces are distinct exact aliases: at most one is `surface`.
        let found = self
            .surfaces_of(key)
            .find(|&s| *self.surfaces[s as usize].alias == *surface);
        found
            .into_iter()
            .flat_map(move |s| self.rows_of(s))
            .map(|r| &self.entries[r.entry as usize])
    }

    /// False when no alias is `surface` up to ASCII case, so that [`lookup`] of it in
    /// any casing finds nothing.
    ///
    /// [`lookup`]: Gazetteer::lookup
    pub fn has_alias_folding(&self, surface: &str) -> bool {
        self.key_of(surface.as_bytes())
            .is_some_and(|k| self.index.keys[k as usize].head != NONE)
    }

    /// The classes of the aliases that are `surface` up to ASCII case: what a
    /// [`lookup`] of it in any casing may find, from one probe. Callers that want one
    /// class (a currency after a number) skip the words that cannot be one.
    ///
    /// [`lookup`]: Gazetteer::lookup
    pub fn classes_folding(&self, surface: &str) -> ClassSet {
        let key = self.key_of(surface.as_bytes()).unwrap_or(NONE);
        self.surfaces_of(key).fold(ClassSet::default(), |set, s| {
            set.union(self.surfaces[s as usize].classes)
        })
    }

    /// Every distinct alias as written that has a row of `class`: for a stage that
    /// builds its own filter of some aliases once (`quantities`: the words of
    /// currency names).
    pub fn aliases_of(&self, class: Class) -> impl Iterator<Item = &str> + '_ {
        let (listed, all): (&[u32], &[Surface]) = if class == LISTED {
            (&self.listed, &[])
        } else {
            (&[], &self.surfaces)
        };
        let listed = listed.iter().map(|&s| &self.surfaces[s as usize]);
        let all = all.iter().filter(move |s| s.classes.contains(class));
        listed.chain(all).map(|s| s.alias.as_str())
    }

    /// Every distinct alias as written, in load order: for `wirex bench`'s baseline, a
    /// plain scan for all of them.
    pub fn aliases(&self) -> impl Iterator<Item = &str> + '_ {
        self.surfaces.iter().map(|s| s.alias.as_str())
    }

    /// What currency row `e` says (None for other rows), read at build.
    pub fn currency(&self, e: &Entry) -> Option<&Currency> {
        self.currencies.get(e.currency as usize)
    }

    /// The entry with index `id`.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id as usize]
    }

    /// How many entries were loaded: [`entry`](Gazetteer::entry) takes `0..len()`.
    /// Consecutive rows of one entry that differ only in their alias make one entry.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing was loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
    }

    /// How many alias rows were loaded.
    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    fn key_of(&self, bytes: &[u8]) -> Option<u32> {
        let probe = index::Probe::new(bytes);
        self.index.get(bytes, &probe, false, |k| self.spelling(k))
    }

    /// The bytes a key was made from.
    fn spelling(&self, key: &index::Key) -> &[u8] {
        let s = &self.surfaces[key.spelled_by as usize].alias;
        &s.as_bytes()[..key.len as usize]
    }

    /// The surfaces folding to `key` (none for [`NONE`]).
    fn surfaces_of(&self, key: u32) -> impl Iterator<Item = u32> + '_ {
        let head = self.index.keys.get(key as usize).map_or(NONE, |k| k.head);
        std::iter::successors((head != NONE).then_some(head), |&s| {
            let next = self.surfaces[s as usize].next;
            (next != NONE).then_some(next)
        })
    }

    /// The rows of surface `s`.
    fn rows_of(&self, s: u32) -> impl Iterator<Item = &Row> + '_ {
        let first = self.surfaces[s as usize].first_row;
        std::iter::successors(Some(&self.rows[first as usize]), |r| {
            self.rows.get(r.next as usize)
        })
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) use tests::embedded;
