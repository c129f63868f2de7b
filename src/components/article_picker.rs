//! The article picker: shown above the article when a feed holds several articles.

use crate::services::sanitize::safe_text;
use news_impact_engine::Article;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`ArticlePicker`].
#[derive(Properties, PartialEq)]
pub struct ArticlePickerProps {
    /// The feed's articles.
    pub articles: Rc<Vec<Article>>,
    /// Index of the shown article.
    pub picked: usize,
    /// Called with the index of the article chosen.
    pub on_pick: Callback<usize>,
}

/// A labelled select listing the feed's titles (markup in titles reduced to text).
#[function_component(ArticlePicker)]
pub fn article_picker(props: &ArticlePickerProps) -> Html {
    let onchange = props.on_pick.reform(|e: Event| {
        e.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .and_then(|s| s.value().parse::<usize>().ok())
            .unwrap_or(0)
    });
    let count = props.articles.len();
    html! {
        <nav class="ni-picker" aria-label="Articles in this feed">
            <label class="ni-picker-label">
                { format!("{count} articles in this feed: ") }
                <select class="ni-picker-select" {onchange}>
                    { for props.articles.iter().enumerate().map(|(i, a)| {
                        let title = safe_text(&a.title);
                        let title = if title.is_empty() { format!("Article {}", i + 1) } else { title };
                        html! { <option value={i.to_string()} selected={i == props.picked}>{ title }</option> }
                    }) }
                </select>
            </label>
        </nav>
    }
}
