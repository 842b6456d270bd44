//! The tokens of a story, block by block (a block is a sentence, or a paragraph when
//! there are no sentences), each block tokenized the first time a rule reads it
//! (from the entity stage's words, see [`words`]).
//!
//! Only blocks holding a cue or a quote mark have tokens at all; of those, a block
//! no rule reads (a sentence inside a long quotation, a cue that attributes nothing)
//! is never tokenized.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::ops::Range;

use crate::entities::Words;

use super::tokens::{self, Tok};
use super::{words, Cue};

/// Bytes tokenized at least by a step of [`Blocks::leading`].
const STEP: usize = 64;

/// Tokens of the blocks of one story.
pub(super) struct Blocks<'a> {
    text: &'a str,
    /// The story's words, which most tokens are made from (see [`words`]).
    words: &'a Words,
    /// The blocks with tokens, in text order.
    ranges: Vec<Range<usize>>,
    store: Store,
    /// The block found last by [`Blocks::holding`].
    last: Cell<usize>,
}

enum Store {
    /// Blocks in order and apart: the tokens of each, made when first read.
    Lazy(Vec<OnceCell<Vec<Tok>>>),
    /// Every block tokenized up front, in block order. `ordered`: the tokens are in
    /// text order and do not overlap.
    Eager { toks: Vec<Tok>, ordered: bool },
}

impl<'a> Blocks<'a> {
    /// The tokens of `ranges` (on char boundaries) of `text`, split into `words`,
    /// tokenized lazily when `lazy` and the blocks are in order and apart, else all
    /// at once.
    pub fn new(
        text: &'a str,
        words: &'a Words,
        ranges: Vec<Range<usize>>,
        cues: &[Cue<'_>],
        lazy: bool,
    ) -> Self {
        let apart = ranges.windows(2).all(|w| w[0].end <= w[1].start);
        if apart && lazy {
            let cells = ranges.iter().map(|_| OnceCell::new()).collect();
            return Blocks {
                text,
                words,
                ranges,
                store: Store::Lazy(cells),
                last: Cell::new(0),
            };
        }
        // A token takes two bytes at the least (a character and a space) and five or
        // six in prose: room for one in three bytes makes growing rare.
        let bytes: usize = ranges.iter().map(|b| b.len()).sum();
        let mut toks = Vec::with_capacity(bytes / 3 + 8);
        for b in &ranges {
            words::tokens(text, words, b.clone(), &mut toks);
        }
        // Blocks that are not apart send the check down to the tokens.
        let ordered = apart || toks.windows(2).all(|w| w[0].end <= w[1].start);
        mark_cues(&mut toks, cues, ordered);
        Blocks {
            text,
            words,
            ranges,
            store: Store::Eager { toks, ordered },
            last: Cell::new(0),
        }
    }

    /// The tokens lying inside `range`, block by block, in text order. `cues` are the
    /// story's cues, flagged on the tokens of a block when it is tokenized.
    fn parts<'s>(&'s self, range: Range<usize>, cues: &'s [Cue<'_>]) -> Parts<'s, 'a> {
        let next = self.ranges.partition_point(|b| b.end <= range.start);
        Parts {
            blocks: self,
            range,
            cues,
            next,
            eager: true,
        }
    }

    /// The tokens lying inside `range`, up to the first one `stop` accepts (and with
    /// it, when `through`): borrowed when they come from one block.
    pub fn until<'s>(
        &'s self,
        range: Range<usize>,
        cues: &'s [Cue<'_>],
        stop: impl Fn(&Tok) -> bool,
        through: bool,
    ) -> Cow<'s, [Tok]> {
        let cut = |part: &'s [Tok]| match part.iter().position(&stop) {
            Some(k) => (&part[..k + usize::from(through)], true),
            None => (part, false),
        };
        if let Some(part) = self.one(&range, cues) {
            return Cow::Borrowed(cut(part).0);
        }
        let mut out = Cow::Borrowed(&[][..]);
        for part in self.parts(range, cues) {
            let (part, stopped) = cut(part);
            if out.is_empty() {
                out = Cow::Borrowed(part);
            } else {
                out.to_mut().extend_from_slice(part);
            }
            if stopped {
                break;
            }
        }
        out
    }

    /// The tokens lying inside `range`: borrowed when they come from one block.
    #[inline]
    pub fn all<'s>(&'s self, range: Range<usize>, cues: &'s [Cue<'_>]) -> Cow<'s, [Tok]> {
        match self.one(&range, cues) {
            Some(toks) => Cow::Borrowed(toks),
            None => self.gather(range, cues),
        }
    }

    /// The tokens lying inside `range` when it meets one block at most (as most
    /// ranges do: they lie in a sentence, or around a quotation), else `None`.
    #[inline]
    fn one<'s>(&'s self, range: &Range<usize>, cues: &'s [Cue<'_>]) -> Option<&'s [Tok]> {
        let Store::Lazy(cells) = &self.store else {
            return None;
        };
        // Blocks are apart, so their ends rise: the block holding `range.start` is
        // the only one when the next starts at or after `range.end`.
        let i = self.holding(range.start);
        if self.ranges.get(i + 1).is_some_and(|b| b.start < range.end) {
            return None;
        }
        Some(match self.ranges.get(i) {
            Some(b) if b.start < range.end => inside(self.block(cells, i, cues), range, true),
            _ => &[],
        })
    }

    /// True when `range` lies inside one block: its tokens are then exactly those of
    /// the text between whitespace, as no block boundary cuts it.
    /// Only lazy blocks are known to be apart: eager ones answer false.
    pub fn within_one(&self, range: &Range<usize>) -> bool {
        if !matches!(self.store, Store::Lazy(_)) {
            return false;
        }
        let i = self.holding(range.start);
        self.ranges
            .get(i)
            .is_some_and(|b| b.start <= range.start && range.end <= b.end)
    }

    /// The tokens of `range` from its start, tokenized on their own, `min` of them at
    /// least (all of them when there are fewer), more when a step of the reading
    /// gives more: a rule reading a few tokens from a position needs no tokens of
    /// the rest of its block. `None` unless they are the tokens the block gives
    /// (see [`Blocks::exact`]). They carry no cue flag.
    pub fn leading(&self, range: Range<usize>, min: usize) -> Option<Vec<Tok>> {
        if !self.exact(&range) {
            return None;
        }
        let bytes = self.text.as_bytes();
        let mut toks = Vec::with_capacity(min + 8);
        let mut start = range.start;
        while start < range.end && toks.len() < min {
            // A step ends at a space, where no token runs over (a boundary): the
            // steps give the tokens of the whole range.
            let want = start + STEP.max(6 * (min - toks.len()));
            let end = match bytes.get(want..range.end) {
                Some(rest) => rest
                    .iter()
                    .position(|&b| b == b' ')
                    .map_or(range.end, |k| want + k),
                None => range.end,
            };
            words::tokens(self.text, self.words, start..end, &mut toks);
            start = end;
        }
        Some(toks)
    }

    /// True when `range` lies inside one (lazy) block and its ends are the block's or
    /// token boundaries: tokenized on its own, it has the tokens the block has in it.
    fn exact(&self, range: &Range<usize>) -> bool {
        if !self.within_one(range) {
            return false;
        }
        let b = &self.ranges[self.holding(range.start)];
        let edge = |p: usize| p == b.start || p == b.end || tokens::is_boundary(self.text, p);
        edge(range.start) && edge(range.end)
    }

    /// The first block ending after `pos`. The rules read around one cue or quotation
    /// after another, so this is most often the block read last: that one is tried
    /// before a binary search.
    #[inline]
    fn holding(&self, pos: usize) -> usize {
        let h = self.last.get();
        let fits = |h: usize| {
            self.ranges.get(h).is_some_and(|b| b.end > pos)
                && (h == 0 || self.ranges[h - 1].end <= pos)
        };
        if fits(h) {
            return h;
        }
        let i = self.ranges.partition_point(|b| b.end <= pos);
        self.last.set(i);
        i
    }

    /// [`Blocks::all`] for ranges over several blocks, or not split in blocks.
    #[cold]
    fn gather<'s>(&'s self, range: Range<usize>, cues: &'s [Cue<'_>]) -> Cow<'s, [Tok]> {
        let mut parts = self.parts(range, cues);
        let first = parts.next().unwrap_or(&[]);
        match parts.next() {
            None => Cow::Borrowed(first),
            Some(second) => {
                // Room for a few more parts: a range seldom meets more than three.
                let mut v = Vec::with_capacity(2 * (first.len() + second.len()) + 8);
                v.extend_from_slice(first);
                v.extend_from_slice(second);
                parts.for_each(|p| v.extend_from_slice(p));
                Cow::Owned(v)
            }
        }
    }

    /// The tokens of block `i`, made on the first call.
    #[inline]
    fn block<'s>(
        &'s self,
        cells: &'s [OnceCell<Vec<Tok>>],
        i: usize,
        cues: &[Cue<'_>],
    ) -> &'s [Tok] {
        cells[i].get_or_init(|| self.tokenize(i, cues))
    }

    /// The tokens of block `i`, its cues flagged.
    fn tokenize(&self, i: usize, cues: &[Cue<'_>]) -> Vec<Tok> {
        let b = self.ranges[i].clone();
        // Prose takes five or six bytes a token: room for one in six bytes keeps the
        // tokens of most sentences under 1 KiB, where the allocator's fast path is
        // (room for one in three, as for the whole story, was slower on news text);
        // a denser block grows once.
        let mut toks = Vec::with_capacity(b.len() / 6 + 8);
        words::tokens(self.text, self.words, b.clone(), &mut toks);
        let from = cues.partition_point(|c| c.start < b.start);
        let to = from + cues[from..].partition_point(|c| c.start < b.end);
        mark_cues(&mut toks, &cues[from..to], true);
        toks
    }
}

/// The parts of a range, one a block (see [`Blocks::parts`]); empty parts are left
/// out.
struct Parts<'s, 'a> {
    blocks: &'s Blocks<'a>,
    range: Range<usize>,
    cues: &'s [Cue<'s>],
    /// The block to read next.
    next: usize,
    /// The eager store is still to be read.
    eager: bool,
}

impl<'s> Iterator for Parts<'s, '_> {
    type Item = &'s [Tok];

    fn next(&mut self) -> Option<&'s [Tok]> {
        let b = self.blocks;
        match &b.store {
            Store::Eager { toks, ordered } => {
                let part = inside(toks, &self.range, *ordered);
                std::mem::take(&mut self.eager)
                    .then_some(part)
                    .filter(|p| !p.is_empty())
            }
            Store::Lazy(cells) => loop {
                let i = self.next;
                if b.ranges.get(i).is_none_or(|r| r.start >= self.range.end) {
                    return None;
                }
                self.next += 1;
                let part = inside(b.block(cells, i, self.cues), &self.range, true);
                if !part.is_empty() {
                    return Some(part);
                }
            },
        }
    }
}

/// `blocks` cut at every position of `cuts` (in text order) that lies inside one and
/// is a token boundary: the tokens of the pieces are those of the blocks, and a
/// piece no rule reads is never tokenized.
pub(super) fn split(text: &str, blocks: Vec<Range<usize>>, cuts: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(blocks.len() + 2 * cuts.len());
    let (mut k, mut last) = (0, 0);
    for b in blocks {
        // A block starting before the one before it (never from the sentence
        // splitter) looks its cuts up anew.
        if b.start < last {
            k = cuts.partition_point(|&c| c <= b.start);
        }
        last = b.start;
        while cuts.get(k).is_some_and(|&c| c <= b.start) {
            k += 1;
        }
        let mut start = b.start;
        while let Some(&c) = cuts.get(k).filter(|&&c| c < b.end) {
            if c > start && tokens::is_boundary(text, c) {
                out.push(start..c);
                start = c;
            }
            k += 1;
        }
        out.push(start..b.end);
    }
    out
}

/// The tokens of `toks` lying inside `range`. With `ordered` tokens (in text order,
/// apart) exactly those; otherwise what two binary searches give.
fn inside<'t>(toks: &'t [Tok], range: &Range<usize>, ordered: bool) -> &'t [Tok] {
    if ordered {
        // Many ranges start at or before their block (a sentence start) or end at
        // or after it (a sentence end): the first and last tokens tell without a
        // search.
        let a = if toks.first().is_none_or(|t| t.start >= range.start) {
            0
        } else {
            toks.partition_point(|t| t.start < range.start)
        };
        // Ends rise with starts, and a token takes a byte at least: the tokens
        // inside `range` are among the next `range.len()` ones.
        let rest = &toks[a..];
        let rest = &rest[..rest.len().min(range.end.saturating_sub(range.start))];
        let b = if rest.last().is_none_or(|t| t.end <= range.end) {
            rest.len()
        } else {
            rest.partition_point(|t| t.end <= range.end)
        };
        return &rest[..b];
    }
    let a = toks.partition_point(|t| t.start < range.start);
    let b = toks.partition_point(|t| t.end <= range.end);
    &toks[a..b.max(a)]
}

/// Flags the tokens where a cue starts (every token, when the tokens are not
/// `ordered` and a lookup could miss one).
fn mark_cues(toks: &mut [Tok], cues: &[Cue<'_>], ordered: bool) {
    if !ordered {
        toks.iter_mut().for_each(|t| t.cue = true);
        return;
    }
    for c in cues {
        let i = toks.partition_point(|t| t.start < c.start);
        if let Some(t) = toks.get_mut(i).filter(|t| t.start == c.start) {
            t.cue = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Blocks of `text`: its lines, every other one left out when `sparse`.
    fn lines(text: &str, sparse: bool) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for (k, line) in text.split_inclusive('\n').enumerate() {
            if !sparse || k % 2 == 0 {
                out.push(start..start + line.trim_end_matches('\n').len());
            }
            start += line.len();
        }
        out
    }

    #[test]
    fn tokens_from_a_start_are_the_blocks() {
        let text = "Talks failed, according to the ministry of foreign affairs of the \
                    republic, officials in the capital said on Tuesday evening.";
        let words = Words::of(text, &lines(text, false));
        let blocks = Blocks::new(text, &words, lines(text, false), &[], true);
        let at = text.find("according").unwrap();
        let got = blocks.leading(at..text.len(), 4).unwrap();
        let want = blocks.all(at..text.len(), &[]);
        assert!(got.len() >= 4 && got.len() < want.len());
        assert_eq!(&got[..], &want[..got.len()]);
        // Not from a token boundary: the block's tokens say otherwise.
        assert_eq!(blocks.leading(at + 1..text.len(), 4), None);
    }

    proptest! {
        /// Block by block, made on demand, the tokens of a range are those of the
        /// whole story tokenized up front; cut at a stop, a prefix of them. Blocks
        /// cut in pieces (as quotations cut them) keep their tokens.
        #[test]
        fn lazy_blocks_agree_with_eager_ones(
            text in "[ab1 ,.;’“”\n]{0,80}",
            sparse in proptest::bool::ANY,
            ranges in proptest::collection::vec((0usize..90, 0usize..40), 1..6),
            cuts in proptest::collection::vec(0usize..90, 0..6),
        ) {
            let blocks = lines(&text, sparse);
            let mut cuts = cuts;
            cuts.sort_unstable();
            let pieces = split(&text, blocks.clone(), &cuts);
            // The lazy blocks' tokens are made from the lines' words; the eager ones
            // have no words, and are the tokenizer's.
            let words = Words::of(&text, &blocks);
            let lazy = Blocks::new(&text, &words, pieces, &[], true);
            let none = Words::default();
            let eager = Blocks::new(&text, &none, blocks, &[], false);
            let stop = |t: &Tok| t.is_punct(';');
            for (from, len) in ranges {
                let mut a = from.min(text.len());
                while !text.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (a + len).min(text.len());
                while !text.is_char_boundary(b) {
                    b -= 1;
                }
                let mut whole = Vec::new();
                tokens::tokenize(&text, 0..text.len(), &mut whole);
                prop_assert_eq!(inside(&whole, &(a..b), true), inside(&whole, &(a..b), false));
                let want = eager.all(a..b, &[]);
                prop_assert_eq!(&lazy.all(a..b, &[])[..], &want[..]);
                let cut = want.iter().position(stop).unwrap_or(want.len());
                prop_assert_eq!(&lazy.until(a..b, &[], stop, false)[..], &want[..cut]);
                let through = (cut + 1).min(want.len());
                prop_assert_eq!(&lazy.until(a..b, &[], stop, true)[..], &want[..through]);
                // Tokenized on their own, the first tokens of the range are the
                // block's, as many as asked for (all, when there are fewer).
                for min in [1, 3, 40] {
                    if let Some(got) = lazy.leading(a..b, min) {
                        prop_assert!(got.len() >= min.min(want.len()));
                        prop_assert_eq!(&got[..], &want[..got.len()]);
                    }
                }
            }
        }
    }
}
