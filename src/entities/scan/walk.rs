//! The walk over the story's tokens to the places where a chunk may start.
//!
//! Most tokens are lowercase words in no known piece. A chunk starts at a capitalized
//! word or at the first token of a known entity, and nearly every known entity starts
//! with a capital: the few that do not are listed once, so that the walk reads one
//! field of each token, its shape, and no second array.

use super::super::known::Known;
use super::super::tokens::Tok;

/// The first tokens of known entities that are not capitalized (the gazetteer's case
/// rules let a few through), in text order.
#[derive(Debug, Default)]
pub(super) struct Starts {
    lower: Vec<usize>,
}

impl Starts {
    /// `known_at` maps each token to the piece covering it, as [`super::Scan::piece`]
    /// reads it.
    pub fn new(toks: &[Tok], known: &[Known<'_>], known_at: &[u32]) -> Starts {
        let lower = known
            .iter()
            .enumerate()
            .filter(|&(id, k)| {
                // Every piece starts where `known_at` says ([`known::annotate`] claims
                // its tokens whole): no test of it here.
                debug_assert_eq!(known_at.get(k.t0), Some(&(id as u32)));
                k.is_entity() && toks.get(k.t0).is_some_and(|t| !t.shape.capitalized())
            })
            .map(|(_, k)| k.t0)
            .collect();
        Starts { lower }
    }

    /// The first token in `t..e` that may start a chunk, or `e`.
    pub fn next(&self, toks: &[Tok], t: usize, e: usize) -> usize {
        let lower = self.lower[self.lower.partition_point(|&s| s < t)..]
            .first()
            .map_or(e, |&s| s.min(e));
        toks.get(t..lower)
            .and_then(|run| run.iter().position(|tok| tok.shape.capitalized()))
            .map_or(lower, |j| t + j)
    }
}

/// The end (exclusive) of the sentence of token `i`. Tokens come in sentence order:
/// the end is found by steps that double from `i`, then by halving the last step, a
/// few looks for a sentence of any length.
pub(super) fn sentence_end(toks: &[Tok], i: usize) -> usize {
    let Some(s) = toks.get(i).map(|t| t.sentence()) else {
        return i;
    };
    let in_sentence = |t: &Tok| t.sentence() == s;
    // `toks[i..lo]` are in the sentence.
    let mut lo = i + 1;
    let mut step = 16;
    loop {
        let hi = (lo + step).min(toks.len());
        match toks.get(lo..hi) {
            Some(run) if run.last().is_some_and(in_sentence) && hi < toks.len() => {
                lo = hi;
                step *= 2;
            }
            Some(run) => return lo + run.partition_point(in_sentence),
            None => return lo.min(toks.len()),
        }
    }
}

/// True when `rest`, the text after a sentence's last word, opens with a full stop,
/// `!` or `?` once closing quotes and brackets are passed:
/// `trim_start_matches(['"', '”', '’', '\'', ')']).starts_with(['.', '!', '?'])`, by bytes.
pub(super) fn final_stop(rest: &[u8]) -> bool {
    let mut i = 0;
    loop {
        match rest.get(i) {
            Some(b'"' | b'\'' | b')') => i += 1,
            // `”` and `’`, E2 80 9D and E2 80 99 in UTF-8.
            Some(0xE2) if matches!(rest.get(i + 1..i + 3), Some([0x80, 0x9D | 0x99])) => i += 3,
            Some(b'.' | b'!' | b'?') => return true,
            _ => return false,
        }
    }
}

/// `w.chars().all(char::is_alphabetic)`, with ASCII words read as bytes: the Unicode
/// tables are asked only about a word with a character past ASCII in it.
pub(super) fn alphabetic(w: &str) -> bool {
    let bytes = w.as_bytes();
    match bytes.iter().position(|b| !b.is_ascii_alphabetic()) {
        None => true,
        Some(at) if bytes[at].is_ascii() => false,
        Some(_) => w.chars().all(char::is_alphabetic),
    }
}

/// True when at least five of a sentence's longer words are counted and 17 in 20 of
/// them capitalized, from each token's `Some(capitalized)` when it is such a word.
/// Stops once the words left could not make it: most sentences with no final stop are
/// no headline, and are told so early.
pub(super) fn mostly_capitalized(mut words: impl ExactSizeIterator<Item = Option<bool>>) -> bool {
    let (mut caps, mut lower) = (0, 0);
    while let Some(word) = words.next() {
        match word {
            Some(true) => caps += 1,
            Some(false) => {
                lower += 1;
                // Even if every token left were a capitalized word, too few would be.
                if 3 * (caps + words.len()) < 17 * lower {
                    return false;
                }
            }
            None => {}
        }
    }
    caps + lower >= 5 && caps * 20 >= (caps + lower) * 17
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::document::{BlockKind, Sentence};
    use crate::gazetteer::Gazetteer;

    use super::super::super::known::{self, INNER, NONE};
    use super::super::super::lexicon::Lexicon;
    use super::super::super::tokens;

    /// Sentences at each `. `, as the splitter would put them.
    fn sentences(text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut start = 0;
        for (at, _) in text.match_indices(". ").chain([(text.len() - 1, "")]) {
            out.push(Sentence {
                start,
                end: at + 1,
                kind: BlockKind::Body,
                paragraph: 0,
            });
            start = at + 2;
        }
        out
    }

    /// The walk finds what a look at each token and its piece finds.
    #[test]
    fn next_agrees_with_a_look_at_each_token() {
        let text = "The Ukrainian army said on Monday. In Kyiv, officials met \
                    President Volodymyr Zelensky and russian envoys. lower case \
                    only here. And the U.S. State Department of the United States said.";
        let gaz = Gazetteer::build(&[]).expect("gazetteer");
        let toks = tokens::tokenize(text, &sentences(text), &Lexicon::new());
        let hits = gaz.find(text);
        let (known, known_at) = known::annotate(&gaz, text, &hits, &toks, None);
        assert!(known.iter().any(|k| k.is_entity()), "{known:?}");
        let starts = Starts::new(&toks, &known, &known_at);
        let may_start = |i: usize| {
            toks[i].shape.capitalized()
                || known_at[i] != NONE && {
                    let p = &known[(known_at[i] & !INNER) as usize];
                    p.t0 == i && p.is_entity()
                }
        };
        for t in 0..=toks.len() {
            for e in t..=toks.len() {
                let want = (t..e).find(|&i| may_start(i)).unwrap_or(e);
                assert_eq!(starts.next(&toks, t, e), want, "{t}..{e}");
            }
        }
    }

    /// A lowercase entity start is found where no capital is.
    #[test]
    fn lowercase_starts_are_found() {
        let text = "and then some words here and there";
        let toks = tokens::tokenize(text, &sentences(text), &Lexicon::new());
        let starts = Starts { lower: vec![3, 5] };
        assert_eq!(starts.next(&toks, 0, toks.len()), 3);
        assert_eq!(starts.next(&toks, 4, toks.len()), 5);
        assert_eq!(starts.next(&toks, 4, 5), 5);
        assert_eq!(starts.next(&toks, 6, toks.len()), toks.len());
    }

    /// The byte reading of a sentence's end agrees with the string reading.
    #[test]
    fn final_stop_agrees_with_trimming() {
        let ends = [
            "",
            ".",
            ". Next",
            "!",
            "?",
            "\".",
            "”.",
            "’?",
            "\"”’').",
            ")",
            "” said",
            "—.",
            "\u{201C}.",
            "\u{2019}",
            "’",
            "\u{E2}",
            ",",
            " .",
            "'\"!",
            "…",
            "”\u{2018}.",
        ];
        for rest in ends {
            let want = rest
                .trim_start_matches(['"', '”', '’', '\'', ')'])
                .starts_with(['.', '!', '?']);
            assert_eq!(final_stop(rest.as_bytes()), want, "{rest:?}");
        }
        // A sentence ending at the last byte of the text, or inside a character.
        assert!(!final_stop(&"”".as_bytes()[..2]));
    }

    /// Stopping early gives the count of the whole sentence, for every sentence of up
    /// to ten tokens.
    #[test]
    fn mostly_capitalized_agrees_with_a_count() {
        for len in 0..=10u32 {
            for code in 0..3usize.pow(len) {
                let words: Vec<Option<bool>> = (0..len)
                    .map(|k| match code / 3usize.pow(k) % 3 {
                        0 => None,
                        1 => Some(false),
                        _ => Some(true),
                    })
                    .collect();
                let n = words.iter().flatten().count();
                let caps = words.iter().flatten().filter(|&&c| c).count();
                let want = n >= 5 && caps * 20 >= n * 17;
                assert_eq!(mostly_capitalized(words.iter().copied()), want, "{words:?}");
            }
        }
    }

    /// The ASCII reading of a word's letters agrees with the Unicode one.
    #[test]
    fn alphabetic_agrees_with_chars() {
        let words = [
            "", "Kyiv", "Cloud9", "U.S.", "Zürich", "Zürich9", "naïve-", "Łódź", "abc'", "東京",
            "x²", "Ⅻ", "Straße", "l'Île",
        ];
        for w in words {
            assert_eq!(alphabetic(w), w.chars().all(char::is_alphabetic), "{w:?}");
        }
    }

    /// The doubling steps find the end a walk finds, for sentences short and long.
    #[test]
    fn sentence_end_agrees_with_a_walk() {
        let mut text = String::new();
        for len in [1, 2, 15, 16, 17, 31, 48, 49, 100, 3] {
            for w in 0..len {
                text.push_str(if w == 0 { "Word" } else { " word" });
            }
            text.push_str(". ");
        }
        let text = text.trim_end();
        let toks = tokens::tokenize(text, &sentences(text), &Lexicon::new());
        for i in 0..toks.len() {
            let want = (i..toks.len())
                .find(|&t| toks[t].sentence() != toks[i].sentence())
                .unwrap_or(toks.len());
            assert_eq!(sentence_end(&toks, i), want, "token {i}");
        }
        assert_eq!(sentence_end(&toks, toks.len()), toks.len());
    }
}
