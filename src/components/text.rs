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
