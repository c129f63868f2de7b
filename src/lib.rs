//! news-impact web front end: a Yew app that renders the engine's analysis of an article.
//!
//! [`mount`] is the one entry point: it renders a widget into a shadow root on a host element,
//! with its stylesheet adopted as a constructable stylesheet (no inline style, strict-CSP safe).

pub mod app;
pub mod components;
pub mod guard;
pub mod options;
pub mod services;
pub mod state;

use options::WidgetOptions;
use wasm_bindgen::prelude::*;

/// The article shown when no other is given, compiled into the bundle.
pub const DEFAULT_ARTICLE: &str = include_str!("../www/articles/default.json");

/// The widget's stylesheet, adopted by every shadow root.
pub const WIDGET_CSS: &str = include_str!("../www/styles/widget.css");

/// Styles of the loading, error, picker and paste/drop parts (issue 6), adopted after WIDGET_CSS.
pub const LOADING_CSS: &str = include_str!("../www/styles/loading.css");

/// A mounted widget, returned to JavaScript.
#[wasm_bindgen]
pub struct Handle {
    app: Option<yew::AppHandle<app::App>>,
    host: web_sys::HtmlElement,
}

#[wasm_bindgen]
impl Handle {
    /// Replaces the widget's options (a plain object, as for `mount`).
    pub fn update(&mut self, options: JsValue) -> Result<(), JsError> {
        guard::enter(Some(&self.host));
        let options = read_options(&options)?;
        if let Some(app) = self.app.as_mut() {
            services::host::reflect_options(&self.host, &options);
            app.update(app::AppProps {
                options: options.into(),
                host: Some(self.host.clone()),
            });
        }
        Ok(())
    }

    /// Unmounts the widget and frees its listeners; the shadow root is left empty.
    pub fn destroy(&mut self) {
        guard::enter(Some(&self.host));
        if let Some(app) = self.app.take() {
            app.destroy();
            services::host::unreflect_options(&self.host);
            if let Some(shadow) = self.host.shadow_root() {
                shadow.replace_children_with_node_0();
                shadow.set_adopted_style_sheets(&js_sys::Array::new());
            }
        }
    }
}

fn read_options(options: &JsValue) -> Result<WidgetOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(WidgetOptions::default());
    }
    let json = js_sys::JSON::stringify(options)
        .map_err(|_| JsError::new("options must be a plain object"))?
        .as_string()
        .unwrap_or_default();
    WidgetOptions::from_json(&json).map_err(|e| JsError::new(&e))
}

/// Mounts a widget on `host` (in its shadow root, created if needed) with `options`.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, options: JsValue) -> Result<Handle, JsError> {
    guard::enter(Some(&host));
    let options = read_options(&options)?;
    let shadow = match host.shadow_root() {
        Some(root) => root,
        None => host
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .map_err(|_| JsError::new("cannot attach a shadow root to this element"))?,
    };
    let sheet = web_sys::CssStyleSheet::new()
        .map_err(|_| JsError::new("constructable stylesheets unsupported"))?;
    sheet
        .replace_sync(WIDGET_CSS)
        .map_err(|_| JsError::new("widget stylesheet rejected"))?;
    let loading = web_sys::CssStyleSheet::new()
        .map_err(|_| JsError::new("constructable stylesheets unsupported"))?;
    loading
        .replace_sync(LOADING_CSS)
        .map_err(|_| JsError::new("widget stylesheet rejected"))?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of2(&sheet, &loading));
    let document = host
        .owner_document()
        .ok_or_else(|| JsError::new("host element has no document"))?;
    let root = document
        .create_element("div")
        .map_err(|_| JsError::new("cannot create the widget root"))?;
    root.set_class_name("ni-mount");
    shadow.replace_children_with_node_1(&root);
    services::host::reflect_options(&host, &options);
    let props = app::AppProps {
        options: options.into(),
        host: Some(host.clone()),
    };
    Ok(Handle {
        app: Some(yew::Renderer::<app::App>::with_root_and_props(root, props).render()),
        host,
    })
}

/// Analyses schema-v1 article JSON and returns the analysis as JSON: the engine without the UI,
/// for the browser benchmark (`bench/browser/`) and for hosts that want the numbers only.
#[wasm_bindgen]
pub fn analyze_json(json: &str) -> Result<String, JsError> {
    let analysis = news_impact_engine::analyze_json(json)
        .map_err(|e| JsError::new(&format!("{}: {e}", e.code())))?;
    serde_json::to_string(&analysis).map_err(|e| JsError::new(&e.to_string()))
}
