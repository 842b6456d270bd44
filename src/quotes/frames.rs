//! The attribution table: where the cue and the speaker stand around a quotation,
//! and the speaker phrases themselves.

use std::borrow::Cow;
use std::ops::Range;

use super::lexicon::{self, is, is_adverb, Words};
use super::marks::Marked;
use super::tokens::{count_words, Tok};
use super::{Attribution, Cue, Form, Phrase, Scope};

/// What a slot of a frame holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// A reporting verb (`said`, `told`, `further explained`).
    Cue,
    /// The speaker phrase (`Lin Jian`, `The spokesman`, `he`).
    Speaker,
    /// `according to`.
    According,
}

/// Which side of the quotation a frame reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// Right after the closing mark (and an optional comma).
    After,
    /// In the same sentence, before the opening mark.
    Before,
}

/// One row of the attribution table.
#[derive(Clone, Copy, Debug)]
struct Frame {
    side: Side,
    slots: &'static [Slot],
}

use Slot::{According, Cue as C, Speaker as S};

/// The frames, tried in this order for a quotation ending in a comma (the sign of an
/// attribution to come) and with the `Before` rows first otherwise.
const FRAMES: &[Frame] = &[
    Frame {
        side: Side::After,
        slots: &[C, S],
    }, // "...," said Lin Jian
    Frame {
        side: Side::After,
        slots: &[S, C],
    }, // "...," Lin Jian said / told Y
    Frame {
        side: Side::After,
        slots: &[According, S],
    }, // "...," according to X
    Frame {
        side: Side::Before,
        slots: &[According, S],
    }, // According to X, "..."
    Frame {
        side: Side::Before,
        slots: &[S, C],
    }, // X said (that|:) "..." / stating that "..."
    Frame {
        side: Side::Before,
        slots: &[C, S],
    }, // ..., said X, "..."
];

/// How many words after a cue may still belong to its clause before the punctuation
/// that ends an attribution (`told the press,`, `told reporters in Brussels on
/// Tuesday.`).
const MAX_OBJECT: usize = 10;

/// How far (bytes) before a cue its subject is looked for, through participles and
/// coordinated verbs.
const SUBJECT_REACH: usize = 400;

/// Most tokens between a cue and the quotation it introduces.
const MAX_GAP: usize = 12;

/// Longest speaker phrase, in words; a longer run is a clause, not a name.
const MAX_PHRASE: usize = 10;

/// Attributes every quotation of the story. A quotation no frame matches inherits the
/// attribution of the quotation before it when it continues it: same paragraph, or a
/// paragraph that the quotation opens (wire copy's run-on quotes).
pub(super) fn attribute(scope: &Scope<'_>) -> Vec<(Marked, Option<Attribution>)> {
    let mut out: Vec<(Marked, Option<Attribution>)> = Vec::with_capacity(scope.marked.len());
    for (i, q) in scope.marked.iter().enumerate() {
        let mut found = match_frames(scope, q, &scope.windows[i]);
        if found.is_none() {
            if let Some((p, Some(a))) = out.last() {
                if continues(scope, p, q) {
                    found = Some(a.clone());
                }
            }
        }
        out.push((*q, found));
    }
    out
}

/// True when quotation `q` carries on the speech of `p`, the quotation before it.
fn continues(scope: &Scope<'_>, p: &Marked, q: &Marked) -> bool {
    if p.paragraph == q.paragraph || p.continues {
        return true;
    }
    // A paragraph that is only a quotation, right after the attributed one.
    let para = scope.paragraph_of(q);
    q.paragraph == p.paragraph + 1
        && scope.text[para.start..q.open].trim().is_empty()
        && scope.text[q.after.min(para.end)..para.end].trim().len() <= 1
}

/// What the frames of quotation `i` read: the text before its opening mark in its
/// sentence (after the quotation before it, if in the same paragraph), and the text
/// after its closing mark up to the next opening mark in its paragraph. `hint`: as
/// for [`Scope::sentence_index`], quotations being read in text order. `sorted`:
/// the quotations open in strictly rising order (as they do unless the paragraphs
/// are out of order). `known`: what [`Scope::sentence_index`] gives for the opening
/// mark, when the scope noted it already (`hint` is then left as it is).
pub(super) fn windows(
    scope: &Scope<'_>,
    i: usize,
    hint: &mut usize,
    sorted: bool,
    known: Option<usize>,
) -> (Range<usize>, Range<usize>) {
    let q = &scope.marked[i];
    let prev = i.checked_sub(1).map(|p| &scope.marked[p]);
    let para = scope.paragraph_of(q);
    #[cfg(test)]
    if let Some(k) = known {
        assert_eq!(k, scope.sentence_index(q.open, &mut 0));
    }
    let at = known.unwrap_or_else(|| scope.sentence_index(q.open, hint));
    let sentence = scope.sentence_at(q.open, at);
    let before = {
        let mut s = sentence.start.max(para.start);
        if let Some(p) = prev.filter(|p| p.paragraph == q.paragraph) {
            s = s.max(p.after);
        }
        s.min(q.open)..q.open
    };
    // Quotations in text order end before the next opens: it is the one after `q`,
    // or one more after an unclosed `q` whose end is the next opening mark.
    let next = if sorted {
        let later = &scope.marked[i + 1..];
        later.get(later.iter().take_while(|m| m.open < q.after).count())
    } else {
        scope.marked_in(q.after..usize::MAX).first()
    };
    #[cfg(test)]
    assert_eq!(
        next.map(|m| m.open),
        scope.marked_in(q.after..usize::MAX).first().map(|m| m.open)
    );
    let next_open = next.map_or(usize::MAX, |m| m.open);
    let after = q.after.min(para.end)..para.end.min(next_open).max(q.after.min(para.end));
    (before, after)
}

fn match_frames(
    scope: &Scope<'_>,
    q: &Marked,
    (before, after): &(Range<usize>, Range<usize>),
) -> Option<Attribution> {
    let comma = scope.text[..q.end].ends_with(',') || comma_next(&scope.text[q.after..]);
    // Only an utterance is attributed by what follows it: a title or a scare quote
    // (`The "History" section explains`) ends without punctuation.
    let utterance = comma || scope.text[..q.end].ends_with(['.', '?', '!', '…']);
    let order: [Side; 2] = if comma {
        [Side::After, Side::Before]
    } else {
        [Side::Before, Side::After]
    };
    // What every frame of a side reads, found once for the side.
    let mut after_toks = None;
    let mut lead = None;
    for side in order {
        for frame in FRAMES.iter().filter(|f| f.side == side) {
            let got = match side {
                Side::After if !utterance => None,
                Side::After => {
                    let toks = after_toks.get_or_insert_with(|| attribution(scope, after.clone()));
                    after_quote(scope, frame.slots, toks)
                }
                Side::Before => lead
                    .get_or_insert_with(|| lead_cue(scope, before.clone()))
                    .and_then(|k| before_quote(scope, frame.slots, k, before.clone())),
            };
            if got.is_some() {
                return got;
            }
        }
    }
    None
}

/// True when `s` starts with a comma after spaces, as `s.trim_start().starts_with(',')`
/// tells: byte by byte while the spaces are ASCII (most are one space, or none).
pub(super) fn comma_next(s: &str) -> bool {
    let b = s.as_bytes();
    let i = b
        .iter()
        .position(|&c| !matches!(c, b' ' | b'\t'..=b'\r'))
        .unwrap_or(b.len());
    match b.get(i) {
        Some(b',') => true,
        Some(&c) if c >= 0x80 => s[i..].trim_start().starts_with(','),
        _ => false,
    }
}

/// The tokens of `window` (after a closing mark) up to the first full stop, where
/// an attribution ends.
fn attribution<'s>(scope: &'s Scope<'_>, window: Range<usize>) -> Cow<'s, [Tok]> {
    // Every frame after a quotation starts from a cue in the window: without one,
    // none matches, and the window need not be tokenized.
    if !scope.has_cue_in(window.clone()) {
        // The frames read with the tokens agree, on every story of the tests.
        #[cfg(test)]
        {
            let toks = scope.toks_until(window, stops_attribution);
            for frame in FRAMES.iter().filter(|f| f.side == Side::After) {
                assert!(after_quote(scope, frame.slots, &toks).is_none());
            }
        }
        return Cow::Borrowed(&[]);
    }
    // Read block by block: the sentences after the first stop are not tokenized.
    scope.toks_until(window, stops_attribution)
}

/// The full stop (or the next quotation) where an attribution ends.
fn stops_attribution(t: &Tok) -> bool {
    !t.word && matches!(t.first, '.' | '?' | '!' | ';' | '“' | '"' | '«')
}

/// A frame read right after the closing mark, in the tokens of its [`attribution`].
fn after_quote(scope: &Scope<'_>, slots: &[Slot], toks: &[Tok]) -> Option<Attribution> {
    let first = usize::from(toks.first().is_some_and(|t| t.is_punct(',')));
    match slots {
        [C, S] => {
            let cue = scope.cue_at(toks.get(first)?)?;
            if !matches!(cue.form, Form::Finite | Form::Perfect) {
                return None;
            }
            let speaker = right_phrase(scope, toks, first + 1)?;
            Some(Attribution {
                cue: Some(cue.start..cue.end),
                speaker: Some(speaker),
            })
        }
        [S, C] => {
            // The first cue of the window, the words before it a speaker phrase.
            let (k, cue) = toks
                .iter()
                .enumerate()
                .skip(first)
                .take(MAX_PHRASE + 4)
                .find_map(|(k, t)| scope.cue_at(t).filter(|c| c.end == t.end).map(|c| (k, c)))?;
            if cue.form == Form::According {
                return None;
            }
            let speaker = left_phrase(scope, &toks[..k], first)?;
            if speaker.span.start != toks[first].start {
                return None;
            }
            // Only an object may follow the cue before the attribution ends.
            let rest = &toks[k + 1..];
            let object = rest.iter().take_while(|t| t.word).count();
            if object > MAX_OBJECT
                || (object < rest.len()
                    && !rest[object].is_punct(',')
                    && !rest[object].is_punct(':'))
            {
                return None;
            }
            Some(Attribution {
                cue: Some(cue.start..cue.end),
                speaker: Some(speaker),
            })
        }
        [According, S] => {
            let cue = scope.cue_at(toks.get(first)?)?;
            according(scope, cue, toks, first)
        }
        _ => None,
    }
}

/// The last cue before the opening mark in `window`, when the quotation follows it
/// closely (`said in a press conference that "`): its index in [`Scope::cues`].
fn lead_cue(scope: &Scope<'_>, window: Range<usize>) -> Option<usize> {
    let k = scope
        .cue_indices(window.clone())
        .rev()
        .find(|&k| !scope.cues[k].quoted && scope.cues[k].end <= window.end)?;
    close_enough(scope, scope.cues[k].end..window.end).then_some(k)
}

/// True when at most [`MAX_GAP`] tokens lie in `gap` (between a cue and a quotation).
/// A short gap has few bytes; a long one many words (runs between whitespace, each a
/// token at least, but for the two that may run over its ends): either tells without
/// tokenizing the sentence.
fn close_enough(scope: &Scope<'_>, gap: Range<usize>) -> bool {
    if gap.len() <= MAX_GAP {
        #[cfg(test)]
        assert!(scope.toks(gap).len() <= MAX_GAP);
        return true;
    }
    let far = MAX_GAP + 3;
    if scope.tokens.within_one(&gap) && count_words(&scope.text[gap.clone()], far, false) >= far {
        // The tokens agree, on every story of the tests.
        #[cfg(test)]
        assert!(scope.toks(gap).len() > MAX_GAP);
        return false;
    }
    scope.toks(gap).len() <= MAX_GAP
}

/// A frame read in the sentence before the opening mark, from its [`lead_cue`], cue
/// `k` of [`Scope::cues`].
fn before_quote(
    scope: &Scope<'_>,
    slots: &[Slot],
    k: usize,
    window: Range<usize>,
) -> Option<Attribution> {
    let cue = scope.cues[k];
    match slots {
        [According, S] => {
            if cue.form != Form::According {
                return None;
            }
            let buf = scope.toks(cue.start..window.end);
            let from = buf.iter().position(|t| t.start >= cue.end)?;
            let (_, next) = source(&buf, from)?;
            if buf.len() > next + 1 {
                return None; // According to X, in their first match, the "..."
            }
            according(scope, &cue, &buf, 0)
        }
        [S, C] => {
            if cue.form == Form::According {
                return None;
            }
            let speaker = scope.subject_of(k)?;
            Some(Attribution {
                cue: Some(cue.start..cue.end),
                speaker: Some(speaker),
            })
        }
        [C, S] => {
            if cue.form == Form::According {
                return None;
            }
            let buf = scope.toks(cue.end..window.end);
            let speaker = right_phrase(scope, &buf, 0)?;
            Some(Attribution {
                cue: Some(cue.start..cue.end),
                speaker: Some(speaker),
            })
        }
        _ => None,
    }
}

/// `according to X`: `toks[at]` is the cue; the speaker runs to the next punctuation.
fn according(scope: &Scope<'_>, cue: &Cue<'_>, toks: &[Tok], at: usize) -> Option<Attribution> {
    if cue.form != Form::According {
        return None;
    }
    let from = toks.iter().position(|t| t.start >= cue.end)?.max(at);
    let (span, _) = source(toks, from)?;
    let _ = scope;
    Some(Attribution {
        cue: Some(cue.start..cue.end),
        speaker: Some(Phrase { span, role: None }),
    })
}

/// Tokens from `from` on that [`source`] and a rule reading the two tokens after the
/// source read at most: a word more than the longest source ([`MAX_PHRASE`] + 4
/// words), the comma, a name of four words, the comma after it, and a word more
/// than a longer name (which is none), then the two tokens.
pub(super) const SOURCE_READ: usize = (MAX_PHRASE + 4 + 1) + 1 + 4 + 1 + 1 + 2;

/// The source named after `according to`, from token `from`: words up to the next
/// punctuation, with a name in apposition (`the Afghan team's coach, Alireza
/// Mehraban,`). Returns the span and the index of the token after it.
pub(super) fn source(toks: &[Tok], from: usize) -> Option<(Range<usize>, usize)> {
    let n = toks.get(from..)?.iter().take_while(|t| t.word).count();
    if n == 0 || n > MAX_PHRASE + 4 {
        return None;
    }
    let mut end = from + n;
    if toks.get(end).is_some_and(|t| t.is_punct(',')) {
        let name = toks[end + 1..]
            .iter()
            .take_while(|t| t.capitalized())
            .count();
        let closes = toks.get(end + 1 + name).is_some_and(|t| t.is_punct(','));
        if (1..=4).contains(&name) && closes {
            end += 1 + name;
        }
    }
    Some((toks[from].start..toks[end - 1].end, end))
}

/// The subject of a cue: the phrase on its left in the same sentence, else (for a
/// participle or a verb coordinated with `and`) the subject of the cue before it, else
/// the nearest person named before it in the sentence. `floor` (the sentence start)
/// bounds the search.
pub(super) fn subject(scope: &Scope<'_>, cue: &Cue<'_>, floor: usize) -> Option<Phrase> {
    let floor = floor
        .max(scope.back(cue.start, SUBJECT_REACH))
        .min(cue.start);
    let mut cue = *cue;
    // A chain of participles and coordinated verbs leads back to the main clause.
    for _ in 0..4 {
        let buf = scope.toks(floor..cue.start);
        if let Some(p) = left_phrase(scope, &buf, 0) {
            return Some(p);
        }
        let Some(prev) = scope
            .cues_in(floor..cue.start)
            .iter()
            .rev()
            .find(|c| !c.quoted && c.form != Form::According)
        else {
            break;
        };
        cue = *prev;
    }
    // The nearest person named before the cue in the sentence.
    scope
        .entities_in(floor..cue.start)
        .iter()
        .rev()
        .find(|e| e.label == crate::document::Label::Person && e.end <= cue.start)
        .map(|e| Phrase {
            span: e.start..e.end,
            role: None,
        })
}

/// The speaker phrase that ends right before `toks.len()` (the cue), starting no
/// earlier than token `floor`: adverbs and time phrases between it and the cue are
/// skipped, and `X, ROLE, said` keeps the role.
pub(super) fn left_phrase(scope: &Scope<'_>, toks: &[Tok], floor: usize) -> Option<Phrase> {
    let text = scope.text;
    let mut i = toks.len();
    while i > floor {
        let w = toks[i - 1];
        if !w.word {
            break;
        }
        let s = w.bytes(text);
        if is_adverb(s) {
            i -= 1;
        } else if lexicon::is_time_word(s) {
            i -= 1;
            if i > floor && toks[i - 1].word && lexicon::TIME_OPENERS.has(toks[i - 1].bytes(text)) {
                i -= 1;
            }
        } else {
            break;
        }
    }
    if i > floor && toks[i - 1].is_punct(',') {
        // X, ROLE, said
        let role_end = i - 1;
        let mut j = role_end;
        while j > floor && toks[j - 1].word {
            j -= 1;
        }
        if j == role_end || j == floor || !toks[j - 1].is_punct(',') || role_end - j > 12 {
            return None;
        }
        let np = np_left(scope, toks, floor, j - 1)?;
        if !toks[np.clone()].iter().any(|t| t.capitalized()) {
            return None;
        }
        let np_span = toks[np.start].start..toks[np.end - 1].end;
        let role_span = toks[j].start..toks[role_end - 1].end;
        // `The minister, Anna Berg, said`: the name is the speaker, the nominal its role.
        let named = toks[j..role_end].iter().all(|t| t.capitalized())
            && lexicon::DETERMINERS.has(toks[np.start].bytes(text));
        return Some(if named {
            Phrase {
                span: role_span,
                role: Some(np_span),
            }
        } else {
            Phrase {
                span: np_span,
                role: Some(role_span),
            }
        });
    }
    let np = np_left(scope, toks, floor, i)?;
    Some(Phrase {
        span: toks[np.start].start..toks[np.end - 1].end,
        role: None,
    })
}

/// Token range of the noun phrase ending at token `end` (exclusive).
fn np_left(scope: &Scope<'_>, toks: &[Tok], floor: usize, end: usize) -> Option<Range<usize>> {
    let text = scope.text;
    // A speaker phrase holds no cue: `The Guardian cited examples of ...` is a clause.
    let run = toks[floor..end]
        .iter()
        .rev()
        .take(MAX_PHRASE + 1)
        .take_while(|t| {
            t.word && !lexicon::CLAUSE_OPENERS.has(t.bytes(text)) && scope.cue_at(t).is_none()
        })
        .count();
    if run == 0 || run > MAX_PHRASE {
        return None;
    }
    let mut k = end - run;
    // `with one poster`: the phrase starts after a leading preposition.
    while k + 1 < end && !toks[k].capitalized() && lexicon::PREPOSITIONS.has(toks[k].bytes(text)) {
        k += 1;
    }
    // A lowercase run cut off by a clause word is the tail of a clause or of a
    // coordination (`academic and professor Marc Lamont Hill`): keep its name part.
    let opened = k == floor || !toks[k - 1].word;
    let first = toks[k].bytes(text);
    if !opened
        && !toks[k].capitalized()
        && !lexicon::DETERMINERS.has(first)
        && !lexicon::PRONOUNS.has(first)
    {
        k += toks[k..end].iter().position(|t| t.capitalized())?;
    }
    let first = toks[k].bytes(text);
    if end - k == 1
        && is(
            &["it", "this", "that", "there", "which", "who", "what"],
            first,
        )
    {
        return None;
    }
    Some(k..end)
}

/// The speaker phrase after a cue in inverted order (`said Foreign Ministry spokesman
/// Lin Jian when asked`), from token `from`, with an appositive role
/// (`said X, a spokesman for Y`).
pub(super) fn right_phrase(scope: &Scope<'_>, toks: &[Tok], from: usize) -> Option<Phrase> {
    let text = scope.text;
    let mut i = from;
    while i < toks.len() && toks[i].word && is_adverb(toks[i].bytes(text)) {
        i += 1;
    }
    let start = i;
    while i < toks.len()
        && toks[i].word
        && !lexicon::CLAUSE_OPENERS.has(toks[i].bytes(text))
        && !RIGHT_STOPS.has(toks[i].bytes(text))
        && i - start < MAX_PHRASE
    {
        i += 1;
    }
    if i == start {
        return None;
    }
    let first = toks[start].bytes(text);
    if !toks[start].capitalized()
        && !lexicon::DETERMINERS.has(first)
        && !lexicon::PRONOUNS.has(first)
    {
        return None;
    }
    let span = toks[start].start..toks[i - 1].end;
    // , a spokesman for the State Department[,.]
    let mut role = None;
    if toks.get(i).is_some_and(|t| t.is_punct(',')) {
        let mut r = i + 1;
        // `said John Smith, 45, a farmer`: the age is no role.
        if toks.get(r).is_some_and(|t| t.first.is_ascii_digit())
            && toks.get(r + 1).is_some_and(|t| t.is_punct(','))
        {
            r += 2;
        }
        let n = toks[r..].iter().take_while(|t| t.word).count();
        let opener = toks.get(r).map_or(&b""[..], |t| t.bytes(text));
        if n > 0 && n <= 12 && (is(&["a", "an", "the"], opener) || !toks[r].capitalized()) {
            role = Some(toks[r].start..toks[r + n - 1].end);
        }
    }
    Some(Phrase { span, role })
}

/// Words that end a speaker phrase read rightwards.
const RIGHT_STOPS: Words = Words::new(&[
    "in", "on", "at", "during", "with", "from", "about", "by", "while", "when", "of",
]);
