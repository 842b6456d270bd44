//! What the rules read from a gazetteer entry: its country, reference, kind and the
//! facts (population, ISO status) that weigh a place reading.

use std::borrow::Cow;
use std::marker::PhantomData;

use compact_str::CompactString;

use crate::gazetteer::{Class, Entry};

/// The ISO 3166-1 alpha-2 code of the country an entry belongs to.
pub(in crate::entities) fn country_code(e: &Entry) -> Option<&str> {
    e.country()
}

/// The reference of an entry (`geonames:703448`, `iso:UA`, or the id as written),
/// which the gazetteer builds once per entry ([`Entry::reference_string`]): a mention
/// borrows it, and its entity clones it.
pub(in crate::entities) fn reference(e: &Entry) -> Option<Cow<'_, CompactString>> {
    e.reference_string().map(Cow::Borrowed)
}

/// The reference of an ISO code (`iso:UA`).
pub(in crate::entities) fn iso(code: &str) -> Cow<'static, CompactString> {
    Cow::Owned(crate::gazetteer::iso(code).into())
}

/// The kind of a place entry (`country`, `city`, `capital`, ...): the TSV type, as
/// the output writes it.
pub(in crate::entities) fn kind(e: &Entry) -> &'static CompactString {
    e.kind_string()
}

/// What the rules read from an entry's attributes, which the gazetteer parses once
/// at build.
#[derive(Clone, Copy, Debug)]
pub(in crate::entities) struct Facts<'g> {
    /// The ISO 3166-1 alpha-2 country, see [`country_code`].
    pub cc: Option<&'g str>,
    /// `pop=`, 0 when absent or unreadable. Read for towns only, the one place class
    /// whose size the rules weigh ([`weak_place`]); 0 for the rest.
    pub pop: u64,
    /// `iso_type=country`: a subdivision that is a country in its own right
    /// (England, Scotland, Wales).
    pub iso_country: bool,
}

impl<'g> Facts<'g> {
    fn of(e: &'g Entry) -> Facts<'g> {
        Facts {
            cc: country_code(e),
            pop: if is_town(e) { e.pop() } else { 0 },
            iso_country: e.is_iso_country(),
        }
    }
}

/// The [`Facts`] of the entries a story names. The gazetteer keeps them parsed, so
/// this no longer caches: it stays so that the rules ask in one place.
pub(in crate::entities) struct FactCache<'g>(PhantomData<&'g Entry>);

impl<'g> FactCache<'g> {
    pub fn new() -> FactCache<'g> {
        FactCache(PhantomData)
    }

    pub fn get(&mut self, e: &'g Entry) -> Facts<'g> {
        Facts::of(e)
    }
}

/// True when a town's reading of `written` is weak evidence: the alias is a common
/// word, another name of the town (`Google` for Topeka), or a personal name, and the
/// town is small. Such a place yields to a person or an organization of the story.
/// `pop` gives the town's population ([`Facts::pop`]), asked for towns only.
pub(in crate::entities) fn weak_place(
    e: &Entry,
    pop: impl FnOnce() -> u64,
    written: &str,
    personal: bool,
) -> bool {
    if !is_town(e) {
        return false;
    }
    let pop = pop();
    e.is_common() || written != e.canonical.as_str() && pop < 1_000_000 || personal && pop < 100_000
}

/// A city that is not a capital: the places a personal name or a common word may
/// shadow.
fn is_town(e: &Entry) -> bool {
    e.class == Class::City && e.kind != "capital"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pass over the attributes reads what [`Entry::attr`] reads, for every entry.
    #[test]
    fn facts_agree_with_attr() {
        for e in crate::gazetteer::embedded().entries() {
            let f = Facts::of(e);
            assert_eq!(f.cc, country_code(e), "{e:?}");
            let pop = e.attr("pop").and_then(|p| p.parse::<u64>().ok());
            assert_eq!(f.pop, if is_town(e) { pop.unwrap_or(0) } else { 0 });
            assert_eq!(f.iso_country, e.attr("iso_type") == Some("country"));
        }
    }
}
