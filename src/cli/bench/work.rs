//! The work measured: one record through the pipeline and into JSON, and the passes
//! over a corpus (one thread, a thread pool, one thread with stage timers).

use std::ops::AddAssign;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use wirex::{ErrorRecord, InputOptions, Pipeline, StageTimes};

use super::corpus::{Corpus, Doc, Format};
use super::sys;
use crate::cli::jsonl;

/// What a pass produced, summed over its records. Two passes over one corpus must
/// give equal tallies: the pipeline is deterministic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub docs: usize,
    /// Bytes read (files, JSONL lines).
    pub input_bytes: usize,
    /// Bytes of story text: what MB/s figures are computed on.
    pub text_bytes: usize,
    /// Bytes of JSON written.
    pub output_bytes: usize,
    /// Records that became error records.
    pub errors: usize,
    pub sentences: usize,
    pub entities: usize,
    pub people: usize,
    pub quotes: usize,
    pub quantities: usize,
}

impl AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.docs += o.docs;
        self.input_bytes += o.input_bytes;
        self.text_bytes += o.text_bytes;
        self.output_bytes += o.output_bytes;
        self.errors += o.errors;
        self.sentences += o.sentences;
        self.entities += o.entities;
        self.people += o.people;
        self.quotes += o.quotes;
        self.quantities += o.quantities;
    }
}

fn add(mut a: Tally, b: Tally) -> Tally {
    a += b;
    a
}

/// Time per stage, plus what the pipeline does not time itself.
#[derive(Clone, Debug, Default)]
pub struct Timing {
    /// The pipeline's stages; `input` also holds JSONL record parsing.
    pub stages: StageTimes,
    /// Serializing the document to JSON.
    pub json: Duration,
}

/// A JSONL input record.
#[derive(Deserialize)]
pub(super) struct Record {
    #[serde(default)]
    id: serde_json::Value,
    pub text: String,
}

impl Record {
    /// Reads a JSONL line as `wirex extract --input jsonl` does: its fast reader first,
    /// so the bench times the same input path; serde_json for the lines it leaves alone.
    pub fn read(line: &[u8]) -> Result<Record, serde_json::Error> {
        let fast = std::str::from_utf8(line).ok().and_then(jsonl::fields::read);
        match fast {
            Some((id, text)) => Ok(Record { id, text }),
            None => serde_json::from_slice::<Record>(line),
        }
    }
}

/// Runs one record through the pipeline and serializes it into `out` (cleared first)
/// with the JSONL writer of `wirex extract`.
pub fn process(
    pipeline: &Pipeline,
    doc: &Doc<'_>,
    out: &mut Vec<u8>,
    mut timing: Option<&mut Timing>,
) -> Tally {
    out.clear();
    let mut tally = Tally {
        docs: 1,
        input_bytes: doc.data.len(),
        ..Tally::default()
    };
    let record;
    let (text, id) = match doc.format {
        Format::Text => (&doc.data[..], serde_json::Value::from(&*doc.id)),
        Format::JsonLine => {
            let start = Instant::now();
            match Record::read(&doc.data) {
                Ok(r) => {
                    if let Some(t) = timing.as_deref_mut() {
                        t.stages.input += start.elapsed();
                    }
                    record = r;
                    (record.text.as_bytes(), record.id)
                }
                Err(e) => {
                    let id = serde_json::Value::from(&*doc.id);
                    write_error(out, id, "invalid_json", e.to_string());
                    tally.errors = 1;
                    tally.output_bytes = out.len();
                    return tally;
                }
            }
        }
    };
    tally.text_bytes = text.len();
    let opts = InputOptions::default();
    let result = match timing.as_deref_mut() {
        Some(t) => pipeline.extract_bytes_timed(text, &opts, &mut t.stages),
        None => pipeline.extract_bytes(text, &opts),
    };
    match result {
        Ok(mut d) => {
            d.id = id;
            tally.sentences = d.sentences.len();
            tally.entities = d.entities.len();
            tally.people = d.people.len();
            tally.quotes = d.quotes.len();
            tally.quantities = d.quantities.len();
            let start = Instant::now();
            d.append_json_line(out);
            if let Some(t) = timing {
                t.json += start.elapsed();
            }
        }
        Err(e) => {
            write_error(out, id, "input", e.to_string());
            tally.errors = 1;
        }
    }
    tally.output_bytes = out.len();
    tally
}

fn write_error(out: &mut Vec<u8>, id: serde_json::Value, kind: &str, message: String) {
    let rec = ErrorRecord::new(id, kind, message);
    wirex::write_json_line(&mut *out, &rec).expect("an error record always serializes");
}

/// The measure of one pass over the corpus. Reading the corpus is not included.
#[derive(Clone, Debug, Default)]
pub struct Pass {
    pub wall: Duration,
    /// CPU time of the threads that did the work, when the OS reports it.
    pub cpu: Option<Duration>,
    pub tally: Tally,
    /// Time spent reading the corpus (outside `wall`).
    pub reading: Duration,
}

/// Adds the CPU time between two readings, or gives up on CPU time for the pass.
fn add_cpu(total: &mut Option<Duration>, before: Option<Duration>, after: Option<Duration>) {
    *total = match (*total, before, after) {
        (Some(t), Some(b), Some(a)) => Some(t + a.saturating_sub(b)),
        _ => None,
    };
}

/// Every record on the calling thread; stage timers on when `timing` is given.
pub fn one_thread(
    pipeline: &Pipeline,
    corpus: &Corpus,
    mut timing: Option<&mut Timing>,
) -> anyhow::Result<Pass> {
    let mut pass = Pass {
        cpu: Some(Duration::ZERO),
        ..Pass::default()
    };
    let mut out = Vec::with_capacity(1 << 16);
    pass.reading = corpus.for_each_batch(|batch| {
        let cpu = sys::thread_cpu();
        let start = Instant::now();
        for doc in batch {
            pass.tally += process(pipeline, doc, &mut out, timing.as_deref_mut());
        }
        pass.wall += start.elapsed();
        add_cpu(&mut pass.cpu, cpu, sys::thread_cpu());
    })?;
    Ok(pass)
}

/// Every batch spread over the threads of `pool`, one output buffer per thread.
pub fn thread_pool(
    pipeline: &Pipeline,
    corpus: &Corpus,
    pool: &rayon::ThreadPool,
) -> anyhow::Result<Pass> {
    let mut pass = Pass {
        cpu: Some(Duration::ZERO),
        ..Pass::default()
    };
    pass.reading = corpus.for_each_batch(|batch| {
        let cpu = sys::threads_cpu();
        let start = Instant::now();
        let tally = pool.install(|| {
            batch
                .par_iter()
                .map_init(
                    || Vec::with_capacity(1 << 16),
                    |out, doc| process(pipeline, doc, out, None),
                )
                .reduce(Tally::default, add)
        });
        pass.wall += start.elapsed();
        add_cpu(&mut pass.cpu, cpu, sys::threads_cpu());
        pass.tally += tally;
    })?;
    Ok(pass)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn doc<'a>(data: &'a str, format: Format) -> Doc<'a> {
        Doc {
            id: Cow::Borrowed("d"),
            data: Cow::Borrowed(data.as_bytes()),
            format,
        }
    }

    #[test]
    fn records_become_json_lines_or_error_records() {
        let p = Pipeline::new();
        let mut out = Vec::new();
        // (input, format, errors, id written)
        let cases = [
            ("Talks went on.", Format::Text, 0, "\"id\":\"d\""),
            (
                "{\"id\":7,\"text\":\"Talks.\"}",
                Format::JsonLine,
                0,
                "\"id\":7",
            ),
            ("{\"id\":7}", Format::JsonLine, 1, "\"id\":\"d\""),
            ("not json", Format::JsonLine, 1, "\"kind\":\"invalid_json\""),
        ];
        for (input, format, errors, want) in cases {
            let t = process(&p, &doc(input, format), &mut out, None);
            let line = String::from_utf8(out.clone()).unwrap();
            assert_eq!(t.errors, errors, "{input}");
            assert!(line.contains(want), "{input}: {line}");
            assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
            assert_eq!(t.output_bytes, out.len());
            assert_eq!(t.docs, 1);
        }
    }

    #[test]
    fn invalid_utf8_is_an_error_record() {
        let p = Pipeline::new();
        let mut out = Vec::new();
        let d = Doc {
            id: Cow::Borrowed("bad"),
            data: Cow::Borrowed(b"bad \xff byte"),
            format: Format::Text,
        };
        let t = process(&p, &d, &mut out, None);
        assert_eq!(t.errors, 1);
        assert!(String::from_utf8_lossy(&out).contains("\"error\""));
    }

    #[test]
    fn passes_agree_and_timing_covers_the_stages() {
        let p = Pipeline::new();
        let corpus = Corpus::open(None, 0.2).unwrap();
        let mut timing = Timing::default();
        let single = one_thread(&p, &corpus, Some(&mut timing)).unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let multi = thread_pool(&p, &corpus, &pool).unwrap();
        assert_eq!(single.tally, multi.tally);
        assert!(single.tally.text_bytes >= 200_000);
        assert!(timing.stages.total() > Duration::ZERO);
        assert!(timing.json > Duration::ZERO);
    }
}
