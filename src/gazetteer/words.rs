//! Spans of bytes read eight at a time, as little-endian words: loads without copies,
//! ASCII case, and comparisons without a call. The index, the matcher and the loader
//! share them.

use crate::swar::{alphanumeric, in_range, HIGH};

/// The eight bytes from `pos`, if there are eight.
#[inline(always)]
pub(super) fn eight_at(bytes: &[u8], pos: usize) -> Option<&[u8; 8]> {
    bytes.get(pos..).and_then(<[u8]>::first_chunk)
}

/// The bytes of a little-endian word that a span of `len` bytes covers.
#[inline(always)]
pub(super) fn len_mask(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1 << (8 * len)) - 1
    }
}

/// The first eight bytes of `bytes` (zero-padded), ASCII-lowercased eight at a time.
#[inline(always)]
pub(super) fn head8(bytes: &[u8]) -> u64 {
    lower8(load8(bytes))
}

/// Up to the first eight bytes of `bytes` as a little-endian word, zero-padded: short
/// spans in at most three loads, without a copy.
#[inline(always)]
pub(super) fn load8(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    match *bytes {
        [a, b, c, d, e, f, g, h, ..] => u64::from_le_bytes([a, b, c, d, e, f, g, h]),
        [] => 0,
        [a, b, c, d, ..] => {
            // Two loads that overlap when `n < 8`: the shared bytes are the same.
            let [w, x, y, z] = [bytes[n - 4], bytes[n - 3], bytes[n - 2], bytes[n - 1]];
            let lo = u64::from(u32::from_le_bytes([a, b, c, d]));
            let hi = u64::from(u32::from_le_bytes([w, x, y, z]));
            lo | hi << (8 * (n - 4))
        }
        [a, ..] => {
            u64::from(a)
                | u64::from(bytes[n / 2]) << (8 * (n / 2))
                | u64::from(bytes[n - 1]) << (8 * (n - 1))
        }
    }
}

/// `w` with the bytes `A`..=`Z` lowercased; other bytes, non-ASCII ones too, stay.
#[inline(always)]
pub(super) fn lower8(w: u64) -> u64 {
    w | upper_bytes(w) >> 2
}

/// The high bit of each byte of `w` that is an ASCII capital.
#[inline(always)]
pub(super) fn upper_bytes(w: u64) -> u64 {
    in_range(w, b'A', b'Z')
}

/// Which ASCII letters `span` has: whether its first byte is a capital, whether any
/// other byte is one, and whether any byte is a lowercase letter. Eight bytes at a
/// time, and no counting: a bit count is a dozen instructions without `popcnt`.
#[inline]
pub(super) fn case_bits(span: &[u8]) -> (bool, bool, bool) {
    // Lowercase letters are the capitals of the word with bit 5 flipped.
    const FLIP: u64 = 0x2020_2020_2020_2020;
    // `load8` keeps each byte at its place in the word: the first byte is byte 0.
    let first = load8(span);
    let head = upper_bytes(first);
    let (mut upper, mut lower) = (head & !0x80, upper_bytes(first ^ FLIP));
    // The bytes after the first eight, eight at a time; the last eight overlap the
    // ones before (the bits only gather), but never the first byte, as `n > 8`.
    let n = span.len();
    let mut i = 8;
    while i < n {
        let w = eight_at(span, i.min(n - 8)).map_or(0, |w| u64::from_le_bytes(*w));
        upper |= upper_bytes(w);
        lower |= upper_bytes(w ^ FLIP);
        i += 8;
    }
    (head & 0x80 != 0, upper != 0, lower != 0)
}

/// True when `bytes` is not empty and every byte is an ASCII letter or digit (a word
/// of one token), eight at a time; the last eight overlap the ones before, and a short
/// span is padded with letters.
#[inline]
pub(super) fn is_ascii_word(bytes: &[u8]) -> bool {
    const LETTERS: u64 = 0x6161_6161_6161_6161;
    let n = bytes.len();
    if n < 8 {
        let padded = load8(bytes) | LETTERS & !len_mask(n);
        return n > 0 && alphanumeric(padded) == HIGH;
    }
    let mut i = 0;
    loop {
        let w = eight_at(bytes, i.min(n - 8)).map_or(0, |w| u64::from_le_bytes(*w));
        if alphanumeric(w) != HIGH {
            return false;
        }
        i += 8;
        if i >= n {
            return true;
        }
    }
}

/// [`case_bits`] of `text[s..e]`: one load for a span of at most eight bytes.
#[inline]
pub(super) fn case_bits_in(text: &[u8], s: usize, e: usize) -> (bool, bool, bool) {
    const FLIP: u64 = 0x2020_2020_2020_2020;
    match eight_at(text, s) {
        Some(w) if e - s <= 8 => {
            // Bytes past the span are zero, neither capital nor (flipped) lowercase.
            let w = u64::from_le_bytes(*w) & len_mask(e - s);
            let upper = upper_bytes(w);
            (
                upper & 0x80 != 0,
                upper & !0x80 != 0,
                upper_bytes(w ^ FLIP) != 0,
            )
        }
        _ => case_bits(&text[s..e]),
    }
}

/// True when `a` and `b` are equal up to ASCII case (non-ASCII text matches only as
/// written), eight bytes at a time; the last eight overlap the ones before.
#[inline]
pub(super) fn fold_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return head8(a) == head8(b);
    }
    let at = |s: &[u8], i: usize| head8(s.get(i..i + 8).unwrap_or_default());
    let mut i = 0;
    while i + 8 < n {
        if at(a, i) != at(b, i) {
            return false;
        }
        i += 8;
    }
    at(a, n - 8) == at(b, n - 8)
}

/// `a == b`, without a call for the short strings most are: `==` on slices calls
/// `memcmp`, which costs more than comparing a few bytes. Up to sixteen bytes compare
/// as at most two words, overlapping when shorter.
#[inline(always)]
pub(super) fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match (eight_at(a, 0), eight_at(b, 0)) {
        (Some(x), Some(y)) if n <= 16 => {
            let (p, q) = (eight_at(a, n - 8), eight_at(b, n - 8));
            x == y && p == q
        }
        (Some(_), Some(_)) => a == b,
        // Shorter than eight: `load8` keeps each byte at its place, zero above.
        _ => load8(a) == load8(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_bits_agree_with_a_byte_loop() {
        let spans = [
            "",
            "k",
            "K",
            "kK",
            "Kyiv",
            "KYIV",
            "McDonald",
            "Kyivkyiv",
            "KyivkyivK",
            "kyivkyivKyiv",
            "Kyivkyiv Kyiv",
            "KYIVKYIVKYIVKYIVK",
            "kyivkyivkyivkyivkyivK",
            "Kyivkyivkyivkyivkyiv",
            "U.S.-LED 2024",
            "Київ",
            "KИЇВ",
        ];
        for span in spans {
            let b = span.as_bytes();
            let want = (
                b.first().is_some_and(u8::is_ascii_uppercase),
                b.iter().skip(1).any(u8::is_ascii_uppercase),
                b.iter().any(u8::is_ascii_lowercase),
            );
            assert_eq!(case_bits(b), want, "{span:?}");
        }
    }

    #[test]
    fn ascii_words_agree_with_a_byte_loop() {
        let spans = [
            "",
            "a",
            "Z9",
            "a b",
            "Kyiv",
            "Kyivkyiv",
            "Kyivkyiv1",
            "Kyivkyiv-",
            "-Kyivkyiv",
            "Lavāsān",
            "U.S.",
            "abcdefghijklmnopq",
            "abcdefghijklmnop_",
            "a@",
            "`",
            "z{",
        ];
        for span in spans {
            let b = span.as_bytes();
            let want = !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric);
            assert_eq!(is_ascii_word(b), want, "{span:?}");
        }
    }

    #[test]
    fn short_spans_compare_like_slices() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
        ];
        let long = ["abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnoq"];
        let all: Vec<&str> = words.iter().chain(&long).copied().collect();
        for a in &all {
            for b in &all {
                assert_eq!(bytes_eq(a.as_bytes(), b.as_bytes()), a == b, "{a:?} {b:?}");
            }
            // One byte changed at each place.
            for i in 0..a.len() {
                let mut c = a.as_bytes().to_vec();
                c[i] ^= 1;
                assert!(!bytes_eq(a.as_bytes(), &c), "{a:?} at {i}");
            }
        }
    }
}
