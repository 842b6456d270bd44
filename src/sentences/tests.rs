use super::around::{
    opening_mark_then_capital, opens_sentence_behind_marks, skip_space, token_start, CLOSERS,
};
use super::*;
use crate::document::Paragraph;
use crate::layout::LayoutParser;

/// The sentences of `text` taken as one body paragraph.
fn split(text: &str) -> Vec<&str> {
    let layout = Layout {
        dateline: None,
        paragraphs: vec![Paragraph {
            start: 0,
            end: text.len(),
            kind: BlockKind::Body,
        }],
    };
    Splitter::new()
        .split(text, &layout)
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect()
}

macro_rules! sentence_cases {
    ($($name:ident: $text:expr => [$($want:expr),* $(,)?];)*) => {$(
        #[test]
        fn $name() {
            let want: &[&str] = &[$($want),*];
            assert_eq!(split($text), want, "{:?}", $text);
        }
    )*};
}

sentence_cases! {
    plain: "Hello World. My name is Jonas." => ["Hello World.", "My name is Jonas."];
    question_and_exclamation: "What? There it is! I found it." => ["What?", "There it is!", "I found it."];
    repeated_marks: "Hello?! Is that you?" => ["Hello?!", "Is that you?"];
    lower_case_goes_on: "She works at Yahoo! in accounting." => ["She works at Yahoo! in accounting."];
    // Titles and name prefixes.
    titles: "Gen. Smith met Sen. Jones and Rep. Li. Dr. Who came." => ["Gen. Smith met Sen. Jones and Rep. Li.", "Dr. Who came."];
    more_titles: "Mr. and Mrs. Smith met Ms. Li, Prof. Wu and Lt. Col. Sgt. Bo at St. Mark's." => ["Mr. and Mrs. Smith met Ms. Li, Prof. Wu and Lt. Col. Sgt. Bo at St. Mark's."];
    street_at_end: "He lives on Main St. The house is old." => ["He lives on Main St.", "The house is old."];
    saint_goes_on: "They met in St. Louis. Then in St. Paul." => ["They met in St. Louis.", "Then in St. Paul."];
    brand_opens: "Apple reported results. iPhone sales rose. eBay fell." => ["Apple reported results.", "iPhone sales rose.", "eBay fell."];
    governor: "Gov. Gavin Newsom spoke. He left." => ["Gov. Gavin Newsom spoke.", "He left."];
    // Months, numbers.
    months: "On Jan. 20 and Feb. 3, Aug. 9 and Sept. 1 it rained." => ["On Jan. 20 and Feb. 3, Aug. 9 and Sept. 1 it rained."];
    month_at_end: "It was in Jan. The year was bad." => ["It was in Jan.", "The year was bad."];
    number_sign: "He wore No. 5 on the team. It was his." => ["He wore No. 5 on the team.", "It was his."];
    no_at_end: "They said no. The talks ended." => ["They said no.", "The talks ended."];
    decimals: "Growth was 3.5 percent, or $5.2 billion, up 1.2bn. It rose." => ["Growth was 3.5 percent, or $5.2 billion, up 1.2bn.", "It rose."];
    number_at_end: "He has 600. How many do you have?" => ["He has 600.", "How many do you have?"];
    // Companies and suffixes.
    company_goes_on: "Apple Inc. said profit rose." => ["Apple Inc. said profit rose."];
    company_at_end: "They closed the deal with Pitt, Briggs & Co. It closed yesterday." => ["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."];
    versus: "It was Smith vs. Jones. Smith won." => ["It was Smith vs. Jones.", "Smith won."];
    etc_goes_on: "Apples, pears, etc. are fruit." => ["Apples, pears, etc. are fruit."];
    // Acronyms.
    us_before_noun: "The U.S. Government and U.S. Rep. Adam Smith met U.N. officials." => ["The U.S. Government and U.S. Rep. Adam Smith met U.N. officials."];
    us_at_end: "Sanctions hit the U.S. The move angered Beijing." => ["Sanctions hit the U.S.", "The move angered Beijing."];
    uk_eu: "I live in the E.U. How about you? He left the U.K. He went home." => ["I live in the E.U.", "How about you?", "He left the U.K.", "He went home."];
    // Times.
    am_weekday: "The vote is at 10 a.m. Tuesday in Kyiv." => ["The vote is at 10 a.m. Tuesday in Kyiv."];
    am_zone: "It starts at 9 p.m. EST and ends late." => ["It starts at 9 p.m. EST and ends late."];
    pm_at_end: "He left the bank at 6 P.M. Mr. Smith then went to the store." => ["He left the bank at 6 P.M.", "Mr. Smith then went to the store."];
    am_short_opening: "At 5 a.m. Mr. Smith went to the bank." => ["At 5 a.m. Mr. Smith went to the bank."];
    // Initials.
    initials: "J. R. R. Tolkien wrote it. George W. Bush read it." => ["J. R. R. Tolkien wrote it.", "George W. Bush read it."];
    pronoun_i: "We make a good team, you and I. Did you see Albert I. Jones yesterday?" => ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"];
    initial_after_noun: "It was founded by science fiction author L. Ron Hubbard in 1954." => ["It was founded by science fiction author L. Ron Hubbard in 1954."];
    bracket_after_abbreviation: "The parties are Acme Inc. (“Company A”) and Foo Corp. (“B”)." => ["The parties are Acme Inc. (“Company A”) and Foo Corp. (“B”)."];
    dash_then_lower_case: "Mix it and -- voila! -- you have cake." => ["Mix it and -- voila! -- you have cake."];
    quote_attribution: "“So far, it's 1 to 0. But it's a long game.” - Matthew Ingram" => ["“So far, it's 1 to 0.", "But it's a long game.” - Matthew Ingram"];
    dash_then_capital: "What do you see? - Posted sentinels stand." => ["What do you see?", "- Posted sentinels stand."];
    omission_then_capital: "“It declined [...] However, it will depend on emissions.”" => ["“It declined [...]", "However, it will depend on emissions.”"];
    // Quotes and brackets.
    stop_inside_quotes: "“We will win,” he said. “They will not.” She left." => ["“We will win,” he said.", "“They will not.”", "She left."];
    question_inside_quotes: "“Why?” she asked. “Because.”" => ["“Why?” she asked.", "“Because.”"];
    quote_then_lower: "\"This is great.\" she said." => ["\"This is great.\" she said."];
    brackets: "He teaches (He worked as an engineer.) at the University. Then he left." => ["He teaches (He worked as an engineer.) at the University.", "Then he left."];
    unclosed_quote: "He said there could be “many more." => ["He said there could be “many more."];
    // Ellipses.
    ellipsis_glued_capital: "He talks slowly... And this is another." => ["He talks slowly...", "And this is another."];
    ellipsis_free: "I wasn’t really ... well, what I mean...see . . . the thing is . . . I didn’t mean it." => ["I wasn’t really ... well, what I mean...see . . . the thing is . . . I didn’t mean it."];
    ellipsis_bracketed: "\"Bohr [...] used the analogy [...]\" (Smith 55)." => ["\"Bohr [...] used the analogy [...]\" (Smith 55)."];
    four_dots: "I never meant that.... She left the store." => ["I never meant that....", "She left the store."];
    unicode_ellipsis: "It was over… Then came peace." => ["It was over…", "Then came peace."];
    // Glued stops, e-mail, URLs.
    glued: "Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is a lot." => ["Hello world.", "Today is Tuesday.", "Mr. Smith bought 1,000.", "That is a lot."];
    email: "Her email is Jane.Doe@example.com. I sent her an email." => ["Her email is Jane.Doe@example.com.", "I sent her an email."];
    url: "See https://www.example.com/New.Page. Please check it." => ["See https://www.example.com/New.Page.", "Please check it."];
    // Lists.
    list_numbers: "1. The first item 2. The second item" => ["1. The first item", "2. The second item"];
    list_letters: "a. The first item b. The second item" => ["a. The first item", "b. The second item"];
    // Odd input.
    only_stops: "?!." => ["?!."];
    full_width: "Test strange period．Does it segment correctly．" => ["Test strange period．", "Does it segment correctly．"];
    trailing_dots_join: "The practice was not abandoned. . . ." => ["The practice was not abandoned. . . ."];
    spaced_after_word: "It ended in compounds. . . . The practice went on." => ["It ended in compounds.", ". . . The practice went on."];
}

#[test]
fn sentences_never_cross_paragraphs_and_keep_block_kinds() {
    let text = "A heading\nKYIV, April 9 (Reuters) - Talks. They ended\nlate. EFE\njl/ss";
    let layout = LayoutParser::new().parse(text);
    let got: Vec<_> = Splitter::new()
        .split(text, &layout)
        .iter()
        .map(|s| (&text[s.start..s.end], s.kind, s.paragraph))
        .collect();
    assert_eq!(
        got,
        [
            ("A heading", BlockKind::Heading, 0),
            ("KYIV, April 9 (Reuters) - Talks.", BlockKind::Body, 1),
            ("They ended", BlockKind::Body, 1),
            ("late.", BlockKind::Body, 2),
            ("EFE", BlockKind::Signoff, 3),
            ("jl/ss", BlockKind::Slug, 4),
        ]
    );
}

#[test]
fn blank_text_has_no_sentences() {
    for text in ["", " ", "\n\r\n\t"] {
        let layout = LayoutParser::new().parse(text);
        assert!(Splitter::new().split(text, &layout).is_empty(), "{text:?}");
    }
}

#[test]
fn the_dateline_stays_in_the_first_sentence() {
    for text in [
        "SPRINGFIELD, Ill. (AP) — The governor spoke. He left.",
        "WASHINGTON, D.C. (AP) — The governor spoke. He left.",
        "ST. LOUIS, Jan. 5 (AP) — The governor spoke. He left.",
    ] {
        let layout = LayoutParser::new().parse(text);
        assert!(layout.dateline.is_some(), "{text}");
        let got = Splitter::new().split(text, &layout);
        assert_eq!(got.len(), 2, "{text}: {got:?}");
        assert_eq!(&text[got[1].start..got[1].end], "He left.");
    }
}

#[test]
fn pathological_runs_stay_linear() {
    // Each would be quadratic with an unbounded look-back or a remove per piece.
    let spaces = format!("Xy{}Co. ", " ".repeat(100_000)) + &"Co. Co. ".repeat(50_000);
    assert!(!split(&spaces).is_empty());
    let bangs = "A".to_string() + &" !".repeat(200_000);
    assert_eq!(split(&bangs).len(), 1);
}

#[test]
fn long_text_without_spaces_stays_linear() {
    // Quadratic look-backs would take minutes here.
    let text = "a.B".repeat(200_000) + &"x.".repeat(200_000);
    let got = split(&text);
    assert!(!got.is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    /// Built once: compiling the patterns per case would dominate the run.
    static PARSERS: LazyLock<(LayoutParser, Splitter)> =
        LazyLock::new(|| (LayoutParser::new(), Splitter::new()));

    /// Layout and sentences of `text` are valid ranges: on char boundaries, inside the
    /// text, in order, not overlapping, never empty; sentences inside their paragraph.
    fn check(text: &str) -> Result<(), TestCaseError> {
        let (layout_parser, splitter) = &*PARSERS;
        let layout = layout_parser.parse(text);
        let sentences = splitter.split(text, &layout);
        let mut last = 0;
        for p in &layout.paragraphs {
            prop_assert!(
                last <= p.start && p.start < p.end && p.end <= text.len(),
                "{p:?}"
            );
            prop_assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            last = p.end;
        }
        let mut last = 0;
        for s in &sentences {
            prop_assert!(
                last <= s.start && s.start < s.end && s.end <= text.len(),
                "{s:?}"
            );
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let p = &layout.paragraphs[s.paragraph];
            prop_assert!(p.start <= s.start && s.end <= p.end, "{s:?} outside {p:?}");
            last = s.end;
        }
        if let Some(d) = &layout.dateline {
            prop_assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
            prop_assert!(d.start < d.end && d.end <= text.len());
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_text(text in "\\PC*") {
            check(&text)?;
        }

        #[test]
        fn wire_like_text(text in "[a-zA-Z0-9 .?!…\"'“”’()\\[\\]\r\n\t,;:—–/•-]{0,300}") {
            check(&text)?;
        }

        #[test]
        fn wire_like_words(words in prop::collection::vec(prop::sample::select(vec![
            "Kyiv,", "Apr", "9", "(EFE)", "–", "U.S.", "Gen.", "Mr.", "a.m.", "Inc.", "No.",
            "1.", "a.", "•", "...", ". . .", "…", "“", "”", "\"", "EFE", "mg-gbm/mcd", "\n",
            "\r\n", "\r", "said.", "The", "he", "?", "!", "J.", "I.", "[...]", "(Reporting by",
            "X)", "WASHINGTON", "(AP)", "—", "Sept.", "3.5", "www.x.com/A.B", "world.Today",
        ]), 0..60)) {
            check(&words.join(" "))?;
        }
    }
}

#[test]
fn ascii_fast_paths_agree_with_the_general_ones() {
    for p in [
        "a. B",
        "a.  B",
        "a.\tB",
        "a. “B",
        "a.\u{A0}B",
        "x \u{B}y",
        "ab",
        "é b.",
        " a",
        // Eight bytes at a time: spaces in every position of a block, blocks with
        // none, tokens of exactly 8 and 16 bytes, non-ASCII before and inside.
        "Washington D.C. The six-member team",
        "internationally recognized.",
        "abcdefgh",
        "abcdefghijklmnop",
        "x abcdefgh ijklmnopqrstuvwx.",
        "a\u{B}bcdefghijklmnop.",
        "abcdefghé ijklmnopqrs",
        "Zürich-based Schwäbisch Hall.",
        "abc\u{A0}defghijklmnopq.",
        "one\ttwo\nthree\rfour five.",
    ] {
        for i in (0..=p.len()).filter(|&i| p.is_char_boundary(i)) {
            assert_eq!(
                skip_space(p, i),
                p.len() - p[i..].trim_start().len(),
                "{p:?} {i}"
            );
            let floor_start = p[..i]
                .rfind(char::is_whitespace)
                .map_or(0, |w| w + p[w..].chars().next().map_or(0, char::len_utf8));
            assert_eq!(token_start(p, i, 0), floor_start, "{p:?} {i}");
        }
    }
}

/// Texts for the byte-level shortcuts: periods and marks before and after every kind
/// of byte they look at.
const SHORTCUT_TEXTS: &[&str] = &[
    "He said. The end.",
    "3.5 and example.com and U.S. and a.m. today",
    "It rose.\"Then",
    "It rose. . . and fell. . . . The",
    "It rose.. Then.)",
    "world.Today and 1,000.That",
    "Inc., the",
    "end.\u{A0}Next.\u{2028}Last.”",
    "end.\u{A0} \t\nNext.” \u{3000}  Last.\u{2028}\u{A0}",
    "said.\t\"The\" (The) [The] “The ‘The “the 'the",
    "It ended. “We won.” ‘Yes.’ (No.) \"Ok.\" 'Fine.' [Done.]",
    "Mr. Smith. Gen. Jones. St. Louis. No. 5.",
    "x.",
    ".",
    ". .",
];

#[test]
fn period_shapes_decide_as_the_general_scan_does() {
    let s = Splitter::new();
    for p in SHORTCUT_TEXTS {
        for (i, _) in p.match_indices('.') {
            for cur in [0, i] {
                assert_eq!(s.at_stop(p, i, cur), s.at_any_stop(p, i, cur), "{p:?} {i}");
            }
        }
    }
}

#[test]
fn plain_words_before_a_period_decide_as_the_general_rule_does() {
    let s = Splitter::new();
    let texts = SHORTCUT_TEXTS.iter().chain(&[
        "He bought 1,000. Then announced. Then Mr. Smith and St. Louis.",
        "internationally. \"\"\"\"\"\"\"\"Mr. Then ((((((((((Gen. x",
        "Tuesday.Mr. Smith and U.S.A.F.E.R. The abcdefgh. ABCDEFGH. The",
        "é1. Then aébcdefgh. Then I. Did you and I. Did",
        "He said. Then x.y. Then (Mr. and “Gen. and said . Then a\tb. abcdefg. Then",
    ]);
    for p in texts {
        for (i, _) in p.match_indices('.') {
            let next = skip_space(p, i + 1);
            for cur in (0..=i).filter(|&c| p.is_char_boundary(c)) {
                match around::plain_word_before(p.as_bytes(), i, cur) {
                    around::PlainWord::Ends => {
                        let start = token_start(p, i, cur);
                        let general = s.period_ends_after(p, i, next, cur, start);
                        assert!(general, "{p:?} {i} {cur}");
                    }
                    around::PlainWord::Starts(start) => {
                        assert_eq!(start, token_start(p, i, cur), "{p:?} {i} {cur}");
                    }
                    around::PlainWord::Unknown => {}
                }
            }
        }
    }
}

#[test]
fn byte_shortcuts_agree_with_the_char_rules() {
    for p in SHORTCUT_TEXTS {
        for i in (0..=p.len()).filter(|&i| p.is_char_boundary(i)) {
            assert_eq!(
                around::skip_closers(p, i),
                p.len() - p[i..].trim_start_matches(CLOSERS).len(),
                "{p:?} {i}"
            );
            assert_eq!(
                around::trimmed_end(p, i),
                p[..i].trim_end().len(),
                "{p:?} {i}"
            );
            if opening_mark_then_capital(p.as_bytes(), i) {
                assert!(opens_sentence_behind_marks(p, i), "{p:?} {i}");
            }
        }
    }
}

#[test]
fn alphanumerics_are_found_as_the_char_search_finds_them() {
    for s in [
        "",
        ".",
        " . . .”",
        "A.",
        "9",
        "“Quoted",
        "é",
        "—",
        ")x",
        "\u{A0}",
    ] {
        // Alone, and as a piece of a longer text that goes on with a letter: only
        // the piece is read, also when it is empty.
        let text = format!("x{s}y");
        assert_eq!(
            super::has_alphanumeric(s, 0, s.len()),
            s.contains(char::is_alphanumeric),
            "{s:?}"
        );
        assert_eq!(
            super::has_alphanumeric(&text, 1, 1 + s.len()),
            s.contains(char::is_alphanumeric),
            "{s:?}"
        );
    }
}
