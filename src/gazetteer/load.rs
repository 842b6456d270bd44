//! Reading gazetteer TSV into the index, with errors that name the file and line.
//!
//! The embedded files are `&'static str`: their fields are borrowed, not copied, so the
//! build does one pass over ~15 MB of text and one hash insert per alias. Only user
//! files, read at run time, own their strings.

use std::collections::HashMap;
use std::path::PathBuf;

use super::index::{count_tokens, fold_hash, FoldIndex, Key, MAX_TOKENS, NONE};
use super::matcher::may_start_lowercase;
use super::{Class, Entry, EntryId, Gazetteer, Str, Surface, TYPES};
use crate::Error;

/// The columns of a row; `extra` and `source` may be left off.
const MIN_COLUMNS: usize = 4;
const MAX_COLUMNS: usize = 6;

/// A header line starts with this. It may follow `#` comment lines (generated files
/// name their script there), but not data rows.
const HEADER: &str = "id\tcanonical\talias\ttype";

/// Rows of the same entry (id and class) that follow each other in a file.
struct Run {
    id: Str,
    class: Class,
    first: usize,
    /// The canonical row's attributes, or the first non-empty ones of the run.
    base: Str,
    base_is_canonical: bool,
    user: bool,
}

pub(super) struct Loader {
    entries: Vec<Entry>,
    entry_next: Vec<EntryId>,
    surfaces: Vec<Surface>,
    index: FoldIndex,
    run: Option<Run>,
    /// Runs from user files without attributes of their own: they inherit those of the
    /// same entry in another file (a user alias for an embedded city keeps `cc`, `pop`).
    orphans: Vec<(usize, usize)>,
}

impl Loader {
    /// A loader sized for about `bytes` of TSV.
    pub fn with_capacity(bytes: usize) -> Loader {
        // About 60 bytes a row in the embedded data.
        let rows = bytes / 60;
        Loader {
            entries: Vec::with_capacity(rows),
            entry_next: Vec::with_capacity(rows),
            surfaces: Vec::with_capacity(rows),
            index: FoldIndex::with_capacity(rows + rows / 8),
            run: None,
            orphans: Vec::new(),
        }
    }

    /// Loads an embedded file: fields are borrowed from it.
    pub fn load_static(&mut self, name: &str, text: &'static str) -> Result<(), Error> {
        self.load(name, text, false, Str::from)
    }

    /// Loads a user file: fields are copied.
    pub fn load_owned(&mut self, name: &str, text: &str) -> Result<(), Error> {
        self.load(name, text, true, |s| Str::from(s.to_owned()))
    }

    fn load<'t>(
        &mut self,
        name: &str,
        text: &'t str,
        user: bool,
        make: impl Fn(&'t str) -> Str,
    ) -> Result<(), Error> {
        let err = |line: usize, message: String| Error::Gazetteer {
            path: PathBuf::from(name),
            line,
            message,
        };
        let mut header_allowed = true;
        for (i, line) in text.split('\n').enumerate() {
            let lineno = i + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if std::mem::take(&mut header_allowed) && line.starts_with(HEADER) {
                continue;
            }
            let mut cols = [""; MAX_COLUMNS];
            let mut n = 0;
            for col in line.split('\t') {
                if n < MAX_COLUMNS {
                    cols[n] = col;
                }
                n += 1;
            }
            if !(MIN_COLUMNS..=MAX_COLUMNS).contains(&n) {
                return Err(err(
                    lineno,
                    format!(
                        "expected {MIN_COLUMNS} to {MAX_COLUMNS} tab-separated columns \
                         (id, canonical, alias, type, extra, source), found {n}"
                    ),
                ));
            }
            let [id, canonical, alias, kind, extra, _source] = cols;
            for (what, value) in [("id", id), ("canonical", canonical), ("alias", alias)] {
                if value.trim().is_empty() {
                    return Err(err(lineno, format!("empty {what}")));
                }
            }
            if alias.trim() != alias {
                return Err(err(
                    lineno,
                    format!("alias {alias:?} has surrounding spaces"),
                ));
            }
            let (kind, class) = TYPES
                .iter()
                .find(|(t, _)| *t == kind)
                .copied()
                .ok_or_else(|| err(lineno, format!("unknown type {kind:?}")))?;
            if let Some(bad) = extra
                .split(';')
                .find(|kv| !kv.is_empty() && !kv.contains('='))
            {
                return Err(err(
                    lineno,
                    format!("extra {bad:?} is not key=value (pairs are separated by ';')"),
                ));
            }
            self.add_row(
                class,
                kind,
                make(id),
                make(canonical),
                alias,
                make(alias),
                make(extra),
                user,
            );
        }
        self.close_run();
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn add_row(
        &mut self,
        class: Class,
        kind: &'static str,
        id: Str,
        canonical: Str,
        alias_text: &str,
        alias: Str,
        extra: Str,
        user: bool,
    ) {
        let is_canonical = alias_text == canonical.as_str();
        let same_run = self
            .run
            .as_ref()
            .is_some_and(|r| r.class == class && r.id == id);
        if !same_run {
            self.close_run();
            self.run = Some(Run {
                id: id.clone(),
                class,
                first: self.entries.len(),
                base: Str::default(),
                base_is_canonical: false,
                user,
            });
        }
        if let Some(run) = self.run.as_mut() {
            if !extra.is_empty() && (run.base.is_empty() || is_canonical && !run.base_is_canonical)
            {
                run.base = extra.clone();
                run.base_is_canonical = is_canonical;
            }
        }

        let entry = self.entries.len() as EntryId;
        self.entries.push(Entry {
            class,
            kind,
            id,
            canonical,
            extra,
            inherited: Str::default(),
        });
        self.entry_next.push(NONE);
        let lower_start = may_start_lowercase(class, alias_text);
        let surface = self.surface(alias_text, alias, lower_start);
        let s = &mut self.surfaces[surface as usize];
        if s.first_entry == NONE {
            s.first_entry = entry;
        } else {
            self.entry_next[s.last_entry as usize] = entry;
        }
        s.last_entry = entry;
    }

    /// The surface for `alias`, added (with its index keys) when new.
    fn surface(&mut self, alias_text: &str, alias: Str, lower_start: bool) -> u32 {
        let bytes = alias_text.as_bytes();
        let hash = fold_hash(bytes);
        let surfaces = &self.surfaces;
        let found = self.index.get(bytes, hash, |k| spelling(surfaces, k));
        if let Some(k) = found {
            let mut s = self.index.keys[k as usize].head;
            while s != NONE {
                if self.surfaces[s as usize].alias.as_str() == alias_text {
                    // Only the lowercase reach of the alias can change with a new row.
                    if lower_start {
                        self.update_prefix(alias_text, s, lower_start);
                    }
                    return s;
                }
                s = self.surfaces[s as usize].next;
            }
        }
        let s = self.surfaces.len() as u32;
        self.surfaces.push(Surface {
            alias,
            first_entry: NONE,
            last_entry: NONE,
            next: NONE,
        });
        match found {
            Some(k) => {
                let key = &mut self.index.keys[k as usize];
                if key.head == NONE {
                    key.head = s;
                } else {
                    self.surfaces[key.tail as usize].next = s;
                }
                key.tail = s;
            }
            None => {
                self.index.insert(Key {
                    hash,
                    head: s,
                    tail: s,
                    spelled_by: s,
                    len: bytes.len() as u32,
                    max_tokens: 0,
                    max_tokens_lower: 0,
                });
            }
        }
        self.update_prefix(alias_text, s, lower_start);
        s
    }

    /// Records the alias's length in tokens under its first token, so that matching
    /// tries spans that long from there.
    fn update_prefix(&mut self, alias: &str, surface: u32, lower_start: bool) {
        let (tokens, first_end) = count_tokens(alias);
        if !(1..=MAX_TOKENS).contains(&tokens) {
            return;
        }
        let n = tokens as u8;
        let n_lower = if lower_start { n } else { 0 };
        let bytes = &alias.as_bytes()[..first_end];
        let hash = fold_hash(bytes);
        let surfaces = &self.surfaces;
        match self.index.get(bytes, hash, |k| spelling(surfaces, k)) {
            Some(k) => {
                let key = &mut self.index.keys[k as usize];
                key.max_tokens = key.max_tokens.max(n);
                key.max_tokens_lower = key.max_tokens_lower.max(n_lower);
            }
            None => {
                self.index.insert(Key {
                    hash,
                    head: NONE,
                    tail: NONE,
                    spelled_by: surface,
                    len: first_end as u32,
                    max_tokens: n,
                    max_tokens_lower: n_lower,
                });
            }
        }
    }

    /// Ends the current run: its rows inherit the run's attributes.
    fn close_run(&mut self) {
        let Some(run) = self.run.take() else { return };
        if run.base.is_empty() {
            if run.user {
                self.orphans.push((run.first, self.entries.len()));
            }
            return;
        }
        for e in &mut self.entries[run.first..] {
            e.inherited = run.base.clone();
        }
    }

    pub fn finish(mut self) -> Gazetteer {
        self.close_run();
        if !self.orphans.is_empty() {
            let mut bases: HashMap<(&str, Class), &Str> = HashMap::new();
            for e in &self.entries {
                if !e.inherited.is_empty() {
                    bases
                        .entry((e.id.as_str(), e.class))
                        .or_insert(&e.inherited);
                }
            }
            let fills: Vec<(usize, Str)> = self
                .orphans
                .iter()
                .flat_map(|&(a, b)| a..b)
                .filter_map(|i| {
                    let e = &self.entries[i];
                    let base = bases.get(&(e.id.as_str(), e.class))?;
                    Some((i, (*base).clone()))
                })
                .collect();
            for (i, base) in fills {
                self.entries[i].inherited = base;
            }
        }
        Gazetteer {
            entries: self.entries,
            entry_next: self.entry_next,
            surfaces: self.surfaces,
            index: self.index,
        }
    }
}

/// The bytes a key was made from.
pub(super) fn spelling<'a>(surfaces: &'a [Surface], key: &Key) -> &'a [u8] {
    &surfaces[key.spelled_by as usize].alias.as_bytes()[..key.len as usize]
}
