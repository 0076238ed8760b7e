//! The places a visitor starred, and the way to take them home: a QR code on a kiosk, a link elsewhere.

use super::qr_code::QrCode;
use crate::app::AppState;
use crate::domain::url_state::{handoff_url, Mode, ViewState};
use crate::i18n::t;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The public address of the app that a take-home link opens: `NAGAOKA_PUBLIC_URL` at build time,
/// else this page's own address.
pub fn public_base() -> String {
    if let Some(url) = option_env!("NAGAOKA_PUBLIC_URL").filter(|u| !u.is_empty()) {
        return url.to_owned();
    }
    let location = web_sys::window().map(|w| w.location());
    let origin = location.as_ref().and_then(|l| l.origin().ok()).unwrap_or_default();
    let path = location.and_then(|l| l.pathname().ok()).unwrap_or_default();
    format!("{origin}{path}")
}

/// The link that opens the current shortlist and place on another device.
pub fn take_home_url(state: AppState) -> String {
    let view = ViewState {
        lang: Some(state.lang.get()),
        data: state.data_param.get_value(),
        place: state.selected.get(),
        shortlist: state.shortlist.get(),
        area: state.area.get(),
        compare: state.compare.get(),
        // Built as a kiosk, the app opens as one when the address names no mode: a take-home
        // link to this same build would give the phone the welcome screen and the idle reset.
        mode: crate::app::build_mode().filter(|m| *m != Mode::Browser).map(|_| Mode::Browser),
        ..ViewState::default()
    };
    handoff_url(&public_base(), &view)
}

#[component]
pub fn Shortlist() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let items = Memo::new(move |_| {
        let data = state.data.get();
        state
            .shortlist
            .get()
            .into_iter()
            .filter_map(|id| {
                // Places and areas share the shortlist (their ids never repeat each other).
                let city = &data.as_ref()?.city;
                let name = city.place(&id).map(|p| p.name.clone()).or_else(|| city.area(&id).map(|a| a.name.clone()))?;
                Some((id.clone(), name))
            })
            .collect::<Vec<_>>()
    });
    // Ids the data on screen lacks (a link made with other data) are said, with a way to drop
    // them: they stood nowhere, and a shortlist of them said "(0)" and was full.
    let unknown = Memo::new(move |_| {
        let data = state.data.get()?;
        let n = state.shortlist.with(|s| s.iter().filter(|id| !data.city.has(id)).count());
        (n > 0).then(|| (n, data.city.updated.clone()))
    });
    let remove_unknown = move |_| {
        state.shortlist.update(|s| s.retain(|id| state.is_known(id)));
        // The button goes; the shortlist's heading takes the focus, or the list's if the
        // shortlist goes with it. Chosen from the shortlist, not from what is drawn yet: on a
        // busy phone the heading about to go was still there a frame later, and took the focus
        // down with it.
        let target = if state.shortlist.with_untracked(Vec::is_empty) { "#place-list-title" } else { "#shortlist-title" };
        super::focus_when_drawn(target.to_owned(), 3, false);
    };
    let link = Signal::derive(move || take_home_url(state));
    let qr_label = Signal::derive(move || t(lang.get()).scan_hint.to_owned());
    view! {
        <super::When when=move || !state.shortlist.with(Vec::is_empty)>
            <section class="shortlist" aria-labelledby="shortlist-title">
                <h2 id="shortlist-title" class="shortlist__title" tabindex="-1">
                    {move || t(lang.get()).shortlist_heading} {move || (t(lang.get()).aside)(&items.with(Vec::len).to_string())}
                </h2>
                <ul class="shortlist__items">
                    <For
                        each=move || items.get()
                        key=|(id, name)| (id.clone(), name.clone())
                        children=move |(id, name)| {
                            let (open_id, remove_id) = (id.clone(), id.clone());
                            let label = name.clone();
                            view! {
                                <li class="shortlist__item">
                                    <button type="button" class="shortlist__open" on:click=move |_| {
                                        let is_area = state.data.with_untracked(|d| d.as_ref().is_some_and(|d| d.city.area(&open_id).is_some()));
                                        // One already open is brought into view: choosing it again changed nothing,
                                        // and the tap did nothing where the shortlist is screens below it (a phone).
                                        let now = if is_area { state.area.get_untracked() } else { state.selected.get_untracked() };
                                        if now.as_deref() == Some(open_id.as_str()) {
                                            let heading = if is_area { format!("#budget-heading[data-area=\"{open_id}\"]") } else { "#details-title".to_owned() };
                                            super::focus_when_drawn(heading, 3, true);
                                        } else if is_area {
                                            state.area.set(Some(open_id.clone()));
                                        } else {
                                            state.selected.set(Some(open_id.clone()));
                                        }
                                    }>
                                        {move || name.get(lang.get()).to_owned()}
                                    </button>
                                    <button
                                        type="button"
                                        class="shortlist__remove"
                                        aria-label=move || (t(lang.get()).shortlist_remove)(label.get(lang.get()))
                                        on:click=move |ev: web_sys::MouseEvent| {
                                            // Focus goes to the next item's ×, else the one before: the
                                            // button itself goes with its item.
                                            let item = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|b| b.closest("li").ok().flatten());
                                            let next = item.and_then(|li| li.next_element_sibling().or_else(|| li.previous_element_sibling()));
                                            state.shortlist.update(|s| s.retain(|x| *x != remove_id));
                                            if let Some(li) = next {
                                                super::focus_in(&li, ".shortlist__remove");
                                            } else {
                                                // The last one: the shortlist goes, and the focus
                                                // to the list of places.
                                                super::focus_when_drawn("#place-list-title".to_owned(), 3, false);
                                            }
                                        }
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
                {move || unknown.get().map(|(n, updated)| view! {
                    <div class="notice notice--warning shortlist__unknown" role="status">
                        <p>{(t(lang.get()).shortlist_unknown)(n, &updated)}</p>
                        <button type="button" class="button" on:click=remove_unknown>{t(lang.get()).shortlist_remove_unknown}</button>
                    </div>
                })}
                {move || if state.mode == Mode::Kiosk {
                    view! {
                        <h3 class="shortlist__take" id="take-home">{move || t(lang.get()).take_home}</h3>
                        <QrCode text=link label=qr_label />
                    }.into_any()
                } else {
                    // The link to keep or send; on a computer, the same code as a kiosk's too, to
                    // open the shortlist on a phone (style/main.css shows it for a mouse only).
                    view! {
                        // On a phone, where no code is shown, "open it on your phone" made no sense.
                        <h3 class="shortlist__take">
                            <span class="shortlist__take-code">{move || t(lang.get()).share_heading}</span>
                            <span class="shortlist__take-link">{move || t(lang.get()).keep_heading}</span>
                        </h3>
                        <a class="shortlist__link" href=move || link.get()>{move || t(lang.get()).shortlist_link}</a>
                        <div class="shortlist__qr"><QrCode text=link label=qr_label /></div>
                    }.into_any()
                }}
            </section>
        </super::When>
    }
}
