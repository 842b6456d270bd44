//! The steps of the walk down the tokens of the aliases: from a key and the token that
//! some longer alias goes on with from it, the key of the two together. The walk takes
//! the next key from here instead of hashing the whole span again and comparing it
//! with the key's spelling byte for byte: both halves are known to match already (the
//! span so far is the key, the token's probe is read), only the bytes between them and
//! the rest of a long token are left to compare.

use super::Probe;

/// A step in sixteen bytes: the first eight bytes, lowercased, of the token (never 0:
/// a token has a byte, and none is 0), and, in the other word, the key it goes from
/// (low half) and the key it goes to, with [`SPACE`] (high half). All zero: no step,
/// so that the table comes zeroed from the allocator, untouched until used.
type Slot = [u64; 2];

/// The bit of a slot's `to` set when the alias has one ASCII space between the key
/// and the token: the text's byte is then compared without reading the alias. Keys
/// are numbered in fewer bits (see [`MAX_KEYS`](super::MAX_KEYS)).
const SPACE: u32 = 1 << 31;

/// The steps, in an open-addressing table probed linearly from [`slot_of`] the key
/// and the token: the walk looks up steps that the filter of pairs let by, nearly
/// all there, which a slot or two of one cache line find.
#[derive(Debug)]
pub(in crate::gazetteer) struct Steps {
    slots: Vec<Slot>,
    /// The steps as the aliases come, placed in the table by [`Steps::finish`]: in the
    /// order of their slots, each a write next to the one before, where placing them
    /// as they came was a cache miss each (a table of megabytes), 10 ms of the build.
    pending: Vec<Slot>,
    len: usize,
}

/// A step [`Steps::next`] gives: the key, and whether the gap is one space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::gazetteer) struct Found {
    pub to: u32,
    pub space: bool,
}

impl Steps {
    /// Steps for an index of about `keys` keys: the embedded aliases add about one
    /// step for every two keys.
    pub(super) fn with_capacity(keys: usize) -> Steps {
        Steps {
            slots: vec![[0; 2]; 1],
            pending: Vec::with_capacity(keys * 5 / 8),
            len: 0,
        }
    }

    /// Records that an alias goes on from key `from` with the token of probe `token`
    /// (`space`: after one ASCII space), and that the two spell key `to`.
    pub(super) fn add(&mut self, from: u32, token: &Probe, space: bool, to: u32) {
        let keys = u64::from(from) | u64::from(to | if space { SPACE } else { 0 }) << 32;
        self.pending.push([token.head8, keys]);
    }

    /// Places the steps added in the table, once for each pair of keys. Apart from
    /// the index (see [`FoldIndex::take_steps`]), on the build's second thread.
    ///
    /// [`FoldIndex::take_steps`]: super::FoldIndex::take_steps
    pub(in crate::gazetteer) fn finish(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.extend(self.slots.iter().filter(|s| s[0] != 0));
        // At most eight-ninths full (a lookup that finds nothing stops at a free
        // slot) were every step added new; some are the same (the aliases "New York"
        // and "NEW YORK" add one step twice): the embedded ones fill under half.
        let n = pending.len() + pending.len() / 8 + 1;
        let bits = n.max(2 << REGION_BITS).next_power_of_two().trailing_zeros();
        self.slots = vec![[0; 2]; 1 << bits];
        self.len = 0;
        let first = |s: &Slot| slot_of(s[1] as u32, s[0]) >> (SLOT_BITS - bits);
        let mask = self.slots.len() - 1;
        for step in by_region(&pending, |s| first(s) >> (bits - REGION_BITS)) {
            let mut i = first(&step);
            loop {
                let slot = &mut self.slots[i & mask];
                if slot[0] == 0 {
                    *slot = step;
                    self.len += 1;
                    break;
                }
                if *slot == step {
                    break;
                }
                i += 1;
            }
        }
    }

    /// The first step at or after slot `at` (at first, [`Steps::start`] of `from`
    /// and `token`) from key `from` with a token whose first eight bytes are those of
    /// `token`, and the slot to go on from when the caller finds that the text
    /// differs after them (another length, another gap).
    #[inline(always)]
    pub(super) fn next(&self, mut at: usize, from: u32, token: &Probe) -> Option<(Found, usize)> {
        let mask = self.slots.len() - 1;
        loop {
            let [head8, keys] = self.slots[at & mask];
            if head8 == 0 {
                return None;
            }
            at += 1;
            if head8 == token.head8 && keys as u32 == from {
                let to = (keys >> 32) as u32;
                let found = Found {
                    to: to & !SPACE,
                    space: to & SPACE != 0,
                };
                return Some((found, at));
            }
        }
    }

    /// Where [`Steps::next`] starts for key `from` and a token of probe `token`.
    #[inline(always)]
    pub(super) fn start(&self, from: u32, token: &Probe) -> usize {
        let bits = self.slots.len().trailing_zeros();
        slot_of(from, token.head8) >> (SLOT_BITS - bits)
    }

    /// How many steps there are.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.len
    }
}

/// Bits of the regions of the table that [`by_region`] orders the steps by: 256
/// regions of at most a few hundred slots each.
const REGION_BITS: u32 = 8;

/// The `steps` in the order of the region `region(step)` (below `1 << REGION_BITS`)
/// of their first slot, by one counting pass and one scatter: placed in that order,
/// each step is written near the one before, where placing the steps as they came was
/// a cache miss each in a table of megabytes (a sort by slot cost more than it saved).
fn by_region(steps: &[Slot], region: impl Fn(&Slot) -> usize) -> Vec<Slot> {
    let mut starts = [0usize; 1 << REGION_BITS];
    for s in steps {
        starts[region(s)] += 1;
    }
    let mut sum = 0;
    for start in &mut starts {
        (*start, sum) = (sum, sum + *start);
    }
    let mut out = vec![[0; 2]; steps.len()];
    for s in steps {
        let at = &mut starts[region(s)];
        out[*at] = *s;
        *at += 1;
    }
    out
}

/// Bits of [`slot_of`]: the table's first slot for a step is its top bits.
const SLOT_BITS: u32 = 32;

/// The hash of the steps from key `from` with a token whose first eight bytes,
/// lowercased, are `head8`: of those alone, not of the token's length, so that the
/// table can be rebuilt from what it keeps. The top of a product, which every bit
/// reaches; its top bits pick the first slot, so that steps sorted by it are in the
/// order of their slots.
#[inline(always)]
fn slot_of(from: u32, head8: u64) -> usize {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    const M: u64 = 0xff51_afd7_ed55_8ccd;
    ((head8 ^ u64::from(from).wrapping_mul(K)).wrapping_mul(M) >> (64 - SLOT_BITS)) as usize
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::embedded;
    use super::super::super::tokens::token_prefixes;
    use super::super::super::{load::spelling, Gazetteer};
    use super::super::{next_word_probe, Key};
    use super::*;
    use proptest::prelude::*;

    /// [`FoldIndex::get`](super::super::FoldIndex::get) of `text[s..end]` in the
    /// table of all keys: what a step replaces.
    fn get(g: &Gazetteer, text: &str, s: usize, end: usize) -> Option<u32> {
        let span = &text.as_bytes()[s..end];
        let spell = |k: &Key| spelling(&g.surfaces, k);
        g.index.get(span, &Probe::new(span), false, spell)
    }

    /// [`FoldIndex::step`](super::super::FoldIndex::step) from the key of
    /// `text[s..e]` with the token after `e`, read as the walk reads it, and the end
    /// of that token; `None` when there is no such key or token.
    fn step(g: &Gazetteer, text: &str, s: usize, e: usize) -> Option<(Option<u32>, usize)> {
        let from = get(g, text, s, e)?;
        let (t, end, token) = next_word_probe(text, e)?;
        let spell = |k: &Key| spelling(&g.surfaces, k);
        let found = g
            .index
            .step(from, text.as_bytes(), (s, e), (t, end, &token), spell);
        Some((found, end))
    }

    /// Every pair of a token prefix of an alias of the embedded gazetteer and the
    /// token after it steps to the key that hashing the span finds.
    #[test]
    fn steps_agree_with_lookups_over_every_alias() {
        let g = embedded();
        let (mut ends, mut pairs) = (Vec::new(), 0);
        for surface in &g.surfaces {
            let alias = surface.alias.as_str();
            token_prefixes(alias, &mut ends);
            for &e in &ends {
                let Some((found, end)) = step(g, alias, 0, e) else {
                    panic!("{alias:?} at {e}: no prefix key or no next token");
                };
                assert_eq!(found, get(g, alias, 0, end), "{alias:?} at {e}..{end}");
                assert!(found.is_some(), "{alias:?} at {e}..{end}");
                pairs += 1;
            }
        }
        assert!(pairs > 10_000, "{pairs} pairs");
        assert!(g.index.steps.len() * 2 <= g.index.steps.slots.len());
    }

    /// Every walk through `text` from each token, as far as keys go on: each step
    /// gives the key hashing the span gives, or none with it (a span that is no key,
    /// another gap, another case, a token that differs after its eighth byte).
    fn check_walks(text: &str) -> usize {
        check_walks_in(embedded(), text)
    }

    /// [`check_walks`] in gazetteer `g`.
    fn check_walks_in(g: &Gazetteer, text: &str) -> usize {
        let mut steps = 0;
        let mut pos = 0;
        while let Some((s, e, _)) = next_word_probe(text, pos) {
            pos = e;
            let mut e = e;
            while let Some((found, end)) = step(g, text, s, e) {
                assert_eq!(found, get(g, text, s, end), "{text:?} at {s}..{end}");
                steps += 1;
                e = end;
            }
        }
        steps
    }

    #[test]
    fn steps_agree_with_lookups_in_text() {
        let texts = [
            include_str!("../../../tests/data/donetsk.txt"),
            "New York City, New  York, New\nYork, NEW YORK CITY, new york, New Yorker",
            "U.S. Supreme Court, U. S. Supreme Court, U.S.-led, u.s. SUPREME court",
            "the Supreme Court of Ukraine, Supreme Court of Ukrainex, Petersburg",
            "Saint Petersburg, St. Petersburg, Saint Petersburgs, Saint Petersbur",
            "Rio de Janeiro, Rio de Janeir, Rio de  Janeiro, RIO DE JANEIRO",
            "Bosnia and Herzegovina, Bosnia and Herzegovinian, Bosnia\u{a0}and",
        ];
        let steps: usize = texts.iter().map(|t| check_walks(t)).sum();
        assert!(steps > 100, "{steps} steps");
    }

    /// User aliases with gaps of other bytes than one space, long tokens and tokens
    /// that differ after their eighth byte: steps agree with lookups there too.
    #[test]
    fn steps_agree_with_lookups_for_odd_gaps() {
        let aliases = [
            "Zedonia Yon",
            "Zedonia  Yon",
            "Zedonia\u{a0}Yon",
            "Zedonia-Yon",
            "Zedonia Yonkersvillea",
            "Zedonia Yonkersvilleb Co",
            "ZEDONIA yon city",
        ];
        let rows: String = aliases
            .iter()
            .map(|a| format!("ZZ\tZedonia\t{a}\tcity\t\n"))
            .collect();
        let user = format!("id\tcanonical\talias\ttype\textra\n{rows}");
        let g = Gazetteer::build(&[("user.tsv".into(), user)]).unwrap();
        let text = [
            &aliases.join(", "),
            ", Zedonia   Yon, Zedonia\nYon, Zedonia Yonkersvillec, zedonia YON CITY",
        ]
        .concat();
        assert!(check_walks_in(&g, &text) >= aliases.len(), "{text:?}");
    }

    proptest! {
        #[test]
        fn steps_agree_on_any_text(words in prop::collection::vec(prop::sample::select(&[
            "New", "York", "NEW", "york", "City", "U", ".", "S", "-", "Supreme", "Court",
            "of", "Ukraine", "Saint", "Petersburg", "Petersburgs", "Rio", "de", "Janeiro",
        ][..]), 0..16), gaps in prop::collection::vec(prop::sample::select(&[
            "", " ", "  ", "\n", "\u{a0}",
        ][..]), 16)) {
            let text: String = words.iter().zip(&gaps).flat_map(|(w, g)| [*w, *g]).collect();
            check_walks(&text);
        }
    }
}
