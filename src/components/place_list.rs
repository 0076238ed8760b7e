//! The list twin of the map: the same places, keyboard operable, a page at a time.

use crate::app::AppState;
use crate::domain::{Lang, PlaceKind};
use crate::i18n::t;
use leptos::prelude::*;

/// How many rows are added at a time; a list of 100,000 buttons would freeze a phone.
const PAGE: usize = 100;

/// How long the count must stand still before a screen reader is told it: longer than the pause
/// between two typed letters, short enough to come while the searcher still waits for it.
const SAY_COUNT_AFTER_MS: u32 = 700;

#[component]
pub fn PlaceList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let limit = RwSignal::new(PAGE);
    // A new search starts from the first page again.
    crate::effect::effect(move |_| {
        state.matches.track();
        limit.set(PAGE);
    });
    // A row's texts are written in the language of the moment, and a row is keyed by its place and
    // that language, so its pressed state is its one reactive part. At 100,000 places a letter
    // typed replaces up to a page of rows; rows that also followed the language in their name, its
    // `lang` and their kind took 24 ms of that letter under the bench's 4x slowdown, these 9 ms (one
    // CPU profile each).
    let rows = Memo::new(move |_| {
        let Some(data) = state.data.get() else { return Vec::new() };
        let matches = state.matches.get();
        let l = lang.get();
        let places = &data.city.places;
        matches
            .iter()
            .take(limit.get())
            // Indices of these places (the search's, for this data); a stale one is skipped.
            .filter_map(|&i| {
                let place = places.get(i)?;
                let name = place.name.pick(l);
                Some(Row { id: place.id.clone(), lang: l, kind: place.kind, name: name.text.to_owned(), name_lang: name.lang })
            })
            .collect::<Vec<_>>()
    });
    let total = move || state.data.with(|d| d.as_ref().map_or(0, |d| d.city.places.len()));
    let loaded = move || state.data.with(Option::is_some);
    let shown = move || state.matches.with(|m| m.len());
    let remaining = move || shown().saturating_sub(limit.get());
    let count = move || loaded().then(|| (t(lang.get()).result_count)(shown(), total()));
    // What a screen reader hears of the count: the same words, once they have stood still for
    // SAY_COUNT_AFTER_MS. Said at every change, "station" typed a letter at a time queued seven
    // counts behind the letters' own echo; a kind's box ticked on and off said two. The visible
    // count follows at once.
    let said = RwSignal::new(String::new());
    let say_timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    crate::effect::effect(move |_| {
        let text = count().unwrap_or_default();
        // A new timer drops, and so cancels, the one before.
        say_timer.set_value(Some(gloo_timers::callback::Timeout::new(SAY_COUNT_AFTER_MS, move || said.set(text))));
    });
    view! {
        <section class="place-list" aria-labelledby="place-list-title" aria-busy=move || (!loaded()).to_string()>
            <h2 id="place-list-title" class="place-list__title" tabindex="-1">{move || t(lang.get()).list_label}</h2>
            // Nothing while no data has loaded ("0 of 0 places" said the city had none); the status
            // bar says it is loading.
            // For the eye: a screen reader hears the status below, and read the count twice in a row.
            <p class="place-list__count" aria-hidden="true">{count}</p>
            <p class="visually-hidden" role="status">{move || said.get()}</p>
            <super::When when=move || { shown() == 0 && total() > 0 }>
                <p class="place-list__empty">{move || t(lang.get()).no_results}</p>
            </super::When>
            <ul class="place-list__items" aria-labelledby="place-list-title">
                <For
                    each=move || rows.get()
                    key=|row| (row.id.clone(), row.lang)
                    children=move |Row { id, lang: l, kind, name, name_lang }| {
                        let selected = {
                            let id = id.clone();
                            move || state.selected.get().as_deref() == Some(id.as_str())
                        };
                        let row_id = id.clone();
                        let choose = move |_| state.selected.set(Some(id.clone()));
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class=format!("place-list__item kind-{kind}")
                                    data-place=row_id
                                    // The chosen one is the current one: "pressed" said a toggle,
                                    // which pressing again did not undo.
                                    aria-current=move || selected().then_some("true")
                                    on:click=choose
                                >
                                    <span class="place-list__name" lang=name_lang.as_str()>{name}</span>
                                    <span class="place-list__kind">{(t(l).kind_name)(kind)}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <super::When when=move || { remaining() > 0 }>
                <button type="button" class="button place-list__more" on:click=move |_| {
                    let first_new = limit.get_untracked() + 1;
                    limit.update(|l| *l += PAGE);
                    // Focus goes to the first row added: it stayed on this button, now below the
                    // new rows, and a keyboard user had to step back through them all.
                    super::focus_when_drawn(format!(".place-list__items > li:nth-child({first_new}) button"), 3, false);
                }>
                    {move || (t(lang.get()).show_more)(remaining().min(PAGE))}
                </button>
            </super::When>
        </section>
    }
}

/// One row of the list, in one language.
#[derive(Clone, PartialEq)]
struct Row {
    id: String,
    lang: Lang,
    kind: PlaceKind,
    name: String,
    /// The language `name` is in: the other one where the place has no name in `lang`.
    name_lang: Lang,
}
