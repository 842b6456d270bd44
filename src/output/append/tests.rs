use super::*;
use proptest::prelude::*;

/// Numbers around each length class of the number writer (its table ends at 10,000).
const NUMBERS: [u64; 12] = [
    0,
    7,
    9,
    10,
    99,
    100,
    999,
    1000,
    9999,
    10_000,
    123_456,
    u64::MAX,
];

/// What serde writes for `value` through the line-safe compact formatter.
fn serde_line<T: serde::Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    crate::write_json_line(&mut out, value).unwrap();
    String::from_utf8(out).unwrap()
}

/// `head`, then what `write` appends through a [`Sink`].
fn written(head: &[u8], write: impl FnOnce(&mut Sink<'_>)) -> Vec<u8> {
    let mut out = head.to_vec();
    let mut sink = Sink::new(&mut out);
    write(&mut sink);
    sink.finish();
    out
}

fn fast_string(s: &str) -> String {
    let out = written(b"prefix", |out| {
        string(out, s);
        out.push(b'\n');
    });
    String::from_utf8(out[6..].to_vec()).unwrap()
}

#[test]
fn a_literal_appends_its_parts_joined() {
    static LIT: Literal = Literal::quoted(",\"kind\":", "percentage_points", ",\"text\":");
    let out = written(b"{", |out| {
        literal(out, &LIT);
        literal(out, &Literal::EMPTY);
    });
    assert_eq!(out, b"{,\"kind\":\"percentage_points\",\"text\":");
}

#[test]
fn strings_escape_as_serde_does() {
    let mut cases: Vec<String> = (0..=0x7F_u8).map(|b| char::from(b).to_string()).collect();
    cases.extend(
        [
            "",
            "plain words",
            "a\u{2028}b\u{2029}c\u{85}d",
            "\u{2027}\u{202a}\u{84}\u{86}\u{a0}\u{c2a0}\u{e000}",
            "“Quoted,” he said – twice — ‘yes’ …",
            "ends in a break\u{2028}",
            "\u{2029}starts with one",
            "tab\there \"quoted\" back\\slash\nline\r\u{1}\u{1f}\u{7f}",
            "😀 é ñ 中文 Привет",
        ]
        .map(String::from),
    );
    // Every special character at every position of strings of every short length
    // and of the first words of a long one.
    for special in ["\"", "\\", "\n", "\u{1}", "\u{85}", "\u{2028}", "–", "é"] {
        for len in 0..24 {
            for at in 0..=len {
                cases.push(format!(
                    "{}{special}{}",
                    "x".repeat(at),
                    "y".repeat(len - at)
                ));
            }
        }
    }
    for case in &cases {
        assert_eq!(fast_string(case), serde_line(case), "{case:?}");
    }
}

#[test]
fn long_strings_escape_as_serde_does_with_a_special_anywhere() {
    for len in [33, 40, 63, 64, 65, 96, 100, 130] {
        let clean: String = (0..len)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        assert_eq!(fast_string(&clean), serde_line(&clean));
        for special in ["\"", "\\", "\n", "\u{1}", "\u{85}", "\u{2028}", "–", "é"] {
            for at in 0..=len {
                let case = format!("{}{special}{}", &clean[..at], &clean[at..]);
                assert_eq!(fast_string(&case), serde_line(&case), "{case:?}");
            }
        }
    }
}

#[test]
fn clean_words_stop_at_the_first_word_that_may_need_an_escape() {
    let text = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
    assert_eq!(clean_words(text.as_bytes()), 72);
    for at in 0..text.len() {
        // No `é` here: its lead byte (C3) is neither C2 nor E2, so its word is clean.
        for special in ["\"", "\\", "\n", "\u{1}", "–", "\u{85}"] {
            let s = format!("{}{special}{}", &text[..at], &text[at..]);
            assert_eq!(clean_words(s.as_bytes()), at / 8 * 8, "{s:?}");
        }
    }
    assert_eq!(clean_words("é".repeat(8).as_bytes()), 16);
    assert_eq!(clean_words(b""), 0);
}

#[test]
fn a_block_is_clean_when_its_words_are() {
    every_byte_at_every_place(|b, at, block: [u8; 32]| {
        let words = block
            .chunks_exact(8)
            .all(|w| is_clean(u64::from_le_bytes(w.try_into().unwrap())));
        assert_eq!(block_clean(&block), words, "{b:#x} at {at}");
    });
}

/// Calls `check` with every byte value put at every place of `N` plain letters.
fn every_byte_at_every_place<const N: usize>(mut check: impl FnMut(u8, usize, [u8; N])) {
    for b in 0..=u8::MAX {
        for at in 0..N {
            let mut bytes = [b'x'; N];
            bytes[at] = b;
            check(b, at, bytes);
        }
    }
}

#[test]
fn a_key_and_a_string_are_written_as_apart() {
    let keys = [
        "",
        ",\"id\":",
        "{\"canonical\":",
        "0123456789abcd",
        "0123456789abcde",
    ];
    let values = [
        "",
        "e1",
        "PERSON",
        "Kyiv",
        "12345678",
        "123456789",
        "Volodymyr Zelenskyy",
        "0123456789abcdef",
        "0123456789abcdefg",
        "Kyiv – \"Lviv\"",
        "0123456789abcde\n",
        "a\"b",
        "é",
        "\u{2028}",
    ];
    for key in keys {
        for value in values {
            let out = written(b"x", |out| field_string(out, key.as_bytes(), value));
            let apart = written(b"x", |out| {
                out.extend_from_slice(key.as_bytes());
                string(out, value);
            });
            assert_eq!(out, apart, "{key} {value}");
        }
    }
}

#[test]
fn a_key_and_a_number_are_written_as_apart() {
    for key in [
        "",
        ",\"end\":",
        "{\"paragraph\":",
        "0123456789abcdef",
        "0123456789abcdefg",
    ] {
        for n in NUMBERS {
            let out = written(b"x", |out| field_uint(out, key.as_bytes(), n));
            assert_eq!(out, format!("x{key}{n}").as_bytes(), "{key} {n}");
        }
    }
}

#[test]
fn a_closing_number_is_the_number_and_a_brace() {
    for n in NUMBERS {
        let out = written(b"x", |out| uint_closing(out, n));
        assert_eq!(out, format!("x{n}}}").as_bytes(), "{n}");
    }
}

#[test]
fn a_key_and_a_bool_are_written_as_apart() {
    for key in ["", ",\"closed\":", "0123456789abcdef", "0123456789abcdefg"] {
        for b in [false, true] {
            let out = written(b"x", |out| field_bool(out, key.as_bytes(), b));
            assert_eq!(out, format!("x{key}{b}").as_bytes(), "{key} {b}");
        }
    }
}

#[test]
fn two_keyed_numbers_are_written_as_apart() {
    let keys = [
        "",
        ",\"start\":",
        "{\"start\":",
        ",\"end\":",
        "0123456789abcdef",
        "0123456789abcdefg",
        "0123456789abcdef0123",
    ];
    for ka in keys {
        for kb in keys {
            for a in NUMBERS {
                for b in NUMBERS {
                    let out = written(b"x", |out| {
                        field_uint_pair(out, ka.as_bytes(), a, kb.as_bytes(), b);
                    });
                    let apart = written(b"x", |out| {
                        field_uint(out, ka.as_bytes(), a);
                        field_uint(out, kb.as_bytes(), b);
                    });
                    assert_eq!(out, apart, "{ka} {a} {kb} {b}");
                }
            }
        }
    }
}

#[test]
fn every_small_number_reads_from_the_table_as_formatted() {
    for n in 0..SMALL_LIMIT as u32 {
        let (word, len) = small(n);
        let text = n.to_string();
        assert_eq!(&word.to_le_bytes()[..len], text.as_bytes(), "{n}");
        assert!(word.to_le_bytes()[len..].iter().all(|&b| b == 0), "{n}");
        let (word, len) = digits(n);
        assert_eq!(&word.to_le_bytes()[..len], text.as_bytes(), "{n}");
    }
}

#[test]
fn integers_of_every_length_are_written_as_serde_does() {
    let mut n: u64 = 1;
    for _ in 0..20 {
        for m in [n - 1, n, n + 7, n.saturating_mul(2)] {
            let out = written(b"x", |out| uint(out, m));
            assert_eq!(&out[1..], m.to_string().as_bytes());
        }
        n = n.saturating_mul(10);
    }
    let out = written(b"", |out| {
        uint(out, u64::MAX);
        int(out, -5);
        int(out, i64::MIN);
    });
    assert_eq!(out, format!("{}-5{}", u64::MAX, i64::MIN).as_bytes());
}

proptest! {
    #[test]
    fn any_integer_is_written_as_serde_does(n in any::<u64>(), m in any::<i64>()) {
        let out = written(b"", |out| {
            uint(out, n);
            out.push(b' ');
            int(out, m);
        });
        prop_assert_eq!(String::from_utf8(out).unwrap(), format!("{n} {m}"));
    }

    #[test]
    fn any_string_escapes_as_serde_does(s in "\\PC*|[a-z]{17,32}|[a\u{85}\u{2028}\u{2029}\u{1}\"\\\\\n–]*") {
        prop_assert_eq!(fast_string(&s), serde_line(&s));
    }
}

#[test]
fn the_ascii_test_agrees_with_the_full_one_on_ascii_words() {
    every_byte_at_every_place(|b, at, bytes: [u8; 8]| {
        let word = u64::from_le_bytes(bytes);
        let want = b.is_ascii() && lead_clean(word);
        assert_eq!(ascii_clean(word), want, "{b:#x} at {at}");
        assert_eq!(is_clean(word), lead_clean(word), "{b:#x} at {at}");
    });
}

proptest! {
    #[test]
    fn a_word_the_ascii_test_passes_is_clean(word in any::<u64>()) {
        if ascii_clean(word) {
            prop_assert!(lead_clean(word));
        }
        if word & crate::swar::HIGH == 0 {
            prop_assert_eq!(ascii_clean(word), lead_clean(word));
        }
        prop_assert_eq!(is_clean(word), lead_clean(word));
    }
}

#[test]
fn two_words_are_clean_together_when_each_is() {
    every_byte_at_every_place(|b, at, bytes: [u8; 16]| {
        let head = u64::from_le_bytes(bytes[..8].try_into().unwrap());
        let tail = u64::from_le_bytes(bytes[8..].try_into().unwrap());
        let want = is_clean(head) && is_clean(tail);
        assert_eq!(both_clean(head, tail), want, "{b:#x} at {at}");
        assert_eq!(both_clean(tail, head), want, "{b:#x} at {at}");
    });
}

proptest! {
    #[test]
    fn any_two_words_are_clean_together_when_each_is(a in any::<u64>(), b in any::<u64>()) {
        prop_assert_eq!(both_clean(a, b), is_clean(a) && is_clean(b));
    }
}

#[test]
fn short_loads_keep_the_bytes_in_order_and_zeros_above() {
    let text = b"abcdefgh";
    for n in 0..=8 {
        let mut want = [0u8; 8];
        want[..n].copy_from_slice(&text[..n]);
        assert_eq!(load_short(&text[..n]), u64::from_le_bytes(want), "{n}");
    }
}

#[test]
fn padding_is_spaces_above_the_first_bytes() {
    for n in 0..=8 {
        let mut want = [b' '; 8];
        want[..n].fill(0);
        assert_eq!(PADDING[n], u64::from_le_bytes(want), "{n}");
    }
}

proptest! {
    #[test]
    fn any_keyed_string_is_written_as_apart(
        s in "\\PC{0,17}|[a\u{85}\u{2028}\u{2029}\u{1}\"\\\\\n–é]{0,17}",
        k in 0usize..31,
    ) {
        let key = &b",\"abcdefghijklmnopqrstuvwxyz0123"[..k];
        let out = written(b"x", |out| field_string(out, key, &s));
        let apart = written(b"x", |out| {
            out.extend_from_slice(key);
            string(out, &s);
        });
        prop_assert_eq!(out, apart);
    }
}
