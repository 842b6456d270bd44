//! One plain ASCII word read by itself, eight bytes at a time: what the general path
//! and [`digit_token`](super::ascii) try first, before reading a word character by
//! character.

use super::dots::dot_keeper;
use super::shapes::{block_shape, capital_shape};
use super::{Shape, ASCII_ALNUM};
use crate::swar::{alphanumeric, letters, load, HIGH};

/// A plain ASCII word, as [`ascii_word`] read it.
pub(super) struct AsciiWord {
    pub end: usize,
    pub shape: Shape,
    /// A space follows the word inside the sentence.
    pub space: bool,
    /// The eight bytes at the word's start, little-endian: its lexicon key's head.
    pub first: u64,
}

/// The word at `start` when it is a plain ASCII run of letters and digits: its end
/// and shape, read eight bytes at a time. `None` sends the word to the general path
/// ([`word_end`](super::word_end), [`shape`](super::shape)): a run that stops at `'`
/// or a non-ASCII byte (a contraction, a possessive, a Unicode letter) or at the dot
/// of an initial or an abbreviation, or that starts within eight bytes of the text's
/// end. `text[start]` must be an ASCII letter or digit; `bounded` says [`bounded`] of
/// `limit`. Inlined into both its callers, the general path and [`digit_token`].
#[inline(always)]
pub(super) fn ascii_word(
    bytes: &[u8],
    start: usize,
    limit: usize,
    bounded: bool,
) -> Option<AsciiWord> {
    let first = load(bytes, start)?;
    let mut x = first;
    let mut i = start;
    let (end, space) = loop {
        let alnum = alphanumeric(x);
        // Bytes that end the run: not a letter or digit, or past `limit`.
        let mut stops = !alnum & HIGH;
        if !bounded {
            let room = limit - i;
            if room < 8 {
                stops |= HIGH << (8 * room);
            }
        }
        if stops != 0 {
            let n = stops.trailing_zeros() as usize / 8;
            // A stop inside the sentence that may continue the word (`'`, a
            // non-ASCII letter) sends it to the general path.
            let stop = if i + n < limit {
                (x >> (8 * n)) as u8
            } else {
                0
            };
            if GENERAL_STOP[usize::from(stop)] {
                return None;
            }
            // A dot ends most words (`in Ukraine.`); it belongs to an initial or an
            // abbreviation (`F.`, `Mr.`), which the general path reads.
            if stop == b'.' && dot_keeper(first, i + n - start) {
                return None;
            }
            break (i + n, stop == b' ');
        }
        i += 8;
        x = load(bytes, i)?;
    };
    // The first byte decides most shapes: only a capitalized word reads the rest.
    let lead = first as u8;
    let shape = if lead.is_ascii_digit() {
        Shape::Digit
    } else if !lead.is_ascii_uppercase() {
        Shape::Lower
    } else if end - start <= 8 {
        block_shape(first, letters(first) & HIGH >> (64 - 8 * (end - start)))
    } else {
        capital_shape(bytes, start, end)
    };
    Some(AsciiWord {
        end,
        shape,
        space,
        first,
    })
}

/// True when the byte at `limit` is ASCII and no letter or digit (a space, a line
/// break), as it is after most sentences: then every run of letters and digits stops
/// by itself at or before `limit`, and [`ascii_word`] tests no block for room.
pub(super) fn bounded(bytes: &[u8], limit: usize) -> bool {
    bytes
        .get(limit)
        .is_some_and(|&b| b < 0x80 && !ASCII_ALNUM[usize::from(b)])
}

/// Bytes after a run of letters and digits that the run may go on past: `'` and the
/// lead bytes of non-ASCII characters (a Unicode letter, `’`). A `.` is asked about
/// the word before it ([`keeps_dot`]).
static GENERAL_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || b == b'\'' as usize;
        b += 1;
    }
    table
};
