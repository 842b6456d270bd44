//! Entity scoring: exact and partial matches per label.

use serde::Serialize;
use wirex::Label;

use super::matching::{greedy, Counts, Figures, Range};

/// Gold labels and the wirex label each is scored as. GUM and OntoNotes names are
/// accepted so that gold data from either scheme can be used as it is; any other
/// label (EVENT, TIME, ...) is not scored.
const GOLD_LABELS: &[(&str, Label)] = &[
    ("PERSON", Label::Person),
    ("PER", Label::Person),
    ("PLACE", Label::Place),
    ("LOCATION", Label::Place),
    ("LOC", Label::Place),
    ("GPE", Label::Place),
    ("ORG", Label::Org),
    ("ORGANIZATION", Label::Org),
    ("NORP", Label::Norp),
];

/// The labels scored, in report order. NORP is scored only when the gold has it.
pub const LABELS: [Label; 4] = [Label::Person, Label::Place, Label::Org, Label::Norp];

/// The labels of the micro average: what a news NER comparison is made on.
const MICRO: [Label; 3] = [Label::Person, Label::Place, Label::Org];

/// The wirex label a gold label is scored as, if it is scored at all.
pub fn gold_label(name: &str) -> Option<Label> {
    GOLD_LABELS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(_, l)| l)
}

/// An entity span with its label, in code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub range: Range,
    pub label: Label,
}

/// Exact and partial counts for each label of [`LABELS`].
#[derive(Clone, Debug, Default)]
pub struct EntityScores {
    pub exact: [Counts; 4],
    pub partial: [Counts; 4],
    /// Whether any gold mention is NORP (so NORP predictions are scored).
    pub norp: bool,
}

/// What one document's matching found, for `--errors`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Misses {
    /// Gold mentions no prediction overlaps with the same label.
    pub missed: Vec<Mention>,
    /// Predictions that overlap no gold mention of their label.
    pub spurious: Vec<Mention>,
}

impl EntityScores {
    /// Scores one document. `norp` says whether NORP is scored in this file.
    pub fn add(&mut self, gold: &[Mention], pred: &[Mention], norp: bool) -> Misses {
        self.norp |= norp;
        let mut misses = Misses::default();
        for (i, &label) in LABELS.iter().enumerate() {
            if label == Label::Norp && !norp {
                continue;
            }
            let g: Vec<Range> = of_label(gold, label);
            let p: Vec<Range> = of_label(pred, label);
            let exact = greedy(g.len(), p.len(), |a, b| (g[a] == p[b]).then_some(()));
            self.exact[i] += Counts::of(g.len(), p.len(), exact.len());
            let partial = greedy(g.len(), p.len(), |a, b| {
                let o = g[a].overlap(p[b]);
                (o > 0).then_some(o)
            });
            self.partial[i] += Counts::of(g.len(), p.len(), partial.len());
            let (mut g_hit, mut p_hit) = (vec![false; g.len()], vec![false; p.len()]);
            for &(a, b) in &partial {
                g_hit[a] = true;
                p_hit[b] = true;
            }
            let mention = |range| Mention { range, label };
            let missed = g.iter().zip(&g_hit).filter(|(_, &hit)| !hit);
            misses.missed.extend(missed.map(|(&r, _)| mention(r)));
            let spurious = p.iter().zip(&p_hit).filter(|(_, &hit)| !hit);
            misses.spurious.extend(spurious.map(|(&r, _)| mention(r)));
        }
        misses
    }

    /// Micro counts over PERSON, PLACE and ORG.
    pub fn micro(&self, partial: bool) -> Counts {
        let table = if partial { &self.partial } else { &self.exact };
        let mut sum = Counts::default();
        for (i, label) in LABELS.iter().enumerate() {
            if MICRO.contains(label) {
                sum += table[i];
            }
        }
        sum
    }

    /// The rows of the report: each scored label, then `micro`.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = LABELS
            .iter()
            .enumerate()
            .filter(|(_, &l)| l != Label::Norp || self.norp)
            .map(|(i, &l)| Row {
                label: label_name(l),
                exact: self.exact[i].figures(),
                partial: self.partial[i].figures(),
            })
            .collect();
        rows.push(Row {
            label: "micro",
            exact: self.micro(false).figures(),
            partial: self.micro(true).figures(),
        });
        rows
    }
}

/// One line of the entity table.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub label: &'static str,
    pub exact: Figures,
    pub partial: Figures,
}

pub fn label_name(label: Label) -> &'static str {
    match label {
        Label::Person => "PERSON",
        Label::Place => "PLACE",
        Label::Org => "ORG",
        Label::Norp => "NORP",
        _ => "OTHER",
    }
}

fn of_label(mentions: &[Mention], label: Label) -> Vec<Range> {
    mentions
        .iter()
        .filter(|m| m.label == label)
        .map(|m| m.range)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, label: Label) -> Mention {
        Mention {
            range: Range::new(start, end),
            label,
        }
    }

    #[test]
    fn gold_labels_map_to_wirex_labels() {
        let cases = [
            ("PERSON", Some(Label::Person)),
            ("LOCATION", Some(Label::Place)),
            ("PLACE", Some(Label::Place)),
            ("gpe", Some(Label::Place)),
            ("ORGANIZATION", Some(Label::Org)),
            ("ORG", Some(Label::Org)),
            ("NORP", Some(Label::Norp)),
            ("EVENT", None),
            ("TIME", None),
        ];
        for (name, want) in cases {
            assert_eq!(gold_label(name), want, "{name}");
        }
    }

    use Label::{Norp, Org, Person, Place};

    type Spans = &'static [(usize, usize, Label)];
    type Tpf = (usize, usize, usize);

    /// (case, gold, predictions, norp scored, exact (tp, fp, fn), partial (tp, fp, fn)),
    /// summed over labels.
    #[rustfmt::skip]
    const CASES: &[(&str, Spans, Spans, bool, Tpf, Tpf)] = &[
        ("identical",                &[(0, 5, Person)],           &[(0, 5, Person)],                 false, (1, 0, 0), (1, 0, 0)),
        ("wider prediction",         &[(4, 9, Person)],           &[(0, 9, Person)],                 false, (0, 1, 1), (1, 0, 0)),
        ("wrong label",              &[(0, 5, Person)],           &[(0, 5, Org)],                    false, (0, 1, 1), (0, 1, 1)),
        ("touching is no overlap",   &[(0, 5, Place)],            &[(5, 9, Place)],                  false, (0, 1, 1), (0, 1, 1)),
        ("one prediction, two gold", &[(0, 4, Org), (5, 9, Org)], &[(0, 9, Org)],                    false, (0, 1, 2), (1, 0, 1)),
        ("nothing predicted",        &[(0, 4, Place)],            &[],                               false, (0, 0, 1), (0, 0, 1)),
        ("norp ignored",             &[(0, 4, Place)],            &[(0, 4, Place), (6, 9, Norp)],    false, (1, 0, 0), (1, 0, 0)),
        ("norp scored",              &[(6, 9, Norp)],             &[(6, 9, Norp), (0, 3, Norp)],     true,  (1, 1, 0), (1, 1, 0)),
    ];

    #[test]
    fn exact_and_partial_counts() {
        for &(name, gold, pred, norp, exact, partial) in CASES {
            let to = |v: &[(usize, usize, Label)]| -> Vec<Mention> {
                v.iter().map(|&(s, e, l)| m(s, e, l)).collect()
            };
            let mut scores = EntityScores::default();
            scores.add(&to(gold), &to(pred), norp);
            let sum = |t: &[Counts; 4]| {
                let mut c = Counts::default();
                t.iter().for_each(|x| c += *x);
                (c.tp, c.fp, c.fn_)
            };
            assert_eq!(sum(&scores.exact), exact, "{name}: exact");
            assert_eq!(sum(&scores.partial), partial, "{name}: partial");
        }
    }

    #[test]
    fn micro_leaves_norp_out_and_misses_are_listed() {
        let mut s = EntityScores::default();
        let gold = [m(0, 5, Person), m(10, 15, Place), m(20, 25, Norp)];
        let pred = [m(0, 5, Person), m(30, 35, Org), m(20, 25, Norp)];
        let misses = s.add(&gold, &pred, true);
        let micro = s.micro(true);
        assert_eq!((micro.tp, micro.fp, micro.fn_), (1, 1, 1));
        assert_eq!(misses.missed, vec![m(10, 15, Place)]);
        assert_eq!(misses.spurious, vec![m(30, 35, Org)]);
        let rows = s.rows();
        let labels: Vec<&str> = rows.iter().map(|r| r.label).collect();
        assert_eq!(labels, ["PERSON", "PLACE", "ORG", "NORP", "micro"]);
        assert_eq!(rows[3].partial.f1, 1.0);
    }
}
