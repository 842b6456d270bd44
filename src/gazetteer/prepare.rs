//! The part of loading a row that needs no other file: splitting the line, checking its
//! columns and type, comparing it with the row before, hashing the alias. A
//! [`Preparer`] turns a file into such rows; the [`Loader`](super::load::Loader)
//! inserts them in file order, on the same thread or, for the embedded files, on
//! another one ([`prepare_beside`]: a chunk of rows at a time goes between them). The
//! index comes out the same: everything that depends on the rows before, beyond the
//! row before in the same file, is the loader's.
//!
//! The inserts are the slower half on two threads (their hash probes and pushes miss
//! the cache; the preparing streams through the text), so a preparer on its own
//! thread also works out every alias's shape and token prefixes, which the loader
//! needs only for a new alias and works out itself on one thread.

use std::sync::mpsc;

use super::index::{next_bit, Probe, MAX_TOKENS};
use super::matcher::{alias_shape, case_rule, in_small_table, AliasCase, CaseRule};
use super::tokens::{next_token, token_prefixes};
use super::tsv::{is_blank, Line, Lines, MAX_COLUMNS};
use super::words::bytes_eq;
use super::{Class, TYPES};
use crate::Error;

/// The columns of a row; `extra` and `source` may be left off.
const MIN_COLUMNS: usize = 4;

/// A header line starts with this. It may follow `#` comment lines (generated files
/// name their script there), but not data rows.
const HEADER: &str = "id\tcanonical\talias\ttype";

/// Rows a chunk holds: large enough that handing chunks between threads costs little,
/// small enough (a few hundred KB) to stay in cache until the loader reads them.
const CHUNK_ROWS: usize = 1024;

/// One data row, with what the loader needs worked out.
#[derive(Clone, Copy, Debug)]
pub(super) struct Prepared<'t> {
    /// The line number, for the loader's own error.
    pub line: usize,
    pub id: &'t str,
    pub canonical: &'t str,
    pub alias: &'t str,
    pub extra: &'t str,
    /// The type, as [`TYPES`] spells it, and its index there.
    pub kind: &'static str,
    pub type_at: u8,
    pub class: Class,
    pub rule: CaseRule,
    /// [`in_small_table`] of the alias.
    pub small: bool,
    /// `common=1` in `extra`.
    pub common: bool,
    /// The row goes on the entry run of the row before: same file, id and class.
    pub same_run: bool,
    /// `same_run`, and type, canonical and attributes as the row before: the row
    /// shares that row's entry.
    pub shared: bool,
    /// The alias is the canonical name.
    pub is_canonical: bool,
    /// The alias's probe and [`Probe::hash`].
    pub probe: Probe,
    pub hash: u64,
    /// Worked out ahead (see [`Preparer::new`]): the alias's [`alias_shape`], and its
    /// token prefixes as a range of [`Chunk::prefixes`].
    pub ahead: Option<(AliasCase, u8, (u32, u32))>,
}

/// A token prefix of an alias, as matching walks through it: where it ends in the
/// alias, its probe and hash, the [`Key::next`](super::index::Key::next) bits the
/// alias adds to it, and the probe of the token after it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Prefix {
    pub end: usize,
    pub probe: Probe,
    pub hash: u64,
    pub bit: u64,
    pub next: Option<Probe>,
}

/// Sets `out` to the token prefixes of `alias` matching walks through: none for one
/// token, or for more than [`MAX_TOKENS`]. `ends` is scratch.
pub(super) fn prefixes(alias: &str, ends: &mut Vec<usize>, out: &mut Vec<Prefix>) {
    out.clear();
    if token_prefixes(alias, ends) > MAX_TOKENS {
        return;
    }
    let bytes = alias.as_bytes();
    for &end in ends.iter() {
        let probe = Probe::new(&bytes[..end]);
        // The alias goes on past `end`: `next_bit` is never 0 here, and every bit
        // when the alias ends in a space.
        let bit = match next_bit(bytes, end) {
            0 => u64::MAX,
            bit => bit,
        };
        // The token after `end`, as the walk reads it in the text: there is one, as
        // `end` is not the end of the last token.
        let next = next_token(alias, end).map(|(s, e)| Probe::new(&bytes[s..e]));
        out.push(Prefix {
            end,
            probe,
            hash: probe.hash(&bytes[..end]),
            bit,
            next,
        });
    }
}

/// Prepared rows of one file, in file order.
#[derive(Debug, Default)]
pub(super) struct Chunk<'t> {
    pub rows: Vec<Prepared<'t>>,
    pub prefixes: Vec<Prefix>,
    /// The line after the rows is malformed (line number, message): the load stops.
    pub error: Option<(usize, String)>,
    /// The file has no rows after these.
    pub last: bool,
}

/// Chunks the second thread may prepare ahead of the inserts: enough to keep it busy
/// while the inserts of one chunk take longer than usual, few enough to stay small.
const AHEAD: usize = 4;

/// Prepares the rows of `files` on a second thread while `insert` takes them, a chunk
/// at a time in file order, on this one; then the second thread runs `beside` and
/// gives its result. The first error of `insert` ends both threads.
pub(super) fn prepare_beside<T: Send>(
    files: &'static [(&'static str, &'static str)],
    beside: impl FnOnce() -> T + Send,
    mut insert: impl FnMut(&str, &Chunk<'static>) -> Result<(), Error>,
) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let (ready, chunks) = mpsc::sync_channel::<(usize, Chunk<'static>)>(AHEAD);
        // Chunks the inserts are done with go back, so that their buffers are reused.
        let (done, recycled) = mpsc::channel::<Chunk<'static>>();
        let second = scope.spawn(move || {
            'files: for (i, (_, text)) in files.iter().enumerate() {
                let mut preparer = Preparer::new(text, false, true);
                loop {
                    let mut chunk = recycled.try_recv().unwrap_or_default();
                    if !preparer.fill(&mut chunk) {
                        break;
                    }
                    let stop = chunk.error.is_some();
                    // A bad line, or the inserts stopped at an error: no more chunks.
                    if ready.send((i, chunk)).is_err() || stop {
                        break 'files;
                    }
                }
            }
            // The inserts' end no longer waits for this thread.
            drop(ready);
            beside()
        });
        for (i, chunk) in chunks {
            insert(files[i].0, &chunk)?;
            // The second thread may be done: then the chunk is just dropped.
            let _ = done.send(chunk);
        }
        Ok(second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

impl Chunk<'_> {
    /// The prefixes of a row worked out ahead, from its range.
    pub fn prefixes_of(&self, (from, to): (u32, u32)) -> &[Prefix] {
        self.prefixes
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }
}

/// What the next row is compared with: the row before, in the same file.
#[derive(Clone, Copy)]
struct Before<'t> {
    id: &'t str,
    class: Class,
    kind: &'static str,
    canonical: &'t str,
    extra: &'t str,
    common: bool,
}

/// Reads one file into chunks of prepared rows.
pub(super) struct Preparer<'t> {
    lines: Lines<'t>,
    /// User files get the full attribute check (the embedded ones get it from a test).
    user: bool,
    header_allowed: bool,
    /// Rows of a file mostly share their type: the last one is looked up only once.
    last_type: (&'t str, &'static str, u8, Class, CaseRule),
    before: Option<Before<'t>>,
    done: bool,
    /// Work out shapes and prefixes ahead.
    ahead: bool,
    /// Scratch for token prefix ends and prefixes.
    ends: Vec<usize>,
    scratch: Vec<Prefix>,
}

impl<'t> Preparer<'t> {
    /// A preparer of `text`; `ahead` when it runs on a thread of its own, so that the
    /// rows come with the alias's shape and prefixes, worked out for every row (the
    /// loader needs them only for a new alias, and works them out then without).
    pub fn new(text: &'t str, user: bool, ahead: bool) -> Preparer<'t> {
        Preparer {
            lines: Lines::new(text),
            user,
            header_allowed: true,
            last_type: ("", "", 0, Class::Country, case_rule("")),
            before: None,
            done: false,
            ahead,
            ends: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Fills `chunk` (emptied first) with the next rows of the file; false when the
    /// file was done before. The chunk's `last` tells whether more chunks follow.
    pub fn fill(&mut self, chunk: &mut Chunk<'t>) -> bool {
        chunk.rows.clear();
        chunk.prefixes.clear();
        chunk.error = None;
        chunk.last = false;
        if self.done {
            return false;
        }
        while chunk.rows.len() < CHUNK_ROWS {
            let Some(line) = self.lines.next() else {
                self.done = true;
                break;
            };
            if let Err(message) = self.row(line, chunk) {
                chunk.error = Some(message);
                self.done = true;
                break;
            }
        }
        chunk.last = self.done;
        true
    }

    /// Prepares one line into `chunk`, unless it is blank, a comment or the header.
    #[inline(always)]
    fn row(&mut self, line: Line<'t>, chunk: &mut Chunk<'t>) -> Result<(), (usize, String)> {
        let Line {
            no,
            text,
            cols,
            count: n,
        } = line;
        if is_blank(text) || text.starts_with('#') {
            return Ok(());
        }
        if std::mem::take(&mut self.header_allowed) && text.starts_with(HEADER) {
            return Ok(());
        }
        if !(MIN_COLUMNS..=MAX_COLUMNS).contains(&n) {
            return Err((
                no,
                format!(
                    "expected {MIN_COLUMNS} to {MAX_COLUMNS} tab-separated columns \
                     (id, canonical, alias, type, extra, source), found {n}"
                ),
            ));
        }
        let [id, canonical, alias, kind, extra, _source] = cols;
        if !same(kind, self.last_type.0) {
            let at = TYPES
                .iter()
                .position(|(t, _)| *t == kind)
                .ok_or_else(|| (no, format!("unknown type {kind:?}")))?;
            let (k, class) = TYPES[at];
            self.last_type = (kind, k, at as u8, class, case_rule(k));
        }
        let (_, kind, type_at, class, rule) = self.last_type;
        if self.user {
            check_fields(id, canonical, alias, extra).map_err(|m| (no, m))?;
        } else if alias.is_empty() {
            return Err((no, "empty alias".into()));
        }
        let same_run = self
            .before
            .is_some_and(|b| b.class == class && same(b.id, id));
        let shared = same_run
            && self.before.is_some_and(|b| {
                same(b.kind, kind) && same(b.canonical, canonical) && same(b.extra, extra)
            });
        // A row that shares its entry has the entry's attributes.
        let common = match self.before {
            Some(b) if shared => b.common,
            _ => has_field(extra, "common=1"),
        };
        self.before = Some(Before {
            id,
            class,
            kind,
            canonical,
            extra,
            common,
        });
        let bytes = alias.as_bytes();
        let probe = Probe::new(bytes);
        let ahead = self.ahead.then(|| {
            let (case, shape) = alias_shape(alias);
            prefixes(alias, &mut self.ends, &mut self.scratch);
            let from = chunk.prefixes.len() as u32;
            chunk.prefixes.extend_from_slice(&self.scratch);
            (case, shape, (from, chunk.prefixes.len() as u32))
        });
        chunk.rows.push(Prepared {
            line: no,
            id,
            canonical,
            alias,
            extra,
            kind,
            type_at,
            class,
            rule,
            small: in_small_table(rule, alias),
            common,
            same_run,
            shared,
            is_canonical: same(alias, canonical),
            probe,
            hash: probe.hash(bytes),
            ahead,
        });
        Ok(())
    }
}

/// `a == b` for the short fields of rows (ids, types, names, attributes), compared
/// several times a row: without a `memcmp` call.
#[inline(always)]
pub(super) fn same(a: &str, b: &str) -> bool {
    bytes_eq(a.as_bytes(), b.as_bytes())
}

/// True when `field` is one of the `;`-separated fields of `attrs`, as
/// `attrs.split(';').any(|f| f == field)` tells, without a searcher per field: it is
/// asked of every entry. `field` has no `;`.
fn has_field(attrs: &str, field: &str) -> bool {
    let (a, f) = (attrs.as_bytes(), field.as_bytes());
    let mut start = 0;
    // A field shorter than `field` cannot be it.
    while start + f.len() <= a.len() {
        let rest = &a[start..];
        if rest.starts_with(f) && rest.get(f.len()).is_none_or(|&b| b == b';') {
            return true;
        }
        match rest.iter().position(|&b| b == b';') {
            Some(i) => start += i + 1,
            None => return false,
        }
    }
    false
}

/// The checks on a user row beyond column count and type.
fn check_fields(id: &str, canonical: &str, alias: &str, extra: &str) -> Result<(), String> {
    for (what, value) in [("id", id), ("canonical", canonical), ("alias", alias)] {
        if value.trim().is_empty() {
            return Err(format!("empty {what}"));
        }
    }
    if alias.trim() != alias {
        return Err(format!("alias {alias:?} has surrounding spaces"));
    }
    if let Some(bad) = extra
        .split(';')
        .find(|kv| !kv.is_empty() && !kv.contains('='))
    {
        return Err(format!(
            "extra {bad:?} is not key=value (pairs are separated by ';')"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    /// A hash of the `Debug` text of `value`, written piece by piece: the whole
    /// gazetteer's text is too long to hold.
    fn debug_hash(value: &impl std::fmt::Debug) -> u64 {
        use std::hash::Hasher;
        struct Writer(std::hash::DefaultHasher);
        impl std::fmt::Write for Writer {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                self.0.write(s.as_bytes());
                Ok(())
            }
        }
        let mut w = Writer(std::hash::DefaultHasher::new());
        std::fmt::write(&mut w, format_args!("{value:?}")).unwrap();
        w.0.finish()
    }

    /// Two threads build the gazetteer one thread builds, with the side job's value.
    #[test]
    fn two_threads_build_the_same_gazetteer() {
        let user = [(
            "mine.tsv".to_string(),
            "X\tXanadu\tXanadu\tcity\tpop=5\ngeonames:703448\tKyiv\tKyyiv\tcapital\n".to_string(),
        )];
        let (one, a) = Gazetteer::build_beside(&user, 1, || 7).unwrap();
        let (two, b) = Gazetteer::build_beside(&user, 2, || 7).unwrap();
        assert_eq!((a, b), (7, 7));
        assert_eq!(one.len(), two.len());
        assert_eq!(debug_hash(&one), debug_hash(&two));
    }

    #[test]
    fn fields_agree_with_splitting() {
        let attrs = [
            "",
            "common=1",
            "common=10",
            "xcommon=1",
            "cc=GB;common=1",
            "common=1;cc=GB",
            "cc=GB;common=1;pop=5",
            "cc=GB;common=2;common=1",
            ";common=1;",
            "common=",
            "cc=GB;common",
            "pop=1;common=1x;common",
        ];
        for a in attrs {
            let split = a.split(';').any(|f| f == "common=1");
            assert_eq!(has_field(a, "common=1"), split, "{a:?}");
        }
    }

    /// Rows come in chunks of at most [`CHUNK_ROWS`], the last one marked, and a bad
    /// line ends the file after the rows before it.
    #[test]
    fn chunks_of_a_file() {
        let mut text = String::from("id\tcanonical\talias\ttype\n# note\n\n");
        for i in 0..CHUNK_ROWS + 5 {
            text.push_str(&format!("X{}\tX\tNew X{i}\tcity\tcc=GB\n", i / 2));
        }
        let mut p = Preparer::new(&text, false, true);
        let mut chunk = Chunk::default();
        let mut sizes = Vec::new();
        while p.fill(&mut chunk) {
            assert!(chunk.error.is_none());
            sizes.push((chunk.rows.len(), chunk.last));
            let r = &chunk.rows[1];
            assert!(r.same_run && r.shared && r.alias.starts_with("New X"));
            let (_, _, range) = r.ahead.unwrap();
            assert_eq!(chunk.prefixes_of(range)[0].end, 3);
        }
        assert_eq!(sizes, [(CHUNK_ROWS, false), (5, true)]);

        let mut p = Preparer::new(
            "X\tX\tX\tcity\nY\tY\tY\tnonsense\nZ\tZ\tZ\tcity\n",
            true,
            false,
        );
        assert!(p.fill(&mut chunk));
        assert_eq!(chunk.rows.len(), 1);
        assert_eq!(chunk.error, Some((2, "unknown type \"nonsense\"".into())));
        assert!(chunk.last && !p.fill(&mut chunk));
    }
}
