//! wirex turns news wire copy into structured JSON: sentences, people, places,
//! organizations, nationalities, attributed quotes with their speakers, and money,
//! percent and number mentions with normalized values.
//!
//! It is a rule system: gazetteers matched in one pass over the words of the text, and
//! regular-expression and hand-written rules. No model, no network, the same answer every time.
//!
//! ```
//! let pipeline = wirex::Pipeline::new(); // build once, share across threads
//! let doc = pipeline.extract("KYIV, April 9 (Reuters) - Talks went on.");
//! println!("{}", serde_json::to_string_pretty(&doc).unwrap());
//! ```
//!
//! The stages run in order, each a module with one job: `input → layout → sentences →
//! gazetteer → entities → quotes → quantities → output`. One step runs out of that
//! order: the entity stage's tokenizer reads the sentences before the gazetteer, which
//! takes from it the words to look up, so that each word is read once for both.

mod calendar;
mod document;
mod entities;
mod error;
mod gazetteer;
mod hash;
mod input;
mod layout;
mod output;
mod phf;
mod pipeline;
mod quantities;
mod quotes;
mod sentences;
mod simd16;
mod swar;

pub use document::*;
pub use error::Error;
pub use input::InputOptions;
pub use output::{write_json_line, write_json_pretty, ErrorBody, ErrorRecord};
#[doc(hidden)]
pub use pipeline::StageTimes;
pub use pipeline::{Pipeline, PipelineBuilder};
