//! Misspelled dateline places (`Kiyv` → `Kyiv`): the countries and cities of the
//! gazetteer, indexed once so that a lookup reads a few hundred names, not all of them.

use crate::gazetteer::{Class, Entry, Gazetteer};

use crate::hash::WordMap;

/// A place name within one edit of a written word of `n >= 4` characters has
/// `n - 1 ..= n + 1` characters and, as one edit changes at most one end of a name of
/// three or more characters, the word's first or its last character. Names are bucketed
/// by (length, first character) and by (length, last character).
#[derive(Debug, Default)]
pub(super) struct FuzzyPlaces {
    /// Every distinct candidate name, one after the other.
    names: String,
    candidates: Vec<Candidate>,
    by_first: WordMap<(usize, char), Vec<u32>>,
    by_last: WordMap<(usize, char), Vec<u32>>,
}

/// One distinct canonical name with its best reading.
#[derive(Debug)]
struct Candidate {
    /// The name, `names[start..end]`.
    start: u32,
    end: u32,
    /// Countries first, then capitals, then other cities; then gazetteer order.
    rank: (u8, u32),
}

/// Countries first, capitals next, then other cities; other classes are never read.
fn rank(e: &Entry) -> Option<u8> {
    match (e.class, e.kind) {
        (Class::Country, _) => Some(0),
        (Class::City, "capital") => Some(1),
        (Class::City, _) => Some(2),
        _ => None,
    }
}

impl FuzzyPlaces {
    pub fn new(gaz: &Gazetteer) -> FuzzyPlaces {
        let mut index = FuzzyPlaces::default();
        // The best (rank, id) of each distinct canonical name.
        let mut best: WordMap<&str, usize> = WordMap::default();
        for id in 0..gaz.len() {
            let e = gaz.entry(id as u32);
            let Some(r) = rank(e) else { continue };
            let key = (r, id as u32);
            if let Some(&c) = best.get(e.canonical.as_str()) {
                let cand: &mut Candidate = &mut index.candidates[c];
                cand.rank = cand.rank.min(key);
                continue;
            }
            let start = index.names.len() as u32;
            index.names.push_str(&e.canonical);
            let end = index.names.len() as u32;
            best.insert(e.canonical.as_str(), index.candidates.len());
            index.candidates.push(Candidate {
                start,
                end,
                rank: key,
            });
        }
        for (c, cand) in index.candidates.iter().enumerate() {
            let name = &index.names[cand.start as usize..cand.end as usize];
            let n = name.chars().count();
            let (Some(first), Some(last)) = (name.chars().next(), name.chars().next_back()) else {
                continue;
            };
            index.by_first.entry((n, first)).or_default().push(c as u32);
            index.by_last.entry((n, last)).or_default().push(c as u32);
        }
        index
    }

    /// The entry of the one country or city whose name is within one edit of `written`
    /// (a swap of neighbours counts as one), capitals and countries first.
    pub fn find<'g>(&self, gaz: &'g Gazetteer, written: &str) -> Option<&'g Entry> {
        let n = written.chars().count();
        if n < 4 {
            return None;
        }
        let first = written.chars().next()?;
        let last = written.chars().next_back()?;
        let mut best: Option<(u8, u32)> = None;
        for len in n - 1..=n + 1 {
            let buckets = [
                self.by_first.get(&(len, first)),
                self.by_last.get(&(len, last)),
            ];
            for &c in buckets.into_iter().flatten().flatten() {
                let cand = &self.candidates[c as usize];
                if best.is_some_and(|b| b <= cand.rank) {
                    continue;
                }
                let name = &self.names[cand.start as usize..cand.end as usize];
                if within_one_edit(name, written) {
                    best = Some(cand.rank);
                }
            }
        }
        best.map(|(_, id)| gaz.entry(id))
    }
}

/// True when `a` and `b` differ by at most one insertion, deletion, substitution or
/// swap of neighbouring characters: [`distance`](super::clusters::distance)`(a, b) <= 1`
/// without building its table.
pub(super) fn within_one_edit(a: &str, b: &str) -> bool {
    // The first character where they differ.
    let Some((i, ca, cb)) = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, x), y)| (i, x, y))
    else {
        // One is a prefix of the other.
        return a.chars().count().abs_diff(b.chars().count()) <= 1;
    };
    // `a` and `b` agree on the bytes before `i`.
    let (ra, rb) = (&a[i..], &b[i..]);
    let (ta, tb) = (&ra[ca.len_utf8()..], &rb[cb.len_utf8()..]);
    // Substitution, deletion from `a`, deletion from `b`.
    if ta == tb || ta == rb || ra == tb {
        return true;
    }
    // A swap of neighbours: `xy...` against `yx...`.
    let (mut sa, mut sb) = (ta.chars(), tb.chars());
    sa.next() == Some(cb) && sb.next() == Some(ca) && sa.as_str() == sb.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::clusters::distance;

    #[test]
    fn one_edit_agrees_with_distance() {
        let words = [
            "Kyiv",
            "Kiyv",
            "Kyv",
            "Kyivv",
            "Kyev",
            "yKiv",
            "Kyvi",
            "Lugansk",
            "Luhansk",
            "Luhanks",
            "uLhansk",
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "Zürich",
            "Zurich",
            "Züirch",
            "Zürichs",
            "Łódź",
            "Lódź",
            "Łódźź",
            "ódź",
            "abcd",
            "acbd",
            "abdc",
            "bacd",
            "abc",
            "abcde",
            "aabb",
            "abab",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    within_one_edit(a, b),
                    distance(a, b) <= 1,
                    "{a:?} against {b:?}"
                );
            }
        }
    }
}
