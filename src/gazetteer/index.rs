//! The case-folded alias index.
//!
//! The index maps the ASCII-case-folded bytes of every alias (and of the first token of
//! every multi-token alias) to a [`Key`]. It is an open-addressing table of
//! `(tag, key)` pairs, probed linearly; the key's bytes are compared only when the
//! 32-bit tag agrees, so a miss (the common case for a token) costs one hash and
//! usually one probe. The hash ([`Probe`]) starts from the span's first eight bytes
//! folded, which also check most keys without reading their alias.

use super::fused::risky_gaps;
use super::matcher::{Known, More};
use super::tokens::{Byte, BYTE_CLASS};
use super::words::{eight_at, fold_eq, head8, len_mask, lower8};

mod pairs;
mod scan;
mod stops;
mod table;
use pairs::Pairs;
pub(super) use scan::{next_word_probe, ENDS_WORD, FOLD};
use stops::Stops;
use table::Table;
pub(super) use table::{spread, Spread, MAX_KEYS};

/// "No such item" in the `u32` links of the index and the gazetteer.
pub(super) const NONE: u32 = u32::MAX;

/// Aliases longer than this many tokens are kept for [`lookup`](super::Gazetteer::lookup)
/// but are not matched in text.
pub(super) const MAX_TOKENS: usize = 32;

/// The hash of a span up to ASCII case, eight bytes at a time. Setting bit 5 of every
/// byte folds `A-Z` onto `a-z`; it also merges a few other bytes (`@` and `` ` ``),
/// which only makes the hash coarser than [`fold_eq`], never inconsistent with it.
#[inline]
pub(crate) fn fold_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    const FOLD: u64 = 0x2020_2020_2020_2020;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ (u64::from_le_bytes(w) | FOLD)).wrapping_mul(K);
    }
    // The last 1 to 7 bytes in at most two loads (overlapping when short), without
    // a copy: the same bytes always give the same word.
    let rest = chunks.remainder();
    let n = rest.len();
    let tail = if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
        Some(u64::from(lo) | u64::from(hi) << 32)
    } else if n > 0 {
        Some(u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16)
    } else {
        None
    };
    if let Some(w) = tail {
        h = (h.rotate_left(5) ^ (w | FOLD)).wrapping_mul(K);
    }
    h ^= h >> 32;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 29)
}

/// Both halves of the 128-bit product: a cheap mix in which every input bit reaches
/// every output bit.
#[inline(always)]
fn mix(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ (p >> 64) as u64
}

/// A span ready to be looked up in the index: the hash of its length and first eight
/// bytes up to ASCII case, computed once and used for the filter, the table and the
/// check of a key; the rest of a longer span is hashed only when the filter lets it by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Probe {
    /// The hash of the length and the first eight bytes, and of the whole span when it
    /// has at most eight bytes.
    first: u64,
    /// The first eight bytes, lowercased (see [`Key::head8`]).
    pub(in crate::gazetteer) head8: u64,
    len: usize,
}

impl Probe {
    /// The probe for `bytes`. Lowercasing `A`-`Z` only, like [`fold_eq`], so that spans
    /// equal up to ASCII case, and only they, hash alike but for collisions.
    #[inline(always)]
    pub fn new(bytes: &[u8]) -> Probe {
        Probe::folded(head8(bytes), bytes.len())
    }

    /// The probe for `text[s..e]`: one load when eight bytes follow `s`.
    #[inline(always)]
    pub fn in_text(text: &[u8], s: usize, e: usize) -> Probe {
        match eight_at(text, s) {
            Some(w) => Probe::folded(lower8(u64::from_le_bytes(*w) & len_mask(e - s)), e - s),
            None => Probe::new(&text[s..e]),
        }
    }

    /// The probe of a span of `len` bytes whose first eight, lowercased, are `head8`.
    #[inline(always)]
    pub(in crate::gazetteer) fn folded(head8: u64, len: usize) -> Probe {
        const SEED: u64 = 0x243f_6a88_85a3_08d3;
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        Probe {
            first: mix(head8 ^ SEED, len as u64 ^ K),
            head8,
            len,
        }
    }

    /// The hash of the span's length and first eight bytes, made with the probe: a
    /// small table of some aliases needs no more hashing than this.
    #[inline(always)]
    pub fn head_hash(&self) -> u64 {
        self.first
    }

    /// The hash of the whole span `bytes` this probe was made from.
    #[inline(always)]
    pub fn hash(&self, bytes: &[u8]) -> u64 {
        if self.len > 8 {
            hash_rest(self.first, bytes)
        } else {
            self.first
        }
    }
}

/// [`Probe::hash`] of a span longer than eight bytes: `first` mixed with the bytes after
/// the eighth, eight at a time, the last eight overlapping the ones before.
#[inline(never)]
fn hash_rest(first: u64, span: &[u8]) -> u64 {
    const K: u64 = 0xff51_afd7_ed55_8ccd;
    let folded = |i: usize| eight_at(span, i).map_or(0, |w| lower8(u64::from_le_bytes(*w)));
    let n = span.len();
    let mut h = first;
    let mut i = 8;
    while i + 8 < n {
        h = mix(h ^ folded(i), K);
        i += 8;
    }
    mix(h ^ folded(n.saturating_sub(8)), K)
}

/// One folded key: an alias, the first token of longer aliases, or both.
///
/// Exactly one cache line (the alignment and the size check below): the matching pass
/// reads a found key's check, its walk bits and its rules' answers, one line where a
/// key across two lines cost two misses. Its hash, read only to place it in a table,
/// is in [`FoldIndex::hashes`].
#[derive(Clone, Copy, Debug)]
#[repr(align(64))]
pub(super) struct Key {
    /// The key's first eight bytes, lowercased: most keys are checked against the text
    /// with this alone, without reading the alias (set by [`FoldIndex::insert`]).
    pub head8: u64,
    /// First and last surface (exact alias) folding to this key, or [`NONE`] when the
    /// key is only the first token of longer aliases.
    pub head: u32,
    pub tail: u32,
    /// A surface whose first `len` bytes spell the key.
    pub spelled_by: u32,
    pub len: u32,
    /// Some longer alias starts with this key and the next token: matching tries one
    /// token more only then, like a walk down a trie of tokens. A bit per
    /// [`next_bit`] of the byte that follows the key in such an alias (the one after
    /// a space), so that the walk stops unless the text goes on alike.
    pub next: u64,
    /// The same, for aliases that text not starting with a capital may match, so
    /// that "the" in running text does not try every "The ..." name.
    pub next_small: u64,
    /// Some alias reachable through this key may match text that does not start with
    /// an ASCII capital: the key is in the small table.
    pub small: bool,
    /// Some alias of this key may match text without capitals ("said", "$"), so that
    /// "in" and "as" (the codes "IN", the legal form "AS") are turned down unread.
    pub lower_ok: bool,
    /// Some alias of this key starts with no ASCII capital: only such an alias may
    /// match text that starts with none ("the" is no key of its own for lowercase
    /// text, only the start of "the Kremlin"; its alias is "The", a given name).
    pub small_alias: bool,
    /// Some row of this key is `common=1`: a hit of it may name a common word, and
    /// only reading its candidates tells ([`Hit::may_be_common`]).
    ///
    /// [`Hit::may_be_common`]: super::Hit::may_be_common
    pub common: bool,
    /// The rules' answer for lowercase and for capitalized text
    /// ([`KNOWN_SHAPES`](super::matcher::KNOWN_SHAPES)), set once every row is in.
    pub known: [Known; 2],
    /// Where the rules' answers for other text shapes, or for text whose answer
    /// depends only on whether it starts a sentence, are in [`FoldIndex::more`]
    /// (when some are worked out); else [`NONE`].
    pub more: u32,
}

const _: () = assert!(std::mem::size_of::<Key>() == 64);

impl Key {
    /// True when the key is an alias some text of its own may match: text that
    /// starts with an ASCII capital or (`small`) not. An alias that starts with a
    /// capital matches text starting otherwise neither as written nor in capitals.
    #[inline(always)]
    pub fn may_match(&self, small: bool) -> bool {
        // No branch on `small`: whether a token is capitalized varies with the text.
        (self.head != NONE) & (!small | self.small_alias)
    }

    /// True when some longer alias may go on from this key, spelled by `text[..end]`,
    /// for text that starts with a capital or (`small`) not.
    #[inline(always)]
    pub fn goes_on(&self, small: bool, text: &[u8], end: usize) -> bool {
        let next = if small { self.next_small } else { self.next };
        // No test of `next` first: whether a key goes on is as varied as the text, and
        // the bit costs less than a mispredicted branch.
        next & next_bit(text, end) != 0
    }
}

/// The bit of the byte at `end` of `bytes`, or of the one after when that is a space
/// (a token's next token starts there), the same for both ASCII cases; every bit when
/// `bytes` ends first, none when the text does.
#[inline(always)]
pub(super) fn next_bit(bytes: &[u8], end: usize) -> u64 {
    // Most keys end with two bytes to go: the byte after a space is picked by a
    // select, not a branch on what follows the key.
    if let Some(&[b, after]) = bytes.get(end..).and_then(<[u8]>::first_chunk::<2>) {
        let b = if b == b' ' { after } else { b };
        return BYTE_BIT[usize::from(b)];
    }
    let b = match bytes.get(end) {
        Some(b' ') => bytes.get(end + 1),
        b => b,
    };
    b.map_or(0, |&b| BYTE_BIT[usize::from(b)])
}

/// The bit of each byte in [`Key::next`]: one load, where the shift by a variable
/// amount took four instructions.
const BYTE_BIT: [u64; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = 1 << ((b as u8 | 0x20) & 63);
        b += 1;
    }
    t
};

/// True for an ASCII byte that the entity tokenizer's fast loop may read in a gap
/// between words without a split (see [`risky_gaps`]): no letter, no digit, not risky.
fn gap_byte(b: u8) -> bool {
    !b.is_ascii_alphanumeric() && risky_gaps(u64::from(b)) == 0
}

/// The folded-key hash table, plus a small one of the keys that text not starting
/// with an ASCII capital can reach (verbs, roles, currency units, symbols: a few
/// thousand), so that the lowercase words and the punctuation of running text, most of
/// its tokens, probe a table that stays in cache. Only capitalized tokens probe the
/// table of all keys.
#[derive(Debug)]
pub(super) struct FoldIndex {
    all: Table,
    small: Table,
    /// A bit per [`filter_slot`] of the keys in the small table: most words of running
    /// text are lowercase and in no table, and this answers for them without a probe.
    /// In the index itself, not boxed: the loop over the tokens reads it at a fixed
    /// offset from the index, without loading a pointer for every word.
    small_filter: [u64; FILTER_WORDS],
    /// The keys of the small table that lowercase words spelling them are turned down
    /// by ("the", "in"): the matching pass skips such a word unless the text goes on.
    small_stops: Stops,
    /// True for each ASCII byte that starts no match: a symbol (`,`, `.`) whose
    /// one-byte token is no key of the small table, white space or a control byte
    /// (`\n`). The matching pass skips it unread. A `bool` a byte, not a bit: one load
    /// where finding the bit took four more instructions, for every token.
    plain_bytes: [bool; 256],
    /// True when every ASCII byte but the few that [`risky_gaps`] marks is plain: then
    /// the gaps the entity tokenizer's fast loop reads without a risky byte start no
    /// match, and [`Gazetteer::find_scanned`](super::Gazetteer::find_scanned) may take
    /// its words for the matching pass's tokens.
    pub fuses: bool,
    /// The pairs of a key and the token that some longer alias goes on with from
    /// it: a walk from a key stops when the text's next token follows it in no alias
    /// ("The company"), without hashing the span.
    pairs: Pairs,
    pub keys: Vec<Key>,
    /// [`Probe::hash`] of each key, kept so that the tables can be rebuilt.
    hashes: Vec<u64>,
    /// More answers of the rules for some keys ([`Key::more`]).
    pub more: Vec<More>,
}

/// Bits of the small table's filter: a few thousand keys set a few percent of them,
/// and the filter (16 KB) stays in the first-level cache.
const FILTER_BITS: u32 = 17;
/// The filter's words: a fixed size, so that a lookup needs no bounds check.
const FILTER_WORDS: usize = 1 << (FILTER_BITS - 6);

/// Where the bit of a span whose first eight bytes, lowercased, are `head8` is in the
/// filter: one multiply, not the probe's hash, so that the matching pass turns down a
/// lowercase word before hashing it. The bits come from the top of the product, which
/// every bit of `head8` and of the length reaches.
#[inline(always)]
fn filter_slot(head8: u64, len: usize) -> usize {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    (head8.wrapping_add(len as u64).wrapping_mul(K) >> (64 - FILTER_BITS)) as usize
}

impl FoldIndex {
    /// An index sized for about `n` keys (it grows when needed).
    pub fn with_capacity(n: usize) -> FoldIndex {
        // A load of at most about one half keeps probes short and the table small
        // while keys go in (its random accesses are most of the build time); the
        // table is [`spread`] out for the lookups once they are all in.
        FoldIndex {
            all: Table::with_slots(n + n / 2),
            small: Table::with_slots(8),
            small_filter: [0; FILTER_WORDS],
            small_stops: Stops::new(),
            plain_bytes: [false; 256],
            fuses: false,
            pairs: Pairs::new(),
            keys: Vec::with_capacity(n),
            hashes: Vec::with_capacity(n),
            more: Vec::new(),
        }
    }

    /// False when the span of `probe` is surely no key of the small table (see
    /// [`FoldIndex::get`]): most lowercase words of running text stop here.
    #[inline(always)]
    pub fn may_be_small(&self, probe: &Probe) -> bool {
        self.may_be_small_word(probe.head8, probe.len)
    }

    /// [`FoldIndex::may_be_small`] of a span of `len` bytes whose first eight,
    /// lowercased, are `head8`, before its probe is made.
    #[inline(always)]
    fn may_be_small_word(&self, head8: u64, len: usize) -> bool {
        let slot = filter_slot(head8, len);
        self.small_filter[slot / 64] & 1 << (slot % 64) != 0
    }

    /// Records that an alias goes on from key `key` with a token of probe `next`, then
    /// with the byte of [`next_bit`] `after` (see [`Pairs::add`]).
    pub fn add_pair(&mut self, key: u32, next: &Probe, after: u64) {
        self.pairs.add(key, next, after);
    }

    /// False when no alias goes on from key `key` with a token of probe `next`, then
    /// with the byte of [`next_bit`] `after()` (see [`Pairs::may_go_on`]).
    #[inline(always)]
    pub fn may_go_on(&self, key: u32, next: &Probe, after: impl FnOnce() -> u64) -> bool {
        self.pairs.may_go_on(key, next, after)
    }

    /// The key spelled (up to case) by `bytes`, whose probe is `probe`; `small` when
    /// the text does not start with an ASCII capital. `spell(key)` gives the bytes a
    /// key was made from.
    #[inline(always)]
    pub fn get<'a>(
        &self,
        bytes: &[u8],
        probe: &Probe,
        small: bool,
        spell: impl Fn(&Key) -> &'a [u8],
    ) -> Option<u32> {
        self.get_hashed(bytes, probe, probe.hash(bytes), small, spell)
    }

    /// [`FoldIndex::get`] with [`Probe::hash`] of `bytes` given: the build inserts
    /// `bytes` when it is not there, with the same hash.
    #[inline(always)]
    pub fn get_hashed<'a>(
        &self,
        bytes: &[u8],
        probe: &Probe,
        hash: u64,
        small: bool,
        spell: impl Fn(&Key) -> &'a [u8],
    ) -> Option<u32> {
        let table = if small { &self.small } else { &self.all };
        table.get(&self.keys, hash, |k| {
            k.head8 == probe.head8
                && k.len as usize == probe.len
                && (probe.len <= 8 || fold_eq(spell(k), bytes))
        })
    }

    /// Adds `key`, whose probe is `probe` and [`Probe::hash`] `hash` (its `head8` is
    /// set here); the caller has checked it is not there yet and that there are fewer
    /// than [`MAX_KEYS`].
    pub fn insert(&mut self, mut key: Key, hash: u64, probe: &Probe) -> u32 {
        key.head8 = probe.head8;
        if (self.keys.len() + 1) * 4 > self.all.slots.len() * 3 {
            self.all = Table::with_slots(self.all.slots.len() * 2);
            for (id, &hash) in self.hashes.iter().enumerate() {
                self.all.place(hash, id as u32);
            }
        }
        let id = self.keys.len() as u32;
        self.all.place(hash, id);
        self.keys.push(key);
        self.hashes.push(hash);
        id
    }

    /// The keys' hashes, taken out for [`spread`] (the index gets them back with the
    /// table, from [`FoldIndex::install`]).
    pub fn take_hashes(&mut self) -> Vec<u64> {
        std::mem::take(&mut self.hashes)
    }

    /// Puts in the table of all keys that [`spread`] built from the hashes taken out
    /// by [`FoldIndex::take_hashes`], and the hashes.
    pub fn install(&mut self, (all, hashes): Spread) {
        debug_assert_eq!(hashes.len(), self.keys.len());
        self.all = all.0;
        self.hashes = hashes;
    }

    /// Builds the small table and its filter, once every key is in; `spell(key)` gives
    /// the bytes a key was made from.
    pub fn finish<'a>(&mut self, spell: impl Fn(&Key) -> &'a [u8]) {
        let small: Vec<u32> = (0..self.keys.len() as u32)
            .filter(|&k| self.keys[k as usize].small)
            .collect();
        self.small = Table::with_slots(small.len() * 2);
        self.small_filter.fill(0);
        self.small_stops = Stops::build(small.iter().map(|&k| &self.keys[k as usize]), &spell);
        for k in small {
            // The hash again (a few thousand keys): the hashes may be out for `spread`.
            let bytes = spell(&self.keys[k as usize]);
            let probe = Probe::new(bytes);
            self.small.place(probe.hash(bytes), k);
            let slot = filter_slot(probe.head8, probe.len);
            self.small_filter[slot / 64] |= 1 << (slot % 64);
        }
        self.plain_bytes = [false; 256];
        for b in 0..128u8 {
            let one = [b];
            let probe = Probe::new(&one);
            let plain = match BYTE_CLASS[usize::from(b)] {
                // White space and control bytes: no token at all ("\n\n").
                Byte::Space => true,
                Byte::Symbol => self.get(&one, &probe, true, &spell).is_none(),
                _ => false,
            };
            self.plain_bytes[usize::from(b)] = plain;
        }
        self.fuses = (0..128u8).all(|b| self.plain_bytes[usize::from(b)] || !gap_byte(b));
    }
}

#[cfg(test)]
mod tests {
    use super::super::load::spelling;
    use super::super::tests::embedded;
    use super::*;

    /// The built index has its table of all keys spread out (see [`spread`]) and the
    /// hashes back, and finds every key in it.
    #[test]
    fn built_table_is_spread() {
        let g = embedded();
        let index = &g.index;
        assert!(index.all.slots.len() >= index.keys.len() * 3);
        assert_eq!(index.hashes.len(), index.keys.len());
        for (k, key) in index.keys.iter().enumerate() {
            let bytes = spelling(&g.surfaces, key);
            let found = index.get(bytes, &Probe::new(bytes), false, |k| {
                spelling(&g.surfaces, k)
            });
            assert_eq!(found, Some(k as u32), "{bytes:?}");
        }
    }

    /// The two-byte path of [`next_bit`] gives the bit of the byte-by-byte reading.
    #[test]
    fn next_bits_agree_with_a_byte_reading() {
        let slow = |bytes: &[u8], end: usize| {
            let b = match bytes.get(end) {
                Some(b' ') => bytes.get(end + 1),
                b => b,
            };
            b.map_or(0, |&b| 1u64 << ((b | 0x20) & 63))
        };
        for text in [
            "",
            " ",
            "  ",
            "a",
            "a ",
            " a",
            "New York  City",
            "U.S. x",
            "Kyiv,\n é",
        ] {
            let bytes = text.as_bytes();
            for end in 0..=bytes.len() + 2 {
                assert_eq!(next_bit(bytes, end), slow(bytes, end), "{text:?} at {end}");
            }
        }
    }

    #[test]
    fn folding_agrees_with_ascii_case() {
        // (a, b, equal up to ASCII case)
        let cases: &[(&str, &str, bool)] = &[
            ("KyIv", "kyiv", true),
            ("KYIV", "Kyiv", true),
            ("U.S.", "u.s.", true),
            ("[", "{", false),
            ("@", "`", false),
            ("É", "é", false),
            ("Donetsk Oblast", "DONETSK OBLAST", true),
            ("Donetsk Oblast", "Donetsk Oblasx", false),
        ];
        for &(a, b, equal) in cases {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            assert_eq!(fold_eq(a, b), equal, "{a:?} {b:?}");
            if equal {
                assert_eq!(fold_hash(a), fold_hash(b));
                assert_eq!(head8(a), head8(b));
            } else if a.len() <= 8 {
                assert_ne!(head8(a), head8(b));
            }
        }
    }
}
