//! `body_html` on the command line: the article's HTML reduced to paragraphs of plain text, with
//! the widget's block model (`src/services/sanitize.rs`): block elements and `br` end a paragraph,
//! inline markup is reduced to its text, and the content of scripts, styles, embedded documents,
//! SVG, MathML and head elements is dropped. Tokenised by `html5gum` (WHATWG tokenizer); nothing
//! is fetched or run.

use html5gum::{Token, Tokenizer};
use news_impact_engine::normalize::clean_text;

/// Elements that start and end a paragraph of their own.
const BLOCKS: &[&[u8]] = &[
    b"p",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"blockquote",
    b"li",
    b"ul",
    b"ol",
    b"dl",
    b"dt",
    b"dd",
    b"div",
    b"section",
    b"article",
    b"main",
    b"header",
    b"footer",
    b"aside",
    b"nav",
    b"figure",
    b"figcaption",
    b"table",
    b"thead",
    b"tbody",
    b"tr",
    b"td",
    b"th",
    b"pre",
    b"hr",
    b"br",
    b"address",
    b"details",
    b"summary",
];

/// Elements whose whole content is dropped.
const DROPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"template",
    b"iframe",
    b"object",
    b"embed",
    b"svg",
    b"math",
    b"noscript",
    b"head",
    b"title",
    b"textarea",
    b"select",
];

/// The text of `html` as paragraphs (whitespace collapsed, empty ones left out).
pub fn paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    // Inside a dropped element: its name and how deep it nests in itself.
    let mut dropping: Option<(Vec<u8>, usize)> = None;
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let text = clean_text(current);
        if !text.is_empty() {
            out.push(text);
        }
        current.clear();
    };
    for Ok(token) in Tokenizer::new(html) {
        match token {
            Token::StartTag(tag) => {
                let name: &[u8] = &tag.name;
                if let Some((dropped, depth)) = &mut dropping {
                    if dropped.as_slice() == name && !tag.self_closing {
                        *depth += 1;
                    }
                } else if DROPPED.contains(&name) {
                    if !tag.self_closing {
                        dropping = Some((name.to_vec(), 1));
                    }
                } else if BLOCKS.contains(&name) {
                    flush(&mut current, &mut out);
                }
            }
            Token::EndTag(tag) => {
                let name: &[u8] = &tag.name;
                if let Some((dropped, depth)) = &mut dropping {
                    if dropped.as_slice() == name {
                        *depth -= 1;
                        if *depth == 0 {
                            dropping = None;
                        }
                    }
                } else if BLOCKS.contains(&name) {
                    flush(&mut current, &mut out);
                }
            }
            Token::String(text) if dropping.is_none() => {
                current.push_str(&String::from_utf8_lossy(&text));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_inline_markup_its_text() {
        let html = "<h2>Results</h2><p>Apple <b>beat</b> estimates &amp; raised\n its <a href=\"x\">dividend</a>.</p>\
                    <ul><li>Revenue rose 8%</li><li>Margins widened<br>again</li></ul>loose text";
        assert_eq!(
            paragraphs(html),
            [
                "Results",
                "Apple beat estimates & raised its dividend.",
                "Revenue rose 8%",
                "Margins widened",
                "again",
                "loose text"
            ]
        );
    }

    #[test]
    fn scripts_styles_and_embedded_documents_are_dropped() {
        let html = "<p>Kept</p><script>if (a<b) { document.write('<p>x</p>') }</script>\
                    <style>p { color: red }</style><svg><svg><text>no</text></svg><text>no</text></svg>\
                    <template><p>no</p></template><p>Also kept</p>";
        assert_eq!(paragraphs(html), ["Kept", "Also kept"]);
    }
}
