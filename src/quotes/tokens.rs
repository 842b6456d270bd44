//! Words and punctuation of a stretch of text, with byte offsets: just enough
//! structure for the attribution frames, computed only around quotes and cues.

use std::ops::Range;

/// A word or a punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    /// The first character, for punctuation tests and capitalization.
    pub first: char,
    pub word: bool,
}

impl Tok {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    pub fn capitalized(&self) -> bool {
        self.word && self.first.is_uppercase()
    }

    pub fn is_punct(&self, c: char) -> bool {
        !self.word && self.first == c
    }
}

/// Characters inside a word when a letter or digit follows: `China’s`, `dual-use`,
/// `U.S`, `30,000`, `AT&T`.
fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | ',' | '‑')
}

/// The char at byte `i` (a char boundary) and its length, with an ASCII fast path.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// ASCII bytes by class: 0 other (punctuation), 1 space, 2 letter or digit.
const ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphanumeric() {
            2
        } else if b.is_ascii_whitespace() || b == 0x0B {
            1
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Appends the tokens of `text[range]` to `out`. The range must lie on char
/// boundaries. One pass over the bytes; ASCII needs no decoding.
pub(super) fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    let end = range.end;
    let bytes = text.as_bytes();
    let mut i = range.start;
    while i < end {
        // ASCII fast path: skip spaces and run over plain word bytes.
        let b = bytes[i];
        if b < 0x80 {
            match ASCII[b as usize] {
                1 => {
                    i += 1;
                    continue;
                }
                0 => {
                    out.push(Tok {
                        start: i,
                        end: i + 1,
                        first: b as char,
                        word: false,
                    });
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        let (c, len) = char_at(text, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !is_word_char(c) {
            out.push(Tok {
                start: i,
                end: i + len,
                first: c,
                word: false,
            });
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < end {
            let b = bytes[i];
            if b < 0x80 && ASCII[b as usize] == 2 {
                i += 1;
                continue;
            }
            let (d, dl) = char_at(text, i);
            if is_word_char(d) {
                i += dl;
                continue;
            }
            if !joins(d) || i + dl >= end {
                break;
            }
            let (n, _) = char_at(text, i + dl);
            // A comma joins digits only (30,000), never words.
            let ok = if d == ',' {
                n.is_ascii_digit() && c.is_ascii_digit()
            } else {
                is_word_char(n)
            };
            if !ok {
                break;
            }
            i += dl;
        }
        out.push(Tok {
            start,
            end: i,
            first: c,
            word: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_apostrophes_hyphens_and_digit_groups() {
        let text = "Mr. O’Neil’s dual-use, 30,000 “rubles” said.";
        let mut toks = Vec::new();
        tokenize(text, 0..text.len(), &mut toks);
        let got: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(
            got,
            [
                "Mr",
                ".",
                "O’Neil’s",
                "dual-use",
                ",",
                "30,000",
                "“",
                "rubles",
                "”",
                "said",
                "."
            ]
        );
        assert!(toks[2].capitalized());
        assert!(toks[4].is_punct(','));
    }
}
