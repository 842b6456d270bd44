//! The compact JSON writer of [`Document`]: the JSONL hot path.
//!
//! It writes the bytes `write_json_line` writes through serde, field for field, into a
//! [`Sink`](super::sink) in front of the output vector: keys are byte literals joined to
//! their punctuation at compile time, integers and strings go through the short-value
//! paths of [`append`](super::append).
//! Serde's path costs several calls per value (formatter, writer, fragment) and was about
//! a sixth of all extraction time. The derived `Serialize` impls
//! stay the reference: pretty output uses them, and the tests check that both agree.

use compact_str::CompactString;
use serde_json::Value;

use super::append::{self, Literal};
use super::Sink;

use crate::document::{
    BlockKind, Cluster, CurrencyBasis, Dateline, DatelineDate, DatelinePlace, Document, Entity,
    Label, OffsetUnit, Paragraph, Person, Qualifier, Quantity, QuantityKind, Quote, QuoteKind,
    Sentence, Span, Speaker, Warning,
};

impl Document {
    /// Appends the document to `out` as one compact JSON line, newline included: the
    /// same bytes as [`write_json_line`](crate::write_json_line), several times faster.
    ///
    /// ```
    /// let doc = wirex::Pipeline::new().extract("Talks went on, Lin Jian said.");
    /// let mut fast = Vec::new();
    /// doc.append_json_line(&mut fast);
    /// let mut serde = Vec::new();
    /// wirex::write_json_line(&mut serde, &doc).unwrap();
    /// assert_eq!(fast, serde);
    /// ```
    pub fn append_json_line(&self, out: &mut Vec<u8>) {
        let mut sink = Sink::new(out);
        self.write_json(&mut sink);
        sink.push(b'\n');
        sink.finish();
    }
}

/// A value that writes itself as compact JSON, byte for byte as its `Serialize` impl
/// does through the line-safe compact formatter.
trait Json {
    fn write_json(&self, out: &mut Sink<'_>);

    /// True when the value writes `null`: [`fields!`] then writes the key and the
    /// `null` as one literal. Only `Option` says yes; for everything else the test
    /// is a constant and compiles away.
    #[inline]
    fn is_null(&self) -> bool {
        false
    }

    /// Writes `key` (joined to its punctuation) and the value. Integers override it
    /// to write both with one append.
    #[inline(always)]
    fn write_field(&self, key: &'static str, out: &mut Sink<'_>) {
        out.extend_from_slice(key.as_bytes());
        self.write_json(out);
    }
}

/// Writes `{"k0":v0,"k1":v1,...` (the object left open for optional fields).
macro_rules! fields {
    ($out:ident, $k0:literal => $v0:expr $(, $k:literal => $v:expr)* $(,)?) => {{
        field!($out, concat!("{\"", $k0, "\":"), $v0);
        more!($out, $($k => $v),*);
    }};
}

/// Writes `,"k":v,...`: fields after the first.
macro_rules! more {
    ($out:ident, $($k:literal => $v:expr),* $(,)?) => {{
        $(field!($out, concat!(",\"", $k, "\":"), $v);)*
    }};
}

/// Writes a key (joined to its punctuation) and its value; a `null` is written with
/// its key in one literal: absent values are common (an entity's `kind`, `ref`,
/// `country`), and each append costs a room check and a length update.
macro_rules! field {
    ($out:ident, $key:expr, $v:expr) => {{
        let v = &$v;
        if Json::is_null(v) {
            $out.extend_from_slice(concat!($key, "null").as_bytes());
        } else {
            Json::write_field(v, $key, $out);
        }
    }};
}

/// Writes `{"k0":v0,"k1":v1,...}`.
macro_rules! object {
    ($out:ident, $($body:tt)*) => {{
        fields!($out, $($body)*);
        $out.push(b'}');
    }};
}

/// Unit enums write their serde name, quotes included. Each also gets a table of its
/// names joined to the keys around them, for [`keyed!`].
macro_rules! names {
    ($($ty:ty { $($variant:ident => $name:literal),* $(,)? })*) => {$(
        impl $ty {
            const COUNT: usize = [$($name),*].len();

            /// `prefix`, the quoted name and `suffix`, one literal per variant, at
            /// the variant's discriminant.
            const fn literals(prefix: &str, suffix: &str) -> [Literal; Self::COUNT] {
                let mut table = [Literal::EMPTY; Self::COUNT];
                $(table[<$ty>::$variant as usize] = Literal::quoted(prefix, $name, suffix);)*
                table
            }

            fn index(self) -> usize {
                self as usize
            }
        }

        impl Json for $ty {
            fn write_json(&self, out: &mut Sink<'_>) {
                keyed!(out, $ty, *self, "", "");
            }
        }
    )*};
}

/// Writes the enum `value` of type `ty` with the literal text before and after it, in
/// one append: an enum field and its neighbouring keys cost what one key does.
macro_rules! keyed {
    ($out:ident, $ty:ty, $value:expr, $prefix:literal, $suffix:literal) => {{
        static TABLE: [Literal; <$ty>::COUNT] = <$ty>::literals($prefix, $suffix);
        append::literal($out, &TABLE[$value.index()]);
    }};
}

/// Implements [`Json`] for types written by a `write_object::<COMMA>` that puts a
/// comma before the object when `COMMA`: an item of a list (see `Vec`'s impl) then has
/// its comma joined to its first key, one append fewer (a story has thousands).
macro_rules! listed {
    ($($ty:ty),* $(,)?) => {$(
        impl Json for $ty {
            fn write_json(&self, out: &mut Sink<'_>) {
                self.write_object::<false>(out);
            }

            #[inline(always)]
            fn write_field(&self, key: &'static str, out: &mut Sink<'_>) {
                // A constant test: the key is a literal at every call.
                if key == "," {
                    self.write_object::<true>(out);
                } else {
                    out.extend_from_slice(key.as_bytes());
                    self.write_json(out);
                }
            }
        }
    )*};
}

/// The first key of an object, `{"key":`, after a comma when `$comma`.
macro_rules! opening {
    ($comma:expr, $key:literal) => {
        if $comma {
            concat!(",{\"", $key, "\":")
        } else {
            concat!("{\"", $key, "\":")
        }
    };
}

listed!(Paragraph, Sentence, Entity, Person, Cluster, Quote, Quantity);

impl Json for Document {
    fn write_json(&self, out: &mut Sink<'_>) {
        object!(out,
            "schema" => self.schema,
            "id" => self.id,
            "offsets" => self.offsets,
            "dateline" => self.dateline,
            "paragraphs" => self.paragraphs,
            "sentences" => self.sentences,
            "entities" => self.entities,
            "people" => self.people,
            "places" => self.places,
            "organizations" => self.organizations,
            "quotes" => self.quotes,
            "quantities" => self.quantities,
            "warnings" => self.warnings,
        );
    }
}

impl Json for Span {
    fn write_json(&self, out: &mut Sink<'_>) {
        fields!(out, "text" => self.text);
        range(out, self.start, self.end);
        out.push(b'}');
    }
}

impl Json for Dateline {
    fn write_json(&self, out: &mut Sink<'_>) {
        fields!(out,
            "text" => self.text,
        );
        range(out, self.start, self.end);
        more!(out,
            "place" => self.place,
            "date" => self.date,
            "agency" => self.agency,
        );
        out.push(b'}');
    }
}

impl Json for DatelinePlace {
    fn write_json(&self, out: &mut Sink<'_>) {
        fields!(out, "text" => self.text);
        range(out, self.start, self.end);
        more!(out,
            "canonical" => self.canonical,
            "ref" => self.reference,
            "country" => self.country,
        );
        out.push(b'}');
    }
}

impl Json for DatelineDate {
    fn write_json(&self, out: &mut Sink<'_>) {
        fields!(out, "text" => self.text);
        range(out, self.start, self.end);
        more!(out,
            "year" => self.year,
            "month" => self.month,
            "day" => self.day,
        );
        out.push(b'}');
    }
}

/// Opens the object of a paragraph or sentence with its `start` and `end`, after a
/// comma when `COMMA`.
fn open_span<const COMMA: bool>(out: &mut Sink<'_>, start: usize, end: usize) {
    let key = opening!(COMMA, "start").as_bytes();
    append::field_uint_pair(out, key, start as u64, b",\"end\":", end as u64);
}

impl Paragraph {
    fn write_object<const COMMA: bool>(&self, out: &mut Sink<'_>) {
        open_span::<COMMA>(out, self.start, self.end);
        keyed!(out, BlockKind, self.kind, ",\"kind\":", "}");
    }
}

impl Sentence {
    fn write_object<const COMMA: bool>(&self, out: &mut Sink<'_>) {
        open_span::<COMMA>(out, self.start, self.end);
        keyed!(out, BlockKind, self.kind, ",\"kind\":", ",\"paragraph\":");
        // The key is in the literal.
        append::uint_closing(out, self.paragraph as u64);
    }
}

impl Entity {
    fn write_object<const COMMA: bool>(&self, out: &mut Sink<'_>) {
        self.id.write_field(opening!(COMMA, "id"), out);
        // The text takes its key itself: most are short, and a short string is written
        // with its key in one fixed-size append.
        keyed!(out, Label, self.label, ",\"label\":", "");
        more!(out,
            "text" => self.text,
        );
        range(out, self.start, self.end);
        more!(out, "canonical" => self.canonical);
        // `&`, not `&&`: one branch on the three tests, not three.
        if self.kind.is_none() & self.reference.is_none() & self.country.is_none() {
            // People and unknown names have none of the three: one append.
            out.extend_from_slice(b",\"kind\":null,\"ref\":null,\"country\":null");
        } else {
            more!(out,
                "kind" => self.kind,
                "ref" => self.reference,
                "country" => self.country,
            );
        }
        more!(out,
            "sentence" => self.sentence,
            "cluster" => self.cluster,
        );
        // Serde skips `variant` when false.
        if self.variant {
            out.extend_from_slice(b",\"variant\":true");
        }
        out.push(b'}');
    }
}

impl Person {
    fn write_object<const COMMA: bool>(&self, out: &mut Sink<'_>) {
        self.id.write_field(opening!(COMMA, "id"), out);
        more!(out,
            "name" => self.name,
            "titles" => self.titles,
            "affiliation" => self.affiliation,
            "mentions" => self.mentions,
        );
        out.push(b'}');
    }
}

impl Cluster {
    fn write_object<const COMMA: bool>(&self, out: &mut Sink<'_>) {
        self.id.write_field(opening!(COMMA, "id"), out);
        more!(out,
            "canonical" => self.canonical,
            "ref" => self.reference,
            "mentions" => self.mentions,
        );
        out.push(b'}');
    }
}

impl Quote {
    fn write_object<const COMMA: bool>(&self, out: &mut Sink<'_>) {
        if COMMA {
            keyed!(out, QuoteKind, self.kind, ",{\"kind\":", ",\"text\":");
        } else {
            keyed!(out, QuoteKind, self.kind, "{\"kind\":", ",\"text\":");
        }
        self.text.write_json(out);
        range(out, self.start, self.end);
        more!(out,
            "closed" => self.closed,
            "cue" => self.cue,
            "speaker" => self.speaker,
        );
        out.push(b'}');
    }
}

impl Json for Speaker {
    fn write_json(&self, out: &mut Sink<'_>) {
        fields!(out,
            "person" => self.person,
            "name" => self.name,
            "mention" => self.mention,
        );
        // Serde skips `role` and `affiliation` when absent.
        if let Some(role) = &self.role {
            out.extend_from_slice(b",\"role\":");
            role.write_json(out);
        }
        if let Some(affiliation) = &self.affiliation {
            out.extend_from_slice(b",\"affiliation\":");
            affiliation.write_json(out);
        }
        out.push(b'}');
    }
}

impl Quantity {
    fn write_object<const COMMA: bool>(&self, out: &mut Sink<'_>) {
        if COMMA {
            keyed!(out, QuantityKind, self.kind, ",{\"kind\":", ",\"text\":");
        } else {
            keyed!(out, QuantityKind, self.kind, "{\"kind\":", ",\"text\":");
        }
        self.text.write_json(out);
        range(out, self.start, self.end);
        more!(out, "value" => Number(self.value));
        let (min, max) = (self.min.map(Number), self.max.map(Number));
        // `&`, not `&&`: one branch on the four tests, not four.
        let none =
            min.is_none() & max.is_none() & self.currency.is_none() & self.currency_basis.is_none();
        if none {
            // Most quantities (counts, ordinals) have none of the four: one append.
            out.extend_from_slice(NO_RANGE_OR_CURRENCY);
        } else {
            more!(out,
                "min" => min,
                "max" => max,
                "currency" => self.currency,
                "currency_basis" => self.currency_basis,
            );
        }
        more!(out,
            "qualifier" => self.qualifier,
            "qualifier_text" => self.qualifier_text,
        );
        out.push(b'}');
    }
}

/// A quantity's `min`, `max`, `currency` and `currency_basis` when all are absent.
const NO_RANGE_OR_CURRENCY: &[u8] =
    b",\"min\":null,\"max\":null,\"currency\":null,\"currency_basis\":null";

impl Json for Warning {
    fn write_json(&self, out: &mut Sink<'_>) {
        object!(out, "kind" => self.kind, "message" => self.message);
    }
}

names! {
    OffsetUnit { Codepoints => "codepoints", Bytes => "bytes", Utf16 => "utf16" }
    BlockKind {
        Body => "body",
        Heading => "heading",
        Signoff => "signoff",
        Slug => "slug",
        Trailer => "trailer",
    }
    Label { Person => "PERSON", Place => "PLACE", Org => "ORG", Norp => "NORP" }
    QuoteKind { Direct => "direct", Indirect => "indirect", Mixed => "mixed" }
    QuantityKind {
        Money => "money",
        Percent => "percent",
        PercentagePoints => "percentage_points",
        Cardinal => "cardinal",
        Ordinal => "ordinal",
    }
    Qualifier {
        Approximately => "approximately",
        AtLeast => "at_least",
        MoreThan => "more_than",
        LessThan => "less_than",
        AtMost => "at_most",
    }
    CurrencyBasis { Explicit => "explicit", Context => "context", Default => "default" }
}

/// Writes `,"start":start,"end":end`, the two numbers of a span, in one append.
#[inline(always)]
fn range(out: &mut Sink<'_>, start: usize, end: usize) {
    // Lossless: usize is at most 64 bits on every target Rust supports.
    append::field_uint_pair(out, b",\"start\":", start as u64, b",\"end\":", end as u64);
}

/// A quantity value, written as `serialize_number` writes it.
struct Number(f64);

impl Json for Number {
    fn write_json(&self, out: &mut Sink<'_>) {
        match crate::document::as_whole(self.0) {
            Some(n) => append::int(out, n),
            // Fractions are rare: serde_json's own float formatting keeps them identical.
            None => super::write_compact(out, &self.0),
        }
    }

    /// Most values are small whole numbers: written with their key in one append.
    #[inline(always)]
    fn write_field(&self, key: &'static str, out: &mut Sink<'_>) {
        match crate::document::as_whole(self.0).map(u64::try_from) {
            Some(Ok(n)) => append::field_uint(out, key.as_bytes(), n),
            _ => {
                out.extend_from_slice(key.as_bytes());
                self.write_json(out);
            }
        }
    }
}

impl<T: Json> Json for Option<T> {
    fn write_json(&self, out: &mut Sink<'_>) {
        match self {
            Some(v) => v.write_json(out),
            None => out.extend_from_slice(b"null"),
        }
    }

    #[inline]
    fn is_null(&self) -> bool {
        self.is_none()
    }

    #[inline(always)]
    fn write_field(&self, key: &'static str, out: &mut Sink<'_>) {
        match self {
            Some(v) => v.write_field(key, out),
            None => {
                out.extend_from_slice(key.as_bytes());
                out.extend_from_slice(b"null");
            }
        }
    }
}

impl<T: Json> Json for Vec<T> {
    fn write_json(&self, out: &mut Sink<'_>) {
        if self.is_empty() {
            out.extend_from_slice(b"[]");
            return;
        }
        // Every item goes in with a comma as its key, joined to its first append (a
        // short string, or an object's first key); the first comma then becomes the
        // `[`. One path for all items: a first item written apart would run cold
        // code once per list, its branches mispredicted.
        let open = out.len();
        for item in self {
            item.write_field(",", out);
        }
        out.set(open, b'[');
        out.push(b']');
    }
}

impl Json for CompactString {
    fn write_json(&self, out: &mut Sink<'_>) {
        append::string(out, self);
    }

    #[inline(always)]
    fn write_field(&self, key: &'static str, out: &mut Sink<'_>) {
        append::field_string(out, key.as_bytes(), self);
    }
}

impl Json for bool {
    fn write_json(&self, out: &mut Sink<'_>) {
        append::field_bool(out, b"", *self);
    }

    #[inline(always)]
    fn write_field(&self, key: &'static str, out: &mut Sink<'_>) {
        append::field_bool(out, key.as_bytes(), *self);
    }
}

macro_rules! integers {
    ($($ty:ty)*) => {$(
        impl Json for $ty {
            fn write_json(&self, out: &mut Sink<'_>) {
                // Lossless: usize is at most 64 bits on every target Rust supports.
                append::uint(out, *self as u64);
            }

            #[inline(always)]
            fn write_field(&self, key: &'static str, out: &mut Sink<'_>) {
                append::field_uint(out, key.as_bytes(), *self as u64);
            }
        }
    )*};
}

integers!(u8 u16 usize);

/// Ids are usually strings (file names, JSONL ids); anything else takes serde's path.
impl Json for Value {
    fn write_json(&self, out: &mut Sink<'_>) {
        match self {
            Value::Null => out.extend_from_slice(b"null"),
            Value::String(s) => append::string(out, s),
            other => super::write_compact(out, other),
        }
    }
}

#[cfg(test)]
mod tests;
