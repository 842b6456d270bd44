use super::*;

/// `w` as the filters meet it: before a space, in capitals before a comma, at the
/// end of the text, and followed by `next`.
fn written_as(w: &str, next: char) -> [String; 4] {
    [
        format!("{w} x"),
        format!("{},", w.to_ascii_uppercase()),
        w.to_string(),
        format!("{w}{next}"),
    ]
}

#[test]
fn every_opener_passes_the_trigram_filter() {
    let lex = Lexicon::new();
    for &(w, class) in WORDS.iter().filter(|(_, c)| starts_scan(*c)) {
        for text in written_as(w, '7') {
            assert!(lex.may_open(text.as_bytes(), 0), "{text:?} {class:?}");
            assert_eq!(lex.first(text.as_bytes()[0]), First::Opener, "{text:?}");
            assert!(
                lex.may_open_prefix(text.as_bytes(), 0),
                "{text:?} {class:?}"
            );
        }
    }
    assert!(!lex.may_open(b"the", 0));
    // The last three bytes of a text are read without a fourth.
    assert!(lex.may_open(b"x six", 2) && lex.may_open(b"x dz", 2));
    assert!(!lex.may_open(b"x the", 2));
    assert_eq!(lex.first(b'7'), First::Digit);
    assert_eq!(lex.first(b'w'), First::Other);
    assert_eq!(lex.first(b'A'), First::Other);
    for word in ["this ", "for,", "Minister", "through", "securities"] {
        assert!(!lex.may_open_prefix(word.as_bytes(), 0), "{word}");
    }
}

/// The fourth byte's bits turn away the words most common among those sharing three
/// letters with a number word, and no number word (the test above). (Three bits
/// only: `for,` passes, as `,` has the low bits of the `t` of `forty`.)
#[test]
fn the_fourth_byte_turns_away_common_words() {
    let lex = Lexicon::new();
    for word in [
        "for ",
        "For.",
        "this",
        "This ",
        "former",
        "secretary",
        "think",
    ] {
        assert!(!lex.may_open(word.as_bytes(), 0), "{word}");
    }
    for word in ["forty", "Third", "second", "thirds", "halves"] {
        assert!(lex.may_open(word.as_bytes(), 0), "{word}");
    }
}

/// The spelled-number grammar skips words by their first bytes (`may_continue`):
/// every number word but the article passes that probe, denominators (`thirds`,
/// `halves`) included.
#[test]
fn number_words_but_articles_pass_the_trigram_filter() {
    let lex = Lexicon::new();
    for &(w, class) in WORDS.iter().filter(|(_, c)| *c != Word::Article) {
        for text in written_as(w, '-') {
            assert!(lex.may_open(text.as_bytes(), 0), "{text:?} {class:?}");
        }
    }
}

#[test]
fn magnitudes_pass_the_scale_filter() {
    let lex = Lexicon::new();
    let words = WORDS.iter().map(|(w, _)| *w);
    for w in words.chain(
        super::super::numbers::SPACED_MAGNITUDES
            .iter()
            .map(|(w, _)| *w),
    ) {
        let scales = lex.classify(w.as_bytes()).is_some_and(scales_after_number)
            || super::super::numbers::SPACED_MAGNITUDES
                .iter()
                .any(|(m, _)| *m == w);
        if scales {
            for text in written_as(w, '7') {
                assert!(lex.may_scale_at(text.as_bytes(), 0), "{text:?}");
            }
        }
    }
    for text in ["people", "to", "Times", "7", "[", "", "k9x", "Thé"] {
        let want = text == "k9x" || text == "Thé";
        assert_eq!(lex.may_scale_at(text.as_bytes(), 0), want, "{text:?}");
    }
    assert!(!lex.may_scale_at(b"x", 1) && !lex.may_scale_at(b"mo", 0));
}

/// The spelled-number grammar skips words by their first byte (`may_continue`):
/// every number word but the article begins as one the scan starts at.
#[test]
fn number_words_but_articles_have_opener_initials() {
    let lex = Lexicon::new();
    for &(w, class) in WORDS.iter().filter(|(_, c)| *c != Word::Article) {
        let c = w.as_bytes()[0];
        assert_eq!(lex.first(c), First::Opener, "{w}");
        assert_eq!(
            lex.first(c.to_ascii_uppercase()),
            First::Opener,
            "{w} {class:?}"
        );
    }
}

/// The table with one slot per word answers as a search of the word list, for
/// every word in any case and for words that fold to a number word's key
/// without being it.
#[test]
fn one_slot_lookup_is_the_word_list() {
    let lex = Lexicon::new();
    let slow = |w: &[u8]| {
        WORDS
            .iter()
            .find(|(x, _)| x.as_bytes().eq_ignore_ascii_case(w))
            .map(|&(_, c)| c)
    };
    for &(w, class) in WORDS {
        for text in [w.to_string(), w.to_ascii_uppercase()] {
            assert_eq!(lex.lookup(text.as_bytes()), Some(class), "{text:?}");
            assert_eq!(lex.classify(text.as_bytes()), Some(class), "{text:?}");
        }
    }
    let others: [&[u8]; 8] = [
        b"one ", b"one\0", b"on", b"", b"the", b"sevens", b"x", b"a b",
    ];
    for w in others {
        assert_eq!(lex.lookup(w), slow(w), "{w:?}");
        assert_eq!(lex.classify(w), slow(w), "{w:?}");
    }
}

#[test]
fn classify_cases() {
    let cases: &[(&str, Option<Word>)] = &[
        ("Two", Some(Word::Unit(2))),
        ("TWENTY", Some(Word::Tens(20))),
        ("million", Some(Word::Big(1e6))),
        ("fifths", Some(Word::Denominators(5.0))),
        ("seconds", None),
        ("someone", None),
        ("", None),
        ("internationalization", None),
    ];
    let lex = Lexicon::new();
    for (w, want) in cases {
        assert_eq!(lex.classify(w.as_bytes()), *want, "{w}");
    }
}
