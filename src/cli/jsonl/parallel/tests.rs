use std::io::{self, BufReader, Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use wirex::{InputOptions, Pipeline};

use super::super::super::ordered::IN_FLIGHT_PER_WORKER;
use super::super::{process_line, Content, Line, Lines, Record, Stop, Summary, READ_BUFFER};
use super::{stream, CHUNK_LINES};

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

/// A record naming its line, after a pause of `pause(line)` milliseconds.
fn echo(pause: impl Fn(usize) -> u64 + Sync) -> impl Fn(&Line) -> Record + Sync {
    move |line| {
        std::thread::sleep(Duration::from_millis(pause(line.number)));
        let Content::Bytes(text) = &line.content else {
            panic!("line {} too long", line.number)
        };
        let mut json = format!("{} ", line.number).into_bytes();
        json.extend_from_slice(text);
        json.push(b'\n');
        Record {
            json,
            bytes: text.len() as u64,
            entities: 0,
            quotes: 0,
            error: None,
        }
    }
}

fn numbered_lines(n: usize) -> Vec<u8> {
    (1..=n)
        .flat_map(|i| format!("l{i}\n").into_bytes())
        .collect()
}

fn run(
    input: impl Read,
    may_block: bool,
    process: &(dyn Fn(&Line) -> Record + Sync),
) -> (Vec<u8>, Result<(), Stop>, Summary) {
    let mut lines = Lines::new(
        BufReader::with_capacity(READ_BUFFER, input),
        &InputOptions::default(),
        CHUNK_LINES,
    );
    let mut out = Vec::new();
    let mut summary = Summary::start("records");
    let result = stream(
        &pool(3),
        &mut lines,
        may_block,
        process,
        &mut out,
        &mut summary,
    );
    (out, result, summary)
}

#[test]
fn records_leave_in_input_order_when_early_chunks_finish_last() {
    // Enough chunks to use every slot a few times over.
    let n = CHUNK_LINES * IN_FLIGHT_PER_WORKER * 3 * 4 + 5;
    // The first chunk is slow and some lines a little: later chunks finish first.
    let pause = |number| match number {
        1 => 200,
        _ if number % 97 == 0 => 1,
        _ => 0,
    };
    let (out, result, summary) = run(&numbered_lines(n)[..], false, &echo(pause));
    assert!(result.is_ok());
    let want: Vec<u8> = (1..=n)
        .flat_map(|i| format!("{i} l{i}\n").into_bytes())
        .collect();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        String::from_utf8(want).unwrap()
    );
    assert_eq!(summary.records, n);
}

#[test]
fn a_read_error_comes_after_the_records_of_every_line_before_it() {
    let n = CHUNK_LINES * 3 + 7;
    let mut input = numbered_lines(n);
    input.extend_from_slice(b"half a li");
    let pause = |number| if number == 1 { 100 } else { 0 };
    let failing = (&input[..]).chain(Failing);
    let (out, result, summary) = run(failing, false, &echo(pause));
    match result {
        Err(Stop::Read(e)) => assert_eq!(e.to_string(), "disk gone"),
        _ => panic!("the read error is lost"),
    }
    let lines: Vec<&str> = std::str::from_utf8(&out).unwrap().lines().collect();
    assert_eq!(lines.len(), n);
    assert_eq!(lines[n - 1], format!("{n} l{n}"));
    assert_eq!(summary.records, n);
}

/// Fails every read.
struct Failing;

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::other("disk gone"))
    }
}

#[test]
fn bad_lines_keep_their_place() {
    let pipeline = Pipeline::new();
    let opts = InputOptions::default();
    let mut input = String::new();
    for i in 0..CHUNK_LINES * 3 {
        let line = match i % 7 {
            0 => format!("{{\"id\": {i}, \"text\": 5}}"),
            3 => format!("{{\"id\": {i}, \"text\": \"cut"),
            // Long texts and short ones: uneven work.
            _ => format!(
                "{{\"id\": {i}, \"text\": \"{}\"}}",
                "Prices rose 5% in Kyiv, the minister said. ".repeat(i % 13 * 20)
            ),
        };
        input.push_str(&line);
        input.push('\n');
    }
    let process = |line: &Line| process_line(&pipeline, &opts, line);
    let (out, result, _) = run(input.as_bytes(), false, &process);
    assert!(result.is_ok());
    let records: Vec<Value> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(records.len(), CHUNK_LINES * 3);
    for (i, record) in records.iter().enumerate() {
        let kind = &record["error"]["kind"];
        match i % 7 {
            0 => assert_eq!(record["id"], i, "{record}"),
            3 => assert_eq!(record["id"], Value::Null, "{record}"),
            _ => assert_eq!(record["id"], i, "{record}"),
        }
        match i % 7 {
            0 => assert_eq!(kind, "invalid_text", "line {i}"),
            3 => assert_eq!(kind, "invalid_json", "line {i}"),
            _ => assert!(record["sentences"].is_array(), "line {i}"),
        }
    }
}

/// The output, shared with the producer that reads it.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A producer that sends a few lines at a time and, before sending more, counts the
/// answers it has: a pipe whose reads block until the answers are out.
struct Waiting {
    sends: Vec<Vec<u8>>,
    sent_lines: usize,
    answers: Shared,
    unanswered: Arc<Mutex<Vec<usize>>>,
}

impl Read for Waiting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let answered = self
            .answers
            .0
            .lock()
            .unwrap()
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        if answered < self.sent_lines {
            self.unanswered.lock().unwrap().push(self.sent_lines);
        }
        if self.sends.is_empty() {
            return Ok(0);
        }
        let send = self.sends.remove(0);
        assert!(send.len() <= buf.len());
        buf[..send.len()].copy_from_slice(&send);
        self.sent_lines += send.iter().filter(|&&b| b == b'\n').count();
        Ok(send.len())
    }
}

#[test]
fn a_producer_waiting_for_answers_has_them_before_each_read() {
    // Sends of 1, 100 and 3 lines: one chunk, two chunks, one chunk.
    let sends: Vec<Vec<u8>> = [1, CHUNK_LINES + 36, 3]
        .iter()
        .map(|&n| numbered_lines(n))
        .collect();
    let unanswered = Arc::new(Mutex::new(Vec::new()));
    let answers = Shared::default();
    let waiting = Waiting {
        sends,
        sent_lines: 0,
        answers: answers.clone(),
        unanswered: unanswered.clone(),
    };
    let mut lines = Lines::new(
        BufReader::with_capacity(READ_BUFFER, waiting),
        &InputOptions::default(),
        CHUNK_LINES,
    );
    let mut summary = Summary::start("records");
    let pause = |number| if number == 2 { 50 } else { 0 };
    let mut out = answers.clone();
    let result = stream(
        &pool(2),
        &mut lines,
        true,
        &echo(pause),
        &mut out,
        &mut summary,
    );
    assert!(result.is_ok());
    assert_eq!(*unanswered.lock().unwrap(), Vec::<usize>::new());
    assert_eq!(summary.records, 1 + CHUNK_LINES + 36 + 3);
}

#[test]
fn a_panic_in_a_worker_reaches_the_caller_instead_of_a_wait() {
    let n = CHUNK_LINES * 5;
    let process = |line: &Line| {
        assert!(
            line.number != CHUNK_LINES * 2 + 3,
            "a bug on line {}",
            line.number
        );
        echo(|_| 0)(line)
    };
    // On another thread, so that a writer waiting forever fails the test instead of
    // hanging it.
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| run(&numbered_lines(n)[..], false, &process));
        let message = outcome
            .err()
            .and_then(|p| p.downcast::<String>().ok())
            .map(|s| *s);
        done.send(message).unwrap();
    });
    let message = finished
        .recv_timeout(Duration::from_secs(60))
        .expect("the stream waits forever for the chunk that panicked");
    assert_eq!(message.as_deref(), Some("a bug on line 131"));
}
