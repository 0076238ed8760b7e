//! The list twin of the map: the same places, keyboard operable.

use crate::app::AppState;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn PlaceList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let places = Memo::new(move |_| {
        state
            .data
            .get()
            .map(|d| d.city.places.iter().map(|p| (p.id.clone(), p.kind, p.name.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let count = move || (t(lang.get()).place_count)(places.with(Vec::len));
    view! {
        <section class="place-list" aria-labelledby="place-list-title">
            <h2 id="place-list-title" class="place-list__title">
                {move || t(lang.get()).list_label} " " <span class="place-list__count">"(" {count} ")"</span>
            </h2>
            <ul class="place-list__items" aria-labelledby="place-list-title">
                <For
                    each=move || places.get()
                    key=|(id, _, name)| (id.clone(), name.clone())
                    children=move |(id, kind, name)| {
                        let selected = {
                            let id = id.clone();
                            move || state.selected.get().as_deref() == Some(id.as_str())
                        };
                        let choose = move |_| state.selected.set(Some(id.clone()));
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class=format!("place-list__item kind-{kind}")
                                    aria-pressed=move || selected().to_string()
                                    on:click=choose
                                >
                                    <span class="place-list__name">{move || name.get(lang.get()).to_owned()}</span>
                                    <span class="place-list__kind">{move || (t(lang.get()).kind_name)(kind)}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}
