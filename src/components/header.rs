//! The title bar with the language switch.

use crate::app::AppState;
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
    view! {
        <header class="app-header">
            <div class="app-header__titles">
                <h1 class="app-header__title">{move || t(lang.get()).app_title}</h1>
                <p class="app-header__tagline">{move || t(lang.get()).app_tagline}</p>
            </div>
            <button
                type="button"
                class="lang-switch"
                lang=move || other().as_str()
                on:click=move |_| lang.set(other())
            >
                {move || t(lang.get()).other_language}
            </button>
        </header>
    }
}
