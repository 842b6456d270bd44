//! People: names announced by titles and honorifics, given names, and names known
//! only by their context (reporting verbs, ages, appositions).

use std::borrow::Cow;

use crate::document::Label;

use super::lexicon::bit;
use super::scan::Scan;
use super::tokens::{Gap, Shape};
use super::{Evidence, Mention};

/// Lowercase words before a run that make the run the speaker (`said Lin Jian.`).
pub(super) const SAID_BEFORE: &[&str] = &["said", "says", "added", "asked", "wrote", "explained"];

/// Prepositions whose object a run is.
pub(super) const PREPOSITIONS: &[&str] = &[
    "of", "for", "from", "with", "at", "in", "by", "to", "on", "about", "against", "within",
    "into", "than",
];

/// Words after a role that extend the title to what it is of (`Secretary of State`,
/// `Minister for Foreign Affairs`, `Ambassador to the United States`).
pub(super) const TITLE_LINKS: &[&str] = &["of", "for", "to"];

impl<'a> Scan<'a, '_> {
    /// True when token `i` can be part of a title: a role, a word before a role, or a
    /// gazetteer title.
    fn title_word(&self, i: usize) -> bool {
        // Or-ed, not taken in turn: which of the two holds varies from word to word.
        self.is(i, bit::ROLE | bit::ROLE_MODIFIER | bit::HONORIFIC) | self.covering_or_none(i).title
    }

    /// True when a title may end at token `i`.
    fn title_head(&self, i: usize) -> bool {
        let k = self.covering_or_none(i);
        self.is(i, bit::ROLE | bit::HONORIFIC) | (k.title & (k.t1 == i + 1))
    }

    /// The end of a title phrase starting at `i` inside the run `i..b`, when a name
    /// follows it; `i` when there is none.
    pub(super) fn title_phrase(&self, i: usize, b: usize) -> usize {
        // A title is followed by a name inside the run: most runs left are one word.
        if b < i + 2 {
            return i;
        }
        // A given name that is also a role (`Dean Kamen`) is a name before a surname.
        if b == i + 2 && self.piece(i).is_some_and(|k| k.given) {
            return i;
        }
        let mut end = i;
        let mut t = i;
        while t < b && self.title_word(t) && self.piece(t).is_none_or_not_entity() {
            t += 1;
            if self.title_head(t - 1) {
                end = t;
            }
        }
        // `Secretary of State`, `Minister for Foreign Affairs`.
        if end > i && end + 1 < b && self.is(end, bit::TITLE_LINK) {
            let mut u = end + 1;
            while u < b
                && (self.lex.topic(self.word(u)).is_some()
                    || matches!(self.bytes(u), b"State" | b"Affairs"))
            {
                u += 1;
            }
            if u > end + 1 && u < b {
                end = u;
            }
        }
        if end > i && end < b && self.cap(end) && !self.is(end, bit::ORG_HEAD) {
            end
        } else {
            i
        }
    }

    /// The title phrase that ends right before token `a` (`spokesman` in `spokesman
    /// Lin Jian`), also across `to the` when the run opens with a known name and goes
    /// on (`Ambassador to the United States Hamdullah Mohib`), but not when the run is
    /// what the title is of (`a member of Scientology`).
    pub(super) fn title_before(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        if a == 0 || !self.adjacent(a) {
            return None;
        }
        // Most runs have no title before them: the word before is neither a title's
        // last word nor a link (`the`, `to`, `of`, `for`: determiner and title-link
        // bits), which its bits and its piece tell at once.
        let before = &self.toks[a - 1];
        if before.flags & (bit::ROLE | bit::HONORIFIC | bit::DETERMINER | bit::TITLE_LINK) == 0
            && !self.covering(a - 1).is_some_and(|k| k.title)
        {
            return None;
        }
        self.title_before_read(a, b)
    }

    /// [`Scan::title_before`] past its first test: the words before `a` read one by one.
    fn title_before_read(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        if a == 0 || !self.adjacent(a) {
            return None;
        }
        // A title ends right before the run, or before a link when the run opens with
        // a known name that goes on: with neither, no walk over links (`the`, `of`
        // before most runs) can find one.
        let opens_with_name = || self.piece(a).is_some_and(|k| k.is_entity() && k.t1 < b);
        if !self.title_head(a - 1) && !opens_with_name() {
            return None;
        }
        let mut e = a;
        // Skip a linking `to the` / `of` when a title stands before it.
        let mut j = a;
        while j > 0 && self.adjacent(j) & self.links_title(j - 1) {
            j -= 1;
        }
        if j < a && j > 0 && self.adjacent(j) && self.title_head(j - 1) {
            if !opens_with_name() {
                return None;
            }
            e = j;
        }
        if !self.title_head(e - 1) || !self.adjacent(e) {
            return None;
        }
        let mut s = e - 1;
        while s > 0 && self.adjacent(s) && self.title_word(s - 1) && e - s < 5 {
            s -= 1;
        }
        Some((s, e))
    }

    /// True when token `i` is `the`, `to`, `of` or `for`, a word that links a title to
    /// what it is of, told by its lexicon bits with no compare of its bytes (the
    /// compares branched on the word's length): the [`TITLE_LINKS`], and `the`, the
    /// one determiner of three bytes that starts with `t`.
    fn links_title(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let the = (t.flags & bit::DETERMINER != 0)
            & (t.end() - t.start() == 3)
            & (self.text.as_bytes()[t.start()] == b't');
        (t.flags & bit::TITLE_LINK != 0) | the
    }

    /// Reads the name-like rest `i..b` of a run that started at `a`. `title` gives the
    /// title phrase announcing it, asked only when the evidence turns on it: a run
    /// of no name, a headline or one in capitals has none to read.
    pub(super) fn name(
        &mut self,
        i: usize,
        b: usize,
        a: usize,
        title: impl FnOnce(&Self) -> Option<(usize, usize)>,
        det: bool,
        headline: bool,
    ) {
        if (i..b).all(|t| self.title_word(t) || !self.cap(t)) {
            return;
        }
        // Each rule below is asked only when the ones before it did not decide, and a
        // one-word run (half of them) has neither a given name nor a surname rule.
        let len = b - i;
        // A given name that is also a word (`Tom`, `Will`) counts inside a sentence.
        // Its tests and-ed, with no branch: the piece read is a blank one where none
        // starts ([`Scan::starting`]).
        let given = || {
            let k = self.starting(i);
            (len >= 2) & k.given & (!k.common | !self.toks[i].initial)
        };
        // A surname that is also a word (`Study`, `Fair`) counts only in a run with no
        // title or head word in it (`Marc Lamont Hill`, not `National Iodine Study`).
        // Looked at only for such a surname.
        let plain = || (i..b).all(|t| !self.title_word(t) && !self.is_head(t));
        let surname = || {
            (len >= 2) & (self.toks[i].shape == Shape::Title)
                && self
                    .covering(b - 1)
                    .is_some_and(|k| k.surname && (!k.common || plain()))
                && self.piece(i).is_none_or_not_entity()
        };
        // With no evidence to weigh (a headline, a run in capitals), no title is read:
        // an unknown mention keeps none.
        let weighed = !headline && !(i..b).all(|t| self.toks[t].shape == Shape::Upper);
        let found = if weighed { title(self) } else { None };
        let evidence = if !weighed {
            Evidence::Unknown
        } else if found.is_some() | given() || surname() {
            Evidence::Strong
        } else if !det
            && (self.cue_after(b) && !self.object_of_preposition(a) || self.said_before(a, b))
        {
            Evidence::Context
        } else {
            Evidence::Unknown
        };
        let title = found
            .filter(|_| evidence == Evidence::Strong)
            .map(|(s, e)| (self.title_text(s, e), self.toks[s].start()));
        // Built where it lies in the output: a mention is large, and a copy of it cost
        // more than most of its fields.
        let (start, end) = (self.toks[i].start(), self.toks[b - 1].end());
        self.out.push(Mention {
            evidence,
            canonical: Cow::Borrowed(self.span(i, b)),
            initial: self.toks[i].initial,
            headline,
            title,
            ..Mention::new(Label::Person, start, end, i, b)
        });
    }

    /// The role word of a title phrase, as written (`President`, `spokesman`,
    /// `Foreign Ministry spokesman` gives `spokesman`).
    fn title_text(&self, s: usize, e: usize) -> &'a str {
        self.span(s, e)
    }

    /// Context after a run that makes it a person: a reporting verb (`X said`), an
    /// age (`X, 45, said`), an apposition (`X, a spokesman`, `X, of the University`).
    fn cue_after(&self, b: usize) -> bool {
        let n = self.toks.len();
        if b >= n || self.toks[b].sentence() != self.toks[b - 1].sentence() {
            return false;
        }
        // The curated verbs only: the gazetteer's forms include nouns (`reports`).
        let verb = |t: usize| t < n && self.toks[t].shape == Shape::Lower && self.verb(t);
        if self.toks[b].gap == Gap::Space {
            let adverb = matches!(self.bytes(b), b"also" | b"later");
            return verb(b) && !adverb || adverb && verb(b + 1);
        }
        let between = &self.text[self.toks[b - 1].end()..self.toks[b].start()];
        if between.trim() != "," {
            return false;
        }
        let w = self.bytes(b);
        if self.toks[b].shape == Shape::Digit {
            let after = self
                .toks
                .get(b + 1)
                .map(|t| &self.text[self.toks[b].end()..t.start()]);
            return after.is_some_and(|s| s.trim() == ",");
        }
        if matches!(w, b"of" | b"from") {
            return self.toks.get(b + 1).is_some_and(|_| {
                let c = if self.bytes(b + 1) == b"the" {
                    b + 2
                } else {
                    b + 1
                };
                c < n && self.cap(c)
            });
        }
        let r = if matches!(w, b"a" | b"an" | b"the") {
            b + 1
        } else {
            b
        };
        let same = |t: &usize| self.toks[*t].sentence() == self.toks[b].sentence();
        r < n
            && self.toks[r].shape == Shape::Lower
            && (r..(r + 3).min(n))
                .filter(same)
                .any(|t| self.toks[t].shape == Shape::Lower && self.role(t))
    }

    /// True when token `t` is a curated reporting verb. Its lexicon bits say it, read
    /// with its bytes: the lexicon is not asked again.
    fn verb(&self, t: usize) -> bool {
        let verb = self.is(t, bit::VERB);
        debug_assert_eq!(verb, self.lex.is_verb(self.word(t)));
        verb
    }

    /// True when token `t` is a role word ([`Scan::verb`] says why from its bits).
    fn role(&self, t: usize) -> bool {
        let role = self.is(t, bit::ROLE);
        debug_assert_eq!(role, self.lex.is_role(self.word(t)));
        role
    }

    /// A run right after a preposition (`a member of Zentrix said`) is not the subject
    /// of the verb after it.
    fn object_of_preposition(&self, a: usize) -> bool {
        self.lower_before_is(a, bit::PREPOSITION)
    }

    /// `said X.`: a reporting verb right before the run, and the run ends its clause.
    fn said_before(&self, a: usize, b: usize) -> bool {
        let before = self.lower_before_is(a, bit::SAID_BEFORE);
        let ends = b >= self.toks.len()
            || self.toks[b].sentence() != self.toks[a].sentence()
            || self.toks[b].gap == Gap::Other;
        before && ends
    }
}

trait NotEntity {
    fn is_none_or_not_entity(&self) -> bool;
}

impl NotEntity for Option<&super::known::Known<'_>> {
    fn is_none_or_not_entity(&self) -> bool {
        self.is_none_or(|k| !k.is_entity())
    }
}

#[cfg(test)]
mod tests {

    use super::super::lexicon::{bit, Lexicon};
    use super::super::scan::tests::with_scan;
    use super::super::scan::Scan;
    use super::super::tokens;

    /// The first test of [`Scan::title_before`] turns away only runs the full reading
    /// finds no title before, at every start and end.
    #[test]
    fn title_before_agrees_with_the_full_reading() {
        let text = "Foreign Ministry spokesman Lin Jian said President Volodymyr Zelensky \
                    met Ambassador to the United States Hamdullah Mohib and Dr. Amy Bell, \
                    the Secretary of State Antony Blinken, a member of Scientology, Mr Smith \
                    of the Refugee Council, former prime minister Boris Johnson and Pope \
                    Francis told the Prime Minister Rishi Sunak for the Kremlin.";
        let found = with_scan(text, |scan| {
            let mut found = 0;
            for a in 0..scan.toks.len() {
                for b in a + 1..=scan.toks.len() {
                    let want = scan.title_before_read(a, b);
                    assert_eq!(scan.title_before(a, b), want, "{a}..{b}");
                    found += usize::from(want.is_some());
                }
            }
            found
        });
        assert!(found > 10, "{found}");
    }

    /// [`Scan::name`] asks for the run's title only when its evidence turns on it: not
    /// for a run in capitals, and once for a name, whose title it keeps.
    #[test]
    fn name_asks_for_the_title_only_when_weighed() {
        let text = "President Joe Biden met NATO chiefs.";
        with_scan(text, |scan| {
            let asked = std::cell::Cell::new(0);
            let ask = |s: &Scan, a: usize, b: usize| {
                asked.set(asked.get() + 1);
                s.title_before(a, b)
            };
            assert_eq!(scan.word(4), "NATO");
            scan.name(4, 5, 4, |s| ask(s, 4, 5), false, false);
            assert_eq!(asked.get(), 0);
            assert!(scan.out.last().is_some_and(|m| m.title.is_none()));
            scan.name(1, 3, 1, |s| ask(s, 1, 3), false, false);
            assert_eq!(asked.get(), 1);
            let title = scan.out.last().and_then(|m| m.title).map(|(t, _)| t);
            assert_eq!(title, Some("President"));
        });
    }

    /// The title before `a..b` read word by word, every link walked before any test
    /// of the run: what [`Scan::title_before_read`] finds with its early exit.
    fn title_before_walk(scan: &Scan, a: usize, b: usize) -> Option<(usize, usize)> {
        if a == 0 || !scan.adjacent(a) {
            return None;
        }
        let mut e = a;
        let mut j = a;
        while j > 0 && scan.adjacent(j) & scan.links_title(j - 1) {
            j -= 1;
        }
        if j < a && j > 0 && scan.adjacent(j) && scan.title_head(j - 1) {
            if !scan.piece(a).is_some_and(|k| k.is_entity() && k.t1 < b) {
                return None;
            }
            e = j;
        }
        if !scan.title_head(e - 1) || !scan.adjacent(e) {
            return None;
        }
        let mut s = e - 1;
        while s > 0 && scan.adjacent(s) && scan.title_word(s - 1) && e - s < 5 {
            s -= 1;
        }
        Some((s, e))
    }

    /// The early exit of [`Scan::title_before_read`] (no title head before the run, and
    /// no known name opening it) finds what the walk over every link finds.
    #[test]
    fn title_before_read_agrees_with_the_walk() {
        let text = "Ambassador to the United States Hamdullah Mohib met the Secretary of \
                    State Antony Blinken and a member of Scientology, the Kyiv mayor, \
                    envoy to the United Nations, the President of the United States Joe \
                    Biden, Minister for the Economy of Ukraine, head of the U.S. Army.";
        let found = with_scan(text, |scan| {
            let mut found = 0;
            for a in 0..scan.toks.len() {
                for b in a + 1..=scan.toks.len() {
                    let want = title_before_walk(scan, a, b);
                    assert_eq!(scan.title_before_read(a, b), want, "{a}..{b}");
                    found += usize::from(want.is_some());
                }
            }
            found
        });
        assert!(found > 10, "{found}");
    }

    /// [`Scan::links_title`], from lexicon bits, holds for the four words it names
    /// and no other, whatever their case, length or first letter.
    #[test]
    fn links_title_agrees_with_the_words() {
        let text = "The the to of for For To Of THE tho toe thy tea then they this that \
                    too fort off a an on in the. them, to? of: for; ten two ti théa t the";
        let found = with_scan(text, |scan| {
            let mut found = 0;
            for i in 0..scan.toks.len() {
                let want = matches!(scan.bytes(i), b"the" | b"to" | b"of" | b"for");
                assert_eq!(scan.links_title(i), want, "{:?}", scan.word(i));
                found += usize::from(want);
            }
            found
        });
        assert_eq!(found, 9);
    }

    /// The rules read a token's verb and role bits where they asked the lexicon about
    /// its word: the two agree.
    #[test]
    fn token_bits_agree_with_the_lexicon() {
        let text = "Lin Jian said, a spokesman added. Officials also said the president \
                    and Spokesman Smith warned, the minister says; later reported: said.";
        let sentence = crate::entities::tokens::tests::sentence_at(0, text.len());
        let lex = Lexicon::new();
        let toks = tokens::tokenize(text, &[sentence], &lex);
        assert!(toks.iter().any(|t| t.flags & bit::VERB != 0));
        assert!(toks.iter().any(|t| t.flags & bit::ROLE != 0));
        for t in &toks {
            let w = &text[t.start()..t.end()];
            assert_eq!(t.flags & bit::VERB != 0, lex.is_verb(w), "{w}");
            assert_eq!(t.flags & bit::ROLE != 0, lex.is_role(w), "{w}");
        }
    }
}
