//! Embedding on another site (`?mode=embed`): the postMessage protocol with the host page.
//!
//! Off unless the app was built with the host's origin in `NAGAOKA_EMBED_ORIGINS`
//! (comma-separated, e.g. `https://www.city.nagaoka.niigata.jp`). Messages go only to those
//! origins, never to "*", and messages are taken only from the parent window at one of them.

use crate::app::AppState;
use crate::domain::embed_protocol::{event_json, parse_command, Command, Event};
use crate::domain::Lang;
use crate::domain::filter::Query;
use crate::domain::url_state::Mode;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

fn allowed_origins() -> Vec<&'static str> {
    option_env!("NAGAOKA_EMBED_ORIGINS")
        .unwrap_or("")
        .split(',')
        .map(|s| s.trim().trim_end_matches('/'))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The parent window, when the app is in a frame.
fn parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// The parent page's origin, where the browser tells it (`location.ancestorOrigins`; not in
/// Firefox).
fn parent_origin() -> Option<String> {
    let location = web_sys::window()?.location();
    let list = js_sys::Reflect::get(&location, &"ancestorOrigins".into()).ok()?;
    let item: js_sys::Function = js_sys::Reflect::get(&list, &"item".into()).ok()?.dyn_into().ok()?;
    item.call1(&list, &0.into()).ok()?.as_string()
}

/// The origins to post to: the allowed ones, narrowed to the parent's where it is known.
fn targets() -> Vec<&'static str> {
    let parent = parent_origin();
    allowed_origins().into_iter().filter(|o| parent.as_deref().is_none_or(|p| p == *o)).collect()
}

fn post(event: &Event) {
    let Some(parent) = parent() else { return };
    let Ok(message) = js_sys::JSON::parse(&event_json(event).to_string()) else { return };
    for origin in targets() {
        // A target origin that is not the parent's is dropped by the browser (with a console
        // warning, which knowing the parent's origin avoids): the message reaches the host only
        // when it is one of the allowed origins.
        let _ = parent.post_message(&message, origin);
    }
}

thread_local! {
    /// A place asked for before the data has arrived: chosen once the data shows it has that
    /// place. For the page's life, as the listener that fills it.
    static PENDING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn set_pending(id: Option<String>) {
    PENDING.with(|p| p.replace(id));
}

fn apply(state: AppState, command: Command) {
    match command {
        // Before the data, the place cannot be checked yet (the host is told to send commands as
        // soon as it hears `ready`, which comes first): it waits for the data. It was chosen at once,
        // so an id the data lacks went into the address and back to the host as the selection.
        Command::Select(Some(id)) if state.data.with_untracked(Option::is_none) => set_pending(Some(id)),
        // A place the data does not have is ignored, as an unknown command is: selecting it would
        // open nothing, yet put it in the address and report it back as the selection.
        Command::Select(Some(id)) if state.data.with_untracked(|d| d.as_ref().is_some_and(|d| d.city.place(&id).is_none())) => {}
        Command::Select(place) => {
            set_pending(None);
            state.selected.set(place);
        }
        Command::SetLang(lang) => state.lang.set(lang),
        Command::SetFilters { q, kinds } => state.query.set(Query { text: q, kinds }),
    }
}

fn on_message(state: AppState, ev: web_sys::MessageEvent) {
    if !allowed_origins().contains(&ev.origin().as_str()) {
        return;
    }
    let from_parent = match (ev.source(), parent()) {
        (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
        _ => false,
    };
    if !from_parent {
        return;
    }
    let Ok(text) = js_sys::JSON::stringify(&ev.data()) else { return };
    let Some(text) = text.as_string() else { return };
    let Ok(value) = serde_json::from_str(&text) else { return };
    if let Some(command) = parse_command(&value) {
        apply(state, command);
    }
}

/// The height the map asks the host for, in CSS pixels: enough for the map and the controls.
const PREFERRED_HEIGHT_PX: u32 = 450;

pub fn install(state: AppState) {
    if state.mode != Mode::Embed || targets().is_empty() || parent().is_none() {
        return;
    }
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev| on_message(state, ev));
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    handler.forget();
    post(&Event::Ready { lang: state.lang.get_untracked() });
    // The place asked for before the data, once the data is here: chosen if the data has it.
    crate::effect::effect(move |_: Option<()>| {
        let Some(id) = state.data.with(|d| d.as_ref().map(|d| PENDING.with(|p| p.take().filter(|id| d.city.place(id).is_some())))).flatten() else {
            return;
        };
        state.selected.set(Some(id));
    });
    post(&Event::Height { px: PREFERRED_HEIGHT_PX });
    crate::effect::effect(move |previous: Option<Option<String>>| {
        let place = state.selected.get();
        if previous.is_some_and(|p| p != place) {
            post(&Event::Selection { place: place.clone() });
        }
        place
    });
    crate::effect::effect(move |previous: Option<Lang>| {
        let lang = state.lang.get();
        if previous.is_some_and(|p| p != lang) {
            post(&Event::Lang { lang });
        }
        lang
    });
}
