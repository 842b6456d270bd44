//! The matching pass over the words the entity tokenizer has read.
//!
//! The tokenizer's fast loop reads most words of a story's sentences, eight and
//! sixteen bytes at a time, and knows of each whether it starts with a capital. For
//! each word it pushes it notes whether the matching pass may look the word up, by
//! the first half of the pass's own rule ([`FoldIndex::may_look_up_word`]: a capital,
//! or the small filter lets it by), and it notes the stretches of text in which the
//! pass's tokens are exactly the words it pushed: the gaps between them hold only
//! bytes that start no match (spaces, and ASCII symbols that are no key: see
//! [`risky_gaps`]). [`Gazetteer::find_scanned`] takes the words noted in the
//! stretches, asks the second half of the rule of them (the stop words), and reads
//! only the rest of the text itself (the words of the tokenizer's general path, the
//! text outside sentences): each word is read once for both stages, where the
//! matching pass read them all a second time. Measured on news20 (two passes, one
//! thread, medians of 8 alternating runs): the whole pipeline 0.584 -> 0.545 s, the
//! matching pass 0.129 -> 0.081 s, the entity stage (which now tokenizes before the
//! matching pass) 0.213 -> 0.221 s. On news3 the two stages run 0.9M more
//! instructions (110.4M) but 115K fewer mispredicted branches: the loop of the
//! matching pass branched on every word, at random.
//!
//! [`FoldIndex::may_look_up_word`]: super::index::FoldIndex

use super::index::{Probe, ENDS_WORD, FOLD};
use super::{Gazetteer, Hit};
use crate::swar::{alphanumeric, in_range, HIGH};

/// The bytes of the first eight that a word of each length up to fifteen covers.
const HEAD_MASKS: [u64; 16] = {
    let mut t = [u64::MAX; 16];
    let mut n = 0;
    while n < 8 {
        t[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// A token the matching pass looks up, as the tokenizer noted it: where it lies and
/// its first eight bytes folded (its [`Probe`]'s `head8`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Candidate {
    start: u32,
    end: u32,
    head8: u64,
}

/// What the entity tokenizer noted for the matching pass. Offsets in 32 bits, as its
/// tokens' (it reads no text of 4 GiB or more).
#[derive(Debug, Default)]
pub(crate) struct Scanned {
    /// `(start, end)` of each stretch, in text order: both ends are token boundaries
    /// of the matching pass, and the tokens it must look up that start inside are
    /// `candidates` (every other token there is a word it turns down unread, or a
    /// byte that starts no match).
    stretches: Vec<(u32, u32)>,
    /// The tokens in the stretches that the pass looks up, in text order.
    candidates: Vec<Candidate>,
    /// Where the stretch being read starts, and whether that is a token boundary.
    open: (usize, bool),
    /// The lengths of the two lists when the fast loop's run began: a run that ends
    /// inside a token of the matching pass is taken back.
    marks: (usize, usize),
}

/// True when `p` is a token boundary of the matching pass in `bytes`: an ASCII byte
/// that is no letter or digit (white space, a one-byte symbol) lies on one side.
/// No branch: asked twice for every run of the fast loop, mostly at random.
#[inline(always)]
fn boundary(bytes: &[u8], p: usize) -> bool {
    // Before the text and after it count as white space.
    let gap = |i: usize| ENDS_WORD[usize::from(bytes.get(i).copied().unwrap_or(b' '))];
    gap(p.wrapping_sub(1)) | gap(p)
}

/// True when `bytes[from..to]` is at most eight bytes, all ASCII, no letter or digit
/// and none of [`risky_gaps`]: white space and symbols that start no match, when the
/// gazetteer [fuses](super::index::FoldIndex) at all. One load and a few masks.
#[inline(always)]
fn plain_between(bytes: &[u8], from: usize, to: usize) -> bool {
    let k = to.wrapping_sub(from);
    let Some(chunk) = bytes.get(from..).and_then(<[u8]>::first_chunk::<8>) else {
        return false;
    };
    let x = u64::from_le_bytes(*chunk);
    let keep = HIGH & HEAD_MASKS[k.min(15)];
    k <= 8 && (alphanumeric(x) | x & HIGH | risky_gaps(x)) & keep == 0
}

/// The bytes of `x` that end a stretch when the tokenizer's fast loop reads them in a
/// gap between words: the ASCII symbols some key of the embedded gazetteer starts with
/// (`!`, `$`, `'`), and others that added gazetteers may well start one with (`#`,
/// `%`, `&`, `+`, `@`). Every other ASCII symbol must start no match, or no stretch
/// is used ([`FoldIndex::fuses`](super::index::FoldIndex)). A mask of the bytes' high
/// bits.
#[inline(always)]
pub(crate) fn risky_gaps(x: u64) -> u64 {
    in_range(x, b'!', b'!')
        | in_range(x, b'#', b'\'')
        | in_range(x, b'+', b'+')
        | in_range(x, b'@', b'@')
}

impl Scanned {
    /// Room for the notes of a story of about `words` words.
    pub(crate) fn with_capacity(words: usize, sentences: usize) -> Scanned {
        Scanned {
            stretches: Vec::with_capacity(sentences * 2),
            // About one word in three is looked up in news copy.
            candidates: Vec::with_capacity(words / 2),
            ..Scanned::default()
        }
    }

    /// A run of the fast loop begins at `at` of `bytes` (after a token, or at a
    /// sentence's start). The stretch before goes on when only a few bytes that start
    /// no match lie between (the end of a sentence: `. `, `."\n`): one stretch, where
    /// two made the matching pass leave the notes and come back for every sentence.
    #[inline(always)]
    pub(crate) fn begin(&mut self, bytes: &[u8], at: usize) {
        self.open = (at, boundary(bytes, at));
        if let Some(&(start, end)) = self.stretches.last() {
            if plain_between(bytes, end as usize, at) {
                self.stretches.pop();
                self.open = (start as usize, true);
            }
        }
        self.marks = (self.stretches.len(), self.candidates.len());
    }

    /// Notes the plain word of ASCII letters `text[start..end]` (shorter than sixteen
    /// bytes, then a byte that ends it), whose first eight bytes are `w`, if the
    /// matching pass may look it up: `capital` (it starts with a capital: the caller
    /// knows by a branch of its own, and the filter is left out), or the small filter
    /// lets it by (the first half of the pass's rule; the pass asks the second, the
    /// stop words, of the words noted). No branch: written always, kept by the answer.
    #[inline(always)]
    pub(crate) fn note_word(
        &mut self,
        gaz: &Gazetteer,
        (start, end): (usize, usize),
        (w, capital): (u64, bool),
    ) {
        let len = end - start;
        let head8 = (w | FOLD) & HEAD_MASKS[len & 15];
        let looked_up = gaz.index.may_look_up_word(capital, head8, len);
        self.candidates.push(Candidate {
            start: start as u32,
            end: end as u32,
            head8,
        });
        let kept = self.candidates.len() - usize::from(!looked_up);
        self.candidates.truncate(kept);
    }

    /// Notes the token of ASCII letters and digits `bytes[start..end]` that starts
    /// with a digit or holds one (then a byte that ends it), if the matching pass
    /// looks it up.
    pub(crate) fn note_token(&mut self, gaz: &Gazetteer, bytes: &[u8], start: usize, end: usize) {
        let probe = Probe::in_text(bytes, start, end);
        if gaz.index.looks_up_token(&probe, bytes[start]) {
            self.candidates.push(Candidate {
                start: start as u32,
                end: end as u32,
                head8: probe.head8,
            });
        }
    }

    /// The fast loop reads on past a gap that may start a match (a risky byte, a
    /// possessive `'s`): the stretch ends with the token ending at `last_end` (before
    /// the gap, or none when that is before the stretch), and the next begins at
    /// `next`, the word after the gap. Out of line: one word in a hundred.
    #[cold]
    #[inline(never)]
    pub(crate) fn split(&mut self, last_end: usize, next: usize) {
        let (open, sound) = self.open;
        if !sound {
            // The words noted since the run began lie in no stretch.
            self.candidates.truncate(self.marks.1);
        } else if last_end > open {
            self.stretches.push((open as u32, last_end as u32));
        }
        self.open = (next, true);
    }

    /// The fast loop's run ended with the token ending at `end` of `bytes` (or at the
    /// run's start, with none): its last stretch is noted, or the run's notes taken
    /// back when a token of the matching pass runs on over that end or the start.
    #[inline(always)]
    pub(crate) fn finish(&mut self, bytes: &[u8], end: usize) {
        let (open, sound) = self.open;
        if sound && boundary(bytes, end) {
            if end > open {
                self.stretches.push((open as u32, end as u32));
            }
        } else {
            self.stretches.truncate(self.marks.0);
            self.candidates.truncate(self.marks.1);
        }
    }

    /// How many tokens the matching pass takes from the notes (for the tests).
    #[cfg(test)]
    pub(crate) fn noted(&self) -> usize {
        self.candidates.len()
    }
}

impl Gazetteer {
    /// [`Gazetteer::find`] of the `text` whose sentences the entity tokenizer has read,
    /// noting `scanned`: the same hits, with the tokens in its stretches taken from the
    /// notes. Falls back on [`Gazetteer::find`] when the stretches are out of order
    /// (so were the sentences) or the gazetteer has a key that a gap the tokenizer's
    /// fast loop reads may start.
    pub(crate) fn find_scanned(&self, text: &str, scanned: &Scanned) -> Vec<Hit> {
        let stretches = &scanned.stretches;
        let in_order = stretches.windows(2).all(|w| w[0].1 <= w[1].0)
            && stretches.last().is_none_or(|s| s.1 as usize <= text.len());
        if !self.index.fuses || !in_order {
            return self.find(text);
        }
        // About one hit per 40 bytes of news text.
        let mut hits = Vec::with_capacity(text.len() / 32);
        self.scan_candidates(text, scanned, |span, probe, small| {
            let hit = self.hit_at(text, span, &probe, small)?;
            let end = hit.end;
            hits.push(hit);
            Some(end)
        });
        hits
    }

    /// Every token of `text` the matching pass looks up, in order, from the notes in
    /// the stretches of `scanned` and from [`FoldIndex::next_candidate_before`]
    /// (super::index::FoldIndex) elsewhere, given to `visit` as `(start, end)`, probe
    /// and `small` (no capital first); the pass goes on after the token, or at the end
    /// of the hit `visit` gives.
    #[inline(always)]
    fn scan_candidates(
        &self,
        text: &str,
        scanned: &Scanned,
        mut visit: impl FnMut((usize, usize), Probe, bool) -> Option<usize>,
    ) {
        let (stretches, candidates) = (&scanned.stretches, &scanned.candidates);
        let bytes = text.as_bytes();
        let (mut si, mut ci, mut pos) = (0, 0, 0);
        loop {
            // The stretch that holds `pos` or comes next.
            while stretches.get(si).is_some_and(|&(_, b)| b as usize <= pos) {
                si += 1;
            }
            let (s, e, probe, small) = match stretches.get(si) {
                Some(&(a, b)) if a as usize <= pos => {
                    // A hit may have ended inside the stretch: its tokens are passed.
                    while candidates.get(ci).is_some_and(|c| (c.start as usize) < pos) {
                        ci += 1;
                    }
                    match candidates.get(ci) {
                        Some(c) if c.start < b => {
                            ci += 1;
                            let (s, e) = (c.start as usize, c.end as usize);
                            // The second half of the rule: the notes hold stop words.
                            let w = bytes.get(s..).and_then(<[u8]>::first_chunk::<8>);
                            let w = w.map_or(0, |w| u64::from_le_bytes(*w));
                            if self.index.turns_down((w, c.head8), e - s, bytes, e) {
                                pos = e;
                                continue;
                            }
                            let small = !bytes[s].is_ascii_uppercase();
                            (s, e, Probe::folded(c.head8, e - s), small)
                        }
                        _ => {
                            pos = b as usize;
                            continue;
                        }
                    }
                }
                next => {
                    let limit = next.map_or(text.len(), |&(a, _)| a as usize);
                    match self.index.next_candidate_before(text, pos, limit) {
                        Some(c) if c.0 < limit => c,
                        _ if limit < text.len() => {
                            pos = limit;
                            continue;
                        }
                        _ => break,
                    }
                }
            };
            pos = visit((s, e), probe, small).unwrap_or(e);
        }
    }
}

#[cfg(test)]
mod tests;
