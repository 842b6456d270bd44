//! Tokens: a run of letters and digits is one token, any other non-space character
//! (`$`, `.`, `-`, `’`) is a token of its own. Aliases are cut the same way, so an
//! alias can only match whole tokens: "Russia" never fires inside "Russian", while
//! "U.S." (four tokens) matches in "U.S.-led".

use super::words::is_ascii_word;
use crate::swar::{alphanumeric, HIGH};

/// What the tokenizer makes of a byte: the ASCII classes are decided by table, a
/// non-ASCII byte starts a character that is decoded and classified.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Byte {
    Space,
    Word,
    Symbol,
    NonAscii,
}

pub(super) const BYTE_CLASS: [Byte; 256] = {
    let mut t = [Byte::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            Byte::Word
        } else if c.is_ascii_whitespace() || c < 0x20 || c == 0x7f {
            Byte::Space
        } else {
            Byte::Symbol
        };
        b += 1;
    }
    t
};

/// The class of the character starting at `pos` (a char boundary) and its length.
#[inline(always)]
fn class_at(text: &str, pos: usize) -> (Byte, usize) {
    match BYTE_CLASS[text.as_bytes()[pos] as usize] {
        Byte::NonAscii => non_ascii_class_at(text, pos),
        class => (class, 1),
    }
}

#[cold]
#[inline(never)]
fn non_ascii_class_at(text: &str, pos: usize) -> (Byte, usize) {
    match text[pos..].chars().next() {
        // Quotes, dashes and odd spaces, common in news, skip the Unicode tables.
        Some(c @ '\u{2000}'..='\u{206f}') => {
            let space = matches!(
                c,
                '\u{2000}'..='\u{200b}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}'
            );
            (if space { Byte::Space } else { Byte::Symbol }, 3)
        }
        Some('\u{a0}') => (Byte::Space, 2),
        Some(c) if c.is_alphanumeric() => (Byte::Word, c.len_utf8()),
        Some(c) if c.is_whitespace() => (Byte::Space, c.len_utf8()),
        Some(c) => (Byte::Symbol, c.len_utf8()),
        None => (Byte::Space, 1),
    }
}

/// The first token at or after byte `pos` (a char boundary): its byte range. Inlined
/// into the matching loop: a call per token costs more than finding most tokens.
#[inline(always)]
pub(super) fn next_token(text: &str, mut pos: usize) -> Option<(usize, usize)> {
    let len = text.len();
    while pos < len {
        let (class, n) = class_at(text, pos);
        match class {
            Byte::Space => pos += n,
            Byte::Symbol => return Some((pos, pos + n)),
            _ => return Some((pos, word_end(text, pos + n))),
        }
    }
    None
}

/// The end of the word whose characters run on from `pos`: ASCII letters and digits
/// eight at a time, so that the length of a word costs no mispredicted branch per
/// byte; a non-ASCII character decides by its class.
#[inline]
pub(super) fn word_end(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        match bytes.get(pos..pos + 8) {
            Some(chunk) => {
                let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let stop = !alphanumeric(w) & HIGH;
                if stop == 0 {
                    pos += 8;
                    continue;
                }
                pos += (stop.trailing_zeros() / 8) as usize;
            }
            // The last few bytes of the text.
            None => {
                while pos < bytes.len() && BYTE_CLASS[bytes[pos] as usize] == Byte::Word {
                    pos += 1;
                }
            }
        }
        // `pos` is at the end of the text, at an ASCII byte that ends the word, or at
        // a non-ASCII character, which decides by its class.
        if pos < bytes.len() && bytes[pos] >= 0x80 {
            let (class, n) = class_at(text, pos);
            if class == Byte::Word {
                pos += n;
                continue;
            }
        }
        return pos;
    }
}

/// True when the character starting at `pos` is a letter or digit.
pub(super) fn is_word_at(text: &str, pos: usize) -> bool {
    pos < text.len() && class_at(text, pos).0 == Byte::Word
}

/// The end of every token of `s` but the last (the token prefixes of an alias), and
/// the number of tokens.
pub(super) fn token_prefixes(s: &str, ends: &mut Vec<usize>) -> usize {
    ends.clear();
    // Most aliases are one word ("Kyiv", "Lavāsān"): one token, no prefix.
    if is_ascii_word(s.as_bytes()) {
        return 1;
    }
    let mut token = next_token(s, 0);
    if token == Some((0, s.len())) {
        return 1;
    }
    while let Some((_, end)) = token {
        ends.push(end);
        token = next_token(s, end);
    }
    let n = ends.len();
    ends.pop();
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_of_one_word_and_more() {
        // (alias, token prefix ends, tokens)
        let cases: &[(&str, &[usize], usize)] = &[
            ("", &[], 0),
            ("Kyiv", &[], 1),
            ("Lavāsān", &[], 1),
            ("$", &[], 1),
            (" Kyiv", &[], 1),
            ("Kyiv ", &[], 1),
            ("U.S.", &[1, 2, 3], 4),
            ("New York", &[3], 2),
            ("Shahrak-e Qods", &[7, 8, 9], 4),
        ];
        let mut ends = Vec::new();
        for &(alias, want, n) in cases {
            assert_eq!(token_prefixes(alias, &mut ends), n, "{alias:?}");
            assert_eq!(ends, want, "{alias:?}");
        }
    }

    #[test]
    fn tokens() {
        let text = "U.S.-led Kyiv’s  $5 Ærø";
        let mut pos = 0;
        let mut found = Vec::new();
        while let Some((s, e)) = next_token(text, pos) {
            found.push(&text[s..e]);
            pos = e;
        }
        assert_eq!(
            found,
            ["U", ".", "S", ".", "-", "led", "Kyiv", "’", "s", "$", "5", "Ærø"]
        );
    }
}
