//! Known names, found in one pass.
//!
//! Every gazetteer file is a TSV with the header `id canonical alias type extra source`:
//! one row per surface form (`alias`) of an entry (`id`, `canonical`). The `type` column
//! decides the entry's [`Class`] (see [`TYPES`]); `extra` holds `key=value;key=value`
//! attributes (`cc=UA`, `pop=2797553`, `shared_with=BYN`, `common=1`).
//!
//! All aliases go into one Aho-Corasick automaton (leftmost-longest, ASCII case
//! folded); word boundaries and case rules are checked on each match afterwards.

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::Error;

/// What kind of thing an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Country,
    Nationality,
    Subdivision,
    City,
    Region,
    Org,
    LegalForm,
    Title,
    GivenName,
    Surname,
    ReportingVerb,
    Currency,
}

/// The `type` column values and the class each belongs to. User files use the same
/// types; an unknown type is an error naming the file and line.
pub(crate) const TYPES: &[(&str, Class)] = &[
    ("country", Class::Country),
    ("demonym_adj", Class::Nationality),
    ("demonym_pl", Class::Nationality),
    ("demonym_noun", Class::Nationality),
    ("subdivision", Class::Subdivision),
    ("city", Class::City),
    ("capital", Class::City),
    ("continent", Class::Region),
    ("region", Class::Region),
    ("igo", Class::Org),
    ("news_agency", Class::Org),
    ("news_outlet", Class::Org),
    ("company", Class::Org),
    ("ministry", Class::Org),
    ("government", Class::Org),
    ("armed_forces", Class::Org),
    ("party", Class::Org),
    ("armed_group", Class::Org),
    ("org", Class::Org),
    ("org_legal_form", Class::LegalForm),
    ("honorific", Class::Title),
    ("honorific_abbrev", Class::Title),
    ("role", Class::Title),
    ("given_name", Class::GivenName),
    ("surname", Class::Surname),
    ("VB", Class::ReportingVerb),
    ("VBZ", Class::ReportingVerb),
    ("VBD", Class::ReportingVerb),
    ("VBN", Class::ReportingVerb),
    ("VBG", Class::ReportingVerb),
    ("CUE", Class::ReportingVerb),
    ("currency_name", Class::Currency),
    ("currency_unit", Class::Currency),
    ("currency_code", Class::Currency),
    ("currency_symbol", Class::Currency),
];

/// The gazetteer files compiled into the binary.
const EMBEDDED: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../gazetteers/countries.tsv")),
    ("demonyms.tsv", include_str!("../gazetteers/demonyms.tsv")),
    (
        "subdivisions.tsv",
        include_str!("../gazetteers/subdivisions.tsv"),
    ),
    ("places.tsv", include_str!("../gazetteers/places.tsv")),
    ("regions.tsv", include_str!("../gazetteers/regions.tsv")),
    ("orgs.tsv", include_str!("../gazetteers/orgs.tsv")),
    ("companies.tsv", include_str!("../gazetteers/companies.tsv")),
    (
        "legal_forms.tsv",
        include_str!("../gazetteers/legal_forms.tsv"),
    ),
    ("titles.tsv", include_str!("../gazetteers/titles.tsv")),
    (
        "given_names.tsv",
        include_str!("../gazetteers/given_names.tsv"),
    ),
    ("surnames.tsv", include_str!("../gazetteers/surnames.tsv")),
    (
        "reporting_verbs.tsv",
        include_str!("../gazetteers/reporting_verbs.tsv"),
    ),
    (
        "currencies.tsv",
        include_str!("../gazetteers/currencies.tsv"),
    ),
];

/// One entry of a gazetteer, as one alias row describes it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub class: Class,
    /// The TSV `type` column (`capital`, `demonym_adj`, `VBD`, `currency_unit`, ...).
    pub kind: Box<str>,
    pub id: Box<str>,
    pub canonical: Box<str>,
    /// `key=value;key=value` attributes.
    pub extra: Box<str>,
}

impl Entry {
    /// The value of attribute `key` in `extra`, if present.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.extra.split(';').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == key).then_some(v)
        })
    }
}

/// Index of an entry in [`Gazetteer::entry`].
pub(crate) type EntryId = u32;

/// A gazetteer match in the text: a byte range and the pattern that matched it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pattern: u32,
}

/// All known names, compiled for matching.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    entries: Vec<Entry>,
    /// Distinct surface forms, in automaton pattern order.
    patterns: Vec<Box<str>>,
    /// For each pattern, the entries it names.
    candidates: Vec<Vec<EntryId>>,
    automaton: AhoCorasick,
    by_alias: HashMap<Box<str>, u32>,
}

impl Gazetteer {
    /// Builds the gazetteer from the embedded files plus `extra` (name, TSV contents).
    pub fn build(extra: &[(String, String)]) -> Result<Gazetteer, Error> {
        let mut loader = Loader::default();
        for (name, text) in EMBEDDED {
            loader.load(Path::new(name), text)?;
        }
        for (name, text) in extra {
            loader.load(Path::new(name), text)?;
        }
        loader.finish()
    }

    /// Every match in `text`, in text order, word boundaries and case rules checked.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        for m in self.automaton.find_iter(text) {
            let pattern = m.pattern().as_u32();
            let surface = &self.patterns[pattern as usize];
            if !at_word_boundary(bytes, m.start(), m.end(), surface)
                || !case_matches(surface, &text[m.start()..m.end()])
            {
                continue;
            }
            hits.push(Hit {
                start: m.start(),
                end: m.end(),
                pattern,
            });
        }
        hits
    }

    /// The entries a hit may name (several when the alias is ambiguous).
    pub fn candidates(&self, hit: &Hit) -> impl Iterator<Item = &Entry> {
        self.candidates[hit.pattern as usize]
            .iter()
            .map(|&id| &self.entries[id as usize])
    }

    /// The entries whose alias is exactly `surface`.
    pub fn lookup(&self, surface: &str) -> impl Iterator<Item = &Entry> {
        let ids = match self.by_alias.get(surface) {
            Some(&p) => self.candidates[p as usize].as_slice(),
            None => &[],
        };
        ids.iter().map(|&id| &self.entries[id as usize])
    }

    /// The entry with index `id`.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id as usize]
    }

    /// How many entries (alias rows) were loaded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

#[derive(Default)]
struct Loader {
    entries: Vec<Entry>,
    patterns: Vec<Box<str>>,
    candidates: Vec<Vec<EntryId>>,
    by_alias: HashMap<Box<str>, u32>,
}

impl Loader {
    fn load(&mut self, path: &Path, text: &str) -> Result<(), Error> {
        let err = |line: usize, message: String| Error::Gazetteer {
            path: path.to_path_buf(),
            line,
            message,
        };
        // The header may follow `#` comment lines (generated files name their script).
        let mut header_allowed = true;
        for (i, line) in text.lines().enumerate() {
            let lineno = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if std::mem::take(&mut header_allowed) && line.starts_with("id\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                return Err(err(lineno, format!("expected at least 4 tab-separated columns (id, canonical, alias, type), found {}", cols.len())));
            }
            let (id, canonical, alias, kind) = (cols[0], cols[1], cols[2], cols[3]);
            if alias.is_empty() || canonical.is_empty() {
                return Err(err(lineno, "empty canonical or alias".to_string()));
            }
            let class = TYPES
                .iter()
                .find(|(t, _)| *t == kind)
                .map(|&(_, c)| c)
                .ok_or_else(|| err(lineno, format!("unknown type {kind:?}")))?;
            let entry_id = self.entries.len() as EntryId;
            self.entries.push(Entry {
                class,
                kind: kind.into(),
                id: id.into(),
                canonical: canonical.into(),
                extra: cols.get(4).copied().unwrap_or("").into(),
            });
            let pattern = match self.by_alias.get(alias) {
                Some(&p) => p,
                None => {
                    let p = self.patterns.len() as u32;
                    self.patterns.push(alias.into());
                    self.candidates.push(Vec::new());
                    self.by_alias.insert(alias.into(), p);
                    p
                }
            };
            self.candidates[pattern as usize].push(entry_id);
        }
        Ok(())
    }

    fn finish(self) -> Result<Gazetteer, Error> {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(self.patterns.iter().map(|p| p.as_bytes()))
            .map_err(|e| Error::Gazetteer {
                path: "<all>".into(),
                line: 0,
                message: e.to_string(),
            })?;
        Ok(Gazetteer {
            entries: self.entries,
            patterns: self.patterns,
            candidates: self.candidates,
            automaton,
            by_alias: self.by_alias,
        })
    }
}

/// True when the match is not part of a longer word. A pattern edge that is not
/// alphanumeric (`$`, the dot of `U.S.`) needs no boundary on that side.
fn at_word_boundary(text: &[u8], start: usize, end: usize, surface: &str) -> bool {
    let word = |c: char| c.is_alphanumeric();
    let first = surface.chars().next().is_some_and(word);
    let last = surface.chars().next_back().is_some_and(word);
    let before = std::str::from_utf8(&text[..start])
        .ok()
        .and_then(|s| s.chars().next_back());
    let after = std::str::from_utf8(&text[end..])
        .ok()
        .and_then(|s| s.chars().next());
    (!first || !before.is_some_and(word)) && (!last || !after.is_some_and(word))
}

/// An alias with capitals must match as written; a lowercase alias (a verb, a role,
/// a currency unit) also matches with its first letter capitalized or in all caps.
fn case_matches(surface: &str, found: &str) -> bool {
    if surface == found {
        return true;
    }
    if surface.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let mut chars = found.chars();
    let rest = chars.as_str().get(1..).unwrap_or("");
    let _ = chars.next();
    found.to_ascii_lowercase() == surface
        && (found.bytes().all(|b| !b.is_ascii_lowercase())
            || rest.bytes().all(|b| !b.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz(rows: &str) -> Gazetteer {
        let mut loader = Loader::default();
        let text = format!("id\tcanonical\talias\ttype\textra\tsource\n{rows}");
        loader.load(Path::new("test.tsv"), &text).unwrap();
        loader.finish().unwrap()
    }

    fn found(g: &Gazetteer, text: &str) -> Vec<String> {
        g.find(text)
            .iter()
            .map(|h| {
                format!(
                    "{}={}",
                    &text[h.start..h.end],
                    g.candidates(h).next().unwrap().canonical
                )
            })
            .collect()
    }

    #[test]
    fn word_boundaries_and_variants() {
        let g = gaz("RU\tRussia\tRussia\tcountry\t\t\nUS\tUnited States\tU.S.\tcountry\t\t\nUS\tUnited States\tUS\tcountry\t\t\nsay\tsay\tsaid\tVBD\t\t\n");
        assert_eq!(
            found(&g, "Russian troops in Russia."),
            vec!["Russia=Russia"]
        );
        assert_eq!(
            found(&g, "the U.S.-led push, US aid"),
            vec!["U.S.=United States", "US=United States"]
        );
        assert_eq!(
            found(&g, "Said he. She said. SAID"),
            vec!["Said=say", "said=say", "SAID=say"]
        );
        assert!(found(&g, "tell us").is_empty());
    }

    #[test]
    fn header_may_follow_comment_lines() {
        let mut loader = Loader::default();
        let text = "# generated by a script\n# do not edit\nid\tcanonical\talias\ttype\textra\tsource\nUA\tUkraine\tUkraine\tcountry\tcc=UA\t\n";
        loader.load(Path::new("gen.tsv"), text).unwrap();
        let g = loader.finish().unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g.lookup("Ukraine").next().unwrap().attr("cc"), Some("UA"));
    }

    #[test]
    fn header_only_once_before_data() {
        let mut loader = Loader::default();
        let e = loader
            .load(
                Path::new("two.tsv"),
                "id\tcanonical\talias\ttype\nX\tX\tX\tcountry\nid\tcanonical\talias\ttype\n",
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "gazetteer two.tsv, line 3: unknown type \"type\""
        );
    }

    #[test]
    fn malformed_user_line_names_file_and_line() {
        let mut loader = Loader::default();
        let e = loader
            .load(
                Path::new("mine.tsv"),
                "id\tcanonical\talias\ttype\nX\tX\tX\tnonsense\n",
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "gazetteer mine.tsv, line 2: unknown type \"nonsense\""
        );
    }
}
