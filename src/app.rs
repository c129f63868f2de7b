//! The root component: loads the article, then lays out the article view and the impact panel.

use crate::components::{article_view::ArticleView, impact_panel::ImpactPanel};
use crate::options::WidgetOptions;
use crate::services::analyze::analyze_json;
use crate::state::{Phase, State};
use crate::DEFAULT_ARTICLE;
use std::rc::Rc;
use yew::prelude::*;

/// What the app is given when mounted.
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The host's options.
    pub options: Rc<WidgetOptions>,
}

/// The widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(State::default);
    {
        let state = state.clone();
        let article = props.options.article.clone();
        use_effect_with(article, move |article| {
            state.dispatch(analyze_json(article.as_deref().unwrap_or(DEFAULT_ARTICLE)));
        });
    }
    let body = match &state.phase {
        Phase::Loading => {
            html! { <div class="ni-skeleton" aria-busy="true">{ "Analysing…" }</div> }
        }
        Phase::Failed { message, .. } => {
            html! { <div class="ni-error" role="alert">{ message.clone() }</div> }
        }
        Phase::Ready { article, analysis } => html! {
            <div class="ni-layout">
                <ArticleView article={article.clone()} analysis={analysis.clone()} />
                <ImpactPanel analysis={analysis.clone()} expanded={state.expanded.clone()}
                    dispatch={state.dispatcher()} />
            </div>
        },
    };
    html! { <div class="ni-root">{ body }</div> }
}
