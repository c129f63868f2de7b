//! Makes article content safe to show: HTML is parsed inertly and rebuilt as plain Rust data.
//!
//! HTML (from `body_html`, or found in any text field) is parsed with the browser's `DOMParser`,
//! which builds an inert document: nothing runs and nothing is fetched. Its tree is walked and
//! rebuilt into [`SafeBlock`]s through an allowlist:
//! - blocks: `p`, `h2`–`h4`, `blockquote`, `li` (inside `ul`/`ol`); `br` starts a new block
//!   of the same kind; other block-level elements become paragraphs;
//! - inline marks: `em`/`i` → [`MarkKind::Em`], `strong`/`b` → [`MarkKind::Strong`], and `a`
//!   only with an `http`/`https` `href` → [`MarkKind::Link`];
//! - everything else is reduced to its text, and the content of `script`, `style`, `template`,
//!   `iframe`, `object`, `embed`, `svg`, `math`, `noscript` and document-head elements is
//!   dropped.
//!
//! The output never holds markup: the view renders block texts with Yew's `html!`, which
//! escapes them, so no element, attribute or URL from the article reaches the DOM except an
//! http(s) link target set as an attribute value.

use news_impact_engine::article::{Article, Body};
use news_impact_engine::normalize::clean_text;
use news_impact_engine::ArticleError;

/// Kind of block a piece of article text is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockTag {
    /// A paragraph.
    P,
    /// A section heading.
    H2,
    /// A sub-heading.
    H3,
    /// A minor heading.
    H4,
    /// A quotation.
    Blockquote,
    /// A list item; `ordered` for `ol`.
    Li {
        /// Whether the list is numbered.
        ordered: bool,
    },
}

/// An inline style over part of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkKind {
    /// Emphasis (`em`, `i`).
    Em,
    /// Strong emphasis (`strong`, `b`).
    Strong,
    /// A link to an http(s) URL.
    Link(String),
}

/// A mark over `text[start..end]` (UTF-8 byte offsets, on character boundaries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineMark {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// What the mark is.
    pub kind: MarkKind,
}

/// One block of safe article text; `text` is already normalised with `clean_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeBlock {
    /// How the block is shown.
    pub tag: BlockTag,
    /// The block's text, never empty.
    pub text: String,
    /// Inline marks (in the order they close).
    pub marks: Vec<InlineMark>,
}

/// Most inline marks kept per block; a block with more is shown without marks.
pub const MAX_MARKS: usize = 256;

/// Returns the URL if it is an absolute http or https URL without control characters.
pub fn safe_href(href: &str) -> Option<String> {
    let h = href.trim();
    if h.is_empty() || h.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let lower = h.get(..8).unwrap_or(h).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    {
        // Let the browser's URL parser have the final word on the scheme.
        let url = web_sys::Url::new(h).ok()?;
        let protocol = url.protocol();
        (protocol == "http:" || protocol == "https:").then(|| url.href())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(h.to_owned())
    }
}

/// True when a text field seems to hold markup (a `<` that starts a tag, comment or doctype).
pub fn looks_like_html(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// Builds [`SafeBlock`]s from a stream of open/close/text events (the DOM walk feeds it).
#[derive(Debug)]
pub struct BlockBuilder {
    blocks: Vec<SafeBlock>,
    tag: BlockTag,
    text: String,
    pending_space: bool,
    marks: Vec<InlineMark>,
    open: Vec<(MarkKind, Option<usize>)>,
    contexts: Vec<BlockTag>,
    lists: Vec<bool>,
}

impl Default for BlockBuilder {
    fn default() -> Self {
        BlockBuilder {
            blocks: Vec::new(),
            tag: BlockTag::P,
            text: String::new(),
            pending_space: false,
            marks: Vec::new(),
            open: Vec::new(),
            contexts: Vec::new(),
            lists: Vec::new(),
        }
    }
}

impl BlockBuilder {
    /// Appends text; white space collapses and invisible characters drop, as in `clean_text`.
    pub fn text(&mut self, raw: &str) {
        let clean = clean_text(raw);
        let lead = raw.starts_with(char::is_whitespace);
        let trail = raw.ends_with(char::is_whitespace);
        if clean.is_empty() {
            if lead && !self.text.is_empty() {
                self.pending_space = true;
            }
            return;
        }
        if (self.pending_space || lead) && !self.text.is_empty() {
            self.text.push(' ');
        }
        let at = self.text.len();
        for (_, start) in self.open.iter_mut() {
            start.get_or_insert(at);
        }
        self.text.push_str(&clean);
        self.pending_space = trail;
    }

    /// Ends the current block (if it has text) and starts a new one of kind `tag`.
    fn flush(&mut self, next: BlockTag) {
        let end = self.text.len();
        for (kind, start) in self.open.iter_mut() {
            if let Some(s) = start.take() {
                if s < end {
                    self.marks.push(InlineMark {
                        start: s,
                        end,
                        kind: kind.clone(),
                    });
                }
            }
        }
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            let mut marks = std::mem::take(&mut self.marks);
            if clean_text(&text) != text || marks.len() > MAX_MARKS {
                // Chunk joins disagreed with clean_text (invisible characters next to spaces),
                // or there are too many marks to render cheaply: keep the text, drop the marks.
                marks.clear();
            }
            let text = clean_text(&text);
            self.blocks.push(SafeBlock {
                tag: self.tag,
                text,
                marks,
            });
        }
        self.marks.clear();
        self.pending_space = false;
        self.tag = next;
    }

    /// Opens a block element.
    pub fn open_block(&mut self, tag: BlockTag) {
        let tag = match (tag, self.contexts.last()) {
            (BlockTag::P, Some(BlockTag::Blockquote)) => BlockTag::Blockquote,
            (BlockTag::P, Some(li @ BlockTag::Li { .. })) => *li,
            _ => tag,
        };
        self.contexts.push(tag);
        self.flush(tag);
    }

    /// Closes the innermost block element.
    pub fn close_block(&mut self) {
        self.contexts.pop();
        let back = self.contexts.last().copied().unwrap_or(BlockTag::P);
        self.flush(back);
    }

    /// A `br`: the text continues in a new block of the same kind.
    pub fn line_break(&mut self) {
        self.flush(self.tag);
    }

    /// Opens a list (`ul` or `ol`).
    pub fn open_list(&mut self, ordered: bool) {
        self.lists.push(ordered);
        self.flush(self.tag);
    }

    /// Closes the innermost list.
    pub fn close_list(&mut self) {
        self.lists.pop();
        self.flush(self.contexts.last().copied().unwrap_or(BlockTag::P));
    }

    /// A list item's tag, from the innermost list.
    pub fn item_tag(&self) -> BlockTag {
        BlockTag::Li {
            ordered: self.lists.last().copied().unwrap_or(false),
        }
    }

    /// Opens an inline mark.
    pub fn open_mark(&mut self, kind: MarkKind) {
        self.open.push((kind, None));
    }

    /// Closes the innermost inline mark.
    pub fn close_mark(&mut self) {
        if let Some((kind, Some(start))) = self.open.pop() {
            let end = self.text.len();
            if start < end {
                self.marks.push(InlineMark { start, end, kind });
            }
        }
    }

    /// Ends the last block and returns them all.
    pub fn finish(mut self) -> Vec<SafeBlock> {
        while !self.open.is_empty() {
            self.close_mark();
        }
        self.flush(BlockTag::P);
        self.blocks
    }
}

/// Plain-text paragraphs as blocks (no markup), empties dropped.
pub fn plain_blocks<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<SafeBlock> {
    paragraphs
        .into_iter()
        .map(clean_text)
        .filter(|t| !t.is_empty())
        .map(|text| SafeBlock {
            tag: BlockTag::P,
            text,
            marks: Vec::new(),
        })
        .collect()
}

/// What the DOM walk does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementRule {
    /// Skip the element and everything in it.
    Drop,
    /// A block of this kind.
    Block(BlockTag),
    /// A list item.
    Item,
    /// A list; `true` when ordered.
    List(bool),
    /// A line break.
    Break,
    /// Emphasis.
    Em,
    /// Strong emphasis.
    Strong,
    /// A link (kept only with a safe href).
    Link,
    /// Only its text counts.
    Text,
}

/// The allowlist, by lower-case tag name.
pub fn rule_for(tag: &str) -> ElementRule {
    match tag {
        "script" | "style" | "template" | "noscript" | "iframe" | "frame" | "frameset"
        | "object" | "embed" | "applet" | "svg" | "math" | "head" | "title" | "meta" | "base"
        | "link" | "noembed" | "noframes" | "select" | "textarea" | "video" | "audio"
        | "canvas" | "img" | "picture" | "input" | "button" | DROPPED => ElementRule::Drop,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "pre"
        | "figure" | "figcaption" | "table" | "tr" | "dl" | "dt" | "dd" | "h5" | "h6"
        | "address" | "details" | "summary" | "form" | "fieldset" | "center" => {
            ElementRule::Block(BlockTag::P)
        }
        "h1" | "h2" => ElementRule::Block(BlockTag::H2),
        "h3" => ElementRule::Block(BlockTag::H3),
        "h4" => ElementRule::Block(BlockTag::H4),
        "blockquote" => ElementRule::Block(BlockTag::Blockquote),
        "ul" | "menu" => ElementRule::List(false),
        "ol" => ElementRule::List(true),
        "li" => ElementRule::Item,
        "br" | "hr" => ElementRule::Break,
        "em" | "i" => ElementRule::Em,
        "strong" | "b" => ElementRule::Strong,
        "a" => ElementRule::Link,
        _ => ElementRule::Text,
    }
}

/// Void elements: no content and no end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Tag name given by [`strip_attributes`] to elements whose content is dropped.
const DROPPED: &str = "x-dropped";

/// Pre-pass before `DOMParser`: keeps tag names (renaming dropped ones), only `href` on `a`,
/// and the text; drops comments, doctypes, processing instructions and every other attribute.
///
/// This is not the safety barrier (the allowlist walk over the parsed tree is); it keeps
/// inline handlers and `<style>` out of the inert parse, where a page's CSP would otherwise
/// report them as violations in the console.
pub fn strip_attributes(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    let mut text_from = 0;
    let name_char = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        out.push_str(&html[text_from..i]);
        let next = b.get(i + 1).copied().unwrap_or(0);
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
        } else if next == b'!' || next == b'?' {
            i = html[i..].find('>').map_or(b.len(), |e| i + e + 1);
        } else if next.is_ascii_alphabetic()
            || (next == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic))
        {
            let closing = next == b'/';
            let start = i + if closing { 2 } else { 1 };
            let mut j = start;
            while j < b.len() && name_char(b[j]) {
                j += 1;
            }
            let name = html[start..j].to_ascii_lowercase();
            let mut href: Option<&str> = None;
            // Attributes: name[=value], value quoted with " or ' or unquoted.
            while j < b.len() && b[j] != b'>' {
                if b[j].is_ascii_whitespace() || b[j] == b'/' {
                    j += 1;
                    continue;
                }
                let attr_start = j;
                while j < b.len()
                    && !b[j].is_ascii_whitespace()
                    && !matches!(b[j], b'=' | b'>' | b'/')
                {
                    j += 1;
                }
                let attr = &html[attr_start..j];
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if b.get(j) != Some(&b'=') {
                    continue;
                }
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let value = match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[j + 1..].find(q as char).map_or(b.len(), |e| j + 1 + e);
                        let v = &html[(j + 1).min(end)..end];
                        j = (end + 1).min(b.len());
                        v
                    }
                    _ => {
                        let s = j;
                        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                            j += 1;
                        }
                        &html[s..j]
                    }
                };
                if name == "a" && attr.eq_ignore_ascii_case("href") && href.is_none() {
                    href = Some(value);
                }
            }
            i = (j + 1).min(b.len());
            let dropped = rule_for(&name) == ElementRule::Drop;
            text_from = i;
            if dropped && VOID.contains(&name.as_str()) {
                // A void element has no content to drop; renaming it would swallow what follows.
                continue;
            }
            let tag = if dropped { DROPPED } else { name.as_str() };
            out.push('<');
            if closing {
                out.push('/');
            }
            out.push_str(tag);
            if let (false, Some(h)) = (closing, href) {
                out.push_str(" href=\"");
                out.push_str(&h.replace('"', "&quot;").replace('<', "&lt;"));
                out.push('"');
            }
            out.push('>');
        } else {
            out.push_str("&lt;");
            i += 1;
        }
        text_from = i;
    }
    out.push_str(&html[text_from.min(html.len())..]);
    out
}

/// Parses HTML inertly and rebuilds it as safe blocks.
#[cfg(target_arch = "wasm32")]
pub fn sanitize_html(html: &str) -> Vec<SafeBlock> {
    use wasm_bindgen::JsCast;
    let Ok(parser) = web_sys::DomParser::new() else {
        return plain_blocks([html]);
    };
    let stripped = strip_attributes(html);
    let Ok(doc) = parser.parse_from_string(&stripped, web_sys::SupportedType::TextHtml) else {
        return plain_blocks([html]);
    };
    let Some(body) = doc.body() else {
        return Vec::new();
    };
    enum Step {
        Enter(web_sys::Node),
        Exit(ElementRule, bool),
    }
    let mut b = BlockBuilder::default();
    let mut stack: Vec<Step> = Vec::new();
    push_children(&mut stack, &body, Step::Enter);
    while let Some(step) = stack.pop() {
        match step {
            Step::Exit(rule, marked) => match rule {
                ElementRule::Block(_) | ElementRule::Item => b.close_block(),
                ElementRule::List(_) => b.close_list(),
                ElementRule::Em | ElementRule::Strong => b.close_mark(),
                ElementRule::Link if marked => b.close_mark(),
                _ => {}
            },
            Step::Enter(node) => match node.node_type() {
                web_sys::Node::TEXT_NODE => {
                    if let Some(t) = node.node_value() {
                        b.text(&t);
                    }
                }
                web_sys::Node::ELEMENT_NODE => {
                    let Some(el) = node.dyn_ref::<web_sys::Element>() else {
                        continue;
                    };
                    let rule = rule_for(&el.local_name().to_ascii_lowercase());
                    let mut marked = false;
                    match rule {
                        ElementRule::Drop => continue,
                        ElementRule::Block(tag) => b.open_block(tag),
                        ElementRule::Item => b.open_block(b.item_tag()),
                        ElementRule::List(ordered) => b.open_list(ordered),
                        ElementRule::Break => b.line_break(),
                        ElementRule::Em => b.open_mark(MarkKind::Em),
                        ElementRule::Strong => b.open_mark(MarkKind::Strong),
                        ElementRule::Link => {
                            if let Some(href) = el.get_attribute("href").and_then(|h| safe_href(&h))
                            {
                                b.open_mark(MarkKind::Link(href));
                                marked = true;
                            }
                        }
                        ElementRule::Text => {}
                    }
                    stack.push(Step::Exit(rule, marked));
                    push_children(&mut stack, &node, Step::Enter);
                }
                _ => {}
            },
        }
    }
    fn push_children<S>(stack: &mut Vec<S>, node: &web_sys::Node, wrap: fn(web_sys::Node) -> S) {
        let children = node.child_nodes();
        for i in (0..children.length()).rev() {
            if let Some(child) = children.item(i) {
                stack.push(wrap(child));
            }
        }
    }
    b.finish()
}

/// Without a DOM (native builds and tests), markup is not interpreted: text stays text.
#[cfg(not(target_arch = "wasm32"))]
pub fn sanitize_html(html: &str) -> Vec<SafeBlock> {
    plain_blocks([html])
}

/// A one-line text field (title, source, author, ticker): markup reduced to its text.
pub fn safe_text(text: &str) -> String {
    if looks_like_html(text) {
        let parts: Vec<String> = sanitize_html(text).into_iter().map(|b| b.text).collect();
        clean_text(&parts.join(" "))
    } else {
        clean_text(text)
    }
}

/// Title shown for an article whose title holds no text once markup is removed.
pub const UNTITLED: &str = "Untitled article";

/// Rebuilds an article from safe parts: every text field cleaned, the body as blocks.
///
/// The returned article's `body` is the blocks' texts (one paragraph each) and `body_html` is
/// dropped, so the engine analyses exactly the text the reader sees.
pub fn sanitize_article(article: &Article) -> Result<(Article, Vec<SafeBlock>), ArticleError> {
    let blocks = match (&article.body_html, &article.body) {
        (Some(html), _) => sanitize_html(html),
        (None, Some(body)) => {
            let paragraphs = body.paragraphs();
            if paragraphs.iter().any(|p| looks_like_html(p)) {
                paragraphs.iter().flat_map(|p| sanitize_html(p)).collect()
            } else {
                plain_blocks(paragraphs)
            }
        }
        (None, None) => Vec::new(),
    };
    let optional = |s: &Option<String>| s.as_deref().map(safe_text).filter(|t| !t.is_empty());
    // A title made only of markup (say a lone `<script>`) is empty once sanitised.
    let title = Some(safe_text(&article.title))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| UNTITLED.to_owned());
    let safe = Article {
        title,
        body: Some(Body::Paragraphs(
            blocks.iter().map(|b| b.text.clone()).collect(),
        )),
        body_html: None,
        source: optional(&article.source),
        author: optional(&article.author),
        url: article.url.as_deref().and_then(safe_href),
        published_at: article.published_at.as_deref().map(clean_text),
        tickers: article
            .tickers
            .iter()
            .map(|t| safe_text(t))
            .filter(|t| !t.is_empty() && t.len() <= 32)
            .collect(),
    };
    safe.validate()?;
    Ok((safe, blocks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links_survive() {
        assert_eq!(
            safe_href(" https://news.example/a?b=1 ").as_deref(),
            Some("https://news.example/a?b=1")
        );
        assert!(safe_href("HTTP://x.example").is_some());
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " data:text/html,<script>",
            "vbscript:x",
            "java\tscript:alert(1)",
            "//evil.example",
            "/relative",
            "http:\\\\evil",
            "",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn detects_markup_but_not_comparisons() {
        assert!(looks_like_html("a <b>bold</b> move"));
        assert!(looks_like_html("<!-- x -->"));
        assert!(looks_like_html("x</p>"));
        assert!(!looks_like_html("revenue < 5 and > 3"));
        assert!(!looks_like_html("a <3 b"));
    }

    #[test]
    fn builder_collapses_space_and_places_marks() {
        let mut b = BlockBuilder::default();
        b.open_block(BlockTag::P);
        b.text("  Shares of ");
        b.open_mark(MarkKind::Strong);
        b.text(" Acme ");
        b.close_mark();
        b.text("rose\n\n sharply. ");
        b.close_block();
        b.open_list(true);
        b.open_block(b.item_tag());
        b.text("first");
        b.line_break();
        b.text("second");
        b.close_block();
        b.close_list();
        let blocks = b.finish();
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].text, "Shares of Acme rose sharply.");
        let m = &blocks[0].marks[0];
        assert_eq!(&blocks[0].text[m.start..m.end], "Acme");
        assert_eq!(m.kind, MarkKind::Strong);
        assert_eq!(blocks[1].tag, BlockTag::Li { ordered: true });
        assert_eq!(blocks[2].text, "second");
        assert_eq!(blocks[2].tag, BlockTag::Li { ordered: true });
    }

    #[test]
    fn marks_spanning_a_block_break_are_split() {
        let mut b = BlockBuilder::default();
        b.open_mark(MarkKind::Em);
        b.text("one");
        b.line_break();
        b.text("two");
        b.close_mark();
        let blocks = b.finish();
        assert_eq!(blocks.len(), 2);
        for blk in &blocks {
            assert_eq!(blk.marks.len(), 1, "{blk:?}");
            assert_eq!(blk.marks[0].start, 0);
            assert_eq!(blk.marks[0].end, blk.text.len());
        }
    }

    #[test]
    fn paragraphs_in_quotes_stay_quotes() {
        let mut b = BlockBuilder::default();
        b.open_block(BlockTag::Blockquote);
        b.open_block(BlockTag::P);
        b.text("quoted");
        b.close_block();
        b.close_block();
        assert_eq!(b.finish()[0].tag, BlockTag::Blockquote);
    }

    #[test]
    fn dangerous_elements_are_dropped_and_unknown_reduced_to_text() {
        for tag in [
            "script", "style", "iframe", "object", "embed", "svg", "base", "meta",
        ] {
            assert_eq!(rule_for(tag), ElementRule::Drop, "{tag}");
        }
        assert_eq!(rule_for("span"), ElementRule::Text);
        assert_eq!(rule_for("marquee"), ElementRule::Text);
        assert_eq!(rule_for("form"), ElementRule::Block(BlockTag::P));
    }

    #[test]
    fn pre_pass_keeps_names_text_and_a_href_only() {
        assert_eq!(
            strip_attributes(
                r#"<p class=x onclick="a()">Hi <a title='t' href='https://a.example/?q="1"' onmouseover=x>l</a></p>"#
            ),
            r#"<p>Hi <a href="https://a.example/?q=&quot;1&quot;">l</a></p>"#
        );
        assert_eq!(
            strip_attributes("<img/src/onerror=alert(1)>x<!-- <b> -->y<!doctype html>"),
            "xy"
        );
        assert_eq!(
            strip_attributes("<style>p{}</style>a < b</SCRIPT>"),
            "<x-dropped>p{}</x-dropped>a &lt; b</x-dropped>"
        );
        assert_eq!(strip_attributes("é <b>ü</b>"), "é <b>ü</b>");
        assert_eq!(
            strip_attributes("a<br onclick=x>b<meta http-equiv=refresh>c<embed src=x>d"),
            "a<br>bcd"
        );
        assert_eq!(
            strip_attributes("<a href=\"unterminated"),
            "<a href=\"unterminated\">"
        );
        assert_eq!(strip_attributes("<!-- open"), "");
    }

    #[test]
    fn article_is_rebuilt_from_clean_text() {
        let a = Article {
            title: "  A\u{200B} title ".into(),
            body: Some(Body::Text("One.\n\n\n\nTwo  words.".into())),
            url: Some("https://x.example/a".into()),
            tickers: vec![" MSFT ".into(), "".into()],
            ..Article::default()
        };
        let (safe, blocks) = sanitize_article(&a).unwrap();
        assert_eq!(safe.title, "A title");
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].text, "Two words.");
        assert_eq!(safe.tickers, vec!["MSFT"]);
        assert_eq!(safe.body.unwrap().paragraphs(), vec!["One.", "Two words."]);
    }
}
