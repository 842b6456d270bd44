use super::*;
use crate::document::*;
use proptest::option::of;
use proptest::prelude::*;

/// What serde writes for `value` through the line-safe compact formatter.
fn serde_line<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    crate::write_json_line(&mut out, value).unwrap();
    out
}

#[test]
fn an_empty_and_a_full_document_write_as_serde_does() {
    let mut doc = Document::empty();
    let mut fast = Vec::new();
    doc.append_json_line(&mut fast);
    assert_eq!(fast, serde_line(&doc));
    doc.id = serde_json::json!({"nested": ["\u{2028}", 1.5, -3, null, true]});
    fast.clear();
    doc.append_json_line(&mut fast);
    assert_eq!(fast, serde_line(&doc));
}

/// Strings inline in their `CompactString` and (past 24 bytes: `é`, `–`, `😀`) on
/// the heap.
fn text() -> impl Strategy<Value = CompactString> {
    "\\PC{0,12}|[a\u{85}\u{2028}\u{2029}\u{1}\u{1f}\"\\\\\n–é😀]{0,12}"
        .prop_map(CompactString::from)
}

fn offset() -> impl Strategy<Value = usize> {
    prop_oneof![0..200usize, Just(usize::MAX)]
}

fn span() -> impl Strategy<Value = Span> {
    (text(), offset(), offset()).prop_map(|(text, start, end)| Span { text, start, end })
}

/// Values that serde_json reads back exactly (its default float parser is not exact
/// for every float; `any_value_writes_as_serde_does` covers all of them).
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1_000_000i64..1_000_000).prop_map(|n| n as f64),
        (-1_000_000i64..1_000_000).prop_map(|n| n as f64 / 8.0),
        Just(0.1),
        Just(-0.0),
        Just(9_007_199_254_740_992.0),
        Just(1e300),
    ]
}

fn block_kind() -> impl Strategy<Value = BlockKind> {
    proptest::sample::select(vec![
        BlockKind::Body,
        BlockKind::Heading,
        BlockKind::Signoff,
        BlockKind::Slug,
        BlockKind::Trailer,
    ])
}

fn id() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    prop_oneof![
        Just(Value::Null),
        text().prop_map(|t| Value::from(t.as_str())),
        any::<i64>().prop_map(Value::from),
        number().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        text().prop_map(|t| json!({ t.as_str(): [t, 1] })),
    ]
}

fn dateline() -> impl Strategy<Value = Dateline> {
    let place = (span(), of(text()), of(text()), of(text())).prop_map(
        |(s, canonical, reference, country)| DatelinePlace {
            text: s.text,
            start: s.start,
            end: s.end,
            canonical,
            reference,
            country,
        },
    );
    let date = (span(), of(any::<u16>()), of(any::<u8>()), of(any::<u8>())).prop_map(
        |(s, year, month, day)| DatelineDate {
            text: s.text,
            start: s.start,
            end: s.end,
            year,
            month,
            day,
        },
    );
    (span(), of(place), of(date), of(text())).prop_map(|(s, place, date, agency)| Dateline {
        text: s.text,
        start: s.start,
        end: s.end,
        place,
        date,
        agency,
    })
}

fn entity() -> impl Strategy<Value = Entity> {
    let label =
        proptest::sample::select(vec![Label::Person, Label::Place, Label::Org, Label::Norp]);
    (
        (text(), label, span(), text()),
        (
            of(text()),
            of(text()),
            of(text()),
            offset(),
            of(text()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, label, s, canonical),
                (kind, reference, country, sentence, cluster, variant),
            )| {
                Entity {
                    id,
                    label,
                    text: s.text,
                    start: s.start,
                    end: s.end,
                    canonical,
                    kind,
                    reference,
                    country,
                    sentence,
                    cluster,
                    variant,
                }
            },
        )
}

fn quote() -> impl Strategy<Value = Quote> {
    let kind = proptest::sample::select(vec![
        QuoteKind::Direct,
        QuoteKind::Indirect,
        QuoteKind::Mixed,
    ]);
    let speaker = (of(text()), of(text()), of(span()), of(span()), of(span())).prop_map(
        |(person, name, mention, role, affiliation)| Speaker {
            person,
            name,
            mention,
            role,
            affiliation,
        },
    );
    (kind, span(), any::<bool>(), of(span()), of(speaker)).prop_map(
        |(kind, s, closed, cue, speaker)| Quote {
            kind,
            text: s.text,
            start: s.start,
            end: s.end,
            closed,
            cue,
            speaker,
        },
    )
}

fn quantity() -> impl Strategy<Value = Quantity> {
    use QuantityKind as K;
    let kind = proptest::sample::select(vec![
        K::Money,
        K::Percent,
        K::PercentagePoints,
        K::Cardinal,
        K::Ordinal,
    ]);
    let basis = proptest::sample::select(vec![
        CurrencyBasis::Explicit,
        CurrencyBasis::Context,
        CurrencyBasis::Default,
    ]);
    let qualifier = proptest::sample::select(vec![
        Qualifier::Approximately,
        Qualifier::AtLeast,
        Qualifier::MoreThan,
        Qualifier::LessThan,
        Qualifier::AtMost,
    ]);
    (
        (kind, span(), number(), of(number()), of(number())),
        (of(text()), of(basis), of(qualifier), of(text())),
    )
        .prop_map(
            |(
                (kind, s, value, min, max),
                (currency, currency_basis, qualifier, qualifier_text),
            )| {
                Quantity {
                    kind,
                    text: s.text,
                    start: s.start,
                    end: s.end,
                    value,
                    min,
                    max,
                    currency,
                    currency_basis,
                    qualifier,
                    qualifier_text,
                }
            },
        )
}

fn cluster() -> impl Strategy<Value = Cluster> {
    use proptest::collection::vec;
    (text(), text(), of(text()), vec(text(), 0..3)).prop_map(
        |(id, canonical, reference, mentions)| Cluster {
            id,
            canonical,
            reference,
            mentions,
        },
    )
}

fn document() -> impl Strategy<Value = Document> {
    use proptest::collection::vec;
    let unit = proptest::sample::select(vec![
        OffsetUnit::Codepoints,
        OffsetUnit::Bytes,
        OffsetUnit::Utf16,
    ]);
    let paragraph = (offset(), offset(), block_kind()).prop_map(|(start, end, kind)| Paragraph {
        start,
        end,
        kind,
    });
    let sentence =
        (offset(), offset(), block_kind(), offset()).prop_map(|(start, end, kind, paragraph)| {
            Sentence {
                start,
                end,
                kind,
                paragraph,
            }
        });
    let person = (
        text(),
        text(),
        vec(text(), 0..3),
        of(text()),
        vec(text(), 0..3),
    )
        .prop_map(|(id, name, titles, affiliation, mentions)| Person {
            id,
            name,
            titles,
            affiliation,
            mentions,
        });
    let warning = (text(), text()).prop_map(|(kind, message)| Warning { kind, message });
    (
        (
            text(),
            id(),
            unit,
            of(dateline()),
            vec(paragraph, 0..3),
            vec(sentence, 0..3),
        ),
        (
            vec(entity(), 0..3),
            vec(person, 0..2),
            vec(cluster(), 0..2),
            vec(cluster(), 0..2),
        ),
        (
            vec(quote(), 0..3),
            vec(quantity(), 0..3),
            vec(warning, 0..2),
        ),
    )
        .prop_map(
            |(
                (schema, id, offsets, dateline, paragraphs, sentences),
                (entities, people, places, organizations),
                (quotes, quantities, warnings),
            )| Document {
                schema,
                id,
                offsets,
                dateline,
                paragraphs,
                sentences,
                entities,
                people,
                places,
                organizations,
                quotes,
                quantities,
                warnings,
            },
        )
}

proptest! {
    #[test]
    fn any_value_writes_as_serde_does(value in any::<f64>(), min in any::<f64>()) {
        let q = Quantity {
            kind: QuantityKind::Cardinal,
            text: CompactString::default(),
            start: 0,
            end: 0,
            value,
            min: Some(min),
            max: None,
            currency: None,
            currency_basis: None,
            qualifier: None,
            qualifier_text: None,
        };
        let mut fast = Vec::new();
        let mut sink = Sink::new(&mut fast);
        q.write_json(&mut sink);
        sink.push(b'\n');
        sink.finish();
        prop_assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(serde_line(&q)).unwrap());
    }

    /// The hand-written writer and serde's derived impls agree byte for byte, and the
    /// line reads back to the same document.
    #[test]
    fn any_document_writes_as_serde_does_and_reads_back(doc in document()) {
        let mut fast = Vec::new();
        doc.append_json_line(&mut fast);
        let line = String::from_utf8(fast).unwrap();
        prop_assert_eq!(&line, &String::from_utf8(serde_line(&doc)).unwrap());
        prop_assert_eq!(line.matches('\n').count(), 1);
        let raw_break = line.contains(['\u{85}', '\u{2028}', '\u{2029}']);
        prop_assert!(!raw_break, "{}", line);
        let back: Document = serde_json::from_str(&line).unwrap();
        prop_assert_eq!(back, doc);
    }
}
