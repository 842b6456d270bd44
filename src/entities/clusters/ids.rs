//! Entity and cluster ids: a letter and a number (`e12`, `p3`, `l1`, `o2`).

use compact_str::CompactString;

/// The kinds of ids, each with its letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Letter {
    Entity,
    Person,
    Place,
    Org,
}

impl Letter {
    const ALL: [Letter; 4] = [Letter::Entity, Letter::Person, Letter::Place, Letter::Org];

    const fn byte(self) -> u8 {
        match self {
            Letter::Entity => b'e',
            Letter::Person => b'p',
            Letter::Place => b'l',
            Letter::Org => b'o',
        }
    }
}

/// How many ids of each letter are written at compile time: more than nearly every
/// story needs. A longer story writes the rest with [`number_id`].
const CACHED: usize = 512;

/// The longest cached id: a letter and three digits.
const WIDTH: usize = 4;

/// The first [`CACHED`] ids of each letter. Every story numbers its entities and
/// clusters from 1, so it needs the same ids as the story before: a clone of an
/// inline [`CompactString`] is a copy of its 24 bytes, where writing one took a
/// hundred instructions and a few branches on its length. Built by the compiler: a
/// table made on first use cost every process some 400 instructions per id.
pub(super) struct Ids([[CompactString; CACHED]; 4]);

static IDS: Ids = Ids(cached_ids());

/// The bytes of every cached id, in cells of [`WIDTH`] bytes, and their lengths:
/// the strings the cached ids are made from.
const TEXT: &[([u8; WIDTH], usize); 4 * CACHED] = &id_text();

impl Ids {
    /// The table.
    pub fn get() -> &'static Ids {
        &IDS
    }

    /// The id numbered `n` (from 1) of `letter`: `id(Letter::Person, 3)` is `p3`.
    /// Inlined: a call cost more than the copy, and the letter is known where it is
    /// asked.
    #[inline(always)]
    pub fn id(&self, letter: Letter, n: usize) -> CompactString {
        match self.0[letter as usize].get(n.wrapping_sub(1)) {
            Some(id) => id.clone(),
            None => number_id(letter.byte(), n),
        }
    }
}

/// Writes the cached ids' bytes: letter by letter, numbers 1 to [`CACHED`].
const fn id_text() -> [([u8; WIDTH], usize); 4 * CACHED] {
    let mut text = [([0; WIDTH], 0); 4 * CACHED];
    let mut at = 0;
    while at < text.len() {
        let (letter, mut n) = (Letter::ALL[at / CACHED].byte(), at % CACHED + 1);
        let digits = if n >= 100 {
            3
        } else if n >= 10 {
            2
        } else {
            1
        };
        let mut cell = [letter; WIDTH];
        let mut i = digits;
        while i > 0 {
            cell[i] = b'0' + (n % 10) as u8;
            n /= 10;
            i -= 1;
        }
        text[at] = (cell, digits + 1);
        at += 1;
    }
    text
}

/// The cached ids, made from [`TEXT`].
const fn cached_ids() -> [[CompactString; CACHED]; 4] {
    let mut ids = [const { [const { CompactString::const_new("") }; CACHED] }; 4];
    let mut at = 0;
    while at < TEXT.len() {
        let (cell, len) = &TEXT[at];
        let Ok(id) = std::str::from_utf8(cell.split_at(*len).0) else {
            panic!("ids are ASCII");
        };
        // The empty id it replaces needs no drop (nor may a constant drop one).
        let empty = std::mem::replace(
            &mut ids[at / CACHED][at % CACHED],
            CompactString::const_new(id),
        );
        std::mem::forget(empty);
        at += 1;
    }
    ids
}

/// An id such as `e12`: a letter (ASCII) and a number from 1, inline in its
/// [`CompactString`] (no id needs the heap). Written by hand into a buffer on the
/// stack: the formatting machinery cost more than the rest of an entity.
#[cold]
#[inline(never)]
pub(super) fn number_id(letter: u8, n: usize) -> CompactString {
    // A letter and the 20 digits of the largest `usize`.
    let mut buf = [0u8; 21];
    let mut at = buf.len();
    let mut rest = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    at -= 1;
    buf[at] = letter;
    // ASCII by construction: the check cannot fail.
    std::str::from_utf8(&buf[at..]).map_or_else(|_| CompactString::default(), CompactString::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_a_letter_and_a_number() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(number_id(b'e', n), format!("e{n}"));
            assert!(!number_id(b'e', n).is_heap_allocated());
        }
    }

    #[test]
    fn cached_ids_are_the_written_ones() {
        let ids = Ids::get();
        for letter in Letter::ALL {
            for n in (0..CACHED + 20).chain([usize::MAX]) {
                let want = format!("{}{n}", char::from(letter.byte()));
                assert_eq!(ids.id(letter, n), want);
                assert!(!ids.id(letter, n).is_heap_allocated());
            }
        }
    }
}
