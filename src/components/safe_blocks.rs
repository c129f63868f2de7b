//! Renders sanitised article blocks with Yew's `html!` (text is escaped; no raw HTML is used).

use crate::services::sanitize::{BlockTag, InlineMark, MarkKind, SafeBlock};
use yew::prelude::*;

/// Renders blocks on their own (without an analysis), grouping list items into `ul`/`ol`.
pub fn render_blocks(blocks: &[SafeBlock]) -> Html {
    group_items(
        blocks
            .iter()
            .map(|b| {
                (
                    Some(b.tag),
                    wrap_block(b.tag, render_inline(&b.text, &b.marks)),
                )
            })
            .collect(),
    )
}

/// Renders one block's text with its marks (em, strong, http(s) links) as nested elements.
pub fn render_inline(text: &str, marks: &[InlineMark]) -> Html {
    marked(0, text, marks, |t| Html::from(t.to_owned()))
}

/// Renders `text`, which sits at block offset `offset`, split where marks begin or end; each
/// part is drawn by `render` and wrapped in the marks covering it (`em`, `strong`, then `a`).
/// Blocks carry at most [`crate::services::sanitize::MAX_MARKS`] marks, so this stays cheap.
pub fn marked(
    offset: usize,
    text: &str,
    marks: &[InlineMark],
    render: impl Fn(&str) -> Html,
) -> Html {
    let end = offset + text.len();
    let mut cuts = vec![offset, end];
    for m in marks {
        for c in [m.start, m.end] {
            if c > offset && c < end {
                cuts.push(c);
            }
        }
    }
    news_impact_engine::order::sort(&mut cuts);
    cuts.dedup();
    let segments: Option<Vec<(usize, usize, &str)>> = cuts
        .windows(2)
        .map(|w| Some((w[0], w[1], text.get(w[0] - offset..w[1] - offset)?)))
        .collect();
    let Some(segments) = segments else {
        return render(text);
    };
    segments
        .into_iter()
        .map(|(a, b, seg)| {
            let (mut em, mut strong, mut link) = (false, false, None);
            for m in marks.iter().filter(|m| m.start <= a && m.end >= b) {
                match &m.kind {
                    MarkKind::Em => em = true,
                    MarkKind::Strong => strong = true,
                    MarkKind::Link(href) => link = Some(href.clone()),
                }
            }
            let mut node = render(seg);
            if em {
                node = html! { <em>{ node }</em> };
            }
            if strong {
                node = html! { <strong>{ node }</strong> };
            }
            if let Some(href) = link {
                node = html! {
                    <a href={href} rel="noopener noreferrer nofollow" target="_blank">{ node }</a>
                };
            }
            node
        })
        .collect()
}

/// Wraps a body paragraph's content in the element of its block kind.
pub fn wrap_block(tag: BlockTag, inner: Html) -> Html {
    match tag {
        BlockTag::H2 => html! { <h2 class="ni-para ni-h">{ inner }</h2> },
        BlockTag::H3 => html! { <h3 class="ni-para ni-h">{ inner }</h3> },
        BlockTag::H4 => html! { <h4 class="ni-para ni-h">{ inner }</h4> },
        BlockTag::Blockquote => html! { <blockquote class="ni-para">{ inner }</blockquote> },
        BlockTag::Li { .. } => html! { <li class="ni-para">{ inner }</li> },
        BlockTag::P => html! { <p class="ni-para">{ inner }</p> },
    }
}

/// Puts runs of list items (already wrapped in `li`) into `ul`/`ol`; other items pass through.
pub fn group_items(items: Vec<(Option<BlockTag>, Html)>) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut list: Vec<Html> = Vec::new();
    let mut list_kind: Option<bool> = None;
    let close = |out: &mut Vec<Html>, list: &mut Vec<Html>, kind: Option<bool>| {
        if let Some(ordered) = kind {
            let items = std::mem::take(list);
            out.push(if ordered {
                html! { <ol class="ni-list">{ for items }</ol> }
            } else {
                html! { <ul class="ni-list">{ for items }</ul> }
            });
        }
    };
    for (tag, html) in items {
        match tag {
            Some(BlockTag::Li { ordered }) => {
                if list_kind != Some(ordered) {
                    close(&mut out, &mut list, list_kind);
                    list_kind = Some(ordered);
                }
                list.push(html);
            }
            _ => {
                close(&mut out, &mut list, list_kind.take());
                out.push(html);
            }
        }
    }
    close(&mut out, &mut list, list_kind);
    html! { <>{ for out }</> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Properties, PartialEq)]
    struct Props {
        blocks: Vec<SafeBlock>,
    }

    #[function_component(Blocks)]
    fn blocks(props: &Props) -> Html {
        render_blocks(&props.blocks)
    }

    fn block(tag: BlockTag, text: &str, marks: Vec<InlineMark>) -> SafeBlock {
        SafeBlock {
            tag,
            text: text.into(),
            marks,
        }
    }

    async fn render(blocks: Vec<SafeBlock>) -> String {
        yew::ServerRenderer::<Blocks>::with_props(move || Props { blocks })
            .hydratable(false)
            .render()
            .await
    }

    #[tokio::test]
    async fn text_is_escaped_and_marks_nest() {
        let text = "<script>x</script> rose on strong demand";
        let at = text.find("strong demand").unwrap();
        let html = render(vec![block(
            BlockTag::P,
            text,
            vec![
                InlineMark {
                    start: at,
                    end: text.len(),
                    kind: MarkKind::Link("https://a.example/".into()),
                },
                InlineMark {
                    start: at,
                    end: at + 6,
                    kind: MarkKind::Strong,
                },
            ],
        )])
        .await;
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains(
            r#"<a href="https://a.example/" rel="noopener noreferrer nofollow" target="_blank"><strong>strong</strong></a>"#
        ), "{html}");
    }

    #[tokio::test]
    async fn list_items_are_grouped() {
        let html = render(vec![
            block(BlockTag::H2, "Head", vec![]),
            block(BlockTag::Li { ordered: true }, "one", vec![]),
            block(BlockTag::Li { ordered: true }, "two", vec![]),
            block(BlockTag::Blockquote, "quote", vec![]),
        ])
        .await;
        assert!(html.contains(r#"<ol class="ni-list"><li class="ni-para">one</li><li class="ni-para">two</li></ol>"#), "{html}");
        assert!(
            html.contains(r#"<h2 class="ni-para ni-h">Head</h2>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<blockquote class="ni-para">quote</blockquote>"#),
            "{html}"
        );
    }

    #[tokio::test]
    async fn article_view_keeps_block_kinds_and_links_beside_mentions() {
        use crate::components::article_view::{ArticleView, ArticleViewProps};
        use crate::state::Shared;
        use news_impact_engine::article::{Article, Body};
        let body = [
            "Microsoft shares rose after the results.",
            "Analysts cheered",
        ];
        let article = Article {
            title: "Microsoft beats estimates".into(),
            body: Some(Body::Paragraphs(
                body.iter().map(|s| s.to_string()).collect(),
            )),
            ..Article::default()
        };
        let analysis = news_impact_engine::analyze(&article);
        let at = body[0].find("rose").unwrap();
        let blocks = vec![
            block(
                BlockTag::H2,
                body[0],
                vec![InlineMark {
                    start: at,
                    end: at + 4,
                    kind: MarkKind::Link("https://a.example/r".into()),
                }],
            ),
            block(BlockTag::Li { ordered: false }, body[1], vec![]),
        ];
        let props = ArticleViewProps {
            article: Shared::from(article),
            analysis: Shared::from(analysis),
            highlight: None,
            selected: None,
            explain: false,
            on_explain: Callback::noop(),
            on_mention: Callback::noop(),
            on_hover: Callback::noop(),
            blocks: Some(Shared::from(blocks)),
        };
        let html = yew::LocalServerRenderer::<ArticleView>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains(r#"<h2 class="ni-para ni-h">"#), "{html}");
        assert!(
            html.contains(r#"<ul class="ni-list"><li class="ni-para">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="https://a.example/r" rel="noopener noreferrer nofollow" target="_blank">rose</a>"#),
            "{html}"
        );
        assert!(
            html.contains("<mark "),
            "the mention of Microsoft is still marked: {html}"
        );
    }
}
