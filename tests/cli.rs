//! The real `wirex` binary on stdin, files, folders and JSONL streams; assertions on the
//! parsed JSON and the exit codes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

mod common;

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/donetsk.txt");

use common::run as wirex;

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited, not killed")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The output lines, each parsed.
fn lines(output: &Output) -> Vec<Value> {
    let text = std::str::from_utf8(&output.stdout).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn scratch(name: &str) -> PathBuf {
    common::scratch(&format!("cli-{name}"))
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn assert_document(doc: &Value) {
    assert_eq!(doc["schema"], "wirex/1", "{doc}");
    for key in [
        "paragraphs",
        "sentences",
        "entities",
        "quotes",
        "quantities",
        "warnings",
    ] {
        assert!(doc[key].is_array(), "{key} missing in {doc}");
    }
}

#[test]
fn the_reference_document_on_stdin_prints_pretty_json() {
    let text = std::fs::read(REFERENCE).unwrap();
    for args in [&[][..], &["extract", "-"]] {
        let out = wirex(args, &text);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let stdout = String::from_utf8(out.stdout.clone()).unwrap();
        assert!(stdout.lines().count() > 20, "not pretty: {stdout}");
        let doc: Value = serde_json::from_str(&stdout).unwrap();
        assert_document(&doc);
        assert_eq!(doc["id"], Value::Null);
        assert!(!doc["sentences"].as_array().unwrap().is_empty());
    }
    let out = wirex(&["--compact"], &text);
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
    assert_document(&lines(&out)[0]);
}

#[test]
fn the_reference_document_as_a_file_argument_prints_pretty_json() {
    let out = wirex(&[REFERENCE], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        stdout.starts_with("{\n  \"schema\": \"wirex/1\""),
        "{stdout}"
    );
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_document(&doc);
    assert_eq!(doc["id"], REFERENCE);
    // The same story through stdin gives the same document, id aside.
    let piped: Value =
        serde_json::from_slice(&wirex(&[], &std::fs::read(REFERENCE).unwrap()).stdout).unwrap();
    assert_eq!(doc["sentences"], piped["sentences"]);
    assert_eq!(doc["entities"], piped["entities"]);
}

/// Writes `n` small stories in nested folders, in scrambled creation order, plus files
/// that must be skipped. Returns the sorted paths that must come out.
fn story_folder(dir: &Path, n: usize) -> Vec<String> {
    let mut paths = Vec::new();
    for i in (0..n).map(|i| (i * 7919) % n) {
        let path = dir
            .join(format!("d{}", i % 3))
            .join(format!("story-{i}.txt"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = format!("KYIV, April {} (Reuters) - Story {i} says 3.5% of 1,200 people agreed. \"Yes,\" he said.\n", i % 28 + 1);
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    std::fs::write(dir.join(".hidden.txt"), "skip me").unwrap();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(dir.join(".git/config.txt"), "skip me").unwrap();
    paths.sort();
    paths.iter().map(|p| path_str(p).to_string()).collect()
}

#[test]
fn a_folder_of_1000_files_gives_1000_lines_sorted_and_the_same_for_any_thread_count() {
    let dir = scratch("folder");
    let want = story_folder(&dir, 1000);
    let one = wirex(&["extract", path_str(&dir), "--threads", "1"], b"");
    let two = wirex(&["extract", path_str(&dir), "--threads", "2"], b"");
    assert_eq!(code(&one), 0, "{}", stderr(&one));
    assert_eq!(code(&two), 0, "{}", stderr(&two));
    assert!(one.stdout == two.stdout, "--threads 1 and 2 differ");
    let docs = lines(&one);
    assert_eq!(docs.len(), 1000);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, want);
    docs.iter().for_each(assert_document);
    let summary = stderr(&one);
    assert!(
        summary.contains("1000 files") && summary.contains("0 errors"),
        "{summary}"
    );
    assert!(summary.contains("MB/s"), "{summary}");
    assert!(wirex(&["extract", path_str(&dir), "--quiet"], b"")
        .stderr
        .is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn out_dir_writes_one_json_file_per_input_mirroring_folders() {
    let dir = scratch("outdir");
    let stories = dir.join("in");
    std::fs::create_dir_all(&stories).unwrap();
    let want = story_folder(&stories, 12);
    std::fs::write(stories.join("d0/broken.txt"), b"bad \xff byte").unwrap();
    let results = dir.join("out");
    let out = wirex(
        &[
            "extract",
            path_str(&stories),
            "--out-dir",
            path_str(&results),
            "--quiet",
        ],
        b"",
    );
    assert_eq!(code(&out), 1, "one input failed: {}", stderr(&out));
    assert!(out.stdout.is_empty());
    for input in &want {
        let rel = Path::new(input).strip_prefix(&stories).unwrap();
        let written = results.join(format!("{}.json", rel.display()));
        let doc: Value = serde_json::from_slice(&std::fs::read(&written).unwrap()).unwrap();
        assert_document(&doc);
        assert_eq!(doc["id"], *input);
    }
    let broken: Value =
        serde_json::from_slice(&std::fs::read(results.join("d0/broken.txt.json")).unwrap())
            .unwrap();
    assert_eq!(broken["error"]["kind"], "invalid_utf8");
    let count = walk_count(&results);
    assert_eq!(count, want.len() + 1);

    // Two inputs that would write the same file are refused before anything is written.
    let clash = wirex(
        &[
            "extract",
            path_str(&stories.join("d0")),
            path_str(&dir.join("in/d0")),
            "--out-dir",
            path_str(&dir.join("clash")),
        ],
        b"",
    );
    assert_eq!(code(&clash), 2, "{}", stderr(&clash));
    assert!(!dir.join("clash").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn walk_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk_count(&path)
            } else {
                1
            }
        })
        .sum()
}

/// An output line to expect: input record number, id, error kind (None: a document).
type Expected = (usize, Value, Option<&'static str>);

/// 1,000 non-blank records (and some blank lines), 10 of them malformed at known
/// positions, ids of every scalar type.
fn jsonl_stream() -> (String, Vec<Expected>) {
    const BAD: &[(usize, &str, &str)] = &[
        (0, "{\"id\": 1, \"text\": ", "invalid_json"),
        (17, "not json at all", "invalid_json"),
        (99, "[1, 2, 3]", "not_object"),
        (100, "{\"id\": \"no-text\"}", "missing_text"),
        (256, "{\"id\": 256, \"text\": 42}", "invalid_text"),
        (257, "{\"id\": null, \"text\": [\"a\"]}", "invalid_text"),
        (500, "{\"id\": \"nul\", \"text\": \"a\\u0000b\"}", "binary"),
        (640, "{\"id\": true, \"text\": null}", "invalid_text"),
        (998, "{\"id\": 998.5}", "missing_text"),
        (999, "\"just a string\"", "not_object"),
    ];
    let mut input = String::new();
    let mut want = Vec::new();
    for i in 0..1000 {
        if i % 97 == 5 {
            input.push_str("\n   \n"); // blank lines: no output for them
        }
        if let Some(&(_, line, kind)) = BAD.iter().find(|b| b.0 == i) {
            let id = serde_json::from_str::<Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(Value::Null);
            input.push_str(line);
            want.push((i, id, Some(kind)));
        } else {
            let id = match i % 4 {
                0 => json!(i),
                1 => json!(format!("doc-{i}")),
                2 => json!(null),
                _ => json!(i as f64 + 0.25),
            };
            let text =
                format!("BEIJING, March 3 (Xinhua) -- Record {i} costs $5.2 million.\nIt said so.");
            let record = if i % 4 == 2 && i % 8 == 2 {
                json!({"text": text}) // no id at all: null
            } else {
                json!({"id": id, "text": text})
            };
            input.push_str(&record.to_string());
            want.push((i, id, None));
        }
        input.push_str(if i % 2 == 0 { "\n" } else { "\r\n" });
    }
    (input, want)
}

#[test]
fn a_jsonl_stream_of_1000_lines_with_10_bad_ones_gives_1000_lines_in_order() {
    let (input, want) = jsonl_stream();
    let out = wirex(&["extract", "--input", "jsonl"], input.as_bytes());
    assert_eq!(code(&out), 1, "some lines failed: {}", stderr(&out));
    let records = lines(&out);
    assert_eq!(records.len(), 1000);
    for (record, (i, id, kind)) in records.iter().zip(&want) {
        assert_eq!(&record["id"], id, "line {i}: {record}");
        // The type is kept: 3 stays an integer, 3.25 a float.
        assert_eq!(record["id"].is_u64(), id.is_u64(), "line {i}");
        assert_eq!(record["id"].is_f64(), id.is_f64(), "line {i}");
        match kind {
            Some(kind) => assert_eq!(record["error"]["kind"], *kind, "line {i}: {record}"),
            None => assert_document(record),
        }
    }
    let errors = records.iter().filter(|r| r.get("error").is_some()).count();
    assert_eq!(errors, 10);

    // Parallel batches give the same bytes; a JSONL file works like stdin.
    let two = wirex(
        &["extract", "--input", "jsonl", "--threads", "2"],
        input.as_bytes(),
    );
    assert!(two.stdout == out.stdout, "--threads 2 differs");
    assert_eq!(code(&two), 1, "{}", stderr(&two));
    // For Hadoop Streaming and Spark's pipe, which fail a task that exits non-zero.
    let zero = wirex(
        &[
            "extract",
            "--input",
            "jsonl",
            "--threads",
            "2",
            "--exit-zero",
        ],
        input.as_bytes(),
    );
    assert_eq!(code(&zero), 0, "{}", stderr(&zero));
    assert!(zero.stdout == out.stdout, "--exit-zero changes the records");
    let dir = scratch("jsonl");
    let file = dir.join("records.jsonl");
    std::fs::write(&file, &input).unwrap();
    let from_file = wirex(&["extract", "--input", "jsonl", path_str(&file)], b"");
    assert!(from_file.stdout == out.stdout, "file input differs");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jsonl_ids_are_echoed_digit_for_digit() {
    // Record ids from databases are often 64-bit or longer integers; rounding one through
    // f64 would silently attach a story to the wrong record.
    let ids = [
        "12345678901234567890123",
        "9007199254740993",
        "1.50",
        "-0",
        "1e+400",
    ];
    let input: String = ids
        .iter()
        .map(|id| format!("{{\"id\": {id}, \"text\": \"It rose 5%.\"}}\n"))
        .collect();
    let out = wirex(&["extract", "--input", "jsonl"], input.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), ids.len());
    for (line, id) in lines.iter().zip(ids) {
        let want = format!("\"id\":{id},");
        assert!(line.contains(&want), "{want} not in {line}");
    }
}

#[test]
fn a_jsonl_producer_that_waits_for_each_answer_gets_it() {
    // A client that sends a story and waits for its record before the next one (a
    // service wrapping wirex over a pipe) must get each answer before wirex reads on.
    for threads in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wirex"))
            .args(["extract", "--input", "jsonl", "-q", "--threads", threads])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        // Lines read on a thread of their own, so that a deadlock fails the test by a
        // timeout instead of hanging it.
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        for i in 0..3 {
            writeln!(stdin, r#"{{"id": {i}, "text": "Prices rose 5% in Kyiv."}}"#).unwrap();
            stdin.flush().unwrap();
            let line = rx
                .recv_timeout(std::time::Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no answer to line {i} with {threads} threads"));
            let record: Value = serde_json::from_str(&line).unwrap();
            assert_eq!(record["id"], i, "{line}");
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
        reader.join().unwrap();
    }
}

#[test]
fn line_separators_are_escaped_in_jsonl_output() {
    let input = "{\"id\": \"a\u{2028}b\u{2029}c\u{85}d\", \"text\": \"One\u{2028}two.\"}\n";
    let out = wirex(&["extract", "--input", "jsonl"], input.as_bytes());
    assert_eq!(code(&out), 0);
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        !stdout.contains(['\u{2028}', '\u{2029}', '\u{85}']),
        "{stdout}"
    );
    assert!(
        stdout.contains(r#""id":"a\u2028b\u2029c\u0085d""#),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1);
    assert_eq!(lines(&out)[0]["id"], "a\u{2028}b\u{2029}c\u{85}d");
}

#[test]
fn an_invalid_utf8_file_is_an_error_record_and_lossy_is_a_warning() {
    let dir = scratch("utf8");
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"Good text. Bad \xff\xfe byte.").unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, "Good text.").unwrap();

    let out = wirex(&["extract", path_str(&bad), path_str(&good)], b"");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let zero = wirex(
        &["extract", path_str(&bad), path_str(&good), "--exit-zero"],
        b"",
    );
    assert_eq!(code(&zero), 0, "{}", stderr(&zero));
    assert!(zero.stdout == out.stdout, "--exit-zero changes the records");
    let records = lines(&out);
    assert_eq!(records.len(), 2, "the run goes on after a bad file");
    assert_eq!(records[0]["id"], path_str(&bad));
    assert_eq!(records[0]["error"]["kind"], "invalid_utf8");
    let message = records[0]["error"]["message"].as_str().unwrap();
    assert!(message.contains("byte 15"), "{message}");
    assert!(stderr(&out).contains("byte 15"), "{}", stderr(&out));
    assert_document(&records[1]);

    let out = wirex(&["extract", path_str(&bad), "--lossy"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = &lines(&out)[0];
    assert_document(doc);
    assert_eq!(doc["warnings"][0]["kind"], "lossy_utf8", "{doc}");

    // A single document on stdin fails the same way.
    let out = wirex(&[], b"bad \xff");
    assert_eq!(code(&out), 1);
    assert_eq!(code(&wirex(&["--exit-zero"], b"bad \xff")), 0);
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["error"]["kind"], "invalid_utf8");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn binary_and_oversized_files_are_refused_with_error_records() {
    let dir = scratch("binary");
    let nul = dir.join("image.bin");
    std::fs::write(&nul, b"GIF89a\x00\x01\x02").unwrap();
    let big = dir.join("big.txt");
    std::fs::write(&big, "word ".repeat(100)).unwrap();
    let out = wirex(
        &[
            "extract",
            path_str(&nul),
            path_str(&big),
            "--max-bytes",
            "100",
        ],
        b"",
    );
    assert_eq!(code(&out), 1);
    let records = lines(&out);
    assert_eq!(records[0]["error"]["kind"], "binary");
    assert_eq!(records[1]["error"]["kind"], "too_large");
    assert!(stderr(&out).contains("2 errors"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn offsets_follow_the_requested_unit() {
    let text = "😀 Talks went on in Kyiv.";
    let end = |unit: &str| {
        let out = wirex(&["--compact", "--offsets", unit], text.as_bytes());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let doc = &lines(&out)[0];
        assert_eq!(doc["offsets"], unit);
        doc["sentences"][0]["end"].as_u64().unwrap() as usize
    };
    let (codepoints, utf16) = (end("codepoints"), end("utf16"));
    assert_eq!(codepoints, text.chars().count());
    assert_eq!(utf16, text.encode_utf16().count());
    assert_eq!(utf16, codepoints + 1, "the emoji is two UTF-16 units");
    assert_eq!(end("bytes"), text.len());
}

#[test]
fn usage_and_io_errors_exit_with_2() {
    let dir = scratch("usage");
    let missing = dir.join("missing.txt");
    for args in [
        vec![path_str(&missing)],
        vec!["extract", path_str(&missing), REFERENCE],
        vec!["extract", "--threads", "many"],
        vec!["extract", "--input", "jsonl", "--out-dir", path_str(&dir)],
        vec!["extract", "--input", "jsonl", path_str(&missing)],
        vec!["--gazetteer", path_str(&missing), REFERENCE],
        vec!["--offsets", "chars"],
    ] {
        let out = wirex(&args, b"");
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
    // The other inputs of the run are still processed and the missing one has a record.
    let out = wirex(&["extract", path_str(&missing), REFERENCE], b"");
    let records = lines(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["error"]["kind"], "io");
    assert_document(&records[1]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let record =
        json!({"id": 1, "text": "KYIV, April 9 (Reuters) - Talks went on. \"We will,\" he said."});
    let input = format!("{record}\n").repeat(20_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_wirex"))
        .args(["extract", "--input", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 100`
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(first.starts_with(b"{\"schema\":\"wirex/1\""));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("wirex: error"), "{}", stderr(&out));
}

#[test]
fn help_shows_an_example_of_every_mode() {
    let out = wirex(&["--help"], b"");
    assert_eq!(code(&out), 0);
    let help = String::from_utf8(out.stdout).unwrap();
    for example in [
        "cat story.txt | wirex",
        "wirex tests/data/donetsk.txt",
        "wirex extract stories/ > out.jsonl",
        "--out-dir results/",
        "wirex extract --input jsonl",
        "--offsets utf16",
        "wirex eval --gold",
        "wirex bench",
        "Exit codes",
    ] {
        assert!(help.contains(example), "{example} missing from --help");
    }
}
