//! Paste or drop: the reader pastes article text or JSON, or drops a `.json`/`.txt` file, and
//! the widget analyses it locally. Nothing leaves the browser: no request is made.

use crate::services::fetch::{LoadError, MAX_BYTES};
use crate::services::source::accepts_file;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`PasteDrop`].
#[derive(Properties, PartialEq)]
pub struct PasteDropProps {
    /// Called with the text to analyse, or why a dropped file was refused.
    pub on_input: Callback<Result<String, LoadError>>,
}

/// Reads a dropped or chosen file as text, refusing other types and files over the limit.
fn read_file(file: web_sys::File, on_input: Callback<Result<String, LoadError>>) {
    if !accepts_file(&file.name(), &file.type_()) {
        on_input.emit(Err(LoadError::BadFile { name: file.name() }));
        return;
    }
    if file.size() > MAX_BYTES as f64 {
        on_input.emit(Err(LoadError::TooLarge { limit: MAX_BYTES }));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        on_input.emit(match text.ok().and_then(|t| t.as_string()) {
            Some(t) => Ok(t),
            None => Err(LoadError::BadFile { name: file.name() }),
        });
    });
}

/// Handles a drop anywhere on the widget: the first file, else dropped text.
pub fn drop_handler(on_input: Callback<Result<String, LoadError>>) -> Callback<DragEvent> {
    Callback::from(move |e: DragEvent| {
        e.prevent_default();
        let file = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0));
        match file {
            Some(file) => read_file(file, on_input.clone()),
            None => {
                let text = e
                    .data_transfer()
                    .and_then(|dt| dt.get_data("text/plain").ok())
                    .unwrap_or_default();
                on_input.emit(Ok(text));
            }
        }
    })
}

/// Lets the widget accept drops (the default `dragover` action refuses them).
pub fn dragover_handler() -> Callback<DragEvent> {
    Callback::from(|e: DragEvent| e.prevent_default())
}

/// A collapsible box with a text area, a file chooser and a drop zone.
#[function_component(PasteDrop)]
pub fn paste_drop(props: &PasteDropProps) -> Html {
    let area = use_node_ref();
    let dragging = use_state(|| false);
    let analyse = {
        let (area, on_input) = (area.clone(), props.on_input.clone());
        Callback::from(move |_: MouseEvent| {
            let text = area
                .cast::<web_sys::HtmlTextAreaElement>()
                .map(|a| a.value())
                .unwrap_or_default();
            on_input.emit(Ok(text));
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (dragging, handler) = (dragging.clone(), drop_handler(props.on_input.clone()));
        Callback::from(move |e: DragEvent| {
            e.stop_propagation();
            dragging.set(false);
            handler.emit(e);
        })
    };
    let onchange = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: Event| {
            let file = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                read_file(file, on_input.clone());
            }
        })
    };
    let zone = classes!("ni-drop", dragging.then_some("ni-drop-active"));
    html! {
        <details class="ni-own">
            <summary class="ni-own-summary">{ "Analyse your own article" }</summary>
            <p class="ni-own-note">{ "Paste article text (first line is the title) or JSON, or drop a .json or .txt file. It is analysed in your browser; nothing is sent anywhere." }</p>
            <textarea ref={area} class="ni-paste" rows="6" aria-label="Article text or JSON"
                placeholder={"Headline\n\nFirst paragraph…"} />
            <div class="ni-own-actions">
                <button type="button" class="ni-analyse" onclick={analyse}>{ "Analyse" }</button>
                <label class="ni-file">{ "Choose a file " }
                    <input type="file" accept=".json,.txt,application/json,text/plain" {onchange} />
                </label>
            </div>
            <div class={zone} {ondragover} {ondragleave} {ondrop} aria-label="Drop a .json or .txt file here">
                { "Drop a .json or .txt file here" }
            </div>
        </details>
    }
}
