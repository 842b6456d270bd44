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

use super::context::{byte_after, byte_before, word_after, word_before};
use super::{Class, Entry, Gazetteer, Hit};

/// What a candidate may have going for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Signal {
    /// A qualifier word next to the name asks for the candidate's class ([`AFTER`], [`BEFORE_OF`]).
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

/// Qualifier words right after the name and the class they ask for ("Donetsk
/// region"), compared ignoring ASCII case. One here wins over one in [`BEFORE_OF`].
const AFTER: &[(&str, Class)] = &[
    ("region", Class::Subdivision),
    ("oblast", Class::Subdivision),
    ("province", Class::Subdivision),
    ("state", Class::Subdivision),
    ("county", Class::Subdivision),
    ("governorate", Class::Subdivision),
    ("prefecture", Class::Subdivision),
    ("krai", Class::Subdivision),
    ("territory", Class::Subdivision),
    ("city", Class::City),
];

/// Qualifier words before an "of" right before the name and the class they ask for
/// ("the city of Donetsk"), compared ignoring ASCII case.
const BEFORE_OF: &[(&str, Class)] = &[
    ("region", Class::Subdivision),
    ("province", Class::Subdivision),
    ("state", Class::Subdivision),
    ("city", Class::City),
    ("town", Class::City),
    ("village", Class::City),
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
        let qualified = qualifier(text, hit.start, hit.end);
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

/// The first letters of the [`AFTER`] words, lowercase, as bits `1 << (b - b'a')`.
const AFTER_INITIALS: u32 = {
    let mut bits = 0;
    let mut i = 0;
    while i < AFTER.len() {
        bits |= 1 << (AFTER[i].0.as_bytes()[0] - b'a');
        i += 1;
    }
    bits
};

/// The class a qualifier next to `text[start..end]` asks for.
fn qualifier(text: &str, start: usize, end: usize) -> Option<Class> {
    let asks = |table: &[(&str, Class)], w: &str| {
        table
            .iter()
            .find(|(q, _)| q.eq_ignore_ascii_case(w))
            .map(|&(_, class)| class)
    };
    // The words around are read only when the bytes next to the name may start or
    // end a qualifier: the word after most names starts with no letter of
    // [`AFTER_INITIALS`], and the word before ends in an `f` only after an "of".
    let after = byte_after(text, end).is_some_and(|b| {
        let letter = b.to_ascii_lowercase().wrapping_sub(b'a');
        letter < 26 && AFTER_INITIALS & 1 << letter != 0
    });
    let after = after.then(|| word_after(text, end)).flatten();
    if let Some(class) = after.and_then(|w| asks(AFTER, w)) {
        return Some(class);
    }
    if !byte_before(text, start).is_some_and(|b| b.eq_ignore_ascii_case(&b'f')) {
        return None;
    }
    let of = word_before(text, start).filter(|w| w.eq_ignore_ascii_case("of"))?;
    let at = of.as_ptr() as usize - text.as_ptr() as usize;
    asks(BEFORE_OF, word_before(text, at)?)
}

fn score(entry: &Entry, qualified: Option<Class>, story_country: Option<&str>) -> i32 {
    // Only cities earn points for their size: countries and subdivisions earn their
    // class's weight instead, as their populations would dwarf any city's.
    let mut points = entry.pop_points();
    if qualified == Some(entry.class) {
        points += const { weight(Signal::Qualified) };
    }
    // The entry's country only when the story has one to compare.
    if let Some(sc) = story_country {
        let country = match entry.class {
            // ISO 4217 codes start with the issuing country's code (USD, CAD, RUB) when
            // no single country is named (AUD serves four).
            Class::Currency => entry.cc().or_else(|| entry.id.get(..2)),
            _ => entry.country(),
        };
        if country.is_some_and(|c| c.eq_ignore_ascii_case(sc)) {
            points += const { weight(Signal::StoryCountry) };
        }
    }
    points += class_points(entry.class);
    if entry.class == Class::City && entry.kind == "capital" {
        points += const { weight(Signal::Capital) };
    }
    if entry.class == Class::Currency {
        let n = MOST_TRADED.len();
        points += MOST_TRADED
            .iter()
            .position(|c| *c == entry.id.as_str())
            .map_or(0, |rank| (n - rank) as i32);
    }
    points
}

/// The points every candidate of a class earns for it, by `Class as usize` (a
/// city's depend on its type: [`Signal::Capital`]). A table, where a `match` on the
/// class compiled to a jump that mispredicted.
static CLASS_POINTS: [i32; 12] = {
    let mut points = [0; 12];
    points[Class::Country as usize] = weight(Signal::Country);
    points[Class::Subdivision as usize] = weight(Signal::Subdivision);
    points[Class::Region as usize] = weight(Signal::Region);
    points[Class::Nationality as usize] = weight(Signal::Nationality);
    points[Class::Org as usize] = weight(Signal::Org);
    points
};

/// [`CLASS_POINTS`] of `class` (0 for a class past the table's end).
fn class_points(class: Class) -> i32 {
    CLASS_POINTS.get(class as usize).copied().unwrap_or(0)
}

/// The [`WEIGHTS`] of `signal`, for the constants of [`score`].
const fn weight(signal: Signal) -> i32 {
    let mut i = 0;
    while i < WEIGHTS.len() {
        if WEIGHTS[i].0 as u8 == signal as u8 {
            return WEIGHTS[i].1;
        }
        i += 1;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule of [`qualifier`] before its shortcuts: every word around read, and
    /// one table of both sides in order.
    fn qualifier_read_in_full(text: &str, start: usize, end: usize) -> Option<Class> {
        let after = word_after(text, end);
        let before1 = word_before(text, start);
        let before2 = before1.and_then(|w| {
            let at = w.as_ptr() as usize - text.as_ptr() as usize;
            word_before(text, at)
        });
        let eq = |w: Option<&str>, q: &str| w.is_some_and(|w| w.eq_ignore_ascii_case(q));
        let after = AFTER.iter().find(|(q, _)| eq(after, q));
        let before = BEFORE_OF
            .iter()
            .find(|(q, _)| eq(before1, "of") && eq(before2, q));
        after.or(before).map(|&(_, class)| class)
    }

    #[test]
    fn qualifiers_as_read_in_full() {
        let words = [
            "",
            "the",
            "of",
            "OF",
            "Of",
            "elf",
            "f",
            "city",
            "City",
            "CITY",
            "state",
            "region",
            "village",
            "town",
            "oblast",
            "Oblast",
            "krai",
            "governorate",
            "said",
            "cityx",
            "é",
            "régión",
            "Región",
            "7",
            "территория",
        ];
        let seps = [" ", "  ", "\u{a0}", "\t", ", ", "", "."];
        let mut qualified = 0;
        for w1 in words {
            for w2 in words {
                for w3 in words {
                    for sep in seps {
                        let text = format!("{w1} {w2}{sep}Donetsk{sep}{w3}.");
                        let start = w1.len() + 1 + w2.len() + sep.len();
                        let end = start + "Donetsk".len();
                        let want = qualifier_read_in_full(&text, start, end);
                        assert_eq!(qualifier(&text, start, end), want, "{text:?}");
                        qualified += usize::from(want.is_some());
                    }
                }
            }
        }
        assert!(qualified > 1000, "{qualified}");
    }

    #[test]
    fn class_points_are_the_weights() {
        assert_eq!(class_points(Class::Country), 60);
        assert_eq!(class_points(Class::Org), 40);
        assert_eq!(class_points(Class::City), 0);
        assert_eq!(class_points(Class::Currency), 0);
        assert_eq!(const { weight(Signal::Qualified) }, 100);
    }
}
