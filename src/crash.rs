//! If something still goes wrong: a panic shows a friendly page with a way to reload instead of a
//! dead screen, and the detail goes to the console.

use wasm_bindgen::JsCast;

fn element(doc: &web_sys::Document, tag: &str, class: &str, text: &str) -> Option<web_sys::Element> {
    let el = doc.create_element(tag).ok()?;
    el.set_class_name(class);
    el.set_text_content(Some(text));
    Some(el)
}

/// Covers the page with a notice in both languages and a reload link.
fn show_crash_page() -> Option<()> {
    let window = web_sys::window()?;
    let doc = window.document()?;
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
    let link = element(&doc, "a", "button crash__reload", "再読み込み / Reload")?;
    link.set_attribute("href", &href).ok()?;
    panel.append_child(&link).ok()?;
    body.append_child(&panel).ok()?;
    link.dyn_into::<web_sys::HtmlElement>().ok()?.focus().ok()
}

/// Panics on purpose, so the browser tests can check that a crash shows the friendly page (it is
/// reachable only from the page's own script context, as `window.wasmBindings.crash_for_test()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn crash_for_test() {
    panic!("crash requested by crash_for_test");
}

/// Installs the panic hook.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_page();
    }));
}
