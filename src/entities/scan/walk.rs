//! The walk over the story's tokens to the places where a chunk may start.
//!
//! Most tokens are lowercase words in no known piece. A chunk starts at a capitalized
//! word or at the first token of a known entity, and nearly every known entity starts
//! with a capital: the few that do not are listed once. The capitalized words are
//! listed by the tokenizer ([`Tokens::capitals`]): the walk goes from one start to the
//! next, and reads no lowercase word.
//!
//! A chunk goes on over capitalized words, and over a lowercase link word or two
//! between them ([`Scan::chunk_end`]).
//!
//! [`Tokens::capitals`]: super::super::tokens::Tokens::capitals

use crate::simd16;

use super::super::lexicon::bit;
use super::super::tokens::{Gap, Shape};
use super::Scan;

/// The tokens where a chunk may start, as a set of bits, one a token: the next start
/// is the next bit set, found with no loop over the starts in between. (A cursor
/// stepping along the two lists stepped over none, one or more starts from run to
/// run, and its loop's end was mispredicted for one call in three.)
#[derive(Debug)]
pub(super) struct Starts {
    /// Bit `t % 64` of word `t / 64` is set when token `t` may start a chunk; and bit
    /// `n`, the end of the story, so that a search always finds one.
    bits: Vec<u64>,
}

impl Starts {
    /// `capitals` and `lower` list the capitalized tokens and the lowercase starts of
    /// known entities ([`Pieces::lower_starts`]) of a story of `n` tokens.
    ///
    /// [`Pieces::lower_starts`]: super::super::known::Pieces::lower_starts
    pub fn new(n: usize, capitals: &[u32], lower: &[u32]) -> Starts {
        let mut bits = vec![0u64; n / 64 + 1];
        let mut set = |t: usize| bits[t / 64] |= 1 << (t % 64);
        // Plain loops: a chain of the lists cost twice the instructions.
        for &t in capitals {
            set(t as usize);
        }
        for &t in lower {
            set(t as usize);
        }
        set(n);
        Starts { bits }
    }

    /// The first token in `t..e` that may start a chunk, or `e` (`e` is at most the
    /// story's `n`).
    pub fn next(&self, t: usize, e: usize) -> usize {
        let Some(&first) = self.bits.get(t / 64) else {
            return e;
        };
        let mut at = t / 64;
        // The bits of the tokens before `t` cleared.
        let mut word = first & (u64::MAX << (t % 64));
        // A start lies in the same 64 tokens nearly always: the loop rarely runs.
        while word == 0 {
            at += 1;
            word = self.bits[at];
        }
        (at * 64 + word.trailing_zeros() as usize).min(e)
    }
}

/// The lexicon bits of the lowercase words that may join two capitalized words in a
/// run ([`Scan::chunk_end`]): a word with none of them joins nothing.
const LINK_BITS: u32 = bit::PARTICLE | bit::OF_LINK | bit::AND_LINK;

impl Scan<'_, '_> {
    /// Token `t`'s part in the count of `Scan::title_case`: whether it is
    /// capitalized, for a word of four bytes or more, all letters; `None` for the
    /// others. As `(w.len() >= 4 && alphabetic(w)).then(|| self.cap(t))` for its
    /// word `w`, with a word of up to sixteen bytes read from one sixteen-byte mask of
    /// the text (no slice of it, no loop over its bytes whose end the word's length
    /// decides): only a word with a byte past ASCII is asked about its characters.
    #[inline]
    pub(super) fn headline_word(&self, t: usize) -> Option<bool> {
        let tok = &self.toks[t];
        let (start, end) = (tok.start(), tok.end());
        let len = end - start;
        if len < 4 {
            return None;
        }
        let chunk = self
            .text
            .as_bytes()
            .get(start..)
            .and_then(|b| b.first_chunk::<16>());
        if let (Some(chunk), true) = (chunk, len <= 16) {
            // The bits of the word's bytes (`len` is at most 16).
            let within = (1u32 << len) - 1;
            if simd16::non_letters(chunk) & within == 0 {
                return Some(tok.shape.capitalized());
            }
            // Every byte ASCII, and one of them no letter: not a word of letters.
            if simd16::non_ascii(chunk) & within == 0 {
                return None;
            }
        }
        alphabetic(&self.text[start..end]).then(|| tok.shape.capitalized())
    }

    /// Where the capitalized run starting at `a` ends (exclusive), not past `e`.
    pub(super) fn chunk_end(&self, a: usize, e: usize) -> usize {
        let mut has_head = self.is_head(a);
        let mut j = self.past_piece(a, e);
        while j < e {
            // The next word goes on with the run when it is capitalized (and no month
            // or day), or when it is a lowercase link word: the tests are and-ed and
            // or-ed, not taken in turn, and most runs end here on one branch.
            let t = &self.toks[j];
            let space = t.gap == Gap::Space;
            let cap = (space | (t.gap == Gap::Hyphen))
                & t.shape.capitalized()
                & (t.flags & bit::CALENDAR == 0);
            let link = space & (t.shape == Shape::Lower) & (t.flags & LINK_BITS != 0);
            if !(cap | link) {
                break;
            }
            if cap {
                has_head |= self.is_head(j);
                j = self.past_piece(j, e);
                continue;
            }
            // A run of up to two connectors, then a capital.
            let prev_head = self.is(j - 1, bit::OF_HEAD);
            let mut k = j;
            while k < e && k < j + 2 && self.toks[k].shape == Shape::Lower && self.adjacent(k) {
                // The links are lexicon bits ([`bit::OF_LINK`], [`bit::AND_LINK`]): one load,
                // where the word's bytes were compared with each.
                let ok = if self.is(k, bit::PARTICLE) && !has_head && !prev_head {
                    true
                } else if self.is(k, bit::OF_LINK) {
                    has_head || prev_head
                } else if self.bytes(k) == b"the" {
                    k > j && self.is(k - 1, bit::OF_LINK)
                } else {
                    self.is(k, bit::AND_LINK) && has_head
                };
                if !ok {
                    break;
                }
                k += 1;
            }
            if k > j && k < e && self.adjacent(k) && self.cap(k) && !self.is(k, bit::CALENDAR) {
                has_head |= self.is_head(k);
                j = self.piece(k).map_or(k + 1, |p| p.t1.min(e));
                continue;
            }
            break;
        }
        j
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
///
/// Each word is counted with no branch on what it is (whether a word is counted, and
/// capitalized, goes either way from word to word), and the stop is asked after every
/// word: it holds from the first word it could be told at, as the count can then only
/// fall shorter.
pub(super) fn mostly_capitalized(mut words: impl ExactSizeIterator<Item = Option<bool>>) -> bool {
    let (mut caps, mut lower) = (0, 0);
    while let Some(word) = words.next() {
        caps += usize::from(word == Some(true));
        lower += usize::from(word == Some(false));
        // Even if every token left were a capitalized word, too few would be.
        if 3 * (caps + words.len()) < 17 * lower {
            return false;
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
    use super::super::tests::with_scan;

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
            let starts = Starts::new(n, toks.capitals(), &pieces.lower_starts);
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
        let starts = Starts::new(10, &[], &lower);
        assert_eq!(starts.next(0, 9), 3);
        assert_eq!(starts.next(4, 9), 5);
        assert_eq!(starts.next(4, 5), 5);
        assert_eq!(starts.next(6, 9), 9);
        assert_eq!(starts.next(1, 9), 3);
        let n = 10;
        let starts = Starts::new(n, &capitals, &lower);
        let forward = (0..=n).flat_map(|t| (t..=n).map(move |e| (t, e)));
        let backward = (0..=n).rev().flat_map(|t| (t..=n).map(move |e| (t, e)));
        for (t, e) in forward.chain(backward) {
            let listed =
                |i: &usize| capitals.contains(&(*i as u32)) || lower.contains(&(*i as u32));
            let want = (t..e).find(listed).unwrap_or(e);
            assert_eq!(starts.next(t, e), want, "{t}..{e}");
        }
    }

    /// [`Scan::chunk_end`] as written before its tests were folded together: the
    /// connector loop asked about every lowercase word after a capital.
    fn chunk_end_word_by_word(scan: &Scan, a: usize, e: usize) -> usize {
        let mut has_head = scan.is_head(a);
        let mut j = scan.piece(a).map_or(a + 1, |k| k.t1.min(e));
        while j < e {
            let t = &scan.toks[j];
            if !(t.gap == Gap::Space || t.gap == Gap::Hyphen) {
                break;
            }
            if scan.cap(j) && !scan.is(j, bit::CALENDAR) {
                has_head |= scan.is_head(j);
                j = scan.piece(j).map_or(j + 1, |k| k.t1.min(e));
                continue;
            }
            if t.gap != Gap::Space || t.shape != Shape::Lower {
                break;
            }
            let prev_head = scan.is(j - 1, bit::OF_HEAD);
            let mut k = j;
            while k < e && k < j + 2 && scan.toks[k].shape == Shape::Lower && scan.adjacent(k) {
                let ok = if scan.is(k, bit::PARTICLE) && !has_head && !prev_head {
                    true
                } else if scan.is(k, bit::OF_LINK) {
                    has_head || prev_head
                } else if scan.bytes(k) == b"the" {
                    k > j && scan.is(k - 1, bit::OF_LINK)
                } else {
                    scan.is(k, bit::AND_LINK) && has_head
                };
                if !ok {
                    break;
                }
                k += 1;
            }
            if k > j && k < e && scan.adjacent(k) && scan.cap(k) && !scan.is(k, bit::CALENDAR) {
                has_head |= scan.is_head(k);
                j = scan.piece(k).map_or(k + 1, |p| p.t1.min(e));
                continue;
            }
            break;
        }
        j
    }

    /// The folded first test of [`Scan::chunk_end`] ends the same runs as the word by
    /// word reading, from every token to every end.
    #[test]
    fn chunk_end_agrees_with_the_word_by_word_reading() {
        let text = "The Ministry of Defence and Bank of the West met Banco de España, the \
                    Department of Trade and Industry, Ludwig van Beethoven, Kim Shin-Wook \
                    in March and the University of Helsinki of the Czech Republic on \
                    Monday; Minister for Foreign Affairs Ana de la Cruz told New York City \
                    police and the said Council and the United Nations. Sky News said.";
        let longest = with_scan(text, |scan| {
            let n = scan.toks.len();
            let mut longest = 0;
            for a in 0..n {
                for e in a + 1..=n {
                    let want = chunk_end_word_by_word(scan, a, e);
                    assert_eq!(scan.chunk_end(a, e), want, "{a}..{e}");
                    longest = longest.max(want - a);
                }
            }
            longest
        });
        assert!(longest >= 5, "{longest}");
    }

    /// The next start is found across the words of the bit set: starts far apart,
    /// on and next to the words' edges, in stories of lengths around them.
    #[test]
    fn starts_are_found_across_words() {
        let listed: Vec<u32> = vec![0, 63, 64, 65, 127, 200, 255, 256, 330];
        for n in [331, 383, 384, 385, 500] {
            let (capitals, lower): (Vec<u32>, Vec<u32>) = listed.iter().partition(|&&t| t % 3 != 0);
            let starts = Starts::new(n, &capitals, &lower);
            for t in 0..=n {
                for e in t..=n {
                    let want = (t..e).find(|&i| listed.contains(&(i as u32))).unwrap_or(e);
                    assert_eq!(starts.next(t, e), want, "{n}: {t}..{e}");
                }
            }
        }
    }

    /// [`Scan::headline_word`] reads every token as the look at its word's length,
    /// characters and capital does: ASCII words of every length up to and past
    /// sixteen bytes, words with characters past ASCII, digits and punctuation inside,
    /// and words within sixteen bytes of the text's end.
    #[test]
    fn headline_words_agree_with_their_characters() {
        let text = "Kyiv Zürich ÉCOLE naïve Straße U.S. Cloud9 McDONALD don't Shin-Wook \
                    abc ABCD Ünal l'Île Internationalisation Counterintelligence \
                    Extraordinarily Constitutional TikTok 2024 Łódź Seventeen Athens";
        with_scan(text, |scan| {
            let n = scan.toks.len();
            let (mut counted, mut past_ascii) = (0, 0);
            for t in 0..n {
                let w = scan.word(t);
                let want = (w.len() >= 4 && alphabetic(w)).then(|| scan.cap(t));
                assert_eq!(scan.headline_word(t), want, "{w:?}");
                counted += usize::from(want.is_some());
                past_ascii += usize::from(want.is_some() && !w.is_ascii());
            }
            assert!(counted >= 12 && past_ascii >= 3, "{counted} {past_ascii}");
        });
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
