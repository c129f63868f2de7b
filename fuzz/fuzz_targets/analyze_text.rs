//! Fuzzes the analyser on arbitrary text: as a plain-text article (`Article::from_text`) and as
//! a title plus paragraphs built directly (bypassing the parser's checks).
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_impact_engine::article::Body;
use news_impact_engine::Article;

mod check;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(article) = Article::from_text(&text) {
        check::check(&article);
    }
    let mut parts = text.split('\u{1}');
    let title = parts.next().unwrap_or_default().to_owned();
    let article = Article {
        title,
        body: Some(Body::Paragraphs(parts.map(str::to_owned).collect())),
        tickers: vec!["MSFT".into(), "nvda".into()],
        ..Article::default()
    };
    check::check(&article);
});
