//! The article: title, byline (source, author, date) and body, with entity mentions marked and
//! linked to their rows, the selected evidence sentence highlighted and, with "explain", every
//! cue word tinted.

use crate::components::cues::cue_span;
use crate::components::format;
use crate::components::safe_blocks::{group_items, marked, wrap_block};
use crate::components::text_layout::{layout, Paragraph, Piece};
use crate::services::host::HostEvents;
use crate::services::sanitize::{BlockTag, InlineMark, SafeBlock};
use crate::state::{Selection, Shared};
use gloo::timers::callback::Timeout;
use news_impact_engine::{Analysis, Article};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ArticleView`].
#[derive(Properties, PartialEq, Clone)]
pub struct ArticleViewProps {
    /// The article (for its metadata).
    pub article: Shared<Article>,
    /// The analysis (for its normalised text, sentences, mentions and cues).
    pub analysis: Shared<Analysis>,
    /// Entity whose mentions are highlighted.
    #[prop_or_default]
    pub highlight: Option<String>,
    /// The selected evidence sentence: scrolled to and highlighted.
    #[prop_or_default]
    pub selected: Option<Selection>,
    /// Whether cue words are tinted.
    #[prop_or_default]
    pub explain: bool,
    /// Switches `explain`.
    #[prop_or_default]
    pub on_explain: Callback<()>,
    /// Called with an entity id when a mention is clicked (its row opens).
    #[prop_or_default]
    pub on_mention: Callback<String>,
    /// Called with an entity id (or none) when a mention is hovered.
    #[prop_or_default]
    pub on_hover: Callback<Option<String>>,
    /// The body as sanitised blocks, block i being analysis paragraph i + 1: their kind
    /// (heading, quote, list item) and inline marks (emphasis, links) are rendered.
    #[prop_or_default]
    pub blocks: Option<Shared<Vec<SafeBlock>>>,
}

/// The sanitised block of analysis paragraph `index` (none for the title).
fn block(props: &ArticleViewProps, index: usize) -> Option<&SafeBlock> {
    props.blocks.as_ref()?.get(index.checked_sub(1)?)
}

/// Only http and https URLs become links.
fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().get(..8).map(str::to_ascii_lowercase)?;
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url.trim())
}

/// Renders the article.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleViewProps) -> Html {
    use_context::<HostEvents>().unwrap_or_default().enter();
    #[cfg(feature = "fault-injection")]
    crate::guard::faults::trigger(&props.article.title, crate::guard::faults::PANIC_IN_RENDER);
    let root = use_node_ref();
    let explain = props.explain;
    let paragraphs = {
        let analysis = props.analysis.clone();
        use_memo((analysis, explain), |(analysis, explain)| {
            layout(analysis, *explain)
        })
    };

    // Scroll the selected sentence into view (again for each new selection).
    {
        let root = root.clone();
        use_effect_with(props.selected, move |selected| {
            if let (Some(sel), Some(el)) = (selected, root.cast::<web_sys::Element>()) {
                scroll_to_sentence(&el, sel.sentence);
            }
        });
    }

    // A long article is rendered a chunk at a time, one chunk per task, so that showing a
    // pasted 1 MB text never blocks the page for long; a short one is a single chunk.
    let chunks = chunks(props, &paragraphs);
    let identity = Rc::as_ptr(&paragraphs) as usize;
    let shown = use_state_eq(|| (identity, 1usize));
    let count = if shown.0 == identity { shown.1 } else { 1 };
    {
        let (shown, total) = (shown.clone(), chunks.len());
        use_effect_with(
            (identity, count, total),
            move |&(identity, count, total)| {
                let timer = (count < total)
                    .then(|| Timeout::new(0, move || shown.set((identity, count + 1))));
                move || drop(timer)
            },
        );
    }

    let title = paragraphs
        .iter()
        .filter(|p| p.index == 0)
        .map(|p| render_paragraph(props, p))
        .collect::<Html>();
    let body = chunks
        .iter()
        .take(count)
        .map(|&range| {
            html! {
                <ArticleChunk key={range.0} view={props.clone()}
                    paragraphs={Shared(paragraphs.clone())} {range} />
            }
        })
        .collect::<Html>();
    let meta = &props.article;
    let source = meta
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let source_html = match (source, meta.url.as_deref().and_then(safe_url)) {
        (Some(s), Some(url)) => html! {
            <a class="ni-source" href={url.to_owned()} target="_blank" rel="noopener noreferrer nofollow">{ s.to_owned() }</a>
        },
        (Some(s), None) => html! { <span class="ni-source">{ s.to_owned() }</span> },
        (None, Some(url)) => html! {
            <a class="ni-source" href={url.to_owned()} target="_blank" rel="noopener noreferrer nofollow">{ "Original article" }</a>
        },
        (None, None) => Html::default(),
    };
    let author = meta
        .author
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let date = meta
        .published_at
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let has_byline = source.is_some()
        || meta.url.as_deref().and_then(safe_url).is_some()
        || author.is_some()
        || date.is_some();
    let on_explain = props.on_explain.reform(|_: MouseEvent| ());
    html! {
        <article class="ni-article" part="article" ref={root}>
            { title }
            if has_byline {
                <p class="ni-byline">
                    { source_html }
                    if let Some(author) = author { <span class="ni-author">{ format!("By {author}") }</span> }
                    if let Some(date) = date {
                        <time class="ni-date" datetime={date.to_owned()}>{ format::date(date) }</time>
                    }
                </p>
            }
            <div class="ni-article-tools">
                <button type="button" class="ni-explain-toggle" aria-pressed={explain.to_string()} onclick={on_explain}>
                    { if explain { "Hide explanation" } else { "Explain: tint the words that move scores" } }
                </button>
                if explain {
                    <p class="ni-legend">
                        <span class="ni-cue ni-cue-pos-2">{ "raises" }</span>{ " / " }
                        <span class="ni-cue ni-cue-neg-2">{ "lowers" }</span>
                        { " the score; a stronger tint means a larger contribution. Hover a word for its exact weight." }
                    </p>
                }
            </div>
            { body }
        </article>
    }
}

/// About this many bytes of text are rendered per chunk of a long article.
const CHUNK_BYTES: usize = 24 * 1024;

/// Ranges of body paragraphs (indices into the layout) rendered as one chunk each: about
/// [`CHUNK_BYTES`] of text, never splitting a list.
fn chunks(props: &ArticleViewProps, paragraphs: &[Paragraph]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (None, 0usize);
    for (k, p) in paragraphs.iter().enumerate() {
        if p.index == 0 {
            continue;
        }
        let item = matches!(
            block(props, p.index).map(|b| b.tag),
            Some(BlockTag::Li { .. })
        );
        match start {
            None => start = Some(k),
            Some(s) if bytes >= CHUNK_BYTES && !item => {
                out.push((s, k));
                start = Some(k);
                bytes = 0;
            }
            Some(_) => {}
        }
        bytes += props
            .analysis
            .paragraphs
            .get(p.index)
            .map_or(0, |s| s.end.saturating_sub(s.start));
    }
    if let Some(s) = start {
        out.push((s, paragraphs.len()));
    }
    out
}

/// Props of [`ArticleChunk`].
#[derive(Properties, PartialEq)]
struct ChunkProps {
    /// The article view's props.
    view: ArticleViewProps,
    /// The laid-out paragraphs.
    paragraphs: Shared<Vec<Paragraph>>,
    /// The range of `paragraphs` in this chunk.
    range: (usize, usize),
}

/// One chunk of body paragraphs (re-rendered only when the view's props change).
#[function_component(ArticleChunk)]
fn article_chunk(props: &ChunkProps) -> Html {
    let (a, b) = props.range;
    group_items(
        props
            .paragraphs
            .get(a..b)
            .unwrap_or_default()
            .iter()
            .filter(|p| p.index != 0)
            .map(|p| {
                (
                    block(&props.view, p.index).map(|b| b.tag),
                    render_paragraph(&props.view, p),
                )
            })
            .collect(),
    )
}

fn render_paragraph(props: &ArticleViewProps, p: &Paragraph) -> Html {
    let block = block(props, p.index);
    let marks = block.and_then(|b| {
        let start = props.analysis.paragraphs.get(p.index)?.start;
        Some((start, b.marks.as_slice()))
    });
    let runs = p
        .runs
        .iter()
        .map(|run| {
            let pieces: Html = run
                .pieces
                .iter()
                .map(|x| render_piece(props, x, marks))
                .collect();
            match run.sentence {
                Some(i) => {
                    let selected = props.selected.is_some_and(|s| s.sentence == i);
                    html! {
                        <span class={classes!("ni-sent", selected.then_some("ni-sent-selected"))}
                            data-sentence={i.to_string()}>{ pieces }</span>
                    }
                }
                None => pieces,
            }
        })
        .collect::<Html>();
    if p.index == 0 {
        html! { <h1 class="ni-title" part="title">{ runs }</h1> }
    } else if let Some(b) = block {
        wrap_block(b.tag, runs)
    } else {
        html! { <p class="ni-para">{ runs }</p> }
    }
}

/// `marks`: the paragraph's start offset in the analysis text and its block's inline marks.
fn render_piece(
    props: &ArticleViewProps,
    x: &Piece,
    marks: Option<(usize, &[InlineMark])>,
) -> Html {
    let a = &props.analysis;
    let Some(text) = a.text.get(x.start..x.end) else {
        return Html::default();
    };
    let cue = x
        .cue
        .and_then(|(s, c)| a.sentences.get(s)?.sentiment.cues.get(c));
    let render = |t: &str| match cue {
        Some(cue) => cue_span(cue, cue.text(&a.text), t),
        None => Html::from(t.to_owned()),
    };
    let inner = match marks {
        Some((base, marks)) if !marks.is_empty() && x.start >= base => {
            marked(x.start - base, text, marks, render)
        }
        _ => render(text),
    };
    match x.entity.and_then(|i| a.entities.get(i)) {
        Some(e) => {
            let id = e.id.to_string();
            let on = props.highlight.as_deref() == Some(&*e.id);
            let tag = e.symbol.as_deref().unwrap_or(&e.name).to_owned();
            let onclick = {
                let id = id.clone();
                props.on_mention.reform(move |_: MouseEvent| id.clone())
            };
            let onmouseenter = {
                let id = id.clone();
                props.on_hover.reform(move |_: MouseEvent| Some(id.clone()))
            };
            let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
            html! {
                <mark class={classes!("ni-mention", on.then_some("ni-mention-on"))} data-entity={id}
                    title={format!("{tag}: show in the impact panel")}
                    {onclick} {onmouseenter} {onmouseleave}>{ inner }</mark>
            }
        }
        None => inner,
    }
}

/// Scrolls the sentence with index `sentence` (inside `root`) to the middle of the view.
fn scroll_to_sentence(root: &web_sys::Element, sentence: usize) {
    let selector = format!("[data-sentence=\"{sentence}\"]");
    let Ok(Some(target)) = root.query_selector(&selector) else {
        return;
    };
    let reduce = web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches());
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_behavior(if reduce {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    target.scroll_into_view_with_scroll_into_view_options(&options);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(
            safe_url("https://example.com/a"),
            Some("https://example.com/a")
        );
        assert_eq!(safe_url("HTTP://example.com"), Some("HTTP://example.com"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        assert_eq!(safe_url("http:"), None);
    }
}
