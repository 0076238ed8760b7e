//! Registers the service worker that keeps the app, Leaflet and the data usable offline.

use std::cell::Cell;

thread_local! {
    /// Whether the registration has been asked for on this page.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Registers the service worker at the next idle moment, once per page; called when a load of the
/// data has ended, well or not. On a first visit the worker's install downloads and stores every
/// file of the app, the wasm among them: registered at the start, that ran while the app read the
/// data file and drew its first markers, and held them back by about 90 ms of a phone's time
/// (docs/performance.md, 2026-11-26). Later visits are unchanged: a registered worker serves the
/// page from its navigation on.
pub fn register_when_idle() {
    if ASKED.replace(true) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        crate::app::idle_task().await;
        register();
    });
}

/// Registers `sw.js` beside the page. A browser without service workers (or a page opened from a
/// file) simply works online only.
fn register() {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    let promise = container.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            web_sys::console::warn_2(&"offline use is not available:".into(), &e);
        }
    });
}
