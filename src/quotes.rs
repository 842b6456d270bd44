//! Direct, indirect and mixed quotes, attributed to their speakers.

use crate::document::Quote;
use crate::entities::Entities;
use crate::pipeline::Context;

/// Quote rules, compiled once per pipeline.
#[derive(Debug)]
pub(crate) struct Attributor {}

impl Attributor {
    pub fn new() -> Attributor {
        Attributor {}
    }

    pub fn extract(&self, cx: &Context<'_>, entities: &Entities) -> Vec<Quote> {
        // TODO(quotes): not built yet; returns nothing rather than invented data.
        let _ = (cx, entities);
        Vec::new()
    }
}
