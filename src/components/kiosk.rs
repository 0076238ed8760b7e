//! Kiosk mode for career fairs: a welcome view, a countdown after idle time and a full reset, no
//! way to navigate away, and an offline indicator.

use crate::app::AppState;
use crate::domain::filter::Query;
use crate::domain::kiosk::{IdlePhase, IdleRule};
use crate::domain::url_state::{Mode, ViewState};
use crate::domain::Lang;
use crate::i18n::t;
use super::qr_code::QrCode;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn idle_rule() -> IdleRule {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let from_url = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix("idle="))
        .and_then(|v| v.parse().ok())
        .and_then(IdleRule::from_seconds);
    from_url.unwrap_or_default()
}

/// Everything back to how the first visitor found it.
fn reset(state: AppState) {
    state.selected.set(None);
    state.shortlist.set(Vec::new());
    state.query.set(Query::default());
    state.area.set(None);
    state.measure.set(None);
    state.assumptions.set(Default::default());
    state.compare.set(Vec::new());
    state.from_point.set(None);
    state.lang.set(state.start_lang);
    let start = ViewState::parse(&web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default());
    state.goto_view.set(start.view.or(Some(crate::components::START_VIEW)));
    state.welcome.set(true);
    // Data that could not be refreshed (a failed load, or the service worker's saved copy) is
    // tried again for the next visitor: nothing else would, on Wi-Fi that stays up while the
    // server fails, and its notice stayed for every visitor after.
    if state.data_is_stale() {
        state.reload();
    }
    // Last: the screen is rebuilt from the state just cleared.
    state.visit.update(|v| *v = v.wrapping_add(1));
    if let Some(el) = super::active_element() {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.blur();
        }
    }
}

fn listen(target: &web_sys::EventTarget, events: &[&str], f: &Closure<dyn FnMut(web_sys::Event)>) {
    for e in events {
        let _ = target.add_event_listener_with_callback(e, f.as_ref().unchecked_ref());
    }
}

/// Watches for input, counts idle time and resets; blocks the context menu and leaving the page.
/// A tapped link to another site shows its address as a QR code (`link`); one within the page
/// scrolls there without a history entry.
fn install(state: AppState, phase: RwSignal<IdlePhase>, link: RwSignal<Option<String>>, opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let rule = idle_rule();
    let last = StoredValue::new(now_ms());
    // Until when the next click is swallowed (`Date.now()`, 0 for none): see below.
    let swallow_until = StoredValue::new(0.0);
    // Whether a finger (or a pen, a mouse button) is down on "Still there?".
    let held = StoredValue::new(false);
    // Whether the finger now down answered "Still there?" beside it.
    let beside = StoredValue::new(false);
    let on_input = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        last.set_value(now_ms());
        if phase.get_untracked() == IdlePhase::Active {
            return;
        }
        if matches!(ev.type_().as_str(), "pointerdown" | "touchstart") {
            let on_dialog = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.closest(".countdown").ok().flatten().is_some());
            // The dialog stays under the finger until it lifts. Taken away as the finger went
            // down, it let the rest of the tap through to what was under it: the click opened a
            // place, the hover opened the base-map menu, the press moved the focus.
            if on_dialog {
                held.set_value(true);
                return;
            }
            // A touch beside the dialog answers it too; its click does nothing else, nor (for a
            // finger) its hover and press: see "touchend" below.
            swallow_until.set_value(now_ms() + SWALLOW_MS);
            beside.set_value(by_finger(&ev));
        }
        phase.set(IdlePhase::Active);
    });
    listen(&doc, &["pointerdown", "touchstart", "keydown", "wheel"], &on_input);
    on_input.forget();
    let release = move || {
        held.set_value(false);
        last.set_value(now_ms());
        if phase.get_untracked() != IdlePhase::Active {
            phase.set(IdlePhase::Active);
        }
    };
    let on_up = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if ev.type_().starts_with("touch") && beside.get_value() {
            beside.set_value(false);
            if ev.cancelable() {
                ev.prevent_default();
            }
        }
        if !held.get_value() {
            return;
        }
        if !by_finger(&ev) {
            // A mouse's or a pen's up, click and all come in this same task: after them, so that
            // "Continue" may answer it first and nothing under the dialog hears them.
            held.set_value(false);
            gloo_timers::callback::Timeout::new(0, release).forget();
            return;
        }
        if ev.type_().starts_with("pointer") {
            // A finger's "touchend" follows in this same task; should none come (touch events
            // turned off), the dialog goes after this task all the same.
            gloo_timers::callback::Timeout::new(0, move || {
                if held.get_value() {
                    release();
                }
            })
            .forget();
            return;
        }
        // A finger's hover, press and click are made from the tap later, in tasks of their own,
        // and came through to what was under the dialog once it had gone (a place opened, the
        // base-map menu). Cancelling the "touchend" makes none; the dialog is answered here.
        if ev.cancelable() {
            ev.prevent_default();
        } else {
            swallow_until.set_value(now_ms() + SWALLOW_MS);
        }
        release();
    });
    listen(&doc, &["pointerup", "pointercancel", "touchend", "touchcancel"], &on_up);
    on_up.forget();
    // Before anything else hears it (capture, on the document).
    let swallow = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if now_ms() <= swallow_until.get_value() {
            swallow_until.set_value(0.0);
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    let _ = doc.add_event_listener_with_callback_and_bool("click", swallow.as_ref().unchecked_ref(), true);
    swallow.forget();
    let block = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        // A link dragged out is a link followed elsewhere.
        if matches!(ev.type_().as_str(), "contextmenu" | "selectstart" | "dragstart") {
            ev.prevent_default();
            return;
        }
        // Links leave the kiosk: but for the crash page's "Reload" (src/crash.rs), which must work
        // without a keyboard, none is followed. Nor by a mouse's middle button (`auxclick`), which
        // opened a link in a new tab, out of the kiosk, where one was plugged in.
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]:not(.crash__reload)").ok().flatten())
        else {
            return;
        };
        ev.prevent_default();
        // An in-page link scrolls to its target as everywhere (`install_jump_links`).
        let href = anchor.get_attribute("href").unwrap_or_default();
        if href.starts_with("https://") {
            opener.set_value(anchor.dyn_into::<web_sys::HtmlElement>().ok());
            link.set(Some(href));
        }
    });
    listen(&doc, &["contextmenu", "selectstart", "dragstart", "click", "auxclick"], &block);
    block.forget();
    let tick = gloo_timers::callback::Interval::new(250, move || {
        // Someone is pressing on the dialog: there, and not to be answered under their finger.
        if held.get_value() {
            last.set_value(now_ms());
            return;
        }
        // The welcome screen is the fresh screen: nobody to ask "Still there?", nothing to reset.
        // (It was asked over the welcome every 90 s, and the screen behind it rebuilt.)
        if state.welcome.get_untracked() {
            last.set_value(now_ms());
            if phase.get_untracked() != IdlePhase::Active {
                phase.set(IdlePhase::Active);
            }
            return;
        }
        let next = rule.phase((now_ms() - last.get_value()).max(0.0) as u64);
        match next {
            IdlePhase::Reset => {
                last.set_value(now_ms());
                phase.set(IdlePhase::Active);
                link.set(None);
                reset(state);
            }
            p if p != phase.get_untracked() => phase.set(p),
            _ => {}
        }
    });
    tick.forget();
}

/// Whether `ev` is a finger's: a touch event, or a pointer event of a touch.
fn by_finger(ev: &web_sys::Event) -> bool {
    ev.type_().starts_with("touch") || ev.dyn_ref::<web_sys::PointerEvent>().is_some_and(|p| p.pointer_type() == "touch")
}

/// How long after the tap that dismissed "Still there?" its click may come, in ms (a slow tap).
const SWALLOW_MS: f64 = 1500.0;

/// The element with the focus, if one has it (not the page's body).
fn focus_holder() -> Option<web_sys::HtmlElement> {
    super::active_element()
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|a| !a.tag_name().eq_ignore_ascii_case("body"))
}

/// Focuses `el` once the page behind a dialog is no longer inert (an inert element takes no
/// focus), looking again each frame for up to `frames` frames.
fn focus_element_once_active(el: web_sys::HtmlElement, frames: u8) {
    request_animation_frame(move || {
        if !super::is_inert(&el) {
            let _ = el.focus();
        } else if frames > 1 {
            focus_element_once_active(el, frames - 1);
        }
    });
}

/// Focuses a dialog's `button` as soon as it is on the page.
fn focus_when_mounted(button: NodeRef<leptos::html::Button>) {
    crate::effect::effect(move |_| {
        if let Some(button) = button.get() {
            let _ = button.focus();
        }
    });
}

#[component]
fn Welcome() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The dialog takes the focus (it started on the page behind it), and gives it to the map
    // when a visitor starts (it fell to the page's body).
    let first = NodeRef::<leptos::html::Button>::new();
    focus_when_mounted(first);
    let start = move |lang: Lang| {
        state.lang.set(lang);
        state.welcome.set(false);
        super::focus_when_drawn(".map .leaflet-container".to_owned(), 30, false);
    };
    view! {
        <div class="welcome" role="dialog" aria-modal="true" aria-labelledby="welcome-title">
            <h1 id="welcome-title" class="welcome__title">
                <span lang="ja">"長岡で働く・学ぶ・暮らす"</span>
                <span lang="en">"Work, study and live in Nagaoka"</span>
            </h1>
            <p class="welcome__text">
                <span lang="ja">"オフィス、大学、駅を地図で見てみましょう。気になる場所は「候補に追加」すると、スマートフォンで持ち帰れます。"</span>
                <span lang="en">"Explore offices, universities and stations on the map. Add places to your shortlist to take them home on your phone."</span>
            </p>
            <div class="welcome__actions">
                <button type="button" class="welcome__start" lang="ja" node_ref=first on:click=move |_| start(Lang::Ja)>"日本語ではじめる"</button>
                <button type="button" class="welcome__start" lang="en" on:click=move |_| start(Lang::En)>"Start in English"</button>
            </div>
        </div>
    }
}

#[component]
fn Countdown(phase: RwSignal<IdlePhase>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // "Continue" takes the focus, so that a screen reader says the dialog and a key answers it.
    let cont = NodeRef::<leptos::html::Button>::new();
    focus_when_mounted(cont);
    // What had the focus when the dialog came, to have it back when the visitor stays: any key
    // or tap answers the dialog and takes it away with its focused button, and the focus fell to
    // the page's start.
    // `None` until the dialog is first drawn; then what had the focus (`Some(None)`: nothing).
    let before = StoredValue::new_local(None::<Option<web_sys::HtmlElement>>);
    crate::effect::effect(move |_| {
        if matches!(phase.get(), IdlePhase::Warning { .. }) {
            return;
        }
        let Some(had) = before.get_value() else { return };
        before.set_value(None);
        // Nothing had it (a tap on the page's background): the map, where the keys work, rather
        // than the page's body, which the dialog's button left it on.
        let map = || {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".map .leaflet-container").ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        };
        let Some(el) = had.or_else(map) else { return };
        // Not after a reset: the welcome screen takes the focus then.
        if state.welcome.get_untracked() || !el.is_connected() {
            return;
        }
        if focus_holder().is_none() {
            focus_element_once_active(el, 30);
        }
    });
    move || match phase.get() {
        IdlePhase::Warning { seconds_left } => Some({
            // Read as the dialog is first drawn, before its button takes the focus.
            if before.with_value(Option::is_none) {
                before.set_value(Some(focus_holder()));
            }
            view! {
            <div class="countdown" role="alertdialog" aria-labelledby="countdown-title" aria-describedby="countdown-text">
                <h2 id="countdown-title">{t(lang.get()).still_there}</h2>
                <p id="countdown-text">{(t(lang.get()).resets_in)(seconds_left)}</p>
                <button type="button" class="button" node_ref=cont on:click=move |_| phase.set(IdlePhase::Active)>
                    {t(lang.get()).continue_label}
                </button>
            </div>
            }
        }),
        _ => None,
    }
}

/// A link tapped on the kiosk, to take away: its address as a QR code, until closed or the reset.
#[component]
fn LinkQr(link: RwSignal<Option<String>>, opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let close = NodeRef::<leptos::html::Button>::new();
    // Closed by its button, a tap beside it or Esc, the focus goes back to the link it came from.
    let shut = move || {
        link.set(None);
        // A frame later: the page behind is inert until the dialog has gone, and an inert
        // element takes no focus.
        if let Some(el) = opener.get_value().filter(|el| el.is_connected()) {
            focus_element_once_active(el, 30);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            shut();
        }
    };
    focus_when_mounted(close);
    move || {
        let url = link.get()?;
        let c = t(state.lang.get());
        let label = format!("{} {url}", c.open_link_qr);
        // The page behind is dimmed, and a tap on it closes the code: it looked fully active, and
        // a visitor tapped it to no effect.
        Some(view! {
            <div class="link-qr__backdrop" on:click=move |_| shut()></div>
            <div class="link-qr" role="dialog" aria-modal="true" aria-label=c.open_link_qr on:keydown=on_key>
                <QrCode text=url label=label />
                <button type="button" class="button" node_ref=close on:click=move |_| shut()>{c.close}</button>
            </div>
        })
    }
}

#[component]
fn OfflineBadge() -> impl IntoView {
    let state = expect_context::<AppState>();
    let online = RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line()));
    if let Some(window) = web_sys::window() {
        let update = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            online.set(web_sys::window().is_none_or(|w| w.navigator().on_line()));
        });
        listen(&window, &["online", "offline"], &update);
        update.forget();
    }
    move || (!online.get()).then(|| view! { <p class="offline-badge" role="status">{t(state.lang.get()).offline}</p> })
}

/// The kiosk layer; renders nothing outside kiosk mode.
#[component]
pub fn Kiosk() -> impl IntoView {
    let state = expect_context::<AppState>();
    (state.mode == Mode::Kiosk).then(|| {
        let phase = RwSignal::new(IdlePhase::Active);
        let link = state.link_qr;
        let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
        install(state, phase, link, opener);
        view! {
            <super::When when=move || state.welcome.get()>
                <Welcome />
            </super::When>
            <LinkQr link=link opener=opener />
            <Countdown phase=phase />
            <OfflineBadge />
        }
    })
}
