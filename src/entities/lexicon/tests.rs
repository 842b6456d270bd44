//! The lexicon's tables against their words, and the tokenizer's ways in against the
//! general one.

use super::*;

/// Each mask keeps exactly the word's bytes of the sixteen read at its start: its key.
#[test]
fn prefix_masks_keep_the_word() {
    let chunk = *b"abcdefghijklmnop";
    let [head, tail] = [*b"abcdefgh", *b"ijklmnop"].map(u64::from_le_bytes);
    for n in 0..=WordTable::MAX {
        let masked = (
            head & table::PREFIX_MASKS[0][n],
            tail & table::PREFIX_MASKS[1][n],
        );
        assert_eq!(masked, table::key(&chunk[..n]), "{n}");
    }
}

#[test]
fn tables_answer() {
    let l = Lexicon::new();
    let is = |w: &str, b: u32| l.flags(w) & b != 0;
    assert!(is("The", bit::STOP) && !is("Kyiv", bit::STOP));
    assert!(l.is_org_head("Ministry") && !l.is_org_head("ministry"));
    assert!(l.is_role("spokesman") && l.is_role("President") && !l.is_role("Kyiv"));
    assert!(is("Prime", bit::ROLE_MODIFIER) && is("foreign", bit::ROLE_MODIFIER));
    assert_eq!(l.topic("Foreign"), Some("Foreign Affairs"));
    assert!(l.is_common_acronym("POW") && !l.is_common_acronym("NASA"));
    assert!(is("Wednesday", bit::CALENDAR));
    assert!(is("University", bit::OF_HEAD) && is("Hall", bit::OF_HEAD));
    assert!(is("Ministry", bit::ORG_HEAD | bit::OF_HEAD));
}

/// The bits of the rules' short word tables answer as a search of the table
/// ([`listed`](super::super::scan::listed)) does, for the tables' words, their
/// other cases, and words near them.
#[test]
fn table_bits_agree_with_listed() {
    use super::super::{people, scan};
    let l = Lexicon::new();
    let tables: [(&[&str], u32); 8] = [
        (scan::LOCATIVE, bit::LOCATIVE),
        (scan::DETERMINERS, bit::DETERMINER),
        (people::PREPOSITIONS, bit::PREPOSITION),
        (people::SAID_BEFORE, bit::SAID_BEFORE),
        (people::TITLE_LINKS, bit::TITLE_LINK),
        (PLACE_SUFFIXES, bit::PLACE_SUFFIX),
        (OF_LINKS, bit::OF_LINK),
        (AND_LINKS, bit::AND_LINK),
    ];
    let mut words: Vec<String> = ["", "x", "The", "IN", "Of", "sai", "saidd", "regions"]
        .map(String::from)
        .to_vec();
    for (table, _) in tables {
        for w in table {
            words.push(w.to_string());
            words.push(w.to_uppercase());
            words.push(capitalized(w));
            words.push(format!("{w}s"));
            words.push(w[..w.len() - 1].to_string());
        }
    }
    for (table, b) in tables {
        for w in &words {
            let listed = scan::listed(table, w.as_bytes());
            assert_eq!(l.flags(w) & b != 0, listed, "{w}");
        }
    }
}

#[test]
fn table_agrees_with_map() {
    let l = Lexicon::new();
    for (w, &bits) in &l.words {
        assert_eq!(l.flags(w), bits, "{w}");
    }
    for w in [
        "",
        "x",
        "Presiden",
        "Presidents",
        "saidd",
        "sai",
        "ministry",
        "Ministr",
    ] {
        assert_eq!(l.flags(w), l.words.get(w).copied().unwrap_or(0), "{w}");
    }
    // The tokenizer's way in agrees, at every length and whatever follows the word.
    let text = "Ministry President presidents spokeswoman said Wednesday of semi-final x";
    for start in 0..text.len() {
        let mut b = [0u8; 8];
        let avail = (text.len() - start).min(8);
        b[..avail].copy_from_slice(&text.as_bytes()[start..start + avail]);
        let first = u64::from_le_bytes(b);
        for end in start..=text.len().min(start + 20) {
            let w = &text[start..end];
            assert_eq!(l.ascii_flags(text, start, end, first), l.flags(w), "{w}");
        }
    }
    // So does the fast path's, for every word of letters of the map, its prefixes, and
    // longer words, whatever follows them in the sixteen bytes read.
    let mut asked: Vec<String> = vec!["Pharmaceuticalsx".into(), "Pharmaceuticalsxy".into()];
    for w in l
        .words
        .keys()
        .filter(|w| w.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        asked.extend((1..=w.len()).map(|n| w[..n].to_string()));
        asked.push(format!("{w}s"));
    }
    for w in &asked {
        for after in [
            " the Ministry of",
            "xxxxxxxxxxxxxxxx",
            ".\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        ] {
            let text = format!("{w}{after}");
            let chunk = text.as_bytes().first_chunk::<16>().unwrap();
            let flags = l.chunk_flags(&text, 0, w.len(), chunk);
            assert_eq!(flags, l.flags(w), "{w}");
        }
    }
    // No word holds a digit: the tokenizer gives a word with one no bits.
    assert!(l
        .words
        .keys()
        .all(|w| !w.bytes().any(|b| b.is_ascii_digit())));
    // Past the table's longest word, the map answers.
    let long = "commander-in-chief-of-all";
    assert_eq!(l.flags(long), 0);
}

/// The quantities stage's number words carry [`bit::NUMBER`] in the three cases the
/// tokenizer's notes rely on (its other cases are found by the quantities stage), and
/// the words the scan does not start a number at carry none.
#[test]
fn number_bit_marks_the_number_words_in_three_cases() {
    let l = Lexicon::new();
    let mut n = 0;
    for w in crate::quantities::number_words() {
        for form in [w.to_string(), capitalized(w), w.to_uppercase()] {
            assert!(l.flags(&form) & bit::NUMBER != 0, "{form}");
        }
        n += 1;
    }
    assert!(n > 80, "{n}");
    for w in [
        "a", "An", "thirds", "halves", "the", "often", "sEVEN", "Sevens", "7",
    ] {
        assert_eq!(l.flags(w) & bit::NUMBER, 0, "{w}");
    }
}
