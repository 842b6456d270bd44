//! Sentence boundaries for news text.
//!
//! A hand-written scanner, not `unicode_sentences()` (about 50 MB/s, and wrong on
//! `Gen.`, `U.S.` and `No. 5`): it walks each body paragraph's bytes, stops only at
//! `.`, `?`, `!`, `…` and the full-width stops, and decides there, looking at the word
//! before and the word after:
//! - the stop may sit inside closing quotes and brackets (`...," he said.`,
//!   `...?” she asked.`, `(...)`): they stay with the sentence they close;
//! - the next sentence must open with something other than a lower-case letter;
//! - a period after an abbreviation ([`abbrev`]), an initial (`George W. Bush`), a list
//!   marker (`1.`) or inside a number (`3.5`, `$5.2`) is not a full stop;
//! - ellipses: `...` glued to a word ends a sentence before a capital, a free-standing
//!   `. . .` or `...` does not, four dots do;
//! - `world.Today` (no space) is split, `Jane.Doe@example.com` and URLs are not.
//!
//! Sentences never cross paragraphs, and the dateline stays in the first sentence.
//! Headings, sign-offs, slugs and trailers are one sentence each, of their kind.

mod abbrev;
mod around;
mod candidates;
mod lists;

use abbrev::{Abbrev, Abbreviations};
use around::{
    char_at, glued_stop, is_ascii_space, is_stop, next_word, opens_sentence, plain_word_before,
    previous_word_is_lowercase, skip_closers, skip_space, spaced_ellipsis, stop_run, token_start,
    trim_openers, trimmed_end, words_before, PlainWord, CLOSERS, DASHES, FULL_WIDTH_STOPS, QUOTES,
};
use candidates::{ascii_stops, stop_leads, Candidates, Finder, Leads};

use crate::document::{BlockKind, Sentence};
use crate::layout::Layout;

/// A sentence needs this many words before a `Suffix` or `Time` abbreviation to end
/// at it: `At 5 a.m. Mr. Smith went` goes on, `He left the bank at 6 P.M. Mr. Smith`
/// ends. A fragment of one or two words is more likely an opening phrase.
const MIN_WORDS_BEFORE_ABBREV_STOP: usize = 3;

/// Sentence starts reserved per story: more than nearly any paragraph has.
const STARTS_RESERVED: usize = 32;

/// What follows a stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// One period: an abbreviation, an initial or a full stop.
    Period,
    /// `...` or `…`: a pause, or a stop when glued to a word and followed by a capital.
    Ellipsis,
    /// `?`, `!`, four dots, full-width stops: a stop when a sentence can follow.
    Strong,
}

/// Splits paragraphs into sentences. Built once per pipeline.
#[derive(Debug)]
pub(crate) struct Splitter {
    abbreviations: Abbreviations,
    /// The ASCII stops, and the lead bytes of the others.
    stops: Finder,
    leads: Finder,
}

impl Splitter {
    pub fn new() -> Splitter {
        Splitter {
            abbreviations: Abbreviations::new(),
            stops: ascii_stops(),
            leads: stop_leads(),
        }
    }

    /// Sentences of every paragraph, in order; byte offsets.
    pub fn split(&self, text: &str, layout: &Layout) -> Vec<Sentence> {
        let mut out = Vec::with_capacity(layout.paragraphs.len() * 3);
        let dateline_end = layout.dateline.as_ref().map(|d| d.end);
        // Room for a long paragraph's sentence starts: grown from empty, the vector was
        // allocated and then reallocated in most stories.
        let mut starts = Vec::with_capacity(STARTS_RESERVED);
        let mut leads = Leads::new(text.as_bytes(), &self.leads);
        for (i, p) in layout.paragraphs.iter().enumerate() {
            if p.kind != BlockKind::Body {
                out.push(Sentence {
                    start: p.start,
                    end: p.end,
                    kind: p.kind,
                    paragraph: i,
                });
                continue;
            }
            let para = &text[p.start..p.end];
            let skip = dateline_end
                .filter(|&e| e > p.start && e <= p.end)
                .map_or(0, |e| e - p.start);
            self.boundaries(para, p.start, skip, &mut leads, &mut starts);
            for (k, &s) in starts.iter().enumerate() {
                let next = starts.get(k + 1).copied().unwrap_or(para.len());
                out.push(Sentence {
                    start: p.start + s,
                    end: p.start + trimmed_end(para, next),
                    kind: BlockKind::Body,
                    paragraph: i,
                });
            }
        }
        out
    }

    /// Fills `starts` with the byte offsets in `p` where its sentences start; the
    /// first is 0. Stops before `skip` (the dateline) are not looked at. `p` starts at
    /// byte `base` of the text `leads` searches.
    fn boundaries<'a>(
        &self,
        p: &'a str,
        base: usize,
        skip: usize,
        leads: &mut Leads<'a>,
        starts: &mut Vec<usize>,
    ) {
        starts.clear();
        starts.push(0);
        let items = lists::item_starts(p);
        let mut next_item = 0;
        let mut candidates = Candidates::new(p.as_bytes(), base, &self.stops, leads);
        let mut cur = 0;
        let mut marker_end = lists::marker_len(p);
        let mut i = skip;
        while let Some(at) = candidates.next(i) {
            i = at;
            while next_item < items.len() && items[next_item] <= i {
                cur = items[next_item];
                starts.push(cur);
                marker_end = cur + lists::marker_len(&p[cur..]);
                next_item += 1;
            }
            if i < marker_end {
                i += 1;
                continue;
            }
            match self.at_stop(p, i, cur) {
                Ok(next) => {
                    cur = next;
                    if items.get(next_item) == Some(&next) {
                        next_item += 1;
                    }
                    starts.push(cur);
                    marker_end = cur + lists::marker_len(&p[cur..]);
                    i = cur;
                }
                Err(resume) => i = resume,
            }
        }
        starts.extend_from_slice(&items[next_item..]);
        merge_empty(p, starts);
    }

    /// Decides at a possible stop starting at byte `i` (the current sentence started at
    /// `cur`): `Ok(start of the next sentence)`, or `Err(where to scan on)`.
    fn at_stop(&self, p: &str, i: usize, cur: usize) -> Result<usize, usize> {
        let b = p.as_bytes();
        if b[i] == b'.' {
            // Most stops are one period, and the byte after it tells which of three
            // shapes it has: the end of the paragraph, inside a number, name or address
            // (`3.5`, `example.com`), or before a space (`said. The`). Neither a run of
            // stops nor a spaced ellipsis to read then.
            match b.get(i + 1) {
                None | Some(b'a'..=b'z' | b'0'..=b'9') => return Err(i + 1),
                Some(b' ') if b.get(i + 2) != Some(&b'.') => {
                    return self.after_stop(p, i, i + 1, Stop::Period, cur);
                }
                _ => {}
            }
        }
        self.at_any_stop(p, i, cur)
    }

    /// [`at_stop`](Self::at_stop) for any stop, read char by char.
    fn at_any_stop(&self, p: &str, i: usize, cur: usize) -> Result<usize, usize> {
        let c = char_at(p, i);
        if !is_stop(c) {
            return Err(i + c.len_utf8());
        }
        // A spaced ellipsis: `. . .`.
        if c == '.' {
            if let Some((dots, end)) = spaced_ellipsis(p, i) {
                let prev = p[..i].chars().next_back();
                let glued = prev.is_some_and(|c| !c.is_whitespace());
                if glued && dots >= 4 {
                    // `compounds. . . . The`: a full stop, then an ellipsis that opens
                    // the next sentence.
                    let after = skip_space(p, skip_closers(p, end));
                    return if after < p.len() && opens_sentence(p, after) {
                        Ok(skip_space(p, i + 1))
                    } else {
                        Err(end)
                    };
                }
                if dots < 4 {
                    return Err(end);
                }
                return self.after_stop(p, i, end, Stop::Strong, cur);
            }
        }
        let (end, stop) = stop_run(p, i);
        self.after_stop(p, i, end, stop, cur)
    }

    /// The stop `p[i..end]` is read; look past closing marks and white space.
    fn after_stop(
        &self,
        p: &str,
        i: usize,
        end: usize,
        stop: Stop,
        cur: usize,
    ) -> Result<usize, usize> {
        let closed = skip_closers(p, end);
        if closed == p.len() {
            return Err(closed);
        }
        let spaced = match p.as_bytes()[closed] {
            b if b.is_ascii() => is_ascii_space(b),
            _ => char_at(p, closed).is_whitespace(),
        };
        if !spaced {
            let full_width = p[i..end].contains(FULL_WIDTH_STOPS);
            let glued = stop == Stop::Period && closed == end && glued_stop(p, i);
            return if (full_width || glued) && opens_sentence(p, closed) {
                Ok(closed)
            } else {
                Err(closed)
            };
        }
        let next = skip_space(p, closed);
        if next == p.len() || !opens_sentence(p, next) {
            return Err(next);
        }
        // `"... a long game." - Matthew Ingram`: a dash after a closed quote names who
        // said it.
        if closed > end && p[end..closed].contains(QUOTES) && p[next..].starts_with(DASHES) {
            return Err(next);
        }
        let ends = match stop {
            Stop::Strong => true,
            Stop::Ellipsis => {
                let prev = p[..i].chars().next_back();
                let capital = char_at(p, next).is_uppercase();
                match prev {
                    // An omission mark `[...]` before a capital: the quoted text
                    // goes on with a new sentence. Before `(Smith 55)` it does not.
                    Some('[' | '(') => capital,
                    Some(c) if c.is_alphanumeric() || CLOSERS.contains(&c) => capital,
                    _ => false,
                }
            }
            Stop::Period => self.period_ends(p, i, next, cur),
        };
        if ends {
            Ok(next)
        } else {
            Err(next)
        }
    }

    /// Whether the period at `i` ends the sentence begun at `cur`, the next word
    /// starting at `next`.
    fn period_ends(&self, p: &str, i: usize, next: usize, cur: usize) -> bool {
        let token_start = match plain_word_before(p.as_bytes(), i, cur) {
            PlainWord::Ends => return true,
            PlainWord::Starts(start) => start,
            PlainWord::Unknown => token_start(p, i, cur),
        };
        self.period_ends_after(p, i, next, cur, token_start)
    }

    /// [`period_ends`](Self::period_ends) once the word before the period is known to
    /// start at `token_start`.
    fn period_ends_after(
        &self,
        p: &str,
        i: usize,
        next: usize,
        cur: usize,
        token_start: usize,
    ) -> bool {
        let token = trim_openers(&p[token_start..i]);
        let last = match token.as_bytes().last() {
            None => return true, // ` . ` alone
            Some(&b) if b.is_ascii() => char::from(b),
            Some(_) => token.chars().next_back().unwrap_or_default(),
        };
        if last.is_ascii_digit() {
            return true; // `bought 1,000.`, `AS750-10.`; decimals never get here
        }
        // `Inc. (“Company A”)`: a bracket after an abbreviation explains it.
        let bracket = p.as_bytes().get(next) == Some(&b'(');
        // The next word starts with a digit: read from one byte, the word itself is
        // read only by the rules that ask for it.
        let next_digit = trim_openers(&p[next..])
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_digit);
        match self.abbreviations.classify_at(p, i - token.len(), i) {
            Some(Abbrev::Prefix | Abbrev::Inner) => false,
            Some(Abbrev::PlacePrefix) => self.abbreviations.opens(next_word(p, next)),
            Some(Abbrev::BeforeNumber) => !next_digit,
            Some(Abbrev::Suffix) => {
                !next_digit
                    && !bracket
                    && words_before(p, cur, token_start) >= MIN_WORDS_BEFORE_ABBREV_STOP
            }
            Some(Abbrev::Time) => {
                !self.abbreviations.continues_time(next_word(p, next))
                    && !bracket
                    && words_before(p, cur, token_start) >= MIN_WORDS_BEFORE_ABBREV_STOP
            }
            Some(Abbrev::Acronym) => !bracket && self.abbreviations.opens(next_word(p, next)),
            None => {
                let mut chars = token.chars();
                match (chars.next(), chars.next()) {
                    // An initial (`Jonas E. Smith`, `author L. Ron Hubbard`), unless
                    // it is the pronoun after a lower-case word (`you and I. Did`).
                    (Some('I'), None) => {
                        token_start > cur && previous_word_is_lowercase(p, token_start)
                    }
                    (Some(c), None) if c.is_uppercase() => false,
                    _ => true,
                }
            }
        }
    }
}

/// Drops sentence starts that would leave a sentence without a letter or digit
/// (`complex. . . .”` stays one sentence): such a piece joins the sentence before it,
/// or the one after it when it comes first. One pass, in place.
fn merge_empty(p: &str, starts: &mut Vec<usize>) {
    let n = starts.len();
    if n < 2 {
        return;
    }
    let mut kept = 1;
    for k in 1..n {
        let (start, end) = (starts[k], starts.get(k + 1).copied().unwrap_or(p.len()));
        if has_alphanumeric(p, start, end) {
            starts[kept] = start;
            kept += 1;
        }
    }
    starts.truncate(kept);
    if kept >= 2 && !has_alphanumeric(p, starts[0], starts[1]) {
        starts.remove(1);
    }
}

/// Whether `p[start..end]` has a letter or a digit; a sentence that starts with an
/// ASCII one (most do) is decided from its first byte, before the text is sliced.
#[inline]
fn has_alphanumeric(p: &str, start: usize, end: usize) -> bool {
    (start < end && p.as_bytes()[start].is_ascii_alphanumeric())
        || p[start..end].contains(char::is_alphanumeric)
}

#[cfg(test)]
mod tests;
