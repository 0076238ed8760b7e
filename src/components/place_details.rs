//! The details of the selected place: name, kind, address, description, link, facts and source.

use super::qr_code::QrCode;
use super::text::{LocalizedText, NewTabLink};
use crate::domain::url_state::{Mode, MAX_SHORTLIST};
use crate::app::AppState;
use crate::domain::model::{Figure, Place, Source};
use crate::domain::validate::Validated;
use crate::domain::{City, Lang};
use crate::i18n::{t, Catalog};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

fn active_element() -> Option<web_sys::HtmlElement> {
    super::active_element()?.dyn_into().ok()
}

/// Gives the focus back to the element the panel was opened from. When that is gone (the list
/// drawn anew in the other language, the row filtered out by a search, the marker redrawn), to
/// the same place's row, else to the list's heading, or to the map for a marker: the focus fell
/// to the page's start, and the next Tab began there.
fn return_focus(opener: Option<web_sys::HtmlElement>) {
    let Some(el) = opener else { return };
    if el.is_connected() {
        let _ = el.focus();
        return;
    }
    if el.class_list().contains("leaflet-marker-icon") {
        super::focus_first(".leaflet-container");
        return;
    }
    let same_row = el.get_attribute("data-place").and_then(|id| {
        let rows = web_sys::window()?.document()?.query_selector_all(".place-list__item[data-place]").ok()?;
        (0..rows.length())
            .filter_map(|i| rows.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|row| row.get_attribute("data-place").as_deref() == Some(id.as_str()))
    });
    if same_row.is_none_or(|row| row.focus().is_err()) {
        super::focus_first("#place-list-title");
    }
}

#[component]
pub fn PlaceDetails() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let heading = NodeRef::<leptos::html::H2>::new();
    // The element that had focus when the panel opened, to return focus to on close.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let place = Memo::new(move |_| {
        let id = state.selected.get()?;
        let data = state.data.get()?;
        data.city.place(&id).cloned().map(|p| (p, data.clone()))
    });
    // Focus moves to the heading when a place opens or another one does; not when the panel is
    // only drawn anew (a language switch made a new heading, and the page jumped to it, away
    // from the language button the visitor had just pressed).
    let focus_pending = StoredValue::new(false);
    crate::effect::effect(move |was: Option<Option<String>>| {
        let open = place.with(|p| p.as_ref().map(|(p, _)| p.id.clone()));
        let was_open = was.as_ref().is_some_and(Option::is_some);
        if open.is_some() && !was_open {
            opener.set_value(active_element());
        }
        if open.is_some() && was.as_ref() != Some(&open) {
            focus_pending.set_value(true);
        }
        // Closed by Back (or by the host page): focus inside the panel would fall to the page's
        // start with it, so it goes back where the panel was opened from, as Close does.
        if was_open && open.is_none() {
            let lost = active_element().is_none_or(|el| {
                !el.is_connected() || el.tag_name() == "BODY" || el.closest("section.details").ok().flatten().is_some()
            });
            if lost {
                return_focus(opener.get_value());
            }
        }
        // The heading of the place now open: the effect may run before the panel is redrawn.
        if let (Some(h), Some(id)) = (heading.get(), open.as_deref()) {
            if focus_pending.get_value() && h.get_attribute("data-place").as_deref() == Some(id) {
                // In a frame whose page does not have the focus, the place was chosen by the host
                // page (a command), not by the visitor: focus would leave the host's page and
                // scroll it to the frame, away from what the visitor was reading.
                let chosen_outside = state.mode == Mode::Embed
                    && !web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.has_focus().unwrap_or(true));
                // Focus scrolls only as far as the heading: a place opened from a shared link
                // showed its title and two lines at the foot of a laptop's sidebar. Its top goes
                // to the top. The panel's top, not the heading's: the Close button above the
                // heading was cut off at the top of a phone's screen and of a portrait kiosk's map.
                let panel = h.closest("section.details").ok().flatten();
                if state.mode == Mode::Embed {
                    // In a frame only the frame's own panel moves (`scroll_to_top`), and the focus
                    // scrolls nothing: either would scroll the host page too. A place the host
                    // chose, or `place=` in the frame's address, opened below the panel's fold
                    // (at y = 581 in a 450 px frame), and the visitor saw only its marker.
                    super::scroll_to_top(panel.as_ref().unwrap_or(&h));
                    if !chosen_outside {
                        super::focus_still(&h);
                    }
                } else {
                    let _ = h.focus();
                    match panel {
                        Some(p) => p.scroll_into_view_with_bool(true),
                        None => h.scroll_into_view_with_bool(true),
                    }
                }
                focus_pending.set_value(false);
            }
        }
        open
    });
    let close = move || {
        state.selected.set(None);
        return_focus(opener.get_value());
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    };
    // A link to a place the data does not have (removed since, or newer than an offline copy)
    // says so, instead of opening nothing without a word.
    let missing = move || {
        let id = state.selected.get()?;
        let data = state.data.get()?;
        if data.city.place(&id).is_some() {
            return None;
        }
        let l = lang.get();
        let text = (t(l).place_not_found)(&id, &data.city.updated);
        Some(view! {
            <div class="notice notice--warning details__missing" role="status">
                <p>{text}</p>
                // The notice goes with its button: the focus goes to the list of places.
                <button type="button" class="button" on:click=move |_| {
                    state.selected.set(None);
                    super::focus_when_drawn("#place-list-title".to_owned(), 3, false);
                }>{t(l).close}</button>
            </div>
        })
    };
    let shown = move || {
        let (p, data) = place.get()?;
        let l = lang.get();
        Some(view! {
            <section class="details" aria-labelledby="details-title" on:keydown=on_key>
                <h2 id="details-title" class="details__title" tabindex="-1" data-place=p.id.clone() node_ref=heading>
                    <LocalizedText text=p.name.clone() lang=l />
                </h2>
                <button type="button" class="details__close button" on:click=move |_| close()>
                    {t(l).close}
                </button>
                <StarButton id=p.id.clone() name=p.name.clone() />
                // Where the map is above the panel (a phone), the place on it is screens away:
                // the map has already moved to it (style/main.css shows this only there).
                <a class="jump-link details__to-map" href="#map-region">{super::text::arrowed(t(l).show_on_map)}</a>
                <Body place=p data=data lang=l />
            </section>
        })
    };
    view! { {missing} {shown} }
}

/// Stars or unstars a place for the shortlist.
#[component]
pub(super) fn StarButton(id: String, name: crate::domain::Localized) -> impl IntoView {
    let state = expect_context::<AppState>();
    let starred = {
        let id = id.clone();
        move || state.shortlist.with(|s| s.contains(&id))
    };
    let toggle = move |_| {
        state.shortlist.update(|s| {
            if let Some(at) = s.iter().position(|x| *x == id) {
                s.remove(at);
                return;
            }
            // Ids the data does not have (from a link made with other data) make room first.
            if s.len() >= MAX_SHORTLIST {
                s.retain(|x| state.is_known(x));
            }
            if s.len() < MAX_SHORTLIST {
                s.push(id.clone());
            }
        })
    };
    let icon = {
        let starred = starred.clone();
        move || if starred() { "★" } else { "☆" }
    };
    // The button says what a tap does: "Add" while the place is out, "Remove" once it is in.
    // As a toggle named "Add to shortlist" that stayed pressed, a touch visitor took the way to
    // take a place off the list for a second "Add". A line beside it says where the place is,
    // and says so to a screen reader as it changes.
    let label = {
        let starred = starred.clone();
        move || {
            let c = t(state.lang.get());
            if starred() { c.shortlist_unstar } else { c.shortlist_add }
        }
    };
    // A full shortlist takes no more: the button says it cannot add, and the line says why,
    // instead of a press that silently did nothing.
    let full = {
        let starred = starred.clone();
        move || !starred() && state.shortlist_known() >= MAX_SHORTLIST
    };
    let starred_now = starred.clone();
    let named = label.clone();
    let done = {
        let starred = starred.clone();
        let full = full.clone();
        move || {
            let c = t(state.lang.get());
            // The tick is for the eye: read aloud it was "check mark In your shortlist".
            if starred() {
                Some(view! { <span aria-hidden="true">"✓"</span> " " {c.shortlist_in} }.into_any())
            } else if full() {
                Some((c.shortlist_full)(MAX_SHORTLIST).into_any())
            } else {
                None
            }
        }
    };
    view! {
        <span class="details__star-line">
            // Named with what it stars: a place's and an area's buttons, both open at once, were
            // two "Add to shortlist" in a screen reader's list of buttons.
            <button type="button" class="details__star button" on:click=toggle
                aria-label=move || {
                    let l = state.lang.get();
                    (t(l).star_named)(named(), name.get(l))
                }
                aria-disabled=move || full().then_some("true")>
                <span aria-hidden="true">{icon}</span> " " {label}
            </button>
            <span class="details__starred" role="status">{done}</span>
            // A kiosk's take-home code is at the shortlist, below the place: a visitor who starred
            // a place scanned the code on screen, the place's website, for it.
            {move || (state.mode == Mode::Kiosk && starred_now()).then(|| view! {
                <a class="jump-link" href="#take-home">{t(state.lang.get()).take_home} " " <span aria-hidden="true">"↓"</span></a>
            })}
            // Elsewhere, the shortlist is below the place too: a phone that opened a kiosk's
            // take-home code showed the place's long description, and the shortlist the visitor
            // came for far below it.
            {move || {
                let n = state.shortlist.with(Vec::len);
                (state.mode != Mode::Kiosk && n > 0).then(|| view! {
                    <a class="jump-link" href="#shortlist-title">{super::text::arrowed(&(t(state.lang.get()).shortlist_jump)(n))}</a>
                })
            }}
        </span>
    }
}

#[component]
fn Body(place: Place, data: Arc<Validated>, lang: Lang) -> impl IntoView {
    // Borrowed from the shared data: a copy of the city would copy every place (100,000 in the
    // bench's largest file), and dropping it as much again, at every selection.
    let city = &data.city;
    let c = t(lang);
    let source = city.source(&place.source).cloned();
    let row = |label: &'static str, value: AnyView| view! { <dt>{label}</dt> <dd>{value}</dd> }.into_any();
    let mut rows = vec![row(c.kind, (c.kind_name)(place.kind).into_any())];
    if let Some(a) = place.address.clone() {
        rows.push(row(c.address, view! { <LocalizedText text=a lang=lang /> }.into_any()));
    }
    if let Some(url) = place.url.clone() {
        let kiosk = expect_context::<AppState>().mode == Mode::Kiosk;
        let link = if kiosk {
            // A kiosk never leaves the app: the visitor takes the link away as a QR code.
            let label = format!("{} {url}", c.open_link_qr);
            view! { <QrCode text=url label=label /> }.into_any()
        } else {
            let href = url.clone();
            view! { <NewTabLink href=href>{url}</NewTabLink> }.into_any()
        };
        rows.push(row(c.website, link));
    }
    rows.extend(facts(&place, city, lang));
    if let Some(precision) = place.precision {
        rows.push(row(c.location, (c.precision_name)(precision).into_any()));
    }
    if let Some(basis) = place.location_basis.clone() {
        rows.push(row(c.location_basis, view! { <LocalizedText text=basis lang=lang /> }.into_any()));
    }
    if let Some(s) = source {
        rows.push(row(c.source, source_view(&s, lang)));
    }
    let description = place.description.clone().map(|d| view! { <p class="details__description"><LocalizedText text=d lang=lang /></p> });
    view! {
        {description}
        <dl class="details__facts">{rows}</dl>
    }
}

/// A fact with its date, source and the note on how it was found. `dated` is whether the value is
/// itself the date it is as of (an opening day): then "As of" would repeat it.
fn figure_row<T>(label: &'static str, fig: &Option<Figure<T>>, c: &Catalog, city: &City, lang: Lang, show: impl Fn(&T) -> String, dated: impl Fn(&T, &str) -> bool) -> Option<AnyView> {
    let fig = fig.as_ref()?;
    let mut text = show(&fig.value);
    if fig.estimate {
        text.push_str(&(c.aside)(c.estimate));
    }
    let source = city.source(&fig.source).map(|s| view! { <LocalizedText text=s.title.clone() lang=lang /> });
    let meta = (!dated(&fig.value, &fig.as_of)).then(|| format!("{} · ", (c.as_of)(&fig.as_of)));
    let basis = super::text::basis_note(lang, fig.basis.as_ref());
    Some(view! { <dt>{label}</dt> <dd>{text} " " <span class="details__meta">{meta}{source}</span>{basis}</dd> }.into_any())
}

fn facts(place: &Place, city: &City, lang: Lang) -> Vec<AnyView> {
    let c = t(lang);
    let f = &place.facts;
    [
        figure_row(c.students, &f.students, c, city, lang, |n| (c.people)(*n), |_, _| false),
        figure_row(c.international_students, &f.international_students, c, city, lang, |n| (c.people)(*n), |_, _| false),
        figure_row(c.founded, &f.founded, c, city, lang, |y| (c.year)(*y), |_, _| false),
        // An opening day in words, as every date: "2012-04-01" stood beside "As of 1 April 2012".
        figure_row(c.opened, &f.opened, c, city, lang, |d| (c.date)(d), |d, as_of| d == as_of),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn source_view(s: &Source, lang: Lang) -> AnyView {
    let c = t(lang);
    let title = view! { <LocalizedText text=s.title.clone() lang=lang /> };
    let title = match s.url.clone() {
        Some(url) => view! { <NewTabLink href=url>{title}</NewTabLink> }.into_any(),
        None => title.into_any(),
    };
    let as_of = s.as_of.clone().map(|d| view! { <span class="details__meta">{format!(" · {}", (c.as_of)(&d))}</span> });
    view! { {title} {as_of} }.into_any()
}
