//! The benchmark headlines (`bench/headlines.txt`, the file the npm peers are timed on), shared
//! by the headline examples and benchmarks.

use news_impact_engine::article::Article;

/// The shared headline file, one headline a line.
pub const HEADLINES: &str = include_str!("../../../../bench/headlines.txt");

/// Every headline as its own article (title only).
pub fn articles() -> Vec<Article> {
    HEADLINES
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|h| Article {
            title: h.to_owned(),
            ..Article::default()
        })
        .collect()
}
