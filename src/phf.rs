//! Static tables of short words, built once per pipeline: a word folded into one
//! integer ([`pack`], [`caseless`]) and a perfect hash of it ([`Table`]), so that a
//! lookup has no probe loop. The tokenizer asks about every token and the quantity
//! scan about many words; with a probe loop, whether the next slot was empty was a
//! branch that depended on the word and was mispredicted often.

/// A word folded into an integer: equal words, equal keys, and 0 for the empty word
/// only (no word holds a NUL byte), which is also the key of an empty slot.
pub(crate) trait Key: Copy + Ord + Default {
    /// The key in the 64 bits that the table's multiplier hashes.
    fn mix(self) -> u64;
}

impl Key for u64 {
    #[inline(always)]
    fn mix(self) -> u64 {
        self
    }
}

impl Key for u128 {
    /// The high half rotated, so that a word's bytes past the eighth do not cancel
    /// the same bytes in its first eight.
    #[inline(always)]
    fn mix(self) -> u64 {
        (self as u64) ^ ((self >> 64) as u64).rotate_left(23)
    }
}

/// Values by key for a fixed set of keys, each in a slot of its own found by "hash
/// and displace": a key's hash picks a group (its top bits) and a slot (the bits
/// below), and the group's displacement, XOR-ed into the slot, was chosen when the
/// table was built so that no two keys share a slot. A lookup is one hash, a load of
/// the displacement, a load of the slot's key and one compare (and no branch: the
/// value read is the default when the key is not the slot's).
///
/// `SLOTS` and `GROUPS` are powers of two: more than twice as many slots as keys, about
/// two keys a group. Arrays, not slices: every index is below their length by
/// construction, and indexing needs no bounds check.
#[derive(Debug)]
pub(crate) struct Table<K, V, const SLOTS: usize, const GROUPS: usize> {
    /// The odd multiplier of the hash: the first of a fixed sequence with which
    /// every group finds a displacement.
    mul: u64,
    disp: [u16; GROUPS],
    /// The key in each slot, 0 in an empty one.
    keys: [K; SLOTS],
    /// The value of each slot's key, the default in an empty slot.
    values: [V; SLOTS],
}

/// Multipliers tried before giving up: a table at half load takes one or two.
const TRIES: usize = 1000;

impl<K: Key, V: Copy + Default, const SLOTS: usize, const GROUPS: usize>
    Table<K, V, SLOTS, GROUPS>
{
    const SLOT_BITS: u32 = SLOTS.trailing_zeros();
    const GROUP_BITS: u32 = GROUPS.trailing_zeros();

    /// The table of `entries`, whose keys are distinct and not 0. The same for any
    /// order of the entries (a table built from a hash map's is the same every run).
    ///
    /// Panics when the keys do not fit (half the slots or more) or repeat.
    pub fn new(entries: &[(K, V)]) -> Self {
        const {
            assert!(SLOTS.is_power_of_two() && GROUPS.is_power_of_two());
            assert!(SLOTS <= 1 << 16, "a displacement is a u16");
            assert!(SLOTS.trailing_zeros() + GROUPS.trailing_zeros() <= 64);
        }
        assert!(2 * entries.len() < SLOTS, "a table is less than half full");
        let mut entries = entries.to_vec();
        entries.sort_unstable_by_key(|&(k, _)| k);
        assert!(
            entries.windows(2).all(|w| w[0].0 != w[1].0),
            "keys are distinct"
        );
        assert!(
            entries.iter().all(|&(k, _)| k != K::default()),
            "no key is 0"
        );
        let mut mul = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..TRIES {
            if let Some(table) = Self::place(&entries, mul) {
                return table;
            }
            mul = mul.wrapping_add(0x6a09_e667_f3bc_c908) | 1;
        }
        panic!("no multiplier gives every key a slot of its own");
    }

    /// The table with multiplier `mul`, if its displacements give every key a slot.
    fn place(entries: &[(K, V)], mul: u64) -> Option<Self> {
        // (group, slot before displacement, entry), the biggest groups first, while
        // most slots are free.
        let mut hashed: Vec<(usize, usize, usize)> = entries
            .iter()
            .enumerate()
            .map(|(e, &(k, _))| {
                let h = k.mix().wrapping_mul(mul);
                (Self::group(h), Self::base(h), e)
            })
            .collect();
        let mut sizes = [0u16; GROUPS];
        for &(g, _, _) in &hashed {
            sizes[g] += 1;
        }
        hashed.sort_unstable_by_key(|&(g, base, _)| (std::cmp::Reverse(sizes[g]), g, base));
        let mut table = Table {
            mul,
            disp: [0; GROUPS],
            keys: [K::default(); SLOTS],
            values: [V::default(); SLOTS],
        };
        // Slot 0 stays empty: a lookup of a key that is not its slot's reads its value.
        let mut used = [false; SLOTS];
        used[0] = true;
        for members in hashed.chunk_by(|a, b| a.0 == b.0) {
            // Two keys of a group in one slot stay together under any displacement.
            if members.windows(2).any(|w| w[0].1 == w[1].1) {
                return None;
            }
            let free = |d: &usize| members.iter().all(|&(_, base, _)| !used[base ^ d]);
            let d = (0..SLOTS).find(free)?;
            table.disp[members[0].0] = d as u16;
            for &(_, base, e) in members {
                used[base ^ d] = true;
                (table.keys[base ^ d], table.values[base ^ d]) = entries[e];
            }
        }
        Some(table)
    }

    /// The value of `key`, or the default when it is no key of the table.
    #[inline(always)]
    pub fn get(&self, key: K) -> V {
        let slot = self.slot(key);
        // The slot's value, or the empty slot 0's: a choice of index, not of whether
        // to read (a branch here went one way for the keys and the other for the
        // words around them).
        let at = if self.keys[slot] == key { slot } else { 0 };
        self.values[at]
    }

    /// The one slot where `key` may be.
    #[inline(always)]
    fn slot(&self, key: K) -> usize {
        let h = key.mix().wrapping_mul(self.mul);
        (Self::base(h) ^ usize::from(self.disp[Self::group(h)])) & (SLOTS - 1)
    }

    /// The group of a hash: its top bits.
    #[inline(always)]
    fn group(h: u64) -> usize {
        // (Of a shift by 64 for a table of one group: the group 0.)
        h.checked_shr(64 - Self::GROUP_BITS).unwrap_or(0) as usize
    }

    /// The slot of a hash before its group's displacement: the bits below the group's.
    #[inline(always)]
    fn base(h: u64) -> usize {
        (h >> (64 - Self::GROUP_BITS - Self::SLOT_BITS)) as usize & (SLOTS - 1)
    }

    /// The keys in the table, for tests.
    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = K> + '_ {
        self.keys.iter().copied().filter(|&k| k != K::default())
    }
}

/// The bytes of a word of up to sixteen in one number, the first byte lowest and
/// zero past the word: the word itself, for words without a NUL byte. None for a
/// longer word. Read in a few overlapping loads, not copied through a buffer.
#[inline]
pub(crate) fn pack(word: &[u8]) -> Option<u128> {
    let n = word.len();
    let packed = match word {
        [] => 0,
        [a] => u128::from(*a),
        [a, b] => u128::from(u16::from_le_bytes([*a, *b])),
        [a, b, c] => u128::from(u32::from_le_bytes([*a, *b, *c, 0])),
        [a, b, c, d, ..] if n < 8 => {
            // The first four bytes, and the last four moved to bytes `n - 4..n`.
            let head = u64::from(u32::from_le_bytes([*a, *b, *c, *d]));
            let tail = u64::from(u32::from_le_bytes(*word.last_chunk::<4>()?));
            u128::from(head | tail << (8 * (n - 4)))
        }
        [a, b, c, d, e, f, g, h, ..] if n <= 16 => {
            let head = u64::from_le_bytes([*a, *b, *c, *d, *e, *f, *g, *h]);
            // The last eight bytes, of which those past the first eight are kept.
            let tail = u128::from(u64::from_le_bytes(*word.last_chunk::<8>()?)) << (8 * (n - 8));
            u128::from(head) | (tail >> 64) << 64
        }
        _ => return None,
    };
    Some(packed)
}

/// A key of a word of up to fifteen ASCII letters that the same word in any case
/// shares: its bytes [`pack`]ed with bit 5 set (which lowercases a letter and turns
/// no other byte into one), and its length in the top byte (bit 5 set pads the word
/// with spaces, and `one` and `one ` would share their bytes). None for a longer word.
#[inline]
pub(crate) fn caseless(word: &[u8]) -> Option<u128> {
    const SPACES: u128 = u128::from_le_bytes([0x20; 16]);
    if word.len() > 15 {
        return None;
    }
    Some((pack(word)? | SPACES) ^ (word.len() as u128) << 120)
}

#[cfg(test)]
mod tests;
