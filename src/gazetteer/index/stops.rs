//! The small table's keys of ASCII letters that lowercase text of their own never
//! matches ("the" starts "the Kremlin" but is no alias for lowercase text, the legal
//! form "as" matches only "AS"): the matching pass finds such a word, reads its key and
//! turns it down unless the text goes on as some longer alias does. They are the most
//! common lowercase words the small filter lets by ("the", "in", "as"), so the loop
//! over the tokens turns them down itself, from a small table of their own, without
//! the lookup.

use super::{filter_slot, next_bit, Key};

/// Slots of the table: a few dozen keys of the embedded gazetteer, few collisions.
const SLOTS: usize = 256;

/// A key that turns down lowercase text, as the loop over the tokens reads it.
#[derive(Clone, Copy, Debug, Default)]
struct Stop {
    /// [`Key::head8`], and 0 in a free slot (no token starts with a zero byte).
    head8: u64,
    /// [`Key::next_small`]: the text may go on as a longer alias only with these.
    next: u64,
}

/// The keys of the small table that turn down lowercase text of their own, by
/// [`filter_slot`]: one a slot, the shortest (the most common words are short).
#[derive(Debug)]
pub(in crate::gazetteer) struct Stops(Box<[Stop; SLOTS]>);

impl Stops {
    pub(super) fn new() -> Stops {
        Stops(Box::new([Stop::default(); SLOTS]))
    }

    /// The table of the keys of the small table (`small`) that lowercase text matches
    /// only as the start of a longer alias; `spell(key)` gives the bytes a key was
    /// made from.
    pub(super) fn build<'k, 'a>(
        small: impl Iterator<Item = &'k Key>,
        spell: impl Fn(&Key) -> &'a [u8],
    ) -> Stops {
        let mut stops = Stops::new();
        let mut lens = [0; SLOTS];
        // Lowercase text spelling such a key gets no hit of it: no alias of its own
        // that text starting in lowercase may match, or none that lowercase may.
        let stops_lowercase = |k: &&Key| !k.may_match(true) || !k.lower_ok;
        for key in small.filter(stops_lowercase) {
            let bytes = spell(key);
            if bytes.len() >= 8 || !bytes.iter().all(u8::is_ascii_alphabetic) {
                continue;
            }
            let slot = filter_slot(key.head8, bytes.len()) % SLOTS;
            if lens[slot] == 0 || bytes.len() < lens[slot] {
                lens[slot] = bytes.len();
                stops.0[slot] = Stop {
                    head8: key.head8,
                    next: key.next_small,
                };
            }
        }
        stops
    }

    /// True when the word of `len` ASCII letters whose first eight bytes are `w` and,
    /// folded, `head8`, which ends at `end` of `bytes`, spells a key of the table in
    /// lowercase and the text does not go on from it as a longer alias: the matching
    /// pass would turn it down.
    #[inline(always)]
    pub(super) fn turn_down(
        &self,
        head8: u64,
        len: usize,
        w: u64,
        bytes: &[u8],
        end: usize,
    ) -> bool {
        let stop = &self.0[filter_slot(head8, len) % SLOTS];
        // Lowercase: folding set no bit that the text's letters lack. No branch: the
        // answer is as random as the words.
        (stop.head8 == head8) & (head8 & !w == 0) & (stop.next & next_bit(bytes, end) == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::{load::spelling, Gazetteer};
    use super::super::Probe;
    use super::*;

    /// Every key in the embedded table is the small table's key of its spelling, one
    /// that lowercase text matches only as the start of a longer alias, and the
    /// common ones are in.
    #[test]
    fn stops_are_keys_that_turn_lowercase_down() {
        let g = Gazetteer::build(&[]).unwrap();
        let spell = |k: &Key| spelling(&g.surfaces, k);
        let mut found = Vec::new();
        for stop in g.index.small_stops.0.iter().filter(|s| s.head8 != 0) {
            let word: Vec<u8> = stop
                .head8
                .to_le_bytes()
                .into_iter()
                .take_while(|&b| b != 0)
                .collect();
            let k = g.index.get(&word, &Probe::new(&word), true, spell).unwrap();
            let key = &g.index.keys[k as usize];
            assert!(
                key.small && (!key.may_match(true) || !key.lower_ok),
                "{word:?}"
            );
            assert_eq!(key.next_small, stop.next, "{word:?}");
            found.push(String::from_utf8(word).unwrap());
        }
        for word in ["the", "in", "as"] {
            assert!(found.iter().any(|w| w == word), "{word} not in {found:?}");
        }
    }
}
