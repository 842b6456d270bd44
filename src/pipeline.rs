//! The pipeline: stages built once, run in order over each document.

use std::path::{Path, PathBuf};

use crate::document::{Document, OffsetUnit, SCHEMA};
use crate::gazetteer::{Gazetteer, Hit};
use crate::layout::{Layout, LayoutParser};
use crate::sentences::Splitter;
use crate::{document, entities, input, output, quantities, quotes, Error, InputOptions};

/// What the stages before a stage found, handed on to it. Byte offsets throughout.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub layout: &'a Layout,
    pub sentences: &'a [document::Sentence],
    pub gazetteer: &'a Gazetteer,
    pub hits: &'a [Hit],
}

/// Configures a [`Pipeline`].
///
/// ```
/// let pipeline = wirex::Pipeline::builder()
///     .offsets(wirex::OffsetUnit::Utf16)
///     .build()
///     .unwrap();
/// assert_eq!(pipeline.extract("Hello.").offsets, wirex::OffsetUnit::Utf16);
/// ```
#[derive(Clone, Debug, Default)]
pub struct PipelineBuilder {
    offsets: OffsetUnit,
    gazetteer_files: Vec<PathBuf>,
    gazetteer_texts: Vec<(String, String)>,
}

impl PipelineBuilder {
    /// The unit of output offsets (code points by default).
    pub fn offsets(mut self, unit: OffsetUnit) -> PipelineBuilder {
        self.offsets = unit;
        self
    }

    /// Adds a gazetteer TSV file (same columns as the embedded ones), read at build.
    pub fn gazetteer_file(mut self, path: impl AsRef<Path>) -> PipelineBuilder {
        self.gazetteer_files.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds gazetteer TSV rows from memory; `name` names them in error messages.
    pub fn gazetteer_tsv(mut self, name: &str, tsv: &str) -> PipelineBuilder {
        self.gazetteer_texts
            .push((name.to_string(), tsv.to_string()));
        self
    }

    /// Builds the pipeline: reads and compiles the gazetteers and every stage's rules.
    pub fn build(self) -> Result<Pipeline, Error> {
        let mut extra = Vec::new();
        for path in &self.gazetteer_files {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            extra.push((path.display().to_string(), text));
        }
        extra.extend(self.gazetteer_texts);
        Ok(Pipeline {
            offsets: self.offsets,
            gazetteer: Gazetteer::build(&extra)?,
            layout: LayoutParser::new(),
            sentences: Splitter::new(),
            entities: entities::Recognizer::new(),
            quotes: quotes::Attributor::new(),
            quantities: quantities::Recognizer::new(),
        })
    }
}

/// The extraction pipeline. Build it once and share it: it is immutable, `Send` and
/// `Sync`, and [`extract`](Pipeline::extract) takes `&self`.
///
/// ```
/// let pipeline = wirex::Pipeline::new();
/// let doc = pipeline.extract("KYIV, April 9 (Reuters) - Talks went on.");
/// assert_eq!(doc.schema, "wirex/1");
/// ```
#[derive(Debug)]
pub struct Pipeline {
    offsets: OffsetUnit,
    gazetteer: Gazetteer,
    layout: LayoutParser,
    sentences: Splitter,
    entities: entities::Recognizer,
    quotes: quotes::Attributor,
    quantities: quantities::Recognizer,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// A pipeline with the embedded gazetteers and default options.
    pub fn new() -> Pipeline {
        // The embedded data is checked by the test suite, so this cannot fail at run time.
        PipelineBuilder::default()
            .build()
            .expect("embedded gazetteers are valid")
    }

    /// A builder for a configured pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Extracts everything from one story.
    pub fn extract(&self, text: &str) -> Document {
        let layout = self.layout.parse(text);
        let sentences = self.sentences.split(text, &layout);
        let hits = self.gazetteer.find(text);
        let cx = Context {
            text,
            layout: &layout,
            sentences: &sentences,
            gazetteer: &self.gazetteer,
            hits: &hits,
        };
        let found = self.entities.extract(&cx);
        let quotes = self.quotes.extract(&cx, &found);
        let quantities = self.quantities.extract(&cx, &found);

        let mut dateline = layout.dateline.clone();
        if let Some(place) = dateline.as_mut().and_then(|d| d.place.as_mut()) {
            if let Some(e) = found.entities.iter().find(|e| {
                e.label == document::Label::Place && e.start == place.start && e.end == place.end
            }) {
                place.canonical = Some(e.canonical.clone());
                place.reference = e.reference.clone();
                place.country = e.country.clone();
            }
        }
        let mut doc = Document {
            schema: SCHEMA.to_string(),
            id: serde_json::Value::Null,
            offsets: OffsetUnit::Bytes,
            dateline,
            paragraphs: layout.paragraphs,
            sentences,
            entities: found.entities,
            people: found.people,
            places: found.places,
            organizations: found.organizations,
            quotes,
            quantities,
            warnings: Vec::new(),
        };
        output::convert_offsets(&mut doc, text, self.offsets);
        doc
    }

    /// Decodes raw bytes (see [`InputOptions`]) and extracts; warnings from decoding
    /// (bytes replaced under `lossy`) land in [`Document::warnings`].
    ///
    /// ```
    /// let pipeline = wirex::Pipeline::new();
    /// let err = pipeline.extract_bytes(b"bad \xff byte", &Default::default()).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid UTF-8 at byte 4");
    /// ```
    pub fn extract_bytes(&self, bytes: &[u8], opts: &InputOptions) -> Result<Document, Error> {
        let (text, warnings) = input::decode(bytes, opts)?;
        let mut doc = self.extract(&text);
        doc.warnings = warnings;
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn pipeline_is_send_and_sync() {
        assert_send_sync::<Pipeline>();
    }
}
