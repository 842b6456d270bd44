//! File mode: files and folders in, one record per file, in sorted path order.
//!
//! Paths are collected first (so the progress bar knows the total and `--out-dir` name
//! clashes are found before anything is written), then processed in chunks on a pool of
//! workers ([`super::ordered`]): a chunk's records are written as soon as it and every
//! chunk before it are done, so the output is the same whatever the thread count, no
//! worker waits for the others at a chunk's end, and memory stays bounded.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use walkdir::WalkDir;
use wirex::{ErrorRecord, Pipeline};

use super::ordered::{self, Feed};
use super::record::{self, Record};
use super::settings::{Settings, Source};
use super::summary::Summary;

/// Files per task: 16 news stories (~70 KB in, ~0.4 MB of JSON out, about a
/// millisecond of work) make a task long enough that handing it out costs nothing, and
/// few enough that the chunks in flight hold little.
const CHUNK_FILES: usize = 16;

/// One input found on the command line or in a folder.
#[derive(Debug, PartialEq)]
enum Item {
    /// A story to read, with its name under `--out-dir`.
    Story { source: Source, out_name: PathBuf },
    /// A command-line path that does not exist or cannot be walked.
    Missing { path: PathBuf, message: String },
    /// An entry of a folder that could not be read.
    WalkError { path: PathBuf, message: String },
}

/// Options of one file-mode run.
pub struct FileRun<'a> {
    pub sources: &'a [Source],
    pub out_dir: Option<&'a Path>,
    pub pretty_files: bool,
    pub threads: usize,
}

/// Runs file mode with the pipeline `build` makes, writing lines to `out` (or files
/// under `out_dir`).
pub fn run(
    build: impl FnOnce() -> anyhow::Result<Pipeline>,
    settings: &Settings,
    run: &FileRun,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    // The folders are walked while the pipeline is built: both come before the first
    // story, and the walk (24K files: a few tens of milliseconds, mostly system calls)
    // would otherwise be serial time in every run, whatever the thread count.
    let (items, pipeline) = std::thread::scope(|scope| {
        let walk = scope.spawn(|| collect(run.sources));
        let pipeline = build();
        let items = walk
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (items, pipeline)
    });
    let pipeline = &pipeline?;
    if let Some(dir) = run.out_dir {
        check_out_names(&items)?;
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(run.threads)
        .build()
        .context("starting worker threads")?;
    let progress = progress_bar(settings.quiet, items.len());
    let mut summary = Summary::start("files");
    let mut missing = false;
    let mut chunks = items.chunks(CHUNK_FILES);
    let feed = |_| chunks.next().map_or(Feed::End, Feed::Chunk);
    let work = |chunk: &[Item]| -> Vec<anyhow::Result<Record>> {
        chunk
            .iter()
            .map(|item| process(pipeline, settings, run, item))
            .collect()
    };
    let mut written = items.iter();
    ordered::run(&pool, feed, &work, |records| {
        // Records first: a zip reads its first iterator first, and `written` must not
        // lose the item after this chunk's last.
        for (record, item) in records.into_iter().zip(written.by_ref()) {
            let record = record?;
            missing |= matches!(item, Item::Missing { .. });
            if let Some(message) = &record.error {
                if !settings.quiet {
                    let line = super::error_line(item.path(), message);
                    progress.suspend(|| eprintln!("{line}"));
                }
            }
            if run.out_dir.is_none() {
                out.write_all(&record.json)?;
            }
            summary.add(&record);
            progress.inc(1);
        }
        anyhow::Ok(())
    })?;
    out.flush()?;
    progress.finish_and_clear();
    if !settings.quiet {
        eprintln!("{}", summary.line());
    }
    Ok(if missing {
        ExitCode::from(2)
    } else if summary.errors > 0 {
        ExitCode::from(settings.failed_inputs)
    } else {
        ExitCode::SUCCESS
    })
}

impl Item {
    /// The path as given or walked (`-` for stdin): the record's `id`.
    fn path(&self) -> &Path {
        match self {
            Item::Story {
                source: Source::Path(path),
                ..
            }
            | Item::Missing { path, .. }
            | Item::WalkError { path, .. } => path,
            Item::Story { .. } => Path::new("-"),
        }
    }
}

/// Makes the record of one item; with `--out-dir`, writes it too (an error there is an
/// output error, not the input's: the run stops).
fn process(
    pipeline: &Pipeline,
    settings: &Settings,
    run: &FileRun,
    item: &Item,
) -> anyhow::Result<Record> {
    let pretty = run.out_dir.is_some() && run.pretty_files;
    let id = serde_json::Value::String(item.path().to_string_lossy().into_owned());
    let record = match item {
        Item::Story { source, .. } => {
            record::extract_source(pipeline, source, id, &settings.input, pretty)
        }
        Item::Missing { message, .. } | Item::WalkError { message, .. } => {
            Record::error(&ErrorRecord::new(id, "io", message.clone()), 0, pretty)
        }
    };
    if let (Some(dir), Item::Story { out_name, .. }) = (run.out_dir, item) {
        let path = dir.join(out_name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, &record.json)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(record)
}

/// Expands the command-line sources into items, in order: each argument in turn, a
/// folder's files in sorted path order.
fn collect(sources: &[Source]) -> Vec<Item> {
    let mut items = Vec::new();
    for source in sources {
        let root = match source {
            Source::Stdin => {
                items.push(Item::Story {
                    source: Source::Stdin,
                    out_name: PathBuf::from("stdin.json"),
                });
                continue;
            }
            Source::Path(path) => path,
        };
        match std::fs::metadata(root) {
            Err(err) => items.push(Item::Missing {
                path: root.clone(),
                message: format!("{}: {err}", root.display()),
            }),
            Ok(meta) if meta.is_dir() => walk(root, &mut items),
            Ok(_) => items.push(Item::Story {
                source: source.clone(),
                out_name: out_name(root.file_name().map(Path::new).unwrap_or(root)),
            }),
        }
    }
    items
}

/// Adds the regular, non-hidden files under `root`, sorted by path.
fn walk(root: &Path, items: &mut Vec<Item>) {
    let walker = WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                items.push(Item::Story {
                    source: Source::Path(e.path().to_path_buf()),
                    out_name: out_name(rel),
                });
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let message = format!("{}: {}", path.display(), err);
                items.push(Item::WalkError { path, message });
            }
        }
    }
}

/// The file written under `--out-dir` for an input at relative path `rel`: the same
/// path with `.json` appended (`a/story.txt` → `a/story.txt.json`), so that `x.txt` and
/// `x.md` do not clash. Only normal components are kept: the name never leaves the
/// output folder.
fn out_name(rel: &Path) -> PathBuf {
    let mut name: PathBuf = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    let mut file = name.file_name().unwrap_or_default().to_os_string();
    file.push(".json");
    name.set_file_name(file);
    name
}

/// Two inputs writing the same output file would lose one record: refuse the run.
fn check_out_names(items: &[Item]) -> anyhow::Result<()> {
    let mut seen: HashMap<&Path, &Path> = HashMap::new();
    for item in items {
        if let Item::Story { out_name, .. } = item {
            if let Some(first) = seen.insert(out_name, item.path()) {
                bail!(
                    "--out-dir: {} and {} would both write {}; give their common folder instead",
                    first.display(),
                    item.path().display(),
                    out_name.display()
                );
            }
        }
    }
    Ok(())
}

fn progress_bar(quiet: bool, total: usize) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files, {elapsed_precise} elapsed, {eta} left",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_names_stay_inside_the_folder() {
        for (rel, want) in [
            ("story.txt", "story.txt.json"),
            ("a/b/story", "a/b/story.json"),
            ("../x.txt", "x.txt.json"),
            ("/abs/y.txt", "abs/y.txt.json"),
            ("./a/./z", "a/z.json"),
        ] {
            assert_eq!(out_name(Path::new(rel)), PathBuf::from(want), "{rel}");
        }
    }

    #[test]
    fn folders_are_walked_in_sorted_order_without_hidden_files() {
        let dir = std::env::temp_dir().join(format!("wirex-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for file in [
            "b.txt",
            "a/z.txt",
            "a/b.txt",
            "a.txt",
            ".hidden",
            ".git/x.txt",
            "a/.h",
        ] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let items = collect(&[Source::Path(dir.clone()), Source::Path(dir.join("nope"))]);
        let names: Vec<String> = items
            .iter()
            .map(|i| {
                let p = i.path().strip_prefix(&dir).unwrap();
                p.to_string_lossy().into_owned()
            })
            .collect();
        assert_eq!(names, ["a/b.txt", "a/z.txt", "a.txt", "b.txt", "nope"]);
        assert!(matches!(items[4], Item::Missing { .. }));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn clashing_out_names_are_refused() {
        let story = |path: &str, name: &str| Item::Story {
            source: Source::Path(path.into()),
            out_name: name.into(),
        };
        assert!(check_out_names(&[story("a/x", "x.json"), story("b/y", "y.json")]).is_ok());
        let err = check_out_names(&[story("a/x", "x.json"), story("b/x", "x.json")]);
        assert!(err.unwrap_err().to_string().contains("a/x and b/x"));
    }
}
