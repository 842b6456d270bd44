//! Words whose dot belongs to them: initials (`F.`) and abbreviations (`Mr.`).
//!
//! The fast loop asks about the word before a dot once a sentence (its last word) and
//! after most capitalized short words: a `match` on the word's bytes branched on its
//! length and bytes, and with sentence-final words of every kind the branches went
//! either way at random. The word's first eight bytes, cut to its length, are instead
//! looked up in a small table with no branch.

/// Abbreviations whose dot belongs to the word: all capitalized, none longer than six
/// bytes (a key fits in the low six bytes of a word).
const ABBREVIATIONS: [&[u8]; 31] = [
    b"Mr", b"Mrs", b"Ms", b"Dr", b"St", b"Jr", b"Sr", b"Gen", b"Col", b"Lt", b"Sgt", b"Capt",
    b"Cmdr", b"Gov", b"Sen", b"Rep", b"Prof", b"Rev", b"Inc", b"Ltd", b"Corp", b"Co", b"Mt", b"Ft",
    b"Bros", b"Adm", b"Maj", b"Pres", b"Messrs", b"Mme", b"Hon",
];

/// True when the dot after the ASCII letters and digits `word` is part of the word:
/// `word` is an initial (`F.`) or an [abbreviation](is_abbreviation) (`Mr.`).
pub(super) fn keeps_dot(word: &[u8]) -> bool {
    word.len() <= 6 && dot_keeper(pack(word), word.len())
}

/// True when `word` is one of the [`ABBREVIATIONS`].
pub(super) fn is_abbreviation(word: &[u8]) -> bool {
    word.len() >= 2 && keeps_dot(word)
}

/// [`keeps_dot`] of the word of `n` bytes whose first eight bytes (little-endian,
/// bytes past the word included) are `head`: one masked key and one table load. The
/// word holds no zero byte (it is letters and digits), so its key is its own.
#[inline(always)]
pub(super) fn dot_keeper(head: u64, n: usize) -> bool {
    // A word of seven bytes or more has key 0, which no slot holds.
    let key = head & KEY_MASKS[n.min(7)];
    DOT_KEEPERS[slot(key)] == key
}

/// The low `n` bytes of a word for `n` up to six; none for longer words.
static KEY_MASKS: [u64; 8] = {
    let mut masks = [0; 8];
    let mut n = 1;
    while n <= 6 {
        masks[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// Multiplies every key of [`DOT_KEEPERS`] into a slot of its own (found by a search;
/// the table's construction fails to compile if a key is added that collides).
const MULTIPLIER: u64 = 0xd5ce_1b4a_4633_7455;

/// The slot of `key` in [`DOT_KEEPERS`]: the top seven bits of its product.
const fn slot(key: u64) -> usize {
    (key.wrapping_mul(MULTIPLIER) >> 57) as usize
}

/// `word` (at most eight bytes) as a little-endian key.
const fn pack(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = word.len();
    while i > 0 {
        i -= 1;
        key = key << 8 | word[i] as u64;
    }
    key
}

/// The keys of the words that keep their dot: the capitals `A-Z` (initials) and the
/// [`ABBREVIATIONS`], each in its [`slot`]; empty slots hold a key no word has (its top
/// byte is set).
static DOT_KEEPERS: [u64; 128] = {
    const EMPTY: u64 = u64::MAX;
    let mut table = [EMPTY; 128];
    let mut add = 0;
    while add < 26 + ABBREVIATIONS.len() {
        let key = match add {
            0..26 => b'A' as u64 + add as u64,
            _ => pack(ABBREVIATIONS[add - 26]),
        };
        let s = slot(key);
        assert!(table[s] == EMPTY, "two dot keepers share a slot");
        assert!(key >> 48 == 0, "a dot keeper longer than six bytes");
        table[s] = key;
        add += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: a single capital, or one of the abbreviations.
    fn by_list(word: &[u8]) -> bool {
        matches!(word, [b] if b.is_ascii_uppercase()) || ABBREVIATIONS.contains(&word)
    }

    /// Every word of up to two bytes, every abbreviation with each byte changed, cut
    /// or lengthened, and longer words: the table says what the list says, from a
    /// slice and from eight bytes of text whatever follows the word.
    #[test]
    fn table_agrees_with_the_list() {
        let mut words: Vec<Vec<u8>> = vec![vec![]];
        for a in 0..=255u8 {
            words.push(vec![a]);
            for b in [b'a', b'r', b'R', b'.', 0x01, 0xFF] {
                words.push(vec![a, b]);
                words.push(vec![b, a]);
            }
        }
        for w in ABBREVIATIONS {
            for i in 0..w.len() {
                for b in [b'a', b'z', b'A', b'r', b'x', 0x80] {
                    let mut v = w.to_vec();
                    v[i] = b;
                    words.push(v);
                }
            }
            words.push(w[..w.len() - 1].to_vec());
            words.push([w, &b"s"[..]].concat());
            words.push([w, &b"rs"[..]].concat());
            words.push(w.to_ascii_lowercase());
            words.push(w.to_ascii_uppercase());
        }
        words.extend([&b"Messrsx"[..], b"Ukraine", b"ABCDEFGH", b"Kyiv"].map(<[u8]>::to_vec));
        // Words are letters and digits: no zero byte (`R\0` would pack as `R`).
        words.retain(|w| !w.contains(&0));
        let mut kept = 0;
        for w in &words {
            let want = by_list(w);
            kept += usize::from(want);
            assert_eq!(keeps_dot(w), want, "{w:?}");
            assert_eq!(is_abbreviation(w), want && w.len() >= 2, "{w:?}");
            for tail in [&b""[..], b".", b"sss", b"Mr. Smith", b"\0\0\0\0\0\0\0\0"] {
                let text = [&w[..], tail, &[b'A'; 8]].concat();
                let head = u64::from_le_bytes(text[..8].try_into().unwrap());
                assert_eq!(dot_keeper(head, w.len()), want, "{w:?} {tail:?}");
            }
        }
        assert!(kept >= 26 + ABBREVIATIONS.len());
    }
}
