//! The candidates of every key for lowercase and capitalized text, listed at build.
//!
//! Which entries a hit may name depends on its key, on which of the key's surfaces
//! it matched as written, on its shape and on the support around it. For text of one
//! of the [`KNOWN_SHAPES`] the shape alone tells which surfaces match as written (see
//! [`is_exact`]), so the case rules give the same rows for every such hit of a key:
//! they are listed here once, and a hit reads a slice where it walked the key's
//! surfaces and rows and ran the case rules on each. Only `common=1` rows still ask
//! for the hit's support.

use super::super::{EntryId, Gazetteer, Hit};
use super::{case_ok, is_exact, known_slot, shape, support_needed, KNOWN_SHAPES};

/// A row that passes the case rules for text of some shape: its entry, and the
/// [`Support`](super::Support) bits one of which the text needs for it (0 for a row
/// that needs none: not `common=1`).
#[derive(Clone, Copy, Debug)]
struct Candidate {
    entry: EntryId,
    needs: u8,
}

/// The candidates of every key for text of each of the [`KNOWN_SHAPES`].
#[derive(Debug, Default)]
pub(in crate::gazetteer) struct Readings {
    /// Where the candidates of key `k` for text of `KNOWN_SHAPES[i]` start in
    /// `candidates`, at `k * SLOTS + i`; they end where the next slot's start, and a
    /// last start closes the list.
    starts: Vec<u32>,
    candidates: Vec<Candidate>,
}

/// The slots of a key in [`Readings::starts`].
const SLOTS: usize = KNOWN_SHAPES.len();

impl Readings {
    /// The candidates of every key of `g`, in the order a walk over the key's
    /// surfaces and their rows finds them. Out of line: once per build.
    #[inline(never)]
    pub(in crate::gazetteer) fn of(g: &Gazetteer) -> Readings {
        let mut starts = Vec::with_capacity(g.index.keys.len() * SLOTS + 1);
        let mut candidates = Vec::with_capacity(g.rows.len());
        // Plain loops over the lists: the build reads every row of every key twice.
        for key in &g.index.keys {
            for shape in KNOWN_SHAPES {
                starts.push(candidates.len() as u32);
                // No lowercase text reaches a key that is not `lower_ok`: the matcher
                // turns it down first.
                if shape == shape::LOWER && !key.lower_ok {
                    continue;
                }
                let (mut s, mut i) = (key.head, 0);
                while let Some(surface) = g.surfaces.get(s as usize) {
                    // As the matcher sets the bits of a hit: one per surface, 32 at most.
                    let exact = i < 32 && is_exact(surface.shape, shape, || false);
                    let mut r = surface.first_row;
                    while let Some(row) = g.rows.get(r as usize) {
                        if case_ok(row.rule, surface.case, exact, shape) {
                            let needs = match row.common {
                                true => support_needed(row.class) as u8,
                                false => 0,
                            };
                            candidates.push(Candidate {
                                entry: row.entry,
                                needs,
                            });
                        }
                        r = row.next;
                    }
                    s = surface.next;
                    i += 1;
                }
            }
        }
        starts.push(candidates.len() as u32);
        Readings { starts, candidates }
    }
}

impl Gazetteer {
    /// The entries of the candidates listed for `hit` that its support lets by, when
    /// its shape is one whose candidates are listed.
    #[inline(always)]
    pub(in crate::gazetteer) fn listed_candidates(
        &self,
        hit: &Hit,
    ) -> Option<impl Iterator<Item = EntryId> + '_> {
        let at = hit.key as usize * SLOTS + known_slot(hit.shape)?;
        let (start, end) = (
            *self.readings.starts.get(at)?,
            *self.readings.starts.get(at + 1)?,
        );
        let listed = self.readings.candidates.get(start as usize..end as usize)?;
        let support = hit.support;
        Some(
            listed
                .iter()
                .filter(move |c| c.needs == 0 || support & c.needs != 0)
                .map(|c| c.entry),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::known::SUPPORTS;
    use super::*;

    /// The listed candidates of every key are those a walk over its surfaces and rows
    /// gives ([`Gazetteer::candidates`]), in the same order, for text of each listed
    /// shape with every [`Support`](super::super::Support) bits, exact where the
    /// matcher finds it exact.
    #[test]
    fn listed_candidates_are_the_walks() {
        let g = Gazetteer::build(&[]).unwrap();
        let mut checked = 0;
        for k in 0..g.index.keys.len() as u32 {
            let key = &g.index.keys[k as usize];
            for shape in KNOWN_SHAPES {
                if shape == shape::LOWER && !key.lower_ok {
                    continue;
                }
                for support in SUPPORTS {
                    let hit = Hit {
                        start: 0,
                        end: 0,
                        classes: Default::default(),
                        key: k,
                        exact: g.known(k, shape, Some(support)).exact,
                        shape,
                        support,
                        may_be_common: key.common,
                    };
                    let walked: Vec<*const _> = g.candidates(&hit).map(|e| e as _).collect();
                    let listed = g.listed_candidates(&hit).expect("a listed shape");
                    let listed: Vec<*const _> = listed.map(|e| g.entry(e) as _).collect();
                    assert_eq!(listed, walked, "key {k} shape {shape} support {support}");
                    checked += usize::from(!walked.is_empty());
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    /// Text of the shapes not listed (mixed case, capitals) is left to the walk.
    #[test]
    fn other_shapes_are_not_listed() {
        let g = Gazetteer::build(&[]).unwrap();
        let text = "New York, NATO, US, McDonald, Kyiv and said.";
        let mut unlisted = 0;
        for hit in g.find(text) {
            let listed = g.listed_candidates(&hit).is_some();
            assert_eq!(listed, KNOWN_SHAPES.contains(&hit.shape), "{hit:?}");
            unlisted += usize::from(!listed);
        }
        assert!(unlisted >= 3, "{unlisted}");
    }
}
