//! Entity and cluster ids: a letter and a number (`e12`, `p3`, `l1`, `o2`).

use compact_str::CompactString;

/// An id such as `e12`: a letter (ASCII) and a number from 1, inline in its
/// [`CompactString`] (no id needs the heap). Written by hand into a buffer on the
/// stack: the formatting machinery cost more than the rest of an entity.
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

/// Turns an id into the next one (`e9` into `e10`) in place: entity ids come in
/// order, and counting on in a `String` costs less than writing each number anew.
pub(super) fn next_id(id: &mut String) {
    let mut nines = 0;
    while id.ends_with('9') {
        id.pop();
        nines += 1;
    }
    match id.pop() {
        Some(d @ '0'..='8') => id.push(char::from(d as u8 + 1)),
        Some(letter) => {
            id.push(letter);
            id.push('1');
        }
        None => id.push('1'),
    }
    id.extend(std::iter::repeat_n('0', nines));
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
    fn the_next_id_counts_on() {
        let mut id = String::from("e0");
        for n in 1..2000 {
            next_id(&mut id);
            assert_eq!(number_id(b'e', n), id);
        }
    }
}
