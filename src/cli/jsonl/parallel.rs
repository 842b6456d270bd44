//! JSONL lines on a pool of workers with no barrier between chunks: the calling thread
//! reads chunks of lines and hands each to the pool as a task, and writes the records of
//! a chunk as soon as it and every chunk before it are done. With a barrier at the end of
//! each batch, one worker idled while the other finished the batch's last story.
//!
//! Memory stays flat: at most [`IN_FLIGHT`] chunks are read and not yet written, so a
//! slow chunk holds back at most that many behind it.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::mpsc;

use super::{write_records, Line, Lines, Record, Stop, Summary};

/// Lines per chunk: ~64 stories of news (250 KB in, 1.3 MB of JSON out) make a task
/// long enough that handing it out costs nothing, short enough that the chunks held
/// stay small.
pub(super) const CHUNK_LINES: usize = 64;

/// Chunks read and not yet written, per worker: enough that a worker finding its next
/// chunk never waits for the reader, however uneven the stories.
const IN_FLIGHT_PER_WORKER: usize = 4;

/// Runs the lines of `lines` through `process` on `pool`, writing one record per line to
/// `out` in input order. When a read may block (`may_block`: a pipe whose producer may be
/// waiting for our answers), every record of the lines read so far is written and
/// flushed first. A read error is returned once the records of the lines read whole
/// before it are written.
pub(super) fn stream<R: Read>(
    pool: &rayon::ThreadPool,
    lines: &mut Lines<R>,
    may_block: bool,
    process: &(dyn Fn(&Line) -> Record + Sync),
    out: &mut dyn Write,
    summary: &mut Summary,
) -> Result<(), Stop> {
    let limit = pool.current_num_threads() * IN_FLIGHT_PER_WORKER;
    let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Record>)>();
    pool.in_place_scope(|scope| {
        let mut order = InOrder::default();
        // Chunks handed to the pool; `sent - order.next` are in flight.
        let mut sent = 0;
        let mut failed = None;
        let mut ended = false;
        loop {
            while !ended && sent - order.next < limit {
                let in_flight = sent > order.next;
                if in_flight && may_block && lines.reader.buffer().is_empty() {
                    break; // answer what was read before a read that may block
                }
                match lines.next_batch() {
                    Ok(chunk) if chunk.is_empty() => ended = true,
                    Ok(chunk) => {
                        let (done, seq) = (done_tx.clone(), sent);
                        scope.spawn(move |_| {
                            let records = chunk.iter().map(process).collect();
                            // The receiver is gone only when writing failed.
                            let _ = done.send((seq, records));
                        });
                        sent += 1;
                    }
                    Err(e) => {
                        failed = Some(e);
                        ended = true;
                    }
                }
            }
            if sent == order.next {
                break; // nothing in flight and nothing more to read
            }
            let (seq, records) = done_rx.recv().expect("a task holds a sender");
            order.insert(seq, records);
            while let Some(mut records) = order.pop() {
                write_records(out, &mut records, summary).map_err(Stop::Write)?;
            }
        }
        failed.map_or(Ok(()), |e| Err(Stop::Read(e)))
    })
}

/// Results numbered from 0 that arrive in any order and leave in number order.
struct InOrder<T> {
    /// The number of the next result to leave.
    next: usize,
    waiting: BTreeMap<usize, T>,
}

impl<T> Default for InOrder<T> {
    fn default() -> Self {
        InOrder {
            next: 0,
            waiting: BTreeMap::new(),
        }
    }
}

impl<T> InOrder<T> {
    fn insert(&mut self, seq: usize, value: T) {
        debug_assert!(seq >= self.next, "result {seq} arrived twice");
        self.waiting.insert(seq, value);
    }

    /// The next result in number order, once it has arrived.
    fn pop(&mut self) -> Option<T> {
        let value = self.waiting.remove(&self.next)?;
        self.next += 1;
        Some(value)
    }
}

#[cfg(test)]
mod tests;
