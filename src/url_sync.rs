//! Keeps the address bar and the view in step: every change of language, search, kinds, selection
//! or map view is written to the query string; choosing a place or an area adds a history entry
//! (not in a frame, whose entries are the host page's), so Back and Forward step through selections; history navigation puts the view back. A kiosk's address
//! never changes: nothing of a visitor may survive a reload, and no history entry a Back.

use crate::app::AppState;
use crate::domain::url_state::{Mode, ViewState};
use crate::domain::filter::Query;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

fn current_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

fn state_to_query(state: AppState) -> String {
    query_for_mode(state, state.mode)
}

/// The query string of the current view in `mode`.
pub fn query_for_mode(state: AppState, mode: Mode) -> String {
    let query = state.query.get();
    ViewState {
        lang: Some(state.lang.get()),
        data: state.data_param.get_value(),
        place: state.selected.get(),
        mode: (mode != Mode::Browser).then_some(mode),
        q: query.text,
        kinds: query.kinds,
        view: state.view.get(),
        shortlist: state.shortlist.get(),
        area: state.area.get(),
        layer: state.measure.get(),
        budget: state.assumptions.get(),
        compare: state.compare.get(),
        from: state.from_point.get(),
    }
    .to_query()
}

fn write_url(search: &str, push: bool) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}{search}");
    let result = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    };
    if let Err(e) = result {
        web_sys::console::warn_2(&"could not update the address:".into(), &e);
    }
}

/// Puts the state the URL describes back on screen (after Back or Forward). `from_history` tells
/// the address-writing effect that this change must not add a history entry of its own.
fn apply_url(state: AppState, from_history: StoredValue<bool>) {
    from_history.set_value(true);
    let v = ViewState::parse(&current_search());
    let from = v.from_point();
    if let Some(lang) = v.lang {
        state.lang.set(lang);
    }
    // A view kept with the entry wins over the map's own move to the place (a zoom closer).
    state.view_from_history.set_value(v.view.is_some() && v.place.is_some() && v.place != state.selected.get_untracked());
    state.selected.set(v.place);
    if state.area.get_untracked() != v.area {
        state.area.set(v.area);
    }
    if state.measure.get_untracked() != v.layer {
        state.measure.set(v.layer);
    }
    if state.shortlist.get_untracked() != v.shortlist {
        state.shortlist.set(v.shortlist);
    }
    if state.assumptions.get_untracked() != v.budget {
        state.assumptions.set(v.budget);
    }
    if state.compare.get_untracked() != v.compare {
        state.compare.set(v.compare);
    }
    if state.from_point.get_untracked() != from {
        state.from_point.set(from);
    }
    let query = Query { text: v.q, kinds: v.kinds };
    if state.query.get_untracked() != query {
        state.query.set(query);
    }
    if v.view.is_some() && v.view != state.view.get_untracked() {
        state.goto_view.set(v.view);
    }
}

pub fn install(state: AppState) {
    // A kiosk keeps the address it was started with: what a visitor chose, written there, came
    // back with any reload (the crash screen's, a member of staff's, a restarted browser) and was
    // handed to the next visitor behind the welcome screen. The take-home QR code is made from
    // the state itself, and a kiosk has no address bar to share from.
    if state.mode == Mode::Kiosk {
        return;
    }
    let from_history = StoredValue::new(false);
    // A place or an area chosen adds a history entry (an area's name scrolls the page to its
    // month: Back went past it to the place before); other changes replace the current one.
    // Never in a frame: its entries are the host page's, whose Back then stepped through the
    // map's choices, out of sight, instead of leaving the page. Its address is still kept (a
    // reload of the frame, and "Open the full map", show the same view).
    let pushes = state.mode != Mode::Embed;
    crate::effect::effect(move |previous: Option<(Option<String>, Option<String>)>| {
        let search = state_to_query(state);
        let place = state.selected.get();
        let area = state.area.get();
        let chosen = previous.as_ref().is_some_and(|(p, a)| (*p != place && place.is_some()) || (*a != area && area.is_some()));
        let push = pushes && chosen && !from_history.get_value();
        from_history.set_value(false);
        if search != current_search() {
            write_url(&search, push);
        }
        (place, area)
    });
    let on_pop = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| apply_url(state, from_history));
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page: the app is never unmounted.
    on_pop.forget();
}
