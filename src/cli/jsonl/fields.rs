//! The fast path of a JSONL line: its `id` and its `text` read without building a
//! `serde_json::Value` map, the text unescaped here.
//!
//! serde_json spends about five instructions a byte on a news text: its scan for the
//! next escape stops at every `\n` and `\"`, and the text is copied through its scratch
//! buffer into the map's `String`. Here the text is scanned for `"` and `\` with
//! `memchr2`, checked for raw control characters in one pass, and copied once.
//!
//! Only a strict subset of JSON is read: a key or a text with an escape not handled
//! here, a duplicate `id` or `text`, a missing or non-string text, anything invalid
//! gives `None`, and the caller parses the line with serde_json as before. So every
//! error record, and every line out of the ordinary, is handled exactly as it was;
//! values other than the text (the id, other fields) are parsed by serde_json itself,
//! except small integers (the usual id), read here as serde_json reads them.

use serde_json::Value;

/// The `id` (null when absent) and the unescaped `text` of the object on `line`, or
/// `None` when the line is not in the subset read here (the caller then asks serde_json).
pub(in crate::cli) fn read(line: &str) -> Option<(Value, String)> {
    let mut reader = Reader { line, at: 0 };
    reader.whitespace();
    reader.expect(b'{')?;
    let mut id = None;
    let mut text = None;
    loop {
        reader.whitespace();
        let key = reader.key()?;
        reader.whitespace();
        reader.expect(b':')?;
        reader.whitespace();
        match key {
            "text" if text.is_none() => text = Some(reader.string()?),
            "id" if id.is_none() => id = Some(reader.value()?),
            // A repeated key: serde's map keeps the last; left to it.
            "text" | "id" => return None,
            _ => {
                reader.value()?;
            }
        }
        reader.whitespace();
        match reader.byte()? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    reader.whitespace();
    if reader.at != line.len() {
        return None;
    }
    Some((id.unwrap_or(Value::Null), text?))
}

/// Nested values deeper than this are left to serde_json: it allows 128 levels in a
/// line, the object taking one, where a value parsed alone would be allowed all 128.
const MAX_BRACKETS: usize = 64;

/// The most digits [`Reader::small_integer`] reads: any such number fits a `u64`.
const SMALL_DIGITS: usize = 18;

struct Reader<'a> {
    line: &'a str,
    /// The next byte to read.
    at: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.line.as_bytes()
    }

    /// Skips JSON whitespace, as serde_json does.
    fn whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes().get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte, consumed.
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes().get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn expect(&mut self, want: u8) -> Option<()> {
        (self.byte()? == want).then_some(())
    }

    /// A key without escapes or control characters.
    fn key(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.at;
        let len = memchr::memchr2(b'"', b'\\', &self.bytes()[start..])?;
        let key = self.line.get(start..start + len)?;
        if self.bytes()[start + len] != b'"' || has_control(key.as_bytes()) {
            return None;
        }
        self.at = start + len + 1;
        Some(key)
    }

    /// Any JSON value, parsed by serde_json; a small integer (the usual id) is read
    /// here, where serde_json's stream costs some six hundred instructions and twenty
    /// mispredicted branches a line.
    fn value(&mut self) -> Option<Value> {
        if let Some(n) = self.small_integer() {
            return Some(Value::from(n));
        }
        let rest = &self.line[self.at..];
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let value = stream.next()?.ok()?;
        let len = stream.byte_offset();
        let brackets = rest.as_bytes()[..len]
            .iter()
            .filter(|&&b| b == b'[' || b == b'{')
            .count();
        if brackets >= MAX_BRACKETS {
            return None;
        }
        self.at += len;
        Some(value)
    }

    /// A non-negative integer of at most [`SMALL_DIGITS`] digits and no leading zero,
    /// not followed by a fraction or an exponent: a number serde_json reads as this
    /// `u64`. `None`, and nothing consumed, for any other value.
    fn small_integer(&mut self) -> Option<u64> {
        let rest = &self.bytes()[self.at..];
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let plain = match rest.get(digits) {
            Some(b'.' | b'e' | b'E') => false,
            _ => (1..=SMALL_DIGITS).contains(&digits) && (digits == 1 || rest[0] != b'0'),
        };
        if !plain {
            return None;
        }
        let n = rest[..digits]
            .iter()
            .fold(0, |n, &d| n * 10 + u64::from(d - b'0'));
        self.at += digits;
        Some(n)
    }

    /// A string, unescaped. Escapes of UTF-16 surrogates (characters beyond the
    /// Basic Multilingual Plane, or invalid) are left to serde_json.
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let bytes = self.bytes();
        let start = self.at;
        // The rest of the line bounds the text: one allocation.
        let mut out = String::with_capacity(bytes.len() - start);
        let mut copied = start;
        loop {
            let at = copied + memchr::memchr2(b'"', b'\\', &bytes[copied..])?;
            // Both are ASCII, so `copied..at` lies on character boundaries.
            out.push_str(self.line.get(copied..at)?);
            if bytes[at] == b'"' {
                // Escapes are ASCII letters and digits: any control byte between the
                // quotes was raw, which JSON forbids.
                if has_control(&bytes[start..at]) {
                    return None;
                }
                self.at = at + 1;
                return Some(out);
            }
            // Escapes often come in twos (`\n\n` between paragraphs): the second is
            // taken here, where a search would stop at once and copy nothing.
            let mut at = at;
            loop {
                let (ch, len) = escape(&bytes[at + 1..])?;
                out.push(ch);
                at += 1 + len;
                if bytes.get(at) != Some(&b'\\') {
                    break;
                }
            }
            copied = at;
        }
    }
}

/// The character of the escape `rest` starts with (after its backslash) and its
/// length, as serde_json reads it; `None` for an invalid escape or a surrogate.
fn escape(rest: &[u8]) -> Option<(char, usize)> {
    let ch = match *rest.first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\x08',
        b'f' => '\x0c',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let digits = rest.get(1..5)?;
            let mut n = 0;
            for &d in digits {
                n = n << 4 | (d as char).to_digit(16)?;
            }
            // `from_u32` refuses the surrogates D800-DFFF.
            return Some((char::from_u32(n)?, 5));
        }
        _ => return None,
    };
    Some((ch, 1))
}

/// True when `bytes` holds a control character (below 0x20). One pass with no early
/// exit, which the compiler turns into vector instructions.
fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |any, &b| any | (b < 0x20))
}

#[cfg(test)]
mod tests;
