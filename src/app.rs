//! The root component: loads the article, then lays out the article view and the impact panel
//! (side by side, stacked or compact, by the container's width or the host's `layout` option).

use crate::components::{
    article_view::ArticleView, error_state::ErrorState, impact_panel::ImpactPanel,
    skeleton::Skeleton,
};
use crate::options::{Layout, Theme, WidgetOptions};
use crate::services::analyze::analyze_json;
use crate::services::host::{use_host_events, HostEvents};
use crate::state::{Action, Phase, Shared, State};
use crate::DEFAULT_ARTICLE;
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
    let state = use_reducer(State::default);
    {
        let state = state.clone();
        let article = props.options.article.clone();
        use_effect_with((article, state.attempt), move |(article, _)| {
            state.dispatch(analyze_json(article.as_deref().unwrap_or(DEFAULT_ARTICLE)));
        });
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
    let options = &props.options;
    let events = HostEvents::new(props.host.clone());
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
                        on_hover={dispatch.reform(Action::Highlight)} />
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
            data-theme={theme_class(theme).trim_start_matches("ni-theme-")} part="root">
            { body }
            <p class="ni-sr-only" aria-live="polite" role="status">{ live }</p>
        </div>
        </ContextProvider<HostEvents>>
    }
}
