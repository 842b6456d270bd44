//! Which entry an ambiguous hit names.
//!
//! Each candidate earns points for the [`Signal`]s it has ([`WEIGHTS`]), and a city
//! points for its population; the highest total wins and a tie goes to the earlier
//! row. The
//! weights were chosen on the cases wire copy keeps raising:
//!
//! | text | candidates | winner |
//! |---|---|---|
//! | Donetsk / Lugansk | city (pop 0.9M / 0.4M), oblast, a small Russian town | the city |
//! | Donetsk region, the Donetsk oblast | the same | the oblast (qualifier) |
//! | Georgia | the country, the US state | the country; the state in a US story |
//! | Washington | the US capital, the US state, a British town | the capital, in any story |
//! | Paris | the French capital, Paris (Texas) | the capital, even in a US story |
//! | Birmingham | England (1.1M), Alabama (0.2M) | England; Alabama in a US story |
//! | dollars, `$` | USD, CAD, AUD, ... | the story country's, else the most traded |
//!
//! The story country is one code, so a Moscow-datelined story that says "Donetsk"
//! gets the Russian town: the rule knows no better context than the dateline.

use super::context::{word_after, word_before};
use super::{Class, Entry, Gazetteer, Hit};

/// What a candidate may have going for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Signal {
    /// A qualifier word next to the name asks for the candidate's class ([`QUALIFIERS`]).
    Qualified,
    /// The candidate lies in (or is) the story's country, or is its currency.
    StoryCountry,
    Country,
    /// A national capital (type `capital`).
    Capital,
    Subdivision,
    /// A continent or a named region (Middle East, Donbas).
    Region,
    Nationality,
    Org,
}

/// Points per signal.
const WEIGHTS: &[(Signal, i32)] = &[
    (Signal::Qualified, 100),
    (Signal::Country, 60),
    (Signal::Region, 45),
    (Signal::Nationality, 45),
    (Signal::Org, 40),
    (Signal::StoryCountry, 35),
    (Signal::Capital, 30),
    (Signal::Subdivision, 30),
];

/// Which side of the name a qualifier stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// Right after the name: "Donetsk region".
    After,
    /// Right before the name: "the city of Donetsk" (words in text order).
    Before,
}

/// Qualifier words and the class they ask for (compared ignoring ASCII case).
const QUALIFIERS: &[(Side, &[&str], Class)] = &[
    (Side::After, &["region"], Class::Subdivision),
    (Side::After, &["oblast"], Class::Subdivision),
    (Side::After, &["province"], Class::Subdivision),
    (Side::After, &["state"], Class::Subdivision),
    (Side::After, &["county"], Class::Subdivision),
    (Side::After, &["governorate"], Class::Subdivision),
    (Side::After, &["prefecture"], Class::Subdivision),
    (Side::After, &["krai"], Class::Subdivision),
    (Side::After, &["territory"], Class::Subdivision),
    (Side::After, &["city"], Class::City),
    (Side::Before, &["region", "of"], Class::Subdivision),
    (Side::Before, &["province", "of"], Class::Subdivision),
    (Side::Before, &["state", "of"], Class::Subdivision),
    (Side::Before, &["city", "of"], Class::City),
    (Side::Before, &["town", "of"], Class::City),
    (Side::Before, &["village", "of"], Class::City),
];

/// Currencies that share a unit or symbol, most traded first: a bare "$" or "dollars"
/// with no story country is the first of these that the alias can name.
const MOST_TRADED: &[&str] = &[
    "USD", "EUR", "JPY", "GBP", "CNY", "AUD", "CAD", "CHF", "HKD", "SGD", "SEK", "KRW", "NOK",
    "NZD", "INR", "MXN", "TWD", "ZAR", "BRL", "DKK", "PLN", "THB", "ILS", "IDR", "CZK", "AED",
    "TRY", "HUF", "CLP", "SAR", "PHP", "MYR", "COP", "RUB", "RON", "PEN",
];

impl Gazetteer {
    /// The entry `hit` most likely names (see the module docs for the rule), with
    /// `story_country` the ISO 3166-1 alpha-2 code of the story's country (from the
    /// dateline), if known.
    pub fn resolve<'g>(
        &'g self,
        hit: &Hit,
        text: &str,
        story_country: Option<&str>,
    ) -> Option<&'g Entry> {
        let qualified = qualifier(text, hit);
        let mut best: Option<(i32, &Entry)> = None;
        self.for_each_candidate(hit, |entry| {
            let score = score(entry, qualified, story_country);
            match best {
                Some((b, _)) if b >= score => {}
                _ => best = Some((score, entry)),
            }
        });
        best.map(|(_, e)| e)
    }
}

/// The class a qualifier next to the hit asks for.
fn qualifier(text: &str, hit: &Hit) -> Option<Class> {
    let after = word_after(text, hit.end);
    let before1 = word_before(text, hit.start);
    let before2 = before1.and_then(|w| {
        let start = w.as_ptr() as usize - text.as_ptr() as usize;
        word_before(text, start)
    });
    QUALIFIERS.iter().find_map(|&(side, words, class)| {
        let eq = |w: Option<&str>, q: &str| w.is_some_and(|w| w.eq_ignore_ascii_case(q));
        let found = match (side, words) {
            (Side::After, [w]) => eq(after, w),
            (Side::Before, [w1, w2]) => eq(before2, w1) && eq(before1, w2),
            (Side::Before, [w]) => eq(before1, w),
            _ => false,
        };
        found.then_some(class)
    })
}

fn score(entry: &Entry, qualified: Option<Class>, story_country: Option<&str>) -> i32 {
    let weight = |s: Signal| WEIGHTS.iter().find(|(w, _)| *w == s).map_or(0, |&(_, p)| p);
    // Only cities earn points for their size: countries and subdivisions earn their
    // class's weight instead, as their populations would dwarf any city's.
    let mut points = entry.pop_points();
    if qualified == Some(entry.class) {
        points += weight(Signal::Qualified);
    }
    let country = match entry.class {
        // ISO 4217 codes start with the issuing country's code (USD, CAD, RUB) when no
        // single country is named (AUD serves four).
        Class::Currency => entry.cc().or_else(|| entry.id.get(..2)),
        _ => entry.country(),
    };
    if story_country.is_some_and(|sc| country.is_some_and(|c| c.eq_ignore_ascii_case(sc))) {
        points += weight(Signal::StoryCountry);
    }
    let class_signal = match entry.class {
        Class::Country => Some(Signal::Country),
        Class::Subdivision => Some(Signal::Subdivision),
        Class::Region => Some(Signal::Region),
        Class::Nationality => Some(Signal::Nationality),
        Class::Org => Some(Signal::Org),
        Class::City if entry.kind == "capital" => Some(Signal::Capital),
        _ => None,
    };
    points += class_signal.map_or(0, weight);
    if entry.class == Class::Currency {
        let n = MOST_TRADED.len();
        points += MOST_TRADED
            .iter()
            .position(|c| *c == entry.id.as_str())
            .map_or(0, |rank| (n - rank) as i32);
    }
    points
}
