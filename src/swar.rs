//! Byte classes eight bytes at a time ("SIMD within a register").
//!
//! Most of wirex's input is ASCII words and spaces, and most tokenizing work is finding
//! where a run of one byte class ends. Loading eight bytes into a `u64` and computing a
//! mask of the bytes in a class answers that with a handful of arithmetic instructions
//! per eight bytes and one well-predicted branch, where a byte loop pays a branch per
//! byte. Every test here returns a mask with the *high bit* of each byte set when that
//! byte is in the class; `!mask & HIGH` is then "the bytes that stop the run" and
//! [`first`] says where the first of them is.
//!
//! The tricks rely on one fact: for a byte below 0x80, adding a constant of at most 0x80
//! cannot carry into the next byte, and the sum's high bit says whether the byte was at
//! least some bound. So each test first clears the high bits, compares, then masks out
//! the bytes that were not ASCII to begin with: a non-ASCII byte is in no class here.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of every byte.
pub(crate) const HIGH: u64 = ONES << 7;

/// `b` in every byte.
#[inline(always)]
pub(crate) const fn splat(b: u8) -> u64 {
    ONES * b as u64
}

/// The eight bytes at `i`, little-endian (byte `i` is the lowest), when there are eight.
#[inline(always)]
pub(crate) fn load(bytes: &[u8], i: usize) -> Option<u64> {
    let block: [u8; 8] = bytes.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(block))
}

/// The index (0 to 7) of the first byte whose high bit is set in `mask`; `mask` must
/// not be zero.
#[inline(always)]
pub(crate) fn first(mask: u64) -> usize {
    debug_assert!(mask != 0);
    mask.trailing_zeros() as usize / 8
}

/// The index (0 to 7) of the last byte whose high bit is set in `mask`; `mask` must
/// not be zero.
#[inline(always)]
pub(crate) fn last(mask: u64) -> usize {
    debug_assert!(mask != 0);
    (63 - mask.leading_zeros() as usize) / 8
}

/// How many high bits `mask` has set (it has no other bits): a multiply adds them up
/// in the top byte, where `count_ones` takes a dozen instructions on CPUs without
/// `popcnt` (the default target).
#[inline(always)]
pub(crate) fn count(mask: u64) -> usize {
    ((mask >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// The ASCII bytes of `x` from `lo` to `hi` inclusive (`lo <= hi < 0x80`).
#[inline(always)]
pub(crate) fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & !HIGH;
    let at_least_lo = low7 + splat(0x80 - lo);
    let above_hi = low7 + splat(0x7F - hi);
    at_least_lo & !above_hi & !x & HIGH
}

/// The ASCII white space of `x`: a space, or a control from tab to carriage return.
#[inline(always)]
pub(crate) fn spaces(x: u64) -> u64 {
    in_range(x, b' ', b' ') | in_range(x, b'\t', b'\r')
}

/// The ASCII letters of `x`, in either case. Setting bit 5 folds `A-Z` onto `a-z` and
/// moves no other byte into that range.
#[inline(always)]
pub(crate) fn letters(x: u64) -> u64 {
    in_range(x | splat(0x20), b'a', b'z')
}

/// The ASCII digits of `x`.
#[inline(always)]
pub(crate) fn digits(x: u64) -> u64 {
    in_range(x, b'0', b'9')
}

/// The ASCII letters and digits of `x`.
#[inline(always)]
pub(crate) fn alphanumeric(x: u64) -> u64 {
    letters(x) | digits(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Applies a byte predicate to each byte, as the mask the SWAR tests must give.
    fn scalar(x: u64, class: impl Fn(u8) -> bool) -> u64 {
        x.to_le_bytes()
            .iter()
            .enumerate()
            .filter(|(_, &b)| class(b))
            .fold(0, |m, (i, _)| m | 0x80 << (8 * i))
    }

    #[test]
    fn every_byte_value_in_every_position_is_classified_as_the_scalar_tests_do() {
        // Each byte value next to neighbours that would carry if a test let them.
        for b in 0..=255u8 {
            for pos in 0..8 {
                for fill in [0x00, 0x7F, 0x80, 0xFF, b'z', b'0'] {
                    let mut block = [fill; 8];
                    block[pos] = b;
                    let x = u64::from_le_bytes(block);
                    assert_eq!(
                        letters(x),
                        scalar(x, |c| c.is_ascii_alphabetic()),
                        "{block:?}"
                    );
                    assert_eq!(digits(x), scalar(x, |c| c.is_ascii_digit()), "{block:?}");
                    let space = |c: u8| c == b' ' || (b'\t'..=b'\r').contains(&c);
                    assert_eq!(spaces(x), scalar(x, space), "{block:?}");
                    assert_eq!(
                        alphanumeric(x),
                        scalar(x, |c| c.is_ascii_alphanumeric()),
                        "{block:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn first_and_load_agree_with_byte_indexing() {
        let text = b"Kyiv, April 9";
        let x = load(text, 0).unwrap();
        assert_eq!(first(!alphanumeric(x) & HIGH), 4, "the comma ends `Kyiv`");
        assert_eq!(last(spaces(x)), 5, "the space after the comma");
        assert_eq!(load(text, 5), Some(u64::from_le_bytes(*b" April 9")));
        assert_eq!(load(text, 6), None, "fewer than eight bytes left");
        assert_eq!(load(text, usize::MAX), None, "no overflow");
    }

    #[test]
    fn count_is_count_ones_for_every_set_of_high_bits() {
        for bits in 0..=255u64 {
            let m = (0..8).fold(0, |m, k| m | ((bits >> k & 1) << (8 * k + 7)));
            assert_eq!(count(m), m.count_ones() as usize, "{m:#x}");
        }
    }

    proptest! {
        #[test]
        fn in_range_is_the_scalar_range_test(x in any::<u64>(), lo in 0u8..0x80, len in 0u8..0x80) {
            let hi = lo.saturating_add(len).min(0x7F);
            prop_assert_eq!(in_range(x, lo, hi), scalar(x, |c| (lo..=hi).contains(&c)));
        }
    }
}
