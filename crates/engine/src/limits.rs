//! Input limits, documented and enforced so that no input can exhaust the page.

use crate::error::ArticleError;

/// Largest JSON document accepted, in bytes.
pub const MAX_JSON_BYTES: usize = 4 * 1024 * 1024;
/// Largest article text accepted (title + body), in bytes.
pub const MAX_ARTICLE_BYTES: usize = 2 * 1024 * 1024;
/// Most paragraphs an article may have.
pub const MAX_PARAGRAPHS: usize = 5_000;
/// Deepest JSON nesting accepted (arrays and objects).
pub const MAX_JSON_DEPTH: usize = 32;
/// Most entities an analysis reports (the most relevant are kept).
pub const MAX_ENTITIES: usize = 50;
/// Most evidence sentences kept per entity (the strongest are kept).
pub const MAX_EVIDENCE: usize = 12;

/// The checks every JSON input passes before it is parsed: not empty, within
/// [`MAX_JSON_BYTES`], and nested no deeper than [`MAX_JSON_DEPTH`].
pub fn check_json_input(json: &str) -> Result<(), ArticleError> {
    if json.trim().is_empty() {
        return Err(ArticleError::Empty);
    }
    if json.len() > MAX_JSON_BYTES {
        return Err(ArticleError::Limit {
            what: format!("the JSON document ({} bytes)", json.len()),
            limit: format!("{MAX_JSON_BYTES} bytes"),
        });
    }
    check_json_depth(json)
}

/// Rejects JSON nested deeper than [`MAX_JSON_DEPTH`], in one linear scan, before parsing.
pub fn check_json_depth(json: &str) -> Result<(), ArticleError> {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in json.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
                if depth > MAX_JSON_DEPTH {
                    return Err(ArticleError::Limit {
                        what: "the JSON nesting depth".into(),
                        limit: format!("{MAX_JSON_DEPTH} levels"),
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_limit_counts_only_structure() {
        let ok = format!(
            "{}{}",
            "[".repeat(MAX_JSON_DEPTH),
            "]".repeat(MAX_JSON_DEPTH)
        );
        assert!(check_json_depth(&ok).is_ok());
        let deep = format!(
            "{}{}",
            "[".repeat(MAX_JSON_DEPTH + 1),
            "]".repeat(MAX_JSON_DEPTH + 1)
        );
        let err = check_json_depth(&deep).unwrap_err();
        assert!(err.to_string().contains("nesting depth"), "{err}");
        let brackets_in_string = format!(r#"{{"title":"{}"}}"#, "[{".repeat(100));
        assert!(check_json_depth(&brackets_in_string).is_ok());
        assert!(check_json_depth(r#"{"a":"\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#).is_ok());
    }
}
