//! Unit tests of the gazetteer on small in-memory tables.

use super::*;

/// The embedded gazetteer, built once for the tests of every gazetteer module that read it.
pub(crate) fn embedded() -> &'static Gazetteer {
    static GAZETTEER: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer::build(&[]).unwrap())
}

/// A small world: every row here stands for a whole class of real rows.
const ROWS: &str = "\
UA\tUkraine\tUkraine\tcountry\tcapital=geonames:703448\tt
RU\tRussia\tRussia\tcountry\t\tt
US\tUnited States\tUnited States\tcountry\t\tt
US\tUnited States\tU.S.\tcountry\t\tt
US\tUnited States\tUS\tcountry\t\tt
GE\tGeorgia\tGeorgia\tcountry\t\tt
TR\tTurkey\tTurkey\tcountry\tcommon=1\tt
RU\tRussia\tRussian\tdemonym_adj\t\tt
geonames:703448\tKyiv\tKyiv\tcapital\tcc=UA;pop=2797553\tt
geonames:703448\tKyiv\tKiev\tcapital\t\tt
geonames:703448\tKyiv\tKiyv\tcapital\t\tt
UA-30\tKyiv City\tKyiv\tsubdivision\tcc=UA\tt
geonames:709717\tDonetsk\tDonetsk\tcity\tcc=UA;pop=929063\tt
geonames:566532\tDonetsk\tDonetsk\tcity\tcc=RU;pop=48000\tt
UA-14\tDonetsk\tDonetsk\tsubdivision\tcc=UA\tt
UA-14\tDonetsk\tDonetsk Oblast\tsubdivision\tgenerated=1\tt
geonames:702658\tLuhansk\tLuhansk\tcity\tcc=UA;pop=397677\tt
geonames:702658\tLuhansk\tLugansk\tcity\t\tt
UA-09\tLuhansk\tLuhansk\tsubdivision\tcc=UA\tt
UA-09\tLuhansk\tLugansk\tsubdivision\t\tt
US-GA\tGeorgia\tGeorgia\tsubdivision\tcc=US\tt
geonames:4140963\tWashington\tWashington\tcapital\tcc=US;pop=689545\tt
US-WA\tWashington\tWashington\tsubdivision\tcc=US\tt
geonames:2634715\tWashington\tWashington\tcity\tcc=GB;pop=67085\tt
geonames:2988507\tParis\tParis\tcapital\tcc=FR;pop=2138551\tt
geonames:4717560\tParis\tParis\tcity\tcc=US;pop=24782\tt
geonames:2656173\tBath\tBath\tcity\tcc=GB;pop=94782;common=1\tt
geonames:3190261\tSplit\tSplit\tcity\tcc=HR;pop=176314;common=1\tt
geonames:5128581\tNew York City\tNew York\tcity\tcc=US;pop=8804190\tt
geonames:5128581\tNew York City\tNew York City\tcity\t\tt
geonames:3019256\tEu\tEu\tcity\tcc=FR;pop=7000\tt
org:eu\tEuropean Union\tEU\tigo\t\tt
org:ap\tAssociated Press\tAP\tnews_agency\t\tt
say\tsay\tsaid\tVBD\ttier=core\tt
say\tsay\tsays\tVBZ\ttier=core\tt
according to\taccording to\taccording to\tCUE\ttier=core\tt
foreign minister\tForeign Minister\tForeign Minister\trole\t\tt
foreign minister\tforeign minister\tforeign minister\trole\t\tt
major\tMajor\tMajor\trole\t\tt
spokesman\tspokesman\tspokesman\trole\t\tt
Said\tSaid\tSaid\tgiven_name\tgender=m\tt
Brown\tBrown\tBrown\tsurname\tcommon=1\tt
RUB\tRussian Ruble\tRussian ruble\tcurrency_name\t\tt
RUB\tRussian Ruble\trubles\tcurrency_unit\tshared_with=BYN\tt
RUB\tRussian Ruble\troubles\tcurrency_unit\tshared_with=BYN\tt
BYN\tBelarusian Ruble\trubles\tcurrency_unit\tshared_with=RUB\tt
USD\tUS Dollar\t$\tcurrency_symbol\tshared_with=CAD\tt
USD\tUS Dollar\tUS$\tcurrency_symbol\t\tt
USD\tUS Dollar\tdollars\tcurrency_unit\tshared_with=CAD\tt
CAD\tCanadian Dollar\t$\tcurrency_symbol\tshared_with=USD\tt
CAD\tCanadian Dollar\tC$\tcurrency_symbol\t\tt
CAD\tCanadian Dollar\tdollars\tcurrency_unit\tshared_with=USD\tt
";

fn gaz() -> Gazetteer {
    let mut loader = Loader::with_capacity(ROWS.len());
    loader
        .load_owned(
            "test.tsv",
            &format!("id\tcanonical\talias\ttype\textra\tsource\n{ROWS}"),
        )
        .unwrap();
    loader.finish()
}

/// Each hit as `text=canonical` of the entry it resolves to (no story country).
fn found(g: &Gazetteer, text: &str) -> Vec<String> {
    g.find(text)
        .iter()
        .map(|h| {
            let e = g.resolve(h, text, None).expect("a hit has a candidate");
            format!("{}={}", &text[h.start..h.end], e.canonical)
        })
        .collect()
}

macro_rules! find_cases {
    ($($name:ident: $text:expr => [$($hit:expr),*];)*) => {
        $(
            #[test]
            fn $name() {
                let expected: &[&str] = &[$($hit),*];
                assert_eq!(found(&gaz(), $text), expected, "in {:?}", $text);
            }
        )*
    };
}

find_cases! {
    variant_kiyv:        "Kiyv, Apr 9" => ["Kiyv=Kyiv"];
    variant_kiev:        "talks in Kiev and Kyiv" => ["Kiev=Kyiv", "Kyiv=Kyiv"];
    variant_lugansk:     "shelling in Lugansk" => ["Lugansk=Luhansk"];
    word_boundary:       "Russian troops left Russia." => ["Russian=Russia", "Russia=Russia"];
    no_match_inside:     "Russias Kyivan Georgian" => [];
    dotted_led:          "the U.S.-led coalition, US aid" => ["U.S.=United States", "US=United States"];
    lowercase_us:        "tell us more" => [];
    possessive:          "Kyiv's mayor and Kyiv’s" => ["Kyiv=Kyiv", "Kyiv=Kyiv"];
    symbols:             "$5, US$7 and C$9" => ["$=US Dollar", "US$=US Dollar", "C$=Canadian Dollar"];
    currency_units:      "30,000 rubles or roubles" => ["rubles=Russian Ruble", "roubles=Russian Ruble"];
    currency_name:       "the Russian ruble fell" => ["Russian ruble=Russian Ruble"];
    verbs:               "“No,” he said. She says" => ["said=say", "says=say"];
    verb_capitalized:    "Said the minister" => ["Said=say"];
    verb_caps_headline:  "KYIV SAID NO" => ["KYIV=Kyiv", "SAID=say"];
    name_not_lowercase:  "kyiv donetsk" => [];
    caps_dateline:       "KYIV, April 9 (EFE) - Talks" => ["KYIV=Kyiv"];
    caps_agency:         "WASHINGTON (AP) -" => ["WASHINGTON=Washington", "AP=Associated Press"];
    caps_acronym_only:   "the EU said" => ["EU=European Union", "said=say"];
    role_lowercase:      "the foreign minister said" => ["foreign minister=foreign minister", "said=say"];
    role_not_loose:      "a major blow. Major Petrov" => ["Major=Major"];
    role_as_written:     "Foreign Minister Sergei" => ["Foreign Minister=Foreign Minister"];
    cue_capitalized:     "According to the spokesman" => ["According to=according to", "spokesman=spokesman"];
    longest_wins:        "in New York City today" => ["New York City=New York City"];
    shorter_fallback:    "in New York Citys" => ["New York=New York City"];
    case_fallback:       "the Donetsk oblast" => ["Donetsk=Donetsk"];
    qualified_alias:     "the Donetsk Oblast" => ["Donetsk Oblast=Donetsk"];
    common_sentence:     "Split the bill. Along the way" => [];
    common_preposition:  "talks in Split on Monday" => ["Split=Split"];
    common_mid_sentence: "the mayor of Bath said" => ["Bath=Bath", "said=say"];
    common_headline:     "Croatian Coalition Talks Split Over Budget" => [];
    common_dateline:     "SPLIT, Croatia" => ["SPLIT=Split"];
    common_country:      "Turkey said" => ["Turkey=Turkey", "said=say"];
    common_surname:      "said Gordon Brown. Brown went" => ["said=say", "Brown=Brown"];
    empty_text:          "" => [];
    only_symbols:        "—“”$" => ["$=US Dollar"];
}

/// (text, the hit's text, story country, the id it resolves to)
const RESOLVE_CASES: &[(&str, &str, Option<&str>, &str)] = &[
    ("Georgia said", "Georgia", None, "GE"),
    ("Georgia said", "Georgia", Some("US"), "US-GA"),
    ("Georgia said", "Georgia", Some("GE"), "GE"),
    ("in Washington", "Washington", None, "geonames:4140963"),
    (
        "in Washington",
        "Washington",
        Some("US"),
        "geonames:4140963",
    ),
    (
        "in Washington",
        "Washington",
        Some("GB"),
        "geonames:4140963",
    ),
    ("in Washington state", "Washington", None, "US-WA"),
    ("the state of Washington", "Washington", None, "US-WA"),
    ("shelling of Donetsk", "Donetsk", None, "geonames:709717"),
    (
        "shelling of Donetsk",
        "Donetsk",
        Some("UA"),
        "geonames:709717",
    ),
    ("the Donetsk region", "Donetsk", Some("UA"), "UA-14"),
    ("the Donetsk oblast", "Donetsk", None, "UA-14"),
    ("the Donetsk Region", "Donetsk", None, "UA-14"),
    ("the city of Donetsk", "Donetsk", None, "geonames:709717"),
    ("in Lugansk", "Lugansk", None, "geonames:702658"),
    ("the Lugansk region", "Lugansk", None, "UA-09"),
    ("in Paris", "Paris", None, "geonames:2988507"),
    ("in Paris", "Paris", Some("US"), "geonames:2988507"),
    ("in Kyiv", "Kyiv", None, "geonames:703448"),
    ("30,000 rubles", "rubles", None, "RUB"),
    ("30,000 rubles", "rubles", Some("BY"), "BYN"),
    ("$5", "$", None, "USD"),
    ("$5", "$", Some("CA"), "CAD"),
    ("5 dollars", "dollars", Some("ca"), "CAD"),
];

#[test]
fn ambiguity_rules() {
    let g = gaz();
    for &(text, surface, country, id) in RESOLVE_CASES {
        let hits = g.find(text);
        let hit = hits
            .iter()
            .find(|h| &text[h.start..h.end] == surface)
            .unwrap_or_else(|| panic!("{surface:?} not found in {text:?}"));
        let e = g.resolve(hit, text, country).unwrap();
        assert_eq!(&*e.id, id, "{text:?} with story country {country:?}");
    }
}

#[test]
fn candidates_list_every_reading() {
    let g = gaz();
    let text = "in Donetsk";
    let hit = g.find(text)[0];
    let ids: Vec<&str> = g.candidates(&hit).map(|e| &*e.id).collect();
    assert_eq!(ids, ["geonames:709717", "geonames:566532", "UA-14"]);
    assert!(hit.classes.contains(Class::City) && hit.classes.contains(Class::Subdivision));
    assert!(!hit.classes.contains(Class::Country));
}

#[test]
fn candidates_follow_the_case_rules() {
    let g = gaz();
    // "Said" is the verb capitalized or the given name; "said" only the verb.
    let text = "Said said";
    let hits = g.find(text);
    let kinds = |h: &Hit| g.candidates(h).map(|e| e.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&hits[0]), ["VBD", "given_name"]);
    assert_eq!(kinds(&hits[1]), ["VBD"]);
    // In capitals outside a caps context "EU" is the union, not the town of Eu.
    let text = "the EU";
    let hit = g.find(text)[0];
    assert_eq!(
        g.candidates(&hit).map(|e| &*e.id).collect::<Vec<_>>(),
        ["org:eu"]
    );
}

#[test]
fn every_entry_keeps_its_type_as_written() {
    let g = embedded();
    for id in 0..g.len() {
        let e = g.entry(id as u32);
        assert_eq!(e.kind_string(), e.kind, "{}", e.id.as_str());
        assert!(!e.kind_string().is_heap_allocated());
    }
    assert_eq!(TYPE_NAMES.len(), TYPES.len());
    for (name, (t, _)) in TYPE_NAMES.iter().zip(TYPES) {
        assert_eq!(name, t);
    }
}

#[test]
fn alias_rows_inherit_the_canonical_row_attributes() {
    let g = gaz();
    let kiev: Vec<&Entry> = g.lookup("Kiev").collect();
    assert_eq!(kiev.len(), 1);
    assert_eq!(kiev[0].attr("cc"), Some("UA"));
    assert_eq!(kiev[0].attr("pop"), Some("2797553"));
    assert_eq!(kiev[0].extra.as_str(), "");
    // Alias attributes stay with their alias.
    let oblast: Vec<&Entry> = g.lookup("Donetsk Oblast").collect();
    assert_eq!(oblast[0].attr("generated"), Some("1"));
    assert_eq!(oblast[0].attr("cc"), Some("UA"));
    let donetsk = g.lookup("Donetsk").find(|e| e.id == "UA-14").unwrap();
    assert_eq!(donetsk.attr("generated"), None);
}

#[test]
fn user_rows_inherit_across_files() {
    let mut loader = Loader::with_capacity(ROWS.len());
    loader.load_owned("test.tsv", ROWS).unwrap();
    loader
        .load_owned("mine.tsv", "geonames:703448\tKyiv\tKyyiv\tcapital\n")
        .unwrap();
    let g = loader.finish();
    let e = g.lookup("Kyyiv").next().unwrap();
    assert_eq!((e.attr("cc"), e.canonical.as_str()), (Some("UA"), "Kyiv"));
    let text = "in Kyyiv";
    assert_eq!(found(&g, text), ["Kyyiv=Kyiv"]);
}

#[test]
fn lookup_is_exact() {
    let g = gaz();
    assert_eq!(g.lookup("Kyiv").count(), 2);
    assert_eq!(g.lookup("kyiv").count(), 0);
    assert_eq!(g.lookup("Nowhere").count(), 0);
    assert_eq!(
        g.lookup("rubles").map(|e| &*e.id).collect::<Vec<_>>(),
        ["RUB", "BYN"]
    );
    assert_eq!(g.rows(), ROWS.lines().count());
    assert_eq!(g.len(), g.entries().count());
    assert!((0..g.len() as EntryId).all(|id| !g.entry(id).canonical.is_empty()));
}

/// (file contents, the error it gives)
const BAD_LINES: &[(&str, &str)] = &[
    ("id\tcanonical\talias\ttype\nX\tX\tX\tnonsense\n", "gazetteer mine.tsv, line 2: unknown type \"nonsense\""),
    ("X\tX\tcity\n", "gazetteer mine.tsv, line 1: expected 4 to 6 tab-separated columns (id, canonical, alias, type, extra, source), found 3"),
    ("X\tX\tX\tcity\t\t\t\n", "gazetteer mine.tsv, line 1: expected 4 to 6 tab-separated columns (id, canonical, alias, type, extra, source), found 7"),
    ("# comment\n\nX\tX\t\tcity\n", "gazetteer mine.tsv, line 3: empty alias"),
    ("\tX\tX\tcity\n", "gazetteer mine.tsv, line 1: empty id"),
    ("X\t \tX\tcity\n", "gazetteer mine.tsv, line 1: empty canonical"),
    ("X\tX\t X\tcity\n", "gazetteer mine.tsv, line 1: alias \" X\" has surrounding spaces"),
    ("id\tcanonical\talias\ttype\nX\tX\tX\tcountry\nid\tcanonical\talias\ttype\n", "gazetteer mine.tsv, line 3: unknown type \"type\""),
    ("X\tX\tX\tcity\tpop\n", "gazetteer mine.tsv, line 1: extra \"pop\" is not key=value (pairs are separated by ';')"),
];

#[test]
fn malformed_user_lines_name_file_and_line() {
    for &(tsv, message) in BAD_LINES {
        let mut loader = Loader::with_capacity(0);
        let e = loader.load_owned("mine.tsv", tsv).unwrap_err();
        assert_eq!(e.to_string(), message, "{tsv:?}");
    }
}

#[test]
fn good_user_lines_load() {
    let mut loader = Loader::with_capacity(0);
    loader
        .load_owned("mine.tsv", "# mine\r\nid\tcanonical\talias\ttype\r\nX\tXanadu\tXanadu\tcity\r\nY\tY\tY\tcity\tpop=5\n")
        .unwrap();
    let g = loader.finish();
    assert_eq!(g.rows(), 2);
    assert_eq!(
        g.lookup("Xanadu").next().unwrap().canonical.as_str(),
        "Xanadu"
    );
}

mod embedded;

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text(text in "\\PC{0,80}") {
            let g = gaz();
            for hit in g.find(&text) {
                prop_assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
                prop_assert!(g.candidates(&hit).next().is_some());
                let _ = g.resolve(&hit, &text, Some("UA"));
            }
        }

        #[test]
        fn near_aliases(text in "(Kyiv|KYIV|Donetsk|Oblast|U\\.S\\.|US\\$|\\$|said|Bath|in| |,|\\.|\n|’|é){0,20}") {
            let g = gaz();
            for hit in g.find(&text) {
                prop_assert!(hit.start < hit.end && hit.end <= text.len());
                let _ = g.resolve(&hit, &text, None);
            }
        }
    }
}

/// CPU time of this thread (Linux `schedstat`), so that a busy machine does not
/// inflate the figures; falls back to wall time elsewhere.
fn cpu_now() -> std::time::Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or_else(
            || std::time::SystemTime::UNIX_EPOCH.elapsed().unwrap(),
            std::time::Duration::from_nanos,
        )
}

/// Build time and matching speed with the embedded data, in CPU time. A measurement,
/// not a timed test:
/// `cargo test --release --lib gazetteer::tests::bench -- --ignored --nocapture`
/// (news text from `WIREX_BENCH_TEXT`, a file, default `tests/data/donetsk.txt`).
#[test]
#[ignore]
fn bench_embedded() {
    let mut builds = Vec::new();
    let mut g = None;
    for _ in 0..7 {
        let t = cpu_now();
        g = Some(Gazetteer::build(&[]).unwrap());
        builds.push(cpu_now() - t);
    }
    builds.sort();
    let g = g.unwrap();
    let path = std::env::var("WIREX_BENCH_TEXT").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/donetsk.txt").to_string()
    });
    let one = std::fs::read_to_string(&path).unwrap();
    let text = one.repeat((20_000_000 / one.len().max(1)).max(1));
    let mut best = f64::MAX;
    let mut count = 0;
    for _ in 0..5 {
        let t = cpu_now();
        count = g.find(&text).len();
        best = best.min((cpu_now() - t).as_secs_f64());
    }
    // The tokenizer alone, for scale.
    let mut tok_best = f64::MAX;
    for _ in 0..3 {
        let t = cpu_now();
        let (mut pos, mut n) = (0, 0usize);
        while let Some((_, e)) = tokens::next_token(&text, pos) {
            pos = e;
            n += 1;
        }
        assert!(n > 0);
        tok_best = tok_best.min((cpu_now() - t).as_secs_f64());
    }
    println!(
        "tokens only: {:.0} MB/s (CPU)",
        text.len() as f64 / tok_best / 1e6
    );
    println!(
        "gazetteer: {} rows, {} entries, {} surfaces, {} keys; build (CPU) min {:?} median {:?}; \
         find {:.0} MB/s (CPU) over {:.1} MB of {path} ({count} hits)",
        g.rows(),
        g.len(),
        g.surfaces.len(),
        g.index.keys.len(),
        builds[0],
        builds[builds.len() / 2],
        text.len() as f64 / best / 1e6,
        text.len() as f64 / 1e6,
    );
    assert!(count > 0);
}

#[test]
fn find_attr_reads_whole_fields() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("cc=UA;pop=2797553", "cc", Some("UA")),
        ("cc=UA;pop=2797553", "pop", Some("2797553")),
        ("cc=UA;pop=2797553", "p", None),
        ("popular=1;pop=5", "pop", Some("5")),
        ("a=b=c", "a", Some("b=c")),
        ("a=b=c", "a=b", None),
        ("cc=;x=1", "cc", Some("")),
        ("cc", "cc", None),
        ("", "cc", None),
        (";;k=v;", "k", Some("v")),
        ("=v", "", Some("v")),
        ("é=ü;k=v", "k", Some("v")),
    ];
    for &(extra, key, want) in cases {
        assert_eq!(find_attr(extra, key), want, "{extra:?} {key:?}");
    }
}

/// The listed class's aliases are those a walk over every surface finds, in the same
/// order, with a user file adding a surface of that class and one that gains it.
#[test]
fn listed_aliases_are_the_walked_ones() {
    let user = "X\tWidget\twidgets\tcurrency_name\t\tt\nUSD\tDollar\tGeorgia\tcurrency_name\t\tt\n";
    for g in [
        Gazetteer::build(&[]).unwrap(),
        Gazetteer::build(&[("user.tsv".into(), user.into())]).unwrap(),
    ] {
        for class in [LISTED, Class::Title, Class::City] {
            let walked: Vec<&str> = g
                .surfaces
                .iter()
                .filter(|s| s.classes.contains(class))
                .map(|s| s.alias.as_str())
                .collect();
            assert_eq!(g.aliases_of(class).collect::<Vec<_>>(), walked);
        }
    }
}
