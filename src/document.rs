//! The `wirex/1` output schema: what [`Pipeline::extract`](crate::Pipeline::extract)
//! returns and what the CLI prints.
//!
//! Every offset (`start`, `end`) in these types is a byte offset into the input text
//! while the stages run; the pipeline converts them all, once, into the unit named in
//! [`Document::offsets`] before handing the document out (code points by default, the
//! unit Python's `str` slicing uses). `end` is always exclusive.
//!
//! Every string is a [`CompactString`] (re-exported from `compact_str`): the size of a
//! `String`, it keeps up to 24 bytes inline, so ids, names, kinds, references and
//! country codes cost no heap allocation (a `String` each cost an allocation, a copy
//! and a free). It derefs to `&str`, compares with `&str` and `String`, and (de)serializes as a string:
//!
//! ```
//! let doc = wirex::Pipeline::new().extract("KYIV, April 9 (Reuters) - Talks went on.");
//! let kyiv = &doc.entities[0];
//! assert_eq!(kyiv.id, "e1");
//! assert_eq!(kyiv.text.as_str(), "KYIV");
//! assert_eq!(kyiv.country.as_deref(), Some("UA"));
//! let owned: String = kyiv.canonical.to_string();
//! assert_eq!(owned, kyiv.canonical);
//! ```

pub use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// The schema name written in every document.
pub const SCHEMA: &str = "wirex/1";

/// One extracted news story.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always [`SCHEMA`].
    pub schema: CompactString,
    /// The caller's identifier (a file name, a JSONL `id` of any JSON scalar type), or null.
    pub id: serde_json::Value,
    /// The unit of every `start`/`end` in this document.
    pub offsets: OffsetUnit,
    /// The wire dateline (`KYIV, April 9 (Reuters) -`), when the story has one.
    pub dateline: Option<Dateline>,
    /// Paragraph-level blocks of the story, in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in text order; they never cross a paragraph.
    pub sentences: Vec<Sentence>,
    /// Every entity mention, in text order.
    pub entities: Vec<Entity>,
    /// People of the story: one cluster per person, linking its mentions.
    pub people: Vec<Person>,
    /// Places of the story: one cluster per place.
    pub places: Vec<Cluster>,
    /// Organizations of the story: one cluster per organization.
    pub organizations: Vec<Cluster>,
    /// Direct, indirect and mixed quotes with their speakers.
    pub quotes: Vec<Quote>,
    /// Money, percentages and numbers with normalized values.
    pub quantities: Vec<Quantity>,
    /// Things the user should know about this input (bytes replaced by `--lossy`, ...).
    pub warnings: Vec<Warning>,
}

impl Document {
    /// An empty document of the current schema, offsets in code points.
    pub fn empty() -> Document {
        Document {
            schema: CompactString::const_new(SCHEMA),
            ..Document::default()
        }
    }
}

/// The unit of the offsets in a [`Document`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum OffsetUnit {
    /// Unicode scalar values (Python `str` indices). The default.
    #[default]
    Codepoints,
    /// UTF-8 bytes (Rust `&str` indices).
    Bytes,
    /// UTF-16 code units (JavaScript and Java string indices).
    Utf16,
}

/// A span of the input text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub text: CompactString,
    pub start: usize,
    pub end: usize,
}

/// The dateline that opens wire copy: place, date and agency.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    /// The whole dateline, dash included (`Kiyv, Apr 9 (EFE) –`).
    pub text: CompactString,
    pub start: usize,
    pub end: usize,
    /// The place as written, with its canonical form when the gazetteer knows it.
    pub place: Option<DatelinePlace>,
    pub date: Option<DatelineDate>,
    /// The agency as written (`EFE`, `Reuters`, `AP`).
    pub agency: Option<CompactString>,
}

/// The place of a dateline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DatelinePlace {
    pub text: CompactString,
    pub start: usize,
    pub end: usize,
    /// Canonical name (`Kyiv` for `Kiyv`), when known.
    pub canonical: Option<CompactString>,
    /// Gazetteer reference (`geonames:703448`), when known.
    #[serde(rename = "ref")]
    pub reference: Option<CompactString>,
    /// ISO 3166-1 alpha-2 code of the place's country, when known.
    pub country: Option<CompactString>,
}

/// The date of a dateline; parts not written are null.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatelineDate {
    pub text: CompactString,
    pub start: usize,
    pub end: usize,
    pub year: Option<u16>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// The kind of a paragraph or a sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum BlockKind {
    /// Story text.
    #[default]
    Body,
    /// A subheading: a short line without final punctuation between paragraphs.
    Heading,
    /// The agency sign-off at the end of the story (`EFE`, `— AP`).
    Signoff,
    /// A desk slug (`mg-gbm-er/mcd`).
    Slug,
    /// Credit lines after the story (`Reporting by ...; Editing by ...`).
    Trailer,
}

/// A paragraph-level block: a line of the input, or part of one (a sign-off).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

/// A sentence. It never crosses a paragraph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
}

/// The label of an entity mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum Label {
    Person,
    Place,
    Org,
    /// Nationalities, religious and political groups (`Chinese`, `North Korean`).
    Norp,
}

/// One entity mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `e1`, `e2`, ... in text order.
    pub id: CompactString,
    pub label: Label,
    pub text: CompactString,
    pub start: usize,
    pub end: usize,
    /// The canonical name (`Kyiv` for `Kiev`, `Volodymyr Zelenskyy` for `Zelenskyy`).
    pub canonical: CompactString,
    /// A finer type: `country`, `city`, `capital`, `subdivision`, `region`, `ministry`,
    /// `news_agency`, `company`, ...
    pub kind: Option<CompactString>,
    /// Gazetteer reference (`geonames:703448`, `iso:UA`), when known.
    #[serde(rename = "ref")]
    pub reference: Option<CompactString>,
    /// ISO 3166-1 alpha-2 code of the country this mention belongs to, when known.
    pub country: Option<CompactString>,
    /// Index into [`Document::sentences`].
    pub sentence: usize,
    /// The id of this mention's cluster in `people`, `places` or `organizations`.
    pub cluster: Option<CompactString>,
    /// True when the mention joined its cluster as a close misspelling (`Zelenyi`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub variant: bool,
}

/// A person of the story and the mentions that refer to them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// `p1`, `p2`, ...
    pub id: CompactString,
    /// The fullest form of the name in the story.
    pub name: CompactString,
    /// Titles and roles seen with the name (`President`, `spokesman`).
    pub titles: Vec<CompactString>,
    /// The organization or country of the title phrase (`Chinese Foreign Ministry`).
    pub affiliation: Option<CompactString>,
    /// Entity ids of the mentions.
    pub mentions: Vec<CompactString>,
}

/// A place or an organization of the story and its mentions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// `l1`... for places, `o1`... for organizations.
    pub id: CompactString,
    pub canonical: CompactString,
    #[serde(rename = "ref")]
    pub reference: Option<CompactString>,
    /// Entity ids of the mentions.
    pub mentions: Vec<CompactString>,
}

/// How a quote is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// Words inside quote marks.
    Direct,
    /// Reported speech without quote marks (`said that ...`, `according to ...`).
    Indirect,
    /// Reported speech that contains a direct part.
    Mixed,
}

/// A quote and who said it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The quoted words, quote marks excluded.
    pub text: CompactString,
    pub start: usize,
    pub end: usize,
    /// False when the closing mark never came and the quote runs to the end of its
    /// paragraph.
    pub closed: bool,
    /// The reporting verb or phrase (`said`, `according to`).
    pub cue: Option<Span>,
    pub speaker: Option<Speaker>,
}

/// The speaker of a quote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The id of the person in [`Document::people`], or null for an unnamed speaker.
    pub person: Option<CompactString>,
    /// The person's canonical name, repeated for convenience.
    pub name: Option<CompactString>,
    /// The phrase that names the speaker at the quote (`The spokesman`, `He`).
    pub mention: Option<Span>,
    /// An appositive role given with the speaker at the quote (`a spokesman for the
    /// State Department` in `said John Kirby, a spokesman for the State Department`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Span>,
    /// The organization named in the role (`the State Department`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<Span>,
}

/// The kind of a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuantityKind {
    Money,
    Percent,
    /// Percentage points (`2 percentage points`).
    PercentagePoints,
    Cardinal,
    Ordinal,
}

/// A normalized hedge before a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Qualifier {
    /// about, around, nearly, roughly, some, almost, hundreds of
    Approximately,
    /// at least, no fewer than
    AtLeast,
    /// more than, over, upwards of
    MoreThan,
    /// less than, under, fewer than
    LessThan,
    /// up to, at most, no more than
    AtMost,
}

/// How the currency of a money mention was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CurrencyBasis {
    /// The text names it unambiguously (`USD`, `rubles`, `€`, `C$`).
    Explicit,
    /// A shared symbol or unit (`$`, `dollars`) read from the story's country.
    Context,
    /// A shared symbol or unit with no context: the default (`$` → USD).
    Default,
}

/// A money, percent or number mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub kind: QuantityKind,
    pub text: CompactString,
    pub start: usize,
    pub end: usize,
    /// The normalized value (`30000` for `30,000 rubles`, `1200000` for `1.2 million`).
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// Range bounds (`between 10 and 20`), when the mention is a range.
    #[serde(serialize_with = "serialize_opt_number")]
    pub min: Option<f64>,
    #[serde(serialize_with = "serialize_opt_number")]
    pub max: Option<f64>,
    /// ISO 4217 code for money.
    pub currency: Option<CompactString>,
    pub currency_basis: Option<CurrencyBasis>,
    pub qualifier: Option<Qualifier>,
    /// The hedge as written (`about`, `more than`).
    pub qualifier_text: Option<CompactString>,
}

/// A note about the input or the extraction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// A stable machine-readable kind (`lossy_utf8`, ...).
    pub kind: CompactString,
    pub message: CompactString,
}

/// Numbers that are whole print without a fraction (`30000`, not `30000.0`), so that
/// consumers comparing with integer gold data do not trip over the float.
fn serialize_number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    match as_whole(*v) {
        Some(n) => s.serialize_i64(n),
        None => s.serialize_f64(*v),
    }
}

/// `v` as an integer when it is whole and exactly representable, as quantity values print.
pub(crate) fn as_whole(v: f64) -> Option<i64> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    (v.fract() == 0.0 && v.abs() < EXACT).then_some(v as i64)
}

fn serialize_opt_number<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize_number(v, s),
        None => s.serialize_none(),
    }
}

impl Document {
    /// Calls `f` on every offset of the document, so one place converts them all.
    pub(crate) fn for_each_offset(&mut self, mut f: impl FnMut(&mut usize)) {
        let mut pair = |s: &mut usize, e: &mut usize| {
            f(s);
            f(e);
        };
        if let Some(d) = &mut self.dateline {
            pair(&mut d.start, &mut d.end);
            if let Some(p) = &mut d.place {
                pair(&mut p.start, &mut p.end);
            }
            if let Some(p) = &mut d.date {
                pair(&mut p.start, &mut p.end);
            }
        }
        for p in &mut self.paragraphs {
            pair(&mut p.start, &mut p.end);
        }
        for s in &mut self.sentences {
            pair(&mut s.start, &mut s.end);
        }
        for e in &mut self.entities {
            pair(&mut e.start, &mut e.end);
        }
        for q in &mut self.quotes {
            pair(&mut q.start, &mut q.end);
            if let Some(c) = &mut q.cue {
                pair(&mut c.start, &mut c.end);
            }
            if let Some(m) = q.speaker.as_mut().and_then(|s| s.mention.as_mut()) {
                pair(&mut m.start, &mut m.end);
            }
            if let Some(r) = q.speaker.as_mut().and_then(|s| s.role.as_mut()) {
                pair(&mut r.start, &mut r.end);
            }
            if let Some(r) = q.speaker.as_mut().and_then(|s| s.affiliation.as_mut()) {
                pair(&mut r.start, &mut r.end);
            }
        }
        for q in &mut self.quantities {
            pair(&mut q.start, &mut q.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_values_print_as_integers() {
        let q = Quantity {
            kind: QuantityKind::Money,
            text: "30,000 rubles".into(),
            start: 0,
            end: 13,
            value: 30000.0,
            min: None,
            max: Some(2.5),
            currency: Some("RUB".into()),
            currency_basis: Some(CurrencyBasis::Explicit),
            qualifier: None,
            qualifier_text: None,
        };
        let json = serde_json::to_string(&q).unwrap();
        assert!(json.contains("\"value\":30000,"), "{json}");
        assert!(json.contains("\"max\":2.5"), "{json}");
        assert!(json.contains("\"kind\":\"money\""), "{json}");
    }

    #[test]
    fn every_array_is_present_in_an_empty_document() {
        let json = serde_json::to_value(Document::empty()).unwrap();
        for key in [
            "paragraphs",
            "sentences",
            "entities",
            "people",
            "places",
            "organizations",
            "quotes",
            "quantities",
            "warnings",
        ] {
            assert!(json[key].is_array(), "{key} missing");
        }
        assert_eq!(json["schema"], "wirex/1");
        assert_eq!(json["offsets"], "codepoints");
    }
}
