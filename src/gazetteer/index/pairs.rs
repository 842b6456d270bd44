//! The filter of the pairs of a key and the next token that some longer alias goes on
//! with from it, so that a walk from a key stops without hashing a span that is no
//! key. Most walks so stopped are two tokens that are no alias of their own and that
//! the alias goes on from with another byte than the text: the `'` and `s` of
//! "'s-Hertogenbosch" in every possessive "'s ", "in a" of "in a statement" in "in a
//! new". For such pairs the filter keeps the byte after them too.

#[cfg(doc)]
use super::next_bit;
use super::Probe;

/// Slots of the filter of pairs, and bits of the filter of (pair, byte after)
/// triples: some hundred thousand pairs set a few percent of each.
const PAIR_BITS: u32 = 20;
const PAIR_WORDS: usize = 1 << (PAIR_BITS - 5);
const TRIPLE_BITS: u32 = 20;
const TRIPLE_WORDS: usize = 1 << (TRIPLE_BITS - 6);

/// The bits of a pair's slot: the two tokens are an alias of their own (or the alias
/// goes on after them with any byte), or an alias goes on after them with a byte
/// that [`Pairs::triples`] tells.
const ALIAS: u64 = 1;
const GOES_ON: u64 = 2;

#[derive(Debug)]
pub(in crate::gazetteer) struct Pairs {
    /// Two bits ([`ALIAS`], [`GOES_ON`]) per [`pair_slot`] of each pair.
    pairs: Box<[u64; PAIR_WORDS]>,
    /// A bit per [`triple_slot`] of each [`GOES_ON`] pair and the byte ([`next_bit`])
    /// an alias goes on with after it.
    triples: Box<[u64; TRIPLE_WORDS]>,
}

/// The hash of the pair of key `key` and a next token of probe `next`.
#[inline(always)]
fn pair_hash(key: u32, next: &Probe) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    next.first ^ u64::from(key).wrapping_mul(K)
}

/// Where the pair of hash `pair` ([`pair_hash`]) is in [`Pairs::pairs`]: the word and
/// the shift of its two bits.
#[inline(always)]
fn pair_slot(pair: u64) -> (usize, u32) {
    let slot = (pair >> (64 - PAIR_BITS)) as usize;
    (slot / 32, slot as u32 % 32 * 2)
}

/// Where the pair of hash `pair` followed by a byte of [`next_bit`] bit `after` is in
/// [`Pairs::triples`].
#[inline(always)]
fn triple_slot(pair: u64, after: u32) -> usize {
    const K: u64 = 0xff51_afd7_ed55_8ccd;
    ((pair ^ u64::from(after)).wrapping_mul(K) >> (64 - TRIPLE_BITS)) as usize
}

impl Pairs {
    pub(super) fn new() -> Pairs {
        Pairs {
            pairs: Box::new([0; PAIR_WORDS]),
            triples: Box::new([0; TRIPLE_WORDS]),
        }
    }

    /// Records that an alias goes on from key `key` with a token of probe `next`, then
    /// with the byte of [`next_bit`] `after`: one bit, or 0 when the alias ends with
    /// the token (every bit when it goes on with a space).
    pub(super) fn add(&mut self, key: u32, next: &Probe, after: u64) {
        let pair = pair_hash(key, next);
        let (word, shift) = pair_slot(pair);
        // One bit, tested without `count_ones`: a dozen instructions without `popcnt`
        // (the default target), for each of some hundred thousand prefixes.
        if after != 0 && after & (after - 1) == 0 {
            self.pairs[word] |= GOES_ON << shift;
            let slot = triple_slot(pair, after.trailing_zeros());
            self.triples[slot / 64] |= 1 << (slot % 64);
        } else {
            self.pairs[word] |= ALIAS << shift;
        }
    }

    /// False when no alias goes on from key `key` with a token of probe `next`, then
    /// (unless the two tokens are an alias) with the byte whose [`next_bit`] `after()`
    /// gives.
    #[inline(always)]
    pub(super) fn may_go_on(&self, key: u32, next: &Probe, after: impl FnOnce() -> u64) -> bool {
        let pair = pair_hash(key, next);
        let (word, shift) = pair_slot(pair);
        let bits = self.pairs[word] >> shift;
        // Most pairs of the text are no pair of an alias; of the others, the byte
        // after is read only when the two tokens are no alias.
        bits & ALIAS != 0
            || bits & GOES_ON != 0 && {
                let slot = triple_slot(pair, after().trailing_zeros());
                self.triples[slot / 64] & 1 << (slot % 64) != 0
            }
    }

    /// The share of the bits of each filter that are set.
    #[cfg(test)]
    fn fill(&self) -> (f64, f64) {
        let share = |words: &[u64]| {
            let ones: u32 = words.iter().map(|w| w.count_ones()).sum();
            f64::from(ones) / (words.len() * 64) as f64
        };
        (share(&self.pairs[..]), share(&self.triples[..]))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::embedded;
    use super::super::super::tokens::token_prefixes;
    use super::super::super::{load::spelling, Gazetteer};
    use super::super::{next_bit, next_word_probe, Key, NONE};
    use super::*;
    use proptest::prelude::*;

    /// The key that `text[s..e]` spells, in the table of all keys.
    fn key_of(g: &Gazetteer, text: &str, s: usize, e: usize) -> Option<u32> {
        let span = &text.as_bytes()[s..e];
        let spell = |k: &Key| spelling(&g.surfaces, k);
        g.index.get(span, &Probe::new(span), false, spell)
    }

    /// The token after each token prefix of every alias, read as the walk reads text,
    /// passes the filter from the prefix's key: the filter stops only walks that
    /// would find no key.
    #[test]
    fn pairs_pass_every_alias() {
        let g = embedded();
        let (mut ends, mut pairs) = (Vec::new(), 0);
        for surface in &g.surfaces {
            let alias = surface.alias.as_str();
            token_prefixes(alias, &mut ends);
            for &end in &ends {
                let key = key_of(g, alias, 0, end);
                let next = next_word_probe(alias, end);
                let (Some(key), Some((_, token_end, token))) = (key, next) else {
                    panic!("{alias:?} at {end}: no prefix key or no next token");
                };
                let after = || next_bit(alias.as_bytes(), token_end);
                assert!(g.index.may_go_on(key, &token, after), "{alias:?} at {end}");
                pairs += 1;
            }
        }
        assert!(pairs > 10_000, "{pairs} pairs");
        let (pairs, triples) = g.index.pairs.fill();
        assert!(pairs < 0.1 && triples < 0.05, "{pairs} {triples}");
    }

    /// Every walk through `text`, from each token as far as keys go on: where the
    /// filter stops it, the two tokens are no key, or a key that is no alias and goes
    /// on with no alias as the text does. The filter loses no hit.
    fn check_stops(text: &str) -> usize {
        let g = embedded();
        let mut stopped = 0;
        let mut pos = 0;
        while let Some((s, e, _)) = next_word_probe(text, pos) {
            pos = e;
            let (mut end, mut key) = (e, key_of(g, text, s, e));
            while let (Some(k), Some((_, next, token))) = (key, next_word_probe(text, end)) {
                key = key_of(g, text, s, next);
                let after = || next_bit(text.as_bytes(), next);
                if !g.index.may_go_on(k, &token, after) {
                    if let Some(k) = key {
                        let two = &g.index.keys[k as usize];
                        let goes_on = two.goes_on(false, text.as_bytes(), next);
                        assert!(two.head == NONE && !goes_on, "{text:?} at {s}..{next}");
                    }
                    stopped += 1;
                    break;
                }
                end = next;
            }
        }
        stopped
    }

    #[test]
    fn stopped_walks_find_nothing() {
        check_stops(include_str!("../../../tests/data/donetsk.txt"));
        let texts = [
            "Putin's office, the 's-Hertogenbosch fair, 's Gravenzande's",
            "in a statement, in a post, in a new post, in an interview",
            "New York City, New York, new york city, The New York Times said",
            "the Supreme Court of Ukraine, the Supreme Court, U.S. Supreme Court",
        ];
        let stopped: usize = texts.iter().map(|t| check_stops(t)).sum();
        assert!(stopped >= 6, "{stopped} walks stopped");
    }

    /// The possessive "'s" walks no further than its two tokens, but "'s-" does.
    #[test]
    fn possessive_s_stops() {
        let g = embedded();
        let quote = key_of(g, "'", 0, 1).unwrap();
        let s = Probe::new(b"s");
        for (text, goes_on) in [("'s office", false), ("'s-Hertogenbosch", true)] {
            let after = || next_bit(text.as_bytes(), 2);
            assert_eq!(g.index.may_go_on(quote, &s, after), goes_on, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn stops_on_any_text(words in prop::collection::vec(prop::sample::select(&[
            "'", "s", "-", "Hertogenbosch", "in", "a", "an", "statement", "post", "New",
            "York", "City", "the", "The", "of", "Supreme", "Court", "U", ".", "S", ",",
        ][..]), 0..16), spaces in prop::collection::vec(any::<bool>(), 16)) {
            let text: String = words
                .iter()
                .zip(&spaces)
                .flat_map(|(w, &space)| [*w, if space { " " } else { "" }])
                .collect();
            check_stops(&text);
        }
    }
}
