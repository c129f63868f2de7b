//! Errors the engine reports about its input, each specific enough to show to a user.

use thiserror::Error;

/// Why an article could not be read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ArticleError {
    /// The input is empty or only white space.
    #[error("the article is empty")]
    Empty,
    /// The JSON is malformed.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The JSON is well formed but a field is missing or has the wrong type.
    #[error("field `{path}`: {message}")]
    Shape {
        /// Path of the offending field, e.g. `body[2]`.
        path: String,
        /// What was expected.
        message: String,
    },
    /// A documented limit was exceeded.
    #[error("{what} exceeds the limit of {limit}")]
    Limit {
        /// What was too large.
        what: String,
        /// The limit, with its unit.
        limit: String,
    },
}

impl ArticleError {
    /// A short machine-readable code for hosts (`news-impact:error` events, CLI).
    pub fn code(&self) -> &'static str {
        match self {
            ArticleError::Empty => "empty",
            ArticleError::Syntax { .. } => "invalid-json",
            ArticleError::Shape { .. } => "invalid-shape",
            ArticleError::Limit { .. } => "too-large",
        }
    }
}
