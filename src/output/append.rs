//! Appending JSON strings and integers to a [`Sink`], as serde_json and the line-safe
//! formatter write them.
//!
//! A document is mostly short values: entity ids, names, codes, offsets. For those the
//! cost is in the per-value overhead, not the bytes, so a value of up to 16 bytes is
//! loaded as two overlapping words, checked for escapes a word at a time, and written
//! with fixed-size stores into the sink's room (a `memcpy` call for a few bytes costs
//! more than the copy), the length then moved by what was used.
//! Longer strings are checked 32 bytes at a time (vector instructions the compiler
//! picks for a plain loop), then eight, and walked byte by byte only in a word that may
//! need an escape.

use super::Sink;

/// Appends `s` as a JSON string: [`field_string`] with no key.
#[inline]
pub(super) fn string(out: &mut Sink<'_>, s: &str) {
    field_string(out, b"", s);
}

/// Appends `bytes` (17 to 32 of them: names, titles, organisations) as a JSON string:
/// one 32-byte block padded with spaces (a space needs no escape), checked with
/// [`block_clean`] and copied at a fixed size, where the general path takes a loop and
/// a `memcpy` call.
#[inline(never)]
fn medium(out: &mut Sink<'_>, bytes: &[u8]) {
    const BLOCK: usize = 32;
    let n = bytes.len();
    // The two halves overlap when the string is shorter than 32 bytes.
    let mut block = [b' '; BLOCK];
    block[..16].copy_from_slice(&bytes[..16]);
    block[n - 16..n].copy_from_slice(&bytes[n - 16..]);
    if !block_clean(&block) {
        escaped(out, bytes);
        return;
    }
    let room = out.room::<{ BLOCK + 2 }>();
    room[0] = b'"';
    room[1..=BLOCK].copy_from_slice(&block);
    room[1 + n] = b'"';
    out.advance(n + 2);
}

/// Appends `bytes` (more than 32 of them: quotes, long names) as a JSON string. They
/// are nearly always clean: every 32-byte block (the last one overlapping the one
/// before) goes through [`block_clean`] with no early exit, then the whole string is
/// copied in one append; [`escaped`] takes the rest.
#[inline(never)]
fn long(out: &mut Sink<'_>, bytes: &[u8]) {
    const BLOCK: usize = 32;
    let mut clean = true;
    for chunk in bytes.chunks_exact(BLOCK) {
        clean &= <&[u8; BLOCK]>::try_from(chunk).is_ok_and(block_clean);
    }
    let tail = bytes.len().saturating_sub(BLOCK);
    clean &= <&[u8; BLOCK]>::try_from(&bytes[tail..]).is_ok_and(block_clean);
    if !clean {
        escaped(out, bytes);
        return;
    }
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    out.extend_from_slice(bytes);
    out.push(b'"');
}

/// `bytes` (at most 8) as a little-endian word when none of them needs an escape;
/// padded with spaces for the check (a space needs no escape).
#[inline]
fn short_clean(bytes: &[u8]) -> Option<u64> {
    let word = load_short(bytes);
    is_clean(word | PADDING[bytes.len()]).then_some(word)
}

/// Spaces above the first `n` bytes of a word, at `n`: a look-up, where the shift
/// takes a test for a full word (a shift by 64 is out of range).
static PADDING: [u64; 9] = {
    let mut table = [0; 9];
    let mut n = 0;
    while n < 8 {
        table[n] = SPACES << (8 * n);
        n += 1;
    }
    table
};

/// Appends `key` and `s` as a JSON string. A value of up to 16 bytes that needs no
/// escape is written with its key and quotes in one fixed-size append, as
/// [`field_uint`] writes a number.
#[inline(always)]
pub(super) fn field_string(out: &mut Sink<'_>, key: &[u8], s: &str) {
    const SHORT: usize = 24;
    const MEDIUM: usize = 32;
    let k = key.len();
    let bytes = s.as_bytes();
    let n = bytes.len();
    if n <= 8 && k + 10 <= SHORT {
        if let Some(word) = short_clean(bytes) {
            let block = out.room::<SHORT>();
            block[..k].copy_from_slice(key);
            block[k] = b'"';
            block[k + 1..k + 9].copy_from_slice(&word.to_le_bytes());
            block[k + 1 + n] = b'"';
            out.advance(k + n + 2);
            return;
        }
    } else if n <= 16 && k + 18 <= MEDIUM {
        let head: [u8; 8] = word_at(bytes, 0);
        let tail: [u8; 8] = word_at(bytes, n - 8);
        if both_clean(u64::from_le_bytes(head), u64::from_le_bytes(tail)) {
            // The two words overlap when the string is shorter than 16 bytes.
            let block = out.room::<MEDIUM>();
            block[..k].copy_from_slice(key);
            block[k] = b'"';
            block[k + 1..k + 9].copy_from_slice(&head);
            block[k + 1 + n - 8..k + 1 + n].copy_from_slice(&tail);
            block[k + 1 + n] = b'"';
            out.advance(k + n + 2);
            return;
        }
    }
    out.extend_from_slice(key);
    if (17..=32).contains(&n) {
        medium(out, bytes);
    } else {
        long(out, bytes);
    }
}

/// Appends `n` in decimal.
pub(super) fn uint(out: &mut Sink<'_>, n: u64) {
    const EIGHT_DIGITS: u64 = 100_000_000;
    if n < EIGHT_DIGITS {
        let (word, len) = digits(n as u32);
        store_short(out, word, len);
    } else {
        uint(out, n / EIGHT_DIGITS);
        let low = (n % EIGHT_DIGITS) as u32;
        store_short(out, four(low / 10_000) | four(low % 10_000) << 32, 8);
    }
}

/// Appends `key` and `n` in decimal. Offsets and indices under 10,000 (nearly every
/// number of a story) are written with their key in one fixed-size append: a key is
/// a literal, so the block is mostly built at compile time.
#[inline(always)]
pub(super) fn field_uint(out: &mut Sink<'_>, key: &[u8], n: u64) {
    const BLOCK: usize = 24;
    let k = key.len();
    if n >= SMALL_LIMIT || k > BLOCK - 4 {
        out.extend_from_slice(key);
        uint(out, n);
        return;
    }
    let (word, len) = small(n as u32);
    let block = out.room::<BLOCK>();
    block[..k].copy_from_slice(key);
    block[k..k + 4].copy_from_slice(&word.to_le_bytes());
    out.advance(k + len);
}

/// Appends `n` in decimal and the `}` that closes an object, in one fixed-size append
/// when `n` is under 10,000 (a sentence's paragraph).
#[inline(always)]
pub(super) fn uint_closing(out: &mut Sink<'_>, n: u64) {
    if n >= SMALL_LIMIT {
        uint(out, n);
        out.push(b'}');
        return;
    }
    let (word, len) = small(n as u32);
    store_short(out, u64::from(word) | u64::from(b'}') << (8 * len), len + 1);
}

/// Appends `key_a`, `a`, `key_b` and `b` (a span's `,"start":` and `,"end":`), as two
/// [`field_uint`] calls do, in one fixed-size append: the second key lands where the
/// first number ends.
#[inline(always)]
pub(super) fn field_uint_pair(out: &mut Sink<'_>, key_a: &[u8], a: u64, key_b: &[u8], b: u64) {
    const BLOCK: usize = 40;
    let (ka, kb) = (key_a.len(), key_b.len());
    if a.max(b) >= SMALL_LIMIT || ka + kb > BLOCK - 8 {
        field_uint(out, key_a, a);
        field_uint(out, key_b, b);
        return;
    }
    let (word_a, len_a) = small(a as u32);
    let (word_b, len_b) = small(b as u32);
    let block = out.room::<BLOCK>();
    block[..ka].copy_from_slice(key_a);
    block[ka..ka + 4].copy_from_slice(&word_a.to_le_bytes());
    let at = ka + len_a;
    block[at..at + kb].copy_from_slice(key_b);
    block[at + kb..at + kb + 4].copy_from_slice(&word_b.to_le_bytes());
    out.advance(at + kb + len_b);
}

/// Appends `key` and `true` or `false` in one fixed-size append: the two words differ
/// in length, and a slice of either would be copied by a `memcpy` call.
#[inline(always)]
pub(super) fn field_bool(out: &mut Sink<'_>, key: &[u8], b: bool) {
    const BLOCK: usize = 24;
    const WORDS: [[u8; 8]; 2] = [*b"false\0\0\0", *b"true\0\0\0\0"];
    let k = key.len();
    if k > BLOCK - 8 {
        out.extend_from_slice(key);
        field_bool(out, b"", b);
        return;
    }
    let block = out.room::<BLOCK>();
    block[..k].copy_from_slice(key);
    block[k..k + 8].copy_from_slice(&WORDS[usize::from(b)]);
    out.advance(k + 5 - usize::from(b));
}

/// The most bytes a [`Literal`] holds: `{"kind":"percentage_points","text":` is 35.
const LITERAL: usize = 40;

/// A short literal padded to a fixed size. Enum values are one of a few literals of
/// different lengths: as a slice each append is a `memcpy` call; padded, it is one
/// fixed-size copy into the room, as [`field_uint`] writes a number.
pub(super) struct Literal {
    bytes: [u8; LITERAL],
    len: usize,
}

impl Literal {
    pub(super) const EMPTY: Literal = Literal {
        bytes: [0; LITERAL],
        len: 0,
    };

    /// `prefix`, `name` in quotes and `suffix`, joined at compile time.
    pub(super) const fn quoted(prefix: &str, name: &str, suffix: &str) -> Literal {
        let mut lit = Literal::EMPTY;
        lit = lit.then(prefix.as_bytes());
        lit = lit.then(b"\"");
        lit = lit.then(name.as_bytes());
        lit = lit.then(b"\"");
        lit.then(suffix.as_bytes())
    }

    const fn then(mut self, part: &[u8]) -> Literal {
        assert!(self.len + part.len() <= LITERAL, "literal too long");
        let mut i = 0;
        while i < part.len() {
            self.bytes[self.len + i] = part[i];
            i += 1;
        }
        self.len += part.len();
        self
    }
}

/// Appends `lit`.
#[inline(always)]
pub(super) fn literal(out: &mut Sink<'_>, lit: &Literal) {
    out.room::<LITERAL>().copy_from_slice(&lit.bytes);
    out.advance(lit.len);
}

/// Appends `n` in decimal, minus sign included.
pub(super) fn int(out: &mut Sink<'_>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    uint(out, n.unsigned_abs());
}

/// The decimal digits of `n` (< 10^8) as a little-endian word, and how many: offsets
/// are short numbers, so this is a table look-up or two, not a loop over digits.
fn digits(n: u32) -> (u64, usize) {
    if n < SMALL_LIMIT as u32 {
        let (word, len) = small(n);
        return (u64::from(word), len);
    }
    let (high, len) = small(n / 10_000);
    (u64::from(high) | four(n % 10_000) << (8 * len), len + 4)
}

/// Numbers below this are written from [`SMALL`].
const SMALL_LIMIT: u64 = 10_000;

/// The digits of `n` (< [`SMALL_LIMIT`]) as a little-endian word, first digit in the
/// low byte, and how many: one look-up, where computing them takes two divisions, two
/// look-ups and a length from three comparisons. No digit is a zero byte, so the
/// length is the number of bytes below the highest set bit.
#[inline(always)]
fn small(n: u32) -> (u32, usize) {
    let word = SMALL[n as usize];
    (word, (39 - word.leading_zeros() as usize) / 8)
}

/// `0` to `9999` without leading zeros, as [`small`] reads them (40 KB; a story's
/// offsets grow as it is written, so the look-ups stay in a few cache lines).
static SMALL: [u32; SMALL_LIMIT as usize] = {
    let mut table = [0; SMALL_LIMIT as usize];
    let mut n = 0;
    while n < table.len() {
        let mut word = 0u32;
        let mut rest = n;
        // Digits from the last: each shifts the ones after it up a byte.
        loop {
            word = word << 8 | (b'0' as u32 + (rest % 10) as u32);
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        table[n] = word;
        n += 1;
    }
    table
};

/// The four digits of `n` (< 10^4), zero-padded.
fn four(n: u32) -> u64 {
    pair(n / 100) | pair(n % 100) << 16
}

/// The two digits of `n` (< 100), zero-padded.
fn pair(n: u32) -> u64 {
    u64::from(u16::from_le_bytes(PAIRS[n as usize]))
}

/// `00` to `99`.
static PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0; 2]; 100];
    let mut i = 0;
    while i < 100 {
        pairs[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    pairs
};

const SPACES: u64 = u64::from_le_bytes([b' '; 8]);

/// `bytes` (at most 8) as a little-endian word, zero above them. Two overlapping loads
/// cover any length without a loop.
fn load_short(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let at = |i: usize| u64::from(bytes[i]) << (8 * i);
    let word4 = |i: usize| u64::from(u32::from_le_bytes(word_at(bytes, i))) << (8 * i);
    match n {
        0 => 0,
        1..=3 => at(0) | at(n / 2) | at(n - 1),
        _ => word4(0) | word4(n - 4),
    }
}

/// The `N` bytes of `bytes` from `at`.
fn word_at<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut word = [0; N];
    word.copy_from_slice(&bytes[at..at + N]);
    word
}

/// Appends the low `len` (at most 8) bytes of `word`: one 8-byte store, the rest cut off.
fn store_short(out: &mut Sink<'_>, word: u64, len: usize) {
    out.room::<8>().copy_from_slice(&word.to_le_bytes());
    out.advance(len);
}

/// True when no byte of `word` is a control character, `"`, `\` or a lead byte of the
/// line breaks escaped (C2 for U+0085, E2 for U+2028/9; also the lead of other
/// characters, so `false` only means "look closer"). Most words are ASCII and take
/// [`ascii_clean`]; the others the full test.
#[inline(always)]
fn is_clean(word: u64) -> bool {
    ascii_clean(word) || lead_clean(word)
}

/// `is_clean(a) && is_clean(b)`: the two words of a 9 to 16 byte string are nearly
/// always both clean ASCII, tested with one branch rather than two.
#[inline(always)]
fn both_clean(a: u64, b: u64) -> bool {
    (ascii_clean(a) & ascii_clean(b)) || (is_clean(a) && is_clean(b))
}

/// True when `word` is all ASCII and none of its bytes is a control character, `"` or
/// `\`: [`lead_clean`] for ASCII words, in about half the instructions.
#[inline(always)]
fn ascii_clean(word: u64) -> bool {
    use crate::swar::{HIGH, ONES};
    // Below 0x80 a byte plus at most 0x80 carries into no other byte, and the sum's
    // high bit says the byte was at least 0x80 minus what was added. Flipping bit 1
    // turns `"` (22) into 20 and keeps the controls below 20: "at least 21" passes
    // neither; `\` is the only byte the second sum leaves below 0x80. A non-ASCII
    // byte (which may carry) fails on its own high bit in `!word`.
    let not_control_or_quote = (word ^ (ONES * 0x02)).wrapping_add(ONES * (0x80 - 0x21));
    let not_backslash = (word ^ (ONES * u64::from(b'\\'))).wrapping_add(ONES * 0x7F);
    not_control_or_quote & not_backslash & !word & HIGH == HIGH
}

/// [`is_clean`] for any word.
#[inline(never)]
fn lead_clean(word: u64) -> bool {
    use crate::swar::{HIGH, ONES};
    // The classic "has a zero byte" test, `(x - ONES) & !x & HIGH`, with `x` the word
    // xor the byte looked for. It can flag a byte above a real hit, never miss one.
    let has = |word: u64, b: u8| {
        let x = word ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x
    };
    // Flipping bit 1 turns `"` (22) into 20 and keeps the controls below 20 (and moves
    // the space to 22): one "less than 21" test finds both.
    let flipped = word ^ (ONES * 0x02);
    let control_or_quote = flipped.wrapping_sub(ONES * 0x21) & !flipped;
    // C2 and E2 differ only in bit 5: one test finds both.
    let lead = has(word | (ONES * 0x20), 0xE2);
    (control_or_quote | has(word, b'\\') | lead) & HIGH == 0
}

/// Appends `bytes` as a JSON string, escaping what needs it.
#[inline(never)]
fn escaped(out: &mut Sink<'_>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    // Long strings are nearly always clean: their whole words are checked first in a
    // loop with nothing else in it, and the walk below starts at the first word that
    // may need an escape (or at the tail).
    let mut i = clean_words(bytes);
    while i < bytes.len() {
        let end = (i + 8).min(bytes.len());
        // The word ending at `end` (it overlaps the one before at the end of the string).
        if let Some(start) = end.checked_sub(8) {
            if is_clean(u64::from_le_bytes(word_at(bytes, start))) {
                i = end;
                continue;
            }
        }
        while i < end {
            match escape(&bytes[i..], out, &bytes[copied..i]) {
                0 => i += 1,
                len => {
                    i += len;
                    copied = i;
                }
            }
        }
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// How many bytes of `bytes` come before its first 8-byte word (counted from the start)
/// that may need an escape: a multiple of 8, at most the length. Whole 32-byte blocks
/// go first through [`block_clean`]; the words of the block that fails, and of the
/// tail, through [`is_clean`].
fn clean_words(bytes: &[u8]) -> usize {
    const BLOCK: usize = 32;
    let mut clean = 0;
    for chunk in bytes.chunks_exact(BLOCK) {
        // Never the fallback: every chunk is a whole block.
        let block: [u8; BLOCK] = chunk.try_into().unwrap_or([0; BLOCK]);
        if !block_clean(&block) {
            break;
        }
        clean += BLOCK;
    }
    for chunk in bytes[clean..].chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if !is_clean(word) {
            break;
        }
        clean += 8;
    }
    clean
}

/// True when no byte of `block` is a control character, `"`, `\` or C2/E2: exactly
/// the bytes [`is_clean`] looks for. One pass with no early exit and no short-circuit,
/// so the compiler checks sixteen bytes per vector instruction (SSE2 is part of every
/// x86-64): a 32-byte block costs about what [`is_clean`] spends on eight bytes.
#[inline(always)]
fn block_clean<const N: usize>(block: &[u8; N]) -> bool {
    let mut flagged = 0u8;
    for &b in block {
        // C2 and E2 differ only in bit 5, as in `is_clean`.
        flagged |= u8::from(b < 0x20)
            | u8::from(b == b'"')
            | u8::from(b == b'\\')
            | u8::from(b | 0x20 == 0xE2);
    }
    flagged == 0
}

/// What a byte of a string needs: copied as is, an escape of its own, or a look at the
/// bytes after it (the lead bytes of U+0085 and U+2028/9).
const COPY: u8 = 0;
const LINE: u8 = 1;
const HEX: u8 = b'u';

/// serde_json's escapes: two-letter ones for the usual controls, `\u00XX` for the others,
/// plus [`LINE`] for the lead bytes of the line breaks the line-safe formatter escapes.
static ESCAPE: [u8; 256] = {
    let mut table = [COPY; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = HEX;
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[0xC2] = LINE;
    table[0xE2] = LINE;
    table
};

/// Escapes the character `rest` starts with, if it needs it: writes `pending` (the clean
/// bytes before it) and the escape, and returns the bytes it replaces; 0 for a byte that
/// is copied as is.
fn escape(rest: &[u8], out: &mut Sink<'_>, pending: &[u8]) -> usize {
    let code = ESCAPE[usize::from(rest[0])];
    let len = match code {
        COPY => return 0,
        LINE => line_break_len(rest),
        _ => 1,
    };
    if len == 0 {
        return 0;
    }
    out.extend_from_slice(pending);
    match code {
        LINE => {
            // U+0085 is C2 85; U+2028/9 are E2 80 A8/A9.
            let digits = if len == 2 {
                *b"0085"
            } else {
                [b'2', b'0', b'2', rest[2] - 0xA8 + b'8']
            };
            out.extend_from_slice(b"\\u");
            out.extend_from_slice(&digits);
        }
        HEX => {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            let b = usize::from(rest[0]);
            out.extend_from_slice(b"\\u00");
            out.extend_from_slice(&[DIGITS[b >> 4], DIGITS[b & 0xF]]);
        }
        short => out.extend_from_slice(&[b'\\', short]),
    }
    len
}

/// The length of the U+0085, U+2028 or U+2029 that `rest` starts with, or 0.
fn line_break_len(rest: &[u8]) -> usize {
    match rest {
        [0xC2, 0x85, ..] => 2,
        [0xE2, 0x80, 0xA8 | 0xA9, ..] => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests;
