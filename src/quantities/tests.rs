//! Wire-style cases, one line each, run through the whole pipeline with the embedded
//! gazetteers.

use crate::document::{CurrencyBasis, Qualifier, QuantityKind};
use crate::{OffsetUnit, Pipeline};

fn pipeline() -> Pipeline {
    Pipeline::builder()
        .offsets(OffsetUnit::Bytes)
        .build()
        .unwrap()
}

/// One line per case: text => expected quantities as
/// `(text, kind, value, currency, qualifier)`.
type Want = (
    &'static str,
    QuantityKind,
    f64,
    Option<&'static str>,
    Option<Qualifier>,
);

fn check(name: &str, p: &Pipeline, text: &str, want: &[Want]) -> Option<String> {
    let got = p.extract(text).quantities;
    let got: Vec<_> = got
        .iter()
        .map(|q| {
            (
                q.text.as_str(),
                q.kind,
                q.value,
                q.currency.as_deref(),
                q.qualifier,
            )
        })
        .collect();
    let same = got.len() == want.len()
        && got.iter().zip(want).all(|(g, w)| {
            (g.0, g.1, g.3, g.4) == (w.0, w.1, w.3, w.4)
                && (g.2 - w.2).abs() <= 1e-9 * w.2.abs().max(1.0)
        });
    (!same).then(|| format!("{name}: {text:?}\n  got {got:?}\n want {want:?}"))
}

use QuantityKind::{Cardinal as C, Money as M, Ordinal as O, Percent as P};

macro_rules! wire_cases {
    ($($name:ident: $text:expr => [$($want:expr),*];)*) => {
        #[test]
        fn wire_cases() {
            let p = pipeline();
            let failed: Vec<String> = [$( check(stringify!($name), &p, $text, &[$($want),*]) ),*]
                .into_iter()
                .flatten()
                .collect();
            assert!(failed.is_empty(), "{}", failed.join("\n"));
        }
    };
}

const ABOUT: Option<Qualifier> = Some(Qualifier::Approximately);

wire_cases! {
    rubles:        "he paid 30,000 rubles (about $350) to" => [("30,000 rubles", M, 30000.0, Some("RUB"), None), ("$350", M, 350.0, Some("USD"), ABOUT)];
    roubles:       "fined 2 million roubles." => [("2 million roubles", M, 2e6, Some("RUB"), None)];
    euro_billion:  "a €1.2 billion loan" => [("€1.2 billion", M, 1.2e9, Some("EUR"), None)];
    pound_m:       "a £5m deal" => [("£5m", M, 5e6, Some("GBP"), None)];
    euro_after:    "It costs 5 € now" => [("5 €", M, 5.0, Some("EUR"), None)];
    hryvnia:       "₴200 and 2 million hryvnias" => [("₴200", M, 200.0, Some("UAH"), None), ("2 million hryvnias", M, 2e6, Some("UAH"), None)];
    code_before:   "USD 5 million was sent" => [("USD 5 million", M, 5e6, Some("USD"), None)];
    code_after:    "sent 5 million USD." => [("5 million USD", M, 5e6, Some("USD"), None)];
    us_dollar:     "a US$5m grant and C$3 billion" => [("US$5m", M, 5e6, Some("USD"), None), ("C$3 billion", M, 3e9, Some("CAD"), None)];
    hk_dollar:     "HK$10.05 billion" => [("HK$10.05 billion", M, 10.05e9, Some("HKD"), None)];
    spaced_symbol: "about $ 75 million of bonds" => [("$ 75 million", M, 75e6, Some("USD"), ABOUT)];
    spelled:       "ten thousand dollars" => [("ten thousand dollars", M, 1e4, Some("USD"), None)];
    a_million:     "a million dollars" => [("a million dollars", M, 1e6, Some("USD"), None)];
    swiss_francs:  "10,000 Swiss francs" => [("10,000 Swiss francs", M, 1e4, Some("CHF"), None)];
    canadian:      "It cost 5 million Canadian dollars, or $3 million." => [("5 million Canadian dollars", M, 5e6, Some("CAD"), None), ("$3 million", M, 3e6, Some("CAD"), None)];
    yuan:          "5 yuan" => [("5 yuan", M, 5.0, Some("CNY"), None)];
    lower_country: "paid 5 australian dollars" => [("5 australian dollars", M, 5.0, Some("AUD"), None)];
    lower_acronym: "paid 7 us dollars" => [("7 us dollars", M, 7.0, Some("USD"), None)];
    // A second word glued to a letter of another script is no word: no currency.
    glued_second:  "paid 7 us dollarsé and 5 australian dollarsé" => [("7", C, 7.0, None, None), ("5", C, 5.0, None, None)];
    nationality:   "9 Chinese yuan to two Chinese citizens" => [("9 Chinese yuan", M, 9.0, Some("CNY"), None), ("two", C, 2.0, None, None)];
    cents:         "shares fell 34 cents" => [("34 cents", M, 0.34, Some("USD"), None)];
    dollars_cents: "it cost 3 dollars 50 cents." => [("3 dollars 50 cents", M, 3.5, Some("USD"), None)];
    millions_of:   "millions of dollars" => [("millions of dollars", M, 1e6, Some("USD"), ABOUT)];
    percent_sign:  "nearly 80% of items" => [("80%", P, 80.0, None, ABOUT)];
    fullwidth_pct: "rose 80\u{ff05} and 5 \u{ff05}" => [("80\u{ff05}", P, 80.0, None, None), ("5 \u{ff05}", P, 5.0, None, None)];
    percent_word:  "rose 80 percent and 5 per cent and 0.5 pct" => [("80 percent", P, 80.0, None, None), ("5 per cent", P, 5.0, None, None), ("0.5 pct", P, 0.5, None, None)];
    eighty_pct:    "eighty percent" => [("eighty percent", P, 80.0, None, None)];
    points:        "up 2 percentage points" => [("2 percentage points", QuantityKind::PercentagePoints, 2.0, None, None)];
    at_least:      "at least 155 Chinese citizens" => [("155", C, 155.0, None, Some(Qualifier::AtLeast))];
    more_than:     "more than ten thousand North Korean soldiers" => [("ten thousand", C, 1e4, None, Some(Qualifier::MoreThan))];
    up_to:         "up to 30 people" => [("30", C, 30.0, None, Some(Qualifier::AtMost))];
    fewer_than:    "fewer than 12 boats" => [("12", C, 12.0, None, Some(Qualifier::LessThan))];
    hundreds_of:   "hundreds of people" => [("hundreds", C, 100.0, None, ABOUT)];
    tens_of_k:     "tens of thousands of people" => [("tens of thousands", C, 1e4, None, ABOUT)];
    dozen:         "a dozen boats" => [("a dozen", C, 12.0, None, None)];
    one_of_two:    "One of the two captured" => [("One", C, 1.0, None, None), ("two", C, 2.0, None, None)];
    no_one:        "no one was hurt, and the one who did one another" => [];
    one_time:      "a one-time payment" => [];
    ordinals:      "the 3rd and twenty-first and first" => [("3rd", O, 3.0, None, None), ("twenty-first", O, 21.0, None, None), ("first", O, 1.0, None, None)];
    a_second:      "wait a second" => [];
    date:          "KYIV, April 9 (Reuters), Apr. 10 and 9 April 2025" => [];
    year:          "in 2025 and since 1991" => [];
    time:          "at 10:30 and 3 p.m. and 9 am" => [];
    phone:         "call +1-222-333-4444 or 555-123-4567" => [];
    ids:           "the F-16 and COVID-19 in G7, 5G and 180ml" => [];
    decade:        "the 1990s" => [];
    name:          "aboard Air Force One" => [];
    range_dash:    "10-20 million people" => [("10-20 million", C, 10e6, None, None)];
    range_money:   "from $5m to $7m" => [("$5m to $7m", M, 5e6, Some("USD"), None)];
    between:       "between 10 and 20" => [("10 and 20", C, 10.0, None, None)];
    pct_range:     "from 5 to 10 percent" => [("5 to 10 percent", P, 5.0, None, None)];
    spaced_score:  "lost 1 – 2 to" => [("1", C, 1.0, None, None), ("2", C, 2.0, None, None)];
    en_dash_range: "aged 8–10 years" => [("8–10", C, 8.0, None, None)];
    high_five:     "a high-five" => [];
    common_unit:   "a team of five won, lost 20 pounds" => [("five", C, 5.0, None, None), ("20", C, 20.0, None, None)];
    common_big:    "5 million won" => [("5 million won", M, 5e6, Some("KRW"), None)];
    product:       "a Boeing 737 and Windows 10. The 155 and Over 30" => [("155", C, 155.0, None, None), ("30", C, 30.0, None, Some(Qualifier::MoreThan))];
    score:         "won 3-1" => [("3", C, 3.0, None, None), ("1", C, 1.0, None, None)];
    metre:         "1m isn't a number but 10M is" => [("10M", C, 1e7, None, None)];
    thousands:     "1,200 troops and 3.5 tonnes" => [("1,200", C, 1200.0, None, None), ("3.5", C, 3.5, None, None)];
    two_thirds:    "two-thirds of voters" => [("two-thirds", C, 2.0 / 3.0, None, None)];
    empty:         "" => [];
}

#[test]
fn range_bounds_are_kept() {
    let q = &pipeline().extract("between 10 and 20 percent").quantities[0];
    assert_eq!((q.min, q.max), (Some(10.0), Some(20.0)));
    assert_eq!(q.qualifier, None);
}

#[test]
fn bare_dollar_basis() {
    let p = pipeline();
    let q = &p.extract("It cost $350.").quantities[0];
    assert_eq!(q.currency_basis, Some(CurrencyBasis::Default));
    let q = &p.extract("Paid 2 Canadian dollars, then $350.").quantities[1];
    assert_eq!(
        (q.currency.as_deref(), q.currency_basis),
        (Some("CAD"), Some(CurrencyBasis::Context))
    );
    let q = &p.extract("Paid 30 rubles").quantities[0];
    assert_eq!(q.currency_basis, Some(CurrencyBasis::Default));
}

#[test]
fn no_panic_on_odd_input() {
    let p = pipeline();
    for text in [
        "$",
        "-",
        "5-",
        "1,",
        "1.",
        "one-",
        "a",
        "between",
        "₴",
        "½ 5\u{202f}",
        "$$$5",
        "9/",
        "１２３",
        "naïve 5é",
        "99999999999999999999999999999999999999999999999999999999999",
        "1e999",
        "- - 5",
        "twenty-",
        "one point",
        "hundreds of",
        "and and 5 to",
        "5 to $",
    ] {
        let _ = p.extract(text);
    }
}

/// Stage throughput in CPU time (`cargo test --release --lib throughput_probe --
/// --ignored --nocapture`; `PROBE_FILE`, `PROBE_MB`). Not a timed test: it prints,
/// and asserts only the count.
#[test]
#[ignore]
fn throughput_probe() {
    use crate::gazetteer::Gazetteer;
    use crate::layout::LayoutParser;
    let file = std::env::var("PROBE_FILE").ok();
    let owned = file.map(|f| std::fs::read_to_string(f).unwrap());
    let text = owned
        .as_deref()
        .unwrap_or(include_str!("../../tests/data/donetsk.txt"));
    let g = Gazetteer::build(&[]).unwrap();
    let layout = LayoutParser::new().parse(text);
    let hits = g.find(text);
    let cx = crate::pipeline::Context {
        text,
        layout: &layout,
        sentences: &[],
        gazetteer: &g,
        hits: &hits,
    };
    let r = super::Recognizer::new();
    let ents = crate::entities::Entities::default();
    let mb: usize = std::env::var("PROBE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let reps = mb * 1_000_000 / text.len();
    // CPU time of this thread (the machine is shared, so wall time overstates).
    let cpu = || -> f64 {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
        s.split(' ')
            .next()
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1e9
    };
    let (t, c) = (std::time::Instant::now(), cpu());
    let mut n = 0;
    for _ in 0..reps {
        n += r.extract(&cx, &ents, &Default::default()).len();
    }
    let (secs, cpu_secs) = (t.elapsed().as_secs_f64(), cpu() - c);
    // A fast wrong answer fails: every repetition finds the same quantities.
    assert!(n > 0 && n % reps == 0, "{n} over {reps} runs");
    // Calibration: one pass counting word starts, the least any word scanner does.
    let c0 = cpu();
    let mut starts = 0usize;
    for _ in 0..reps {
        let b = std::hint::black_box(text.as_bytes());
        starts += b
            .windows(2)
            .filter(|w| !w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic())
            .count();
    }
    let base = cpu() - c0;
    println!(
        "calibration: {starts} word starts, cpu {base:.3}s ({:.0} MB/s)",
        (reps * text.len()) as f64 / 1e6 / base
    );
    let mb = (reps * text.len()) as f64 / 1e6;
    println!(
        "quantities: {n} found in {mb:.1} MB; wall {secs:.3}s ({:.0} MB/s), cpu {cpu_secs:.3}s ({:.0} MB/s)",
        mb / secs,
        mb / cpu_secs
    );
}

/// A shared unit takes the dateline's country: `$` in an Ottawa story is Canadian.
#[test]
fn dateline_country_decides_the_dollar() {
    use crate::document::{Dateline, DatelinePlace, Entity, Label};
    use crate::entities::Entities;
    use crate::gazetteer::Gazetteer;
    use crate::layout::Layout;
    let text = "OTTAWA, April 9 (Reuters) - It will spend $350 million and 5 euros.";
    let g = Gazetteer::build(&[]).unwrap();
    let place = DatelinePlace {
        text: "OTTAWA".into(),
        start: 0,
        end: 6,
        ..Default::default()
    };
    let layout = Layout {
        dateline: Some(Dateline {
            text: "OTTAWA, April 9 (Reuters) -".into(),
            start: 0,
            end: 27,
            place: Some(place),
            ..Default::default()
        }),
        paragraphs: Vec::new(),
    };
    let entities = Entities {
        entities: vec![Entity {
            id: "e1".into(),
            label: Label::Place,
            text: "OTTAWA".into(),
            start: 0,
            end: 6,
            canonical: "Ottawa".into(),
            kind: Some("capital".into()),
            reference: None,
            country: Some("CA".into()),
            sentence: 0,
            cluster: None,
            variant: false,
        }],
        ..Default::default()
    };
    let hits = g.find(text);
    let cx = crate::pipeline::Context {
        text,
        layout: &layout,
        sentences: &[],
        gazetteer: &g,
        hits: &hits,
    };
    let got = super::Recognizer::new().extract(&cx, &entities, &Default::default());
    let money: Vec<_> = got
        .iter()
        .map(|q| (q.text.as_str(), q.currency.as_deref(), q.currency_basis))
        .collect();
    assert_eq!(
        money,
        vec![
            ("$350 million", Some("CAD"), Some(CurrencyBasis::Context)),
            ("5 euros", Some("EUR"), Some(CurrencyBasis::Explicit)),
        ]
    );
}

/// The entity cursor answers as the binary search it replaces, in any order of asks.
#[test]
fn cursor_matches_partition_point() {
    let ends = [3, 3, 7, 12, 12, 20];
    let cursor = std::cell::Cell::new(0);
    for at in [0, 2, 3, 5, 7, 12, 13, 25, 4, 0, 12, 11, 20, 19, 3] {
        let want = ends.partition_point(|&e| e <= at);
        assert_eq!(
            super::exclude::first_ending_after(&ends, |&e| e, at, &cursor),
            want,
            "{at}"
        );
    }
    let none: [usize; 0] = [];
    assert_eq!(
        super::exclude::first_ending_after(&none, |&e| e, 5, &cursor),
        0
    );
    let nested = [24, 7, 40];
    let search = std::cell::Cell::new(super::exclude::BINARY_SEARCH);
    for at in [10, 0, 30] {
        let want = nested.partition_point(|&e| e <= at);
        assert_eq!(
            super::exclude::first_ending_after(&nested, |&e| e, at, &search),
            want
        );
    }
}

/// The overlap walk says no only where no span overlaps, and in text order of
/// asks it says yes only where one does: spans by start, nested or not.
#[test]
fn overlap_walk_agrees_with_every_span() {
    use proptest::prelude::*;
    let spans = prop::collection::vec((0usize..60, 1usize..20), 0..12).prop_map(|v| {
        let mut spans: Vec<(usize, usize)> = v.into_iter().map(|(s, n)| (s, s + n)).collect();
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        spans
    });
    let asks = prop::collection::vec((0usize..80, 1usize..6), 0..12);
    proptest!(|(spans in spans, asks in asks)| {
        let any = |(s, e): (usize, usize)| spans.iter().any(|b| b.0 < e && s < b.1);
        let reach = std::cell::Cell::new((0, 0));
        for &(s, n) in &asks {
            let may = super::exclude::spans_may_overlap(&spans, |&b| b, (s, s + n), &reach);
            prop_assert!(may || !any((s, s + n)), "{spans:?} {s}");
        }
        // Numbers in text order: apart, each after the last.
        let mut starts: Vec<usize> = asks.iter().map(|a| a.0).collect();
        starts.sort();
        starts.dedup();
        let reach = std::cell::Cell::new((0, 0));
        for (i, (&s, &(_, n))) in starts.iter().zip(&asks).enumerate() {
            let e = (s + n).min(starts.get(i + 1).copied().unwrap_or(usize::MAX));
            let may = super::exclude::spans_may_overlap(&spans, |&b| b, (s, e), &reach);
            prop_assert_eq!(may, any((s, e)), "{:?} {}", spans, s);
        }
    });
}

/// The hit ending at a position, found by the walk by start, is the hit the search
/// by end finds, for spans apart or touching, in any order of asks.
#[test]
fn span_ending_matches_the_search_by_end() {
    let spans = [(0, 3), (3, 5), (7, 12), (13, 14), (20, 26)];
    let cursor = std::cell::Cell::new(0);
    let asks = (0..30).chain((0..30).rev()).chain([5, 26, 3, 14, 12, 0]);
    for pos in asks {
        let k = spans.partition_point(|s| s.1 < pos);
        let want = spans.get(k).filter(|s| s.1 == pos);
        let got = super::money::span_ending(&spans, |&s| s, pos, &cursor);
        assert_eq!(got, want, "{pos}");
    }
    let none: [(usize, usize); 0] = [];
    assert_eq!(super::money::span_ending(&none, |&s| s, 0, &cursor), None);
}

/// The one-byte checks that spare reading the word after a number hold for every
/// word they stand for (`percent_after` looks at `p`).
#[test]
fn first_byte_checks_cover_their_words() {
    let percent = super::PERCENT_WORDS.iter().chain(&["per"]);
    assert!(percent.clone().all(|w| w.starts_with('p')), "{percent:?}");
}

/// The word before a number, read lazily, is what `word_before` reads, the first
/// time it is asked for and after.
#[test]
fn lazy_word_before_is_word_before() {
    let text = "about 5, (x) 7 \u{e9}t\u{e9} 9 over  10\n12";
    for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let lazy = super::LazyWordBefore::new(text, at);
        let want = super::lex::word_before(text, at);
        assert_eq!(lazy.get(), want, "{at}");
        assert_eq!(lazy.get(), want, "{at} again");
    }
}
