//! The lines of a TSV text and their tab-separated columns, in one pass.
//!
//! The embedded tables are 19 MB in 240k lines of six short columns. Looking for the
//! end of each line and then for each tab in it, every search a call of its own, was
//! most of the gazetteer's build time; one pass over each line, eight bytes at a
//! time, finds tabs and the newline alike. (`memchr2_iter` costs a call and a setup per
//! delimiter, and there is one every 13 bytes.)

use crate::swar::in_range;

/// The most columns a line keeps; further ones are counted, not kept.
pub(super) const MAX_COLUMNS: usize = 6;

/// One line of the text.
pub(super) struct Line<'t> {
    /// The line number, from 1.
    pub no: usize,
    /// The line without its `\n` and a `\r` before it.
    pub text: &'t str,
    /// The first [`MAX_COLUMNS`] columns; those past `count` are empty.
    pub cols: [&'t str; MAX_COLUMNS],
    /// How many columns the line has (one more than its tabs).
    pub count: usize,
}

/// The lines of `text` as `text.split('\n')` gives them, each split at its tabs.
pub(super) struct Lines<'t> {
    text: &'t str,
    /// Where the next line starts; past the text once the last line is out.
    start: usize,
    no: usize,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            start: 0,
            no: 0,
        }
    }
}

impl<'t> Iterator for Lines<'t> {
    type Item = Line<'t>;

    /// Inlined into its one caller, which reads the columns where they are.
    #[inline(always)]
    fn next(&mut self) -> Option<Line<'t>> {
        let (text, start) = (self.text, self.start);
        let bytes = text.as_bytes();
        if start > bytes.len() {
            return None;
        }
        let mut cols = [""; MAX_COLUMNS];
        let (mut count, mut col) = (0, start);
        // Eight bytes at a time from the line's start; the candidates are the bytes
        // below `0x0b`: the tabs and the newline, and the rare control characters
        // below them. Tabs and newlines are ASCII: every slice is at char boundaries.
        let mut chunks = bytes[start..].chunks_exact(8);
        let mut at = start;
        let end = 'line: loop {
            let (w, last) = match chunks.next() {
                Some(c) => (u64::from_le_bytes(c.try_into().unwrap_or_default()), false),
                None => (padded(chunks.remainder()), true),
            };
            let mut candidates = below_0b(w);
            while candidates != 0 {
                let i = at + (candidates.trailing_zeros() / 8) as usize;
                candidates &= candidates - 1;
                // Padding past the end is zero, a candidate found nowhere.
                match bytes.get(i) {
                    Some(b'\t') => {
                        if let Some(c) = cols.get_mut(count) {
                            *c = &text[col..i];
                        }
                        count += 1;
                        col = i + 1;
                    }
                    Some(b'\n') => break 'line i,
                    _ => {}
                }
            }
            if last {
                break bytes.len();
            }
            at += 8;
        };
        let raw = &text[start..end];
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        // A tab is never the `\r` stripped: the last column starts at most at the
        // line's end.
        let line_end = start + line.len();
        if let Some(c) = cols.get_mut(count) {
            *c = &text[col.min(line_end)..line_end];
        }
        self.start = end + 1;
        self.no += 1;
        Some(Line {
            no: self.no,
            text: line,
            cols,
            count: count + 1,
        })
    }
}

/// The high bit of each byte of `w` up to `\n` (tab and newline among them).
#[inline(always)]
fn below_0b(w: u64) -> u64 {
    in_range(w, 0, b'\n')
}

/// The last bytes of the text (fewer than eight) as a little-endian word, zero-padded.
fn padded(tail: &[u8]) -> u64 {
    let mut w = [0; 8];
    w[..tail.len()].copy_from_slice(tail);
    u64::from_le_bytes(w)
}

/// True when `line` is empty or white space only; most lines start with a visible
/// ASCII character and need no trimming.
pub(super) fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        Some(&b) if b.is_ascii_graphic() => false,
        _ => line.trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines and columns `split('\n')`, `strip_suffix('\r')` and `split('\t')`
    /// give.
    fn by_splitting(text: &str) -> Vec<(usize, &str, Vec<&str>, usize)> {
        text.split('\n')
            .enumerate()
            .map(|(i, line)| {
                let line = line.strip_suffix('\r').unwrap_or(line);
                let all: Vec<&str> = line.split('\t').collect();
                let mut cols: Vec<&str> = all.iter().copied().take(MAX_COLUMNS).collect();
                cols.resize(MAX_COLUMNS, "");
                (i + 1, line, cols, all.len())
            })
            .collect()
    }

    #[test]
    fn lines_agree_with_splitting() {
        let texts = [
            "",
            "\n",
            "a",
            "a\tb",
            "a\tb\n",
            "a\tb\r\nc\td\r\n",
            "a\t\r\n\t\r",
            "\r",
            "\r\r\n\t",
            "id\tcanonical\talias\ttype\textra\tsource\n1\tKyiv\tKyiv\tcity\t\t\n",
            "1\t2\t3\t4\t5\t6\t7\t8\n\n# note\tx\n  \n",
            "Київ\tКиїв\r\tx\n",
        ];
        for text in texts {
            let got: Vec<_> = Lines::new(text)
                .map(|l| (l.no, l.text, l.cols.to_vec(), l.count))
                .collect();
            assert_eq!(got, by_splitting(text), "{text:?}");
        }
    }

    #[test]
    fn bytes_below_0b() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let w = u64::from(b) << (8 * at) | 0x4141_4141_4141_4141 & !(0xff << (8 * at));
                let want = if b < 0x0b { 0x80 << (8 * at) } else { 0 };
                assert_eq!(below_0b(w), want, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn blank_lines() {
        for line in [
            "", " ", "\t", " \u{a0}", "\u{2003}", "x", " x", "#", "\u{a0}x",
        ] {
            assert_eq!(is_blank(line), line.trim().is_empty(), "{line:?}");
        }
    }
}
