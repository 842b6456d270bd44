//! `wirex eval`: precision, recall and F1 against the user's gold data.
//!
//! # Gold format
//!
//! JSON Lines, one document a line:
//!
//! ```text
//! {"id": "doc-1", "text": "KYIV, April 9 - ...", "gold": [ITEM, ...]}
//! ```
//!
//! Offsets are Unicode code points (Python `str` indices), `end` exclusive, whatever
//! `--offsets` says for the output. `id` is optional. An item is one of:
//!
//! - an entity: `{"start", "end", "label"}`, plus an optional `"text"`, which is checked
//!   against the text at the offsets (a count of mismatches is printed: it usually means
//!   the offsets are bytes or UTF-16). Labels `PERSON` (or `PER`), `PLACE` (or
//!   `LOCATION`, `LOC`, `GPE`), `ORG` (or `ORGANIZATION`) and `NORP` are scored; any
//!   other label (`EVENT`, `TIME`, ...) is ignored.
//! - a direct quote: `{"quote_start", "quote_end"}`, the span *including* the quote
//!   marks, plus optional `"speaker": {"start", "end", "text"}` (the phrase naming the
//!   speaker at the quote, `null` when unknown) and `"speaker_name"` (the speaker's full
//!   name when the phrase is a pronoun or a partial name).
//!
//! A line may hold both kinds. When any line of the file has entity items, every line
//! is taken as fully annotated for entities (a line with none is a document with no
//! entities), and the same for quotes; a kind absent from the whole file is not scored.
//! This is the format of the GUM development files (`gum_dev_entities.jsonl`,
//! `gum_dev_quotes.jsonl`).
//!
//! # Scoring
//!
//! Entities, per label and micro-averaged over PERSON, PLACE and ORG: *exact* (same
//! start, end and label) and *partial* (overlapping spans with the same label; each gold
//! and each predicted mention matched at most once, largest overlap first). NORP
//! predictions are scored only when the gold has NORP items.
//!
//! Quotes: only wirex's `direct` quotes are scored. A prediction matches a gold quote
//! when their overlap is at least 0.8 of the longer span, after the prediction is
//! widened by the quote marks next to it (gold spans include the marks, wirex's exclude
//! them); gold fragments cut at sentence ends are joined first (see [`quotes`]).
//! Precision counts every predicted direct quote the gold lacks, scare quotes and
//! titles included, so it is only as good as the gold's coverage: gold that annotates
//! the attributed quotes only (as GUM's does) makes it understate.
//! Speaker accuracy is over matched quotes whose gold has a speaker: correct when the
//! predicted speaker phrase overlaps the gold one, or the predicted person's canonical
//! name and the gold phrase or `speaker_name` contain one another as whole words,
//! ignoring case.

mod entities;
mod matching;
mod quotes;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use wirex::{Document, OffsetUnit, QuoteKind};

use entities::{EntityScores, Mention};
use matching::Range;
use quotes::{GoldQuote, GoldSpeaker, PredQuote, PredSpeaker, QuoteScores};

/// Arguments of `wirex eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold JSONL file: lines of {"id","text","gold":[...]}.
    #[arg(long)]
    pub gold: PathBuf,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    /// List missed and spurious entities and quotes and wrong speakers, per document
    /// (on stderr with --json).
    #[arg(long)]
    pub errors: bool,
    /// Score these wirex/1 documents (JSONL, one per gold line, same order) instead of
    /// running the pipeline: to compare versions, or another tool converted to wirex/1.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
}

/// One line of the gold file.
#[derive(Debug, Deserialize)]
struct GoldLine {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    gold: Vec<GoldItem>,
}

/// An entity or a quote item; see the module doc.
#[derive(Debug, Deserialize)]
struct GoldItem {
    start: Option<usize>,
    end: Option<usize>,
    label: Option<String>,
    text: Option<String>,
    quote_start: Option<usize>,
    quote_end: Option<usize>,
    speaker: Option<GoldSpan>,
    speaker_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GoldSpan {
    start: usize,
    end: usize,
    text: Option<String>,
}

/// The figures of a run, as `--json` prints them.
#[derive(Debug, Serialize)]
struct Report {
    gold: String,
    documents: usize,
    /// Gold entity items whose `text` differs from the text at their offsets.
    gold_text_mismatches: usize,
    entities: Option<Vec<entities::Row>>,
    quotes: Option<quotes::QuoteReport>,
}

/// Runs `wirex eval`.
pub fn run(args: &EvalArgs, pipeline: &wirex::Pipeline) -> anyhow::Result<ExitCode> {
    let file = std::fs::File::open(&args.gold)
        .with_context(|| format!("cannot open gold file {}", args.gold.display()))?;
    let mut lines = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", args.gold.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let gold: GoldLine = serde_json::from_str(&line)
            .with_context(|| format!("{}: line {}", args.gold.display(), i + 1))?;
        lines.push((i + 1, gold));
    }
    let items = || lines.iter().flat_map(|(_, l)| &l.gold);
    let score_entities = items().any(|g| g.label.is_some() && g.start.is_some());
    let score_quotes = items().any(|g| g.quote_start.is_some());
    let norp = items().any(|g| {
        g.label
            .as_deref()
            .and_then(entities::gold_label)
            .is_some_and(|l| l == wirex::Label::Norp)
    });

    let mut predictions = match &args.predictions {
        Some(path) => Some(read_predictions(path, lines.len())?.into_iter()),
        None => None,
    };
    let mut ents = EntityScores::default();
    let mut quotes = QuoteScores::default();
    let mut mismatches = 0;
    let mut errors = String::new();
    for (lineno, line) in &lines {
        let chars: Vec<char> = line.text.chars().collect();
        let gold = Gold::parse(line, &chars)
            .with_context(|| format!("{}: line {lineno}", args.gold.display()))?;
        mismatches += gold.text_mismatches;
        let doc = match &mut predictions {
            Some(docs) => docs.next().expect("one document per gold line, counted"),
            None => pipeline.extract(&line.text),
        };
        let to_cp = ToCodepoints::new(&line.text, doc.offsets);
        let name = || format!("{} (line {lineno})", display_id(&line.id));
        if score_entities {
            let pred = predicted_entities(&doc, &to_cp);
            let misses = ents.add(&gold.entities, &pred, norp);
            if args.errors {
                for m in &misses.missed {
                    errors += &miss_line(&name(), "missed", &chars, m.range, m.label);
                }
                for m in &misses.spurious {
                    errors += &miss_line(&name(), "spurious", &chars, m.range, m.label);
                }
            }
        }
        if score_quotes {
            let pred = predicted_quotes(&doc, &to_cp);
            let misses = quotes.add(&chars, &gold.quotes, &pred);
            if args.errors {
                for &r in &misses.missed {
                    errors += &format!("{}: missed quote {}\n", name(), excerpt(&chars, r));
                }
                for &r in &misses.spurious {
                    errors += &format!("{}: spurious quote {}\n", name(), excerpt(&chars, r));
                }
                for (g, p) in &misses.wrong_speaker {
                    let said = p.as_ref().map_or("nothing".to_string(), |p| {
                        let mention = p.mention.map(|m| excerpt(&chars, m));
                        format!("{:?} / {:?}", mention, p.name)
                    });
                    errors += &format!(
                        "{}: speaker {:?} at {}, predicted {said}\n",
                        name(),
                        g.names,
                        g.range.start
                    );
                }
            }
        }
    }

    let report = Report {
        gold: args.gold.display().to_string(),
        documents: lines.len(),
        gold_text_mismatches: mismatches,
        entities: score_entities.then(|| ents.rows()),
        quotes: score_quotes.then(|| quotes.report()),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        eprint!("{errors}");
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{errors}")?;
        write!(out, "{}", table(&report))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads `--predictions`: one wirex/1 document a line, as many as there are gold lines.
fn read_predictions(path: &std::path::Path, want: usize) -> anyhow::Result<Vec<Document>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read predictions {}", path.display()))?;
    let docs = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str::<Document>(l)
                .with_context(|| format!("{}: line {}", path.display(), i + 1))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    anyhow::ensure!(
        docs.len() == want,
        "{} holds {} documents for {want} gold lines",
        path.display(),
        docs.len()
    );
    Ok(docs)
}

/// The gold of one line, in code points.
struct Gold {
    entities: Vec<Mention>,
    quotes: Vec<GoldQuote>,
    text_mismatches: usize,
}

impl Gold {
    fn parse(line: &GoldLine, chars: &[char]) -> anyhow::Result<Gold> {
        let span = |start: usize, end: usize| -> anyhow::Result<Range> {
            anyhow::ensure!(
                start <= end && end <= chars.len(),
                "gold span {start}..{end} is outside the text ({} code points)",
                chars.len()
            );
            Ok(Range::new(start, end))
        };
        let mut gold = Gold {
            entities: Vec::new(),
            quotes: Vec::new(),
            text_mismatches: 0,
        };
        for item in &line.gold {
            if let (Some(start), Some(end), Some(label)) = (item.start, item.end, &item.label) {
                let range = span(start, end)?;
                if let Some(text) = &item.text {
                    if !chars[start..end].iter().copied().eq(text.chars()) {
                        gold.text_mismatches += 1;
                    }
                }
                if let Some(label) = entities::gold_label(label) {
                    gold.entities.push(Mention { range, label });
                }
            }
            if let (Some(start), Some(end)) = (item.quote_start, item.quote_end) {
                let range = span(start, end)?;
                let speaker = match &item.speaker {
                    Some(s) => Some(GoldSpeaker {
                        range: span(s.start, s.end)?,
                        names: [s.text.clone(), item.speaker_name.clone()]
                            .into_iter()
                            .flatten()
                            .filter(|n| !n.trim().is_empty())
                            .collect(),
                    }),
                    None => None,
                };
                gold.quotes.push(GoldQuote { range, speaker });
            }
        }
        Ok(gold)
    }
}

/// Maps the document's output offsets back to code points, the unit of the gold.
struct ToCodepoints {
    /// The offset, in the document's unit, of each character; `None` when the unit is
    /// already code points.
    starts: Option<Vec<usize>>,
}

impl ToCodepoints {
    fn new(text: &str, unit: OffsetUnit) -> ToCodepoints {
        if unit == OffsetUnit::Codepoints {
            return ToCodepoints { starts: None };
        }
        let width = |c: char| {
            if unit == OffsetUnit::Utf16 {
                c.len_utf16()
            } else {
                c.len_utf8()
            }
        };
        let starts = text
            .chars()
            .scan(0, |at, c| {
                let start = *at;
                *at += width(c);
                Some(start)
            })
            .collect();
        ToCodepoints {
            starts: Some(starts),
        }
    }

    fn cp(&self, offset: usize) -> usize {
        match &self.starts {
            None => offset,
            Some(starts) => starts.partition_point(|&s| s < offset),
        }
    }

    fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.cp(start), self.cp(end))
    }
}

fn predicted_entities(doc: &Document, to_cp: &ToCodepoints) -> Vec<Mention> {
    doc.entities
        .iter()
        .map(|e| Mention {
            range: to_cp.range(e.start, e.end),
            label: e.label,
        })
        .collect()
}

fn predicted_quotes(doc: &Document, to_cp: &ToCodepoints) -> Vec<PredQuote> {
    doc.quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .map(|q| PredQuote {
            range: to_cp.range(q.start, q.end),
            speaker: q.speaker.as_ref().map(|s| PredSpeaker {
                mention: s.mention.as_ref().map(|m| to_cp.range(m.start, m.end)),
                name: s.name.as_deref().map(str::to_owned).or_else(|| {
                    let id = s.person.as_deref()?;
                    let p = doc.people.iter().find(|p| p.id == id)?;
                    Some(p.name.to_string())
                }),
            }),
        })
        .collect()
}

fn display_id(id: &serde_json::Value) -> String {
    match id {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "-".to_string(),
        other => other.to_string(),
    }
}

fn excerpt(chars: &[char], r: Range) -> String {
    const MAX: usize = 70;
    let text: String = chars[r.start.min(chars.len())..r.end.min(chars.len())]
        .iter()
        .collect();
    let short: String = text.chars().take(MAX).collect();
    let dots = if text.chars().count() > MAX {
        "…"
    } else {
        ""
    };
    format!("{}..{} {:?}{dots}", r.start, r.end, short)
}

fn miss_line(doc: &str, what: &str, chars: &[char], r: Range, label: wirex::Label) -> String {
    format!(
        "{doc}: {what} {} {}\n",
        entities::label_name(label),
        excerpt(chars, r)
    )
}

/// The report as a text table.
fn table(r: &Report) -> String {
    let mut s = format!("wirex eval: {} ({} documents)\n", r.gold, r.documents);
    if r.gold_text_mismatches > 0 {
        s += &format!(
            "warning: {} gold items whose text differs from the text at their offsets \
             (offsets must be code points)\n",
            r.gold_text_mismatches
        );
    }
    if let Some(rows) = &r.entities {
        s += "\nentities            |        exact         | partial (overlap)\n";
        s += "label    gold  pred |   P      R      F1   |   P      R      F1\n";
        for row in rows {
            let (e, p) = (&row.exact, &row.partial);
            s += &format!(
                "{:<7}{:>6}{:>6} | {:.3}  {:.3}  {:.3} | {:.3}  {:.3}  {:.3}\n",
                row.label,
                e.gold,
                e.predicted,
                e.precision,
                e.recall,
                e.f1,
                p.precision,
                p.recall,
                p.f1
            );
        }
    }
    if let Some(q) = &r.quotes {
        let d = &q.direct;
        s += &format!(
            "\ndirect quotes ({} gold items joined into {} quotes; overlap >= 0.8 of the longer span)\n",
            q.gold_fragments, d.gold
        );
        s += &format!(
            "gold {}  predicted {}  matched {}  recall {:.3}  precision {:.3}  F1 {:.3}\n",
            d.gold, d.predicted, d.matched, d.recall, d.precision, d.f1
        );
        s += &format!(
            "speaker accuracy {:.3} ({} of {} matched quotes whose gold has a speaker)\n",
            q.speaker_accuracy, q.speakers_correct, q.speakers_scored
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_offsets_map_back_to_code_points() {
        let text = "–😀a b";
        // (unit, offset in that unit, code point)
        let cases = [
            (OffsetUnit::Codepoints, 2, 2),
            (OffsetUnit::Bytes, 0, 0),
            (OffsetUnit::Bytes, 3, 1),
            (OffsetUnit::Bytes, 7, 2),
            (OffsetUnit::Bytes, 10, 5),
            (OffsetUnit::Utf16, 3, 2),
            (OffsetUnit::Utf16, 6, 5),
        ];
        for (unit, offset, want) in cases {
            assert_eq!(
                ToCodepoints::new(text, unit).cp(offset),
                want,
                "{unit:?} {offset}"
            );
        }
    }

    #[test]
    fn gold_lines_parse_into_entities_and_quotes() {
        let line: GoldLine = serde_json::from_str(
            r#"{"id":"d","text":"“Hi,” said Ann in Łódź.","gold":[
                {"start":11,"end":14,"label":"PERSON","text":"Ann"},
                {"start":18,"end":22,"label":"LOCATION","text":"Lodz"},
                {"start":0,"end":5,"label":"ABSTRACT"},
                {"quote_start":0,"quote_end":5,"speaker":{"start":11,"end":14,"text":"Ann"},"speaker_name":"Ann Lee"}]}"#,
        )
        .unwrap();
        let chars: Vec<char> = line.text.chars().collect();
        let gold = Gold::parse(&line, &chars).unwrap();
        assert_eq!(gold.entities.len(), 2);
        assert_eq!(gold.entities[1].label, wirex::Label::Place);
        assert_eq!(gold.text_mismatches, 1);
        assert_eq!(gold.quotes[0].range, Range::new(0, 5));
        assert_eq!(
            gold.quotes[0].speaker.as_ref().unwrap().names,
            ["Ann", "Ann Lee"]
        );
    }

    #[test]
    fn a_span_outside_the_text_is_an_error() {
        let line: GoldLine =
            serde_json::from_str(r#"{"text":"short","gold":[{"start":2,"end":9,"label":"ORG"}]}"#)
                .unwrap();
        let chars: Vec<char> = line.text.chars().collect();
        let err = Gold::parse(&line, &chars).err().unwrap();
        assert!(err.to_string().contains("outside the text"), "{err}");
    }

    #[test]
    fn table_shows_every_label_and_the_quote_lines() {
        let mut ents = EntityScores::default();
        let m = |s, e, label| Mention {
            range: Range::new(s, e),
            label,
        };
        ents.add(
            &[m(0, 3, wirex::Label::Person)],
            &[m(0, 3, wirex::Label::Person)],
            false,
        );
        let report = Report {
            gold: "g.jsonl".into(),
            documents: 1,
            gold_text_mismatches: 0,
            entities: Some(ents.rows()),
            quotes: Some(QuoteScores::default().report()),
        };
        let t = table(&report);
        for want in [
            "PERSON",
            "PLACE",
            "ORG ",
            "micro",
            "speaker accuracy",
            "1.000",
        ] {
            assert!(t.contains(want), "{want} missing in\n{t}");
        }
        assert!(!t.contains("NORP"));
    }
}
