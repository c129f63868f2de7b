//! The root component: loads the article, then lays out the article view and the impact panel.

use crate::components::article_picker::ArticlePicker;
use crate::components::paste_drop::PasteDrop;
use crate::components::{article_view::ArticleView, impact_panel::ImpactPanel};
use crate::options::WidgetOptions;
use crate::services::fetch::LoadError;
use crate::services::host::{filter_tickers, use_host_events, HostEvents};
use crate::services::source::{self, failed, outcome, read_local};
use crate::state::{Action, Phase, State};
use std::cell::Cell;
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
    let state = use_reducer(State::default);
    // Bumped by the Retry button: re-runs the load effect.
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        let source = source::resolve(&props.options);
        let timeout_ms = source::timeout(&props.options);
        use_effect_with(
            (source, timeout_ms, *attempt),
            move |(source, timeout_ms, _)| {
                let cancelled = Rc::new(Cell::new(false));
                let controller = web_sys::AbortController::new().ok();
                state.dispatch(Action::Start);
                if let Some(controller) = controller.clone() {
                    let (source, timeout_ms) = (source.clone(), *timeout_ms);
                    let cancelled = cancelled.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = source::load(&source, timeout_ms, &controller).await;
                        if !cancelled.get() {
                            state.dispatch(outcome(result));
                        }
                    });
                } else {
                    state.dispatch(outcome(source::load_local(source)));
                }
                move || {
                    cancelled.set(true);
                    if let Some(controller) = controller {
                        controller.abort();
                    }
                }
            },
        );
    }
    let events = HostEvents::new(props.host.clone());
    use_host_events(&events, &state.phase, &props.options.tickers);
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    let on_input = {
        let dispatch = state.dispatcher();
        Callback::from(move |input: Result<String, LoadError>| {
            // A new local article replaces the feed (and its picker) of the previous one.
            dispatch.dispatch(Action::Start);
            dispatch.dispatch(match input {
                Ok(text) => outcome(read_local(&text)),
                Err(err) => failed(&err),
            })
        })
    };
    let picker = match &state.feed {
        Some(feed) if !matches!(state.phase, Phase::Loading) => {
            let (feed, dispatch) = (feed.clone(), state.dispatcher());
            let articles = feed.clone();
            let on_pick = Callback::from(move |i: usize| dispatch.dispatch(source::pick(&feed, i)));
            html! { <ArticlePicker {articles} picked={state.picked} {on_pick} /> }
        }
        _ => html! {},
    };
    let body = match &state.phase {
        Phase::Loading => html! {
            <div class="ni-skeleton" aria-busy="true">
                <p class="ni-skeleton-label">{ "Loading the article…" }</p>
                <div class="ni-skeleton-line ni-skeleton-title"></div>
                <div class="ni-skeleton-line"></div>
                <div class="ni-skeleton-line"></div>
                <div class="ni-skeleton-line ni-skeleton-short"></div>
            </div>
        },
        Phase::Failed { code, message } => html! {
            <div class="ni-failed" data-code={code.clone()}>
                <p class="ni-error" role="alert" part="error">{ message.clone() }</p>
                <button type="button" class="ni-retry" onclick={retry}>{ "Retry" }</button>
            </div>
        },
        Phase::Ready { article, analysis } => {
            let analysis = filter_tickers(analysis, &props.options.tickers);
            html! {
            <div class="ni-layout">
                <ArticleView article={article.clone()} analysis={analysis.clone()}
                    blocks={state.blocks.clone()} />
                <ImpactPanel analysis={analysis.clone()} expanded={state.expanded.clone()}
                    dispatch={state.dispatcher()} />
            </div>
            }
        }
    };
    // Files can be dropped anywhere on the widget, not only on the (collapsed) drop zone.
    let ondrop = crate::components::paste_drop::drop_handler(on_input.clone());
    let ondragover = crate::components::paste_drop::dragover_handler();
    html! {
        <ContextProvider<HostEvents> context={events}>
            <div class="ni-root" part="root" {ondrop} {ondragover}>
                { picker }
                { body }
                <PasteDrop {on_input} />
            </div>
        </ContextProvider<HostEvents>>
    }
}
