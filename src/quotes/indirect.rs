//! Reported speech without quote marks: `X said (that) CLAUSE`, `X told Y that
//! CLAUSE`, `CLAUSE, X said`, `according to X, CLAUSE` and `CLAUSE, according to X`.
//!
//! A clause runs to the end of its sentence, and is cut before a participle clause
//! (`, reiterating ...`), a second `and that` clause (reported on its own), a trailing
//! attribution (`, military sources told Ukrainska Pravda`) and a quotation that ends
//! it (`said Kyiv had indications that there could be “many more.`: the quoted words
//! are a direct quote of their own). A clause with quoted words inside is `mixed`.
//!
//! The `according to` reading names its source after the cue and is decided from
//! a few tokens there: it is [`according`], apart.

mod according;

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use crate::swar::{self, HIGH};

use crate::document::QuoteKind;

use super::frames::{left_phrase, right_phrase};
use super::lexicon;
use super::tokens::{count_words, is_boundary, Tok};
use super::{Attribution, Cue, Form, Found, Phrase, Scope};
use according::according;

/// How far after a cue its `that` may come (`told Ukrainian authorities that`,
/// `said in a press conference that`), in tokens.
const THAT_REACH: usize = 8;

/// Longest clause read after a cue, in bytes.
const MAX_CLAUSE: usize = 600;

/// Most bytes between a cue and the end of its sentence in a trailing attribution
/// (`CLAUSE, X said to reporters.`).
const TRAILING_REACH: usize = 120;

/// Fewest words an indirect clause has; fewer is a fragment before a quotation
/// (`assured that Beijing was “...”`).
const MIN_WORDS: usize = 3;

/// Every indirect and mixed quote. `after_cues` (sorted) are the cues already used by
/// a direct quotation right before them (`"...," he said`), which report no clause.
pub(super) fn find(scope: &Scope<'_>, after_cues: &[usize]) -> Vec<Found> {
    let mut out = Vec::with_capacity(scope.cues.len());
    for (k, cue) in scope.cues.iter().enumerate() {
        if cue.quoted || !cue.core || after_cues.binary_search(&cue.start).is_ok() {
            continue;
        }
        let sentence = cue.sentence();
        if sentence.end <= cue.start {
            continue;
        }
        let content = scope.content_start(&sentence).min(cue.start);
        if cue.form == Form::According {
            according(scope, cue, content..sentence.end, &mut out);
            continue;
        }
        // The clause is read to the end of the sentence, within a reach.
        let end = sentence.end.min(scope.ahead(cue.end, MAX_CLAUSE));
        let lead = cue.end..scope.ahead(cue.end, 200).min(end);
        // A verb that may take a bare clause (`said Kyiv had ...`), looked up once for
        // both rules that ask.
        let bare = matches!(cue.form, Form::Finite | Form::Perfect)
            && lexicon::BARE_CLAUSE_VERBS.has(cue.lemma);
        if !reports_anything(scope, cue, bare, &lead, sentence.end) {
            // The rules read with tokens agree, on every story of the tests.
            #[cfg(test)]
            {
                let mut none = Vec::new();
                trailing(scope, cue, content..sentence.end, &mut none);
                assert!(clause_start(scope, bare, &scope.toks(lead)).is_none() && none.is_empty());
            }
            continue;
        }
        let toks = scope.toks_through(lead.clone(), ends_lead);
        // Cut short, the tokens give the answer that all of them give.
        #[cfg(test)]
        assert_eq!(
            clause_start(scope, bare, &toks),
            clause_start(scope, bare, &scope.toks(lead))
        );
        let reported =
            clause_start(scope, bare, &toks).and_then(|from| Some((from, scope.subject_of(k)?)));
        match reported {
            Some((from, speaker)) => {
                let toks = scope.toks(cue.end..end);
                clauses(scope, cue, &speaker, &toks, from, end, &mut out)
            }
            None => trailing(scope, cue, content..sentence.end, &mut out),
        }
    }
    out
}

/// False when `cue` can report nothing, told from the text alone so that its
/// sentence need not be tokenized: no bare clause follows its verb, no `that` is in
/// reach in `lead` (where [`clause_start`] looks for it) and no [`trailing`]
/// attribution is possible (the sentence runs on too far, or the cue has neither a
/// comma before it nor a short object after it).
fn reports_anything(
    scope: &Scope<'_>,
    cue: &Cue<'_>,
    bare: bool,
    lead: &Range<usize>,
    end: usize,
) -> bool {
    let finite = matches!(cue.form, Form::Finite | Form::Perfect);
    if bare {
        return true;
    }
    (finite && end <= cue.end + TRAILING_REACH && may_trail(scope.text, cue, end))
        || scope.text.get(lead.clone()).is_none_or(that_in_reach)
}

/// True unless the text tells that the `that` [`clause_start`] looks for is not in
/// the first [`THAT_REACH`] tokens of `lead`: there is none, or the first one comes
/// after more words than that (runs between whitespace, each a token at least, but
/// for the first, which may be the end of a token running over the lead's start).
fn that_in_reach(lead: &str) -> bool {
    has_that(lead.as_bytes())
        .is_some_and(|p| count_words(&lead[..p], THAT_REACH + 1, false) <= THAT_REACH)
}

/// True when `s` holds `that`, found by one searcher built once for all stories
/// (built for each lead it cost more than the search; looking at each `t`, one of
/// the most common letters, cost a call into memchr and a compare per `t`): where
/// the first one starts.
fn has_that(s: &[u8]) -> Option<usize> {
    static THAT: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("that"));
    THAT.find(s)
}

/// False when [`trailing`] surely finds nothing for `cue` in a sentence ending at
/// `end`, told from the bytes around the cue: no comma token before it (the last
/// byte before it, spaces aside, is ASCII and no comma) and more than a short object
/// after it (more than [`SHORT_OBJECT`] words right after it, each starting with an
/// ASCII letter or digit after a space, and the space-separated ones before the last
/// all ASCII letters and digits: a word token each).
fn may_trail(text: &str, cue: &Cue<'_>, end: usize) -> bool {
    let bytes = text.as_bytes();
    // The tokenizer's ASCII spaces: no token holds one.
    let space = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r');
    // A space on each side: no token runs over the cue's ends.
    let spaced = |p: usize| bytes.get(p).is_some_and(space);
    if !spaced(cue.start.wrapping_sub(1)) || !spaced(cue.end) {
        return true;
    }
    let before = bytes[..cue.start].iter().rev().find(|b| !space(b));
    if before.is_none_or(|&b| b == b',' || !b.is_ascii()) {
        return true;
    }
    let after = bytes.get(cue.end..end).unwrap_or_default();
    !long_object(after) || !is_boundary(text, end)
}

/// True when more than [`SHORT_OBJECT`] words start in `after` before its first byte
/// other than a space or an ASCII letter or digit: a word starts at a letter or
/// digit after a space (or at the start).
fn long_object(after: &[u8]) -> bool {
    let (mut words, mut inside) = (0, false);
    // Eight bytes at a time while they are spaces, letters and digits: a cue's
    // object runs on for a few words, seldom to a punctuation mark.
    let mut i = 0;
    while let Some(x) = swar::load(after, i) {
        let (space, word) = (swar::in_range(x, b' ', b' '), swar::alphanumeric(x));
        if (space | word) & HIGH != HIGH {
            break;
        }
        words += swar::count(word & (space << 8 | u64::from(!inside) << 7));
        if words > SHORT_OBJECT {
            return true;
        }
        inside = word >> 63 != 0;
        i += 8;
    }
    for &b in &after[i..] {
        if b == b' ' {
            inside = false;
        } else if b.is_ascii_alphanumeric() {
            words += usize::from(!inside);
            inside = true;
            if words > SHORT_OBJECT {
                return true;
            }
        } else {
            break;
        }
    }
    false
}

/// Where [`clause_start`] stops reading: at the first punctuation other than a
/// bracket. The time phrase, the word after it and the `that` it looks for are
/// words, so it has decided by that token (which it may read, right after a `that`).
/// The rest of the lead is not read, and a long quotation there not tokenized.
fn ends_lead(t: &Tok) -> bool {
    !t.word && !matches!(t.first, '(' | ')')
}

/// The token where the reported clause of `cue` starts, if it reports one: a bare
/// clause right after a verb of saying (`said Kyiv had ...`), else the clause after a
/// `that` reached over an object or an adjunct (`told Ukrainian authorities that`,
/// `said under interrogation that`).
fn clause_start(scope: &Scope<'_>, bare: bool, toks: &[Tok]) -> Option<usize> {
    let text = scope.text;
    if bare {
        // `said (on) Tuesday the bloc would ...`: a time phrase may come first.
        let mut i = 0;
        let word = |k: usize, test: &dyn Fn(&[u8]) -> bool| {
            toks.get(k).is_some_and(|t| t.word && test(t.bytes(text)))
        };
        let opener = |w: &[u8]| lexicon::TIME_OPENERS.has(w);
        let time = |w: &[u8]| lexicon::is_time_word(w);
        loop {
            if word(i, &time) {
                i += 1;
            } else if word(i, &opener) && word(i + 1, &time) {
                i += 2;
            } else {
                break;
            }
        }
        if let Some(t) = toks.get(i) {
            let w = t.bytes(text);
            let starts = t.word
                && (lexicon::CLAUSE_STARTERS.has(w) || (t.capitalized() && !lexicon::PRONOUNS.has(w)))
                // More words must follow: a lone name is an object (`told Reuters.`).
                && toks.get(i + 1).is_some_and(|n| n.word);
            if starts {
                return Some(i);
            }
        }
    }
    for (i, t) in toks.iter().enumerate().take(THAT_REACH) {
        if !t.word {
            if matches!(t.first, '(' | ')') {
                continue;
            }
            break;
        }
        if t.is(text, "that") {
            return (i + 1 < toks.len()).then_some(i + 1);
        }
    }
    None
}

/// Emits the clause(s) from token `from`: the first runs to its cut; a coordinated
/// `and that` clause is reported on its own, with the same cue and speaker.
fn clauses(
    scope: &Scope<'_>,
    cue: &Cue<'_>,
    speaker: &Phrase,
    toks: &[Tok],
    from: usize,
    sentence_end: usize,
    out: &mut Vec<Found>,
) {
    let text = scope.text;
    let mut start = from;
    while start < toks.len() {
        let mut end = sentence_end;
        let mut next = None;
        let mut j = start;
        // Only `;`, `,` and a word of three letters (`and`, `but`) may cut the
        // clause: the other tokens are passed over without being read.
        while let Some(skip) = toks[j..].iter().position(may_cut) {
            j += skip;
            let t = toks[j];
            if t.is_punct(';') {
                end = t.start;
                break;
            }
            if t.is_punct(',') && j > start && cut_after_comma(scope, toks, j) {
                end = t.start;
                break;
            }
            let three = t.word && j > start && t.end - t.start == 3;
            if three
                && t.is(text, "and")
                && toks
                    .get(j + 1)
                    .is_some_and(|n| n.word && n.is(text, "that"))
            {
                end = t.start;
                next = Some(j + 2);
                break;
            }
            // `..., and said it was ...`: a second verb of the same speaker reports
            // its own clause.
            if three && t.is_any(text, &["and", "but"]) {
                let verb = toks[j + 1..]
                    .iter()
                    .take(3)
                    .take_while(|n| n.word)
                    .find(|n| !lexicon::is_adverb(n.bytes(text)));
                if verb.is_some_and(|n| scope.cue_at(n).is_some_and(|c| !c.quoted)) {
                    end = t.start;
                    break;
                }
            }
            j += 1;
        }
        if let Some(f) = finish(scope, toks[start].start..end) {
            out.push(Found {
                kind: f.1,
                span: f.0,
                closed: true,
                attribution: Some(Attribution {
                    cue: Some(cue.start..cue.end),
                    speaker: Some(speaker.clone()),
                }),
            });
        }
        match next {
            Some(n) => start = n,
            None => break,
        }
    }
}

/// True when token `t` may cut a clause (see [`clauses`]): a `;`, a `,`, or a word of
/// three letters, as `and` and `but` are.
fn may_cut(t: &Tok) -> bool {
    if t.word {
        t.end - t.start == 3
    } else {
        matches!(t.first, ';' | ',')
    }
}

/// True when the comma at `toks[j]` ends the clause: a participle clause or a
/// trailing attribution follows it.
fn cut_after_comma(scope: &Scope<'_>, toks: &[Tok], j: usize) -> bool {
    let text = scope.text;
    let mut k = j + 1;
    // `,” stating that`: the comma of a quotation that closes here.
    while toks
        .get(k)
        .is_some_and(|t| !t.word && matches!(t.first, '”' | '"' | '»'))
    {
        k += 1;
    }
    let Some(t) = toks.get(k) else {
        return false;
    };
    if t.word && lexicon::is_participle(t.bytes(text)) {
        return true;
    }
    if scope.cue_at(t).is_some() {
        return true; // `, said X.`, `, according to X.`
    }
    // `, Ukrainian military sources told Ukrainska Pravda.`
    let Some(c) = toks[k..]
        .iter()
        .take(12)
        .take_while(|t| t.word)
        .find_map(|t| scope.cue_at(t))
    else {
        return false;
    };
    let ci = toks
        .iter()
        .position(|t| t.start == c.start)
        .unwrap_or(toks.len());
    left_phrase(scope, &toks[k..ci], 0).is_some_and(|p| p.span.start == t.start)
        && ends_after_object(toks, ci + 1)
}

/// The most words a short object after a trailing cue has (`said on Tuesday`).
const SHORT_OBJECT: usize = 4;

/// True when at most a short object follows token `from` before the sentence ends.
fn ends_after_object(toks: &[Tok], from: usize) -> bool {
    let rest = &toks[from.min(toks.len())..];
    let n = rest.iter().take_while(|t| t.word).count();
    n <= SHORT_OBJECT && rest.get(n).is_none_or_stop()
}

trait StopExt {
    fn is_none_or_stop(&self) -> bool;
}

impl StopExt for Option<&Tok> {
    fn is_none_or_stop(&self) -> bool {
        match self {
            None => true,
            Some(t) => !t.word && matches!(t.first, '.' | '!' | '?'),
        }
    }
}

/// The clause `r` trimmed, cut before a quotation that ends it, with its kind; `None`
/// when too little reported speech is left.
fn finish(scope: &Scope<'_>, r: Range<usize>) -> Option<(Range<usize>, QuoteKind)> {
    let text = scope.text;
    let mut r = strip(text, r);
    // Quoted words make the clause mixed; the quotations in it are looked up again
    // only when the clause is cut.
    let inside = scope.marked_in(r.clone());
    let mut mixed = !inside.is_empty();
    // A quotation reaching the end of the clause is a direct quote of its own.
    if let Some(q) = inside.last() {
        if q.end >= r.end || text[q.after.min(r.end)..r.end].trim().is_empty() {
            r = strip(text, r.start..q.open);
            mixed = !scope.marked_in(r.clone()).is_empty();
        }
    }
    if count_words(&text[r.clone()], MIN_WORDS, true) < MIN_WORDS {
        return None;
    }
    Some((
        r,
        if mixed {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        },
    ))
}

/// `r` without surrounding space and trailing punctuation. Read byte by byte when
/// the chars it stops at are ASCII (as they are but for a closing quote mark or a
/// non-ASCII space), else char by char ([`strip_general`]).
fn strip(text: &str, r: Range<usize>) -> Range<usize> {
    let b = &text.as_bytes()[r.clone()];
    let left = b.iter().position(|&c| !matches!(c, b' ' | b'\t'..=b'\r'));
    let right = b.iter().rposition(|&c| {
        !matches!(
            c,
            b' ' | b'\t'..=b'\r' | b'.' | b',' | b';' | b':' | b'!' | b'?'
        )
    });
    match (left, right) {
        (Some(l), Some(e)) if b[l].is_ascii() && b[e].is_ascii() => {
            if e < l {
                r.start..r.start
            } else {
                r.start + l..r.start + e + 1
            }
        }
        (Some(l), Some(e)) if b[l] >= 0x80 || b[e] >= 0x80 => strip_general(text, r),
        // Nothing but spaces and punctuation.
        _ => r.start..r.start,
    }
}

/// [`strip`], char by char.
fn strip_general(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let left = s.len() - s.trim_start().len();
    let body = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?')
    });
    if body.len() <= left {
        return r.start..r.start;
    }
    r.start + left..r.start + body.len()
}

/// `CLAUSE, X said.` and `CLAUSE, said X.`: a cue after a comma that ends the
/// sentence reports everything before the comma.
fn trailing(scope: &Scope<'_>, cue: &Cue<'_>, sentence: Range<usize>, out: &mut Vec<Found>) {
    if !matches!(cue.form, Form::Finite | Form::Perfect) {
        return;
    }
    // Only a short object may follow the cue before the sentence ends.
    if sentence.end > cue.end + TRAILING_REACH {
        return;
    }
    let toks = scope.toks(cue.end..sentence.end);
    let sentence = sentence.start.max(scope.back(cue.start, MAX_CLAUSE))..sentence.end;
    let buf = scope.toks(sentence.start..cue.start);
    if let Some(comma) = buf.last().filter(|t| t.is_punct(',')).map(|t| t.start) {
        // `, said X.`
        let Some(p) = right_phrase(scope, &toks, 0) else {
            return;
        };
        let after = toks
            .iter()
            .position(|t| t.start >= p.span.end)
            .unwrap_or(toks.len());
        if p.role.is_none() && ends_after_object(&toks, after) {
            emit_before(scope, cue, p, sentence.start..comma, out);
        }
        return;
    }
    if !ends_after_object(&toks, 0) {
        return;
    }
    let Some(p) = left_phrase(scope, &buf, 0) else {
        return;
    };
    let at = buf
        .iter()
        .position(|t| t.start == p.span.start)
        .unwrap_or(0);
    if at == 0 || !buf[at - 1].is_punct(',') {
        return;
    }
    let comma = buf[at - 1].start;
    emit_before(scope, cue, p, sentence.start..comma, out);
}

/// Emits the clause `r` before a trailing attribution, unless it holds quoted words
/// (a direct quote's attribution) or a reported clause of its own.
fn emit_before(
    scope: &Scope<'_>,
    cue: &Cue<'_>,
    speaker: Phrase,
    r: Range<usize>,
    out: &mut Vec<Found>,
) {
    // Quotations are in text order and never overlap: the last one opening before
    // the end is the only one that may reach into the clause.
    let before = scope.marked_in(0..r.end);
    if before.last().is_some_and(|q| q.after > r.start) {
        return;
    }
    if scope.cues_in(r.clone()).iter().any(|c| !c.quoted) {
        return;
    }
    // `After the leak, X told Y "..."`: an adjunct, not a reported clause.
    let first = scope.text[r.clone()]
        .split_whitespace()
        .next()
        .unwrap_or("");
    if lexicon::CLAUSE_OPENERS.has(first) || lexicon::PREPOSITIONS.has(first) {
        return;
    }
    if let Some((span, kind)) = finish(scope, r) {
        out.push(Found {
            kind,
            span,
            closed: true,
            attribution: Some(Attribution {
                cue: Some(cue.start..cue.end),
                speaker: Some(speaker),
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Stripped byte by byte, a range keeps what the char-by-char strip keeps.
        #[test]
        fn strip_agrees_with_the_char_by_char_one(
            s in "[ab .,;:!?\t\n\u{b}\u{a0}\u{2009}”é]{0,16}",
            from in 0usize..20,
            to in 0usize..20,
        ) {
            let r = super::super::tokens::char_range(&s, from, to);
            prop_assert_eq!(strip(&s, r.clone()), strip_general(&s, r));
        }

        /// Eight bytes at a time, the words of an object are those a byte loop counts.
        #[test]
        fn long_object_agrees_with_a_byte_loop(
            s in proptest::collection::vec(
                prop_oneof![9 => "[ab1 ]", 1 => "[,.\t’]"], 0..40
            ).prop_map(|v| v.concat()),
        ) {
            let mut words = 0;
            let mut prev = b' ';
            for &b in s.as_bytes() {
                if b != b' ' && !b.is_ascii_alphanumeric() {
                    break;
                }
                words += usize::from(b != b' ' && prev == b' ');
                prev = b;
            }
            prop_assert_eq!(long_object(s.as_bytes()), words > SHORT_OBJECT);
        }

        #[test]
        fn has_that_agrees_with_a_window_scan(s in "[that ,]{0,30}") {
            let want = s.as_bytes().windows(4).position(|w| w == b"that");
            prop_assert_eq!(has_that(s.as_bytes()), want);
        }
    }
}
