//! How long building a pipeline with the embedded gazetteers takes, and one story
//! through it: `cargo run --release --example pipeline_build [STORY [THREADS [RUNS]]]`
//! (THREADS as `PipelineBuilder::threads`, 0 for one per core; 15 runs by default).
//!
//! Prints wall time and this thread's CPU time (Linux): on a busy machine the wall
//! time measures the machine, the CPU time the code (of the main thread only: with
//! two threads the second one's work is not in it).

use std::time::{Duration, Instant};

/// CPU time of this thread from `/proc/thread-self/schedstat`, if there is one.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace()
        .next()?
        .parse()
        .ok()
        .map(Duration::from_nanos)
}

/// CPU time of the whole process (every thread) from `/proc/self/stat`, in clock
/// ticks of 10 ms: good for a sum over many runs.
fn process_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = s.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    // utime and stime, fields 14 and 15 of the line, 12 and 13 after the name.
    Some(Duration::from_millis((ticks(11)? + ticks(12)?) * 10))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let story = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/donetsk.txt").into());
    let number = |arg: Option<String>, default: usize| {
        arg.map_or(default, |a| a.parse().expect("a number of threads or runs"))
    };
    let threads = number(args.next(), 0);
    let runs = number(args.next(), 15).max(1);
    let text = std::fs::read_to_string(&story).expect("a readable story");
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    let mut pipeline = None;
    let all0 = process_cpu();
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu_now());
        let built = wirex::Pipeline::builder().threads(threads).build();
        pipeline = Some(built.expect("embedded gazetteers are valid"));
        wall.push(t.elapsed());
        if let (Some(c0), Some(c1)) = (c, cpu_now()) {
            cpu.push(c1 - c0);
        }
    }
    let all = match (all0, process_cpu()) {
        (Some(a), Some(b)) => (b - a) / runs as u32,
        _ => Duration::ZERO,
    };
    wall.sort();
    cpu.sort();
    let pipeline = pipeline.unwrap();
    let t = Instant::now();
    let doc = pipeline.extract(&text);
    let extract = t.elapsed();
    println!(
        "build (threads {threads}, {runs} runs): wall min {:?} median {:?}; this thread's \
         CPU min {:?} median {:?}; all threads' CPU mean {all:?}",
        wall[0],
        wall[wall.len() / 2],
        cpu.first().copied().unwrap_or_default(),
        cpu.get(cpu.len() / 2).copied().unwrap_or_default(),
    );
    println!(
        "extract({story}): {:?}, {} sentences, {} entities",
        extract,
        doc.sentences.len(),
        doc.entities.len()
    );
}
