//! The second look at runs with no evidence, and one label per span.

use std::collections::{HashMap, HashSet};

use crate::document::Label;
use crate::gazetteer::{Class, Entry, Gazetteer};

use super::lexicon::Lexicon;
use super::tokens::{Shape, Tok};
use super::{Evidence, Mention};

/// What a run with no evidence becomes, by its shape, when nothing else in the story
/// names it. `None` drops it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shaped {
    /// `NASA`, `UAAR`: an acronym.
    Acronym,
    /// `TikTok`: a capital inside a word.
    Brand,
    /// One capitalized word inside a sentence.
    Single,
    /// Several capitalized words inside a sentence.
    Multi,
}

const DEFAULTS: &[(Shaped, Option<Label>)] = &[
    (Shaped::Acronym, Some(Label::Org)),
    (Shaped::Brand, Some(Label::Org)),
    (Shaped::Single, None),
    (Shaped::Multi, Some(Label::Person)),
];

/// Prefixes of surnames written with an inner capital (`McDonald`, `DeSantis`).
const NAME_PREFIXES: &[&str] = &[
    "Mc", "Mac", "O'", "O’", "De", "Di", "Da", "La", "Le", "Van", "Von",
];

/// Settles the runs the first reading left open: a run written elsewhere in the story
/// with evidence takes that reading; a run made of a known person's name words is that
/// person; the rest get the default of their shape, or are dropped.
pub(super) fn second_look(mentions: &mut Vec<Mention>, text: &str, toks: &[Tok], lex: &Lexicon) {
    let mut seen: HashMap<&str, (Label, String)> = HashMap::new();
    let mut name_words: HashSet<&str> = HashSet::new();
    for m in mentions.iter().filter(|m| m.evidence >= Evidence::Context) {
        let s = &text[m.start..m.end];
        if matches!(m.label, Label::Person | Label::Org | Label::Place) {
            seen.entry(s).or_insert((m.label, m.canonical.clone()));
        }
        if m.label == Label::Person {
            for t in &toks[m.t0..m.t1] {
                let w = &text[t.start..t.end];
                if w.chars().count() > 1 && !lex.is_particle(w) {
                    name_words.insert(w);
                }
            }
        }
    }
    mentions.retain_mut(|m| {
        if m.evidence > Evidence::Unknown {
            return true;
        }
        let s = &text[m.start..m.end];
        if let Some((label, canonical)) = seen.get(s) {
            m.label = *label;
            m.canonical = canonical.clone();
            m.evidence = Evidence::Context;
            return true;
        }
        let words = &toks[m.t0..m.t1];
        if words
            .iter()
            .all(|t| name_words.contains(&text[t.start..t.end]))
        {
            m.label = Label::Person;
            m.evidence = Evidence::Context;
            return true;
        }
        if m.headline {
            return false;
        }
        let shaped = if words.len() == 1 {
            let w = s;
            match words[0].shape {
                Shape::Upper
                    if !lex.is_common_acronym(w)
                        && (2..=6).contains(&w.chars().filter(|c| c.is_alphabetic()).count())
                        && !plural_in(text, w) =>
                {
                    Some(Shaped::Acronym)
                }
                Shape::Camel if !NAME_PREFIXES.iter().any(|p| w.starts_with(p)) => {
                    Some(Shaped::Brand)
                }
                Shape::Title if !m.initial => Some(Shaped::Single),
                _ => None,
            }
        } else if !m.det || words.len() > 1 {
            Some(Shaped::Multi)
        } else {
            None
        };
        let label = shaped.and_then(|s| DEFAULTS.iter().find(|(k, _)| *k == s)?.1);
        match label {
            Some(l) => {
                m.label = l;
                m.evidence = Evidence::Shape;
                if l == Label::Org {
                    m.kind = Some("org".into());
                }
                true
            }
            None => false,
        }
    });
}

/// True when the story also writes `word` with a plural `s` (`POWs`): an acronym
/// that takes a plural is a common noun.
fn plural_in(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(word).any(|(i, _)| {
        let j = i + word.len();
        bytes.get(j) == Some(&b's') && !bytes.get(j + 1).is_some_and(|b| b.is_ascii_alphanumeric())
    })
}

/// Keeps one reading per span: where mentions overlap, the stronger evidence wins,
/// then the longer span. A nationality or place inside an organization's span stays
/// (`Chinese` in `Chinese Foreign Ministry`): the spans differ, and both are true.
pub(super) fn one_label_per_span(mentions: &mut Vec<Mention>) {
    mentions.sort_by(|a, b| {
        (b.evidence, b.end - b.start)
            .cmp(&(a.evidence, a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        let clash = kept.iter().any(|k| {
            let overlap = m.start < k.end && k.start < m.end;
            overlap && !nests(k, &m) && !nests(&m, k)
        });
        if !clash {
            kept.push(m);
        }
    }
    kept.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    *mentions = kept;
}

/// True when `inner` may sit inside `outer`: a nationality or place inside an
/// organization, with a strictly smaller span.
fn nests(outer: &Mention, inner: &Mention) -> bool {
    outer.label == Label::Org
        && matches!(inner.label, Label::Norp | Label::Place)
        && outer.start <= inner.start
        && inner.end <= outer.end
        && outer.end - outer.start > inner.end - inner.start
}

/// The place a misspelled dateline place names (`Kiyv` → `Kyiv`): the one country or
/// city alias within one edit (a swap of neighbours counts as one), capitals and
/// countries first.
pub(super) fn fuzzy_place<'g>(gaz: &'g Gazetteer, written: &str) -> Option<&'g Entry> {
    if written.chars().count() < 4 {
        return None;
    }
    let mut best: Option<(&Entry, u8)> = None;
    for id in 0..gaz.len() {
        let e = gaz.entry(id as u32);
        let rank = match (e.class, e.kind.as_ref()) {
            (Class::Country, _) => 0,
            (Class::City, "capital") => 1,
            (Class::City, _) => 2,
            _ => continue,
        };
        if super::clusters::distance(&e.canonical, written) <= 1
            && best.map_or(true, |(_, r)| rank < r)
        {
            best = Some((e, rank));
        }
    }
    best.map(|(e, _)| e)
}
