//! The chosen area's month beside Tokyo's: the assumptions, line by line with sources, the one-time
//! support and the notes that belong with the comparison.

use super::scroll_stop;
use super::place_details::StarButton;
use super::text::{basis_note, figure_meta, LocalizedText, NewTabLink};
use crate::app::AppState;
use crate::domain::costs::{self, Amount, Assumptions, BudgetLine, Origin, MAX_CHILDREN, MAX_OWN_FARE_THOUSANDS, MAX_TOKYO_TRIPS};
use crate::domain::living::{Household, Layout};
use crate::domain::model::Figure;
use crate::domain::{City, Lang};
use crate::i18n::{living, t, yen};
use leptos::prelude::*;

/// What stands beside a figure of the data: "estimate · as of · source", and its note.
fn figure_notes(city: &City, lang: Lang, figure: &Figure<u32>) -> (impl IntoView, impl IntoView) {
    let lead = figure.estimate.then_some(t(lang).estimate);
    (figure_meta(city, lang, lead, &figure.as_of, &figure.source), basis_note(lang, figure.basis.as_ref()))
}

/// "(¥12,000 × 2 round trips)" / 「（12,000円×2往復）」 beside a line counted more than once.
fn per_trip(lang: Lang, each: u32, times: u32) -> Option<String> {
    (times > 1).then(|| (t(lang).aside)(&format!("{}{}{}", yen(lang, u64::from(each)), t(lang).gap, (living(lang).times_trips)(times))))
}

/// One budget cell. `home` is the Nagaoka side, where a city-wide figure standing in for the
/// area's own is worth saying; `apart`, a Tokyo figure from another survey or date than the
/// Nagaoka figure beside it (said there: the caution was at the foot of the section, screens
/// below the rents it was about).
fn cell(city: &City, lang: Lang, line: &BudgetLine<'_>, home: bool, apart: bool) -> AnyView {
    let l = living(lang);
    match &line.amount {
        Amount::Known { yen: amount, figure, times, origin } => {
            let times = per_trip(lang, figure.value, *times);
            let city_wide = (home && *origin == Origin::Region && line.line != costs::Line::TokyoTrips).then_some(l.city_wide);
            let (meta, basis) = figure_notes(city, lang, figure);
            let apart = apart.then_some(l.other_survey);
            view! {
                <span class="money">{yen(lang, u64::from(*amount))}</span>{times}
                {meta}
                {city_wide.map(|c| view! { <span class="figure__meta">{c}</span> })}
                {apart.map(|c| view! { <span class="figure__meta figure__apart">{c}</span> })}
                {basis}
            }
            .into_any()
        }
        Amount::Own { yen: amount, each, times } => view! {
            <span class="money">{yen(lang, u64::from(*amount))}</span>
            {per_trip(lang, *each, *times)}
            <span class="figure__meta">{l.your_figure}</span>
        }
        .into_any(),
        Amount::NotChosen => view! { <span class="figure__none">{l.not_chosen}</span> }.into_any(),
        Amount::NoFigure => view! { <span class="figure__none">{l.no_figure}</span> }.into_any(),
    }
}

#[component]
fn AssumptionsForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let a = state.assumptions;
    let household = move |h: Household| {
        view! {
            <label class="choice">
                <input type="radio" name="household" prop:checked=move || a.get().household == h
                    on:change=move |_| a.update(|x| *x = x.for_household(h)) />
                <span>{move || (living(lang.get()).household_name)(h)}</span>
            </label>
        }
    };
    let layout = move |lay: Layout| {
        view! {
            <label class="choice">
                <input type="radio" name="layout" prop:checked=move || a.get().layout == lay
                    on:change=move |_| a.update(|x| x.layout = lay) />
                <span>{move || (living(lang.get()).layout_name)(lay)}</span>
            </label>
        }
    };
    // Steppers instead of typing: they work on a kiosk without a keyboard.
    let stepper = move |label: fn(Lang) -> &'static str, get: fn(&Assumptions) -> u8, set: fn(&mut Assumptions, u8), max: u8, min: u8, show: fn(Lang, u8) -> String| {
        let at_min = move || get(&a.get()) <= min;
        let at_max = move || get(&a.get()) >= max;
        // What a press says, in the language it was pressed in: the label with the value. The
        // value shown is not live: a language switch made it speak ("not given") beside the
        // list's count, and a press said a bare number.
        let said = RwSignal::new((lang.get_untracked(), String::new()));
        let say = move || {
            let l = lang.get_untracked();
            said.set((l, format!("{}{}{}", label(l), t(l).colon, show(l, get(&a.get_untracked())))));
        };
        view! {
            <div class="stepper" role="group" aria-label=move || label(lang.get())>
                <span class="stepper__label">{move || label(lang.get())}</span>
                <span class="stepper__controls">
                // aria-disabled, not disabled, at a limit: a disabled button loses the focus,
                // which fell to the page's body at 0 trips.
                <button type="button" class="button stepper__button" aria-label=move || living(lang.get()).fewer
                    aria-disabled=move || at_min().to_string() on:click=move |_| { a.update(|x| set(x, get(x).saturating_sub(1).max(min))); say(); }>"−"</button>
                <output class="stepper__value" aria-live="off">{move || show(lang.get(), get(&a.get()))}</output>
                <button type="button" class="button stepper__button" aria-label=move || living(lang.get()).more
                    aria-disabled=move || at_max().to_string() on:click=move |_| { a.update(|x| set(x, (get(x) + 1).min(max))); say(); }>"+"</button>
                </span>
                // Emptied when the language changes (a removal is not read), so that nothing is
                // said again, and nothing stale is found in the other language.
                <span class="visually-hidden" aria-live="polite">{move || said.with(|(l, text)| if *l == lang.get() { text.clone() } else { String::new() })}</span>
            </div>
        }
    };
    view! {
        <fieldset class="assumptions" id="assumptions">
            <legend>{move || living(lang.get()).assumptions}</legend>
            <fieldset class="choices">
                <legend>{move || living(lang.get()).household}</legend>
                {Household::ALL.iter().copied().map(household).collect_view()}
            </fieldset>
            <super::When when=move || a.get().household == Household::Family>
                {stepper(|l| living(l).children, |x| x.children, |x, n| x.children = n, MAX_CHILDREN, 1, |_, n| n.to_string())}
            </super::When>
            <fieldset class="choices">
                <legend>{move || living(lang.get()).layout}</legend>
                {Layout::ALL.iter().copied().map(layout).collect_view()}
            </fieldset>
            <label class="choice">
                <input type="checkbox" prop:checked=move || a.get().car on:change=move |_| a.update(|x| x.car = !x.car) />
                <span>{move || living(lang.get()).car}</span>
            </label>
            <label class="choice">
                <input type="checkbox" prop:checked=move || a.get().transit_pass on:change=move |_| a.update(|x| x.transit_pass = !x.transit_pass) />
                <span>{move || living(lang.get()).transit_pass}</span>
            </label>
            {stepper(|l| living(l).trips, |x| x.tokyo_trips, |x, n| x.tokyo_trips = n, MAX_TOKYO_TRIPS, 0, |_, n| n.to_string())}
            // The data has no Shinkansen fare yet; the mover can give their own, in ¥1,000 steps.
            {stepper(|l| living(l).own_fare, |x| x.own_fare_thousands, |x, n| x.own_fare_thousands = n, MAX_OWN_FARE_THOUSANDS, 0, fare_text)}
            // A fare of ¥20,000 was twenty taps of +: a slider gets there in one drag, and its
            // arrow keys still step by ¥1,000.
            <input type="range" class="fare-slider" min="0" max=MAX_OWN_FARE_THOUSANDS.to_string() step="1"
                aria-label=move || living(lang.get()).own_fare
                aria-valuetext=move || fare_text(lang.get(), a.get().own_fare_thousands)
                prop:value=move || a.get().own_fare_thousands.to_string()
                on:input=move |ev| {
                    if let Ok(k) = event_target_value(&ev).parse::<u8>() {
                        a.update(|x| x.own_fare_thousands = k.min(MAX_OWN_FARE_THOUSANDS));
                    }
                } />
        </fieldset>
    }
}

/// The mover's own fare, in words: "not given" for none.
fn fare_text(lang: Lang, thousands: u8) -> String {
    match thousands {
        0 => living(lang).not_given.to_owned(),
        k => yen(lang, u64::from(k) * 1000),
    }
}

#[component]
fn SupportList() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let data = state.data.get()?;
        let lang = state.lang.get();
        let l = living(lang);
        let a = state.assumptions.get();
        let grants = costs::support_for(&data.city.costs.support, &a);
        // Each amount with its date, its source and the note on how sure it is, as every other
        // figure: an amount the city's page did not confirm was shown flat.
        let item = |s: &crate::domain::living::Support, up_to: u64| {
            // A line of its own: its 44 px target inside the sentence made the sentence's last line
            // as tall, a gap in the middle of the conditions.
            let link = s.url.clone().map(|u| view! { <NewTabLink href=u>{t(lang).website}</NewTabLink> });
            let (meta, basis) = figure_notes(&data.city, lang, &s.amount_yen);
            view! {
                <li>
                    <strong><LocalizedText text=s.name.clone() lang=lang /></strong> " " <span class="money">{(l.up_to)(up_to)}</span>
                    " " {meta} {basis}
                    <p class="support__conditions">{l.conditions} {t(lang).colon} <LocalizedText text=s.conditions.clone() lang=lang /></p>
                    {link}
                </li>
            }
        };
        let movers = grants.iter().map(|g| item(g.support, g.up_to_yen)).collect_view();
        let companies = costs::company_support(&data.city.costs.support).map(|s| item(s, u64::from(s.amount_yen.value))).collect_view();
        let notes = data.city.costs.notes.iter().cloned().map(|n| view! { <li><LocalizedText text=n lang=lang /></li> }).collect_view();
        Some(view! {
            <h4>{l.support_heading}</h4>
            <ul class="support">{movers}</ul>
            <details class="support__companies">
                <summary>{l.company_heading}</summary>
                <ul class="support">{companies}</ul>
            </details>
            <h4>{l.notes_heading}</h4>
            <ul class="notes">{notes}</ul>
        })
    }
}

#[component]
pub fn Budget() -> impl IntoView {
    let state = expect_context::<AppState>();
    let table = move || {
        let data = state.data.get()?;
        let lang = state.lang.get();
        let l = living(lang);
        let city = &data.city;
        let area = state.area.get().and_then(|id| city.area(&id).cloned());
        let a = state.assumptions.get();
        let here = costs::budget(area.as_ref(), &city.costs.city, &a, false);
        let tokyo = costs::budget(None, &city.costs.tokyo, &a, true);
        let name = match &area {
            Some(x) => x.name.get(lang).to_owned(),
            None => l.whole_city.to_owned(),
        };
        let (here_label, tokyo_label) = (name.clone(), l.tokyo);
        // Lines whose two figures come from different surveys or dates: said in their Tokyo cell,
        // and left out of the comparable total, where they are named.
        let apart_lines: Vec<costs::Line> =
            here.lines.iter().zip(tokyo.lines.iter()).filter(|(h, k)| costs::apart(&h.amount, &k.amount)).map(|(h, _)| h.line).collect();
        let rows = here
            .lines
            .iter()
            .zip(tokyo.lines.iter())
            .map(|(h, k)| {
                let apart = apart_lines.contains(&h.line);
                view! {
                    <tr role="row" data-line=h.line.as_str()>
                        <th role="rowheader" scope="row">{(l.line_name)(h.line)}</th>
                        <td role="cell" data-label=here_label.clone()>{cell(city, lang, h, true, false)}</td>
                        <td role="cell" data-label=tokyo_label>{cell(city, lang, k, false, apart)}</td>
                    </tr>
                }
            })
            .collect_view();
        // The lines a side's own total leaves out, by name: "3 lines" did not say that one side's
        // total had no rent in it.
        let missing = |b: &costs::Budget<'_>| {
            let names: Vec<&str> =
                b.lines.iter().filter(|x| x.amount == Amount::NoFigure).map(|x| (l.line_name)(x.line)).collect();
            (!names.is_empty()).then(|| view! { <span class="figure__meta">{(l.missing_lines)(&names.join(l.list_joiner))}</span> })
        };
        // A sum, or words where there is none: "¥0" read as "costs nothing".
        let amount_or = |known: bool, sum: u64, key: &'static str, none: &'static str| {
            if known {
                view! { <span class="money" data-total=key>{yen(lang, sum)}</span> }.into_any()
            } else {
                view! { <span class="figure__none" data-total=key>{none}</span> }.into_any()
            }
        };
        let amount = move |known: bool, sum: u64, key: &'static str| amount_or(known, sum, key, l.no_figure);
        let total = |b: &costs::Budget<'_>, key: &'static str| amount(b.has_figures(), b.total_yen(), key);
        // Where a side lacks figures the other has, the two sides' totals compare different lines
        // (an area with only its rent known looked a sixth of Tokyo's month): the total of the
        // lines both have comes first and in bold, each side's own total after it.
        let foot = if here.missing() + tokyo.missing() == 0 && apart_lines.is_empty() {
            view! {
                <tr role="row" class="budget__total">
                    <th role="rowheader" scope="row">{l.total_every_line}</th>
                    <td role="cell" data-label=name.clone()>{total(&here, "here")}</td>
                    <td role="cell" data-label=l.tokyo>{total(&tokyo, "tokyo")}</td>
                </tr>
            }
            .into_any()
        } else {
            let (h, k, n) = costs::like_for_like(&here, &tokyo);
            let no_rent = |b: &costs::Budget<'_>| b.line(costs::Line::Rent).is_none_or(|x| x.amount == Amount::NoFigure);
            let rent_apart = apart_lines.contains(&costs::Line::Rent);
            let rent_out = (no_rent(&here) || no_rent(&tokyo) || rent_apart).then(|| view! { <span class="figure__meta">{l.rent_not_in}</span> });
            // Other lines left out for the same reason, by name (rent has its own words above).
            let others: Vec<&str> = apart_lines.iter().filter(|&&x| x != costs::Line::Rent).map(|&x| (l.line_name)(x)).collect();
            let others_out = (!others.is_empty()).then(|| view! { <span class="figure__meta">{(l.apart_lines)(&others.join(l.list_joiner))}</span> });
            view! {
                <tr role="row" class="budget__total budget__same">
                    <th role="rowheader" scope="row">{l.like_for_like} <span class="figure__meta">{(l.like_for_like_lines)(n)}</span> {rent_out} {others_out}</th>
                    // Nothing to compare is not a missing figure: both rents may be there, apart.
                    <td role="cell" data-label=name.clone()>{amount_or(n > 0, h, "here-same", l.nothing_comparable)}</td>
                    <td role="cell" data-label=l.tokyo>{amount_or(n > 0, k, "tokyo-same", l.nothing_comparable)}</td>
                </tr>
                <tr role="row" class="budget__own">
                    <th role="rowheader" scope="row">{l.total}</th>
                    <td role="cell" data-label=name.clone()>{total(&here, "here")} {missing(&here)}</td>
                    <td role="cell" data-label=l.tokyo>{total(&tokyo, "tokyo")} {missing(&tokyo)}</td>
                </tr>
            }
            .into_any()
        };
        // Rent in one survey for both cities: the rent lines above come from different surveys
        // and years, and for most households one side has none, so the totals leave rent out and
        // a family's month in Nagaoka looked dearer than Tokyo's. A ratio of two sourced figures.
        let per_tatami = |m: &crate::domain::living::Measures| m.rent_yen_per_tatami.clone();
        let tatami = match (per_tatami(&city.costs.city), per_tatami(&city.costs.tokyo)) {
            (Some(h), Some(k)) if k.value > 0 => {
                let pct = (u64::from(h.value) * 100 + u64::from(k.value) / 2) / u64::from(k.value);
                // One survey and month for both (the point of the row): its date and source once.
                let same = h.source == k.source && h.as_of == k.as_of;
                let once = same.then(|| figure_meta(city, lang, None, &h.as_of, &h.source));
                let each = |f: &Figure<u32>| (!same).then(|| figure_meta(city, lang, None, &f.as_of, &f.source));
                Some(view! {
                    <tr role="row" class="budget__tatami">
                        <th role="rowheader" scope="row">
                            {l.rent_tatami} <span class="budget__ratio">{(l.rent_tatami_ratio)(pct)}</span> {once}
                        </th>
                        <td role="cell" data-label=l.whole_city><span class="money">{yen(lang, u64::from(h.value))}</span> {each(&h)}</td>
                        <td role="cell" data-label=l.tokyo><span class="money">{yen(lang, u64::from(k.value))}</span> {each(&k)}</td>
                    </tr>
                })
            }
            _ => None,
        };
        let star = area.as_ref().map(|x| view! { <StarButton id=x.id.clone() name=x.name.clone() /> });
        // The area in the city's own words: what kind of place it is ("Among hills, with heavy
        // snow"). The data had it for every area and the page showed it nowhere; for the hills,
        // whose snow has no figure, it was the only word on their snow.
        let about = area.as_ref().and_then(|x| x.description.clone()).map(|d| view! { <p class="budget__about"><LocalizedText text=d lang=lang /></p> });
        // The distances from the area come after the month, its support and notes: a phone's
        // page further down, where nothing said they were.
        // From a point tapped on the map, the link says so: the table it leads to measures from
        // there, and the tap changed nothing else in sight.
        let around = area.as_ref().map(|_| {
            let name = name.clone();
            let text = move || {
                let from = if state.from_point.get().is_some() { l.around_point } else { name.as_str() };
                super::text::arrowed(&format!("{} ↓", (l.around_heading)(from)))
            };
            view! { <a class="jump-link" href="#around-heading">{text}</a> }
        });
        // Choosing an area brings its month into view, below the assumptions: a couple or a
        // family had to scroll back up some 660 px on a phone to say so.
        let change = view! { <a class="jump-link" href="#assumptions">{super::text::arrowed(&format!("{} ↑", l.change_assumptions))}</a> };
        Some(view! {
            <h3 id="budget-heading" tabindex="-1" data-area=area.as_ref().map(|x| x.id.clone()).unwrap_or_default()>{(l.budget_heading)(&name)}</h3>
            {star}
            {change}
            {around}
            <div class="table-scroll" use:scroll_stop data-labelledby="budget-heading">
                <table class="budget" role="table" aria-labelledby="budget-heading">
                    <thead role="rowgroup"><tr role="row">
                        <th role="columnheader" scope="col">{l.col_line}</th>
                        <th role="columnheader" scope="col">{name.clone()}</th>
                        <th role="columnheader" scope="col">{l.tokyo}</th>
                    </tr></thead>
                    <tbody role="rowgroup">{rows}</tbody>
                    <tfoot role="rowgroup">{foot} {tatami}</tfoot>
                </table>
            </div>
            // After the figures: Nagaoka's few lines filled a 450 px frame's whole panel, and its
            // month began a screen and a half down.
            {about}
        })
    };
    view! {
        <section class="budget-panel">
            <AssumptionsForm />
            {table}
            // A task of its own: with the table, one task of about 100 ms of a phone's time.
            <crate::app::Later><SupportList /></crate::app::Later>
        </section>
    }
}
