//! A QR code drawn as an SVG path, with a text caption.

use crate::domain::qr::qr_svg;
use leptos::prelude::*;

/// CSS pixels a module of the code is drawn with, where the box is wide enough.
const MODULE_PX: i32 = 4;

/// Shows `text` as a QR code; `label` names it for screen readers and shows under it.
#[component]
pub fn QrCode(
    #[prop(into)] text: Signal<String>,
    #[prop(into)] label: Signal<String>,
    /// For paper: millimetres a module, with at least 26 mm in all; on screen, pixels.
    #[prop(optional)]
    module_mm: Option<f64>,
) -> impl IntoView {
    let code = Memo::new(move |_| qr_svg(&text.get()));
    move || {
        // More than a code holds (a place's address of thousands of characters, a shortlist of
        // long ids): said, with the address as text, instead of nothing where the code was.
        let Some(qr) = code.get() else {
            let lang = use_context::<crate::app::AppState>().map_or(crate::domain::model::Lang::Ja, |s| s.lang.get());
            return view! {
                <div class="qr qr--too-long">
                    <p class="qr__caption">{crate::i18n::t(lang).qr_too_long}</p>
                    <p class="qr__url">{move || text.get()}</p>
                </div>
            }
            .into_any();
        };
        let view_box = format!("0 0 {0} {0}", qr.size);
        // Four pixels a module (style/main.css keeps at least 11rem and at most the box's width):
        // at a fixed 11rem a kiosk's shortlist of 20 places drew modules under 2 px, which a
        // phone's camera could not read. An attribute, not a style: the CSP refuses those.
        let side = match module_mm {
            Some(mm) => format!("{:.1}mm", (f64::from(qr.size) * mm).max(26.0)),
            None => (qr.size * MODULE_PX).to_string(),
        };
        view! {
            <div class="qr">
                <svg class="qr__code" role="img" aria-label=move || label.get() viewBox=view_box width=side.clone() height=side shape-rendering="crispEdges" data-url=move || text.get()>
                    <rect width="100%" height="100%" fill="#ffffff"></rect>
                    <path d=qr.path fill="#000000"></path>
                </svg>
                // The code's name says it once: as a figure's caption too, a screen reader read
                // the same words three times (figure, image, caption). The caption is for eyes.
                <p class="qr__caption" aria-hidden="true">{move || label.get()}</p>
            </div>
        }
        .into_any()
    }
}
