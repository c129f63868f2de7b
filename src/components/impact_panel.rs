//! The impact panel: the overall line, then one row per entity in the engine's order, with the
//! low-relevance rows collapsed behind a "show N more" button.

use crate::components::empty_state::EmptyState;
use crate::components::entity_row::EntityRow;
use crate::components::overall_line::OverallLine;
use crate::services::host::HostEvents;
use crate::state::{Action, Shared};
use news_impact_engine::{Analysis, Label};
use yew::prelude::*;

/// Rows always shown, however low their relevance.
pub const ALWAYS_SHOWN: usize = 3;
/// Rows past the first [`ALWAYS_SHOWN`] with a relevance below this are collapsed, unless the
/// article moves them (a label other than Neutral): a strong signal is never hidden.
pub const LOW_RELEVANCE: f32 = 0.2;

/// Props of [`ImpactPanel`].
#[derive(Properties, PartialEq)]
pub struct ImpactPanelProps {
    /// The analysis to show.
    pub analysis: Shared<Analysis>,
    /// The expanded row's entity id.
    #[prop_or_default]
    pub expanded: Option<String>,
    /// The highlighted row's entity id.
    #[prop_or_default]
    pub highlight: Option<String>,
    /// The selected evidence sentence.
    #[prop_or_default]
    pub selected: Option<usize>,
    /// Whether the low-relevance rows are shown.
    #[prop_or_default]
    pub show_all: bool,
    /// Only these symbols are shown (empty: all).
    #[prop_or_default]
    pub tickers: Vec<String>,
    /// Sends actions to the widget state.
    #[prop_or_default]
    pub dispatch: Callback<Action>,
}

/// Indices of the entities to list, in the engine's order (most relevant first), keeping only
/// the host's tickers when it gave any.
pub fn listed(a: &Analysis, tickers: &[String]) -> Vec<usize> {
    a.entities
        .iter()
        .enumerate()
        .filter(|(_, e)| crate::options::keeps(tickers, e))
        .map(|(i, _)| i)
        .collect()
}

/// Whether the row at `position` (in list order) of entity `index` is collapsed by default.
pub fn is_low(a: &Analysis, position: usize, index: usize) -> bool {
    position >= ALWAYS_SHOWN
        && a.entities
            .get(index)
            .is_some_and(|e| e.relevance < LOW_RELEVANCE && e.label == Label::Neutral)
}

/// Renders the panel.
#[function_component(ImpactPanel)]
pub fn impact_panel(props: &ImpactPanelProps) -> Html {
    let a = &props.analysis;
    let list = listed(a, &props.tickers);
    // (entity index, collapsed by default); an expanded row is never collapsed.
    let rows: Vec<(usize, bool)> = list
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            let open = props.expanded.as_deref() == Some(&*a.entities[i].id);
            (i, is_low(a, pos, i) && !open)
        })
        .collect();
    let hidden = rows.iter().filter(|(_, low)| *low).count();
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with(props.expanded.clone(), move |expanded| {
            if let (Some(id), Some(root)) = (expanded, panel.cast::<web_sys::Element>()) {
                reveal_row(&root, id);
            }
        });
    }
    let d = props.dispatch.clone();
    let host = use_context::<HostEvents>().unwrap_or_default();
    host.enter();
    let on_toggle = {
        let (d, analysis, expanded) = (d.clone(), props.analysis.clone(), props.expanded.clone());
        Callback::from(move |id: String| {
            if let Some(entity) = analysis.entities.iter().find(|e| e.id == id) {
                host.select(
                    &analysis.text,
                    entity,
                    expanded.as_deref() != Some(id.as_str()),
                );
            }
            d.emit(Action::Toggle(id));
        })
    };
    let on_highlight = d.reform(Action::Highlight);
    let on_select = d.reform(Action::Select);
    let show_all = props.show_all;
    let toggle_more = d.reform(move |_: MouseEvent| Action::ShowAll(!show_all));
    let rows = rows
        .iter()
        .filter(|(_, low)| show_all || !low)
        .map(|&(i, _)| {
            let id = &*a.entities[i].id;
            html! {
                <EntityRow key={id.to_owned()} analysis={props.analysis.clone()} index={i}
                    expanded={props.expanded.as_deref() == Some(id)}
                    highlighted={props.highlight.as_deref() == Some(id)}
                    selected={props.selected}
                    on_toggle={on_toggle.clone()} on_highlight={on_highlight.clone()} on_select={on_select.clone()} />
            }
        })
        .collect::<Html>();
    let heading = if list.is_empty() {
        html! { <EmptyState sentences={a.sentences.len()} paragraphs={a.paragraphs.len()}
        filter={props.tickers.clone()} found={a.entities.len()} /> }
    } else {
        html! { <OverallLine overall={a.overall.clone()} /> }
    };
    html! {
        <aside class="ni-panel" part="panel" aria-label="Market impact" ref={panel}>
            <h2 class="ni-panel-title">{ "Market impact" }</h2>
            { heading }
            if !list.is_empty() {
                <ul class="ni-entities" aria-label="Companies and assets, most relevant first">{ rows }</ul>
            }
            if hidden > 0 {
                <button type="button" class="ni-more" aria-expanded={show_all.to_string()} onclick={toggle_more}
                    title="Rows with low relevance and a neutral label">
                    { if show_all {
                        "Show fewer".to_owned()
                    } else {
                        format!("Show {hidden} more")
                    } }
                </button>
            }
        </aside>
    }
}

/// Scrolls the row of entity `id` into view if it is not (no jump when it already is).
fn reveal_row(root: &web_sys::Element, id: &str) {
    let Ok(rows) = root.query_selector_all(".ni-row") else {
        return;
    };
    for i in 0..rows.length() {
        let Some(row) = rows
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        else {
            continue;
        };
        if row.get_attribute("data-entity").as_deref() == Some(id) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            row.scroll_into_view_with_scroll_into_view_options(&options);
            return;
        }
    }
}
