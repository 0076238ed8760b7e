//! One component per file.

mod area_layer;
mod budget;
mod city_map;
mod compare;
mod filters;
mod getting_around;
mod header;
mod kiosk;
mod living;
mod place_details;
mod place_list;
mod print;
mod qr_code;
mod shortlist;
mod sources;
mod status_bar;
mod text;

pub use city_map::{CityMap, START as START_VIEW};
pub use filters::Filters;
pub use header::Header;
pub use kiosk::Kiosk;
pub use living::{LivingLink, LivingPanel};
pub use place_details::PlaceDetails;
pub use place_list::PlaceList;
pub use print::{install as install_printing, PrintCode};
pub use shortlist::Shortlist;
pub use sources::{PrintSources, Sources};

use wasm_bindgen::JsCast;

/// The element with the keyboard's focus, if any.
fn active_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
}

/// Focuses the first element under `root` that matches `selector`; `false` when there is none.
/// For focus that must not fall to the page's start when what had it goes away.
fn focus_in(root: &web_sys::Element, selector: &str) -> bool {
    let found = root.query_selector(selector).ok().flatten().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    found.is_some_and(|el| el.focus().is_ok())
}

/// `focus_in` over the whole page.
fn focus_first(selector: &str) -> bool {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    root.is_some_and(|root| focus_in(&root, selector))
}

/// Gives `el` the focus without scrolling anything: in a frame, the focus's own scrolling moves
/// the host page as well.
fn focus_still(el: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}

/// Scrolls `el` to the top of what scrolls it. In a frame, only the frame's own boxes move:
/// `scrollIntoView` scrolled the host page as well, to put the element at the top of the host's
/// window, and the frame's top (its language button, "Open the full map") went out of sight.
fn scroll_to_top(el: &web_sys::Element) {
    let Some(window) = web_sys::window() else { return };
    let framed = window.top().ok().flatten().is_some_and(|top| !js_sys::Object::is(&top, &window));
    if !framed {
        el.scroll_into_view();
        return;
    }
    // Its scroll margin kept, as `scroll_into_view` keeps it: a focus ring stays in sight.
    let margin = window
        .get_computed_style(el)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("scroll-margin-top").ok())
        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(0.0);
    let top = el.get_bounding_client_rect().top() - margin;
    let mut parent = el.parent_element();
    while let Some(box_) = parent {
        let delta = (top - box_.get_bounding_client_rect().top()).round() as i32;
        if delta == 0 {
            return;
        }
        // The first box that does scroll by it (a box that does not scroll keeps its 0).
        let before = box_.scroll_top();
        box_.set_scroll_top(before + delta);
        if box_.scroll_top() != before {
            return;
        }
        parent = box_.parent_element();
    }
}

/// In-page links ("Take it home ↓", "Show on the map", the skip link, …) scroll their target to
/// the top of what scrolls it and give it the focus, and leave the address alone. Followed by the
/// browser, each added `#…` to the address and an entry to the history: in a frame that entry is
/// the host page's, so the host's Back stepped inside the map instead of leaving the page; and
/// the browser's jump moves only the starting point of Tab, not the focus a screen reader reads.
pub fn install_jump_links() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let on_click = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MouseEvent)>::new(|ev: web_sys::MouseEvent| {
        // With a modifier the browser opens a tab or a window, as with any link.
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='#']").ok().flatten());
        let Some(id) = link.and_then(|a| a.get_attribute("href")).and_then(|h| h.strip_prefix('#').map(str::to_owned)) else {
            return;
        };
        let target = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
        let Some(target) = target.filter(|el| !is_inert(el)) else { return };
        ev.prevent_default();
        scroll_to_top(&target);
        let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() else { return };
        // A heading or a region takes the focus from script only with a tabindex.
        if target.tab_index() < 0 && !target.has_attribute("tabindex") {
            let _ = target.set_attribute("tabindex", "-1");
        }
        // Scrolled already: in a frame, focus's own scrolling would move the host page too.
        focus_still(&target);
    });
    let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    // The listener lives as long as the page: the app is never unmounted.
    on_click.forget();
}

/// Whether `el` is in an inert part of the page (behind a kiosk's dialog), where it takes no focus.
fn is_inert(el: &web_sys::Element) -> bool {
    el.closest("[inert]").ok().flatten().is_some()
}

/// Focuses the first element that matches `selector` once it is drawn and not inert: at the next
/// frame, or one of the `frames` after it (a panel drawn for a new state may come a frame or two
/// later; the page behind a kiosk's dialog is inert, and takes no focus, until the dialog has
/// gone). With `to_top`, it is also scrolled to the top of what scrolls it.
fn focus_when_drawn(selector: String, frames: u8, to_top: bool) {
    leptos::prelude::request_animation_frame(move || {
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .filter(|el| !is_inert(el));
        match found {
            Some(el) => {
                if to_top {
                    scroll_to_top(&el);
                }
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                    // Focus that was already there does not scroll: a button pressed and drawn
                    // anew below a table that grew was left out of sight.
                    let options = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&options, &"block".into(), &"nearest".into());
                    if let Ok(f) = js_sys::Reflect::get(&el, &"scrollIntoView".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
                        let _ = f.call1(&el, &options);
                    }
                }
            }
            None if frames > 1 => focus_when_drawn(selector, frames - 1, to_top),
            None => {}
        }
    });
}
pub use status_bar::StatusBar;

/// The observer of `scroll_stop` and its callback.
type ScrollObserver = (web_sys::ResizeObserver, wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue)>);

/// The scroll wrapper of a wide table, or the list of problems (`use:scroll_stop`): a Tab stop
/// (and a table's wrapper a region named by its `data-labelledby`) only while it does scroll, so that a keyboard can scroll it there (axe's
/// scrollable-region-focusable) and does not stop on it for nothing where it fits. One observer,
/// shared, watches every wrapper and its first child.
pub(crate) fn scroll_stop(el: web_sys::Element) {
    thread_local! {
        static OBSERVER: Option<ScrollObserver> = {
            let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {
                let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
                let Ok(all) = doc.query_selector_all(".table-scroll, .notice__list") else { return };
                for i in 0..all.length() {
                    let Some(el) = all.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
                    let scrolls = el.scroll_width() > el.client_width() + 1 || el.scroll_height() > el.client_height() + 1;
                    let _ = if scrolls { el.set_attribute("tabindex", "0") } else { el.remove_attribute("tabindex") };
                    // A table's wrapper is a named region only while it is a stop (a focused
                    // element needs a name): always one, its table's name was heard three times
                    // (landmark, region, table) and every table was a landmark.
                    if let Some(label) = el.get_attribute("data-labelledby") {
                        if scrolls {
                            let _ = el.set_attribute("role", "region");
                            let _ = el.set_attribute("aria-labelledby", &label);
                        } else {
                            let _ = el.remove_attribute("role");
                            let _ = el.remove_attribute("aria-labelledby");
                        }
                    }
                }
            });
            web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok().map(|o| (o, on_resize))
        };
    }
    let watch = |el: &web_sys::Element, on: bool| {
        OBSERVER.with(|o| {
            if let Some((observer, _)) = o {
                let table = el.first_element_child();
                for target in std::iter::once(el.clone()).chain(table) {
                    if on { observer.observe(&target) } else { observer.unobserve(&target) }
                }
            }
        })
    };
    watch(&el, true);
    let kept = leptos::prelude::StoredValue::new_local(el);
    leptos::prelude::on_cleanup(move || {
        leptos::prelude::WithValue::try_with_value(&kept, |el| watch(el, false));
    });
}

/// Leptos's `<Show>` (no fallback) with its types erased: one copy of its code for every use
/// instead of one per use. Like `Show`, the children are built again only when `when` changes
/// from false to true.
#[leptos::component]
pub fn When(#[prop(into)] when: leptos::prelude::Signal<bool>, children: leptos::prelude::ChildrenFn) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let shown = Memo::new(move |_| when.get());
    move || shown.get().then(|| children())
}
