//! Profiling and equivalence driver for the headline benchmark: analyses every line of
//! `bench/headlines.txt` as its own article (title only), once to warm up and then `N` more
//! times (`cargo run --release -p news-impact-engine --example headlines -- N`, for callgrind
//! or perf), or prints each analysis as one JSON line (`-- --dump`) to compare two builds.

use news_impact_engine::analyze;
use news_impact_engine::article::Article;

#[path = "support/headlines.rs"]
mod headlines;

/// One pass over the headlines; the number of entities found (so that nothing is optimised out).
#[inline(never)]
fn pass(articles: &[Article]) -> usize {
    articles.iter().map(|a| analyze(a).entities.len()).sum()
}

fn main() {
    let articles = headlines::articles();
    let arg = std::env::args().nth(1).unwrap_or_default();
    if arg == "--dump" {
        for a in &articles {
            let json = serde_json::to_string(&analyze(a)).unwrap_or_default();
            println!("{json}");
        }
        return;
    }
    let passes: usize = arg.parse().unwrap_or(1);
    let mut found = pass(&articles);
    for _ in 0..passes {
        found += pass(&articles);
    }
    println!(
        "{} headlines, {passes} measured passes, {found} entities",
        articles.len()
    );
}
