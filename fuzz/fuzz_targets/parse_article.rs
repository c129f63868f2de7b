//! Fuzzes the article parser (`Article::from_json`) on arbitrary bytes, then the analyser on
//! whatever it accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_impact_engine::Article;

mod check;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    if let Ok(article) = Article::from_json(json) {
        check::check(&article);
    }
});
