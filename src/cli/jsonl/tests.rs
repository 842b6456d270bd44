use super::*;

fn lines(input: &[u8], max_bytes: usize) -> Vec<Line> {
    let opts = InputOptions {
        max_bytes,
        ..Default::default()
    };
    let mut lines = Lines::new(BufReader::with_capacity(7, input), &opts, BATCH_LINES);
    let mut all = Vec::new();
    loop {
        let batch = lines.next_batch().unwrap();
        if batch.is_empty() {
            return all;
        }
        all.extend(batch);
    }
}

#[test]
fn lines_are_numbered_blank_ones_skipped_and_long_ones_capped() {
    let long = format!("{}\n", "x".repeat(100 << 10));
    let input = format!("\u{feff}a\r\n\n  \nbb\n{long}last");
    let got = lines(input.as_bytes(), 10);
    let want = [
        (1, Content::Bytes(b"a".to_vec())),
        (4, Content::Bytes(b"bb".to_vec())),
        (5, Content::TooLong(long.len())),
        (6, Content::Bytes(b"last".to_vec())),
    ];
    assert_eq!(got.len(), want.len());
    for (line, (number, content)) in got.iter().zip(want) {
        assert_eq!((line.number, &line.content), (number, &content));
    }
}

proptest::proptest! {
    /// Whatever the bytes and the buffer size, the reader returns the non-blank
    /// lines of a plain split, numbered from 1.
    #[test]
    fn lines_match_a_plain_split(input in proptest::collection::vec(
        proptest::sample::select(&b"ab \r\n\xff{}"[..]), 0..200), capacity in 1usize..16) {
        let opts = InputOptions::default();
        let mut reader = Lines::new(BufReader::with_capacity(capacity, &input[..]), &opts, BATCH_LINES);
        let mut got = Vec::new();
        loop {
            let batch = reader.next_batch().unwrap();
            if batch.is_empty() {
                break;
            }
            got.extend(batch);
        }
        let want: Vec<(usize, Content)> = input
            .split_inclusive(|&b| b == b'\n')
            .enumerate()
            .map(|(i, l)| {
                let mut l = l.to_vec();
                while l.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                    l.pop();
                }
                (i + 1, Content::Bytes(l))
            })
            .filter(|(_, c)| !matches!(c, Content::Bytes(l) if l.iter().all(u8::is_ascii_whitespace)))
            .collect();
        let got: Vec<(usize, Content)> = got.into_iter().map(|l| (l.number, l.content)).collect();
        proptest::prop_assert_eq!(got, want);
    }
}

fn record(line: &[u8], lossy: bool) -> Value {
    let opts = InputOptions {
        lossy,
        ..Default::default()
    };
    let line = Line {
        number: 3,
        content: Content::Bytes(line.to_vec()),
    };
    let rec = process_line(&Pipeline::new(), &opts, &line);
    assert_eq!(rec.json.last(), Some(&b'\n'));
    serde_json::from_slice(&rec.json).unwrap()
}

#[test]
fn bad_lines_become_error_records() {
    for (line, id, kind) in [
        (&br#"{"id": 1, "text": "#[..], Value::Null, "invalid_json"),
        (br#"[1, 2]"#, Value::Null, "not_object"),
        (br#""text""#, Value::Null, "not_object"),
        (br#"{"id": "a"}"#, "a".into(), "missing_text"),
        (br#"{"id": 7, "text": 5}"#, 7.into(), "invalid_text"),
        (
            br#"{"id": null, "text": null}"#,
            Value::Null,
            "invalid_text",
        ),
        (
            br#"{"id": true, "text": "a\u0000b"}"#,
            true.into(),
            "binary",
        ),
        (
            b"{\"id\": 2, \"text\": \"\xff\"}",
            Value::Null,
            "invalid_utf8",
        ),
    ] {
        let rec = record(line, false);
        assert_eq!(rec["id"], id, "{}", String::from_utf8_lossy(line));
        assert_eq!(
            rec["error"]["kind"],
            kind,
            "{}",
            String::from_utf8_lossy(line)
        );
        let message = rec["error"]["message"].as_str().unwrap();
        assert!(message.starts_with("line 3: "), "{message}");
    }
}

#[test]
fn good_lines_keep_their_id_and_type() {
    for id in [
        serde_json::json!(12),
        serde_json::json!(-1.5),
        serde_json::json!("doc-1"),
        serde_json::json!(null),
        serde_json::json!(false),
    ] {
        let line = serde_json::json!({"text": "Talks went on.", "id": id}).to_string();
        let rec = record(line.as_bytes(), false);
        assert_eq!(rec["id"], id);
        assert_eq!(rec["schema"], "wirex/1");
    }
    let rec = record(br#"{"text": "No id."}"#, false);
    assert_eq!(rec["id"], Value::Null);
    assert!(rec["sentences"].is_array());
}

/// Takes at most three bytes a call, through `Write`'s default `write_vectored`.
struct Trickle(Vec<u8>);

impl Write for Trickle {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = buf.len().min(3);
        self.0.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn records_are_written_whole_and_in_order_through_short_writes() {
    let texts = ["{\"a\":1}\n", "", "{\"b\":22}\n", "{}\n"];
    let records = || -> Vec<Record> {
        let record = |t: &str| Record {
            json: t.as_bytes().to_vec(),
            bytes: 1,
            entities: 0,
            quotes: 0,
            error: None,
        };
        texts.iter().map(|t| record(t)).collect()
    };
    let mut summary = Summary::start("records");
    let mut trickle = Trickle(Vec::new());
    let mut pending = records();
    write_records(&mut trickle, &mut pending, &mut summary).unwrap();
    assert!(pending.is_empty());
    assert_eq!(trickle.0, texts.concat().as_bytes());
    let mut buffered = io::BufWriter::with_capacity(8, Vec::new());
    write_records(&mut buffered, &mut records(), &mut summary).unwrap();
    assert_eq!(buffered.into_inner().unwrap(), texts.concat().as_bytes());
}

/// Gives its bytes in one read, then fails every read.
struct Failing(Option<Vec<u8>>);

impl Read for Failing {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(bytes) => {
                buf[..bytes.len()].copy_from_slice(&bytes);
                Ok(bytes.len())
            }
            None => Err(io::Error::other("disk gone")),
        }
    }
}

#[test]
fn a_read_error_comes_after_the_records_of_the_lines_before_it() {
    let pipeline = Pipeline::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    // Lines read whole, then a failed read: at a line's end (the batch is complete) or
    // in the middle of the third line (the batch is not).
    let whole = b"{\"text\": \"One.\"}\n{\"text\": 2}\n";
    for bytes in [&whole[..], &[&whole[..], b"{\"text\": \"Thr"].concat()] {
        for pool in [None, Some(&pool)] {
            let input = Input {
                reader: Box::new(Failing(Some(bytes.to_vec()))),
                name: "feed.jsonl",
                may_block: false,
            };
            let mut out = Vec::new();
            let mut summary = Summary::start("records");
            let opts = Default::default();
            let err = stream(&pipeline, &opts, pool, input, &mut out, &mut summary).unwrap_err();
            assert_eq!(format!("{err:#}"), "reading feed.jsonl: disk gone");
            let records: Vec<Value> = out
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .map(|l| serde_json::from_slice(l).unwrap())
                .collect();
            let case = (bytes.len(), pool.is_some());
            assert_eq!(records.len(), 2, "{case:?}");
            assert!(records[0]["sentences"].is_array());
            assert_eq!(records[1]["error"]["kind"], "invalid_text");
        }
    }
}

#[test]
fn lossy_lines_carry_a_warning() {
    let rec = record(b"{\"id\": 2, \"text\": \"bad \xff\xfe byte\"}", true);
    assert_eq!(rec["id"], 2);
    assert_eq!(rec["warnings"][0]["kind"], "lossy_utf8");
}
