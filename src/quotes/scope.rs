//! What the quote rules read of one story: its blocks and their tokens, its
//! sentences, entities, people and cues, found once and shared by every rule.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use crate::document::Span;
use crate::entities::{Entities, Words};
use crate::pipeline::Context;

use super::blocks::{self, Blocks};
use super::marks::{self, Marked};
use super::tokens::Tok;
use super::{frames, number, reading, reporting_verbs, Cue, Phrase, LONG_QUOTE, SENTENCE_REACH};

/// Everything the rules read, for one document.
pub(super) struct Scope<'a> {
    pub(super) cx: &'a Context<'a>,
    pub(super) entities: &'a Entities,
    pub(super) text: &'a str,
    pub(super) marked: Vec<Marked>,
    /// For each quotation, the text its frames read before and after it.
    pub(super) windows: Vec<(Range<usize>, Range<usize>)>,
    pub(super) cues: Vec<Cue<'a>>,
    /// Words and punctuation of the sentences the rules read.
    pub(super) tokens: Blocks<'a>,
    /// The subject of each cue, found when first asked for (see [`Scope::subject_of`]).
    pub(super) subjects: Vec<OnceCell<Option<Phrase>>>,
    /// The paragraphs are in order and apart (as the layout gives them).
    paragraphs_apart: bool,
}

impl<'a> Scope<'a> {
    /// The scope of a story. `lazy`: tokenize a block when a rule first reads it
    /// (see [`Blocks`]); tests turn it off to check that nothing changes.
    pub(super) fn new(
        cx: &'a Context<'a>,
        entities: &'a Entities,
        words: &'a Words,
        lazy: bool,
    ) -> Scope<'a> {
        let marked = marks::find(cx.text, &cx.layout.paragraphs);
        // About one hit in five is a reporting verb: room for one in four makes
        // growing rare.
        let mut cues = Vec::with_capacity(cx.hits.len() / 4 + 4);
        let mut m = 0;
        for chunk in cx.hits.chunks(64) {
            let mut verbs = reporting_verbs(chunk);
            while verbs != 0 {
                let hit = &chunk[verbs.trailing_zeros() as usize];
                verbs &= verbs - 1;
                let Some((form, e)) = reading(cx, hit) else {
                    continue;
                };
                while m < marked.len() && marked[m].end <= hit.start {
                    m += 1;
                }
                let quoted = marked.get(m).is_some_and(|q| q.start <= hit.start);
                cues.push(Cue {
                    start: hit.start,
                    end: hit.end,
                    form,
                    lemma: e.canonical.as_str(),
                    quoted,
                    core: !e.is_extended_tier(),
                    sentence: (0, 0),
                });
            }
        }
        // Every rule reads within the sentence of a cue or a quote mark: only those
        // sentences have tokens.
        let marks: Vec<usize> = marked
            .iter()
            .flat_map(|q| [q.open, q.after.saturating_sub(1).max(q.open)])
            .collect();
        // The walk passes each cue and mark at the first sentence starting after it:
        // its index is the number of sentences starting at or before it, what
        // [`Scope::sentence_index`] would find again (all of them for those left).
        let n = cx.sentences.len();
        let mut cue_at = vec![n; cues.len()];
        let mut mark_at = vec![n; marks.len()];
        let (mut c, mut q) = (0, 0);
        let mut read = |j: usize, b: &Range<usize>| {
            while c < cues.len() && cues[c].start < b.start {
                cue_at[c] = j;
                c += 1;
            }
            while q < marks.len() && marks[q] < b.start {
                mark_at[q] = j;
                q += 1;
            }
            let cued = cues.get(c).is_some_and(|x| x.start < b.end);
            let quoted = marks.get(q).is_some_and(|&x| x < b.end);
            (cued || quoted) && cx.text.get(b.clone()).is_some()
        };
        // Filtered as they are read: a block holds a cue or a mark, so there are no
        // more blocks than those.
        let mut blocks = Vec::with_capacity(cues.len() + marks.len());
        if cx.sentences.is_empty() {
            // No sentence starts anywhere: every index is 0.
            let all = cx.layout.paragraphs.iter().map(|p| p.start..p.end);
            blocks.extend(all.filter(|b| read(0, b)));
        } else {
            for (j, s) in cx.sentences.iter().enumerate() {
                let b = s.start..s.end;
                if read(j, &b) {
                    blocks.push(b);
                }
            }
        }
        // Marks out of order (paragraphs out of order) were not all passed where
        // they lie: their sentences are looked up.
        let marks_in_order = marks.windows(2).all(|w| w[0] <= w[1]);
        // The words of a quotation are seldom read, only what stands around it (the
        // frames, the subject of a cue): long ones are a block of their own,
        // tokenized only when a rule reads them.
        let cuts: Vec<usize> = marked
            .iter()
            .filter(|q| q.end >= q.start + LONG_QUOTE)
            .flat_map(|q| [q.start, q.end])
            .collect();
        let blocks = blocks::split(cx.text, blocks, &cuts);
        let mut scope = Scope {
            cx,
            entities,
            text: cx.text,
            marked,
            windows: Vec::new(),
            tokens: Blocks::new(cx.text, words, blocks, &cues, lazy),
            subjects: cues.iter().map(|_| OnceCell::new()).collect(),
            cues,
            paragraphs_apart: cx
                .layout
                .paragraphs
                .windows(2)
                .all(|w| w[0].start <= w[0].end && w[0].end <= w[1].start),
        };
        // Cues are in text order: the walk passed each where it lies.
        for (k, &i) in cue_at.iter().enumerate() {
            let pos = scope.cues[k].start;
            #[cfg(test)]
            assert_eq!(i, scope.sentence_index(pos, &mut 0));
            let s = scope.sentence_at(pos, i);
            scope.cues[k].sentence = (s.start, s.end);
        }
        let mut hint = 0;
        let sorted = scope.marked.windows(2).all(|w| w[0].open < w[1].open);
        scope.windows = (0..scope.marked.len())
            .map(|i| {
                // Each quotation's opening mark is `marks[2 * i]`.
                let known = marks_in_order.then(|| mark_at[2 * i]);
                frames::windows(&scope, i, &mut hint, sorted, known)
            })
            .collect();
        scope
    }

    /// The subject of cue `k` of [`Scope::cues`] in its sentence, as
    /// [`frames::subject`] finds it. The frames of a quotation after a cue and the
    /// indirect rules both ask for it: it is found once.
    pub(super) fn subject_of(&self, k: usize) -> Option<Phrase> {
        self.subjects[k]
            .get_or_init(|| {
                let cue = &self.cues[k];
                let floor = cue.sentence().start.max(self.paragraph(cue.start).start);
                frames::subject(self, cue, floor)
            })
            .clone()
    }

    /// The sentence (or, without sentences, the paragraph) holding byte `pos`.
    ///
    /// The range is clamped to [`SENTENCE_REACH`] bytes on each side of `pos`, so that
    /// a "sentence" of megabytes (no punctuation) keeps the rules linear.
    pub(super) fn sentence(&self, pos: usize) -> Range<usize> {
        let i = self.cx.sentences.partition_point(|x| x.start <= pos);
        self.sentence_at(pos, i)
    }

    /// The number of sentences starting at or before `pos`, as the binary search of
    /// [`Scope::sentence`] finds it, walked forward from `hint` (the answer for an
    /// earlier position, updated): positions read in text order take a step or two.
    pub(super) fn sentence_index(&self, pos: usize, hint: &mut usize) -> usize {
        let s = self.cx.sentences;
        if *hint > s.len() || (*hint > 0 && s[*hint - 1].start > pos) {
            *hint = s.partition_point(|x| x.start <= pos);
        }
        while s.get(*hint).is_some_and(|x| x.start <= pos) {
            *hint += 1;
        }
        #[cfg(test)]
        assert_eq!(*hint, s.partition_point(|x| x.start <= pos));
        *hint
    }

    /// [`Scope::sentence`], `i` sentences starting at or before `pos`.
    pub(super) fn sentence_at(&self, pos: usize, i: usize) -> Range<usize> {
        let s = self.cx.sentences;
        let r = if i > 0 && pos < s[i - 1].end.max(s[i - 1].start + 1) {
            s[i - 1].start..s[i - 1].end
        } else {
            self.paragraph(pos)
        };
        // Most sentences lie within the reach: their ends are char boundaries inside
        // it, which the clamp would keep.
        if pos.saturating_sub(r.start) <= SENTENCE_REACH
            && r.end.saturating_sub(pos) <= SENTENCE_REACH
        {
            return r;
        }
        r.start.max(self.back(pos, SENTENCE_REACH))..r.end.min(self.ahead(pos, SENTENCE_REACH))
    }

    /// The char boundary at most `n` bytes before `pos`.
    pub(super) fn back(&self, pos: usize, n: usize) -> usize {
        let mut p = pos.saturating_sub(n);
        while !self.text.is_char_boundary(p) {
            p += 1;
        }
        p
    }

    /// The char boundary at most `n` bytes after `pos`.
    pub(super) fn ahead(&self, pos: usize, n: usize) -> usize {
        let mut p = pos.saturating_add(n).min(self.text.len());
        while !self.text.is_char_boundary(p) {
            p -= 1;
        }
        p
    }

    /// The paragraph holding byte `pos` (an empty range at `pos` when none does).
    pub(super) fn paragraph(&self, pos: usize) -> Range<usize> {
        let p = &self.cx.layout.paragraphs;
        let i = p.partition_point(|x| x.start <= pos);
        if i > 0 && pos <= p[i - 1].end {
            return p[i - 1].start..p[i - 1].end;
        }
        pos..pos
    }

    /// [`Scope::paragraph`] of the opening mark of quotation `q`: the paragraph it
    /// was found in, when the paragraphs are in order and apart (the search would
    /// find that one, which holds the mark).
    pub(super) fn paragraph_of(&self, q: &Marked) -> Range<usize> {
        let Some(p) = self
            .cx
            .layout
            .paragraphs
            .get(q.paragraph)
            .filter(|_| self.paragraphs_apart)
        else {
            return self.paragraph(q.open);
        };
        #[cfg(test)]
        assert_eq!(p.start..p.end, self.paragraph(q.open));
        p.start..p.end
    }

    /// Where the story text of a sentence starts: after the dateline when the
    /// sentence holds it.
    pub(super) fn content_start(&self, sentence: &Range<usize>) -> usize {
        match &self.cx.layout.dateline {
            Some(d) if d.end > sentence.start && d.end < sentence.end => d.end,
            _ => sentence.start,
        }
    }

    /// The tokens lying inside `range`.
    pub(super) fn toks(&self, range: Range<usize>) -> Cow<'_, [Tok]> {
        self.tokens.all(range, &self.cues)
    }

    /// The tokens lying inside `range`, up to the first one `stop` accepts.
    pub(super) fn toks_until(
        &self,
        range: Range<usize>,
        stop: impl Fn(&Tok) -> bool,
    ) -> Cow<'_, [Tok]> {
        self.tokens.until(range, &self.cues, stop, false)
    }

    /// The tokens lying inside `range`, up to and with the first one `stop` accepts.
    pub(super) fn toks_through(
        &self,
        range: Range<usize>,
        stop: impl Fn(&Tok) -> bool,
    ) -> Cow<'_, [Tok]> {
        self.tokens.until(range, &self.cues, stop, true)
    }

    /// Quotations whose opening mark lies in `range`, in text order.
    pub(super) fn marked_in(&self, range: Range<usize>) -> &[Marked] {
        let a = self.marked.partition_point(|q| q.open < range.start);
        let b = self.marked.partition_point(|q| q.open < range.end);
        &self.marked[a..b.max(a)]
    }

    /// Entity mentions starting at or after `pos`, in text order: a reader of the
    /// first few after a position needs no second search for where they end.
    pub(super) fn entities_from(&self, pos: usize) -> &'a [crate::document::Entity] {
        let e = &self.entities.entities;
        &e[e.partition_point(|x| x.start < pos)..]
    }

    /// Entity mentions starting in `range`, in text order.
    pub(super) fn entities_in(&self, range: Range<usize>) -> &'a [crate::document::Entity] {
        let e = &self.entities.entities;
        let a = e.partition_point(|x| x.start < range.start);
        let b = e.partition_point(|x| x.start < range.end);
        &e[a..b.max(a)]
    }

    /// Index in `people` of cluster `id`.
    pub(super) fn person(&self, id: Option<&str>) -> Option<usize> {
        let id = id?;
        let people = &self.entities.people;
        // The entities stage numbers people `p1`, `p2`, ... in order: try that slot
        // first, then look the id up (hand-built stories number them otherwise).
        let slot = id
            .strip_prefix('p')
            .and_then(number)
            .and_then(|n| n.checked_sub(1))
            .filter(|&i| people.get(i).is_some_and(|p| p.id == id));
        slot.or_else(|| people.iter().position(|p| p.id == id))
    }

    /// Cues starting in `range`, in text order.
    pub(super) fn cues_in(&self, range: Range<usize>) -> &[Cue<'a>] {
        &self.cues[self.cue_indices(range)]
    }

    /// True when a cue starts in `range`: one search, where [`Scope::cues_in`]
    /// makes two.
    pub(super) fn has_cue_in(&self, range: Range<usize>) -> bool {
        let a = self.cues.partition_point(|c| c.start < range.start);
        let has = self.cues.get(a).is_some_and(|c| c.start < range.end);
        #[cfg(test)]
        assert_eq!(has, !self.cues_in(range).is_empty());
        has
    }

    /// The indices in [`Scope::cues`] of the cues starting in `range`.
    pub(super) fn cue_indices(&self, range: Range<usize>) -> Range<usize> {
        let a = self.cues.partition_point(|c| c.start < range.start);
        let b = self.cues.partition_point(|c| c.start < range.end);
        a..b.max(a)
    }

    /// The cue starting exactly where token `t` starts.
    pub(super) fn cue_at(&self, t: &Tok) -> Option<&Cue<'a>> {
        if !t.cue {
            return None;
        }
        let pos = t.start;
        let i = self.cues.partition_point(|c| c.start < pos);
        self.cues.get(i).filter(|c| c.start == pos)
    }

    pub(super) fn span(&self, r: Range<usize>) -> Span {
        Span {
            text: self.text[r.clone()].into(),
            start: r.start,
            end: r.end,
        }
    }
}
