//! JSONL mode: `{"id":..,"text":..}` lines in, exactly one line out per non-blank line
//! in, in order — the contract of Hadoop Streaming and Spark's `RDD.pipe`.
//!
//! Memory stays bounded: lines are read in batches (at most [`BATCH_LINES`] lines or
//! [`BATCH_BYTES`] bytes) and a batch is processed (in parallel when asked); while the
//! workers process it, the records of the batch before are written and, from a file,
//! the next batch is read: at most three batches are held. A batch also ends when the
//! next line would need a read that may block, and the records held are written and
//! flushed before such a read, so a producer that waits for each answer is never
//! deadlocked.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IoSlice, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;
use serde_json::Value;
use wirex::{ErrorRecord, InputOptions, Pipeline, Warning};

use super::record::Record;
use super::settings::{Settings, Source};
use super::summary::Summary;

pub(super) mod fields;

const BATCH_LINES: usize = 1000;
const BATCH_BYTES: usize = 16 << 20;
// A batch ends where the read buffer does, so this sets the batch size of file input:
// 2 MB (about 500 stories) gives two workers enough to share before each batch's
// barrier (1 MB measured 3-8% slower with --threads 2; 4 MB no better, and more memory).
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
        let mut lines = Lines::new(
            BufReader::with_capacity(READ_BUFFER, reader),
            &settings.input,
        );
        // The records of the batch before, written while the workers process the next
        // one: written between batches, they left both cores idle for a tenth of the
        // run (1 GB JSONL: 5 GB of JSON to copy out).
        let mut pending: Vec<Record> = Vec::new();
        // The batch read while the workers processed the one before (file input only).
        let mut ahead: Option<Vec<Line>> = None;
        loop {
            // A producer that waits for each answer (a pipe) must have it before a
            // read that may block, or neither side would go on.
            if may_block && lines.reader.buffer().is_empty() {
                write_records(out, &mut pending, &mut summary)?;
            }
            let batch = match ahead.take() {
                Some(batch) => batch,
                None => lines
                    .next_batch()
                    .with_context(|| format!("reading {name}"))?,
            };
            if batch.is_empty() {
                break;
            }
            let process = |line: &Line| process_line(pipeline, &settings.input, line);
            match &pool {
                Some(pool) => {
                    let mut records = Vec::new();
                    let (written, read) = pool.in_place_scope(|scope| {
                        scope.spawn(|_| records = batch.par_iter().map(process).collect());
                        let written = write_records(out, &mut pending, &mut summary);
                        // A file never waits for our answers: its next batch is read
                        // while the workers run, not between batches with both idle.
                        let read = (!may_block).then(|| lines.next_batch());
                        (written, read)
                    });
                    written?;
                    ahead = read
                        .transpose()
                        .with_context(|| format!("reading {name}"))?;
                    pending = records;
                }
                None => {
                    pending = batch.iter().map(process).collect();
                    write_records(out, &mut pending, &mut summary)?;
                }
            }
        }
        write_records(out, &mut pending, &mut summary)?;
    }
    if !settings.quiet {
        eprintln!("{}", summary.line());
    }
    Ok(ExitCode::SUCCESS)
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
    number: usize,
}

impl<R: Read> Lines<R> {
    fn new(reader: BufReader<R>, opts: &InputOptions) -> Lines<R> {
        Lines {
            reader,
            cap: line_cap(opts.max_bytes),
            number: 0,
        }
    }

    /// The next batch of non-blank lines; empty at the end of input.
    fn next_batch(&mut self) -> io::Result<Vec<Line>> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
            if !batch.is_empty() && self.reader.buffer().is_empty() {
                break; // the next read may block: answer what we have first
            }
            let Some(content) = self.read_line()? else {
                break;
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
mod tests {
    use super::*;

    fn lines(input: &[u8], max_bytes: usize) -> Vec<Line> {
        let opts = InputOptions {
            max_bytes,
            ..Default::default()
        };
        let mut lines = Lines::new(BufReader::with_capacity(7, input), &opts);
        let mut all = Vec::new();
        loop {
            let batch = lines.next_batch().unwrap();
            if batch.is_empty() {
                return all;
            }
            all.extend(batch);
        }
    }

    #[test]
    fn lines_are_numbered_blank_ones_skipped_and_long_ones_capped() {
        let long = format!("{}\n", "x".repeat(100 << 10));
        let input = format!("\u{feff}a\r\n\n  \nbb\n{long}last");
        let got = lines(input.as_bytes(), 10);
        let want = [
            (1, Content::Bytes(b"a".to_vec())),
            (4, Content::Bytes(b"bb".to_vec())),
            (5, Content::TooLong(long.len())),
            (6, Content::Bytes(b"last".to_vec())),
        ];
        assert_eq!(got.len(), want.len());
        for (line, (number, content)) in got.iter().zip(want) {
            assert_eq!((line.number, &line.content), (number, &content));
        }
    }

    proptest::proptest! {
        /// Whatever the bytes and the buffer size, the reader returns the non-blank
        /// lines of a plain split, numbered from 1.
        #[test]
        fn lines_match_a_plain_split(input in proptest::collection::vec(
            proptest::sample::select(&b"ab \r\n\xff{}"[..]), 0..200), capacity in 1usize..16) {
            let opts = InputOptions::default();
            let mut reader = Lines::new(BufReader::with_capacity(capacity, &input[..]), &opts);
            let mut got = Vec::new();
            loop {
                let batch = reader.next_batch().unwrap();
                if batch.is_empty() {
                    break;
                }
                got.extend(batch);
            }
            let want: Vec<(usize, Content)> = input
                .split_inclusive(|&b| b == b'\n')
                .enumerate()
                .map(|(i, l)| {
                    let mut l = l.to_vec();
                    while l.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                        l.pop();
                    }
                    (i + 1, Content::Bytes(l))
                })
                .filter(|(_, c)| !matches!(c, Content::Bytes(l) if l.iter().all(u8::is_ascii_whitespace)))
                .collect();
            let got: Vec<(usize, Content)> = got.into_iter().map(|l| (l.number, l.content)).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    fn record(line: &[u8], lossy: bool) -> Value {
        let opts = InputOptions {
            lossy,
            ..Default::default()
        };
        let line = Line {
            number: 3,
            content: Content::Bytes(line.to_vec()),
        };
        let rec = process_line(&Pipeline::new(), &opts, &line);
        assert_eq!(rec.json.last(), Some(&b'\n'));
        serde_json::from_slice(&rec.json).unwrap()
    }

    #[test]
    fn bad_lines_become_error_records() {
        for (line, id, kind) in [
            (&br#"{"id": 1, "text": "#[..], Value::Null, "invalid_json"),
            (br#"[1, 2]"#, Value::Null, "not_object"),
            (br#""text""#, Value::Null, "not_object"),
            (br#"{"id": "a"}"#, "a".into(), "missing_text"),
            (br#"{"id": 7, "text": 5}"#, 7.into(), "invalid_text"),
            (
                br#"{"id": null, "text": null}"#,
                Value::Null,
                "invalid_text",
            ),
            (
                br#"{"id": true, "text": "a\u0000b"}"#,
                true.into(),
                "binary",
            ),
            (
                b"{\"id\": 2, \"text\": \"\xff\"}",
                Value::Null,
                "invalid_utf8",
            ),
        ] {
            let rec = record(line, false);
            assert_eq!(rec["id"], id, "{}", String::from_utf8_lossy(line));
            assert_eq!(
                rec["error"]["kind"],
                kind,
                "{}",
                String::from_utf8_lossy(line)
            );
            let message = rec["error"]["message"].as_str().unwrap();
            assert!(message.starts_with("line 3: "), "{message}");
        }
    }

    #[test]
    fn good_lines_keep_their_id_and_type() {
        for id in [
            serde_json::json!(12),
            serde_json::json!(-1.5),
            serde_json::json!("doc-1"),
            serde_json::json!(null),
            serde_json::json!(false),
        ] {
            let line = serde_json::json!({"text": "Talks went on.", "id": id}).to_string();
            let rec = record(line.as_bytes(), false);
            assert_eq!(rec["id"], id);
            assert_eq!(rec["schema"], "wirex/1");
        }
        let rec = record(br#"{"text": "No id."}"#, false);
        assert_eq!(rec["id"], Value::Null);
        assert!(rec["sentences"].is_array());
    }

    /// Takes at most three bytes a call, through `Write`'s default `write_vectored`.
    struct Trickle(Vec<u8>);

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(3);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn records_are_written_whole_and_in_order_through_short_writes() {
        let texts = ["{\"a\":1}\n", "", "{\"b\":22}\n", "{}\n"];
        let records = || -> Vec<Record> {
            let record = |t: &str| Record {
                json: t.as_bytes().to_vec(),
                bytes: 1,
                entities: 0,
                quotes: 0,
                error: None,
            };
            texts.iter().map(|t| record(t)).collect()
        };
        let mut summary = Summary::start("records");
        let mut trickle = Trickle(Vec::new());
        let mut pending = records();
        write_records(&mut trickle, &mut pending, &mut summary).unwrap();
        assert!(pending.is_empty());
        assert_eq!(trickle.0, texts.concat().as_bytes());
        let mut buffered = io::BufWriter::with_capacity(8, Vec::new());
        write_records(&mut buffered, &mut records(), &mut summary).unwrap();
        assert_eq!(buffered.into_inner().unwrap(), texts.concat().as_bytes());
    }

    #[test]
    fn lossy_lines_carry_a_warning() {
        let rec = record(b"{\"id\": 2, \"text\": \"bad \xff\xfe byte\"}", true);
        assert_eq!(rec["id"], 2);
        assert_eq!(rec["warnings"][0]["kind"], "lossy_utf8");
    }
}
