//! Article schema v1: the input the engine reads, with serde types and validation.

use crate::error::ArticleError;
use serde::{Deserialize, Serialize};

use crate::limits::{check_json_input, MAX_ARTICLE_BYTES, MAX_PARAGRAPHS};

/// Article body: one string with paragraphs separated by blank lines, or a list of paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Body {
    /// Paragraphs separated by blank lines.
    Text(String),
    /// One string per paragraph.
    Paragraphs(Vec<String>),
}

impl Body {
    /// The body split into paragraphs.
    pub fn paragraphs(&self) -> Vec<&str> {
        match self {
            Body::Text(text) => split_paragraphs(text),
            Body::Paragraphs(list) => list.iter().map(String::as_str).collect(),
        }
    }
}

/// Splits text on blank lines (lines holding only white space).
pub fn split_paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(&text[s..end]);
            }
        } else {
            if start.is_none() {
                start = Some(line_start);
            }
            end = line_start + line.trim_end().len();
        }
    }
    if let Some(s) = start {
        out.push(&text[s..end]);
    }
    out
}

/// A news article in schema v1.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Article {
    /// Headline (required).
    pub title: String,
    /// Plain-text body; required unless `body_html` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// HTML body, rendered through an allowlist by the widget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
    /// Publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Byline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Canonical URL (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication time, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
    /// Symbols the publisher tagged; used as hints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tickers: Vec<String>,
}

impl Article {
    /// Parses and validates an article from schema-v1 JSON.
    pub fn from_json(json: &str) -> Result<Article, ArticleError> {
        check_json_input(json)?;
        let de = &mut serde_json::Deserializer::from_str(json);
        let article: Article = serde_path_to_error::deserialize(de).map_err(|err| {
            let path = err.path().to_string();
            let inner = err.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                ArticleError::Syntax {
                    line: inner.line(),
                    column: inner.column(),
                    message: strip_position(&inner.to_string()),
                }
            } else {
                ArticleError::Shape {
                    path: if path == "." { "(root)".into() } else { path },
                    message: strip_position(&inner.to_string()),
                }
            }
        })?;
        article.validate()?;
        Ok(article)
    }

    /// Builds an article from plain text: the first non-empty line is the title.
    pub fn from_text(text: &str) -> Result<Article, ArticleError> {
        let mut paragraphs = split_paragraphs(text);
        if paragraphs.is_empty() {
            return Err(ArticleError::Empty);
        }
        let first = paragraphs.remove(0);
        let (title, rest) = match first.split_once('\n') {
            Some((t, r)) => (t.trim(), Some(r.trim())),
            None => (first.trim(), None),
        };
        let mut body: Vec<String> = rest.into_iter().map(str::to_owned).collect();
        body.extend(paragraphs.into_iter().map(str::to_owned));
        let article = Article {
            title: title.to_owned(),
            body: Some(Body::Paragraphs(body)),
            ..Article::default()
        };
        article.validate()?;
        Ok(article)
    }

    /// Checks the constraints serde cannot express.
    pub fn validate(&self) -> Result<(), ArticleError> {
        if self.title.trim().is_empty() {
            return Err(ArticleError::Shape {
                path: "title".into(),
                message: "must be a non-empty string".into(),
            });
        }
        if self.body.is_none() && self.body_html.is_none() {
            return Err(ArticleError::Shape {
                path: "body".into(),
                message: "missing: give `body` (string or array of strings) or `body_html`".into(),
            });
        }
        if let Some(url) = &self.url {
            let lower = url.trim().to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                return Err(ArticleError::Shape {
                    path: "url".into(),
                    message: "must be an http or https URL".into(),
                });
            }
        }
        if let Some(ts) = &self.published_at {
            if !looks_like_rfc3339(ts) {
                return Err(ArticleError::Shape {
                    path: "published_at".into(),
                    message: format!("expected an RFC 3339 timestamp, got {ts:?}"),
                });
            }
        }
        let paragraphs = self.body.as_ref().map_or(0, |b| b.paragraphs().len());
        if paragraphs > MAX_PARAGRAPHS {
            return Err(ArticleError::Limit {
                what: format!("the number of paragraphs ({paragraphs})"),
                limit: format!("{MAX_PARAGRAPHS} paragraphs"),
            });
        }
        let size = self.title.len()
            + self
                .body
                .as_ref()
                .map_or(0, |b| b.paragraphs().iter().map(|p| p.len()).sum())
            + self.body_html.as_ref().map_or(0, String::len);
        if size > MAX_ARTICLE_BYTES {
            return Err(ArticleError::Limit {
                what: format!("the article text ({size} bytes)"),
                limit: format!("{MAX_ARTICLE_BYTES} bytes"),
            });
        }
        Ok(())
    }
}

/// serde_json appends " at line X column Y"; the error type reports those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Accepts `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
fn looks_like_rfc3339(ts: &str) -> bool {
    let b = ts.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let date_ok = (0..4).all(digit) && at(4, b'-') && digit(5) && digit(6) && at(7, b'-');
    let date_ok = date_ok && digit(8) && digit(9) && matches!(b.get(10), Some(b'T' | b't' | b' '));
    let time_ok = digit(11) && digit(12) && at(13, b':') && digit(14) && digit(15) && at(16, b':');
    if !(date_ok && time_ok && digit(17) && digit(18)) {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        while digit(i) {
            i += 1;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len() && digit(i + 1) && digit(i + 2) && at(i + 3, b':') && digit(i + 4)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_string_splits_on_blank_lines() {
        let a =
            Article::from_json(r#"{"title":"T","body":"One.\nstill one.\n\n  \nTwo."}"#).unwrap();
        assert_eq!(
            a.body.unwrap().paragraphs(),
            vec!["One.\nstill one.", "Two."]
        );
    }

    #[test]
    fn body_array_is_paragraphs() {
        let a = Article::from_json(r#"{"title":"T","body":["A","B"]}"#).unwrap();
        assert_eq!(a.body.unwrap().paragraphs(), vec!["A", "B"]);
    }

    #[test]
    fn missing_title_names_the_field() {
        let err = Article::from_json(r#"{"body":"x"}"#).unwrap_err();
        assert_eq!(err.code(), "invalid-shape");
        assert!(err.to_string().contains("title"), "{err}");
    }

    #[test]
    fn wrong_type_names_the_path() {
        let err = Article::from_json(r#"{"title":"T","body":["a", 3]}"#).unwrap_err();
        assert!(err.to_string().contains("body"), "{err}");
        let err = Article::from_json(r#"{"title":"T","body":"b","tickers":[1]}"#).unwrap_err();
        assert!(err.to_string().contains("tickers[0]"), "{err}");
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = Article::from_json("{\n  \"title\": \"T\",\n  \"body\": oops\n}").unwrap_err();
        match err {
            ArticleError::Syntax { line, column, .. } => {
                assert_eq!(line, 3);
                assert!(column >= 11);
            }
            other => panic!("expected syntax error, got {other:?}"),
        }
    }

    #[test]
    fn body_or_body_html_required() {
        let err = Article::from_json(r#"{"title":"T"}"#).unwrap_err();
        assert!(err.to_string().contains("body"));
        assert!(Article::from_json(r#"{"title":"T","body_html":"<p>x</p>"}"#).is_ok());
    }

    #[test]
    fn url_and_date_are_checked() {
        let err = Article::from_json(r#"{"title":"T","body":"b","url":"javascript:alert(1)"}"#);
        assert!(err.unwrap_err().to_string().contains("url"));
        let err = Article::from_json(r#"{"title":"T","body":"b","published_at":"yesterday"}"#);
        assert!(err.unwrap_err().to_string().contains("published_at"));
        let ok = r#"{"title":"T","body":"b","published_at":"2025-05-12T14:30:00-04:00"}"#;
        assert!(Article::from_json(ok).is_ok());
    }

    #[test]
    fn plain_text_first_line_is_title() {
        let a = Article::from_text("Headline here\nFirst para.\n\nSecond.").unwrap();
        assert_eq!(a.title, "Headline here");
        assert_eq!(a.body.unwrap().paragraphs(), vec!["First para.", "Second."]);
    }

    #[test]
    fn empty_input_is_reported() {
        assert_eq!(Article::from_json("  ").unwrap_err(), ArticleError::Empty);
    }
}
