//! Quote scoring: direct-quote recall and precision, and speaker accuracy.
//!
//! Gold quote spans include their quote marks; wirex's `start`/`end` exclude them. To
//! compare like with like, each prediction is widened by the quote mark right before
//! and right after it, when there is one (the gold is left as it is).
//!
//! Gold made sentence by sentence cuts one quote into fragments: `"A. ` + `B."` with
//! only a space between. Such neighbours (separated by spaces, no line break, and not
//! a closed quote followed by a new one) are joined into one gold quote before
//! matching, which keeps the first fragment's speaker.

use serde::Serialize;

use super::matching::{greedy, ratio, Counts, Figures, Range};

/// Characters that open or close a quote. Straight, typographic, low-9 and guillemet
/// marks, double and single.
const MARKS: &[char] = &[
    '"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›',
];

/// A prediction matches a gold quote when they share at least this fraction of the
/// longer of the two spans (as numerator / denominator).
const MIN_OVERLAP: (usize, usize) = (4, 5);

/// A gold speaker: its span and the texts a predicted name may be compared with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSpeaker {
    pub range: Range,
    /// The speaker phrase, then the speaker's full name when the gold gives one.
    pub names: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldQuote {
    pub range: Range,
    pub speaker: Option<GoldSpeaker>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PredSpeaker {
    pub mention: Option<Range>,
    /// The canonical name of the person the speaker links to.
    pub name: Option<String>,
}

/// A predicted direct quote, marks excluded as wirex writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredQuote {
    pub range: Range,
    pub speaker: Option<PredSpeaker>,
}

/// Totals over a gold file.
#[derive(Clone, Debug, Default)]
pub struct QuoteScores {
    pub counts: Counts,
    /// Gold quotes as given, before fragments were joined.
    pub gold_fragments: usize,
    /// Matched quotes whose gold has a speaker.
    pub speakers_scored: usize,
    pub speakers_correct: usize,
}

/// What one document's matching found, for `--errors`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Misses {
    pub missed: Vec<Range>,
    pub spurious: Vec<Range>,
    /// Matched quotes with a wrong or missing speaker: gold speaker, predicted speaker.
    pub wrong_speaker: Vec<(GoldSpeaker, Option<PredSpeaker>)>,
}

/// The quote figures of a report.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteReport {
    pub gold_fragments: usize,
    pub direct: Figures,
    pub speakers_scored: usize,
    pub speakers_correct: usize,
    pub speaker_accuracy: f64,
}

impl QuoteScores {
    /// Scores one document; `text` is its characters, which offsets index.
    pub fn add(&mut self, text: &[char], gold: &[GoldQuote], pred: &[PredQuote]) -> Misses {
        self.gold_fragments += gold.len();
        let gold = join_fragments(text, gold);
        let wide: Vec<Range> = pred.iter().map(|p| widen(text, p.range)).collect();
        let matched = greedy(gold.len(), wide.len(), |g, p| {
            let o = gold[g].range.overlap(wide[p]);
            let longer = gold[g].range.len().max(wide[p].len());
            (o > 0 && o * MIN_OVERLAP.1 >= longer * MIN_OVERLAP.0).then_some(o)
        });
        self.counts += Counts::of(gold.len(), pred.len(), matched.len());
        let mut misses = Misses::default();
        for &(g, p) in &matched {
            if let Some(speaker) = &gold[g].speaker {
                self.speakers_scored += 1;
                if speaker_matches(speaker, pred[p].speaker.as_ref()) {
                    self.speakers_correct += 1;
                } else {
                    misses
                        .wrong_speaker
                        .push((speaker.clone(), pred[p].speaker.clone()));
                }
            }
        }
        misses.missed = (0..gold.len())
            .filter(|g| !matched.iter().any(|m| m.0 == *g))
            .map(|g| gold[g].range)
            .collect();
        misses.spurious = (0..wide.len())
            .filter(|p| !matched.iter().any(|m| m.1 == *p))
            .map(|p| wide[p])
            .collect();
        misses
    }

    pub fn report(&self) -> QuoteReport {
        QuoteReport {
            gold_fragments: self.gold_fragments,
            direct: self.counts.figures(),
            speakers_scored: self.speakers_scored,
            speakers_correct: self.speakers_correct,
            speaker_accuracy: ratio(self.speakers_correct, self.speakers_scored),
        }
    }
}

/// Joins gold quotes cut at sentence ends (see the module doc).
pub fn join_fragments(text: &[char], gold: &[GoldQuote]) -> Vec<GoldQuote> {
    let mut sorted = gold.to_vec();
    sorted.sort_by_key(|q| (q.range.start, q.range.end));
    let mut joined: Vec<GoldQuote> = Vec::with_capacity(sorted.len());
    for q in sorted {
        if let Some(last) = joined.last_mut() {
            if continues(text, last.range, q.range) {
                last.range.end = last.range.end.max(q.range.end);
                if last.speaker.is_none() {
                    last.speaker = q.speaker;
                }
                continue;
            }
        }
        joined.push(q);
    }
    joined
}

/// True when `next` is the rest of the quote `prev` began.
fn continues(text: &[char], prev: Range, next: Range) -> bool {
    let (Some(gap), Some(prev_chars), Some(next_chars)) = (
        text.get(prev.end..next.start),
        text.get(prev.start..prev.end),
        text.get(next.start..next.end),
    ) else {
        return false;
    };
    let closed = prev_chars.last().is_some_and(|c| MARKS.contains(c));
    let opens = next_chars.first().is_some_and(|c| MARKS.contains(c));
    gap.iter()
        .all(|c| c.is_whitespace() && *c != '\n' && *c != '\r')
        && !(closed && opens)
}

/// The prediction with the quote marks around it.
fn widen(text: &[char], r: Range) -> Range {
    let mark = |i: usize| text.get(i).is_some_and(|c| MARKS.contains(c));
    let start = if r.start > 0 && mark(r.start - 1) {
        r.start - 1
    } else {
        r.start
    };
    let end = if mark(r.end) { r.end + 1 } else { r.end };
    Range::new(start, end)
}

/// The speaker rule: the predicted speaker phrase overlaps the gold speaker phrase, or
/// the predicted person's name and one of the gold names (phrase or full name) are one
/// inside the other as whole words, ignoring case ("Rodaba Noori" in "team member
/// Rodaba Noori"). Whole words, so that a gold "he" does not match "Stephen".
pub fn speaker_matches(gold: &GoldSpeaker, pred: Option<&PredSpeaker>) -> bool {
    let Some(pred) = pred else {
        return false;
    };
    if pred.mention.is_some_and(|m| m.overlap(gold.range) > 0) {
        return true;
    }
    let Some(name) = pred.name.as_deref() else {
        return false;
    };
    gold.names
        .iter()
        .any(|g| contains_words(g, name) || contains_words(name, g))
}

/// True when the words of `needle` appear in a row among the words of `hay`.
fn contains_words(hay: &str, needle: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (hay, needle) = (words(hay), words(needle));
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn gold(text: &str, quote: &str, speaker: Option<(&str, &[&str])>) -> GoldQuote {
        let find = |s: &str| {
            let b = text.find(s).unwrap();
            let start = text[..b].chars().count();
            Range::new(start, start + s.chars().count())
        };
        GoldQuote {
            range: find(quote),
            speaker: speaker.map(|(phrase, names)| GoldSpeaker {
                range: find(phrase),
                names: std::iter::once(phrase)
                    .chain(names.iter().copied())
                    .map(String::from)
                    .collect(),
            }),
        }
    }

    fn pred(text: &str, quote: &str, mention: Option<&str>, name: Option<&str>) -> PredQuote {
        let find = |s: &str| {
            let b = text.find(s).unwrap();
            let start = text[..b].chars().count();
            Range::new(start, start + s.chars().count())
        };
        PredQuote {
            range: find(quote),
            speaker: Some(PredSpeaker {
                mention: mention.map(find),
                name: name.map(String::from),
            }),
        }
    }

    #[test]
    fn widen_adds_adjacent_marks_only() {
        let t = chars("He said “yes” and 'no' then maybe.");
        let cases = [
            ((9, 12), (8, 13)),
            ((19, 21), (18, 22)),
            ((28, 33), (28, 33)),
        ];
        for ((s, e), (ws, we)) in cases {
            assert_eq!(widen(&t, Range::new(s, e)), Range::new(ws, we), "{s}..{e}");
        }
        assert_eq!(widen(&t, Range::new(0, t.len())), Range::new(0, t.len()));
    }

    #[test]
    fn sentence_fragments_join_but_separate_quotes_do_not() {
        // (text, gold quotes, joined spans as text)
        #[rustfmt::skip]
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("\"A b. C d,\" he said.", &["\"A b.", "C d,\""],      &["\"A b. C d,\""]),
            ("\"A b.\" \"C d.\"",       &["\"A b.\"", "\"C d.\""], &["\"A b.\"", "\"C d.\""]),
            ("\"A b.\nC d.\"",         &["\"A b.", "C d.\""],      &["\"A b.", "C d.\""]),
            ("\"A\" and \"B\"",         &["\"A\"", "\"B\""],       &["\"A\"", "\"B\""]),
        ];
        for (text, quotes, want) in cases {
            let t = chars(text);
            let g: Vec<GoldQuote> = quotes.iter().map(|q| gold(text, q, None)).collect();
            let got: Vec<String> = join_fragments(&t, &g)
                .iter()
                .map(|q| t[q.range.start..q.range.end].iter().collect())
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn joined_fragments_keep_the_first_speaker() {
        let text = "\"A b. C d,\" Ann said.";
        let t = chars(text);
        let g = [
            gold(text, "\"A b.", None),
            gold(text, "C d,\"", Some(("Ann", &[]))),
        ];
        let joined = join_fragments(&t, &g);
        assert_eq!(joined.len(), 1);
        assert_eq!(joined[0].speaker.as_ref().unwrap().names, ["Ann"]);
    }

    #[test]
    fn quote_matching_needs_four_fifths_of_the_longer_span() {
        let text = "\"One two three four five six seven eight nine ten,\" Ann said. \"Eleven.\"";
        let t = chars(text);
        let g = [gold(
            text,
            "\"One two three four five six seven eight nine ten,\"",
            None,
        )];
        // (prediction, matched)
        let cases = [
            ("One two three four five six seven eight nine ten,", true),
            ("One two three four five six seven eight nine", true),
            ("One two three four", false),
            ("Eleven.", false),
        ];
        for (p, want) in cases {
            let mut s = QuoteScores::default();
            s.add(&t, &g, &[pred(text, p, None, None)]);
            assert_eq!(s.counts.tp == 1, want, "{p}");
        }
    }

    #[test]
    fn speaker_rule() {
        let text = "\"Hi,\" team member Rodaba Noori told the press. \"Yes,\" he said.";
        let gs = |phrase: &str, names: &[&str]| gold(text, "\"Hi,\"", Some((phrase, names)));
        // (gold phrase, gold full names, predicted mention, predicted name, correct)
        type Case<'a> = (
            &'a str,
            &'a [&'a str],
            Option<&'a str>,
            Option<&'a str>,
            bool,
        );
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("team member Rodaba Noori", &[],               Some("Rodaba Noori"), None,                 true),
            ("team member Rodaba Noori", &[],               None,                 Some("Rodaba Noori"), true),
            ("team member Rodaba Noori", &[],               None,                 Some("Noori"),        true),
            ("he",                       &["Rodaba Noori"], None,                 Some("Rodaba Noori"), true),
            ("he",                       &[],               None,                 Some("Stephen"),      false),
            ("he",                       &[],               None,                 Some("Noori"),        false),
            ("team member Rodaba Noori", &[],               Some("the press"),    Some("Jan Ori"),      false),
            ("team member Rodaba Noori", &[],               None,                 None,                 false),
        ];
        for &(phrase, names, mention, name, want) in cases {
            let g = gs(phrase, names);
            let p = pred(text, "Hi,", mention, name);
            assert_eq!(
                speaker_matches(g.speaker.as_ref().unwrap(), p.speaker.as_ref()),
                want,
                "{phrase} / {mention:?} / {name:?}"
            );
        }
        assert!(!speaker_matches(
            gs("he", &[]).speaker.as_ref().unwrap(),
            None
        ));
    }

    #[test]
    fn scores_over_a_document() {
        let text = "\"Hi,\" Ann said. \"Bye,\" Bob said. \"Extra.\"";
        let t = chars(text);
        let g = [
            gold(text, "\"Hi,\"", Some(("Ann", &[]))),
            gold(text, "\"Bye,\"", Some(("Bob", &[]))),
        ];
        let p = [
            pred(text, "Hi,", Some("Ann"), Some("Ann Lee")),
            pred(text, "Bye,", None, Some("Ann Lee")),
            pred(text, "Extra.", None, None),
        ];
        let mut s = QuoteScores::default();
        let misses = s.add(&t, &g, &p);
        let r = s.report();
        assert_eq!(
            (r.direct.matched, r.direct.gold, r.direct.predicted),
            (2, 2, 3)
        );
        assert_eq!((r.speakers_scored, r.speakers_correct), (2, 1));
        assert_eq!(r.speaker_accuracy, 0.5);
        assert_eq!(misses.spurious.len(), 1);
        assert_eq!(misses.wrong_speaker.len(), 1);
        assert!(misses.missed.is_empty());
    }
}
