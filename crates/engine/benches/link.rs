//! Entity-linking throughput (MB/s) on 1 KB, 10 KB and 100 KB articles built from the
//! labelled mention corpus: `cargo bench -p news-impact-engine --bench link`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use news_impact_engine::{link, normalize, segment};

const CORPUS: &str = include_str!("../tests/data/mentions.jsonl");

/// Paragraphs of about 400 bytes made of corpus sentences, cycled until `size` bytes.
fn article(size: usize) -> Vec<String> {
    let sentences: Vec<String> = CORPUS
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    let mut paragraphs = Vec::new();
    let (mut total, mut current) = (0, String::new());
    for s in sentences.iter().cycle() {
        if total + current.len() >= size {
            break;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(s);
        if current.len() >= 400 {
            total += current.len() + 2;
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

fn bench(c: &mut Criterion) {
    // Build the universe and automaton once, outside the measurement.
    let warm = normalize::normalize_parts("Microsoft", ["Nvidia rose."]);
    link::link(&warm, &segment::segment(&warm), &[]);

    let mut group = c.benchmark_group("link");
    for (label, size) in [("1KB", 1_000), ("10KB", 10_000), ("100KB", 100_000)] {
        let paragraphs = article(size);
        let doc = normalize::normalize_parts("Markets wrap", paragraphs.iter().map(String::as_str));
        let sentences = segment::segment(&doc);
        group.throughput(Throughput::Bytes(doc.text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &doc, |b, doc| {
            b.iter(|| link::link(black_box(doc), black_box(&sentences), &[]))
        });
    }
    group.finish();
}

fn universe_build(c: &mut Criterion) {
    // The one-off cost of the first `link` call in a process (or page load).
    c.bench_function("universe_build", |b| {
        b.iter(|| {
            black_box(
                news_impact_engine::universe::build_universe()
                    .entities
                    .len(),
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = bench, universe_build
}
criterion_main!(benches);
