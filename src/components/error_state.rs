//! The error state: an alert with the specific message and a retry action.

use yew::prelude::*;

/// Props of [`ErrorState`].
#[derive(Properties, PartialEq)]
pub struct ErrorStateProps {
    /// Short machine code of the failure (`data-code`).
    pub code: String,
    /// The specific message for the reader.
    pub message: String,
    /// Called when the reader asks to try again.
    pub on_retry: Callback<()>,
}

/// The error state.
#[function_component(ErrorState)]
pub fn error_state(props: &ErrorStateProps) -> Html {
    let retry = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="ni-error" part="error" role="alert" data-code={props.code.clone()}>
            <p class="ni-error-title"><span class="ni-icon" aria-hidden="true">{ "\u{26A0}" }</span>{ " The article could not be shown" }</p>
            <p class="ni-error-message">{ props.message.clone() }</p>
            <button type="button" class="ni-retry" onclick={retry}>{ "Try again" }</button>
        </div>
    }
}
