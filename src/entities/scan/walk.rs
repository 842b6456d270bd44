//! The walk over the story's tokens to the places where a chunk may start.
//!
//! Most tokens are lowercase words in no known piece. A chunk starts at a capitalized
//! word or at the first token of a known entity, and nearly every known entity starts
//! with a capital: the few that do not are listed once. The capitalized words are
//! listed by the tokenizer ([`Tokens::capitals`]): the walk steps from one listed
//! token to the next, and reads no lowercase word.
//!
//! [`Tokens::capitals`]: super::super::tokens::Tokens::capitals

/// The tokens where a chunk may start, as two lists in text order, each read from a
/// cursor: the rules ask for the next start from a token on, and from each token on
/// later than the one before.
#[derive(Debug)]
pub(super) struct Starts<'t> {
    /// The capitalized tokens.
    capitals: List<&'t [u32]>,
    /// The first tokens of known entities that are not capitalized (the gazetteer's
    /// case rules let a few through).
    lower: List<&'t [u32]>,
}

impl<'t> Starts<'t> {
    /// `capitals` and `lower` list the capitalized tokens and the lowercase starts of
    /// known entities ([`Pieces::lower_starts`]), each in order.
    ///
    /// [`Pieces::lower_starts`]: super::super::known::Pieces::lower_starts
    pub fn new(capitals: &'t [u32], lower: &'t [u32]) -> Starts<'t> {
        Starts {
            capitals: List::new(capitals),
            lower: List::new(lower),
        }
    }

    /// The first token in `t..e` that may start a chunk, or `e`.
    pub fn next(&mut self, t: usize, e: usize) -> usize {
        self.capitals.next(t).min(self.lower.next(t)).min(e)
    }
}

/// A list of token indices in order, and where the last search left off.
#[derive(Debug)]
struct List<L> {
    tokens: L,
    at: usize,
}

impl<L: AsRef<[u32]>> List<L> {
    fn new(tokens: L) -> List<L> {
        List { tokens, at: 0 }
    }

    /// The first listed token from `t` on (`usize::MAX` if none). Steps on from the
    /// last answer, which is at or before `t` when the calls go forward, as the rules'
    /// do; a call that goes back searches the list again.
    #[inline]
    fn next(&mut self, t: usize) -> usize {
        let tokens = self.tokens.as_ref();
        if self.at > 0 && tokens.get(self.at - 1).is_some_and(|&s| s as usize >= t) {
            self.at = tokens.partition_point(|&s| (s as usize) < t);
        }
        while tokens.get(self.at).is_some_and(|&s| (s as usize) < t) {
            self.at += 1;
        }
        tokens.get(self.at).map_or(usize::MAX, |&s| s as usize)
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

    /// The walk finds what a look at each token and its piece finds, asked from every
    /// token on, forward as the rules ask and backward.
    #[test]
    fn next_agrees_with_a_look_at_each_token() {
        let text = "The Ukrainian army said on Monday. In Kyiv, officials met \
                    President Volodymyr Zelensky and russian envoys. lower case \
                    only here. And the U.S. State Department of the United States said.";
        let gaz = Gazetteer::build(&[]).expect("gazetteer");
        let toks = tokens::tokenize(text, &sentences(text), &Lexicon::new());
        let hits = gaz.find(text);
        let pieces = known::annotate(&gaz, text, &hits, &toks, None);
        let (known, known_at) = (&pieces.known, &pieces.at);
        assert!(known.iter().any(|k| k.is_entity()), "{known:?}");
        let may_start = |i: usize| {
            toks[i].shape.capitalized()
                || known_at[i] != NONE && {
                    let p = &known[(known_at[i] & !INNER) as usize];
                    p.t0 == i && p.is_entity()
                }
        };
        let n = toks.len();
        let forward = (0..=n).flat_map(|t| (t..=n).map(move |e| (t, e)));
        let backward = (0..=n).rev().flat_map(|t| (t..=n).map(move |e| (t, e)));
        for calls in [forward.collect::<Vec<_>>(), backward.collect()] {
            let mut starts = Starts::new(toks.capitals(), &pieces.lower_starts);
            for (t, e) in calls {
                let want = (t..e).find(|&i| may_start(i)).unwrap_or(e);
                assert_eq!(starts.next(t, e), want, "{t}..{e}");
            }
        }
    }

    /// The tokenizer lists exactly the capitalized tokens, in order.
    #[test]
    fn capitals_are_the_capitalized_tokens() {
        let text = "The Ukrainian army said on Monday. In Kyiv, officials met \
                    President Volodymyr Zelensky, TikTok and G7 envoys. lower case \
                    only here. And the U.S. State Department of Zürich, É. Ünal said.";
        let toks = tokens::tokenize(text, &sentences(text), &Lexicon::new());
        let want: Vec<u32> = (0..toks.len() as u32)
            .filter(|&i| toks[i as usize].shape.capitalized())
            .collect();
        assert_eq!(toks.capitals(), want);
        assert!(want.len() >= 15, "{want:?}");
    }

    /// A lowercase entity start is found where no capital is, and the nearer of the
    /// two lists' starts wins, asked forward and backward.
    #[test]
    fn lowercase_starts_are_found() {
        let (capitals, lower) = ([1, 4, 8], vec![3, 5]);
        let mut starts = Starts::new(&[], &lower);
        assert_eq!(starts.next(0, 9), 3);
        assert_eq!(starts.next(4, 9), 5);
        assert_eq!(starts.next(4, 5), 5);
        assert_eq!(starts.next(6, 9), 9);
        assert_eq!(starts.next(1, 9), 3);
        let mut starts = Starts::new(&capitals, &lower);
        let n = 10;
        let forward = (0..=n).flat_map(|t| (t..=n).map(move |e| (t, e)));
        let backward = (0..=n).rev().flat_map(|t| (t..=n).map(move |e| (t, e)));
        for (t, e) in forward.chain(backward) {
            let listed =
                |i: &usize| capitals.contains(&(*i as u32)) || lower.contains(&(*i as u32));
            let want = (t..e).find(listed).unwrap_or(e);
            assert_eq!(starts.next(t, e), want, "{t}..{e}");
        }
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
}
