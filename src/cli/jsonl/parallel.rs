//! JSONL lines on a pool of workers with no barrier between chunks: the calling thread
//! reads chunks of lines and hands each to the pool as a task, and writes the records of
//! a chunk as soon as it and every chunk before it are done. With a barrier at the end of
//! each batch, one worker idled while the other finished the batch's last story.
//!
//! Memory stays flat: at most [`IN_FLIGHT_PER_WORKER`] chunks per worker are read and
//! not yet written, so a slow chunk holds back at most that many behind it.

use std::io::{Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::{self, Thread};

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
/// before it are written. A panic in `process` reaches the caller once the chunks
/// before it are written (the binary aborts on panic; a program using the pool with
/// unwinding gets the panic, not a writer waiting for a result that never comes).
pub(super) fn stream<R: Read>(
    pool: &rayon::ThreadPool,
    lines: &mut Lines<R>,
    may_block: bool,
    process: &(dyn Fn(&Line) -> Record + Sync),
    out: &mut dyn Write,
    summary: &mut Summary,
) -> Result<(), Stop> {
    let slots = Slots::new(pool.current_num_threads() * IN_FLIGHT_PER_WORKER);
    pool.in_place_scope(|scope| {
        // Chunks handed to the pool, and the next one to write: `sent - next` are in
        // flight.
        let (mut sent, mut next) = (0, 0);
        let mut failed = None;
        let mut ended = false;
        loop {
            while !ended && sent - next < slots.len() {
                if sent > next && may_block && lines.reader.buffer().is_empty() {
                    break; // answer what was read before a read that may block
                }
                match lines.next_batch() {
                    Ok(chunk) if chunk.is_empty() => ended = true,
                    Ok(chunk) => {
                        let (slots, seq) = (&slots, sent);
                        scope.spawn(move |_| {
                            let records = AssertUnwindSafe(|| chunk.iter().map(process).collect());
                            slots.put(seq, panic::catch_unwind(records));
                        });
                        sent += 1;
                    }
                    Err(e) => {
                        failed = Some(e);
                        ended = true;
                    }
                }
            }
            if sent == next {
                break; // nothing in flight and nothing more to read
            }
            let mut records = slots.take(next).unwrap_or_else(|p| panic::resume_unwind(p));
            next += 1;
            write_records(out, &mut records, summary).map_err(Stop::Write)?;
        }
        failed.map_or(Ok(()), |e| Err(Stop::Read(e)))
    })
}

/// The results of the chunks in flight, chunk `seq` in slot `seq % len`, which is free
/// again once the thread that made the slots takes the result out. A worker never waits
/// for that thread: through a channel, workers waited on its lock whenever the thread
/// holding it was descheduled (a tenth of their time on a busy machine).
struct Slots<T> {
    slots: Box<[Mutex<Option<T>>]>,
    taker: Thread,
}

impl<T> Slots<T> {
    fn new(len: usize) -> Slots<T> {
        Slots {
            slots: (0..len).map(|_| Mutex::new(None)).collect(),
            taker: thread::current(),
        }
    }

    fn len(&self) -> usize {
        self.slots.len()
    }

    fn put(&self, seq: usize, value: T) {
        let previous = self.slot(seq).replace(value);
        debug_assert!(previous.is_none(), "slot of result {seq} still full");
        self.taker.unpark();
    }

    /// Waits for the result of `seq` and takes it out; on the thread that made the slots.
    fn take(&self, seq: usize) -> T {
        loop {
            if let Some(value) = self.slot(seq).take() {
                return value;
            }
            thread::park(); // until a `put`, or spuriously
        }
    }

    fn slot(&self, seq: usize) -> MutexGuard<'_, Option<T>> {
        let slot = &self.slots[seq % self.slots.len()];
        // A worker never panics holding the lock (its panic is caught before `put`), so
        // the slot is never poisoned; this only avoids a second panic if it were.
        slot.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests;
