//! The empty state: no company or market asset was found, and what was searched.

use yew::prelude::*;

/// Props of [`EmptyState`].
#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    /// Number of sentences searched.
    pub sentences: usize,
    /// Number of paragraphs searched (title included).
    pub paragraphs: usize,
    /// Symbols the host asked to show, if it filtered (empty: no filter).
    #[prop_or_default]
    pub filter: Vec<String>,
    /// Number of entities found before filtering.
    #[prop_or_default]
    pub found: usize,
}

/// What was searched, in words.
pub fn searched_text(sentences: usize, paragraphs: usize) -> String {
    let s = if sentences == 1 { "" } else { "s" };
    let p = if paragraphs == 1 { "" } else { "s" };
    format!(
        "Searched {sentences} sentence{s} in {paragraphs} paragraph{p} (headline included) for listed and private companies, stock indices, commodities, currencies and crypto."
    )
}

/// The empty state.
#[function_component(EmptyState)]
pub fn empty_state(props: &EmptyStateProps) -> Html {
    if !props.filter.is_empty() && props.found > 0 {
        return html! {
            <div class="ni-empty">
                <p class="ni-empty-title">{ format!("None of {} is mentioned", props.filter.join(", ")) }</p>
                <p class="ni-empty-detail">{ format!("The article mentions {} other compan{} or asset{}, hidden by the ticker filter.",
                    props.found, if props.found == 1 { "y" } else { "ies" }, if props.found == 1 { "" } else { "s" }) }</p>
            </div>
        };
    }
    html! {
        <div class="ni-empty">
            <p class="ni-empty-title">{ "No listed companies or market assets found" }</p>
            <p class="ni-empty-detail">{ searched_text(props.sentences, props.paragraphs) }</p>
        </div>
    }
}
