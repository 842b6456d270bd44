//! One input to one output record: read (bounded), extract, serialize.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use serde_json::Value;
use wirex::{Document, ErrorRecord, InputOptions, Pipeline};

use super::settings::Source;

/// The outcome for one input, already serialized.
pub struct Record {
    /// The JSON text, newline included.
    pub json: Vec<u8>,
    /// Input bytes read.
    pub bytes: u64,
    pub entities: usize,
    pub quotes: usize,
    /// The error message when the record is an error record.
    pub error: Option<String>,
}

impl Record {
    /// Serializes a document.
    pub fn document(doc: &Document, bytes: u64, pretty: bool) -> Record {
        let json = if pretty {
            serialize(doc, true)
        } else {
            // Wire copy makes about 8 bytes of JSON per byte of text: one allocation
            // instead of a few doublings and copies (capped: a huge input grows as before).
            let estimate = usize::try_from(bytes).unwrap_or(0).saturating_mul(8);
            let mut json = Vec::with_capacity(estimate.clamp(4096, 1 << 20));
            doc.append_json_line(&mut json);
            json
        };
        Record {
            json,
            bytes,
            entities: doc.entities.len(),
            quotes: doc.quotes.len(),
            error: None,
        }
    }

    /// Serializes an error record.
    pub fn error(rec: &ErrorRecord, bytes: u64, pretty: bool) -> Record {
        Record {
            json: serialize(rec, pretty),
            bytes,
            entities: 0,
            quotes: 0,
            error: Some(rec.error.message.clone()),
        }
    }
}

fn serialize<T: serde::Serialize>(value: &T, pretty: bool) -> Vec<u8> {
    let mut json = Vec::with_capacity(4096);
    let written = if pretty {
        wirex::write_json_pretty(&mut json, value)
    } else {
        wirex::write_json_line(&mut json, value)
    };
    // Writing into a Vec cannot fail, and our types always serialize (string keys only).
    written.expect("serializing to memory");
    json
}

/// The `id` a story read from `source` gets in its record.
pub fn source_id(source: &Source) -> Value {
    match source {
        Source::Stdin => Value::Null,
        Source::Path(path) => Value::String(path.to_string_lossy().into_owned()),
    }
}

/// Reads `source`, extracts, and serializes the document or the error record.
pub fn extract_source(
    pipeline: &Pipeline,
    source: &Source,
    id: Value,
    opts: &InputOptions,
    pretty: bool,
) -> Record {
    let read = match source {
        Source::Stdin => read_bounded(io::stdin().lock(), opts.max_bytes, Path::new("<stdin>")),
        Source::Path(path) => read_file(path, opts.max_bytes),
    };
    let result = read.and_then(|bytes| {
        let doc = pipeline.extract_bytes(&bytes, opts);
        Ok((doc?, bytes.len() as u64))
    });
    match result {
        Ok((mut doc, bytes)) => {
            doc.id = id;
            Record::document(&doc, bytes, pretty)
        }
        Err(err) => Record::error(
            &ErrorRecord::new(id, err.kind(), err.to_string()),
            0,
            pretty,
        ),
    }
}

/// Reads a file, refusing it early when its size is over the limit.
fn read_file(path: &Path, max_bytes: usize) -> Result<Vec<u8>, wirex::Error> {
    let io_err = |source| wirex::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io_err)?;
    let size = file.metadata().map_err(io_err)?.len();
    if size > max_bytes as u64 {
        return Err(wirex::Error::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit: max_bytes,
        });
    }
    read_bounded(file, max_bytes, path)
}

/// Reads at most `max_bytes + 1` bytes: enough to know the input is too large without
/// holding all of it (a file may grow after its size was checked; stdin has no size).
fn read_bounded(reader: impl Read, max_bytes: usize, name: &Path) -> Result<Vec<u8>, wirex::Error> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    reader
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|source| wirex::Error::Io {
            path: name.to_path_buf(),
            source,
        })?;
    if bytes.len() > max_bytes {
        return Err(wirex::Error::TooLarge {
            size: bytes.len(),
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_past_the_limit() {
        let ok = read_bounded(&b"12345"[..], 5, Path::new("x")).unwrap();
        assert_eq!(ok, b"12345");
        let err = read_bounded(&b"123456789"[..], 5, Path::new("x")).unwrap_err();
        assert_eq!(err.kind(), "too_large");
    }

    #[test]
    fn missing_files_become_io_error_records() {
        let pipeline = Pipeline::new();
        let source = Source::Path("/nonexistent/wirex/story.txt".into());
        let rec = extract_source(
            &pipeline,
            &source,
            source_id(&source),
            &Default::default(),
            false,
        );
        let json: Value = serde_json::from_slice(&rec.json).unwrap();
        assert_eq!(json["id"], "/nonexistent/wirex/story.txt");
        assert_eq!(json["error"]["kind"], "io");
        assert!(rec.error.is_some());
    }
}
