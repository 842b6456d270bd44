//! The open-addressing slot tables of the index, and the spread-out table of all keys
//! that the build makes once every key is in.

use super::Key;

/// The most keys an index holds: a slot packs a key number and a hash tag in 32 bits.
pub(in crate::gazetteer) const MAX_KEYS: usize = (1 << KEY_BITS) - 1;
const KEY_BITS: u32 = 22;
const KEY_MASK: u32 = (1 << KEY_BITS) - 1;

/// A slot: the key number in the low [`KEY_BITS`] bits, a tag of the hash above them
/// (so that most wrong keys are skipped without reading them); `EMPTY` when free.
/// Four bytes a slot keep the table of all keys at 4 MB.
type Slot = u32;
const EMPTY: Slot = u32::MAX;

/// Open-addressing slots, probed linearly.
#[derive(Debug)]
pub(super) struct Table {
    pub(super) slots: Vec<Slot>,
    mask: usize,
}

impl Table {
    pub(super) fn with_slots(cap: usize) -> Table {
        let cap = cap.max(8).next_power_of_two();
        Table {
            slots: vec![EMPTY; cap],
            mask: cap - 1,
        }
    }

    /// The first slot to probe and the tag bits of a hash.
    #[inline]
    fn split(hash: u64) -> (usize, u32) {
        ((hash >> 32) as usize, (hash as u32) & !KEY_MASK)
    }

    pub(super) fn place(&mut self, hash: u64, id: u32) {
        let (mut i, tag) = Table::split(hash);
        while self.slots[i & self.mask] != EMPTY {
            i += 1;
        }
        self.slots[i & self.mask] = tag | id;
    }

    /// The key under `hash`: the first whose tag agrees and that `same` accepts.
    #[inline(always)]
    pub(super) fn get(&self, keys: &[Key], hash: u64, same: impl Fn(&Key) -> bool) -> Option<u32> {
        let (mut i, tag) = Table::split(hash);
        // The mask from the length, not the field: the compiler then sees that every
        // index is in bounds and drops the check from the loop.
        let mask = self.slots.len().wrapping_sub(1);
        loop {
            let slot = self.slots[i & mask];
            if slot == EMPTY {
                return None;
            }
            if slot & !KEY_MASK == tag {
                let k = slot & KEY_MASK;
                if same(&keys[k as usize]) {
                    return Some(k);
                }
            }
            i += 1;
        }
    }
}

/// A table of all keys built apart from the index, and the hashes it was built from.
pub(in crate::gazetteer) type Spread = (AllKeys, Vec<u64>);

/// The table of all keys, opaque outside the index.
#[derive(Debug)]
pub(in crate::gazetteer) struct AllKeys(pub(super) Table);

/// The table of all keys of `hashes`, at a load of about a quarter: a lookup of a
/// capitalized token that is no key (most of them) then reads about 1.4 slots, not
/// 2.6 as at the load of one half the build keeps (for its own speed), and the loop
/// over the slots mispredicts less. It takes 4 MB for the embedded keys; the build
/// makes it on its second thread, which has time to spare.
pub(in crate::gazetteer) fn spread(hashes: Vec<u64>) -> Spread {
    let mut all = Table::with_slots(hashes.len() * 3);
    for (id, &hash) in hashes.iter().enumerate() {
        all.place(hash, id as u32);
    }
    (AllKeys(all), hashes)
}
