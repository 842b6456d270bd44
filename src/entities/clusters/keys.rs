//! A small map from cluster keys (a place's reference, an organization's lowercased
//! name) to cluster ids.

use std::borrow::Borrow;
use std::hash::Hash;

use crate::entities::lexicon::WordMap;

/// Cluster ids by key, for the few keys of a story: a scan of `(length, last eight
/// bytes)` fingerprints finds a key with no hashing, and compares whole keys only on a
/// match. Past [`Keys::SCAN`] keys a hash map takes over, so a long document stays
/// linear.
pub(super) struct Keys<K> {
    /// Fingerprint, key and cluster id of the first [`Keys::SCAN`] keys.
    scan: Vec<((usize, u64), K, usize)>,
    /// Every key, once there are more.
    map: WordMap<K, usize>,
}

impl<K: Borrow<str> + Eq + Hash + Clone> Keys<K> {
    const SCAN: usize = 32;

    /// Room for `n` keys without growing.
    pub fn with_capacity(n: usize) -> Keys<K> {
        Keys {
            scan: Vec::with_capacity(n.min(Self::SCAN)),
            map: WordMap::default(),
        }
    }

    pub fn get(&self, key: &str) -> Option<usize> {
        if !self.map.is_empty() {
            return self.map.get(key).copied();
        }
        let print = fingerprint(key);
        self.scan
            .iter()
            .find(|(p, k, _)| *p == print && k.borrow() == key)
            .map(|&(_, _, id)| id)
    }

    /// Adds `key`, which [`get`](Self::get) does not know.
    pub fn insert(&mut self, key: K, id: usize) {
        if self.scan.len() < Self::SCAN {
            self.scan.push((fingerprint(key.borrow()), key, id));
            return;
        }
        if self.map.is_empty() {
            let scanned = self.scan.iter().map(|(_, k, id)| (k.clone(), *id));
            self.map.extend(scanned);
        }
        self.map.insert(key, id);
    }
}

/// The length of `key` and its last eight bytes (all of a shorter key): equal keys
/// have equal fingerprints. A key of eight bytes or more (nearly all) is one load.
fn fingerprint(key: &str) -> (usize, u64) {
    let b = key.as_bytes();
    let word = match b.len().checked_sub(8) {
        Some(at) => u64::from_be_bytes(b[at..].try_into().unwrap_or_default()),
        None => b.iter().fold(0u64, |w, &byte| w << 8 | u64::from(byte)),
    };
    (b.len(), word)
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
            "12345678",
            "geonames:703448",
            "ministry of health",
        ] {
            let b = key.as_bytes();
            let tail = &b[b.len().saturating_sub(8)..];
            let word = tail.iter().fold(0u64, |w, &byte| w << 8 | u64::from(byte));
            assert_eq!(fingerprint(key), (b.len(), word), "{key}");
        }
    }

    #[test]
    fn keys_find_what_was_added_past_the_scan() {
        let names: Vec<String> = (0..100).map(|i| format!("geonames:{}", i * 7)).collect();
        let mut keys: Keys<&str> = Keys::with_capacity(4);
        for (id, name) in names.iter().enumerate() {
            assert_eq!(keys.get(name), None, "{name}");
            keys.insert(name, id);
            for (seen, earlier) in names[..=id].iter().enumerate() {
                assert_eq!(keys.get(earlier), Some(seen), "{earlier} after {name}");
            }
        }
        assert_eq!(keys.get("geonames:1"), None);
        assert_eq!(keys.get(""), None);
    }
}
