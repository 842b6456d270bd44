//! Speaker phrases linked to the people of the story.
//!
//! A phrase naming a person links to that person's cluster. A pronoun ("He") is the
//! person in focus: the last speaker or sentence subject, who may be unnamed ("One of
//! the two captured Chinese citizens ... He added"). A nominal ("The spokesman", "the
//! Ukrainian president") is the last person whose title is its head noun; failing
//! that, a role noun is the person in focus. Anything else ("The Chinese POW") is an
//! unnamed speaker: the mention is kept, the person is null.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use crate::document::{Entity, Label, Quote, Span, Speaker};
use crate::gazetteer::{Class, Gender};
use crate::simd16::is_ascii_space;

use super::lexicon::{self, is, Words};
use super::tokens::count_words;
use super::{Found, Scope};

/// How far back (bytes) the person in focus is looked for.
const FOCUS_REACH: usize = 2_000;

/// How many person mentions back a title is matched.
const TITLE_REACH: usize = 200;

/// Words that end the head of a speaker phrase.
const HEAD_ENDS: Words = Words::new(&["of", "for", "at", "from", "with", "in", "on"]);

/// Subjects are named within this many words of their sentence's start.
const SUBJECT_WORDS: usize = 6;

/// What a phrase resolved to: a person (index into `people`) or none, and the words
/// that name the speaker.
#[derive(Clone, Debug)]
struct Resolved {
    person: Option<usize>,
    mention: Range<usize>,
}

/// Turns found quotes into output quotes, resolving every speaker phrase in text order.
pub(super) fn resolve(scope: &Scope<'_>, found: Vec<Found>) -> Vec<Quote> {
    // The speaker phrases in text order, each once, and for each found quote the
    // index of its phrase among them: sorted with the quote's index, so that no
    // quote searches for its phrase afterwards.
    let mut keyed: Vec<(usize, usize, u32)> = Vec::with_capacity(found.len());
    keyed.extend(found.iter().enumerate().filter_map(|(k, f)| {
        let p = &f.attribution.as_ref()?.speaker.as_ref()?.span;
        Some((p.start, p.end, k as u32))
    }));
    keyed.sort_unstable();
    let mut phrases: Vec<Range<usize>> = Vec::with_capacity(keyed.len());
    let mut phrase_of = vec![0u32; found.len()];
    for &(start, end, k) in &keyed {
        if phrases.last() != Some(&(start..end)) {
            phrases.push(start..end);
        }
        phrase_of[k as usize] = (phrases.len() - 1) as u32;
    }

    // Focus events in text order.
    let mut mentions = scope
        .entities
        .entities
        .iter()
        .filter(|e| e.label == Label::Person)
        .peekable();
    // Phrases and person mentions: room for all of them, so the vector never grows.
    let mut events: Vec<Event<'_>> =
        Vec::with_capacity(phrases.len() + scope.entities.entities.len());
    let mut resolved: Vec<Resolved> = Vec::with_capacity(phrases.len());
    // The last word of every title of the story's people, split once: most speaker
    // phrases are checked against all of them.
    let people = &scope.entities.people;
    let mut title_heads: Vec<&str> =
        Vec::with_capacity(people.iter().map(|p| p.titles.len()).sum());
    title_heads.extend(people.iter().flat_map(|p| &p.titles).map(|t| last_word(t)));
    for r in &phrases {
        while let Some(e) = mentions.next_if(|e| e.start < r.start) {
            // A mention beyond the focus reach of this phrase is out of reach of every
            // later one too: no need to keep it.
            if e.start + FOCUS_REACH >= r.start {
                events.push(Event {
                    at: e.start,
                    focus: Focus::Mention(e, OnceCell::new()),
                });
            }
        }
        let got = resolve_one(scope, r.clone(), &events, &title_heads);
        events.push(Event {
            at: r.start,
            focus: Focus::Phrase(got.person),
        });
        resolved.push(got);
    }

    found
        .into_iter()
        .enumerate()
        .map(|(k, f)| {
            let (cue, speaker) = match f.attribution {
                Some(a) => {
                    let speaker = a.speaker.map(|p| {
                        let res = Some(resolved[phrase_of[k] as usize].clone());
                        let person = res
                            .as_ref()
                            .and_then(|r| r.person)
                            .map(|i| &scope.entities.people[i]);
                        // Optional fields set when there is a value: built with
                        // `.map`, each was assembled apart and copied in.
                        let mut speaker = Speaker {
                            person: None,
                            name: None,
                            mention: Some(scope.span(res.map_or(p.span.clone(), |r| r.mention))),
                            role: None,
                            affiliation: None,
                        };
                        if let Some(person) = person {
                            speaker.person = Some(person.id.clone());
                            speaker.name = Some(person.name.clone());
                        }
                        if let Some(r) = p.role {
                            speaker.affiliation = affiliation(scope.text, r.clone());
                            speaker.role = Some(scope.span(r));
                        }
                        speaker
                    });
                    (a.cue.map(|c| scope.span(c)), speaker)
                }
                None => (None, None),
            };
            Quote {
                kind: f.kind,
                text: scope.text[f.span.clone()].into(),
                start: f.span.start,
                end: f.span.end,
                closed: f.closed,
                cue,
                speaker,
            }
        })
        .collect()
}

/// The organization of a role: what follows its first `for`, `of` or `at` (`a
/// spokesman for the State Department`).
fn affiliation(text: &str, role: Range<usize>) -> Option<Span> {
    let start = role.start + organization_at(&text.as_bytes()[role.clone()])?;
    (start < role.end).then(|| Span {
        text: text[start..role.end].into(),
        start,
        end: role.end,
    })
}

/// Where the organization of role `s` starts: after the first ` for `, ` of ` or
/// ` at ` in it (the words share no letter, so the first space that opens one of
/// them is where the earliest of them ends first), else after `of `, `for ` or `at `
/// opening it. One walk over the spaces: a substring searcher built for each word
/// cost more than the search.
fn organization_at(s: &[u8]) -> Option<usize> {
    const INNER: [&[u8]; 3] = [b"for ", b"of ", b"at "];
    let inner = s.iter().enumerate().find_map(|(i, &b)| {
        if b != b' ' {
            return None;
        }
        let rest = &s[i + 1..];
        INNER
            .iter()
            .find(|w| rest.starts_with(w))
            .map(|w| i + 1 + w.len())
    });
    inner.or_else(|| INNER.iter().find(|w| s.starts_with(w)).map(|w| w.len()))
}

/// The gender of a person's first name, `m` or `f`, when the given-names gazetteer
/// knows it.
fn gender<'g>(scope: &Scope<'g>, person: usize) -> Option<&'g str> {
    let first = scope.entities.people[person].name.split(' ').next()?;
    scope
        .cx
        .gazetteer
        .lookup(first)
        .filter(|e| e.class == Class::GivenName)
        .map(|e| e.gender())
        .find(|g| *g != Gender::Absent)
        .and_then(|g| match g {
            Gender::Male => Some("m"),
            Gender::Female => Some("f"),
            _ => None,
        })
}

/// A person named as a sentence subject by mention `e`.
fn subject_event(scope: &Scope<'_>, e: &Entity) -> Option<(usize, Option<usize>)> {
    let s = scope.sentence(e.start);
    let from = scope.content_start(&s).min(e.start);
    let before = scope.text.get(from..e.start)?;
    let person = scope.person(e.cluster.as_deref());
    (count_words(before, SUBJECT_WORDS, false) < SUBJECT_WORDS && person.is_some())
        .then_some((e.start, person))
}

/// `s` without every repetition of `suffix` at its end, as `trim_end_matches(suffix)`
/// gives it, without building a substring searcher per call.
fn trim_suffix<'s>(mut s: &'s str, suffix: &str) -> &'s str {
    if suffix.is_empty() {
        return s;
    }
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

/// What follows the last space of `s` (all of it without one), as
/// `s.rsplit(' ').next()` gives it, found by a byte search instead of a char searcher.
fn last_word(s: &str) -> &str {
    s.as_bytes()
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(s, |i| &s[i + 1..])
}

/// A position where a person may come into focus.
struct Event<'e> {
    at: usize,
    focus: Focus<'e>,
}

enum Focus<'e> {
    /// A resolved speaker phrase: the person, or none for an unnamed speaker.
    Phrase(Option<usize>),
    /// A person mention: an event only when it names a sentence subject. Most
    /// mentions are never asked about (a named speaker needs no focus), so that is
    /// read on the first question.
    Mention(&'e Entity, OnceCell<Option<Option<usize>>>),
}

impl Event<'_> {
    /// `None` when this is no event, else the person in focus from here.
    fn person(&self, scope: &Scope<'_>) -> Option<Option<usize>> {
        match &self.focus {
            Focus::Phrase(p) => Some(*p),
            Focus::Mention(e, subject) => {
                *subject.get_or_init(|| subject_event(scope, e).map(|(_, p)| p))
            }
        }
    }
}

/// Resolves the speaker phrase `r`; `title_heads` holds the last word of every
/// title of the story's people.
fn resolve_one(
    scope: &Scope<'_>,
    r: Range<usize>,
    events: &[Event<'_>],
    title_heads: &[&str],
) -> Resolved {
    let text = scope.text;
    // A person named in the phrase.
    if let Some(e) = scope
        .entities_from(r.start)
        .iter()
        .take_while(|e| e.start < r.end)
        .find(|e| e.label == Label::Person && e.end <= r.end)
    {
        return Resolved {
            person: scope.person(e.cluster.as_deref()),
            mention: e.start..e.end,
        };
    }
    let (first, one_word, last) = words(&text[r.clone()]);
    let unresolved = Resolved {
        person: None,
        mention: r.clone(),
    };
    // The person in focus; `want` skips people whose first name has the other gender.
    let in_focus = |named_only: bool, want: Option<&str>| {
        events
            .iter()
            .rev()
            .take_while(|e| e.at + FOCUS_REACH >= r.start)
            .filter_map(|e| e.person(scope))
            .filter(|&person| {
                let other = want
                    .zip(person)
                    .is_some_and(|(w, p)| gender(scope, p).is_some_and(|g| g != w));
                !other
            })
            .find(|person| !named_only || person.is_some())
            .flatten()
    };
    if one_word && lexicon::PRONOUNS.has(first) {
        // `they` and `we` are groups, never one person of the story.
        let single = is(&["he", "she", "i"], first);
        let want = if first.eq_ignore_ascii_case("he") {
            Some("m")
        } else if first.eq_ignore_ascii_case("she") {
            Some("f")
        } else {
            None
        };
        return Resolved {
            person: in_focus(false, want).filter(|_| single),
            ..unresolved
        };
    }
    // The head noun, without a possessive or punctuation.
    let Some(last) = last else {
        return unresolved;
    };
    let head =
        trim_suffix(trim_suffix(last, "’s"), "'s").trim_end_matches(|c: char| !c.is_alphanumeric());
    // The last person before the phrase whose title is the head noun. Most heads are
    // no one's title: the mentions are only read back when someone has it.
    let has_title = |p: &crate::document::Person| {
        p.titles
            .iter()
            .any(|t| t.eq_ignore_ascii_case(head) || last_word(t).eq_ignore_ascii_case(head))
    };
    // A title equal to the head is its own last word (the head holds no space): one
    // look at the last words tells whether anyone has it.
    let titled = if title_heads.iter().any(|w| w.eq_ignore_ascii_case(head)) {
        scope
            .entities_in(0..r.start)
            .iter()
            .rev()
            .filter(|e| e.label == Label::Person && e.end <= r.start)
            .take(TITLE_REACH)
            .filter_map(|e| scope.person(e.cluster.as_deref()))
            .find(|&p| has_title(&scope.entities.people[p]))
    } else {
        None
    };
    if titled.is_some() {
        return Resolved {
            person: titled,
            ..unresolved
        };
    }
    // A plural role (`Scientology officials`) is a group, not the person in focus.
    let plural = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss");
    // Only a lowercase singular head is looked up as a role.
    if !plural && !head.starts_with(char::is_uppercase) && is_title(scope, head) {
        return Resolved {
            person: in_focus(true, None),
            ..unresolved
        };
    }
    // A surname the entities stage did not tag (`Ambassador Mohib`): the person of
    // the story with that last name.
    if head.starts_with(char::is_uppercase) && !lexicon::DETERMINERS.has(first) {
        let person = scope
            .entities
            .people
            .iter()
            .position(|p| last_word(&p.name) == head);
        return Resolved {
            person,
            ..unresolved
        };
    }
    unresolved
}

/// The first word of a speaker phrase (empty when it has none), whether it is the
/// only one, and the last word before a prepositional tail (`A spokesman for the
/// ministry`), the head: its words split once.
fn words(phrase: &str) -> (&str, bool, Option<&str>) {
    if phrase.is_ascii() {
        return ascii_words(phrase);
    }
    words_general(phrase)
}

/// [`words`] of an ASCII phrase, cut at its ASCII spaces byte by byte: a split
/// decoded and tested every char as Unicode.
fn ascii_words(phrase: &str) -> (&str, bool, Option<&str>) {
    let b = phrase.as_bytes();
    let space = is_ascii_space;
    let (mut first, mut count, mut last, mut headed) = (None, 0, None, false);
    let mut i = 0;
    while i < b.len() {
        if space(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !space(b[i]) {
            i += 1;
        }
        let w = &phrase[start..i];
        count += 1;
        first.get_or_insert(w);
        if !headed {
            if HEAD_ENDS.has(w) {
                headed = true;
            } else {
                last = Some(w);
            }
        }
        if headed && count > 1 {
            break;
        }
    }
    (first.unwrap_or(""), count < 2, last)
}

/// [`words`], split as `split_whitespace` splits.
fn words_general(phrase: &str) -> (&str, bool, Option<&str>) {
    let mut words = phrase.split_whitespace();
    let first = words.next();
    let second = words.next();
    let last = first
        .into_iter()
        .chain(second)
        .chain(words)
        .take_while(|w| !HEAD_ENDS.has(w))
        .last();
    (first.unwrap_or(""), second.is_none(), last)
}

/// True when `head` (lowercased) is a title in the gazetteer. Most heads are ASCII
/// and already lowercase: they are looked up as they are, with no new string.
fn is_title(scope: &Scope<'_>, head: &str) -> bool {
    let lower: Cow<'_, str> = if !head.is_ascii() {
        Cow::Owned(head.to_lowercase())
    } else if head.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(head.to_ascii_lowercase())
    } else {
        Cow::Borrowed(head)
    };
    scope
        .cx
        .gazetteer
        .lookup(&lower)
        .any(|e| e.class == Class::Title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A phrase's first word, whether it is its only word, and its last word before a
    /// head-ending word, each from a split of its own: what the one-pass readers must give.
    fn three_splits(s: &str) -> (&str, bool, Option<&str>) {
        let first = s.split_whitespace().next().unwrap_or("");
        let one_word = s.split_whitespace().nth(1).is_none();
        let last = s
            .split_whitespace()
            .take_while(|w| !HEAD_ENDS.has(w))
            .last();
        (first, one_word, last)
    }

    proptest! {
        /// Split once, a phrase has the words that three splits give.
        #[test]
        fn words_agree_with_three_splits(s in "(for|A|spokesman|of|é| |\t|\u{a0}){0,8}") {
            prop_assert_eq!(words(&s), three_splits(&s));
            prop_assert_eq!(words_general(&s), three_splits(&s));
        }

        /// ASCII phrases, with every space `split_whitespace` cuts at.
        #[test]
        fn ascii_words_agree_with_three_splits(s in "(for|A|spokesman|of|x| |\t|\n|\u{b}|\u{c}|\r|\u{1c}){0,8}") {
            prop_assert_eq!(ascii_words(&s), three_splits(&s));
        }

        /// One walk over the spaces finds the organization the three searches find.
        #[test]
        fn organization_at_agrees_with_three_searches(s in "(for|of|at| |a|o|f|r|t|é){0,12}") {
            let want = [" for ", " of ", " at "]
                .iter()
                .filter_map(|p| s.find(p).map(|i| i + p.len()))
                .min()
                .or_else(|| {
                    ["of ", "for ", "at "]
                        .iter()
                        .find(|p| s.starts_with(**p))
                        .map(|p| p.len())
                });
            prop_assert_eq!(organization_at(s.as_bytes()), want);
        }

        #[test]
        fn last_word_agrees_with_rsplit(s in "[ab é’ ]{0,12}") {
            prop_assert_eq!(last_word(&s), s.rsplit(' ').next().unwrap_or(&s));
        }
    }
}
