//! The tokens of a story, block by block (a block is a sentence, or a paragraph when
//! there are no sentences), each block tokenized the first time a rule reads it.
//!
//! Only blocks holding a cue or a quote mark have tokens at all; of those, a block
//! no rule reads (a sentence inside a long quotation, a cue that attributes nothing)
//! is never tokenized.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use super::tokens::{self, Tok};
use super::Cue;

/// Tokens of the blocks of one story.
pub(super) struct Blocks<'a> {
    text: &'a str,
    /// The blocks with tokens, in text order.
    ranges: Vec<Range<usize>>,
    store: Store,
}

enum Store {
    /// Blocks in order and apart: the tokens of each, made when first read.
    Lazy(Vec<OnceCell<Vec<Tok>>>),
    /// Every block tokenized up front, in block order. `ordered`: the tokens are in
    /// text order and do not overlap.
    Eager { toks: Vec<Tok>, ordered: bool },
}

impl<'a> Blocks<'a> {
    /// The tokens of `ranges` (on char boundaries), tokenized lazily when `lazy` and
    /// the blocks are in order and apart, else all at once.
    pub fn new(text: &'a str, ranges: Vec<Range<usize>>, cues: &[Cue<'_>], lazy: bool) -> Self {
        let apart = ranges.windows(2).all(|w| w[0].end <= w[1].start);
        if apart && lazy {
            let cells = ranges.iter().map(|_| OnceCell::new()).collect();
            return Blocks {
                text,
                ranges,
                store: Store::Lazy(cells),
            };
        }
        // A token takes two bytes at the least (a character and a space) and five or
        // six in prose: room for one in three bytes makes growing rare.
        let bytes: usize = ranges.iter().map(|b| b.len()).sum();
        let mut toks = Vec::with_capacity(bytes / 3 + 8);
        for b in &ranges {
            tokens::tokenize(text, b.clone(), &mut toks);
        }
        // Blocks that are not apart send the check down to the tokens.
        let ordered = apart || toks.windows(2).all(|w| w[0].end <= w[1].start);
        mark_cues(&mut toks, cues, ordered);
        Blocks {
            text,
            ranges,
            store: Store::Eager { toks, ordered },
        }
    }

    /// The tokens lying inside `range`, block by block, in text order. `cues` are the
    /// story's cues, flagged on the tokens of a block when it is tokenized.
    fn parts<'s>(
        &'s self,
        range: Range<usize>,
        cues: &'s [Cue<'_>],
    ) -> impl Iterator<Item = &'s [Tok]> + 's {
        let (eager, cells) = match &self.store {
            Store::Eager { toks, ordered } => (Some(inside(toks, &range, *ordered)), &[][..]),
            Store::Lazy(cells) => (None, &cells[..]),
        };
        let first = self.ranges.partition_point(|b| b.end <= range.start);
        let lazy = (first..cells.len())
            .take_while(move |&i| self.ranges[i].start < range.end)
            .map(move |i| inside(self.block(cells, i, cues), &range, true));
        eager.into_iter().chain(lazy).filter(|p| !p.is_empty())
    }

    /// The tokens lying inside `range`, up to the first one `stop` accepts: borrowed
    /// when they come from one block.
    pub fn until<'s>(
        &'s self,
        range: Range<usize>,
        cues: &'s [Cue<'_>],
        stop: impl Fn(&Tok) -> bool,
    ) -> Cow<'s, [Tok]> {
        let mut out = Cow::Borrowed(&[][..]);
        for part in self.parts(range, cues) {
            let (part, stopped) = match part.iter().position(&stop) {
                Some(k) => (&part[..k], true),
                None => (part, false),
            };
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
        // Most ranges lie in one sentence: the block holding `range.start` is the
        // only one when the next starts at or after `range.end`.
        if let Store::Lazy(cells) = &self.store {
            // Blocks are apart, so their ends rise.
            let i = self.ranges.partition_point(|b| b.end <= range.start);
            let alone = self.ranges.get(i + 1).is_none_or(|b| b.start >= range.end);
            if alone {
                return match self.ranges.get(i) {
                    Some(b) if b.start < range.end => {
                        Cow::Borrowed(inside(self.block(cells, i, cues), &range, true))
                    }
                    _ => Cow::Borrowed(&[]),
                };
            }
        }
        self.gather(range, cues)
    }

    /// [`Blocks::all`] for ranges over several blocks, or not split in blocks.
    #[cold]
    fn gather<'s>(&'s self, range: Range<usize>, cues: &'s [Cue<'_>]) -> Cow<'s, [Tok]> {
        let mut parts = self.parts(range, cues);
        let first = parts.next().unwrap_or(&[]);
        match parts.next() {
            None => Cow::Borrowed(first),
            Some(second) => {
                let mut v = first.to_vec();
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
        let mut toks = Vec::with_capacity(b.len() / 3 + 8);
        tokens::tokenize(self.text, b.clone(), &mut toks);
        let from = cues.partition_point(|c| c.start < b.start);
        let to = from + cues[from..].partition_point(|c| c.start < b.end);
        mark_cues(&mut toks, &cues[from..to], true);
        toks
    }
}

/// The tokens of `toks` lying inside `range`. With `ordered` tokens (in text order,
/// apart) exactly those; otherwise what two binary searches give.
fn inside<'t>(toks: &'t [Tok], range: &Range<usize>, ordered: bool) -> &'t [Tok] {
    let a = toks.partition_point(|t| t.start < range.start);
    let b = if ordered {
        // Ends rise with starts, and a token takes a byte at least: the tokens
        // inside `range` are among the next `range.len()` ones.
        let rest = &toks[a..];
        let rest = &rest[..rest.len().min(range.end.saturating_sub(range.start))];
        a + rest.partition_point(|t| t.end <= range.end)
    } else {
        toks.partition_point(|t| t.end <= range.end)
    };
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

    proptest! {
        /// Block by block, made on demand, the tokens of a range are those of the
        /// whole story tokenized up front; cut at a stop, a prefix of them.
        #[test]
        fn lazy_blocks_agree_with_eager_ones(
            text in "[ab1 ,.;’\n]{0,80}",
            sparse in proptest::bool::ANY,
            ranges in proptest::collection::vec((0usize..90, 0usize..40), 1..6),
        ) {
            let blocks = lines(&text, sparse);
            let lazy = Blocks::new(&text, blocks.clone(), &[], true);
            let eager = Blocks::new(&text, blocks, &[], false);
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
                let want = eager.all(a..b, &[]);
                prop_assert_eq!(&lazy.all(a..b, &[])[..], &want[..]);
                let cut = want.iter().position(stop).unwrap_or(want.len());
                prop_assert_eq!(&lazy.until(a..b, &[], stop)[..], &want[..cut]);
            }
        }
    }
}
