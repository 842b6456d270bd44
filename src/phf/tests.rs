use super::*;

use proptest::prelude::*;

/// [`pack`] the slow way: the bytes copied into a zeroed buffer.
fn packed_slowly(word: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.get_mut(..word.len())?.copy_from_slice(word);
    Some(u128::from_le_bytes(buf))
}

/// Words of every length up to 17 bytes, some sharing their first sixteen.
fn words() -> Vec<String> {
    let mut words: Vec<String> = (0..600)
        .map(|i| format!("w{i}x{}", "y".repeat(i % 15)))
        .collect();
    words.extend(["a", "ab", "abc", "Ab", "ABC", "the", "The", "THE"].map(String::from));
    words.extend(["abcdefghijklmnop", "abcdefghijklmno"].map(String::from));
    words
}

#[test]
fn pack_is_the_bytes_zero_padded() {
    for w in words() {
        assert_eq!(pack(w.as_bytes()), packed_slowly(w.as_bytes()), "{w}");
    }
    assert_eq!(pack(b""), Some(0));
    assert_eq!(pack(b"abcdefghijklmnopq"), None);
}

#[test]
fn caseless_keys_fold_case_only() {
    assert_eq!(caseless(b"Seven"), caseless(b"seven"));
    assert_eq!(caseless(b"SEVEN"), caseless(b"seven"));
    for (a, b) in [
        ("one", "one "),
        ("one", "one\0"),
        ("one", "on"),
        ("", " "),
        ("a", "b"),
        ("abcdefghijklmno", "abcdefghijklmn"),
    ] {
        assert_ne!(
            caseless(a.as_bytes()),
            caseless(b.as_bytes()),
            "{a:?} {b:?}"
        );
    }
    assert!(caseless(b"abcdefghijklmno").is_some());
    assert_eq!(caseless(b"abcdefghijklmnop"), None);
}

/// Exact keys of the words up to eight bytes and of all words, as the lexicon keeps them.
fn tables(words: &[String]) -> (Table<u64, u32, 2048, 512>, Table<u128, u32, 2048, 1024>) {
    let entries = |max: usize| -> Vec<(u128, u32)> {
        (words.iter().enumerate())
            .filter(|(_, w)| w.len() <= max)
            .map(|(i, w)| (pack(w.as_bytes()).unwrap(), i as u32 + 1))
            .collect()
    };
    let short: Vec<(u64, u32)> = entries(8).iter().map(|&(k, v)| (k as u64, v)).collect();
    (Table::new(&short), Table::new(&entries(16)))
}

#[test]
fn every_key_is_found_and_no_other() {
    let mut words = words();
    words.retain(|w| w.len() <= 16);
    let (short, all) = tables(&words);
    let (mut n_short, mut n_all) = (0, 0);
    for (i, w) in words.iter().enumerate() {
        let key = pack(w.as_bytes()).unwrap();
        assert_eq!(all.get(key), i as u32 + 1, "{w}");
        n_all += 1;
        if w.len() <= 8 {
            assert_eq!(short.get(key as u64), all.get(key), "{w}");
            n_short += 1;
        }
    }
    assert_eq!((short.keys().count(), all.keys().count()), (n_short, n_all));
    // Keys in no table: other case, a byte more or less, past sixteen bytes.
    for w in [
        "",
        "A",
        "aB",
        "tHe",
        "w1",
        "w1xyy",
        "w0xyyyyyyyyyyyyy",
        "abcdefghijklmnoP",
        "zzzzzzzz",
    ] {
        assert!(!words.iter().any(|x| x == w), "{w}");
        let key = pack(w.as_bytes()).unwrap();
        assert_eq!(all.get(key), 0, "{w}");
        assert_eq!(short.get(key as u64), 0, "{w}");
    }
    assert_eq!(pack(b"abcdefghijklmnopq"), None, "past the fold width");
}

#[test]
fn caseless_tables_find_any_case() {
    let words = ["one", "two", "twenty", "Trillionths", "a", "an"];
    let entries: Vec<(u128, usize)> = (words.iter().enumerate())
        .map(|(i, w)| (caseless(w.as_bytes()).unwrap(), i + 1))
        .collect();
    let table: Table<u128, usize, 16, 4> = Table::new(&entries);
    for (i, w) in words.iter().enumerate() {
        for spelled in [
            w.to_string(),
            w.to_ascii_uppercase(),
            w.to_ascii_lowercase(),
        ] {
            assert_eq!(table.get(caseless(spelled.as_bytes()).unwrap()), i + 1);
        }
    }
    for w in ["", "on", "ones", "one ", "twentyone", "b"] {
        assert_eq!(table.get(caseless(w.as_bytes()).unwrap()), 0, "{w}");
    }
}

#[test]
fn the_build_does_not_depend_on_the_order_of_the_keys() {
    let words = words();
    let mut entries: Vec<(u64, u32)> = (words.iter().filter(|w| w.len() <= 8))
        .enumerate()
        .map(|(i, w)| (pack(w.as_bytes()).unwrap() as u64, i as u32 + 1))
        .collect();
    let a: Table<u64, u32, 1024, 256> = Table::new(&entries);
    entries.reverse();
    entries.rotate_left(7);
    let b: Table<u64, u32, 1024, 256> = Table::new(&entries);
    assert_eq!(
        (a.mul, a.disp, a.keys, a.values),
        (b.mul, b.disp, b.keys, b.values)
    );
}

#[test]
fn a_table_of_one_group() {
    let entries = [(1u64, 'a'), (2, 'b'), (3, 'c')];
    let table: Table<u64, char, 8, 1> = Table::new(&entries);
    for (k, v) in entries {
        assert_eq!(table.get(k), v);
    }
    assert_eq!(table.get(4), char::default());
}

#[test]
#[should_panic(expected = "distinct")]
fn a_repeated_key_is_refused() {
    let _: Table<u64, u8, 8, 2> = Table::new(&[(1, 1), (1, 2)]);
}

proptest! {
    /// Any set of keys: each is found with its value, and other keys are not.
    #[test]
    fn any_keys_are_found(
        keys in proptest::collection::btree_set("[a-zA-Z]{1,16}", 1..200),
        others in proptest::collection::vec("[a-zA-Z]{0,17}", 50),
    ) {
        let entries: Vec<(u128, u32)> = (keys.iter().enumerate())
            .map(|(i, w)| (pack(w.as_bytes()).unwrap(), i as u32 + 1))
            .collect();
        let table: Table<u128, u32, 512, 128> = Table::new(&entries);
        for &(k, v) in &entries {
            prop_assert_eq!(table.get(k), v);
        }
        for w in others.iter().filter(|w| !keys.contains(*w)) {
            if let Some(k) = pack(w.as_bytes()) {
                prop_assert_eq!(table.get(k), 0, "{}", w);
            }
        }
    }
}
