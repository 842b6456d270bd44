//! Sentence boundaries for news text.

use crate::document::{Paragraph, Sentence};

/// Splits paragraphs into sentences. Built once per pipeline.
#[derive(Debug)]
pub(crate) struct Splitter {}

impl Splitter {
    pub fn new() -> Splitter {
        Splitter {}
    }

    /// Sentences of every paragraph, in order; byte offsets.
    pub fn split(&self, text: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
        // TODO(foundation): abbreviations, initials, decimals, quotes around the stop.
        let _ = text;
        paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| Sentence {
                start: p.start,
                end: p.end,
                kind: p.kind,
                paragraph: i,
            })
            .collect()
    }
}
