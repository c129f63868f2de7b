//! The loading state: grey placeholder blocks shaped like the article and the panel.

use yew::prelude::*;

/// The skeleton.
#[function_component(Skeleton)]
pub fn skeleton() -> Html {
    let lines = |n: usize, class: &'static str| -> Html {
        (0..n)
            .map(|i| html! { <span class={classes!("ni-skel", class, format!("ni-skel-{}", i % 4))}></span> })
            .collect()
    };
    html! {
        <div class="ni-layout ni-loading" aria-busy="true">
            <div class="ni-article ni-skel-article" aria-hidden="true">
                { lines(1, "ni-skel-title") }
                { lines(9, "ni-skel-line") }
            </div>
            <div class="ni-panel ni-skel-panel" aria-hidden="true">
                { lines(2, "ni-skel-line") }
                { lines(4, "ni-skel-row") }
            </div>
            <p class="ni-sr-only">{ "Loading the article and its analysis\u{2026}" }</p>
        </div>
    }
}
