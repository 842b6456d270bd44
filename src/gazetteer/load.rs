//! Reading gazetteer TSV into the index, with errors that name the file and line.
//!
//! The build has to stay within a few tens of milliseconds for ~20 MB of embedded TSV,
//! so: the embedded files are `&'static str` and their fields are borrowed, not
//! copied; consecutive rows of one entry with the same attributes share one [`Entry`]
//! (240k rows make 114k entries); each alias costs one hash insert. Only user files,
//! read at run time, own their strings, and only they get the full attribute check
//! (the embedded files get it from a test). The rows come prepared (split, checked,
//! hashed: see [`prepare`](super::prepare)), on a second thread when there is one.

use std::collections::HashMap;
use std::path::PathBuf;

use super::currency::Currency;
use super::facts::{Facts, Fields};
use super::index::{spread, FoldIndex, Key, MAX_KEYS, MAX_TOKENS, NONE};
use super::matcher::{alias_shape, lowercase_may_match, mark_known, support_needed, Readings};
use super::nations::Nations;
use super::prepare::{prefixes, same, Chunk, Prefix, Prepared, Preparer};
use super::{Class, ClassSet, Entry, EntryId, Gazetteer, Row, Str, Surface, LISTED};
use crate::Error;

/// Rows of the same entry (id and class) that follow each other in a file.
struct Run {
    id: Str,
    class: Class,
    /// The run's first entry.
    first: usize,
    /// The canonical row's attributes, or the first non-empty ones of the run.
    base: Str,
    base_is_canonical: bool,
    user: bool,
}

pub(super) struct Loader {
    entries: Vec<Entry>,
    rows: Vec<Row>,
    surfaces: Vec<Surface>,
    index: FoldIndex,
    run: Option<Run>,
    /// Entry ranges from user files without attributes of their own: they inherit those
    /// of the same entry in another file (a user alias for an embedded city keeps `cc`).
    orphans: Vec<(usize, usize)>,
    /// Scratch for token prefix ends and prefixes.
    prefix_ends: Vec<usize>,
    prefixes: Vec<Prefix>,
    /// [`Gazetteer::listed`](super::Gazetteer): the surfaces with a row of
    /// [`LISTED`], as their first such row comes.
    listed: Vec<u32>,
    /// [`Gazetteer::nation`](super::Gazetteer::nation)'s filter.
    nations: Nations,
}

impl Loader {
    /// A loader sized for about `bytes` of TSV.
    pub fn with_capacity(bytes: usize) -> Loader {
        // About 78 bytes a row, 2.1 rows an entry and 1.09 keys a row in the embedded
        // data (240k rows, 261k keys): a key vector that grew would copy 17 MB and
        // touch twice its pages.
        let rows = bytes / 78;
        Loader {
            entries: Vec::with_capacity(rows / 2),
            rows: Vec::with_capacity(rows),
            surfaces: Vec::with_capacity(rows),
            index: FoldIndex::with_capacity(rows + rows / 8),
            run: None,
            orphans: Vec::new(),
            prefix_ends: Vec::new(),
            prefixes: Vec::new(),
            listed: Vec::new(),
            nations: Nations::new(),
        }
    }

    /// Loads an embedded file: fields are borrowed from it.
    pub fn load_static(&mut self, name: &str, text: &'static str) -> Result<(), Error> {
        self.load(name, text, false, Str::from)
    }

    /// Loads a user file: fields are copied and every attribute is checked.
    pub fn load_owned(&mut self, name: &str, text: &str) -> Result<(), Error> {
        self.load(name, text, true, |s| Str::from(s.to_owned()))
    }

    /// Prepares and inserts the rows of one file, a chunk at a time, on this thread.
    fn load<'t>(
        &mut self,
        name: &str,
        text: &'t str,
        user: bool,
        make: impl Fn(&'t str) -> Str,
    ) -> Result<(), Error> {
        let mut preparer = Preparer::new(text, user, false);
        let mut chunk = Chunk::default();
        while preparer.fill(&mut chunk) {
            self.insert(name, &chunk, user, &make)?;
        }
        Ok(())
    }

    /// Inserts a chunk of prepared rows of file `name`, in order; `make` turns the
    /// file's text into the gazetteer's strings (borrowed or copied: see
    /// [`Loader::load_static`]). After the file's last chunk, its last run is closed.
    pub fn insert<'t>(
        &mut self,
        name: &str,
        chunk: &Chunk<'t>,
        user: bool,
        make: &impl Fn(&'t str) -> Str,
    ) -> Result<(), Error> {
        let err = |line: usize, message: String| Error::Gazetteer {
            path: PathBuf::from(name),
            line,
            message,
        };
        for row in &chunk.rows {
            if self.index.keys.len() + MAX_TOKENS + 1 > MAX_KEYS {
                return Err(err(
                    row.line,
                    format!("more than {MAX_KEYS} distinct aliases"),
                ));
            }
            let ahead = row.ahead.map(|(_, _, range)| chunk.prefixes_of(range));
            self.add_row(row, ahead, user, make);
        }
        if let Some((line, message)) = &chunk.error {
            return Err(err(*line, message.clone()));
        }
        if chunk.last {
            self.close_run();
        }
        Ok(())
    }

    fn add_row<'t>(
        &mut self,
        row: &Prepared<'t>,
        ahead: Option<&[Prefix]>,
        user: bool,
        make: &impl Fn(&'t str) -> Str,
    ) {
        let class = row.class;
        let run = match self.run.as_mut() {
            Some(run) if row.same_run => run,
            _ => {
                self.close_run();
                self.run.insert(Run {
                    id: make(row.id),
                    class,
                    first: self.entries.len(),
                    base: Str::default(),
                    base_is_canonical: false,
                    user,
                })
            }
        };
        let (extra, is_canonical) = (row.extra, row.is_canonical);
        if !extra.is_empty() && (run.base.is_empty() || is_canonical && !run.base_is_canonical) {
            run.base = make(extra);
            run.base_is_canonical = is_canonical;
        }

        // Rows of one entry that differ only in their alias share the entry.
        if !row.shared {
            let id = run.id.clone();
            self.entries.push(Entry {
                class,
                kind: row.kind,
                type_at: row.type_at,
                id,
                canonical: make(row.canonical),
                extra: make(extra),
                inherited: Str::default(),
                common: row.common,
                facts: Facts::default(),
                reference: Default::default(),
                currency: NONE,
            });
        }
        let entry = (self.entries.len() - 1) as EntryId;
        let row_id = self.rows.len() as u32;
        let (common, rule) = (row.common, row.rule);
        self.rows.push(Row {
            entry,
            next: NONE,
            class,
            common,
            rule,
        });
        let (surface, key) = self.surface(row, ahead, make);
        self.index.keys[key as usize].common |= common;
        let s = &mut self.surfaces[surface as usize];
        let own_rule = (!common).then_some(rule);
        if s.first_row == NONE {
            s.first_row = row_id;
            s.uniform = own_rule;
        } else {
            self.rows[s.last_row as usize].next = row_id;
            if s.uniform != own_rule {
                s.uniform = None;
            }
        }
        s.last_row = row_id;
        if class == LISTED && !s.classes.contains(class) {
            self.listed.push(surface);
        }
        self.nations.add(class, s.classes, surface, &row.probe);
        s.classes = s.classes.with(class);
        if common {
            s.support_wanted |= support_needed(class) as u8;
        }
    }

    /// The surface for the row's alias, added (with its index keys) when new, and its
    /// key.
    fn surface<'t>(
        &mut self,
        row: &Prepared<'t>,
        ahead: Option<&[Prefix]>,
        make: &impl Fn(&'t str) -> Str,
    ) -> (u32, u32) {
        let (alias, small) = (row.alias, row.small);
        let bytes = alias.as_bytes();
        let surfaces = &self.surfaces;
        let found = self
            .index
            .get_hashed(bytes, &row.probe, row.hash, false, |k| {
                spelling(surfaces, k)
            });
        if let Some(k) = found {
            let mut s = self.index.keys[k as usize].head;
            while s != NONE {
                if same(&self.surfaces[s as usize].alias, alias) {
                    // Only the small-table reach of the alias can change with a new row.
                    if small {
                        self.update_prefixes(alias, ahead, s, k, small);
                    }
                    return (s, k);
                }
                s = self.surfaces[s as usize].next;
            }
        }
        let s = self.surfaces.len() as u32;
        let (case, shape) = match row.ahead {
            Some((case, shape, _)) => (case, shape),
            None => alias_shape(alias),
        };
        self.surfaces.push(Surface {
            alias: make(alias),
            first_row: NONE,
            last_row: NONE,
            next: NONE,
            case,
            shape,
            classes: ClassSet::default(),
            uniform: None,
            support_wanted: 0,
        });
        let k = match found {
            Some(k) => {
                let key = &mut self.index.keys[k as usize];
                if key.head == NONE {
                    key.head = s;
                } else {
                    self.surfaces[key.tail as usize].next = s;
                }
                key.tail = s;
                k
            }
            None => self
                .index
                .insert(new_key(s, s, bytes.len()), row.hash, &row.probe),
        };
        let key = &mut self.index.keys[k as usize];
        key.small_alias |= bytes.first().is_some_and(|b| !b.is_ascii_uppercase());
        self.update_prefixes(alias, ahead, s, k, small);
        (s, k)
    }

    /// Marks every token prefix of the alias as extending (adding keys for the new
    /// ones), so that matching walks from the first token to the whole alias. `k` is
    /// the alias's own key.
    ///
    /// `ahead`: the alias's prefixes when the preparer worked them out.
    fn update_prefixes(
        &mut self,
        alias: &str,
        ahead: Option<&[Prefix]>,
        surface: u32,
        k: u32,
        small: bool,
    ) {
        self.index.keys[k as usize].small |= small;
        let mut scratch = std::mem::take(&mut self.prefixes);
        let list = match ahead {
            Some(list) => list,
            None => {
                prefixes(alias, &mut self.prefix_ends, &mut scratch);
                &scratch
            }
        };
        for (i, p) in list.iter().enumerate() {
            let bytes = alias.as_bytes().get(..p.end).unwrap_or_default();
            let surfaces = &self.surfaces;
            let found = self
                .index
                .get_hashed(bytes, &p.probe, p.hash, false, |k| spelling(surfaces, k));
            let key = found.unwrap_or_else(|| {
                self.index
                    .insert(new_key(NONE, surface, p.end), p.hash, &p.probe)
            });
            if let Some(next) = &p.next {
                // The bit of the byte the alias goes on with after the next token, as
                // the next prefix has it; none when the alias ends with that token.
                let after = list.get(i + 1).map_or(0, |q| q.bit);
                self.index.add_pair(key, next, after);
            }
            let key = &mut self.index.keys[key as usize];
            key.next |= p.bit;
            if small {
                key.next_small |= p.bit;
            }
            key.small |= small;
        }
        self.prefixes = scratch;
    }

    /// Ends the current run: its entries inherit the run's attributes.
    fn close_run(&mut self) {
        let Some(run) = self.run.take() else { return };
        if run.base.is_empty() {
            if run.user {
                self.orphans.push((run.first, self.entries.len()));
            }
            return;
        }
        for e in &mut self.entries[run.first..] {
            if !same(&e.extra, &run.base) {
                e.inherited = run.base.clone();
            }
        }
    }

    /// The gazetteer, on this thread.
    pub fn finish(self) -> Gazetteer {
        self.finish_on(1)
    }

    /// The gazetteer; with `threads > 1` the entries' facts are read on a second
    /// thread while this one completes the index.
    pub fn finish_on(mut self, threads: usize) -> Gazetteer {
        self.close_run();
        if !self.orphans.is_empty() {
            let mut bases: HashMap<(&str, Class), &Str> = HashMap::new();
            for e in &self.entries {
                let base = if e.inherited.is_empty() {
                    &e.extra
                } else {
                    &e.inherited
                };
                if !base.is_empty() {
                    bases.entry((e.id.as_str(), e.class)).or_insert(base);
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
        let mut entries = std::mem::take(&mut self.entries);
        let hashes = self.index.take_hashes();
        let (mut g, (table, currencies)) = if threads > 1 {
            std::thread::scope(|scope| {
                let other = scope.spawn(|| {
                    read_facts(&mut entries);
                    (spread(hashes), read_currencies(&mut entries))
                });
                let g = self.complete();
                // The other thread does not panic; if it did, so does this one.
                (
                    g,
                    other
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                )
            })
        } else {
            read_facts(&mut entries);
            let currencies = read_currencies(&mut entries);
            (self.complete(), (spread(hashes), currencies))
        };
        g.index.install(table);
        g.entries = entries;
        g.currencies = currencies;
        g
    }

    /// The gazetteer with its index complete, without its entries (taken out to have
    /// their facts read meanwhile): nothing here reads them.
    fn complete(mut self) -> Gazetteer {
        self.mark_lower_ok();
        let surfaces = &self.surfaces;
        self.index.finish(|k| spelling(surfaces, k));
        let mut g = Gazetteer {
            entries: Vec::new(),
            rows: self.rows,
            surfaces: self.surfaces,
            index: self.index,
            listed: self.listed,
            nations: self.nations,
            readings: Default::default(),
            currencies: Vec::new(),
        };
        // In surface order, as a walk over every surface finds them.
        g.listed.sort_unstable();
        mark_known(&mut g);
        g.readings = Readings::of(&g);
        g
    }
}

/// Parses the attributes stories read ([`Facts`]) of every entry, once all have
/// their inherited attributes. The entries of a run share those: they are read once.
fn read_facts(entries: &mut [Entry]) {
    // The last inherited text read, by address and length, and its fields.
    let mut last = (0, 0, Fields::default());
    for e in entries {
        let at = (e.inherited.as_ptr() as usize, e.inherited.len());
        if (last.0, last.1) != at {
            last = (at.0, at.1, Fields::read(&e.inherited));
        }
        let own = Fields::read(&e.extra);
        e.facts = Facts::of(e.class, (&e.extra, &own), (&e.inherited, &last.2));
    }
}

/// The facts of every currency row ([`Currency`]), each row given its index.
fn read_currencies(entries: &mut [Entry]) -> Vec<Currency> {
    let mut currencies = Vec::new();
    for e in entries.iter_mut().filter(|e| e.class == Class::Currency) {
        e.currency = currencies.len() as u32;
        currencies.push(Currency::of(e));
    }
    currencies
}

impl Loader {
    /// Sets [`Key::lower_ok`] of every key, once every row is in.
    fn mark_lower_ok(&mut self) {
        let (surfaces, rows) = (&self.surfaces, &self.rows);
        for key in &mut self.index.keys {
            let mut s = key.head;
            while let Some(surface) = surfaces.get(s as usize) {
                let mut r = surface.first_row;
                while let Some(row) = rows.get(r as usize) {
                    if lowercase_may_match(row.rule, surface.case) {
                        key.lower_ok = true;
                        break;
                    }
                    r = row.next;
                }
                s = if key.lower_ok { NONE } else { surface.next };
            }
        }
    }
}

/// The bytes a key was made from.
pub(super) fn spelling<'a>(surfaces: &'a [Surface], key: &Key) -> &'a [u8] {
    &surfaces[key.spelled_by as usize].alias.as_bytes()[..key.len as usize]
}

/// A new key of `len` bytes spelled by surface `spelled_by`, whose first surface is
/// `head` ([`NONE`] for a token prefix that is no alias of its own).
fn new_key(head: u32, spelled_by: u32, len: usize) -> Key {
    Key {
        head8: 0,
        head,
        tail: head,
        spelled_by,
        len: len as u32,
        next: 0,
        next_small: 0,
        small: false,
        lower_ok: false,
        small_alias: false,
        common: false,
        known: Default::default(),
        more: NONE,
    }
}
