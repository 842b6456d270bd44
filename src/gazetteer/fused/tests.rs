//! The matching pass over the tokenizer's notes visits the tokens that
//! [`FoldIndex::next_candidate`](super::super::index::FoldIndex) gives, in order, and
//! finds the same hits as [`Gazetteer::find`].

use super::super::tests::embedded;
use super::*;
use crate::document::{BlockKind, Sentence};
use crate::entities::{Recognizer, StoryTokens};
use crate::layout::LayoutParser;
use crate::sentences::Splitter;
use proptest::prelude::*;
use std::sync::OnceLock;

type Token = (usize, usize, Probe, bool);

/// Every token `next_candidate` gives from the text's start, read on after each.
fn reference(text: &str) -> Vec<Token> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(c) = embedded().index.next_candidate(text, pos) {
        pos = c.1;
        found.push(c);
    }
    found
}

/// Every token the pass over the notes visits, read on after each.
fn fused(text: &str, scanned: &Scanned) -> Vec<Token> {
    let mut found = Vec::new();
    embedded().scan_candidates(text, scanned, |(s, e), probe, small| {
        found.push((s, e, probe, small));
        None
    });
    found
}

/// The story's tokens, split into `sentences`, read by the entity tokenizer.
fn tokens(text: &str, sentences: &[Sentence]) -> StoryTokens {
    static ENTITIES: OnceLock<Recognizer> = OnceLock::new();
    ENTITIES
        .get_or_init(Recognizer::new)
        .tokenize(text, sentences, embedded())
}

/// The sentences the pipeline splits `text` into.
fn sentences(text: &str) -> Vec<Sentence> {
    static STAGES: OnceLock<(LayoutParser, Splitter)> = OnceLock::new();
    let (layout, splitter) = STAGES.get_or_init(|| (LayoutParser::new(), Splitter::new()));
    splitter.split(text, &layout.parse(text))
}

/// Sentences at the byte ranges between `cuts` (moved onto character boundaries).
fn cut(text: &str, cuts: &[usize]) -> Vec<Sentence> {
    let mut at: Vec<usize> = cuts
        .iter()
        .map(|&c| (c.min(text.len())..=text.len()).find(|&c| text.is_char_boundary(c)))
        .map(|c| c.unwrap_or(text.len()))
        .collect();
    at.push(0);
    at.push(text.len());
    at.sort_unstable();
    at.dedup();
    at.windows(2)
        .map(|w| Sentence {
            start: w[0],
            end: w[1],
            kind: BlockKind::Body,
            paragraph: 0,
        })
        .collect()
}

/// The pass over the notes finds the hits of [`Gazetteer::find`]; on `text` padded
/// with spaces (where `next_candidate` reads every word in its loop, as the tokenizer
/// does) it visits its tokens exactly. Gives how many of them came from the notes.
fn check(text: &str, sentences: &[Sentence]) -> usize {
    let g = embedded();
    let toks = tokens(text, sentences);
    assert_eq!(
        g.find_scanned(text, toks.scanned()),
        g.find(text),
        "{text:?}"
    );
    let padded = format!("{text}{}", " ".repeat(20));
    let toks = tokens(&padded, sentences);
    assert_eq!(
        fused(&padded, toks.scanned()),
        reference(&padded),
        "{text:?}"
    );
    toks.scanned().noted()
}

fn check_story(text: &str) -> usize {
    let noted = check(text, &sentences(text));
    check(text, &cut(text, &[text.len() / 3, text.len() / 2]));
    noted
}

#[test]
fn test_stories_agree() {
    let mut texts = vec![include_str!("../../../tests/data/donetsk.txt").to_string()];
    for entry in std::fs::read_dir("tests/data/wikinews").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
    assert!(texts.len() > 5);
    for text in &texts {
        let noted = check_story(text);
        // Most tokens the pass looks up come from the notes.
        let all = reference(&format!("{text}{}", " ".repeat(20))).len();
        assert!(noted * 2 > all, "{noted} of {all}");
    }
}

#[test]
fn gaps_and_odd_words_agree() {
    for text in [
        "",
        "Kyiv",
        "The president of the company said in Kyiv, at 5 p.m. on Monday.",
        "Trump's policy, Trump’s policy and the AS's shares rose 5% to $12 (10 euros).",
        "He said: \"We will go\" - and then the U.S.-led group left!  Then #MeToo & @AP.",
        "iPhone mcDonald McDonald  two  spaces,\n\nWASHINGTON — $5 €5 1,200 rubles’ café",
        "abcdefgh1 G7 mp3 2017 the the, the. in in, as as. KYIV abcdefghijklmnopq x",
        "the 'quoted' said; x (in) [at] ... the+the the!the the'the the'S x",
    ] {
        check_story(text);
        for at in 0..text.len() {
            check(text, &cut(text, &[at]));
        }
    }
}

/// Stretches from out-of-order sentences are not taken: the plain pass runs.
#[test]
fn overlapping_sentences_fall_back() {
    let text = "Kyiv said the talks in Moscow went on, the Kremlin said.";
    let mut s = cut(text, &[20]);
    s.push(s[0].clone());
    let toks = tokens(text, &s);
    assert_eq!(
        embedded().find_scanned(text, toks.scanned()),
        embedded().find(text)
    );
}

/// The embedded gazetteer lets the fast loop's gaps by: no stretch would be used else.
#[test]
fn embedded_gazetteer_fuses() {
    assert!(embedded().index.fuses);
    let g = Gazetteer::build(&[(
        "extra".into(),
        "id\tcanonical\talias\ttype\textra\tsource\nX\tDot\t;\torg\t\tt\n".into(),
    )])
    .unwrap();
    assert!(!g.index.fuses);
}

proptest! {
    #[test]
    fn any_text_agrees(
        text in "([a-zA-Z0-9]{1,10}|[A-Z][a-z]{1,17}|[ ,.;:()\"'$%!&#’é—\t\n-]|'s ){0,30}",
        cuts in proptest::collection::vec(0usize..200, 0..4),
    ) {
        check(&text, &cut(&text, &cuts));
        check(&text, &sentences(&text));
    }
}
