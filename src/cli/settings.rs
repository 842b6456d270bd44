//! Validated settings: the raw arguments checked and resolved into one mode.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use super::args::{Cli, Command, ExtractArgs, InputArg};
use super::bench::BenchArgs;
use super::eval::EvalArgs;

/// Where a story or a stream comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    Path(PathBuf),
}

impl Source {
    fn from_arg(path: &Path) -> Source {
        if path == Path::new("-") {
            Source::Stdin
        } else {
            Source::Path(path.to_path_buf())
        }
    }
}

/// What the run does, with every default resolved.
#[derive(Debug)]
pub enum Mode {
    /// One story (stdin or one file) printed as one document.
    Single {
        source: Source,
        pretty: bool,
    },
    /// Files and folders: one record per file, as lines on stdout or files in `out_dir`.
    Files {
        sources: Vec<Source>,
        out_dir: Option<PathBuf>,
        pretty_files: bool,
        threads: usize,
    },
    /// JSONL records in, one line out per non-blank line in.
    Jsonl {
        sources: Vec<Source>,
        threads: usize,
    },
    Eval(EvalArgs),
    Bench(BenchArgs),
}

/// Settings shared by the extraction modes.
#[derive(Debug)]
pub struct Settings {
    pub mode: Mode,
    pub input: wirex::InputOptions,
    /// No summary line and no progress bar.
    pub quiet: bool,
    /// The exit code of a run in which some inputs became error records: 1, or 0
    /// with `--exit-zero`.
    pub failed_inputs: u8,
    /// Extra gazetteer files for the pipeline.
    pub gazetteers: Vec<PathBuf>,
    pub offsets: wirex::OffsetUnit,
}

impl Settings {
    /// Checks the raw arguments and resolves them into a mode. `is_dir` is asked about
    /// a lone bare path (`wirex PATH`), the only case where the file system decides the
    /// mode.
    pub fn from_cli(cli: Cli, is_dir: impl Fn(&Path) -> bool) -> anyhow::Result<Settings> {
        let other = |mode| (mode, wirex::InputOptions::default(), false, 1);
        let (mode, input, quiet, failed_inputs) = match cli.command {
            None => extraction(&cli.extract, true, is_dir)?,
            Some(Command::Extract(args)) => extraction(&args, false, is_dir)?,
            Some(Command::Eval(args)) => other(Mode::Eval(args)),
            Some(Command::Bench(args)) => other(Mode::Bench(args)),
        };
        Ok(Settings {
            mode,
            input,
            quiet,
            failed_inputs,
            gazetteers: cli.pipeline.gazetteer,
            offsets: cli.pipeline.offsets.into(),
        })
    }

    /// Builds the pipeline: reads the extra gazetteers and compiles every stage.
    pub fn build_pipeline(&self) -> anyhow::Result<wirex::Pipeline> {
        let builder = self
            .gazetteers
            .iter()
            .fold(wirex::Pipeline::builder(), |b, path| b.gazetteer_file(path));
        // The build uses no more threads than the extraction may; a single story
        // (no `--threads`) builds on one per core.
        let builder = match self.mode {
            Mode::Files { threads, .. } | Mode::Jsonl { threads, .. } => builder.threads(threads),
            _ => builder,
        };
        builder
            .offsets(self.offsets)
            .build()
            .context("building the pipeline")
    }
}

/// The mode, input options, quietness and failed-inputs exit code of `wirex extract`
/// (or bare `wirex`).
fn extraction(
    args: &ExtractArgs,
    bare: bool,
    is_dir: impl Fn(&Path) -> bool,
) -> anyhow::Result<(Mode, wirex::InputOptions, bool, u8)> {
    let input = wirex::InputOptions {
        lossy: args.lossy,
        max_bytes: args.max_bytes,
    };
    let failed_inputs = if args.exit_zero { 0 } else { 1 };
    Ok((
        resolve_mode(args, bare, is_dir)?,
        input,
        args.quiet,
        failed_inputs,
    ))
}

fn resolve_mode(
    args: &ExtractArgs,
    bare: bool,
    is_dir: impl Fn(&Path) -> bool,
) -> anyhow::Result<Mode> {
    let sources: Vec<Source> = args.paths.iter().map(|p| Source::from_arg(p)).collect();
    let threads = |default: usize| match args.threads {
        None => default,
        Some(0) => all_cores(),
        Some(n) => n,
    };
    if args.input == InputArg::Jsonl {
        if args.out_dir.is_some() {
            bail!("--out-dir writes one file per input file; it does not apply to --input jsonl");
        }
        let sources = if sources.is_empty() {
            vec![Source::Stdin]
        } else {
            sources
        };
        return Ok(Mode::Jsonl {
            sources,
            threads: threads(1),
        });
    }
    let single = match sources.as_slice() {
        [] | [Source::Stdin] => Some(Source::Stdin),
        [Source::Path(path)] if bare && !is_dir(path) => Some(Source::Path(path.clone())),
        _ => None,
    };
    match (single, &args.out_dir) {
        (Some(Source::Stdin), Some(_)) => {
            bail!("--out-dir needs files or folders to read, not stdin")
        }
        (Some(source), None) => Ok(Mode::Single {
            source,
            pretty: !args.compact,
        }),
        _ => Ok(Mode::Files {
            sources,
            out_dir: args.out_dir.clone(),
            pretty_files: !args.compact,
            threads: threads(all_cores()),
        }),
    }
}

fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn mode(args: &[&str]) -> anyhow::Result<Mode> {
        let cli = Cli::try_parse_from(std::iter::once("wirex").chain(args.iter().copied()))?;
        Settings::from_cli(cli, |p| p.as_os_str() == "dir").map(|s| s.mode)
    }

    fn describe(mode: anyhow::Result<Mode>) -> String {
        match mode {
            Ok(Mode::Single { source, pretty }) => format!("single {source:?} pretty={pretty}"),
            Ok(Mode::Files {
                sources,
                out_dir,
                threads,
                ..
            }) => format!("files {} out={out_dir:?} threads={threads}", sources.len()),
            Ok(Mode::Jsonl { sources, threads }) => {
                format!("jsonl {sources:?} threads={threads}")
            }
            Ok(Mode::Eval(_)) => "eval".into(),
            Ok(Mode::Bench(_)) => "bench".into(),
            Err(_) => "error".into(),
        }
    }

    #[test]
    fn modes_resolve() {
        let cores = all_cores();
        for (args, want) in [
            (&[][..], "single Stdin pretty=true".to_string()),
            (&["--compact"], "single Stdin pretty=false".into()),
            (&["extract"], "single Stdin pretty=true".into()),
            (&["extract", "-"], "single Stdin pretty=true".into()),
            (&["a.txt"], "single Path(\"a.txt\") pretty=true".into()),
            (
                &["a.txt", "--compact"],
                "single Path(\"a.txt\") pretty=false".into(),
            ),
            (&["dir"], format!("files 1 out=None threads={cores}")),
            (
                &["a.txt", "b.txt"],
                format!("files 2 out=None threads={cores}"),
            ),
            (
                &["extract", "a.txt"],
                format!("files 1 out=None threads={cores}"),
            ),
            (
                &["extract", "a.txt", "--threads", "3"],
                "files 1 out=None threads=3".into(),
            ),
            (
                &["extract", "a.txt", "--threads", "0"],
                format!("files 1 out=None threads={cores}"),
            ),
            (
                &["a.txt", "--out-dir", "o"],
                format!("files 1 out=Some(\"o\") threads={cores}"),
            ),
            (&["extract", "--out-dir", "o"], "error".into()),
            (
                &["extract", "--input", "jsonl"],
                "jsonl [Stdin] threads=1".into(),
            ),
            (
                &["--input", "jsonl", "r.jsonl", "--threads", "2"],
                "jsonl [Path(\"r.jsonl\")] threads=2".into(),
            ),
            (
                &["extract", "--input", "jsonl", "--out-dir", "o"],
                "error".into(),
            ),
            (&["eval", "--gold", "g.jsonl"], "eval".into()),
            (&["bench"], "bench".into()),
            (&["extract", "--bogus"], "error".into()),
        ] {
            assert_eq!(describe(mode(args)), want, "{args:?}");
        }
    }

    #[test]
    fn input_options_come_from_the_flags() {
        let cli = Cli::try_parse_from(["wirex", "--lossy", "--max-bytes", "1K", "-q"]).unwrap();
        let settings = Settings::from_cli(cli, |_| false).unwrap();
        assert!(settings.input.lossy && settings.quiet);
        assert_eq!(settings.input.max_bytes, 1024);
    }
}
