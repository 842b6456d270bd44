//! Money, percentages and numbers with normalized values and qualifiers.
//!
//! The story's number starts (a digit, or a word that opens a number) come from the
//! entity tokenizer's notes where its tokens cover the text, from a scan of the
//! words elsewhere (`scan`); at each, `numbers` (digits) or `spelled` (words) parses the
//! number, and the rules here look at its neighbours: dates, times and names rule it
//! out; `%`, `percent`, a currency symbol, code or unit make it a percent or money; a
//! hedge before it is its qualifier; `-`, `to` or `between ... and` with a second
//! number make a range. Currencies shared by several countries (`$`, `dollars`) are
//! decided once per story, after every mention is known: a currency the story names
//! explicitly, else the dateline's country, else the most traded currency using it.
//!
//! Years are not cardinals: wire style writes counts of 1,000 and up with a comma, so
//! a bare four-digit number from 1800 to 2100 is a year unless a unit makes it money
//! or a percentage.
//!
//! Ranges: `value` is the lower bound (`min`), so that a consumer reading only
//! `value` never overstates a figure; `max` holds the upper bound.

mod decimal;
mod entries;
mod exclude;
mod lex;
mod money;
mod numbers;
mod qualifiers;
mod scan;
mod spelled;
mod unit_words;
mod words;

use std::cell::Cell;

use crate::document::{Label, Qualifier, Quantity, QuantityKind};
use crate::entities::{Entities, Words};
use crate::pipeline::Context;

use exclude::{name_number, Cursors};
use lex::{letters_end, skip_spaces, word_after, word_before, word_is};
use money::Unit;
use words::{Lexicon, Word};

/// Percent signs and words after a number; `points` after one makes percentage points.
const PERCENT_WORDS: &[&str] = &["percent", "percents", "percentage", "pct"];

/// Quantity rules, compiled once per pipeline.
#[derive(Debug)]
pub(crate) struct Recognizer {
    lex: Lexicon,
    dollar: money::DollarCache,
    units: unit_words::UnitWordsCache,
}

/// A mention before its currency is decided for the story. Kept within 128 bytes,
/// which the compiler moves inline: a larger one is moved by a call to `memcpy`
/// each time it is returned or pushed.
#[derive(Clone, Debug)]
struct Mention {
    start: usize,
    end: usize,
    kind: QuantityKind,
    value: f64,
    /// `min` and `max` of a range.
    bounds: Option<(f64, f64)>,
    unit: Option<Unit>,
    qualifier: Option<Qualifier>,
    /// Where the qualifier's text lies, when there is one.
    qualifier_span: (usize, usize),
    /// What a range partner borrows of the number itself (no currency): its value,
    /// magnitude and whether it is in words.
    num_value: f64,
    num_magnitude: Option<f64>,
    num_words: bool,
}

const _: () = assert!(
    std::mem::size_of::<Mention>() <= 128,
    "a mention over 128 bytes is moved by memcpy"
);

/// The number words a number starts at, lowercase: the entities lexicon marks them
/// in every token it reads (its `NUMBER` bit).
pub(crate) fn number_words() -> impl Iterator<Item = &'static str> {
    words::scan_words()
}

impl Recognizer {
    pub fn new() -> Recognizer {
        Recognizer {
            lex: Lexicon::new(),
            dollar: money::DollarCache::new(),
            units: unit_words::UnitWordsCache::new(),
        }
    }

    /// The currency written after a number ending at `at` ([`money::after`]).
    /// `at`: the end of the number and of the spaces after it.
    fn unit_after(
        &self,
        cx: &Context<'_>,
        cursors: &Cursors,
        at: (usize, usize),
        allow_of: bool,
    ) -> Option<money::Found> {
        let units = unit_words::UnitWords::cached(cx.gazetteer, &self.units);
        money::after(cx, at, allow_of, units, &cursors.hits)
    }

    /// The story's quantities. `words`: the entity tokenizer's tokens, whose noted
    /// words stand for the scan's in the sentences (empty: the scan reads them all).
    pub fn extract(&self, cx: &Context<'_>, entities: &Entities, words: &Words) -> Vec<Quantity> {
        let text = cx.text;
        let b = text.as_bytes();
        // News has a quantity every three hundred bytes or so: room for them all
        // up front, so that the large mentions are not moved as the list grows.
        let mut found: Vec<Mention> = Vec::with_capacity(b.len() / 256 + 4);
        // Nested entities (`Chinese` in `Chinese Foreign Ministry`) leave their ends out
        // of order, and there only the binary search gives the same answers.
        let in_order = entities.entities.windows(2).all(|w| w[0].end <= w[1].end);
        let cursors = Cursors::new(in_order);
        // One pass finds digits and number words; each start is checked and parsed
        // where it stands, and the pass resumes after what was consumed.
        let mut scan = self.scanner(cx, words);
        let mut pos = 0;
        while let Some((s, e)) = scan.next_start(pos) {
            let start = if b[s].is_ascii_digit() {
                scan::digit_start(text, s)
            } else if lex::boundary_before(text, s) && lex::boundary_after(text, e) {
                Some(scan::article_before(text, s, pos))
            } else {
                None
            };
            let Some(start) = start else {
                pos = scan::skip_word(b, s).max(s + 1);
                continue;
            };
            // The number word the scan classified, for a parse that starts at it.
            // (Lent, not copied: a copy of the class is a dozen moves a start.)
            let first = scan.word_at(s).map(|w| (e, w));
            let hint = first.as_ref().filter(|_| start == s);
            match self.mention(cx, entities, &cursors, start, hint, true) {
                Ok(m) => {
                    pos = m.end.max(e);
                    found.push(m);
                }
                // `a` before a number word that is not a number itself (`a first`):
                // the word alone may still be one.
                Err(_) if start < s => {
                    match self.mention(cx, entities, &cursors, s, first.as_ref(), true) {
                        Ok(m) => {
                            pos = m.end.max(e);
                            found.push(m);
                        }
                        Err(skip) => pos = skip.max(e),
                    }
                }
                Err(skip) => pos = skip.max(e),
            }
        }
        self.finish(cx, entities, found)
    }

    /// The scanner of the story's number starts: from the tokens in the sentences they
    /// cover, from the text elsewhere.
    fn scanner<'a>(&'a self, cx: &Context<'a>, words: &'a Words) -> scan::Scanner<'a> {
        if words.is_empty() {
            return scan::Scanner::new(cx.text.as_bytes(), &self.lex);
        }
        scan::Scanner::from_tokens(cx.text, &self.lex, words, cx.sentences)
    }

    /// Decides shared currencies for the story and builds the output records.
    fn finish(&self, cx: &Context<'_>, entities: &Entities, found: Vec<Mention>) -> Vec<Quantity> {
        let mut story = money::Story {
            explicit: Vec::new(),
            country: story_country(cx, entities),
        };
        for m in &found {
            if let Some(Unit::Explicit(c)) = &m.unit {
                if !story.explicit.contains(c) {
                    story.explicit.push(c.clone());
                }
            }
        }
        found
            .iter()
            .map(|m| {
                let (currency, basis) = match &m.unit {
                    Some(u) => {
                        let (c, b) = money::resolve(u, &story);
                        (Some((&*c).into()), Some(b))
                    }
                    None => (None, None),
                };
                Quantity {
                    kind: m.kind,
                    text: cx.text[m.start..m.end].into(),
                    start: m.start,
                    end: m.end,
                    value: m.value,
                    min: m.bounds.map(|b| b.0),
                    max: m.bounds.map(|b| b.1),
                    currency,
                    currency_basis: basis,
                    qualifier: m.qualifier,
                    qualifier_text: m.qualifier.map(|_| {
                        let (s, e) = m.qualifier_span;
                        cx.text[s..e].into()
                    }),
                }
            })
            .collect()
    }

    /// The quantity whose number starts at `at`, or where to resume scanning.
    /// `first`: the end and class of the number word at `at`, when known.
    fn mention(
        &self,
        cx: &Context<'_>,
        entities: &Entities,
        cursors: &Cursors,
        at: usize,
        first: Option<&(usize, Word)>,
        ranges: bool,
    ) -> Result<Mention, usize> {
        let text = cx.text;
        let b = text.as_bytes();
        let num = if b[at].is_ascii_alphabetic() {
            let num = match first {
                Some(&(e, word)) => spelled::words_from(text, (at, e, word), &self.lex),
                None => spelled::words(text, at, &self.lex),
            };
            num.ok_or_else(|| letters_end(b, at))?
        } else {
            numbers::digits(text, at, &self.lex)?
        };
        // One look past the spaces after the number, for every rule that reads there.
        let next = skip_spaces(b, num.end);
        // The word before the number: the date, pronoun, name and hedge rules read it.
        let before = LazyWordBefore::new(text, num.start);
        let word_before_num = || before.get();
        if self.excluded(cx, entities, cursors, &num, next, word_before_num) {
            return Err(num.end);
        }
        let mut m = Mention {
            start: num.start,
            end: num.end,
            kind: if num.ordinal {
                QuantityKind::Ordinal
            } else {
                QuantityKind::Cardinal
            },
            value: num.value,
            bounds: None,
            unit: None,
            qualifier: None,
            qualifier_span: (0, 0),
            num_value: num.value,
            num_magnitude: num.magnitude,
            num_words: num.words,
        };
        if !num.ordinal {
            if let Some((end, kind)) = percent_after(text, num.end, next) {
                m.kind = kind;
                m.end = end;
            } else if let Some(f) = money::before(cx, num.start, &self.dollar, &cursors.hits) {
                m.kind = QuantityKind::Money;
                m.start = f.edge;
                m.unit = Some(f.unit);
                // A magnitude glued after a unit: `USD 5 million` is already scaled.
            } else if let Some(f) = self
                .unit_after(cx, cursors, (num.end, next), num.approx)
                .filter(|f| {
                    // `a team of five won`, `lost 20 pounds`: a common-word unit is money
                    // with a magnitude or in a story from a country that uses it.
                    !f.common
                        || num.magnitude.is_some()
                        || story_country(cx, entities).is_some_and(|cc| money::used_in(&f.unit, cc))
                })
            {
                m.kind = QuantityKind::Money;
                m.end = f.edge;
                m.value *= f.factor;
                m.unit = Some(f.unit);
            }
        }
        if m.kind == QuantityKind::Money {
            if m.value == num.value {
                self.subunit(cx, cursors, &mut m);
            }
        } else {
            if num.money_only {
                return Err(num.end);
            }
            let year = num.four_digits && (1800.0..=2100.0).contains(&num.value);
            if year && m.kind == QuantityKind::Cardinal {
                return Err(num.end);
            }
            if m.kind == QuantityKind::Cardinal && name_number(text, &num, word_before_num) {
                return Err(num.end);
            }
        }
        if !m.value.is_finite() {
            return Err(m.end); // 1e999
        }
        if ranges {
            self.range(cx, entities, cursors, &mut m, (num.end, next));
        }
        let mut qual_at = m.start;
        if m.bounds.is_some() {
            if let Some(w) = word_before(text, m.start) {
                if word_is(text, w, "between") || word_is(text, w, "from") {
                    qual_at = w.0;
                }
            }
        }
        let hedge = if qual_at == num.start {
            qualifiers::ending_with(text, word_before_num())
        } else {
            qualifiers::before(text, qual_at)
        };
        if let Some((q, s)) = hedge {
            let e = lex::skip_spaces_back(b, qual_at);
            m.qualifier = Some(q);
            m.qualifier_span = (s, e);
        } else if num.approx {
            m.qualifier = Some(Qualifier::Approximately);
            m.qualifier_span = (num.start, num.end);
        }
        Ok(m)
    }

    /// `3 dollars 50 cents`, `thirteen dollars and forty-five cents`: cents after an
    /// amount add to it. Without the word `cents`, the number must end the phrase, so
    /// that `$5 and 20 people` stays two quantities.
    fn subunit(&self, cx: &Context<'_>, cursors: &Cursors, m: &mut Mention) {
        let text = cx.text;
        let b = text.as_bytes();
        let mut at = m.end;
        if let Some(w) = word_after(text, at).filter(|w| word_is(text, *w, "and")) {
            at = w.1;
        }
        let s = skip_spaces(b, at);
        if s == at && at != m.end || s >= b.len() {
            return;
        }
        let n = if b[s].is_ascii_digit() {
            numbers::digits(text, s, &self.lex).ok()
        } else if b[s].is_ascii_alphabetic() {
            spelled::words(text, s, &self.lex)
        } else {
            None
        };
        let Some(n) =
            n.filter(|n| n.value >= 1.0 && n.value < 100.0 && n.value.fract() == 0.0 && !n.ordinal)
        else {
            return;
        };
        let cents = self
            .unit_after(cx, cursors, (n.end, skip_spaces(b, n.end)), false)
            .filter(|f| f.factor < 1.0);
        let end = match cents {
            Some(f) => f.edge,
            None => {
                let next = skip_spaces(b, n.end);
                let ends = next >= b.len()
                    || matches!(b[next], b'.' | b',' | b';' | b')' | b'\n')
                    || word_after(text, n.end).is_some_and(|w| word_is(text, w, "and"));
                if !ends {
                    return;
                }
                n.end
            }
        };
        m.value += n.value / 100.0;
        m.end = end;
    }

    /// `10-20 million`, `$5m to $7m`, `between 10 and 20`, `from 5 to 10 percent`.
    /// `(num_end, next)`: the end of the number and of the spaces after it.
    fn range(
        &self,
        cx: &Context<'_>,
        entities: &Entities,
        cursors: &Cursors,
        m: &mut Mention,
        (num_end, next): (usize, usize),
    ) {
        let text = cx.text;
        let b = text.as_bytes();
        let between = || word_before(text, m.start).is_some_and(|w| word_is(text, w, "between"));
        let s = if m.end == num_end {
            next
        } else {
            skip_spaces(b, m.end)
        };
        // A dash joins digits only, unspaced (`10-20`, `8–10`): `three-nought-four`
        // is not a range, and `lost 1 – 2` is a score.
        let dash =
            !m.num_words && s == m.end && b.get(s + 1).is_some_and(|c| !c.is_ascii_alphabetic());
        let after_sep = if dash && b.get(s) == Some(&b'-') {
            s + 1
        } else if dash && b.get(s..s + 3) == Some("\u{2013}".as_bytes()) {
            s + 3
        } else if let Some(w) = matches!(b.get(s), Some(b't' | b'T' | b'a' | b'A'))
            .then(|| word_after(text, m.end))
            .flatten()
        {
            // (`to` and `and` only: the first byte turns most words away unread.)
            if word_is(text, w, "to") || (word_is(text, w, "and") && between()) {
                w.1
            } else {
                return;
            }
        } else {
            return;
        };
        // The partner's number may follow a currency symbol (`to $7m`).
        let mut p = skip_spaces(b, after_sep);
        while p < b.len() && p < after_sep + 8 && !b[p].is_ascii_alphanumeric() && b[p] != b'\n' {
            p += 1;
        }
        if p >= b.len() || !(b[p].is_ascii_alphanumeric()) {
            return;
        }
        let Ok(other) = self.mention(cx, entities, cursors, p, None, false) else {
            return;
        };
        if other.start < after_sep
            || other.kind == QuantityKind::Ordinal
            || m.kind == QuantityKind::Ordinal
        {
            return;
        }
        let mut low = m.value;
        if m.num_magnitude.is_none() && !m.num_words {
            if let Some(mag) = other.num_magnitude {
                low *= mag;
            }
        }
        let kind = match (m.kind, other.kind) {
            (a, b) if a == b => a,
            (QuantityKind::Cardinal, k) => k,
            _ => return,
        };
        if low >= other.value {
            return;
        }
        if m.unit.is_none() && other.unit.is_some() {
            if let Some(f) = m.unit.clone().or(other.unit.clone()) {
                m.unit = Some(f);
                // `10 to 20 cents`: the low end takes the subunit too.
                if other.value < other.num_value {
                    low *= other.value / other.num_value;
                }
            }
        }
        m.kind = kind;
        m.value = low;
        m.bounds = Some((low, other.value));
        m.end = other.end;
    }
}

/// The word before a number ([`word_before`]), read when a rule first asks for it
/// and kept: several rules read it, and the numbers turned away early never do. One
/// pair of offsets holds both states and the answer (no word starts at `usize::MAX`),
/// which a `OnceCell` of the `Option` takes a call and twice the copying to give.
struct LazyWordBefore<'t> {
    text: &'t str,
    at: usize,
    word: Cell<(usize, usize)>,
}

/// [`LazyWordBefore::word`] before the word is read, and when there is none.
const UNREAD: (usize, usize) = (usize::MAX, usize::MAX);
const NO_WORD: (usize, usize) = (usize::MAX, 0);

impl<'t> LazyWordBefore<'t> {
    fn new(text: &'t str, at: usize) -> LazyWordBefore<'t> {
        LazyWordBefore {
            text,
            at,
            word: Cell::new(UNREAD),
        }
    }

    #[inline]
    fn get(&self) -> Option<(usize, usize)> {
        match self.word.get() {
            UNREAD => {
                let w = word_before(self.text, self.at);
                self.word.set(w.unwrap_or(NO_WORD));
                w
            }
            (usize::MAX, _) => None,
            w => Some(w),
        }
    }
}

/// `80%`, `80 %`, `80 percent`, `80 per cent`, `0.5 pct`, `2 percentage points`.
/// `s`: the end of the spaces at `at`.
fn percent_after(text: &str, at: usize, s: usize) -> Option<(usize, QuantityKind)> {
    let b = text.as_bytes();
    // One byte turns most numbers away: every percent word starts with `p`.
    let mut end = match b.get(s) {
        Some(b'%') => s + 1,
        Some(0xef) if b.get(s..s + 3) == Some("\u{ff05}".as_bytes()) => s + 3,
        Some(b'p' | b'P') => {
            let w = word_after(text, at)?;
            if PERCENT_WORDS.iter().any(|p| word_is(text, w, p)) {
                w.1
            } else if word_is(text, w, "per") {
                let c = word_after(text, w.1).filter(|c| word_is(text, *c, "cent"))?;
                c.1
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let mut kind = QuantityKind::Percent;
    if let Some(p) = word_after(text, end) {
        if word_is(text, p, "points") || word_is(text, p, "point") {
            kind = QuantityKind::PercentagePoints;
            end = p.1;
        }
    }
    Some((end, kind))
}

/// The country of the story's dateline place, as the entities stage (or, failing
/// that, the gazetteer) knows it.
fn story_country<'a>(cx: &Context<'a>, entities: &'a Entities) -> Option<&'a str> {
    let place = cx.layout.dateline.as_ref()?.place.as_ref()?;
    entities
        .entities
        .iter()
        .find(|e| e.label == Label::Place && e.start == place.start && e.end == place.end)
        .and_then(|e| e.country.as_deref())
}

#[cfg(test)]
mod tests;
