//! Wire-copy structure: dateline, paragraphs, subheadings, sign-off, slug, trailer.
//!
//! Wire copy puts one paragraph on a line, so every non-blank line is a paragraph
//! (`\r\n`, `\r` and `\n` all end a line). Then, in this order:
//! 1. the blocks after the story are read from the bottom up (slugs, credit lines, a
//!    sign-off alone on its line), and a sign-off or credit glued to the end of the
//!    last paragraph (`... against Ukraine. EFE`) is split into its own block;
//! 2. the dateline is looked for at the start of the first paragraphs, past a headline;
//! 3. short lines without final punctuation that stand above story text are headings.

mod agencies;
mod dateline;
mod trailing;

use std::ops::Range;

use crate::document::{BlockKind, Dateline, Paragraph};
use crate::swar::{self, HIGH};
use dateline::DatelineParser;
use trailing::TrailingParser;

/// What the layout stage finds. All offsets are bytes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    /// The dateline, with `place.canonical` left empty (the entities stage knows it).
    pub dateline: Option<Dateline>,
    /// Paragraph-level blocks in text order, never overlapping; blank lines belong to
    /// none.
    pub paragraphs: Vec<Paragraph>,
}

/// How many paragraphs from the top may hold the dateline (a headline and a byline may
/// come first).
const DATELINE_WITHIN: usize = 4;

/// Most paragraphs reserved before the lines are read (a story has tens).
const MAX_PARAGRAPHS_RESERVED: usize = 4096;

/// A heading is a short line: at most this many bytes and words.
const HEADING_MAX_BYTES: usize = 160;
const HEADING_MAX_WORDS: usize = 20;

/// A line ending in one of these is a sentence, not a heading (also inside a closing
/// quote or bracket: `... he said “no.”`).
const FINAL_PUNCTUATION: &[char] = &['.', '?', '!', ':', ';', ',', '…'];
const CLOSING_MARKS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

/// A line with a quoted sentence in it is a pull quote or a lead, not a heading:
/// `"So far, it's the Internet: 1. But it's a long game." - Matthew Ingram`.
const QUOTED_STOPS: &[&str] = &[".\"", ".”", "?\"", "?”", "!\"", "!”"];

/// A line starting with one of these is a list item, not a heading.
const LIST_BULLETS: &[char] = &['-', '*', '•', '–', '—', '·', '▪', '◦', '‣', '⁃'];

/// Finds the layout of a story. Built once per pipeline.
#[derive(Debug)]
pub(crate) struct LayoutParser {
    dateline: DatelineParser,
    trailing: TrailingParser,
}

impl LayoutParser {
    pub fn new() -> LayoutParser {
        LayoutParser {
            dateline: DatelineParser::new(),
            trailing: TrailingParser::new(),
        }
    }

    pub fn parse(&self, text: &str) -> Layout {
        // Room for a paragraph every 128 bytes (wire paragraphs run to a few hundred),
        // so that the vector seldom grows; capped, so that a huge text of few lines
        // does not reserve memory it will not use.
        let room = (text.len() / 128 + 4).min(MAX_PARAGRAPHS_RESERVED);
        let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(room);
        paragraphs.extend(
            lines(text)
                .filter_map(|line| trim(text, line))
                .map(|r| Paragraph {
                    start: r.start,
                    end: r.end,
                    kind: BlockKind::Body,
                }),
        );
        let story_end = self.mark_trailing(text, &mut paragraphs);

        let mut dateline = None;
        let mut dateline_para = None;
        // The shapes of the top lines, read while looking for the dateline and asked
        // again below: headlines are the lines whose shape costs a walk over words.
        let mut top_shapes = [None; DATELINE_WITHIN];
        for (i, p) in paragraphs[..story_end]
            .iter()
            .enumerate()
            .take(DATELINE_WITHIN)
        {
            let para = &text[p.start..p.end];
            if let Some(d) = self.dateline.parse(para, p.start) {
                dateline = Some(d);
                dateline_para = Some(i);
                break;
            }
            let shaped = is_heading_shaped(para);
            top_shapes[i] = Some(shaped);
            if !shaped {
                break;
            }
        }
        let heading_shaped = |i: usize, line: &str| {
            top_shapes
                .get(i)
                .copied()
                .flatten()
                .unwrap_or_else(|| is_heading_shaped(line))
        };

        // A heading stands above story text; a story of one line is all story.
        let last_body = (0..story_end).rev().find(|&i| {
            Some(i) != dateline_para
                && !heading_shaped(i, &text[paragraphs[i].start..paragraphs[i].end])
        });
        // Lines after one that ends in a colon are the items it announces.
        if let Some(last_body) = last_body {
            let mut after_colon = false;
            for (i, p) in paragraphs[..last_body].iter_mut().enumerate() {
                let line = &text[p.start..p.end];
                if Some(i) != dateline_para && !after_colon && heading_shaped(i, line) {
                    p.kind = BlockKind::Heading;
                }
                after_colon = line.ends_with(':')
                    || (after_colon
                        && p.kind == BlockKind::Body
                        && !line.ends_with(FINAL_PUNCTUATION));
            }
        }
        Layout {
            dateline,
            paragraphs,
        }
    }

    /// Marks the blocks after the story, splitting them off the last paragraph when
    /// glued to it. Returns how many paragraphs the story has before them.
    fn mark_trailing(&self, text: &str, paragraphs: &mut Vec<Paragraph>) -> usize {
        let mut story_end = paragraphs.len();
        let mut tail: Vec<Paragraph> = Vec::new();
        // From the bottom up; the first paragraph is always story.
        while story_end > 1 {
            let p = &paragraphs[story_end - 1];
            let Some(blocks) = self.trailing.line(&text[p.start..p.end]) else {
                break;
            };
            let start = p.start;
            for (r, kind) in blocks.into_iter().rev() {
                tail.push(Paragraph {
                    start: start + r.start,
                    end: start + r.end,
                    kind,
                });
            }
            story_end -= 1;
        }
        paragraphs.truncate(story_end);
        if let Some(last) = paragraphs.last_mut() {
            if let Some((end, blocks)) = self.trailing.tail(&text[last.start..last.end]) {
                let start = last.start;
                last.end = start + end;
                paragraphs.extend(blocks.into_iter().map(|(r, kind)| Paragraph {
                    start: start + r.start,
                    end: start + r.end,
                    kind,
                }));
            }
        }
        let story_end = paragraphs.len()
            - paragraphs
                .iter()
                .rev()
                .take_while(|p| p.kind != BlockKind::Body)
                .count();
        paragraphs.extend(tail.into_iter().rev());
        story_end
    }
}

/// A short line without final punctuation that starts with a capital (or a digit or
/// a mark before one): the shape of a headline or a subheading.
///
/// Every test must pass, so the cheap ones come first: most lines are story text,
/// too long for a heading or ending in a stop, and are ruled out without a walk over
/// their words.
fn is_heading_shaped(line: &str) -> bool {
    if line.len() > HEADING_MAX_BYTES || ends_with_one_of(line, FINAL_PUNCTUATION) {
        return false;
    }
    let bare = if ends_with_one_of(line, CLOSING_MARKS) {
        line.trim_end_matches(CLOSING_MARKS)
    } else {
        line
    };
    if ends_with_one_of(bare, FINAL_PUNCTUATION) || line.starts_with(LIST_BULLETS) {
        return false;
    }
    let Some(first) = line.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    !first.is_lowercase() && !has_quoted_stop(line) && !has_more_words(line, HEADING_MAX_WORDS)
}

/// Whether `line` has more than `limit` words (runs of non-white-space), as
/// `split_whitespace` counts them; ASCII is counted eight bytes at a time, not decoded,
/// and the count stops once past `limit`.
fn has_more_words(line: &str, limit: usize) -> bool {
    let b = line.as_bytes();
    // Words and the white space between them take a byte each at least.
    if b.len() <= 2 * limit {
        return false;
    }
    // Beyond ASCII, only a white space character splits words differently from the
    // bytes counted below (which take every non-ASCII byte for a letter); curly quotes
    // and dashes do not.
    if has_unicode_space(b) {
        return line.split_whitespace().count() > limit;
    }
    // A word starts at a non-space byte that is first or follows a space. The high
    // bit of each byte of `before` says whether the byte before it is a space; the
    // byte before the line counts as one.
    let mut words = 0;
    let mut last_spaces = HIGH;
    let mut i = 0;
    while let Some(x) = swar::load(b, i) {
        let spaces = ascii_spaces(x);
        let before = spaces << 8 | last_spaces >> 56;
        words += swar::count(!spaces & before & HIGH);
        if words > limit {
            return true;
        }
        last_spaces = spaces;
        i += 8;
    }
    let mut after_space = i == 0 || is_ascii_space(b[i - 1]);
    for &c in &b[i..] {
        let space = is_ascii_space(c);
        words += usize::from(after_space & !space);
        after_space = space;
    }
    words > limit
}

/// Whether `b` holds a white space character beyond ASCII (U+0085, U+00A0, U+1680,
/// U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). ASCII is passed over
/// eight bytes at a time.
fn has_unicode_space(b: &[u8]) -> bool {
    let space_at = |k: usize| match b[k] {
        0xC2 => matches!(b.get(k + 1), Some(0x85 | 0xA0)),
        0xE1 => b.get(k + 1..k + 3) == Some(&[0x9A, 0x80]),
        0xE2 => matches!(
            b.get(k + 1..k + 3),
            Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F])
        ),
        0xE3 => b.get(k + 1..k + 3) == Some(&[0x80, 0x80]),
        _ => false,
    };
    let mut i = 0;
    while let Some(x) = swar::load(b, i) {
        // Each byte beyond ASCII in the block, lead or not.
        let mut high = x & HIGH;
        while high != 0 {
            if space_at(i + swar::first(high)) {
                return true;
            }
            high &= high - 1;
        }
        i += 8;
    }
    (i..b.len()).any(space_at)
}

/// `char::is_whitespace` for an ASCII byte.
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b'\t'..=b'\r' | b' ')
}

/// The bytes of `x` that [`is_ascii_space`] holds for.
fn ascii_spaces(x: u64) -> u64 {
    swar::in_range(x, b'\t', b'\r') | swar::in_range(x, b' ', b' ')
}

/// `s.ends_with(set)`, with an ASCII last byte decided without decoding a char.
fn ends_with_one_of(s: &str, set: &[char]) -> bool {
    match s.as_bytes().last() {
        None => false,
        Some(&b) if b.is_ascii() => set.contains(&char::from(b)),
        Some(_) => s.ends_with(set),
    }
}

/// Whether one of [`QUOTED_STOPS`] is in `line`: one pass over its stops instead of a
/// search per pattern.
fn has_quoted_stop(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr3_iter(b'.', b'?', b'!', b).any(|i| {
        let rest = &line[i + 1..];
        QUOTED_STOPS
            .iter()
            .any(|q| q.as_bytes()[0] == b[i] && rest.starts_with(&q[1..]))
    })
}

/// Byte ranges of the lines of `text`, line ends (`\r\n`, `\r`, `\n`) excluded.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start > bytes.len() || (start == bytes.len() && start > 0) {
            return None;
        }
        let line_start = start;
        match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(i) => {
                let end = start + i;
                start = end + 1;
                if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                    start += 1;
                }
                Some(line_start..end)
            }
            None => {
                start = bytes.len() + 1;
                Some(line_start..bytes.len())
            }
        }
    })
}

/// `range` of `text` without surrounding white space, or `None` when blank.
fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    // Most lines start and end with ASCII other than white space: nothing to trim,
    // nothing to decode.
    let solid = |b: &u8| b.is_ascii() && !is_ascii_space(*b);
    let bytes = &text.as_bytes()[range.clone()];
    if bytes.first().is_some_and(solid) && bytes.last().is_some_and(solid) {
        return Some(range);
    }
    let s = &text[range.clone()];
    let t = s.trim_start();
    let start = range.start + (s.len() - t.len());
    let t = t.trim_end();
    (!t.is_empty()).then(|| start..start + t.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(&str, BlockKind)> {
        LayoutParser::new()
            .parse(text)
            .paragraphs
            .iter()
            .map(|p| (&text[p.start..p.end], p.kind))
            .collect()
    }

    #[test]
    fn every_line_end_ends_a_line() {
        let text = "a\r\nb\rc\n\nd";
        let got: Vec<_> = lines(text).map(|r| &text[r]).collect();
        assert_eq!(got, ["a", "b", "c", "", "d"]);
        assert_eq!(lines("").count(), 1);
        assert_eq!(lines("x\n").map(|r| r.len()).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn paragraphs_are_trimmed_non_blank_lines() {
        use BlockKind::Body;
        let got = blocks("  One line.  \r\n \t \r\nTwo lines.\rThree.\n");
        assert_eq!(
            got,
            [("One line.", Body), ("Two lines.", Body), ("Three.", Body)]
        );
        assert!(blocks("").is_empty());
        assert!(blocks("\n\r\n  ").is_empty());
    }

    #[test]
    fn heading_shapes() {
        #[rustfmt::skip]
        let cases = [
            ("Going to war for Russian citizenship", true),
            ("US denounces Chinese aid to Russia", true),
            ("Biden calls it “a disgrace”", true),
            ("2025 in review", true),
            ("“We will win.” - Volodymyr Zelenskyy", false),
            ("He said it was over.", false),
            ("What happens next?", false),
            ("The key points:", false),
            ("He said: “We will win.”", false),
            ("lowercase start of a broken line", false),
            ("", false),
            ("—", false),
            ("A very long line that goes on and on with many words so that it cannot be a heading at all in any story", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_heading_shaped(line), want, "{line:?}");
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for line in [
            "",
            " ",
            "a",
            " a  b\t\x0Bc\r\n",
            "a\u{A0}b c",
            "x\u{1C}y z",
            "é é é",
            // Eight bytes at a time: words across blocks, spaces at block edges.
            "Ukraine captures two Chinese fighters",
            "abcdefg hijklmno pqrstuvw xyz",
            "abcdefgh ijklmnop",
            "       a        b       c",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "\t\tone\x0Btwo\x0Cthree\rfour\nfive six seven eight",
            // Beyond ASCII: white space of every length, and look-alikes that are not.
            "“Quoted” words – and dashes — and more … words here and there and on",
            "a\u{85}b\u{A0}c\u{1680}d\u{2000}e\u{200A}f\u{2028}g\u{2029}h\u{202F}i\u{205F}j\u{3000}k",
            "a\u{200B}b\u{2060}c\u{180E}d\u{FEFF}e\u{2010}f\u{201C}g\u{3001}h\u{00A9}i x y z w",
            "\u{3000}\u{3000}a b c d e f g h i j k l m n o p q r s t u v w\u{A0}x",
            "abcdefg\u{A0}hijklmno\u{2028}pqrstuvw xyz a b c d e f g h i j k l m n o p",
        ] {
            let n = line.split_whitespace().count();
            for limit in 0..30 {
                assert_eq!(has_more_words(line, limit), n > limit, "{line:?} {limit}");
            }
        }
    }

    #[test]
    fn unicode_spaces_are_found_in_any_position() {
        let spaces: Vec<char> = ('\u{80}'..='\u{FFFF}')
            .filter(|c| c.is_whitespace())
            .collect();
        for c in ('\u{80}'..='\u{FFFF}')
            .step_by(7)
            .chain(spaces.iter().copied())
        {
            for pad in 0..10 {
                let line = format!("{}{c}{}", "a".repeat(pad), "b".repeat(pad % 3));
                assert_eq!(
                    has_unicode_space(line.as_bytes()),
                    c.is_whitespace(),
                    "{c:?} {pad}"
                );
            }
        }
    }

    #[test]
    fn lines_trim_as_str_trim_does() {
        let text = " a \u{A0}b\u{A0} c é ”x” \t";
        for start in 0..=text.len() {
            for end in start..=text.len() {
                if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                    continue;
                }
                let want = text[start..end].trim();
                let got = trim(text, start..end).map_or("", |r| &text[r]);
                assert_eq!(got, want, "{start}..{end}");
            }
        }
    }

    #[test]
    fn headings_stand_above_story_text() {
        use BlockKind::{Body, Heading};
        let text = "Ukraine captures two Chinese fighters\n\nKYIV, April 9 (Reuters) - Talks went on.\nA subheading\nMore text here.\nA last short line";
        assert_eq!(
            blocks(text),
            [
                ("Ukraine captures two Chinese fighters", Heading),
                ("KYIV, April 9 (Reuters) - Talks went on.", Body),
                ("A subheading", Heading),
                ("More text here.", Body),
                ("A last short line", Body),
            ]
        );
        // List items are no headings, bulleted or announced by a colon.
        let text = "The measures include:\nHigher taxes on fuel\nA cap on prices\n- Free buses\nThe plan goes to parliament.";
        assert!(
            blocks(text).iter().all(|(_, k)| *k == Body),
            "{:?}",
            blocks(text)
        );
        // One line is a story, not a headline.
        assert_eq!(blocks("Markets rally"), [("Markets rally", Body)]);
    }

    #[test]
    fn the_dateline_line_is_never_a_heading() {
        let text = "WASHINGTON (AP) —\nThe Senate voted.";
        let layout = LayoutParser::new().parse(text);
        assert_eq!(layout.paragraphs[0].kind, BlockKind::Body);
        assert_eq!(layout.dateline.unwrap().text, "WASHINGTON (AP) —");
    }

    #[test]
    fn dateline_after_a_headline_only() {
        let parser = LayoutParser::new();
        let d = parser
            .parse("Talks fail\nKYIV, April 9 (Reuters) - Talks failed.")
            .dateline;
        assert_eq!(d.unwrap().start, 11);
        let none =
            parser.parse("Talks failed on Tuesday.\nKYIV, April 9 (Reuters) - Talks failed.");
        assert!(none.dateline.is_none());
    }

    #[test]
    fn blocks_after_the_story() {
        use BlockKind::{Body, Signoff, Slug, Trailer};
        let text = "KYIV, April 9 (Reuters) - Talks went on.\nThey ended late. EFE\nmg-gbm-er/mcd";
        assert_eq!(
            blocks(text),
            [
                ("KYIV, April 9 (Reuters) - Talks went on.", Body),
                ("They ended late.", Body),
                ("EFE", Signoff),
                ("mg-gbm-er/mcd", Slug),
            ]
        );
        let text = "WASHINGTON (AP) — A vote.\nIt passed.\n— AP\n(Reporting by A; Editing by B)\n© 2025 The Associated Press";
        assert_eq!(
            blocks(text),
            [
                ("WASHINGTON (AP) — A vote.", Body),
                ("It passed.", Body),
                ("AP", Signoff),
                ("(Reporting by A; Editing by B)", Trailer),
                ("© 2025 The Associated Press", Trailer),
            ]
        );
        // A short last line above a slug is story, not a heading.
        let got = blocks("First line here.\nThe end\njl/ss");
        assert_eq!(got[1], ("The end", Body));
        // A story of one line that looks like a sign-off stays a story.
        assert_eq!(blocks("EFE"), [("EFE", Body)]);
    }

    #[test]
    fn offsets_are_bytes_of_the_text() {
        let text = "Kiyv, Apr 9 (EFE) – Ünïcode text.\r\nMore. EFE";
        let layout = LayoutParser::new().parse(text);
        for p in &layout.paragraphs {
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        }
        let d = layout.dateline.unwrap();
        assert_eq!(&text[d.start..d.end], "Kiyv, Apr 9 (EFE) –");
        let place = d.place.unwrap();
        assert_eq!(&text[place.start..place.end], "Kiyv");
    }
}
