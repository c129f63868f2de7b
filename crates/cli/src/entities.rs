//! `news-impact entities [FILE|-]`: the linked entities of an article, with their spans.

use news_impact_engine::{link, normalize, segment, Article, ArticleError};
use serde_json::{json, Value};

/// Parses schema-v1 JSON or plain text (first line = title) into an article.
fn parse(input: &str) -> Result<Article, ArticleError> {
    if input.trim_start().starts_with('{') {
        Article::from_json(input)
    } else {
        Article::from_text(input)
    }
}

/// Links the entities of `input` and returns the JSON document the subcommand prints:
/// `{"entities": [{"id", "symbol", "name", "kind", "relevance", "mentions", "spans":
/// [{"start", "end", "sentence", "via", "text"}]}]}`; offsets index the normalised text.
pub fn entities_json(input: &str) -> Result<Value, ArticleError> {
    let article = parse(input)?;
    let doc = normalize::normalize(&article);
    let sentences = segment::segment(&doc);
    let linked = link::link(&doc, &sentences, &article.tickers);
    let entities: Vec<Value> = linked
        .iter()
        .map(|e| {
            let spans: Vec<Value> = e
                .mentions
                .iter()
                .map(|m| {
                    json!({
                        "start": m.start,
                        "end": m.end,
                        "sentence": m.sentence,
                        "via": m.via,
                        "text": doc.text.get(m.start..m.end).unwrap_or(""),
                    })
                })
                .collect();
            json!({
                "id": e.id,
                "symbol": e.symbol,
                "name": e.name,
                "kind": e.kind,
                "relevance": e.relevance,
                "mentions": e.mentions.len(),
                "spans": spans,
            })
        })
        .collect();
    Ok(json!({ "entities": entities }))
}

/// Runs the subcommand on `input`: prints the JSON, or the error to stderr.
pub fn run(input: &str) -> std::process::ExitCode {
    match entities_json(input) {
        Ok(v) => {
            use std::io::Write;
            let text = serde_json::to_string_pretty(&v).unwrap_or_else(|_| "{}".into());
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{text}");
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("news-impact: {err}");
            std::process::ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_article_lists_entities_with_spans_into_the_text() {
        let v = entities_json(
            "Nvidia rallies\n\nShares of Nvidia rose after Microsoft said it would buy more chips.",
        )
        .unwrap();
        let ents = v["entities"].as_array().unwrap();
        assert_eq!(ents[0]["id"], "NVDA");
        assert_eq!(ents[0]["mentions"], 2);
        assert_eq!(ents[0]["spans"][0]["text"], "Nvidia");
        assert!(ents.iter().any(|e| e["id"] == "MSFT"));
    }

    #[test]
    fn bad_json_is_an_error() {
        assert!(entities_json("{\"title\": 3}").is_err());
    }
}
