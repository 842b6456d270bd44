//! Chunks of work done on a pool of workers with no barrier between chunks, their
//! results handed back in the order the chunks came: what file mode and JSONL mode
//! share. The calling thread takes chunks from a feed and hands each to the pool as a
//! task, and takes a chunk's result as soon as it and every chunk before it are done.
//! With a barrier at the end of each batch, one worker idled while the other finished
//! the batch's last story.
//!
//! Memory stays flat: at most [`IN_FLIGHT_PER_WORKER`] chunks per worker are fed and
//! not yet taken, so a slow chunk holds back at most that many behind it.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::{self, Thread};

/// Chunks fed and not yet taken, per worker: enough that a worker finding its next
/// chunk never waits for the feed, however uneven the stories.
pub(super) const IN_FLIGHT_PER_WORKER: usize = 4;

/// What a feed has next.
pub(super) enum Feed<C> {
    /// A chunk of work.
    Chunk(C),
    /// Nothing until the results in flight are taken: the next chunk needs a read that
    /// may block, and whoever is on the other end may be waiting for those results.
    /// Asked again once one result is taken; a feed asked with nothing in flight must
    /// not answer `Wait` (it is asked again at once if it does).
    Wait,
    /// No more chunks.
    End,
}

/// Runs `work` on every chunk `feed` gives, on `pool`, and hands the results to `take`
/// in feed order. `feed` is told whether results are in flight (see [`Feed::Wait`]).
/// Stops at the first error of `take`, once the chunks in flight are done. A panic in
/// `work` reaches the caller once the results of the chunks before it are taken (the
/// binary aborts on panic; a program using the pool with unwinding gets the panic, not a
/// thread waiting for a result that never comes).
pub(super) fn run<C: Send, T: Send, E>(
    pool: &rayon::ThreadPool,
    mut feed: impl FnMut(bool) -> Feed<C>,
    work: &(dyn Fn(C) -> T + Sync),
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let slots = Slots::new(pool.current_num_threads() * IN_FLIGHT_PER_WORKER);
    pool.in_place_scope(|scope| {
        // Chunks handed to the pool, and the next one to take: `sent - next` are in
        // flight.
        let (mut sent, mut next) = (0, 0);
        let mut ended = false;
        loop {
            while !ended && sent - next < slots.len() {
                match feed(sent > next) {
                    Feed::Chunk(chunk) => {
                        let (slots, seq) = (&slots, sent);
                        scope.spawn(move |_| {
                            let result = panic::catch_unwind(AssertUnwindSafe(|| work(chunk)));
                            slots.put(seq, result);
                        });
                        sent += 1;
                    }
                    Feed::Wait if sent > next => break,
                    Feed::Wait => {}
                    Feed::End => ended = true,
                }
            }
            if sent == next {
                return Ok(()); // nothing in flight and nothing more to feed
            }
            let result = slots.take(next).unwrap_or_else(|p| panic::resume_unwind(p));
            next += 1;
            take(result)?;
        }
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
mod tests {
    use std::time::Duration;

    use proptest::strategy::{Just, Strategy};

    use super::*;

    proptest::proptest! {
        /// Whatever order the results are put in, they are taken in number order.
        #[test]
        fn results_are_taken_in_number_order(order in Just((0..40).collect::<Vec<usize>>()).prop_shuffle()) {
            let slots = Slots::new(order.len());
            let taken: Vec<usize> = std::thread::scope(|s| {
                s.spawn(|| order.iter().for_each(|&seq| slots.put(seq, seq)));
                (0..order.len()).map(|seq| slots.take(seq)).collect()
            });
            proptest::prop_assert_eq!(taken, (0..40).collect::<Vec<_>>());
        }
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    /// Chunks `0..n` through a work that sleeps on chunk 0 and every seventh one, taken
    /// into a list.
    fn chunks_in_order(threads: usize, n: usize) -> Vec<usize> {
        let mut chunks = 0..n;
        let mut taken = Vec::new();
        let work = |c: usize| {
            if c.is_multiple_of(7) {
                std::thread::sleep(Duration::from_millis(if c == 0 { 100 } else { 1 }));
            }
            c * 10
        };
        let feed = |_| chunks.next().map_or(Feed::End, Feed::Chunk);
        let result: Result<(), ()> = run(&pool(threads), feed, &work, |r| {
            taken.push(r);
            Ok(())
        });
        assert!(result.is_ok());
        taken
    }

    #[test]
    fn results_are_taken_in_feed_order_when_early_chunks_finish_last() {
        for threads in [1, 2, 3] {
            let want: Vec<usize> = (0..100).map(|c| c * 10).collect();
            assert_eq!(chunks_in_order(threads, 100), want, "{threads} threads");
        }
    }

    #[test]
    fn a_wait_is_answered_with_every_result_in_flight_taken() {
        // The feed waits before chunk 5 until chunks 0..5 are all taken.
        let taken = Mutex::new(Vec::new());
        let mut fed = 0;
        let feed = |in_flight: bool| {
            if fed == 5 && taken.lock().unwrap().len() < 5 {
                assert!(in_flight, "asked to wait with nothing in flight");
                return Feed::Wait;
            }
            if fed == 8 {
                return Feed::End;
            }
            fed += 1;
            Feed::Chunk(fed - 1)
        };
        let result: Result<(), ()> = run(&pool(2), feed, &|c: usize| c, |r| {
            taken.lock().unwrap().push(r);
            Ok(())
        });
        assert!(result.is_ok());
        assert_eq!(*taken.lock().unwrap(), (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn the_first_error_of_take_ends_the_run() {
        let mut chunks = 0..50;
        let mut taken = Vec::new();
        let feed = |_| chunks.next().map_or(Feed::End, Feed::Chunk);
        let result = run(&pool(2), feed, &|c: usize| c, |r| {
            if r == 20 {
                return Err(format!("chunk {r}"));
            }
            taken.push(r);
            Ok(())
        });
        assert_eq!(result, Err("chunk 20".to_string()));
        assert_eq!(taken, (0..20).collect::<Vec<_>>());
    }
}
