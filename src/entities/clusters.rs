//! In-story clusters: the people, places and organizations the mentions refer to.

use std::borrow::Cow;

use compact_str::CompactString;

use crate::document::{Cluster, Entity, Label};

use super::tokens::Tok;
use super::{Entities, Mention};

mod ids;
mod keys;
mod people;

use ids::{Ids, Letter};
use keys::Keys;
use people::{people_of, Gatherer};

#[cfg(test)]
pub(super) use people::distance;

/// Builds ids, clusters and the final entities from mentions in text order; `toks`
/// give each its sentence, read here, for the emitted mentions only.
pub(super) fn build(mut mentions: Vec<Mention<'_>>, text: &str, toks: &[Tok]) -> Entities {
    let mut out = Entities::default();
    let mut gatherer = Gatherer::default();
    let (ids, org_country) = clusters_of(&mut mentions, text, &mut out, &mut gatherer);
    // People first: they read the mentions, which the entities then take apart
    // (moving their strings instead of copying them).
    out.people = people_of(gatherer.people, &gatherer.titled, &mentions, text);
    out.entities.reserve_exact(mentions.len());
    // The mentions are read in place and their owned strings taken: moving a whole
    // mention out of the vector costs more than the few fields an entity keeps.
    let id_table = Ids::get();
    let (persons, places, orgs) = (&mut out.people, &mut out.places, &mut out.organizations);
    // Extended, not pushed: each entity is written where it lies in the vector.
    let entities = mentions
        .iter_mut()
        .zip(ids)
        .enumerate()
        .map(|(n, (m, id))| {
            // Cloned, as are the clusters' ids: a clone of an inline string is a copy of
            // its 24 bytes.
            let entity_id = id_table.id(Letter::Entity, n + 1);
            // The mention takes its person's or organization's name; a place keeps its own
            // (`Kiev` stays `Kiev` in a cluster that started with `Kyiv`).
            let mut reference = m.reference.take().map(owned);
            let (cluster, canonical) = match (m.label, m.cluster.or(id)) {
                (Label::Person, Some(c)) => {
                    let p = &mut persons[c];
                    p.mentions.push(entity_id.clone());
                    (Some(p.id.clone()), p.name.clone())
                }
                (Label::Place, Some(c)) => {
                    places[c].mentions.push(entity_id.clone());
                    (
                        Some(places[c].id.clone()),
                        owned(std::mem::take(&mut m.canonical)),
                    )
                }
                (Label::Org, Some(c)) => {
                    let o = &mut orgs[c];
                    o.mentions.push(entity_id.clone());
                    // A mention that joined its organization by name takes the cluster's
                    // reference and country (`Foreign Ministry` after `Chinese Foreign
                    // Ministry`).
                    if reference.is_none() {
                        reference.clone_from(&o.reference);
                    }
                    m.country = m.country.or(org_country[c]);
                    (Some(o.id.clone()), o.canonical.clone())
                }
                _ => (None, owned(std::mem::take(&mut m.canonical))),
            };
            Entity {
                id: entity_id,
                label: m.label,
                text: copy(&text[m.start..m.end]),
                start: m.start,
                end: m.end,
                canonical,
                kind: m.kind.map(copy),
                reference,
                country: m.country.map(copy),
                sentence: toks.get(m.t0).map_or(0, |t| t.sentence()),
                cluster,
                variant: m.variant,
            }
        });
    out.entities.extend(entities);
    out
}

/// A copy of `s`, inline (no heap) up to 24 bytes: nearly every id, name, kind,
/// reference and country. Inlined where the entities are built.
#[inline(always)]
fn copy(s: &str) -> CompactString {
    CompactString::new(s)
}

/// `s` as a [`CompactString`]: a borrowed one copied inline (as [`copy`] does, with no
/// call), an owned one's buffer kept when it is too long to go inline.
#[inline(always)]
fn owned(s: Cow<'_, str>) -> CompactString {
    match s {
        Cow::Borrowed(s) => copy(s),
        Cow::Owned(s) => CompactString::from(s),
    }
}

/// The place or organization cluster of every mention (`None` for the rest), with the
/// clusters pushed to `out` in order of first mention, each with room for exactly its
/// mentions, and the country of each organization (from its first mention that knows
/// it). A place joins by reference, or by canonical name when it has none; an
/// organization by [`org_cluster`]. The person mentions go to `people` in the same
/// pass: one test of each mention's label.
fn clusters_of<'m, 'a, 't>(
    mentions: &'m mut [Mention<'a>],
    text: &'t str,
    out: &mut Entities,
    people: &mut Gatherer<'t, 'a>,
) -> (Vec<Option<usize>>, Vec<Option<&'a str>>) {
    // The lowercased name of the organization mention at hand, reused: most names
    // were seen before and need no key of their own.
    let mut org_key = String::new();
    let mut ids = Vec::with_capacity(mentions.len());
    let table = Ids::get();
    // Sized by the mentions, which bound the clusters: no list grows a push at a time.
    let (n_places, n_orgs) = mentions.iter().fold((0, 0), |(p, o), m| {
        (
            p + usize::from(m.label == Label::Place),
            o + usize::from(m.label == Label::Org),
        )
    });
    out.places.reserve_exact(n_places);
    out.organizations.reserve_exact(n_orgs);
    // Keys borrow from the mentions: a story names a few places many times.
    let mut place_ids: Keys<&'m str> = Keys::with_capacity(n_places);
    let mut org_ids: Keys<CompactString> = Keys::with_capacity(n_orgs);
    let mut org_country = Vec::with_capacity(n_orgs);
    // Members per cluster, for their lists' room.
    let (mut places, mut orgs) = (Vec::with_capacity(n_places), Vec::with_capacity(n_orgs));
    for (i, m) in mentions.iter_mut().enumerate() {
        // People apart, with one test: a jump table over the three labels
        // mispredicted more than the test and the two-way match after it.
        if m.label == Label::Person {
            people.add(i, m, text);
            ids.push(None);
            continue;
        }
        let id = match m.label {
            Label::Place => {
                // Read only from here: the key borrows from the mention for the pass.
                let m: &'m Mention<'a> = m;
                let key = m.reference.as_deref().unwrap_or(&m.canonical);
                let id = place_ids.get(key).unwrap_or_else(|| {
                    let id = out.places.len();
                    place_ids.insert(key, id);
                    out.places.push(cluster(table, Letter::Place, id, m));
                    places.push(0);
                    id
                });
                places[id] += 1;
                Some(id)
            }
            Label::Org => {
                let id = org_cluster(m, text, &mut org_ids, &mut org_key, &out.organizations);
                if id == out.organizations.len() {
                    out.organizations.push(cluster(table, Letter::Org, id, m));
                    org_country.push(None);
                    orgs.push(0);
                }
                let c = &mut out.organizations[id];
                if c.reference.is_none() {
                    c.reference = m.reference.as_deref().map(copy);
                }
                org_country[id] = org_country[id].or(m.country);
                orgs[id] += 1;
                Some(id)
            }
            _ => None,
        };
        ids.push(id);
    }
    let clusters = out.places.iter_mut().zip(places);
    for (c, n) in clusters.chain(out.organizations.iter_mut().zip(orgs)) {
        c.mentions = Vec::with_capacity(n);
    }
    (ids, org_country)
}

/// A new place or organization cluster, named after its first mention.
fn cluster(table: &Ids, letter: Letter, id: usize, m: &Mention<'_>) -> Cluster {
    Cluster {
        id: table.id(letter, id + 1),
        canonical: copy(&m.canonical),
        reference: m.reference.as_deref().map(copy),
        mentions: Vec::new(),
    }
}

/// The cluster of an organization mention: same canonical name; a ministry named
/// without its country joins the story's ministry of that topic; an acronym joins
/// the organization it abbreviates.
fn org_cluster(
    m: &Mention<'_>,
    text: &str,
    ids: &mut Keys<CompactString>,
    key: &mut String,
    clusters: &[Cluster],
) -> usize {
    // Most organizations were named before: an ASCII name (nearly all) is looked up
    // without writing it lowercased, and a new one's key is written once.
    if let Some(id) = ids.get_lowercase(&m.canonical) {
        return id;
    }
    let ascii = lowercase_into(key, &m.canonical);
    if !ascii {
        if let Some(id) = ids.get(key) {
            return id;
        }
    }
    let found = clusters
        .iter()
        .position(|c| names_of(&m.canonical, &c.canonical))
        .or_else(|| {
            let s = &text[m.start..m.end];
            let acronym = s.len() >= 2 && s.chars().all(|c| c.is_ascii_uppercase());
            acronym
                .then(|| clusters.iter().position(|c| is_initialism(s, &c.canonical)))
                .flatten()
        });
    let id = found.unwrap_or(clusters.len());
    ids.insert(copy(key), id);
    id
}

/// True when `full` is `name` followed by ` of ` (`Foreign Ministry of Ukraine` for
/// `Foreign Ministry`). The four bytes of ` of ` are read first: nearly every cluster
/// fails there, and its name is never compared.
fn names_of(name: &str, full: &str) -> bool {
    let (name, full) = (name.as_bytes(), full.as_bytes());
    let n = name.len();
    full.get(n..n + 4) == Some(b" of ") && full[..n] == *name
}

/// Writes `s` lowercased into `buf`, as [`str::to_lowercase`] would, without a new
/// string for ASCII names (nearly all of them); true when `s` is ASCII.
fn lowercase_into(buf: &mut String, s: &str) -> bool {
    buf.clear();
    let ascii = s.is_ascii();
    if ascii {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    ascii
}

/// True when `s` is the initials of the capitalized words of `name` (`WHO` for `World
/// Health Organization`). Compared as they come: no string per cluster, and an ASCII
/// name (nearly all) byte by byte.
fn is_initialism(s: &str, name: &str) -> bool {
    if !name.is_ascii() {
        return name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .eq(s.chars());
    }
    let mut want = s.bytes();
    let mut after_space = true;
    for b in name.bytes() {
        let space = is_space(b);
        if after_space && b.is_ascii_uppercase() && want.next() != Some(b) {
            return false;
        }
        after_space = space;
    }
    want.next().is_none()
}

/// The ASCII bytes [`char::is_whitespace`] accepts.
fn is_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_and_copied_strings_match_their_source() {
        let long = "Ministry of Foreign Affairs of the Russian Federation";
        for s in ["", "Kyiv", "geonames:703448", long, "Zoë Ångström"] {
            assert_eq!(copy(s), s);
            assert_eq!(owned(Cow::Borrowed(s)), s);
            assert_eq!(owned(Cow::Owned(s.to_string())), s);
            assert_eq!(copy(s).is_heap_allocated(), s.len() > 24, "{s}");
        }
    }

    #[test]
    fn names_of_agrees_with_strip_prefix() {
        let names = [
            "",
            "Foreign Ministry",
            "Foreign Ministry of Ukraine",
            "Foreign Ministry of",
            "Foreign Ministry off",
            "Foreign Ministry  of X",
            "Ministère",
            "Ministère of Zoë",
            " of ",
            "of",
        ];
        for name in names {
            for full in names {
                let general = full
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(" of "));
                assert_eq!(names_of(name, full), general, "{name:?} {full:?}");
            }
        }
    }

    #[test]
    fn lowercase_into_matches_to_lowercase() {
        let mut buf = String::from("left over");
        for s in [
            "Foreign Ministry",
            "NATO",
            "",
            "Ministère de l'Intérieur",
            "ÉCOLE",
        ] {
            assert_eq!(lowercase_into(&mut buf, s), s.is_ascii());
            assert_eq!(buf, s.to_lowercase());
        }
    }

    #[test]
    fn initials_of_a_name() {
        assert!(is_initialism("WHO", "World Health Organization"));
        assert!(is_initialism("URA", "Union of Rationalist Atheists"));
        assert!(!is_initialism("WH", "World Health Organization"));
        assert!(!is_initialism("WHOX", "World Health Organization"));
        for (s, name) in [
            ("WHO", " World\tHealth  Organization "),
            ("UN", "United Nations"),
            ("UN", "the United Nations"),
            ("UN", "United nations"),
            ("U", "United Nations"),
            ("", "world"),
            ("EU", "Étoile European Union"),
            ("EU", "European Union of Écoles"),
        ] {
            let general = name
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .eq(s.chars());
            assert_eq!(is_initialism(s, name), general, "{s} {name}");
        }
    }
}
