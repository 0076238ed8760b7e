//! From the chosen area (or a point tapped on the map): each place, nearest
//! first, with estimated times on foot, by bicycle and by car, and the way to Tokyo.

use super::scroll_stop;
use super::text::figure_meta;
use crate::app::AppState;
use crate::domain::model::PlaceKind;
use crate::domain::travel::{nearest, nearest_and_each_kind, to_tokyo, Travel};
use crate::i18n::{living, t};
use leptos::prelude::*;

/// The kinds worth a journey for a mover: every kind. Public facilities were left out, and with
/// them the area's own branch office, the point its distances are measured from (0 km).
const KINDS: [PlaceKind; 7] = PlaceKind::ALL;

/// Rows shown until "Show all" is pressed; the nearest first.
const ROWS: usize = 12;

#[component]
pub fn GettingAround() -> impl IntoView {
    let state = expect_context::<AppState>();
    let all = RwSignal::new(false);
    move || {
        let data = state.data.get()?;
        let lang = state.lang.get();
        let l = living(lang);
        let city = &data.city;
        let area = state.area.get().and_then(|id| city.area(&id));
        let point = state.from_point.get();
        let (from, label) = match (point, area) {
            (Some(p), _) => (p, l.around_point.to_owned()),
            (None, Some(a)) => (a.centre, a.name.get(lang).to_owned()),
            (None, None) => return Some(view! { <p class="hint">{l.around_pick_area}</p> }.into_any()),
        };
        let found = nearest(city, from, &KINDS);
        let total = found.len();
        let found = if all.get() { found } else { nearest_and_each_kind(found, ROWS) };
        let cut = found.len() < total;
        let rows = found
            .into_iter()
            .map(|r| {
                let id = r.place.id.clone();
                view! {
                    <tr role="row">
                        <th role="rowheader" scope="row">
                            <button type="button" class="link-button" on:click=move |_| state.selected.set(Some(id.clone()))>
                                {r.place.name.get(lang).to_owned()}
                            </button>
                            <span class="figure__meta">{(t(lang).kind_name)(r.place.kind)}</span>
                        </th>
                        <td role="cell" data-label=l.straight_line>{(l.km)(r.distance_m / 1000.0)}</td>
                        {Travel::ALL.iter().map(|m| view! { <td role="cell" data-label=(l.travel_name)(*m)>{(l.minutes)(r.minutes(*m))}</td> }).collect_view()}
                    </tr>
                }
            })
            .collect_view();
        let tokyo = to_tokyo(city, from).map(|w| {
            let text = (l.to_tokyo)(w.station.place.name.get(lang), w.station.minutes(Travel::Car), w.shinkansen_minutes);
            // The Shinkansen's time with its date and source, as every figure.
            let meta = w.station.place.facts.tokyo_minutes.as_ref().map(|f| figure_meta(city, lang, None, &f.as_of, &f.source));
            view! { <p class="to-tokyo">{text} {meta}</p> }
        });
        let back = point.is_some().then(|| {
            // The button goes with the point: the focus goes to the one that stays.
            view! { <button type="button" class="button" on:click=move |_| {
                state.from_point.set(None);
                super::focus_when_drawn(".around__centre".to_owned(), 3, false);
            }>{l.use_area}</button> }
        });
        // Above the table, so that it stays where it was pressed as the table grows or shrinks
        // (below it, the focus went 3,000 px down with it, out of sight).
        let more = view! {
            {(total > ROWS).then(|| view! {
                // Pressed, the button is drawn anew with the table: the focus goes to the new one.
                <button type="button" class="button around-all" on:click=move |_| {
                    all.update(|a| *a = !*a);
                    super::focus_when_drawn(".around-all".to_owned(), 3, false);
                }>
                    {if all.get_untracked() { l.around_fewer.to_owned() } else { (l.around_all)(total) }}
                </button>
                <p class="hint">{if cut { l.around_nearest_note.to_owned() } else { (l.around_all_note)(total) }}</p>
            })}
        };
        Some(view! {
            <h3 id="around-heading">{(l.around_heading)(&label)}</h3>
            // A tap on the map needs a pointer: the map's centre is the keyboard's way to a point.
            // Apart, so that a tap meant for one does not land on the other (they touched). Above
            // the table, which is drawn anew and grows or shrinks: below it, the pressed button
            // went 347 px down, out of sight. It is focused again once drawn.
            <div class="around__points">
                <button type="button" class="button around__centre" on:click=move |_| {
                    state.from_point.set(state.view.get_untracked().map(|v| crate::domain::LatLng { lat: v.lat, lng: v.lng }));
                    super::focus_when_drawn(".around__centre".to_owned(), 3, false);
                }>{l.use_map_centre}</button>
                {back}
            </div>
            {tokyo}
            {more}
            <div class="table-scroll" use:scroll_stop data-labelledby="around-heading">
                <table class="around" role="table" aria-labelledby="around-heading">
                    <thead role="rowgroup"><tr role="row">
                        // The place column's header, for a screen reader: an empty cell was read there.
                        <th role="columnheader" scope="col"><span class="visually-hidden">{l.around_place_col}</span></th>
                        <th role="columnheader" scope="col">{l.straight_line}</th>
                        {Travel::ALL.iter().map(|m| view! { <th role="columnheader" scope="col">{(l.travel_name)(*m)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody role="rowgroup">{rows}</tbody>
                </table>
            </div>
            <p class="hint">{l.around_assumptions} {t(lang).gap} {l.map_point_hint}</p>
            // Back up to the table of areas, to choose another: on a phone it was ten swipes up.
            <a class="jump-link around__to-areas" href="#areas-caption">{super::text::arrowed(l.other_areas)}</a>
        }.into_any())
    }
}
