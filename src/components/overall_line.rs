//! The overall impact line at the top of the panel: the engine's one-sentence summary, with
//! the overall label as icon and text.

use crate::components::format;
use news_impact_engine::analysis::Overall;
use yew::prelude::*;

/// Props of [`OverallLine`].
#[derive(Properties, PartialEq)]
pub struct OverallLineProps {
    /// The engine's overall impact.
    pub overall: Overall,
}

/// The overall line.
#[function_component(OverallLine)]
pub fn overall_line(props: &OverallLineProps) -> Html {
    let o = &props.overall;
    html! {
        <div class="ni-overall" part="overall" data-label={o.label.as_str()}>
            <p class="ni-overall-summary">{ o.summary.clone() }</p>
            <p class="ni-overall-score">
                <span class="ni-label" data-label={o.label.as_str()}>
                    <span class="ni-icon" aria-hidden="true">{ format::label_icon(o.label) }</span>
                    { format!(" Overall {}", format::label_text(o.label).to_lowercase()) }
                </span>
                <span class="ni-score">{ format::score(o.score) }</span>
            </p>
        </div>
    }
}
