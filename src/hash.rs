//! Hash maps and sets keyed by short words, with a multiplicative hasher.
//!
//! The entity rules look words up for most capitalized tokens, and the dateline's
//! agency table for every credit and sign-off: SipHash cost more than the rules around
//! those lookups.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::gazetteer::fold_hash;

/// A small multiplicative hasher for short words: the tables are looked up for most
/// capitalized tokens, where SipHash costs more than the rules around it.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    /// The gazetteer's eight-bytes-per-multiply word hash: every token of a story is
    /// looked up, and a multiply per byte made the hash the longest part of a lookup.
    /// It folds ASCII case, which only makes it coarser than `str` equality.
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.rotate_left(5) ^ fold_hash(bytes);
    }
    fn write_u8(&mut self, b: u8) {
        self.write_u64(u64::from(b));
    }
    /// Integer keys (an entry's address, a length) in one multiply, not as bytes
    /// through [`fold_hash`].
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        // Folds the high bits, which the multiplies fill, into the low ones the table uses.
        self.0 ^ (self.0 >> 29)
    }
}

/// Maps and sets keyed by words: [`WordHasher`] instead of SipHash, which cost more
/// than the lookups they serve. Nothing iterates them in an order that reaches the
/// output.
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
pub(crate) type WordSet<T> = HashSet<T, BuildHasherDefault<WordHasher>>;
