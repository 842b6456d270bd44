//! Organization clusters: which cluster an organization mention joins.

use std::borrow::Cow;

use compact_str::CompactString;

use crate::entities::Mention;
use crate::swar;

use super::keys::Keys;
use super::{copy, is_space};

/// An organization cluster's name and reference (from its first mention that has
/// one), while its members are counted.
pub(super) struct Named {
    pub canonical: CompactString,
    pub reference: Option<CompactString>,
    /// Whether the name is ASCII, for [`is_initialism`]: known once, where it was
    /// tested for every acronym mention against every cluster.
    ascii: bool,
    /// The name's first [`HEAD`] bytes, zeros after its end, for [`Named::names_of`].
    head: [u8; HEAD],
}

/// How many bytes of an organization's name [`Named::names_of`] reads in place: a
/// name of 24 bytes followed by ` of `.
const HEAD: usize = 28;

impl Named {
    fn new(canonical: &str, ascii: bool) -> Named {
        let mut head = [0; HEAD];
        let n = canonical.len().min(HEAD);
        head[..n].copy_from_slice(&canonical.as_bytes()[..n]);
        Named {
            canonical: copy(canonical),
            reference: None,
            ascii,
            head,
        }
    }

    /// [`names_of`]`(name, self.canonical)`. The four bytes after `name`'s length are
    /// read from `head`, which holds them for a name of up to 24 bytes (nearly all)
    /// whatever the cluster's length (a zero, past its end, is no byte of ` of `): a
    /// test of the cluster's length, as varied as the names, mispredicted often.
    fn names_of(&self, name: &str) -> bool {
        let n = name.len();
        match self.head.get(n..n + 4) {
            Some(of) => {
                of == b" of " && self.canonical.as_bytes().get(..n) == Some(name.as_bytes())
            }
            None => names_of(name, &self.canonical),
        }
    }
}

/// The cluster of an organization mention: same canonical name; a ministry named
/// without its country joins the story's ministry of that topic; an acronym joins
/// the organization it abbreviates. A mention that joins none starts a cluster,
/// pushed to `clusters`.
pub(super) fn org_cluster<'m>(
    m: &'m Mention<'_>,
    text: &str,
    ids: &mut Keys<Cow<'m, [u8]>>,
    clusters: &mut Vec<Named>,
) -> usize {
    // Names are compared lowercased. Most organizations were named before: an ASCII
    // name (nearly all) is looked up without writing it lowercased, and a new one is
    // its own key, borrowed (the table lowercases as it compares).
    if let Some(id) = ids.get_lowercase(&m.canonical) {
        return id;
    }
    let key = key_of(&m.canonical);
    if let Cow::Owned(key) = &key {
        if let Some(id) = ids.get_folded(key) {
            return id;
        }
    }
    let found = clusters
        .iter()
        .position(|c| c.names_of(&m.canonical))
        .or_else(|| {
            let s = &text[m.start..m.end];
            // Bytes, not characters: a character of more than one byte has none in `A-Z`.
            let acronym = s.len() >= 2 && s.bytes().all(|b| b.is_ascii_uppercase());
            acronym
                .then(|| {
                    let initials = |c: &Named| is_initialism(s, &c.canonical, c.ascii);
                    clusters.iter().position(initials)
                })
                .flatten()
        });
    let id = found.unwrap_or(clusters.len());
    if id == clusters.len() {
        // The key is the name's bytes as they are when the name is ASCII.
        clusters.push(Named::new(&m.canonical, matches!(key, Cow::Borrowed(_))));
    }
    ids.insert_folded(key, id);
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

/// The organization key of the name `s`, for a table that lowercases ASCII as it
/// compares ([`Keys::insert_folded`]): the bytes of an ASCII name (nearly all) as
/// they are, borrowed, and those of any other lowercased as [`str::to_lowercase`]
/// does (owned). Both stand for `s.to_lowercase()`.
fn key_of(s: &str) -> Cow<'_, [u8]> {
    if ascii(s.as_bytes()) {
        Cow::Borrowed(s.as_bytes())
    } else {
        Cow::Owned(s.to_lowercase().into_bytes())
    }
}

/// True when `s` is the initials of the capitalized words of `name` (`WHO` for `World
/// Health Organization`); `ascii` tells whether `name` is ASCII. Compared as they
/// come: no string per cluster, and an ASCII name (nearly all) byte by byte.
fn is_initialism(s: &str, name: &str, ascii: bool) -> bool {
    if !ascii {
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

/// True when `b` is ASCII, as [`<[u8]>::is_ascii`] tells: its bytes gathered eight at a
/// time (the last eight overlapping the ones before) and tested once, where the
/// standard test, byte by byte on a name this short, mispredicted about three times
/// per new organization.
fn ascii(b: &[u8]) -> bool {
    let word = |i| swar::load(b, i).unwrap_or(swar::HIGH);
    let high = match b.len().checked_sub(8) {
        // The first, middle and last eight bytes of a name of up to 24 (nearly all),
        // with no test of its length: the middle ones are the last ones when shorter.
        Some(last) => {
            let mut high = word(0) | word(last.min(8)) | word(last);
            let mut i = 16;
            while i < last {
                high |= word(i);
                i += 8;
            }
            high
        }
        None => b.iter().fold(0, |high, &byte| high | u64::from(byte)),
    };
    high & swar::HIGH == 0
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "Ministry of Foreign Affairs of the Russian Federation",
            "Ministry of Foreign Affairs",
            "Ministry of Foreign Affairs of the",
            "Ministry of Foreign Affairs of X",
            "Ministry of Foreign Affairs of Y",
            "Ministry of Foreign Affai",
            "Ministry of Foreign Affair",
            "Ministry of Foreign Affairs of the Russian",
            "A\0\0\0\0",
            "A",
        ];
        for name in names {
            for full in names {
                let general = full
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(" of "));
                assert_eq!(names_of(name, full), general, "{name:?} {full:?}");
                let named = Named::new(full, full.is_ascii());
                assert_eq!(named.names_of(name), general, "{name:?} {full:?}");
            }
        }
    }

    #[test]
    fn keys_stand_for_the_lowercased_name() {
        for s in [
            "Foreign Ministry",
            "NATO",
            "",
            "Ministère de l'Intérieur",
            "ÉCOLE",
            "Ministry of Foreign Affairs of the Russian Federation",
        ] {
            let key = key_of(s);
            assert_eq!(key.to_ascii_lowercase(), s.to_lowercase().into_bytes());
            assert_eq!(matches!(key, Cow::Borrowed(_)), s.is_ascii(), "{s}");
        }
    }

    #[test]
    fn ascii_agrees_with_the_standard_test() {
        for s in [
            "",
            "a",
            "é",
            "Kyiv",
            "Zoë",
            "1234567",
            "12345678",
            "1234567é",
            "é2345678",
        ] {
            for pad in 0..20 {
                let long = format!("{}{s}", "x".repeat(pad));
                assert_eq!(ascii(long.as_bytes()), long.is_ascii(), "{long}");
                let long = format!("{s}{}", "x".repeat(pad));
                assert_eq!(ascii(long.as_bytes()), long.is_ascii(), "{long}");
            }
        }
    }

    #[test]
    fn initials_of_a_name() {
        let initials = |s, name| is_initialism(s, name, true);
        assert!(initials("WHO", "World Health Organization"));
        assert!(initials("URA", "Union of Rationalist Atheists"));
        assert!(!initials("WH", "World Health Organization"));
        assert!(!initials("WHOX", "World Health Organization"));
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
            assert_eq!(
                is_initialism(s, name, name.is_ascii()),
                general,
                "{s} {name}"
            );
        }
    }
}
