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

/// Registers `sw.js` beside the page. A browser without service workers simply works online only:
/// a page served over plain `http` from another host than this machine (a kiosk's local server),
/// a private window of some browsers. There `navigator.serviceWorker` is missing, and web-sys's
/// getter hands back `undefined` unchecked: calling `register` on it threw through the app's code,
/// which the crash screen took for a crash a second after every load.
fn register() {
    let Some(container) = service_workers() else { return };
    let promise = container.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            web_sys::console::warn_2(&"offline use is not available:".into(), &e);
        }
    });
}

/// The page's service-worker container, where the browser has one for it.
pub fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let container = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    container.is_object().then(|| wasm_bindgen::JsCast::unchecked_into(container))
}
