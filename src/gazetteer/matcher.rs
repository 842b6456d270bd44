//! The matching pass: tokens, longest alias first, then the case and support rules.

use super::context::{caps_context, sentence_initial, support};
use super::index::{next_bit, next_word_probe, Key, Probe, MAX_TOKENS, NONE};
use super::load::spelling;
use super::words::{case_bits, case_bits_in};
use super::{ClassSet, Gazetteer, Hit, Row, Surface};

pub(super) mod case;
mod known;
mod readings;
pub(super) use case::{
    alias_shape, case_ok, case_rule, in_small_table, lowercase_may_match, shape, support_needed,
    AliasCase, CaseRule, Support,
};
pub(super) use known::{known_slot, mark_known, Known, More, KNOWN_SHAPES};
pub(super) use readings::Readings;

impl Gazetteer {
    /// Every match in `text`, in text order, leftmost-longest, case and support rules
    /// checked.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        // About one hit per 40 bytes of news text.
        let mut hits = Vec::with_capacity(text.len() / 32);
        let mut pos = 0;
        // `small`: not a capital first, and the small filter has let the token by.
        while let Some((s, e, probe, small)) = self.index.next_candidate(text, pos) {
            pos = e;
            if let Some(hit) = self.hit_at(text, (s, e), &probe, small) {
                pos = hit.end;
                hits.push(hit);
            }
        }
        hits
    }

    /// The hit that starts with the token `text[s..e]` of probe `probe` (`small`: it
    /// does not start with a capital), which the loop over the tokens looks up.
    #[inline(always)]
    pub(super) fn hit_at(
        &self,
        text: &str,
        (s, e): (usize, usize),
        probe: &Probe,
        small: bool,
    ) -> Option<Hit> {
        let spell = |k: &Key| spelling(&self.surfaces, k);
        let key = self
            .index
            .get(&text.as_bytes()[s..e], probe, small, spell)?;
        // Most keys start no longer alias, or none that goes on with the next
        // token: their hit is decided right here, without a walk.
        match self.next_step(key, small, text, e) {
            Some(next) => self.match_at(text, s, (e, key), next, small),
            None if self.index.keys[key as usize].may_match(small) => self.accept(text, key, s, e),
            None => None,
        }
    }

    /// The end of the token after the span `text[..e]` (from the start of a match)
    /// that spells `key`, when some longer alias may go on from `key` with that token:
    /// the byte after the span and the (key, token) pair pass their filters.
    #[inline(always)]
    fn next_step(&self, key: u32, small: bool, text: &str, e: usize) -> Option<usize> {
        if !self.index.keys[key as usize].goes_on(small, text.as_bytes(), e) {
            return None;
        }
        self.pair_step(key, text, e)
    }

    /// [`Gazetteer::next_step`] after the byte after the span let it by: the next
    /// token and the pair filter. Out of line: most tokens never come here.
    #[inline(never)]
    fn pair_step(&self, key: u32, text: &str, e: usize) -> Option<usize> {
        let (_, end, token) = next_word_probe(text, e)?;
        let after = || next_bit(text.as_bytes(), end);
        self.index.may_go_on(key, &token, after).then_some(end)
    }

    /// The longest match that starts with token `text[s..e]`, which spells `key` (in
    /// the small table when `small`), and passes the rules; `next` is the end of the
    /// token after it, which [`Gazetteer::next_step`] let by. Out of line: the loop
    /// over all tokens stays small.
    #[inline(never)]
    fn match_at(
        &self,
        text: &str,
        s: usize,
        first: (usize, u32),
        next: usize,
        small: bool,
    ) -> Option<Hit> {
        // Nearly every walk passes one or two aliases ("New York", "New York City").
        let mut spans = [(0, 0); 4];
        match self.walk(text, s, first, next, small, &mut spans) {
            Some(0) => None,
            Some(n) => self.longest(text, s, &spans[..n]),
            None => self.match_long(text, s, first, next, small),
        }
    }

    /// [`Gazetteer::match_at`] when the walk passes more aliases than it keeps.
    #[cold]
    #[inline(never)]
    fn match_long(
        &self,
        text: &str,
        s: usize,
        first: (usize, u32),
        next: usize,
        small: bool,
    ) -> Option<Hit> {
        let mut spans = [(0, 0); MAX_TOKENS];
        let n = self
            .walk(text, s, first, next, small, &mut spans)
            .unwrap_or(0);
        self.longest(text, s, &spans[..n])
    }

    /// Walks on from `first` (the end and key of the first token), whose next token
    /// ends at `next`, token by token while a longer alias may follow, like a walk
    /// down a trie of tokens, keeping every span that is an alias as `(end, key)` in
    /// `spans`: how many, or `None` when more than fit.
    #[inline(always)]
    fn walk(
        &self,
        text: &str,
        s: usize,
        first: (usize, u32),
        mut next: usize,
        small: bool,
        spans: &mut [(usize, u32)],
    ) -> Option<usize> {
        let bytes = text.as_bytes();
        let spell = |k: &Key| spelling(&self.surfaces, k);
        let mut n = 0;
        let mut keep = |(end, key): (usize, u32)| {
            if self.index.keys[key as usize].head != NONE {
                *spans.get_mut(n)? = (end, key);
                n += 1;
            }
            Some(())
        };
        keep(first)?;
        // The first token is step one; a walk passes at most `MAX_TOKENS` tokens.
        for _ in 1..MAX_TOKENS {
            let probe = Probe::in_text(bytes, s, next);
            if small && !self.index.may_be_small(&probe) {
                break;
            }
            let Some(key) = self.index.get(&bytes[s..next], &probe, small, spell) else {
                break;
            };
            keep((next, key))?;
            match self.next_step(key, small, text, next) {
                Some(end) => next = end,
                None => break,
            }
        }
        Some(n)
    }

    /// The longest of the alias `spans` (shortest first) from `s` that passes the rules.
    #[inline]
    fn longest(&self, text: &str, s: usize, spans: &[(usize, u32)]) -> Option<Hit> {
        spans
            .iter()
            .rev()
            .find_map(|&(end, key)| self.accept(text, key, s, end))
    }

    /// The hit for `text[start..end]` spelling key `k`, if some entry passes the rules.
    /// Inlined: most hits are decided from the key alone, in fewer instructions than
    /// a call takes.
    #[inline(always)]
    fn accept(&self, text: &str, k: u32, start: usize, end: usize) -> Option<Hit> {
        let mut shape = shape_of(case_bits_in(text.as_bytes(), start, end));
        if shape & shape::CAPS != 0 && !caps_context(text, start, end) {
            shape &= !shape::CAPS;
        }
        let key = &self.index.keys[k as usize];
        if shape == shape::LOWER && !key.lower_ok {
            return None;
        }
        // Most hits are capitalized or lowercase text of a key whose rules need no
        // support: their answer was worked out once, at build. Most others are
        // decided in `accept_more` without the rules.
        let known = match known_slot(shape) {
            Some(i) if key.known[i].decided => key.known[i],
            // Lowercase or capitalized text of a key whose rules ask only whether it
            // starts a sentence ("said", "The", "Brown"): both answers were worked
            // out too.
            Some(i) => match self.index.named(key, i) {
                Some(answers) => answers[usize::from(sentence_initial(text, start))],
                None => return self.accept_more(text, k, start, end, shape),
            },
            None => return self.accept_more(text, k, start, end, shape),
        };
        known.hit(k, key, start, end, shape)
    }

    /// [`Gazetteer::accept`] when the rules read the rows (and the text around).
    #[inline(never)]
    fn accept_by_rules(
        &self,
        text: &str,
        k: u32,
        start: usize,
        end: usize,
        shape: u8,
    ) -> Option<Hit> {
        let found = &text.as_bytes()[start..end];
        let mut hit = Hit {
            start,
            end,
            classes: ClassSet::default(),
            key: k,
            exact: 0,
            shape,
            support: Support::None as u8,
            may_be_common: self.index.keys[k as usize].common,
        };
        let same = |s: &Surface| s.alias.as_bytes() == found;
        let support = || Some(support(text, start, end, self.support_wanted(k)));
        self.apply_rules(&mut hit, same, support);
        (!hit.classes.is_empty()).then_some(hit)
    }

    /// Sets the classes and exact bits of `hit` (its key and shape set) by the case and
    /// support rules; `same(surface)` tells whether the text is the surface byte for
    /// byte, `support()` gives the [`Support`] bits the first time a row needs them.
    /// False, `hit` half done, when `support()` gives `None`.
    #[inline(always)]
    fn apply_rules(
        &self,
        hit: &mut Hit,
        same: impl Fn(&Surface) -> bool,
        mut support: impl FnMut() -> Option<u8>,
    ) -> bool {
        let mut support_known = false;
        for (i, s) in self.surfaces_of(hit.key).enumerate() {
            let surface = &self.surfaces[s as usize];
            let exact = is_exact(surface.shape, hit.shape, || same(surface));
            if exact && i < 32 {
                hit.exact |= 1 << i;
            }
            if let Some(rule) = surface.uniform {
                if case_ok(rule, surface.case, exact, hit.shape) {
                    hit.classes = hit.classes.union(surface.classes);
                }
                continue;
            }
            for row in self.rows_of(s) {
                if hit.classes.contains(row.class) {
                    continue;
                }
                if !support_known && row.common {
                    let Some(bits) = support() else {
                        return false;
                    };
                    hit.support = bits;
                    support_known = true;
                }
                if self.accepts(row, s, exact, hit.shape, hit.support) {
                    hit.classes = hit.classes.with(row.class);
                }
            }
        }
        true
    }

    /// The [`Support`] bits some `common=1` row of key `k` reads: [`support`] works out
    /// only those.
    pub(super) fn support_wanted(&self, k: u32) -> u8 {
        self.surfaces_of(k)
            .fold(0, |bits, s| bits | self.surfaces[s as usize].support_wanted)
    }

    /// Does `row` (of surface `s`) pass the case and support rules?
    pub(super) fn accepts(&self, row: &Row, s: u32, exact: bool, shape: u8, support: u8) -> bool {
        case_ok(row.rule, self.surfaces[s as usize].case, exact, shape)
            && (!row.common || support & support_needed(row.class) as u8 != 0)
    }
}

/// True when text of shape `text` matches an alias of shape `alias` (the two already
/// equal up to ASCII case) byte for byte. Shapes decide it for lowercase, capitalized
/// and all-caps aliases; `same` compares the bytes for the rest ("McDonald").
fn is_exact(alias: u8, text: u8, same: impl FnOnce() -> bool) -> bool {
    const DECIDING: u8 = shape::LOWER | shape::CAPITALIZED | shape::CAPS_ANYWHERE;
    if alias & DECIDING != 0 {
        alias & text & DECIDING != 0
    } else {
        same()
    }
}

/// The [`shape`] bits of a span, `CAPS` before its context is checked.
pub(super) fn span_shape(span: &[u8]) -> u8 {
    shape_of(case_bits(span))
}

/// The [`shape`] bits of a span with the [`case_bits`] given.
#[inline]
fn shape_of((first_upper, other_upper, lower): (bool, bool, bool)) -> u8 {
    let mut bits = 0;
    if !first_upper && !other_upper {
        bits |= shape::LOWER;
    }
    if first_upper && !other_upper {
        bits |= shape::CAPITALIZED;
    }
    if !lower && (first_upper || other_upper) {
        bits |= shape::CAPS | shape::CAPS_ANYWHERE;
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_cases() {
        for alias in [
            "Kyiv",
            "said",
            "$",
            "Київ",
            "McDonald",
            "U.S.",
            "kyivKyiv Kyiv",
            "5",
        ] {
            let b = alias.as_bytes();
            let case = if b.iter().any(u8::is_ascii_uppercase) {
                AliasCase::Upper
            } else if b.iter().any(u8::is_ascii_lowercase) {
                AliasCase::Lower
            } else {
                AliasCase::NoLetters
            };
            assert_eq!(alias_shape(alias), (case, span_shape(b)), "{alias:?}");
        }
    }

    #[test]
    fn span_shapes() {
        use shape::*;
        let cases: &[(&str, u8)] = &[
            ("kyiv", LOWER),
            ("$", LOWER),
            ("", LOWER),
            ("Kyiv", CAPITALIZED),
            ("Kyiv-kyiv-kyiv", CAPITALIZED),
            ("KYIV", CAPS | CAPS_ANYWHERE),
            ("K", CAPITALIZED | CAPS | CAPS_ANYWHERE),
            ("McDonald", 0),
            // A second capital at the start of the second eight-byte chunk.
            ("Kyivkyiv Kyiv", 0),
            ("kyivkyivKyiv", 0),
            ("U.S.-LED 2024", CAPS | CAPS_ANYWHERE),
        ];
        for &(span, bits) in cases {
            assert_eq!(span_shape(span.as_bytes()), bits, "{span:?}");
        }
    }

    /// A key whose aliases all start with a capital accepts no text that starts
    /// otherwise: [`Key::may_match`](super::super::index::Key::may_match) may skip it.
    #[test]
    fn capital_aliases_match_no_small_text() {
        let gaz = Gazetteer::build(&[]).unwrap();
        let mut checked = 0;
        for (k, key) in gaz.index.keys.iter().enumerate() {
            if key.head == NONE || key.may_match(true) {
                continue;
            }
            let alias = gaz.surfaces[key.head as usize].alias.as_str();
            let mut first_lower = alias.to_string();
            if let Some(first) = first_lower.get_mut(..1) {
                first.make_ascii_lowercase();
            }
            for word in [alias.to_ascii_lowercase(), first_lower] {
                for before in ["He said. ", "the ", "", "SAID "] {
                    let text = format!("{before}{word} x");
                    let (start, end) = (before.len(), before.len() + word.len());
                    assert_eq!(gaz.accept(&text, k as u32, start, end), None, "{text:?}");
                }
            }
            checked += 1;
        }
        assert!(checked > 1000, "{checked} keys");
    }

    /// [`Gazetteer::for_each_candidate`] gives what [`Gazetteer::candidates`] gives,
    /// in the same order, for every hit of a story.
    #[test]
    fn candidate_loops_agree() {
        let gaz = Gazetteer::build(&[]).unwrap();
        let text = include_str!("../../tests/data/donetsk.txt");
        let text = [
            text,
            " Bath, Split, GEORGIA, $5, 10 rubles, Dr Smith said in Paris.",
        ]
        .concat();
        for hit in gaz.find(&text) {
            let listed: Vec<_> = gaz.candidates(&hit).map(|e| e as *const _).collect();
            let mut looped = Vec::new();
            gaz.for_each_candidate(&hit, |e| looped.push(e as *const _));
            assert_eq!(looped, listed, "{:?}", &text[hit.start..hit.end]);
        }
    }
}
