//! The words of the gazetteer's currency names, as a filter.
//!
//! After most numbers comes a word that names no currency (`people`, `of`, `years`),
//! and asking the gazetteer about it in any casing costs a probe of its index, the
//! second word after it another. Every currency the words after a number can name
//! is an alias made of such words (`rubles`, `US dollar`), so a word in no currency
//! alias, followed by another, names none: one probe of a small bit set built once
//! per gazetteer says so. Nor does a word that is no whole alias by itself before a
//! word in none (`Chinese` of `Chinese yuan`, in `two Chinese citizens`): a second
//! set holds the aliases of one word.

use std::sync::OnceLock;

use super::lex::fold;
use crate::gazetteer::{Class, Gazetteer};

/// Size of the set: some hundreds of words in 2^14 bits.
const BITS: usize = 1 << 14;

/// The words (runs of ASCII letters, any case) of the aliases of currency rows.
#[derive(Debug)]
pub(crate) struct UnitWords {
    bits: [u64; BITS / 64],
    /// The aliases that are one such word (`rubles`, `USD`).
    whole: [u64; BITS / 64],
}

/// The [`UnitWords`] of a pipeline's gazetteer, built when first needed.
pub(crate) type UnitWordsCache = OnceLock<UnitWords>;

impl UnitWords {
    pub fn of(g: &Gazetteer) -> UnitWords {
        let mut bits = [0u64; BITS / 64];
        let mut whole = [0u64; BITS / 64];
        let mark = |set: &mut [u64; BITS / 64], word: &str| {
            let h = slot(word.as_bytes());
            set[h / 64] |= 1 << (h % 64);
        };
        for alias in g.aliases_of(Class::Currency) {
            let words = alias.split(|c: char| !c.is_ascii_alphabetic());
            for word in words.filter(|w| !w.is_empty()) {
                mark(&mut bits, word);
            }
            if !alias.is_empty() && alias.bytes().all(|c| c.is_ascii_alphabetic()) {
                mark(&mut whole, alias);
            }
        }
        UnitWords { bits, whole }
    }

    /// The words of `g`, from `cache`.
    pub fn cached<'c>(g: &Gazetteer, cache: &'c UnitWordsCache) -> &'c UnitWords {
        cache.get_or_init(|| UnitWords::of(g))
    }

    /// False when the ASCII word `word` is, in no casing, a word of a currency alias
    /// (true may be a collision: the caller then asks the gazetteer).
    #[inline]
    pub fn may_hold(&self, word: &[u8]) -> bool {
        let h = slot(word);
        self.bits[h / 64] >> (h % 64) & 1 != 0
    }

    /// False when the ASCII word `word` is, in no casing, a whole currency alias
    /// (true may be a collision, as in [`may_hold`](UnitWords::may_hold)).
    #[inline]
    pub fn may_be_alias(&self, word: &[u8]) -> bool {
        let h = slot(word);
        self.whole[h / 64] >> (h % 64) & 1 != 0
    }
}

/// The bit of `word` in the set: its bytes folded by [`fold`] (ASCII letters to
/// lowercase; every word longer than sixteen letters shares one bit), hashed.
#[inline]
fn slot(word: &[u8]) -> usize {
    let k = fold(word);
    let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BITS.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_words_in_any_case_and_no_others() {
        let g = Gazetteer::build(&[]).expect("the built-in gazetteer loads");
        let words = UnitWords::of(&g);
        for w in [
            "rubles", "Dollars", "EURO", "yuan", "dollar", "us", "pounds",
        ] {
            assert!(words.may_hold(w.as_bytes()), "{w}");
        }
        // Most words after a number: at most a collision or two.
        let others = ["people", "of", "years", "the", "in", "and", "times", "days"];
        let held = others
            .iter()
            .filter(|w| words.may_hold(w.as_bytes()))
            .count();
        assert!(held <= 2, "{held}");
    }

    /// Every alias the gazetteer calls a currency, in three casings, passes the filter
    /// word by word: the filter has no false negatives.
    #[test]
    fn every_currency_alias_passes() {
        let g = Gazetteer::build(&[]).expect("the built-in gazetteer loads");
        let words = UnitWords::of(&g);
        for alias in g.aliases_of(Class::Currency) {
            for spelled in [
                alias.to_string(),
                alias.to_ascii_lowercase(),
                alias.to_ascii_uppercase(),
            ] {
                let runs = spelled.split(|c: char| !c.is_ascii_alphabetic());
                for w in runs.filter(|w| !w.is_empty()) {
                    assert!(words.may_hold(w.as_bytes()), "{alias:?} {w:?}");
                }
                if !spelled.is_empty() && spelled.bytes().all(|c| c.is_ascii_alphabetic()) {
                    assert!(words.may_be_alias(spelled.as_bytes()), "{alias:?}");
                }
            }
        }
    }

    /// Words of currency names that name none alone are turned away (`Chinese`,
    /// `Hong`), whole one-word aliases are not.
    #[test]
    fn whole_aliases_only() {
        let g = Gazetteer::build(&[]).expect("the built-in gazetteer loads");
        let words = UnitWords::of(&g);
        assert!(words.may_hold(b"Chinese") && !words.may_be_alias(b"Chinese"));
        assert!(words.may_hold(b"Hong") && !words.may_be_alias(b"Hong"));
        for w in ["rubles", "USD", "yuan", "Dollars"] {
            assert!(words.may_be_alias(w.as_bytes()), "{w}");
        }
    }
}
