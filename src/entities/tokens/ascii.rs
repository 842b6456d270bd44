//! Plain ASCII words, read eight bytes at a time: the tokenizer's fast paths. A word
//! they cannot read (a Unicode letter, a contraction, an initial's dot) goes to the
//! general path in the parent module, which they agree with (see its tests).

use super::super::lexicon::Lexicon;
use super::dots::dot_keeper;
#[cfg(test)]
use super::keeps_dot;
use super::shapes::{block_shape, capital_shape, mixed_shape};
use super::{Gap, Shape, Tok, Tokens, ASCII_ALNUM};
use crate::gazetteer::{risky_gaps, Gazetteer};
use crate::simd16;
use crate::swar::{alphanumeric, in_range};
pub(super) use crate::swar::{letters, load, HIGH};

/// Where the next word starts, its gap, whether the gap opens a quote (then the word
/// is [`Tok::initial`]), and whether it holds a byte that may start a gazetteer match
/// ([`risky_gaps`]: then the stretch noted for the matching pass ends before it).
type NextWord = (usize, Gap, bool, bool);

/// Reads the tokens after the one ending at `end` while each is a plain ASCII word
/// (letters only, or with a digit: [`digit_token`]) after a gap of ASCII punctuation
/// and spaces shorter than eight bytes (one space, a comma and a space, a hyphen, or
/// [`longer_gap`]), as most words of news copy are, and returns the end of the last
/// token read (`end` if none) and whether the sentence holds no word past it (only
/// ASCII bytes that are no letter or digit follow, as after its last word). With
/// `at_start`, `end` is a sentence's start and its first word is read there, after
/// such a gap if any. The general path reads the token after it: one that holds `'`,
/// a non-ASCII byte or an initial's dot, runs past the sentence (`limit`), holds a
/// run of sixteen letters or more, or follows another gap.
/// Each word is read once, with few values live; a run of letters stopped by one of
/// those bytes ends as [`ascii_word`] and [`word`](super::word) end it, and those
/// gaps are what [`gap`](super::gap) says of them. The words read are noted for the
/// matching pass of `gaz` as they are pushed ([`Scanned`](crate::gazetteer::Scanned)).
#[allow(clippy::too_many_arguments)]
pub(super) fn plain_words(
    text: &str,
    end: usize,
    limit: usize,
    sentence: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
    toks: &mut Tokens,
    at_start: bool,
) -> (usize, bool) {
    // The index of the last token read after a gap that opens a quote, which
    // `quote_gap` marks `initial` when the next such gap is read, and this when the
    // run ends (no index when none, or when the run ended before reading it).
    let mut quote = usize::MAX;
    toks.scanned.begin(text.as_bytes(), end);
    let rules = (lex, gaz);
    let run = plain_run(
        text, end, limit, sentence, rules, toks, at_start, &mut quote,
    );
    toks.scanned.finish(text.as_bytes(), run.0);
    if let Some(t) = toks.get_mut(quote) {
        t.initial = true;
    }
    run
}

/// The rules a plain word is read by: the entity lexicon, and the gazetteer whose
/// matching pass the word is noted for.
type Rules<'a> = (&'a Lexicon, &'a Gazetteer);

/// [`plain_words`], with `quote` as it says.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn plain_run(
    text: &str,
    mut end: usize,
    limit: usize,
    sentence: usize,
    rules: Rules<'_>,
    toks: &mut Tokens,
    at_start: bool,
    quote: &mut usize,
) -> (usize, bool) {
    let bytes = text.as_bytes();
    // Sentences lie inside the text: then `end < limit` is in bounds, with no check.
    // Sixteen bytes load at every offset up to `last`: one compare a load.
    let (true, Some(last)) = (limit <= bytes.len(), bytes.len().checked_sub(16)) else {
        return (end, false);
    };
    // Where the words that end within two bytes of the sentence's end end.
    let near_end = limit.saturating_sub(2);
    // The sentence's first word starts at `end`, with no gap: the caller marks it
    // `initial`. Other tokens are `initial` after a gap that opens a quote (`quoted`).
    let (mut start, mut gap) = match at_start {
        true => (end, Gap::Start),
        false => match plain_gap(bytes, end, limit) {
            Some(next) => quote_gap(next, toks, quote),
            None => return (end, only_gap(bytes, end, limit)),
        },
    };
    loop {
        // One compare with `last` bounds the load (`first_chunk`'s own test of the
        // sum `start + 16` then costs less).
        if start > last {
            return (end, false);
        }
        let Some(chunk) = bytes[start..].first_chunk::<16>() else {
            return (end, false);
        };
        let first = u64::from_le_bytes(*chunk.first_chunk::<8>().unwrap_or(&[0; 8]));
        // The bytes that stop a run of letters (a mask of sixteen bits: none is a
        // run of sixteen letters or more).
        let stops = simd16::non_letters(chunk);
        // Not a letter at `start` (the first bit): one test, where comparing
        // `word_end` with `start` after the run took several a word.
        if stops & 1 != 0 {
            // Punctuation after the gap read so far (`" (`, `. "`, a sentence that
            // opens with a quote): the gap goes on to the next letter or digit.
            if !(first as u8).is_ascii_digit() {
                match longer_gap(bytes, start, limit, gap) {
                    Some(next) => (start, gap) = quote_gap(next, toks, quote),
                    None => return (end, false),
                }
                continue;
            }
            let at = (start, start);
            match digit_word(text, at, first as u8, limit, sentence, gap, rules.1, toks) {
                Some((token_end, Some(next))) => {
                    (end, (start, gap)) = (token_end, quote_gap(next, toks, quote))
                }
                Some((token_end, None)) => return (token_end, only_gap(bytes, token_end, limit)),
                None => return (end, false),
            }
            continue;
        }
        // The run's end in the sixteen bytes, with no branch on its length (a branch
        // on "eight letters or more?" went either way at random on fresh text). A run
        // of sixteen letters or more (one word in two thousand) is left to the general
        // path: every word read here is then shorter than sixteen bytes, and its
        // lexicon key is in `chunk`, with no test of its length.
        let n = stops.trailing_zeros() as usize;
        if n >= 16 {
            return (end, false);
        }
        let (word_end, stop) = (start + n, chunk[n]);
        // The sentence's last word, most often: it ends within two bytes of the
        // sentence's end (`.`, `."`, or none). One test, taken once a sentence, where
        // the last word's stop (a dot) failed the test for a space and then passed the
        // test for a dot, which the words ending at a comma fail, and both were
        // mispredicted. Any other word there (`a b.`) is left to the general path.
        if word_end >= near_end {
            if last_word(bytes, start, word_end, first, stop, limit) {
                push_word(
                    text, start, word_end, first, chunk, sentence, gap, rules, toks,
                );
                return (word_end, true);
            }
            return (end, false);
        }
        // Most words end at a space, and the next starts after it: one test, where a
        // table load for the stop and a second test for the space after the push
        // took two, with `stop` kept live across the push.
        if stop == b' ' {
            push_word(
                text, start, word_end, first, chunk, sentence, gap, rules, toks,
            );
            (end, start, gap) = (word_end, word_end + 1, Gap::Space);
            continue;
        }
        // A dot after a word that cannot be an initial or an abbreviation (all open
        // with a capital and are short) ends the word, and most often the sentence:
        // no plain gap follows a dot, and the loop ends here, where a second test of
        // the stop after the push went one way for a dot and the other for a comma.
        let may_keep_dot = (first as u8).is_ascii_uppercase() & (word_end - start <= 6);
        if word_end < limit && stop == b'.' && !may_keep_dot {
            push_word(
                text, start, word_end, first, chunk, sentence, gap, rules, toks,
            );
            return (word_end, only_gap(bytes, word_end, limit));
        }
        // A run that reaches `limit` ends there, whatever follows. Most other stops
        // end a plain word (a comma): one table load says so.
        if word_end > limit
            || word_end < limit
                && !PLAIN_STOP[usize::from(stop)]
                && (stop != b'.' || dot_keeper(first, word_end - start))
        {
            // A possessive and a space (`Trump's policy`): the word is pushed, and the
            // next read after the gap `'s `, as the general path reads them. Should
            // the loop stop there, the caller skips the `'s` (`possessive_len`).
            if stop == b'\'' {
                if let Some(next) = possessive_space(bytes, word_end, limit) {
                    push_word(
                        text, start, word_end, first, chunk, sentence, gap, rules, toks,
                    );
                    // The matching pass reads `'s` as two tokens of its own.
                    toks.scanned.split(word_end, next);
                    (end, start, gap) = (word_end, next, Gap::Other);
                    continue;
                }
            }
            let at = (start, word_end);
            match digit_word(text, at, stop, limit, sentence, gap, rules.1, toks) {
                Some((token_end, Some(next))) => {
                    (end, (start, gap)) = (token_end, quote_gap(next, toks, quote))
                }
                Some((token_end, None)) => return (token_end, only_gap(bytes, token_end, limit)),
                None => return (end, false),
            }
            continue;
        }
        push_word(
            text, start, word_end, first, chunk, sentence, gap, rules, toks,
        );
        end = word_end;
        // `stop` is `bytes[end]` when `end < limit`: what `plain_gap` reads.
        match plain_gap(bytes, end, limit) {
            Some(next) => (start, gap) = quote_gap(next, toks, quote),
            None => return (end, only_gap(bytes, end, limit)),
        }
    }
}

/// True when the run of letters `bytes[start..word_end]`, stopped by `stop`, ends
/// within two bytes of `limit` and is the sentence's last word, read as a plain word:
/// it runs to `limit`, or a stop that ends any plain word or a dot follows it, and at
/// most one more byte of ASCII punctuation, and it is no initial or abbreviation
/// (`F.`, `Mr.`: whatever follows, the general path reads those). Few branches: it is
/// asked once a sentence, and most words it reads are neither.
#[inline(always)]
fn last_word(
    bytes: &[u8],
    start: usize,
    word_end: usize,
    first: u64,
    stop: u8,
    limit: usize,
) -> bool {
    let punct = |b: u8| b < 0x80 && !ASCII_ALNUM[usize::from(b)];
    let after = bytes.get(word_end + 1).copied().unwrap_or(b'a');
    let rest = (word_end + 1 == limit) | punct(after);
    let ends =
        (PLAIN_STOP[usize::from(stop)] | (stop == b'.')) && !dot_keeper(first, word_end - start);
    (word_end == limit) | (word_end < limit) & rest & ends
}

/// Pushes the plain word of ASCII letters `text[start..word_end]`, whose first eight
/// and sixteen bytes are `first` and `chunk`, with its shape and lexicon bits. Inlined
/// into each of [`plain_words`]'s three pushes (after a space, after a dot, after
/// another stop), which then decide what follows without testing the stop again.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn push_word(
    text: &str,
    start: usize,
    word_end: usize,
    first: u64,
    chunk: &[u8; 16],
    sentence: usize,
    gap: Gap,
    (lex, gaz): Rules<'_>,
    toks: &mut Tokens,
) {
    // The first byte, a letter, decides most shapes, as in `ascii_word`.
    let n = word_end - start;
    let span = (start, word_end);
    let shape = if first as u8 >= b'a' {
        toks.scanned.note_word(gaz, span, (first, false));
        Shape::Lower
    } else {
        // A capital: noted on the branch that knows it, with no test of the shape,
        // and for the matching pass, which looks every such word up.
        toks.note_capital();
        toks.scanned.note_word(gaz, span, (first, true));
        // Most capitalized words have no other capital (bit 16 stands for the bytes
        // past the sixteen read): `Title`, with no branch on the word's length, which
        // went either way at random.
        let upper = simd16::uppercase(chunk);
        if ((upper & !1) | 1 << 16).trailing_zeros() as usize >= n {
            Shape::Title
        } else {
            mixed_shape(text.as_bytes(), start, word_end, upper)
        }
    };
    let flags = lex.chunk_flags(text, start, n, chunk);
    toks.toks.push(Tok {
        start: start as u32,
        end: word_end as u32,
        sentence: sentence as u32,
        gap,
        shape,
        initial: false,
        flags,
    });
    toks.note_number_word(flags);
}

/// After [`plain_words`] stopped reading at `at` (the word's start or the end of its
/// letters) before `stop`, a byte no plain word ends at: a number (`2017`) or a word
/// with a digit (`G7`) is pushed, read out of line, and the end of its token and the
/// next word's start and gap (if [`plain_gap`] reads one) returned; any other word is
/// left to the general path (`None`).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn digit_word(
    text: &str,
    (start, at): (usize, usize),
    stop: u8,
    limit: usize,
    sentence: usize,
    gap: Gap,
    gaz: &Gazetteer,
    toks: &mut Tokens,
) -> Option<(usize, Option<NextWord>)> {
    if at >= limit || !stop.is_ascii_digit() {
        return None;
    }
    let end = digit_token(text, start, limit, sentence, gap, gaz, toks)?;
    Some((end, plain_gap(text.as_bytes(), end, limit)))
}

/// The next word's start and gap from [`plain_gap`] or [`longer_gap`]; when the gap
/// opens a quote, the token read there (the next pushed) is to be `initial`: the one
/// noted before it is marked now (it has been read), and it is noted in `quote`. The
/// quote flag is kept out of the loop, which then resets nothing for every word.
#[inline(always)]
fn quote_gap(next: NextWord, toks: &mut Tokens, quote: &mut usize) -> (usize, Gap) {
    let (start, gap, quoted, risky) = next;
    if quoted {
        note_quote(toks, quote);
    }
    if risky {
        let last_end = toks.last().map_or(0, Tok::end);
        toks.scanned.split(last_end, start);
    }
    (start, gap)
}

/// Marks the token noted in `quote` `initial`, and notes the next one. Out of line:
/// about one word in sixty.
#[cold]
#[inline(never)]
fn note_quote(toks: &mut [Tok], quote: &mut usize) {
    if let Some(t) = toks.get_mut(*quote) {
        t.initial = true;
    }
    *quote = toks.len();
}

/// Where the next word may start after the word ending at `end`, before a `'`, when
/// `'s` or `'S` and a space follow it inside the sentence (`limit`): the word's
/// possessive, which is no part of it, as [`word_end`](super::word_end) and
/// [`possessive_len`](super::possessive_len) read it. Out of line: one word in a
/// hundred.
#[inline(never)]
fn possessive_space(bytes: &[u8], end: usize, limit: usize) -> Option<usize> {
    match bytes.get(end..end + 3)? {
        [b'\'', b's' | b'S', b' '] if end + 2 < limit => Some(end + 3),
        _ => None,
    }
}

/// True when `bytes[end..limit]` is short and holds only ASCII bytes that are no
/// letter or digit, as the end of most sentences does (`.`, `."`): no token is left
/// in the sentence, and the general path need not look. A longer rest (the fast loop
/// left inside the sentence) is left to the general path, with no call.
#[inline(always)]
fn only_gap(bytes: &[u8], end: usize, limit: usize) -> bool {
    limit.wrapping_sub(end) <= 3 && short_gap(bytes, end, limit)
}

/// [`only_gap`] of a rest of at most three bytes. Out of line: about once a sentence.
#[inline(never)]
fn short_gap(bytes: &[u8], end: usize, limit: usize) -> bool {
    let rest = bytes.get(end..limit).unwrap_or_default();
    rest.iter()
        .all(|&b| b < 0x80 && !ASCII_ALNUM[usize::from(b)])
}

/// Pushes the token at `start` (an ASCII letter or digit after a gap `plain_words`
/// reads), a word that holds a digit, as the general path reads it ([`ascii_word`]),
/// and returns its end; or `None` when [`ascii_word`] leaves it to the general path.
/// Out of line: about one word in fifty.
#[cold]
#[inline(never)]
fn digit_token(
    text: &str,
    start: usize,
    limit: usize,
    sentence: usize,
    gap: Gap,
    gaz: &Gazetteer,
    toks: &mut Tokens,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let w = ascii_word(bytes, start, limit, bounded(bytes, limit))?;
    toks.push(Tok {
        start: start as u32,
        end: w.end as u32,
        sentence: sentence as u32,
        gap,
        shape: w.shape,
        initial: false,
        // A word with a digit: no table has one (the lexicon's tests check).
        flags: 0,
    });
    toks.note_number();
    toks.scanned.note_token(gaz, bytes, start, w.end);
    Some(w.end)
}

/// The start of the word after the token ending at `end`, its gap, and whether the gap
/// opens a quote (then the word is [`Tok::initial`]), when the gap is one
/// [`plain_words`] reads: one space, a comma and a space, or a hyphen, tested byte by
/// byte as most gaps are, or else a short run of ASCII punctuation ([`longer_gap`]),
/// inside the sentence (a word starting past it fails the limit test).
#[inline(always)]
pub(super) fn plain_gap(bytes: &[u8], end: usize, limit: usize) -> Option<NextWord> {
    if end >= limit {
        return None;
    }
    match bytes[end] {
        b' ' => Some((end + 1, Gap::Space, false, false)),
        b',' if end + 1 < limit && bytes[end + 1] == b' ' => {
            Some((end + 2, Gap::Other, false, false))
        }
        b'-' => Some((end + 1, Gap::Hyphen, false, false)),
        // An empty gap read so far, as a space gap reads on.
        _ => longer_gap(bytes, end, limit, Gap::Space),
    }
}

/// The start of the next word when the gap read so far (of kind `gap`: empty is a
/// space gap) goes on at `at` with one to seven ASCII bytes that are no letter or
/// digit (`" (`, `: "`, `) `), then an ASCII letter or digit inside the sentence;
/// with the whole gap's kind, and whether these bytes open a quote, as
/// [`gap`](super::gap) reads them (spaces and tabs only: a space gap; a quote mark or
/// a colon: a quote; a gap read so far holds none, or said so). One load
/// and a few masks, where the general path tested every byte. A longer gap or a
/// non-ASCII byte (a curly quote, a dash, a Unicode letter) is left to the general
/// path (`None`). Out of line: about one word in thirty.
#[inline(never)]
pub(super) fn longer_gap(bytes: &[u8], at: usize, limit: usize, gap: Gap) -> Option<NextWord> {
    let x = load(bytes, at)?;
    // The gap ends at the first letter or digit, or at a non-ASCII byte.
    let stops = alphanumeric(x) | x & HIGH;
    if stops == 0 {
        return None;
    }
    let k = stops.trailing_zeros() as usize / 8;
    let start = at + k;
    if k == 0 || start >= limit || (x >> (8 * k)) & 0x80 != 0 {
        return None;
    }
    // The gap's bytes in `x`.
    let keep = HIGH & !(!0u64 << (8 * k));
    let blank = (in_range(x, b' ', b' ') | in_range(x, b'\t', b'\t')) & keep == keep;
    let quote = (in_range(x, b'"', b'"') | in_range(x, b':', b':')) & keep != 0;
    let risky = risky_gaps(x) & keep != 0;
    let gap = match gap {
        Gap::Start => Gap::Start,
        Gap::Space if blank => Gap::Space,
        _ => Gap::Other,
    };
    Some((start, gap, quote, risky))
}

/// True when `stop`, the byte after the run of ASCII letters `word`, ends the word in
/// [`ascii_word`]: no digit, `'` or non-ASCII byte that may continue it, and no dot of
/// an initial or abbreviation.
#[cfg(test)]
pub(super) fn ends_plain(stop: u8, word: &[u8]) -> bool {
    stop < 0x80
        && !ASCII_ALNUM[usize::from(stop)]
        && stop != b'\''
        && !(stop == b'.' && keeps_dot(word))
}

/// Bytes after a run of ASCII letters that end a plain word whatever the word is:
/// [`ends_plain`] but for the dot, which asks about the word.
pub(super) static PLAIN_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = !c.is_ascii_alphanumeric() && c != b'\'' && c != b'.';
        b += 1;
    }
    table
};

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
