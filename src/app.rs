//! The shell: reads the URL, loads the data, provides the context and lays out the screen.

use crate::components::{install_jump_links, install_printing, CityMap, Filters, Header, Kiosk, LivingLink, LivingPanel, PlaceDetails, PlaceList, PrintSources, Shortlist, Sources, StatusBar};
use crate::domain::costs::Assumptions;
use crate::domain::living::AreaMeasure;
use crate::data::{self, LoadError};
use crate::domain::filter::{with_kinds, Query, Searcher};
use crate::domain::geo::Bounds;
use crate::domain::url_state::{initial_lang, MapView, Mode, ViewState};
use crate::domain::{Issue, Lang, Problem, Severity, Validated, Where};
use leptos::either::Either;
use leptos::prelude::*;
use std::sync::Arc;

/// Where loading stands. The last good data lives apart from this, so a failure never blanks it.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadStatus {
    Loading,
    Ready,
    Failed(LoadError),
}

/// Everything the components share, read with `expect_context::<AppState>()`.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    /// The last data that loaded; kept when a reload fails.
    pub data: RwSignal<Option<Arc<Validated>>>,
    pub status: RwSignal<LoadStatus>,
    /// Id of the selected place.
    pub selected: RwSignal<Option<String>>,
    /// The absolute data URL, or why the URL given may not be used.
    pub data_url: StoredValue<Result<String, LoadError>>,
    /// When the data on screen was loaded (local time), for the stale-data notice.
    pub loaded_at: RwSignal<Option<String>>,
    /// Set when the data on screen is the service worker's saved copy (offline, or the network
    /// too slow or failing), to when it was saved ("" when unknown).
    pub from_copy: RwSignal<Option<String>>,
    /// The search text and the kinds chosen.
    pub query: RwSignal<Query>,
    /// The map view as the map last reported it.
    pub view: RwSignal<Option<MapView>>,
    /// A view the map should move to (from the URL at start, or from history navigation).
    pub goto_view: RwSignal<Option<MapView>>,
    /// Back or Forward restored a place together with the view its entry kept: the map takes
    /// that view, not the closer one it moves to for a place chosen (taken by the map's
    /// selection effect).
    pub view_from_history: StoredValue<bool>,
    pub mode: Mode,
    /// The `?data=` parameter as given, kept in the URL.
    pub data_param: StoredValue<Option<String>>,
    /// Indices into `data.city.places` of the places whose text matches the search, whatever
    /// kinds are chosen, in data order.
    pub text_hits: Memo<Arc<Vec<usize>>>,
    /// Indices into `data.city.places` of the places that match the query, in data order.
    pub matches: Memo<Arc<Vec<usize>>>,
    /// Ids of the places starred to take home.
    pub shortlist: RwSignal<Vec<String>>,
    /// Kiosk: the welcome view is showing.
    pub welcome: RwSignal<bool>,
    /// Kiosk: the address of a link tapped, shown as a QR code until closed.
    pub link_qr: RwSignal<Option<String>>,
    /// The language the page started in, to return to on a kiosk reset.
    pub start_lang: Lang,
    /// The area whose costs and distances are shown.
    pub area: RwSignal<Option<String>>,
    /// What the area layer colours areas by; `None` hides the layer.
    pub measure: RwSignal<Option<AreaMeasure>>,
    pub assumptions: RwSignal<Assumptions>,
    /// Areas compared side by side (at most `MAX_COMPARE`).
    pub compare: RwSignal<Vec<String>>,
    /// A point chosen on the map to measure distances from, instead of the area's centre.
    pub from_point: RwSignal<Option<crate::domain::LatLng>>,
    /// Counts kiosk visitors. Each reset builds the screen anew (see `App`).
    pub visit: RwSignal<u32>,
    /// The bounds of the places of the first data loaded, set a task before the data itself so
    /// that the map moves to them first (see `reload`).
    pub first_view: RwSignal<Option<Bounds>>,
}

/// Runs `f` on the searcher made for `d`, starting it anew when it was made for other data
/// (`None` once the app is gone).
fn with_searcher<R>(
    store: StoredValue<(Option<Arc<Validated>>, Searcher)>,
    d: &Arc<Validated>,
    f: impl FnOnce(&mut Searcher) -> R,
) -> Option<R> {
    store.try_update_value(|(of, searcher)| {
        if !of.as_ref().is_some_and(|of| Arc::ptr_eq(of, d)) {
            *of = Some(d.clone());
            *searcher = Searcher::default();
        }
        f(searcher)
    })
}

/// How many places' texts are folded for the search index before asking whether the browser is still idle (about
/// 6.5 ms under the bench's 4x slowdown, measured at 100,000 places).
const INDEX_STEP: usize = 500;
/// How long an empty screen waits for the data file before the last good copy shows meanwhile:
/// longer than the service worker's own wait for the network (4 s, scripts/sw-template.js).
const SAVED_COPY_AFTER_MS: u32 = 6_000;

/// The most areas compared at once.
pub use crate::domain::url_state::MAX_COMPARE;

impl AppState {
    /// Whether a kiosk's modal dialog (the welcome, a link's QR code) is open: the page behind it
    /// is then inert, so that neither Tab nor a screen reader wanders under the dialog.
    pub fn behind_dialog(self) -> bool {
        self.welcome.get() || self.link_qr.with(Option::is_some)
    }

    /// Whether the data on screen has a place or an area with this id (untracked). A link made
    /// with another version of the data may name ids this one lacks: they take no room in the
    /// shortlist's 30.
    pub fn is_known(self, id: &str) -> bool {
        self.data.with_untracked(|d| d.as_ref().is_some_and(|d| d.city.has(id)))
    }

    /// The shortlist's ids that the data on screen has, counted (tracked).
    pub fn shortlist_known(self) -> usize {
        self.data.with(|d| {
            let Some(d) = d else { return 0 };
            self.shortlist.with(|s| s.iter().filter(|id| d.city.has(id)).count())
        })
    }

    /// Whether places are on screen, or a last good copy of the file at `url` has some.
    fn has_better(self, url: &str) -> bool {
        self.data.with_untracked(|d| d.as_ref().is_some_and(|d| !d.city.places.is_empty()))
            || data::recall(url).is_some_and(|(v, _)| !v.city.places.is_empty())
    }

    /// Whether the data on screen could not be refreshed: the service worker's saved copy, or a
    /// failed load. Such data is loaded again when the connection comes back and, on a kiosk,
    /// for each new visitor.
    pub fn data_is_stale(self) -> bool {
        self.from_copy.with_untracked(Option::is_some) || matches!(self.status.get_untracked(), LoadStatus::Failed(_))
    }

    /// Chooses an area for its month and distances, measured from the area again (not from a
    /// point tapped for the area before).
    pub fn choose_area(self, id: String) {
        self.from_point.set(None);
        self.area.set(Some(id));
    }

    /// Shows the last good copy of the data file at `url`, if there is one, with when it was
    /// loaded; the map goes to its places.
    fn show_saved(self, url: &str) {
        if let Some((validated, when)) = data::recall(url) {
            if self.first_view.get_untracked().is_none() {
                self.first_view.set(crate::domain::geo::first_view(validated.city.places.iter().map(|p| p.location)));
            }
            self.data.set(Some(Arc::new(validated)));
            self.loaded_at.set(Some(when));
        }
    }

    /// Starts loading the data file; on failure the data already on screen stays.
    pub fn reload(self) {
        let url = match self.data_url.get_value() {
            Ok(url) => url,
            Err(e) => {
                self.status.set(LoadStatus::Failed(e));
                crate::offline::register_when_idle();
                return;
            }
        };
        self.status.set(LoadStatus::Loading);
        // Nothing on screen and the file not here within a few seconds (a connection that
        // answers and then stalls, on a train): the last good copy shows meanwhile, marked with
        // when it was loaded. It waited for every try to fail, over a minute of an empty map.
        let saved_url = url.clone();
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(SAVED_COPY_AFTER_MS).await;
            if self.status.get_untracked() == LoadStatus::Loading && self.data.with_untracked(Option::is_none) {
                self.show_saved(&saved_url);
            }
        });
        leptos::task::spawn_local(async move {
            match data::load_with_retry(&url).await {
                Ok(data::Loaded { data: validated, .. }) if validated.city.places.is_empty() && self.has_better(&url) => {
                    // A file without a single place (a failed export published, or every
                    // record refused) where the map has had places: taken as good, it emptied
                    // the map and replaced the saved copy, and offline the last good data was
                    // gone too. It fails as a file that cannot be read does, named by its first
                    // problem (its meta missing, …), and the places stay.
                    let why = validated.problems.iter().find(|p| p.location == Where::File && p.severity == Severity::Error).cloned();
                    let why = why.unwrap_or(Problem { location: Where::File, field: "features".into(), issue: Issue::NoPlaces, severity: Severity::Error });
                    if self.data.with_untracked(Option::is_none) {
                        self.show_saved(&url);
                    }
                    self.status.set(LoadStatus::Failed(LoadError::Invalid(why)));
                }
                Ok(data::Loaded { data: validated, text, copy }) => {
                    mark("nagaoka:data");
                    // The first time, the map moves to the places in a task of its own, while the
                    // page's layout is still clean: Leaflet reads the layout as it moves, and after
                    // the list and the panels have taken the data that read lays out all of them
                    // (about 30 ms of a phone's time). The list and the markers follow a task later.
                    if self.first_view.get_untracked().is_none() {
                        let bounds = crate::domain::geo::first_view(validated.city.places.iter().map(|p| p.location));
                        if bounds.is_some() {
                            self.first_view.set(bounds);
                            yield_task().await;
                        }
                    }
                    let now = data::now_label();
                    // The service worker's saved copy, when the network could not give the file:
                    // said on screen with its date, and not kept again as if loaded now.
                    let text = if copy.is_some() { None } else { text };
                    self.data.set(Some(Arc::new(validated)));
                    self.loaded_at.set(Some(copy.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| now.clone())));
                    self.from_copy.set(copy);
                    self.status.set(LoadStatus::Ready);
                    // Kept as the last good copy once the screen has the data: writing the file's
                    // text to storage (150 kB) held the first marker back by about 15 ms of a
                    // phone's time.
                    if let Some(text) = text {
                        yield_task().await;
                        data::remember(&url, &text, &now);
                    }
                }
                Err(e) => {
                    web_sys::console::warn_1(&format!("data load failed: {e}").into());
                    // Nothing on screen yet: show the last good copy, marked with when it was loaded.
                    if self.data.with_untracked(Option::is_none) {
                        self.show_saved(&url);
                    }
                    self.status.set(LoadStatus::Failed(e));
                }
            }
            crate::offline::register_when_idle();
        });
    }
}

/// When the connection comes back and the data on screen is a saved copy, or the last load
/// failed, the data is loaded again: an open tab stayed on the old data until a reload by hand.
/// Once for the page (not per kiosk visitor): the listener lives as long as the page.
fn refresh_when_online(state: AppState) {
    let Some(window) = web_sys::window() else { return };
    let on_online = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        if state.data_is_stale() {
            state.reload();
        }
    });
    if window.add_event_listener_with_callback("online", wasm_bindgen::JsCast::unchecked_ref(on_online.as_ref())).is_ok() {
        on_online.forget();
    }
    // The service worker gave the saved copy because the network was slow, and the file has
    // landed since (scripts/sw-template.js): read it, once a page (a server that is always slow
    // would otherwise have the page read its file again and again).
    let picked_up = std::cell::Cell::new(false);
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let kind = js_sys::Reflect::get(&ev.data(), &"type".into()).ok().and_then(|v| v.as_string());
        if kind.as_deref() == Some("nagaoka-map:data-fresh") && state.data_is_stale() && !picked_up.replace(true) {
            state.reload();
        }
    });
    let Some(container) = crate::offline::service_workers() else { return };
    if container.add_event_listener_with_callback("message", wasm_bindgen::JsCast::unchecked_ref(on_message.as_ref())).is_ok() {
        on_message.forget();
    }
}

/// The mode fixed at build time (`NAGAOKA_MODE=kiosk` for a fair's kiosk build).
pub fn build_mode() -> Option<Mode> {
    option_env!("NAGAOKA_MODE").and_then(|m| m.parse().ok())
}

fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

fn query_string() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let view_state = ViewState::parse(&query_string());
    let data: RwSignal<Option<Arc<Validated>>> = RwSignal::new(None);
    let query = RwSignal::new(Query { text: view_state.q.clone(), kinds: view_state.kinds.clone() });
    // The text search, kept apart from the kinds: a kind switched on or off filters the same
    // hits again without searching, and the counts by kind are counted from them. The searcher
    // (its index and its trail) is started anew with each data file; it keeps the data it was
    // made for, not its address, so that later data can never be taken for it.
    let searcher = StoredValue::new((None::<Arc<Validated>>, Searcher::default()));
    let text_hits = Memo::new(move |_| {
        let Some(d) = data.get() else { return Arc::new(Vec::new()) };
        query.with(|q| with_searcher(searcher, &d, |s| s.search(&d.city, &q.text))).unwrap_or_default()
    });
    // The index is folded a step at a time once the data is on screen, so that the first letter
    // typed does not wait for 100,000 places to be folded (about 300 ms of a phone's time). Each
    // step waits until the browser is idle: the first screen, its layout and a first tap come
    // before it (a search that comes sooner folds the rest at once).
    crate::effect::effect(move |_| {
        let Some(d) = data.get() else { return };
        leptos::task::spawn_local(async move {
            loop {
                // Steps while the browser stays idle: it says so anew before each step, and says
                // no as soon as a tap or a frame waits, so no step holds one up for longer than
                // a step. (Taking at most 10 ms of each moment, as before, folded 100,000 places
                // over 8 s of a phone's idle time instead of about 2 s.) At least one step per
                // moment, as a moment given after the longest wait has no time left.
                let idle = idle_task().await;
                loop {
                    let current = data.try_with_untracked(|now| now.as_ref().is_some_and(|now| Arc::ptr_eq(now, &d)));
                    if current != Some(true) {
                        return;
                    }
                    if with_searcher(searcher, &d, |s| s.warm(&d.city, INDEX_STEP)) != Some(false) {
                        return;
                    }
                    if idle.remaining() < 1.0 {
                        break;
                    }
                }
            }
        });
    });
    let matches = Memo::new(move |_| {
        let hits = text_hits.get();
        let Some(d) = data.get() else { return Arc::new(Vec::new()) };
        query.with(|q| if q.kinds.is_empty() { hits } else { Arc::new(with_kinds(&d.city, &hits, &q.kinds)) })
    });
    let start_lang = initial_lang(view_state.lang, &browser_languages());
    let mode = view_state.mode.or(build_mode()).unwrap_or_default();
    let state = AppState {
        lang: RwSignal::new(start_lang),
        data,
        status: RwSignal::new(LoadStatus::Loading),
        selected: RwSignal::new(view_state.place.clone()),
        data_url: StoredValue::new(data::resolve_data_url(view_state.data.as_deref())),
        loaded_at: RwSignal::new(None),
        from_copy: RwSignal::new(None),
        query,
        view: RwSignal::new(view_state.view),
        goto_view: RwSignal::new(view_state.view),
        view_from_history: StoredValue::new(false),
        mode,
        data_param: StoredValue::new(view_state.data.clone()),
        text_hits,
        matches,
        shortlist: RwSignal::new(view_state.shortlist.clone()),
        welcome: RwSignal::new(mode == Mode::Kiosk),
        link_qr: RwSignal::new(None),
        start_lang,
        area: RwSignal::new(view_state.area.clone()),
        measure: RwSignal::new(view_state.layer),
        assumptions: RwSignal::new(view_state.budget),
        compare: RwSignal::new(view_state.compare.clone()),
        from_point: RwSignal::new(view_state.from_point()),
        visit: RwSignal::new(0),
        first_view: RwSignal::new(None),
    };
    provide_context(state);
    sync_document_lang(state.lang);
    crate::url_sync::install(state);
    crate::embed::install(state);
    install_printing(state);
    install_jump_links();
    mark_mode(state.mode);
    state.reload();
    refresh_when_online(state);

    fn nothing_loaded(state: AppState) -> bool {
        state.data.with(Option::is_none) && matches!(state.status.get(), LoadStatus::Failed(_))
    }
    // The screen is built anew for each kiosk visitor. Resetting the shared state alone is not
    // enough: every component's own state (open sections, steppers, the map's layers) would stay,
    // and the reactive runtime keeps a small record of every list row ever shown until the owner
    // of the list is disposed, so a kiosk's memory grew by about 22 kB per visitor.
    let screen = move || {
        let visit = state.visit.get();
        let screen = view! {
            <Header />
            <main class="layout" inert=move || state.behind_dialog()>
                <StatusBar />
                <CityMap />
                // With no data at all (the first load failed), the sidebar says so in one line
                // instead of kinds counting 0, "0 of 0 places" and the costs' controls.
                <div class="sidebar" class:sidebar--empty=move || nothing_loaded(state)>
                    {move || nothing_loaded(state).then(|| view! { <p class="sidebar__empty">{crate::i18n::t(state.lang.get()).nothing_loaded}</p> })}
                    <LivingLink />
                    // One task each: together they were one of the start's longest tasks.
                    <Later><Filters /></Later>
                    <Later><PlaceDetails /></Later>
                    <Later><Shortlist /></Later>
                    <Later><PlaceList /></Later>
                    <Deferred>
                        <LivingPanel />
                        <Sources />
                        <PrintSources />
                    </Deferred>
                </div>
            </main>
        };
        // A view of the same type would be patched in place, keeping the old nodes and their
        // handlers; alternating sides makes the new screen mount and the old one unmount.
        if visit.is_multiple_of(2) { Either::Left(screen) } else { Either::Right(screen) }
    };
    view! {
        <Kiosk />
        {screen}
    }
}

/// Mounts its children a task after the rest of the screen: the header and the map first, in a
/// shorter task, then the search, the filters and the list.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let shown = RwSignal::new(false);
    show_next_task(shown);
    move || shown.get().then(|| children())
}

/// Sets `shown` a task from now, unless the screen has been taken down meanwhile (a kiosk reset).
fn show_next_task(shown: RwSignal<bool>) {
    leptos::task::spawn_local(async move {
        yield_task().await;
        let _ = shown.try_set(true);
    });
}

/// Mounts its children once the data has loaded (or failed to), a task after the markers and the
/// list have taken it. The living-costs panel and the sources below the list are half of the
/// screen's elements and show nothing useful before the data; built earlier, they held the first
/// marker back by their mount (about 120 ms of a phone's time) while the data file waited.
#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(false);
    // Once it has fired, the effect reads nothing more and so never runs again.
    crate::effect::effect(move |fired: Option<bool>| {
        if fired == Some(true) || matches!(state.status.get(), LoadStatus::Loading) {
            return fired == Some(true);
        }
        show_next_task(shown);
        true
    });
    move || shown.get().then(|| children())
}

/// Puts the mode on `<html>` as a class (`mode-embed`, `mode-kiosk`) for the layout.
fn mark_mode(mode: Mode) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.class_list().add_1(&format!("mode-{mode}"));
    }
}

/// Whether the page is in kiosk mode, from the class `mark_mode` put on `<html>`: readable without
/// the app's state (the crash page, a marker's size).
pub fn page_is_kiosk() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.class_list().contains("mode-kiosk"))
}

/// Keeps `<html lang>` and the document title in the chosen language.
fn sync_document_lang(lang: RwSignal<Lang>) {
    crate::effect::effect(move |_| {
        let lang = lang.get();
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.as_str());
        }
        doc.set_title(crate::i18n::t(lang).app_title);
    });
}

/// A named moment on the page's performance timeline (`performance.mark`), for the bench and for
/// DevTools' performance panel: `nagaoka:start`, `nagaoka:mounted`, `nagaoka:fetched` (the data
/// file's text is in), `nagaoka:data` (validated), `nagaoka:drawn` (markers drawn, each time).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Lets the browser run its other tasks (input, a frame) before going on. A message to itself is
/// the quickest way to a new task: setTimeout would be clamped, and held back by a page's fake
/// clock (the browser tests').
pub async fn yield_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        match web_sys::MessageChannel::new() {
            Ok(channel) => {
                channel.port2().set_onmessage(Some(&resolve));
                if channel.port1().post_message(&wasm_bindgen::JsValue::NULL).is_err() {
                    let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                }
            }
            Err(_) => {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The longest wait for an idle moment; after it, the step runs all the same.
const IDLE_WAIT_MS: u32 = 1_000;

/// An idle moment the browser gave (`idle_task`).
pub struct Idle(Option<web_sys::IdleDeadline>);

impl Idle {
    /// How much longer the browser expects to stay idle, in ms, asked anew at each call: Chromium
    /// answers 0 as soon as input or a frame is waiting, so work can go on in small steps until
    /// then. 0 after the longest wait, or where there is no idle callback.
    pub fn remaining(&self) -> f64 {
        self.0.as_ref().map_or(0.0, |d| if d.did_timeout() { 0.0 } else { d.time_remaining() })
    }
}

/// Waits until the browser has nothing else to do (`requestIdleCallback`, at most
/// `IDLE_WAIT_MS`), for work done ahead of need. Where there is no such callback (Safari), it
/// waits for a new task, as `yield_task` does, and the moment has no time left.
pub async fn idle_task() -> Idle {
    let Some(window) = web_sys::window() else {
        yield_task().await;
        return Idle(None);
    };
    if !js_sys::Reflect::has(&window, &wasm_bindgen::JsValue::from_str("requestIdleCallback")).unwrap_or(false) {
        yield_task().await;
        return Idle(None);
    }
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_WAIT_MS);
        if window.request_idle_callback_with_options(&resolve, &options).is_err() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let deadline = wasm_bindgen_futures::JsFuture::from(promise).await.ok();
    Idle(deadline.and_then(|d| wasm_bindgen::JsCast::dyn_into::<web_sys::IdleDeadline>(d).ok()))
}

/// Mounts the app on the page body.
pub fn start() {
    mark("nagaoka:start");
    crate::crash::install();
    // The screen is mounted in a task after the one that compiled and started the wasm: in one
    // task the two were the start-up's longest (about 450 ms of a phone's time), holding back any
    // touch that came meanwhile.
    crate::scheduler::install();
    leptos::task::spawn_local(async {
        yield_task().await;
        leptos::mount::mount_to_body(App);
        mark("nagaoka:mounted");
        // The app is on the page: the frame drawn before it (index.html) goes.
        if let Some(frame) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
            frame.remove();
        }
    });
}
