//! The second look's sets of words: a bit per word's fingerprint, in front of a
//! fingerprint table where a word's bit is set.

use crate::entities::clusters::keys::Keys;

/// A set of words with a bit per word's [`sketch`]: most words asked about find their
/// bit clear and are neither lowercased nor hashed. Words are byte slices of the text:
/// cutting a `&str` checks both ends for character boundaries, twice per word.
///
/// The words are kept in a fingerprint table ([`Keys`], counting each word), not a
/// hash set: a story adds a few words, which the table holds with no allocation for
/// its slots and finds with one multiply, where the hash set was allocated for every
/// story and hashed every word in full.
pub(super) struct Words<'t> {
    words: Keys<Word<'t>>,
    sketches: Sketches,
}

/// A word of the text as a key of the look's own tables. A type apart from the byte
/// slices whose runs alone the look counts: each table's code is its own, and that
/// count, made for a third of a story's mentions, stays inlined in its loop.
#[derive(Clone, Copy)]
pub(super) struct Word<'t>(pub(super) &'t [u8]);

impl AsRef<[u8]> for Word<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0
    }
}

impl Default for Words<'_> {
    fn default() -> Self {
        Words {
            words: Keys::with_capacity(0),
            sketches: Sketches::default(),
        }
    }
}

impl<'t> Words<'t> {
    pub fn insert(&mut self, w: &'t [u8]) {
        self.sketches.add(w);
        self.words.count(Word(w));
    }

    pub fn contains(&self, w: &[u8]) -> bool {
        self.sketches.may_hold(w) && self.words.get(w).is_some()
    }
}

/// A bit per [`sketch`] value of a set of words: a clear bit rules a word out.
#[derive(Clone)]
pub(super) struct Sketches([u64; SKETCH_BITS / 64]);

impl Default for Sketches {
    fn default() -> Sketches {
        Sketches([0; SKETCH_BITS / 64])
    }
}

impl Sketches {
    pub fn add(&mut self, w: &[u8]) {
        let h = sketch(w);
        self.0[h / 64] |= 1 << (h % 64);
    }

    pub fn may_hold(&self, w: &[u8]) -> bool {
        self.has(sketch(w))
    }

    /// [`may_hold`](Self::may_hold) for a word whose [`sketch`] is `h`: a span asked
    /// of two sets is fingerprinted once.
    pub fn has(&self, h: usize) -> bool {
        self.0[h / 64] & 1 << (h % 64) != 0
    }
}

/// Bits of the [`sketch`] table: a few dozen candidates leave nearly all of them clear.
const SKETCH_BITS: usize = 1024;

/// A cheap fingerprint of a word, below [`SKETCH_BITS`]: five bits of its first
/// byte and five of its last.
pub(super) fn sketch(w: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return 0;
    };
    usize::from(first & 31) << 5 | usize::from(last & 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sketch and the fingerprint table find exactly the words added, however
    /// often each was added, and more words than the table's first slots hold.
    #[test]
    fn words_hold_exactly_what_was_added() {
        let mut added: Vec<String> = ["iodine", "trust", "a", "über", "x-ray", "iodine"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        // Long words that share their last eight bytes, and enough of them to grow
        // the table.
        added.extend((0..80).map(|k| format!("{k}-ministry of health")));
        let mut words = Words::default();
        for w in &added {
            words.insert(w.as_bytes());
        }
        let mut asked: Vec<String> = [
            "iodine",
            "trust",
            "a",
            "über",
            "x-ray",
            "iodin",
            "Iodine",
            "IODINE",
            "Trusts",
            "B",
            "",
            "É",
            "ÜBER",
            "ministry of health",
            "80-ministry of health",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        asked.extend(added.iter().cloned());
        for w in &asked {
            assert_eq!(words.contains(w.as_bytes()), added.contains(w), "{w:?}");
        }
    }
}
