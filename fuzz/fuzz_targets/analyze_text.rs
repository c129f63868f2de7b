//! Fuzzes the analyser on arbitrary text. The first byte picks the entry: a plain-text article
//! (`Article::from_text`), or a title plus paragraphs (split on U+0001) built directly, bypassing
//! the parser's checks, with or without publisher ticker hints.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_impact_engine::article::Body;
use news_impact_engine::Article;

mod check;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    // Determinism (also a property test) is checked on one input in eight, for speed.
    let twice = data.len() % 8 == 0;
    if mode % 3 == 0 {
        if let Ok(article) = Article::from_text(&text) {
            check::check(&article, twice);
        }
        return;
    }
    let mut parts = text.split('\u{1}');
    let title = parts.next().unwrap_or_default().to_owned();
    let tickers = if mode % 3 == 1 {
        vec!["MSFT".into(), "nvda".into(), "BRK.B".into()]
    } else {
        Vec::new()
    };
    let article = Article {
        title,
        body: Some(Body::Paragraphs(parts.map(str::to_owned).collect())),
        tickers,
        ..Article::default()
    };
    check::check(&article, twice);
});
