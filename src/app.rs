//! The root component: loads the article, then lays out the article view and the impact panel
//! (side by side, stacked or compact, by the container's width or the host's `layout` option).

use crate::components::article_picker::ArticlePicker;
use crate::components::paste_drop::{dragover_handler, drop_handler, PasteDrop};
use crate::components::{
    article_view::ArticleView, error_state::ErrorState, impact_panel::ImpactPanel,
    skeleton::Skeleton,
};
use crate::options::{Layout, Theme, WidgetOptions};
use crate::services::fetch::LoadError;
use crate::services::host::{use_host_events, HostEvents};
use crate::services::slice::{yield_to_browser, Loads};
use crate::services::source::{self, failed, outcome, read_local};
use crate::state::{Action, Phase, Shared, State};
use news_impact_engine::Analysis;
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

/// The `data-layout` value of the widget root.
pub fn layout_name(layout: Layout) -> &'static str {
    match layout {
        Layout::Auto => "auto",
        Layout::Stacked => "stacked",
        Layout::SideBySide => "side-by-side",
        Layout::Compact => "compact",
    }
}

/// The theme class of the widget root (`auto` follows `prefers-color-scheme`).
pub fn theme_class(theme: Theme) -> &'static str {
    match theme {
        Theme::Auto => "ni-theme-auto",
        Theme::Light => "ni-theme-light",
        Theme::Dark => "ni-theme-dark",
    }
}

/// What the live region announces once an analysis is shown.
pub fn announcement(a: &Analysis, listed: usize) -> String {
    if listed == 0 {
        return "Analysis ready: no listed companies or market assets found.".to_owned();
    }
    format!(
        "Analysis ready: {listed} compan{} and asset{}. {}",
        if listed == 1 { "y" } else { "ies" },
        if listed == 1 { "" } else { "s" },
        a.overall.summary
    )
}

/// The widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let events = HostEvents::new(props.host.clone());
    events.enter();
    let state = use_reducer(State::default);
    // Every load (source, paste or drop, feed pick) takes a ticket: the newest one owns the
    // widget, and an older one still fetching or analysing stops and shows nothing.
    let loads = (*use_memo((), |_| Loads::new(props.host.clone()))).clone();
    // Loads the article (inline, `src` URL or default) again whenever the source, the time-out
    // or the retry count changes; a superseded load is aborted and its result ignored.
    {
        let state = state.clone();
        let events = events.clone();
        let loads = loads.clone();
        let source = source::resolve(&props.options);
        let timeout_ms = source::timeout(&props.options);
        use_effect_with(
            (source, timeout_ms, state.attempt),
            move |(source, timeout_ms, _)| {
                events.enter();
                let ticket = loads.next();
                let controller = web_sys::AbortController::new().ok();
                state.dispatch(Action::Loading);
                let (source, timeout_ms) = (source.clone(), *timeout_ms);
                let task_controller = controller.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match &task_controller {
                        Some(controller) => source::load(&source, timeout_ms, controller).await,
                        None => source::load_local(&source),
                    };
                    if !ticket.resume() {
                        return;
                    }
                    if let Some(action) = outcome(result, &ticket).await {
                        state.dispatch(action);
                    }
                });
                move || {
                    loads.cancel();
                    if let Some(controller) = controller {
                        controller.abort();
                    }
                }
            },
        );
    }
    {
        let state = state.clone();
        use_effect_with(props.options.explain, move |explain| {
            state.dispatch(Action::SetExplain(*explain));
        });
    }
    let dispatch: Callback<Action> = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    // Pasted or dropped input, analysed locally (a long text in slices); it replaces the
    // previous feed.
    let on_input = {
        let (dispatch, loads) = (state.dispatcher(), loads.clone());
        Callback::from(move |input: Result<String, LoadError>| {
            let ticket = loads.next();
            dispatch.dispatch(Action::Loading);
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if matches!(&input, Ok(text) if text.len() >= source::SLICED_FROM_BYTES) {
                    // The click and the loading state get this task; reading a long text the next.
                    yield_to_browser().await;
                }
                if !ticket.resume() {
                    return;
                }
                let action = match input {
                    Ok(text) => outcome(read_local(&text), &ticket).await,
                    Err(err) => Some(failed(&err)),
                };
                if let (Some(action), true) = (action, ticket.is_current()) {
                    dispatch.dispatch(action);
                }
            });
        })
    };
    // The picker of the current feed; it stays while a picked article is analysed (a paste,
    // drop or new source drops the feed when it starts loading).
    let picker = match &state.feed {
        Some(feed) => {
            let (feed, dispatch, loads) = (feed.clone(), state.dispatcher(), loads.clone());
            let articles = feed.clone();
            let on_pick = Callback::from(move |i: usize| {
                let (feed, dispatch, ticket) = (feed.clone(), dispatch.clone(), loads.next());
                // The skeleton shows while the picked article is analysed (a long one in
                // slices); a short one replaces it before the browser paints.
                dispatch.dispatch(Action::Picking(i));
                wasm_bindgen_futures::spawn_local(async move {
                    ticket.resume();
                    if let Some(action) = source::pick(&feed, i, &ticket).await {
                        dispatch.dispatch(action);
                    }
                });
            });
            html! { <ArticlePicker {articles} picked={state.picked} {on_pick} /> }
        }
        _ => html! {},
    };
    // Items of the loaded list that could not be read: how many, and why the first failed.
    let note = match &state.note {
        Some(note) => html! { <p class="ni-skipped" role="status">{ note.to_string() }</p> },
        None => html! {},
    };
    let options = &props.options;
    use_host_events(&events, &state.phase, &options.tickers);
    let mut live = String::new();
    let body = match &state.phase {
        Phase::Loading => html! { <Skeleton /> },
        Phase::Failed { code, message } => html! {
            <ErrorState code={code.clone()} message={message.clone()}
                on_retry={dispatch.reform(|_| Action::Retry)} />
        },
        Phase::Ready { article, analysis } => {
            let listed = crate::components::impact_panel::listed(analysis, &options.tickers).len();
            live = announcement(analysis, listed);
            let analysis: Shared<Analysis> = Shared(analysis.clone());
            html! {
                <div class="ni-layout">
                    <ArticleView article={Shared(article.clone())} analysis={analysis.clone()}
                        highlight={state.highlight.clone()} selected={state.selected}
                        explain={state.explain}
                        on_explain={dispatch.reform(|_| Action::ToggleExplain)}
                        on_mention={dispatch.reform(Action::Expand)}
                        on_hover={dispatch.reform(Action::Highlight)}
                        blocks={state.blocks.clone()} />
                    <ImpactPanel analysis={analysis} expanded={state.expanded.clone()}
                        highlight={state.highlight.clone()}
                        selected={state.selected.map(|s| s.sentence)}
                        show_all={state.show_all} tickers={options.tickers.clone()}
                        dispatch={dispatch.clone()} />
                </div>
            }
        }
    };
    let theme = state.theme.unwrap_or(options.theme);
    html! {
        <ContextProvider<HostEvents> context={events}>
        <div class={classes!("ni-root", theme_class(theme))} data-layout={layout_name(options.layout)}
            data-theme={theme_class(theme).trim_start_matches("ni-theme-")} part="root"
            ondrop={drop_handler(on_input.clone())} ondragover={dragover_handler()}>
            { picker }
            { note }
            { body }
            <PasteDrop {on_input} />
            <p class="ni-sr-only" aria-live="polite" role="status">{ live }</p>
        </div>
        </ContextProvider<HostEvents>>
    }
}
