//! The first reading of the story: capitalized runs ("chunks") split into known
//! pieces, patterns, titles and names.

use crate::document::Label;
use crate::gazetteer::Gazetteer;

use super::known::{FactCache, Known, Pieces, INNER, NONE};
use super::lexicon::{bit, Lexicon};
use super::orgs::PATTERN_BITS;
use super::tokens::{Gap, Shape, Tok, Tokens};
use super::{Countries, Mention};

use walk::Starts;

mod dateline;
mod pieces;
mod walk;

/// Context before a known piece that decides between its readings, in order: the
/// first cue that holds wins. (Item 5 of the issue: "one label per span".)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// A title or honorific right before (`President Jordan`): a person.
    TitleBefore,
    /// A capitalized word right after that is no place or organization of its own
    /// (`Victoria Beckham`): the piece is a given name.
    NameAfter,
    /// A locative preposition right before (`in Georgia`): a place.
    PrepBefore,
}

const READINGS: &[(Cue, Label)] = &[
    (Cue::TitleBefore, Label::Person),
    (Cue::NameAfter, Label::Person),
    (Cue::PrepBefore, Label::Place),
];

/// Prepositions that put a place after them.
pub(super) const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "from",
    "near",
    "to",
    "across",
    "into",
    "throughout",
    "outside",
    "inside",
    "around",
    "towards",
    "toward",
    "via",
];

/// Lowercase words right before a run that make it a description, not a name
/// (`the Chinese POW said`).
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "another", "every",
];

/// `table.contains(&w)` for the short word tables of the rules, on a word's bytes
/// ([`Scan::bytes`]): lengths and first bytes are compared before any string is, and
/// most words differ in one of them.
pub(super) fn listed(table: &[&str], w: &[u8]) -> bool {
    let first = w.first();
    table
        .iter()
        .any(|t| t.len() == w.len() && t.as_bytes().first() == first && t.as_bytes() == w)
}

/// The piece of a token no piece starts at, read by [`Scan::starting`]: its fields
/// say no to every test, and its end (0) is before any token's. A test of a piece's
/// fields then needs no test of whether there is a piece, a branch on the text that
/// was mispredicted for one token in three.
const NO_PIECE: Known<'static> = Known::bare(0, 0, usize::MAX, 0);

pub(super) struct Scan<'a, 'g> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub known: &'a [Known<'g>],
    pub known_at: &'a [u32],
    pub lex: &'a Lexicon,
    pub countries: &'a Countries,
    pub gaz: &'g Gazetteer,
    pub out: Vec<Mention<'a>>,
    /// The attributes of the entries the story's mentions read.
    facts: FactCache<'g>,
    /// Where chunks may start.
    starts: Starts,
    /// Where each sentence's tokens end ([`Tokens::sentence_ends`]).
    sentence_ends: &'a [u32],
}

impl<'a, 'g> Scan<'a, 'g> {
    pub fn new(
        text: &'a str,
        toks: &'a Tokens,
        pieces: &'a Pieces<'g>,
        lex: &'a Lexicon,
        countries: &'a Countries,
        gaz: &'g Gazetteer,
    ) -> Scan<'a, 'g> {
        Scan {
            text,
            toks,
            known: &pieces.known,
            known_at: &pieces.at,
            lex,
            countries,
            gaz,
            // Growing a vector of large mentions copies them: news copy has about one
            // mention per six tokens before the second look drops some.
            out: Vec::with_capacity(toks.len() / 4),
            facts: FactCache::new(),
            starts: Starts::new(toks.len(), toks.capitals(), &pieces.lower_starts),
            sentence_ends: toks.sentence_ends(),
        }
    }

    /// True when token `i`'s word is in one of the tables of `bits`.
    pub fn is(&self, i: usize, bits: u32) -> bool {
        self.toks[i].flags & bits != 0
    }

    /// True when a token of `i..j` is in one of the tables of `bits`.
    pub fn any(&self, i: usize, j: usize, bits: u32) -> bool {
        self.toks[i..j].iter().any(|t| t.flags & bits != 0)
    }

    pub fn finish(self) -> Vec<Mention<'a>> {
        self.out
    }

    pub fn word(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.start()..t.end()]
    }

    /// The bytes of token `i`'s word. The rules compare most words with ASCII words
    /// and tables: bytes need no look at character boundaries, a `str` slice does.
    pub fn bytes(&self, i: usize) -> &'a [u8] {
        let t = &self.toks[i];
        &self.text.as_bytes()[t.start()..t.end()]
    }

    /// The text of tokens `i..j` as written.
    #[inline]
    pub fn span(&self, i: usize, j: usize) -> &'a str {
        &self.text[self.toks[i].start()..self.toks[j - 1].end()]
    }

    /// The known piece that starts at token `i`.
    pub fn piece(&self, i: usize) -> Option<&'a Known<'g>> {
        let k = *self.known_at.get(i)?;
        // No test of its own: an entry with [`INNER`] set (or [`NONE`]) is at least
        // 2^31, past the end of `known` (a story has fewer pieces), and `get` turns it
        // away. The test of the bit was a branch on the text, mispredicted often.
        self.known.get(k as usize)
    }

    /// The known piece that starts at token `i`, or [`NO_PIECE`]: picked with no
    /// branch, for the tests of a piece's fields.
    #[inline]
    pub fn starting(&self, i: usize) -> &'a Known<'g> {
        let k = self.known_at.get(i).map_or(NONE, |&k| k);
        self.known.get(k as usize).unwrap_or(&NO_PIECE)
    }

    /// The end of the piece starting at token `i` (not past `e`), or `i + 1` when no
    /// piece starts there: a piece ends past the token it starts at, and
    /// [`NO_PIECE`] before it, so the larger of the two is the answer, with no branch.
    #[inline]
    fn past_piece(&self, i: usize, e: usize) -> usize {
        self.starting(i).t1.min(e).max(i + 1)
    }

    /// True when a known piece starts at token `i`, told with no branch.
    #[inline]
    pub fn starts_piece(&self, i: usize) -> bool {
        self.known_at
            .get(i)
            .is_some_and(|&k| (k as usize) < self.known.len())
    }

    /// The known piece covering token `i`, or [`NO_PIECE`], as [`Scan::starting`].
    #[inline]
    pub fn covering_or_none(&self, i: usize) -> &'a Known<'g> {
        let k = self.known_at.get(i).map_or(NONE, |&k| k & !INNER);
        self.known.get(k as usize).unwrap_or(&NO_PIECE)
    }

    /// The known piece covering token `i`, wherever it starts.
    pub fn covering(&self, i: usize) -> Option<&'a Known<'g>> {
        let k = *self.known_at.get(i)?;
        // [`NONE`] without its [`INNER`] bit is 2^31 - 1, past the end of `known`.
        self.known.get((k & !INNER) as usize)
    }

    pub fn cap(&self, i: usize) -> bool {
        self.toks[i].shape.capitalized()
    }

    /// Token `j` continues token `j - 1` in the same sentence, with only spaces between.
    pub fn adjacent(&self, j: usize) -> bool {
        // A sentence's first token has `Gap::Start`: a space gap joins two tokens of
        // one sentence.
        self.toks.get(j).is_some_and(|t| t.gap == Gap::Space)
    }

    /// True when the lowercase word right before token `i`, when adjacent, is in one
    /// of the tables of `bits` (as [`listed`] in them).
    #[inline]
    pub fn lower_before_is(&self, i: usize, bits: u32) -> bool {
        // The tests and-ed, one branch: a run opens its sentence or not as the text
        // goes. (Before token 0 there is none, and token `i` is no adjacent one.)
        let Some(t) = self.toks.get(i.wrapping_sub(1)) else {
            return false;
        };
        self.adjacent(i) & (t.shape == Shape::Lower) & (t.flags & bits != 0)
    }

    fn determiner_before(&self, i: usize) -> bool {
        self.lower_before_is(i, bit::DETERMINER)
    }

    /// Reads every sentence, where the tokenizer says each ends.
    pub fn run(&mut self) {
        let mut i = 0;
        for &e in self.sentence_ends {
            let e = e as usize;
            let headline = self.title_case(i, e);
            self.sentence(i, e, headline);
            i = e;
        }
    }

    /// True for a headline written in title case, where capitals say nothing: no
    /// final stop, and nearly every longer word capitalized; or a line in capitals.
    fn title_case(&self, i: usize, e: usize) -> bool {
        // A line in capitals (`THE END`, a shouted headline) says nothing either.
        if e - i >= 2 && (i..e).all(|t| matches!(self.toks[t].shape, Shape::Upper | Shape::Digit)) {
            return true;
        }
        if walk::final_stop(&self.text.as_bytes()[self.toks[e - 1].end()..]) {
            return false;
        }
        walk::mostly_capitalized((i..e).map(|t| self.headline_word(t)))
    }

    fn sentence(&mut self, i: usize, e: usize, headline: bool) {
        let mut t = self.next_start(i, e);
        while t < e {
            // A month or a day is one even when a town shares its name (`March`).
            if self.is(t, bit::CALENDAR) && self.piece(t).is_none_or_single() {
                t = self.next_start(t + 1, e);
                continue;
            }
            let end = if headline {
                self.past_piece(t, usize::MAX)
            } else {
                self.chunk_end(t, e)
            };
            // A function word alone (`The`, `But` opening the sentence) is read as
            // [`Scan::chunk`] would read it, without its set-up: it yields nothing.
            // The tests are and-ed, not taken in turn: one branch on the text.
            if !((end == t + 1) & self.lone_function_word(t)) {
                self.chunk(t, end, headline);
            }
            t = self.next_start(end, e);
        }
    }

    /// True when token `t` is a function word and starts no known entity: a run of it
    /// alone holds nothing ([`Scan::chunk`] passes over it, and then ends).
    fn lone_function_word(&self, t: usize) -> bool {
        self.is(t, bit::STOP | bit::CALENDAR) & !self.starting(t).is_entity()
    }

    /// The first token from `t` on (or `e`) that may start a chunk: a capitalized
    /// word, or the start of a known entity ([`Starts`]).
    fn next_start(&self, t: usize, e: usize) -> usize {
        self.starts.next(t, e)
    }

    /// An organization or place head, or a word that opens a name with `of`.
    pub(super) fn is_head(&self, i: usize) -> bool {
        self.is(i, bit::OF_HEAD)
    }

    /// Reads one capitalized run `a..b`.
    fn chunk(&mut self, a: usize, b: usize, headline: bool) {
        let mut i = a;
        let mut det = false;
        // Function words and a capitalized common word opening the sentence.
        while i < b {
            // The word's bits first: most runs open with no function word, and need no
            // look at a known piece.
            if self.is(i, bit::STOP | bit::CALENDAR) && !self.starting(i).is_entity() {
                let w = self.bytes(i);
                det |= matches!(
                    w,
                    b"The" | b"A" | b"An" | b"This" | b"That" | b"These" | b"Those"
                );
                i += 1;
            } else if !self.cap(i) {
                i += 1;
            } else {
                break;
            }
        }
        // Most runs are a function word opening the sentence (`The`, `But`): they end
        // here, before the word in front of them is looked at.
        if i >= b {
            return;
        }
        // A capital opening the sentence before a known name or title says nothing.
        // The first two tests are and-ed, one branch: most runs open no sentence,
        // or are of one word, and which varies from run to run.
        if self.toks[i].initial & (i + 1 < b) && !self.starts_piece(i) && {
            let next = self.starting(i + 1);
            next.is_entity() | next.title
        } {
            i += 1;
        }
        // Most runs hold no word a pattern can start or end with: their lexicon bits,
        // read once here, spare them [`Scan::org_or_place_pattern`] at every position.
        let patterns = !headline & self.pattern_word_in(i, b);
        // The last title phrase read inside the run: the name after it is announced.
        let mut last_title: Option<(usize, usize)> = None;
        // The title phrase before the run, worked out when first asked: most runs are
        // known places and organizations, which ask only when they are also names.
        let mut title_before: Option<Option<(usize, usize)>> = None;
        while i < b {
            if patterns {
                if let Some(m) = self.org_or_place_pattern(i, b) {
                    let end = m.t1;
                    self.emit_nested(m.t0, m.t1);
                    self.out.push(m);
                    i = end;
                    continue;
                }
            }
            // In a headline, a known name that is also a common word (`NEWS`) is the word.
            // The piece's tests and-ed: one branch, where each was one.
            let k = self.starting(i);
            if k.is_entity() & !(headline & k.common) {
                let title_cue = (k.given || k.surname)
                    && (last_title.is_some()
                        || title_before
                            .get_or_insert_with(|| self.title_before(a, b))
                            .is_some());
                if self.reads_as_name(k, i, b, title_cue) {
                    // fall through to the name below
                } else {
                    self.emit_known(k, b);
                    i = k.t1;
                    continue;
                }
            }
            if !headline {
                let te = self.title_phrase(i, b);
                if te > i {
                    last_title = Some((i, te));
                    i = te;
                    continue;
                }
            }
            // A lowercase verb in a known piece (a name's rest is capitalized: asked first).
            if !self.cap(i) & k.verb {
                i = k.t1;
                continue;
            }
            // The rest of the run is a name, or a run waiting for evidence. Its title is
            // read only when the name's evidence asks for it ([`Scan::name`]).
            let title = move |s: &Self| {
                title_before
                    .unwrap_or_else(|| s.title_before(a, b))
                    .or(last_title)
            };
            let det = det || self.determiner_before(a);
            self.name(i, b, a, title, det, headline);
            break;
        }
    }

    /// True when a token of the run `i..b` has a word a pattern may start or end
    /// with ([`PATTERN_BITS`]). The first and last words are read with no branch:
    /// most runs are of one or two words, and a test of the run's length was
    /// mispredicted for one in three.
    fn pattern_word_in(&self, i: usize, b: usize) -> bool {
        let ends = self.toks[i].flags | self.toks[b - 1].flags;
        (ends & PATTERN_BITS != 0) | (b > i + 2 && self.any(i + 1, b - 1, PATTERN_BITS))
    }

    /// Whether a known place or organization at `i` is rather (the start of) a
    /// person's name here, by the [`READINGS`] table.
    fn reads_as_name(&self, k: &Known<'_>, i: usize, b: usize, title_cue: bool) -> bool {
        if !(k.given || k.surname) {
            return false;
        }
        let holds = |cue: Cue| match cue {
            Cue::TitleBefore => title_cue,
            Cue::NameAfter => {
                k.given
                    && k.t1 < b
                    && self.toks[k.t1].shape == Shape::Title
                    && self.piece(k.t1).is_none_or_name()
                    && !self.is_head(k.t1)
            }
            Cue::PrepBefore => self.lower_before_is(i, bit::LOCATIVE),
        };
        READINGS
            .iter()
            .find(|(cue, _)| holds(*cue))
            .is_some_and(|(_, label)| *label == Label::Person)
    }
}

/// Small helpers on an optional known piece.
trait PieceExt {
    /// No piece, or a piece that is only a personal name.
    fn is_none_or_name(&self) -> bool;
    /// No piece, or a piece of one word.
    fn is_none_or_single(&self) -> bool;
}

impl PieceExt for Option<&Known<'_>> {
    fn is_none_or_name(&self) -> bool {
        self.is_none_or(|k| !k.is_entity() && !k.title)
    }
    fn is_none_or_single(&self) -> bool {
        self.is_none_or(|k| k.t1 == k.t0 + 1)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    use super::super::{known, tokens};

    /// Runs `f` on a scan set up over `text` (one sentence, the embedded gazetteer, no
    /// story country), as `Recognizer::extract` sets it up.
    pub(in crate::entities) fn with_scan<R>(text: &str, f: impl FnOnce(&mut Scan) -> R) -> R {
        let gaz = Gazetteer::build(&[]).expect("gazetteer");
        let lex = Lexicon::new();
        let sentence = crate::entities::tokens::tests::sentence_at(0, text.len());
        let toks = tokens::tokenize(text, &[sentence], &lex);
        let hits = gaz.find(text);
        let pieces = known::annotate(&gaz, text, &hits, &toks, None);
        let countries = Countries::default();
        f(&mut Scan::new(text, &toks, &pieces, &lex, &countries, &gaz))
    }

    /// The piece a token starts, told by the [`INNER`] bit, is the covering piece
    /// when it starts there; and every token of a piece is covered by it.
    #[test]
    fn pieces_start_where_they_cover() {
        let text = "The Chinese Foreign Ministry said President Volodymyr Zelensky met \
                    the U.S. State Department in New York City and Kyiv on Monday.";
        with_scan(text, |scan| {
            let mut inner = 0;
            for i in 0..=scan.toks.len() {
                let starts = scan.covering(i).filter(|k| k.t0 == i);
                assert_eq!(scan.piece(i).map(|k| k.t0), starts.map(|k| k.t0), "{i}");
                if let Some(k) = scan.covering(i) {
                    assert!((k.t0..k.t1).contains(&i), "{i} {k:?}");
                    inner += usize::from(k.t0 < i);
                }
            }
            assert!(inner >= 3, "{inner}");
        });
    }

    /// [`Scan::starting`] reads the piece [`Scan::piece`] finds, or one whose fields
    /// say no, and [`Scan::past_piece`] the end of either, at every token and past;
    /// [`Scan::covering_or_none`] as [`Scan::covering`]; and the folded pattern test
    /// of a run, [`Scan::pattern_word_in`], agrees with a look at each of its words.
    #[test]
    fn starting_agrees_with_piece() {
        let text = "The Chinese Foreign Ministry said President Volodymyr Zelensky met \
                    the U.S. State Department in New York City and Kyiv on Monday at the \
                    University of Helsinki and Mount Everest.";
        with_scan(text, |scan| {
            let n = scan.toks.len();
            let mut found = 0;
            for i in 0..n + 2 {
                let (k, piece) = (scan.starting(i), scan.piece(i));
                found += usize::from(piece.is_some());
                assert!(piece.is_none_or(|p| std::ptr::eq(p, k)), "{i}");
                if piece.is_none() {
                    assert!(!k.is_entity() && !k.title && !k.given && !k.surname, "{i}");
                    assert!(!k.verb && !k.common && k.t1 == 0, "{i}");
                }
                assert_eq!(scan.starts_piece(i), piece.is_some(), "{i}");
                let (c, covering) = (scan.covering_or_none(i), scan.covering(i));
                assert!(covering.is_none_or(|p| std::ptr::eq(p, c)), "{i}");
                assert!(covering.is_some() || !c.title && c.t1 == 0, "{i}");
                for e in i + 1..n + 2 {
                    let want = piece.map_or(i + 1, |k| k.t1.min(e));
                    assert_eq!(scan.past_piece(i, e), want, "{i}..{e}");
                    if e <= n {
                        let any = scan.any(i, e, PATTERN_BITS);
                        assert_eq!(scan.pattern_word_in(i, e), any, "{i}..{e}");
                    }
                }
            }
            assert!(found >= 6, "{found}");
        });
    }

    /// [`Scan::lower_before_is`], its tests and-ed, agrees with them taken in turn at
    /// every token and past the end, at a sentence's start and after punctuation.
    #[test]
    fn lower_before_agrees_with_the_tests_in_turn() {
        let text = "Officials in Kyiv met the President. At Oxford, the Dean said in \
                    London that Paris and Rome, in March, were near Berlin (in Germany).";
        with_scan(text, |scan| {
            let mut found = 0;
            for bits in [bit::LOCATIVE, bit::DETERMINER, bit::LOCATIVE | bit::STOP] {
                for i in 0..scan.toks.len() + 2 {
                    let want = scan.adjacent(i) && {
                        let t = &scan.toks[i - 1];
                        t.shape == Shape::Lower && t.flags & bits != 0
                    };
                    assert_eq!(scan.lower_before_is(i, bits), want, "{i} {bits}");
                    found += usize::from(want);
                }
            }
            assert!(found >= 6, "{found}");
        });
    }

    /// A run of one function word that [`Scan::sentence`] passes over is one that
    /// [`Scan::chunk`] reads to nothing, in a headline or not.
    #[test]
    fn lone_function_words_yield_nothing() {
        let text = "The Ukrainian army said on Monday. But in Kyiv, officials met the \
                    President. In March, He said: This is China. And Those Smiths of \
                    Georgia, Today, left. Some Moscow More May US";
        let lone = with_scan(text, |scan| {
            let mut lone = 0;
            for t in 0..scan.toks.len() {
                if scan.lone_function_word(t) {
                    lone += 1;
                    for headline in [false, true] {
                        scan.chunk(t, t + 1, headline);
                        assert!(scan.out.is_empty(), "{:?}", scan.word(t));
                    }
                }
            }
            lone
        });
        assert!(lone >= 8, "{lone}");
    }
}
