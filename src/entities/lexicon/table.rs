//! The lexicon's table of short words: a perfect hash of the bytes of a word, so that
//! the tokenizer looks up every token with two multiplies-and-shifts, two loads and
//! one compare, whose answer is "no" for almost every token.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::hash::WordHasher;

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

#[derive(Debug)]
struct Slots {
    /// The odd multiplier of [`WordTable::hash`], the first of the candidates that
    /// gives every word of a group its own slot.
    mul: u64,
    /// Per group, the displacement XOR-ed into its words' slots. Arrays of the group
    /// and slot counts, not slices: an index is below them by construction, and
    /// indexing needs no bounds check.
    disp: [u16; WordTable::GROUPS],
    /// A word's [`key`] head per slot, 0 for an empty slot (no word starts with NUL).
    heads: [u64; WordTable::SLOTS],
    /// Read only when the head matches: the key's tail, the word's length, its bits.
    rest: [(u64, u32, u32); WordTable::SLOTS],
    /// The bits of each slot's word when it has eight bytes or fewer (else 0), and 0
    /// past the slots: what [`WordTable::get_short`] reads, for a word in a table and
    /// a word in none alike.
    short: [u32; WordTable::SLOTS + 1],
}

impl WordTable {
    /// The longest word the keys tell apart from the others by their bytes alone.
    pub const MAX: usize = 16;
    /// Slots: a power of two, about twice the table's words (1,141), small enough that
    /// the heads (16 KB) stay in the first-level cache.
    const SLOTS: usize = 1 << 11;
    /// Groups of words that share a displacement: about two words each.
    const GROUPS: usize = 1 << 9;

    pub fn new(words: &HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>) -> WordTable {
        let mut keys: Vec<(u64, u64, u32, u32)> = words
            .iter()
            .filter(|(w, _)| w.len() <= Self::MAX)
            .map(|(w, &bits)| {
                let (head, tail) = key(w.as_bytes());
                (head, tail, w.len() as u32, bits)
            })
            .collect();
        // The map's order varies from run to run; the table is then built the same.
        keys.sort_unstable();
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
    fn place(keys: &[(u64, u64, u32, u32)], mul: u64) -> Option<WordTable> {
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); Self::GROUPS];
        for (k, &(head, tail, _, _)) in keys.iter().enumerate() {
            groups[Self::group(Self::hash(mul, head, tail))].push(k);
        }
        // The biggest groups first, while most slots are free.
        let mut order: Vec<usize> = (0..Self::GROUPS).collect();
        order.sort_by_key(|&g| (std::cmp::Reverse(groups[g].len()), g));
        let mut table = Box::new(Slots {
            mul,
            disp: [0; Self::GROUPS],
            heads: [0; Self::SLOTS],
            rest: [(0, 0, 0); Self::SLOTS],
            short: [0; Self::SLOTS + 1],
        });
        let mut used = vec![false; Self::SLOTS];
        for g in order.into_iter().take_while(|&g| !groups[g].is_empty()) {
            let bases: Vec<usize> = groups[g]
                .iter()
                .map(|&k| Self::base(Self::hash(mul, keys[k].0, keys[k].1)))
                .collect();
            let d = (0..Self::SLOTS).find(|&d| {
                let mut slots: Vec<usize> = bases.iter().map(|b| b ^ d).collect();
                slots.sort_unstable();
                slots.windows(2).all(|w| w[0] != w[1]) && slots.iter().all(|&s| !used[s])
            })?;
            table.disp[g] = d as u16;
            for (&k, b) in groups[g].iter().zip(bases) {
                let (head, tail, len, bits) = keys[k];
                used[b ^ d] = true;
                table.heads[b ^ d] = head;
                table.rest[b ^ d] = (tail, len, bits);
                if len <= 8 {
                    table.short[b ^ d] = bits;
                }
            }
        }
        Some(WordTable { slots: table })
    }

    /// The bits of `w`, a word of at most [`WordTable::MAX`] bytes.
    #[inline]
    pub fn get(&self, w: &[u8]) -> u32 {
        let (head, tail) = key(w);
        self.get_key(head, tail, w.len())
    }

    /// The bits of the word of `len` bytes whose [`key`] is `(head, tail)`: its one
    /// slot holds it, or it is in no table.
    #[inline]
    pub fn get_key(&self, head: u64, tail: u64, len: usize) -> u32 {
        let s = &*self.slots;
        let h = Self::hash(s.mul, head, tail);
        let slot = (Self::base(h) ^ usize::from(s.disp[Self::group(h)])) & (Self::SLOTS - 1);
        // Most tokens are in no table and stop here.
        if s.heads[slot] != head {
            return 0;
        }
        let (t, n, bits) = s.rest[slot];
        if t == tail && n as usize == len {
            bits
        } else {
            0
        }
    }

    /// [`get_key`](WordTable::get_key) of a word of one to eight bytes, whose key is
    /// `(head, 0)`, with no branch: a test of the head went one way for the words in
    /// a table (`the`, `of`, `said`) and the other for the words around them, and was
    /// mispredicted for about one token in eight. The head picks the entry read (the
    /// slot's, or the empty one past the slots), not whether one is read.
    ///
    /// A head that matches is the word's: two words of eight bytes or fewer with one
    /// head are one word (no word holds a NUL), and a longer word that shares its
    /// first eight bytes has no short bits.
    #[inline]
    pub fn get_short(&self, head: u64) -> u32 {
        let s = &*self.slots;
        let h = Self::hash(s.mul, head, 0);
        let slot = (Self::base(h) ^ usize::from(s.disp[Self::group(h)])) & (Self::SLOTS - 1);
        let at = if s.heads[slot] == head {
            slot
        } else {
            Self::SLOTS
        };
        s.short[at]
    }

    fn hash(mul: u64, head: u64, tail: u64) -> u64 {
        (head ^ tail.rotate_left(23)).wrapping_mul(mul)
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

/// A word of at most [`WordTable::MAX`] bytes as two integers that, with its length,
/// are the word: its first eight bytes (zero-padded) and, past eight, its last eight
/// (else 0). The tokenizer has the first eight bytes in a register, and a word of eight
/// or fewer is then a mask away. Short words are read in overlapping loads, as
/// [`fold_hash`](crate::gazetteer::fold_hash) reads them. The empty word's head is 0,
/// which only an empty slot holds, whose length 0 and bits 0 it then matches.
#[inline]
fn key(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    let word = |at: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&w[at..at + 8]);
        u64::from_le_bytes(b)
    };
    if n > 8 {
        (word(0), word(n - 8))
    } else if n == 8 {
        (word(0), 0)
    } else if n >= 4 {
        let lo = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        let hi = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]);
        (u64::from(lo) | u64::from(hi) << (8 * (n - 4)), 0)
    } else if n > 0 {
        let (a, b, c) = (w[0], w[n / 2], w[n - 1]);
        (
            u64::from(a) | u64::from(b) << (8 * (n / 2)) | u64::from(c) << (8 * (n - 1)),
            0,
        )
    } else {
        (0, 0)
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
        // The short way in agrees for every word of one to eight bytes, the heads of
        // longer words (their first eight bytes) and words in no table.
        let mut short: Vec<String> = words.keys().map(|w| w.to_string()).collect();
        short.extend(
            words
                .keys()
                .filter(|w| w.len() > 8)
                .map(|w| w[..8].to_string()),
        );
        short.extend(["w", "w1x", "w12x", "w3xyyyy", "zzzzzzzz", "w100xyyy"].map(String::from));
        for w in short.iter().filter(|w| (1..=8).contains(&w.len())) {
            let (head, _) = key(w.as_bytes());
            assert_eq!(table.get_short(head), table.get(w.as_bytes()), "{w}");
        }
    }
}
