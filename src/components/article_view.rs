//! The article itself: title, byline and paragraphs, from the analysis text.

use news_impact_engine::{Analysis, Article};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    /// The article (for its metadata).
    pub article: Rc<Article>,
    /// The analysis (for its normalised text).
    pub analysis: Rc<Analysis>,
    /// The body as sanitised blocks; when given, the body is rendered from them.
    #[prop_or_default]
    pub blocks: Option<Rc<Vec<crate::services::sanitize::SafeBlock>>>,
}

/// Renders the article.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleViewProps) -> Html {
    let a = &props.analysis;
    let para = |i: usize| {
        a.paragraphs
            .get(i)
            .map(|s| a.text[s.start..s.end].to_owned())
            .unwrap_or_default()
    };
    let byline: Vec<String> = [
        &props.article.source,
        &props.article.author,
        &props.article.published_at,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    html! {
        <article class="ni-article" part="article">
            <h1 class="ni-title" part="title">{ para(0) }</h1>
            if !byline.is_empty() { <p class="ni-byline">{ byline.join(" · ") }</p> }
            if let Some(blocks) = &props.blocks {
                { crate::components::safe_blocks::render_blocks(blocks) }
            } else {
                { for (1..a.paragraphs.len()).map(|i| html! { <p class="ni-para">{ para(i) }</p> }) }
            }
        </article>
    }
}
