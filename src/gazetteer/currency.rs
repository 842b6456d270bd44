//! What a currency row names, worked out when the gazetteer is built.
//!
//! A number followed by a currency word (`30,000 rubles`) asks which currencies the
//! word's rows name and the factor of a subunit. Read from the attribute text, that
//! was a split of `shared_with=` and `minor=` per row and mention, and a unit built
//! anew (a handful of small allocations). Each currency row's [`Currency`] holds the
//! answers: the unit its alias names by this row alone, ready to clone, and its
//! codes packed, so that the rows of one alias are merged by comparing words.

use std::sync::Arc;

use super::{Class, Entry};

/// A currency as the text gives it: one code, or a unit several currencies share
/// (`$`, `dollars`, `francs`) with the one to pick when the story says nothing.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Unit {
    Explicit(Box<str>),
    /// Behind an `Arc`: `$` has some thirty currencies and every mention clones it.
    Shared(Arc<Shared>),
}

/// The currencies of a shared unit.
#[derive(Debug, PartialEq)]
pub(crate) struct Shared {
    pub codes: Vec<Box<str>>,
    pub default: Box<str>,
}

impl Unit {
    pub fn shared(codes: Vec<Box<str>>, default: Box<str>) -> Unit {
        Unit::Shared(Arc::new(Shared { codes, default }))
    }
}

/// A currency row (an entry of [`Class::Currency`]), read once.
#[derive(Debug)]
pub(crate) struct Currency {
    /// The unit [`unit_of`] gives for this row alone.
    pub unit: Option<Unit>,
    /// `minor=` of the row itself (`cents`: 100), when it reads as a number.
    pub minor: Option<f64>,
    /// The row's code (its id), packed as a [`Code`].
    code: u64,
    /// The row has a `shared_with=` list: the packed codes of its unit, its own
    /// first (none when there are none).
    shared: Option<Box<[u64]>>,
}

impl Currency {
    /// The facts of currency row `e`.
    pub(super) fn of(e: &Entry) -> Currency {
        let unit = unit_of(std::iter::once(e));
        let shared = e
            .attr("shared_with")
            .filter(|s| !s.is_empty())
            .map(|_| match &unit {
                Some(Unit::Shared(sh)) => sh.codes.iter().map(|c| pack(c.as_bytes())).collect(),
                _ => Box::default(),
            });
        let minor = e
            .extra
            .split(';')
            .find_map(|kv| kv.strip_prefix("minor="))
            .and_then(|v| v.parse::<f64>().ok());
        Currency {
            unit,
            minor,
            code: pack(e.id.as_bytes()),
            shared,
        }
    }

    /// True when [`unit_of`] of this row followed by `other` is this row's unit:
    /// `other`'s code is one this row names already (its `shared_with=` then adds
    /// nothing, as [`unit_of`] reads one list), or `other` is the same currency
    /// alone. False when unsure (a long code): the caller merges the rows.
    pub fn covers(&self, other: &Currency) -> bool {
        if other.code == Code::LONG || self.code == Code::LONG {
            return false;
        }
        match &self.shared {
            // After a list, `unit_of` reads only codes (and skips an empty one).
            Some(codes) => other.code == EMPTY || codes.contains(&other.code),
            None => (other.code == self.code || other.code == EMPTY) && other.shared.is_none(),
        }
    }
}

/// [`pack`] of an empty code.
const EMPTY: u64 = 0;

/// The currency a shared unit means when the story gives no hint: the most traded
/// currency that uses it (BIS Triennial Survey order), so `$` is USD, `pounds` GBP,
/// `francs` CHF, `rubles` RUB, `rupees` INR.
const MOST_TRADED: &[&str] = &[
    "USD", "EUR", "JPY", "GBP", "CNY", "AUD", "CAD", "CHF", "HKD", "SGD", "SEK", "KRW", "NOK",
    "NZD", "INR", "MXN", "TWD", "ZAR", "BRL", "DKK", "PLN", "THB", "ILS", "IDR", "CZK", "AED",
    "TRY", "HUF", "CLP", "SAR", "PHP", "MYR", "COP", "RUB", "RON", "PEN", "BHD", "BGN", "ARS",
];

/// The currency the gazetteer entries of one alias name, if any, merged from their
/// attributes: each currency row's code, and one row's `shared_with=` list.
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
        // others: one list is enough (and reading all is quadratic).
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
    use crate::gazetteer::Gazetteer;

    /// The index of a row's facts sits in what was padding: entries stay as small.
    #[test]
    fn entries_stay_small() {
        assert_eq!(std::mem::size_of::<Entry>(), 168);
    }

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
        assert_eq!(pack(b""), EMPTY);
        for (m, &p) in MOST_TRADED.iter().zip(&MOST_TRADED_PACKED) {
            assert_eq!(Code::new(m).packed, p, "{m}");
        }
    }

    /// A row covers another exactly when merging the two gives the first's unit,
    /// for every pair of currency rows (and some user rows with odd codes).
    #[test]
    fn covers_agrees_with_merging() {
        let user = "id\tcanonical\talias\ttype\textra\n\
                    ZZA\tZilch\tzilch\tcurrency_unit\t\n\
                    ZZB\tZilch\tzilch\tcurrency_unit\tshared_with=USD,,ZZA\n\
                    LONGCODE1\tLong\tzilch\tcurrency_unit\tshared_with=USD\n\
                    USD\tUS Dollar\tzilch\tcurrency_unit\tshared_with=LONGCODE1,EUR\n\
                    EUR\tEuro\tzilch\tcurrency_unit\tminor=x;minor=100\n";
        let g = Gazetteer::build(&[("user.tsv".into(), user.into())]).unwrap();
        let rows: Vec<&Entry> = g.entries().filter(|e| e.class == Class::Currency).collect();
        let mut covered = 0;
        for &a in &rows {
            let ca = g.currency(a).expect("a currency row has facts");
            assert_eq!(ca.unit, unit_of(std::iter::once(a)), "{a:?}");
            for &b in &rows {
                let cb = g.currency(b).unwrap();
                if ca.covers(cb) {
                    assert_eq!(ca.unit, unit_of([a, b].into_iter()), "{a:?} {b:?}");
                    covered += 1;
                }
            }
        }
        assert!(covered > 10_000, "{covered}");
    }
}
