//! The sliced analysis ([`Analyzer`]) a page uses for long texts: two analyses interleaved slice
//! by slice on one thread (two widgets on a page) each get exactly what [`analyze`] gives.

use news_impact_engine::article::{Article, Body};
use news_impact_engine::{analyze, Analyzer};

/// An article of about `sentences` sentences cycled from the shared benchmark headlines,
/// starting at headline `offset`.
fn article(offset: usize, sentences: usize) -> Article {
    let lines: Vec<&str> = include_str!("../../../bench/headlines.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let picked: Vec<String> = (0..sentences)
        .map(|i| format!("{}.", lines[(offset + i) % lines.len()]))
        .collect();
    Article {
        title: lines[offset % lines.len()].to_owned(),
        body: Some(Body::Paragraphs(
            picked.chunks(7).map(|c| c.join(" ")).collect(),
        )),
        tickers: vec!["AAPL".into()],
        ..Article::default()
    }
}

#[test]
fn interleaved_sliced_analyses_match_whole_ones() {
    let (a, b) = (article(0, 1_500), article(700, 900));
    let (mut x, mut y) = (Analyzer::new(&a), Analyzer::new(&b));
    let (mut x_more, mut y_more, mut steps) = (true, true, 0);
    while x_more || y_more {
        if x_more {
            x_more = x.step();
            steps += 1;
        }
        if y_more {
            y_more = y.step();
        }
    }
    assert!(
        steps > 10,
        "a long text is cut into many slices, got {steps}"
    );
    assert_eq!(x.finish(), analyze(&a));
    assert_eq!(y.finish(), analyze(&b));
}
