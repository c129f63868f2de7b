//! Property tests: whatever the input, analysis never panics, stays in range, keeps every span
//! on the text's character boundaries, is deterministic and grows linearly with the input.

use news_impact_engine::analysis::Analysis;
use news_impact_engine::article::{Article, Body};
use news_impact_engine::{analyze, analyze_json};
use proptest::prelude::*;
use std::time::Instant;

/// Characters and phrases that break naive text handling, mixed into generated text.
const TRICKY: &[&str] = &[
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{0000}",
    "\u{202E}",
    "\u{2067}",
    "e\u{0301}",
    "\u{0338}",
    "👩\u{200D}💻",
    "🚀",
    "שלום",
    "مرحبا",
    "Ñ",
    "İ",
    "ß",
    "\u{00AD}",
    "\r\n",
    "\n\n",
    "  ",
    "$",
    "(NASDAQ: MSFT)",
    "Apple",
    "apple",
    "Target",
    "price target",
    "Microsoft's",
    "Nvidia",
    "$AAPL",
    "gold",
    "the company",
    "rose",
    "fell",
    "not",
    "although",
    "could",
    ".",
    "!",
    "?",
    "Inc.",
    "U.S.",
    "\"",
    "'",
    "’s",
];

fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => any::<String>(),
            4 => prop::sample::select(TRICKY).prop_map(str::to_owned),
            2 => "[A-Za-z]{1,12}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.join(" "))
}

fn check_invariants(a: &Analysis) {
    let text = &a.text;
    let span_ok = |s: usize, e: usize| {
        s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let score_ok = |x: f32| (-1.0..=1.0).contains(&x) && x.is_finite();
    assert!(score_ok(a.overall.score));
    for p in &a.paragraphs {
        assert!(span_ok(p.start, p.end));
    }
    for s in &a.sentences {
        assert!(span_ok(s.start, s.end));
        assert!(score_ok(s.sentiment.score));
        for c in &s.sentiment.cues {
            assert!(span_ok(c.start, c.end));
        }
    }
    for e in &a.entities {
        assert!(score_ok(e.score), "{}: {}", e.id, e.score);
        assert!(
            e.relevance > 0.0 && e.relevance <= 1.0,
            "{}: relevance {}",
            e.id,
            e.relevance
        );
        for m in &e.spans {
            assert!(span_ok(m.start, m.end));
            assert!(m.sentence < a.sentences.len());
        }
        for ev in &e.evidence {
            assert!(span_ok(ev.start, ev.end));
            assert!(score_ok(ev.sentiment.score));
            for c in &ev.sentiment.cues {
                assert!(span_ok(c.start, c.end));
            }
        }
    }
}

fn article(title: String, body: Vec<String>) -> Article {
    Article {
        title,
        body: Some(Body::Paragraphs(body)),
        ..Article::default()
    }
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        tricky_text().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "title",
                    "body",
                    "body_html",
                    "tickers",
                    "url",
                    "source",
                    "x"
                ]),
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(
                m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn analysis_of_any_text_is_in_range_and_deterministic(
        title in tricky_text(),
        body in prop::collection::vec(tricky_text(), 0..6),
    ) {
        let a = article(title, body);
        let first = analyze(&a);
        check_invariants(&first);
        prop_assert_eq!(first, analyze(&a));
    }

    #[test]
    fn any_json_is_parsed_or_rejected_without_panic(json in arbitrary_json()) {
        if let Ok(a) = analyze_json(&json.to_string()) {
            check_invariants(&a);
        }
    }

    #[test]
    fn any_article_shaped_json_is_handled(title in tricky_text(), body in tricky_text()) {
        let json = serde_json::json!({"title": title, "body": body, "tickers": ["MSFT", body]}).to_string();
        if let Ok(a) = analyze_json(&json) {
            check_invariants(&a);
        }
    }
}

#[test]
fn lone_surrogates_and_nul_in_json_are_handled() {
    for json in [
        r#"{"title":"\ud800 Apple rose","body":"x"}"#,
        r#"{"title":"ok","body":"\udfff\u0000 Microsoft fell"}"#,
        r#"{"title":"\u0000","body":["\ufeff", "\u200b"]}"#,
    ] {
        if let Ok(a) = analyze_json(json) {
            check_invariants(&a);
        }
    }
}

#[test]
fn deeply_nested_json_is_rejected_without_overflow() {
    let depth = 100_000;
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(analyze_json(&json).is_err());
    let json = format!(
        r#"{{"title":"t","body":"b","x":{}1{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(analyze_json(&json).is_err());
}

#[test]
fn ten_thousand_repetitions_of_a_company_name() {
    let body = "Microsoft ".repeat(10_000);
    let a = analyze(&article("Microsoft".into(), vec![body]));
    check_invariants(&a);
    assert!(a.entities.iter().any(|e| e.id == "MSFT"));
}

/// Median wall time of `runs` analyses of `a`, in seconds.
fn median_secs(a: &Article, runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(analyze(a));
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

#[test]
fn analysis_time_grows_linearly() {
    // A mix of mentions, cues and coreference; 8x the input must cost far less than the 64x a
    // quadratic path would. The bound is loose (32x) because the machine is shared and noisy.
    let para =
        "Microsoft rose 3% after Nvidia beat estimates. The company said demand was strong, \
                while Apple slid and gold fell. Its shares gained.";
    let make = |n: usize| article("Markets".into(), vec![para.to_owned(); n]);
    let (small, large) = (make(200), make(1_600));
    let (t_small, t_large) = (median_secs(&small, 5), median_secs(&large, 5));
    assert!(
        t_large < 32.0 * t_small,
        "8x input took {:.1}x time",
        t_large / t_small
    );
}
