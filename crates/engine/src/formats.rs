//! Accepted input shapes: converts the JSON people already have into schema-v1 [`Article`]s.
//!
//! Detection is by shape, never by a declared type:
//! - a schema-v1 article (`title` and `body` or `body_html`);
//! - an Alpha Vantage `NEWS_SENTIMENT` response (`feed: [...]`) or one of its feed items
//!   (`title`, `summary`, `url`, `time_published` as `YYYYMMDDTHHMMSS`, `authors`, `source`,
//!   `ticker_sentiment[].ticker` as hints);
//! - a Marketaux news response (`data: [...]`) or one of its items (`title`, `description`,
//!   `snippet`, `url`, `published_at`, `source`, `entities[].symbol` as hints);
//! - a JSON array, or an object with an `articles` or `items` array, of any of the above.
//!
//! A list yields every item that converts; items that do not are skipped, and only when none
//! converts is the first item's error returned. Valid JSON of an unknown shape gets an
//! [`ArticleError::Shape`] naming the field path and what was expected.

use crate::article::{Article, Body};
use crate::error::ArticleError;
use crate::limits::check_json_input;
use serde_json::{Map, Value};

/// What a single article object must look like, quoted in shape errors.
pub const EXPECTED_ARTICLE: &str = "expected an article object: `title` with `body` or \
`body_html` (schema v1), an Alpha Vantage feed item (`title`, `summary`, `time_published`), \
or a Marketaux item (`title`, `description` or `snippet`)";

/// Reads pasted or uploaded input: JSON (any accepted shape) or plain text (first line = title).
pub fn parse_input(input: &str) -> Result<Vec<Article>, ArticleError> {
    parse_input_noting(input).map(|(articles, _)| articles)
}

/// Parses JSON of any accepted shape into one or more validated articles (never an empty list).
pub fn parse_any(json: &str) -> Result<Vec<Article>, ArticleError> {
    parse_any_noting(json).map(|(articles, _)| articles)
}

/// Items of a list that could not be read and were left out: how many, of how many, and why
/// the first of them failed (its message, for the reader, says which item and which field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// How many items were left out.
    pub count: usize,
    /// How many items the list had.
    pub total: usize,
    /// 1-based position of the first item left out.
    pub first_item: usize,
    /// Why that item could not be read.
    pub first: ArticleError,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (count, total) = (self.count, self.total);
        let was = if count == 1 { "was" } else { "were" };
        write!(
            f,
            "{count} of {total} items could not be read and {was} left out (item {}: {})",
            self.first_item, self.first
        )
    }
}

/// [`parse_any`], also saying which items of a list were left out (`None` when none was).
pub fn parse_any_noting(json: &str) -> Result<(Vec<Article>, Option<Skipped>), ArticleError> {
    let json = json.trim_start_matches('\u{FEFF}');
    check_json_input(json)?;
    let value: Value = serde_json::from_str(json).map_err(|err| ArticleError::Syntax {
        line: err.line(),
        column: err.column(),
        message: strip_position(&err.to_string()),
    })?;
    from_value_noting(&value)
}

/// [`parse_input`], also saying which items of a list were left out.
pub fn parse_input_noting(input: &str) -> Result<(Vec<Article>, Option<Skipped>), ArticleError> {
    let trimmed = input.trim_start_matches('\u{FEFF}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        parse_any_noting(input)
    } else {
        Article::from_text(input).map(|a| (vec![a], None))
    }
}

/// Converts an already-parsed JSON value of any accepted shape.
pub fn from_value(value: &Value) -> Result<Vec<Article>, ArticleError> {
    from_value_noting(value).map(|(articles, _)| articles)
}

/// [`from_value`], also saying which items of a list were left out.
fn from_value_noting(value: &Value) -> Result<(Vec<Article>, Option<Skipped>), ArticleError> {
    match value {
        Value::Array(items) => list(items, ""),
        Value::Object(obj) => {
            for key in ["feed", "data", "articles", "items"] {
                match obj.get(key) {
                    Some(Value::Array(items)) => return list(items, key),
                    Some(other) if (key == "feed" || key == "data") && !looks_like_item(obj) => {
                        return Err(shape(
                            key,
                            format!("expected an array of articles, found {}", kind(other)),
                        ));
                    }
                    _ => {}
                }
            }
            if let Some(note) = ["Information", "Note", "Error Message"]
                .iter()
                .find_map(|k| obj.get(*k).and_then(Value::as_str))
            {
                return Err(shape(
                    "feed",
                    format!("missing: this is an Alpha Vantage message, not news: {note:?}"),
                ));
            }
            item(obj, "").map(|a| (vec![a], None))
        }
        other => Err(shape(
            "",
            format!(
                "expected an article object or an array of articles, found {}",
                kind(other)
            ),
        )),
    }
}

/// Converts each element of a list; keeps those that convert and notes the others.
fn list(items: &[Value], prefix: &str) -> Result<(Vec<Article>, Option<Skipped>), ArticleError> {
    if items.is_empty() {
        return Err(shape(
            prefix,
            "expected at least one article, found an empty array".into(),
        ));
    }
    let mut out = Vec::new();
    let mut first_err = None;
    let mut skipped = 0;
    for (i, v) in items.iter().enumerate() {
        let path = format!("{prefix}[{i}]");
        let res = match v {
            Value::Object(obj) => item(obj, &path),
            other => Err(shape(
                &path,
                format!("{EXPECTED_ARTICLE}, found {}", kind(other)),
            )),
        };
        match res {
            Ok(a) => out.push(a),
            Err(e) => {
                first_err.get_or_insert((i, e));
                skipped += 1;
            }
        }
    }
    match (out.is_empty(), first_err) {
        (true, Some((_, e))) => Err(e),
        (_, first) => {
            let note = first.map(|(i, first)| Skipped {
                count: skipped,
                total: items.len(),
                first_item: i + 1,
                first,
            });
            Ok((out, note))
        }
    }
}

/// True when an object has the fields of a single article of some accepted shape.
fn looks_like_item(obj: &Map<String, Value>) -> bool {
    obj.contains_key("title")
        && ["body", "body_html", "summary", "description", "snippet"]
            .iter()
            .any(|k| obj.contains_key(*k))
}

/// Converts one object, detecting its shape.
fn item(obj: &Map<String, Value>, path: &str) -> Result<Article, ArticleError> {
    let article = if obj.contains_key("body") || obj.contains_key("body_html") {
        schema_v1(obj, path)?
    } else if obj.contains_key("time_published")
        || obj.contains_key("ticker_sentiment")
        || obj.contains_key("summary")
    {
        alpha_vantage(obj, path)?
    } else if obj.contains_key("description")
        || obj.contains_key("snippet")
        || obj.contains_key("entities")
    {
        marketaux(obj, path)?
    } else {
        let missing = if obj.contains_key("title") {
            join(path, "body")
        } else {
            join(path, "title")
        };
        let keys: Vec<&str> = obj.keys().map(String::as_str).take(8).collect();
        return Err(ArticleError::Shape {
            path: display_path(&missing),
            message: format!(
                "missing: {EXPECTED_ARTICLE}; found an object with keys [{}]",
                keys.join(", ")
            ),
        });
    };
    article.validate().map_err(|e| prefix_error(e, path))?;
    Ok(article)
}

/// Schema v1, through serde so that type errors name the exact field.
fn schema_v1(obj: &Map<String, Value>, path: &str) -> Result<Article, ArticleError> {
    let value = Value::Object(obj.clone());
    serde_path_to_error::deserialize::<_, Article>(value).map_err(|err| {
        let inner = err.path().to_string();
        let field = if inner == "." { String::new() } else { inner };
        ArticleError::Shape {
            path: display_path(&join(path, &field)),
            message: strip_position(&err.into_inner().to_string()),
        }
    })
}

/// An Alpha Vantage `NEWS_SENTIMENT` feed item.
fn alpha_vantage(obj: &Map<String, Value>, path: &str) -> Result<Article, ArticleError> {
    let title = req_str(obj, path, "title")?;
    let summary = opt_str(obj, path, "summary")?.unwrap_or_default();
    let published_at = match opt_str(obj, path, "time_published")? {
        Some(ts) => Some(av_time(&ts).ok_or_else(|| {
            shape(
                &join(path, "time_published"),
                format!("expected a time as YYYYMMDDTHHMMSS (e.g. 20250512T143000), got {ts:?}"),
            )
        })?),
        None => None,
    };
    let authors = match obj.get("authors") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Array(list)) => {
            let names: Vec<&str> = list
                .iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Some(other) => {
            return Err(shape(
                &join(path, "authors"),
                format!("expected an array of strings, found {}", kind(other)),
            ))
        }
    };
    let tickers = hints(obj, path, "ticker_sentiment", "ticker")?;
    Ok(Article {
        title,
        body: Some(Body::Text(summary)),
        body_html: None,
        source: opt_str(obj, path, "source")?,
        author: authors,
        url: web_url(opt_str(obj, path, "url")?),
        published_at,
        tickers,
    })
}

/// A Marketaux news item.
fn marketaux(obj: &Map<String, Value>, path: &str) -> Result<Article, ArticleError> {
    let title = req_str(obj, path, "title")?;
    let description = opt_str(obj, path, "description")?.unwrap_or_default();
    let snippet = opt_str(obj, path, "snippet")?.unwrap_or_default();
    let mut paragraphs = Vec::new();
    if !description.trim().is_empty() {
        paragraphs.push(description.trim().to_owned());
    }
    // Marketaux snippets often begin with the description; keep only what is new.
    let snippet = snippet.trim();
    let rest = snippet
        .strip_prefix(description.trim())
        .filter(|_| !description.trim().is_empty())
        .unwrap_or(snippet)
        .trim();
    if !rest.is_empty() {
        paragraphs.push(rest.to_owned());
    }
    if paragraphs.is_empty() {
        return Err(shape(
            &join(path, "description"),
            "expected a non-empty `description` or `snippet`".into(),
        ));
    }
    let published_at = opt_str(obj, path, "published_at")?.map(|ts| marketaux_time(&ts));
    Ok(Article {
        title,
        body: Some(Body::Paragraphs(paragraphs)),
        body_html: None,
        source: opt_str(obj, path, "source")?,
        author: None,
        url: web_url(opt_str(obj, path, "url")?),
        published_at,
        tickers: hints(obj, path, "entities", "symbol")?,
    })
}

/// Collects `obj[list][].key` strings as ticker hints (deduplicated, order kept).
fn hints(
    obj: &Map<String, Value>,
    path: &str,
    list: &str,
    key: &str,
) -> Result<Vec<String>, ArticleError> {
    let items = match obj.get(list) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(shape(
                &join(path, list),
                format!(
                    "expected an array of objects with `{key}`, found {}",
                    kind(other)
                ),
            ))
        }
    };
    let mut out: Vec<String> = Vec::new();
    for v in items {
        if let Some(sym) = v.get(key).and_then(Value::as_str).map(str::trim) {
            if !sym.is_empty() && !out.iter().any(|s| s == sym) {
                out.push(sym.to_owned());
            }
        }
    }
    Ok(out)
}

/// Keeps a URL only if it is http(s); feeds sometimes carry relative or empty links.
fn web_url(url: Option<String>) -> Option<String> {
    url.filter(|u| {
        let l = u.trim().to_ascii_lowercase();
        l.starts_with("http://") || l.starts_with("https://")
    })
}

/// `20250512T143000` (or `20250512T1430`) → `2025-05-12T14:30:00Z`.
pub fn av_time(ts: &str) -> Option<String> {
    let b = ts.trim().as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|s| s.iter().all(u8::is_ascii_digit))
            .map(|s| String::from_utf8_lossy(s).into_owned())
    };
    if !(b.len() == 15 || b.len() == 13) || b[8] != b'T' {
        return None;
    }
    let (y, mo, d) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (h, mi) = (digits(9..11)?, digits(11..13)?);
    let s = if b.len() == 15 {
        digits(13..15)?
    } else {
        "00".into()
    };
    let ok = (1..=12).contains(&mo.parse::<u8>().ok()?)
        && (1..=31).contains(&d.parse::<u8>().ok()?)
        && h.parse::<u8>().ok()? < 24
        && mi.parse::<u8>().ok()? < 60
        && s.parse::<u8>().ok()? < 61;
    ok.then(|| format!("{y}-{mo}-{d}T{h}:{mi}:{s}Z"))
}

/// Marketaux writes `2025-05-12T14:30:00.000000Z`, which is RFC 3339 already; a missing zone
/// is read as UTC.
fn marketaux_time(ts: &str) -> String {
    let t = ts.trim();
    let has_zone = t.ends_with(['Z', 'z'])
        || t.get(19..)
            .is_some_and(|tail| tail.contains('+') || tail.contains('-'));
    if has_zone || t.len() < 19 {
        t.to_owned()
    } else {
        format!("{t}Z")
    }
}

fn req_str(obj: &Map<String, Value>, path: &str, key: &str) -> Result<String, ArticleError> {
    match opt_str(obj, path, key)? {
        Some(s) => Ok(s),
        None => Err(shape(
            &join(path, key),
            "missing: expected a non-empty string".into(),
        )),
    }
}

fn opt_str(
    obj: &Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<Option<String>, ArticleError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(shape(
            &join(path, key),
            format!("expected a string, found {}", kind(other)),
        )),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn join(prefix: &str, field: &str) -> String {
    match (prefix.is_empty(), field.is_empty()) {
        (_, true) => prefix.to_owned(),
        (true, false) => field.to_owned(),
        (false, false) if field.starts_with('[') => format!("{prefix}{field}"),
        (false, false) => format!("{prefix}.{field}"),
    }
}

fn display_path(path: &str) -> String {
    if path.is_empty() {
        "(root)".into()
    } else {
        path.to_owned()
    }
}

fn shape(path: &str, message: String) -> ArticleError {
    ArticleError::Shape {
        path: display_path(path),
        message,
    }
}

/// Puts the item's path in front of a validation error's field path.
fn prefix_error(err: ArticleError, path: &str) -> ArticleError {
    match err {
        ArticleError::Shape {
            path: field,
            message,
        } if !path.is_empty() => ArticleError::Shape {
            path: join(path, &field),
            message,
        },
        other => other,
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_of(err: ArticleError) -> (String, String) {
        match err {
            ArticleError::Shape { path, message } => (path, message),
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn schema_v1_object_is_one_article() {
        let a = parse_any(r#"{"title":"T","body":"Para one.\n\nPara two.","tickers":["MSFT"]}"#)
            .unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].title, "T");
        assert_eq!(a[0].tickers, vec!["MSFT"]);
    }

    #[test]
    fn alpha_vantage_response_converts_every_feed_item() {
        let json = r#"{"items":"2","sentiment_score_definition":"x","feed":[
          {"title":"Chipmaker beats","url":"https://news.example/a","time_published":"20250512T143000",
           "authors":["Ann Lee","Bo Chen"],"summary":"Sales rose.","source":"Wire",
           "ticker_sentiment":[{"ticker":"NVDA","relevance_score":"0.9"},{"ticker":"AMD"},{"ticker":"NVDA"}]},
          {"title":"Second","summary":"More text.","time_published":"20250513T090000"}]}"#;
        let a = parse_any(json).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].published_at.as_deref(), Some("2025-05-12T14:30:00Z"));
        assert_eq!(a[0].author.as_deref(), Some("Ann Lee, Bo Chen"));
        assert_eq!(a[0].tickers, vec!["NVDA", "AMD"]);
        assert_eq!(a[0].source.as_deref(), Some("Wire"));
        assert_eq!(
            a[0].body.as_ref().unwrap().paragraphs(),
            vec!["Sales rose."]
        );
        assert_eq!(a[1].title, "Second");
    }

    #[test]
    fn alpha_vantage_single_item_and_bad_time() {
        let ok = r#"{"title":"T","summary":"S","time_published":"20240101T000000"}"#;
        assert_eq!(parse_any(ok).unwrap().len(), 1);
        let bad = r#"{"title":"T","summary":"S","time_published":"2024-01-01"}"#;
        let (path, msg) = shape_of(parse_any(bad).unwrap_err());
        assert_eq!(path, "time_published");
        assert!(msg.contains("YYYYMMDDTHHMMSS"), "{msg}");
    }

    #[test]
    fn alpha_vantage_rate_limit_note_is_explained() {
        let (path, msg) =
            shape_of(parse_any(r#"{"Information":"Thank you for using the API"}"#).unwrap_err());
        assert_eq!(path, "feed");
        assert!(msg.contains("Thank you"), "{msg}");
    }

    #[test]
    fn marketaux_response_and_item() {
        let json = r#"{"meta":{"found":1},"data":[{"uuid":"u1","title":"Bank lifts outlook",
          "description":"The lender raised guidance.","snippet":"The lender raised guidance. Shares climbed.",
          "url":"https://m.example/x","published_at":"2025-05-12T14:30:00.000000Z","source":"m.example",
          "entities":[{"symbol":"JPM","name":"JPMorgan"}]}]}"#;
        let a = parse_any(json).unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(
            a[0].body.as_ref().unwrap().paragraphs(),
            vec!["The lender raised guidance.", "Shares climbed."]
        );
        assert_eq!(a[0].tickers, vec!["JPM"]);
        assert_eq!(
            a[0].published_at.as_deref(),
            Some("2025-05-12T14:30:00.000000Z")
        );
        let item =
            r#"{"title":"T","snippet":"Only a snippet.","published_at":"2025-05-12T14:30:00"}"#;
        let a = parse_any(item).unwrap();
        assert_eq!(a[0].published_at.as_deref(), Some("2025-05-12T14:30:00Z"));
    }

    #[test]
    fn array_of_mixed_shapes_gives_several_and_skips_bad_items() {
        let json = r#"[{"title":"A","body":"a"},{"nope":1},{"title":"B","summary":"b"},{"title":"C","snippet":"c"}]"#;
        let titles: Vec<String> = parse_any(json)
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect();
        assert_eq!(titles, vec!["A", "B", "C"]);
    }

    #[test]
    fn items_left_out_of_a_list_are_counted_with_the_first_reason() {
        let json = r#"{"articles":[{"title":"A","body":"a"},{"nope":1},{"title":7,"body":"b"}]}"#;
        let (articles, skipped) = parse_any_noting(json).unwrap();
        assert_eq!(articles.len(), 1);
        let skipped = skipped.expect("two items were left out");
        assert_eq!(
            (skipped.count, skipped.total, skipped.first_item),
            (2, 3, 2)
        );
        let message = skipped.to_string();
        assert!(
            message.starts_with("2 of 3 items could not be read"),
            "{message}"
        );
        assert!(message.contains("`articles[1].title`"), "{message}");
        // A list whose items all convert, a single article and plain text note nothing.
        assert_eq!(
            parse_any_noting(r#"[{"title":"A","body":"a"}]"#).unwrap().1,
            None
        );
        assert_eq!(parse_input_noting("Title\n\nBody.").unwrap().1, None);
    }

    #[test]
    fn unknown_shape_names_path_and_expectation() {
        let (path, msg) = shape_of(parse_any(r#"{"headline":"x","text":"y"}"#).unwrap_err());
        assert_eq!(path, "title");
        assert!(msg.contains("expected an article object"), "{msg}");
        assert!(msg.contains("headline"), "{msg}");
        let (path, _) = shape_of(parse_any(r#"[{"title":"x"}]"#).unwrap_err());
        assert_eq!(path, "[0].body");
        let (path, msg) = shape_of(parse_any("42").unwrap_err());
        assert_eq!(path, "(root)");
        assert!(msg.contains("a number"), "{msg}");
        let (path, _) = shape_of(parse_any("[]").unwrap_err());
        assert_eq!(path, "(root)");
        let (path, msg) = shape_of(parse_any(r#"{"feed":{"a":1}}"#).unwrap_err());
        assert_eq!(path, "feed");
        assert!(msg.contains("array"), "{msg}");
    }

    #[test]
    fn nested_type_errors_carry_the_item_path() {
        let (path, _) = shape_of(
            parse_any(r#"{"articles":[{"title":"T","body":"b","tickers":[1]}]}"#).unwrap_err(),
        );
        assert_eq!(path, "articles[0].tickers[0]");
        let (path, msg) =
            shape_of(parse_any(r#"{"data":[{"title":5,"description":"d"}]}"#).unwrap_err());
        assert_eq!(path, "data[0].title");
        assert!(msg.contains("a number"), "{msg}");
    }

    #[test]
    fn syntax_and_empty_errors() {
        match parse_any("{\n \"title\": }").unwrap_err() {
            ArticleError::Syntax { line, column, .. } => {
                assert_eq!(line, 2);
                assert!(column > 1);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(parse_any(" \n").unwrap_err(), ArticleError::Empty);
    }

    #[test]
    fn non_web_urls_in_feeds_are_dropped_not_followed() {
        let a = parse_any(r#"{"title":"T","summary":"s","url":"javascript:alert(1)"}"#).unwrap();
        assert_eq!(a[0].url, None);
    }

    #[test]
    fn paste_accepts_text_or_json() {
        assert_eq!(parse_input("Head\nBody text.").unwrap()[0].title, "Head");
        assert_eq!(
            parse_input("  [{\"title\":\"J\",\"body\":\"b\"}]").unwrap()[0].title,
            "J"
        );
    }

    #[test]
    fn every_documented_example_parses() {
        let examples: [(&str, &str, usize); 7] = [
            (
                include_str!("../../../www/examples/schema-v1.json"),
                "Nvidia lifts",
                1,
            ),
            (
                include_str!("../../../www/examples/schema-v1-html.json"),
                "JPMorgan trims",
                1,
            ),
            (
                include_str!("../../../www/examples/alpha-vantage-response.json"),
                "Tesla deliveries",
                2,
            ),
            (
                include_str!("../../../www/examples/alpha-vantage-item.json"),
                "Microsoft expands",
                1,
            ),
            (
                include_str!("../../../www/examples/marketaux-response.json"),
                "Amazon beats",
                2,
            ),
            (
                include_str!("../../../www/examples/marketaux-item.json"),
                "Meta shares",
                1,
            ),
            (
                include_str!("../../../www/examples/feed-array.json"),
                "Intel wins",
                3,
            ),
        ];
        for (json, title, count) in examples {
            let articles = parse_any(json).unwrap();
            assert_eq!(articles.len(), count, "{title}");
            assert!(
                articles[0].title.starts_with(title),
                "{}",
                articles[0].title
            );
            assert!(!articles[0].tickers.is_empty(), "{title}: no ticker hints");
        }
    }

    #[test]
    fn av_time_rejects_nonsense() {
        assert_eq!(av_time("20251301T000000"), None);
        assert_eq!(av_time("2025051xT000000"), None);
        assert_eq!(
            av_time("20250512T1430").as_deref(),
            Some("2025-05-12T14:30:00Z")
        );
    }
}
