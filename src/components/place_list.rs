//! The list twin of the map: the same places, keyboard operable, a page at a time.

use crate::app::AppState;
use crate::i18n::t;
use leptos::prelude::*;

/// How many rows are added at a time; a list of 100,000 buttons would freeze a phone.
const PAGE: usize = 100;

#[component]
pub fn PlaceList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let limit = RwSignal::new(PAGE);
    // A new search starts from the first page again.
    Effect::new(move |_| {
        state.matches.track();
        limit.set(PAGE);
    });
    let rows = Memo::new(move |_| {
        let Some(data) = state.data.get() else { return Vec::new() };
        let matches = state.matches.get();
        let places = &data.city.places;
        matches
            .iter()
            .take(limit.get())
            .map(|&i| (places[i].id.clone(), places[i].kind, places[i].name.clone()))
            .collect::<Vec<_>>()
    });
    let total = move || state.data.with(|d| d.as_ref().map_or(0, |d| d.city.places.len()));
    let shown = move || state.matches.with(|m| m.len());
    let remaining = move || shown().saturating_sub(limit.get());
    view! {
        <section class="place-list" aria-labelledby="place-list-title">
            <h2 id="place-list-title" class="place-list__title">{move || t(lang.get()).list_label}</h2>
            <p class="place-list__count" role="status">
                {move || (t(lang.get()).result_count)(shown(), total())}
            </p>
            <Show when=move || { shown() == 0 && total() > 0 }>
                <p class="place-list__empty">{move || t(lang.get()).no_results}</p>
            </Show>
            <ul class="place-list__items" aria-labelledby="place-list-title">
                <For
                    each=move || rows.get()
                    key=|(id, _, name)| (id.clone(), name.clone())
                    children=move |(id, kind, name)| {
                        let selected = {
                            let id = id.clone();
                            move || state.selected.get().as_deref() == Some(id.as_str())
                        };
                        let choose = move |_| state.selected.set(Some(id.clone()));
                        let name_lang = name.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class=format!("place-list__item kind-{kind}")
                                    aria-pressed=move || selected().to_string()
                                    on:click=choose
                                >
                                    <span class="place-list__name" lang=move || name_lang.pick(lang.get()).lang.as_str()>
                                        {move || name.get(lang.get()).to_owned()}
                                    </span>
                                    <span class="place-list__kind">{move || (t(lang.get()).kind_name)(kind)}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || { remaining() > 0 }>
                <button type="button" class="button place-list__more" on:click=move |_| limit.update(|l| *l += PAGE)>
                    {move || (t(lang.get()).show_more)(remaining().min(PAGE))}
                </button>
            </Show>
        </section>
    }
}
