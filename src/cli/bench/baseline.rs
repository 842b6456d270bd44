//! The baseline that `wirex bench` measures in the same run: the least any gazetteer
//! tagger does, one Aho-Corasick scan for every alias over the stories' text, and
//! nothing else (no sentences, no rules, no JSON).
//!
//! MB/s alone depends on the machine; the ratio of wirex's speed to this scan's, timed
//! in turn on the same corpus, carries across machines better (both scale with the
//! CPU) and across runs on one machine.

use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;
use wirex::Pipeline;

use super::corpus::{Corpus, Doc, Format};
use super::work;

/// What the baseline scan did, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct Baseline {
    pub what: &'static str,
    /// Aliases in the automaton.
    pub patterns: usize,
    pub build_ms: f64,
    pub seconds: f64,
    pub mb_per_s: f64,
    /// Leftmost-longest matches found, so a scan that did nothing shows.
    pub matches: usize,
    /// wirex's speed over the scan's, from the two timed batch by batch in turn.
    pub ratio: f64,
}

/// Scans the stories of `corpus` for every alias of `pipeline`'s gazetteers on the
/// calling thread, and after each batch (8 MB) runs wirex's own work on it (as the
/// other passes do): timed in turn, the two see about the same state of the machine,
/// and their ratio holds where each MB/s drifts between passes. Batches, not stories:
/// taking turns story by story, each evicted the other's tables from the cache, which
/// slowed the scan (its automaton is tens of MB) by a quarter on news. Decoding a JSONL
/// line to its text is left out of the scan's time: the baseline is the scan alone.
pub fn run(pipeline: &Pipeline, corpus: &Corpus) -> anyhow::Result<Baseline> {
    let start = Instant::now();
    let aliases: Vec<&str> = pipeline
        .gazetteer_aliases()
        .filter(|a| !a.is_empty())
        .collect();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&aliases)?;
    let build = start.elapsed();
    let (mut scan, mut wirex) = (Duration::ZERO, Duration::ZERO);
    let (mut bytes, mut matches) = (0, 0);
    let mut out = Vec::with_capacity(1 << 16);
    corpus.for_each_batch(|batch| {
        let texts: Vec<String> = batch.iter().filter_map(text_of).collect();
        let start = Instant::now();
        for text in &texts {
            matches += automaton.find_iter(text.as_str()).count();
            bytes += text.len();
        }
        let scanned = Instant::now();
        for doc in batch {
            work::process(pipeline, doc, &mut out, None);
        }
        wirex += scanned.elapsed();
        scan += scanned - start;
    })?;
    let secs = scan.as_secs_f64();
    Ok(Baseline {
        what: "one Aho-Corasick scan (leftmost-longest) for every gazetteer alias",
        patterns: aliases.len(),
        build_ms: build.as_secs_f64() * 1e3,
        seconds: secs,
        mb_per_s: if secs > 0.0 {
            bytes as f64 / 1e6 / secs
        } else {
            0.0
        },
        matches,
        ratio: if wirex.is_zero() {
            0.0
        } else {
            secs / wirex.as_secs_f64()
        },
    })
}

/// The story text of a record; a line that is not a valid record has none (the
/// pipeline's passes count it as an error record).
fn text_of(doc: &Doc<'_>) -> Option<String> {
    match doc.format {
        Format::Text => std::str::from_utf8(&doc.data).ok().map(str::to_string),
        Format::JsonLine => work::Record::read(&doc.data).ok().map(|r| r.text),
    }
}
