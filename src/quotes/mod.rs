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
mod scope;
mod speakers;
mod tokens;
mod words;

use std::ops::Range;

use crate::document::{Quote, QuoteKind};
use crate::entities::{Entities, Words};
use crate::gazetteer::{Class, Entry, Hit};
use crate::pipeline::Context;

use marks::Marked;
use scope::Scope;

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
        // A reporting verb's type is told by its last byte (see [`VERB_FORMS`]):
        // one load, where comparing the strings took a call and a branch each.
        let last = e.kind.as_bytes().last().copied().unwrap_or(0);
        vbz |= last == b'Z';
        let f = match VERB_FORMS[usize::from(last)] {
            Some(f) => f,
            None => match cue_form(e.canonical.as_str()) {
                Some(f) => f,
                None => return,
            },
        };
        if best.is_none_or(|(b, _)| (f as u8) < (b as u8)) {
            best = Some((f, e));
        }
    });
    best.filter(|&(form, _)| reads_as_verb(cx.text, hit.start..hit.end, form, vbz))
}

/// False when a reporting verb's spelling is here a noun or part of a name: `Recent
/// reports`, `a blog post`, `The report`, `the Washington Post`.
fn reads_as_verb(text: &str, r: Range<usize>, form: Form, vbz: bool) -> bool {
    // Spaces trimmed, not line breaks: a word after a line break opens a paragraph.
    let before = || trim_blanks(&text[..r.start]);
    let capitalized = starts_upper(text, &r);
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

/// True when `text[r]` starts with an uppercase char, as
/// `text[r].starts_with(char::is_uppercase)` tells: from its first byte when that is
/// ASCII (a slice and a char decoded cost more than the test).
fn starts_upper(text: &str, r: &Range<usize>) -> bool {
    match text.as_bytes().get(r.start) {
        Some(&b) if b.is_ascii() => r.start < r.end && b.is_ascii_uppercase(),
        _ => text[r.clone()].starts_with(char::is_uppercase),
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
#[cfg(test)]
fn form_of(kind: &str, canonical: &str) -> Option<Form> {
    Some(match kind {
        "VBD" | "VBZ" => Form::Finite,
        "VBN" => Form::Perfect,
        "VBG" => Form::Participle,
        "CUE" => return cue_form(canonical),
        _ => Form::Base,
    })
}

/// The form of a phrase cue (type `CUE`) from its canonical phrase, as [`form_of`]
/// gives it.
fn cue_form(canonical: &str) -> Option<Form> {
    if canonical.starts_with("according") {
        Some(Form::According)
    } else if canonical.ends_with("saying") {
        Some(Form::Perfect)
    } else {
        None
    }
}

/// [`form_of`] for the types of the gazetteer's reporting verbs (`VB`, `VBZ`,
/// `VBD`, `VBN`, `VBG`, `CUE`), by the type's last byte, which differs between
/// them; `None` for `CUE`, whose form its phrase decides ([`cue_form`]). A test
/// holds it to [`form_of`] for every reporting-verb type of the gazetteer.
const VERB_FORMS: [Option<Form>; 256] = {
    let mut t = [Some(Form::Base); 256];
    t[b'Z' as usize] = Some(Form::Finite);
    t[b'D' as usize] = Some(Form::Finite);
    t[b'N' as usize] = Some(Form::Perfect);
    t[b'G' as usize] = Some(Form::Participle);
    t[b'E' as usize] = None;
    t
};

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
