//! The article itself: title, byline and paragraphs, from the analysis text.

use crate::services::host::HostEvents;
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
}

/// Renders the article.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleViewProps) -> Html {
    let a = &props.analysis;
    use_context::<HostEvents>().unwrap_or_default().enter();
    #[cfg(feature = "fault-injection")]
    crate::guard::faults::trigger(&props.article.title, crate::guard::faults::PANIC_IN_RENDER);
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
            { for (1..a.paragraphs.len()).map(|i| html! { <p class="ni-para">{ para(i) }</p> }) }
        </article>
    }
}
