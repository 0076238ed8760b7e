//! The areas of the city: what the map layer colours them by, a table of their figures (the
//! accessible view of the layer), and the chosen area's budget, comparison and distances.

use super::scroll_stop;
use super::budget::Budget;
use super::compare::Compare;
use super::getting_around::GettingAround;
use super::text::{basis_note, figure_meta};
use crate::app::{AppState, Deferred, MAX_COMPARE};
use crate::domain::living::{classes, scale_range, Area, AreaMeasure, MeasureValue, Measures, CLASSES};
use crate::domain::{City, Lang};
use crate::i18n::{living, t};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A measure's value as the table and legend show it.
pub fn show_measure(lang: Lang, m: AreaMeasure, value: f64) -> String {
    let l = living(lang);
    match m {
        AreaMeasure::LandPrice => (l.yen_per_m2)(value.round() as u32),
        AreaMeasure::SnowDays => (l.days)(value),
        AreaMeasure::Population => (t(lang).people)(value.round() as u32),
        AreaMeasure::Density => (l.per_km2)(value),
    }
}

/// The note for a figure the data does not have, the same in every table (muted, in italics).
pub fn no_figure(lang: Lang) -> AnyView {
    view! { <span class="figure__none">{living(lang).no_figure}</span> }.into_any()
}

/// "value (estimate) · as of · source" and the note on how the figure was found, for one cell:
/// "one survey point, not an average for the area" is what makes a land price readable.
fn figure_view(city: &City, lang: Lang, text: String, v: &MeasureValue<'_>) -> AnyView {
    let c = t(lang);
    let estimate = v.estimate.then(|| (c.aside)(c.estimate));
    view! { {text}{estimate} {figure_meta(city, lang, None, v.as_of, v.source)}{basis_note(lang, v.basis)} }.into_any()
}

/// One figure cell of the table of areas, or the "no figure" note.
pub fn figure_cell(city: &City, lang: Lang, m: AreaMeasure, measures: &Measures) -> impl IntoView {
    match m.of(measures) {
        Some(v) => figure_view(city, lang, show_measure(lang, m, v.value), &v),
        None => no_figure(lang),
    }
}

/// The area's land area, with its date and source as every figure ("about 42 km²" was shown as
/// an exact 42 km², with neither).
fn size_cell(city: &City, lang: Lang, measures: &Measures) -> AnyView {
    match &measures.area_km2 {
        Some(f) => {
            figure_view(city, lang, format!("{} km²", f.value), &MeasureValue::of_figure(f))
        }
        None => no_figure(lang),
    }
}

/// A figure in few words for the comparison: the value and its as-of date (the table of areas
/// above it names the source).
pub fn figure_short(lang: Lang, m: AreaMeasure, measures: &Measures) -> impl IntoView {
    match m.of(measures) {
        Some(v) => {
            let meta = (t(lang).as_of)(v.as_of);
            view! { {show_measure(lang, m, v.value)} <span class="figure__meta">{meta}</span> }.into_any()
        }
        None => no_figure(lang),
    }
}

/// The colour class of each area for a measure.
pub fn area_classes(areas: &[Area], m: AreaMeasure) -> Vec<Option<usize>> {
    let values: Vec<Option<f64>> = areas.iter().map(|a| m.of(&a.measures).map(|v| v.value)).collect();
    classes(&values)
}

#[component]
fn LayerPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let option = move |m: Option<AreaMeasure>| {
        let label = move || match m {
            Some(m) => (living(lang.get()).measure)(m),
            None => living(lang.get()).layer_off,
        };
        view! {
            <label class="choice">
                <input type="radio" name="area-layer" prop:checked=move || state.measure.get() == m
                    on:change=move |_| state.measure.set(m) />
                <span>{label}</span>
            </label>
        }
    };
    let legend = move || {
        let lang = lang.get();
        let l = living(lang);
        state.measure.get().map(|m| {
            let swatches = (0..CLASSES).map(|c| view! { <span class=format!("swatch area-class-{c}")></span> }).collect_view();
            // The colours run evenly from 0 to the largest value: the two ends in figures, so a
            // colour reads as an amount (density was shown as nothing but colour).
            let ends = state.data.with(|d| {
                let d = d.as_ref()?;
                scale_range(d.city.areas.iter().filter_map(|a| m.of(&a.measures).map(|v| v.value)))
            });
            // How many areas have no figure: with the snow's two of eleven, the two darkest
            // circles (the centre and the coast) looked like the snowiest places, and the hills,
            // greyed, like places without snow.
            let missing = state.data.with(|d| d.as_ref().map(|d| (d.city.areas.iter().filter(|a| m.of(&a.measures).is_none()).count(), d.city.areas.len())));
            let missing = missing.filter(|(n, _)| *n > 0).map(|(n, all)| (l.legend_missing)(n, all));
            let (low, high) = match ends {
                Some((lo, hi)) => (show_measure(lang, m, lo), show_measure(lang, m, hi)),
                None => (l.legend_low.to_owned(), l.legend_high.to_owned()),
            };
            view! {
                // Two groups that wrap whole: the high end fell to the next line beside the grey
                // dot ("733 = grey"), or the grey dot stayed beside the high end, its words below.
                <p class="legend" aria-hidden="true">
                    <span class="legend__scale"><span class="legend__low">{low}</span> <span class="legend__run">{swatches} <span class="legend__high">{high}</span></span></span>
                    <span class="legend__none"><span class="swatch area-class-none"></span> <span>{l.legend_none}{missing}</span></span>
                </p>
            }
        })
    };
    view! {
        <fieldset class="living__layer">
            <legend>{move || living(lang.get()).layer_legend}</legend>
            {option(None)}
            {AreaMeasure::ALL.iter().copied().map(|m| option(Some(m))).collect_view()}
        </fieldset>
        {legend}
    }
}

#[component]
fn AreaRow(area: Area, data: Arc<crate::domain::Validated>, lang: Lang) -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = living(lang);
    let city = &data.city;
    let name = area.name.get(lang).to_owned();
    let id = area.id.clone();
    let (id1, id2) = (id.clone(), id.clone());
    let chosen = Memo::new(move |_| state.area.get().as_deref() == Some(id1.as_str()));
    let compared = Memo::new(move |_| state.compare.with(|c| c.contains(&id2)));
    // Three areas this data has: ids it lacks (a link made with other data) take no room.
    let full = move || state.data.with(|d| d.as_ref().is_some_and(|d| state.compare.with(|c| c.iter().filter(|x| d.city.area(x).is_some()).count() >= MAX_COMPARE)));
    let toggle = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            // A box that cannot take a fourth area stays unticked (it is aria-disabled, not
            // disabled, so that a screen reader reaches it and hears why; the browser ticked it).
            let refused = state.compare.with_untracked(|c| !c.contains(&id)) && untrack(full);
            if refused {
                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    input.set_checked(false);
                }
                return;
            }
            state.compare.update(|c| {
                if let Some(i) = c.iter().position(|x| *x == id) {
                    c.remove(i);
                    return;
                }
                // Areas the data does not have (a link made with other data) make room first:
                // they filled the three places and turned every box off.
                if c.len() >= MAX_COMPARE {
                    c.retain(|x| state.is_known(x));
                }
                if c.len() < MAX_COMPARE {
                    c.push(id.clone());
                }
            })
        }
    };
    let choose = {
        let id = id.clone();
        move |_| state.choose_area(id.clone())
    };
    let area_type = area.area_type.map_or_else(|| no_figure(lang), |a| (l.area_type)(a).into_any());
    let size = size_cell(city, lang, &area.measures);
    // Each cell carries its column's name, shown above it where the rows are laid out as cards
    // (style/living.css).
    view! {
        <tr role="row" class:area-row--chosen=chosen>
            <th role="rowheader" scope="row">
                <button type="button" class="link-button" aria-current=move || chosen.get().then_some("true") on:click=choose>
                    {name.clone()}
                </button>
            </th>
            <td role="cell" data-label=l.col_type>{area_type}</td>
            <td role="cell" data-label=l.col_population>{figure_cell(city, lang, AreaMeasure::Population, &area.measures)}</td>
            <td role="cell" data-label=l.col_size>{size}</td>
            <td role="cell" data-label=l.col_land>{figure_cell(city, lang, AreaMeasure::LandPrice, &area.measures)}</td>
            <td role="cell" data-label=l.col_snow>{figure_cell(city, lang, AreaMeasure::SnowDays, &area.measures)}</td>
            <td role="cell" class="areas__compare">
                <label class="areas__compare-label">
                    // Off at three areas: said by the comparison's note, which the box points to (a
                    // disabled box was skipped by Tab and read "unavailable" without a reason).
                    <input type="checkbox" class="compare-box" aria-label=(l.compare_box)(&name)
                        prop:checked=compared
                        aria-disabled=move || (full() && !compared.get()).then_some("true")
                        aria-describedby=move || (full() && !compared.get()).then_some("compare-full")
                        on:change=toggle />
                    <span aria-hidden="true">{l.compare_short}</span>
                </label>
                // The comparison is below every area (on a phone, screens further down): a ticked
                // box says where it went.
                {move || compared.get().then(|| view! { <a class="jump-link areas__to-compare" href="#compare-heading">{super::text::arrowed(l.see_comparison)}</a> })}
            </td>
        </tr>
    }
}

/// Brings the budget into view when an area is chosen (the panel may be far down, or below the
/// map on a phone), and focus with it: a keyboard user's focus stayed on the area's button, far
/// above the screen, and the next Tab went back up there.
fn follow_choice(state: AppState) {
    crate::effect::effect(move |prev: Option<Option<String>>| {
        let now = state.area.get();
        if let (Some(prev), Some(id)) = (prev, now.as_deref()) {
            if prev.as_deref() != Some(id) {
                // Once the panel is drawn for the new area (the first area chosen draws it anew,
                // in a task of its own, which on a busy phone can come many frames later). The
                // heading of the area before (or of the whole city) may still be there in the
                // first frames: focus on it was lost when it was replaced.
                super::focus_when_drawn(format!("#budget-heading[data-area=\"{id}\"]"), 60, true);
            }
        }
        now
    });
}

/// A link from the top of the sidebar down to the areas and costs.
#[component]
pub fn LivingLink() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! { <a class="jump-link" href="#living-heading">{move || living(state.lang.get()).heading}</a> }
}

/// How many area cards are built in one task (see `LivingPanel`).
const ROWS_PER_TASK: usize = 3;

#[component]
pub fn LivingPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    follow_choice(state);
    let table = move || {
        let data = state.data.get()?;
        let lang = lang.get();
        let l = living(lang);
        (!data.city.areas.is_empty()).then(|| {
            // A few cards per task: the eleven in one were a task of about 70 ms of a phone's time.
            let rows = data
                .city
                .areas
                .chunks(ROWS_PER_TASK)
                .map(|part| {
                    let (part, data) = (part.to_vec(), data.clone());
                    view! {
                        <crate::app::Later>
                            {
                                let (part, data) = (part.clone(), data.clone());
                                part.into_iter().map(move |a| view! { <AreaRow area=a data=data.clone() lang=lang /> }).collect_view()
                            }
                        </crate::app::Later>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll" use:scroll_stop data-labelledby="areas-caption">
                    // Explicit roles: the rows are laid out as cards, and a table whose rows
                    // are grids loses its meaning for some screen readers without them.
                    <table class="areas" role="table" aria-labelledby="areas-caption">
                        <caption id="areas-caption">{l.table_caption}</caption>
                        <thead role="rowgroup"><tr role="row">
                            <th role="columnheader" scope="col">{l.col_area}</th><th role="columnheader" scope="col">{l.col_type}</th>
                            <th role="columnheader" scope="col">{l.col_population}</th><th role="columnheader" scope="col">{l.col_size}</th>
                            <th role="columnheader" scope="col">{l.col_land}</th><th role="columnheader" scope="col">{l.col_snow}</th>
                            <th role="columnheader" scope="col">{l.compare_heading}</th>
                        </tr></thead>
                        <tbody role="rowgroup">{rows}</tbody>
                    </table>
                </div>
            }
        })
    };
    view! {
        <section class="living" aria-labelledby="living-heading">
            <h2 id="living-heading">{move || living(lang.get()).heading}</h2>
            <p class="living__intro">{move || living(lang.get()).intro}</p>
            <LayerPicker />
            // In a task of its own: eleven cards of figures and sources.
            <crate::app::Later>{table}</crate::app::Later>
            // Each part mounts in a task of its own: together they were one task of about 250 ms
            // of a phone's time, which held back any touch or key that came meanwhile.
            <Deferred><Budget /></Deferred>
            <Deferred><Compare /></Deferred>
            <Deferred><GettingAround /></Deferred>
        </section>
    }
}
