//! `wirex eval`: precision, recall and F1 against the user's gold data.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `wirex eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold JSONL file: lines of {"id","text","gold":[...]}.
    #[arg(long)]
    pub gold: PathBuf,
}

/// Runs `wirex eval`.
pub fn run(args: &EvalArgs, pipeline: &wirex::Pipeline) -> anyhow::Result<ExitCode> {
    // TODO(eval): not built yet.
    let _ = (args, pipeline);
    anyhow::bail!("wirex eval is not built yet")
}
