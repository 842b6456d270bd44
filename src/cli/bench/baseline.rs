//! The baseline that `wirex bench` measures in the same run: the least any gazetteer
//! tagger does, one Aho-Corasick scan for every alias over the stories' text, and
//! nothing else (no sentences, no rules, no JSON).
//!
//! MB/s alone depends on the machine; the ratio of wirex's speed to this scan's, on
//! the same corpus in the same run, carries across machines better (both scale with
//! the CPU), though it still varies by some percent from run to run.

use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;

use super::corpus::{Corpus, Doc, Format};
use super::sys;
use super::work::add_cpu;
use crate::cli::jsonl;

/// What the baseline scan did, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct Baseline {
    pub what: &'static str,
    /// Aliases in the automaton.
    pub patterns: usize,
    pub build_ms: f64,
    pub seconds: f64,
    pub mb_per_s: f64,
    pub mb_per_cpu_s: Option<f64>,
    /// Leftmost-longest matches found, so a scan that did nothing shows.
    pub matches: usize,
}

/// Scans the stories of `corpus` for every one of `aliases` on the calling thread.
/// Decoding a JSONL line to its text is done before the clock starts: the baseline
/// is the scan alone.
pub fn run<'a>(
    aliases: impl Iterator<Item = &'a str>,
    corpus: &Corpus,
) -> anyhow::Result<Baseline> {
    let start = Instant::now();
    let aliases: Vec<&str> = aliases.filter(|a| !a.is_empty()).collect();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&aliases)?;
    let build = start.elapsed();
    let (mut wall, mut cpu) = (Duration::ZERO, Some(Duration::ZERO));
    let (mut bytes, mut matches) = (0, 0);
    corpus.for_each_batch(|batch| {
        let texts: Vec<String> = batch.iter().filter_map(text_of).collect();
        let before = sys::thread_cpu();
        let start = Instant::now();
        for text in &texts {
            matches += automaton.find_iter(text.as_str()).count();
            bytes += text.len();
        }
        wall += start.elapsed();
        add_cpu(&mut cpu, before, sys::thread_cpu());
    })?;
    let mb = bytes as f64 / 1e6;
    let per = |secs: f64| if secs > 0.0 { mb / secs } else { 0.0 };
    Ok(Baseline {
        what: "one Aho-Corasick scan (leftmost-longest) for every gazetteer alias",
        patterns: aliases.len(),
        build_ms: build.as_secs_f64() * 1e3,
        seconds: wall.as_secs_f64(),
        mb_per_s: per(wall.as_secs_f64()),
        mb_per_cpu_s: cpu.map(|c| per(c.as_secs_f64())),
        matches,
    })
}

/// The story text of a record; a line that is not a valid record has none (the
/// pipeline's passes count it as an error record).
fn text_of(doc: &Doc<'_>) -> Option<String> {
    match doc.format {
        Format::Text => std::str::from_utf8(&doc.data).ok().map(str::to_string),
        Format::JsonLine => {
            let line = std::str::from_utf8(&doc.data).ok()?;
            match jsonl::fields::read(line) {
                Some((_, text)) => Some(text),
                None => {
                    let v: serde_json::Value = serde_json::from_str(line).ok()?;
                    v.get("text")?.as_str().map(str::to_string)
                }
            }
        }
    }
}
