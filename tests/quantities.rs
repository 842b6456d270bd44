//! Quantities measured on the Microsoft Recognizers-Text English cases (MIT, see
//! tests/data/recognizers.NOTICE.md): the share of gold mentions found with the right
//! value (and currency). Run with `--nocapture` to see the figures and the misses.

use serde_json::Value;
use wirex::{Pipeline, Quantity, QuantityKind};

/// Which codes a gold currency without an ISO code accepts, and the factor from the
/// gold value to wirex's (wirex gives `50 cents` as 0.50 of the main unit).
const GOLD_UNITS: &[(&str, &[&str], f64)] = &[
    (
        "Dollar",
        &["USD", "CAD", "AUD", "HKD", "NZD", "SGD", "TWD"],
        1.0,
    ),
    ("Cent", &["USD", "CAD", "AUD", "EUR", "HKD", "NZD"], 0.01),
    ("Pound", &["GBP"], 1.0),
    ("Pence", &["GBP"], 0.01),
    ("Penny", &["GBP"], 0.01),
    ("Franc", &["CHF", "FRF", "BEF", "XOF", "XAF"], 1.0),
    ("Rupee", &["INR", "PKR", "LKR", "NPR"], 1.0),
    ("Peseta", &["ESP"], 1.0),
    ("Finnish markka", &["FIM"], 1.0),
    ("Netherlands guilder", &["NLG"], 1.0),
];

struct Score {
    cases: usize,
    skipped_cases: usize,
    mentions: usize,
    right: usize,
    no_value: usize,
    misses: Vec<String>,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9)
}

/// True when a predicted quantity overlapping the gold span has its value (and its
/// currency, when the gold names one).
fn matches(gold: &Value, q: &Quantity, money: bool) -> bool {
    let (gs, ge) = (
        gold["start"].as_u64().unwrap() as usize,
        gold["end"].as_u64().unwrap() as usize,
    );
    if q.end <= gs || ge <= q.start {
        return false;
    }
    let value = gold["value"].as_f64().unwrap();
    if !money {
        return close(q.value, value);
    }
    if q.kind != QuantityKind::Money {
        return false;
    }
    let cur = q.currency.as_deref().unwrap_or("");
    if let Some(iso) = gold["iso_currency"].as_str() {
        return cur == iso && close(q.value, value);
    }
    let unit = gold["currency"].as_str().unwrap_or("");
    match GOLD_UNITS.iter().find(|(u, _, _)| *u == unit) {
        Some((_, codes, factor)) => codes.contains(&cur) && close(q.value, value * factor),
        None => false,
    }
}

fn score(p: &Pipeline, file: &str, money: bool) -> Score {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap();
    let mut s = Score {
        cases: 0,
        skipped_cases: 0,
        mentions: 0,
        right: 0,
        no_value: 0,
        misses: Vec::new(),
    };
    let (mut ns_mentions, mut ns_right) = (0, 0);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        let meta = &case["meta"];
        if !meta["not_supported"].is_null() || !meta["not_supported_by_design"].is_null() {
            // Measured for information only: the spec marks these unsupported.
            s.skipped_cases += 1;
            let got = p.extract(case["text"].as_str().unwrap()).quantities;
            for gold in case["gold"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|g| !g["value"].is_null())
            {
                ns_mentions += 1;
                let right = got.iter().any(|q| matches(gold, q, money));
                ns_right += usize::from(right);
                if !right && std::env::var_os("SHOW_NOT_SUPPORTED").is_some() {
                    println!(
                        "  not_supported miss {}: want {} = {}",
                        case["text"], gold["text"], gold["value"]
                    );
                }
            }
            continue;
        }
        s.cases += 1;
        let text = case["text"].as_str().unwrap();
        let got = p.extract(text).quantities;
        for gold in case["gold"].as_array().unwrap() {
            if gold["value"].is_null() {
                s.no_value += 1; // a bare unit (`dollar`) with no amount
                continue;
            }
            s.mentions += 1;
            if got.iter().any(|q| matches(gold, q, money)) {
                s.right += 1;
            } else {
                let found: Vec<String> = got
                    .iter()
                    .map(|q| {
                        format!(
                            "{}={}{}",
                            q.text,
                            q.value,
                            q.currency
                                .as_deref()
                                .map(|c| format!(" {c}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect();
                s.misses.push(format!(
                    "{text:?}: want {} = {}, got {found:?}",
                    gold["text"], gold["value"]
                ));
            }
        }
    }
    let share = s.right as f64 / s.mentions.max(1) as f64;
    println!(
        "{file}: {}/{} mentions right ({:.1}%) over {} cases; {} not_supported cases skipped; {} gold mentions without a value left out",
        s.right,
        s.mentions,
        100.0 * share,
        s.cases,
        s.skipped_cases,
        s.no_value
    );
    println!("  (not_supported cases, for information: {ns_right}/{ns_mentions} mentions right)");
    for m in &s.misses {
        println!("  miss {m}");
    }
    s
}

#[test]
fn recognizers_text_cases() {
    let p = pipeline();
    let currency = score(p, "recognizers_currency_en.jsonl", true);
    let number = score(p, "recognizers_number_en.jsonl", false);
    let percent = score(p, "recognizers_percent_en.jsonl", false);
    let share = |s: &Score| s.right as f64 / s.mentions as f64;
    assert!(share(&currency) >= 0.85, "currency {:.3}", share(&currency));
    assert!(share(&number) >= 0.85, "number {:.3}", share(&number));
    // Percent is reported, not gated: a third of its cases are `percent of 10`.
    assert!(percent.mentions > 0);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Number-shaped noise never panics and every span is a char-boundary slice.
    #[test]
    fn no_panic_on_number_noise(text in "([0-9]{1,5}|[.,:/%$€£₴-]|one|two|a|and|to|hundred|million|between|about|half|of|cents|dollars|US|C|e|k|m|\\^|–|\u{202f}|é| ){0,24}") {
        let doc = pipeline().extract(&text);
        for q in &doc.quantities {
            let chars: Vec<char> = text.chars().collect();
            let span: String = chars[q.start..q.end].iter().collect();
            proptest::prop_assert_eq!(&span, &q.text);
            proptest::prop_assert!(q.value.is_finite());
        }
    }
}

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(Pipeline::new)
}
