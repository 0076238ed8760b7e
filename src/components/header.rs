//! The title bar with the language switch.

use super::PrintCode;
use crate::app::AppState;
use crate::domain::url_state::Mode;
use crate::domain::Lang;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let other = move || match lang.get() {
        Lang::Ja => Lang::En,
        Lang::En => Lang::Ja,
    };
    // The app's whole address (origin and path), as the take-home link's: a path alone would be
    // read as another host's were it to start with `//`.
    let full_map = move || format!("{}{}", super::shortlist::public_base(), crate::url_sync::query_for_mode(state, Mode::Browser));
    view! {
        // Not on a kiosk, which has no search box (and no keyboard): the link led nowhere.
        <super::When when=move || state.mode != Mode::Kiosk>
            <a class="skip-link" href="#search" inert=move || state.behind_dialog()>{move || t(lang.get()).skip_to_search}</a>
            // The areas and costs are below the map and the places: 18 Tabs away, through every
            // marker, on a laptop.
            <a class="skip-link" href="#living-heading" inert=move || state.behind_dialog()>{move || t(lang.get()).skip_to_living}</a>
        </super::When>
        <header class="app-header" inert=move || state.behind_dialog()>
            <div class="app-header__titles">
                <h1 class="app-header__title">{move || t(lang.get()).app_title}</h1>
                <p class="app-header__tagline">{move || t(lang.get()).app_tagline}</p>
            </div>
            <super::When when=move || state.mode == Mode::Embed>
                <a class="full-map-link" href=full_map target="_blank" rel="noopener">
                    {move || t(lang.get()).open_full_map}
                    <super::text::NewTabNote />
                </a>
            </super::When>
            <button
                type="button"
                class="lang-switch"
                lang=move || other().as_str()
                on:click=move |_| lang.set(other())
            >
                {move || t(lang.get()).other_language}
            </button>
            // On paper, at the top of the first page: the way back to this view.
            <PrintCode />
        </header>
    }
}
