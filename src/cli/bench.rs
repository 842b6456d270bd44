//! `wirex bench`: extraction speed, end to end and per stage.
//!
//! The work timed for each record is what `wirex extract` does: decode the input (parse
//! the line in JSONL mode), run every stage, serialize the document to JSON (into a
//! buffer, not a file). Reading the corpus is timed apart. Three passes run over the
//! corpus: one thread, all threads (a rayon pool), and one thread with stage timers.
//! Megabytes are 10^6 bytes of story text. The counts of what was found are printed,
//! and the two untimed passes must agree on them, so a fast wrong answer shows. A
//! fourth pass times a baseline (see [`baseline`]) that the figures are set against.

mod baseline;
mod corpus;
mod stories;
mod sys;
mod work;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde::Serialize;

use corpus::Corpus;
use work::{Pass, Tally, Timing};

/// Arguments of `wirex bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// A folder of stories or a JSONL file; the built-in corpus (the 13 news stories of
    /// the crate's tests/data, in turn) when omitted.
    pub path: Option<PathBuf>,
    /// Size of the built-in corpus in MB (10^6 bytes).
    #[arg(long, default_value_t = 50.0)]
    pub size: f64,
    /// Threads of the parallel pass (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Go over the corpus this many times in each pass: a small corpus then runs long
    /// enough for the OS's CPU clock (which ticks every few milliseconds).
    #[arg(long, default_value_t = 1)]
    pub repeat: usize,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

/// The figures of a run, as `--json` prints them.
#[derive(Debug, Serialize)]
struct Report {
    corpus: String,
    /// The corpus is the built-in one (the stories of `tests/data` in turn).
    builtin: bool,
    docs: usize,
    /// Megabytes (10^6 bytes) of story text.
    mb: f64,
    build_ms: f64,
    single: PassFigures,
    threads: usize,
    parallel: PassFigures,
    /// Parallel over single-thread throughput, both by wall clock.
    speedup: f64,
    stages: Vec<StageFigures>,
    peak_rss_mb: Option<f64>,
    baseline: baseline::Baseline,
    counts: Tally,
    /// The single-thread and parallel passes found the same counts.
    consistent: bool,
    /// No sentence or no entity at all: the pipeline did (almost) nothing.
    trivial: bool,
}

#[derive(Debug, Serialize)]
struct PassFigures {
    seconds: f64,
    mb_per_s: f64,
    docs_per_s: f64,
    cpu_seconds: Option<f64>,
    /// Throughput per second of CPU time: MB/s per core.
    mb_per_cpu_s: Option<f64>,
    read_seconds: f64,
}

#[derive(Debug, Serialize)]
struct StageFigures {
    stage: &'static str,
    seconds: f64,
    share: f64,
    /// The corpus divided by this stage's time alone.
    mb_per_s: f64,
}

/// Runs `wirex bench` with the pipeline `build` makes (so `--gazetteer` and `--offsets`
/// count in the figures, and the build time is that of the pipeline measured).
pub fn run(
    args: &BenchArgs,
    build: impl FnOnce() -> anyhow::Result<wirex::Pipeline>,
) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let pipeline = build()?;
    let build = start.elapsed();

    let corpus = Corpus::open(args.path.as_deref(), args.size)?.repeated(args.repeat);
    let threads = match args.threads {
        Some(n) => n.max(1),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;

    let single = work::one_thread(&pipeline, &corpus, None)?;
    let parallel = work::thread_pool(&pipeline, &corpus, &pool)?;
    let mut timing = Timing::default();
    work::one_thread(&pipeline, &corpus, Some(&mut timing))?;

    // Peak memory before the baseline's automaton is built: it is not wirex's.
    let peak_rss_mb = sys::peak_rss().map(|b| b as f64 / 1e6);
    let baseline = baseline::run(&pipeline, &corpus)?;

    let tally = single.tally;
    let mb = tally.text_bytes as f64 / 1e6;
    let (s, p) = (figures(&single), figures(&parallel));
    let report = Report {
        corpus: corpus.describe(),
        builtin: corpus.is_builtin(),
        docs: tally.docs,
        mb,
        build_ms: build.as_secs_f64() * 1e3,
        speedup: ratio(p.mb_per_s, s.mb_per_s),
        baseline,
        single: s,
        threads,
        parallel: p,
        stages: stage_figures(&timing, mb),
        peak_rss_mb,
        counts: tally,
        consistent: single.tally == parallel.tally,
        trivial: tally.sentences == 0 || tally.entities == 0,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", table(&report))?;
    }
    if !report.consistent {
        eprintln!(
            "wirex bench: the passes disagree: one thread {:?}, {threads} threads {:?}",
            single.tally, parallel.tally
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn figures(pass: &Pass) -> PassFigures {
    let mb = pass.tally.text_bytes as f64 / 1e6;
    let secs = pass.wall.as_secs_f64();
    let cpu = pass.cpu.map(|c| c.as_secs_f64());
    PassFigures {
        seconds: secs,
        mb_per_s: ratio(mb, secs),
        docs_per_s: ratio(pass.tally.docs as f64, secs),
        cpu_seconds: cpu,
        mb_per_cpu_s: cpu.map(|c| ratio(mb, c)),
        read_seconds: pass.reading.as_secs_f64(),
    }
}

fn stage_figures(timing: &Timing, mb: f64) -> Vec<StageFigures> {
    let mut stages: Vec<(&'static str, Duration)> = timing.stages.stages().to_vec();
    stages.push(("json", timing.json));
    let total: f64 = stages.iter().map(|s| s.1.as_secs_f64()).sum();
    stages
        .into_iter()
        .map(|(stage, d)| StageFigures {
            stage,
            seconds: d.as_secs_f64(),
            share: ratio(d.as_secs_f64(), total),
            mb_per_s: ratio(mb, d.as_secs_f64()),
        })
        .collect()
}

/// `a / b`, or 0 when `b` is 0.
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

fn table(r: &Report) -> String {
    let mut s = format!(
        "wirex bench: {}\n{} documents, {:.1} MB of text; pipeline build {:.1} ms\n\n",
        r.corpus, r.docs, r.mb, r.build_ms
    );
    s += "pass          seconds     MB/s    docs/s   MB/s per CPU-second\n";
    // With `--threads 1` the parallel pass is a pool of one worker, not a second
    // "1 thread" line (scripts read the first one).
    let pool = match r.threads {
        1 => "pool of 1".to_string(),
        n => format!("{n} threads"),
    };
    for (name, p) in [("1 thread".to_string(), &r.single), (pool, &r.parallel)] {
        let cpu = p
            .mb_per_cpu_s
            .map_or("-".to_string(), |v| format!("{v:.1}"));
        s += &format!(
            "{name:<12}{:>9.3}{:>9.1}{:>10.0}   {cpu}\n",
            p.seconds, p.mb_per_s, p.docs_per_s
        );
    }
    s += &format!(
        "speedup {:.2}x with {} thread{} (wall clock); reading the corpus took {:.3} s apart\n\n",
        r.speedup,
        r.threads,
        if r.threads == 1 { "" } else { "s" },
        r.single.read_seconds
    );
    let b = &r.baseline;
    s += &format!(
        "baseline: {} ({} aliases, built in {:.0} ms), 1 thread: {:.3} s, {:.1} MB/s, {} matches;\n\
         wirex end to end runs at {:.2}x its speed (the two timed in turn, batch by batch)\n\n",
        b.what, b.patterns, b.build_ms, b.seconds, b.mb_per_s, b.matches, b.ratio
    );
    s += "stage         seconds   share      MB/s (this stage alone, 1 thread)\n";
    for st in &r.stages {
        s += &format!(
            "{:<12}{:>9.3}{:>7.1}%{:>11.1}\n",
            st.stage,
            st.seconds,
            st.share * 100.0,
            st.mb_per_s
        );
    }
    let c = &r.counts;
    s += &format!(
        "\nfound: {} sentences, {} entities, {} people, {} quotes, {} quantities; {} errors; {:.1} MB of JSON\n",
        c.sentences,
        c.entities,
        c.people,
        c.quotes,
        c.quantities,
        c.errors,
        c.output_bytes as f64 / 1e6
    );
    s += &match r.peak_rss_mb {
        Some(mb) => format!("peak RSS {mb:.1} MB\n"),
        None => "peak RSS not reported by this OS\n".to_string(),
    };
    if r.trivial {
        s += "warning: no sentences or no entities found: the figures measure a pipeline that does (almost) nothing\n";
    }
    if !r.consistent {
        s += "error: the single-thread and parallel passes found different counts\n";
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_shares_add_up_and_json_is_last() {
        let mut t = Timing::default();
        t.stages.layout = Duration::from_millis(30);
        t.stages.gazetteer = Duration::from_millis(50);
        t.json = Duration::from_millis(20);
        let st = stage_figures(&t, 10.0);
        assert_eq!(st.len(), 9);
        assert_eq!(st.last().unwrap().stage, "json");
        let share: f64 = st.iter().map(|s| s.share).sum();
        assert!((share - 1.0).abs() < 1e-9);
        let gaz = st.iter().find(|s| s.stage == "gazetteer").unwrap();
        assert!((gaz.mb_per_s - 200.0).abs() < 1e-9);
        assert_eq!(st[0].mb_per_s, 0.0, "a stage that took no time has no rate");
    }

    #[test]
    fn pass_figures_from_a_pass() {
        let pass = Pass {
            wall: Duration::from_secs(2),
            cpu: Some(Duration::from_secs(4)),
            tally: Tally {
                docs: 10,
                text_bytes: 100_000_000,
                ..Tally::default()
            },
            reading: Duration::ZERO,
        };
        let f = figures(&pass);
        assert_eq!((f.mb_per_s, f.docs_per_s), (50.0, 5.0));
        assert_eq!(f.mb_per_cpu_s, Some(25.0));
    }

    #[test]
    fn the_table_warns_about_trivial_and_inconsistent_runs() {
        let pf = || PassFigures {
            seconds: 1.0,
            mb_per_s: 1.0,
            docs_per_s: 1.0,
            cpu_seconds: None,
            mb_per_cpu_s: None,
            read_seconds: 0.0,
        };
        let report = Report {
            corpus: "c".into(),
            builtin: true,
            docs: 1,
            mb: 1.0,
            build_ms: 1.0,
            single: pf(),
            threads: 2,
            parallel: pf(),
            speedup: 1.0,
            stages: Vec::new(),
            peak_rss_mb: None,
            baseline: baseline::Baseline {
                what: "a scan",
                patterns: 3,
                build_ms: 1.0,
                seconds: 0.5,
                mb_per_s: 4.0,
                matches: 7,
                ratio: 0.25,
            },
            counts: Tally::default(),
            consistent: false,
            trivial: true,
        };
        let t = table(&report);
        assert!(t.contains("warning: no sentences"), "{t}");
        assert!(t.contains("error: the single-thread"), "{t}");
        assert!(t.contains("2 threads"), "{t}");
        let one = table(&Report {
            threads: 1,
            ..report
        });
        assert!(
            one.contains("pool of 1") && one.contains("with 1 thread ("),
            "{one}"
        );
        let rows = one.lines().filter(|l| l.starts_with("1 thread")).count();
        assert_eq!(rows, 1, "{one}");
        assert!(t.contains("(3 aliases, built in 1 ms)"), "{t}");
        assert!(t.contains("runs at 0.25x its speed"), "{t}");
    }
}
