//! One-to-one matching of gold and predicted spans, and the counts it yields.

use serde::Serialize;

/// A half-open range of code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

impl Range {
    pub fn new(start: usize, end: usize) -> Range {
        Range { start, end }
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// How many code points the two ranges share.
    pub fn overlap(self, other: Range) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }
}

/// Pairs each gold item with at most one prediction and each prediction with at most
/// one gold item, best `score` first (ties: earlier gold, then earlier prediction), so
/// the result does not depend on the order of the predictions. `score` returns `None`
/// for a pair that may not match.
pub fn greedy<S: Ord>(
    gold: usize,
    pred: usize,
    score: impl Fn(usize, usize) -> Option<S>,
) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(S, usize, usize)> = Vec::new();
    for g in 0..gold {
        for p in 0..pred {
            if let Some(s) = score(g, p) {
                pairs.push((s, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gold_used, mut pred_used) = (vec![false; gold], vec![false; pred]);
    let mut matched = Vec::new();
    for (_, g, p) in pairs {
        if !gold_used[g] && !pred_used[p] {
            gold_used[g] = true;
            pred_used[p] = true;
            matched.push((g, p));
        }
    }
    matched.sort_unstable();
    matched
}

/// True positives, false positives and false negatives, and the figures made of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// The counts of one matching: `matched` pairs out of `gold` and `pred` items.
    pub fn of(gold: usize, pred: usize, matched: usize) -> Counts {
        Counts {
            tp: matched,
            fp: pred - matched,
            fn_: gold - matched,
        }
    }

    pub fn gold(self) -> usize {
        self.tp + self.fn_
    }

    pub fn predicted(self) -> usize {
        self.tp + self.fp
    }

    /// Precision; 0 when nothing was predicted.
    pub fn precision(self) -> f64 {
        ratio(self.tp, self.predicted())
    }

    /// Recall; 0 when there is no gold.
    pub fn recall(self) -> f64 {
        ratio(self.tp, self.gold())
    }

    pub fn f1(self) -> f64 {
        ratio(2 * self.tp, self.gold() + self.predicted())
    }

    /// The figures as written in `--json` output.
    pub fn figures(self) -> Figures {
        Figures {
            gold: self.gold(),
            predicted: self.predicted(),
            matched: self.tp,
            precision: self.precision(),
            recall: self.recall(),
            f1: self.f1(),
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Counts and the ratios made of them, for reports.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Figures {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// `num / den`, or 0 when `den` is 0.
pub fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_of_ranges() {
        let cases = [
            ((0, 5), (3, 8), 2),
            ((0, 5), (5, 8), 0),
            ((3, 8), (0, 20), 5),
            ((4, 4), (0, 9), 0),
            ((9, 12), (0, 3), 0),
        ];
        for ((a, b), (c, d), want) in cases {
            assert_eq!(
                Range::new(a, b).overlap(Range::new(c, d)),
                want,
                "{a}..{b} {c}..{d}"
            );
        }
    }

    #[test]
    fn greedy_takes_the_best_pair_first_and_each_item_once() {
        // Gold 0 overlaps both predictions; prediction 1 is its better match, which
        // leaves prediction 0 for gold 1.
        let gold = [Range::new(0, 10), Range::new(8, 12)];
        let pred = [Range::new(7, 12), Range::new(0, 9)];
        let m = greedy(gold.len(), pred.len(), |g, p| {
            let o = gold[g].overlap(pred[p]);
            (o > 0).then_some(o)
        });
        assert_eq!(m, vec![(0, 1), (1, 0)]);
        // One gold, two candidates: only one is matched.
        let m = greedy(1, 2, |_, _| Some(1));
        assert_eq!(m, vec![(0, 0)]);
        assert!(greedy(3, 0, |_, _| Some(1)).is_empty());
    }

    #[test]
    fn figures_from_counts() {
        let c = Counts::of(4, 2, 1);
        assert_eq!((c.tp, c.fp, c.fn_), (1, 1, 3));
        assert_eq!((c.precision(), c.recall()), (0.5, 0.25));
        assert!((c.f1() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 0.0);
        assert_eq!(Counts::default().precision(), 0.0);
    }
}
