//! What the gazetteer's currency rows say: the codes an alias names (one, or a
//! unit several currencies share), the factor of a subunit, whether the alias is
//! also a common word.

use crate::gazetteer::{Class, Entry};

use super::money::Unit;

/// The currency a shared unit means when the story gives no hint: the most traded
/// currency that uses it (BIS Triennial Survey order), so `$` is USD, `pounds` GBP,
/// `francs` CHF, `rubles` RUB, `rupees` INR.
const MOST_TRADED: &[&str] = &[
    "USD", "EUR", "JPY", "GBP", "CNY", "AUD", "CAD", "CHF", "HKD", "SGD", "SEK", "KRW", "NOK",
    "NZD", "INR", "MXN", "TWD", "ZAR", "BRL", "DKK", "PLN", "THB", "ILS", "IDR", "CZK", "AED",
    "TRY", "HUF", "CLP", "SAR", "PHP", "MYR", "COP", "RUB", "RON", "PEN", "BHD", "BGN", "ARS",
];

/// The factor of a minor unit (`cents`, `pence`: 0.01), from the rows' `minor=100`.
/// Read from the row itself: `minor` describes the alias, and the gazetteer would
/// otherwise hand it down from the entry's other rows (`€` would become a cent).
pub(super) fn factor_of<'g>(mut entries: impl Iterator<Item = &'g Entry>) -> f64 {
    entries
        .find_map(|e| {
            let extra: &str = &e.extra;
            let v = extra.split(';').find_map(|kv| kv.strip_prefix("minor="))?;
            v.parse::<f64>().ok()
        })
        .filter(|m| *m > 0.0)
        .map_or(1.0, |m| 1.0 / m)
}

/// True when every currency row of an alias marks it a common word.
pub(super) fn all_common<'g>(entries: impl Iterator<Item = &'g Entry>) -> bool {
    let mut any = false;
    for e in entries.filter(|e| e.class == Class::Currency) {
        if !e.is_common() {
            return false;
        }
        any = true;
    }
    any
}

/// The currency the gazetteer entries of one alias name, if any.
pub(crate) fn unit_of<'g>(entries: impl Iterator<Item = &'g Entry>) -> Option<Unit> {
    // Borrowed while collecting (only the codes of the result are copied), and
    // compared as words: `$` lists some thirty codes, each checked against the rest.
    let mut codes: Vec<Code<'g>> = Vec::new();
    let mut shared = false;
    let add = |codes: &mut Vec<Code<'g>>, c: &'g str| {
        let code = Code::new(c);
        if !c.is_empty() && !codes.contains(&code) {
            codes.push(code);
        }
    };
    for e in entries.filter(|e| e.class == Class::Currency) {
        add(&mut codes, &e.id);
        // Every currency sharing an alias usually has its own row, each listing the
        // others: one list is enough (and reading all is quadratic in a hot path).
        if !shared {
            if let Some(others) = e.attr("shared_with").filter(|s| !s.is_empty()) {
                shared = true;
                for o in others.split([',', '|', ' ']) {
                    add(&mut codes, o);
                }
            }
        }
    }
    let first = codes.first()?.text;
    if codes.len() == 1 && !shared {
        return Some(Unit::Explicit(first.into()));
    }
    let default = MOST_TRADED
        .iter()
        .zip(MOST_TRADED_PACKED)
        .find(|(_, m)| codes.iter().any(|c| c.packed == *m))
        .map_or(first, |(&m, _)| m);
    let codes = codes.into_iter().map(|c| Box::from(c.text)).collect();
    Some(Unit::shared(codes, default.into()))
}

/// A currency code, with its bytes and length packed in a word when it is short (all
/// ISO 4217 codes are), so that comparing two is one comparison.
#[derive(Clone, Copy, Debug)]
struct Code<'a> {
    packed: u64,
    text: &'a str,
}

impl<'a> Code<'a> {
    /// `packed` of codes longer than seven bytes: those compare their text.
    const LONG: u64 = u64::MAX;

    fn new(text: &'a str) -> Code<'a> {
        Code {
            packed: pack(text.as_bytes()),
            text,
        }
    }
}

/// The bytes of a code shorter than eight and its length in one word (byte by byte:
/// a copy of a slice of unknown length is a call to `memcpy`); [`Code::LONG`] for a
/// longer one.
const fn pack(b: &[u8]) -> u64 {
    if b.len() >= 8 {
        return Code::LONG;
    }
    let mut w = b.len() as u64;
    let mut i = 0;
    while i < b.len() {
        w |= (b[i] as u64) << (8 * (i + 1));
        i += 1;
    }
    w
}

/// [`MOST_TRADED`], packed as [`Code`]s.
const MOST_TRADED_PACKED: [u64; MOST_TRADED.len()] = {
    let mut packed = [0; MOST_TRADED.len()];
    let mut i = 0;
    while i < MOST_TRADED.len() {
        packed[i] = pack(MOST_TRADED[i].as_bytes());
        i += 1;
    }
    packed
};

impl PartialEq for Code<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.packed == other.packed && (self.packed != Code::LONG || self.text == other.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two codes pack alike exactly when their texts are equal, long ones included.
    #[test]
    fn packed_codes_compare_as_their_text() {
        let codes = [
            "", "U", "US", "USD", "usd", "USDX", "ABCDEFG", "ABCDEFGH", "ABCDEFGI", "EUR", "RUB",
        ];
        for a in codes {
            for b in codes {
                assert_eq!(Code::new(a) == Code::new(b), a == b, "{a:?} {b:?}");
            }
            assert_eq!(Code::new(a).packed == Code::LONG, a.len() >= 8, "{a:?}");
        }
        for (m, &p) in MOST_TRADED.iter().zip(&MOST_TRADED_PACKED) {
            assert_eq!(Code::new(m).packed, p, "{m}");
        }
    }
}
