//! Tokens and the case-folded alias index.
//!
//! Text is cut into tokens: a run of letters and digits is one token, any other
//! non-space character (`$`, `.`, `-`, `’`) is a token of its own. Aliases are cut the
//! same way, so an alias can only match whole tokens: "Russia" never fires inside
//! "Russian", while "U.S." (four tokens) matches in "U.S.-led".
//!
//! The index maps the ASCII-case-folded bytes of every alias (and of the first token of
//! every multi-token alias) to a [`Key`]. It is an open-addressing table of
//! `(tag, key)` pairs, probed linearly; the key's bytes are compared only when the
//! 32-bit tag agrees, so a miss (the common case for a token) costs one hash and
//! usually one probe.

/// "No such item" in the `u32` links of the index and the gazetteer.
pub(super) const NONE: u32 = u32::MAX;

/// Aliases longer than this many tokens are kept for [`lookup`](super::Gazetteer::lookup)
/// but are not matched in text.
pub(super) const MAX_TOKENS: usize = 32;

/// What the tokenizer makes of a byte: the ASCII classes are decided by table, a
/// non-ASCII byte starts a character that is decoded and classified.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Byte {
    Space,
    Word,
    Symbol,
    NonAscii,
}

const BYTE_CLASS: [Byte; 256] = {
    let mut t = [Byte::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            Byte::Word
        } else if c.is_ascii_whitespace() || c < 0x20 || c == 0x7f {
            Byte::Space
        } else {
            Byte::Symbol
        };
        b += 1;
    }
    t
};

/// The class of the character starting at `pos` (a char boundary) and its length.
#[inline(always)]
fn class_at(text: &str, pos: usize) -> (Byte, usize) {
    match BYTE_CLASS[text.as_bytes()[pos] as usize] {
        Byte::NonAscii => non_ascii_class_at(text, pos),
        class => (class, 1),
    }
}

#[cold]
#[inline(never)]
fn non_ascii_class_at(text: &str, pos: usize) -> (Byte, usize) {
    match text[pos..].chars().next() {
        // Quotes, dashes and odd spaces, common in news, skip the Unicode tables.
        Some(c @ '\u{2000}'..='\u{206f}') => {
            let space = matches!(
                c,
                '\u{2000}'..='\u{200b}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}'
            );
            (if space { Byte::Space } else { Byte::Symbol }, 3)
        }
        Some('\u{a0}') => (Byte::Space, 2),
        Some(c) if c.is_alphanumeric() => (Byte::Word, c.len_utf8()),
        Some(c) if c.is_whitespace() => (Byte::Space, c.len_utf8()),
        Some(c) => (Byte::Symbol, c.len_utf8()),
        None => (Byte::Space, 1),
    }
}

/// The first token at or after byte `pos` (a char boundary): its byte range.
#[inline]
pub(super) fn next_token(text: &str, mut pos: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    while pos < len {
        let (class, n) = class_at(text, pos);
        match class {
            Byte::Space => pos += n,
            Byte::Symbol => return Some((pos, pos + n)),
            _ => {
                let start = pos;
                pos += n;
                loop {
                    // ASCII letters and digits in a tight loop; anything else decides
                    // by its class.
                    while pos < len && BYTE_CLASS[bytes[pos] as usize] == Byte::Word {
                        pos += 1;
                    }
                    if pos < len && bytes[pos] >= 0x80 && class_at(text, pos).0 == Byte::Word {
                        pos += class_at(text, pos).1;
                        continue;
                    }
                    return Some((start, pos));
                }
            }
        }
    }
    None
}

/// True when the character starting at `pos` is a letter or digit.
pub(super) fn is_word_at(text: &str, pos: usize) -> bool {
    pos < text.len() && class_at(text, pos).0 == Byte::Word
}

/// The end of every token of `s` but the last (the token prefixes of an alias), and
/// the number of tokens.
pub(super) fn token_prefixes(s: &str, ends: &mut Vec<usize>) -> usize {
    ends.clear();
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return usize::from(!s.is_empty());
    }
    let mut pos = 0;
    while let Some((_, end)) = next_token(s, pos) {
        ends.push(end);
        pos = end;
    }
    let n = ends.len();
    ends.pop();
    n
}

/// The hash of a span up to ASCII case, eight bytes at a time. Setting bit 5 of every
/// byte folds `A-Z` onto `a-z`; it also merges a few other bytes (`@` and `` ` ``),
/// which only makes the hash coarser than [`fold_eq`], never inconsistent with it.
#[inline]
pub(super) fn fold_hash(bytes: &[u8]) -> u64 {
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

/// The first eight bytes of `bytes` (zero-padded), ASCII-lowercased eight at a time.
#[inline]
fn head8(bytes: &[u8]) -> u64 {
    let mut w = 0u64;
    for (i, &b) in bytes.iter().take(8).enumerate() {
        w |= u64::from(b) << (8 * i);
    }
    // Bytes `A`..=`Z` get bit 5 set; other bytes, non-ASCII ones too, stay as they are.
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let h = w & LOW7;
    let at_least_a = h + 0x3f3f_3f3f_3f3f_3f3f;
    let above_z = h + 0x2525_2525_2525_2525;
    let upper = at_least_a & !above_z & !w & HIGH;
    w | upper >> 2
}

/// True when `a` and `b` are equal up to ASCII case (non-ASCII text matches only as
/// written).
#[inline]
pub(super) fn fold_eq(a: &[u8], b: &[u8]) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// One folded key: an alias, the first token of longer aliases, or both.
#[derive(Clone, Copy, Debug)]
pub(super) struct Key {
    /// The folded hash, kept so that the table can grow.
    pub hash: u64,
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
    /// token more only then, like a walk down a trie of tokens.
    pub extends: bool,
    /// The same, for aliases that text not starting with a capital may match, so
    /// that "the" in running text does not try every "The ..." name.
    pub extends_small: bool,
    /// Some alias reachable through this key may match text that does not start with
    /// an ASCII capital: the key is in the small table.
    pub small: bool,
}

/// The most keys an index holds: a slot packs a key number and a hash tag in 32 bits.
pub(super) const MAX_KEYS: usize = (1 << KEY_BITS) - 1;
const KEY_BITS: u32 = 22;
const KEY_MASK: u32 = (1 << KEY_BITS) - 1;

/// A slot: the key number in the low [`KEY_BITS`] bits, a tag of the hash above them
/// (so that most wrong keys are skipped without reading them); `EMPTY` when free.
/// Four bytes a slot keep the table of all keys at 2 MB.
type Slot = u32;
const EMPTY: Slot = u32::MAX;

/// Open-addressing slots, probed linearly.
#[derive(Debug)]
struct Table {
    slots: Vec<Slot>,
    mask: usize,
}

impl Table {
    fn with_slots(cap: usize) -> Table {
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

    fn place(&mut self, hash: u64, id: u32) {
        let (mut i, tag) = Table::split(hash);
        while self.slots[i & self.mask] != EMPTY {
            i += 1;
        }
        self.slots[i & self.mask] = tag | id;
    }

    #[inline]
    fn get(
        &self,
        keys: &[Key],
        bytes: &[u8],
        hash: u64,
        spell: impl Fn(&Key) -> bool,
    ) -> Option<u32> {
        let (mut i, tag) = Table::split(hash);
        loop {
            let slot = self.slots[i & self.mask];
            if slot == EMPTY {
                return None;
            }
            if slot & !KEY_MASK == tag {
                let k = slot & KEY_MASK;
                let key = &keys[k as usize];
                if key.len as usize == bytes.len() && spell(key) {
                    return Some(k);
                }
            }
            i += 1;
        }
    }
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
    pub keys: Vec<Key>,
}

impl FoldIndex {
    /// An index sized for about `n` keys (it grows when needed).
    pub fn with_capacity(n: usize) -> FoldIndex {
        // A load of at most about one half keeps probes short and the table small
        // (its random accesses are most of the build time).
        FoldIndex {
            all: Table::with_slots(n + n / 2),
            small: Table::with_slots(8),
            keys: Vec::with_capacity(n),
        }
    }

    /// The key spelled (up to case) by `bytes`, whose hash is `hash`; `small` when the
    /// text does not start with an ASCII capital. `spell(key)` gives the bytes a key was
    /// made from.
    #[inline]
    pub fn get<'a>(
        &self,
        bytes: &[u8],
        hash: u64,
        small: bool,
        spell: impl Fn(&Key) -> &'a [u8],
    ) -> Option<u32> {
        let table = if small { &self.small } else { &self.all };
        table.get(&self.keys, bytes, hash, |k| {
            k.head8 == head8(bytes) && (bytes.len() <= 8 || fold_eq(spell(k), bytes))
        })
    }

    /// Adds `key` (under `key.hash`); the caller has checked it is not there yet and
    /// that there are fewer than [`MAX_KEYS`].
    pub fn insert(&mut self, mut key: Key, bytes: &[u8]) -> u32 {
        key.head8 = head8(bytes);
        if (self.keys.len() + 1) * 4 > self.all.slots.len() * 3 {
            self.all = Table::with_slots(self.all.slots.len() * 2);
            for (id, k) in self.keys.iter().enumerate() {
                self.all.place(k.hash, id as u32);
            }
        }
        let id = self.keys.len() as u32;
        self.all.place(key.hash, id);
        self.keys.push(key);
        id
    }

    /// Builds the small table, once every key is in.
    pub fn finish(&mut self) {
        let small: Vec<u32> = (0..self.keys.len() as u32)
            .filter(|&k| self.keys[k as usize].small)
            .collect();
        self.small = Table::with_slots(small.len() * 2);
        for k in small {
            self.small.place(self.keys[k as usize].hash, k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn tokens() {
        let text = "U.S.-led Kyiv’s  $5 Ærø";
        let mut pos = 0;
        let mut found = Vec::new();
        while let Some((s, e)) = next_token(text, pos) {
            found.push(&text[s..e]);
            pos = e;
        }
        assert_eq!(
            found,
            ["U", ".", "S", ".", "-", "led", "Kyiv", "’", "s", "$", "5", "Ærø"]
        );
    }
}
