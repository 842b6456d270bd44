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

use super::agencies::Agencies;
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

/// Month, day and year of a date the date pattern matched (`Apr 9`, `Sept. 12`,
/// `April 9th, 2025`, `9 April`): its words are the month and the day in either
/// order, then maybe the year. Read by hand because the pattern's groups would need the
/// capturing engine: a fifth of the layout stage of a dated story.
fn date_parts(date: &str) -> (Option<u8>, Option<u8>, Option<u16>) {
    let mut words = date
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let (month, day) = if first.starts_with(|c: char| c.is_ascii_digit()) {
        (second, first)
    } else {
        (first, second)
    };
    // `9th`: the day is the digits.
    let day = day.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (
        month_number(month),
        day.parse().ok().filter(|d| (1..=31).contains(d)),
        words.next().and_then(|y| y.parse().ok()),
    )
}

/// A place word starts with a capital; small connecting words (`Rio de Janeiro`,
/// `Stratford-upon-Avon`) may stand between place words.
///
/// Letters beyond ASCII are any character from U+00C0 on outside the punctuation block
/// (dashes, quotes): a few byte ranges instead of the Unicode letter tables, which cost
/// milliseconds to compile at every start. The place's first letter is checked to be a
/// capital afterwards.
const WORD: &str = r"(?:[A-Z]|[\u{C0}-\u{1FFF}\u{2070}-\u{10FFFF}])(?:[A-Za-z'.’]|[\u{C0}-\u{1FFF}\u{2070}-\u{10FFFF}])*(?:-(?:[A-Za-z'.’]|[\u{C0}-\u{1FFF}\u{2070}-\u{10FFFF}])+)*";
const LINK: &str = r"(?:de|da|do|dos|das|del|di|la|le|les|el|al|am|an|on|upon|sur|of|the|en|au)";

/// A date: `Apr 9`, `Sept. 12`, `April 9, 2025`, `9 April`. With `named` groups for
/// its parts only in the tests, which check [`date_parts`] against them.
fn date_pattern(named: bool) -> String {
    let g = |name: &str| {
        if named {
            format!("?P<{name}>")
        } else {
            "?:".to_string()
        }
    };
    format!(
        r"(?:({mon}(?i-u:{MONTHS}))\.?[ ]({day}[0-9]{{1,2}})(?:st|nd|rd|th)?(?:,?[ ]({year}[0-9]{{4}}))?(?-u:\b)|({day2}[0-9]{{1,2}})[ ]({mon2}(?i-u:{MONTHS}))\.?(?:,?[ ]({year2}[0-9]{{4}}))?(?-u:\b))",
        mon = g("mon"),
        day = g("day"),
        year = g("year"),
        day2 = g("day2"),
        mon2 = g("mon2"),
        year2 = g("year2"),
    )
}

/// The whole dateline, without groups: finding its end needs only the fast engine;
/// its parts are then read from the short match.
fn pattern() -> String {
    let name = format!(r"{WORD}(?:[ ](?:{LINK}[ ])?{WORD})*");
    format!(
        r"^{name}(?:,[ ]{name})*(?:,?[ ]{date})?(?:[ ]?\([^()\r\n]+\)|[ ]/[^/\r\n]+/)?[ ]?\.?(?:--|[-–—―])",
        date = date_pattern(false)
    )
}

/// The longest dateline looked for, in bytes (`Kyiv, Ukraine, April 9, 2025 (AFP) -`
/// is 37).
const MAX_LEN: usize = 160;

/// The longest credit read as an agency, in bytes (`Agence France-Presse` is 20).
const MAX_AGENCY_LEN: usize = 40;

/// Dashes that end a dateline.
const DASHES: &[char] = &['-', '–', '—', '―'];

/// Whether `s` contains one of [`DASHES`], read as bytes: `-`, or E2 80 93 to 95
/// (`–`, `—`, `―`). A `&[char]` pattern decodes every character of the paragraph's
/// head and compares it with each dash: a tenth of the layout stage.
fn has_dash(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b'-', 0xE2, &b[from..]) {
        let at = from + i;
        if b[at] == b'-' || matches!(b.get(at + 1..at + 3), Some([0x80, 0x93..=0x95])) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Finds datelines. Built once per pipeline.
#[derive(Debug)]
pub(crate) struct DatelineParser {
    re: Regex,
    /// A date after a space, without groups (see [`date_parts`]).
    date: Regex,
    agencies: Agencies,
}

impl DatelineParser {
    pub fn new() -> DatelineParser {
        DatelineParser {
            re: Regex::new(&pattern()).expect("dateline pattern compiles"),
            date: Regex::new(&format!("[ ]{}", date_pattern(false)))
                .expect("date pattern compiles"),
            agencies: Agencies::new(),
        }
    }

    /// The dateline at the start of `para` (which starts at byte `offset` of the text).
    ///
    /// A dash after a capitalized phrase is not enough: the line must also carry a
    /// known agency, or a date, or a place in capitals (`WASHINGTON —`), so that a
    /// sentence like `The President - ...` never reads as a dateline.
    pub fn parse(&self, para: &str, offset: usize) -> Option<Dateline> {
        // A dateline is short: the pattern need not see the whole paragraph.
        let mut cut = para.len().min(MAX_LEN);
        while !para.is_char_boundary(cut) {
            cut -= 1;
        }
        let para = &para[..cut];
        if !has_dash(para) {
            return None;
        }
        let end = self.re.find(para)?.end();
        let text = &para[..end];

        // From the end: dash, agency, date; what is left before the first comma or
        // the date is the place.
        let mut body = text
            .trim_end_matches(DASHES)
            .trim_end_matches('.')
            .trim_end();
        let mut agency = None;
        for (open, close) in [('(', ')'), ('/', '/')] {
            if let Some(inner) = body.strip_suffix(close) {
                if let Some(at) = inner.rfind(open) {
                    agency = Some(inner[at + 1..].trim());
                    body = inner[..at].trim_end();
                    break;
                }
            }
        }
        // The date, past the space before it.
        // Both of its forms have a day in digits: a body without a digit (`WASHINGTON
        // (AP)`) has no date, and the pattern need not run.
        let date = (body.bytes().any(|b| b.is_ascii_digit()))
            .then(|| self.date.find(body))
            .flatten()
            .map(|m| m.start() + 1..m.end());
        let date_start = date.as_ref().map_or(body.len(), |d| d.start);
        let place_end = body[..date_start].find(',').unwrap_or(date_start);
        let place = body[..place_end].trim_end_matches([',', ' ']);

        let known_agency = agency.is_some_and(|a| self.agencies.is_credit(a));
        let capitals = place.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !place.chars().any(char::is_lowercase);
        let short_credit = agency.is_none_or(|a| a.len() <= MAX_AGENCY_LEN);
        let accepted =
            short_credit && (known_agency || date.is_some() || (agency.is_none() && capitals));
        let capital = place.chars().next().is_some_and(char::is_uppercase);
        if !accepted || !capital {
            return None;
        }
        let date = date.map(|d| {
            let (month, day, year) = date_parts(&body[d.clone()]);
            DatelineDate {
                text: body[d.clone()].into(),
                start: offset + d.start,
                end: offset + d.end,
                year,
                month,
                day,
            }
        });
        Some(Dateline {
            text: text.into(),
            start: offset,
            end: offset + end,
            place: Some(DatelinePlace {
                text: place.into(),
                start: offset,
                end: offset + place.len(),
                ..Default::default()
            }),
            date,
            agency: agency.map(Into::into),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_are_found_as_the_char_pattern_finds_them() {
        let mut cases: Vec<String> = ["", "-", "a-b", "KYIV (Reuters) –", "x—", "―y", "“Quoted” …"]
            .map(String::from)
            .into();
        // Every character from U+2000 to U+20FF (the dashes and their neighbours, the
        // curly quotes sharing their lead byte), alone and after other text.
        for c in '\u{2000}'..='\u{20FF}' {
            cases.push(c.to_string());
            cases.push(format!("Kyiv, April 9 {c} text"));
        }
        for case in &cases {
            assert_eq!(has_dash(case), case.contains(DASHES), "{case:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_has_a_dash_as_the_char_pattern_says(s in "[a -–—―‐‑“”…é\u{2000}-\u{20ff}]{0,40}") {
            proptest::prop_assert_eq!(has_dash(&s), s.contains(DASHES));
        }
    }

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
            "Kyiv, April 9 (a remark much longer than any agency name could be) - a",
            "Zelenskyy said that some of these soldiers are recruited",
            "mg-gbm-er/mcd",
            "",
            "–",
        ] {
            assert!(parser.parse(para, 0).is_none(), "{para:?}");
        }
    }

    /// The parts of the first date in `body` as the named groups of the date pattern
    /// read them (the way dates were read before [`date_parts`]).
    fn parts_by_groups(re: &Regex, body: &str) -> Option<(Option<u8>, Option<u8>, Option<u16>)> {
        let c = re.captures(body)?;
        let part = |a: &str, b: &str| c.name(a).or_else(|| c.name(b)).map(|m| m.as_str());
        Some((
            part("mon", "mon2").and_then(month_number),
            part("day", "day2")
                .and_then(|d| d.parse().ok())
                .filter(|d| (1..=31).contains(d)),
            part("year", "year2").and_then(|y| y.parse().ok()),
        ))
    }

    proptest::proptest! {
        #[test]
        fn dates_read_by_hand_as_the_named_groups_read_them(
            body in "Kyiv,? (Ukraine, )?(([Aa]pr(il)?|SEPT?|Sept\\.|may|Dec(ember)?)\\.? [0-9]{1,3}(st|th|rd)?|[0-9]{1,3}(st)? (April|jan|Sept)\\.?)(,? [0-9]{3,5})?( [A-Za-z0-9]{0,3})?",
        ) {
            let parser = DatelineParser::new();
            let named = Regex::new(&format!("[ ](?P<date>{})", date_pattern(true))).unwrap();
            let by_hand = parser.date.find(&body).map(|m| date_parts(&body[m.start() + 1..m.end()]));
            proptest::prop_assert_eq!(by_hand, parts_by_groups(&named, &body));
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
