//! news-impact web front end: a Yew app that renders the engine's analysis of an article.

pub mod app;
pub mod components;
pub mod services;
pub mod state;

use wasm_bindgen::prelude::*;

/// The article shown when no other is given, compiled into the bundle.
pub const DEFAULT_ARTICLE: &str = include_str!("../www/articles/default.json");

/// A mounted widget; `destroy()` unmounts it.
#[wasm_bindgen]
pub struct Handle {
    app: Option<yew::AppHandle<app::App>>,
}

#[wasm_bindgen]
impl Handle {
    /// Unmounts the widget and frees its listeners.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts the widget with the default article into `element`.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element) -> Handle {
    let props = app::AppProps {
        article_json: DEFAULT_ARTICLE.into(),
    };
    Handle {
        app: Some(yew::Renderer::<app::App>::with_root_and_props(element, props).render()),
    }
}
