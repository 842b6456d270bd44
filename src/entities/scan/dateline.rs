//! The dateline: its place, read even when misspelled, and its agency.

use std::borrow::Cow;

use crate::document::{Dateline, Label};

use super::super::fuzzy::FuzzyPlaces;
use super::super::kinds;
use super::super::known::{self, NONE};
use super::super::{Evidence, Mention};
use super::Scan;

impl Scan<'_, '_> {
    /// The dateline place, read as a place even when misspelled (`Kiyv`), and the
    /// agency, an organization.
    pub fn dateline<'f>(
        &mut self,
        dateline: Option<&Dateline>,
        fuzzy: impl FnOnce() -> &'f FuzzyPlaces,
    ) {
        let Some(d) = dateline else { return };
        if let Some(p) = &d.place {
            let covered = self.toks.iter().position(|t| t.start() == p.start);
            if let Some(t0) = covered {
                if self.piece(t0).is_none() {
                    if let Some(e) = fuzzy().find(self.gaz, &p.text) {
                        let t1 = self.toks.partition_point(|t| t.start() < p.end);
                        let mut m = Mention::new(Label::Place, p.start, p.end, t0, t1);
                        m.canonical = Cow::Borrowed(e.canonical.as_str());
                        m.kind = Some(known::kind(e));
                        m.reference = known::reference(e);
                        m.country = known::country_code(e);
                        self.out.push(m);
                    }
                }
            }
        }
        if let Some(agency) = &d.agency {
            if let Some(off) = d.text.find(agency.as_str()) {
                let start = d.start + off;
                let t0 = self.toks.iter().position(|t| t.start() == start);
                if let Some(t0) = t0.filter(|&t| self.known_at[t] == NONE) {
                    let end = start + agency.len();
                    let t1 = self.toks.partition_point(|t| t.start() < end);
                    let mut m = Mention::new(Label::Org, start, end, t0, t1);
                    m.canonical = Cow::Owned(agency.to_string());
                    m.kind = Some(&kinds::NEWS_AGENCY);
                    m.evidence = Evidence::Context;
                    self.out.push(m);
                }
            }
        }
    }
}
