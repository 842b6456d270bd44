//! Entity and cluster ids: a letter and a number (`e12`, `p3`, `l1`, `o2`).

/// An id such as `e12`: a letter (ASCII) and a number from 1. Written by hand: the
/// formatting machinery cost more than the rest of an entity.
pub(super) fn number_id(letter: char, n: usize) -> String {
    // Room for the ids of any story without growing.
    let mut id = String::with_capacity(8);
    id.push(letter);
    push_decimal(&mut id, n);
    id
}

/// Appends the decimal digits of `n`, most significant first.
fn push_decimal(s: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(s, n / 10);
    }
    s.push(char::from(b'0' + (n % 10) as u8));
}

/// Turns an id into the next one (`e9` into `e10`) in place: entity ids come in
/// order, and counting on costs less than writing each number anew.
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
        for n in [1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(number_id('e', n), format!("e{n}"));
        }
    }

    #[test]
    fn the_next_id_counts_on() {
        let mut id = number_id('e', 0);
        for n in 1..2000 {
            next_id(&mut id);
            assert_eq!(id, number_id('e', n));
        }
    }
}
