//! JSONL mode: `{"id":..,"text":..}` lines in, exactly one line out per non-blank line
//! in, in order — the contract of Hadoop Streaming and Spark's `RDD.pipe`.
//!
//! Memory stays bounded: one thread reads a batch of lines (at most [`BATCH_LINES`]
//! lines or [`BATCH_BYTES`] bytes), processes it and writes its records; with more
//! threads, lines go to the workers in chunks and at most a few chunks per worker are
//! held ([`parallel`]). A batch or chunk also ends when the next line would need a read
//! that may block, and the records of every line read are written and flushed before
//! such a read, so a producer that waits for each answer is never deadlocked.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IoSlice, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use serde_json::Value;
use wirex::{ErrorRecord, InputOptions, Pipeline, Warning};

use super::record::Record;
use super::settings::{Settings, Source};
use super::summary::Summary;

pub(super) mod fields;
mod parallel;

const BATCH_LINES: usize = 1000;
const BATCH_BYTES: usize = 16 << 20;
// A batch ends where the read buffer does, so with one thread this sets the batch size
// of file input: 2 MB, about 500 stories.
const READ_BUFFER: usize = 2 << 20;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Runs JSONL mode over `sources` in turn.
pub fn run(
    pipeline: &Pipeline,
    settings: &Settings,
    sources: &[Source],
    threads: usize,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let pool = if threads > 1 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .context("starting worker threads")?;
        Some(pool)
    } else {
        None
    };
    let mut summary = Summary::start("records");
    for source in sources {
        let (reader, name, may_block): (Box<dyn Read>, String, bool) = match source {
            Source::Stdin => (
                Box::new(io::stdin().lock()),
                "<stdin>".into(),
                !stdin_is_file(),
            ),
            Source::Path(path) => {
                let file =
                    File::open(path).with_context(|| format!("opening {}", path.display()))?;
                let may_block = !file.metadata().is_ok_and(|m| m.is_file());
                (Box::new(file), path.display().to_string(), may_block)
            }
        };
        let input = Input {
            reader,
            name: &name,
            may_block,
        };
        stream(
            pipeline,
            &settings.input,
            pool.as_ref(),
            input,
            out,
            &mut summary,
        )?;
    }
    if !settings.quiet {
        eprintln!("{}", summary.line());
    }
    // Error records are written like any other, but the run says that some inputs
    // failed, as file mode does.
    Ok(match summary.errors {
        0 => ExitCode::SUCCESS,
        _ => ExitCode::from(settings.failed_inputs),
    })
}

/// One source of lines: its reader, its name for messages, and whether a read may block
/// (a pipe or a terminal: the producer may be waiting for our answers).
struct Input<'n> {
    reader: Box<dyn Read + 'n>,
    name: &'n str,
    may_block: bool,
}

/// Runs the lines of `input` through `pipeline` (on `pool` when given), writing one
/// record per line to `out`. A read error ends the stream once the records of the lines
/// read whole before it are written.
fn stream(
    pipeline: &Pipeline,
    opts: &InputOptions,
    pool: Option<&rayon::ThreadPool>,
    input: Input<'_>,
    out: &mut dyn Write,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let Input {
        reader,
        name,
        may_block,
    } = input;
    let reader = BufReader::with_capacity(READ_BUFFER, reader);
    let process = |line: &Line| process_line(pipeline, opts, line);
    let streamed = match pool {
        Some(pool) => {
            let mut lines = Lines::new(reader, opts, parallel::CHUNK_LINES);
            parallel::stream(pool, &mut lines, may_block, &process, out, summary)
        }
        None => in_batches(
            &mut Lines::new(reader, opts, BATCH_LINES),
            &process,
            out,
            summary,
        ),
    };
    match streamed {
        Ok(()) => Ok(()),
        Err(Stop::Read(e)) => Err(e).with_context(|| format!("reading {name}")),
        Err(Stop::Write(e)) => Err(e.into()),
    }
}

/// Why a stream ended before the end of its input.
enum Stop {
    Read(io::Error),
    Write(io::Error),
}

/// One thread: a batch of lines is read, processed, then its records written (and
/// flushed, so a producer waiting for the answers gets them before the next read).
fn in_batches<R: Read>(
    lines: &mut Lines<R>,
    process: &dyn Fn(&Line) -> Record,
    out: &mut dyn Write,
    summary: &mut Summary,
) -> Result<(), Stop> {
    loop {
        let batch = lines.next_batch().map_err(Stop::Read)?;
        if batch.is_empty() {
            return Ok(());
        }
        let mut records = batch.iter().map(process).collect();
        write_records(out, &mut records, summary).map_err(Stop::Write)?;
    }
}

/// Writes `records` in order, counts them and empties the list.
fn write_records(
    out: &mut dyn Write,
    records: &mut Vec<Record>,
    summary: &mut Summary,
) -> io::Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    // One vectored write for the batch: larger than the output buffer, it goes straight
    // to the file or pipe (`writev`) instead of being copied through the buffer record by
    // record (14M instructions for the 14 MB of JSON from 3 MB of news).
    let mut slices: Vec<IoSlice> = records.iter().map(|r| IoSlice::new(&r.json)).collect();
    write_all_vectored(out, &mut slices)?;
    for record in records.drain(..) {
        summary.add(&record);
    }
    out.flush()
}

/// `Write::write_all_vectored`, which is not stable yet.
fn write_all_vectored(out: &mut dyn Write, mut slices: &mut [IoSlice<'_>]) -> io::Result<()> {
    IoSlice::advance_slices(&mut slices, 0); // drops leading empty slices
    while !slices.is_empty() {
        match out.write_vectored(slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// True when standard input is a regular file (`wirex < stories.jsonl`), whose reads
/// never wait for a producer.
#[cfg(unix)]
fn stdin_is_file() -> bool {
    use std::os::fd::AsFd;
    io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map(File::from)
        .and_then(|f| f.metadata())
        .is_ok_and(|m| m.is_file())
}

#[cfg(not(unix))]
fn stdin_is_file() -> bool {
    false
}

/// One non-blank input line.
#[derive(Debug, PartialEq)]
struct Line {
    /// 1-based line number in its source, for error messages.
    number: usize,
    content: Content,
}

#[derive(Debug, PartialEq)]
enum Content {
    /// The line, without its line end.
    Bytes(Vec<u8>),
    /// The line was longer than the cap and was skipped; its length.
    TooLong(usize),
}

/// Reads lines, each held whole only when it is at most `cap` bytes long.
struct Lines<R> {
    reader: BufReader<R>,
    cap: usize,
    /// The most lines a batch holds.
    max_lines: usize,
    number: usize,
    /// A read that failed after lines of the batch were read: reported by the next
    /// call, so that those lines are answered first.
    failed: Option<io::Error>,
}

impl<R: Read> Lines<R> {
    fn new(reader: BufReader<R>, opts: &InputOptions, max_lines: usize) -> Lines<R> {
        Lines {
            reader,
            cap: line_cap(opts.max_bytes),
            max_lines,
            number: 0,
            failed: None,
        }
    }

    /// The next batch of non-blank lines; empty at the end of input.
    fn next_batch(&mut self) -> io::Result<Vec<Line>> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < self.max_lines && bytes < BATCH_BYTES {
            if !batch.is_empty() && self.reader.buffer().is_empty() {
                break; // the next read may block: answer what we have first
            }
            let content = match self.read_line() {
                Ok(Some(content)) => content,
                Ok(None) => break,
                Err(e) if !batch.is_empty() => {
                    self.failed = Some(e);
                    break;
                }
                Err(e) => return Err(e),
            };
            self.number += 1;
            if let Content::Bytes(line) = &content {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                bytes += line.len();
            }
            batch.push(Line {
                number: self.number,
                content,
            });
        }
        Ok(batch)
    }

    fn read_line(&mut self) -> io::Result<Option<Content>> {
        let mut line = Vec::new();
        let mut len = 0;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                if len == 0 {
                    return Ok(None);
                }
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            if len + take <= self.cap {
                line.extend_from_slice(&available[..take]);
            } else {
                line = Vec::new();
            }
            len += take;
            self.reader.consume(take);
            if done {
                break;
            }
        }
        if len > self.cap {
            return Ok(Some(Content::TooLong(len)));
        }
        if self.number == 0 && line.starts_with(BOM) {
            line.drain(..BOM.len());
        }
        while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
            line.pop();
        }
        Ok(Some(Content::Bytes(line)))
    }
}

/// The longest line held in memory: a text at the size limit, with room for JSON
/// escapes (most texts grow by a few percent; quote-heavy ones by more).
fn line_cap(max_bytes: usize) -> usize {
    max_bytes.saturating_mul(2).saturating_add(64 << 10)
}

/// One line to one record; every failure becomes an error record.
fn process_line(pipeline: &Pipeline, opts: &InputOptions, line: &Line) -> Record {
    let n = line.number;
    let fail = |id: Value, kind: &str, message: String| {
        Record::error(
            &ErrorRecord::new(id, kind, format!("line {n}: {message}")),
            0,
            false,
        )
    };
    let bytes = match &line.content {
        Content::Bytes(bytes) => bytes,
        Content::TooLong(len) => {
            let message = format!(
                "the line is {len} bytes long, over the limit of {}",
                line_cap(opts.max_bytes)
            );
            return fail(Value::Null, "too_large", message);
        }
    };
    let (json, replaced) = match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), 0),
        Err(_) if opts.lossy => (String::from_utf8_lossy(bytes), invalid_sequences(bytes)),
        Err(e) => {
            let message = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
            return fail(Value::Null, "invalid_utf8", message);
        }
    };
    let (id, text) = match fields::read(&json) {
        Some(fields) => fields,
        None => match read_with_serde(&json) {
            Ok(fields) => fields,
            Err((id, kind, message)) => return fail(id, kind, message),
        },
    };
    match pipeline.extract_str(&text, opts) {
        Ok(mut doc) => {
            doc.id = id;
            if replaced > 0 {
                doc.warnings.push(Warning {
                    kind: "lossy_utf8".into(),
                    message: format!("{replaced} invalid UTF-8 sequences replaced with U+FFFD")
                        .into(),
                });
            }
            Record::document(&doc, text.len() as u64, false)
        }
        Err(e) => fail(id, e.kind(), e.to_string()),
    }
}

/// The `id` and `text` of a line that [`fields::read`] leaves to serde_json, or the
/// id, kind and message of its error record.
fn read_with_serde(json: &str) -> Result<(Value, String), (Value, &'static str, String)> {
    let mut object = match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            let message = format!(
                "expected an object {{\"id\":..,\"text\":..}}, found {}",
                type_name(&other)
            );
            return Err((Value::Null, "not_object", message));
        }
        Err(e) => return Err((Value::Null, "invalid_json", e.to_string())),
    };
    let id = object.remove("id").unwrap_or(Value::Null);
    match object.remove("text") {
        Some(Value::String(text)) => Ok((id, text)),
        Some(other) => {
            let message = format!("\"text\" must be a string, found {}", type_name(&other));
            Err((id, "invalid_text", message))
        }
        None => Err((id, "missing_text", "no \"text\" field".into())),
    }
}

fn invalid_sequences(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .filter(|c| !c.invalid().is_empty())
        .count()
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests;
