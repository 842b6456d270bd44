//! In-story clusters: the people, places and organizations the mentions refer to.

use std::borrow::Cow;

use compact_str::CompactString;

use crate::document::{Cluster, Entity, Label, Person};
use crate::swar;

use super::tokens::Tok;
use super::{Entities, Mention};

mod ids;
mod keys;

use ids::{Ids, Letter};
use keys::Keys;

/// A person being gathered: name words of the fullest form seen so far.
struct Gathering<'t> {
    name: &'t str,
    words: Vec<&'t str>,
    /// The [`signature`] of `words`.
    sig: u64,
    /// How many mentions joined, and the last of them.
    count: usize,
    last: usize,
}

/// Builds ids, clusters and the final entities from mentions in text order; `toks`
/// give each its sentence, read here, for the emitted mentions only.
pub(super) fn build(mut mentions: Vec<Mention<'_>>, text: &str, toks: &[Tok]) -> Entities {
    let mut titled = Vec::new();
    let people = gather_people(&mut mentions, text, &mut titled);
    let mut out = Entities::default();
    let (ids, org_country) = place_and_org_clusters(&mentions, text, &mut out);
    // People first: they read the mentions, which the entities then take apart
    // (moving their strings instead of copying them).
    out.people = people_of(people, &titled, &mentions, text);
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
                sentence: toks.get(m.t0).map_or(0, |t| t.sentence),
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
/// organization by [`org_cluster`].
fn place_and_org_clusters<'m, 'a>(
    mentions: &'m [Mention<'a>],
    text: &str,
    out: &mut Entities,
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
    for m in mentions {
        let id = match m.label {
            Label::Place => {
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
    lowercase_into(key, &m.canonical);
    if let Some(id) = ids.get(key) {
        return id;
    }
    let found = clusters
        .iter()
        .position(|c| {
            c.canonical
                .strip_prefix(&*m.canonical)
                .is_some_and(|rest| rest.starts_with(" of "))
        })
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

/// Writes `s` lowercased into `buf`, as [`str::to_lowercase`] would, without a new
/// string for ASCII names (nearly all of them).
fn lowercase_into(buf: &mut String, s: &str) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
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

/// Appends the words of `s`, as [`str::split_whitespace`] cuts them; an ASCII name
/// (nearly all) eight bytes at a time, jumping from space to space.
fn split_words<'t>(s: &'t str, words: &mut Vec<&'t str>) {
    if !s.is_ascii() {
        words.extend(s.split_whitespace());
        return;
    }
    let b = s.as_bytes();
    // Where the word at hand starts (a space ends it; an empty one is skipped).
    let mut start = 0;
    let mut cut = |at: usize, start: &mut usize| {
        if at > *start {
            words.push(&s[*start..at]);
        }
        *start = at + 1;
    };
    let mut i = 0;
    while let Some(word) = swar::load(b, i) {
        let mut spaces = swar::spaces(word);
        while spaces != 0 {
            cut(i + swar::first(spaces), &mut start);
            // Clears the lowest flagged byte's bit.
            spaces &= spaces - 1;
        }
        i += 8;
    }
    for (at, &byte) in b.iter().enumerate().skip(i) {
        if is_space(byte) {
            cut(at, &mut start);
        }
    }
    if start < b.len() {
        words.push(&s[start..]);
    }
}

/// Groups person mentions in text order. A mention joins a person whose name words
/// contain its words (`Zelenskyy` → `Volodymyr Zelenskyy`) or are contained in them
/// (then the name grows); the most recent such person wins. A one-word mention that
/// joins nobody may be a misspelling of one person's surname (`Zelenyi`): it joins
/// when exactly one surname is close.
///
/// The titles written with the mentions are noted in `titled` (the person, the title
/// and where its phrase starts), in text order, for [`people_of`]: a second pass over
/// every mention would find them again.
fn gather_people<'t, 'a>(
    mentions: &mut [Mention<'a>],
    text: &'t str,
    titled: &mut Vec<(usize, &'a str, usize)>,
) -> Vec<Gathering<'t>> {
    let mut people: Vec<Gathering> = Vec::new();
    // The words of the mention at hand, reused: a person keeps a copy only when the
    // mention starts or grows them.
    let mut words: Vec<&str> = Vec::new();
    for (i, m) in mentions.iter_mut().enumerate() {
        if m.label != Label::Person {
            continue;
        }
        let s = &text[m.start..m.end];
        words.clear();
        split_words(s, &mut words);
        let sig = signature(&words);
        // Words that contain others have a signature that contains theirs: most
        // people of the story fail that test, and their words are never compared.
        let contains = |big: &[&str], small: &[&str]| small.iter().all(|w| big.contains(w));
        let matched = people
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.sig & sig == sig && contains(&p.words, &words)
                    || p.sig & sig == p.sig && contains(&words, &p.words)
            })
            .max_by_key(|(_, p)| p.last)
            .map(|(c, _)| c);
        let (c, variant) = match matched {
            Some(c) => (Some(c), false),
            None if words.len() == 1 => {
                let mut close = people.iter().enumerate().filter(|(_, p)| {
                    p.words
                        .last()
                        .is_some_and(|last| close_spelling(last, words[0]))
                });
                match (close.next(), close.next()) {
                    (Some((c, _)), None) => (Some(c), true),
                    _ => (None, false),
                }
            }
            None => (None, false),
        };
        let c = match c {
            Some(c) => {
                let p = &mut people[c];
                if !variant && words.len() > p.words.len() {
                    p.words.clone_from(&words);
                    p.sig = sig;
                    p.name = s;
                }
                c
            }
            None => {
                people.push(Gathering {
                    name: s,
                    words: words.clone(),
                    sig,
                    count: 0,
                    last: 0,
                });
                people.len() - 1
            }
        };
        people[c].count += 1;
        people[c].last = i;
        m.cluster = Some(c);
        m.variant = variant;
        if let Some((title, title_start)) = m.title {
            titled.push((c, title, title_start));
        }
    }
    people
}

/// A bit per word, from its length and first and last bytes: a set of words holds
/// another only when its signature holds the other's.
fn signature(words: &[&str]) -> u64 {
    words.iter().fold(0, |sig, w| {
        let b = w.as_bytes();
        let (first, last) = (b.first().copied(), b.last().copied());
        let h = usize::from(first.unwrap_or(0)) * 7 + usize::from(last.unwrap_or(0)) * 31 + b.len();
        sig | 1 << (h % 64)
    })
}

/// The people of the story, with the titles and affiliation their mentions carry
/// (`titled`, from [`gather_people`], in text order).
fn people_of(
    people: Vec<Gathering<'_>>,
    titled: &[(usize, &str, usize)],
    mentions: &[Mention<'_>],
    text: &str,
) -> Vec<Person> {
    let ids = Ids::get();
    let mut out: Vec<Person> = people
        .iter()
        .enumerate()
        .map(|(c, g)| Person {
            id: ids.id(Letter::Person, c + 1),
            name: copy(g.name),
            titles: Vec::new(),
            affiliation: None,
            // Filled with the ids of its entities as they are built, in text order.
            mentions: Vec::with_capacity(g.count),
        })
        .collect();
    for &(c, title, title_start) in titled {
        let p = &mut out[c];
        if !p.titles.iter().any(|s| s == title) {
            p.titles.push(copy(title));
        }
        if p.affiliation.is_none() {
            p.affiliation = affiliation_before(mentions, text, title_start);
        }
    }
    out
}

/// The organization or country named right before a title (`Chinese Foreign
/// Ministry` before `spokesman`, `Ukrainian` before `President`).
fn affiliation_before(
    mentions: &[Mention<'_>],
    text: &str,
    title_start: usize,
) -> Option<CompactString> {
    // Mentions are in text order: only the few that start just before the title can
    // end right before it.
    let upto = mentions.partition_point(|m| m.start < title_start);
    mentions[upto.saturating_sub(4)..upto]
        .iter()
        .filter(|m| matches!(m.label, Label::Org | Label::Norp | Label::Place))
        .filter(|m| m.end <= title_start && text[m.end..title_start].trim().is_empty())
        .max_by_key(|m| (m.end - m.start, m.label == Label::Org))
        .map(|m| match m.label {
            Label::Org => copy(&text[m.start..m.end]),
            _ => copy(&m.canonical),
        })
}

/// True when `b` reads as a misspelling of the surname `a`: they share a prefix of at
/// least four letters (and half the shorter word), and differ by few edits.
fn close_spelling(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    // Most pairs share no four-letter prefix: their letters are never counted.
    if prefix < 4 {
        return false;
    }
    let (a_len, b_len) = (a.chars().count(), b.chars().count());
    prefix * 2 >= a_len.min(b_len) && distance(a, b) <= (a_len.max(b_len) / 3).max(1)
}

/// Edit distance with swaps of neighbours counted as one edit (optimal string
/// alignment). Words are short: a small table per call.
pub(super) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 3 {
        return a.len().abs_diff(b.len());
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! spelling_cases {
        ($($name:ident: $a:expr, $b:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(close_spelling($a, $b), $want);
            }
        )*};
    }

    spelling_cases! {
        dropped_letters: "Zelenskyy", "Zelenyi" => true;
        one_typo:        "Montalvo", "Montalvi" => true;
        same_word:       "Zelenskyy", "Zelenskyy" => false;
        short_prefix:    "Zelenskyy", "Zeman" => false;
        other_name:      "Rathbun", "Montalvo" => false;
        far_ending:      "Johnson", "Johnstonberger" => false;
    }

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
    fn distance_counts_swaps_once() {
        assert_eq!(distance("Kyiv", "Kiyv"), 1);
        assert_eq!(distance("Kyiv", "Kyiv"), 0);
        assert_eq!(distance("Luhansk", "Lugansk"), 1);
        assert_eq!(distance("", "abc"), 3);
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
            lowercase_into(&mut buf, s);
            assert_eq!(buf, s.to_lowercase());
        }
    }

    #[test]
    fn words_split_as_split_whitespace_does() {
        for s in [
            "Volodymyr Zelenskyy",
            "  Lin\tJian \n",
            "a\u{0B}b\u{0C}c\rd",
            "",
            " ",
            "Zoë  Ångström",
            "Jean\u{a0}Dupont x",
            "Volodymyr Oleksandrovych Zelenskyy",
            "a b  c   d    e",
            "       x",
            "12345678 ",
            "Lin\n\rJian\x0bde\x0cla Cruz dos Santos  ",
        ] {
            let mut words = vec!["left over"];
            split_words(s, &mut words);
            let want: Vec<&str> = std::iter::once("left over")
                .chain(s.split_whitespace())
                .collect();
            assert_eq!(words, want, "{s:?}");
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
