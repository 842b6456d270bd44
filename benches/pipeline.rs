//! Criterion benches: pipeline build, the reference story end to end, the whole
//! pipeline over about 1 MB (the stories of `tests/data` in turn, as `wirex bench`'s
//! built-in corpus), and each stage alone over the same corpus.
//!
//! Every bench first checks what the pipeline found against the reference gold
//! (`tests/data/donetsk.expected.json`), so that a fast wrong answer fails instead of
//! looking good. The checks ask for half of the required gold items: they catch a
//! stage that does nothing, not a small loss of accuracy (the tests do that). Over the
//! corpus, every story must also yield sentences and entities.
//!
//! Stages are timed inside the real pipeline with the hidden timed entry point
//! (`Pipeline::extract_bytes_timed`), through criterion's `iter_custom`: a stage gets
//! exactly the inputs it gets in production, and no copy of the stage sequence exists
//! here. Run with `cargo bench`; they are kept short (10 samples, 2 s).
//!
//! `corpus_1mb/baseline` is what `wirex bench` sets its figures against: one
//! Aho-Corasick scan for every gazetteer alias over the same text, beside
//! `corpus_1mb/pipeline` so that criterion prints both throughputs of one run.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use wirex::{Document, InputOptions, Pipeline, StageTimes};

// The same allocator as the `wirex` binary, so these figures match `wirex bench`.
#[path = "../src/allocator.rs"]
mod allocator;

#[global_allocator]
static GLOBAL: allocator::Allocator = allocator::Allocator;

// The stories of `wirex bench`'s built-in corpus.
#[path = "../src/cli/bench/stories.rs"]
mod stories;

const STORY: &str = include_str!("../tests/data/donetsk.txt");
const GOLD: &str = include_str!("../tests/data/donetsk.expected.json");

/// Bytes of text in the corpus benches.
const CORPUS_BYTES: usize = 1_000_000;

/// Lower bounds on what one pass over the reference story must find.
struct Expect {
    sentences: usize,
    entities: usize,
    places: usize,
    quotes: usize,
    quantities: usize,
}

impl Expect {
    fn from_gold() -> Expect {
        let gold: serde_json::Value = serde_json::from_str(GOLD).expect("gold parses");
        let required = |key: &str, label: Option<&str>| {
            let items = gold[key].as_array().expect("gold list");
            items
                .iter()
                .filter(|i| i["required"].as_bool() != Some(false))
                .filter(|i| label.is_none_or(|l| i["label"] == l))
                .count()
        };
        let half = |n: usize| n.div_ceil(2);
        Expect {
            sentences: gold["body_sentence_count"].as_u64().expect("count") as usize,
            entities: half(required("entities", None)),
            places: half(required("entities", Some("PLACE"))),
            quotes: half(required("quotes", None)),
            quantities: half(required("quantities", None)),
        }
    }

    /// Panics unless `doc` (found in a text of `copies` reference stories) holds enough.
    fn check(&self, doc: &Document, copies: usize) {
        let at_least = |what: &str, found: usize, want: usize| {
            assert!(
                found >= want * copies,
                "{what}: found {found}, want at least {} — a fast wrong answer is no answer",
                want * copies
            );
        };
        at_least("sentences", doc.sentences.len(), self.sentences);
        at_least("entities", doc.entities.len(), self.entities);
        at_least("quotes", doc.quotes.len(), self.quotes);
        at_least("quantities", doc.quantities.len(), self.quantities);
    }
}

/// The stories of `tests/data` in turn to about 1 MB, as separate documents.
fn corpus() -> Vec<&'static str> {
    let mut docs = Vec::new();
    let mut bytes = 0;
    for (_, text) in stories::STORIES.iter().cycle() {
        if bytes >= CORPUS_BYTES {
            break;
        }
        docs.push(*text);
        bytes += text.len();
    }
    docs
}

/// Panics unless every story of the corpus yields sentences and entities.
fn check_corpus(pipeline: &Pipeline) {
    for (name, text) in stories::STORIES {
        let doc = pipeline.extract(text);
        assert!(
            !doc.sentences.is_empty() && !doc.entities.is_empty(),
            "{name}: {} sentences, {} entities — a fast wrong answer is no answer",
            doc.sentences.len(),
            doc.entities.len()
        );
    }
}

/// One story extracted and written as the JSON line `wirex extract` writes (the
/// hand-written writer, into a buffer reused as the CLI reuses it); its length.
fn end_to_end(pipeline: &Pipeline, text: &str, out: &mut Vec<u8>) -> usize {
    out.clear();
    pipeline.extract(text).append_json_line(out);
    out.len()
}

fn build(c: &mut Criterion) {
    let expect = Expect::from_gold();
    expect.check(&Pipeline::new().extract(STORY), 1);
    c.bench_function("build", |b| b.iter(|| black_box(Pipeline::new())));
}

fn story(c: &mut Criterion) {
    let pipeline = Pipeline::new();
    Expect::from_gold().check(&pipeline.extract(STORY), 1);
    let mut g = c.benchmark_group("story");
    g.throughput(Throughput::Bytes(STORY.len() as u64));
    g.bench_function("donetsk", |b| {
        let mut out = Vec::new();
        b.iter(|| end_to_end(&pipeline, black_box(STORY), &mut out))
    });
    g.finish();
}

fn corpus_end_to_end(c: &mut Criterion) {
    let pipeline = Pipeline::new();
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let expect = Expect::from_gold();
    expect.check(&pipeline.extract(STORY), 1);
    check_corpus(&pipeline);
    let mut g = c.benchmark_group("corpus_1mb");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("pipeline", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            docs.iter()
                .map(|d| end_to_end(&pipeline, black_box(d), &mut out))
                .sum::<usize>()
        })
    });
    let aliases: Vec<&str> = pipeline
        .gazetteer_aliases()
        .filter(|a| !a.is_empty())
        .collect();
    let scan = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&aliases)
        .expect("the aliases make an automaton");
    let matches = |d: &str| scan.find_iter(d).count();
    assert!(
        matches(STORY) >= expect.places,
        "the baseline scan finds no place"
    );
    g.bench_function("baseline", |b| {
        b.iter(|| docs.iter().map(|d| matches(black_box(d))).sum::<usize>())
    });
    g.finish();
}

fn stages(c: &mut Criterion) {
    let pipeline = Pipeline::new();
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let opts = InputOptions::default();
    let pass = |times: &mut StageTimes| {
        for d in &docs {
            let doc = pipeline
                .extract_bytes_timed(black_box(d.as_bytes()), &opts, times)
                .expect("the stories are valid UTF-8");
            black_box(doc);
        }
    };
    let mut once = StageTimes::default();
    pass(&mut once);
    assert!(
        once.gazetteer_hits >= docs.len(),
        "gazetteer: {} hits over {} stories, want at least one per story",
        once.gazetteer_hits,
        docs.len(),
    );
    Expect::from_gold().check(&pipeline.extract(STORY), 1);
    check_corpus(&pipeline);

    let mut g = c.benchmark_group("stage_1mb");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Bytes(bytes as u64));
    for (i, (name, _)) in once.stages().into_iter().enumerate() {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut times = StageTimes::default();
                for _ in 0..iters {
                    pass(&mut times);
                }
                times.stages()[i].1
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = build, story, corpus_end_to_end, stages
}
criterion_main!(benches);
