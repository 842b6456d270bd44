//! In-story clusters: the people, places and organizations the mentions refer to.

use std::borrow::Cow;

use compact_str::CompactString;

use crate::document::{Cluster, Entity, Label};

use super::tokens::Tok;
use super::{country_string, Entities, Mention};

mod ids;
pub(super) mod keys;
mod orgs;
mod people;

use ids::{Ids, Letter};
use keys::Keys;
use orgs::{org_cluster, Named};
use people::{people_of, Gatherer};

#[cfg(test)]
pub(super) use people::distance;

/// Builds ids, clusters and the final entities from mentions in text order; `toks`
/// give each its sentence, read here, for the emitted mentions only.
///
/// The entities are written in text order with what every label shares; then each
/// label's pass gives its mentions their cluster and canonical name. A match on
/// each mention's label mispredicted about once in three.
pub(super) fn build(mut mentions: Vec<Mention<'_>>, text: &str, toks: &[Tok]) -> Entities {
    let mut out = Entities::default();
    let (order, at) = by_label(&mentions);
    let mut gatherer = Gatherer::with_capacity(at[1] - at[0]);
    let group = |g: usize| order[at[g]..at[g + 1]].iter().map(|&i| i as usize);
    let (joined, org_country, first_place) =
        clusters_of(&mut mentions, &order, at, text, &mut out, &mut gatherer);
    let (place_of, org_of) = joined.split_at(at[2] - at[1]);
    // People first: they read the mentions, which the entities then take apart
    // (moving their strings instead of copying them).
    out.people = people_of(gatherer.people, &gatherer.titled, &mentions, text);
    // The mentions are read in place and their owned strings taken: moving a whole
    // mention out of the vector costs more than the few fields an entity keeps.
    let id_table = Ids::get();
    // Collected, not pushed: each entity is written where it lies in a vector made to
    // size (reserving room in an empty one cost a call more).
    let entities = mentions.iter_mut().enumerate().map(|(n, m)| {
        let mut e = Entity {
            label: m.label,
            text: copy(&text[m.start..m.end]),
            start: m.start,
            end: m.end,
            canonical: CompactString::default(),
            kind: None,
            reference: None,
            country: None,
            sentence: toks.get(m.t0).map_or(0, |t| t.sentence()),
            cluster: None,
            variant: m.variant,
            id: CompactString::default(),
        };
        // The optional strings are set in each label's pass below ([`own_strings`]).
        // Cloned, as are the clusters' ids: a clone of an inline string is a copy of
        // its 24 bytes. Set last, just before the entity is stored: made first, it was
        // kept on the stack across the copies above and moved twice.
        e.id = id_table.id(Letter::Entity, n + 1);
        e
    });
    out.entities = entities.collect();
    let Entities {
        entities,
        people,
        places,
        organizations: orgs,
    } = &mut out;
    // A mention with no cluster keeps its own canonical name, as does a place (`Kiev`
    // stays `Kiev` in a cluster that started with `Kyiv`).
    let own = |m: &mut Mention<'_>| taken_str(&mut m.canonical);
    for i in group(0) {
        let (m, e) = (&mut mentions[i], &mut entities[i]);
        own_strings(m, e);
        let Some(c) = m.cluster else {
            fill(&mut e.canonical, own(m));
            continue;
        };
        // The mention takes its person's name.
        let p = &mut people[c];
        p.mentions.push(e.id.clone());
        fill(&mut e.cluster, Some(p.id.clone()));
        fill(&mut e.canonical, p.name.clone());
    }
    for (i, &c) in group(1).zip(place_of) {
        let (m, e) = (&mut mentions[i], &mut entities[i]);
        own_strings(m, e);
        fill(&mut e.canonical, own(m));
        let l = &mut places[c];
        l.mentions.push(e.id.clone());
        fill(&mut e.cluster, Some(l.id.clone()));
    }
    // A place cluster is named as its first mention is, and has its reference (the
    // key it was joined by): clones of that entity's strings, where copies of the
    // mention's were written twice.
    for (l, &i) in places.iter_mut().zip(&first_place) {
        let e = &entities[i as usize];
        // Assigned, not `clone_from`: the cluster has none yet, and the call that
        // reuses a buffer cost more than the copy.
        fill(&mut l.canonical, e.canonical.clone());
        if let Some(reference) = &e.reference {
            fill(&mut l.reference, Some(reference.clone()));
        }
    }
    for (i, &c) in group(2).zip(org_of) {
        let e = &mut entities[i];
        own_strings(&mut mentions[i], e);
        let o = &mut orgs[c];
        o.mentions.push(e.id.clone());
        // A mention that joined its organization by name takes the cluster's name,
        // reference and country (`Foreign Ministry` after `Chinese Foreign Ministry`),
        // set where present as the entities' own are.
        if let (None, Some(reference)) = (&e.reference, &o.reference) {
            fill(&mut e.reference, Some(reference.clone()));
        }
        if let (None, Some(country)) = (&e.country, org_country[c]) {
            fill(&mut e.country, Some(country_string(country)));
        }
        fill(&mut e.cluster, Some(o.id.clone()));
        fill(&mut e.canonical, o.canonical.clone());
    }
    for i in group(3) {
        let (m, e) = (&mut mentions[i], &mut entities[i]);
        own_strings(m, e);
        fill(&mut e.canonical, own(m));
    }
    out
}

/// Sets the optional strings of `m`'s entity `e` (kind, reference, country) where
/// present. Called in each label's pass: whether a mention has each depends on its
/// label, and tested in text order, where the labels mix, each test mispredicted
/// often. Built whole (`m.kind.cloned()`), each was kept in pieces (its tag byte,
/// the niche of `None`, apart from the rest) and stored a few bytes at a time.
#[inline(always)]
fn own_strings(m: &mut Mention<'_>, e: &mut Entity) {
    if let Some(kind) = m.kind {
        fill(&mut e.kind, Some(kind.clone()));
    }
    if let Some(reference) = &mut m.reference {
        fill(&mut e.reference, Some(taken(reference)));
    }
    // What is left of the reference holds no heap (an owned one was taken, leaving an
    // empty one), so it is forgotten and `None` left: the mentions are then dropped
    // with no test of what each reference was (borrowed, owned or none, by label),
    // which mispredicted often.
    std::mem::forget(m.reference.take());
    if let Some(country) = m.country {
        fill(&mut e.country, Some(country_string(country)));
    }
}

/// Writes `value` into `field`, which holds its default (no heap buffer): the old
/// value is forgotten, not dropped. Every string of an entity or cluster starts empty
/// and is set once here; an assignment tested the old one for a buffer to free.
#[inline(always)]
fn fill<T>(field: &mut T, value: T) {
    std::mem::forget(std::mem::replace(field, value));
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

/// A copy of `s`: a borrowed one cloned, an owned one taken (leaving an empty one,
/// which holds no heap). The borrowed ones (nearly all) are read where they lie:
/// taking each wrote an empty one back into the mention.
#[inline(always)]
fn taken(s: &mut Cow<'_, CompactString>) -> CompactString {
    match s {
        Cow::Borrowed(s) => (*s).clone(),
        Cow::Owned(s) => std::mem::take(s),
    }
}

/// As [`taken`], for a name.
#[inline(always)]
fn taken_str(s: &mut Cow<'_, str>) -> CompactString {
    match s {
        Cow::Borrowed(s) => copy(s),
        Cow::Owned(_) => owned(std::mem::take(s)),
    }
}

/// The cluster of every place and organization mention, in the order of `order`, with the
/// clusters pushed to `out` in order of first mention, each with room for exactly its
/// mentions, the country of each organization (from its first mention that knows
/// it) and the first mention of each place (the place clusters are pushed unnamed:
/// [`build`] names each after that mention's entity). A place joins by reference, or by canonical name when it has none; an
/// organization by [`org_cluster`]. The person mentions go to `people`.
///
/// Each label has a pass of its own over its mentions, in text order, as grouped by
/// [`by_label`] (`order`, starting at `at`): tested per mention, the label
/// mispredicted about once in three.
fn clusters_of<'m, 'a, 't>(
    mentions: &'m mut [Mention<'a>],
    order: &[u32],
    at: [usize; 5],
    text: &'t str,
    out: &mut Entities,
    people: &mut Gatherer<'t, 'a>,
) -> (Vec<usize>, Vec<Option<&'a str>>, Vec<u32>) {
    for &i in &order[at[0]..at[1]] {
        people.add(&mut mentions[i as usize], text);
    }
    // Read only from here: the place keys borrow from the mentions.
    let mentions: &'m [Mention<'a>] = mentions;
    let (place_mentions, org_mentions) = (&order[at[1]..at[2]], &order[at[2]..at[3]]);
    let mut joined = Vec::with_capacity(at[3] - at[1]);
    let table = Ids::get();
    // Sized by the mentions, which bound the clusters: no list grows a push at a time.
    let (n_places, n_orgs) = (place_mentions.len(), org_mentions.len());
    // Members per cluster, for their lists' room.
    let (mut places, mut orgs) = (Vec::with_capacity(n_places), Vec::with_capacity(n_orgs));
    // Keys borrow from the mentions: a story names a few places many times.
    let mut place_ids: Keys<&'m str> = Keys::with_capacity(n_places);
    let mut first_place = Vec::with_capacity(n_places);
    for &i in place_mentions {
        let m = &mentions[i as usize];
        let key = m
            .reference
            .as_deref()
            .map_or(&*m.canonical, CompactString::as_str);
        let id = place_ids.get(key.as_bytes()).unwrap_or_else(|| {
            let id = places.len();
            place_ids.insert(key, id);
            first_place.push(i);
            places.push(0);
            id
        });
        places[id] += 1;
        joined.push(id);
    }
    // The clusters are pushed once their members are counted, each with its list made
    // to size: an empty list replaced later cost a drop per cluster.
    let place_clusters = places.iter().enumerate().map(|(c, &n)| Cluster {
        id: table.id(Letter::Place, c + 1),
        canonical: CompactString::default(),
        reference: None,
        mentions: Vec::with_capacity(n),
    });
    out.places = place_clusters.collect();
    let mut org_ids: Keys<Cow<'m, [u8]>> = Keys::with_capacity(n_orgs);
    let mut org_country = Vec::with_capacity(n_orgs);
    let mut names: Vec<Named> = Vec::with_capacity(n_orgs);
    for &i in org_mentions {
        let m = &mentions[i as usize];
        let id = org_cluster(m, text, &mut org_ids, &mut names);
        if id == orgs.len() {
            org_country.push(None);
            orgs.push(0);
        }
        let c = &mut names[id];
        if let (None, Some(reference)) = (&c.reference, &m.reference) {
            c.reference = Some((**reference).clone());
        }
        org_country[id] = org_country[id].or(m.country);
        orgs[id] += 1;
        joined.push(id);
    }
    let org_clusters = names.into_iter().zip(orgs).enumerate();
    out.organizations = org_clusters
        .map(|(c, (name, n))| Cluster {
            id: table.id(Letter::Org, c + 1),
            canonical: name.canonical,
            reference: name.reference,
            mentions: Vec::with_capacity(n),
        })
        .collect();
    (joined, org_country, first_place)
}

/// The numbers of the mentions grouped by label (people, places, organizations,
/// nationalities), each group in text order, and where each group starts (the fifth
/// start is the end). A counting sort: the label indexes the counts, with no test.
fn by_label(mentions: &[Mention<'_>]) -> (Vec<u32>, [usize; 5]) {
    let group = |label| match label {
        Label::Person => 0,
        Label::Place => 1,
        Label::Org => 2,
        Label::Norp => 3,
    };
    let mut at = [0; 5];
    for m in mentions {
        at[group(m.label) + 1] += 1;
    }
    for g in 1..at.len() {
        at[g] += at[g - 1];
    }
    let starts = at;
    let mut order = vec![0; mentions.len()];
    for (i, m) in mentions.iter().enumerate() {
        let next = &mut at[group(m.label)];
        order[*next] = i as u32;
        *next += 1;
    }
    (order, starts)
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
            // Taken from a mention: a borrowed string stays, an owned one is taken.
            let mut name = Cow::Borrowed(s);
            assert_eq!(taken_str(&mut name), s);
            assert_eq!(name, s);
            let mut name = Cow::Owned(s.to_string());
            assert_eq!(taken_str(&mut name), s);
            assert_eq!(name, "");
            let r = CompactString::new(s);
            let mut reference = Cow::Borrowed(&r);
            assert_eq!(taken(&mut reference), r);
            assert_eq!(reference, Cow::Borrowed(&r));
            let mut reference = Cow::Owned(r.clone());
            assert_eq!(taken(&mut reference), r);
            assert_eq!(*reference, "");
            // What is left holds no heap: forgetting it leaks nothing.
            assert!(!reference.is_heap_allocated());
        }
    }

    #[test]
    fn filled_fields_hold_their_value() {
        let long = "Ministry of Foreign Affairs of the Russian Federation";
        for s in ["", "Kyiv", long] {
            let mut field = CompactString::default();
            fill(&mut field, copy(s));
            assert_eq!(field, s);
            let mut field: Option<CompactString> = None;
            fill(&mut field, Some(copy(s)));
            assert_eq!(field.as_deref(), Some(s));
        }
    }

    #[test]
    fn groups_by_label_keep_text_order() {
        use Label::{Norp, Org, Person, Place};
        for labels in [
            vec![],
            vec![Org],
            vec![Place, Person, Org, Norp, Person, Place, Place, Org, Person],
            vec![Norp, Norp, Person, Person],
        ] {
            let mentions: Vec<Mention> = labels
                .iter()
                .enumerate()
                .map(|(i, &label)| Mention::new(label, i, i + 1, i, i + 1))
                .collect();
            let (order, at) = by_label(&mentions);
            for (g, label) in [Person, Place, Org, Norp].into_iter().enumerate() {
                let want: Vec<u32> = (0..labels.len() as u32)
                    .filter(|&i| labels[i as usize] == label)
                    .collect();
                assert_eq!(order[at[g]..at[g + 1]], want, "{label:?} in {labels:?}");
            }
            assert_eq!(at[4], labels.len());
        }
    }
}
