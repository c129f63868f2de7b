//! Property tests of the accepted input shapes: any input gives articles or a specific error,
//! never a panic, and every article returned passes schema-v1 validation.

use news_impact_engine::{parse_any, parse_input, ArticleError};
use proptest::prelude::*;
use serde_json::{json, Value};

/// JSON values that look like the shapes the parser detects, with fields of any type.
fn field() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-zA-Z0-9 <>:/.T-]{0,24}".prop_map(Value::from),
        prop::collection::vec("[A-Z]{0,5}", 0..3).prop_map(|v| Value::from(
            v.into_iter()
                .map(|s| json!({"ticker": s, "symbol": s}))
                .collect::<Vec<_>>()
        )),
    ]
}

fn item() -> impl Strategy<Value = Value> {
    let keys = prop::sample::subsequence(
        vec![
            "title",
            "body",
            "body_html",
            "summary",
            "description",
            "snippet",
            "url",
            "time_published",
            "published_at",
            "authors",
            "source",
            "ticker_sentiment",
            "entities",
            "tickers",
        ],
        0..9,
    );
    (keys, prop::collection::vec(field(), 9)).prop_map(|(keys, values)| {
        let mut obj = serde_json::Map::new();
        for (k, v) in keys.into_iter().zip(values) {
            obj.insert(k.to_owned(), v);
        }
        Value::Object(obj)
    })
}

fn document() -> impl Strategy<Value = Value> {
    prop_oneof![
        item(),
        prop::collection::vec(item(), 0..4).prop_map(Value::from),
        prop::collection::vec(item(), 0..4).prop_map(|v| json!({ "feed": v })),
        prop::collection::vec(item(), 0..4).prop_map(|v| json!({ "data": v })),
        field(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_document_gives_valid_articles_or_a_located_error(doc in document()) {
        match parse_any(&doc.to_string()) {
            Ok(articles) => {
                prop_assert!(!articles.is_empty());
                for a in &articles {
                    prop_assert!(a.validate().is_ok(), "{:?}", a);
                }
            }
            Err(ArticleError::Shape { path, message }) => {
                prop_assert!(!path.is_empty() && !message.is_empty());
            }
            Err(other) => prop_assert!(false, "valid JSON gave {:?}", other),
        }
    }

    #[test]
    fn any_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse_input(&text);
        let _ = parse_any(&text);
    }
}
