//! Fuzzes the article parsers on arbitrary bytes — schema v1 (`Article::from_json`) and every
//! accepted JSON shape (`formats::parse_any`: Alpha Vantage, Marketaux, arrays and feeds) — then
//! the analyser on whatever they accept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_impact_engine::{formats, Article};

mod check;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    // Determinism (also a property test) is checked on one input in eight, for speed.
    let twice = data.len() % 8 == 0;
    if let Ok(article) = Article::from_json(json) {
        check::check(&article, twice);
        // parse_any reads schema v1 the same way; only other shapes need its analysis.
        let _ = formats::parse_any(json);
        return;
    }
    if let Ok(articles) = formats::parse_any(json) {
        for article in articles.iter().take(4) {
            check::check(article, twice);
        }
    }
});
