//! `According to X, CLAUSE.` and `CLAUSE, according to X.`: the one reading whose
//! source follows its cue. It is apart from the verbs of [`super`] because it reads
//! the other way (the speaker after the cue, the clause before it or after the
//! source), and because it decides from a few tokens at the cue: where the cue
//! stands is told from the text, and only the cue and its source are tokenized.

use std::ops::Range;

use super::super::frames::{source, SOURCE_READ};
use super::super::lexicon::is;
use super::super::tokens::{is_boundary, Tok};
use super::super::{Attribution, Cue, Found, Phrase, Scope};
use super::{finish, StopExt};

/// `According to X, CLAUSE.` (sentence-initial) and `CLAUSE, according to X.`
pub(super) fn according(
    scope: &Scope<'_>,
    cue: &Cue<'_>,
    sentence: Range<usize>,
    out: &mut Vec<Found>,
) {
    // Read from the text, the rule reports what it reports with the tokens of the
    // whole sentence: checked on every story of the tests.
    #[cfg(test)]
    let (len, expected) = {
        let mut expected = Vec::new();
        according_with_tokens(scope, cue, sentence.clone(), &mut expected);
        (out.len(), expected)
    };
    match place_from_text(scope, cue, &sentence) {
        None => according_with_tokens(scope, cue, sentence, out),
        Some(Place::Other) => {}
        Some(place) => match leading(scope, cue, &sentence) {
            Some(toks) => according_after(scope, cue, sentence, place, &toks, out),
            None => according_with_tokens(scope, cue, sentence, out),
        },
    }
    #[cfg(test)]
    assert_eq!(format!("{:?}", &out[len..]), format!("{expected:?}"));
}

/// The tokens from `cue` on that the rule reads (the cue, the source after it and
/// two tokens more), tokenized on their own so that the rest of the sentence is not;
/// `None` when they are not the sentence's or a longer cue needs more.
fn leading(scope: &Scope<'_>, cue: &Cue<'_>, sentence: &Range<usize>) -> Option<Vec<Tok>> {
    let want = CUE_TOKENS + SOURCE_READ;
    scope
        .tokens
        .leading(cue.start..sentence.end, want)
        // Fewer than asked for are all there are.
        .filter(|t| t.len() < want || read_from(t, cue) + SOURCE_READ <= t.len())
}

/// Where an `according to` cue stands in its sentence.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// First in the sentence.
    Opens,
    /// After a comma, at this byte.
    Comma(usize),
    /// After anything else: the rule reports nothing.
    Other,
}

/// Tokens an `according to` cue takes, as a rule (a longer one is read with the
/// tokens of its sentence).
const CUE_TOKENS: usize = 2;

/// The index of the first token after the cue (`toks[0]`).
fn read_from(toks: &[Tok], cue: &Cue<'_>) -> usize {
    toks.iter()
        .position(|t| t.start >= cue.end)
        .unwrap_or(toks.len())
}

/// [`Place`] of `cue` in `sentence`, told from the text when the sentence lies in
/// one block and starts on a token boundary (its tokens are then those of its
/// text, and a comma before a letter is a token of its own); `None` otherwise.
fn place_from_text(scope: &Scope<'_>, cue: &Cue<'_>, sentence: &Range<usize>) -> Option<Place> {
    let exact = scope.tokens.within_one(sentence)
        && (sentence.start == cue.start || is_boundary(scope.text, sentence.start));
    if !exact {
        return None;
    }
    let before = scope.text[sentence.start..cue.start].trim_end();
    Some(if before.is_empty() {
        Place::Opens
    } else if before.ends_with(',') {
        Place::Comma(sentence.start + before.len() - 1)
    } else {
        Place::Other
    })
}

/// [`according`] read with the tokens of the whole sentence.
fn according_with_tokens(
    scope: &Scope<'_>,
    cue: &Cue<'_>,
    sentence: Range<usize>,
    out: &mut Vec<Found>,
) {
    let toks = scope.toks(sentence.clone());
    let Some(ci) = toks.iter().position(|t| t.start == cue.start) else {
        return;
    };
    let place = match ci.checked_sub(1).map(|k| toks[k]) {
        None => Place::Opens,
        Some(t) if t.is_punct(',') => Place::Comma(t.start),
        Some(_) => Place::Other,
    };
    according_after(scope, cue, sentence, place, &toks[ci..], out);
}

/// [`according`] read with the tokens from the cue (`toks[0]`) on.
fn according_after(
    scope: &Scope<'_>,
    cue: &Cue<'_>,
    sentence: Range<usize>,
    place: Place,
    toks: &[Tok],
    out: &mut Vec<Found>,
) {
    let from = read_from(toks, cue);
    let Some((span, next)) = source(toks, from) else {
        return;
    };
    let source = Phrase { span, role: None };
    let after = toks.get(next);
    let attribution = Attribution {
        cue: Some(cue.start..cue.end),
        speaker: Some(source.clone()),
    };
    let clause = match place {
        // According to X, CLAUSE.
        Place::Opens if after.is_some_and(|t| t.is_punct(',')) => {
            after.map(|t| t.end..sentence.end)
        }
        // CLAUSE, according to X[, which ...].
        Place::Comma(comma) => {
            let ends = after.is_none_or_stop()
                || (after.is_some_and(|t| t.is_punct(','))
                    && toks.get(next + 1).is_some_and(|t| {
                        is(&["which", "who", "whose", "where"], t.bytes(scope.text))
                    }));
            ends.then_some(sentence.start..comma)
        }
        _ => None,
    };
    let Some(clause) = clause else {
        return;
    };
    if let Some((span, kind)) = finish(scope, clause) {
        out.push(Found {
            kind,
            span,
            closed: true,
            attribution: Some(attribution),
        });
    }
}
