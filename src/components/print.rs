//! Printing: a QR code that opens the same view, on paper only. It is mounted in the browser's
//! `beforeprint` handler itself, since the page is laid out for paper right after that event,
//! before any task of the app could render; nothing is built for paper until then.

use super::qr_code::QrCode;
use super::shortlist::public_base;
use crate::app::AppState;
use crate::domain::url_state::Mode;
use crate::i18n::t;
use crate::url_sync::query_for_mode;
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Millimetres a module of the printed code takes: a fixed 2.6 cm square gave a shortlist's long
/// address modules of 0.22 mm, which a phone's camera could not read from the paper.
const PRINT_MODULE_MM: f64 = 0.45;

/// Draws the QR code when the page is about to print and takes it away after. The code is the
/// shortlist's own `QrCode`, mounted at once: a mount builds its elements in the handler, where a
/// signal's change would render only after the page was laid out for paper.
pub fn install(state: AppState) {
    // An embed prints as the host page shows it (style/main.css).
    if state.mode == Mode::Embed {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    // The mounted code while the page prints; dropping it takes the code away.
    let shown: Rc<RefCell<Option<Box<dyn Any>>>> = Rc::default();
    for (event, printing) in [("beforeprint", true), ("afterprint", false)] {
        let (document, shown) = (document.clone(), shown.clone());
        let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            shown.borrow_mut().take();
            if !printing {
                return;
            }
            let holder = document.query_selector(".print-code").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            let Some(holder) = holder else { return };
            let url = format!("{}{}", public_base(), untrack(|| query_for_mode(state, Mode::Browser)));
            let lang = state.lang.get_untracked();
            let label = t(lang).print_code.to_owned();
            // The day it was printed, beside the code: a page of figures and "as of" dates on a
            // desk said nothing of when its view was taken.
            let today = crate::data::now_label().chars().take(10).collect::<String>();
            let printed = (t(lang).printed_on)(&today);
            let code = leptos::mount::mount_to(holder, move || {
                view! {
                    <QrCode text=url label=label module_mm=PRINT_MODULE_MM />
                    <p class="print-date">{printed}</p>
                }
            });
            // The sources, as the panel shows them when opened.
            let sources = document
                .query_selector(".print-sources")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                .zip(state.data.get_untracked())
                .map(|(holder, data)| {
                    leptos::mount::mount_to(holder, move || {
                        // A mount of its own has none of the app's context, which the links ask for.
                        provide_context(state);
                        view! {
                            <h2 class="sources__title">{t(lang).sources_heading}</h2>
                            {super::sources::content(&data, lang)}
                        }
                    })
                });
            *shown.borrow_mut() = Some(Box::new((code, sources)));
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
