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
#[inline]
fn class_at(text: &str, pos: usize) -> (Byte, usize) {
    let b = text.as_bytes()[pos];
    match BYTE_CLASS[b as usize] {
        Byte::NonAscii => match text[pos..].chars().next() {
            Some(c) if c.is_alphanumeric() => (Byte::Word, c.len_utf8()),
            Some(c) if c.is_whitespace() => (Byte::Space, c.len_utf8()),
            Some(c) => (Byte::Symbol, c.len_utf8()),
            None => (Byte::Space, 1),
        },
        class => (class, 1),
    }
}

/// The first token at or after byte `pos` (a char boundary): its byte range.
#[inline]
pub(super) fn next_token(text: &str, mut pos: usize) -> Option<(usize, usize)> {
    let len = text.len();
    while pos < len {
        let (class, n) = class_at(text, pos);
        match class {
            Byte::Space => pos += n,
            Byte::Symbol => return Some((pos, pos + n)),
            _ => {
                let start = pos;
                pos += n;
                while pos < len {
                    let (class, n) = class_at(text, pos);
                    if class != Byte::Word {
                        break;
                    }
                    pos += n;
                }
                return Some((start, pos));
            }
        }
    }
    None
}

/// True when the character starting at `pos` is a letter or digit.
pub(super) fn is_word_at(text: &str, pos: usize) -> bool {
    pos < text.len() && class_at(text, pos).0 == Byte::Word
}

/// The number of tokens in `s` and the end of its first token.
pub(super) fn count_tokens(s: &str) -> (usize, usize) {
    let mut n = 0;
    let mut first_end = 0;
    let mut pos = 0;
    while let Some((_, end)) = next_token(s, pos) {
        if n == 0 {
            first_end = end;
        }
        n += 1;
        pos = end;
    }
    (n, first_end)
}

/// ASCII lowercase; other bytes unchanged (non-ASCII text matches only as written).
#[inline]
fn fold(b: u8) -> u8 {
    b.to_ascii_lowercase()
}

/// A running hash of case-folded bytes, so that the hash of each longer span of a
/// multi-token candidate extends the previous one instead of starting over.
#[derive(Clone, Copy)]
pub(super) struct FoldHasher(u64);

impl FoldHasher {
    pub fn new() -> FoldHasher {
        FoldHasher(0xcbf2_9ce4_8422_2325)
    }

    #[inline]
    pub fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h = (h ^ u64::from(fold(b))).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    #[inline]
    pub fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

/// The hash of one span, folded.
#[inline]
pub(super) fn fold_hash(bytes: &[u8]) -> u64 {
    let mut h = FoldHasher::new();
    h.write(bytes);
    h.finish()
}

/// True when `a` and `b` are equal up to ASCII case.
#[inline]
pub(super) fn fold_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| fold(x) == fold(y))
}

/// One folded key: an alias, the first token of longer aliases, or both.
#[derive(Clone, Copy, Debug)]
pub(super) struct Key {
    /// The folded hash, kept so that the table can grow.
    pub hash: u64,
    /// First and last surface (exact alias) folding to this key, or [`NONE`] when the
    /// key is only the first token of longer aliases.
    pub head: u32,
    pub tail: u32,
    /// A surface whose first `len` bytes spell the key.
    pub spelled_by: u32,
    pub len: u32,
    /// The most tokens of an alias starting with this key (1 when none is longer).
    pub max_tokens: u8,
    /// The same, counting only aliases that may match with a lowercase first letter,
    /// so that "the" in running text does not try every "The ..." name.
    pub max_tokens_lower: u8,
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    tag: u32,
    key: u32,
}

const EMPTY: Slot = Slot { tag: 0, key: NONE };

/// The folded-key hash table.
#[derive(Debug, Default)]
pub(super) struct FoldIndex {
    slots: Vec<Slot>,
    mask: usize,
    pub keys: Vec<Key>,
}

impl FoldIndex {
    /// An index sized for about `n` keys (it grows when needed).
    pub fn with_capacity(n: usize) -> FoldIndex {
        let cap = (n.max(8) * 2).next_power_of_two();
        FoldIndex {
            slots: vec![EMPTY; cap],
            mask: cap - 1,
            keys: Vec::with_capacity(n),
        }
    }

    #[inline]
    fn split(hash: u64) -> (usize, u32) {
        ((hash >> 32) as usize, (hash as u32) | 1)
    }

    /// The key spelled (up to case) by `bytes`, whose hash is `hash`.
    /// `spell(key)` gives the bytes a key was made from.
    #[inline]
    pub fn get<'a>(
        &self,
        bytes: &[u8],
        hash: u64,
        spell: impl Fn(&Key) -> &'a [u8],
    ) -> Option<u32> {
        let (mut i, tag) = FoldIndex::split(hash);
        loop {
            let slot = self.slots[i & self.mask];
            if slot.key == NONE {
                return None;
            }
            if slot.tag == tag {
                let key = &self.keys[slot.key as usize];
                if key.len as usize == bytes.len() && fold_eq(spell(key), bytes) {
                    return Some(slot.key);
                }
            }
            i += 1;
        }
    }

    /// Adds `key` (under `key.hash`); the caller has checked it is not there yet.
    pub fn insert(&mut self, key: Key) -> u32 {
        if (self.keys.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let id = self.keys.len() as u32;
        self.place(key.hash, id);
        self.keys.push(key);
        id
    }

    fn place(&mut self, hash: u64, id: u32) {
        let (mut i, tag) = FoldIndex::split(hash);
        while self.slots[i & self.mask].key != NONE {
            i += 1;
        }
        self.slots[i & self.mask] = Slot { tag, key: id };
    }

    /// Doubles the table and places every key again.
    fn grow(&mut self) {
        let cap = (self.slots.len() * 2).max(16);
        self.slots = vec![EMPTY; cap];
        self.mask = cap - 1;
        for id in 0..self.keys.len() {
            self.place(self.keys[id].hash, id as u32);
        }
    }
}
