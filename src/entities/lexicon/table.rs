//! The lexicon's table of short words: open-addressed by the bytes of a word, so that
//! the tokenizer looks up every token with a multiply and a load or two.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::WordHasher;
/// The words of up to [`WordTable::MAX`] bytes, open-addressed by their bytes read as
/// two integers ([`key`]): a story's every token is looked up, most are in no table,
/// and a miss then costs a multiply and a load or two, with no string hashing and no
/// byte comparison.
#[derive(Debug)]
pub(super) struct WordTable {
    /// A word's [`key`] head per slot, 0 for an empty slot (no word starts with NUL).
    /// Arrays of [`WordTable::SLOTS`], not slices: a slot index is below it by
    /// construction, and indexing needs no bounds check.
    heads: Box<[u64; WordTable::SLOTS]>,
    /// Read only when the head matches: the key's tail, the word's length, its bits.
    rest: Box<[(u64, u32, u32); WordTable::SLOTS]>,
}

impl WordTable {
    /// The longest word the keys tell apart from the others by their bytes alone.
    pub const MAX: usize = 16;
    /// Slots: a power of two, seven or more times the table's words (1,098), so that
    /// most misses stop at the first slot (at four times, news text took 1.38 probes
    /// a word; at seven, 1.15).
    const SLOTS: usize = 1 << 13;

    pub fn new(words: &HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>) -> WordTable {
        let mut heads = Box::new([0u64; Self::SLOTS]);
        let mut rest = Box::new([(0u64, 0u32, 0u32); Self::SLOTS]);
        for (w, &bits) in words.iter().filter(|(w, _)| w.len() <= Self::MAX) {
            let (head, tail) = key(w.as_bytes());
            let mut i = slot(head, tail);
            while heads[i] != 0 {
                i = (i + 1) % Self::SLOTS;
            }
            heads[i] = head;
            rest[i] = (tail, w.len() as u32, bits);
        }
        WordTable { heads, rest }
    }

    /// The bits of `w`, a word of at most [`WordTable::MAX`] bytes.
    #[inline]
    pub fn get(&self, w: &[u8]) -> u32 {
        let (head, tail) = key(w);
        self.get_key(head, tail, w.len())
    }

    /// The bits of the word of `len` bytes whose [`key`] is `(head, tail)`.
    #[inline]
    pub fn get_key(&self, head: u64, tail: u64, len: usize) -> u32 {
        let mut i = slot(head, tail);
        loop {
            let h = self.heads[i];
            if h == 0 {
                return 0;
            }
            if h == head {
                let (t, n, bits) = self.rest[i];
                if t == tail && n as usize == len {
                    return bits;
                }
            }
            i = (i + 1) % Self::SLOTS;
        }
    }
}

/// A word of at most [`WordTable::MAX`] bytes as two integers that, with its length,
/// are the word: its first eight bytes (zero-padded) and, past eight, its last eight
/// (else 0). The tokenizer has the first eight bytes in a register, and a word of eight
/// or fewer is then a mask away. Short words are read in overlapping loads, as
/// [`fold_hash`](crate::gazetteer::fold_hash) reads them. The empty word's head is 0,
/// which no slot holds.
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

/// The first slot of a key.
fn slot(head: u64, tail: u64) -> usize {
    let h = (head ^ tail.rotate_left(23)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> (64 - WordTable::SLOTS.trailing_zeros())) as usize
}
