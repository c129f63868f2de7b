//! Long work cut into slices: a slice runs for at most [`SLICE_MS`], then the browser gets a
//! turn (input, paint, the host page's own scripts) before the next one, so that analysing or
//! reporting a very long text never freezes the page. Loads carry a [`Ticket`]: a newer load
//! makes the older ones stale, and a stale load stops at its next slice.

use std::cell::Cell;
use std::rc::Rc;
use web_sys::HtmlElement;

/// Longest slice of work, in milliseconds, before the browser gets a turn (well under the
/// 50 ms "long task" mark for everything but a single unsliceable stage).
pub const SLICE_MS: f64 = 24.0;

/// Hands out one widget's [`Ticket`]s; each new one makes the earlier ones stale.
#[derive(Debug, Clone, Default)]
pub struct Loads {
    /// Number of the newest ticket.
    newest: Rc<Cell<u64>>,
    /// The widget's host element (a panic during a load is blamed on it).
    host: Option<HtmlElement>,
}

impl Loads {
    /// The loads of the widget mounted on `host`.
    pub fn new(host: Option<HtmlElement>) -> Self {
        Loads {
            newest: Rc::default(),
            host,
        }
    }

    /// A ticket for a new load; every earlier ticket is stale from now on.
    pub fn next(&self) -> Ticket {
        self.cancel();
        Ticket {
            newest: self.newest.clone(),
            mine: self.newest.get(),
            host: self.host.clone(),
        }
    }

    /// Makes every ticket handed out so far stale (the widget is going away).
    pub fn cancel(&self) {
        self.newest.set(self.newest.get() + 1);
    }
}

/// One load's claim to the widget: it may go on, and show its result, while it is current.
#[derive(Debug, Clone)]
pub struct Ticket {
    /// The counter of the [`Loads`] it came from.
    newest: Rc<Cell<u64>>,
    /// Its own number.
    mine: u64,
    /// The widget's host element.
    host: Option<HtmlElement>,
}

impl Ticket {
    /// A ticket that no other load can make stale (tests).
    #[cfg(test)]
    pub fn standalone() -> Self {
        Loads::default().next()
    }

    /// Whether no newer load has started since this one.
    pub fn is_current(&self) -> bool {
        self.newest.get() == self.mine
    }

    /// Called when the load wakes up after waiting: whether it may go on; if so, its widget is
    /// marked as the running one again (other widgets may have run meanwhile), so that a panic
    /// is blamed on the right widget.
    pub fn resume(&self) -> bool {
        let current = self.is_current();
        if current {
            crate::guard::enter(self.host.as_ref());
        }
        current
    }
}

/// Measures the current slice and yields to the browser when it has run long enough.
#[derive(Debug)]
pub struct Slicer {
    /// When the current slice started (ms).
    started: f64,
}

impl Default for Slicer {
    fn default() -> Self {
        Slicer { started: now() }
    }
}

impl Slicer {
    /// Yields to the browser if the current slice has used its time, then starts a new slice.
    pub async fn pause(&mut self) {
        if now() - self.started >= SLICE_MS {
            self.yield_now().await;
        }
    }

    /// Yields to the browser now (the end of a stage), then starts a new slice.
    pub async fn yield_now(&mut self) {
        yield_to_browser().await;
        self.started = now();
    }
}

/// Milliseconds from a fixed point (the wall clock; 0 outside the browser, where nothing yields).
fn now() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Lets the browser run its pending tasks (a `setTimeout(0)` turn) before going on.
pub async fn yield_to_browser() {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let queued = web_sys::window()
                .map(|w| w.set_timeout_with_callback(&resolve).is_ok())
                .unwrap_or(false);
            if !queued {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_load_makes_older_tickets_stale() {
        let loads = Loads::default();
        let first = loads.next();
        assert!(first.is_current());
        let second = loads.next();
        assert!(!first.is_current());
        assert!(second.is_current());
        loads.cancel();
        assert!(!second.is_current());
        assert!(Ticket::standalone().is_current());
    }
}
