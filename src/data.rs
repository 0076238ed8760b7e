//! The one place that fetches the data file: allow-list, timeout and a readable error for each failure.

use crate::domain::url_state::data_origin_allowed;
use crate::domain::{validate_str, Problem, Validated};
use gloo_net::http::Request;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The data file beside the app.
pub const DEFAULT_DATA_URL: &str = "data/nagaoka.geojson";
/// How long to wait for the data file before giving up, in seconds.
pub const TIMEOUT_S: u32 = 20;

/// Extra origins a `?data=` URL may point to, fixed at build time: `NAGAOKA_DATA_ORIGINS`,
/// comma-separated (e.g. `https://opendata.city.example.jp`). Default: this site only.
fn allowed_origins() -> Vec<&'static str> {
    option_env!("NAGAOKA_DATA_ORIGINS")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Why the data could not be loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The `?data=` value is not a URL.
    BadUrl(String),
    /// The `?data=` URL's origin is not in the allow-list.
    OriginRefused(String),
    /// No response: offline, DNS, CORS refusal, connection reset.
    Network,
    /// No response within `TIMEOUT_S` seconds.
    Timeout(u32),
    /// The server answered with an error status.
    Status(u16),
    /// The file was read but cannot be used.
    Invalid(Problem),
}

/// The absolute URL of the data file, or why it may not be loaded.
pub fn resolve_data_url(param: Option<&str>) -> Result<String, LoadError> {
    let location = web_sys::window().map(|w| w.location());
    let href = location.as_ref().and_then(|l| l.href().ok()).unwrap_or_default();
    let page_origin = location.as_ref().and_then(|l| l.origin().ok()).unwrap_or_default();
    let raw = param.unwrap_or(DEFAULT_DATA_URL);
    let url = web_sys::Url::new_with_base(raw, &href).map_err(|_| LoadError::BadUrl(raw.to_owned()))?;
    if !matches!(url.protocol().as_str(), "https:" | "http:") {
        return Err(LoadError::BadUrl(raw.to_owned()));
    }
    let origin = url.origin();
    if param.is_some() && !data_origin_allowed(&origin, &page_origin, &allowed_origins()) {
        return Err(LoadError::OriginRefused(origin));
    }
    Ok(url.href())
}

/// Fetches and validates the data file.
pub async fn load(url: &str) -> Result<Validated, LoadError> {
    let controller = web_sys::AbortController::new().map_err(|_| LoadError::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(TIMEOUT_S * 1000, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let signal = controller.signal();
    let result = fetch_text(url, &signal).await;
    drop(timer);
    let text = result.map_err(|e| if timed_out.get() { LoadError::Timeout(TIMEOUT_S) } else { e })?;
    validate_str(&text).map_err(LoadError::Invalid)
}

async fn fetch_text(url: &str, signal: &web_sys::AbortSignal) -> Result<String, LoadError> {
    let response = Request::get(url)
        .abort_signal(Some(signal))
        .header("Accept", "application/geo+json, application/json")
        .send()
        .await
        .map_err(|_| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    response.text().await.map_err(|_| LoadError::Network)
}

/// The current time as the browser shows it, for "data as of" notices.
pub fn now_label() -> String {
    let date = js_sys::Date::new_0();
    let text: JsValue = date.to_locale_time_string("default").into();
    text.as_string().unwrap_or_default()
}
