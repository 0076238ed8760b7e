//! Registers the service worker that keeps the app, Leaflet and the data usable offline.

/// Registers `sw.js` beside the page. A browser without service workers (or a page opened from a
/// file) simply works online only.
pub fn register() {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    let promise = container.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            web_sys::console::warn_2(&"offline use is not available:".into(), &e);
        }
    });
}
