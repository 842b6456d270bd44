//! JSONL lines on a pool of workers with no barrier between chunks
//! ([`super::super::ordered`]): the calling thread reads chunks of lines and hands each
//! to the pool, and writes the records of a chunk as soon as it and every chunk before
//! it are done.

use std::io::{Read, Write};

use super::super::ordered::{self, Feed};
use super::{write_records, Line, Lines, Record, Stop, Summary};

/// Lines per chunk: ~64 stories of news (250 KB in, 1.3 MB of JSON out) make a task
/// long enough that handing it out costs nothing, short enough that the chunks held
/// stay small.
pub(super) const CHUNK_LINES: usize = 64;

/// Runs the lines of `lines` through `process` on `pool`, writing one record per line to
/// `out` in input order. When a read may block (`may_block`: a pipe whose producer may be
/// waiting for our answers), every record of the lines read so far is written and
/// flushed first. A read error is returned once the records of the lines read whole
/// before it are written. A panic in `process` reaches the caller once the chunks
/// before it are written.
pub(super) fn stream<R: Read>(
    pool: &rayon::ThreadPool,
    lines: &mut Lines<R>,
    may_block: bool,
    process: &(dyn Fn(&Line) -> Record + Sync),
    out: &mut dyn Write,
    summary: &mut Summary,
) -> Result<(), Stop> {
    let mut failed = None;
    let feed = |in_flight: bool| {
        if failed.is_some() {
            return Feed::End;
        }
        if in_flight && may_block && lines.reader.buffer().is_empty() {
            return Feed::Wait; // answer what was read before a read that may block
        }
        match lines.next_batch() {
            Ok(chunk) if chunk.is_empty() => Feed::End,
            Ok(chunk) => Feed::Chunk(chunk),
            Err(e) => {
                failed = Some(e);
                Feed::End
            }
        }
    };
    let work = |chunk: Vec<Line>| chunk.iter().map(process).collect();
    ordered::run(pool, feed, &work, |mut records: Vec<Record>| {
        write_records(out, &mut records, summary).map_err(Stop::Write)
    })?;
    failed.map_or(Ok(()), |e| Err(Stop::Read(e)))
}

#[cfg(test)]
mod tests;
