//! Data text in the chosen language, always as a text node, marked when it falls back.

use crate::domain::model::japanese_runs;
use crate::domain::{Lang, Localized};
use crate::i18n::t;
use leptos::prelude::*;

/// Shows `text` in `lang`; when only the other language exists, shows that with its own `lang`
/// attribute and a visible "(in Japanese only)" note. Japanese quoted in an English text (a
/// town's name, a file's name) is marked `lang="ja"` within it.
#[component]
pub fn LocalizedText(text: Localized, lang: Lang) -> impl IntoView {
    let picked = text.pick(lang);
    let note = picked.is_fallback.then(|| {
        view! { <span class="untranslated">" " {t(lang).untranslated}</span> }
    });
    let runs = match picked.lang {
        Lang::Ja => vec![(false, picked.text)],
        Lang::En => japanese_runs(picked.text),
    };
    // A text wholly in Japanese is marked so as a whole.
    let outer = if let [(true, _)] = runs.as_slice() { Lang::Ja } else { picked.lang };
    let content = if runs.len() == 1 {
        picked.text.to_owned().into_any()
    } else {
        runs.into_iter()
            .map(|(ja, run)| if ja { view! { <span lang="ja">{run.to_owned()}</span> }.into_any() } else { run.to_owned().into_any() })
            .collect_view()
            .into_any()
    };
    view! {
        <span lang=outer.as_str()>{content}</span>
        {note}
    }
}

/// A line of the page's own text that quotes the other language (a licence's title, a credit
/// the publisher asks for word for word): each run in the other language carries its `lang`, so a
/// screen reader reads it in that language's voice (WCAG 3.1.2). In Japanese, a run of Latin
/// letters is English.
#[component]
pub fn MarkedText(text: String, lang: Lang) -> impl IntoView {
    let runs: Vec<(Option<&'static str>, String)> = japanese_runs(&text)
        .into_iter()
        .map(|(ja, run)| {
            let other = match lang {
                Lang::En => ja.then_some("ja"),
                Lang::Ja => (!ja && run.chars().filter(char::is_ascii_alphabetic).count() >= 2).then_some("en"),
            };
            (other, run.to_owned())
        })
        .collect();
    runs.into_iter()
        .map(|(other, run)| match other {
            Some(l) => view! { <span lang=l>{run}</span> }.into_any(),
            None => run.into_any(),
        })
        .collect_view()
}

/// "As of … · source title" beside a figure, muted; `lead` ("estimate") goes first.
pub fn figure_meta(city: &crate::domain::City, lang: Lang, lead: Option<&str>, as_of: &str, source: &str) -> impl IntoView {
    let mut meta = (t(lang).as_of)(as_of);
    if let Some(lead) = lead {
        meta = format!("{lead} · {meta}");
    }
    let source = city.source(source).map(|s| view! { " · " <LocalizedText text=s.title.clone() lang=lang /> });
    view! { <span class="figure__meta">{meta}{source}</span> }
}

/// The data's note on how a figure was found, under it.
pub fn basis_note(lang: Lang, basis: Option<&Localized>) -> Option<impl IntoView> {
    basis.cloned().map(|b| view! { <span class="figure__basis"><LocalizedText text=b lang=lang /></span> })
}

/// A link that opens in a new tab, and says so before it is followed: a glyph for the eye, words
/// for a screen reader (WCAG's G201). The words follow the page's language as it changes.
/// On a kiosk a tap on such a link shows its address as a QR code instead (`kiosk.rs`): no tab
/// opens, so nothing is said.
#[component]
pub fn NewTabLink(href: String, children: Children) -> impl IntoView {
    let state = expect_context::<crate::app::AppState>();
    // A kiosk opens no tab: a tapped link shows its address as a QR code (`kiosk::install`), and
    // said nothing of it, to the eye or to a screen reader.
    let said = if state.mode == crate::domain::url_state::Mode::Kiosk {
        view! { <QrLinkNote /> }.into_any()
    } else {
        view! { <NewTabNote /> }.into_any()
    };
    view! {
        <a href=href rel="noopener noreferrer" target="_blank">
            {children()}
            {said}
        </a>
    }
}

/// What a link that opens a new tab says of it, inside the link: a glyph for the eye, words for a
/// screen reader, in the page's language as it changes.
#[component]
pub fn NewTabNote() -> impl IntoView {
    let lang = expect_context::<crate::app::AppState>().lang;
    view! {
        <span class="new-tab" aria-hidden="true">"\u{2197}"</span>
        <span class="visually-hidden">{move || t(lang.get()).new_tab}</span>
    }
}

/// What a kiosk's link to another site says of it: it shows a QR code to take the site home.
#[component]
fn QrLinkNote() -> impl IntoView {
    let lang = expect_context::<crate::app::AppState>().lang;
    view! {
        <span class="qr-note" aria-hidden="true">"QR"</span>
        <span class="visually-hidden">{move || t(lang.get()).qr_link}</span>
    }
}

/// A jump link's words with the arrow that says which way it goes kept from screen readers:
/// "Shortlist (2) ↓" was read "Shortlist (2) down arrow".
pub fn arrowed(text: &str) -> AnyView {
    match text.strip_suffix('↓').or_else(|| text.strip_suffix('↑')) {
        Some(words) => {
            let arrow = &text[words.len()..];
            view! { {words.trim_end().to_owned()} " " <span aria-hidden="true">{arrow.to_owned()}</span> }.into_any()
        }
        None => text.to_owned().into_any(),
    }
}
