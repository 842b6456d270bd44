//! Bytes to text: size limit, NUL detection, BOM, UTF-8 check (or lossy repair).
//!
//! Line ends are left as they are (CRLF, lone CR): later stages treat `\r\n`, `\r` and
//! `\n` alike, so offsets refer to the text exactly as given, after BOM removal.
//!
//! Error positions (`InvalidUtf8`, `Binary`) count bytes of the input as given, BOM
//! included: they point the user at the byte to look at in the file.

use std::borrow::Cow;

use crate::{Error, Warning};

/// The UTF-8 byte order mark; editors on Windows still write it.
const BOM: &[u8] = b"\xEF\xBB\xBF";

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
///
/// The checks run cheapest and most decisive first: the size limit before reading a
/// byte, then NUL (a binary file is refused even under `lossy`, since repairing it
/// would only produce noise), then UTF-8.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    opts: &InputOptions,
) -> Result<(Cow<'a, str>, Vec<Warning>), Error> {
    let skip = checked(bytes, opts)?;
    let body = &bytes[skip..];
    match std::str::from_utf8(body) {
        Ok(text) => Ok((Cow::Borrowed(text), Vec::new())),
        Err(e) if !opts.lossy => Err(Error::InvalidUtf8 {
            position: skip + e.valid_up_to(),
        }),
        Err(e) => {
            let first = skip + e.valid_up_to();
            let (text, replaced) = repair(body);
            let warning = Warning {
                kind: "lossy_utf8".into(),
                message: format!(
                    "replaced {replaced} invalid UTF-8 sequence{} with U+FFFD (first at byte {first})",
                    if replaced == 1 { "" } else { "s" }
                )
                .into(),
            };
            Ok((Cow::Owned(text), vec![warning]))
        }
    }
}

/// [`decode`] for text already known to be UTF-8 (a JSONL line's `"text"`): the same
/// size limit, NUL refusal and BOM removal, without checking the UTF-8 again.
pub(crate) fn decode_str<'a>(text: &'a str, opts: &InputOptions) -> Result<&'a str, Error> {
    // A BOM is a whole character: skipping it stays on a char boundary.
    Ok(&text[checked(text.as_bytes(), opts)?..])
}

/// The checks made before reading the bytes as text: the size limit, then NUL bytes
/// (binary data). Returns the length of the BOM to skip (0 or 3).
fn checked(bytes: &[u8], opts: &InputOptions) -> Result<usize, Error> {
    if bytes.len() > opts.max_bytes {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    if let Some(position) = memchr::memchr(0, bytes) {
        return Err(Error::Binary { position });
    }
    Ok(if bytes.starts_with(BOM) { BOM.len() } else { 0 })
}

/// `String::from_utf8_lossy`, also counting the replacements it makes (one U+FFFD per
/// maximal invalid sequence, the WHATWG rule both follow).
fn repair(bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            replaced += 1;
        }
    }
    (text, replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8], lossy: bool) -> (String, Vec<Warning>) {
        let opts = InputOptions {
            lossy,
            ..Default::default()
        };
        let (text, warnings) = decode(bytes, &opts).expect("decodes");
        (text.into_owned(), warnings)
    }

    fn err(bytes: &[u8], opts: InputOptions) -> Error {
        decode(bytes, &opts).expect_err("refused")
    }

    #[test]
    fn valid_text_is_borrowed_unchanged() {
        let (text, _) = decode(b"KYIV \r\n body\r", &InputOptions::default()).unwrap();
        assert!(matches!(text, Cow::Borrowed("KYIV \r\n body\r")));
    }

    #[test]
    fn bom_is_stripped() {
        let (text, warnings) = ok(b"\xEF\xBB\xBFHello", false);
        assert_eq!(text, "Hello");
        assert!(warnings.is_empty());
        // Only a leading BOM is one; U+FEFF inside the text stays.
        assert_eq!(ok("a\u{FEFF}b".as_bytes(), false).0, "a\u{FEFF}b");
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let e = err(b"caf\xE9 ok", InputOptions::default());
        assert!(matches!(e, Error::InvalidUtf8 { position: 3 }), "{e:?}");
        // Positions count the BOM: they point into the file as given.
        let e = err(b"\xEF\xBB\xBFab\xFF", InputOptions::default());
        assert!(matches!(e, Error::InvalidUtf8 { position: 5 }), "{e:?}");
        // A sequence cut short at the end is invalid too.
        let e = err(b"ab\xE2\x80", InputOptions::default());
        assert!(matches!(e, Error::InvalidUtf8 { position: 2 }), "{e:?}");
    }

    #[test]
    fn lossy_replaces_and_warns() {
        let (text, warnings) = ok(b"a\xFFb\xE2\x80c\xC3", true);
        assert_eq!(text, "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].kind, "lossy_utf8");
        assert!(
            warnings[0].message.contains("replaced 3 "),
            "{:?}",
            warnings
        );
        assert!(warnings[0].message.contains("byte 1"), "{:?}", warnings);
    }

    #[test]
    fn lossy_on_valid_text_warns_nothing() {
        assert!(ok("Kyiv – ok".as_bytes(), true).1.is_empty());
    }

    #[test]
    fn nul_is_binary_even_when_lossy() {
        let e = err(b"abc\0def", InputOptions::default());
        assert!(matches!(e, Error::Binary { position: 3 }), "{e:?}");
        let lossy = InputOptions {
            lossy: true,
            ..Default::default()
        };
        assert!(matches!(err(b"\0", lossy), Error::Binary { position: 0 }));
    }

    #[test]
    fn size_limit_is_checked_first() {
        let opts = InputOptions {
            lossy: false,
            max_bytes: 4,
        };
        let e = err(b"\0\xFFabcdef", opts.clone());
        assert!(matches!(e, Error::TooLarge { size: 8, limit: 4 }), "{e:?}");
        assert_eq!(ok(b"", false).0, "");
        assert!(decode(b"abcd", &opts).is_ok());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
                let lossy = InputOptions { lossy: true, ..Default::default() };
                match decode(&bytes, &lossy) {
                    Ok((text, warnings)) => {
                        prop_assert!(!bytes.contains(&0));
                        let valid = std::str::from_utf8(&bytes).is_ok();
                        prop_assert_eq!(warnings.is_empty(), valid);
                        if valid {
                            let plain = bytes.strip_prefix(BOM).unwrap_or(&bytes);
                            prop_assert_eq!(text.as_bytes(), plain);
                        }
                    }
                    Err(Error::Binary { position }) => prop_assert_eq!(bytes[position], 0),
                    Err(e) => prop_assert!(false, "unexpected {e:?}"),
                }
            }
        }
    }
}
