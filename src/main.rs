//! The `wirex` command line: a thin layer over the library (see `cli`).

mod allocator;
mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static GLOBAL: allocator::Allocator = allocator::Allocator;

fn main() -> ExitCode {
    let cli = cli::args::Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match cli::run(cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    }) {
        Ok(code) => code,
        // The reader went away (`wirex ... | head -1`): nothing more to say.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Output not written may still sit in the buffer; it is lost with the run.
            let _ = out.flush();
            eprintln!("wirex: error: {}", message(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, joined by ": ". A cause the message above it already
/// quotes (the library's I/O errors name their path and their cause) is not repeated.
fn message(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let cause = cause.to_string();
        if text.ends_with(&cause) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&cause);
    }
    text
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
