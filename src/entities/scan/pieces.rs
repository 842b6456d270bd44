//! Known pieces as mentions: the reading each takes, the names written inside it, and
//! the mention itself, built where it lies in the output.

use std::borrow::Cow;

use compact_str::CompactString;

use crate::document::Label;
use crate::gazetteer::{Class, Entry};

use super::super::kinds;
use super::super::known::{self, Known};
use super::super::lexicon::bit;
use super::super::tokens::Shape;
use super::super::{Evidence, Mention};
use super::Scan;

/// The reading a known piece's mention takes.
#[derive(Clone, Copy)]
struct Reading<'g> {
    label: Label,
    /// The entry that names the mention.
    entry: &'g Entry,
    /// The place reading is weak evidence ([`known::weak_place`]).
    weak: bool,
}

impl<'a, 'g> Scan<'a, 'g> {
    /// Places, nationalities and organizations known inside a pattern's span
    /// (`Chinese` in `Chinese Foreign Ministry`, `U.S.` in `U.S. Department of
    /// Agriculture`).
    pub(super) fn emit_nested(&mut self, t0: usize, t1: usize) {
        let mut i = t0;
        while i < t1 {
            match self.piece(i) {
                Some(k)
                    if k.t1 <= t1
                        && (k.norp.is_some() || k.place.is_some() && !self.weak(k))
                        && k.org.is_none()
                        && !(k.t1 == k.t0 + 1 && self.is_head(k.t0)) =>
                {
                    let r = self.reading(k, Some(Label::Place));
                    self.push_known(k, r, false);
                    i = k.t1;
                }
                _ => i += 1,
            }
        }
    }

    /// Emits a known piece with the reading its context gives it, and the patterns it
    /// opens (`Russian army`, `Donetsk region`).
    pub(super) fn emit_known(&mut self, k: &Known<'g>, chunk_end: usize) {
        // A locative before the piece only breaks a tie between a place and an
        // organization reading ([`Scan::reading`]): most pieces have one reading.
        let prep =
            (k.place.is_some() & k.org.is_some()) && self.lower_before_is(k.t0, bit::LOCATIVE);
        let prefer = if prep { Some(Label::Place) } else { None };
        let extend = k.t1 == chunk_end;
        // The piece's own mention comes after the ones it holds or opens: it is pushed
        // last, once they are, and built in place (a mention is large, and a copy of
        // it cost more than most fields it has).
        let r = self.reading(k, prefer);
        if r.label == Label::Norp || r.label == Label::Place {
            if let Some(org) = self.military(k) {
                self.out.push(org);
            }
        }
        if r.label == Label::Org && k.t1 > k.t0 + 1 {
            self.nested_in_known(k);
        }
        self.push_known(k, r, extend);
    }

    /// Nationalities and countries written inside a known organization's name
    /// (`Chinese` in `Chinese Foreign Ministry`, `Russian` in `Russian armed forces`).
    fn nested_in_known(&mut self, k: &Known<'g>) {
        let mut t = k.t0;
        while t < k.t1 {
            let mut step = 1;
            for n in [2, 1] {
                if t + n > k.t1 || n > 1 && !(t + 1..t + n).all(|u| self.adjacent(u)) {
                    continue;
                }
                let words = self.span(t, t + n);
                let Some(e) = self.gaz.nation(words) else {
                    continue;
                };
                let label = if e.class == Class::Country {
                    Label::Place
                } else {
                    Label::Norp
                };
                let cc = known::country_code(e);
                let (canonical, reference) = self.names(label, e, cc);
                let (start, end) = (self.toks[t].start(), self.toks[t + n - 1].end());
                self.out.push(Mention {
                    canonical: Cow::Borrowed(canonical),
                    kind: Some(known::kind(e)),
                    reference,
                    country: cc,
                    ..Mention::new(label, start, end, t, t + n)
                });
                step = n;
                break;
            }
            t += step;
        }
    }

    /// True when the piece's place reading is weak evidence ([`known::weak_place`]).
    pub(super) fn weak(&mut self, k: &Known<'g>) -> bool {
        let Some(p) = k.place else { return false };
        // Only a town's reading can be weak, and a town is a city: other places need
        // no look at the written piece.
        if p.class != Class::City {
            return false;
        }
        let written = &self.text[k.start..k.end];
        let facts = &mut self.facts;
        known::weak_place(p, || facts.get(p).pop, written, k.given || k.surname)
    }

    /// The reading of a known piece. `prefer` breaks a tie between a place and an
    /// organization reading.
    fn reading(&mut self, k: &Known<'g>, prefer: Option<Label>) -> Reading<'g> {
        let multiword = k.t1 - k.t0 > 1;
        // Only a place reading can be weak: nationalities and organizations ask nothing.
        let weak = k.place.is_some() && self.weak(k);
        let (label, entry) = match (k.place, k.org, k.norp) {
            (Some(p), Some(o), _) => {
                if !weak && (prefer == Some(Label::Place) || !multiword && o.kind != "igo") {
                    (Label::Place, p)
                } else {
                    (Label::Org, o)
                }
            }
            (Some(p), None, _) => (Label::Place, p),
            (None, Some(o), _) => (Label::Org, o),
            (None, None, Some(n)) => (Label::Norp, n),
            (None, None, None) => unreachable!("a reading of a piece with no entity reading"),
        };
        Reading { label, entry, weak }
    }

    /// Pushes the mention of a known piece read as `r`. `extend` lets a place take a
    /// region word after it. Inlined, as [`Scan::names`]: most mentions are known
    /// pieces, and the calls' set-up cost more than a fifth of what they did.
    #[inline(always)]
    fn push_known(&mut self, k: &Known<'g>, r: Reading<'g>, extend: bool) {
        let Reading {
            label,
            entry: e,
            weak,
        } = r;
        let facts = self.facts.get(e);
        let cc = facts.cc;
        let kind = if facts.iso_country {
            &kinds::COUNTRY
        } else {
            known::kind(e)
        };
        let (canonical, reference) = self.names(label, e, cc);
        let region =
            label == Label::Place && extend && e.class != Class::Country && self.place_suffix(k.t1);
        let (end, t1) = if region {
            (self.toks[k.t1].end(), k.t1 + 1)
        } else {
            (k.end, k.t1)
        };
        let evidence = if label == Label::Place && weak {
            Evidence::Context
        } else {
            Evidence::Strong
        };
        self.out.push(Mention {
            evidence,
            canonical: Cow::Borrowed(canonical),
            kind: Some(kind),
            reference,
            country: cc,
            ..Mention::new(label, k.start, end, k.t0, t1)
        });
    }

    /// True when token `j` is a region word written right after a place
    /// (`Donetsk region`).
    fn place_suffix(&self, j: usize) -> bool {
        self.adjacent(j) && self.toks[j].shape == Shape::Lower && self.is(j, bit::PLACE_SUFFIX)
    }

    /// The canonical name and reference of a mention of `e` read as `label`: a
    /// nationality is named and referenced by its country (code `cc`), anything else
    /// by its own entry. Inlined: in a call of its own the pair went through memory.
    #[inline(always)]
    fn names(
        &self,
        label: Label,
        e: &'g Entry,
        cc: Option<&str>,
    ) -> (&'a str, Option<Cow<'a, CompactString>>) {
        match label {
            Label::Norp => {
                // A known code has its name and reference made once; another code's
                // reference is written here.
                let country = cc.and_then(|c| self.countries.get(c));
                let iso = |c| country.map_or_else(|| known::iso(c), |k| Cow::Borrowed(&k.iso));
                (
                    country.map_or(e.canonical.as_str(), |k| k.name.as_str()),
                    cc.map(iso),
                )
            }
            _ => (e.canonical.as_str(), known::reference(e)),
        }
    }
}
