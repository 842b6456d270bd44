//! Tests against the embedded data: a few rows of each class, the common-word rule,
//! and the data's validity.

use super::*;

/// (text, the hit's text, story country, class, id it resolves to, canonical) against
/// the embedded data: a few of each class.
type EmbeddedCase = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Class,
    &'static str,
    &'static str,
);

const EMBEDDED_CASES: &[EmbeddedCase] = &[
    (
        "Kiyv, Apr 9 (EFE) -",
        "Kiyv",
        None,
        Class::City,
        "geonames:703448",
        "Kyiv",
    ),
    (
        "talks in Kiev",
        "Kiev",
        None,
        Class::City,
        "geonames:703448",
        "Kyiv",
    ),
    (
        "KYIV, April 9 (Reuters) -",
        "KYIV",
        None,
        Class::City,
        "geonames:703448",
        "Kyiv",
    ),
    (
        "shelling in Lugansk",
        "Lugansk",
        Some("UA"),
        Class::City,
        "geonames:702658",
        "Luhansk",
    ),
    (
        "the Lugansk region",
        "Lugansk",
        Some("UA"),
        Class::Subdivision,
        "UA-09",
        "Luhansk",
    ),
    (
        "in Donetsk",
        "Donetsk",
        Some("UA"),
        Class::City,
        "geonames:709717",
        "Donetsk",
    ),
    (
        "the Donetsk region",
        "Donetsk region",
        None,
        Class::Subdivision,
        "UA-14",
        "Donetsk",
    ),
    (
        "Georgia said",
        "Georgia",
        None,
        Class::Country,
        "GE",
        "Georgia",
    ),
    (
        "Georgia said",
        "Georgia",
        Some("US"),
        Class::Subdivision,
        "US-GA",
        "Georgia",
    ),
    (
        "talks in Washington",
        "Washington",
        None,
        Class::City,
        "geonames:4140963",
        "Washington",
    ),
    (
        "talks in Washington",
        "Washington",
        Some("GB"),
        Class::City,
        "geonames:4140963",
        "Washington",
    ),
    ("US aid", "US", None, Class::Country, "US", "United States"),
    (
        "the U.S.-led talks",
        "U.S.",
        None,
        Class::Country,
        "US",
        "United States",
    ),
    (
        "the United States said",
        "United States",
        None,
        Class::Country,
        "US",
        "United States",
    ),
    (
        "in Beijing",
        "Beijing",
        None,
        Class::City,
        "geonames:1816670",
        "Beijing",
    ),
    (
        "Chinese officials",
        "Chinese",
        None,
        Class::Nationality,
        "CN",
        "China",
    ),
    (
        "Ukrainians fled",
        "Ukrainians",
        None,
        Class::Nationality,
        "UA",
        "Ukraine",
    ),
    (
        "a Briton was",
        "Briton",
        None,
        Class::Nationality,
        "GB",
        "United Kingdom",
    ),
    ("he said", "said", None, Class::ReportingVerb, "say", "say"),
    (
        "she told",
        "told",
        None,
        Class::ReportingVerb,
        "tell",
        "tell",
    ),
    (
        "Beijing denied",
        "denied",
        None,
        Class::ReportingVerb,
        "deny",
        "deny",
    ),
    (
        "30,000 rubles",
        "rubles",
        None,
        Class::Currency,
        "RUB",
        "Russian Ruble",
    ),
    (
        "30,000 rubles",
        "rubles",
        Some("BY"),
        Class::Currency,
        "BYN",
        "Belarusian Ruble",
    ),
    (
        "500 hryvnias",
        "hryvnias",
        None,
        Class::Currency,
        "UAH",
        "Ukrainian Hryvnia",
    ),
    ("$350", "$", None, Class::Currency, "USD", "US Dollar"),
    (
        "$350",
        "$",
        Some("CA"),
        Class::Currency,
        "CAD",
        "Canadian Dollar",
    ),
];

#[test]
fn embedded_classes() {
    let g = Gazetteer::build(&[]).unwrap();
    for &(text, surface, country, class, id, canonical) in EMBEDDED_CASES {
        let hits = g.find(text);
        let hit = hits
            .iter()
            .find(|h| &text[h.start..h.end] == surface)
            .unwrap_or_else(|| panic!("{surface:?} not found in {text:?}: {hits:?}"));
        let e = g.resolve(hit, text, country).unwrap();
        assert_eq!(
            (e.class, &*e.id, &*e.canonical),
            (class, id, canonical),
            "{text:?} with story country {country:?}"
        );
    }
}

/// (text, a `common=1` place alias in it, whether it is found as a place)
const EMBEDDED_COMMON: &[(&str, &str, bool)] = &[
    ("Along the border, troops dug in.", "Along", false),
    ("Reading the statement, he paused.", "Reading", false),
    ("Talks in Bath ended.", "Bath", true),
    ("the mayor of Reading said", "Reading", true),
];

#[test]
fn embedded_common_words_need_support() {
    let g = Gazetteer::build(&[]).unwrap();
    for &(text, surface, place) in EMBEDDED_COMMON {
        let found = g
            .find(text)
            .iter()
            .any(|h| &text[h.start..h.end] == surface && h.classes.contains(Class::City));
        assert_eq!(found, place, "{surface:?} in {text:?}");
    }
}

#[test]
fn embedded_data_is_valid() {
    // Pipeline::new() relies on this; the strict checks of user files hold too.
    let g = Gazetteer::build(&[]).unwrap();
    assert!(!g.find("KYIV, April 9 (EFE) - Ukraine said.").is_empty());
    let mut loader = Loader::with_capacity(0);
    for (name, text) in EMBEDDED {
        loader.load_owned(name, text).unwrap();
    }
    assert_eq!(loader.finish().rows(), g.rows());
}
