//! The pipeline: stages built once, run in order over each document.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::document::{Document, OffsetUnit, Warning, SCHEMA};
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
    threads: Option<usize>,
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

    /// The most threads [`build`](PipelineBuilder::build) may use (it uses two at
    /// most); 0, or leaving it unset, means one per core. The pipeline comes out the
    /// same on any number, and [`Pipeline::extract`] stays on its caller's thread.
    ///
    /// ```
    /// let one = wirex::Pipeline::builder().threads(1).build().unwrap();
    /// let two = wirex::Pipeline::builder().threads(2).build().unwrap();
    /// let text = "KYIV, April 9 (Reuters) - Talks went on, Zelensky said.";
    /// assert_eq!(one.extract(text), two.extract(text));
    /// ```
    pub fn threads(mut self, threads: usize) -> PipelineBuilder {
        self.threads = (threads > 0).then_some(threads);
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
        let threads = self.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        });
        // The other stages' rules are compiled beside the gazetteer, on its second
        // thread once that is free.
        let stages = || {
            (
                LayoutParser::new(),
                Splitter::new(),
                entities::Recognizer::new(),
                quotes::Attributor::new(),
                quantities::Recognizer::new(),
            )
        };
        let (gazetteer, (layout, sentences, entities, quotes, quantities)) =
            Gazetteer::build_beside(&extra, threads, stages)?;
        Ok(Pipeline {
            offsets: self.offsets,
            gazetteer,
            layout,
            sentences,
            entities,
            quotes,
            quantities,
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
        self.run(text, &mut NoLaps)
    }

    /// [`extract`](Pipeline::extract), adding the time spent in each stage to `times`.
    /// For `wirex bench` and the criterion benches; `times.input` stays untouched.
    #[doc(hidden)]
    pub fn extract_timed(&self, text: &str, times: &mut StageTimes) -> Document {
        self.run(text, &mut Stopwatch::new(times))
    }

    /// [`extract_bytes`](Pipeline::extract_bytes), adding the time spent in each stage,
    /// decoding included, to `times`.
    #[doc(hidden)]
    pub fn extract_bytes_timed(
        &self,
        bytes: &[u8],
        opts: &InputOptions,
        times: &mut StageTimes,
    ) -> Result<Document, Error> {
        self.run_bytes(bytes, opts, &mut Stopwatch::new(times))
    }

    fn run_bytes(
        &self,
        bytes: &[u8],
        opts: &InputOptions,
        laps: &mut impl Laps,
    ) -> Result<Document, Error> {
        let (text, warnings) = input::decode(bytes, opts)?;
        laps.lap(|t| &mut t.input);
        let mut doc = self.run(&text, laps);
        doc.warnings.splice(0..0, warnings);
        Ok(doc)
    }

    /// The one sequence of stages; `laps` records where the time went (or nothing).
    fn run(&self, text: &str, laps: &mut impl Laps) -> Document {
        let layout = self.layout.parse(text);
        laps.lap(|t| &mut t.layout);
        let sentences = self.sentences.split(text, &layout);
        laps.lap(|t| &mut t.sentences);
        // The entity tokenizer reads the sentences first: the matching pass takes the
        // words its fast path noted. Its time is the entity stage's, as it was.
        let toks = self.entities.tokenize(text, &sentences, &self.gazetteer);
        laps.lap(|t| &mut t.entities);
        let hits = self.gazetteer.find_scanned(text, toks.scanned());
        laps.lap(|t| &mut t.gazetteer);
        laps.count_hits(hits.len());
        let cx = Context {
            text,
            layout: &layout,
            sentences: &sentences,
            gazetteer: &self.gazetteer,
            hits: &hits,
        };
        let (found, words) = self.entities.extract(&cx, toks);
        laps.lap(|t| &mut t.entities);
        let quotes = self.quotes.extract(&cx, &found, &words);
        laps.lap(|t| &mut t.quotes);
        let quantities = self.quantities.extract(&cx, &found, &words);
        laps.lap(|t| &mut t.quantities);

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
            schema: crate::CompactString::const_new(SCHEMA),
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
            warnings: too_long_for_entities(text.len()).into_iter().collect(),
        };
        output::convert_offsets(&mut doc, text, self.offsets);
        laps.lap(|t| &mut t.output);
        doc
    }

    /// Every distinct alias of the gazetteers, as written: what `wirex bench` scans for
    /// with a plain Aho-Corasick automaton, the baseline its figures are set against.
    ///
    /// ```
    /// let pipeline = wirex::Pipeline::new();
    /// assert!(pipeline.gazetteer_aliases().any(|a| a == "Kyiv"));
    /// ```
    #[doc(hidden)]
    pub fn gazetteer_aliases(&self) -> impl Iterator<Item = &str> + '_ {
        self.gazetteer.aliases()
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
        self.run_bytes(bytes, opts, &mut NoLaps)
    }

    /// [`extract_bytes`](Pipeline::extract_bytes) on text that is already a `str` (a
    /// field of a parsed JSON record): the same size limit, NUL refusal and BOM removal,
    /// without a second UTF-8 check.
    ///
    /// ```
    /// let pipeline = wirex::Pipeline::new();
    /// let doc = pipeline.extract_str("\u{feff}Talks went on.", &Default::default()).unwrap();
    /// assert_eq!(doc, pipeline.extract("Talks went on."));
    /// let err = pipeline.extract_str("a\0b", &Default::default()).unwrap_err();
    /// assert_eq!(err.kind(), "binary");
    /// ```
    pub fn extract_str(&self, text: &str, opts: &InputOptions) -> Result<Document, Error> {
        Ok(self.run(input::decode_str(text, opts)?, &mut NoLaps))
    }
}

/// Time spent in each stage, summed over the documents given to
/// [`Pipeline::extract_timed`]. `output` is the offset conversion inside `extract`;
/// JSON serialization happens after it and is the caller's to time.
#[doc(hidden)]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StageTimes {
    pub input: Duration,
    pub layout: Duration,
    pub sentences: Duration,
    pub gazetteer: Duration,
    pub entities: Duration,
    pub quotes: Duration,
    pub quantities: Duration,
    pub output: Duration,
    /// Gazetteer matches found, so a bench of that stage can check it did work.
    pub gazetteer_hits: usize,
}

impl StageTimes {
    /// The stages in pipeline order, with their names.
    pub fn stages(&self) -> [(&'static str, Duration); 8] {
        [
            ("input", self.input),
            ("layout", self.layout),
            ("sentences", self.sentences),
            ("gazetteer", self.gazetteer),
            ("entities", self.entities),
            ("quotes", self.quotes),
            ("quantities", self.quantities),
            ("output", self.output),
        ]
    }

    /// The sum of all stages.
    pub fn total(&self) -> Duration {
        self.stages().iter().map(|(_, d)| *d).sum()
    }
}

/// Where [`Pipeline::run`] reports the end of each stage. The untimed path uses
/// [`NoLaps`], which compiles to nothing, so `extract` pays no clock reads.
trait Laps {
    fn lap(&mut self, stage: fn(&mut StageTimes) -> &mut Duration);
    fn count_hits(&mut self, hits: usize);
}

struct NoLaps;

impl Laps for NoLaps {
    #[inline(always)]
    fn lap(&mut self, _: fn(&mut StageTimes) -> &mut Duration) {}
    #[inline(always)]
    fn count_hits(&mut self, _: usize) {}
}

struct Stopwatch<'a> {
    times: &'a mut StageTimes,
    last: Instant,
}

impl<'a> Stopwatch<'a> {
    fn new(times: &'a mut StageTimes) -> Stopwatch<'a> {
        Stopwatch {
            times,
            last: Instant::now(),
        }
    }
}

impl Laps for Stopwatch<'_> {
    fn lap(&mut self, stage: fn(&mut StageTimes) -> &mut Duration) {
        let now = Instant::now();
        *stage(self.times) += now - self.last;
        self.last = now;
    }

    fn count_hits(&mut self, hits: usize) {
        self.times.gazetteer_hits += hits;
    }
}

/// The entities stage keeps token offsets in 32 bits (a smaller token is a faster
/// tokenizer), so a text of 4 GiB or more gets no entities: say so rather than return
/// an empty list as if the text named no one. No story comes near it; the CLI refuses
/// inputs over `--max-bytes` (64 MiB by default) long before.
fn too_long_for_entities(len: usize) -> Option<Warning> {
    u32::try_from(len).is_err().then(|| Warning {
        kind: crate::CompactString::const_new("too_long_for_entities"),
        message: format!(
            "the text is {} bytes: entities are found only in texts under 4 GiB",
            len
        )
        .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn pipeline_is_send_and_sync() {
        assert_send_sync::<Pipeline>();
    }

    #[test]
    fn extract_str_agrees_with_extract_bytes() {
        let p = Pipeline::new();
        let opts = InputOptions {
            max_bytes: 40,
            ..Default::default()
        };
        for text in [
            "Talks in Kyiv went on, Zelensky said.",
            "\u{feff}Talks in Kyiv went on.",
            "Talks \0 went on.",
            "Talks in Kyiv went on, and on, and on, and on.",
            "",
        ] {
            let got = p.extract_str(text, &opts).map_err(|e| e.to_string());
            let want = p
                .extract_bytes(text.as_bytes(), &opts)
                .map_err(|e| e.to_string());
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn timed_extraction_gives_the_same_document_and_fills_the_stages() {
        let p = Pipeline::new();
        let text = "KYIV, April 9 (Reuters) - Talks went on.\n\nThey said so.";
        let mut times = StageTimes::default();
        let timed = p
            .extract_bytes_timed(text.as_bytes(), &Default::default(), &mut times)
            .unwrap();
        assert_eq!(timed, p.extract(text));
        assert!(times.total() > Duration::ZERO);
        assert_eq!(times.total(), times.stages().iter().map(|s| s.1).sum());
        assert_eq!(times.stages()[3].0, "gazetteer");
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_text_too_long_for_32_bit_token_offsets_is_named_in_a_warning() {
        let limit = u32::MAX as usize;
        assert!(too_long_for_entities(0).is_none());
        assert!(too_long_for_entities(limit).is_none());
        let w = too_long_for_entities(limit + 1).expect("4 GiB gets a warning");
        assert_eq!(w.kind, "too_long_for_entities");
        assert!(w.message.contains("4294967296 bytes"), "{}", w.message);
    }
}
