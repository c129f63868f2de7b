//! Throwaway (not committed): analyse the bench headlines N times.
use news_impact_engine::article::Article;
fn main() {
    let n: usize = std::env::args().nth(1).map_or(50, |s| s.parse().unwrap());
    let text = std::fs::read_to_string("bench/headlines.txt").unwrap();
    let arts: Vec<Article> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|h| Article {
            title: h.into(),
            ..Article::default()
        })
        .collect();
    let mut c = 0;
    news_impact_engine::analyze(&arts[0]);
    let t = std::time::Instant::now();
    for _ in 0..n {
        for a in &arts {
            c += news_impact_engine::analyze(a).entities.len();
        }
    }
    let per = t.elapsed().as_secs_f64() / (n * arts.len()) as f64;
    println!("{:.2} us/headline, {:.0}/s ({c})", per * 1e6, 1.0 / per);
}
