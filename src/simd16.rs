//! Byte classes sixteen bytes at a time, in one SIMD register.
//!
//! [`crate::swar`] classifies eight bytes in a `u64`; a word of eight letters or more
//! then needs a second load and a branch on "did the run go on?", and on fresh text
//! that branch goes one way or the other at random (about one word in five is that
//! long): a mispredicted branch for every few words. Sixteen bytes in one compare
//! cover all but the rarest words, so a word's end is a count of trailing bits with no
//! branch on its length.
//!
//! The vector type is `wide`'s: SSE2 on x86_64, NEON on aarch64, plain code elsewhere,
//! and no `unsafe` here.

use wide::i8x16;

/// The ASCII letters of `chunk`, in either case: bit `k` set when byte `k` is one.
///
/// Setting bit 5 folds `A-Z` onto `a-z` and moves no other byte there; adding `0x1F`
/// then maps `a-z` (0x61-0x7A) onto -128 to -103 as signed bytes, below every other
/// byte's sum, so one signed compare picks the letters out.
#[inline(always)]
pub(crate) fn letters(chunk: &[u8; 16]) -> u32 {
    let v = i8x16::new(chunk.map(|b| b as i8));
    let shifted = (v | i8x16::splat(0x20)) + i8x16::splat(0x1F);
    i8x16::splat(-102).simd_gt(shifted).to_bitmask()
}

/// The bytes of `chunk` that are no ASCII letter: [`letters`]' other bytes, with the
/// compare turned round, where negating its mask took two more instructions (and
/// the compiler a second compare to test one bit of it).
#[inline(always)]
pub(crate) fn non_letters(chunk: &[u8; 16]) -> u32 {
    let v = i8x16::new(chunk.map(|b| b as i8));
    let shifted = (v | i8x16::splat(0x20)) + i8x16::splat(0x1F);
    shifted.simd_gt(i8x16::splat(-103)).to_bitmask()
}

/// How many ASCII letters `chunk` starts with: 16 when all are.
#[inline(always)]
pub(crate) fn letter_run(chunk: &[u8; 16]) -> usize {
    (!letters(chunk)).trailing_zeros().min(16) as usize
}

/// The ASCII digits of `chunk`: bit `k` set when byte `k` is one.
///
/// Subtracting `0x30 + 0x80` maps `0`-`9` onto -128 to -119 as signed bytes, below
/// every other byte, so one signed compare picks the digits out.
#[inline(always)]
pub(crate) fn digits(chunk: &[u8; 16]) -> u32 {
    let v = i8x16::new(chunk.map(|b| b as i8));
    let shifted = v + i8x16::splat(0x50);
    i8x16::splat(-118).simd_gt(shifted).to_bitmask()
}

/// The ASCII capitals of `chunk`: bit `k` set when byte `k` is in `A-Z`.
///
/// Adding `0x3F` maps `A-Z` (0x41-0x5A) onto -128 to -103 as signed bytes, below every
/// other byte's sum (bytes up to 0x40 stay at most 127, the rest land at -102 or
/// above), so one signed compare picks the capitals out.
#[inline(always)]
pub(crate) fn uppercase(chunk: &[u8; 16]) -> u32 {
    let v = i8x16::new(chunk.map(|b| b as i8));
    i8x16::splat(-102)
        .simd_gt(v + i8x16::splat(0x3F))
        .to_bitmask()
}

/// `char::is_whitespace` for an ASCII byte (which, unlike `u8::is_ascii_whitespace`,
/// counts the vertical tab): the class [`whitespace`] finds sixteen bytes at a time.
#[inline(always)]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The ASCII white space of `chunk` as `split_whitespace` knows it (the space and
/// `\t` to `\r`, vertical tab included): bit `k` set when byte `k` is one.
///
/// Adding 119 maps `\t`-`\r` (9-13) onto -128 to -124 as signed bytes, below every
/// other byte's sum: 0-8 land on 119-127, 14-127 on -123 to -10, and the bytes beyond
/// ASCII (-128 to -1) on -9 to 118.
#[inline(always)]
pub(crate) fn whitespace(chunk: &[u8; 16]) -> u32 {
    let v = i8x16::new(chunk.map(|b| b as i8));
    let space = v.simd_eq(i8x16::splat(b' ' as i8));
    let controls = i8x16::splat(-123).simd_gt(v + i8x16::splat(119));
    (space | controls).to_bitmask()
}

/// The bytes of `chunk` beyond ASCII: bit `k` set when byte `k` has its high bit.
#[inline(always)]
pub(crate) fn non_ascii(chunk: &[u8; 16]) -> u32 {
    i8x16::new(chunk.map(|b| b as i8)).to_bitmask()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A classifier of sixteen bytes, named, and the scalar test it must agree with.
    type Class = (&'static str, fn(&[u8; 16]) -> u32, fn(&u8) -> bool);

    const CLASSES: [Class; 6] = [
        ("letters", letters, u8::is_ascii_alphabetic),
        ("non_letters", non_letters, |&b| !b.is_ascii_alphabetic()),
        ("digits", digits, u8::is_ascii_digit),
        ("uppercase", uppercase, u8::is_ascii_uppercase),
        ("whitespace", whitespace, |&b| is_ascii_space(b)),
        ("non_ascii", non_ascii, |&b| !b.is_ascii()),
    ];

    #[test]
    fn ascii_spaces_are_chars_spaces() {
        for b in 0..0x80u8 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b:#x}");
        }
    }

    /// Every byte value in every position, next to neighbours of every kind (the
    /// edges of each class's range, and bytes whose sums would wrap), is in a class
    /// exactly when the scalar test says so.
    #[test]
    fn classes_agree_with_the_scalar_tests() {
        let fills = [
            0x00, 0x08, b'\t', b'\r', 0x0E, 0x1F, b' ', b'/', b'0', b'9', b':', 0x40, b'A', b'Z',
            0x5B, 0x60, b'a', b'z', 0x7B, 0x7F, 0x80, 0xB0, 0xC1, 0xFF,
        ];
        for (name, class, scalar) in CLASSES {
            for b in 0..=255u8 {
                for pos in 0..16 {
                    for fill in fills {
                        let mut chunk = [fill; 16];
                        chunk[pos] = b;
                        let want = chunk
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| scalar(c))
                            .fold(0u32, |m, (i, _)| m | 1 << i);
                        assert_eq!(class(&chunk), want, "{name} {chunk:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn letter_runs_stop_at_the_first_other_byte() {
        assert_eq!(letter_run(b"Kyiv, April 9 ab"), 4);
        assert_eq!(letter_run(b"abcdefghijklmnop"), 16);
        assert_eq!(letter_run(b"internationally "), 15);
        assert_eq!(letter_run(b"caf\xc3\xa9 .........."), 3);
        assert_eq!(letter_run(b" said .........."), 0);
    }
}
