//! Numbers in words: `ten thousand`, `twenty-one`, `a dozen`, `two thirds`,
//! `one and a half`, `nought point three`, `hundreds of`, `one over three`.
//!
//! A small grammar over number words (see `words` for the vocabulary): each word
//! either continues the number (`hundred` after `two`) or ends it.

use super::lex::{boundary_before, next_begins, skip_spaces, word_after, word_is};
use super::numbers::{digits, spaced_magnitudes, Num};
use super::words::{First, Lexicon, Word};

/// State of the word-number grammar: what the last word allows next.
#[derive(Clone, Copy, Debug, PartialEq)]
enum St {
    /// After `a`/`an`: only hundred, a magnitude or dozen may follow.
    Article,
    /// After one..nineteen.
    Units,
    /// After twenty..ninety.
    Tens,
    Hundred,
    /// After thousand, million, ...
    Big,
    /// After a dozen: the number is complete.
    Done,
}

/// A cardinal in words, before fractions and decimals are looked at.
#[derive(Clone, Copy, Debug)]
struct Card {
    value: f64,
    end: usize,
    ordinal: bool,
    state: St,
    /// False when [`may_continue`] said no word after `end` goes on a number: no
    /// denominator follows either, and the fraction is not looked for again.
    open: bool,
}

/// The next word after `i` and its class, if it is a number word.
fn next_word(text: &str, i: usize, lex: &Lexicon) -> Option<(usize, usize, Word)> {
    let (s, e) = word_after(text, i)?;
    Some((s, e, lex.classify(&text.as_bytes()[s..e])?))
}

/// After `i`: a hyphen, spaced or not (`fifty-two`, `fifty - two`); returns the
/// position after it.
fn hyphen_after(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let s = skip_spaces(b, i);
    (b.get(s) == Some(&b'-') && b.get(s + 1).is_none_or(|&c| c != b'-')).then_some(s + 1)
}

/// False when the word after `i` cannot go on a number: no hyphen, and first bytes
/// that begin no number word but `a` (every word [`cardinal`] and
/// [`fraction_denominator`] take begins with the first byte of a word the scan
/// starts at, `thirds` as `third`, and passes [`Lexicon::may_open`]), so that most
/// words after a number (`of`, `the`, `people`) are not read.
fn may_continue(text: &str, i: usize, lex: &Lexicon) -> bool {
    let b = text.as_bytes();
    let s = skip_spaces(b, i);
    match b.get(s) {
        Some(b'-') => true,
        Some(&c) => lex.first(c) == First::Opener && lex.may_open(b, s),
        None => false,
    }
}

/// The word after `i`, crossing one hyphen if there is one.
fn next_word_or_hyphenated(
    text: &str,
    i: usize,
    lex: &Lexicon,
) -> Option<(usize, usize, Word, bool)> {
    if let Some(h) = hyphen_after(text, i) {
        let (s, e, w) = next_word(text, h, lex)?;
        return Some((s, e, w, true));
    }
    let (s, e, w) = next_word(text, i, lex)?;
    Some((s, e, w, false))
}

/// Parses a cardinal in words from the word `(s, e, first)`.
fn cardinal(text: &str, (s, e, first): (usize, usize, Word), lex: &Lexicon) -> Option<Card> {
    let _ = s;
    let (mut total, mut last_big) = (0.0f64, 0.0f64);
    let (mut group, mut last_atom);
    let mut state = match first {
        Word::Unit(v) => {
            group = f64::from(v);
            last_atom = group;
            St::Units
        }
        Word::Tens(v) => {
            group = f64::from(v);
            last_atom = group;
            St::Tens
        }
        Word::Article => {
            group = 1.0;
            last_atom = 1.0;
            St::Article
        }
        _ => return None,
    };
    let mut end = e;
    let mut ordinal = false;
    let mut open = true;
    loop {
        // `and` inside a number: `one hundred and six`, `two million and three`.
        let mut at = end;
        let joins = matches!(state, St::Hundred | St::Big);
        if let Some((as_, ae)) = joins.then(|| word_after(text, end)).flatten() {
            if word_is(text, (as_, ae), "and") {
                match next_word(text, ae, lex) {
                    Some((_, we, Word::Unit(_) | Word::Tens(_)))
                        if fraction_denominator(text, we, lex).is_none() =>
                    {
                        at = ae
                    }
                    _ => break,
                }
            }
        }
        if !may_continue(text, at, lex) {
            open = at != end;
            break;
        }
        let Some((_, we, w, hyphen)) = next_word_or_hyphenated(text, at, lex) else {
            break;
        };
        if hyphen && !(state == St::Tens && matches!(w, Word::Unit(1..=9) | Word::Ordinal(_))) {
            break;
        }
        match w {
            Word::Unit(v)
                if matches!(state, St::Hundred | St::Big)
                    || (state == St::Tens && (1..=9).contains(&v)) =>
            {
                let v = f64::from(v);
                last_atom = if state == St::Tens { last_atom + v } else { v };
                group += v;
                state = St::Units;
            }
            Word::Tens(v) if matches!(state, St::Hundred | St::Big) => {
                group += f64::from(v);
                last_atom = f64::from(v);
                state = St::Tens;
            }
            Word::Hundred
                if matches!(state, St::Units | St::Tens | St::Article) && group < 100.0 =>
            {
                group *= 100.0;
                state = St::Hundred;
            }
            Word::Big(m)
                if matches!(
                    state,
                    St::Units | St::Tens | St::Hundred | St::Article | St::Big
                ) =>
            {
                if last_big == 0.0 || m < last_big {
                    total += group * m;
                } else {
                    total = (total + group) * m;
                }
                group = 0.0;
                last_big = m;
                state = St::Big;
            }
            Word::Dozen | Word::Many(12.0)
                if matches!(state, St::Units | St::Tens | St::Article) =>
            {
                group += last_atom * 11.0;
                state = St::Done;
            }
            Word::Ordinal(v)
                if v < 100.0
                    && ((state == St::Tens && v < 10.0)
                        || matches!(state, St::Hundred | St::Big)) =>
            {
                // twenty-first, one hundred and first
                group += v;
                ordinal = true;
                end = we;
                break;
            }
            _ => break,
        }
        end = we;
        if state == St::Done {
            break;
        }
    }
    if state == St::Article {
        return None;
    }
    Some(Card {
        value: total + group,
        end,
        ordinal,
        state,
        open,
    })
}

/// True when a word ending at `i` ends a phrase (punctuation, line end, `of`): where
/// `a fifth` or `one over three` is a fraction rather than `a fifth term`.
fn fraction_context(text: &str, i: usize) -> bool {
    match word_after(text, i) {
        Some(w) => word_is(text, w, "of"),
        None => {
            let b = text.as_bytes();
            let s = skip_spaces(b, i);
            s >= b.len() || !b[s].is_ascii_alphanumeric()
        }
    }
}

/// A fraction's denominator after `i`: `fifths`, `-eighths`, `twenty-firsts`, `half`.
/// Returns (denominator, plural, end).
fn fraction_denominator(text: &str, i: usize, lex: &Lexicon) -> Option<(f64, bool, usize)> {
    if !may_continue(text, i, lex) {
        return None;
    }
    let (_, e, w, _) = next_word_or_hyphenated(text, i, lex)?;
    match w {
        Word::Denominators(d) => Some((d, true, e)),
        Word::Part(d) => Some((d, false, e)),
        // `second` is left to time: `one second` is not a half.
        Word::Ordinal(d) if d != 2.0 => Some((d, false, e)),
        Word::Tens(t) => {
            let (_, e2, w2, _) = next_word_or_hyphenated(text, e, lex)?;
            match w2 {
                Word::Ordinal(v) if v < 10.0 => Some((f64::from(t) + v, false, e2)),
                Word::Denominators(v) if v < 10.0 => Some((f64::from(t) + v, true, e2)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `<numerator> <denominator>` with number agreement: `a fifth`, `one eighth`,
/// `two thirds`, `three twenty-firsts`; a singular denominator needs the phrase to
/// end (`a third of`), so that `a third country` stays an ordinal.
fn fraction(text: &str, numerator: f64, after: usize, lex: &Lexicon) -> Option<(f64, usize)> {
    let (d, plural, e) = fraction_denominator(text, after, lex)?;
    let before_magnitude = matches!(next_word(text, e, lex), Some((_, _, Word::Big(_))));
    let agrees = if plural {
        numerator != 1.0
    } else {
        numerator == 1.0 && (fraction_context(text, e) || before_magnitude)
    };
    (agrees && d > 0.0).then(|| (numerator / d, e))
}

/// Parses a number in words starting with the word at `at`.
pub(crate) fn words(text: &str, at: usize, lex: &Lexicon) -> Option<Num> {
    let e0 = super::lex::letters_end(text.as_bytes(), at);
    let first = lex.classify(&text.as_bytes()[at..e0])?;
    words_from(text, (at, e0, first), lex)
}

/// [`words`] from its first word `(at, e0, first)` (the whole word of letters at
/// `at` and its class), when the caller has looked it up already.
pub(crate) fn words_from(
    text: &str,
    (at, e0, first): (usize, usize, Word),
    lex: &Lexicon,
) -> Option<Num> {
    let b = text.as_bytes();
    // Whether a denominator may follow the number ([`Card::open`]).
    let mut open = true;
    let mut num = match first {
        Word::Minus => {
            let s = skip_spaces(b, e0);
            if s == e0 {
                return None;
            }
            let mut n = if b.get(s).is_some_and(u8::is_ascii_digit) {
                digits(text, s, lex).ok()?
            } else {
                words(text, s, lex)?
            };
            if n.ordinal || n.approx {
                return None;
            }
            n.value = -n.value;
            n.start = at;
            n.four_digits = false;
            return Some(n);
        }
        Word::Many(m) => return many(text, at, e0, m, lex),
        Word::Part(2.0) => return half(text, at, e0, lex),
        // quarter million
        Word::Part(d) => {
            let mut n = Num::new(at, e0, 1.0 / d);
            n.words = true;
            return big_after_part(text, &mut n, lex).then_some(n);
        }
        Word::Ordinal(v) => {
            let mut n = Num::new(at, e0, v);
            n.ordinal = true;
            n
        }
        Word::Article => {
            if let Some((v, e)) = fraction(text, 1.0, e0, lex) {
                let mut n = Num::new(at, e, v);
                big_after_part(text, &mut n, lex);
                n
            } else {
                let c = cardinal(text, (at, e0, first), lex)?;
                open = c.open;
                let mut n = Num::new(at, c.end, c.value);
                n.magnitude = Some(c.value);
                n
            }
        }
        Word::Unit(_) | Word::Tens(_) => {
            let c = cardinal(text, (at, e0, first), lex)?;
            open = c.open;
            let mut n = Num::new(at, c.end, c.value);
            n.ordinal = c.ordinal;
            if c.state == St::Big {
                n.magnitude = Some(1.0);
            }
            n
        }
        _ => return None,
    };
    num.words = true;
    if num.ordinal {
        return Some(num);
    }
    // one point five, nought point nought three
    let point = next_begins(b, num.end, b'p');
    if let Some((ps, pe)) = point.then(|| word_after(text, num.end)).flatten() {
        if word_is(text, (ps, pe), "point") {
            if let Some((frac, end)) = point_digits(text, pe, lex) {
                num.value += frac;
                num.end = end;
                spaced_magnitudes(text, &mut num, lex);
                return Some(num);
            }
        }
    }
    // two thirds, one-eighth, three twenty-firsts
    if let Some((v, e)) = open
        .then(|| fraction(text, num.value, num.end, lex))
        .flatten()
    {
        num.value = v;
        num.end = e;
        big_after_part(text, &mut num, lex);
        return Some(num);
    }
    let and = next_begins(b, num.end, b'a');
    if let Some((s, e)) = and.then(|| word_after(text, num.end)).flatten() {
        // one and a half, twenty and three fifths
        if word_is(text, (s, e), "and") {
            if let Some((_, fe, w)) = next_word(text, e, lex) {
                let numerator = match w {
                    Word::Article => Some(1.0),
                    Word::Unit(v) if v > 0 && v < 10 => Some(f64::from(v)),
                    _ => None,
                };
                if let Some((v, end)) = numerator.and_then(|n| fraction(text, n, fe, lex)) {
                    if v < 1.0 {
                        num.value += v;
                        num.end = end;
                        // two and a half million
                        spaced_magnitudes(text, &mut num, lex);
                        return Some(num);
                    }
                }
            }
        }
    }
    if let Some((v, end)) = ratio(text, num.value, num.end, lex) {
        num.value = v;
        num.end = end;
    }
    Some(num)
}

/// `one over three`, `1 out of 3`: a ratio. `over` must end the phrase, so that
/// `$2000 over 3 years` stays two numbers; `out of` is a ratio anywhere.
#[inline]
pub(crate) fn ratio(text: &str, numerator: f64, at: usize, lex: &Lexicon) -> Option<(f64, usize)> {
    ratio_at(text, numerator, (at, skip_spaces(text.as_bytes(), at)), lex)
}

/// [`ratio`] where the caller knows `next`, the end of the spaces at `at`.
#[inline]
pub(crate) fn ratio_at(
    text: &str,
    numerator: f64,
    (at, next): (usize, usize),
    lex: &Lexicon,
) -> Option<(f64, usize)> {
    // Most numbers are followed by no word starting with `o`: one byte says so,
    // without a call.
    if !matches!(text.as_bytes().get(next), Some(b'o' | b'O')) {
        return None;
    }
    ratio_words(text, numerator, at, lex)
}

/// [`ratio`] after its first byte test.
#[inline(never)]
fn ratio_words(text: &str, numerator: f64, at: usize, lex: &Lexicon) -> Option<(f64, usize)> {
    let b = text.as_bytes();
    let (s, e) = word_after(text, at)?;
    let over = word_is(text, (s, e), "over");
    let of = word_is(text, (s, e), "out")
        .then(|| word_after(text, e))
        .flatten()
        .filter(|w| word_is(text, *w, "of"));
    if !over && of.is_none() {
        return None;
    }
    let ds = skip_spaces(b, of.map_or(e, |w| w.1));
    let d = if b.get(ds).is_some_and(u8::is_ascii_digit) {
        digits(text, ds, lex).ok()?
    } else {
        word_after(text, ds)?;
        words(text, ds, lex)?
    };
    let ends = fraction_context(text, d.end) && word_after(text, d.end).is_none();
    (d.value != 0.0 && !d.ordinal && (of.is_some() || ends)).then(|| (numerator / d.value, d.end))
}

/// The digits after `point`: `zero three` is .03, `seventy-one` is .71.
fn point_digits(text: &str, at: usize, lex: &Lexicon) -> Option<(f64, usize)> {
    let mut digits = String::new();
    let mut end = at;
    while let Some((_, e, w)) = next_word(text, end, lex) {
        match w {
            Word::Unit(v) => digits.push_str(&v.to_string()),
            Word::Tens(t) => {
                let mut t = u32::from(t);
                let mut e2 = e;
                if let Some((_, ue, Word::Unit(u @ 1..=9), _)) =
                    next_word_or_hyphenated(text, e, lex)
                {
                    t += u32::from(u);
                    e2 = ue;
                }
                digits.push_str(&t.to_string());
                end = e2;
                continue;
            }
            _ => break,
        }
        end = e;
    }
    if digits.is_empty() {
        return None;
    }
    let v: f64 = format!("0.{digits}").parse().ok()?;
    Some((v, end))
}

/// `hundreds of`, `tens of thousands of`, `dozens of`: an approximate magnitude.
fn many(text: &str, at: usize, e: usize, m: f64, lex: &Lexicon) -> Option<Num> {
    let of = word_after(text, e).filter(|w| word_is(text, *w, "of"))?;
    let mut num = Num::new(at, e, m);
    if let Some((_, e2, Word::Many(m2))) = next_word(text, of.1, lex) {
        // tens of thousands (of), hundreds of millions (of)
        if m2 > m {
            num.value = m * m2;
            num.end = e2;
        }
    } else if m == 10.0 {
        return None; // `tens of` alone is not a count
    }
    num.approx = true;
    num.words = true;
    num.magnitude = Some(num.value);
    Some(num)
}

/// A magnitude right after a fraction (`a quarter million`, `half million`,
/// `three quarters billion`) scales it; true when one did.
fn big_after_part(text: &str, num: &mut Num, lex: &Lexicon) -> bool {
    match next_word(text, num.end, lex) {
        Some((_, e, Word::Big(m))) => {
            num.value *= m;
            num.end = e;
            num.magnitude = Some(m);
            true
        }
        _ => false,
    }
}

/// `half`: `half a dozen`, `half a million`, `half of`; elsewhere (`the second half`)
/// it is not a quantity, unless a qualifier hedges it (`more than half`).
fn half(text: &str, at: usize, e: usize, lex: &Lexicon) -> Option<Num> {
    let mut num = Num::new(at, e, 0.5);
    num.words = true;
    if let Some((s2, e2)) = word_after(text, e) {
        if word_is(text, (s2, e2), "a") || word_is(text, (s2, e2), "an") {
            match next_word(text, e2, lex) {
                Some((_, e3, Word::Dozen)) => {
                    num.value = 6.0;
                    num.end = e3;
                    return Some(num);
                }
                Some((_, e3, Word::Big(m))) => {
                    num.value = 0.5 * m;
                    num.end = e3;
                    num.magnitude = Some(m);
                    return Some(num);
                }
                _ => {}
            }
        }
        if word_is(text, (s2, e2), "of") {
            return Some(num);
        }
    }
    if big_after_part(text, &mut num, lex) {
        return Some(num);
    }
    (super::qualifiers::before(text, at).is_some() && boundary_before(text, at)).then_some(num)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cardinal that says no denominator can follow says what the look for one
    /// would find first: no word after it goes on a number.
    #[test]
    fn closed_cardinals_end_before_no_number_word() {
        let lex = Lexicon::new();
        let texts = [
            "two people",
            "twenty-one thirds",
            "one hundred and six",
            "three fifths",
            "a hundred and a half",
            "seven of",
            "eighty-eight",
            "two million and three",
            "nine - tenths",
            "a dozen eggs",
            "four thousand thirds",
            "six and a half",
        ];
        let mut closed = 0;
        for t in texts {
            let e0 = super::super::lex::letters_end(t.as_bytes(), 0);
            let Some(first) = lex.classify(&t.as_bytes()[..e0]) else {
                continue;
            };
            let Some(c) = cardinal(t, (0, e0, first), &lex) else {
                continue;
            };
            if !c.open {
                closed += 1;
                assert!(!may_continue(t, c.end, &lex), "{t:?}");
                assert_eq!(fraction_denominator(t, c.end, &lex), None, "{t:?}");
            }
        }
        assert!(closed >= 3, "{closed}");
    }
}
