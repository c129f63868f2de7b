//! Fuzzes the article parsers on arbitrary bytes — schema v1 (`Article::from_json`) and every
//! accepted JSON shape (`formats::parse_any`: Alpha Vantage, Marketaux, arrays and feeds) — then
//! the analyser on whatever they accept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_impact_engine::{formats, Article};

mod check;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    if let Ok(article) = Article::from_json(json) {
        check::check(&article);
    }
    if let Ok(articles) = formats::parse_any(json) {
        for article in articles.iter().take(4) {
            check::check(article);
        }
    }
});
