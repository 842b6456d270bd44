//! Rules end to end on short stories, over a small in-memory gazetteer.

use std::sync::OnceLock;

use crate::{Document, Label, Pipeline};

const ROWS: &str = "\
id\tcanonical\talias\ttype\textra\tsource
CN\tChina\tChina\tcountry\t\ttest
UA\tUkraine\tUkraine\tcountry\t\ttest
RU\tRussia\tRussia\tcountry\t\ttest
US\tUnited States\tUnited States\tcountry\t\ttest
US\tUnited States\tUS\tcountry\t\ttest
US\tUnited States\tU.S.\tcountry\t\ttest
KP\tNorth Korea\tNorth Korea\tcountry\t\ttest
GE\tGeorgia\tGeorgia\tcountry\t\ttest
NN\tNarnia\tNarnia\tcountry\t\ttest
d-NN\tNarnia\tNarnian\tdemonym_adj\tcc=NN\ttest
d-CN\tChinese\tChinese\tdemonym_adj\tcc=CN\ttest
d-UA\tUkrainian\tUkrainian\tdemonym_adj\tcc=UA\ttest
d-RU\tRussian\tRussian\tdemonym_adj\tcc=RU\ttest
d-KP\tNorth Korean\tNorth Korean\tdemonym_adj\tcc=KP\ttest
d-US\tAmerican\tAmerican\tdemonym_adj\tcc=US\ttest
703448\tKyiv\tKyiv\tcapital\tcc=UA\ttest
703448\tKyiv\tKiev\tcapital\tcc=UA\ttest
1816670\tBeijing\tBeijing\tcapital\tcc=CN\ttest
709717\tDonetsk\tDonetsk\tcity\tcc=UA\ttest
702658\tLuhansk\tLugansk\tcity\tcc=UA\ttest
658225\tHelsinki\tHelsinki\tcapital\tcc=FI\ttest
efe\tEFE\tEFE\tnews_agency\t\ttest
president\tpresident\tpresident\trole\t\ttest
spokesman\tspokesman\tspokesman\trole\t\ttest
g-volodymyr\tVolodymyr\tVolodymyr\tgiven_name\t\ttest
g-georgia\tGeorgia\tGeorgia\tgiven_name\t\ttest
g-nick\tNick\tNick\tgiven_name\t\ttest
s-smith\tSmith\tSmith\tsurname\t\ttest
said\tsay\tsaid\tVBD\t\ttest
warned\twarn\twarned\tVBD\t\ttest
";

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::builder()
            .offsets(crate::OffsetUnit::Bytes)
            .gazetteer_tsv("test.tsv", ROWS)
            .build()
            .expect("test rows load")
    })
}

fn label(l: Label) -> &'static str {
    match l {
        Label::Person => "PERSON",
        Label::Place => "PLACE",
        Label::Org => "ORG",
        Label::Norp => "NORP",
    }
}

/// `LABEL text=canonical` for every entity of `text`.
fn found(text: &str) -> (Document, Vec<String>) {
    let doc = pipeline().extract(text);
    let list = doc
        .entities
        .iter()
        .map(|e| format!("{} {}={}", label(e.label), e.text, e.canonical))
        .collect();
    (doc, list)
}

macro_rules! entity_cases {
    ($($name:ident: $text:expr => has [$($has:expr),*] not [$($not:expr),*];)*) => {$(
        #[test]
        fn $name() {
            let (_, list) = found($text);
            $(assert!(list.iter().any(|e| e == $has), "missing {:?} in {:?}", $has, list);)*
            $(assert!(!list.iter().any(|e| e.starts_with($not)), "unwanted {:?} in {:?}", $not, list);)*
        }
    )*};
}

entity_cases! {
    title_and_name: "Chinese Foreign Ministry spokesman Lin Jian said on Wednesday." =>
        has ["PERSON Lin Jian=Lin Jian", "NORP Chinese=China",
             "ORG Chinese Foreign Ministry=Ministry of Foreign Affairs of China"] not ["PERSON Chinese"];
    nationality_title: "He met Ukrainian President Volodymyr Zelenskyy in Kyiv." =>
        has ["PERSON Volodymyr Zelenskyy=Volodymyr Zelenskyy", "NORP Ukrainian=Ukraine", "PLACE Kyiv=Kyiv"]
        not ["PERSON President"];
    state_department: "State Department spokeswoman Tammy Bruce said it was over." =>
        has ["ORG State Department=United States Department of State", "PERSON Tammy Bruce=Tammy Bruce"] not [];
    region_word: "Fighting went on in the Donetsk region and the Lugansk region of Ukraine." =>
        has ["PLACE Donetsk region=Donetsk", "PLACE Lugansk region=Luhansk", "PLACE Ukraine=Ukraine"] not [];
    military_lowercase: "They joined the Russian armed forces and the Ukrainian army." =>
        has ["ORG Russian armed forces=Armed Forces of the Russian Federation", "NORP Russian=Russia",
             "ORG Ukrainian army=Armed Forces of Ukraine", "NORP Ukrainian=Ukraine"] not [];
    military_pattern: "They joined the Narnian army and the Narnian Armed Forces." =>
        has ["ORG Narnian army=Narnian Armed Forces", "ORG Narnian Armed Forces=Narnian Armed Forces",
             "NORP Narnian=Narnia"] not [];
    military_capitals: "He wanted to join the Russian Armed Forces." =>
        has ["ORG Russian Armed Forces=Armed Forces of the Russian Federation", "NORP Russian=Russia"] not [];
    description_not_name: "The Chinese POW said he was a tourist, said the two POWs." =>
        has ["NORP Chinese=China"] not ["PERSON", "ORG"];
    sentence_initial_common: "Going to war for Russian citizenship" =>
        has ["NORP Russian=Russia"] not ["PERSON", "ORG"];
    verb_after_unknown: "Later that day, Marta Kowalczyk said the plan had failed." =>
        has ["PERSON Marta Kowalczyk=Marta Kowalczyk"] not [];
    age_apposition: "The driver, Jonas Petrauskas, 45, was unhurt." =>
        has ["PERSON Jonas Petrauskas=Jonas Petrauskas"] not [];
    of_apposition: "Nick Bos, of the University of Helsinki, disagreed." =>
        has ["PERSON Nick Bos=Nick Bos", "ORG University of Helsinki=University of Helsinki",
             "PLACE Helsinki=Helsinki"] not [];
    org_heads: "She works for the Refugee Council and the Kyiv Post." =>
        has ["ORG Refugee Council=Refugee Council", "ORG Kyiv Post=Kyiv Post"] not [];
    nested_place: "She works for the Kyiv Refugee Council." =>
        has ["ORG Kyiv Refugee Council=Kyiv Refugee Council", "PLACE Kyiv=Kyiv"] not [];
    acronym_and_brand: "Ads were posted on TikTok, the agency UAAR said." =>
        has ["ORG TikTok=TikTok", "ORG UAAR=UAAR"] not [];
    honorific: "Asked about it, Mr. Okonkwo declined to comment." =>
        has ["PERSON Okonkwo=Okonkwo"] not ["PERSON Asked"];
    place_reading: "She flew to Georgia last week." => has ["PLACE Georgia=Georgia"] not ["PERSON"];
    given_name_reading: "Georgia Smith won the race." => has ["PERSON Georgia Smith=Georgia Smith"] not ["PLACE"];
    us_place: "US denounces Chinese aid to Russia" =>
        has ["PLACE US=United States", "NORP Chinese=China", "PLACE Russia=Russia"] not ["PERSON", "ORG"];
    dateline: "Kiyv, Apr 9 (EFE) – Talks went on in Beijing.\n" =>
        has ["PLACE Kiyv=Kyiv", "ORG EFE=EFE", "PLACE Beijing=Beijing"] not [];
    empty: "" => has [] not ["PERSON", "ORG", "PLACE", "NORP"];
    month_not_town: "The vote is due in March, officials said." => has [] not ["PLACE", "PERSON"];
    common_word_at_start: "Cobalt prices rose. Cobalt is mined in Congo, and cobalt demand grew. Cobalt again." =>
        has [] not ["ORG Cobalt", "PERSON Cobalt"];
    recurring_word_is_org: "He joined Zentrix in May. Zentrix staff said Zentrix would grow. Critics of Zentrix disagreed." =>
        has ["ORG Zentrix=Zentrix"] not ["PERSON Zentrix"];
    linked_title: "Georgian Ambassador to the United States Levan Kvaratskhelia spoke." =>
        has ["PERSON Levan Kvaratskhelia=Levan Kvaratskhelia", "PLACE United States=United States"] not [];
    member_of_is_no_title: "He was a member of Zentrix for years, a member of Zentrix said. Zentrix grew." =>
        has [] not ["PERSON Zentrix"];
    common_given_name: "Officials say Tom Okafor left early." => has ["PERSON Tom Okafor=Tom Okafor"] not [];
    the_is_no_honorific: "He took the drives from the Zentrix office." => has [] not ["PERSON"];
    capitals_line: "BREAKING NEWS FROM KYIV" => has [] not ["ORG", "PERSON"];
}

#[test]
fn surname_and_misspelling_join_the_full_name() {
    let text = "President Volodymyr Zelenskyy spoke.\nZelenskyy said that talks failed.\nZelenyi warned of more.\n";
    let (doc, _) = found(text);
    let people: Vec<&str> = doc.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(people, vec!["Volodymyr Zelenskyy"]);
    assert_eq!(doc.people[0].mentions.len(), 3);
    let variant: Vec<&str> = doc
        .entities
        .iter()
        .filter(|e| e.variant)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(variant, vec!["Zelenyi"]);
    assert_eq!(doc.people[0].titles, vec!["President"]);
}

#[test]
fn weak_town_yields_to_a_surname_of_the_story() {
    // `Montalvo` is also a town of 15,000 people in the gazetteer.
    let (_, list) = found("Daniel Montalvo left the group. Montalvo then sued.");
    assert!(
        list.contains(&"PERSON Montalvo=Daniel Montalvo".to_string()),
        "{list:?}"
    );
    assert!(!list.iter().any(|e| e.starts_with("PLACE")), "{list:?}");
}

#[test]
fn countries_are_teams_in_sports_stories() {
    let text = "Sweden beat Peru 2-0. The striker scored from the penalty spot after the referee \
                checked, and the goalkeeper was booked. Fans in Sweden celebrated.";
    let (_, list) = found(text);
    assert!(list.contains(&"ORG Sweden=Sweden".to_string()), "{list:?}");
    assert!(list.contains(&"ORG Peru=Peru".to_string()), "{list:?}");
    assert!(
        list.contains(&"PLACE Sweden=Sweden".to_string()),
        "in Sweden stays a place: {list:?}"
    );
    let (_, plain) = found("Sweden and Peru signed a trade deal.");
    assert!(
        plain.contains(&"PLACE Sweden=Sweden".to_string()),
        "{plain:?}"
    );
}

#[test]
fn affiliation_and_titles() {
    let text = "Chinese Foreign Ministry spokesman Lin Jian said so.\n\"No,\" said Foreign Ministry spokesman Lin Jian.\n";
    let (doc, _) = found(text);
    assert_eq!(doc.people.len(), 1);
    let p = &doc.people[0];
    assert_eq!(p.titles, vec!["spokesman"]);
    assert_eq!(p.affiliation.as_deref(), Some("Chinese Foreign Ministry"));
    let orgs: Vec<&str> = doc
        .organizations
        .iter()
        .map(|o| o.canonical.as_str())
        .collect();
    assert_eq!(orgs, vec!["Ministry of Foreign Affairs of China"]);
    assert_eq!(doc.organizations[0].mentions.len(), 2);
}

#[test]
fn ids_clusters_and_sentences_are_set() {
    let text = "Kyiv is far.\nLin Jian met Kyiv officials. Lin Jian said no.\n";
    let (doc, _) = found(text);
    for (i, e) in doc.entities.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
        if e.label != Label::Norp {
            assert!(e.cluster.is_some(), "{e:?}");
        }
        assert!(e.sentence < doc.sentences.len());
    }
    assert!(doc.places.iter().all(|p| p.id.starts_with('l')));
    assert_eq!(doc.places.len(), 1);
    assert_eq!(doc.places[0].mentions.len(), 2);
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in [
        "\u{feff}",
        "“",
        "’s",
        "A.",
        "U.S.A.",
        "Mr.",
        "- - -",
        "Ünïcödé Ñame said.",
        "a\u{0301}",
        "ZELENSKYY SAID",
        "of the of the",
        "The",
        "Zelenyi",
        "12,000",
        "x's y’s 's",
    ] {
        let _ = found(text);
    }
}

/// A nationality is named and referenced by its country: the reference made once per
/// code is the one [`known::iso`](super::known::iso) writes.
#[test]
fn nationalities_borrow_their_country_reference() {
    let (doc, _) = found("Ukrainian and Narnian officials met Chinese envoys.");
    let norp: Vec<(&str, Option<&str>)> = doc
        .entities
        .iter()
        .filter(|e| e.label == Label::Norp)
        .map(|e| (e.canonical.as_str(), e.reference.as_deref()))
        .collect();
    assert_eq!(
        norp,
        [
            ("Ukraine", Some("iso:UA")),
            ("Narnia", Some("iso:NN")),
            ("China", Some("iso:CN"))
        ]
    );
    let gaz = crate::gazetteer::Gazetteer::build(&[]).expect("gazetteer");
    let countries = super::countries(&gaz);
    assert!(countries.len() > 100, "{}", countries.len());
    for (cc, country) in countries.iter() {
        assert_eq!(*country.iso, *super::known::iso(cc), "{cc}");
    }
}

/// The table of two-capital codes finds what the map of every code finds, for every
/// such code and for codes of other shapes; and the first country of a code stays.
#[test]
fn countries_by_table_agree_with_the_map() {
    let gaz = crate::gazetteer::Gazetteer::build(&[]).expect("gazetteer");
    let mut countries = super::countries(&gaz);
    let country = |name: &str| super::Country {
        name: name.to_owned(),
        iso: name.into(),
    };
    countries.add("X1", || country("first"));
    countries.add("X1", || country("second"));
    countries.add("UA", || country("second Ukraine"));
    let by_map = |code: &str| countries.by_code.get(code).map(|&i| &countries.list[i]);
    let letters = (b'A'..=b'Z').flat_map(|a| (b'A'..=b'Z').map(move |b| [a, b]));
    let mut codes: Vec<String> = letters
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    codes.extend(["", "U", "ua", "Ua", "UAX", "X1", "@A", "A[", "ÜA"].map(String::from));
    for code in &codes {
        let (got, want) = (countries.get(code), by_map(code));
        assert_eq!(got.map(|c| &c.name), want.map(|c| &c.name), "{code:?}");
    }
    assert_eq!(countries.get("X1").map(|c| c.name.as_str()), Some("first"));
    assert_eq!(
        countries.get("UA").map(|c| c.name.as_str()),
        Some("Ukraine")
    );
    assert!(countries.iter().filter(|(c, _)| c.len() == 2).count() > 100);
}

/// A country code's string is the code, from the table of two capitals or built, and
/// every kind the rules give is its own name, inline.
#[test]
fn country_strings_and_kinds_are_written_as_named() {
    let letters = (b'A'..=b'Z').flat_map(|a| (b'A'..=b'Z').map(move |b| [a, b]));
    let mut codes: Vec<String> = letters
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    codes.extend(["", "U", "ua", "Ua", "UAX", "X1", "@A", "A[", "ÜA", "GB-SCT"].map(String::from));
    for code in &codes {
        assert_eq!(super::country_string(code), code.as_str());
    }
    use super::kinds::*;
    for (kind, name) in [
        (&PLACE, "place"),
        (&COUNTRY, "country"),
        (&TEAM, "team"),
        (&ORG, "org"),
        (&MINISTRY, "ministry"),
        (&ARMED_FORCES, "armed_forces"),
        (&GOVERNMENT, "government"),
        (&NEWS_AGENCY, "news_agency"),
        (&EDUCATION, "education"),
        (&COMPANY, "company"),
    ] {
        assert_eq!(kind, name);
        assert!(!kind.is_heap_allocated());
    }
}
