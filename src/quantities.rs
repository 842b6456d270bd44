//! Money, percentages and numbers with normalized values and qualifiers.

use crate::document::Quantity;
use crate::entities::Entities;
use crate::pipeline::Context;

/// Quantity rules, compiled once per pipeline.
#[derive(Debug)]
pub(crate) struct Recognizer {}

impl Recognizer {
    pub fn new() -> Recognizer {
        Recognizer {}
    }

    pub fn extract(&self, cx: &Context<'_>, entities: &Entities) -> Vec<Quantity> {
        // TODO(quantities): not built yet; returns nothing rather than invented data.
        let _ = (cx, entities);
        Vec::new()
    }
}
