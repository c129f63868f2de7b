//! The impact panel: the overall line and one row per entity.

use crate::components::entity_row::EntityRow;
use crate::services::host::HostEvents;
use crate::state::{Action, State};
use news_impact_engine::Analysis;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ImpactPanel`].
#[derive(Properties, PartialEq)]
pub struct ImpactPanelProps {
    /// The analysis to show.
    pub analysis: Rc<Analysis>,
    /// The expanded row's entity id.
    pub expanded: Option<String>,
    /// Sends actions to the widget state.
    pub dispatch: UseReducerDispatcher<State>,
}

/// Renders the panel.
#[function_component(ImpactPanel)]
pub fn impact_panel(props: &ImpactPanelProps) -> Html {
    let a = &props.analysis;
    let host = use_context::<HostEvents>().unwrap_or_default();
    html! {
        <aside class="ni-panel" part="panel" aria-label="Market impact">
            <p class="ni-overall" part="overall" data-label={a.overall.label.as_str()}>{ a.overall.summary.clone() }</p>
            <ul class="ni-entities">
                { for a.entities.iter().map(|e| {
                    let id = e.id.clone();
                    let dispatch = props.dispatch.clone();
                    let (host, entity) = (host.clone(), e.clone());
                    let expanded = props.expanded.as_deref() == Some(e.id.as_str());
                    html! {
                        <EntityRow entity={e.clone()} {expanded}
                            on_toggle={Callback::from(move |_| {
                                dispatch.dispatch(Action::Toggle(id.clone()));
                                host.select(&entity, !expanded);
                            })} />
                    }
                }) }
            </ul>
        </aside>
    }
}
