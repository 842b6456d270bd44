//! A small map from keys (a place's reference, an organization's lowercased name, a
//! word of the story) to numbers (cluster ids, counts).

use crate::swar;

/// Numbers by key (cluster ids, or how often a word is written), for the few keys
/// of a story: an open-addressed table of key indices by fingerprint (`(length,
/// last eight bytes)` of the key's bytes), at most half full, so a lookup is one
/// probe nearly always. Whole keys are compared only when their fingerprints match.
/// The table is an array for up to [`SMALL`] / 2 keys (every story but a few):
/// nothing to allocate.
///
/// A scan of the fingerprints found a key with no hashing, but its tests took a
/// branch per key of the story, and where it stopped depended on the key: it
/// mispredicted about twice per lookup. A probe's one test (empty slot or match)
/// mispredicts at most once.
pub(in crate::entities) struct Keys<K> {
    /// Index in `keys` ([`EMPTY`] in an empty slot), while `large` is empty.
    small: [u32; SMALL],
    /// The same for more keys: a power of two long, made when `small` fills up.
    large: Vec<u32>,
    /// The keys with their fingerprints and numbers, in the order added.
    keys: Vec<((u32, u64), K, usize)>,
}

/// The slots of the table every story starts with.
const SMALL: usize = 64;

impl<K: AsRef<[u8]>> Keys<K> {
    /// Room for `n` keys in `keys` without growing.
    pub fn with_capacity(n: usize) -> Keys<K> {
        Keys {
            small: [EMPTY; SMALL],
            large: Vec::new(),
            keys: Vec::with_capacity(n),
        }
    }

    fn slots(&self) -> &[u32] {
        if self.large.is_empty() {
            &self.small
        } else {
            &self.large
        }
    }

    pub fn get(&self, key: &[u8]) -> Option<usize> {
        self.probe(fingerprint(key), |k| head_is(k, key))
    }

    /// Adds one to the number of `key`, or adds `key` with the number 1: the table as
    /// a counter (how often a story writes a word alone).
    pub fn count(&mut self, key: K) {
        let print = fingerprint(key.as_ref());
        match self.find(print, |k| head_is(k, key.as_ref())) {
            Some(n) => self.keys[n].2 += 1,
            None => self.insert_print(key, print, 1),
        }
    }

    /// The number of the first key from `print`'s home slot on whose fingerprint is
    /// `print` and for which `same` holds.
    #[inline(always)]
    fn probe(&self, print: (u32, u64), same: impl Fn(&[u8]) -> bool) -> Option<usize> {
        let (_, _, n) = self.keys.get(self.find(print, same)?)?;
        Some(*n)
    }

    /// Where in `keys` that key lies: the one probe loop of the lookups, which differ
    /// only in how a key is compared.
    #[inline(always)]
    fn find(&self, print: (u32, u64), same: impl Fn(&[u8]) -> bool) -> Option<usize> {
        let slots = self.slots();
        let mask = slots.len() - 1;
        let mut at = home(print, mask);
        loop {
            // An empty slot is past the end of `keys`: one test.
            let index = slots[at] as usize;
            let (p, k, _) = self.keys.get(index)?;
            if *p == print && same(k.as_ref()) {
                return Some(index);
            }
            at = (at + 1) & mask;
        }
    }

    /// The key added by [`insert_folded`](Self::insert_folded) that equals the ASCII
    /// `name` once both are lowercased, found without writing either: the
    /// fingerprints' words are lowercased at once, and a key is compared with `name`
    /// eight bytes at a time, lowercasing both. `None` as well when `name` is not
    /// ASCII (its bytes are checked in the same loads): lowercase it and
    /// [`get_folded`](Self::get_folded) that.
    ///
    /// Sound because lowercasing ASCII moves no byte: an ASCII name and a key agree
    /// lowercased exactly when their bytes agree once their `A-Z` are lowercased.
    pub fn get_lowercase(&self, name: &str) -> Option<usize> {
        let (len, word) = fingerprint(name.as_bytes());
        self.probe((len, lowercase(word)), |k| {
            word & swar::HIGH == 0 && lowercase_head_is(k, name.as_bytes())
        })
    }

    /// The key added by [`insert_folded`](Self::insert_folded) that equals `key`
    /// once its ASCII capitals are lowercased; `key` has none (a name lowercased by
    /// [`str::to_lowercase`]).
    pub fn get_folded(&self, key: &[u8]) -> Option<usize> {
        let (len, word) = fingerprint(key);
        self.probe((len, lowercase(word)), |k| k.eq_ignore_ascii_case(key))
    }

    /// Adds `key`, which [`get`](Self::get) does not know.
    pub fn insert(&mut self, key: K, id: usize) {
        let print = fingerprint(key.as_ref());
        self.insert_print(key, print, id);
    }

    /// Adds `key` as its ASCII capitals lowercased, for [`get_lowercase`] and
    /// [`get_folded`], which do not know it: kept as it is written (an organization's
    /// name, borrowed), where a lowercased copy was written per key (and allocated
    /// when long). A table's keys are all added one way.
    ///
    /// [`get_lowercase`]: Self::get_lowercase
    /// [`get_folded`]: Self::get_folded
    pub fn insert_folded(&mut self, key: K, id: usize) {
        let (len, word) = fingerprint(key.as_ref());
        self.insert_print(key, (len, lowercase(word)), id);
    }

    fn insert_print(&mut self, key: K, print: (u32, u64), id: usize) {
        if 2 * (self.keys.len() + 1) > self.slots().len() {
            self.grow();
        }
        let index = self.keys.len() as u32;
        self.keys.push((print, key, id));
        place(self.slots_mut(), print, index);
    }

    fn slots_mut(&mut self) -> &mut [u32] {
        if self.large.is_empty() {
            &mut self.small
        } else {
            &mut self.large
        }
    }

    /// Doubles the table, for more keys than it holds.
    #[cold]
    fn grow(&mut self) {
        let mut bigger = vec![EMPTY; 2 * self.slots().len()];
        for (n, (print, _, _)) in self.keys.iter().enumerate() {
            place(&mut bigger, *print, n as u32);
        }
        self.large = bigger;
    }
}

/// An empty slot: no story has that many keys.
const EMPTY: u32 = u32::MAX;

/// Puts a key's index in the first free slot from its fingerprint's home.
fn place(slots: &mut [u32], print: (u32, u64), index: u32) {
    let mask = slots.len() - 1;
    let mut at = home(print, mask);
    while slots[at] != EMPTY {
        at = (at + 1) & mask;
    }
    slots[at] = index;
}

/// The home slot of a fingerprint: the top bits of a multiplicative hash.
fn home((len, word): (u32, u64), mask: usize) -> usize {
    let h = (word ^ u64::from(len)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 40) as usize & mask
}

/// The length of `key` and its last eight bytes (all of a shorter key): equal keys
/// have equal fingerprints. A key of four bytes or more (nearly all) is read in one
/// or two loads, with no loop. A key longer than `u32::MAX` bytes shares its
/// length with shorter ones, which only costs a comparison of whole keys.
fn fingerprint(b: &[u8]) -> (u32, u64) {
    let word = match b.len() {
        8.. => u64::from_be_bytes(b[b.len() - 8..].try_into().unwrap_or_default()),
        // Its first and last four bytes, placed as the fold below places them: where
        // they overlap, they hold the same bytes.
        4.. => {
            let head = u64::from(u32::from_be_bytes(b[..4].try_into().unwrap_or_default()));
            let tail = u64::from(u32::from_be_bytes(
                b[b.len() - 4..].try_into().unwrap_or_default(),
            ));
            head << (8 * (b.len() - 4)) | tail
        }
        _ => b.iter().fold(0u64, |w, &byte| w << 8 | u64::from(byte)),
    };
    (b.len() as u32, word)
}

/// `word` with its ASCII capitals lowercased (bit 5 set on `A-Z`, which moves no
/// other byte).
fn lowercase(word: u64) -> u64 {
    word | swar::in_range(word, b'A', b'Z') >> 2
}

/// True when `key` is `name`, given that their fingerprints agree: the fingerprint
/// holds the length and the last eight bytes, so only the bytes before those are
/// compared, eight at a time, where a comparison of whole keys called `memcmp` for
/// every key found. A key of eight bytes or fewer (a country's reference, a short
/// word) is settled by its fingerprint.
fn head_is(key: &[u8], name: &[u8]) -> bool {
    let head = name.len().saturating_sub(8);
    // Differences gathered with no test per word: one test at the end.
    let differ = (0..head).step_by(8).fold(0, |differ, i| {
        let k = swar::load(key, i).unwrap_or(u64::MAX);
        let n = swar::load(name, i).unwrap_or(0);
        differ | k ^ n
    });
    differ == 0
}

/// True when `name`, whose fingerprint's word is ASCII, is ASCII and agrees with
/// `key` once both are lowercased, given that their lowercased fingerprints agree:
/// the fingerprint holds the length and the last eight bytes, so only the bytes
/// before those are read, eight at a time (a name of eight bytes or fewer is
/// settled). A key that is not ASCII keeps its high bits, and differs.
fn lowercase_head_is(key: &[u8], name: &[u8]) -> bool {
    let head = name.len().saturating_sub(8);
    // Differences gathered with no test per word: one test at the end.
    let differ = (0..head).step_by(8).fold(0, |differ, i| {
        let k = swar::load(key, i).unwrap_or(u64::MAX);
        let n = swar::load(name, i).unwrap_or(swar::HIGH);
        differ | n & swar::HIGH | lowercase(k) ^ lowercase(n)
    });
    differ == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_the_length_and_the_last_eight_bytes() {
        for key in [
            "",
            "a",
            "kyiv",
            "iso:ua",
            "abcde",
            "abcdefg",
            "12345678",
            "geonames:703448",
            "ministry of health",
        ] {
            let b = key.as_bytes();
            let tail = &b[b.len().saturating_sub(8)..];
            let word = tail.iter().fold(0u64, |w, &byte| w << 8 | u64::from(byte));
            assert_eq!(fingerprint(b), (b.len() as u32, word), "{key}");
        }
    }

    #[test]
    fn folded_lookups_agree_with_lowercasing_first() {
        let names = [
            "",
            "a",
            "A",
            "Ab",
            "aB",
            "Kyiv",
            "KYIV",
            "kyiv",
            "NATO",
            "nato",
            "Nato",
            "12345678",
            "ABCDEFGH",
            "abcdefgh",
            "Foreign Ministry",
            "FOREIGN MINISTRY",
            "foreign ministrY",
            "Foreign Ministr",
            "[Z@`{",
            "[z@`{",
            "@[`{@[`{@[`{",
            "ÉCOLE",
            "école",
            "Zoë",
            "ZOË",
            "zoë",
            "Ministère des Affaires",
            "MINISTÈRE DES AFFAIRES",
            "Ministry of Health and Social Affairs",
            "MINISTRY OF HEALTH AND SOCIAL AFFAIRZ",
            // The Kelvin sign lowercases to an ASCII `k`.
            "\u{212A}yiv",
            "\u{212A}YIV",
        ];
        // Keys as the organizations write them: an ASCII name as it is, any other
        // lowercased; the map holds every name lowercased.
        let key_of = |name: &str| {
            if name.is_ascii() {
                name.to_string()
            } else {
                name.to_lowercase()
            }
        };
        let mut keys: Keys<String> = Keys::with_capacity(4);
        let mut map = std::collections::HashMap::new();
        for (id, name) in names.iter().chain(&names).enumerate() {
            for probe in names {
                let want = map.get(&probe.to_lowercase()).copied();
                let fast = keys.get_lowercase(probe);
                if probe.is_ascii() {
                    assert_eq!(fast, want, "{probe:?} after {name:?}");
                } else {
                    assert_eq!(fast, None, "{probe:?}");
                    let folded = keys.get_folded(probe.to_lowercase().as_bytes());
                    assert_eq!(folded, want, "{probe:?} after {name:?}");
                }
            }
            map.entry(name.to_lowercase()).or_insert_with(|| {
                keys.insert_folded(key_of(name), id);
                id
            });
        }
        for n in [1, 3, 7, 8, 9, 15, 16, 17, 40] {
            let long: String = "QxZ".chars().cycle().take(n).collect();
            keys.insert_folded(long.clone(), 1000 + n);
            assert_eq!(keys.get_lowercase(&long), Some(1000 + n), "{long}");
            assert_eq!(keys.get_lowercase(&long.to_uppercase()), Some(1000 + n));
            assert_eq!(
                keys.get_folded(long.to_lowercase().as_bytes()),
                Some(1000 + n)
            );
            assert_eq!(keys.get_lowercase(&format!("{long}é")), None);
        }
    }

    proptest::proptest! {
        /// Keys of every length around the eight bytes of a fingerprint, from a small
        /// alphabet (so that many agree in their last eight bytes).
        #[test]
        fn heads_agree_with_whole_keys(a in "[ab]{0,30}", b in "[ab]{0,30}") {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            if fingerprint(a) == fingerprint(b) {
                proptest::prop_assert_eq!(head_is(a, b), a == b);
            }
            let mut keys: Keys<&[u8]> = Keys::with_capacity(2);
            keys.insert(a, 1);
            proptest::prop_assert_eq!(keys.get(b), (a == b).then_some(1));
        }
    }

    #[test]
    fn keys_agree_with_a_hash_map() {
        // Short keys (the whole key is the fingerprint), keys sharing their last eight
        // bytes and length, and enough of them to grow the table twice.
        let mut names: Vec<String> = ["", "a", "b", "ab", "ba", "kyiv", "12345678"]
            .map(String::from)
            .into();
        names.extend((0..20).map(|i| format!("{i:02}-same-tail")));
        names.extend((0..20).map(|i| format!("x{i}")));
        let mut keys: Keys<String> = Keys::with_capacity(2);
        let mut map = std::collections::HashMap::new();
        for (id, name) in names.iter().enumerate() {
            for probe in &names {
                assert_eq!(
                    keys.get(probe.as_bytes()),
                    map.get(probe).copied(),
                    "{probe:?}"
                );
            }
            keys.insert(name.clone(), id);
            map.insert(name.clone(), id);
        }
        for probe in &names {
            assert_eq!(
                keys.get(probe.as_bytes()),
                map.get(probe).copied(),
                "{probe:?}"
            );
        }
        assert_eq!(keys.get(b"99-same-tail"), None);
    }

    #[test]
    fn counts_agree_with_a_hash_map() {
        // Words met again and again, past the table's first size.
        let words: Vec<String> = (0..400).map(|i| format!("w{}", (i * 37) % 90)).collect();
        let mut keys: Keys<&[u8]> = Keys::with_capacity(4);
        let mut map = std::collections::HashMap::new();
        for w in &words {
            keys.count(w.as_bytes());
            *map.entry(w.as_bytes()).or_insert(0) += 1;
            assert_eq!(
                keys.get(w.as_bytes()),
                map.get(w.as_bytes()).copied(),
                "{w}"
            );
        }
        for i in 0..100 {
            let w = format!("w{i}");
            assert_eq!(
                keys.get(w.as_bytes()),
                map.get(w.as_bytes()).copied(),
                "{w}"
            );
        }
    }

    #[test]
    fn keys_find_what_was_added_as_the_table_grows() {
        let names: Vec<String> = (0..100).map(|i| format!("geonames:{}", i * 7)).collect();
        let mut keys: Keys<&str> = Keys::with_capacity(4);
        for (id, name) in names.iter().enumerate() {
            assert_eq!(keys.get(name.as_bytes()), None, "{name}");
            keys.insert(name, id);
            for (seen, earlier) in names[..=id].iter().enumerate() {
                assert_eq!(
                    keys.get(earlier.as_bytes()),
                    Some(seen),
                    "{earlier} after {name}"
                );
            }
        }
        assert_eq!(keys.get(b"geonames:1"), None);
        assert_eq!(keys.get(b""), None);
    }
}
