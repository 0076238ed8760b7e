//! Printing: a QR code that opens the same view, on paper only. It is drawn in the browser's
//! `beforeprint` handler itself, since the page is laid out for paper right after that event,
//! before any task of the app could render; nothing is built for paper until then.

use super::shortlist::public_base;
use crate::app::AppState;
use crate::domain::qr::qr_svg;
use crate::domain::url_state::Mode;
use crate::i18n::t;
use crate::url_sync::query_for_mode;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

const SVG: &str = "http://www.w3.org/2000/svg";

/// Fills `holder` with the QR code of `url` and its caption, with the DOM's own calls: the
/// address (which holds the visitor's search text) is only ever an attribute's value.
fn draw(document: &web_sys::Document, holder: &web_sys::Element, url: &str, label: &str) -> Result<(), JsValue> {
    let Some(qr) = qr_svg(url) else { return Ok(()) };
    let figure = document.create_element("figure")?;
    figure.set_class_name("qr");
    let svg = document.create_element_ns(Some(SVG), "svg")?;
    for (name, value) in [
        ("class", "qr__code"),
        ("role", "img"),
        ("aria-label", label),
        ("viewBox", &format!("0 0 {0} {0}", qr.size)),
        ("shape-rendering", "crispEdges"),
        ("data-url", url),
    ] {
        svg.set_attribute(name, value)?;
    }
    let rect = document.create_element_ns(Some(SVG), "rect")?;
    for (name, value) in [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")] {
        rect.set_attribute(name, value)?;
    }
    let path = document.create_element_ns(Some(SVG), "path")?;
    path.set_attribute("d", &qr.path)?;
    path.set_attribute("fill", "#000000")?;
    svg.append_child(&rect)?;
    svg.append_child(&path)?;
    let caption = document.create_element("figcaption")?;
    caption.set_class_name("qr__caption");
    caption.set_text_content(Some(label));
    figure.append_child(&svg)?;
    figure.append_child(&caption)?;
    holder.replace_children_with_node_1(&figure);
    Ok(())
}

/// Draws the QR code when the page is about to print and takes it away after.
pub fn install(state: AppState) {
    // An embed prints as the host page shows it (style/main.css).
    if state.mode == Mode::Embed {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    for (event, printing) in [("beforeprint", true), ("afterprint", false)] {
        let document = document.clone();
        let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let Ok(Some(holder)) = document.query_selector(".print-code") else { return };
            if !printing {
                holder.set_text_content(None);
                return;
            }
            let url = format!("{}{}", public_base(), untrack(|| query_for_mode(state, Mode::Browser)));
            let label = t(state.lang.get_untracked()).print_code;
            if let Err(e) = draw(&document, &holder, &url, label) {
                web_sys::console::warn_2(&"could not draw the QR code for paper:".into(), &e);
            }
        });
        let _ = window.add_event_listener_with_callback(event, on_event.as_ref().unchecked_ref());
        // The listeners live as long as the page: the app is never unmounted.
        on_event.forget();
    }
}

/// Where the QR code for paper goes (empty on screen, and hidden there by style/main.css).
#[component]
pub fn PrintCode() -> impl IntoView {
    view! { <div class="print-code"></div> }
}
