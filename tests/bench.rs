//! `wirex bench` through the real binary. These check what the bench reports, never how
//! fast it was: CI must not fail because the machine was slow.

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

mod common;

fn wirex(args: &[&str]) -> Output {
    common::run(args, b"")
}

fn scratch(name: &str) -> PathBuf {
    common::scratch(&format!("bench-{name}"))
}

fn report(args: &[&str]) -> Value {
    let out = wirex(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn builtin_corpus_report_has_every_figure() {
    let r = report(&["bench", "--size", "0.3", "--threads", "2", "--json"]);
    assert!(r["mb"].as_f64().unwrap() >= 0.3, "{r}");
    assert!(r["docs"].as_u64().unwrap() > 1);
    assert_eq!(r["threads"], 2);
    assert_eq!(r["consistent"], true);
    assert_eq!(
        r["builtin"], true,
        "the report says the corpus is the built-in one"
    );
    assert!(
        r["corpus"].as_str().unwrap().contains("13 stories"),
        "{}",
        r["corpus"]
    );
    for pass in ["single", "parallel"] {
        assert!(r[pass]["seconds"].as_f64().unwrap() > 0.0, "{pass}");
        assert!(r[pass]["mb_per_s"].as_f64().unwrap() > 0.0, "{pass}");
    }
    // The baseline scanned the same text for the gazetteer's aliases and found some
    // (the reference story names Kyiv, Donetsk, China...).
    let baseline = &r["baseline"];
    assert!(
        baseline["patterns"].as_u64().unwrap() > 100_000,
        "{baseline}"
    );
    assert!(baseline["matches"].as_u64().unwrap() > r["docs"].as_u64().unwrap());
    assert!(baseline["mb_per_s"].as_f64().unwrap() > 0.0, "{baseline}");
    let ratio = baseline["ratio"].as_f64().unwrap();
    assert!(ratio > 0.0 && ratio.is_finite(), "{baseline}");
    let stages: Vec<&str> = r["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "input",
            "layout",
            "sentences",
            "gazetteer",
            "entities",
            "quotes",
            "quantities",
            "output",
            "json"
        ]
    );
    assert!(r["counts"]["sentences"].as_u64().unwrap() > 0);
    assert_eq!(r["counts"]["errors"], 0);
    assert!(r["build_ms"].as_f64().unwrap() > 0.0);
    if cfg!(target_os = "linux") {
        assert!(r["peak_rss_mb"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn folders_and_jsonl_files_are_benched_record_by_record() {
    let dir = scratch("inputs");
    let stories = dir.join("stories");
    std::fs::create_dir_all(&stories).unwrap();
    std::fs::write(
        stories.join("a.txt"),
        "KYIV, April 9 (Reuters) - Talks went on.",
    )
    .unwrap();
    std::fs::write(stories.join("b.txt"), "Officials said so on Monday.").unwrap();
    let r = report(&[
        "bench",
        stories.to_str().unwrap(),
        "--repeat",
        "3",
        "--json",
    ]);
    assert_eq!(r["docs"], 6);
    assert_eq!(r["counts"]["errors"], 0);

    let jsonl = dir.join("in.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":1,\"text\":\"Talks went on.\"}\nnot json\n\n{\"id\":2,\"text\":\"More.\"}\n",
    )
    .unwrap();
    let r = report(&["bench", jsonl.to_str().unwrap(), "--threads", "2", "--json"]);
    assert_eq!(r["docs"], 3);
    assert_eq!(r["builtin"], false);
    assert_eq!(r["counts"]["errors"], 1);
    assert_eq!(r["consistent"], true);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_table_names_passes_stages_and_counts() {
    let out = wirex(&["bench", "--size", "0.1", "--threads", "1"]);
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    for want in [
        "1 thread",
        "speedup",
        "gazetteer",
        "json",
        "found:",
        "pipeline build",
    ] {
        assert!(table.contains(want), "{want} missing in\n{table}");
    }
}

#[test]
fn a_missing_path_is_an_error() {
    let out = wirex(&["bench", "/nonexistent/wirex/corpus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/wirex/corpus"));
}
