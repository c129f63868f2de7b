//! One entity row: ticker, name, label, score and relevance, expandable to its evidence.

use news_impact_engine::analysis::EntityImpact;
use yew::prelude::*;

/// Props of [`EntityRow`].
#[derive(Properties, PartialEq)]
pub struct EntityRowProps {
    /// The entity to show.
    pub entity: EntityImpact,
    /// Whether its evidence is shown.
    pub expanded: bool,
    /// Called when the row is toggled.
    pub on_toggle: Callback<()>,
}

/// Renders one row.
#[function_component(EntityRow)]
pub fn entity_row(props: &EntityRowProps) -> Html {
    let e = &props.entity;
    let symbol = e.symbol.clone().unwrap_or_else(|| e.id.clone());
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    html! {
        <li class="ni-row" part="row" data-symbol={symbol.clone()} data-label={e.label.as_str()}>
            <button class="ni-row-head" aria-expanded={props.expanded.to_string()} onclick={toggle}>
                <span class="ni-symbol">{ symbol }</span>
                <span class="ni-name">{ e.name.clone() }</span>
                <span class="ni-label">{ e.label.as_str() }</span>
                <span class="ni-score">{ format!("{:+.2}", e.score) }</span>
                <span class="ni-relevance">{ format!("relevance {:.2}", e.relevance) }</span>
            </button>
            if props.expanded {
                <ul class="ni-evidence" part="evidence">
                    { for e.evidence.iter().map(|ev| html! {
                        <li class="ni-evidence-item">{ ev.text.clone() }
                            <span class="ni-score">{ format!(" {:+.2}", ev.sentiment.score) }</span></li>
                    }) }
                </ul>
            }
        </li>
    }
}
