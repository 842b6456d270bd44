//! The lexicon's table of short words: a perfect hash of the bytes of a word, so that
//! the tokenizer looks up every token of up to sixteen bytes with two masks, one
//! multiply-and-shift and one compare of the key's two halves, whose answer is "no"
//! for almost every token, and no branch.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::hash::WordHasher;

/// The longest word the keys tell apart from the others by their bytes alone.
const MAX: usize = 16;

/// The words of up to [`WordTable::MAX`] bytes, each in a slot of its own found by
/// "hash and displace": a word's [`key`] hashes to a group and a slot, and the
/// group's displacement (XOR-ed into the slot) was chosen when the table was built so
/// that no two words share a slot. A lookup then reads exactly one slot, with no
/// probe loop: the loop's exit ("empty slot?") was a branch that depended on the word
/// and was mispredicted for about one token in three.
#[derive(Debug)]
pub(super) struct WordTable {
    /// In one allocation: the tokenizer's loop then keeps one pointer to it, not
    /// four (it has few registers to spare).
    slots: Box<Slots>,
}

/// The bytes of a word of `n` bytes (the index) in the first and in the second eight
/// of the sixteen read at its start, as a [`key`] has them: a load each, where
/// a mask computed from `n` took several instructions for every token. Copied into
/// each table, whose pointer the tokenizer's loop holds: no address to form per token.
pub(super) const PREFIX_MASKS: [[u64; MAX + 1]; 2] = {
    let mut masks = [[0u64; MAX + 1]; 2];
    let mut n = 1;
    while n <= MAX {
        let all = u128::MAX >> (128 - 8 * n);
        masks[0][n] = all as u64;
        masks[1][n] = (all >> 64) as u64;
        n += 1;
    }
    masks
};

#[derive(Debug)]
struct Slots {
    /// [`PREFIX_MASKS`], read by [`WordTable::get_prefix`].
    masks: [[u64; MAX + 1]; 2],
    /// The odd multiplier of [`WordTable::hash`], the first of the candidates that
    /// gives every word of a group its own slot.
    mul: u64,
    /// Per group, the displacement XOR-ed into its words' slots. Arrays of the group
    /// and slot counts, not slices: an index is below them by construction, and
    /// indexing needs no bounds check.
    disp: [u16; WordTable::GROUPS],
    /// A word's [`key`] per slot, its first eight bytes and its next eight, 0 and 0
    /// for an empty slot (no word starts with NUL). Two arrays, not one of pairs: an
    /// index then needs no shift.
    heads: [u64; WordTable::SLOTS],
    tails: [u64; WordTable::SLOTS],
    /// The bits of each slot's word (0 for an empty slot), and 0 past the slots: what
    /// [`WordTable::get_padded`] reads for a word in no table.
    bits: [u32; WordTable::SLOTS + 1],
    /// The length of each slot's word: a key pads a word with NULs, and only
    /// [`WordTable::get`], asked about any string, may be asked about a word with one.
    lens: [u8; WordTable::SLOTS],
}

impl WordTable {
    /// The longest word the keys tell apart from the others by their bytes alone.
    pub const MAX: usize = MAX;
    /// Slots: a power of two, about twice the table's words (1,141), small enough that
    /// the keys (32 KB) and bits (8 KB) stay in the first- and second-level caches.
    const SLOTS: usize = 1 << 11;
    /// Groups of words that share a displacement: about two words each.
    const GROUPS: usize = 1 << 9;

    pub fn new(words: &HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>) -> WordTable {
        let mut keys: Vec<((u64, u64), u32, u32)> = words
            .iter()
            .filter(|(w, _)| w.len() <= Self::MAX)
            .map(|(w, &bits)| (key(w.as_bytes()), w.len() as u32, bits))
            .collect();
        // The map's order varies from run to run; the table is then built the same.
        keys.sort_unstable();
        // Two words whose keys fold to one number would share a slot whatever the
        // multiplier: no table could be built, and the loop below would not end.
        let mut folded: Vec<u64> = keys.iter().map(|&(k, _, _)| fold(k)).collect();
        folded.sort_unstable();
        assert!(
            folded.windows(2).all(|w| w[0] != w[1]),
            "two words of the lexicon fold to one hash: change `fold`"
        );
        // A fixed sequence of odd multipliers: the first that places every word is
        // taken (the tests check that one does).
        let mut mul = 0x9e37_79b9_7f4a_7c15u64;
        loop {
            if let Some(table) = Self::place(&keys, mul) {
                return table;
            }
            mul = mul.wrapping_add(0x6a09_e667_f3bc_c908) | 1;
        }
    }

    /// The table with multiplier `mul`, if its displacements give every word a slot.
    fn place(keys: &[((u64, u64), u32, u32)], mul: u64) -> Option<WordTable> {
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); Self::GROUPS];
        for (k, &(key, _, _)) in keys.iter().enumerate() {
            groups[Self::group(Self::hash(mul, key))].push(k);
        }
        // The biggest groups first, while most slots are free.
        let mut order: Vec<usize> = (0..Self::GROUPS).collect();
        order.sort_by_key(|&g| (std::cmp::Reverse(groups[g].len()), g));
        let mut table = Box::new(Slots {
            masks: PREFIX_MASKS,
            mul,
            disp: [0; Self::GROUPS],
            heads: [0; Self::SLOTS],
            tails: [0; Self::SLOTS],
            bits: [0; Self::SLOTS + 1],
            lens: [0; Self::SLOTS],
        });
        let mut used = vec![false; Self::SLOTS];
        for g in order.into_iter().take_while(|&g| !groups[g].is_empty()) {
            let bases: Vec<usize> = groups[g]
                .iter()
                .map(|&k| Self::base(Self::hash(mul, keys[k].0)))
                .collect();
            let d = (0..Self::SLOTS).find(|&d| {
                let mut slots: Vec<usize> = bases.iter().map(|b| b ^ d).collect();
                slots.sort_unstable();
                slots.windows(2).all(|w| w[0] != w[1]) && slots.iter().all(|&s| !used[s])
            })?;
            table.disp[g] = d as u16;
            for (&k, b) in groups[g].iter().zip(bases) {
                let (key, len, bits) = keys[k];
                used[b ^ d] = true;
                (table.heads[b ^ d], table.tails[b ^ d]) = key;
                table.bits[b ^ d] = bits;
                table.lens[b ^ d] = len as u8;
            }
        }
        Some(WordTable { slots: table })
    }

    /// The bits of `w`, a word of at most [`WordTable::MAX`] bytes.
    #[inline]
    pub fn get(&self, w: &[u8]) -> u32 {
        let (head, tail) = key(w);
        let slot = self.slot(head, tail);
        let s = &*self.slots;
        if (s.heads[slot], s.tails[slot]) == (head, tail) && usize::from(s.lens[slot]) == w.len() {
            s.bits[slot]
        } else {
            0
        }
    }

    /// [`get`](WordTable::get) of a word of no more than sixteen bytes and no NUL,
    /// given its [`key`], with no branch: its one slot holds it, or it is in no table.
    /// A test of the key went one way for the words in a table (`the`, `of`, `said`)
    /// and the other for the words around them, and was mispredicted for about one
    /// token in eight. The key picks the entry read (the slot's, or the empty one past
    /// the slots), not whether one is read.
    ///
    /// A key that matches is the word's: two words with one key and no NUL are one
    /// word. The empty word's key, 0, is an empty slot's, whose bits are 0.
    #[inline]
    pub fn get_padded(&self, head: u64, tail: u64) -> u32 {
        let slot = self.slot(head, tail);
        let s = &*self.slots;
        // Both halves compared with no branch between them.
        let at = if (s.heads[slot] ^ head) | (s.tails[slot] ^ tail) == 0 {
            slot
        } else {
            Self::SLOTS
        };
        s.bits[at]
    }

    /// [`get_padded`](WordTable::get_padded) of the word of `n` bytes, at most
    /// [`WordTable::MAX`], with no NUL, that the sixteen bytes `head` and `tail`
    /// (little-endian) start with.
    #[inline]
    pub fn get_prefix(&self, head: u64, tail: u64, n: usize) -> u32 {
        let masks = &self.slots.masks;
        self.get_padded(head & masks[0][n], tail & masks[1][n])
    }

    /// The one slot that may hold the word whose key is `(head, tail)`.
    #[inline]
    fn slot(&self, head: u64, tail: u64) -> usize {
        let s = &*self.slots;
        let h = Self::hash(s.mul, (head, tail));
        (Self::base(h) ^ usize::from(s.disp[Self::group(h)])) & (Self::SLOTS - 1)
    }

    fn hash(mul: u64, key: (u64, u64)) -> u64 {
        fold(key).wrapping_mul(mul)
    }

    /// The group of a hash: its top bits.
    fn group(h: u64) -> usize {
        (h >> (64 - Self::GROUPS.trailing_zeros())) as usize
    }

    /// The slot of a hash before its group's displacement: the bits below the group's.
    fn base(h: u64) -> usize {
        let shift = 64 - Self::GROUPS.trailing_zeros() - Self::SLOTS.trailing_zeros();
        (h >> shift) as usize & (Self::SLOTS - 1)
    }
}

/// A key's two halves in one number, for the multiply: one add, where a rotate of
/// one half first cost two more instructions for every token. Its only duty is that
/// the table's words fold apart, which [`WordTable::new`] checks.
#[inline(always)]
fn fold((head, tail): (u64, u64)) -> u64 {
    head.wrapping_add(tail)
}

/// A word of at most [`WordTable::MAX`] bytes as two integers that, with its length,
/// are the word: its bytes, little-endian, zero-padded to sixteen, in two halves. The
/// tokenizer has the sixteen bytes at the word's start, and the key is then two masks
/// away. A word without NUL bytes needs no length: its key alone is the word.
pub(super) fn key(w: &[u8]) -> (u64, u64) {
    let (head, tail) = w.split_at(w.len().min(8));
    (padded(head), padded(&tail[..tail.len().min(8)]))
}

/// At most eight bytes, little-endian and zero-padded, read in overlapping loads as
/// [`fold_hash`](crate::gazetteer::fold_hash) reads short words: no call to copy
/// them, for the rules that look words up by their text.
fn padded(b: &[u8]) -> u64 {
    let n = b.len();
    let four = |at: usize| u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]));
    match b.first_chunk::<8>() {
        Some(&eight) => u64::from_le_bytes(eight),
        None if n >= 4 => four(0) | four(n - 4) << (8 * (n - 4)),
        None if n > 0 => {
            let at = |k: usize| u64::from(b[k]) << (8 * k);
            at(0) | at(n / 2) | at(n - 1)
        }
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word has a slot of its own, and a word in no table finds no bits.
    #[test]
    fn every_word_is_found_in_its_one_slot() {
        let mut words: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
        for i in 0..1500u32 {
            words.insert(
                format!("w{i}x{}", "y".repeat(i as usize % 15)).into(),
                i + 1,
            );
        }
        let table = WordTable::new(&words);
        let short = words.keys().filter(|w| w.len() <= WordTable::MAX).count();
        assert_eq!(table.slots.heads.iter().filter(|&&h| h != 0).count(), short);
        for (w, &bits) in &words {
            if w.len() <= WordTable::MAX {
                assert_eq!(table.get(w.as_bytes()), bits, "{w}");
            }
        }
        for w in ["", "w", "w1", "w1xy", "w0xyyyyyyyyyyyyyy", "zzzzzzzzz"] {
            let want = words.get(w).copied().unwrap_or(0);
            assert_eq!(table.get(w.as_bytes()), want, "{w}");
        }
        // The branch-free way in agrees for every word, every prefix of one (as
        // far as the words share their first bytes) and words in no table.
        let mut asked: Vec<String> = words.keys().map(|w| w.to_string()).collect();
        for w in words.keys() {
            asked.extend((0..w.len()).map(|n| w[..n].to_string()));
        }
        asked.extend(["w", "w1x", "w12x", "w3xyyyy", "zzzzzzzz", "w100xyyy"].map(String::from));
        for w in asked.iter().filter(|w| w.len() <= WordTable::MAX) {
            let (head, tail) = key(w.as_bytes());
            assert_eq!(table.get_padded(head, tail), table.get(w.as_bytes()), "{w}");
        }
        // A NUL past a word is no part of its key, but is of its length.
        assert_eq!(table.get(b"w0x\0"), 0);
        assert_eq!(table.get(b"w0x"), words["w0x"]);
    }
}
