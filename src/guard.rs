//! Panic containment at the wasm boundary. With `panic = "abort"` a panic traps the whole wasm
//! instance, so nothing can be resumed inside it; instead, the panic hook tells `news-impact.js`
//! which widget was running and what went wrong, just before the trap. The script then abandons
//! this instance, shows that widget's error report in plain DOM and re-mounts every other widget
//! on a fresh instance of the same compiled module (see SECURITY.md, "Panics").

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

thread_local! {
    /// The host element of the widget whose code is running (the one a panic is blamed on).
    static ACTIVE: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
    /// `reporter(host | undefined, message)`, given by news-impact.js.
    static REPORTER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Registers the JS function told about a panic (`reporter(hostElement | undefined, message)`)
/// and installs the panic hook that calls it (through Yew, which otherwise installs its own hook
/// on the first render).
#[wasm_bindgen(js_name = setPanicReporter)]
pub fn set_panic_reporter(reporter: js_sys::Function) {
    REPORTER.with(|r| *r.borrow_mut() = Some(reporter));
    yew::set_custom_panic_hook(Box::new(report));
}

/// The panic hook: never panics itself (no borrow that can fail, no unwrap).
fn report(info: &std::panic::PanicHookInfo<'_>) {
    let message = info.to_string();
    let host = ACTIVE
        .try_with(|a| a.try_borrow().ok().and_then(|a| a.clone()))
        .ok()
        .flatten();
    let reporter = REPORTER
        .try_with(|r| r.try_borrow().ok().and_then(|r| r.clone()))
        .ok()
        .flatten();
    if let Some(reporter) = reporter {
        let host = host.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        let _ = reporter.call2(&JsValue::UNDEFINED, &host, &JsValue::from_str(&message));
    }
}

/// The host element of the widget whose code ran last: news-impact.js asks after a trap that no
/// panic hook reported (an abort, e.g. out of memory), to know which widget to blame.
#[wasm_bindgen(js_name = activeHost)]
pub fn active_host() -> Option<HtmlElement> {
    ACTIVE
        .try_with(|a| a.try_borrow().ok().and_then(|a| a.clone()))
        .ok()
        .flatten()
}

/// Records that the widget on `host` is running now, so that a panic is blamed on it.
pub fn enter(host: Option<&HtmlElement>) {
    let _ = ACTIVE.try_with(|a| {
        if let Ok(mut active) = a.try_borrow_mut() {
            active.clone_from(&host.cloned());
        }
    });
}

/// Test-build-only faults (cargo feature `fault-injection`): an article with one of these titles
/// makes the widget panic, so the browser tests can check that panics never escape. The default
/// build contains neither the code nor the marker strings.
#[cfg(feature = "fault-injection")]
pub mod faults {
    /// Title that panics inside the analysis service.
    pub const PANIC_IN_ANALYSIS: &str = "__ni_test_panic__";
    /// Title that panics while the article view renders.
    pub const PANIC_IN_RENDER: &str = "__ni_test_panic_render__";
    /// Title that aborts (a trap with no panic hook, like an out-of-memory abort) in the analysis.
    pub const ABORT_IN_ANALYSIS: &str = "__ni_test_abort__";

    /// Panics (or, for [`ABORT_IN_ANALYSIS`], aborts) if `title` asks for the fault `which`.
    pub fn trigger(title: &str, which: &str) {
        if title == which {
            if which == ABORT_IN_ANALYSIS {
                std::process::abort();
            }
            panic!("fault injection: {which}");
        }
    }
}
