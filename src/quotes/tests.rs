//! Table-driven tests of the quote rules on small hand-built stories: an in-memory
//! gazetteer of reporting verbs and roles, hand-made people.

use super::*;
use crate::document::{Entity, Label, Person};
use crate::gazetteer::Gazetteer;
use crate::layout::LayoutParser;
use crate::sentences::Splitter;

/// Reporting verbs in every inflection used below, and a few roles.
const ROWS: &str = "id\tcanonical\talias\ttype\textra\tsource
say\tsay\tsay\tVB\t\t
post\tpost\tpost\tVB\t\t
post\tpost\tPost\tVB\t\t
report\treport\treports\tVBZ\t\t
explain\texplain\texplains\tVBZ\t\t
say\tsay\tsays\tVBZ\t\t
say\tsay\tsaid\tVBD\t\t
say\tsay\tsaying\tVBG\t\t
tell\ttell\ttold\tVBD\t\t
tell\ttell\ttells\tVBZ\t\t
add\tadd\tadded\tVBD\t\t
add\tadd\tadding\tVBG\t\t
ask\task\tasked\tVBD\t\t
add\tadd\tadds\tVBZ\t\t
explain\texplain\texplained\tVBD\t\t
deny\tdeny\tdenied\tVBD\t\t
warn\twarn\twarned\tVBD\t\t
assure\tassure\tassured\tVBD\t\t
state\tstate\tstating\tVBG\t\t
recall\trecall\trecalling\tVBG\t\t
reiterate\treiterate\treiterating\tVBG\t\t
announce\tannounce\tannounced\tVBD\t\t
comment\tcomment\tcommented\tVBD\t\t
insist\tinsist\tinsisted\tVBD\t\t
denounce\tdenounce\tdenounced\tVBD\t\t
according_to\taccording to\taccording to\tCUE\t\t
spokesman\tspokesman\tspokesman\trole\t\t
president\tpresident\tpresident\trole\t\t
minister\tminister\tminister\trole\t\t
official\tofficial\tofficials\trole\t\t
reveal\treveal\trevealed\tVBN\t\t
";

/// People of the test stories: (surface form, cluster, canonical name, titles).
const PEOPLE: &[(&str, &str, &str, &[&str])] = &[
    ("Lin Jian", "p1", "Lin Jian", &["spokesman"]),
    (
        "Volodymyr Zelenskyy",
        "p2",
        "Volodymyr Zelenskyy",
        &["President"],
    ),
    ("Zelenskyy", "p2", "Volodymyr Zelenskyy", &["President"]),
    ("Tammy Bruce", "p3", "Tammy Bruce", &["spokeswoman"]),
    ("John Kirby", "p4", "John Kirby", &[]),
    ("Ana Ruiz", "p5", "Ana Ruiz", &["minister"]),
];

/// Hand-made entities: every occurrence of a known name, longest first.
fn entities(text: &str) -> Entities {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (i, (surface, ..)) in PEOPLE.iter().enumerate() {
        for (at, _) in text.match_indices(surface) {
            let end = at + surface.len();
            if !found.iter().any(|&(s, e, _)| at < e && s < end) {
                found.push((at, end, i));
            }
        }
    }
    found.sort();
    let mut out = Entities::default();
    for (n, &(start, end, i)) in found.iter().enumerate() {
        let (surface, cluster, name, titles) = PEOPLE[i];
        let id = crate::CompactString::from(format!("e{}", n + 1));
        out.entities.push(Entity {
            id: id.clone(),
            label: Label::Person,
            text: surface.into(),
            start,
            end,
            canonical: name.into(),
            kind: None,
            reference: None,
            country: None,
            sentence: 0,
            cluster: Some(cluster.into()),
            variant: false,
        });
        match out.people.iter_mut().find(|p| p.id == cluster) {
            Some(p) => p.mentions.push(id),
            None => out.people.push(Person {
                id: cluster.into(),
                name: name.into(),
                titles: titles.iter().map(|&t| t.into()).collect(),
                affiliation: None,
                mentions: vec![id],
            }),
        }
    }
    out
}

/// The quotes of `text`, byte offsets.
fn run(text: &str) -> Vec<Quote> {
    run_with(text, true)
}

/// The quotes of `text`; `lazy` as in [`Scope::new`].
fn run_with(text: &str, lazy: bool) -> Vec<Quote> {
    // Built once: the embedded gazetteers are large.
    static GAZETTEER: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    let gazetteer = GAZETTEER
        .get_or_init(|| Gazetteer::build(&[("test.tsv".to_string(), ROWS.to_string())]).unwrap());
    let layout = LayoutParser::new().parse(text);
    let sentences = Splitter::new().split(text, &layout);
    let hits = gazetteer.find(text);
    let cx = Context {
        text,
        layout: &layout,
        sentences: &sentences,
        gazetteer,
        hits: &hits,
    };
    let ents = entities(text);
    let spans: Vec<_> = sentences.iter().map(|s| s.start..s.end).collect();
    let words = Words::of(text, &spans);
    quotes(&Scope::new(&cx, &ents, &words, lazy))
}

/// One line per quote: `D: words | cue | mention = person`, `(open)` when unclosed.
fn render(q: &Quote) -> String {
    let kind = match q.kind {
        QuoteKind::Direct => "D",
        QuoteKind::Indirect => "I",
        QuoteKind::Mixed => "M",
    };
    let cue = q.cue.as_ref().map_or("-", |c| c.text.as_str());
    let (mention, name) = match &q.speaker {
        Some(s) => (
            s.mention.as_ref().map_or("-", |m| m.text.as_str()),
            s.name.as_deref().unwrap_or("?"),
        ),
        None => ("-", "-"),
    };
    let open = if q.closed { "" } else { " (open)" };
    format!("{kind}: {} | {cue} | {mention} = {name}{open}", q.text)
}

fn rendered(text: &str) -> Vec<String> {
    run(text).iter().map(render).collect()
}

macro_rules! quote_cases {
    ($($name:ident: $text:expr => [$($want:expr),* $(,)?];)*) => {$(
        #[test]
        fn $name() {
            let want: Vec<&str> = vec![$($want),*];
            assert_eq!(rendered($text), want, "\n{}", $text);
            assert_eq!(run($text), run_with($text, false), "every block read\n{}", $text);
        }
    )*};
}

quote_cases! {
    // No `that`, no bare clause, and too far from the sentence end for a trailing
    // attribution: the cue's sentence is not even tokenized.
    no_report:           "Lin Jian announced a new plan for the region on Tuesday after a long meeting with officials from several ministries in the capital and in the provinces." => [];
    // Ruled out from the bytes: a `that` after eight words, a long object.
    that_out_of_reach:   "Ana Ruiz told the capture in combat on Monday in Kyiv that the war was near." => [];
    that_in_reach:       "Ana Ruiz told the capture in combat on Monday Monday that the war was near." => [
        "I: the war was near | told | Ana Ruiz = Ana Ruiz",
    ];
    long_plain_object:   "Ana Ruiz announced the capture in combat of two soldiers." => [];
    // Not ruled out: a comma before the cue, a short object after it.
    comma_long_object:   "The capture of combat was near, announced the capture in combat of combat." => [
        "I: The capture of combat was near | announced | the capture = ?",
    ];
    short_object:        "The capture of combat was near, Ana Ruiz told the capture in combat." => [
        "I: The capture of combat was near | told | Ana Ruiz = Ana Ruiz",
    ];
    // Frames after the quotation, straight and curly marks.
    said_speaker:        "“We will win,” said Lin Jian." => ["D: We will win, | said | Lin Jian = Lin Jian"];
    said_speaker_plain:  "\"We will win,\" said Lin Jian." => ["D: We will win, | said | Lin Jian = Lin Jian"];
    speaker_said:        "“We will win,” Lin Jian said." => ["D: We will win, | said | Lin Jian = Lin Jian"];
    speaker_said_plain:  "\"We will win,\" Lin Jian said on Wednesday." => ["D: We will win, | said | Lin Jian = Lin Jian"];
    pronoun_said:        "Lin Jian spoke.\n“We will win,” he said." => ["D: We will win, | said | he = Lin Jian"];
    adverb_between:      "“It is over,” Lin Jian later insisted." => ["D: It is over, | insisted | Lin Jian = Lin Jian"];
    told_object:         "“We paid,” Tammy Bruce told reporters." => ["D: We paid, | told | Tammy Bruce = Tammy Bruce"];
    titled_inverted:     "“Peace,” said Foreign Ministry spokesman Lin Jian when asked." => ["D: Peace, | said | Lin Jian = Lin Jian"];
    role_kept:           "“No comment,” said John Kirby, a spokesman for the Pentagon." => ["D: No comment, | said | John Kirby = John Kirby"];
    according_after:     "“Talks failed,” according to Lin Jian." => ["D: Talks failed, | according to | Lin Jian = Lin Jian"];
    coordinated_titles:  "Crowds came. American academic and professor Ana Ruiz commented, “We hope.”" => ["D: We hope. | commented | Ana Ruiz = Ana Ruiz"];
    noun_reports:        "Recent reports that the talks failed badly were wrong." => [];
    base_needs_licensor: "The report says that the talks failed badly." => ["I: the talks failed badly | says | The report = ?"];
    plural_subject_say:  "Critics say that the talks failed badly." => ["I: the talks failed badly | say | Critics = ?"];
    news_says:           "A letter seen by Sky News says “the claim may be withdrawn.”" => ["D: the claim may be withdrawn. | says | A letter seen by Sky News = ?"];
    capitalized_name:    "The Washington Post says that the talks failed badly." => ["I: the talks failed badly | says | The Washington Post = ?"];
    scare_quote:         "The “History” section of the site explains the plan." => ["D: History | - | - = -"];
    adjunct_not_clause:  "After the leak, Lin Jian told reporters “it must be well thought out.”" => ["D: it must be well thought out. | told | Lin Jian = Lin Jian"];
    according_apposed:   "According to the team's coach, Ana Ruiz, in the first match the robot, named “Better Idea,” scored." => [
        "M: in the first match the robot, named “Better Idea,” scored | According to | Ana Ruiz = Ana Ruiz",
        "D: Better Idea, | - | - = -",
    ];
    paragraph_noun:      "Title line\nRecent reports have revealed that the talks failed badly." => ["I: the talks failed badly | revealed | Recent reports = ?"];
    plural_role:         "Ana Ruiz arrived.\nThe officials said that talks go on." => ["I: talks go on | said | The officials = ?"];
    they_is_a_group:     "Ana Ruiz arrived.\nThey said that talks go on." => ["I: talks go on | said | They = ?"];
    and_said:            "Ana Ruiz said her party has backed the idea for years, and said it was a shame." => [
        "I: her party has backed the idea for years | said | Ana Ruiz = Ana Ruiz",
        "I: it was a shame | said | Ana Ruiz = Ana Ruiz",
    ];
    adding_that:         "“We will stay,” Lin Jian said, adding that the talks would go on." => [
        "D: We will stay, | said | Lin Jian = Lin Jian",
        "I: the talks would go on | adding | Lin Jian = Lin Jian",
    ];
    asked:               "“Who pays?” asked Tammy Bruce." => ["D: Who pays? | asked | Tammy Bruce = Tammy Bruce"];
    said_the_minister:   "Ana Ruiz arrived.\n“We will stay,” said the minister." => ["D: We will stay, | said | the minister = Ana Ruiz"];
    long_object:         "“We are ready,” Tammy Bruce told reporters in Brussels on Tuesday. “Nobody should doubt it.”" => [
        "D: We are ready, | told | Tammy Bruce = Tammy Bruce",
        "D: Nobody should doubt it. | told | Tammy Bruce = Tammy Bruce",
    ];
    age_is_no_role:      "“It is over,” said John Kirby, 45, a farmer from Ohio." => ["D: It is over, | said | John Kirby = John Kirby"];
    name_in_apposition:  "The minister, Ana Ruiz, said: “We will not back down.”" => ["D: We will not back down. | said | Ana Ruiz = Ana Ruiz"];
    said_on_tuesday:     "Ana Ruiz said on Tuesday the bloc would respond firmly." => ["I: the bloc would respond firmly | said | Ana Ruiz = Ana Ruiz"];
    she_skips_a_man:     "Tammy Bruce met John Kirby.\n“We talked,” she said." => ["D: We talked, | said | she = Tammy Bruce"];
    he_skips_a_woman:    "John Kirby met Tammy Bruce.\n“We talked,” he said." => ["D: We talked, | said | he = John Kirby"];
    unknown_speaker:     "“We will stay,” said Maria Sol." => ["D: We will stay, | said | Maria Sol = ?"];
    // Frames before the quotation.
    colon:               "Lin Jian said: “We will win.”" => ["D: We will win. | said | Lin Jian = Lin Jian"];
    colon_plain:         "Lin Jian said: \"We will win.\"" => ["D: We will win. | said | Lin Jian = Lin Jian"];
    said_that_quote:     "Tammy Bruce said in a press conference that “China is a major enabler.”" => ["D: China is a major enabler. | said | Tammy Bruce = Tammy Bruce"];
    according_before:    "According to Lin Jian, “the door is open.”" => ["D: the door is open. | According to | Lin Jian = Lin Jian"];
    nominal_title:       "Lin Jian spoke on Monday.\nThe spokesman assured that Beijing was “verifying the information,” stating that the government “asks nationals to stay away.”" => [
        "D: verifying the information, | assured | The spokesman = Lin Jian",
        "D: asks nationals to stay away. | stating | The spokesman = Lin Jian",
    ];
    // Split quotes and quotations standing alone after an attributed one.
    split:               "“We came,” Lin Jian said. “We stayed.”" => [
        "D: We came, | said | Lin Jian = Lin Jian",
        "D: We stayed. | said | Lin Jian = Lin Jian",
    ];
    providing:           "Tammy Bruce said that “China is an enabler,” providing “most items.”" => [
        "D: China is an enabler, | said | Tammy Bruce = Tammy Bruce",
        "D: most items. | said | Tammy Bruce = Tammy Bruce",
    ];
    next_paragraph:      "“We came,” Lin Jian said.\n“We stayed.”\nThe end." => [
        "D: We came, | said | Lin Jian = Lin Jian",
        "D: We stayed. | said | Lin Jian = Lin Jian",
    ];
    run_on_paragraphs:   "Lin Jian said: “We came.\n“We stayed.”" => [
        "D: We came. | said | Lin Jian = Lin Jian",
        "D: We stayed. | said | Lin Jian = Lin Jian",
    ];
    no_attribution:      "The plan is “dead on arrival” for now." => ["D: dead on arrival | - | - = -"];
    // Unclosed quotes run to the end of the paragraph.
    unclosed:            "Zelenskyy said Kyiv had indications that there could be “many more.\nNext." => [
        "I: Kyiv had indications that there could be | said | Zelenskyy = Volodymyr Zelenskyy",
        "D: many more. | said | Zelenskyy = Volodymyr Zelenskyy (open)",
    ];
    // Indirect speech.
    said_that:           "Zelenskyy said that some soldiers are recruited online." => ["I: some soldiers are recruited online | said | Zelenskyy = Volodymyr Zelenskyy"];
    denied_participle:   "Lin Jian on Wednesday denied that there are Chinese troops in Ukraine, reiterating China’s stance." => [
        "I: there are Chinese troops in Ukraine | denied | Lin Jian = Lin Jian",
    ];
    told_that:           "One of the two captured citizens told Ukrainian authorities that he paid 30,000 rubles (about $350) to enlist." => [
        "I: he paid 30,000 rubles (about $350) to enlist | told | One of the two captured citizens = ?",
    ];
    pronoun_unnamed:     "The captive told officers that he paid a fee.\nHe added that his motive was money, military sources told a newspaper." => [
        "I: he paid a fee | told | The captive = ?",
        "I: his motive was money | added | He = ?",
    ];
    and_that:            "The POW said under interrogation that he left as a tourist and that others had legal problems." => [
        "I: he left as a tourist | said | The POW = ?",
        "I: others had legal problems | said | The POW = ?",
    ];
    further_explained:   "The Chinese national further explained that they received training in Lugansk." => [
        "I: they received training in Lugansk | explained | The Chinese national = ?",
    ];
    recalling:           "Zelenskyy warned of the precedent, recalling that ten thousand soldiers have joined." => [
        "I: ten thousand soldiers have joined | recalling | Zelenskyy = Volodymyr Zelenskyy",
    ];
    coordinated:         "The response came after Volodymyr Zelenskyy on Tuesday denounced the capture and said Kyiv had proof of many more." => [
        "I: Kyiv had proof of many more | said | Volodymyr Zelenskyy = Volodymyr Zelenskyy",
    ];
    according_initial:   "According to Lin Jian, the talks will resume next week." => [
        "I: the talks will resume next week | According to | Lin Jian = Lin Jian",
    ];
    according_final:     "The recruits joined on their own, according to the Chinese government." => [
        "I: The recruits joined on their own | according to | the Chinese government = ?",
    ];
    trailing_said:       "The talks will resume next week, Lin Jian said." => [
        "I: The talks will resume next week | said | Lin Jian = Lin Jian",
    ];
    trailing_inverted:   "The talks will resume next week, said Lin Jian." => [
        "I: The talks will resume next week | said | Lin Jian = Lin Jian",
    ];
    mixed:               "Lin Jian said that the plan was “dead on arrival” and would be withdrawn." => [
        "M: the plan was “dead on arrival” and would be withdrawn | said | Lin Jian = Lin Jian",
        "D: dead on arrival | said | Lin Jian = Lin Jian",
    ];
    nominal_president:   "Volodymyr Zelenskyy spoke.\nThe Ukrainian president said that the war goes on." => [
        "I: the war goes on | said | The Ukrainian president = Volodymyr Zelenskyy",
    ];
    role_in_focus:       "Ana Ruiz arrived.\nThe minister said that talks go on." => [
        "I: talks go on | said | The minister = Ana Ruiz",
    ];
    no_cue_no_quote:     "The talks will resume next week." => [];
    quoted_cue_ignored:  "“He said that we lost,” Lin Jian said." => ["D: He said that we lost, | said | Lin Jian = Lin Jian"];
    // Apostrophes are never quote marks.
    apostrophes:         "China’s party’s '90s rock 'n' roll, the boys' club." => [];
    heading_quote:       "“Our war” is over\nLin Jian said that peace came at last." => [
        "D: Our war | - | - = -",
        "I: peace came at last | said | Lin Jian = Lin Jian",
    ];
}

#[test]
fn role_and_offsets_of_an_appositive_speaker() {
    let text = "“No comment,” said John Kirby, a spokesman for the Pentagon.";
    let q = &run(text)[0];
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(s.person.as_deref(), Some("p4"));
    assert_eq!(
        s.role.as_ref().unwrap().text,
        "a spokesman for the Pentagon"
    );
    assert_eq!(s.affiliation.as_ref().unwrap().text, "the Pentagon");
    let m = s.mention.as_ref().unwrap();
    assert_eq!(&text[m.start..m.end], "John Kirby");
    assert_eq!(&text[q.start..q.end], "No comment,");
}

#[test]
fn the_role_after_an_age_and_the_nominal_before_a_name() {
    let q = &run("“It is over,” said John Kirby, 45, a farmer from Ohio.")[0];
    let role = q.speaker.as_ref().and_then(|s| s.role.as_ref()).unwrap();
    assert_eq!(role.text, "a farmer from Ohio");
    let q = &run("The minister, Ana Ruiz, said: “We will not back down.”")[0];
    let role = q.speaker.as_ref().and_then(|s| s.role.as_ref()).unwrap();
    assert_eq!(role.text, "The minister");
}

#[test]
fn adversarial_inputs_never_panic() {
    let many = "\"".repeat(10_000);
    assert!(run(&many).len() <= 5_000);
    let curly = "“a” ”“ ‘ ’ « » „".repeat(2_000);
    let _ = run(&curly);
    for text in [
        "",
        "\"",
        "“",
        "”",
        "said",
        "according to",
        "He said that",
        ", said",
        "“,” said",
        "é“ü”said ü",
    ] {
        let _ = run(text);
    }
    // Long runs without punctuation, dense with cues, stay linear.
    let dense = "Ana Ruiz said that he told them that ".repeat(5_000);
    assert!(!run(&dense).is_empty());
    let marks = "“He said,” she said. ".repeat(5_000);
    assert_eq!(run(&marks).len(), 5_000);
    // Every span lies on char boundaries of the text.
    let text = "Ünïcödé “ça va,” said Lin Jian. Zelenskyy said that “évité”.";
    for q in run(text) {
        assert!(text.get(q.start..q.end).is_some());
    }
}

proptest::proptest! {
    /// Any mix of words, marks, cues and non-ASCII text: no panic, spans on char
    /// boundaries, inside the text, quotes in order.
    #[test]
    fn any_input_gives_valid_spans(parts in proptest::collection::vec(
        proptest::sample::select(vec![
            "Ana Ruiz", " said", " told", "“", "”", "\"", "'", "’", "«", "»", "„", ",", ".",
            " that", " according to", "\n", " He", " the spokesman", " é", "ü", "中文", " ",
            "Lin Jian", " added", " stating", ":", " — ", "(", ")",
        ]),
        0..60,
    )) {
        let text: String = parts.concat();
        let quotes = run(&text);
        for q in &quotes {
            proptest::prop_assert!(q.start <= q.end && q.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
            proptest::prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
            for s in [q.cue.as_ref(), q.speaker.as_ref().and_then(|s| s.mention.as_ref())].into_iter().flatten() {
                proptest::prop_assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()));
            }
        }
        proptest::prop_assert!(quotes.windows(2).all(|w| w[0].start <= w[1].start));
        // Tokenizing a block only when a rule reads it changes no quote.
        proptest::prop_assert_eq!(quotes, run_with(&text, false));
    }
}

/// Words of the clause before the cues of
/// [`cues_ruled_out_from_their_bytes_report_nothing`], and of their objects.
const CLAUSE: &[&str] = &[
    " capture", " of", " combat", " was", " near", " that", " 30,000", "é",
];
const OBJECT: &[&str] = &[
    " the", " capture", " in", " combat", " that", "that", " U.S.", " 30,000", " \u{b}", "\u{a0}",
    " ", "-", ",", "”",
];

proptest::proptest! {
    /// Cues whose clause and trailing attribution are ruled out from the bytes alone
    /// (see `indirect::reports_anything`): `CLAUSE, X said OBJECT.` with plain words,
    /// `that` near and far, commas and spaces of every kind around verbs that take no
    /// bare clause. `find` checks each cue ruled out against the rules read with
    /// tokens (under `cfg(test)`).
    #[test]
    fn cues_ruled_out_from_their_bytes_report_nothing(
        clause in proptest::collection::vec(proptest::sample::select(CLAUSE), 2..6),
        comma in proptest::sample::select(vec![",", "", " ,", " \u{b},", ",\u{a0}"]),
        subject in proptest::sample::select(vec![" Ana Ruiz", " He", " the spokesman", ""]),
        cue in proptest::sample::select(vec![
            " announced", " asked", " told", " denied", " said", " stating", "announced ",
        ]),
        object in proptest::collection::vec(proptest::sample::select(OBJECT), 0..8),
        end in proptest::sample::select(vec![".", "", "\n", "!", " “We won.”", ". He"]),
    ) {
        let text = ["The".into(), clause.concat(), comma.into(), subject.into(), cue.into(), object.concat()]
            .concat()
            + end;
        proptest::prop_assert_eq!(run(&text), run_with(&text, false));
    }
}

#[test]
fn a_news_story_gives_the_same_quotes_when_every_block_is_read() {
    let text = include_str!("../../tests/data/donetsk.txt");
    let quotes = run(text);
    assert!(!quotes.is_empty());
    assert_eq!(quotes, run_with(text, false));
}

proptest::proptest! {
    /// The byte-by-byte path of [`last_word`] agrees with the char-by-char rule.
    #[test]
    fn last_word_agrees_with_the_char_rule(s in "[ab1' ’é.\u{a0}Ж-]{0,12}") {
        proptest::prop_assert_eq!(last_word(&s), last_word_general(&s));
    }
}

proptest::proptest! {
    /// [`trim_blanks`] trims as `trim_end_matches` does.
    #[test]
    fn trim_blanks_agrees_with_trim_end_matches(s in "[a \t\n’\u{a0}é]{0,12}") {
        proptest::prop_assert_eq!(trim_blanks(&s), s.trim_end_matches([' ', '\t']));
    }
}

proptest::proptest! {
    /// [`next_word_is`] tells what the first word `split_whitespace` cuts is.
    #[test]
    fn next_word_is_agrees_with_split_whitespace(s in "[of \t\n\u{a0}\u{2003}é,]{0,8}") {
        let first = s.split_whitespace().next().unwrap_or("");
        proptest::prop_assert_eq!(next_word_is(&s, "of"), first == "of");
    }
}

proptest::proptest! {
    /// [`number`] reads an id's number as `parse` does, up to nine digits.
    #[test]
    fn number_agrees_with_parse(s in "[+0-9a-]{0,9}") {
        proptest::prop_assert_eq!(number(&s), s.parse::<usize>().ok());
    }

    /// [`frames::comma_next`] tells what `trim_start().starts_with(',')` tells.
    #[test]
    fn comma_next_agrees_with_trim_start(s in "[ ,a\t\n\u{b}\u{1c}\u{a0}\u{2003}é]{0,6}") {
        proptest::prop_assert_eq!(frames::comma_next(&s), s.trim_start().starts_with(','));
    }
}

/// The form read from a reporting verb type's last byte is the one its name gives,
/// for every reporting-verb type of the gazetteer, and only `VBZ` ends in `Z`.
#[test]
fn verb_forms_by_last_byte_agree_with_the_type_names() {
    let verbs = crate::gazetteer::TYPES
        .iter()
        .filter(|(_, class)| *class == Class::ReportingVerb);
    let mut seen = 0;
    for (kind, _) in verbs {
        let last = *kind.as_bytes().last().unwrap();
        assert_eq!(last == b'Z', *kind == "VBZ", "{kind}");
        for canonical in ["say", "according to", "quoted as saying", "in a statement"] {
            let fast = VERB_FORMS[usize::from(last)].or_else(|| cue_form(canonical));
            assert_eq!(fast, form_of(kind, canonical), "{kind} {canonical}");
        }
        seen += 1;
    }
    assert_eq!(seen, 6);
}

/// A range starts with a capital as `starts_with(char::is_uppercase)` tells, read
/// from one byte when it is ASCII.
#[test]
fn starts_upper_reads_the_first_char() {
    let text = "Said said Élan élan 9x Ωmega ωmega";
    let mut at = 0;
    while at < text.len() {
        for end in at..=text.len() {
            if text.is_char_boundary(at) && text.is_char_boundary(end) {
                let want = text[at..end].starts_with(char::is_uppercase);
                assert_eq!(starts_upper(text, &(at..end)), want, "{at}..{end}");
            }
        }
        at += 1;
    }
}
