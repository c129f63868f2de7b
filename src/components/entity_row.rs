//! One entity row: ticker, name, kind badge, label with icon, score bar, relevance meter and
//! mention count; it expands (click, Enter or Space) to the entity's evidence, and Escape
//! closes it again.

use crate::components::evidence_list::EvidenceList;
use crate::components::format;
use crate::components::relevance_meter::RelevanceMeter;
use crate::components::score_bar::ScoreBar;
use crate::services::host::HostEvents;
use crate::state::Shared;
use news_impact_engine::Analysis;
use yew::prelude::*;

/// Props of [`EntityRow`].
#[derive(Properties, PartialEq)]
pub struct EntityRowProps {
    /// The analysis.
    pub analysis: Shared<Analysis>,
    /// Index of the entity into `Analysis::entities`.
    pub index: usize,
    /// Whether its evidence is shown.
    #[prop_or_default]
    pub expanded: bool,
    /// Whether its mentions are highlighted in the article.
    #[prop_or_default]
    pub highlighted: bool,
    /// The selected evidence sentence, if any.
    #[prop_or_default]
    pub selected: Option<usize>,
    /// Called with the entity id when the row is toggled.
    #[prop_or_default]
    pub on_toggle: Callback<String>,
    /// Called with the entity id on hover/focus, and with `None` when they leave.
    #[prop_or_default]
    pub on_highlight: Callback<Option<String>>,
    /// Called with a sentence index when an evidence sentence is chosen.
    #[prop_or_default]
    pub on_select: Callback<usize>,
}

/// Renders one row.
#[function_component(EntityRow)]
pub fn entity_row(props: &EntityRowProps) -> Html {
    use_context::<HostEvents>().unwrap_or_default().enter();
    let Some(e) = props.analysis.entities.get(props.index) else {
        return Html::default();
    };
    let symbol = e.symbol.as_deref().unwrap_or(&e.id).to_owned();
    let shown = e.symbol.as_deref().unwrap_or(&e.name).to_owned();
    let id = e.id.to_string();
    let toggle = {
        let id = id.clone();
        props.on_toggle.reform(move |_: MouseEvent| id.clone())
    };
    let enter = {
        let id = id.clone();
        props.on_highlight.reform(move |_| Some(id.clone()))
    };
    let focus = {
        let id = id.clone();
        props
            .on_highlight
            .reform(move |_: FocusEvent| Some(id.clone()))
    };
    let leave = props.on_highlight.reform(|_: MouseEvent| None);
    let blur = props.on_highlight.reform(|_: FocusEvent| None);
    let head = use_node_ref();
    // Escape inside an open row closes it and puts focus back on its head.
    let onkeydown = {
        let id = id.clone();
        let head = head.clone();
        let expanded = props.expanded;
        let toggle = props.on_toggle.clone();
        Callback::from(move |ev: KeyboardEvent| {
            if expanded && ev.key() == "Escape" {
                ev.prevent_default();
                toggle.emit(id.clone());
                if let Some(el) = head.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    let list_id = format!("ni-ev-{}", props.index);
    let badge = format::kind_badge(e.kind);
    html! {
        <li part="row" class={classes!("ni-row", props.expanded.then_some("ni-row-open"), props.highlighted.then_some("ni-row-on"))}
            data-symbol={symbol} data-label={e.label.as_str()} data-kind={format::kind_name(e.kind)}
            data-entity={id} onmouseenter={enter} onmouseleave={leave} onfocusin={focus} onfocusout={blur} {onkeydown}>
            <button type="button" class="ni-row-head" ref={head} aria-expanded={props.expanded.to_string()}
                aria-controls={list_id.clone()} onclick={toggle}>
                <span class="ni-ident">
                    <span class="ni-chevron" aria-hidden="true"></span>
                    <span class="ni-symbol">{ shown }</span>
                    if e.symbol.is_some() { <span class="ni-name">{ e.name.clone() }</span> }
                    if let Some(badge) = badge { <span class="ni-kind">{ badge }</span> }
                </span>
                <span class="ni-label" data-label={e.label.as_str()}>
                    <span class="ni-icon" aria-hidden="true">{ format::label_icon(e.label) }</span>
                    { format!(" {}", format::label_text(e.label)) }
                </span>
                <span class="ni-score-cell">
                    <ScoreBar score={e.score} />
                    <span class="ni-score">{ format::score(e.score) }</span>
                </span>
                <span class="ni-meta">
                    <RelevanceMeter relevance={e.relevance} />
                    <span class="ni-mentions">{ format::mentions(e.mentions) }</span>
                </span>
            </button>
            if props.expanded {
                <EvidenceList analysis={props.analysis.clone()} entity={props.index} id={list_id}
                    selected={props.selected} on_select={props.on_select.clone()} />
            }
        </li>
    }
}
