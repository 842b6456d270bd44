//! Numbers in digits (`1,200`, `3.5`, `1.2m`, `3rd`, `3/4`, `1.3e6`) and what they
//! share with numbers in words (`spelled`): the `Num` record and spaced magnitudes.
//!
//! Both parsers start at a position the scanner found and return how far the number
//! runs and its value; context rules (dates, units, qualifiers) live in the caller.

use super::decimal::{long_value, Decimal};
use super::lex::{boundary_after, skip_spaces, word_after, word_is};
use super::spelled::ratio_at;
use super::words::{Lexicon, Word};

/// A number found in the text. Byte offsets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Num {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub ordinal: bool,
    /// `hundreds of`, `dozens of`: a magnitude standing for an unknown count.
    pub approx: bool,
    /// The magnitude written with the number (`million` in `1.2 million`, `m` in
    /// `5m`), which a range partner without one borrows (`10-20 million`).
    pub magnitude: Option<f64>,
    /// A bare `m`/`b` suffix: a magnitude only in money (`£5m`); `1m` alone is a metre.
    pub money_only: bool,
    /// An unseparated integer of four digits: maybe a year.
    pub four_digits: bool,
    /// Written in words.
    pub words: bool,
}

impl Num {
    pub(crate) fn new(start: usize, end: usize, value: f64) -> Num {
        Num {
            start,
            end,
            value,
            ordinal: false,
            approx: false,
            magnitude: None,
            money_only: false,
            four_digits: false,
            words: false,
        }
    }
}

/// Letters that may touch a digit run, and what they make of it. Single letters are
/// case-sensitive (`5M` is five million, `5mm` is not); the rest match any case.
const SUFFIXES: &[(&str, Suffix)] = &[
    ("st", Suffix::Ordinal),
    ("nd", Suffix::Ordinal),
    ("rd", Suffix::Ordinal),
    ("th", Suffix::Ordinal),
    ("k", Suffix::Magnitude(1e3)),
    ("K", Suffix::Magnitude(1e3)),
    ("M", Suffix::Magnitude(1e6)),
    ("MM", Suffix::Magnitude(1e6)),
    ("m", Suffix::MoneyMagnitude(1e6)),
    ("b", Suffix::MoneyMagnitude(1e9)),
    ("B", Suffix::MoneyMagnitude(1e9)),
    ("bn", Suffix::Magnitude(1e9)),
    ("mn", Suffix::Magnitude(1e6)),
    ("mln", Suffix::Magnitude(1e6)),
    ("mil", Suffix::Magnitude(1e6)),
    ("bln", Suffix::Magnitude(1e9)),
    ("tn", Suffix::Magnitude(1e12)),
    ("tln", Suffix::Magnitude(1e12)),
];

/// Magnitudes that may follow a number after a space, besides the number words.
pub(crate) const SPACED_MAGNITUDES: &[(&str, f64)] = &[
    ("bn", 1e9),
    ("mn", 1e6),
    ("mln", 1e6),
    ("bln", 1e9),
    ("tln", 1e12),
    ("k", 1e3),
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Suffix {
    Ordinal,
    Magnitude(f64),
    MoneyMagnitude(f64),
}

/// Why a digit run is not a number, and where the scanner should resume.
pub(crate) type Skip = usize;

/// Parses a number in digits starting at `at` (a digit, a `.` before a digit, or a
/// `-` before a digit). `Err(end)` means the run is an identifier, a time, a phone
/// number or a date, and everything up to `end` should be skipped.
pub(crate) fn digits(text: &str, at: usize, lex: &Lexicon) -> Result<Num, Skip> {
    let b = text.as_bytes();
    // Where to resume after a run that is no number: found only then.
    let run_end = || token_end(b, at);
    let mut i = at;
    let negative = b[i] == b'-' || b[i] == b'+';
    if negative {
        if b[i] == b'+' {
            return Err(run_end()); // +1-222-2222: a phone number
        }
        i += 1;
    }
    // An identifier: a letter, or a letter and a hyphen, glued to the digits (F-16,
    // COVID-19, G7).
    if i >= 2 && b[i - 1] == b'-' && b[i - 2].is_ascii_alphabetic() && !negative {
        return Err(run_end());
    }
    // The value is read with the digits, in one pass.
    let mut acc = Decimal::default();
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        acc.push(b[i]);
        i += 1;
    }
    let first_len = i - int_start;
    let mut grouped = false;
    if (1..=3).contains(&first_len) {
        while let Some(g) = group_separator(b, i) {
            let d = i + g;
            let three = d + 3 <= b.len() && b[d..d + 3].iter().all(u8::is_ascii_digit);
            if !three || b.get(d + 3).is_some_and(u8::is_ascii_digit) {
                break;
            }
            // A space-separated group must end the token (`40 000 is`), so that two
            // numbers in a row (`in 10 100-metre`) are not glued.
            if b[i] == b' ' && !boundary_after(text, d + 3) {
                break;
            }
            for &c in &b[d..d + 3] {
                acc.push(c);
            }
            i = d + 3;
            grouped = true;
        }
    }
    let mut decimal = false;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        decimal = true;
        acc.push(b'.');
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            acc.push(b[i]);
            i += 1;
        }
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return Err(run_end()); // 192.168.1.2, 3.5.1
        }
    }
    let digits_end = i;
    if i == int_start && !decimal {
        return Err(run_end().max(at + 1));
    }
    // Times (10:30), dates and phone numbers (5/17/2018, 555-123-4567).
    if b.get(i) == Some(&b':') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return Err(run_end());
    }
    if b.get(i) == Some(&b'-') && three_groups(b, i) {
        return Err(run_end());
    }
    // Scientific notation: 1e10, -12.32e+14.
    let mut exponent = 0i32;
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        let sign = match b.get(j) {
            Some(b'-') => {
                j += 1;
                -1
            }
            Some(b'+') => {
                j += 1;
                1
            }
            _ => 1,
        };
        let ds = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > ds && j - ds <= 3 && boundary_after(text, j) {
            exponent = sign * text[ds..j].parse::<i32>().unwrap_or(0);
            i = j;
        }
    }
    // Powers written with a caret: 1.1^23, 2.5^-1 (the sign of the base applies
    // after the power, as in `-2.5^-1` = -0.4).
    let mut power = None;
    if b.get(i) == Some(&b'^') {
        let mut j = i + 1;
        let mut minus = false;
        while matches!(b.get(j), Some(b'-' | b'+')) {
            minus ^= b[j] == b'-';
            j += 1;
        }
        let ds = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > ds && j - ds <= 3 && boundary_after(text, j) {
            let p = text[ds..j].parse::<i32>().unwrap_or(0);
            power = Some(if minus { -p } else { p });
            i = j;
        }
    }
    let mut value = match acc.value() {
        Some(v) => v,
        None => long_value(&b[int_start..digits_end]).ok_or_else(run_end)?,
    };
    if exponent != 0 || power.is_some() {
        value = raise(value, exponent, power);
    }
    let mut num = Num::new(at, i, if negative { -value } else { value });
    num.four_digits =
        first_len == 4 && !grouped && !decimal && exponent == 0 && power.is_none() && !negative;

    // A fraction written with a slash: 3/4, or a mixed number 2 1/4.
    if b.get(i) == Some(&b'/') {
        return match slash_fraction(text, int_start, i) {
            Some((f, end)) if !decimal && !grouped => {
                num.value = if negative { -f } else { f };
                num.end = end;
                num.four_digits = false;
                Ok(num)
            }
            _ => Err(run_end()),
        };
    }
    // The end of the spaces after the digits, read once for the rules below.
    let next = skip_spaces(b, i);
    if !decimal && !grouped {
        let s = next;
        if s > i && b.get(s).is_some_and(u8::is_ascii_digit) {
            if let Some((f, end)) = slash_fraction(text, s, token_digits_end(b, s)) {
                num.value += if negative { -f } else { f };
                num.end = end;
                return Ok(num);
            }
        }
    }

    // Letters glued to the digits: the byte after them says whether there are any,
    // and most numbers end at a space or a punctuation mark.
    if b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        let le = super::lex::letters_end(b, i);
        if !boundary_after(text, le) {
            return Err(run_end());
        }
        let glued = &text[i..le];
        let suffix = SUFFIXES.iter().find(|(s, _)| {
            if s.len() == 1 {
                *s == glued
            } else {
                s.eq_ignore_ascii_case(glued)
            }
        });
        match suffix {
            Some((_, Suffix::Ordinal)) if !decimal && !negative => {
                num.ordinal = true;
                num.four_digits = false;
            }
            Some((_, Suffix::Magnitude(m))) => scale(&mut num, *m),
            // `1.2b` is a number anywhere; `5b` or `5m` only in money (`Plan 5b`, `1m`).
            Some((_, Suffix::MoneyMagnitude(m))) => {
                scale(&mut num, *m);
                num.money_only = !decimal || glued.eq_ignore_ascii_case("m");
            }
            // 180ml, 29km, 5G, 1990s: a measure, an identifier or a decade.
            _ => return Err(le),
        }
        num.end = le;
        return Ok(num);
    }
    // A digit run glued to a non-ASCII letter (`5ème`) or another script: only a
    // non-ASCII byte begins one (an ASCII byte here is no letter, and no digit is one).
    if b.get(i).is_some_and(|&c| !c.is_ascii()) && glued_to_letter(text, i) {
        return Err(run_end());
    }
    // Spaced magnitudes: 1.2 million, 322 hundred, 13 lakh crore, 3 dozens, 10 bn.
    spaced_magnitudes_at(text, &mut num, next, lex);
    if num.magnitude.is_none() {
        if let Some((v, end)) = ratio_at(text, num.value, (num.end, next), lex) {
            num.value = v;
            num.end = end;
            num.four_digits = false;
        }
    }
    Ok(num)
}

/// `value` times ten to `exponent`, then to the `power`: out of line, so that the
/// optimizer does not compute both powers for every number (most have neither).
#[cold]
#[inline(never)]
fn raise(mut value: f64, exponent: i32, power: Option<i32>) -> f64 {
    if exponent != 0 {
        value *= 10f64.powi(exponent);
    }
    if let Some(p) = power {
        value = value.powi(p);
    }
    value
}

/// True when the digits ending at `i` touch a letter of another script or with an
/// accent (`5ème`): a word, not a number.
#[cold]
#[inline(never)]
fn glued_to_letter(text: &str, i: usize) -> bool {
    !boundary_after(text, i) && text[i..].chars().next().is_some_and(char::is_alphabetic)
}

/// Multiplies a number by its magnitude and remembers it.
fn scale(num: &mut Num, m: f64) {
    num.value *= m;
    num.magnitude = Some(num.magnitude.map_or(m, |x| x * m));
    num.four_digits = false;
}

/// Applies the magnitude words after a number: `1.2 million`, `322 hundred`,
/// `three lakh crore` (each larger magnitude multiplies what came before).
#[inline]
pub(crate) fn spaced_magnitudes(text: &str, num: &mut Num, lex: &Lexicon) {
    spaced_magnitudes_at(text, num, skip_spaces(text.as_bytes(), num.end), lex);
}

/// [`spaced_magnitudes`] where the caller knows `next`, the end of the spaces after
/// the number.
#[inline]
fn spaced_magnitudes_at(text: &str, num: &mut Num, next: usize, lex: &Lexicon) {
    // Most words after a number begin with two letters no magnitude does (`people`,
    // `to`): those are turned away here, without a call.
    if lex.may_scale_at(text.as_bytes(), next) {
        magnitude_words(text, num, lex);
    }
}

/// [`spaced_magnitudes`] after its first byte test.
#[inline(never)]
fn magnitude_words(text: &str, num: &mut Num, lex: &Lexicon) {
    let b = text.as_bytes();
    let mut last = 1.0;
    let may_scale = |at| lex.may_scale_at(b, skip_spaces(b, at));
    while let Some((s, e)) = may_scale(num.end)
        .then(|| word_after(text, num.end))
        .flatten()
    {
        let m = match lex.classify(&text.as_bytes()[s..e]) {
            Some(Word::Big(m)) => m,
            Some(Word::Hundred) if last == 1.0 => 100.0,
            Some(Word::Dozen) | Some(Word::Many(12.0)) if last == 1.0 => 12.0,
            _ => match SPACED_MAGNITUDES
                .iter()
                .find(|(w, _)| word_is(text, (s, e), w))
            {
                Some(&(_, m)) if last == 1.0 => m,
                _ => break,
            },
        };
        if m <= last || num.ordinal {
            break;
        }
        scale(num, m);
        num.end = e;
        last = m;
    }
}

/// The separator of a thousands group at `i`: a comma, a space, or a no-break or
/// thin space. Returns its length in bytes.
fn group_separator(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i..)? {
        [b',', ..] | [b' ', ..] => Some(1),
        [0xC2, 0xA0, ..] => Some(2), // U+00A0 no-break space
        [0xE2, 0x80, 0xAF, ..] | [0xE2, 0x80, 0x89, ..] => Some(3), // narrow nbsp, thin space
        _ => None,
    }
}

/// The end of the token around a digit run: digits and the punctuation that glues
/// identifiers, dates and phone numbers together (`192.168.1.2`, `+1-222-2222/2222`).
fn token_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len()
        && (b[i].is_ascii_alphanumeric()
            || (matches!(b[i], b'.' | b',' | b'-' | b'/' | b':' | b'+')
                && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)))
    {
        i += 1;
    }
    i
}

fn token_digits_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// True when `-digits-digits` follows `i` (a phone number or a date, not a range).
fn three_groups(b: &[u8], i: usize) -> bool {
    let j = token_digits_end(b, i + 1);
    j > i + 1 && b.get(j) == Some(&b'-') && b.get(j + 1).is_some_and(u8::is_ascii_digit)
}

/// A proper fraction `n/d` with `n` at `num_start..slash`: common denominators only,
/// so that dates (9/11) and rates (24/7) stay out.
fn slash_fraction(text: &str, num_start: usize, slash: usize) -> Option<(f64, usize)> {
    const DENOMINATORS: &[u32] = &[2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100];
    let b = text.as_bytes();
    if b.get(slash) != Some(&b'/') {
        return None;
    }
    let n: u32 = text.get(num_start..slash)?.parse().ok()?;
    let de = token_digits_end(b, slash + 1);
    let d: u32 = text.get(slash + 1..de)?.parse().ok()?;
    let ok =
        n < d && DENOMINATORS.contains(&d) && boundary_after(text, de) && b.get(de) != Some(&b'/');
    ok.then(|| (f64::from(n) / f64::from(d), de))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantities::spelled::words;

    /// The byte tests after a digit run decide as the general tests they replace:
    /// letters glued to it begin with an ASCII letter, and only a non-ASCII char can
    /// glue it to a letter of another script.
    #[test]
    fn byte_after_digits_decides_as_the_general_tests() {
        let others = [
            '\u{e9}', '\u{a0}', '\u{20ac}', '\u{672c}', '\u{2013}', '\u{416}',
        ];
        for c in (0..128u8).map(char::from).chain(others) {
            for tail in ["", "a", " ", "5"] {
                let text = format!("12{c}{tail}");
                let b = text.as_bytes();
                let i = 2;
                let letters = super::super::lex::letters_end(b, i) > i;
                assert_eq!(b[i].is_ascii_alphabetic(), letters, "{text:?}");
                let general = !boundary_after(&text, i)
                    && b[i] != b'%'
                    && text[i..].chars().next().is_some_and(char::is_alphabetic);
                let shortcut = !b[i].is_ascii() && glued_to_letter(&text, i);
                assert_eq!(letters || general, letters || shortcut, "{text:?}");
            }
        }
    }

    fn parse(text: &str) -> Option<(f64, String, bool)> {
        let lex = Lexicon::new();
        let n = if text.as_bytes()[0].is_ascii_alphabetic() {
            words(text, 0, &lex)?
        } else {
            digits(text, 0, &lex).ok()?
        };
        Some((n.value, text[n.start..n.end].to_string(), n.ordinal))
    }

    macro_rules! number_cases {
        ($($name:ident: $text:expr => $value:expr, $span:expr;)*) => {
            #[test]
            fn number_cases() {
                let mut failed = Vec::new();
                $(
                    let got = parse($text);
                    let want: Option<(f64, &str)> = $value.map(|v: f64| (v, $span));
                    let ok = match (&got, want) {
                        (Some((v, s, _)), Some((wv, ws))) => (v - wv).abs() <= 1e-9 * wv.abs().max(1.0) && s == ws,
                        (None, None) => true,
                        _ => false,
                    };
                    if !ok {
                        failed.push(format!("{}: got {:?}, want {:?}", stringify!($name), got, want));
                    }
                )*
                assert!(failed.is_empty(), "{}", failed.join("\n"));
            }
        };
    }

    /// Numbers past the one-pass value are read by `str::parse` from their digits,
    /// separators left out, the first 64 bytes kept.
    #[test]
    fn long_numbers_parse_their_digits() {
        let lex = Lexicon::new();
        let sixty_nine = "9".repeat(69);
        let cases = [
            ("1234567890123456789 x", "1234567890123456789"),
            ("1,234,567,890,123,456 x", "1234567890123456"),
            ("123,456.7890123456789 x", "123456.7890123456789"),
            ("0.00000000000000001 x", "0.00000000000000001"),
            (sixty_nine.as_str(), &sixty_nine[..64]),
        ];
        for (text, digits_of) in cases {
            let want: f64 = digits_of.parse().unwrap();
            let got = digits(text, 0, &lex).map(|n| n.value);
            assert_eq!(got, Ok(want), "{text:?}");
        }
    }

    number_cases! {
        plain:          "155 Chinese"            => Some(155.0), "155";
        commas:         "1,200 troops"           => Some(1200.0), "1,200";
        decimal:        "3.5 points"             => Some(3.5), "3.5";
        leading_dot:    ".08"                    => Some(0.08), ".08";
        million:        "1.2 million people"     => Some(1.2e6), "1.2 million";
        suffix_k:       "10k runners"            => Some(1e4), "10k";
        suffix_bn:      "5bn"                    => Some(5e9), "5bn";
        spaced_group:   "40 000 is"              => Some(4e4), "40 000";
        nbsp_group:     "1\u{202f}234\u{202f}567.89" => Some(1234567.89), "1\u{202f}234\u{202f}567.89";
        ordinal:        "3rd place"              => Some(3.0), "3rd";
        negative:       "-9.25 degrees"          => Some(-9.25), "-9.25";
        scientific:     "1.3e6"                  => Some(1.3e6), "1.3e6";
        slash:          "3/4 of"                 => Some(0.75), "3/4";
        mixed:          "2  1/4"                 => Some(2.25), "2  1/4";
        lakh_crore:     "13 lakh crore"          => Some(1.3e13), "13 lakh crore";
        dozens:         "3 dozens"               => Some(36.0), "3 dozens";
        ip:             "192.168.1.2"            => None::<f64>, "";
        time:           "10:30 am"               => None::<f64>, "";
        date_slash:     "5/17/2018"              => None::<f64>, "";
        phone:          "555-123-4567"           => None::<f64>, "";
        measure:        "180ml"                  => None::<f64>, "";
        decade:         "1990s"                  => None::<f64>, "";
        two:            "two Chinese"            => Some(2.0), "two";
        ten_thousand:   "ten thousand North"     => Some(1e4), "ten thousand";
        hyphenated:     "twenty-one years"       => Some(21.0), "twenty-one";
        spaced_hyphen:  "fifty - two"            => Some(52.0), "fifty - two";
        and_hundred:    "one hundred and sixty-one" => Some(161.0), "one hundred and sixty-one";
        a_dozen:        "a dozen eggs"           => Some(12.0), "a dozen";
        half_dozen:     "half a dozen"           => Some(6.0), "half a dozen";
        two_hundred_two_dozens: "three hundred and two dozens" => Some(324.0), "three hundred and two dozens";
        big_chain:      "twenty-one trillion and three hundred" => Some(21e12 + 300.0), "twenty-one trillion and three hundred";
        thousands_of:   "thousands of people"    => Some(1e3), "thousands";
        tens_of_thousands: "tens of thousands of" => Some(1e4), "tens of thousands";
        two_thirds:     "two thirds"             => Some(2.0 / 3.0), "two thirds";
        a_fifth:        "a fifth"                => Some(0.2), "a fifth";
        a_third_of:     "a third of voters"      => Some(1.0 / 3.0), "a third";
        one_and_a_half: "one and a half"         => Some(1.5), "one and a half";
        twenty_and_3_5: "twenty and three fifths" => Some(20.6), "twenty and three fifths";
        one_over_three: "one over three"         => Some(1.0 / 3.0), "one over three";
        out_of:         "one out of three"       => Some(1.0 / 3.0), "one out of three";
        point:          "two hundred point zero three" => Some(200.03), "two hundred point zero three";
        minus:          "minus five point five"  => Some(-5.5), "minus five point five";
        first:          "first time"             => Some(1.0), "first";
        twenty_first:   "twenty-first century"   => Some(21.0), "twenty-first";
        a_hundred_k:    "a hundred thousand trillionths" => Some(1e-7), "a hundred thousand trillionths";
        a_million:      "a million dollars"      => Some(1e6), "a million";
        three_nought:   "three-nought-four"      => Some(3.0), "three";
        article_alone:  "a day"                  => None::<f64>, "";
        second_time:    "one second"             => Some(1.0), "one";
        and_a_half_m:   "two and a half million" => Some(2.5e6), "two and a half million";
        quarter_m:      "a quarter million"      => Some(2.5e5), "a quarter million";
        half_million:   "half million"           => Some(5e5), "half million";
        quarters_bn:    "three quarters billion" => Some(7.5e8), "three quarters billion";
        quarter_alone:  "quarter"                => None::<f64>, "";
    }
}
