//! The one place that fetches the data file: allow-list, timeout and a readable error for each failure.

use crate::domain::url_state::data_origin_allowed;
use crate::domain::stream::StreamValidator;
use crate::domain::{validate_str, Problem, Validated};
use wasm_bindgen::JsCast;
use gloo_net::http::Request;
use std::cell::Cell;
use std::rc::Rc;

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

/// For the console: release builds print nothing for `{:?}` (`-Zfmt-debug=none`, scripts/setup.sh).
impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::BadUrl(url) => write!(f, "not a usable URL: {url}"),
            LoadError::OriginRefused(origin) => write!(f, "origin not allowed: {origin}"),
            LoadError::Network => f.write_str("no response (offline, DNS, CORS or connection reset)"),
            LoadError::Timeout(s) => write!(f, "no response within {s} s"),
            LoadError::Status(code) => write!(f, "HTTP status {code}"),
            LoadError::Invalid(_) => f.write_str("the file cannot be used (the page names the problem)"),
        }
    }
}

impl LoadError {
    /// Failures that may pass by themselves, worth trying again after a pause.
    pub fn is_transient(&self) -> bool {
        match self {
            LoadError::Network | LoadError::Timeout(_) => true,
            LoadError::Status(code) => *code >= 500 || *code == 408 || *code == 429,
            _ => false,
        }
    }
}

/// Pauses before the second and third try, in milliseconds.
pub const RETRY_DELAYS_MS: [u32; 2] = [1_000, 3_000];

/// Fetches a file's text, given up after `TIMEOUT_S` seconds.
pub async fn fetch_with_timeout(url: &str) -> Result<String, LoadError> {
    let bytes = fetch_bytes_with_timeout(url).await?;
    // Text the browser would have decoded with U+FFFD for bad bytes; the data file is checked
    // more strictly (`load`).
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Fetches a file's bytes, given up after `TIMEOUT_S` seconds. Bytes, not text: the browser's
/// text is UTF-16, which the app would turn back into UTF-8, and for a file of 100,000 places
/// (25 MB) that took about a second of a phone's time.
pub async fn fetch_bytes_with_timeout(url: &str) -> Result<Vec<u8>, LoadError> {
    with_timeout(|signal, _| fetch_bytes(url, signal)).await
}

/// When the last bytes arrived (`js_sys::Date::now()`): a fetch that reads its body as it comes
/// sets it, so that only a wait with nothing arriving counts against `TIMEOUT_S`.
type Progress = Rc<Cell<f64>>;

/// Runs a fetch with an abort signal that fires once nothing has arrived for `TIMEOUT_S`
/// seconds. A total limit cut a download that was still coming on a slow link (about 750 bytes
/// a second, a carrier's capped speed with an uncompressed file) at 20 s, three times over, so
/// that it could never finish.
async fn with_timeout<T, F: std::future::Future<Output = Result<T, LoadError>>>(
    fetch: impl FnOnce(web_sys::AbortSignal, Progress) -> F,
) -> Result<T, LoadError> {
    let controller = web_sys::AbortController::new().map_err(|_| LoadError::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let progress: Progress = Rc::new(Cell::new(js_sys::Date::now()));
    let limit_ms = f64::from(TIMEOUT_S) * 1000.0;
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        let progress = progress.clone();
        gloo_timers::callback::Interval::new(1_000, move || {
            if !timed_out.get() && js_sys::Date::now() - progress.get() >= limit_ms {
                timed_out.set(true);
                controller.abort();
            }
        })
    };
    let result = fetch(controller.signal(), progress).await;
    drop(timer);
    result.map_err(|e| if timed_out.get() { LoadError::Timeout(TIMEOUT_S) } else { e })
}

/// A data file loaded and validated.
pub struct Loaded {
    pub data: Validated,
    /// The file's text, for a file small enough to be kept as the last good copy.
    pub text: Option<String>,
    /// When the file was the service worker's saved copy (offline, or a network too slow or
    /// failing), when that copy was saved ("" when unknown: the copy that came with the app).
    /// `None` when it came from the network.
    pub copy: Option<String>,
}

/// Fetches and validates the data file.
pub async fn load(url: &str) -> Result<Loaded, LoadError> {
    let ((validated, bytes), copy) = with_timeout(|signal, progress| fetch_validated(url, signal, progress)).await?;
    let data = validated.map_err(LoadError::Invalid)?;
    // Read as UTF-8 by the validation, so this is never an error.
    let text = bytes.and_then(|b| String::from_utf8(b).ok());
    Ok(Loaded { data, text, copy })
}

/// The most bytes read in one go (see `fetch_validated`): about a tenth of the real data file.
const READ_PIECE: usize = 16 * 1024;

/// Fetches the data file and validates it as it arrives (`StreamValidator`): a large file is
/// read while the rest of it is on its way, not after. Returns the file's bytes with the result
/// when they may be kept (`CACHE_MAX_CHARS`), and the service worker's mark of a saved copy.
async fn fetch_validated(
    url: &str,
    signal: web_sys::AbortSignal,
    progress: Progress,
) -> Result<((Result<Validated, Problem>, Option<Vec<u8>>), Option<String>), LoadError> {
    // The page's first request for the data takes the preloaded response (see
    // scripts/externalize-boot.mjs). Every later one (a retry, the Retry button, a reload of the
    // data) goes past the browser's cache: one that waited there behind a first request the
    // network never answered reached the network only about 20 s after the tap, and Retry was
    // slower than reloading the page.
    let again = ASKED.with(|a| a.replace(true));
    let response = send(url, &signal, again).await?;
    let copy = response.headers().get("x-nagaoka-copy").map(|at| at.chars().filter(|c| c.is_ascii_digit() || matches!(c, '-' | ':' | ' ')).take(16).collect());
    progress.set(js_sys::Date::now());
    let mut stream = StreamValidator::new();
    match response.body() {
        Some(body) => {
            // getReader() with no mode gives a default reader.
            let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
            let mut chunk = Vec::new();
            loop {
                let read = wasm_bindgen_futures::JsFuture::from(reader.read()).await.map_err(|_| LoadError::Network)?;
                let read: web_sys::ReadableStreamReadResult = read.unchecked_into();
                if read.get_done().unwrap_or(true) {
                    break;
                }
                progress.set(js_sys::Date::now());
                let bytes = js_sys::Uint8Array::new(&read.get_value());
                chunk.resize(bytes.length() as usize, 0);
                bytes.copy_to(&mut chunk);
                // In pieces, with a pause between them when the slice is spent: a file that is
                // in the browser already (preloaded) comes in a few large chunks, and reading one
                // at once was one of the long tasks of the start on a phone.
                for piece in chunk.chunks(READ_PIECE) {
                    stream.push(piece);
                    crate::scheduler::pause().await;
                }
                // Past the largest file allowed: the rest is not fetched (a 1 GB file was
                // downloaded whole before it was refused).
                if stream.over_limit() {
                    let _ = reader.cancel();
                    break;
                }
            }
        }
        // A response with no body stream: the whole file at once.
        None => stream.push(&response.binary().await.map_err(|_| LoadError::Network)?),
    }
    crate::app::mark("nagaoka:fetched");
    Ok((stream.finish(CACHE_MAX_CHARS), copy))
}

/// Fetches with up to two more tries, after 1 s and 3 s, when the failure may pass by itself.
pub async fn load_with_retry(url: &str) -> Result<Loaded, LoadError> {
    let mut delays = RETRY_DELAYS_MS.iter();
    loop {
        match load(url).await {
            Err(e) if e.is_transient() => match delays.next() {
                Some(ms) => gloo_timers::future::TimeoutFuture::new(*ms).await,
                None => return Err(e),
            },
            other => return other,
        }
    }
}

/// The largest data file kept in local storage as the last good copy, in bytes of text.
const CACHE_MAX_CHARS: usize = 2_000_000;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn cache_key(url: &str) -> String {
    format!("nagaoka-map:last-good:{url}")
}

/// Keeps the text of a good data file and when it was loaded, for when the network fails later.
/// Only public data goes here, never anything a visitor chose.
pub fn remember(url: &str, text: &str, loaded_at: &str) {
    if text.len() > CACHE_MAX_CHARS {
        return;
    }
    if let Some(s) = storage() {
        let value = format!("{loaded_at}\n{text}");
        if s.set_item(&cache_key(url), &value).is_err() {
            web_sys::console::warn_1(&"the last good data could not be kept (storage full or off)".into());
        }
    }
}

/// The last good copy of the data file at `url`, with when it was loaded.
pub fn recall(url: &str) -> Option<(Validated, String)> {
    let value = storage()?.get_item(&cache_key(url)).ok()??;
    let (loaded_at, text) = value.split_once('\n')?;
    let validated = validate_str(text).ok()?;
    Some((validated, loaded_at.to_owned()))
}

thread_local! {
    /// Whether the page has asked for its data file yet (see `fetch_validated`).
    static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks for `url`; with `no_store`, past the browser's cache.
async fn send(url: &str, signal: &web_sys::AbortSignal, no_store: bool) -> Result<gloo_net::http::Response, LoadError> {
    let mut request = Request::get(url);
    if no_store {
        request = request.cache(web_sys::RequestCache::NoStore);
    }
    let response = request
        .abort_signal(Some(signal))
        .header("Accept", "application/geo+json, application/json")
        .send()
        .await
        .map_err(|_| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    // Where the file came from in the end: a redirect (an open redirect on this site or on an
    // allowed host) took the address's check with it, and a file from any origin that allows CORS
    // was shown under the city's address. The final origin must pass the same check.
    let page_origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    if let Ok(end) = web_sys::Url::new(&response.url()) {
        let origin = end.origin();
        if !data_origin_allowed(&origin, &page_origin, &allowed_origins()) {
            return Err(LoadError::OriginRefused(origin));
        }
    }
    Ok(response)
}

async fn fetch_bytes(url: &str, signal: web_sys::AbortSignal) -> Result<Vec<u8>, LoadError> {
    send(url, &signal, false).await?.binary().await.map_err(|_| LoadError::Network)
}

/// The current local date and time, `YYYY-MM-DD HH:MM`, for "data as of" notices.
pub fn now_label() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
