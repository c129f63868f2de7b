//! Analysis off the main thread: article JSON larger than [`WORKER_THRESHOLD`] is analysed in a
//! module Web Worker (`analysis-worker.js`, next to the bundle) that runs the same wasm, so a large
//! pasted or dropped text does not freeze the page. Smaller inputs, and pages where no worker is
//! configured or it cannot start (the standalone file, SSR), are analysed on this thread as before.
//!
//! Entry points: [`analyze_json_off_thread`] (article JSON) and [`outcome_off_thread`] (the
//! paste/drop path: a drop-in for `source::outcome(read_local(text))`). Not wired into the app
//! yet: calling them makes `Deserialize for Analysis` reachable, about +21 KB gzip of wasm, which
//! the size budget cannot take today (BENCHMARKS.md, "Size"). To wire the paste path, in
//! `app.rs`'s `on_input`: for `Ok(text)` with `goes_to_worker(&text) && worker_url().is_some()`,
//! `spawn_local(async move { dispatch.dispatch(outcome_off_thread(read_local(&text)).await) })`.

use crate::services::analyze::analyze_json;
use crate::services::fetch::LoadError;
use crate::services::sanitize::sanitize_article;
use crate::services::source::{assemble, failed};
use crate::state::Action;
use news_impact_engine::{analyze, Analysis, Article};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Inputs larger than this many bytes of JSON go to the worker.
pub const WORKER_THRESHOLD: usize = 64 * 1024;

thread_local! {
    /// Address of `analysis-worker.js`, set by the embedding module once the wasm is loaded.
    static WORKER_URL: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Sets (or with `None` clears) the address of the analysis worker script.
pub fn set_worker_url(url: Option<String>) {
    WORKER_URL.with(|u| *u.borrow_mut() = url);
}

/// The configured worker address, if any.
pub fn worker_url() -> Option<String> {
    WORKER_URL.with(|u| u.borrow().clone())
}

/// Whether `json` of this size is sent to the worker (when one is configured).
pub fn goes_to_worker(json: &str) -> bool {
    json.len() > WORKER_THRESHOLD
}

/// Parses and analyses article JSON like [`analyze_json`], but off the main thread when the input
/// is large and a worker is configured; on any worker failure it falls back to this thread.
pub async fn analyze_json_off_thread(json: String) -> Action {
    let url = match worker_url() {
        Some(url) if goes_to_worker(&json) => url,
        _ => return analyze_json(&json),
    };
    // Reject bad input here (quick) with the same messages as the main-thread path.
    let article = match Article::from_json(&json) {
        Ok(article) => article,
        Err(_) => return analyze_json(&json),
    };
    match run_in_worker(&url, &json).await {
        Some(analysis) => Action::Loaded(Rc::new(article), Rc::new(analysis)),
        None => analyze_json(&json),
    }
}

/// Like `source::outcome` (show the first article of a feed that prepares, keep the feed), with
/// each article's analysis done in the worker when it is large and a worker is configured.
pub async fn outcome_off_thread(result: Result<Vec<Article>, LoadError>) -> Action {
    let feed = match result {
        Ok(list) => Rc::new(list),
        Err(err) => return failed(&err),
    };
    let mut first_err = None;
    for i in 0..feed.len() {
        match pick_off_thread(&feed, i).await {
            ok @ Action::Show { .. } => return ok,
            err => {
                first_err.get_or_insert(err);
            }
        }
    }
    first_err.unwrap_or_else(|| failed(&LoadError::Empty))
}

/// Like `source::pick`: sanitises article `i` here, analyses it in the worker when it is large
/// (on this thread otherwise, or if the worker fails).
pub async fn pick_off_thread(feed: &Rc<Vec<Article>>, i: usize) -> Action {
    let Some(article) = feed.get(i) else {
        return failed(&LoadError::Empty);
    };
    let (safe, blocks) = match sanitize_article(article) {
        Ok(parts) => parts,
        Err(err) => return failed(&LoadError::from(err)),
    };
    let mut analysis = None;
    if let Some(url) = worker_url() {
        if let Ok(json) = serde_json::to_string(&safe) {
            if goes_to_worker(&json) {
                analysis = run_in_worker(&url, &json).await;
            }
        }
    }
    let analysis = analysis.unwrap_or_else(|| analyze(&safe));
    Action::Show {
        prepared: Rc::new(assemble(safe, blocks, analysis)),
        feed: (feed.len() > 1).then(|| feed.clone()),
        picked: i,
    }
}

/// Posts `json` to a fresh worker and waits for its analysis; `None` if the worker fails.
async fn run_in_worker(url: &str, json: &str) -> Option<Analysis> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(url, &options).ok()?;
    let slot: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let promise = {
        let slot = slot.clone();
        js_sys::Promise::new(&mut move |resolve, _reject| *slot.borrow_mut() = Some(resolve))
    };
    let resolve = slot.borrow_mut().take()?;
    let on_message = {
        let resolve = resolve.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
        let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"json".into(), &json.into()).ok()?;
    let posted = worker.post_message(&message);
    let reply = match posted {
        Ok(()) => wasm_bindgen_futures::JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    worker.terminate();
    drop((on_message, on_error));
    let text = js_sys::Reflect::get(&reply?, &"analysis".into())
        .ok()?
        .as_string()?;
    serde_json::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_large_inputs_go_to_the_worker() {
        assert!(!goes_to_worker(crate::DEFAULT_ARTICLE));
        assert!(goes_to_worker(&"x".repeat(WORKER_THRESHOLD + 1)));
    }

    #[test]
    fn without_a_worker_large_input_is_analysed_here() {
        set_worker_url(None);
        let body = "Microsoft shares rose after strong cloud sales. ".repeat(2_000);
        let json = serde_json::json!({"title": "Microsoft rallies", "body": body}).to_string();
        assert!(goes_to_worker(&json));
        let action = ready_now(analyze_json_off_thread(json.clone()));
        match (action, analyze_json(&json)) {
            (Action::Loaded(_, a), Action::Loaded(_, b)) => assert_eq!(a, b),
            _ => panic!("a valid large article was not analysed"),
        }
    }

    #[test]
    fn without_a_worker_a_large_paste_is_shown_as_the_main_thread_shows_it() {
        set_worker_url(None);
        let text = "Nvidia shares jumped after record data-center sales. ".repeat(2_000);
        assert!(goes_to_worker(&text));
        let read = || crate::services::source::read_local(&text);
        match (
            ready_now(outcome_off_thread(read())),
            crate::services::source::outcome(read()),
        ) {
            (Action::Show { prepared: a, .. }, Action::Show { prepared: b, .. }) => {
                assert_eq!(a, b);
                assert!(a
                    .analysis
                    .entities
                    .iter()
                    .any(|e| e.symbol.as_deref() == Some("NVDA")));
            }
            _ => panic!("a large pasted text was not shown"),
        }
    }

    /// The output of a future that must complete without waiting (the no-worker path).
    fn ready_now<F: std::future::Future>(f: F) -> F::Output {
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match std::pin::pin!(f).poll(&mut cx) {
            std::task::Poll::Ready(out) => out,
            std::task::Poll::Pending => panic!("the no-worker path waited"),
        }
    }
}
