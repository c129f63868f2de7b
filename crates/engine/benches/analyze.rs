//! Full-pipeline benchmarks (`make bench`, or `cargo bench -p news-impact-engine --bench analyze`):
//! headlines per second with entities (on `bench/headlines.txt`, the file the npm peers are timed
//! on) and long-article throughput at 1 KB, 10 KB, 100 KB and 1 MB, to show linear growth.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use news_impact_engine::article::{Article, Body};
use news_impact_engine::{analyze, analyze_json};
use std::time::Duration;

/// The shared headline file, one headline a line.
const HEADLINES: &str = include_str!("../../../bench/headlines.txt");

fn headlines() -> Vec<&'static str> {
    HEADLINES.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// An article of about `size` bytes: paragraphs of about 600 bytes made of headlines, cycled.
pub fn long_article(size: usize) -> Article {
    let mut paragraphs = Vec::new();
    let (mut total, mut current) = (0usize, String::new());
    for h in headlines().iter().cycle() {
        if total + current.len() >= size {
            break;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(h);
        if current.len() >= 600 {
            total += current.len() + 2;
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    Article {
        title: "Markets wrap: the day's company news".into(),
        body: Some(Body::Paragraphs(paragraphs)),
        ..Article::default()
    }
}

/// Every headline analysed as its own article (title only), entities included.
fn bench_headlines(c: &mut Criterion) {
    let articles: Vec<Article> = headlines()
        .into_iter()
        .map(|h| Article {
            title: h.to_owned(),
            ..Article::default()
        })
        .collect();
    // First call outside the measurement: builds any lazily built tables (universe, model).
    black_box(analyze(&articles[0]));
    let mut group = c.benchmark_group("headlines");
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.bench_function("analyze", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for a in &articles {
                n += analyze(black_box(a)).entities.len();
            }
            n
        })
    });
    group.finish();
}

/// Whole-article analysis (struct in, `Analysis` out) at growing sizes; throughput in bytes of
/// normalised text.
fn bench_articles(c: &mut Criterion) {
    let mut group = c.benchmark_group("article");
    for (label, size) in [
        ("1KB", 1_000),
        ("10KB", 10_000),
        ("100KB", 100_000),
        ("1MB", 1_000_000),
    ] {
        let article = long_article(size);
        let bytes = analyze(&article).text.len();
        group.throughput(Throughput::Bytes(bytes as u64));
        if size >= 100_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(label), &article, |b, a| {
            b.iter(|| analyze(black_box(a)))
        });
    }
    group.finish();
}

/// The same 100 KB article from schema-v1 JSON (parse and validation included).
fn bench_json(c: &mut Criterion) {
    let json = serde_json::to_string(&long_article(100_000)).expect("article serialises");
    let mut group = c.benchmark_group("article_json");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.sample_size(10);
    group.bench_function("100KB", |b| {
        b.iter(|| analyze_json(black_box(&json)).map(|a| a.entities.len()))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench_headlines, bench_articles, bench_json
}
criterion_main!(benches);
