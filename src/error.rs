//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library. Each variant carries what the user
/// needs to act on it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not valid UTF-8 (and `lossy` was not asked for).
    #[error("invalid UTF-8 at byte {position}")]
    InvalidUtf8 { position: usize },
    /// The input holds a NUL byte: it is binary, not text.
    #[error("binary input: NUL byte at byte {position}")]
    Binary { position: usize },
    /// The input is larger than the configured limit.
    #[error("input too large: {size} bytes, limit {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    /// A gazetteer file has a malformed line.
    #[error("gazetteer {path}, line {line}: {message}")]
    Gazetteer {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A short stable name for the error, used as `error.kind` in output records.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::Binary { .. } => "binary",
            Error::TooLarge { .. } => "too_large",
            Error::Gazetteer { .. } => "gazetteer",
            Error::Io { .. } => "io",
        }
    }
}
