//! Talks to the host page: custom events on the host element, the `tickers` filter, and the
//! options reflected onto the host so its shadow stylesheet can follow them.
//!
//! Events (all `bubbles: true, composed: true`, dispatched on the host element):
//! `news-impact:ready` (detail: the analysis JSON as shown), `news-impact:error`
//! (detail: `{code, message}`) and `news-impact:select` (detail: `{id, symbol, expanded, entity}`).

use crate::options::{Layout, Theme, WidgetOptions};
use crate::services::slice::{Loads, Slicer, Ticket};
use crate::state::Phase;
use news_impact_engine::analysis::{EntityImpact, WithText};
use news_impact_engine::Analysis;
use serde::Serialize;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Event fired when an analysis is shown.
pub const READY: &str = "news-impact:ready";
/// Event fired when loading or analysis fails.
pub const ERROR: &str = "news-impact:error";
/// Event fired when the reader chooses an entity row.
pub const SELECT: &str = "news-impact:select";

/// The host element the widget reports to; `None` (e.g. in SSR tests) makes every call a no-op.
#[derive(Clone, PartialEq, Default)]
pub struct HostEvents {
    host: Option<HtmlElement>,
}

/// Detail of a `news-impact:error` event.
#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: &'a str,
}

/// Detail of a `news-impact:select` event.
#[derive(Serialize)]
struct SelectDetail<'a> {
    id: &'a str,
    symbol: Option<&'a str>,
    expanded: bool,
    entity: WithText<'a, EntityImpact>,
}

impl HostEvents {
    /// Reports to `host`.
    pub fn new(host: Option<HtmlElement>) -> Self {
        HostEvents { host }
    }

    /// Marks this widget as the one running (a panic from here on is blamed on it).
    pub fn enter(&self) {
        crate::guard::enter(self.host.as_ref());
    }

    /// Fires `news-impact:ready` with the analysis as a plain JS object (the same object as
    /// `JSON.parse` of its JSON). The object is built a slice at a time, so that reporting the
    /// analysis of a very long text does not freeze the page; nothing is fired if `ticket` goes
    /// stale meanwhile (a newer analysis is shown).
    pub async fn ready(&self, analysis: &Analysis, ticket: &Ticket) {
        let Some(host) = &self.host else { return };
        if let Some(detail) = analysis_object(analysis, ticket).await {
            fire(host, READY, &detail);
        }
    }

    /// Fires `news-impact:error` with `{code, message}`.
    pub fn error(&self, code: &str, message: &str) {
        self.dispatch(ERROR, &ErrorDetail { code, message });
    }

    /// Fires `news-impact:select` for `entity` (of the analysis of the document `text`);
    /// `expanded` says whether its row is now open.
    pub fn select(&self, text: &str, entity: &EntityImpact, expanded: bool) {
        let detail = SelectDetail {
            id: &entity.id,
            symbol: entity.symbol.as_deref(),
            expanded,
            entity: WithText(text, entity),
        };
        self.dispatch(SELECT, &detail);
    }

    fn dispatch(&self, name: &str, detail: &impl Serialize) {
        let Some(host) = &self.host else { return };
        fire(host, name, &js_value(detail));
    }
}

/// Dispatches the event `name` with `detail` on `host`.
fn fire(host: &HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        // A throwing host listener must not break the widget; the browser reports it.
        let _ = host.dispatch_event(&event);
    }
}

/// `value` as a plain JS object (through its JSON); `null` if it cannot be serialised.
fn js_value(value: &(impl Serialize + ?Sized)) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL)
}

/// Sentences converted per slice check when building the `ready` detail.
const SENTENCES_PER_PART: usize = 512;

/// The top-level fields of the analysis JSON, in order; [`analysis_object`] sets exactly these.
pub const ANALYSIS_FIELDS: [&str; 5] = ["overall", "entities", "text", "paragraphs", "sentences"];

/// The analysis as a plain JS object, equal to `JSON.parse` of its JSON, built part by part (the
/// long sentence list a few hundred sentences at a time), with a slice check between parts;
/// `None` once `ticket` is stale.
async fn analysis_object(analysis: &Analysis, ticket: &Ticket) -> Option<JsValue> {
    let mut slicer = Slicer::default();
    if analysis.text.len() >= crate::services::source::SLICED_FROM_BYTES {
        // Rendering the analysis had this task.
        slicer.yield_now().await;
    }
    let object = js_sys::Object::new();
    let [overall, entities, text, paragraphs, sentences_field] = ANALYSIS_FIELDS;
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    };
    set(overall, &js_value(&analysis.overall));
    set(
        entities,
        &js_value(&WithText(&analysis.text, &analysis.entities[..])),
    );
    slicer.pause().await;
    set(text, &JsValue::from_str(&analysis.text));
    set(paragraphs, &js_value(&analysis.paragraphs));
    let sentences = js_sys::Array::new();
    for part in analysis.sentences.chunks(SENTENCES_PER_PART) {
        slicer.pause().await;
        if !ticket.resume() {
            return None;
        }
        let part = js_sys::Array::from(&js_value(&WithText(&analysis.text, part)));
        for sentence in part.iter() {
            sentences.push(&sentence);
        }
    }
    set(sentences_field, &sentences);
    ticket.resume().then(|| object.into())
}

/// Keeps only the entities whose symbol (or id, for entities without one) is in `tickers`,
/// compared case-insensitively; an empty filter keeps everything. The overall line is unchanged.
pub fn filter_tickers(analysis: &Rc<Analysis>, tickers: &[String]) -> Rc<Analysis> {
    if tickers.is_empty() {
        return analysis.clone();
    }
    let mut shown = (**analysis).clone();
    shown.entities.retain(|e| crate::options::keeps(tickers, e));
    Rc::new(shown)
}

/// Fires `ready` or `error` on the host each time the shown analysis or the failure changes; a
/// `ready` still being built when the next change comes is dropped.
#[hook]
pub fn use_host_events(events: &HostEvents, phase: &Phase, tickers: &[String]) {
    let events = events.clone();
    let reports = (*use_memo((), |_| Loads::new(events.host.clone()))).clone();
    use_effect_with(
        (phase.clone(), tickers.to_vec()),
        move |(phase, tickers)| {
            let ticket = reports.next();
            match phase {
                Phase::Ready { analysis, .. } => {
                    let shown = filter_tickers(analysis, tickers);
                    wasm_bindgen_futures::spawn_local(async move {
                        events.ready(&shown, &ticket).await;
                    });
                }
                Phase::Failed { code, message } => events.error(code, message),
                Phase::Loading => {}
            }
            move || reports.cancel()
        },
    );
}

/// Mirrors `theme` and `layout` onto the host as `data-ni-theme` / `data-ni-layout`, which the
/// widget's shadow stylesheet reads with `:host([data-ni-theme=dark])` and the like.
pub fn reflect_options(host: &HtmlElement, options: &WidgetOptions) {
    let theme = match options.theme {
        Theme::Auto => "auto",
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    let layout = match options.layout {
        Layout::Auto => "auto",
        Layout::Stacked => "stacked",
        Layout::SideBySide => "side-by-side",
        Layout::Compact => "compact",
    };
    let _ = host.set_attribute("data-ni-theme", theme);
    let _ = host.set_attribute("data-ni-layout", layout);
}

/// Removes what [`reflect_options`] put on the host.
pub fn unreflect_options(host: &HtmlElement) {
    let _ = host.remove_attribute("data-ni-theme");
    let _ = host.remove_attribute("data-ni-layout");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Rc<Analysis> {
        let article = news_impact_engine::Article::from_json(crate::DEFAULT_ARTICLE).unwrap();
        Rc::new(news_impact_engine::analyze(&article))
    }

    #[test]
    fn the_ready_detail_has_every_field_of_the_analysis_json() {
        let json = serde_json::to_value(&*sample()).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut fields = ANALYSIS_FIELDS.to_vec();
        fields.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, fields);
    }

    #[test]
    fn empty_filter_keeps_every_entity() {
        let a = sample();
        assert_eq!(filter_tickers(&a, &[]).entities.len(), a.entities.len());
    }

    #[test]
    fn filter_keeps_only_named_symbols_case_insensitively() {
        let a = sample();
        let shown = filter_tickers(&a, &["msft".into(), " NVDA ".into(), "ZZZZ".into()]);
        let symbols: Vec<_> = shown
            .entities
            .iter()
            .filter_map(|e| e.symbol.as_deref().map(str::to_owned))
            .collect();
        assert_eq!(symbols.len(), 2, "{symbols:?}");
        assert!(symbols.contains(&"MSFT".to_owned()) && symbols.contains(&"NVDA".to_owned()));
        assert_eq!(shown.overall, a.overall);
    }
}
