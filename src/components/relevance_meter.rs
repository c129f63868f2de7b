//! Relevance as a `<meter>` from 0 to 1, with its value in words for screen readers.

use yew::prelude::*;

/// Props of [`RelevanceMeter`].
#[derive(Properties, PartialEq)]
pub struct RelevanceMeterProps {
    /// Relevance in (0, 1].
    pub relevance: f32,
}

/// The meter.
#[function_component(RelevanceMeter)]
pub fn relevance_meter(props: &RelevanceMeterProps) -> Html {
    let r = if props.relevance.is_finite() {
        props.relevance.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let percent = (r * 100.0).round();
    html! {
        <meter class="ni-relevance" min="0" max="1" value={format!("{r:.3}")}
            title={format!("relevance {percent}%")} aria-label={format!("relevance {percent}%")}>
            { format!("{percent}%") }
        </meter>
    }
}
