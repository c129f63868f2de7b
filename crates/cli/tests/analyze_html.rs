//! `news-impact analyze` on an article that has only `body_html`: the body is analysed, with the
//! widget's block model, not just the title.

use std::process::Command;

#[test]
fn an_html_only_article_is_analysed_with_its_body() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../www/examples/schema-v1-html.json"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_news-impact"))
        .args(["analyze", example])
        .output()
        .expect("the CLI runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let analysis: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON out");
    let text = analysis["text"].as_str().unwrap();
    // Title plus the six blocks (p, h2, two li, the quote, p); markup never reaches the text.
    assert_eq!(analysis["paragraphs"].as_array().unwrap().len(), 7);
    assert!(text.contains("Deposit costs rose faster than it had planned."));
    assert!(!text.contains('<'), "{text}");
    let symbols: Vec<&str> = analysis["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["symbol"].as_str())
        .collect();
    assert!(
        symbols.contains(&"WFC"),
        "Wells Fargo, named in the body, is linked: {symbols:?}"
    );
}
