//! The texts a bench runs over, handed out in bounded batches so that a corpus of any
//! size runs in a fixed amount of memory.

use std::borrow::Cow;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::stories::STORIES;

/// A batch holds about this many bytes of input.
const BATCH_BYTES: usize = 8_000_000;

/// How an input record is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The bytes are the story (a file, a built-in text).
    Text,
    /// The bytes are a JSONL line `{"id": ..., "text": ...}`.
    JsonLine,
}

/// One input record.
#[derive(Debug)]
pub struct Doc<'a> {
    pub id: Cow<'a, str>,
    pub data: Cow<'a, [u8]>,
    pub format: Format,
}

/// The texts of a bench: a source, gone over `repeat` times.
#[derive(Debug)]
pub struct Corpus {
    source: Source,
    repeat: usize,
}

/// Where the texts come from.
#[derive(Debug)]
enum Source {
    /// The built-in stories repeated to at least `bytes` bytes.
    Builtin { bytes: usize },
    /// Every file under a folder (hidden ones skipped), in path order.
    Folder { root: PathBuf, files: Vec<PathBuf> },
    /// One record a line.
    Jsonl { path: PathBuf },
}

impl Corpus {
    /// The corpus for `path` (a folder or a JSONL file), or the built-in one of `mb`
    /// megabytes, gone over once.
    pub fn open(path: Option<&Path>, mb: f64) -> anyhow::Result<Corpus> {
        Ok(Corpus {
            source: Source::open(path, mb)?,
            repeat: 1,
        })
    }

    /// The same corpus, gone over `n` times (at least once).
    pub fn repeated(self, n: usize) -> Corpus {
        Corpus {
            repeat: n.max(1),
            ..self
        }
    }

    /// True for the built-in corpus: the stories of `tests/data` in turn.
    pub fn is_builtin(&self) -> bool {
        matches!(self.source, Source::Builtin { .. })
    }

    /// A short description for the report.
    pub fn describe(&self) -> String {
        match self.repeat {
            1 => self.source.describe(),
            n => format!("{}, {n} times", self.source.describe()),
        }
    }

    /// Calls `work` on each batch of records in order and returns the time spent
    /// reading (not working).
    pub fn for_each_batch(&self, mut work: impl FnMut(&[Doc<'_>])) -> anyhow::Result<Duration> {
        let mut reading = Duration::ZERO;
        for _ in 0..self.repeat {
            reading += self.source.for_each_batch(&mut work)?;
        }
        Ok(reading)
    }
}

impl Source {
    /// The source for `path` (a folder or a JSONL file), or the built-in one of `mb`
    /// megabytes.
    fn open(path: Option<&Path>, mb: f64) -> anyhow::Result<Source> {
        let Some(path) = path else {
            return Ok(Source::Builtin {
                bytes: (mb.max(0.0) * 1e6) as usize,
            });
        };
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if !meta.is_dir() {
            return Ok(Source::Jsonl {
                path: path.to_path_buf(),
            });
        }
        let mut files = Vec::new();
        let hidden = |e: &walkdir::DirEntry| {
            e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.')
        };
        for entry in walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !hidden(e))
        {
            let entry = entry.with_context(|| format!("cannot walk {}", path.display()))?;
            if entry.file_type().is_file() {
                files.push(entry.into_path());
            }
        }
        Ok(Source::Folder {
            root: path.to_path_buf(),
            files,
        })
    }

    fn describe(&self) -> String {
        match self {
            Source::Builtin { bytes } => format!(
                "built-in: the {} stories of tests/data in turn, to {:.0} MB",
                STORIES.len(),
                *bytes as f64 / 1e6
            ),
            Source::Folder { root, files } => {
                format!("folder {} ({} files)", root.display(), files.len())
            }
            Source::Jsonl { path } => format!("JSONL {}", path.display()),
        }
    }

    fn for_each_batch(&self, mut work: impl FnMut(&[Doc<'_>])) -> anyhow::Result<Duration> {
        let mut reading = Duration::ZERO;
        let mut batch: Vec<Doc<'_>> = Vec::new();
        let mut batch_bytes = 0;
        let mut flush = |batch: &mut Vec<Doc<'_>>, bytes: &mut usize| {
            if !batch.is_empty() {
                work(batch);
                batch.clear();
                *bytes = 0;
            }
        };
        match self {
            Source::Builtin { bytes } => {
                let mut total = 0;
                let nonempty = STORIES.iter().filter(|b| !b.1.is_empty());
                for (n, (name, text)) in nonempty.cycle().enumerate() {
                    if total >= *bytes {
                        break;
                    }
                    total += text.len();
                    batch_bytes += text.len();
                    batch.push(Doc {
                        id: Cow::Owned(format!("{name}#{n}")),
                        data: Cow::Borrowed(text.as_bytes()),
                        format: Format::Text,
                    });
                    if batch_bytes >= BATCH_BYTES {
                        flush(&mut batch, &mut batch_bytes);
                    }
                }
            }
            Source::Folder { root, files } => {
                for file in files {
                    let start = Instant::now();
                    let data = std::fs::read(file)
                        .with_context(|| format!("cannot read {}", file.display()))?;
                    reading += start.elapsed();
                    batch_bytes += data.len();
                    let id = file.strip_prefix(root).unwrap_or(file);
                    batch.push(Doc {
                        id: Cow::Owned(id.display().to_string()),
                        data: Cow::Owned(data),
                        format: Format::Text,
                    });
                    if batch_bytes >= BATCH_BYTES {
                        flush(&mut batch, &mut batch_bytes);
                    }
                }
            }
            Source::Jsonl { path } => {
                let file = std::fs::File::open(path)
                    .with_context(|| format!("cannot open {}", path.display()))?;
                let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
                let mut lineno = 0usize;
                loop {
                    let start = Instant::now();
                    let mut line = Vec::new();
                    let n = reader
                        .read_until(b'\n', &mut line)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    reading += start.elapsed();
                    if n == 0 {
                        break;
                    }
                    lineno += 1;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    batch_bytes += line.len();
                    batch.push(Doc {
                        id: Cow::Owned(format!("line {lineno}")),
                        data: Cow::Owned(line),
                        format: Format::JsonLine,
                    });
                    if batch_bytes >= BATCH_BYTES {
                        flush(&mut batch, &mut batch_bytes);
                    }
                }
            }
        }
        flush(&mut batch, &mut batch_bytes);
        Ok(reading)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_story_of_tests_data_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut stories = 0;
        for entry in walkdir::WalkDir::new(&dir) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = path
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let text = STORIES.iter().find(|s| s.0 == name);
                assert!(text.is_some(), "tests/data/{name} is missing from STORIES");
                assert_eq!(text.unwrap().1, std::fs::read_to_string(&path).unwrap());
                stories += 1;
            }
        }
        assert_eq!(
            stories,
            STORIES.len(),
            "STORIES names a file tests/data lacks"
        );
    }

    #[test]
    fn the_builtin_corpus_takes_its_stories_in_turn() {
        let mut ids = Vec::new();
        Corpus::open(None, 0.2)
            .unwrap()
            .for_each_batch(|batch| ids.extend(batch.iter().map(|d| d.id.to_string())))
            .unwrap();
        assert!(ids.len() > STORIES.len(), "{}", ids.len());
        for (n, id) in ids.iter().enumerate() {
            assert_eq!(*id, format!("{}#{n}", STORIES[n % STORIES.len()].0));
        }
        let description = Corpus::open(None, 50.0).unwrap().describe();
        assert!(description.contains("13 stories"), "{description}");
    }

    #[test]
    fn builtin_corpus_reaches_its_size_in_bounded_batches() {
        let corpus = Corpus::open(None, 20.0).unwrap();
        let (mut bytes, mut docs, mut biggest) = (0, 0, 0);
        corpus
            .for_each_batch(|batch| {
                let b: usize = batch.iter().map(|d| d.data.len()).sum();
                biggest = biggest.max(b);
                bytes += b;
                docs += batch.len();
            })
            .unwrap();
        assert!(bytes >= 20_000_000, "{bytes}");
        assert!(bytes < 20_000_000 + 100_000, "{bytes}");
        assert!(biggest < BATCH_BYTES + 100_000, "{biggest}");
        assert!(docs > 1);
    }

    #[test]
    fn a_repeated_corpus_goes_over_its_records_again() {
        let count = |c: &Corpus| {
            let mut docs = 0;
            c.for_each_batch(|b| docs += b.len()).unwrap();
            docs
        };
        let once = count(&Corpus::open(None, 0.1).unwrap());
        let thrice = Corpus::open(None, 0.1).unwrap().repeated(3);
        assert_eq!(count(&thrice), 3 * once);
        assert!(
            thrice.describe().ends_with("3 times"),
            "{}",
            thrice.describe()
        );
    }

    #[test]
    fn folders_and_jsonl_files_yield_their_records() {
        let dir = std::env::temp_dir().join(format!("wirex-bench-corpus-{}", std::process::id()));
        let stories = dir.join("stories");
        std::fs::create_dir_all(stories.join("sub")).unwrap();
        std::fs::write(stories.join("b.txt"), "Two.").unwrap();
        std::fs::write(stories.join("sub/a.txt"), "One.").unwrap();
        std::fs::write(stories.join(".hidden"), "no").unwrap();
        let jsonl = dir.join("x.jsonl");
        std::fs::write(
            &jsonl,
            "{\"id\":1,\"text\":\"A.\"}\n\n{\"id\":2,\"text\":\"B.\"}",
        )
        .unwrap();
        let records = |c: Corpus| {
            let mut ids = Vec::new();
            c.for_each_batch(|b| ids.extend(b.iter().map(|d| (d.id.to_string(), d.format))))
                .unwrap();
            ids
        };
        let folder = records(Corpus::open(Some(&stories), 0.0).unwrap());
        let sub_a = Path::new("sub").join("a.txt").display().to_string();
        assert_eq!(
            folder,
            [("b.txt".to_string(), Format::Text), (sub_a, Format::Text)]
        );
        let lines = records(Corpus::open(Some(&jsonl), 0.0).unwrap());
        assert_eq!(
            lines,
            [
                ("line 1".to_string(), Format::JsonLine),
                ("line 3".to_string(), Format::JsonLine)
            ]
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
