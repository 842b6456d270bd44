//! Bytes to text: UTF-8 check, BOM, NUL detection, size limit.
//!
//! Line ends are left as they are (CRLF, lone CR): later stages treat `\r\n`, `\r` and
//! `\n` alike, so offsets refer to the text exactly as given, after BOM removal.

use std::borrow::Cow;

use crate::{Error, Warning};

/// How raw input bytes become text.
///
/// ```
/// let opts = wirex::InputOptions { lossy: true, ..Default::default() };
/// assert_eq!(opts.max_bytes, 64 * 1024 * 1024);
/// ```
#[derive(Clone, Debug)]
pub struct InputOptions {
    /// Replace invalid UTF-8 with U+FFFD (and warn) instead of failing.
    pub lossy: bool,
    /// Inputs larger than this many bytes are refused.
    pub max_bytes: usize,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            lossy: false,
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Decodes `bytes` into text, or says why it cannot.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    opts: &InputOptions,
) -> Result<(Cow<'a, str>, Vec<Warning>), Error> {
    // TODO(foundation): BOM, NUL detection, size limit, lossy decoding with a warning.
    let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        position: e.valid_up_to(),
    })?;
    let _ = opts;
    Ok((Cow::Borrowed(text), Vec::new()))
}
