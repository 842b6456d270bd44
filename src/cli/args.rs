//! Raw command-line arguments, as clap parses them. Nothing here is checked beyond
//! what clap checks; [`super::settings`] turns them into validated settings.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::bench::BenchArgs;
use super::eval::EvalArgs;

const EXAMPLES: &str = "\
Examples:
  One story from stdin, pretty JSON on stdout:
    cat story.txt | wirex
    wirex extract - --compact
  One file, pretty JSON:
    wirex tests/data/donetsk.txt
  Files and folders, one JSON line per file in sorted path order, all cores:
    wirex extract stories/ > out.jsonl
    wirex extract a.txt b.txt --threads 2
  One .json file per input instead of lines on stdout:
    wirex extract stories/ --out-dir results/
  A stream of {\"id\":..,\"text\":..} lines, one output line per input line:
    wirex extract --input jsonl < records.jsonl > out.jsonl
    wirex extract --input jsonl records.jsonl --threads 4
  Options for every mode:
    wirex extract stories/ --offsets utf16 --gazetteer my_places.tsv --lossy
  Accuracy on your gold data, and speed:
    wirex eval --gold gold.jsonl
    wirex bench stories/

Exit codes: 0 every input was read and processed; 1 some inputs (files, JSONL lines)
failed, their error records are in the output (0 with --exit-zero); 2 usage or I/O
errors.";

/// Fast rule-based extraction of people, places, organizations, quotes and quantities
/// from news wire copy, as JSON (schema wirex/1).
#[derive(Debug, Parser)]
#[command(name = "wirex", version, after_help = EXAMPLES)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// `wirex FILE...` is `wirex extract FILE...`, except that a single file prints
    /// pretty JSON.
    #[command(flatten)]
    pub extract: ExtractArgs,

    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract from stdin, files, folders or a JSONL stream (the default command).
    #[command(after_help = EXAMPLES)]
    Extract(ExtractArgs),
    /// Precision, recall and F1 against gold annotations.
    #[command(after_help = "Example:\n  wirex eval --gold gold.jsonl")]
    Eval(EvalArgs),
    /// Extraction speed, overall and per stage.
    #[command(after_help = "Examples:\n  wirex bench\n  wirex bench stories/")]
    Bench(BenchArgs),
}

/// Options that configure the pipeline, accepted by every subcommand.
#[derive(Debug, Args)]
pub struct PipelineArgs {
    /// An extra gazetteer TSV (columns: id canonical alias type extra source);
    /// repeatable.
    #[arg(long, value_name = "FILE", global = true)]
    pub gazetteer: Vec<PathBuf>,

    /// The unit of every start/end offset in the output.
    #[arg(long, value_enum, default_value_t = OffsetArg::Codepoints, global = true)]
    pub offsets: OffsetArg,
}

/// Arguments of `wirex extract` (and of bare `wirex`).
#[derive(Debug, Default, Args)]
pub struct ExtractArgs {
    /// Files or folders to read; `-` or nothing reads stdin. Folders are walked
    /// recursively (regular files, hidden ones skipped).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// What the input holds: plain text stories, or JSONL records {"id":..,"text":..}.
    #[arg(long, value_enum, default_value_t = InputArg::Text)]
    pub input: InputArg,

    /// Write one NAME.json per input file into DIR (relative paths mirrored) instead of
    /// lines on stdout.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// One-line JSON for a single document and for --out-dir files (lines on stdout are
    /// always compact).
    #[arg(long)]
    pub compact: bool,

    /// Worker threads; 0 means one per core. Default: one per core for files, 1 for
    /// JSONL. The pipeline build at start-up uses up to two of them.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Replace invalid UTF-8 with U+FFFD (and add a warning) instead of refusing the
    /// input.
    #[arg(long)]
    pub lossy: bool,

    /// Refuse inputs (files, JSONL texts) larger than this; K, M and G suffixes are
    /// binary (64M = 64 MiB).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_bytes: usize,

    /// No summary line on stderr, no progress bar.
    #[arg(long, short)]
    pub quiet: bool,

    /// Exit 0 even when some inputs became error records (Hadoop Streaming and Spark's
    /// RDD.pipe fail a task on any other code; the records still say what failed).
    /// Usage and I/O errors still exit 2.
    #[arg(long)]
    pub exit_zero: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// Each file (or stdin) is one story.
    #[default]
    Text,
    /// Each line is a JSON object {"id": any scalar, "text": string}.
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OffsetArg {
    /// Unicode code points (Python str indices).
    Codepoints,
    /// UTF-8 bytes (Rust str indices).
    Bytes,
    /// UTF-16 code units (JavaScript and Java string indices).
    Utf16,
}

impl From<OffsetArg> for wirex::OffsetUnit {
    fn from(arg: OffsetArg) -> wirex::OffsetUnit {
        match arg {
            OffsetArg::Codepoints => wirex::OffsetUnit::Codepoints,
            OffsetArg::Bytes => wirex::OffsetUnit::Bytes,
            OffsetArg::Utf16 => wirex::OffsetUnit::Utf16,
        }
    }
}

/// Size suffixes and their multipliers (binary, as `ls -h` and `head -c` read them).
const SIZE_SUFFIXES: &[(&str, usize)] = &[
    ("K", 1 << 10),
    ("KB", 1 << 10),
    ("KIB", 1 << 10),
    ("M", 1 << 20),
    ("MB", 1 << 20),
    ("MIB", 1 << 20),
    ("G", 1 << 30),
    ("GB", 1 << 30),
    ("GIB", 1 << 30),
    ("B", 1),
    ("", 1),
];

/// Parses `65536`, `64K`, `64M`, `1G` (case-insensitive).
fn parse_size(s: &str) -> Result<usize, String> {
    let s = s.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (number, suffix) = s.split_at(digits);
    let suffix = suffix.trim().to_ascii_uppercase();
    let unit = SIZE_SUFFIXES
        .iter()
        .find(|(name, _)| *name == suffix)
        .map(|&(_, unit)| unit)
        .ok_or_else(|| format!("unknown size suffix {suffix:?} (use K, M or G)"))?;
    let number: usize = number
        .parse()
        .map_err(|_| format!("{s:?} is not a size like 65536, 64K or 64M"))?;
    number
        .checked_mul(unit)
        .ok_or_else(|| format!("{s:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        for (input, want) in [
            ("65536", Some(65536)),
            ("64K", Some(64 << 10)),
            ("64k", Some(64 << 10)),
            ("64M", Some(64 << 20)),
            ("64 MiB", Some(64 << 20)),
            ("1G", Some(1 << 30)),
            ("10B", Some(10)),
            ("0", Some(0)),
            ("", None),
            ("M", None),
            ("12X", None),
            ("-5", None),
            ("99999999999999999999G", None),
        ] {
            assert_eq!(parse_size(input).ok(), want, "{input:?}");
        }
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn bare_paths_and_subcommands_parse() {
        let cli = Cli::try_parse_from(["wirex", "story.txt", "--compact"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.extract.paths, [PathBuf::from("story.txt")]);
        assert!(cli.extract.compact);

        let cli =
            Cli::try_parse_from(["wirex", "extract", "--input", "jsonl", "--offsets", "utf16"])
                .unwrap();
        match cli.command {
            Some(Command::Extract(args)) => assert_eq!(args.input, InputArg::Jsonl),
            other => panic!("{other:?}"),
        }
        assert_eq!(cli.pipeline.offsets, OffsetArg::Utf16);

        assert!(Cli::try_parse_from(["wirex", "extract", "--threads", "x"]).is_err());
    }
}
