//! Where the time goes: each pipeline stage timed on a 1 MB article made of the benchmark
//! headlines (best of 7 runs, wall clock): `cargo run --release -p news-impact-engine --example stages`.

use news_impact_engine::article::{Article, Body};
use news_impact_engine::{aggregate, analyze, link, normalize, score, segment};
use std::hint::black_box;
use std::time::Instant;

/// The shared headline file, one headline a line.
const HEADLINES: &str = include_str!("../../../bench/headlines.txt");

/// Best-of-7 wall time of `f`, in milliseconds.
fn best(f: &mut dyn FnMut()) -> f64 {
    (0..7)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::MAX, f64::min)
}

fn main() {
    let (mut paragraphs, mut current, mut total) = (Vec::new(), String::new(), 0usize);
    for h in HEADLINES.lines().filter(|l| !l.is_empty()).cycle() {
        if total >= 1_000_000 {
            break;
        }
        current.push_str(h);
        current.push(' ');
        if current.len() >= 600 {
            total += current.len();
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    let article = Article {
        title: "Markets wrap".into(),
        body: Some(Body::Paragraphs(paragraphs)),
        ..Article::default()
    };
    let doc = normalize::normalize(&article);
    let spans = segment::segment(&doc);
    let linked = link::link(&doc, &spans, &[]);
    let mb = doc.text.len() as f64 / 1e6;
    println!(
        "{} bytes of text, {} sentences",
        doc.text.len(),
        spans.len()
    );
    let row = |name: &str, ms: f64| println!("{name:<10} {ms:8.1} ms  {:7.1} MB/s", mb / ms * 1e3);
    row(
        "normalize",
        best(&mut || drop(black_box(normalize::normalize(&article)))),
    );
    row(
        "segment",
        best(&mut || drop(black_box(segment::segment(&doc)))),
    );
    row(
        "link",
        best(&mut || drop(black_box(link::link(&doc, &spans, &[])))),
    );
    let model = score::model();
    let text = |s: &segment::SentenceSpan| &doc.text[s.start..s.end];
    row(
        "tokenize",
        best(&mut || {
            for s in &spans {
                black_box(model.tokenize(text(s)));
            }
        }),
    );
    let tokens: Vec<_> = spans.iter().map(|s| model.tokenize(text(s))).collect();
    let mut scorer = score::Scorer::new(model);
    row(
        "score",
        best(&mut || {
            for (s, t) in spans.iter().zip(&tokens) {
                black_box(scorer.score_spans(t, s.start, &[]));
            }
        }),
    );
    row(
        "aggregate",
        best(&mut || {
            drop(black_box(aggregate::entity_impacts(
                &doc,
                &spans,
                &tokens,
                &mut scorer,
                linked.clone(),
            )))
        }),
    );
    row("analyze", best(&mut || drop(black_box(analyze(&article)))));
}
