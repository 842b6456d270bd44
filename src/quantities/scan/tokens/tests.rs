//! The scanner from tokens against the scanner of every word, asked about every
//! position: on hand-made cases, on the stories of `tests/data` split as the pipeline
//! splits them, and on generated text.

use std::ops::Range;

use proptest::prelude::*;

use super::*;
use crate::document::BlockKind;

fn sentences(spans: &[(usize, usize)]) -> Vec<Sentence> {
    spans
        .iter()
        .map(|&(start, end)| Sentence {
            start,
            end,
            kind: BlockKind::Body,
            paragraph: 0,
        })
        .collect()
}

/// Asserts that the two scanners of `text` split into sentences at `spans` report the
/// same start from every position, and returns how many starts there are.
fn agree(text: &str, spans: &[(usize, usize)]) -> usize {
    let lex = Lexicon::new();
    let b = text.as_bytes();
    let ranges: Vec<Range<usize>> = spans.iter().map(|&(s, e)| s..e).collect();
    let words = Words::of(text, &ranges);
    let mut slow = Scanner::new(b, &lex);
    let mut starts = 0;
    if words.is_empty() {
        return starts;
    }
    let mut fast = Scanner::from_tokens(text, &lex, &words, &sentences(spans));
    for pos in 0..=b.len() {
        let want = slow.next_start(pos);
        starts += usize::from(want.is_some_and(|w| w.0 == pos));
        assert_eq!(
            fast.next_start(pos),
            want,
            "{pos} in {text:?} split at {ranges:?}"
        );
    }
    starts
}

#[test]
fn hand_made_cases() {
    let texts = [
        "Seven often sevenfold, the 2nd and THIRD; x-ten.twelve(9) Dz ONE\u{e9}one dozens",
        "a7 minus\tnegative\nbillion\u{2014}quarter 1,200 ze tw o ten",
        "tHIRTY ThirtY THIRTy sevenTEEN sEVEN Seven SEVEN seven7 7seven G7 MH17",
        "Don't ten's O'ten U.S. 5.25 .08 -5 3-1 F-16 \u{e9}ten ten\u{e9} \u{2019}twelve",
        "He said: \"Eleven.\" Then (twelve) [13] {fourteen} and 15% of $16m.",
        "halves thirds a an A An firsts Million MILLION bn K k dozen",
    ];
    for text in texts {
        let n = text.len();
        let cuts = [
            vec![(0, n)],
            vec![(0, n / 2), (n / 2, n)],
            vec![(3, n / 3), (n / 2, n - 2)],
            vec![(1, 2), (5, n)],
            vec![],
        ];
        for spans in cuts {
            let spans: Vec<_> = spans
                .into_iter()
                .map(|(s, e)| (floor(text, s), floor(text, e)))
                .collect();
            agree(text, &spans);
        }
        // A sentence that starts or ends inside a word.
        for cut in (0..n).filter(|&c| text.is_char_boundary(c)) {
            agree(text, &[(0, cut), (cut, n)]);
            agree(text, &[(cut, n)]);
        }
    }
}

/// The last character boundary at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The stories of `tests/data`, split into sentences as the pipeline splits them.
#[test]
fn the_stories_agree() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut stories = 0;
    let mut starts = 0;
    for sub in [dir.clone(), dir.join("wikinews")] {
        for entry in std::fs::read_dir(sub).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let layout = crate::layout::LayoutParser::new().parse(&text);
            let split = crate::sentences::Splitter::new().split(&text, &layout);
            let spans: Vec<_> = split.iter().map(|s| (s.start, s.end)).collect();
            starts += agree(&text, &spans);
            stories += 1;
        }
    }
    assert!(
        stories > 10 && starts > 100,
        "{stories} stories, {starts} starts"
    );
}

/// A word of generated text: a number word, a common word or a digit run in any
/// case, or punctuation, non-ASCII letters and marks.
fn word() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "seven",
        "ten",
        "twelve",
        "thirty",
        "seventeenth",
        "million",
        "bn",
        "dozen",
        "a",
        "an",
        "thirds",
        "half",
        "minus",
        "the",
        "for",
        "forty",
        "fort",
        "often",
        "said",
        "one",
        "once",
        "k",
        "dz",
        "7",
        "1,200",
        "2nd",
        "5.25",
        "G7",
        "U.S.",
        "don't",
        "\u{e9}",
        "caf\u{e9}",
        "\u{2014}",
        "\u{2019}s",
        "'s",
        "-",
        ".",
        ",",
        "\"",
        "(",
        "\n",
        "\t",
    ]);
    (words, any::<u16>()).prop_map(|(w, case)| {
        w.chars()
            .enumerate()
            .map(|(i, c)| match case >> (i % 16) & 1 {
                1 => c.to_ascii_uppercase(),
                _ => c,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn generated_text_agrees(
        words in prop::collection::vec((word(), prop::sample::select(vec!["", " ", "  ", "-", ". "])), 0..40),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
        apart in any::<bool>(),
    ) {
        let text: String = words.iter().flat_map(|(w, sep)| [w.as_str(), sep]).collect();
        let mut cuts: Vec<usize> = cuts.iter().map(|i| floor(&text, i.index(text.len() + 1))).collect();
        cuts.sort_unstable();
        cuts.dedup();
        let spans: Vec<_> = if apart {
            cuts.chunks_exact(2).map(|c| (c[0], c[1])).collect()
        } else {
            cuts.windows(2).map(|c| (c[0], c[1])).collect()
        };
        agree(&text, &spans);
    }
}
