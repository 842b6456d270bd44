//! The second look at runs with no evidence, teams in sports stories, and one label
//! per span.

use crate::document::Label;

use super::kinds;
use super::lexicon::bit;
use super::tokens::{Shape, Tok};
use super::{Evidence, Mention};
use crate::hash::WordSet;

mod second_look;

pub(super) use second_look::second_look;

/// Prepositions that keep a country a place even in a sports story (`in Sweden`).
const STAYS_PLACE: &[&str] = &[
    "in",
    "at",
    "from",
    "across",
    "throughout",
    "inside",
    "near",
    "of",
];

/// In a sports story a country's name is its team: an organization (the GUM notes
/// say labels follow the referent's role). A story is a sports story when it uses at
/// least four distinct [`SPORTS`](super::lexicon::SPORTS) words.
pub(super) fn teams(mentions: &mut [Mention<'_>], text: &str, toks: &[Tok]) {
    let country =
        |m: &Mention<'_>| m.label == Label::Place && m.kind.is_some_and(|k| k == "country");
    if !mentions.iter().any(country) {
        return;
    }
    // Four distinct words need four tokens with the bit: counted without a branch per
    // token first, as most stories have none.
    let flagged: u32 = toks
        .iter()
        .map(|t| u32::from(t.flags & bit::SPORTS != 0))
        .sum();
    if flagged < 4 {
        return;
    }
    let mut seen: WordSet<&str> = WordSet::default();
    for t in toks {
        // The bit first: nearly every token lacks it, and most are lowercase.
        if t.flags & bit::SPORTS == 0 || t.shape != Shape::Lower {
            continue;
        }
        seen.insert(&text[t.start()..t.end()]);
        if seen.len() >= 4 {
            break;
        }
    }
    if seen.len() < 4 {
        return;
    }
    for m in mentions.iter_mut() {
        if !country(m) {
            continue;
        }
        let before =
            m.t0.checked_sub(1)
                .map(|i| &toks[i])
                .filter(|t| t.sentence() == toks[m.t0].sentence() && t.shape == Shape::Lower);
        if before.is_some_and(|t| STAYS_PLACE.contains(&&text[t.start()..t.end()])) {
            continue;
        }
        m.label = Label::Org;
        m.kind = Some(&kinds::TEAM);
    }
}

/// Keeps one reading per span: where mentions overlap, the stronger evidence wins,
/// then the longer span. A nationality or place inside an organization's span stays
/// (`Chinese` in `Chinese Foreign Ministry`): the spans differ, and both are true.
/// The runs [`second_look`] dropped (left with [`Evidence::Unknown`]) take no part,
/// and are removed with the losers.
pub(super) fn one_label_per_span(mentions: &mut Vec<Mention<'_>>) {
    text_order(mentions);
    // The contest runs over indices, and one `retain` drops the losers: the mentions
    // themselves never move. The winners of a group keep text order: two of them
    // never share a span (one would clash with the other), so that order is total.
    let mut keep = vec![false; mentions.len()];
    // The group of overlapping mentions read so far: most groups are one mention,
    // kept as `lone` with nothing pushed; a second member moves both into `group`.
    let mut lone: Option<usize> = None;
    let mut group: Vec<usize> = Vec::new();
    let mut won: Vec<usize> = Vec::new();
    let mut group_end = 0;
    // Only mentions that overlap each other compete: settle each group of them alone,
    // so the work stays linear in the story's length.
    for (i, m) in mentions.iter().enumerate() {
        if m.evidence == Evidence::Unknown {
            continue;
        }
        if m.start >= group_end {
            settle(mentions, lone, &mut group, &mut won, &mut keep);
            lone = Some(i);
            group_end = m.end;
            continue;
        }
        group.extend(lone.take());
        group.push(i);
        group_end = group_end.max(m.end);
    }
    settle(mentions, lone, &mut group, &mut won, &mut keep);
    let mut i = 0;
    mentions.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Sorts mentions by start, the longer first at one start. The first reading emits
/// nearly in that order: only a mention nested in a pattern or a known organization
/// is pushed before the one holding it, a place or two early. Each such mention is
/// moved back to its place (a stable insertion), and the rest are compared once, not
/// moved: a general sort would move every large mention several times. A story far
/// from that order (none is, from the first reading) is sorted in full.
fn text_order(mentions: &mut [Mention<'_>]) {
    let after = |a: &Mention<'_>, b: &Mention<'_>| (a.start, b.end) > (b.start, a.end);
    // How many places mentions may move in all before the full sort takes over:
    // the insertion stays linear in the story's length.
    let mut budget = mentions.len() * 2 + 16;
    for i in 1..mentions.len() {
        if !after(&mentions[i - 1], &mentions[i]) {
            continue;
        }
        let m = &mentions[i];
        let to = mentions[..i - 1]
            .iter()
            .rposition(|k| !after(k, m))
            .map_or(0, |k| k + 1);
        let Some(left) = budget.checked_sub(i - to) else {
            mentions.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            return;
        };
        budget = left;
        mentions[to..=i].rotate_right(1);
    }
}

/// Settles one group of overlapping mentions, `lone` when it is one mention, else
/// `group` (indices into `mentions`, in text order; empty before the first group):
/// marks the winners in `keep` and empties `group`. `won` is scratch space. Inlined
/// for the common group of one mention, which has nothing to settle.
#[inline(always)]
fn settle(
    mentions: &[Mention<'_>],
    lone: Option<usize>,
    group: &mut Vec<usize>,
    won: &mut Vec<usize>,
    keep: &mut [bool],
) {
    if let Some(only) = lone {
        keep[only] = true;
        return;
    }
    if !group.is_empty() {
        contest(mentions, group, won, keep);
    }
}

/// Settles a group of several overlapping mentions, as [`settle`].
#[inline(never)]
fn contest(
    mentions: &[Mention<'_>],
    group: &mut Vec<usize>,
    won: &mut Vec<usize>,
    keep: &mut [bool],
) {
    group.sort_by(|&a, &b| {
        let (a, b) = (&mentions[a], &mentions[b]);
        (b.evidence, b.end - b.start)
            .cmp(&(a.evidence, a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    won.clear();
    for &i in group.iter() {
        let m = &mentions[i];
        let clash = won.iter().any(|&k| {
            let k = &mentions[k];
            let overlap = m.start < k.end && k.start < m.end;
            overlap && !nests(k, m) && !nests(m, k)
        });
        if !clash {
            won.push(i);
            keep[i] = true;
        }
    }
    group.clear();
}

/// True when `inner` may sit inside `outer`: a nationality or place inside an
/// organization or a named place (`Nizhny Novgorod` in `Nizhny Novgorod Stadium`),
/// with a strictly smaller span.
fn nests(outer: &Mention<'_>, inner: &Mention<'_>) -> bool {
    matches!(outer.label, Label::Org | Label::Place)
        && matches!(inner.label, Label::Norp | Label::Place)
        && outer.start <= inner.start
        && inner.end <= outer.end
        && outer.end - outer.start > inner.end - inner.start
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label and every evidence, for the tests here and in `second_look` that
    /// try each pair.
    pub(super) const LABELS: [Label; 4] = [Label::Person, Label::Place, Label::Org, Label::Norp];
    pub(super) const EVIDENCES: [Evidence; 4] = [
        Evidence::Unknown,
        Evidence::Shape,
        Evidence::Context,
        Evidence::Strong,
    ];

    /// The contest as it was written before groups of one were kept apart: every
    /// group in a list, settled when the next mention starts past it.
    fn one_label_per_span_by_lists(mentions: &mut Vec<Mention<'_>>) {
        text_order(mentions);
        let mut keep = vec![false; mentions.len()];
        let (mut group, mut won): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        let mut group_end = 0;
        for (i, m) in mentions.iter().enumerate() {
            if m.evidence == Evidence::Unknown {
                continue;
            }
            if !group.is_empty() && m.start >= group_end {
                contest(mentions, &mut group, &mut won, &mut keep);
            }
            group_end = if group.is_empty() {
                m.end
            } else {
                group_end.max(m.end)
            };
            group.push(i);
        }
        if !group.is_empty() {
            contest(mentions, &mut group, &mut won, &mut keep);
        }
        let mut i = 0;
        mentions.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }

    /// Groups of one kept apart settle every story as the lists did: lone mentions,
    /// nested and crossing ones, runs with no evidence between and inside groups.
    #[test]
    fn lone_groups_agree_with_lists() {
        let mut groups = 0;
        for seed in 0..60usize {
            for n in [0, 1, 2, 7, 40, 150] {
                let mentions: Vec<Mention<'_>> = (0..n)
                    .map(|k| {
                        let x = (seed * 37 + k * 11) % 29;
                        let start = k * 4 + x % 5;
                        let end = start + 1 + (x * 3 + seed) % 9;
                        let mut m = Mention::new(LABELS[x % 4], start, end, k, k + 1);
                        m.evidence = EVIDENCES[(x / 4 + seed) % 4];
                        m
                    })
                    .collect();
                let (mut got, mut want) = (mentions.clone(), mentions);
                one_label_per_span(&mut got);
                one_label_per_span_by_lists(&mut want);
                let spans = |v: &[Mention<'_>]| -> Vec<(usize, usize, Label)> {
                    v.iter().map(|m| (m.start, m.end, m.label)).collect()
                };
                assert_eq!(spans(&got), spans(&want), "seed {seed}, {n} mentions");
                groups += usize::from(want.len() > 1 && got.len() < n);
            }
        }
        assert!(groups > 50, "{groups}");
    }

    /// The insertion, and its fallback, give the order a stable sort gives.
    #[test]
    fn text_order_agrees_with_a_stable_sort() {
        let spans = |seed: usize, n: usize| -> Vec<(usize, usize)> {
            (0..n)
                .map(|k| {
                    let x = (seed * 31 + k * 17) % 23;
                    let start = if seed.is_multiple_of(2) {
                        k * 3 + x % 4
                    } else {
                        x
                    };
                    (start, start + 1 + (x * 7 + seed) % 5)
                })
                .collect()
        };
        for seed in 0..40 {
            for n in [0, 1, 2, 5, 30, 200] {
                let mut got: Vec<Mention<'_>> = spans(seed, n)
                    .into_iter()
                    .enumerate()
                    .map(|(k, (s, e))| Mention::new(Label::Place, s, e, k, k + 1))
                    .collect();
                let mut want = got.clone();
                want.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
                text_order(&mut got);
                let ids = |v: &[Mention<'_>]| v.iter().map(|m| m.t0).collect::<Vec<_>>();
                assert_eq!(ids(&got), ids(&want), "seed {seed}, {n} mentions");
            }
        }
    }
}
