//! Currencies around a number: symbols and codes before it (`$350`, `USD 5`, `C$`),
//! units after it (`30,000 rubles`, `5 €`, `50 cents`), and how a shared unit such
//! as `$` or `dollars` is decided for the story.

use std::cell::Cell;
use std::sync::OnceLock;

use crate::document::CurrencyBasis;
use crate::gazetteer::{Class, Entry, Gazetteer, Hit};
use crate::pipeline::Context;

use super::entries::{all_common, factor_of, unit_of};
use super::exclude::first_ending_after;
use super::lex::{
    boundary_after, letters_end, skip_spaces, skip_spaces_back, word_after, word_at, word_is,
};
use super::unit_words::UnitWords;

pub(crate) use crate::gazetteer::Unit;

/// The `$` unit of a gazetteer, worked out once per pipeline.
pub(crate) type DollarCache = OnceLock<Unit>;

/// A currency found next to a number, with the factor of a subunit (`cents`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    pub unit: Unit,
    /// 0.01 for `cents` and `pence` (the gazetteer's `minor=100`), else 1.
    pub factor: f64,
    /// Where the currency text starts (before the number) or ends (after it).
    pub edge: usize,
    /// The unit is also a common English word (`won`, `pounds`, `real`): money only
    /// with support (a magnitude, or the story's country using it).
    pub common: bool,
}

/// Wire-style dollar prefixes (`US$`, `C$`, `HK$`; spaced `c $` in tokenized text):
/// the news convention, which differs from CLDR (where `C$` is the córdoba).
const DOLLAR_PREFIXES: &[(&str, &str)] = &[
    ("us", "USD"),
    ("u.s.", "USD"),
    ("u.s", "USD"),
    ("usd", "USD"),
    ("c", "CAD"),
    ("ca", "CAD"),
    ("can", "CAD"),
    ("cad", "CAD"),
    ("a", "AUD"),
    ("au", "AUD"),
    ("aus", "AUD"),
    ("aud", "AUD"),
    ("nz", "NZD"),
    ("nzd", "NZD"),
    ("hk", "HKD"),
    ("hkd", "HKD"),
    ("s", "SGD"),
    ("sg", "SGD"),
    ("nt", "TWD"),
    ("r", "BRL"),
    ("mex", "MXN"),
    ("mx", "MXN"),
    ("mxn", "MXN"),
];

/// Euro-area countries (ISO 3166 alpha-2): their stories' shared units resolve to EUR.
const EUROZONE: &[&str] = &[
    "AT", "BE", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
    "PT", "SK", "SI", "ES",
];

/// The dollar family when the gazetteer has no `$` entry: USD by default.
fn bare_dollar(g: &Gazetteer, cache: &DollarCache) -> Unit {
    cache
        .get_or_init(|| {
            unit_of(g, g.lookup("$"))
                .unwrap_or_else(|| Unit::shared(vec!["USD".into()], "USD".into()))
        })
        .clone()
}

/// True when a currency of `unit` is the currency of country `cc`.
pub(crate) fn used_in(unit: &Unit, cc: &str) -> bool {
    match unit {
        Unit::Explicit(c) => code_for_country(std::slice::from_ref(c), cc).is_some(),
        Unit::Shared(sh) => code_for_country(&sh.codes, cc).is_some(),
    }
}

/// The hit that starts exactly at `pos`. The hits are in text order and the numbers
/// are read in it: the `cursor` walks on from the last answer instead of a search
/// (`start + 1 <= pos` is `start < pos`).
#[inline]
fn hit_at<'h>(hits: &'h [Hit], pos: usize, cursor: &Cell<usize>) -> Option<&'h Hit> {
    let i = first_ending_after(hits, |h| h.start + 1, pos, cursor);
    hits.get(i).filter(|h| h.start == pos)
}

/// The hit that ends exactly at `pos` (`cursor`: as in [`hit_at`]).
fn hit_ending<'h>(hits: &'h [Hit], pos: usize, cursor: &Cell<usize>) -> Option<&'h Hit> {
    span_ending(hits, |h| (h.start, h.end), pos, cursor)
}

/// The span that ends exactly at `pos`, of spans in text order that do not overlap
/// (`span`: where one starts and ends). The one ending at `pos` is the last to start
/// before it, so the walk by start that [`hit_at`] makes finds it too, with the same
/// cursor: the hits are walked once, not once by start and again by end.
pub(super) fn span_ending<'s, T>(
    spans: &'s [T],
    span: impl Fn(&T) -> (usize, usize),
    pos: usize,
    cursor: &Cell<usize>,
) -> Option<&'s T> {
    let i = first_ending_after(spans, |h| span(h).0 + 1, pos, cursor);
    i.checked_sub(1)
        .and_then(|j| spans.get(j))
        .filter(|h| span(h).1 == pos)
}

/// The country a place or nationality entry belongs to (`cc=CA`, or a two-letter id);
/// currencies carry a `cc` too, but `dollar dollar` names no country.
fn country_of(e: &Entry) -> Option<&str> {
    if e.class == Class::Currency {
        return None;
    }
    e.cc().or_else(|| {
        (e.id.len() == 2 && e.id.bytes().all(|b| b.is_ascii_uppercase())).then_some(&*e.id)
    })
}

/// The code of `codes` that is the currency of country `cc`: ISO 4217 codes of
/// national currencies start with the country's ISO 3166 code (CAD, AUD, RUB, UAH).
pub(crate) fn code_for_country<'c>(codes: &'c [Box<str>], cc: &str) -> Option<&'c str> {
    codes
        .iter()
        .find(|c| c.starts_with(cc) || (&***c == "EUR" && EUROZONE.contains(&cc)))
        .map(|c| &**c)
}

/// The currency written before a number starting at `at`: a symbol or code, with an
/// optional space (`$350`, `$ 75 million`, `US$5m`, `c $ 16.4`, `€1.2`, `USD 5`).
pub(crate) fn before(
    cx: &Context<'_>,
    at: usize,
    dollar: &DollarCache,
    cursor: &Cell<usize>,
) -> Option<Found> {
    let b = cx.text.as_bytes();
    let end = skip_spaces_back(b, at);
    if end == 0 {
        return None;
    }
    if b[end - 1] == b'$' {
        let sign = end - 1;
        // Letters (and dots) glued or spaced before the `$`: a dollar prefix.
        let pe = skip_spaces_back(b, sign);
        let mut ps = pe;
        while ps > 0 && (b[ps - 1].is_ascii_alphabetic() || b[ps - 1] == b'.') {
            ps -= 1;
        }
        if ps < pe && (sign - pe <= 1) && super::lex::boundary_before(cx.text, ps) {
            let prefix = &cx.text[ps..pe];
            if let Some(&(_, code)) = DOLLAR_PREFIXES
                .iter()
                .find(|(p, _)| p.eq_ignore_ascii_case(prefix))
            {
                return Some(Found {
                    unit: Unit::Explicit(code.into()),
                    factor: 1.0,
                    edge: ps,
                    common: false,
                });
            }
        }
        return Some(Found {
            unit: bare_dollar(cx.gazetteer, dollar),
            factor: 1.0,
            edge: sign,
            common: false,
        });
    }
    let hit = hit_ending(cx.hits, end, cursor)?;
    let unit = unit_of(
        cx.gazetteer,
        cx.gazetteer
            .candidates(hit)
            .filter(|e| matches!(e.kind, "currency_symbol" | "currency_code")),
    )?;
    Some(Found {
        unit,
        factor: 1.0,
        edge: hit.start,
        common: false,
    })
}

/// The currency written after a number ending at `at`: `rubles`, `Russian rubles`,
/// `Canadian dollars`, `euros`, `USD`, `€`, `cents`; also after `of` when the number
/// is a magnitude (`millions of dollars`).
/// `(at, s)`: the end of the number and of the spaces after it.
pub(crate) fn after(
    cx: &Context<'_>,
    (at, mut s): (usize, usize),
    allow_of: bool,
    units: &UnitWords,
    cursor: &Cell<usize>,
) -> Option<Found> {
    let text = cx.text;
    let b = text.as_bytes();
    if b.get(s) == Some(&b'-') && s == at {
        s += 1; // a 12-cent dividend, a one-yen bid
    } else if allow_of {
        if let Some(w) = word_after(text, at).filter(|w| word_is(text, *w, "of")) {
            s = skip_spaces(b, w.1);
        }
    }
    from_hits(cx, s, cursor).or_else(|| from_words(cx, s, units))
}

/// A unit the gazetteer pass found at `s`, alone or after a country or nationality.
fn from_hits(cx: &Context<'_>, s: usize, cursor: &Cell<usize>) -> Option<Found> {
    let text = cx.text;
    let b = text.as_bytes();
    let hit = hit_at(cx.hits, s, cursor)?;
    // A hit's classes are those of its candidates: most hits name no currency. The
    // candidates of one that does are listed once, for the three readings below.
    let mut entries = Vec::new();
    if hit.classes.contains(Class::Currency) {
        cx.gazetteer.for_each_candidate(hit, |e| entries.push(e));
    }
    if let Some(unit) = unit_of(cx.gazetteer, entries.iter().copied()) {
        let factor = factor_of(cx.gazetteer, entries.iter().copied());
        let common = all_common(entries.iter().copied());
        // `10 $30` is two amounts, not `10 $`.
        if text[hit.start..hit.end] == *"$" {
            let n = skip_spaces(b, hit.end);
            if b.get(n).is_some_and(u8::is_ascii_digit) {
                return None;
            }
        }
        return Some(Found {
            unit,
            factor,
            edge: hit.end,
            common,
        });
    }
    // A country or nationality before a shared unit: `Canadian dollars`, `Swiss
    // francs`, `Hong Kong dollars`. The unit is looked for first, by its hit's
    // classes: after most nationalities comes none (`two Chinese citizens`), and the
    // country is read from the candidates.
    let next = hit_at(cx.hits, skip_spaces(b, hit.end), cursor)
        .filter(|h| h.start > hit.end && h.classes.contains(Class::Currency))?;
    let cc = cx.gazetteer.candidates(hit).find_map(country_of)?;
    let unit = unit_of(cx.gazetteer, cx.gazetteer.candidates(next))?;
    Some(Found {
        unit: narrow(unit, cc)?,
        factor: 1.0,
        edge: next.end,
        common: false,
    })
}

/// The same as [`from_hits`] by exact lookups of the words at `s`, for units the
/// gazetteer pass gave to a longer or differently cased alias (`yuan` lost to the
/// surname `Yuan`) and for lowercase text (`australian dollars`).
fn from_words(cx: &Context<'_>, s: usize, units: &UnitWords) -> Option<Found> {
    let text = cx.text;
    let b = text.as_bytes();
    let g = cx.gazetteer;
    let w1 = word_at(text, s)?;
    // A word names a currency alone only when it is a whole alias, and starts one
    // (`us dollar`) or narrows one (`Canadian dollars`) only before a word that is in
    // one: without either, the lookups below would all come to nothing. (The second
    // word is the one [`word_after`] finds, its end checked only when it passes.)
    let n = skip_spaces(b, w1.1);
    let e2 = letters_end(b, n);
    let second_held = e2 > n && units.may_hold(&b[n..e2]) && boundary_after(text, e2);
    if !second_held && !units.may_be_alias(&b[w1.0..w1.1]) {
        return None;
    }
    let w2 = second_held.then_some((n, e2));
    let first = &text[w1.0..w1.1];
    let mut buf = [0u8; 64];
    // Most words after a number name no currency in any casing, and many that are in
    // the gazetteer (surnames, towns) are read no further than their classes.
    let first_classes = g.classes_folding(first);
    let first_entries = if first_classes.contains(Class::Currency) {
        let entries = lookup_any(g, first, &mut buf);
        if let Some(unit) = unit_of(g, entries.iter().copied()) {
            return Some(Found {
                unit,
                factor: factor_of(g, entries.iter().copied()),
                edge: w1.1,
                common: all_common(entries.iter().copied()),
            });
        }
        Some(entries)
    } else {
        None
    };
    // Two words: a country before a unit (`australian dollars`), or a lowercased
    // acronym in a currency name (`us dollar`). The country is read last: most
    // words after a number are no currency, and some name many entries.
    let acronym = first.len() <= 3;
    // Both need a second word in a currency alias. Without an acronym only a
    // country before a unit is left, and a word in no gazetteer is none (`10
    // people`): the second word is not read.
    if !second_held || (!acronym && first_classes.is_empty()) {
        return None;
    }
    let w2 = w2?;
    let second = &text[w2.0..w2.1];
    // A country needs a unit after it: without one it only rules out the acronym.
    let second_unit = g.classes_folding(second).contains(Class::Currency);
    if !acronym && !second_unit {
        return None;
    }
    // Then the acronym phrase, which seldom names anything, is read before the
    // country that would rule it out.
    let phrase = if second_unit {
        None
    } else {
        Some(acronym_unit(g, first, second, &mut buf)?)
    };
    let cc = if first_classes.is_empty() {
        None
    } else {
        let entries = first_entries.unwrap_or_else(|| lookup_any(g, first, &mut buf));
        entries.into_iter().find_map(country_of)
    };
    if cc.is_none() && !acronym {
        return None;
    }
    let unit = match (cc, phrase) {
        (Some(cc), _) => narrow(unit_of(g, lookup_any(g, second, &mut buf).into_iter())?, cc)?,
        (None, Some(unit)) => unit,
        (None, None) => acronym_unit(g, first, second, &mut buf)?,
    };
    Some(Found {
        unit,
        factor: 1.0,
        edge: w2.1,
        common: false,
    })
}

/// The currency of the phrase `first` in capitals, a space and `second` (`us dollar`
/// -> `US dollar`).
fn acronym_unit(g: &Gazetteer, first: &str, second: &str, buf: &mut [u8; 64]) -> Option<Unit> {
    match acronym_phrase(first, second, buf) {
        Some(two) => unit_of(g, g.lookup(two)),
        None => unit_of(
            g,
            g.lookup(&format!("{} {second}", first.to_ascii_uppercase())),
        ),
    }
}

/// `first` in capitals, a space and `second` (`us dollar` -> `US dollar`), spelled in
/// `buf`, so that the short word after most numbers costs no allocation; None when
/// the phrase does not fit.
fn acronym_phrase<'b>(first: &str, second: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let n = first.len() + 1 + second.len();
    let phrase = buf.get_mut(..n)?;
    let (head, tail) = phrase.split_at_mut(first.len());
    head.copy_from_slice(first.as_bytes());
    head.make_ascii_uppercase();
    tail[0] = b' ';
    tail[1..].copy_from_slice(second.as_bytes());
    // ASCII case changes keep UTF-8 valid: this never fails.
    std::str::from_utf8(phrase).ok()
}

/// The entries of `word` as written, lowercased, or capitalized (`buf` holds the
/// recased copies, so the lookups do not allocate).
fn lookup_any<'g>(g: &'g Gazetteer, word: &str, buf: &mut [u8; 64]) -> Vec<&'g Entry> {
    // The three spellings differ only in ASCII case: most words have none of them.
    if !g.has_alias_folding(word) {
        return Vec::new();
    }
    let found: Vec<&Entry> = g.lookup(word).collect();
    if !found.is_empty() || word.len() > buf.len() || !word.is_ascii() {
        return found;
    }
    let b = &mut buf[..word.len()];
    b.copy_from_slice(word.as_bytes());
    b.make_ascii_lowercase();
    if let Ok(lower) = std::str::from_utf8(b) {
        if lower != word {
            let found: Vec<&Entry> = g.lookup(lower).collect();
            if !found.is_empty() {
                return found;
            }
        }
    }
    b[0].make_ascii_uppercase();
    match std::str::from_utf8(b) {
        Ok(cap) if cap != word => g.lookup(cap).collect(),
        _ => Vec::new(),
    }
}

/// The currency of country `cc` among a unit's currencies (`Canadian` + `dollars`).
fn narrow(unit: Unit, cc: &str) -> Option<Unit> {
    match unit {
        Unit::Explicit(c) => Some(Unit::Explicit(c)),
        Unit::Shared(sh) => Some(Unit::Explicit(code_for_country(&sh.codes, cc)?.into())),
    }
}

/// What the story says about its currency: codes it names explicitly, and the
/// country of its dateline.
#[derive(Debug, Default)]
pub(crate) struct Story<'a> {
    pub explicit: Vec<Box<str>>,
    pub country: Option<&'a str>,
}

/// Decides a unit for this story. A bare `$` is USD unless the story says otherwise:
/// wire desks write `C$` or `Canadian dollars` when they mean another dollar, and an
/// Ottawa dateline makes plain dollars Canadian.
pub(crate) fn resolve(unit: &Unit, story: &Story<'_>) -> (Box<str>, CurrencyBasis) {
    match unit {
        Unit::Explicit(c) => (c.clone(), CurrencyBasis::Explicit),
        Unit::Shared(sh) => {
            if let Some(c) = story.explicit.iter().find(|c| sh.codes.contains(c)) {
                return (c.clone(), CurrencyBasis::Context);
            }
            if let Some(c) = story.country.and_then(|cc| code_for_country(&sh.codes, cc)) {
                return (c.into(), CurrencyBasis::Context);
            }
            (sh.default.clone(), CurrencyBasis::Default)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_phrases() {
        let mut buf = [0u8; 64];
        assert_eq!(acronym_phrase("us", "dollar", &mut buf), Some("US dollar"));
        assert_eq!(acronym_phrase("Hk", "dólar", &mut buf), Some("HK dólar"));
        assert_eq!(
            acronym_phrase("us", &"x".repeat(61), &mut buf),
            Some(&*format!("US {}", "x".repeat(61)))
        );
        assert_eq!(acronym_phrase("us", &"x".repeat(62), &mut buf), None);
    }

    fn shared(codes: &[&str]) -> Unit {
        Unit::shared(codes.iter().map(|&c| c.into()).collect(), codes[0].into())
    }

    #[test]
    fn resolve_cases() {
        let dollars = shared(&["USD", "CAD", "AUD"]);
        let story = |explicit: &[&str], country: Option<&'static str>| Story {
            explicit: explicit.iter().map(|&c| c.into()).collect(),
            country,
        };
        let cases: &[(&Unit, Story, &str, CurrencyBasis)] = &[
            (&dollars, story(&[], None), "USD", CurrencyBasis::Default),
            (
                &dollars,
                story(&[], Some("CA")),
                "CAD",
                CurrencyBasis::Context,
            ),
            (
                &dollars,
                story(&["AUD"], Some("CA")),
                "AUD",
                CurrencyBasis::Context,
            ),
            (
                &dollars,
                story(&["RUB"], Some("UA")),
                "USD",
                CurrencyBasis::Default,
            ),
            (
                &shared(&["GBP", "EGP"]),
                story(&[], Some("EG")),
                "EGP",
                CurrencyBasis::Context,
            ),
            (
                &shared(&["XOF", "EUR"]),
                story(&[], Some("FR")),
                "EUR",
                CurrencyBasis::Context,
            ),
            (
                &Unit::Explicit("RUB".into()),
                story(&[], Some("UA")),
                "RUB",
                CurrencyBasis::Explicit,
            ),
        ];
        for (unit, story, code, basis) in cases {
            assert_eq!(
                resolve(unit, story),
                ((*code).into(), *basis),
                "{unit:?} {story:?}"
            );
        }
    }
}
