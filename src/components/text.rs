//! Data text in the chosen language, always as a text node, marked when it falls back.

use crate::domain::{Lang, Localized};
use crate::i18n::t;
use leptos::prelude::*;

/// Shows `text` in `lang`; when only the other language exists, shows that with its own `lang`
/// attribute and a visible "(in Japanese only)" note.
#[component]
pub fn LocalizedText(text: Localized, lang: Lang) -> impl IntoView {
    let picked = text.pick(lang);
    let note = picked.is_fallback.then(|| {
        view! { <span class="untranslated">" " {t(lang).untranslated}</span> }
    });
    view! {
        <span lang=picked.lang.as_str()>{picked.text.to_owned()}</span>
        {note}
    }
}
