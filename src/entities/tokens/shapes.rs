//! The shapes of plain ASCII words, from masks of their letters and capitals: the
//! fast paths' ([`ascii`](super::ascii)) counterpart of [`shape`](super::shape()).

use super::ascii::{letters, load, HIGH};
use super::Shape;

/// The shape of the plain capitalized word of ASCII letters `bytes[start..end]` with
/// a capital after its first byte, or longer than sixteen bytes, given `upper`, the
/// capitals of its first sixteen bytes ([`crate::simd16::uppercase`]). Out of line:
/// few words are either.
#[inline(never)]
pub(super) fn mixed_shape(bytes: &[u8], start: usize, end: usize, upper: u32) -> Shape {
    match end - start {
        n @ 0..=16 => mask_shape(upper, n),
        _ => letter_shape(bytes, start, end),
    }
}

/// The shape of a word of `n` ASCII letters (at most 16) from `upper`, the bits of
/// its capitals (bit 0 its first byte; bits past the word are ignored).
pub(super) fn mask_shape(upper: u32, n: usize) -> Shape {
    let word = (1u32 << n) - 1;
    let upper = upper & word;
    let lower = word & !upper;
    if upper & 1 == 0 {
        Shape::Lower
    } else {
        case_shape(
            u64::from(lower),
            u64::from(upper & !1),
            u64::from(upper & lower << 1),
        )
    }
}

/// The shape of the ASCII word of letters and digits `bytes[start..end]` that opens
/// with a capital, eight bytes at a time ([`ascii_word`] has read every block of it,
/// so all are in bounds).
pub(super) fn capital_shape(bytes: &[u8], start: usize, end: usize) -> Shape {
    // Most long words are two blocks, read without the loop.
    if (9..=16).contains(&(end - start)) {
        if let (Some(a), Some(b)) = (load(bytes, start), load(bytes, start + 8)) {
            let keep = HIGH >> (64 - 8 * (end - start - 8));
            return pair_shape(a, b, letters(a), letters(b) & keep);
        }
    }
    // Lowercase bytes, uppercase bytes after the first, uppercase bytes right after a
    // lowercase one (`TikTok`).
    let (mut lower, mut upper, mut camel) = (0u64, 0u64, 0u64);
    // The first byte of the word is bit 7 of the first block.
    let mut skip_first = !0x80u64;
    let mut lower_before = 0u64;
    let mut i = start;
    while i < end {
        let x = load(bytes, i).unwrap_or(0);
        // The word's bytes of this block.
        let keep = match end - i {
            n if n < 8 => HIGH & !(!0u64 << (8 * n)),
            _ => HIGH,
        };
        // Their case, from the bit ASCII sets for lowercase.
        let letters = letters(x) & keep;
        let (lo, up) = (letters & x << 2, letters & !(x << 2));
        lower |= lo;
        upper |= up & skip_first;
        camel |= up & (lo << 8 | lower_before);
        skip_first = !0;
        lower_before = lo >> 56;
        i += 8;
    }
    case_shape(lower, upper, camel)
}

/// [`capital_shape`] of a capitalized word of nine bytes or more, all ASCII letters
/// (as [`plain_words`] reads them): most are two blocks, whose letters need no test.
#[inline(never)]
pub(super) fn letter_shape(bytes: &[u8], start: usize, end: usize) -> Shape {
    let n = end - start;
    if let (9..=16, Some(a), Some(b)) = (n, load(bytes, start), load(bytes, start + 8)) {
        return pair_shape(a, b, HIGH, HIGH >> (64 - 8 * (n - 8)));
    }
    capital_shape(bytes, start, end)
}

/// The shape of a capitalized word from the high bits of its lowercase letters, its
/// uppercase letters after the first, and its uppercase letters right after a
/// lowercase one.
fn case_shape(lower: u64, upper: u64, camel: u64) -> Shape {
    if upper != 0 && lower == 0 {
        // Two or more letters, none lowercase.
        Shape::Upper
    } else if camel != 0 {
        Shape::Camel
    } else {
        Shape::Title
    }
}

/// [`capital_shape`] of a word of at most eight bytes, read from `x`, its bytes
/// (little-endian, bytes past the word included), given `letters`, the high bits of
/// its letters there.
pub(super) fn block_shape(x: u64, letters: u64) -> Shape {
    // Their case, from the bit ASCII sets for lowercase.
    let (lower, upper) = (letters & x << 2, letters & !(x << 2));
    // The first byte (bit 7) is the capital every such word opens with.
    case_shape(lower, upper & !0x80, upper & lower << 8)
}

/// [`capital_shape`] of a word of nine to sixteen bytes, read from `a` and `b`, its
/// first and second eight bytes (little-endian, bytes past the word included), given
/// the high bits of its letters in each.
pub(super) fn pair_shape(a: u64, b: u64, letters_a: u64, letters_b: u64) -> Shape {
    let (lower_a, upper_a) = (letters_a & a << 2, letters_a & !(a << 2));
    let (lower_b, upper_b) = (letters_b & b << 2, letters_b & !(b << 2));
    // A capital opening `b` follows the last byte of `a`.
    let camel = upper_a & lower_a << 8 | upper_b & (lower_b << 8 | lower_a >> 56);
    case_shape(lower_a | lower_b, upper_a & !0x80 | upper_b, camel)
}
