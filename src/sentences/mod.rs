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
mod lists;

use abbrev::{Abbrev, Abbreviations, STARTERS};

use crate::document::{BlockKind, Sentence};
use crate::layout::Layout;
use crate::swar::{self, HIGH};

/// Finds the bytes that may begin a stop in one paragraph: the ASCII stops, and `…`,
/// `‼`, `⁇`, `⁈`, `⁉` (lead byte E2), `。` (E3) and `．！？` (EF). The ASCII stops are
/// searched with memchr, remembered until the scan passes them; the others come from
/// [`Leads`], shared by all the paragraphs of a text, so each byte is looked at about
/// once.
struct Candidates<'a, 'l> {
    bytes: &'a [u8],
    /// Where `bytes` starts in the text [`Leads`] searches.
    base: usize,
    ascii: Option<usize>,
    leads: &'l mut Leads<'a>,
}

impl<'a, 'l> Candidates<'a, 'l> {
    fn new(bytes: &'a [u8], base: usize, leads: &'l mut Leads<'a>) -> Self {
        Candidates {
            bytes,
            base,
            ascii: None,
            leads,
        }
    }

    /// The first candidate at or after `from`.
    fn next(&mut self, from: usize) -> Option<usize> {
        let (b, len) = (self.bytes, self.bytes.len());
        if from >= len {
            return None;
        }
        if self.ascii.is_none_or(|a| a < from) {
            self.ascii =
                Some(memchr::memchr3(b'.', b'?', b'!', &b[from..]).map_or(len, |k| from + k));
        }
        let lead = (self.leads.next(self.base + from) - self.base).min(len);
        let next = self.ascii.map_or(lead, |a| a.min(lead));
        (next < len).then_some(next)
    }
}

/// The stops beyond ASCII in a whole text, found one at a time. Searched per text, not
/// per paragraph: most news has none, or only a few, and one search that runs to the
/// end of the text then answers for every paragraph. The lead bytes also start curly
/// quotes and dashes, common in news: those are passed over here, three bytes checked,
/// rather than decided on as stops.
struct Leads<'a> {
    bytes: &'a [u8],
    /// The first stop at or after the last position asked for (`bytes.len()` for none).
    next: Option<usize>,
}

impl<'a> Leads<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Leads { bytes, next: None }
    }

    /// The first non-ASCII stop at or after `from`, or the text's length.
    fn next(&mut self, from: usize) -> usize {
        let b = self.bytes;
        match self.next {
            Some(n) if n >= from => n,
            _ => {
                let mut k = from.min(b.len());
                let n = loop {
                    match memchr::memchr3(0xE2, 0xE3, 0xEF, &b[k..]) {
                        None => break b.len(),
                        Some(j) if is_stop_at(b, k + j) => break k + j,
                        Some(j) => k += j + 1,
                    }
                };
                self.next = Some(n);
                n
            }
        }
    }
}

/// Whether the three-byte char whose lead byte is at `k` is one of the stops
/// [`is_stop`] knows beyond ASCII.
fn is_stop_at(bytes: &[u8], k: usize) -> bool {
    matches!(
        bytes.get(k..k + 3),
        Some(
            [0xE2, 0x80, 0xA6 | 0xBC]
                | [0xE2, 0x81, 0x87..=0x89]
                | [0xE3, 0x80, 0x82]
                | [0xEF, 0xBC, 0x81 | 0x8E | 0x9F]
        )
    )
}

/// Characters that close a quote or a bracket after a stop and stay with its sentence.
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '}', '»', '›'];

/// Quote marks among the closers.
const QUOTES: &[char] = &['"', '\'', '”', '’', '»', '›'];

/// Characters that open a quote or a bracket before the first word of a sentence.
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '{', '«', '‹', '¿', '¡'];

/// Dashes that may stand between sentences or inside one.
const DASHES: &[char] = &['-', '–', '—', '―'];

/// A sentence does not start with these: `... etc.) and`, `... Inc., the`.
const CONTINUING: &[char] = &[',', ';', ':', ')', ']', '}', '%'];

/// Stops that end a sentence even without white space after them (CJK typography).
const FULL_WIDTH_STOPS: &[char] = &['。', '．', '！', '？'];

/// A sentence needs this many words before a `Suffix` or `Time` abbreviation to end
/// at it: `At 5 a.m. Mr. Smith went` goes on, `He left the bank at 6 P.M. Mr. Smith`
/// ends. A fragment of one or two words is more likely an opening phrase.
const MIN_WORDS_BEFORE_ABBREV_STOP: usize = 3;

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
}

impl Splitter {
    pub fn new() -> Splitter {
        Splitter {
            abbreviations: Abbreviations::new(),
        }
    }

    /// Sentences of every paragraph, in order; byte offsets.
    pub fn split(&self, text: &str, layout: &Layout) -> Vec<Sentence> {
        let mut out = Vec::with_capacity(layout.paragraphs.len() * 3);
        let dateline_end = layout.dateline.as_ref().map(|d| d.end);
        let mut starts = Vec::new();
        let mut leads = Leads::new(text.as_bytes());
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
                    end: p.start + para[..next].trim_end().len(),
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
        let mut candidates = Candidates::new(p.as_bytes(), base, leads);
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
        let spaced = char_at(p, closed).is_whitespace();
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
        let token_start = token_start(p, i, cur);
        let token = trim_openers(&p[token_start..i]);
        let Some(last) = token.chars().next_back() else {
            return true; // ` . ` alone
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
        match self.abbreviations.classify(token) {
            Some(Abbrev::Prefix | Abbrev::Inner) => false,
            Some(Abbrev::PlacePrefix) => abbrev::listed(STARTERS, next_word(p, next)),
            Some(Abbrev::BeforeNumber) => !next_digit,
            Some(Abbrev::Suffix) => {
                !next_digit
                    && !bracket
                    && words_before(p, cur, token_start) >= MIN_WORDS_BEFORE_ABBREV_STOP
            }
            Some(Abbrev::Time) => {
                !abbrev::continues_time(next_word(p, next))
                    && !bracket
                    && words_before(p, cur, token_start) >= MIN_WORDS_BEFORE_ABBREV_STOP
            }
            Some(Abbrev::Acronym) => !bracket && abbrev::listed(STARTERS, next_word(p, next)),
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

/// The char at byte `i` of `p` (a char boundary).
fn char_at(p: &str, i: usize) -> char {
    p[i..].chars().next().unwrap_or('\0')
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '‼' | '⁇' | '⁈' | '⁉') || FULL_WIDTH_STOPS.contains(&c)
}

/// The run of stop characters at `i`: where it ends and what it is.
fn stop_run(p: &str, i: usize) -> (usize, Stop) {
    let mut dots = 0;
    let mut strong = false;
    let mut end = i;
    for c in p[i..].chars() {
        match c {
            '.' => dots += 1,
            '…' => dots += 3,
            c if is_stop(c) => strong = true,
            _ => break,
        }
        end += c.len_utf8();
    }
    let stop = match dots {
        _ if strong || dots >= 4 => Stop::Strong,
        1 => Stop::Period,
        _ => Stop::Ellipsis,
    };
    (end, stop)
}

/// At `i`, a `.` followed by ` .` at least twice: the number of dots and the end.
fn spaced_ellipsis(p: &str, i: usize) -> Option<(usize, usize)> {
    let mut end = i + 1;
    let mut dots = 1;
    while p[end..].starts_with(" .") {
        end += 2;
        dots += 1;
    }
    (dots >= 3).then_some((dots, end))
}

fn skip_closers(p: &str, i: usize) -> usize {
    match p.as_bytes().get(i) {
        // Most stops are followed by a space: no closer to look for.
        None | Some(b' ') => i,
        Some(_) => p.len() - p[i..].trim_start_matches(CLOSERS).len(),
    }
}

fn skip_space(p: &str, i: usize) -> usize {
    let b = p.as_bytes();
    // One space, then ASCII other than white space: the common case, not decoded.
    if b.get(i) == Some(&b' ')
        && b.get(i + 1)
            .is_some_and(|&c| c.is_ascii() && !is_ascii_space(c))
    {
        return i + 1;
    }
    p.len() - p[i..].trim_start().len()
}

/// `char::is_whitespace` for an ASCII byte (which, unlike `u8::is_ascii_whitespace`,
/// counts the vertical tab).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `s` without the opening marks before its first word; a word starting with an ASCII
/// letter or digit (the common case) is returned as it is.
fn trim_openers(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => s,
        _ => s.trim_start_matches(OPENERS),
    }
}

/// Whether a sentence may start at `i`: not with a lower-case letter (also behind an
/// opening mark) and not with punctuation that continues one.
fn opens_sentence(p: &str, i: usize) -> bool {
    // A capital or a digit opens one: no mark to look behind, no letter case to read.
    if p.as_bytes()
        .get(i)
        .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return true;
    }
    let rest = &p[i..];
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if CONTINUING.contains(&first) {
        return false;
    }
    // `voila! -- you have cake`: a dash does not hide a lower-case continuation.
    let bare = rest
        .trim_start_matches(OPENERS)
        .trim_start_matches(DASHES)
        .trim_start();
    match bare.chars().next() {
        // `iPhone sales rose`, `eBay said`: a capital inside the word names a brand.
        Some(c) if c.is_lowercase() => {
            let word = bare
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            word.len() <= TOKEN_WINDOW && word.chars().any(char::is_uppercase)
        }
        Some(_) => true,
        None => !first.is_lowercase(),
    }
}

/// The word starting at `i`, behind opening marks: letters, digits and apostrophes.
fn next_word(p: &str, i: usize) -> &str {
    let rest = trim_openers(&p[i..]);
    let len = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(rest.len(), |(n, _)| n);
    &rest[..len]
}

/// A period with no space after it that still ends a sentence: `world.Today`,
/// `1,000.That`. Not in e-mail addresses, URLs or file names (`Jane.Doe@example.com`,
/// `www.example.com/Page`).
fn glued_stop(p: &str, i: usize) -> bool {
    let b = p.as_bytes();
    let before = i.checked_sub(1).map(|j| b[j]);
    let after = (b.get(i + 1), b.get(i + 2));
    let shape = before.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && matches!(after, (Some(u), Some(l)) if u.is_ascii_uppercase() && l.is_ascii_lowercase());
    if !shape {
        return false;
    }
    let start = token_start(p, i, 0);
    let mut limit = (i + TOKEN_WINDOW).min(p.len());
    while !p.is_char_boundary(limit) {
        limit -= 1;
    }
    let end = p[i..limit]
        .find(char::is_whitespace)
        .map_or(limit, |w| i + w);
    let token = &p[start..end];
    !token.contains(['@', '/', ':']) && !token.starts_with("www.")
}

/// Whether the word before byte `at` (white space between) starts lower case.
fn previous_word_is_lowercase(p: &str, at: usize) -> bool {
    let before = p[..at].trim_end();
    let start = token_start(before, before.len(), 0);
    before[start..]
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// Words of the sentence begun at `cur` before byte `at`, counted backwards up to the
/// most any rule asks for. A sentence longer than [`TOKEN_WINDOW`] bytes counts as
/// long enough, which keeps the count cheap on any input.
fn words_before(p: &str, cur: usize, at: usize) -> usize {
    let mut lo = at.saturating_sub(4 * TOKEN_WINDOW).max(cur);
    while !p.is_char_boundary(lo) {
        lo += 1;
    }
    let counted = p[lo..at]
        .split_whitespace()
        .rev()
        .take(MIN_WORDS_BEFORE_ABBREV_STOP)
        .count();
    if lo > cur {
        MIN_WORDS_BEFORE_ABBREV_STOP.max(counted)
    } else {
        counted
    }
}

/// Tokens are looked at within this many bytes of a stop: longer ones are no
/// abbreviations, and the bound keeps text without spaces linear.
const TOKEN_WINDOW: usize = 64;

/// Where the white-space-delimited token ending at byte `i` starts, not before `floor`.
fn token_start(p: &str, i: usize, floor: usize) -> usize {
    let mut lo = i.saturating_sub(TOKEN_WINDOW).max(floor);
    while !p.is_char_boundary(lo) {
        lo += 1;
    }
    // Back over ASCII bytes to a space, eight at a time, then one at a time; anything
    // else is decoded below.
    let b = p.as_bytes();
    let mut top = i;
    while top >= lo + 8 {
        let Some(x) = swar::load(b, top - 8) else {
            break;
        };
        let stops = swar::spaces(x) | (x & HIGH);
        if stops != 0 {
            // The last of the eight bytes that is white space or beyond ASCII.
            let k = top - 8 + swar::last(stops);
            if b[k] < 0x80 {
                return k + 1;
            }
            top = lo; // beyond ASCII: decoded below
            break;
        }
        top -= 8;
    }
    for k in (lo..top).rev() {
        if b[k] >= 0x80 {
            break;
        }
        if is_ascii_space(b[k]) {
            return k + 1;
        }
        if k == lo {
            return lo;
        }
    }
    p[lo..i]
        .rfind(char::is_whitespace)
        .map_or(lo, |w| lo + w + char_at(p, lo + w).len_utf8())
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
        let end = starts.get(k + 1).copied().unwrap_or(p.len());
        if p[starts[k]..end].contains(char::is_alphanumeric) {
            starts[kept] = starts[k];
            kept += 1;
        }
    }
    starts.truncate(kept);
    if kept >= 2 && !p[starts[0]..starts[1]].contains(char::is_alphanumeric) {
        starts.remove(1);
    }
}

#[cfg(test)]
mod tests;
