//! Fetches an article over the network: CORS request, time-out, streamed size limit, and a
//! specific [`LoadError`] for every way it can fail.

use news_impact_engine::ArticleError;
use thiserror::Error;

/// How long a request may take, headers and body together, before it is aborted.
pub const TIMEOUT_MS: u32 = 15_000;

/// Largest response body accepted, counted while it streams in.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// Why an article could not be loaded; each message tells the reader what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    /// The request never got an answer: offline, unreachable, or refused by CORS.
    #[error("Could not load the article from {url}: the server is unreachable, or it does not allow cross-origin requests (it must send an `Access-Control-Allow-Origin` header that allows this page).")]
    Network {
        /// The URL asked for.
        url: String,
    },
    /// The server answered with an HTTP error status.
    #[error("The server answered HTTP {status}{}.", status_suffix(.status_text))]
    Http {
        /// The status code.
        status: u16,
        /// The status text, possibly empty.
        status_text: String,
    },
    /// No complete answer within the time limit.
    #[error("The server did not answer within {}, so the request was cancelled.", duration(*.after_ms))]
    Timeout {
        /// The time limit, in milliseconds.
        after_ms: u32,
    },
    /// The body exceeded the size limit.
    #[error("The article is larger than the {} limit, so loading was stopped.", bytes(*.limit))]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body was empty.
    #[error("The article is empty: there is no text or JSON in it.")]
    Empty,
    /// The server sent something other than JSON.
    #[error(
        "Expected JSON, but the server sent `{content_type}` content (for example an HTML page)."
    )]
    NotJson {
        /// The `Content-Type` received.
        content_type: String,
    },
    /// The body is not well-formed JSON.
    #[error("The article is not valid JSON: error at line {line}, column {column} ({message}).")]
    InvalidJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// Well-formed JSON that is not an article of an accepted shape.
    #[error("The JSON is valid but not an article this widget can read: at `{path}`, {message}.")]
    Shape {
        /// Path of the offending field, e.g. `feed[0].title`.
        path: String,
        /// What was expected there.
        message: String,
    },
    /// The `src` is not a URL the widget may fetch.
    #[error("Cannot load {url:?}: {reason}.")]
    BadUrl {
        /// The `src` as given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// A dropped file is not one the widget reads.
    #[error("Cannot read {name:?}: drop a .json or .txt file.")]
    BadFile {
        /// The file name.
        name: String,
    },
    /// An engine limit (size, paragraphs, nesting depth) was exceeded; the message names it.
    #[error("{0}.")]
    Limit(String),
    /// Any other documented limit.
    #[error("{0}.")]
    Other(String),
}

impl LoadError {
    /// A short machine-readable code (for `news-impact:error` events and tests).
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::Network { .. } => "network",
            LoadError::Http { .. } => "http",
            LoadError::Timeout { .. } => "timeout",
            LoadError::TooLarge { .. } => "too-large",
            LoadError::Empty => "empty",
            LoadError::NotJson { .. } => "not-json",
            LoadError::InvalidJson { .. } => "invalid-json",
            LoadError::Shape { .. } => "invalid-shape",
            LoadError::BadUrl { .. } => "bad-url",
            LoadError::BadFile { .. } => "bad-file",
            LoadError::Limit(_) => "too-large",
            LoadError::Other(_) => "invalid-article",
        }
    }
}

impl From<ArticleError> for LoadError {
    fn from(err: ArticleError) -> Self {
        match err {
            ArticleError::Empty => LoadError::Empty,
            ArticleError::Syntax {
                line,
                column,
                message,
            } => LoadError::InvalidJson {
                line,
                column,
                message,
            },
            ArticleError::Shape { path, message } => LoadError::Shape { path, message },
            limit @ ArticleError::Limit { .. } => LoadError::Limit(capitalise(&limit.to_string())),
        }
    }
}

/// Upper-cases an ASCII first letter (the engine's messages start in lower case).
fn capitalise(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn status_suffix(text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        format!(" {}", text.trim())
    }
}

/// `15000` → `15 s`, `250` → `250 ms`, `1500` → `1.5 s`.
pub fn duration(ms: u32) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", f64::from(ms) / 1000.0)
    }
}

/// `2097152` → `2 MiB`.
pub fn bytes(n: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else if n >= 1024 && n % 1024 == 0 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// Accepts JSON media types, `text/plain`, `application/octet-stream` and a missing type.
pub fn check_content_type(content_type: Option<&str>) -> Result<(), LoadError> {
    let raw = content_type.unwrap_or("").trim();
    let essence = raw
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ok = essence.is_empty()
        || essence == "application/json"
        || essence == "text/json"
        || essence.ends_with("+json")
        || essence == "text/plain"
        || essence == "application/octet-stream";
    if ok {
        Ok(())
    } else {
        Err(LoadError::NotJson {
            content_type: raw.to_owned(),
        })
    }
}

/// Turns the received bytes into text; an empty or blank body is [`LoadError::Empty`].
pub fn body_text(bytes: &[u8]) -> Result<String, LoadError> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        Err(LoadError::Empty)
    } else {
        Ok(text)
    }
}

/// Fetches `url` (already absolute) and returns its body as text.
///
/// The whole exchange is bounded by `timeout_ms`; `controller` lets the caller abort it too
/// (for example when the widget is given another article).
#[cfg(target_arch = "wasm32")]
pub async fn fetch_text(
    url: &str,
    timeout_ms: u32,
    controller: &web_sys::AbortController,
) -> Result<String, LoadError> {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let network = || LoadError::Network {
        url: url.to_owned(),
    };
    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let (flag, controller) = (timed_out.clone(), controller.clone());
        gloo::timers::callback::Timeout::new(timeout_ms, move || {
            flag.set(true);
            controller.abort();
        })
    };
    let failed = |_| {
        if timed_out.get() {
            LoadError::Timeout {
                after_ms: timeout_ms,
            }
        } else {
            network()
        }
    };
    let window = web_sys::window().ok_or_else(network)?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_signal(Some(&controller.signal()));
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(failed)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| network())?;
    let stop = |err: LoadError| {
        controller.abort();
        err
    };
    if !response.ok() {
        return Err(stop(LoadError::Http {
            status: response.status(),
            status_text: response.status_text(),
        }));
    }
    let headers = response.headers();
    check_content_type(headers.get("content-type").ok().flatten().as_deref()).map_err(stop)?;
    let declared = headers
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BYTES) {
        return Err(stop(LoadError::TooLarge { limit: MAX_BYTES }));
    }
    let Some(stream) = response.body() else {
        return Err(LoadError::Empty);
    };
    let reader: web_sys::ReadableStreamDefaultReader =
        stream.get_reader().dyn_into().map_err(|_| network())?;
    let mut body: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(|_| network())?;
        let bytes = js_sys::Uint8Array::new(&value);
        let len = bytes.length() as usize;
        if body.len() + len > MAX_BYTES {
            let _ = reader.cancel();
            return Err(stop(LoadError::TooLarge { limit: MAX_BYTES }));
        }
        let start = body.len();
        body.resize(start + len, 0);
        bytes.copy_to(&mut body[start..]);
    }
    let text = body_text(&body)?;
    let is_plain = headers
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/plain"));
    let trimmed = text.trim_start_matches('\u{FEFF}').trim_start();
    if is_plain && !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        return Err(LoadError::NotJson {
            content_type: headers
                .get("content-type")
                .ok()
                .flatten()
                .unwrap_or_default(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_limits_keep_the_too_large_code_and_name_the_limit() {
        let deep = format!(
            r#"{{"title":"t","body":"b","x":{}{}}}"#,
            "[".repeat(40),
            "]".repeat(40)
        );
        let err = LoadError::from(news_impact_engine::Article::from_json(&deep).unwrap_err());
        assert_eq!(err.code(), "too-large");
        assert_eq!(
            err.to_string(),
            "The JSON nesting depth exceeds the limit of 32 levels."
        );
    }

    #[test]
    fn messages_say_what_went_wrong() {
        let net = LoadError::Network {
            url: "https://x.example/a.json".into(),
        }
        .to_string();
        assert!(net.contains("Access-Control-Allow-Origin") && net.contains("unreachable"));
        assert_eq!(
            LoadError::Http {
                status: 404,
                status_text: "Not Found".into()
            }
            .to_string(),
            "The server answered HTTP 404 Not Found."
        );
        assert!(LoadError::Timeout {
            after_ms: TIMEOUT_MS
        }
        .to_string()
        .contains("within 15 s"));
        assert!(LoadError::TooLarge { limit: MAX_BYTES }
            .to_string()
            .contains("2 MiB limit"));
        assert!(LoadError::Empty.to_string().contains("empty"));
        let nj = LoadError::NotJson {
            content_type: "text/html; charset=utf-8".into(),
        }
        .to_string();
        assert!(nj.contains("Expected JSON") && nj.contains("text/html"));
    }

    #[test]
    fn article_errors_keep_their_positions_and_paths() {
        let e: LoadError = news_impact_engine::parse_any("{\n  \"title\": ]")
            .unwrap_err()
            .into();
        assert_eq!(e.code(), "invalid-json");
        assert!(e.to_string().contains("line 2, column"), "{e}");
        let e: LoadError = news_impact_engine::parse_any(r#"{"feed":[{"headline":"x"}]}"#)
            .unwrap_err()
            .into();
        assert_eq!(e.code(), "invalid-shape");
        assert!(e.to_string().contains("`feed[0].title`"), "{e}");
        assert!(e.to_string().contains("expected an article object"), "{e}");
    }

    #[test]
    fn content_types() {
        for ok in [
            None,
            Some("application/json"),
            Some("application/json; charset=utf-8"),
            Some("application/feed+json"),
            Some("text/plain"),
        ] {
            assert!(check_content_type(ok).is_ok(), "{ok:?}");
        }
        for bad in ["text/html; charset=utf-8", "application/xml", "image/png"] {
            assert_eq!(
                check_content_type(Some(bad)).unwrap_err().code(),
                "not-json"
            );
        }
    }

    #[test]
    fn blank_bodies_are_empty() {
        assert_eq!(body_text(b" \n\t").unwrap_err(), LoadError::Empty);
        assert_eq!(
            body_text("\u{FEFF}".as_bytes()).unwrap_err(),
            LoadError::Empty
        );
        assert_eq!(body_text(b"{}").unwrap(), "{}");
        assert_eq!(duration(250), "250 ms");
        assert_eq!(duration(1500), "1.5 s");
        assert_eq!(bytes(2 * 1024 * 1024), "2 MiB");
    }
}
