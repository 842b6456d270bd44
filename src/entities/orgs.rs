//! Organization and place patterns: head words (`Refugee Council`, `Fisht Stadium`),
//! ministries, armed forces and fixed government names.

use std::borrow::Cow;

use crate::document::Label;

use super::kinds;
use super::known::{self, Known};
use super::lexicon::{bit, FIXED_ORGS, MILITARY};
use super::scan::{listed, Scan};
use super::tokens::Shape;
use super::Mention;

/// Heads that make a place's administrative unit: the canonical stays the place's
/// (`Taipei City` → `Taipei`, `Donetsk Oblast` → `Donetsk`).
const ADMIN_HEADS: &[&str] = &[
    "City",
    "Province",
    "Region",
    "District",
    "County",
    "Oblast",
    "Krai",
    "Prefecture",
    "Governorate",
    "Territory",
    "State",
];

/// Heads whose organization is a place of learning.
const EDUCATION_HEADS: &[&str] = &["University", "College", "School", "Academy", "Institute"];

/// Legal forms: the organization is a company.
const LEGAL_FORMS: &[&str] = &[
    "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "PLC", "Plc", "GmbH", "AG", "SA", "NV", "BV", "SpA", "AB",
    "ASA", "Pty", "Corp", "Corp.", "Co.",
];

/// The lexicon bits of every word [`Scan::org_or_place_pattern`] may start or end a
/// pattern with: a fixed phrase's first word, a place's first word, a head. A run
/// with none of them holds no pattern, at any of its positions.
pub(super) const PATTERN_BITS: u32 =
    bit::FIXED_FIRST | bit::PLACE_FIRST | bit::ORG_HEAD | bit::PLACE_HEAD | bit::OF_HEAD;

/// Bit `b & 31` for the first byte `b` of each [`MILITARY`] phrase, lowercased: a word
/// whose first byte has no bit opens no phrase, and the phrases need no look.
const MILITARY_FIRST: u32 = first_bytes(MILITARY);

const fn first_bytes(phrases: &[(&str, &str)]) -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < phrases.len() {
        match phrases[i].0.as_bytes().first() {
            Some(b) => bits |= 1 << (b.to_ascii_lowercase() & 31),
            // An empty phrase opens with any word.
            None => return u32::MAX,
        }
        i += 1;
    }
    bits
}

impl<'a> Scan<'a, '_> {
    /// An organization or place named by a pattern at the start of tokens `i..b`.
    pub(super) fn org_or_place_pattern(&self, i: usize, b: usize) -> Option<Mention<'a>> {
        if let Some(m) = self.fixed_org(i, b) {
            return Some(m);
        }
        if self.is(i, bit::PLACE_FIRST) && b > i + 1 && self.piece(i).is_none() {
            let mut m = self.mention(Label::Place, i, b);
            m.kind = Some(&kinds::PLACE);
            return Some(m);
        }
        // The last head word decides; a head must follow at least one other word, or
        // open the name with `of` (`University of Helsinki`).
        let tail_at = |h: usize| h + 1 < b && self.toks[h + 1].shape == Shape::Lower;
        let h = (i..b).rev().find(|&t| {
            self.cap(t)
                && (self.is(t, bit::ORG_HEAD | bit::PLACE_HEAD)
                    || t == i && self.is(t, bit::OF_HEAD) && !self.is(t, bit::ROLE))
                && (t > i || tail_at(t))
        })?;
        // A known name that covers the pattern's words is the better reading
        // (`Republic of Korea`).
        if self.piece(i).is_some_and(|k| k.is_entity() && k.t1 >= b) {
            return None;
        }
        // A known name of several words that ends right at the head owns it.
        if self
            .covering(h)
            .is_some_and(|k| k.is_entity() && k.t0 <= i && k.t0 < h && k.t1 == h + 1)
        {
            return None;
        }
        let tail = tail_at(h);
        let mut end = if tail { b } else { h + 1 };
        // A known place right after the head belongs to the name (`Sky News Australia`).
        if !tail && end < b {
            if let Some(k) = self.piece(end).filter(|k| k.place.is_some() && k.t1 == b) {
                end = k.t1;
            }
        }
        let org = self.is(h, bit::ORG_HEAD)
            || !self.is(h, bit::PLACE_HEAD)
            || tail && matches!(self.bytes(h + 1), b"for" | b"on");
        if org {
            Some(self.org_mention(i, h, end))
        } else {
            Some(self.place_mention(i, h, end))
        }
    }

    fn mention(&self, label: Label, i: usize, j: usize) -> Mention<'a> {
        let mut m = Mention::new(label, self.toks[i].start(), self.toks[j - 1].end(), i, j);
        m.canonical = Cow::Borrowed(self.span(i, j));
        m
    }

    fn org_mention(&self, i: usize, h: usize, end: usize) -> Mention<'a> {
        let mut m = self.mention(Label::Org, i, end);
        let lead = self
            .piece(i)
            .filter(|k| k.org.is_none() && (k.norp.is_some() || k.place.is_some()));
        let cc = lead
            .and_then(|k| k.norp.or(k.place))
            .and_then(known::country_code);
        m.country = cc;
        let country_name = cc
            .and_then(|c| self.countries.get(c))
            .map(|c| c.name.as_str());
        let head = self.bytes(h);
        let body_start = lead.map_or(i, |k| k.t1);
        // Ministries: `Chinese Foreign Ministry` → `Ministry of Foreign Affairs of China`.
        if head == b"Ministry" && end == h + 1 && body_start < h {
            let topics: Option<Vec<&str>> = (body_start..h)
                .map(|t| self.lex.topic(self.word(t)))
                .collect();
            if let Some(topics) = topics {
                let mut c = format!("Ministry of {}", topics.join(" and "));
                if let Some(name) = country_name {
                    c.push_str(" of ");
                    c.push_str(name);
                }
                m.canonical = Cow::Owned(c);
                m.kind = Some(&kinds::MINISTRY);
                return m;
            }
        }
        // Armed forces: `Russian Armed Forces`, `Ukrainian Army`.
        if let Some(k) = lead.filter(|k| k.norp.is_some()) {
            let rest = self.span(k.t1, end).to_lowercase();
            if let Some((_, canon)) = MILITARY.iter().find(|(w, _)| *w == rest) {
                m.canonical = Cow::Owned(format!("{} {}", self.span(k.t0, k.t1), canon));
                m.kind = Some(&kinds::ARMED_FORCES);
                return m;
            }
        }
        m.kind = Some(if listed(EDUCATION_HEADS, head) {
            &kinds::EDUCATION
        } else if listed(LEGAL_FORMS, head) {
            &kinds::COMPANY
        } else if head == b"Ministry" {
            &kinds::MINISTRY
        } else {
            &kinds::ORG
        });
        m
    }

    fn place_mention(&self, i: usize, h: usize, end: usize) -> Mention<'a> {
        let mut m = self.mention(Label::Place, i, end);
        m.kind = Some(&kinds::PLACE);
        // `Taipei City`, `Donetsk Oblast`: the known place with its unit word.
        if let Some(k) = self.piece(i).filter(|k| k.t1 == h && k.place.is_some()) {
            if end == h + 1 && listed(ADMIN_HEADS, self.bytes(h)) {
                let e = k.place.expect("filtered on place");
                m.canonical = Cow::Borrowed(e.canonical.as_str());
                m.reference = known::reference(e);
                m.country = known::country_code(e);
                m.kind = Some(known::kind(e));
            }
        }
        m
    }

    /// A government body named by a fixed phrase (`State Department`).
    fn fixed_org(&self, i: usize, b: usize) -> Option<Mention<'a>> {
        // A phrase's words are whole tokens: one bit tells most words apart.
        if !self.is(i, bit::FIXED_FIRST) {
            return None;
        }
        let first = self.bytes(i);
        for &(phrase, canonical, cc) in FIXED_ORGS {
            // The first byte decides for nearly every word, without a string compare.
            let phrase_bytes = phrase.as_bytes();
            if phrase_bytes.first() != first.first() || !phrase_bytes.starts_with(first) {
                continue;
            }
            let n = phrase.split(' ').count();
            if i + n <= b && self.span(i, i + n) == phrase {
                let mut m = self.mention(Label::Org, i, i + n);
                m.canonical = Cow::Borrowed(canonical);
                m.country = Some(cc);
                m.kind = Some(&kinds::GOVERNMENT);
                return Some(m);
            }
        }
        None
    }

    /// A nationality's armed forces written in lowercase after it (`Russian army`,
    /// `Ukrainian armed forces`): an organization spanning both.
    pub(super) fn military(&self, k: &Known<'a>) -> Option<Mention<'a>> {
        k.norp?;
        // Every phrase starts with the word right after the nationality: most words
        // there open none, and no phrase needs a look.
        if !self.adjacent(k.t1) {
            return None;
        }
        let next = self.bytes(k.t1);
        if next
            .first()
            .is_some_and(|&b| MILITARY_FIRST & 1 << (b.to_ascii_lowercase() & 31) == 0)
        {
            return None;
        }
        for &(phrase, canon) in MILITARY {
            let opens = phrase
                .as_bytes()
                .get(..next.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(next));
            if !opens {
                continue;
            }
            let n = phrase.split(' ').count();
            let j = k.t1 + n;
            if j > self.toks.len() || !(k.t1..j).all(|t| self.adjacent(t)) {
                continue;
            }
            if self.span(k.t1, j).eq_ignore_ascii_case(phrase) {
                let mut m = Mention::new(Label::Org, k.start, self.toks[j - 1].end(), k.t0, j);
                m.canonical = Cow::Owned(format!("{} {}", self.span(k.t0, k.t1), canon));
                m.kind = Some(&kinds::ARMED_FORCES);
                m.country = k.norp.and_then(known::country_code);
                return Some(m);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::scan::tests::with_scan;

    /// [`PATTERN_BITS`] turns away only runs that hold no pattern: every run of a
    /// story with patterns in it, at every start.
    #[test]
    fn runs_without_pattern_bits_hold_no_pattern() {
        let text = "The Chinese Foreign Ministry said Mount Everest and the University of \
                    Helsinki met the State Department at Lake Baikal while Refugee Council \
                    staff of Sky News Australia and Donetsk Oblast officials of Acme Ltd \
                    watched Fisht Stadium with Jordan Smith in Kyiv";
        let found = with_scan(text, |scan| {
            let mut found = 0;
            for i in 0..scan.toks.len() {
                for b in i + 1..=scan.toks.len() {
                    let m = scan.org_or_place_pattern(i, b);
                    found += usize::from(m.is_some());
                    assert!(m.is_none() || scan.any(i, b, PATTERN_BITS), "{i}..{b}");
                }
            }
            found
        });
        assert!(found > 10, "{found}");
    }

    /// The first-byte filter of [`Scan::military`] turns away only words that open no
    /// phrase: every first byte, and a few words.
    #[test]
    fn military_first_turns_away_only_words_that_open_none() {
        let bytes: Vec<[u8; 1]> = (0..=255u8).map(|b| [b]).collect();
        let words = [
            "army", "Army", "ARMED", "air", "navy", "said", "troops", "forces",
        ];
        let asks = bytes.iter().map(|b| &b[..]).chain(words.map(str::as_bytes));
        for next in asks {
            let opens = MILITARY.iter().any(|(p, _)| {
                p.as_bytes()
                    .get(..next.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(next))
            });
            let passes = next
                .first()
                .is_none_or(|&b| MILITARY_FIRST & 1 << (b.to_ascii_lowercase() & 31) != 0);
            assert!(passes || !opens, "{next:?}");
        }
    }
}
