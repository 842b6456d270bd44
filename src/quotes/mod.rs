//! Direct, indirect and mixed quotes, attributed to their speakers.
//!
//! The stage runs in four steps, one module each:
//! 1. [`marks`]: quotations between quote marks, paragraph by paragraph;
//! 2. [`frames`]: the attribution table — which cue verb and which speaker phrase sit
//!    around each quotation (`"...," said X`, `X said: "..."`, ...);
//! 3. [`indirect`]: reported speech without marks (`X said that ...`,
//!    `according to X, ...`);
//! 4. [`speakers`]: every speaker phrase linked to a person of the story, or kept as an
//!    unnamed mention; pronouns and nominals ("He", "The spokesman") resolve to the
//!    person in focus.
//!
//! Cue verbs are the gazetteer's reporting verbs (every inflection is a row), so the
//! rules here only know closed word classes ([`lexicon`]).

mod blocks;
mod frames;
mod indirect;
mod lexicon;
mod marks;
mod speakers;
mod tokens;
mod words;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use crate::document::{Quote, QuoteKind, Span};
use crate::entities::{Entities, Words};
use crate::gazetteer::{Class, Entry, Hit};
use crate::pipeline::Context;

use blocks::Blocks;
use marks::Marked;
use tokens::Tok;

/// How far (bytes) the rules look on each side of a position within its sentence.
const SENTENCE_REACH: usize = 1_000;

/// Bytes of quoted words from which a quotation is a block of its own (see
/// [`blocks::split`]). A rule reading across a quotation then gets its tokens
/// copied from three blocks: worth it only when the words left untokenized are many
/// (on news text 150 beats 80 and 250).
const LONG_QUOTE: usize = 150;

/// Quote rules, built once per pipeline. Every rule is a `const` table or a linear
/// scanner, so there is nothing to compile: the struct holds no state.
#[derive(Debug)]
pub(crate) struct Attributor {}

/// How a cue verb is inflected, which decides where its speaker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// `said`, `says`, `told`: the speaker is the subject on the left, or after the
    /// verb in inverted order (`said Lin Jian`).
    Finite,
    /// `has said`, `was told`.
    Perfect,
    /// `say`, `tell` after an auxiliary (`did not say`, `will tell`).
    Base,
    /// `stating`, `recalling`: a participle clause whose subject is the main clause's.
    Participle,
    /// `according to`: the speaker follows.
    According,
}

/// A reporting verb or phrase in the text.
#[derive(Clone, Copy, Debug)]
struct Cue<'g> {
    start: usize,
    end: usize,
    form: Form,
    /// The canonical verb (`say` for `said`).
    lemma: &'g str,
    /// Inside a quotation: a word of the quoted speech, not an attribution.
    quoted: bool,
    /// A core reporting verb. The gazetteer's extended tier (`think`, `hope`,
    /// `continue`) attributes quotations next to it but reports no clause of its own.
    core: bool,
    /// [`Scope::sentence`] of `start`, found once: most rules read it.
    sentence: (usize, usize),
}

impl Cue<'_> {
    /// The sentence of the cue, as [`Scope::sentence`] gives it.
    fn sentence(&self) -> Range<usize> {
        self.sentence.0..self.sentence.1
    }
}

/// A speaker phrase in the text, with the appositive role given with it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Phrase {
    span: Range<usize>,
    role: Option<Range<usize>>,
}

/// Who said a quote and through which cue.
#[derive(Clone, Debug)]
struct Attribution {
    cue: Option<Range<usize>>,
    speaker: Option<Phrase>,
}

/// A quote before its speaker is resolved.
#[derive(Clone, Debug)]
struct Found {
    kind: QuoteKind,
    span: Range<usize>,
    closed: bool,
    attribution: Option<Attribution>,
}

/// Everything the rules read, for one document.
struct Scope<'a> {
    cx: &'a Context<'a>,
    entities: &'a Entities,
    text: &'a str,
    marked: Vec<Marked>,
    /// For each quotation, the text its frames read before and after it.
    windows: Vec<(Range<usize>, Range<usize>)>,
    cues: Vec<Cue<'a>>,
    /// Words and punctuation of the sentences the rules read.
    tokens: Blocks<'a>,
    /// The subject of each cue, found when first asked for (see [`Scope::subject_of`]).
    subjects: Vec<OnceCell<Option<Phrase>>>,
}

impl Attributor {
    pub fn new() -> Attributor {
        Attributor {}
    }

    /// The quotes of the story, read with its `entities` and its `words`, both from
    /// the entities stage.
    pub fn extract(&self, cx: &Context<'_>, entities: &Entities, words: &Words) -> Vec<Quote> {
        quotes(&Scope::new(cx, entities, words, true))
    }
}

/// The quotes of the story in `scope`.
fn quotes(scope: &Scope<'_>) -> Vec<Quote> {
    let mut direct = frames::attribute(scope);
    // Cues right after a quotation (`"...," he said`) attribute it and report
    // nothing else.
    let mut after_cues: Vec<usize> = Vec::with_capacity(direct.len());
    after_cues.extend(direct.iter().filter_map(|(q, a)| {
        let c = a.as_ref()?.cue.as_ref()?;
        (c.start >= q.after).then_some(c.start)
    }));
    after_cues.sort_unstable();
    let mut indirect = indirect::find(scope, &after_cues);
    direct.sort_by_key(|(q, _)| (q.start, q.end));
    indirect.sort_by_key(|f| (f.span.start, f.span.end));
    let mut found = Vec::with_capacity(direct.len() + indirect.len());
    let mut indirect = indirect.into_iter().peekable();
    for d in direct_quotes(direct) {
        let key = (d.span.start, d.span.end);
        while let Some(f) = indirect.next_if(|f| (f.span.start, f.span.end) < key) {
            found.push(f);
        }
        found.push(d);
    }
    found.extend(indirect);
    speakers::resolve(scope, found)
}

impl<'a> Scope<'a> {
    /// The scope of a story. `lazy`: tokenize a block when a rule first reads it
    /// (see [`Blocks`]); tests turn it off to check that nothing changes.
    fn new(cx: &'a Context<'a>, entities: &'a Entities, words: &'a Words, lazy: bool) -> Scope<'a> {
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
        let (mut c, mut q) = (0, 0);
        let mut read = |b: &Range<usize>| {
            while c < cues.len() && cues[c].start < b.start {
                c += 1;
            }
            while q < marks.len() && marks[q] < b.start {
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
            let all = cx.layout.paragraphs.iter().map(|p| p.start..p.end);
            blocks.extend(all.filter(|b| read(b)));
        } else {
            let all = cx.sentences.iter().map(|s| s.start..s.end);
            blocks.extend(all.filter(|b| read(b)));
        }
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
        };
        // Cues are in text order: their sentences are found walking forward.
        let mut hint = 0;
        for k in 0..scope.cues.len() {
            let pos = scope.cues[k].start;
            let s = scope.sentence_at(pos, scope.sentence_index(pos, &mut hint));
            scope.cues[k].sentence = (s.start, s.end);
        }
        let mut hint = 0;
        let sorted = scope.marked.windows(2).all(|w| w[0].open < w[1].open);
        scope.windows = (0..scope.marked.len())
            .map(|i| frames::windows(&scope, i, &mut hint, sorted))
            .collect();
        scope
    }

    /// The subject of cue `k` of [`Scope::cues`] in its sentence, as
    /// [`frames::subject`] finds it. The frames of a quotation after a cue and the
    /// indirect rules both ask for it: it is found once.
    fn subject_of(&self, k: usize) -> Option<Phrase> {
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
    fn sentence(&self, pos: usize) -> Range<usize> {
        let i = self.cx.sentences.partition_point(|x| x.start <= pos);
        self.sentence_at(pos, i)
    }

    /// The number of sentences starting at or before `pos`, as the binary search of
    /// [`Scope::sentence`] finds it, walked forward from `hint` (the answer for an
    /// earlier position, updated): positions read in text order take a step or two.
    fn sentence_index(&self, pos: usize, hint: &mut usize) -> usize {
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
    fn sentence_at(&self, pos: usize, i: usize) -> Range<usize> {
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
    fn back(&self, pos: usize, n: usize) -> usize {
        let mut p = pos.saturating_sub(n);
        while !self.text.is_char_boundary(p) {
            p += 1;
        }
        p
    }

    /// The char boundary at most `n` bytes after `pos`.
    fn ahead(&self, pos: usize, n: usize) -> usize {
        let mut p = pos.saturating_add(n).min(self.text.len());
        while !self.text.is_char_boundary(p) {
            p -= 1;
        }
        p
    }

    /// The paragraph holding byte `pos` (an empty range at `pos` when none does).
    fn paragraph(&self, pos: usize) -> Range<usize> {
        let p = &self.cx.layout.paragraphs;
        let i = p.partition_point(|x| x.start <= pos);
        if i > 0 && pos <= p[i - 1].end {
            return p[i - 1].start..p[i - 1].end;
        }
        pos..pos
    }

    /// Where the story text of a sentence starts: after the dateline when the
    /// sentence holds it.
    fn content_start(&self, sentence: &Range<usize>) -> usize {
        match &self.cx.layout.dateline {
            Some(d) if d.end > sentence.start && d.end < sentence.end => d.end,
            _ => sentence.start,
        }
    }

    /// The tokens lying inside `range`.
    fn toks(&self, range: Range<usize>) -> Cow<'_, [Tok]> {
        self.tokens.all(range, &self.cues)
    }

    /// The tokens lying inside `range`, up to the first one `stop` accepts.
    fn toks_until(&self, range: Range<usize>, stop: impl Fn(&Tok) -> bool) -> Cow<'_, [Tok]> {
        self.tokens.until(range, &self.cues, stop, false)
    }

    /// The tokens lying inside `range`, up to and with the first one `stop` accepts.
    fn toks_through(&self, range: Range<usize>, stop: impl Fn(&Tok) -> bool) -> Cow<'_, [Tok]> {
        self.tokens.until(range, &self.cues, stop, true)
    }

    /// Quotations whose opening mark lies in `range`, in text order.
    fn marked_in(&self, range: Range<usize>) -> &[Marked] {
        let a = self.marked.partition_point(|q| q.open < range.start);
        let b = self.marked.partition_point(|q| q.open < range.end);
        &self.marked[a..b.max(a)]
    }

    /// Entity mentions starting at or after `pos`, in text order: a reader of the
    /// first few after a position needs no second search for where they end.
    fn entities_from(&self, pos: usize) -> &'a [crate::document::Entity] {
        let e = &self.entities.entities;
        &e[e.partition_point(|x| x.start < pos)..]
    }

    /// Entity mentions starting in `range`, in text order.
    fn entities_in(&self, range: Range<usize>) -> &'a [crate::document::Entity] {
        let e = &self.entities.entities;
        let a = e.partition_point(|x| x.start < range.start);
        let b = e.partition_point(|x| x.start < range.end);
        &e[a..b.max(a)]
    }

    /// Index in `people` of cluster `id`.
    fn person(&self, id: Option<&str>) -> Option<usize> {
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
    fn cues_in(&self, range: Range<usize>) -> &[Cue<'a>] {
        &self.cues[self.cue_indices(range)]
    }

    /// The indices in [`Scope::cues`] of the cues starting in `range`.
    fn cue_indices(&self, range: Range<usize>) -> Range<usize> {
        let a = self.cues.partition_point(|c| c.start < range.start);
        let b = self.cues.partition_point(|c| c.start < range.end);
        a..b.max(a)
    }

    /// The cue starting exactly where token `t` starts.
    fn cue_at(&self, t: &Tok) -> Option<&Cue<'a>> {
        if !t.cue {
            return None;
        }
        let pos = t.start;
        let i = self.cues.partition_point(|c| c.start < pos);
        self.cues.get(i).filter(|c| c.start == pos)
    }

    fn span(&self, r: Range<usize>) -> Span {
        Span {
            text: self.text[r.clone()].into(),
            start: r.start,
            end: r.end,
        }
    }
}

/// The number `s` spells in ASCII digits (one to nine of them, as a person's id has,
/// after an optional `+`), else `None`: what `s.parse::<usize>()` gives for such ids,
/// without its overflow checks. A longer number is no slot of the people of a story.
fn number(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let b = b.strip_prefix(b"+").unwrap_or(b);
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    b.iter().try_fold(0, |n: usize, &d| {
        d.is_ascii_digit().then(|| n * 10 + usize::from(d - b'0'))
    })
}

/// Bit `k` set when hit `k` of `hits` (64 at most) has a reporting verb among its
/// readings. Which hits do is a coin toss per hit: the mask is made without a
/// branch on it, and its bits are read off with no test of the others.
fn reporting_verbs(hits: &[Hit]) -> u64 {
    debug_assert!(hits.len() <= 64);
    // Read backwards, each hit shifts the mask by one: no shift by a variable.
    hits.iter().rev().fold(0, |mask, hit| {
        mask << 1 | u64::from(hit.classes.contains(Class::ReportingVerb))
    })
}

/// The form of reporting verb `hit` (one with a verb among its readings) and the
/// reading it has it from, when the text reads it as a verb here.
fn reading<'a>(cx: &Context<'a>, hit: &Hit) -> Option<(Form, &'a Entry)> {
    // One pass over the readings: whether one is a VBZ, and the first entry of the
    // preferred form (its tier is read only for that one).
    // In plain loops: an iterator over the candidates cost more than the reading.
    let mut vbz = false;
    let mut best: Option<(Form, &Entry)> = None;
    cx.gazetteer.for_each_candidate(hit, |e| {
        if e.class != Class::ReportingVerb {
            return;
        }
        vbz |= e.kind == "VBZ";
        if let Some(f) = form_of(e.kind, e.canonical.as_str()) {
            if best.is_none_or(|(b, _)| (f as u8) < (b as u8)) {
                best = Some((f, e));
            }
        }
    });
    best.filter(|&(form, _)| reads_as_verb(cx.text, hit.start..hit.end, form, vbz))
}

/// False when a reporting verb's spelling is here a noun or part of a name: `Recent
/// reports`, `a blog post`, `The report`, `the Washington Post`.
fn reads_as_verb(text: &str, r: Range<usize>, form: Form, vbz: bool) -> bool {
    // Spaces trimmed, not line breaks: a word after a line break opens a paragraph.
    let before = || trim_blanks(&text[..r.start]);
    let capitalized = text[r.clone()].starts_with(char::is_uppercase);
    if capitalized && !opens(before()) {
        return false;
    }
    // Most cues (`said`) need no look at the word before.
    match form {
        Form::Base => {
            let prev = last_word(before());
            lexicon::BASE_LICENSORS.has(prev) || (prev.len() > 3 && prev.ends_with('s'))
        }
        Form::Finite if vbz => {
            let before = before();
            let prev = last_word(before);
            // A capitalized marker is one only at the start of a sentence (`Recent
            // reports`, not `Sky News says`).
            let head = trim_blanks(&before[..before.len() - prev.len()]);
            let marker = lexicon::NOUN_MARKERS.has(prev)
                && (prev.starts_with(char::is_lowercase) || opens(head));
            !marker && !next_word_is(&text[r.end..], "of")
        }
        _ => true,
    }
}

/// True when the first word of `s` (as `split_whitespace` cuts it) is `word`: only
/// the spaces before it and the char after it are read, not the whole next word.
fn next_word_is(s: &str, word: &str) -> bool {
    s.trim_start()
        .strip_prefix(word)
        .is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace))
}

/// `s` without the spaces and tabs it ends with, as `trim_end_matches([' ', '\t'])`
/// gives it, byte by byte: a pattern of chars decoded each char it read.
fn trim_blanks(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    // Only ASCII bytes were stepped over: `i` is a char boundary.
    &s[..i]
}

/// The bytes [`last_word`] steps back over: ASCII letters, digits and the
/// apostrophe, one table load a byte.
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'\'';
        i += 1;
    }
    t
};

/// The word `s` ends with: letters, digits and apostrophes back from the end.
fn last_word(s: &str) -> &str {
    // Byte by byte while the word is ASCII; a non-ASCII char before it (a letter, a
    // curly apostrophe, or neither) sends the question to [`last_word_general`].
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 && ASCII_WORD[usize::from(b[i - 1])] {
        i -= 1;
    }
    if i == 0 || b[i - 1].is_ascii() {
        return &s[i..];
    }
    last_word_general(s)
}

/// [`last_word`], char by char.
fn last_word_general(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '\'' || c == '’')
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

/// True when text ending in `s` is open for a new sentence or clause: nothing, or
/// a stop, a colon, a quote mark, a bracket, a dash or a line break last.
fn opens(s: &str) -> bool {
    s.chars().next_back().is_none_or(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | ';'
                | '"'
                | '“'
                | '”'
                | '«'
                | '»'
                | '('
                | '—'
                | '–'
                | '-'
                | '\n'
        )
    })
}

/// The form of a cue from its gazetteer type; the order of [`Form`] is the preference
/// when an alias has several (`told` is VBD and VBN: read it as finite). Of the
/// phrase cues, `according to` names its source and `(quoted) as saying` follows its
/// speaker; adjuncts such as `in a statement` are no cue by themselves.
fn form_of(kind: &str, canonical: &str) -> Option<Form> {
    Some(match kind {
        "VBD" | "VBZ" => Form::Finite,
        "VBN" => Form::Perfect,
        "VBG" => Form::Participle,
        "CUE" if canonical.starts_with("according") => Form::According,
        "CUE" if canonical.ends_with("saying") => Form::Perfect,
        "CUE" => return None,
        _ => Form::Base,
    })
}

/// The direct quotes, one per quotation (a quotation running over several sentences
/// stays whole; one running over paragraphs is one quote per paragraph).
fn direct_quotes(direct: Vec<(Marked, Option<Attribution>)>) -> impl Iterator<Item = Found> {
    direct.into_iter().map(|(q, attribution)| Found {
        kind: QuoteKind::Direct,
        span: q.start..q.end,
        closed: q.closed,
        attribution,
    })
}

#[cfg(test)]
mod tests;
