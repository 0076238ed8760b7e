//! Loading state, load failures with a Retry button, and the problems found in the data.

use super::scroll_stop;
use crate::app::{AppState, LoadStatus};
use crate::data::LoadError;
use crate::domain::url_state::Mode;
use crate::domain::Lang;
use crate::domain::problem::group_problems;
use crate::i18n::{describe_group, describe_problem, t};
use leptos::prelude::*;

fn reason(e: &LoadError, lang: Lang) -> String {
    let c = t(lang);
    match e {
        LoadError::BadUrl(url) => (c.reason_bad_url)(url),
        LoadError::OriginRefused(origin) => (c.reason_origin)(origin),
        LoadError::Network => c.reason_network.to_owned(),
        LoadError::Timeout(s) => (c.reason_timeout)(*s),
        LoadError::Status(code) => (c.reason_status)(*code),
        LoadError::Invalid(problem) => describe_problem(problem, lang),
    }
}

#[component]
pub fn StatusBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // The file's address as given when it may not be used: a refused origin's message said
    // "from ." without it.
    let url = move || match state.data_url.get_value() {
        Ok(url) => url,
        Err(LoadError::BadUrl(u)) => u,
        Err(_) => state.data_param.get_value().unwrap_or_default(),
    };
    let loading = move || {
        (state.status.get() == LoadStatus::Loading).then(|| {
            // A saved copy on screen meanwhile says so, and from when.
            let saved = state.data.with(Option::is_some).then(|| state.loaded_at.get()).flatten();
            match saved {
                Some(when) => view! { <span>{(t(lang.get()).saved_while_loading)(&when)}</span> }.into_any(),
                None => view! { <span>{t(lang.get()).loading}</span> }.into_any(),
            }
        })
    };
    // Retry takes its button away while the data loads: the focus went to the page's body and
    // stayed there. It waits on the loading line, then goes to the new Retry if the load fails
    // again, or to the list of places once there are some.
    let retried = StoredValue::new(false);
    let live = NodeRef::<leptos::html::P>::new();
    let retry = move |_| {
        retried.set_value(true);
        state.reload();
        if let Some(p) = live.get_untracked() {
            let _ = p.focus();
        }
    };
    crate::effect::effect(move |_| {
        let status = state.status.get();
        if !retried.get_value() {
            return;
        }
        match status {
            LoadStatus::Loading => {}
            LoadStatus::Failed(_) => super::focus_when_drawn(".notice--error button".to_owned(), 3, false),
            _ => {
                retried.set_value(false);
                super::focus_when_drawn("#place-list-title".to_owned(), 3, false);
            }
        }
    });
    // A kiosk whose map still has its places says calmly that they are not the latest: the
    // file's address and an alert were for the city's staff, not for a student at a fair, and
    // the next visitor's reset tries again (components/kiosk.rs).
    let calm = move || state.mode == Mode::Kiosk && state.data.with(Option::is_some);
    let failure = move || match state.status.get() {
        LoadStatus::Failed(_) if calm() => state.loaded_at.get().map(|when| {
            let c = t(lang.get());
            view! {
                <div class="notice notice--info">
                    <p>{(c.stale_notice)(&when)}</p>
                    <button type="button" class="button" on:click=retry>{c.retry}</button>
                </div>
            }
            .into_any()
        }),
        LoadStatus::Failed(e) => Some(view! {
            <div class="notice notice--error" role="alert">
                <h2 class="notice__title">{t(lang.get()).load_failed_heading}</h2>
                <p>{(t(lang.get()).load_failed)(&url())} {t(lang.get()).gap} {reason(&e, lang.get())}</p>
                {move || state.loaded_at.get().map(|when| view! { <p>{(t(lang.get()).stale_notice)(&when)}</p> })}
                <button type="button" class="button" on:click=retry>
                    {t(lang.get()).retry}
                </button>
            </div>
        }
        .into_any()),
        _ => None,
    };
    let problems = move || {
        let data = state.data.get()?;
        if data.problems.is_empty() {
            return None;
        }
        let l = lang.get();
        // Alike problems of many records are one line, naming the first few records.
        let items = group_problems(&data.problems)
            .iter()
            .map(|g| view! { <li>{describe_group(g, l)}</li> })
            .collect_view();
        // With not one place left, the problems are the whole story: open, and said so.
        let none_shown = data.city.places.is_empty();
        let count = if none_shown { t(l).problem_count_none_shown } else { t(l).problem_count };
        Some(view! {
            <details class="notice notice--warning" prop:open=none_shown>
                <summary>{count(data.problems.len())}</summary>
                <ul class="notice__list" use:scroll_stop aria-label=t(l).problems_heading>{items}</ul>
            </details>
        })
    };
    // The data is the service worker's saved copy: said, with its date.
    let copy = move || {
        let at = state.from_copy.get()?;
        (state.status.get() == LoadStatus::Ready).then(|| {
            let c = t(lang.get());
            let text = if at.is_empty() { c.saved_copy_undated.to_owned() } else { (c.saved_copy)(&at) };
            view! {
                <div class="notice notice--info">
                    <p>{text}</p>
                    <button type="button" class="button" on:click=move |_| state.reload()>{c.retry}</button>
                </div>
            }
        })
    };
    view! {
        <div class="status-bar">
            <p class="status-bar__live" role="status" tabindex="-1" node_ref=live>{loading}</p>
            {copy}
            {failure}
            {problems}
        </div>
    }
}
