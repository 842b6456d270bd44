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
mod headings;
mod lines;
mod trailing;

use crate::document::{BlockKind, Dateline, Paragraph};
use dateline::DatelineParser;
use headings::{is_heading_shaped, FINAL_PUNCTUATION};
use lines::LineEnds;
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

/// Finds the layout of a story. Built once per pipeline.
#[derive(Debug)]
pub(crate) struct LayoutParser {
    dateline: DatelineParser,
    trailing: TrailingParser,
    line_ends: LineEnds,
}

impl LayoutParser {
    pub fn new() -> LayoutParser {
        LayoutParser {
            dateline: DatelineParser::new(),
            trailing: TrailingParser::new(),
            line_ends: LineEnds::new(),
        }
    }

    pub fn parse(&self, text: &str) -> Layout {
        // Room for a paragraph every 128 bytes (wire paragraphs run to a few hundred),
        // so that the vector seldom grows; capped, so that a huge text of few lines
        // does not reserve memory it will not use.
        let room = (text.len() / 128 + 4).min(MAX_PARAGRAPHS_RESERVED);
        let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(room);
        paragraphs.extend(lines::paragraphs(text, &self.line_ends).map(|r| Paragraph {
            start: r.start,
            end: r.end,
            kind: BlockKind::Body,
        }));
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
