//! The dateline that opens wire copy: `PLACE[, REGION][, DATE] [(AGENCY)] DASH`.
//!
//! ```text
//! Kiyv, Apr 9 (EFE) –                     KYIV, April 9 (Reuters) -
//! WASHINGTON (AP) —                       Kyiv, Ukraine, April 9, 2025 (AFP) -
//! BEIJING, March 3 (Xinhua) --            LONDON, 9 April (Reuters) -
//! Madrid, Jan. 5 (EFE).-                  NEW YORK, April 9, 2025 /PRNewswire/ --
//! ```
//!
//! The pattern only runs at the start of the first few paragraphs, so it can afford
//! Unicode classes for place names (`SÃO PAULO`, `Kyiv`).

use regex::Regex;

use super::agencies::is_agency_credit;
use crate::document::{Dateline, DatelineDate, DatelinePlace};

/// Month spellings of datelines: full, three-letter, and AP's `Sept.`.
const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|\
                      aug(?:ust)?|sep(?:tember|t)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// The month number of a month spelling matched by [`MONTHS`].
fn month_number(name: &str) -> Option<u8> {
    const ORDER: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let key = name.get(..3)?.to_ascii_lowercase();
    ORDER.iter().position(|m| *m == key).map(|i| i as u8 + 1)
}

/// Builds the dateline pattern. A place word starts with a capital; small connecting
/// words (`Rio de Janeiro`, `Stratford-upon-Avon`) may stand between place words.
fn pattern() -> String {
    let word = r"\p{Lu}[\p{L}\p{M}'’.]*(?:-[\p{L}\p{M}'’.]+)*";
    let link = r"(?:de|da|do|dos|das|del|di|la|le|les|el|al|am|an|on|upon|sur|of|the|en|au)";
    let name = format!(r"{word}(?:[ ](?:{link}[ ])?{word}){{0,4}}");
    let date = format!(
        r"(?:(?P<mon>(?i:{MONTHS}))\.?[ ](?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:,?[ ](?P<year>[0-9]{{4}}))?\b|(?P<day2>[0-9]{{1,2}})[ ](?P<mon2>(?i:{MONTHS}))\.?(?:,?[ ](?P<year2>[0-9]{{4}}))?\b)"
    );
    format!(
        r"^(?P<place>{name})(?:,[ ]{name}){{0,2}}(?:,?[ ](?P<date>{date}))?(?:[ ]?\((?P<agency>[^()\r\n]{{1,40}})\)|[ ]/(?P<agency2>[^/\r\n]{{1,40}})/)?[ ]?(?P<dash>\.?(?:--|[-–—―]))"
    )
}

/// Finds datelines. Built once per pipeline.
#[derive(Debug)]
pub(crate) struct DatelineParser {
    re: Regex,
}

impl DatelineParser {
    pub fn new() -> DatelineParser {
        DatelineParser {
            re: Regex::new(&pattern()).expect("dateline pattern compiles"),
        }
    }

    /// The dateline at the start of `para` (which starts at byte `offset` of the text).
    ///
    /// A dash after a capitalized phrase is not enough: the line must also carry a
    /// known agency, or a date, or a place in capitals (`WASHINGTON —`), so that a
    /// sentence like `The President - ...` never reads as a dateline.
    pub fn parse(&self, para: &str, offset: usize) -> Option<Dateline> {
        let c = self.re.captures(para)?;
        let place = c.name("place")?;
        let agency = c.name("agency").or_else(|| c.name("agency2"));
        let date = c.name("date");
        let known_agency = agency.is_some_and(|a| is_agency_credit(a.as_str()));
        let capitals = place.as_str().chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !place.as_str().chars().any(char::is_lowercase);
        let accepted = known_agency || date.is_some() || (agency.is_none() && capitals);
        if !accepted {
            return None;
        }
        let end = c.name("dash")?.end();
        let date = date.map(|d| {
            let number = |a: &str, b: &str| c.name(a).or_else(|| c.name(b)).map(|m| m.as_str());
            DatelineDate {
                text: d.as_str().to_string(),
                start: offset + d.start(),
                end: offset + d.end(),
                year: number("year", "year2").and_then(|y| y.parse().ok()),
                month: number("mon", "mon2").and_then(month_number),
                day: number("day", "day2")
                    .and_then(|d| d.parse().ok())
                    .filter(|d| (1..=31).contains(d)),
            }
        });
        Some(Dateline {
            text: para[..end].to_string(),
            start: offset,
            end: offset + end,
            place: Some(DatelinePlace {
                text: place.as_str().to_string(),
                start: offset + place.start(),
                end: offset + place.end(),
                ..Default::default()
            }),
            date,
            agency: agency.map(|a| a.as_str().trim().to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (paragraph, dateline text, place, month, day, year, agency)
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        Option<u8>,
        Option<u8>,
        Option<u16>,
        Option<&'static str>,
    );

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        ("Kiyv, Apr 9 (EFE) – The Chinese", "Kiyv, Apr 9 (EFE) –", "Kiyv", Some(4), Some(9), None, Some("EFE")),
        ("KYIV, April 9 (Reuters) - Talks", "KYIV, April 9 (Reuters) -", "KYIV", Some(4), Some(9), None, Some("Reuters")),
        ("WASHINGTON (AP) — The", "WASHINGTON (AP) —", "WASHINGTON", None, None, None, Some("AP")),
        ("Kyiv, Ukraine, April 9, 2025 (AFP) - X", "Kyiv, Ukraine, April 9, 2025 (AFP) -", "Kyiv", Some(4), Some(9), Some(2025), Some("AFP")),
        ("BEIJING, March 3 (Xinhua) -- China", "BEIJING, March 3 (Xinhua) --", "BEIJING", Some(3), Some(3), None, Some("Xinhua")),
        ("WASHINGTON, Sept. 12 (AP) — Y", "WASHINGTON, Sept. 12 (AP) —", "WASHINGTON", Some(9), Some(12), None, Some("AP")),
        ("WASHINGTON, Sept 12 (AP) — Y", "WASHINGTON, Sept 12 (AP) —", "WASHINGTON", Some(9), Some(12), None, Some("AP")),
        ("LONDON, 9 April (Reuters) - Z", "LONDON, 9 April (Reuters) -", "LONDON", Some(4), Some(9), None, Some("Reuters")),
        ("ST. LOUIS (AP) — A", "ST. LOUIS (AP) —", "ST. LOUIS", None, None, None, Some("AP")),
        ("SPRINGFIELD, Ill. (AP) — A", "SPRINGFIELD, Ill. (AP) —", "SPRINGFIELD", None, None, None, Some("AP")),
        ("Rio de Janeiro, Dec 1 (EFE) - A", "Rio de Janeiro, Dec 1 (EFE) -", "Rio de Janeiro", Some(12), Some(1), None, Some("EFE")),
        ("SÃO PAULO (Reuters) - A", "SÃO PAULO (Reuters) -", "SÃO PAULO", None, None, None, Some("Reuters")),
        ("Madrid, Jan. 5 (EFE).- Las", "Madrid, Jan. 5 (EFE).-", "Madrid", Some(1), Some(5), None, Some("EFE")),
        ("NEW YORK, April 9, 2025 /PRNewswire/ -- A", "NEW YORK, April 9, 2025 /PRNewswire/ --", "NEW YORK", Some(4), Some(9), Some(2025), Some("PRNewswire")),
        ("Kyiv, April 9 – Russia struck", "Kyiv, April 9 –", "Kyiv", Some(4), Some(9), None, None),
        ("GAZA CITY — Strikes", "GAZA CITY —", "GAZA CITY", None, None, None, None),
        ("TOKYO, May 3 (KYODO) - A", "TOKYO, May 3 (KYODO) -", "TOKYO", Some(5), Some(3), None, Some("KYODO")),
        ("Berlin (dpa) - A", "Berlin (dpa) -", "Berlin", None, None, None, Some("dpa")),
        ("Paris (AFP/Reuters) — A", "Paris (AFP/Reuters) —", "Paris", None, None, None, Some("AFP/Reuters")),
    ];

    #[test]
    fn datelines() {
        let parser = DatelineParser::new();
        for &(para, text, place, month, day, year, agency) in CASES {
            let d = parser
                .parse(para, 10)
                .unwrap_or_else(|| panic!("no dateline in {para:?}"));
            assert_eq!(d.text, text, "{para}");
            assert_eq!((d.start, d.end), (10, 10 + text.len()), "{para}");
            let p = d.place.unwrap();
            assert_eq!(p.text, place, "{para}");
            assert_eq!(&para[p.start - 10..p.end - 10], place, "{para}");
            assert_eq!(d.date.as_ref().and_then(|d| d.month), month, "{para}");
            assert_eq!(d.date.as_ref().and_then(|d| d.day), day, "{para}");
            assert_eq!(d.date.as_ref().and_then(|d| d.year), year, "{para}");
            assert_eq!(d.agency.as_deref(), agency, "{para}");
        }
    }

    #[test]
    fn date_span_is_the_date_as_written() {
        let d = DatelineParser::new()
            .parse("Kyiv, Ukraine, April 9, 2025 (AFP) - X", 0)
            .unwrap();
        let date = d.date.unwrap();
        assert_eq!(date.text, "April 9, 2025");
        assert_eq!((date.start, date.end), (15, 28));
    }

    #[test]
    fn not_datelines() {
        let parser = DatelineParser::new();
        for para in [
            "The President - who spoke on Tuesday - said",
            "Going to war for Russian citizenship",
            "US denounces Chinese aid to Russia",
            "Ukraine (the country) - a",
            "Zelenskyy said that some of these soldiers are recruited",
            "mg-gbm-er/mcd",
            "",
            "–",
        ] {
            assert!(parser.parse(para, 0).is_none(), "{para:?}");
        }
    }

    #[test]
    fn month_numbers() {
        for (name, n) in [
            ("Jan", 1),
            ("sept", 9),
            ("SEPTEMBER", 9),
            ("Dec", 12),
            ("May", 5),
        ] {
            assert_eq!(month_number(name), Some(n), "{name}");
        }
        assert_eq!(month_number("Xy"), None);
    }
}
