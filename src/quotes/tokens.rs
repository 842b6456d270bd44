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

/// Appends the tokens of `text[range]` to `out` (cleared first). The range must lie on
/// char boundaries.
pub(super) fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    out.clear();
    let base = range.start;
    let s = &text[range];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                } else if joins(d) {
                    let next = s[j + d.len_utf8()..].chars().next();
                    // A comma joins digits only (30,000), never words.
                    let ok = match next {
                        Some(n) if d == ',' => n.is_ascii_digit() && c.is_ascii_digit(),
                        Some(n) => n.is_alphanumeric(),
                        None => false,
                    };
                    if !ok {
                        break;
                    }
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Tok {
                start: base + i,
                end: base + end,
                first: c,
                word: true,
            });
        } else {
            out.push(Tok {
                start: base + i,
                end: base + i + c.len_utf8(),
                first: c,
                word: false,
            });
        }
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
