//! Renders sanitised article blocks with Yew's `html!` (text is escaped; no raw HTML is used).

use crate::services::sanitize::{BlockTag, InlineMark, MarkKind, SafeBlock};
use yew::prelude::*;

/// Renders blocks, grouping consecutive list items into `ul`/`ol`.
pub fn render_blocks(blocks: &[SafeBlock]) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut i = 0;
    while let Some(block) = blocks.get(i) {
        if let BlockTag::Li { ordered } = block.tag {
            let mut items = Vec::new();
            while let Some(b) = blocks.get(i).filter(|b| b.tag == block.tag) {
                items.push(html! { <li class="ni-para">{ render_inline(&b.text, &b.marks) }</li> });
                i += 1;
            }
            out.push(if ordered {
                html! { <ol class="ni-list">{ for items }</ol> }
            } else {
                html! { <ul class="ni-list">{ for items }</ul> }
            });
            continue;
        }
        let inner = render_inline(&block.text, &block.marks);
        out.push(match block.tag {
            BlockTag::H2 => html! { <h2 class="ni-para ni-h">{ inner }</h2> },
            BlockTag::H3 => html! { <h3 class="ni-para ni-h">{ inner }</h3> },
            BlockTag::H4 => html! { <h4 class="ni-para ni-h">{ inner }</h4> },
            BlockTag::Blockquote => html! { <blockquote class="ni-para">{ inner }</blockquote> },
            _ => html! { <p class="ni-para">{ inner }</p> },
        });
        i += 1;
    }
    html! { <>{ for out }</> }
}

/// Renders one block's text with its marks (em, strong, http(s) links) as nested elements.
pub fn render_inline(text: &str, marks: &[InlineMark]) -> Html {
    if marks.is_empty() {
        return html! { { text.to_owned() } };
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in marks {
        cuts.push(m.start.min(text.len()));
        cuts.push(m.end.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    // One sweep over the cut points, keeping counts of the marks open at each segment.
    let mut by_start: Vec<usize> = (0..marks.len()).collect();
    by_start.sort_by_key(|&i| marks[i].start);
    let mut by_end = by_start.clone();
    by_end.sort_by_key(|&i| marks[i].end);
    let (mut si, mut ei, mut em, mut strong) = (0, 0, 0usize, 0usize);
    let mut links: Vec<usize> = Vec::new();
    let mut segments = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while let Some(&i) = by_start.get(si).filter(|&&i| marks[i].start <= a) {
            match marks[i].kind {
                MarkKind::Em => em += 1,
                MarkKind::Strong => strong += 1,
                MarkKind::Link(_) => links.push(i),
            }
            si += 1;
        }
        while let Some(&i) = by_end.get(ei).filter(|&&i| marks[i].end <= a) {
            match marks[i].kind {
                MarkKind::Em => em = em.saturating_sub(1),
                MarkKind::Strong => strong = strong.saturating_sub(1),
                MarkKind::Link(_) => links.retain(|&j| j != i),
            }
            ei += 1;
        }
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        let mut node = html! { { piece.to_owned() } };
        if em > 0 {
            node = html! { <em>{ node }</em> };
        }
        if strong > 0 {
            node = html! { <strong>{ node }</strong> };
        }
        if let Some(MarkKind::Link(href)) = links.last().map(|&i| &marks[i].kind) {
            node = html! {
                <a href={href.clone()} rel="noopener noreferrer nofollow" target="_blank">{ node }</a>
            };
        }
        segments.push(node);
    }
    html! { <>{ for segments }</> }
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
}
