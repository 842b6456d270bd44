//! Wire-copy structure: dateline, paragraphs, subheadings, sign-off, slug, trailer.

use crate::document::{BlockKind, Dateline, Paragraph};

/// What the layout stage finds. All offsets are bytes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    /// The dateline, with `place.canonical` left empty (the entities stage knows it).
    pub dateline: Option<Dateline>,
    /// Paragraph-level blocks in text order, never overlapping; blank lines belong to
    /// none.
    pub paragraphs: Vec<Paragraph>,
}

/// Finds the layout of a story. Built once per pipeline.
#[derive(Debug)]
pub(crate) struct LayoutParser {}

impl LayoutParser {
    pub fn new() -> LayoutParser {
        LayoutParser {}
    }

    pub fn parse(&self, text: &str) -> Layout {
        // TODO(foundation): dateline, headings, sign-off, slug, trailer.
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            if !body.trim().is_empty() {
                paragraphs.push(Paragraph {
                    start,
                    end: start + body.len(),
                    kind: BlockKind::Body,
                });
            }
            start += line.len();
        }
        Layout {
            dateline: None,
            paragraphs,
        }
    }
}
