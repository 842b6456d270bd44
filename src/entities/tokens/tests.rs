//! Tests of the tokenizer.

use super::ascii::*;
use super::shapes::*;
use super::*;
use crate::document::BlockKind;
use crate::gazetteer::embedded;

fn words(text: &str) -> Vec<String> {
    let s = sentence_at(0, text.len());
    tokenize(text, &[s], &Lexicon::new())
        .iter()
        .map(|t| {
            let g = match t.gap {
                Gap::Start => "",
                Gap::Space => " ",
                Gap::Hyphen => "-",
                Gap::Other => "|",
            };
            format!("{g}{}", &text[t.start()..t.end()])
        })
        .collect()
}

#[test]
fn ascii_shape_agrees() {
    for w in [
        "", "said", "Kyiv", "EFE", "U.S.", "NASA", "TikTok", "McDonald", "O'Brien", "501st", "45",
        "A", "I", "F.", "Mr.", "Cloud9", "X1", "DeSantis", "IPhone", "aB", "ABc",
    ] {
        assert_eq!(ascii_shape(w.as_bytes()), unicode_shape(w), "{w}");
    }
}

/// The eight-bytes-at-a-time path agrees with the general one wherever it answers.
#[test]
fn ascii_word_agrees() {
    let texts = [
        "The EFE and TikTok said McDonald's DeSantis X1 501st ABc aB IPhone NASA U.S. F.",
        "Trump's policy, China’s stance; don't O'Brien; Zürich Łódź ünïcödé Shin-Wook",
        "abcdefgh ABCDEFGH abcdefghABCDEFGHabcdefgh AbcdefgH 12345678x Mr. Smith.",
        "in Ukraine. EFE Jr. A. b. Messrs. Messrsx. mr. Co. Inc. co. 4. D.C. end.",
        "aaaaaaaB aaaaaaaaB AAAAAAAAa Zzzzzzzz9 word\tword\nword—word “quoted” end",
    ];
    for text in texts {
        for mut limit in [text.len(), text.len() / 2, text.len() - 3] {
            // Sentences end on a character boundary.
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let bytes = text.as_bytes();
            for start in 0..limit {
                if !ASCII_ALNUM[usize::from(bytes[start])] {
                    continue;
                }
                if let Some(w) = ascii_word(bytes, start, limit, bounded(bytes, limit)) {
                    let (end, shape_, space) = (w.end, w.shape, w.space);
                    assert_eq!(w.first.to_le_bytes(), bytes[start..start + 8]);
                    assert_eq!(space, end < limit && bytes[end] == b' ');
                    let want = word_end(text, start, limit);
                    assert_eq!(end, want, "{text:?} at {start}, limit {limit}");
                    assert_eq!(shape_, shape(text, start, want), "{:?}", &text[start..end]);
                    assert_eq!(possessive_len(text, end, limit), 0);
                }
            }
        }
    }
}

/// The bits the tokenizer stores are the lexicon's for the token's word.
#[test]
fn flags_agree() {
    let lex = Lexicon::new();
    let text = "The President said Wednesday. Mr. Smith, the spokeswoman of the Ministry \
                of Foreign Affairs, told reporters in Zürich: “Presidents' semi-final” \
                Sen. O'Brien's CEO MPs; a commander-in-chief-of-all Hall";
    let s = sentence_at(0, text.len());
    let toks = tokenize(text, &[s], &lex);
    assert!(toks.iter().any(|t| t.flags != 0));
    for t in &toks {
        let w = &text[t.start()..t.end()];
        assert_eq!(t.flags, lex.flags(w), "{w}");
    }
}

/// A sentence's first token, and only it, has `Gap::Start`: the scan reads a
/// space gap as "same sentence".
#[test]
fn start_gaps_mark_sentences() {
    let text = "He said. Kyiv fell -- then  Lviv.";
    let toks = tokenize(
        text,
        &[sentence_at(0, 8), sentence_at(9, 33)],
        &Lexicon::new(),
    );
    for (i, t) in toks.iter().enumerate() {
        let first = i == 0 || toks[i - 1].sentence != t.sentence;
        assert_eq!(t.gap == Gap::Start, first, "{i}");
    }
}

macro_rules! token_cases {
    ($($name:ident: $text:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(words($text).join(""), $want);
        }
    )*};
}

token_cases! {
    possessive:   "Trump's policy, China’s stance" => "Trump|policy|China|stance";
    contraction:  "don't O'Brien" => "don't O'Brien";
    hyphen:       "Russian-occupied Shin-Wook" => "Russian-occupied Shin-Wook";
    dotted:       "the U.S. and D.C. said" => "the U.S. and D.C. said";
    initials:     "John F. Kennedy and Mr. Smith." => "John F. Kennedy and Mr. Smith";
    sentence_end: "in Ukraine. EFE" => "in Ukraine|EFE";
    quotes:       "said “We will”" => "said|We will";
    unicode:      "Zürich Łódź ünïcödé" => "Zürich Łódź ünïcödé";
    quote_gap:    "he said: \"We\" — “Yes” ‘no’ it" => "he said|We|Yes|no|it";
    empty:        "" => "";
    punct_only:   "—..,,“”" => "";
}

#[test]
fn shapes_and_initials() {
    let text = "The EFE and TikTok said “Many";
    let s = sentence_at(0, text.len());
    let t = tokenize(text, &[s], &Lexicon::new());
    let shapes: Vec<Shape> = t.iter().map(|t| t.shape).collect();
    use Shape::*;
    assert_eq!(shapes, vec![Title, Upper, Lower, Camel, Lower, Title]);
    let initial: Vec<bool> = t.iter().map(|t| t.initial).collect();
    assert_eq!(initial, vec![true, false, false, false, false, true]);
}

/// The fast path for plain words reads every text as the general path does: the same
/// tokens, each with the same fields.
#[test]
fn plain_words_agree() {
    let lex = Lexicon::new();
    let texts = [
        "The President said on Wednesday that the spokeswoman of the Ministry told reporters",
        "abcdefgh ABCDEFGH abcdefghABCDEFGHabcdefgh AbcdefgH 12345678x Mr. Smith. in Ukraine.",
        "said Trump's policy, China’s stance; don't O'Brien Zürich Łódź a commander-in-chief x",
        "TikTok McDonald DeSantis X1 501st ABc aB IPhone NASA U.S. F. Jr. word\tword\nword end",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 0 A B C",
        "he said: \"We\" — “Yes” ‘no’ it  two  spaces , comma ;semi said  President-elect a",
        "long wordsthatrunpastsixteenbytes and semifinalists quarterfinal spokespeople said",
        "in Washington PRESIDENT McDonaldsXY, NASAandESA ABCDEFGHi AbcdefgHIJ Abcdefghijklmnop.",
        "Kyiv, Lviv,Odesa , and, Kharkiv-based Shin-Wook - -x a-b-c a,b, c. F. Mr. Smith; end",
        "in Ukraine. EFE, said: \"We (the) [people]\" or Co. and Inc., A.B. x9, 9x, abc1 def",
        "\"Quoted\" (AP) - on 21 July 2017, 3.5% of 1,200 said: 'yes' \n\nNext line\r\n\tTab",
        "  Two spaces first. (Paren first) 'Single' \"Double\" 12 numbers, 7th 1990s x 9",
        "he said “We” ‘no’ x—y said,“so” Zürich 1 ü2 é x.y Mr.Smith F.B.I. U.S. 3. a' b",
        "Mr. Smith. F. Kennedy. Trump's. Zürich. Abcdefghijklmnopqrs. ABCDEFGHIJ. Sen. x",
        "\"We (AP) [...] said: 'yes' -- x; y) \"2017\" (G7) ,x ,,y :z #1 / a, \"b\" c.\" d",
        "(\"Paren quote\") 'Single,' x . y .. z ...: w (x)(y) a-(b) c- d -e - f \"\"9 \"a'",
        "word \"Zürich\" “x” said, (“y”) a:b a:“c” 5\"x\" ...9 end.) \"A (B) \" C \"\" .",
        "Trump's policy, Kyiv's 2017 EU's \"x\" it's (a) NATO'S  b Putin's'c x's's y's-z Ann's",
        "Trump's Zürich, May's 9 Mr's Smith's. the group's 's 'S s's t'S u' v'st w's x's",
        "\"We\" said (AP) x: \"Yes\" y: z ) a \t\tb \t c\td -(e --f \", g ;:;:;:h [...] i",
        "j, \"k,\" l \"(m)\" 12: \"34\" n's \"o\" p's (q) r.\" s ---...t \"\"\"\"\"\"\"u x",
        "a (((((((b ((((((((c )))))))9 :\"\"x \"“y\" —z said: “W” (\"Q\") 'S' R's: \"T\"",
        "\"Quoted start, then: \"two\", \"three\" and (four) [five] {six} <seven> #8 $9 %x",
        ": colon start \" q \" r. ' t ' u (\" v \") w \"x\"y\"z\" end ((x)) \"9\" \"9x\" x",
        // Runs of fifteen, sixteen and more letters: from sixteen, the general path's.
        "Abcdefghijklmno abcdefghijklmnop Abcdefghijklmnopq said: \"Abcdefghijklmnop\" a",
        "Trump's abcdefghijklmnop, Abcdefghijklmnopqrstuvwxyzabcdef the Pharmaceuticals x",
    ];
    let key = |t: &Tok| {
        (
            t.start, t.end, t.sentence, t.gap, t.shape, t.initial, t.flags,
        )
    };
    for text in texts {
        // Sentences end on character boundaries, at, before and after word ends.
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            for start in [0, 1, 5, 9] {
                if start > end || !text.is_char_boundary(start) {
                    continue;
                }
                let sentences = [sentence_at(start, end), sentence_at(end, text.len())];
                let fast = tokenize_with::<true>(text, &sentences, &lex, embedded());
                let general = tokenize_with::<false>(text, &sentences, &lex, embedded());
                let (f, g): (Vec<_>, Vec<_>) = (
                    fast.iter().map(key).collect(),
                    general.iter().map(key).collect(),
                );
                assert_eq!(f, g, "{text:?} {start}..{end}");
                assert_eq!(
                    fast.capitals(),
                    general.capitals(),
                    "{text:?} {start}..{end}"
                );
                let ends = (fast.sentence_ends(), general.sentence_ends());
                assert_eq!(ends.0, ends.1, "{text:?} {start}..{end}");
            }
        }
    }
}

/// The fast path reads a sentence's last word (the one ending within two bytes of its
/// end, read by `last_word`) as the general path does, whatever ends the sentence:
/// texts of words and punctuation, cut into sentences anywhere.
mod sentence_ends {
    use super::*;
    use proptest::prelude::*;

    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "said", "Kyiv", "NASA", "TikTok", "a", "b", "I", "Mr", "Jr", "U", "Inc", "x9", "2017",
        "Zürich", "presidents", "Abcdefgh", "abcdefghi", "Trump's", "Jones'", " ", " ", " ",
        ".", ".", ",", "-", "\"", ":", "?", ")", "(", "'", "’", "”", "\n", "..", ".\"", "!)",
        "Mr.", "F.", "Inc.\"", "U.S.",
    ];

    fn cut(text: &str, at: &[usize]) -> Vec<Sentence> {
        let mut ends: Vec<usize> = at
            .iter()
            .map(|&a| a % (text.len() + 1))
            .filter(|&a| text.is_char_boundary(a))
            .collect();
        ends.push(text.len());
        ends.sort_unstable();
        let mut start = 0;
        ends.into_iter()
            .map(|end| {
                let s = sentence_at(start, end);
                start = end;
                s
            })
            .collect()
    }

    proptest! {
        #[test]
        fn last_words_agree(
            picks in prop::collection::vec(0..PIECES.len(), 1..40),
            at in prop::collection::vec(any::<usize>(), 0..6),
        ) {
            let text: String = picks.iter().map(|&p| PIECES[p]).collect();
            let sentences = cut(&text, &at);
            let lex = Lexicon::new();
            let fast = tokenize_with::<true>(&text, &sentences, &lex, embedded());
            let general = tokenize_with::<false>(&text, &sentences, &lex, embedded());
            let key = |t: &Tok| (t.start, t.end, t.sentence, t.gap, t.shape, t.initial, t.flags);
            let (f, g): (Vec<_>, Vec<_>) =
                (fast.iter().map(key).collect(), general.iter().map(key).collect());
            prop_assert_eq!(f, g, "{:?} {:?}", text, sentences);
            prop_assert_eq!(fast.capitals(), general.capitals());
            prop_assert_eq!(fast.sentence_ends(), general.sentence_ends());
        }
    }
}

/// The fast loop's gaps, read as it reads them (one byte by [`plain_gap`], the rest
/// by [`longer_gap`]), are what the general path's [`gap`] says of them: every gap of
/// one to three bytes of ASCII punctuation, spaces and tabs, and longer ones.
#[test]
fn longer_gaps_agree() {
    let alphabet = [
        " ", "\t", "\"", ":", "(", ")", "-", ",", ".", "'", "\n", "[",
    ];
    let mut gaps: Vec<String> = alphabet.iter().map(|g| g.to_string()).collect();
    for _ in 0..2 {
        let longer: Vec<String> = gaps
            .iter()
            .filter(|g| g.len() == gaps.last().map_or(0, String::len))
            .flat_map(|g| alphabet.iter().map(move |b| format!("{g}{b}")))
            .collect();
        gaps.extend(longer);
    }
    gaps.extend(
        [
            "\" (",
            ") \"",
            "[...] ",
            ",\" \"",
            "\t \t \t ",
            " - : - ",
            "(((((((",
            "((((((((",
            " “",
            "\"—",
        ]
        .map(String::from),
    );
    for g in gaps {
        for next in ["x", "9", "é"] {
            let text = format!("ab{g}{next}cdefghijklmnop");
            let bytes = text.as_bytes();
            let word = 2 + g.len();
            for limit in [word, word + 1, text.len()] {
                // `plain_words` reads on while the gap has not reached a letter or digit.
                let mut read = plain_gap(bytes, 2, limit);
                while let Some((s, gap, q, _)) = read {
                    if bytes[s].is_ascii_alphanumeric() {
                        break;
                    }
                    read = longer_gap(bytes, s, limit, gap).map(|(s, g, q2, r)| (s, g, q || q2, r));
                }
                // Where it reads a gap to a word inside the sentence, it is the general
                // path's (a word past the sentence, after a plain gap, the loop leaves).
                if let Some((start, gap_, quote, _)) = read {
                    assert_eq!(start, word, "{g:?}");
                    assert!(next != "é" && g.len() < 8, "{g:?}");
                    assert!(
                        word < limit || [" ", ", ", "-"].contains(&g.as_str()),
                        "{g:?}"
                    );
                    assert_eq!((gap_, quote), gap(&bytes[2..word]), "{g:?}");
                } else {
                    // It leaves only longer gaps, non-ASCII and words past the sentence.
                    let short = g.len() < 8 && g.is_ascii();
                    assert!(
                        !short || word >= limit || next == "é",
                        "{g:?} {next} {limit}"
                    );
                }
            }
        }
        // After a sentence's start, the gap is the start's.
        let text = format!("{g}xcdefghijklmnop");
        if let Some((start, gap_, _, _)) = longer_gap(text.as_bytes(), 0, text.len(), Gap::Start) {
            assert_eq!((start, gap_), (g.len(), Gap::Start), "{g:?}");
        }
    }
}

/// A body sentence from `start` to `end`, for tests that tokenize a text of their own.
pub(in crate::entities) fn sentence_at(start: usize, end: usize) -> Sentence {
    Sentence {
        start,
        end,
        kind: BlockKind::Body,
        paragraph: 0,
    }
}

/// The one-block shape agrees with the general one for every capitalized ASCII word
/// of up to eight bytes, whatever follows it in the block.
#[test]
fn block_shape_agrees() {
    for w in [
        "A", "I", "EFE", "NASA", "TikTok", "McDonald", "Kyiv", "X1", "IPhone", "ABc", "DeSantis",
        "AbcdefgH", "ABCDEFGH", "Abcdefgh", "A1b", "B2B", "U2", "AaAaAaAa", "Zz9Zz",
    ] {
        for tail in ["", " ", "xyz", "Q.", "12345678"] {
            let text = format!("{w}{tail}        ");
            let bytes = text.as_bytes();
            let n = w.len();
            let first = load(bytes, 0).unwrap();
            let keep = HIGH >> (64 - 8 * n);
            let want = capital_shape(bytes, 0, n);
            assert_eq!(want, ascii_shape(w.as_bytes()), "{w}");
            assert_eq!(block_shape(first, letters(first) & keep), want, "{w}{tail}");
        }
    }
}

/// The shape from the capitals of sixteen bytes agrees with the general one for
/// every ASCII word of letters of up to sixteen bytes, whatever follows it.
#[test]
fn mask_shape_agrees() {
    for w in [
        "a",
        "A",
        "I",
        "EFE",
        "NASA",
        "TikTok",
        "McDonald",
        "Kyiv",
        "IPhone",
        "ABc",
        "aB",
        "DeSantis",
        "AbcdefgH",
        "ABCDEFGH",
        "Abcdefgh",
        "AaAaAaAa",
        "said",
        "Washington",
        "PRESIDENT",
        "McDonaldsXY",
        "AbcdefghI",
        "ABCDEFGHIJKLMNOP",
        "Abcdefghijklmnop",
        "NASAandESA",
        "ABCDEFGHi",
        "AbcdefgHIJ",
        "abcdefghijklmnoP",
        "aBCDEFGHIJKLMNOP",
    ] {
        for tail in ["", " ", "xyz", "Q.", "ABCDEFGHIJKLMNOP", "abcdefghijklmnop"] {
            let text = format!("{w}{tail}                ");
            let chunk = text.as_bytes().first_chunk::<16>().unwrap();
            let got = mask_shape(crate::simd16::uppercase(chunk), w.len());
            assert_eq!(got, ascii_shape(w.as_bytes()), "{w}{tail}");
        }
    }
}

/// No character of the General Punctuation block is a letter or digit: the shortcut
/// answers as the Unicode tables do.
#[test]
fn word_char_agrees() {
    for c in ('\u{1FF0}'..='\u{2100}').chain(['a', 'é', 'Ł', '9', '’', '“', ' ', '-']) {
        assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
    }
}

/// The two-block shape agrees with the byte-by-byte one for every capitalized ASCII
/// word of nine to sixteen bytes, whatever follows it in the block.
#[test]
fn pair_shape_agrees() {
    for w in [
        "Washington",
        "PRESIDENT",
        "McDonaldsXY",
        "Ukrainianss",
        "AbcdefghI",
        "AbcdefgHi",
        "ABCDEFGHIJKLMNO",
        "Abcdefghijklmno",
        "X1234567890",
        "NASAandESA",
        "ABCDEFGHi",
        "AbcdefgHIJ",
        "Abcdefgh9Ab",
        "A12345678",
        "AaAaAaAaAaAaAaA",
    ] {
        for tail in ["", " ", "xyz", "Q.", "12345678"] {
            let text = format!("{w}{tail}                ");
            let bytes = text.as_bytes();
            let n = w.len();
            let (a, b) = (load(bytes, 0).unwrap(), load(bytes, 8).unwrap());
            let keep = HIGH >> (64 - 8 * (n - 8));
            let want = ascii_shape(w.as_bytes());
            assert_eq!(capital_shape(bytes, 0, n), want, "{w}");
            let got = pair_shape(a, b, letters(a), letters(b) & keep);
            assert_eq!(got, want, "{w}{tail}");
            if w.bytes().all(|b| b.is_ascii_alphabetic()) {
                assert_eq!(letter_shape(bytes, 0, n), want, "{w}{tail}");
            }
        }
    }
    // Longer words take the loop.
    for w in [
        "Abcdefghijklmnopq",
        "ABCDEFGHIJKLMNOPQRS",
        "AbcdefghijklmnopqR",
    ] {
        let text = format!("{w}        ");
        let shape = capital_shape(text.as_bytes(), 0, w.len());
        assert_eq!(shape, ascii_shape(w.as_bytes()), "{w}");
        assert_eq!(letter_shape(text.as_bytes(), 0, w.len()), shape, "{w}");
    }
}

/// The token keeps its offsets in 32 bits: 20 bytes, where `usize` offsets took 32.
#[test]
fn a_token_is_twenty_bytes() {
    assert_eq!(std::mem::size_of::<Tok>(), 20);
    let text = "Kyiv is far";
    let toks = tokenize(text, &[sentence_at(0, text.len())], &Lexicon::new());
    let words: Vec<_> = toks
        .iter()
        .map(|t| (t.start(), t.end(), t.sentence()))
        .collect();
    assert_eq!(words, [(0, 4, 0), (5, 7, 0), (8, 11, 0)]);
}

/// The table and the dot test of the fast loop say what [`ends_plain`] says, for every
/// byte after every kind of word.
#[test]
fn plain_stops_agree() {
    for word in [&b"Mr"[..], b"F", b"in", b"Ukraine", b"Inc", b"x", b"NATO"] {
        for stop in 0..=255u8 {
            let table = PLAIN_STOP[usize::from(stop)] || stop == b'.' && !keeps_dot(word);
            assert_eq!(table, ends_plain(stop, word), "{word:?} {stop}");
        }
    }
}

/// The fast loop ends a word at a dot with no call when the word cannot keep it: every
/// word that keeps its dot opens with a capital and has six bytes or fewer.
#[test]
fn dot_keepers_are_short_and_capitalized() {
    // Every abbreviation of `is_abbreviation`, and words that are none.
    let words = [
        "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Capt", "Cmdr",
        "Gov", "Sen", "Rep", "Prof", "Rev", "Inc", "Ltd", "Corp", "Co", "Mt", "Ft", "Bros", "Adm",
        "Maj", "Pres", "Messrs", "Mme", "Hon", "F", "x", "mr", "co", "Ukraine", "Kyiv", "Smith",
        "ABCDEFG", "Messrsx",
    ];
    assert_eq!(words.iter().filter(|w| keeps_dot(w.as_bytes())).count(), 32);
    for w in words {
        if keeps_dot(w.as_bytes()) {
            assert!(w.as_bytes()[0].is_ascii_uppercase() && w.len() <= 6, "{w}");
        }
    }
    for b in b'A'..=b'Z' {
        assert!(keeps_dot(&[b]));
    }
}

/// The tokenizer's lists say what a look at every token says: the capitalized tokens,
/// and where each run of tokens of one sentence ends, for sentences long and short,
/// empty ones among them.
#[test]
fn lists_agree_with_every_token() {
    let mut text = String::new();
    let mut sentences = Vec::new();
    for (k, len) in [1, 2, 0, 15, 16, 17, 0, 31, 48, 49, 100, 3]
        .into_iter()
        .enumerate()
    {
        let start = text.len();
        for w in 0..len {
            let word = match (w + k) % 5 {
                0 => "Word",
                1 => "NATO",
                2 => "word",
                3 => "9th",
                _ => "Zürich",
            };
            if w > 0 {
                text.push(' ');
            }
            text.push_str(word);
        }
        text.push_str(". ");
        sentences.push(sentence_at(start, text.len() - 1));
    }
    let toks = tokenize(&text, &sentences, &Lexicon::new());
    let capitals: Vec<u32> = (0..toks.len() as u32)
        .filter(|&i| toks[i as usize].shape.capitalized())
        .collect();
    assert_eq!(toks.capitals(), capitals);
    let ends: Vec<u32> = (1..=toks.len())
        .filter(|&i| i == toks.len() || toks[i].sentence() != toks[i - 1].sentence())
        .map(|i| i as u32)
        .collect();
    assert_eq!(toks.sentence_ends(), ends);
    assert_eq!(ends.len(), 10);
}

/// Another stage reads the words from a position on, and none when the sentences are
/// out of order (then the tokens are too).
#[test]
fn words_from_a_position() {
    let text = "Mr. Lin said. Talks failed.";
    let (a, b) = (sentence_at(0, 13), sentence_at(14, text.len()));
    let words = Words::new(
        tokenize(text, &[a.clone(), b.clone()], &Lexicon::new()),
        &[a.clone(), b.clone()],
    );
    let spans = |pos: usize| -> Option<Vec<&str>> {
        Some(words.after(pos)?.map(|(s, e)| &text[s..e]).collect())
    };
    assert_eq!(
        spans(0),
        Some(vec!["Mr.", "Lin", "said", "Talks", "failed"])
    );
    assert_eq!(spans(3), Some(vec!["Lin", "said", "Talks", "failed"]));
    assert_eq!(spans(12), Some(vec!["Talks", "failed"]));
    assert_eq!(spans(text.len()), Some(vec![]));
    // Inside a word: it runs over the position.
    assert_eq!(spans(5), None);
    let backwards = [b.clone(), a.clone()];
    assert!(Words::new(tokenize(text, &backwards, &Lexicon::new()), &backwards).is_empty());
}

/// A word the general path reads by itself (a contraction, a Unicode letter, an
/// initial) says the next word starts past the space after it, as an ASCII word
/// does, so that the fast path reads on from there; past a possessive, after it.
#[test]
fn general_words_lead_past_their_space() {
    let lex = Lexicon::new();
    for (text, end, next) in [
        ("won't be any", 5, 6),
        ("Zürich is", 7, 8),
        ("U.S. and", 4, 5),
        ("China’s stance", 5, 9),
        ("O'Brien's, x", 7, 9),
        ("don't", 5, 5),
        ("don't, x", 5, 5),
    ] {
        let w = word(text, 0, text.len(), true, &lex);
        assert_eq!((w.end, w.next), (end, next), "{text}");
    }
}
