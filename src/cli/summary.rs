//! The one-line summary printed on stderr at the end of a run.

use std::time::{Duration, Instant};

use super::record::Record;

/// Totals over the records of a run.
pub struct Summary {
    /// What one record is (`files`, `records`).
    unit: &'static str,
    started: Instant,
    pub records: usize,
    pub bytes: u64,
    pub entities: usize,
    pub quotes: usize,
    pub errors: usize,
}

impl Summary {
    pub fn start(unit: &'static str) -> Summary {
        Summary {
            unit,
            started: Instant::now(),
            records: 0,
            bytes: 0,
            entities: 0,
            quotes: 0,
            errors: 0,
        }
    }

    pub fn add(&mut self, record: &Record) {
        self.records += 1;
        self.bytes += record.bytes;
        self.entities += record.entities;
        self.quotes += record.quotes;
        self.errors += usize::from(record.error.is_some());
    }

    pub fn line(&self) -> String {
        self.line_after(self.started.elapsed())
    }

    fn line_after(&self, elapsed: Duration) -> String {
        let mb = self.bytes as f64 / 1e6;
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 { mb / secs } else { 0.0 };
        format!(
            "wirex: {} {}, {:.2} MB, {} entities, {} quotes, {} errors in {:.2} s ({:.1} MB/s)",
            self.records, self.unit, mb, self.entities, self.quotes, self.errors, secs, rate
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_names_every_total() {
        let mut summary = Summary::start("files");
        let record = |error: Option<&str>| Record {
            json: Vec::new(),
            bytes: 1_500_000,
            entities: 7,
            quotes: 2,
            error: error.map(String::from),
        };
        summary.add(&record(None));
        summary.add(&record(Some("binary")));
        assert_eq!(
            summary.line_after(Duration::from_millis(500)),
            "wirex: 2 files, 3.00 MB, 14 entities, 4 quotes, 1 errors in 0.50 s (6.0 MB/s)"
        );
    }
}
