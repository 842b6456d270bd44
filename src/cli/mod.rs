//! The `wirex` command line: raw arguments ([`args`]) are checked into settings
//! ([`settings`]), the pipeline is built once, then the mode runs.

pub mod args;
pub mod bench;
pub mod eval;
mod files;
mod jsonl;
mod ordered;
mod record;
mod settings;
mod summary;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use args::Cli;
use settings::{Mode, Settings, Source};

/// Runs the command line `cli`, writing documents to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let settings = Settings::from_cli(cli, |path| path.is_dir())?;
    let pipeline = || settings.build_pipeline();
    match &settings.mode {
        Mode::Bench(args) => bench::run(args, pipeline),
        Mode::Eval(args) => eval::run(args, &pipeline()?),
        Mode::Single { source, pretty } => single(&pipeline()?, &settings, source, *pretty, out),
        Mode::Files {
            sources,
            out_dir,
            pretty_files,
            threads,
        } => {
            let run = files::FileRun {
                sources,
                out_dir: out_dir.as_deref(),
                pretty_files: *pretty_files,
                threads: *threads,
            };
            files::run(pipeline, &settings, &run, out)
        }
        Mode::Jsonl { sources, threads } => {
            jsonl::run(&pipeline()?, &settings, sources, *threads, out)
        }
    }
}

/// One story from stdin or one file, printed whole.
fn single(
    pipeline: &wirex::Pipeline,
    settings: &Settings,
    source: &Source,
    pretty: bool,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if *source == Source::Stdin && !settings.quiet && std::io::stdin().is_terminal() {
        eprintln!("wirex: reading one story from stdin, end it with Ctrl-D (see wirex --help)");
    }
    let id = record::source_id(source);
    let record = record::extract_source(pipeline, source, id, &settings.input, pretty);
    out.write_all(&record.json)?;
    out.flush()?;
    let Some(message) = &record.error else {
        return Ok(ExitCode::SUCCESS);
    };
    let (name, exists) = match source {
        Source::Stdin => (Path::new("<stdin>"), true),
        Source::Path(path) => (path.as_path(), path.exists()),
    };
    eprintln!("{}", error_line(name, message));
    // A path that is not there is a usage error; an input that is there but cannot be
    // used is a failed input.
    Ok(ExitCode::from(if exists {
        settings.failed_inputs
    } else {
        2
    }))
}

/// The stderr line for a failed input; I/O messages already name the path.
fn error_line(path: &Path, message: &str) -> String {
    let name = path.display().to_string();
    if message.starts_with(&name) {
        format!("wirex: {message}")
    } else {
        format!("wirex: {name}: {message}")
    }
}
