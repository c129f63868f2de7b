//! The root component: loads the article, then lays out the article view and the impact panel.

use crate::components::{article_view::ArticleView, impact_panel::ImpactPanel};
use crate::options::WidgetOptions;
use crate::services::analyze::analyze_json;
use crate::services::host::{filter_tickers, use_host_events, HostEvents};
use crate::state::{Phase, State};
use crate::DEFAULT_ARTICLE;
use std::rc::Rc;
use yew::prelude::*;

/// What the app is given when mounted.
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The host's options.
    pub options: Rc<WidgetOptions>,
    /// The element the widget is mounted on; it receives the `news-impact:*` events.
    #[prop_or_default]
    pub host: Option<web_sys::HtmlElement>,
}

/// The widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let events = HostEvents::new(props.host.clone());
    events.enter();
    let state = use_reducer(State::default);
    {
        let state = state.clone();
        let article = props.options.article.clone();
        let events = events.clone();
        use_effect_with(article, move |article| {
            events.enter();
            state.dispatch(analyze_json(article.as_deref().unwrap_or(DEFAULT_ARTICLE)));
        });
    }
    use_host_events(&events, &state.phase, &props.options.tickers);
    let body = match &state.phase {
        Phase::Loading => {
            html! { <div class="ni-skeleton" aria-busy="true">{ "Analysing…" }</div> }
        }
        Phase::Failed { message, .. } => {
            html! { <div class="ni-error" role="alert" part="error">{ message.clone() }</div> }
        }
        Phase::Ready { article, analysis } => {
            let analysis = filter_tickers(analysis, &props.options.tickers);
            html! {
            <div class="ni-layout">
                <ArticleView article={article.clone()} analysis={analysis.clone()} />
                <ImpactPanel analysis={analysis.clone()} expanded={state.expanded.clone()}
                    dispatch={state.dispatcher()} />
            </div>
            }
        }
    };
    html! {
        <ContextProvider<HostEvents> context={events}>
            <div class="ni-root" part="root">{ body }</div>
        </ContextProvider<HostEvents>>
    }
}
