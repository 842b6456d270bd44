//! The rules' answers worked out at build: for most hits the answer depends only on the
//! key and the shape of the matched text (and at most on whether it starts a
//! sentence), so it is read, not worked out again per hit. Text of mixed case ("New
//! York") is decided by the one alias it spells, found in a short walk.

use super::super::context::support;
use super::super::index::{FoldIndex, Key, NONE};
use super::super::{ClassSet, Gazetteer, Hit, Surface};
use super::{case_ok, shape, Support};

/// A key's answer to the rules for text of one shape, worked out at build.
#[derive(Clone, Copy, Debug, Default)]
pub(in crate::gazetteer) struct Known {
    pub classes: ClassSet,
    pub exact: u32,
    /// False when the answer depends on the text around (a `common=1` row).
    pub decided: bool,
    /// The [`Support`] bits the rules read ([`Hit::support`]).
    pub support: u8,
}

impl Known {
    /// The hit this answer gives for key `k` matched at `start..end` as text of
    /// `shape`, or `None` when it answers "no hit".
    #[inline(always)]
    pub(super) fn hit(self, k: u32, key: &Key, start: usize, end: usize, shape: u8) -> Option<Hit> {
        (!self.classes.is_empty()).then_some(Hit {
            start,
            end,
            classes: self.classes,
            key: k,
            exact: self.exact,
            shape,
            support: self.support,
            may_be_common: key.common,
        })
    }
}

/// The answer "no hit", whatever the text around.
const NO_HIT: Known = Known {
    classes: ClassSet(0),
    exact: 0,
    decided: true,
    support: Support::None as u8,
};

/// The shapes whose answer a key keeps ([`Key::known`](super::super::index::Key::known)).
pub(in crate::gazetteer) const KNOWN_SHAPES: [u8; 2] = [shape::LOWER, shape::CAPITALIZED];

/// Where a key keeps the answer for text of `shape`, if it keeps one.
#[inline(always)]
pub(in crate::gazetteer) fn known_slot(shape: u8) -> Option<usize> {
    KNOWN_SHAPES.iter().position(|&s| s == shape)
}

/// The text shapes of letters all in capitals (with and without a caps context, one
/// letter or more), in the order of [`More::caps`]: [`caps_slot`] of each is its place.
const CAPS_SHAPES: [u8; 4] = [
    shape::CAPS_ANYWHERE,
    shape::CAPS_ANYWHERE | shape::CAPITALIZED,
    shape::CAPS_ANYWHERE | shape::CAPS,
    shape::CAPS_ANYWHERE | shape::CAPS | shape::CAPITALIZED,
];

/// The [`Support`] bits of [`More::placed`], in order: `None` always, `Place` and
/// `Name` when the text has them.
pub(super) const SUPPORTS: [u8; 4] = [
    Support::None as u8,
    Support::None as u8 | Support::Place as u8,
    Support::None as u8 | Support::Name as u8,
    Support::None as u8 | Support::Place as u8 | Support::Name as u8,
];

/// Where [`More::placed`] keeps the answer for text with [`Support`] bits `bits`, one
/// of [`SUPPORTS`].
#[inline(always)]
fn support_slot(bits: u8) -> usize {
    usize::from(bits >> 1 & 3)
}

/// Where [`More::caps`] keeps the answer for text of `shape`, one of [`CAPS_SHAPES`].
#[inline(always)]
fn caps_slot(shape: u8) -> usize {
    usize::from(shape >> 1 & 3)
}

/// The answers of a key that [`Key::known`](super::super::index::Key::known) does not
/// hold, for the hits that used to run the rules (a `Key::more` index into
/// `FoldIndex::more`). An undecided answer sends a hit to the rules.
#[derive(Clone, Copy, Debug)]
pub(in crate::gazetteer) struct More {
    /// For lowercase and capitalized text ([`KNOWN_SHAPES`] order) of a key whose
    /// rules ask only whether it starts a sentence ("said", "The", "Brown"): the
    /// answers inside a sentence and at its start.
    named: [[Known; 2]; 2],
    /// For lowercase and capitalized text of a key whose rules ask whether it is in
    /// a place context too ("Bath", "March"): the answers for every [`Support`] bits
    /// the text may have (by [`support_slot`]), and the bits its rules read.
    placed: [[Known; 4]; 2],
    wanted: u8,
    /// For text in capitals ("US", "NASA"), of a key with an alias in capitals, by
    /// [`caps_slot`].
    caps: [Known; 4],
}

impl FoldIndex {
    /// The answers inside a sentence and at its start for text of [`KNOWN_SHAPES`]
    /// slot `slot` spelling `key`, when its rules ask only whether it starts a
    /// sentence.
    #[inline(always)]
    pub(in crate::gazetteer) fn named(&self, key: &Key, slot: usize) -> Option<&[Known; 2]> {
        let answers = self.more.get(key.more as usize)?.named.get(slot)?;
        // Both answers are decided or neither.
        answers[0].decided.then_some(answers)
    }
}

impl Gazetteer {
    /// [`Gazetteer::accept`] when the key's own answer for `shape` is undecided: the
    /// answer in its [`More`], the one of [`Gazetteer::spelled_mixed`], or the rules.
    #[inline(never)]
    pub(super) fn accept_more(
        &self,
        text: &str,
        k: u32,
        start: usize,
        end: usize,
        shape: u8,
    ) -> Option<Hit> {
        let key = &self.index.keys[k as usize];
        let known = match shape {
            0 => self.spelled_mixed(k, &text.as_bytes()[start..end]),
            _ if shape & shape::CAPS_ANYWHERE != 0 => self
                .index
                .more
                .get(key.more as usize)
                .map(|more| more.caps[caps_slot(shape)])
                .filter(|known| known.decided),
            // Lowercase and capitalized text in a place context or not (the rest
            // are read in `FoldIndex::named`).
            _ => self.index.more.get(key.more as usize).and_then(|more| {
                let answers = &more.placed[known_slot(shape)?];
                let bits = support(text, start, end, more.wanted);
                Some(answers[support_slot(bits)]).filter(|known| known.decided)
            }),
        };
        let Some(known) = known else {
            return self.accept_by_rules(text, k, start, end, shape);
        };
        known.hit(k, key, start, end, shape)
    }

    /// The rules' answer for text of mixed case `found` ("New York") spelling key `k`,
    /// when every surface of the key has a [`Surface::uniform`] rule (most keys): only
    /// the alias the text spells byte for byte may match such text, by its rule (see
    /// [`case_ok`]; every other alias is not exact, see
    /// [`is_exact`](super::is_exact)). `None` when some surface reads its rows.
    #[inline]
    fn spelled_mixed(&self, k: u32, found: &[u8]) -> Option<Known> {
        let mut known = NO_HIT;
        for (i, s) in self.surfaces_of(k).enumerate() {
            let surface = &self.surfaces[s as usize];
            let rule = surface.uniform?;
            // Only an alias of mixed case may equal text of mixed case.
            if surface.shape == 0 && surface.alias.as_bytes() == found {
                if i < 32 {
                    known.exact = 1 << i;
                }
                if case_ok(rule, surface.case, true, 0) {
                    known.classes = surface.classes;
                }
            }
        }
        Some(known)
    }

    /// What the rules say for key `k` and text of `shape` that is lowercase,
    /// capitalized or in capitals, when they say it without looking at the text
    /// around (no `common=1` row needs support, or `support` gives the [`Support`]
    /// bits the text has): set once per key at build.
    pub(in crate::gazetteer) fn known(&self, k: u32, shape: u8, support: Option<u8>) -> Known {
        // Text in one of these shapes never equals a mixed-case alias ("McDonald"),
        // the only one whose exactness needs the bytes: see `is_exact`.
        self.known_with(k, shape, |_| false, support)
    }

    /// [`Gazetteer::known`] of text of `shape` that is surface `spells` byte for byte
    /// and no other (text of mixed case).
    #[cfg(test)]
    fn known_as(&self, k: u32, shape: u8, spells: u32, support: Option<u8>) -> Known {
        let spelled = self.surfaces.get(spells as usize);
        let same = |s: &Surface| spelled.is_some_and(|m| std::ptr::eq(s, m));
        self.known_with(k, shape, same, support)
    }

    /// [`Gazetteer::known`] with `same` telling which surfaces the text equals.
    #[inline(always)]
    fn known_with(
        &self,
        k: u32,
        shape: u8,
        same: impl Fn(&Surface) -> bool,
        support: Option<u8>,
    ) -> Known {
        let mut hit = Hit {
            start: 0,
            end: 0,
            classes: ClassSet::default(),
            key: k,
            exact: 0,
            shape,
            support: Support::None as u8,
            may_be_common: false,
        };
        let decided = self.apply_rules(&mut hit, same, || support);
        Known {
            classes: hit.classes,
            exact: hit.exact,
            decided,
            support: hit.support,
        }
    }

    /// Both answers (inside a sentence, at its start) of text of `shape`, whose own
    /// answer is undecided, when the support the rules of key `k` read (`wanted`) is
    /// not [`Support::Place`]; else undecided.
    fn named(&self, k: u32, shape: u8, wanted: u8) -> [Known; 2] {
        if wanted & Support::Place as u8 != 0 {
            return Default::default();
        }
        // As `context::support` gives them: `Name` (when wanted) unless
        // sentence-initial.
        let inside = Support::None as u8 | wanted & Support::Name as u8;
        [inside, Support::None as u8].map(|bits| self.known(k, shape, Some(bits)))
    }

    /// The [`More`] of alias key `k`, whose own answers are `own`, when it holds some
    /// decided answer: the build calls it once per key, and most keys have none.
    #[inline(always)]
    fn more_of(&self, k: u32, own: [Known; 2]) -> Option<More> {
        let key = &self.index.keys[k as usize];
        // Lowercase text of a key that is not `lower_ok` is turned down before its
        // answer is read.
        let undecided = [!own[0].decided && key.lower_ok, !own[1].decided];
        // Answers for text in capitals are worked out for keys whose first alias
        // (most keys have one) is in capitals ("US", "NASA").
        let caps = self.surfaces[key.head as usize].shape;
        if caps & shape::CAPS_ANYWHERE == 0 && undecided == [false; 2] {
            return None;
        }
        self.more_of_rest(k, undecided, caps)
    }

    /// [`Gazetteer::more_of`] of the few keys that may have one: `undecided` own
    /// answers, or a first alias of shape `caps` in capitals (whose answers are worked
    /// out for text of as many letters: one, or more).
    #[inline(never)]
    fn more_of_rest(&self, k: u32, undecided: [bool; 2], caps: u8) -> Option<More> {
        let wanted = match undecided {
            [false, false] => 0,
            _ => self.support_wanted(k),
        };
        let named = std::array::from_fn(|i| match undecided[i] {
            true => self.named(k, KNOWN_SHAPES[i], wanted),
            false => Default::default(),
        });
        let placed = std::array::from_fn(|i| match undecided[i] {
            true if wanted & Support::Place as u8 != 0 => {
                SUPPORTS.map(|bits| self.known(k, KNOWN_SHAPES[i], Some(bits)))
            }
            _ => Default::default(),
        });
        let caps = CAPS_SHAPES.map(|shape| {
            let letters = (shape ^ caps) & shape::CAPITALIZED == 0;
            match caps & shape::CAPS_ANYWHERE != 0 && letters {
                true => self.known(k, shape, None),
                false => Known::default(),
            }
        });
        // Worth a place only with an answer some hit may read.
        let useful = named.iter().any(|n| n[0].decided)
            || placed.iter().any(|p| p[0].decided)
            || caps.iter().any(|k| k.decided);
        useful.then_some(More {
            named,
            placed,
            wanted,
            caps,
        })
    }
}

/// Sets [`Key::known`](super::super::index::Key::known) and `Key::more` of every
/// alias key, once the gazetteer is complete.
pub(in crate::gazetteer) fn mark_known(g: &mut Gazetteer) {
    for k in 0..g.index.keys.len() {
        if g.index.keys[k].head == NONE {
            continue;
        }
        // Lowercase text of a key no lowercase text matches is turned down before its
        // answer is read: that answer is left unworked.
        let lower_ok = g.index.keys[k].lower_ok;
        let known = KNOWN_SHAPES.map(|shape| {
            if shape == shape::LOWER && !lower_ok {
                Known::default()
            } else {
                g.known(k as u32, shape, None)
            }
        });
        g.index.keys[k].known = known;
        if let Some(more) = g.more_of(k as u32, known) {
            g.index.keys[k].more = g.index.more.len() as u32;
            g.index.more.push(more);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::context::caps_context;
    use super::super::span_shape;
    use super::*;

    /// The rules' answer for `text[start..end]` spelling key `k`, as
    /// [`Gazetteer::accept`] would give it without any answer worked out at build.
    fn by_rules(g: &Gazetteer, text: &str, k: u32, start: usize, end: usize) -> Option<Hit> {
        let mut shape = span_shape(&text.as_bytes()[start..end]);
        if shape & shape::CAPS != 0 && !caps_context(text, start, end) {
            shape &= !shape::CAPS;
        }
        if shape == shape::LOWER && !g.index.keys[k as usize].lower_ok {
            return None;
        }
        g.accept_by_rules(text, k, start, end, shape)
    }

    /// Every key's answers worked out at build, read by [`Gazetteer::accept`], are
    /// the rules' answers: for its aliases as written, in lowercase, capitalized, in
    /// capitals and in mixed case, at a sentence's start and inside one, in a dateline
    /// and among words in capitals.
    #[test]
    fn answers_worked_out_are_the_rules_answers() {
        let g = Gazetteer::build(&[]).unwrap();
        let mut checked = [0; 3];
        for (k, key) in g.index.keys.iter().enumerate() {
            let Some(more) = g.index.more.get(key.more as usize) else {
                continue;
            };
            checked[0] += usize::from(more.named.iter().any(|n| n[0].decided));
            checked[0] += usize::from(more.placed.iter().any(|p| p[0].decided));
            checked[1] += usize::from(more.caps.iter().any(|c| c.decided));
            // Every fourth key: the embedded ones are many.
            if k % 4 != 0 {
                continue;
            }
            for s in g.surfaces_of(k as u32) {
                let alias = g.surfaces[s as usize].alias.as_str();
                let mut capitalized = alias.to_ascii_lowercase();
                if let Some(first) = capitalized.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                let mut mixed = alias.to_ascii_uppercase();
                let n = mixed.len();
                if let Some(last) = mixed.get_mut(n.saturating_sub(1)..) {
                    last.make_ascii_lowercase();
                }
                let words = [
                    alias.to_string(),
                    alias.to_ascii_lowercase(),
                    alias.to_ascii_uppercase(),
                    capitalized,
                    mixed,
                ];
                for word in &words {
                    for (before, after) in [
                        ("He said. ", " x"),
                        ("He said ", " x"),
                        ("", ", x"),
                        ("(", ")"),
                        ("the ", " said"),
                        ("SAID ", " NOW"),
                    ] {
                        let text = format!("{before}{word}{after}");
                        let (start, end) = (before.len(), before.len() + word.len());
                        let fast = g.accept(&text, k as u32, start, end);
                        let rules = by_rules(&g, &text, k as u32, start, end);
                        assert_eq!(fast, rules, "{text:?}");
                        checked[2] += 1;
                    }
                }
            }
        }
        assert!(checked.iter().all(|&n| n > 100), "{checked:?}");
    }

    /// [`Gazetteer::spelled_mixed`] gives what the rules give
    /// ([`Gazetteer::known_as`]) for every key with an alias in mixed case, for text
    /// spelling that alias and for text spelling none.
    #[test]
    fn spelled_mixed_is_the_rules_answer() {
        let g = Gazetteer::build(&[]).unwrap();
        let fields = |k: Known| (k.classes, k.exact, k.decided, k.support);
        let mut checked = 0;
        for k in 0..g.index.keys.len() as u32 {
            for s in g.surfaces_of(k) {
                let alias = g.surfaces[s as usize].alias.as_bytes();
                if g.surfaces[s as usize].shape != 0 {
                    continue;
                }
                let Some(fast) = g.spelled_mixed(k, alias) else {
                    continue;
                };
                assert_eq!(fields(fast), fields(g.known_as(k, 0, s, None)), "{k}");
                // Another text of mixed case, which may spell another alias.
                let mut other = alias.to_vec();
                other[0] ^= 0x20;
                let spells = g
                    .surfaces_of(k)
                    .find(|&t| g.surfaces[t as usize].alias.as_bytes() == other);
                let rules = g.known_as(k, 0, spells.unwrap_or(NONE), None);
                let fast = g.spelled_mixed(k, &other).map(fields);
                assert_eq!(fast, Some(fields(rules)), "{k}");
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}
