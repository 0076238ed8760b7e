//! Every source the data cites, with publisher, licence and as-of date, and the map attributions.

use super::text::{LocalizedText, MarkedText, NewTabLink};
use crate::app::AppState;
use crate::domain::model::Source;
use crate::domain::Lang;
use crate::i18n::t;
use leptos::prelude::*;

fn source_item(s: Source, lang: Lang) -> impl IntoView {
    let c = t(lang);
    let title = view! { <LocalizedText text=s.title.clone() lang=lang /> };
    let title = match s.url.clone() {
        Some(url) => view! { <NewTabLink href=url>{title}</NewTabLink> }.into_any(),
        None => title.into_any(),
    };
    let publisher = s.publisher.clone().map(|p| view! { <li>{c.publisher} {c.colon} <LocalizedText text=p lang=lang /></li> });
    let license = s.license.clone().map(|l| view! { <li>{c.license} {c.colon} <MarkedText text=l lang=lang /></li> });
    let as_of = s.as_of.clone().map(|d| view! { <li>{(c.as_of)(&d)}</li> });
    view! {
        <li class="sources__item">
            {title}
            <ul class="sources__meta">{publisher} {license} {as_of}</ul>
        </li>
    }
}

/// The panel's content: the data's date, every source, and the map's attributions.
pub(super) fn content(data: &crate::domain::Validated, lang: Lang) -> impl IntoView {
    let c = t(lang);
    let items = data.city.sources.iter().cloned().map(|s| source_item(s, lang)).collect_view();
    let updated = (!data.city.updated.is_empty()).then(|| view! { <p>{c.data_updated} {c.colon} {(c.date)(&data.city.updated)}</p> });
    view! {
        {updated}
        <ul class="sources__list">{items}</ul>
        <p class="sources__tiles"><MarkedText text=c.map_tiles.to_owned() lang=lang /></p>
        <p class="sources__tiles"><MarkedText text=c.boundary_data.to_owned() lang=lang /></p>
    }
}

#[component]
pub fn Sources() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // The list is built when the panel is opened, not at start: folded, it held a third of the
    // page's elements. The open state lives here, so a language switch keeps the panel open.
    let open = RwSignal::new(false);
    let on_toggle = move |ev: web_sys::Event| {
        let now = ev.target().and_then(|el| js_sys::Reflect::get(&el, &"open".into()).ok()).and_then(|v| v.as_bool());
        if let Some(now) = now {
            open.set(now);
        }
    };
    move || {
        state.data.with(Option::is_some).then(|| {
            view! {
                <details class="sources" prop:open=move || open.get() on:toggle=on_toggle>
                    <summary><h2 class="sources__title">{move || t(lang.get()).sources_heading}</h2></summary>
                    {move || {
                        let data = state.data.get()?;
                        open.get().then(|| content(&data, lang.get()))
                    }}
                </details>
            }
        })
    }
}

/// Where the sources go on paper (empty on screen, and hidden there by style/main.css): filled
/// when the page is about to print (components/print.rs), whether or not the panel was opened.
/// The panel builds its list only when opened, so a page printed without opening it had no
/// source, no data date and no map credit, and ended on a page with the panel's bare heading.
#[component]
pub fn PrintSources() -> impl IntoView {
    view! { <div class="print-sources"></div> }
}
