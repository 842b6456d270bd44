//! `wirex bench`: extraction speed, per stage.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `wirex bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// A folder of stories or a JSONL file; the built-in corpus when omitted.
    pub path: Option<PathBuf>,
}

/// Runs `wirex bench`.
pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    // TODO(bench): not built yet.
    let _ = args;
    anyhow::bail!("wirex bench is not built yet")
}
