//! If something still goes wrong: a panic, or a JavaScript exception that escaped through the
//! app's code, shows a friendly page with a way to reload instead of a dead screen, and the detail
//! goes to the console.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// On a kiosk nobody may be there to touch "Reload": the page reloads itself after this long, so
/// that the next visitor finds a working screen.
const KIOSK_RELOAD_MS: u32 = 20_000;

fn element(doc: &web_sys::Document, tag: &str, class: &str, text: &str) -> Option<web_sys::Element> {
    let el = doc.create_element(tag).ok()?;
    el.set_class_name(class);
    el.set_text_content(Some(text));
    Some(el)
}

/// Covers the page with a notice in both languages and a reload link, once.
fn show_crash_page() -> Option<()> {
    let window = web_sys::window()?;
    let doc = window.document()?;
    if doc.query_selector(".crash").ok().flatten().is_some() {
        return Some(());
    }
    let body = doc.body()?;
    let href = window.location().href().ok()?;
    let panel = doc.create_element("div").ok()?;
    panel.set_class_name("crash");
    panel.set_attribute("role", "alert").ok()?;
    let title = element(&doc, "h2", "crash__title", "問題が発生しました / Something went wrong")?;
    panel.append_child(&title).ok()?;
    let text = "地図を表示し直すには、再読み込みしてください。 / Reload the page to show the map again.";
    let text = element(&doc, "p", "crash__text", text)?;
    panel.append_child(&text).ok()?;
    if crate::app::page_is_kiosk() {
        let text = "この画面は20秒後に自動的に再読み込みされます。 / This screen reloads by itself in 20 seconds.";
        let text = element(&doc, "p", "crash__text", text)?;
        panel.append_child(&text).ok()?;
        let reload = Closure::once_into_js(move || {
            let _ = web_sys::window().map(|w| w.location().reload());
        });
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(reload.unchecked_ref(), KIOSK_RELOAD_MS as i32)
            .ok()?;
    }
    let link = element(&doc, "a", "button crash__reload", "再読み込み / Reload")?;
    link.set_attribute("href", &href).ok()?;
    panel.append_child(&link).ok()?;
    body.append_child(&panel).ok()?;
    // The dead app behind it is out of reach: Tab went on to its map and markers, and a screen
    // reader still read it.
    let children = body.children();
    for i in 0..children.length() {
        if let Some(child) = children.item(i).filter(|c| *c != panel) {
            let _ = child.set_attribute("inert", "");
        }
    }
    link.dyn_into::<web_sys::HtmlElement>().ok()?.focus().ok()
}

/// Whether an error that reached the page unwound through the app's wasm code. Such an exception
/// skipped the app's clean-up on its way (borrows, the reactive graph's current owner), so what
/// runs after it cannot be trusted; an error thrown by a library on its own (a tile that failed in
/// Leaflet's handler) has no wasm frame and leaves the app as it was.
fn escaped_through_wasm(error: &JsValue) -> bool {
    if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
        return true;
    }
    js_sys::Reflect::get(error, &"stack".into())
        .ok()
        .and_then(|stack| stack.as_string())
        .is_some_and(|stack| stack.contains("wasm-function"))
}

/// Shows the crash page for errors that escaped through the app; `member` is where the event
/// holds the error (`error` for `error`, `reason` for `unhandledrejection`).
fn watch(window: &web_sys::Window, event: &str, member: &'static str) {
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
        let error = js_sys::Reflect::get(&ev, &member.into()).unwrap_or(JsValue::UNDEFINED);
        if escaped_through_wasm(&error) {
            show_crash_page();
        }
    });
    if window.add_event_listener_with_callback(event, on_error.as_ref().unchecked_ref()).is_ok() {
        // Listens for as long as the page lives.
        on_error.forget();
    }
}

/// Panics on purpose, so the browser tests can check that a crash shows the friendly page (it is
/// reachable only from the page's own script context, as `window.wasmBindings.crash_for_test()`).
/// Only in the test build (`NAGAOKA_TEST_HOOKS=1`, scripts/test): elsewhere it does nothing, so no
/// script on a deployed page can show its visitors the crash page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn crash_for_test() {
    if option_env!("NAGAOKA_TEST_HOOKS") == Some("1") {
        panic!("crash requested by crash_for_test");
    }
}

/// Installs the panic hook and the watch for exceptions that escaped through the app.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_page();
    }));
    let Some(window) = web_sys::window() else { return };
    // V8 keeps 10 frames of a stack by default: an exception thrown deep inside Leaflet would
    // lose the wasm frames that show it came through the app.
    if let Ok(error) = js_sys::Reflect::get(&window, &"Error".into()) {
        let _ = js_sys::Reflect::set(&error, &"stackTraceLimit".into(), &JsValue::from_f64(100.0));
    }
    watch(&window, "error", "error");
    watch(&window, "unhandledrejection", "reason");
}
