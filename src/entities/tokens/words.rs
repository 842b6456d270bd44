//! The story's word tokens, handed out once the entity rules are done with them.

use crate::document::Sentence;

#[cfg(test)]
use super::Lexicon;
use super::Tokens;

/// The story's word tokens as a later stage reads them: where each lies. The quotes
/// stage builds its own tokens from them (see `quotes::words`) rather than reading
/// every byte of a sentence again. Empty when the sentences are out of order or
/// overlap: the tokens are then not in text order, and a reader finds none.
#[derive(Debug, Default)]
pub(crate) struct Words {
    toks: Tokens,
}

impl Words {
    /// Whether the tokenizer reads the sentence `s` of `text` (one that lies in the
    /// text on character boundaries): a stage that takes the tokens in place of the
    /// text reads the rest itself.
    pub(crate) fn reads(text: &str, s: &Sentence) -> bool {
        text.get(s.start..s.end).is_some()
    }

    /// The tokens of the story split into `sentences`, as
    /// [`tokenize`](super::tokenize) made them.
    pub(in crate::entities) fn new(toks: Tokens, sentences: &[Sentence]) -> Words {
        if sentences.windows(2).all(|w| w[0].end <= w[1].start) {
            Words { toks }
        } else {
            Words::default()
        }
    }

    /// True when there are no tokens (no sentences, or out of order).
    pub(crate) fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The starts of the plain tokens that may start a number ([`Tokens::numbers`]),
    /// in text order: with [`general`](Words::general), what the quantities stage
    /// reads in the story's sentences instead of every word.
    pub(crate) fn numbers(&self) -> impl Iterator<Item = usize> + '_ {
        let toks = &self.toks;
        toks.numbers().iter().map(|&i| toks[i as usize].start())
    }

    /// The spans `(start, end)` of the tokens the general path read
    /// ([`Tokens::general`]), in text order.
    pub(crate) fn general(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let toks = &self.toks;
        toks.general()
            .iter()
            .map(|&i| (toks[i as usize].start(), toks[i as usize].end()))
    }

    /// The spans `(start, end)` of the tokens from the first one ending after `pos` to
    /// the story's end, in text order, or `None` when that one starts before `pos` (it
    /// runs over `pos`). A reader of a range stops at its end.
    #[inline]
    pub(crate) fn after(&self, pos: usize) -> Option<impl Iterator<Item = (usize, usize)> + '_> {
        let toks = &self.toks[self.toks.partition_point(|t| t.end() <= pos)..];
        if toks.first().is_some_and(|t| t.start() < pos) {
            return None;
        }
        Some(toks.iter().map(|t| (t.start(), t.end())))
    }

    /// The words of `text` split into sentences at `ranges`, with a lexicon of their
    /// own: for tests of the stages that read them.
    #[cfg(test)]
    pub(crate) fn of(text: &str, ranges: &[std::ops::Range<usize>]) -> Words {
        let sentences: Vec<Sentence> = ranges
            .iter()
            .map(|r| Sentence {
                start: r.start,
                end: r.end,
                kind: crate::document::BlockKind::Body,
                paragraph: 0,
            })
            .collect();
        Words::new(
            super::tokenize(text, &sentences, &Lexicon::new()),
            &sentences,
        )
    }
}
