//! Two or three areas side by side: type, rent level, snow and the distances that matter.

use super::scroll_stop;
use super::living::{figure_short, no_figure};
use crate::app::AppState;
use crate::domain::costs::Assumptions;
use crate::domain::living::{AreaMeasure, Layout};
use crate::domain::travel::{area_reach, Reach, Travel};
use crate::domain::Lang;
use crate::i18n::{living, t, yen};
use super::text::LocalizedText;
use leptos::prelude::*;

fn reach_text(lang: Lang, r: Option<&Reach<'_>>) -> String {
    let l = living(lang);
    match r {
        // The distance is a straight line (the times are worked out on roads): said in the cell,
        // where "22.0 km" read as the way there; only the section's note said so.
        Some(r) => format!(
            "{} · {} {} · {} {}",
            r.place.name.get(lang),
            l.straight_line,
            (l.km)(r.distance_m / 1000.0),
            (l.travel_name)(Travel::Car),
            (l.minutes)(r.minutes(Travel::Car))
        ),
        None => l.no_figure.to_owned(),
    }
}

#[component]
pub fn Compare() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let ids = state.compare.get();
        if ids.is_empty() {
            let lang = state.lang.get();
            return Some(view! { <h3>{living(lang).compare_heading}</h3> <p class="hint">{living(lang).compare_hint}</p> }.into_any());
        }
        let data = state.data.get()?;
        let lang = state.lang.get();
        let l = living(lang);
        let city = &data.city;
        let areas: Vec<_> = ids.iter().filter_map(|id| city.area(id)).collect();
        // Only ids this data does not have (a link made with other data): nothing to compare.
        if areas.is_empty() {
            return Some(view! { <h3>{l.compare_heading}</h3> <p class="hint">{l.compare_hint}</p> }.into_any());
        }
        let names: Vec<String> = areas.iter().map(|a| a.name.get(lang).to_owned()).collect();
        let head = names.iter().map(|n| view! { <th role="columnheader" scope="col">{n.clone()}</th> }).collect_view();
        // Each row is laid out as its name across the top and the areas side by side below, each
        // cell labelled with its area (style/living.css): a column of row names beside three
        // areas did not fit the sidebar or a phone, and the third area was cut off.
        let row_with = |label: AnyView, cells: Vec<AnyView>| {
            let cells = cells.into_iter().zip(names.iter()).map(|(c, n)| view! { <td role="cell" data-label=n.clone()>{c}</td> }).collect_view();
            view! { <tr role="row"><th role="rowheader" scope="row">{label}</th>{cells}</tr> }
        };
        let row = |label: &'static str, cells: Vec<AnyView>| row_with(label.into_any(), cells);
        // A class, not a `style` attribute: the page's Content-Security-Policy (`style-src 'self'`,
        // docs/deployment.md) refuses those, and two areas were laid out in three columns.
        let columns = format!("compare compare--{}", areas.len().clamp(1, 3));
        let types = areas.iter().map(|a| a.area_type.map(|t| (l.area_type)(t)).unwrap_or(l.no_figure).into_any()).collect();
        // Rent for the same layout in each area: its own figure, else the city-wide one, with its
        // date (a ten-year-old rent stood here undated; the table of areas has no rent column).
        // Its source is named once, across the row, where a long title can wrap: in three narrow
        // cells it cut words on a phone.
        let a = Assumptions { layout: Layout::OneLdk, ..Assumptions::default() };
        let mut rent_sources: Vec<String> = Vec::new();
        let rents = areas
            .iter()
            .map(|x| {
                let b = crate::domain::costs::budget(Some(x), &city.costs.city, &a, false);
                match b.line(crate::domain::costs::Line::Rent).map(|line| &line.amount) {
                    Some(crate::domain::costs::Amount::Known { yen: y, origin, figure, .. }) => {
                        if !rent_sources.contains(&figure.source) {
                            rent_sources.push(figure.source.clone());
                        }
                        let note = (*origin == crate::domain::costs::Origin::Region).then_some(l.city_wide);
                        view! {
                            {yen(lang, u64::from(*y))}
                            <span class="figure__meta">{(t(lang).as_of)(&figure.as_of)}</span>
                            {note.map(|n| view! { <span class="figure__meta">{n}</span> })}
                        }
                        .into_any()
                    }
                    _ => no_figure(lang),
                }
            })
            .collect();
        let rent_label = {
            let sources = rent_sources
                .iter()
                .filter_map(|id| city.source(id))
                .map(|s| view! { <span class="figure__meta">{t(lang).source} {t(lang).colon} <LocalizedText text=s.title.clone() lang=lang /></span> })
                .collect_view();
            view! { {l.row_rent} {sources} }.into_any()
        };
        let snow = areas.iter().map(|a| figure_short(lang, AreaMeasure::SnowDays, &a.measures).into_any()).collect();
        let reaches: Vec<_> = areas.iter().map(|a| area_reach(city, a)).collect();
        let station = reaches.iter().map(|r| reach_text(lang, r.to_tokyo.as_ref().map(|t| &t.station)).into_any()).collect();
        let univ = reaches.iter().map(|r| reach_text(lang, r.university.as_ref()).into_any()).collect();
        let work = reaches.iter().map(|r| reach_text(lang, r.workplace.as_ref()).into_any()).collect();
        Some(view! {
            <h3 id="compare-heading">{l.compare_heading}</h3>
            <div class="table-scroll" use:scroll_stop data-labelledby="compare-heading">
                <table class=columns role="table" aria-labelledby="compare-heading">
                    <thead role="rowgroup"><tr role="row"><td role="cell"></td>{head}</tr></thead>
                    <tbody role="rowgroup">
                        {row(l.row_type, types)}
                        {row_with(rent_label, rents)}
                        {row(l.col_snow, snow)}
                        {row(l.row_station, station)}
                        {row(l.row_university, univ)}
                        {row(l.row_workplace, work)}
                    </tbody>
                </table>
            </div>
            <p class="hint">{l.around_assumptions}</p>
            // With three, the other boxes are off: said, not left to be found out.
            {(areas.len() >= crate::app::MAX_COMPARE).then(|| view! { <p class="hint" id="compare-full">{l.compare_full}</p> })}
            // The button goes with the table: focus goes back to the areas' first "Compare" box.
            <button type="button" class="button" on:click=move |_| {
                state.compare.set(Vec::new());
                super::focus_first(".compare-box");
            }>{l.clear_compare}</button>
        }.into_any())
    }
}
