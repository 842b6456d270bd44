//! The `wirex` command line: a thin layer over the library.

use std::io::Read;

fn main() -> anyhow::Result<()> {
    // TODO(foundation): clap CLI with stdin, extract FILE|DIR, --input jsonl, bench, eval.
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes)?;
    let pipeline = wirex::Pipeline::new();
    let doc = pipeline.extract_bytes(&bytes, &Default::default())?;
    println!("{}", serde_json::to_string_pretty(&doc)?);
    Ok(())
}
