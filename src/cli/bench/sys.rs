//! What the operating system reports about this process: CPU time and peak memory.
//! Linux `/proc` only; elsewhere the figures are absent, never made up.

use std::time::Duration;

/// CPU time of the calling thread (`/proc/thread-self/schedstat`): nanoseconds, but
/// brought up to date at scheduler ticks only, so measure runs of many milliseconds.
pub fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(first_u64(&s)?))
}

/// CPU time of all live threads of the process, as [`thread_cpu`] counts it: the sum of
/// `/proc/self/task/*/schedstat`. Threads that exited are not counted, so measure
/// with a thread pool that outlives the measurement.
pub fn threads_cpu() -> Option<Duration> {
    let mut ns = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        // A thread may exit between listing and reading (the read then fails or comes
        // back empty): it no longer counts, and the others still do.
        let read = task.map(|t| std::fs::read_to_string(t.path().join("schedstat")));
        if let Some(task_ns) = read
            .ok()
            .and_then(Result::ok)
            .as_deref()
            .and_then(first_u64)
        {
            ns += task_ns;
        }
    }
    Some(Duration::from_nanos(ns))
}

/// The first field of a `schedstat` line: nanoseconds on the CPU.
fn first_u64(s: &str) -> Option<u64> {
    s.split_whitespace().next()?.parse().ok()
}

/// Peak resident memory of the process in bytes (`VmHWM` of `/proc/self/status`).
pub fn peak_rss() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_kb(&s, "VmHWM:")
}

fn parse_kb(status: &str, key: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_parse_to_bytes() {
        let status = "Name:\twirex\nVmPeak:\t  20000 kB\nVmHWM:\t    1704 kB\n";
        assert_eq!(parse_kb(status, "VmHWM:"), Some(1704 * 1024));
        assert_eq!(parse_kb(status, "VmSwap:"), None);
    }

    #[test]
    fn cpu_clocks_move_forward_where_proc_exists() {
        if std::path::Path::new("/proc/self/stat").exists() {
            let before = thread_cpu().unwrap();
            // The clock moves at scheduler ticks: spin until it has, for at most a
            // second of wall time (a few milliseconds on an idle machine).
            let start = std::time::Instant::now();
            let mut x = 0u64;
            let mut own = before;
            while own == before && start.elapsed() < Duration::from_secs(1) {
                for i in 0..1_000_000u64 {
                    x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(i));
                }
                own = thread_cpu().unwrap();
            }
            assert!(own > before);
            // The process's sum is read after this thread's own clock, so it holds at
            // least what that clock said (read the other way round, this thread's
            // clock could move past the sum of an otherwise idle process).
            assert!(threads_cpu().unwrap() >= own);
            assert!(peak_rss().unwrap() > 0);
        }
    }

    #[test]
    fn schedstat_first_field() {
        assert_eq!(first_u64("123456 789 10\n"), Some(123456));
        // What a thread that exited mid-read leaves: nothing to count, no panic.
        assert_eq!(first_u64(""), None);
        assert_eq!(first_u64("x 1"), None);
    }
}
