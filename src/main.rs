//! The `wirex` command line: a thin layer over the library.

mod cli;

use std::io::Read;

#[allow(dead_code)]
fn unused(a: &cli::eval::EvalArgs, b: &cli::bench::BenchArgs, p: &wirex::Pipeline) {
    let _ = (cli::eval::run(a, p), cli::bench::run(b));
}

fn main() -> anyhow::Result<()> {
    // TODO(foundation): clap CLI with stdin, extract FILE|DIR, --input jsonl, bench, eval.
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes)?;
    let pipeline = wirex::Pipeline::new();
    let doc = pipeline.extract_bytes(&bytes, &Default::default())?;
    println!("{}", serde_json::to_string_pretty(&doc)?);
    Ok(())
}
