//! The search box and the kind filters with their counts. Map, list and counts read the same memo.

use crate::app::AppState;
use crate::domain::filter::{count_kinds, Query};
use crate::domain::model::PlaceKind;
use crate::i18n::t;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Filters() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let query = state.query;
    // No counts while no data has loaded: a kind that counts 0 would say the city has none.
    let counts = Memo::new(move |_| {
        let d = state.data.get()?;
        Some(state.text_hits.with(|hits| count_kinds(&d.city, hits)))
    });
    let set_text = move |text: String| {
        if query.with_untracked(|q| q.text != text) {
            query.update(|q| q.text = text);
        }
    };
    // While a Japanese IME is composing (な, なｇ, なが … before 長岡 is chosen), the text is
    // not yet what the person means: searched at each step, the list went 45, 16, 0, 5, 2, 0 and
    // said each count aloud over the IME's own reading. The search waits for the composition's
    // end. Only for text with kana in it: a phone's keyboard composes Latin words too, and the
    // list follows each letter there as on a computer.
    let on_input = move |ev: leptos::ev::Event| {
        let composing = ev.dyn_ref::<web_sys::InputEvent>().is_some_and(web_sys::InputEvent::is_composing);
        let text = event_target_value(&ev);
        if composing && !text.is_ascii() {
            return;
        }
        set_text(text);
    };
    let on_composed = move |ev: leptos::ev::CompositionEvent| set_text(event_target_value(&ev));
    let toggle = move |kind: PlaceKind| {
        query.update(|q| {
            if q.kinds.is_empty() {
                q.kinds = PlaceKind::ALL.into_iter().filter(|k| *k != kind).collect();
            } else if !q.kinds.remove(&kind) {
                q.kinds.insert(kind);
            }
            if q.kinds.len() == PlaceKind::ALL.len() {
                q.kinds.clear();
            }
        })
    };
    let kind_box = move |kind: PlaceKind| {
        let checked = move || query.with(|q| q.kinds.is_empty() || q.kinds.contains(&kind));
        let count = move || {
            counts.with(|c| c.as_ref().map(|c| c.iter().find(|(k, _)| *k == kind).map_or(0, |(_, n)| *n)))
        };
        view! {
            <li>
                <label class=format!("kind-filter kind-{kind}")>
                    <input type="checkbox" prop:checked=checked on:change=move |_| toggle(kind) />
                    // The kind's marker as the map draws it: the key to its colour and mark.
                    <span class="kind-mark" aria-hidden="true"></span>
                    <span class="kind-filter__name">{move || (t(lang.get()).kind_name)(kind)}</span>
                    <span class="kind-filter__count">{count}</span>
                </label>
            </li>
        }
    };
    // The areas whose name or description holds the search text, right under the search box (on
    // a phone, with its keyboard open, nothing further down is in sight): a mover types a
    // neighbourhood ("栃尾", "Miyauchi"), and found only a branch office, not its month and distances.
    // From two characters on: one letter is in every description.
    let areas = Memo::new(move |_| {
        let text = query.with(|q| q.text.clone());
        if text.trim().chars().count() < 2 {
            return Vec::new();
        }
        let Some(data) = state.data.get() else { return Vec::new() };
        let l = lang.get();
        crate::domain::filter::matching_areas(&data.city, &text)
            .into_iter()
            .filter_map(|i| data.city.areas.get(i))
            .map(|a| (a.id.clone(), a.name.get(l).to_owned()))
            .collect::<Vec<_>>()
    });
    let area_hits = move || {
        let hits = areas.get();
        (!hits.is_empty()).then(|| {
            let c = crate::i18n::living(lang.get());
            let items = hits
                .into_iter()
                .map(|(id, name)| {
                    // The search has done its work: left on, it hid from the map the places the
                    // area's distances list, when one of them was opened.
                    let choose = move |_| {
                        state.query.update(|q| q.text.clear());
                        state.choose_area(id.clone());
                    };
                    view! { <li><button type="button" class="link-button" on:click=choose>{super::text::arrowed(&(c.area_hit)(&name))}</button></li> }
                })
                .collect_view();
            view! { <ul class="area-hits" aria-label=c.area_hits>{items}</ul> }
        })
    };
    let filtered = move || query.with(|q| !q.text.is_empty() || !q.kinds.is_empty());
    view! {
        // A kiosk has no search box (no keyboard): its "search" landmark held only the kinds.
        <search class="filters" role=(state.mode == crate::domain::url_state::Mode::Kiosk).then_some("none")>
            <label class="filters__search">
                <span class="filters__label">{move || t(lang.get()).search_label}</span>
                <input
                    id="search"
                    type="search"
                    aria-describedby="search-hint"
                    class="filters__input"
                    autocomplete="off"
                    enterkeyhint="search"
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=on_input
                    on:compositionend=on_composed
                />
            </label>
            // A description, not part of the name: inside the label it made the box's name a
            // sentence long.
            <span class="filters__hint" id="search-hint">{move || t(lang.get()).search_hint}</span>
            {area_hits}
            <fieldset class="filters__kinds">
                <legend>{move || t(lang.get()).kinds_legend}</legend>
                <ul>{PlaceKind::ALL.into_iter().map(kind_box).collect_view()}</ul>
            </fieldset>
            <super::When when=filtered>
                // The button goes with the filters it clears: focus goes to the search box, not
                // to the page's start.
                <button type="button" class="button filters__clear" on:click=move |_| {
                    query.set(Query::default());
                    super::focus_first("#search");
                }>
                    {move || t(lang.get()).clear_filters}
                </button>
            </super::When>
        </search>
    }
}
