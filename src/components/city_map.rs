//! The Leaflet map: base layers, clusters, one named, keyboard-operable marker per place in view,
//! selection both ways, and the view kept in the URL.

use crate::app::{AppState, LoadStatus};
use crate::domain::cluster::{cluster_projected, zoom_to_stand_alone, MapItem, NO_CLUSTER_ZOOM};
use crate::domain::geo::{project_scaled, zoom_scale, Bounds, CITY_OUTLINE_BOUNDS};
use crate::domain::order::{reading_order, stay_in_place};
use crate::domain::validate::Validated;
use crate::domain::url_state::{MapView, Mode};
use crate::domain::{Lang, Place, PlaceKind};
use crate::i18n::{group_digits, t, Catalog};
use super::area_layer::{load_outline, AreaLayer};
use super::focus_still;
use leaflet::{DivIconOptions, LatLng, LatLngBounds, LayerGroup, Map, MapOptions, Marker, MarkerOptions, TileLayer, TileLayerOptions};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// Aore Nagaoka, the city hall (Wikipedia's coordinate), and a zoom that shows the city centre.
pub const START: MapView = MapView { lat: 37.446194, lng: 138.851250, zoom: 12.0 };
/// Lifts the selected marker above clusters and other markers.
const SELECTED_Z: f64 = 10_000.0;
/// Places closer than this on screen, in pixels, are drawn as one cluster: more than the largest
/// marker (48 px on a kiosk), so that no touch target covers another.
const RADIUS_PX: f64 = 52.0;

const GSI_PALE: &str = "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png";
/// Leaflet's credit, opening in a new tab (`Map`'s default opens in the same one).
const LEAFLET_CREDIT: &str = "<a href=\"https://leafletjs.com\" target=\"_blank\" rel=\"noopener\">Leaflet</a>";
const GSI_ATTRIBUTION: &str =
    "<a href=\"https://maps.gsi.go.jp/development/ichiran.html\" target=\"_blank\" rel=\"noopener\" lang=\"ja\">地理院タイル</a>";
const OSM: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION: &str =
    "&copy; <a href=\"https://www.openstreetmap.org/copyright\" target=\"_blank\" rel=\"noopener\">OpenStreetMap</a> contributors";

#[wasm_bindgen]
extern "C" {
    /// `L.control.layers(baseLayers)`: the leaflet crate does not export its binding.
    #[wasm_bindgen(js_namespace = ["L", "control"], js_name = layers)]
    fn layers_control(base_layers: &JsValue) -> leaflet::Control;

    /// `L.divIcon(options)`: the leaflet crate's `DivIcon::new` calls `L.Icon`, which needs an image.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    fn div_icon(options: &DivIconOptions) -> leaflet::Icon;
}

/// The marker's element, once it is on the map (`marker.getElement()`).
fn marker_element(marker: &Marker) -> Option<web_sys::HtmlElement> {
    let f: js_sys::Function = js_sys::Reflect::get(marker, &"getElement".into()).ok()?.dyn_into().ok()?;
    f.call0(marker).ok()?.dyn_into().ok()
}

/// A DOM or Leaflet event handler kept alive by what it belongs to.
type Handler = Closure<dyn FnMut(JsValue)>;
/// A window event's name and its handler, to remove it by.
type NamedHandler = (&'static str, Handler);
/// The observer of the map's box and its callback.
type SizeWatch = (web_sys::ResizeObserver, Handler);
/// The data file the positions were worked out from, and every place's position (see `MapState`).
type Projected = (Arc<Validated>, Vec<(f64, f64)>);

/// Where a marker stands and, for a cluster, what a click on it zooms to: shared with its
/// handlers, so that a cluster marker can be moved to another cluster instead of replaced.
#[derive(Clone, Copy)]
struct Spot {
    at: (f64, f64),
    bounds: Bounds,
}

/// A marker on the map with the handlers that must live as long as it.
struct Shown {
    marker: Marker,
    /// How a place marker looks now; `None` for a cluster.
    look: Option<Look>,
    spot: Rc<Cell<Spot>>,
    /// Leaflet's events of the marker (click, keydown) and their handlers.
    handlers: Vec<(&'static str, Handler)>,
    /// The element's own focus listener (it brings a marker reached with Tab inside the map).
    focus: Option<(web_sys::HtmlElement, Handler)>,
}

impl Drop for Shown {
    /// Takes every handler off before it is dropped. A marker can be removed while an event is
    /// still being dispatched to it: a focus event calls Leaflet's listener (which pans to the
    /// marker), the redraw that the pan asks for runs before the next listener (a microtask), and
    /// the browser then called ours, already dropped. The app stopped with "closure invoked
    /// recursively or after being dropped". A listener taken off is not called.
    fn drop(&mut self) {
        if let Some((el, handler)) = &self.focus {
            let _ = el.remove_event_listener_with_callback("focus", handler.as_ref().unchecked_ref());
        }
        for (event, handler) in &self.handlers {
            self.marker.off(event, handler.as_ref());
        }
    }
}

/// The live Leaflet objects, owned by the component.
struct MapState {
    map: Map,
    layer: LayerGroup,
    /// What is on the map now, by key (`p:ID:LANG` or `c:COUNT:LAT:LNG`).
    shown: HashMap<String, Shown>,
    /// The zoom and base-layer controls, replaced when the language changes.
    controls: Vec<leaflet::Control>,
    gsi: TileLayer,
    osm: TileLayer,
    /// Keeps the moveend handler alive.
    _on_move: Closure<dyn FnMut(JsValue)>,
    /// Keeps the replacement of `panBy` alive (reduced motion).
    _still_pan: Option<Closure<dyn FnMut(JsValue, JsValue) -> JsValue>>,
    /// Keeps the keyboard handler's press, which focuses without scrolling, alive.
    _still_focus: Option<Closure<dyn FnMut()>>,
    /// Keeps the zoom buttons' return of the focus to the map, without scrolling, alive.
    _refocus: Option<Closure<dyn FnMut(JsValue)>>,
    areas: AreaLayer,
    /// Keeps the map click handler (a point to measure distances from) alive.
    _on_click: Closure<dyn FnMut(JsValue)>,
    /// Tells Leaflet when the map's box changes size (the status bar comes and goes, the window
    /// turns); Leaflet measures only at start and on window resizes.
    _resize: Option<SizeWatch>,
    /// The window's `beforeprint` and `afterprint` handlers (see `watch_print`).
    print: Vec<NamedHandler>,
    /// Closes the base-map menu on Escape and when focus leaves it (see `set_controls`).
    _menu_keys: Vec<Handler>,
    /// Every place's Web Mercator position at scale 1, by place index, for the data it was worked
    /// out from (held, so that it is never mistaken for a later file's): each redraw, on every
    /// keystroke and every move of the map, clusters with these instead of projecting every place
    /// in view again.
    projected: Option<Projected>,
}

impl Drop for MapState {
    /// Takes the map down: Leaflet removes its layers, controls and DOM listeners, so none of
    /// them calls a handler of ours after it is gone.
    fn drop(&mut self) {
        if let Some((observer, _)) = &self._resize {
            observer.disconnect();
        }
        if let Some(window) = web_sys::window() {
            for (event, handler) in &self.print {
                let _ = window.remove_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            }
        }
        self.areas.clear();
        // A zoom still animating ends in a timer of Leaflet's, which then reads the panes that
        // `remove` takes away (an uncaught TypeError when a kiosk's reset came during a zoom):
        // it is ended now; the timer then finds nothing to do.
        let map: &JsValue = self.map.as_ref();
        if js_sys::Reflect::get(map, &"_animatingZoom".into()).is_ok_and(|a| a.is_truthy()) {
            if let Ok(end) = js_sys::Reflect::get(map, &"_onZoomTransitionEnd".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
                let _ = end.call0(map);
            }
        }
        self.map.remove();
    }
}

/// The touch target of a marker in CSS pixels: 44 (WCAG 2.2), 48 on a kiosk's touch screen.
fn target_px() -> f64 {
    if crate::app::page_is_kiosk() { 48.0 } else { 44.0 }
}

/// `more` is shown by CSS from the marker's `data-more` attribute (see `restyle`).
fn place_icon(kind: &str, selected: bool, _more: usize) -> leaflet::Icon {
    let options = DivIconOptions::new();
    let class = if selected { " place-marker--selected" } else { "" };
    options.set_class_name(format!("place-marker kind-{kind}{class}"));
    options.set_html(String::new());
    let px = target_px();
    options.set_icon_size(leaflet::Point::new(px, px));
    options.set_icon_anchor(leaflet::Point::new(px / 2.0, px / 2.0));
    div_icon(&options)
}

/// A cluster's name: its count and what it holds, the most numerous kind first ("18 places here
/// (Public facility 9, Station 6, Office 3); zoom in"). Named by its count alone, a cluster said
/// nothing of whether it was worth zooming into.
fn cluster_name(lang: Lang, count: usize, tally: &[u32; crate::domain::cluster::TAGS]) -> String {
    let c = t(lang);
    let mut kinds: Vec<(&str, u32)> = PlaceKind::ALL
        .iter()
        .filter_map(|k| tally.get(*k as usize).filter(|n| **n > 0).map(|n| ((c.kind_name)(*k), *n)))
        .collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1));
    (c.cluster_kinds_label)(count, &kinds)
}

fn cluster_icon(count: usize) -> leaflet::Icon {
    let options = DivIconOptions::new();
    let size = if count < 10 { "s" } else if count < 100 { "m" } else { "l" };
    options.set_class_name(format!("cluster-marker cluster-marker--{size}"));
    // Our own markup around a number we formatted: nothing from the data file.
    options.set_html(format!("<span aria-hidden=\"true\">{}</span>", group_digits(count as u64)));
    options.set_icon_size(leaflet::Point::new(48.0, 48.0));
    options.set_icon_anchor(leaflet::Point::new(24.0, 24.0));
    div_icon(&options)
}

fn tile_layer(url: &str, attribution: &str, max_zoom: f64) -> TileLayer {
    let options = TileLayerOptions::new();
    options.set_attribution(attribution.to_owned());
    options.set_max_zoom(max_zoom);
    TileLayer::new_options(url, &options)
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

fn current_view(map: &Map) -> (Bounds, MapView) {
    let b = map.get_bounds();
    let (sw, ne, c) = (b.get_south_west(), b.get_north_east(), map.get_center());
    let bounds = Bounds { south: sw.lat(), west: sw.lng(), north: ne.lat(), east: ne.lng() };
    (bounds, MapView { lat: c.lat(), lng: c.lng(), zoom: map.get_zoom() })
}

fn coarse_pointer() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(pointer: coarse)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Whether the page lays the map over the list (a phone, a narrow window, a laptop zoomed to 200 %),
/// so that the page itself scrolls past the map (style/main.css: below 48rem).
fn page_is_stacked() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 47.99rem)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Turns Leaflet's wheel zoom on or off. Where the page scrolls past the map, a wheel turned over
/// the map zoomed it and the page stopped scrolling there: the search and the list below were out
/// of a mouse's reach. There the wheel scrolls the page and Ctrl/⌘ + wheel zooms, as in an embed.
fn set_wheel_zoom(map: &Map, on: bool) {
    let Ok(handler) = js_sys::Reflect::get(map, &"scrollWheelZoom".into()) else { return };
    let method = if on { "enable" } else { "disable" };
    if let Ok(f) = js_sys::Reflect::get(&handler, &method.into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call0(&handler);
    }
}

/// What the line over the map says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hint {
    /// A plain wheel scrolled the page: Ctrl/⌘ + wheel zooms.
    Wheel,
    /// One finger in a frame scrolled the host page: two fingers move the map.
    TwoFingers,
    /// A tap with an area chosen: distances are now measured from that point.
    Point,
}

fn create_map(el: &web_sys::HtmlElement, moved: RwSignal<u32>, embedded: bool, state: AppState, hint: RwSignal<Option<Hint>>) -> Result<MapState, JsValue> {
    let options = MapOptions::new();
    if !embedded && page_is_stacked() {
        options.set_scroll_wheel_zoom(false);
    }
    if embedded {
        // On a host page the wheel and one finger scroll the page; Ctrl/⌘ + wheel and two
        // fingers move the map (see `on_wheel`; Leaflet's pinch zoom follows the fingers).
        options.set_scroll_wheel_zoom(false);
        if coarse_pointer() {
            options.set_dragging(false);
        }
    }
    if prefers_reduced_motion() {
        options.set_zoom_animation(false);
        options.set_fade_animation(false);
        options.set_marker_zoom_animation(false);
        options.set_inertia(false);
    }
    options.set_zoom_control(false);
    // No view yet: the first one comes from the URL, or from the data's places (see the view
    // effect in `CityMap`). A start view set here had Leaflet lay out and ask for a screenful of
    // tiles that the data's view replaced a moment later.
    let map = Map::new_with_element(el, &options)?;
    // Leaflet's own credit opened leafletjs.com in place of the app (in a frame, in place of the
    // map): a new tab, as the tile providers' credits.
    if let Ok(control) = js_sys::Reflect::get(map.unchecked_ref::<JsValue>(), &"attributionControl".into()) {
        let set = js_sys::Reflect::get(&control, &"setPrefix".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(set) = set {
            let _ = set.call1(&control, &LEAFLET_CREDIT.into());
        }
    }
    let gsi = tile_layer(GSI_PALE, GSI_ATTRIBUTION, 18.0);
    let osm = tile_layer(OSM, OSM_ATTRIBUTION, 19.0);
    load_outline(map.clone());
    let areas = AreaLayer::new(&map);
    let layer = LayerGroup::new();
    layer.add_to(&map);
    // With an area chosen, a tap on the map measures distances from that point instead.
    let on_click = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
        if state.area.get_untracked().is_none() {
            return;
        }
        let at = js_sys::Reflect::get(&ev, &"latlng".into()).ok();
        let num = |k: &str| at.as_ref().and_then(|a| js_sys::Reflect::get(a, &k.into()).ok()).and_then(|v| v.as_f64());
        if let (Some(lat), Some(lng)) = (num("lat"), num("lng")) {
            state.from_point.set(Some(crate::domain::LatLng { lat, lng }));
            hint.set(Some(Hint::Point));
        }
    });
    map.on("click", on_click.as_ref());
    let on_move = Closure::<dyn FnMut(JsValue)>::new(move |_| moved.update(|n| *n = n.wrapping_add(1)));
    map.on("moveend", on_move.as_ref());
    let still_pan = prefers_reduced_motion().then(|| still_panning(&map)).flatten();
    let still_focus = focus_without_scrolling(&map);
    let mut ms = MapState {
        map,
        layer,
        shown: HashMap::new(),
        controls: Vec::new(),
        gsi,
        osm,
        _on_move: on_move,
        _still_pan: still_pan,
        _still_focus: still_focus,
        _refocus: None,
        areas,
        _on_click: on_click,
        _resize: None,
        print: Vec::new(),
        _menu_keys: Vec::new(),
        projected: None,
    };
    ms._resize = watch_size(el, &ms.map, embedded);
    // An embed prints as the host page shows it: its frame's size is the host's.
    if !embedded {
        ms.print = watch_print(&ms.map);
    }
    Ok(ms)
}

/// What the map needs but its first view does not: the base layer and the controls. Added in a
/// task after that view, so that neither the map's creation nor its first view (which would lay
/// out a screenful of tiles) is a long task on a phone; the tiles are asked for at that view only.
fn finish_map(ms: &mut MapState, lang: Lang) -> Result<(), JsValue> {
    ms.gsi.add_to(&ms.map);
    set_controls(ms, lang)
}

fn watch_size(el: &web_sys::HtmlElement, map: &Map, embedded: bool) -> Option<SizeWatch> {
    let map = map.clone();
    // The layout changes between stacked and side by side with the window's width, and the map's
    // box with it.
    let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        map.invalidate_size(false);
        if !embedded {
            set_wheel_zoom(&map, !page_is_stacked());
        }
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some((observer, on_resize))
}

/// Printing: the map takes its paper size (`.printing .map` in style/main.css) and Leaflet is told
/// at once, in the `beforeprint` handler, since the page is laid out for paper before any observer
/// or task would run; the view keeps its centre and zoom. `afterprint` puts the screen back.
fn watch_print(map: &Map) -> Vec<NamedHandler> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let root = window.document().and_then(|d| d.document_element());
    [("beforeprint", true), ("afterprint", false)]
        .into_iter()
        .map(|(event, printing)| {
            let (map, root) = (map.clone(), root.clone());
            let handler = Closure::<dyn FnMut(JsValue)>::new(move |_| {
                if let Some(root) = &root {
                    let _ = root.class_list().toggle_with_force("printing", printing);
                }
                map.invalidate_size(false);
            });
            let _ = window.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            (event, handler)
        })
        .collect()
}

/// Reduced motion: every pan of the map (selection, keyboard arrows) jumps instead of gliding.
/// Leaflet has no option for it, so `map.panBy` is wrapped to pass `animate: false`.
fn still_panning(map: &Map) -> Option<Closure<dyn FnMut(JsValue, JsValue) -> JsValue>> {
    let original: js_sys::Function = js_sys::Reflect::get(map, &"panBy".into()).ok()?.dyn_into().ok()?;
    let target: JsValue = map.clone().into();
    let this = target.clone();
    let wrapper = Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(move |offset: JsValue, options: JsValue| {
        let opts = js_sys::Object::new();
        if options.is_object() {
            let _ = js_sys::Object::assign(&opts, &options.unchecked_into());
        }
        let _ = js_sys::Reflect::set(&opts, &"animate".into(), &false.into());
        original.call2(&this, &offset, &opts).unwrap_or(JsValue::UNDEFINED)
    });
    js_sys::Reflect::set(&target, &"panBy".into(), wrapper.as_ref()).ok()?;
    Some(wrapper)
}

/// Leaflet gives the map the focus on the first press of a mouse or finger
/// (`Keyboard._onMouseDown`), and then puts the window's scroll back. In a frame partly off the
/// host's screen, the focus's own scrolling moved the host page (by 130 px at 1280 × 720), which
/// the window's scroll does not undo. The same press now focuses the map without scrolling
/// anything; the handler is swapped while it is off, so Leaflet's listener is the new one.
fn focus_without_scrolling(map: &Map) -> Option<Closure<dyn FnMut()>> {
    let handler = js_sys::Reflect::get(map, &"keyboard".into()).ok().filter(JsValue::is_object)?;
    let call = |name: &str| {
        let f = js_sys::Reflect::get(&handler, &name.into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        f.map(|f| f.call0(&handler).is_ok()).unwrap_or(false)
    };
    let container = map.get_container();
    let this = handler.clone();
    let press = Closure::<dyn FnMut()>::new(move || {
        if js_sys::Reflect::get(&this, &"_focused".into()).ok().and_then(|v| v.as_bool()) == Some(true) {
            return;
        }
        focus_still(&container);
    });
    if !call("disable") {
        return None;
    }
    let swapped = js_sys::Reflect::set(&handler, &"_onMouseDown".into(), press.as_ref()).unwrap_or(false);
    call("enable");
    swapped.then_some(press)
}

/// (Re)creates the zoom and base-layer controls with names in `lang`.
/// Puts the language's names on the controls already on the map, in place. Controls are never
/// replaced: Leaflet 1.9's layers control leaves a map click handler behind each time it is added,
/// so rebuilding them per language switch leaked nodes and listeners on a kiosk.
fn relabel_controls(ms: &MapState, lang: Lang) {
    let c = t(lang);
    name_map_stop(&ms.map, c);
    let set = |el: Option<web_sys::Element>, text: &str| {
        if let Some(el) = el {
            let _ = el.set_attribute("title", text);
            let _ = el.set_attribute("aria-label", text);
        }
    };
    for control in &ms.controls {
        let root = control.get_container();
        let find = |sel: &str| root.query_selector(sel).ok().flatten();
        set(find(".leaflet-control-zoom-in"), c.zoom_in);
        set(find(".leaflet-control-zoom-out"), c.zoom_out);
        set(find(".leaflet-control-layers-toggle"), c.base_layers);
        if let Some(group) = find(".leaflet-control-layers-base") {
            let _ = group.set_attribute("aria-label", c.base_layers);
        }
        // The base-layer names, in the order they were added: GSI, then OpenStreetMap.
        if let Ok(names) = root.query_selector_all(".leaflet-control-layers-base label span span") {
            for (i, name) in [c.base_gsi, c.base_osm].iter().enumerate() {
                if let Some(node) = names.item(i as u32) {
                    node.set_text_content(Some(&format!(" {name}")));
                }
            }
        }
    }
}

/// Leaflet makes the map's container a keyboard stop (arrow keys pan, + and − zoom) with no name
/// and no role: a screen reader said only "group" or nothing there. It gets both, in `c`'s language.
fn name_map_stop(map: &Map, c: &Catalog) {
    let el = map.get_container();
    let _ = el.set_attribute("role", "group");
    let _ = el.set_attribute("aria-label", c.map_keys);
}

/// Adds the zoom and layers controls, once per map; `relabel_controls` renames them later.
fn set_controls(ms: &mut MapState, lang: Lang) -> Result<(), JsValue> {
    let c = t(lang);
    name_map_stop(&ms.map, c);
    let mut zoom_options = leaflet::ZoomOptions::new();
    zoom_options.set_zoom_in_title(c.zoom_in);
    zoom_options.set_zoom_out_title(c.zoom_out);
    let zoom = leaflet::Zoom::new(&zoom_options);
    // After a click on + or −, Leaflet gives the map the focus (`Control._refocusOnMap`), and in a
    // frame half below the host's fold that focus scrolled the host page (242 px at 1,280 × 800).
    // The buttons take their handler from the control as they are made, so it is set before.
    let container = ms.map.get_container();
    let refocus = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        // Not from the keyboard (a key's click has no screen position), as Leaflet's own.
        let at = |k: &str| js_sys::Reflect::get(&e, &k.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        if at("screenX") > 0.0 && at("screenY") > 0.0 {
            focus_still(&container);
        }
    });
    let _ = js_sys::Reflect::set(&zoom, &"_refocusOnMap".into(), refocus.as_ref());
    ms._refocus = Some(refocus);
    zoom.add_to(&ms.map);
    let bases = js_sys::Object::new();
    js_sys::Reflect::set(&bases, &c.base_gsi.into(), &ms.gsi)?;
    js_sys::Reflect::set(&bases, &c.base_osm.into(), &ms.osm)?;
    let layers = layers_control(&bases);
    layers.add_to(&ms.map);
    if let Some(toggle) = layers.get_container().query_selector(".leaflet-control-layers-toggle").ok().flatten() {
        let _ = toggle.set_attribute("title", c.base_layers);
        let _ = toggle.set_attribute("aria-label", c.base_layers);
        // It opens a menu, and is hidden while the menu is open: collapsed whenever it is seen.
        let _ = toggle.set_attribute("aria-expanded", "false");
    }
    // The two choices are one group with a name: a screen reader said "GSI pale map, radio button,
    // 1 of 2" without saying what was chosen.
    if let Some(group) = layers.get_container().query_selector(".leaflet-control-layers-base").ok().flatten() {
        let _ = group.set_attribute("role", "radiogroup");
        let _ = group.set_attribute("aria-label", c.base_layers);
    }
    // Leaflet opens the base-map menu from the keyboard but closes it only on a mouse leaving it:
    // Escape closes it and gives focus back to its button, and so does Tab leaving it.
    let container = layers.get_container();
    let collapse = {
        let layers = layers.clone();
        move || {
            if let Ok(f) = js_sys::Reflect::get(&layers, &"collapse".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
                let _ = f.call0(&layers);
            }
        }
    };
    let on_key = {
        let (collapse, container) = (collapse.clone(), container.clone());
        Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let Ok(key) = e.dyn_into::<web_sys::KeyboardEvent>() else { return };
            let on_toggle = key
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| t.class_list().contains("leaflet-control-layers-toggle"));
            if on_toggle && key.key() == "Enter" {
                // Leaflet opens the menu and hides its button, which had focus: focus goes to the
                // choice in force instead of the page's start.
                let container = container.clone();
                request_animation_frame(move || {
                    super::focus_in(&container, "input:checked");
                });
            }
            if key.key() == "Escape" && container.class_list().contains("leaflet-control-layers-expanded") {
                key.stop_propagation();
                collapse();
                super::focus_in(&container, ".leaflet-control-layers-toggle");
            }
        })
    };
    let on_leave = {
        let container = container.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            // Focus that leaves the page (no related target) keeps the menu as it was.
            let Ok(focus) = e.dyn_into::<web_sys::FocusEvent>() else { return };
            let Some(to) = focus.related_target() else { return };
            if !to.dyn_into::<web_sys::Node>().is_ok_and(|n| container.contains(Some(&n))) {
                collapse();
            }
        })
    };
    let _ = container.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    let _ = container.add_event_listener_with_callback("focusout", on_leave.as_ref().unchecked_ref());
    ms._menu_keys = vec![on_key, on_leave];
    ms.controls.push(zoom.into());
    ms.controls.push(layers);
    Ok(())
}

fn add_marker(ms: &mut MapState, key: String, shared: Rc<Cell<Spot>>, icon: leaflet::Icon, name: &str, kind: Option<&'static str>, handlers: Vec<(&'static str, Handler)>) {
    let spot = shared.get();
    let options = MarkerOptions::new();
    options.set_icon(icon);
    options.set_title(name.to_owned());
    options.set_keyboard(true);
    let marker = Marker::new_with_options(&LatLng::new(spot.at.0, spot.at.1), &options);
    for (event, handler) in &handlers {
        marker.on(event, handler.as_ref());
    }
    marker.add_to_layer_group(&ms.layer);
    let mut focus = None;
    if let Some(el) = marker_element(&marker) {
        let _ = el.set_attribute("aria-label", name);
        // A marker reached with Tab may sit at the edge, half outside the map: bring it inside.
        let (map, at) = (ms.map.clone(), Rc::clone(&shared));
        let on_focus = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let options = js_sys::Object::new();
            let padding = js_sys::Array::of2(&60.into(), &60.into());
            let _ = js_sys::Reflect::set(&options, &"padding".into(), &padding);
            let (lat, lng) = at.get().at;
            if let Ok(f) = js_sys::Reflect::get(&map, &"panInside".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
                let _ = f.call2(&map, &LatLng::new(lat, lng), &options);
            }
        });
        let _ = el.add_event_listener_with_callback("focus", on_focus.as_ref().unchecked_ref());
        focus = Some((el, on_focus));
    }
    let look = kind.map(|_| Look { selected: false, more: 0 });
    ms.shown.insert(key, Shown { marker, look, spot: shared, handlers, focus });
}

/// Puts a cluster marker that is no longer wanted where a new cluster is: its element, its
/// handlers and its place in Leaflet stay; its position, number, name and zoom target change.
/// Cheaper for Leaflet and the browser than removing one marker and adding another, which is
/// what a letter typed in the search does to most clusters at 100,000 places.
fn move_cluster(shown: &Shown, spot: Spot, count: usize, name: &str) {
    shown.spot.set(spot);
    shown.marker.set_lat_lng(&LatLng::new(spot.at.0, spot.at.1));
    shown.marker.set_icon(&cluster_icon(count));
    if let Some(el) = marker_element(&shown.marker) {
        let _ = el.set_attribute("aria-label", name);
        let _ = el.set_attribute("title", name);
    }
}

/// Whether two boxes share some ground (touching counts).
fn overlap(a: Bounds, b: Bounds) -> bool {
    a.south <= b.north && b.south <= a.north && a.west <= b.east && b.west <= a.east
}

/// Enter and Space act on a marker as on a button (Leaflet gives it the role but not the keys).
fn on_activate_key(mut act: impl FnMut() + 'static) -> Closure<dyn FnMut(JsValue)> {
    Closure::new(move |e: JsValue| {
        let original = js_sys::Reflect::get(&e, &"originalEvent".into()).ok();
        let Some(key_event) = original.and_then(|o| o.dyn_into::<web_sys::KeyboardEvent>().ok()) else { return };
        if matches!(key_event.key().as_str(), "Enter" | " ") {
            key_event.prevent_default();
            act();
        }
    })
}

fn zoom_to(map: &Map, b: Bounds) {
    let bounds = LatLngBounds::new(&LatLng::new(b.south, b.west), &LatLng::new(b.north, b.east));
    if b.south == b.north && b.west == b.east {
        map.set_view(&LatLng::new(b.south, b.west), NO_CLUSTER_ZOOM);
    } else {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"maxZoom".into(), &NO_CLUSTER_ZOOM.into());
        map.fit_bounds_with_options(&bounds, &options);
    }
}

/// How a place marker looks: selected or not, and how many neighbours it stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Look {
    selected: bool,
    /// Places hidden under the selected marker (its cluster), 0 for none.
    more: usize,
}

/// Draws the matching places in view, clustered, adding and removing only what changed; a marker
/// that stays keeps its element (and so its focus), and only its icon changes.
fn draw(ms: &mut MapState, data: &Arc<Validated>, matches: &[usize], lang: Lang, selected: Option<&str>, state: AppState) {
    let places = &data.city.places;
    let (view, map_view) = current_view(&ms.map);
    // `matches` are indices into these places (the search's, for this data), read with `get` all
    // the same: a stale index draws nothing rather than stopping the app.
    let selected_index = selected.and_then(|id| matches.iter().copied().find(|&i| places.get(i).is_some_and(|p| p.id == id)));
    if !ms.projected.as_ref().is_some_and(|(of, _)| Arc::ptr_eq(of, data)) {
        let unit = places.iter().map(|p| project_scaled(p.location, 1.0)).collect();
        ms.projected = Some((Arc::clone(data), unit));
    }
    let unit: &[(f64, f64)] = ms.projected.as_ref().map_or(&[], |(_, unit)| unit);
    // The selected place is placed first, so it stands at its own position and no marker covers
    // it; the neighbours that would cover it are counted on it ("+2").
    // Tagged by kind, so that a cluster is named with what it holds.
    let points = matches.iter().filter_map(|&i| {
        let place = places.get(i)?;
        Some((i, place.location, *unit.get(i)?, place.kind as u8))
    });
    let items = cluster_projected(points, map_view.zoom, view.padded(0.25), RADIUS_PX, selected_index);
    let lang_tag = lang.as_str();
    let key_of = |item: &MapItem| match item {
        MapItem::Place(i) => format!("p:{}:{lang_tag}", places.get(*i).map_or("", |p| p.id.as_str())),
        MapItem::Cluster { pinned: true, .. } => format!("p:{}:{lang_tag}", selected.unwrap_or_default()),
        // The kinds too: a cluster of the same size at the same place may hold other kinds.
        MapItem::Cluster { count, center, tally, .. } => format!("c:{count}:{:.6}:{:.6}:{tally:?}:{lang_tag}", center.lat, center.lng),
    };
    let wanted: HashMap<String, &MapItem> = items.iter().map(|item| (key_of(item), item)).collect();
    // Cluster markers no longer wanted are kept aside to be moved to new clusters; the one with
    // the keyboard's focus is not, so that focus never lands on a different cluster unasked.
    let focused = super::active_element();
    let mut spare: Vec<Shown> = Vec::new();
    // A focused cluster that is regrouped (a pan to bring it inside the map can do that) becomes
    // the new cluster over the same ground, if there is one: focus stays on those places instead
    // of falling to the page's start.
    let mut focused_cluster: Option<Shown> = None;
    let mut lost_focus = false;
    for key in ms.shown.keys().filter(|key| !wanted.contains_key(*key)).cloned().collect::<Vec<_>>() {
        let Some(shown) = ms.shown.remove(&key) else { continue };
        let has_focus = focused.as_ref().is_some_and(|f| marker_element(&shown.marker).is_some_and(|el| AsRef::<web_sys::Element>::as_ref(&el) == f));
        if shown.look.is_none() && !has_focus {
            spare.push(shown);
        } else if shown.look.is_none() && focused_cluster.is_none() {
            focused_cluster = Some(shown);
        } else {
            lost_focus |= has_focus;
            ms.layer.remove_layer(&shown.marker);
        }
    }
    for item in &items {
        let key = key_of(item);
        let place_index = match item {
            MapItem::Place(i) => Some(*i),
            MapItem::Cluster { pinned: true, .. } => selected_index,
            MapItem::Cluster { .. } => None,
        };
        if let Some((i, place)) = place_index.and_then(|i| Some((i, places.get(i)?))) {
            let more = match item {
                MapItem::Cluster { count, .. } => count.saturating_sub(1),
                MapItem::Place(_) => 0,
            };
            let look = Look { selected: Some(i) == selected_index, more };
            if let Some(shown) = ms.shown.get_mut(&key) {
                if shown.look != Some(look) {
                    restyle(shown, place.kind.as_str(), look, lang);
                }
                continue;
            }
            add_place(ms, key, place, look, lang, state);
        } else if let (MapItem::Cluster { count, center, bounds, tally, .. }, false) = (item, ms.shown.contains_key(&key)) {
            let spot = Spot { at: (center.lat, center.lng), bounds: *bounds };
            let name = cluster_name(lang, *count, tally);
            if focused_cluster.as_ref().is_some_and(|f| overlap(f.spot.get().bounds, *bounds)) {
                if let Some(shown) = focused_cluster.take() {
                    move_cluster(&shown, spot, *count, &name);
                    ms.shown.insert(key, shown);
                    continue;
                }
            }
            if let Some(shown) = spare.pop() {
                move_cluster(&shown, spot, *count, &name);
                ms.shown.insert(key, shown);
                continue;
            }
            let shared = Rc::new(Cell::new(spot));
            let (map1, map2, b1, b2) = (ms.map.clone(), ms.map.clone(), Rc::clone(&shared), Rc::clone(&shared));
            // The focus goes to the map, as from the keyboard: the marker clicked is redrawn away,
            // and the focus fell to the page's start.
            let click = Closure::new(move |_| {
                zoom_to(&map1, b1.get().bounds);
                focus_still(&map1.get_container());
            });
            // From the keyboard the cluster goes with the zoom: focus stays on the map (arrow keys
            // move it, Tab reaches the markers now shown), not on the page's start.
            let key_handler = on_activate_key(move || {
                zoom_to(&map2, b2.get().bounds);
                focus_still(&map2.get_container());
            });
            add_marker(ms, key, shared, cluster_icon(*count), &name, None, vec![("click", click), ("keydown", key_handler)]);
        }
    }
    for shown in spare {
        ms.layer.remove_layer(&shown.marker);
    }
    if let Some(shown) = focused_cluster {
        ms.layer.remove_layer(&shown.marker);
        lost_focus = true;
    }
    // A focused marker that is gone leaves the keyboard on the map, where Tab goes on to the
    // markers, not at the page's start.
    if lost_focus {
        focus_still(&ms.map.get_container());
    }
    // Only while the keyboard's focus is in the map (and as it enters, below): the order matters
    // to Tab alone, and moving markers at every letter typed in the search cost the slowest
    // keystrokes at 100,000 places about a tenth more.
    if keyboard_in(&ms.map) {
        order_for_tab(ms, map_view.zoom);
    }
}

thread_local! {
    /// Whether the last input was a key (not a press of a mouse, a pen or a finger).
    static KEYBOARD_LAST: Cell<bool> = const { Cell::new(false) };
    static WATCHING_INPUT: Cell<bool> = const { Cell::new(false) };
}

/// Keeps `KEYBOARD_LAST`, once for the page (the listeners live as long as it).
fn watch_input() {
    if WATCHING_INPUT.with(|w| w.replace(true)) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    for (event, keyboard) in [("keydown", true), ("pointerdown", false)] {
        let f = Closure::<dyn FnMut()>::new(move || KEYBOARD_LAST.with(|k| k.set(keyboard)));
        let _ = document.add_event_listener_with_callback_and_bool(event, f.as_ref().unchecked_ref(), true);
        f.forget();
    }
}

/// Whether the keyboard's focus is on the map or on one of its markers or controls. The
/// keyboard's only: Leaflet focuses the map on a mouse's or a finger's press (`:focus-visible`
/// then matches too), and markers moved between that press and its release lost the click.
fn keyboard_in(map: &Map) -> bool {
    if !KEYBOARD_LAST.with(Cell::get) {
        return false;
    }
    let focused = super::active_element();
    let container: web_sys::Node = map.get_container().into();
    focused.is_some_and(|f| container.contains(Some(&f)))
}

/// The closest zoom an area is shown at when chosen: a former town's whole ring with the land
/// around it on a phone's or a kiosk's map.
const AREA_ZOOM: f64 = 12.0;

/// A marker's height: markers less than this below a row's highest one are read with that row.
const ROW_PX: f64 = 44.0;
/// An element's place in the wanted order, kept on the element for one reordering (no attribute,
/// so the page's DOM does not change for it).
const ORDER_KEY: &str = "__nagaokaOrder";

/// Puts the markers in the page in reading order (`order::reading_order`), so that Tab goes
/// across the map as the eye does: added one by one, new markers went to the end, and Tab jumped
/// about the city. Moves as few as it can, and never the one with the keyboard's focus, which a
/// move would lose.
fn order_for_tab(ms: &MapState, zoom: f64) {
    let scale = zoom_scale(zoom);
    let (elements, points): (Vec<web_sys::HtmlElement>, Vec<(f64, f64)>) = ms
        .shown
        .values()
        .filter_map(|s| {
            let (lat, lng) = s.spot.get().at;
            Some((marker_element(&s.marker)?, project_scaled(crate::domain::LatLng { lat, lng }, scale)))
        })
        .unzip();
    if elements.len() < 2 {
        return;
    }
    let Some(pane) = elements[0].parent_element() else { return };
    let wanted: Vec<web_sys::HtmlElement> = reading_order(&points, ROW_PX).into_iter().filter_map(|i| elements.get(i).cloned()).collect();
    for (i, el) in wanted.iter().enumerate() {
        let _ = js_sys::Reflect::set(el, &ORDER_KEY.into(), &(i as f64).into());
    }
    let focused = super::active_element();
    // Each marker's place in the wanted order, in the page's order now.
    let children = pane.children();
    let mut now: Vec<usize> = Vec::with_capacity(wanted.len());
    let mut pinned = None;
    for k in 0..children.length() {
        let Some(child) = children.item(k) else { continue };
        let Some(i) = js_sys::Reflect::get(&child, &ORDER_KEY.into()).ok().and_then(|v| v.as_f64()).map(|v| v as usize) else { continue };
        if wanted.get(i).is_some_and(|el| AsRef::<web_sys::Element>::as_ref(el) == &child) {
            if focused.as_ref() == Some(&child) {
                pinned = Some(now.len());
            }
            now.push(i);
        }
    }
    let stays = stay_in_place(&now, pinned);
    let mut stays_by_wanted = vec![false; wanted.len()];
    for (&i, &stay) in now.iter().zip(&stays) {
        stays_by_wanted[i] = stay;
    }
    // From the last wanted to the first, each that moves goes before the next one, already placed.
    for i in (0..wanted.len()).rev() {
        if !stays_by_wanted[i] {
            let next: Option<&web_sys::Node> = wanted.get(i + 1).map(|el| el.as_ref());
            let _ = pane.insert_before(&wanted[i], next);
        }
    }
}

fn add_place(ms: &mut MapState, key: String, place: &Place, look: Look, lang: Lang, state: AppState) {
    let kind = place.kind.as_str();
    let name = format!("{} ({})", place.name.get(lang), (t(lang).kind_name)(place.kind));
    let (id1, id2) = (place.id.clone(), place.id.clone());
    // Pressed again, the chosen place's marker (its "+21 places here; zoom in") zooms in until it
    // stands alone: choosing it anew changed nothing, where a place opened from a link kept the
    // link's view.
    let map = ms.map.clone();
    let pick = Rc::new(move |id: &str| {
        if state.selected.get_untracked().as_deref() != Some(id) {
            state.selected.set(Some(id.to_owned()));
        } else if let Some(data) = state.data.get_untracked() {
            zoom_apart(&map, &data.city.places, &state.matches.get_untracked(), id);
        }
    });
    let again = Rc::clone(&pick);
    let click = Closure::new(move |_| pick(&id1));
    let key_handler = on_activate_key(move || again(&id2));
    let spot = Spot { at: (place.location.lat, place.location.lng), bounds: Bounds::around(place.location) };
    add_marker(ms, key.clone(), Rc::new(Cell::new(spot)), place_icon(kind, false, 0), &name, Some(kind), vec![("click", click), ("keydown", key_handler)]);
    if let Some(shown) = ms.shown.get_mut(&key) {
        restyle(shown, kind, look, lang);
    }
}

/// Sets a place marker's icon for `look`, keeping its element.
fn restyle(shown: &mut Shown, kind: &str, look: Look, lang: Lang) {
    shown.marker.set_icon(&place_icon(kind, look.selected, look.more));
    shown.marker.set_z_index_offset(if look.selected { SELECTED_Z } else { 0.0 });
    if let Some(el) = marker_element(&shown.marker) {
        let title = el.get_attribute("aria-label").unwrap_or_default();
        let title = if look.more > 0 { format!("{title} · {}", (t(lang).cluster_label)(look.more)) } else { title };
        let _ = el.set_attribute("title", &title);
        // The "+2" badge comes from CSS, so the marker's name stays the place's name.
        let _ = if look.more > 0 { el.set_attribute("data-more", &look.more.to_string()) } else { el.remove_attribute("data-more") };
        // The selected place is said, not only drawn larger.
        let _ = if look.selected { el.set_attribute("aria-current", "true") } else { el.remove_attribute("aria-current") };
    }
    shown.look = Some(look);
}

/// Brings the selected place into view, zoomed in as far as it takes for its marker to stand
/// alone: drawn over its neighbours with a "+21", the chosen coworking space hid the offices
/// around it, and "+21" read as 21 of its kind. Never past `NO_CLUSTER_ZOOM - 1`, and not at all
/// for places in one building, which no zoom parts.
fn show_selection(map: &Map, places: &[Place], matches: &[usize], current: Option<&str>) {
    let Some(place) = current.and_then(|id| places.iter().find(|p| p.id == id)) else { return };
    let at = LatLng::new(place.location.lat, place.location.lng);
    let others = matches.iter().filter_map(|&i| places.get(i)).filter(|p| p.id != place.id).map(|p| p.location);
    let zoom = map.get_zoom();
    match zoom_to_stand_alone(place.location, others, zoom, NO_CLUSTER_ZOOM - 1.0, RADIUS_PX) {
        Some(closer) if closer > zoom => {
            set_view_gently(map, &at, closer);
        }
        _ => pan_gently(map, &at),
    }
}

/// Zooms in on the chosen place until its marker holds no more than the places in its own
/// building (which no zoom parts); nothing when it already does.
fn zoom_apart(map: &Map, places: &[Place], matches: &[usize], id: &str) {
    let Some(place) = places.iter().find(|p| p.id == id) else { return };
    let others = matches.iter().filter_map(|&i| places.get(i)).filter(|p| p.id != place.id && p.location != place.location).map(|p| p.location);
    let zoom = map.get_zoom();
    if let Some(closer) = zoom_to_stand_alone(place.location, others, zoom, NO_CLUSTER_ZOOM - 1.0, RADIUS_PX).filter(|z| *z > zoom) {
        set_view_gently(map, &LatLng::new(place.location.lat, place.location.lng), closer);
    }
}

/// Sets the view on `at` at `zoom`, without the glide where motion is to be reduced.
fn set_view_gently(map: &Map, at: &LatLng, zoom: f64) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"animate".into(), &(!prefers_reduced_motion()).into());
    map.set_view_with_options(at, zoom, &options);
}

/// Pans to `at`, without the glide where motion is to be reduced.
fn pan_gently(map: &Map, at: &LatLng) {
    if prefers_reduced_motion() {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"animate".into(), &false.into());
        map.pan_to_with_options(at, &options);
    } else {
        map.pan_to(at);
    }
}

/// Whether `at` is in the map's view, clear of its outer tenth on every side.
fn well_inside(map: &Map, at: &LatLng) -> bool {
    let bounds: JsValue = map.get_bounds().into();
    let inner = js_sys::Reflect::get(&bounds, &"pad".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|pad| pad.call1(&bounds, &JsValue::from_f64(-0.1)).ok())
        .map(|b| b.unchecked_into::<LatLngBounds>());
    inner.is_some_and(|b| b.contains(at))
}

fn fit_all(map: &Map, b: Bounds) {
    // Padding keeps every marker whole and clear of the zoom and layer controls.
    let bounds = LatLngBounds::new(&LatLng::new(b.south, b.west), &LatLng::new(b.north, b.east));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"padding".into(), &js_sys::Array::of2(&64.into(), &64.into()));
    // No zoom animation to the data's first view: it cost about 70 ms of forced layout (Leaflet
    // reads the layout on every animation step while the app is still adding its list), drew the
    // markers twice, and showed nothing the visitor had asked to follow.
    let _ = js_sys::Reflect::set(&options, &"animate".into(), &false.into());
    // Places all at one point (or a file of one place) have bounds of no size: Leaflet's zoom for
    // them is infinite before the base layer gives the map a largest zoom, and the map's centre
    // became NaN, which threw on the next read of its bounds and brought down the page.
    let _ = js_sys::Reflect::set(&options, &"maxZoom".into(), &NO_CLUSTER_ZOOM.into());
    map.fit_bounds_with_options(&bounds, &options);
}

#[component]
pub fn CityMap() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let container = NodeRef::<leptos::html::Div>::new();
    // Counts map moves; the drawing effect re-runs on each.
    let moved = RwSignal::new(0u32);
    let cell: Rc<RefCell<Option<MapState>>> = Rc::new(RefCell::new(None));
    // Set once the Leaflet map exists; the effects below wait for it, whichever runs first.
    let ready = RwSignal::new(false);
    // Set when it could not start (Leaflet's file did not arrive): the map's box says so.
    let failed = RwSignal::new(false);

    // When the screen is rebuilt (a kiosk reset), the old map is taken down with its listeners
    // and observer; the handlers that still hold the cell find it empty.
    let owned = StoredValue::new_local(cell.clone());
    on_cleanup(move || {
        owned.try_with_value(|cell| cell.try_borrow_mut().ok().map(|mut slot| slot.take()));
    });

    // A line over the map that says what a gesture did or should be (see `Hint`).
    let hint = RwSignal::new(None::<Hint>);
    let ms = cell.clone();
    crate::effect::effect(move |_| {
        let Some(el) = container.get() else { return };
        let ms = ms.clone();
        // Leaflet is started in a task of its own, after the rest of the screen has mounted: its
        // first read of the map's size lays the whole new page out, and in one task with the
        // mount the two made the longest task of the start-up.
        leptos::task::spawn_local(async move {
            crate::app::yield_task().await;
            // The screen may have been taken down meanwhile (a kiosk reset).
            if !el.is_connected() {
                return;
            }
            // try_borrow: a JavaScript exception inside Leaflet would leave a borrow flag set; the
            // map then stops updating instead of panicking.
            let Ok(mut slot) = ms.try_borrow_mut() else { return };
            if slot.is_some() {
                return;
            }
            match create_map(&el, moved, state.mode == Mode::Embed, state, hint) {
                Ok(created) => {
                    *slot = Some(created);
                    drop(slot);
                    ready.set(true);
                }
                Err(e) => {
                    web_sys::console::error_2(&"the map could not start:".into(), &e);
                    failed.set(true);
                }
            }
        });
    });

    // Set once the map has its first view (from the URL, or fitted to the data): the markers wait
    // for it, so they are drawn once, at that view, and not first at the start view.
    let placed = RwSignal::new(false);

    // The base layer and the controls, a task after the first view (see `finish_map`).
    let ms = cell.clone();
    crate::effect::effect(move |finished: Option<bool>| {
        if finished == Some(true) {
            return true;
        }
        if !placed.get() {
            return false;
        }
        let ms = ms.clone();
        leptos::task::spawn_local(async move {
            crate::app::yield_task().await;
            let Some(lang) = lang.try_get_untracked() else { return };
            let Ok(mut slot) = ms.try_borrow_mut() else { return };
            if let Some(m) = slot.as_mut() {
                if let Err(e) = finish_map(m, lang) {
                    web_sys::console::error_2(&"the map's controls could not start:".into(), &e);
                }
            }
        });
        true
    });

    // The view: from the URL or history first; else, once, the whole city's places.
    let ms = cell.clone();
    crate::effect::effect(move |fitted: Option<bool>| {
        ready.track();
        let goto = state.goto_view.get();
        // The data's places, announced before the data itself (see `AppState::reload`), or the
        // data's, when it came another way (the last good copy).
        let first = state.first_view.get().or_else(|| {
            state.data.with(|d| d.as_ref().and_then(|d| crate::domain::geo::first_view(d.city.places.iter().map(|p| p.location))))
        });
        let has_data = state.data.with(Option::is_some);
        let loading = matches!(state.status.get(), LoadStatus::Loading);
        let Ok(slot) = ms.try_borrow() else { return fitted.unwrap_or(false) };
        let Some(m) = slot.as_ref() else { return false };
        if let Some(v) = goto {
            m.map.set_view(&LatLng::new(v.lat, v.lng), v.zoom);
            state.goto_view.set(None);
            placed.set(true);
            return true;
        }
        if fitted != Some(true) {
            if let Some(b) = first {
                fit_all(&m.map, b);
                placed.set(true);
                return true;
            }
            if has_data || !loading {
                // Data without a place, or no data at all (the load failed): the whole city. The
                // start view, made for a phone, showed a laptop a few bends of the outline.
                // Not yet fitted to places: when data comes (a Retry), the map goes to them.
                fit_all(&m.map, CITY_OUTLINE_BOUNDS);
                placed.set(true);
                return false;
            }
        }
        fitted.unwrap_or(false)
    });

    let ms = cell.clone();
    crate::effect::effect(move |_| {
        moved.track();
        ready.track();
        if !placed.get() {
            return;
        }
        let (data, matches, l, selected) = (state.data.get(), state.matches.get(), lang.get(), state.selected.get());
        let Ok(mut slot) = ms.try_borrow_mut() else { return };
        let (Some(data), Some(m)) = (data, slot.as_mut()) else { return };
        draw(m, &data, &matches, l, selected.as_deref(), state);
        crate::app::mark("nagaoka:drawn");
        let (_, v) = current_view(&m.map);
        if state.view.get_untracked() != Some(v) {
            state.view.set(Some(v));
        }
    });

    let ms = cell.clone();
    // The controls are renamed in place when the language really changes (see `relabel_controls`).
    crate::effect::effect(move |prev: Option<Lang>| {
        let l = lang.get();
        if prev.is_some_and(|p| p != l) {
            if let Ok(slot) = ms.try_borrow() {
                if let Some(m) = slot.as_ref() {
                    relabel_controls(m, l);
                }
            }
        }
        l
    });

    let ms = cell.clone();
    crate::effect::effect(move |before: Option<Option<String>>| {
        ready.track();
        let (data, measure, chosen, point) = (state.data.get(), state.measure.get(), state.area.get(), state.from_point.get());
        let Ok(mut slot) = ms.try_borrow_mut() else { return chosen };
        if let (Some(data), Some(m)) = (data, slot.as_mut()) {
            m.areas.draw(&data.city, measure, chosen.as_deref(), point, state);
            // An area just chosen and near or past the map's edge (a kiosk's tall map showed
            // half its ring) is brought into view.
            // Only once the map has its first view: before it, Leaflet's bounds throw.
            if before.as_ref().is_some_and(|b| *b != chosen) && placed.get_untracked() {
                if let Some(area) = chosen.as_deref().and_then(|id| data.city.area(id)) {
                    let at = LatLng::new(area.centre.lat, area.centre.lng);
                    if m.map.get_zoom() > AREA_ZOOM {
                        // Zoomed in on a street (after a cluster or a place), the map showed the
                        // area's ring alone on a blank square: the area with its surroundings.
                        set_view_gently(&m.map, &at, AREA_ZOOM);
                    } else if !well_inside(&m.map, &at) {
                        pan_gently(&m.map, &at);
                    }
                }
            }
        }
        chosen
    });

    // The markers in reading order as the focus comes into the map (see `draw`).
    watch_input();
    let ms = cell.clone();
    let on_focus_in = move |_: web_sys::FocusEvent| {
        if let Ok(slot) = ms.try_borrow() {
            if let Some(m) = slot.as_ref().filter(|m| keyboard_in(&m.map)) {
                order_for_tab(m, m.map.get_zoom());
            }
        }
    };
    let map_for_wheel = cell.clone();
    let ms = cell;
    // Pans to a place when the selection changes. Not to the one the page opened with: a shared
    // URL brings its own view, which must come back exactly, and without one the first view shows
    // every place. (This held only by the order of the start's tasks until they ran in slices.)
    crate::effect::effect(move |seen: Option<Option<Option<String>>>| {
        // Once the map has a view: Leaflet cannot pan a map that has none.
        if !placed.get() {
            return None;
        }
        let current = state.selected.get();
        let changed = matches!(&seen, Some(Some(before)) if *before != current);
        let restored = state.view_from_history.get_value();
        state.view_from_history.set_value(false);
        if changed && !restored {
            if let (Ok(slot), Some(data)) = (ms.try_borrow(), state.data.get_untracked()) {
                if let Some(m) = slot.as_ref() {
                    show_selection(&m.map, &data.city.places, &state.matches.get_untracked(), current.as_deref());
                }
            }
        }
        Some(current)
    });

    // Embedded, or where the page scrolls past the map: Ctrl/⌘ + wheel zooms; a plain wheel
    // scrolls the page and shows a hint.
    let hint_timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    // Each hint goes after a while, and a later one replaces it.
    crate::effect::effect(move |_| {
        let shown = hint.get();
        let ms = if shown == Some(Hint::Point) { 4_000 } else { 1_500 };
        hint_timer.set_value(shown.map(|_| gloo_timers::callback::Timeout::new(ms, move || hint.set(None))));
    });
    let ms = map_for_wheel;
    let on_wheel = move |ev: web_sys::WheelEvent| {
        if state.mode != Mode::Embed && !page_is_stacked() {
            return;
        }
        if ev.ctrl_key() || ev.meta_key() {
            ev.prevent_default();
            if let Some(m) = ms.try_borrow().ok().as_ref().and_then(|m| m.as_ref()) {
                if ev.delta_y() < 0.0 { m.map.zoom_in(1.0); } else { m.map.zoom_out(1.0); }
            }
            hint.set(None);
        } else {
            hint.set(Some(Hint::Wheel));
        }
    };
    // In a frame on a phone one finger scrolls the host page; a visitor trying to move the map
    // is told how (as the wheel's hint does for a mouse).
    let on_touch = move |ev: web_sys::TouchEvent| {
        if state.mode == Mode::Embed && coarse_pointer() && ev.touches().length() == 1 && hint.get_untracked() != Some(Hint::TwoFingers) {
            hint.set(Some(Hint::TwoFingers));
        }
    };
    view! {
        // The view as the address writes it, also where the address keeps none (a kiosk): what
        // the map shows, readable from the page.
        <div class="map" id="map-region" role="region" aria-label=move || t(lang.get()).map_label on:wheel=on_wheel on:touchmove=on_touch
            data-view=move || state.view.get().map(|v| v.to_param())>
            <div class="map__canvas" node_ref=container on:focusin=on_focus_in></div>
            {move || failed.get().then(|| view! { <p class="map__failed" role="alert">{t(lang.get()).map_failed}</p> })}
            <p class="map__hint" role="status" class:map__hint--shown=move || hint.get().is_some()>
                {move || hint.get().map(|h| {
                    let m = t(lang.get());
                    match h {
                        Hint::Wheel => m.wheel_hint,
                        Hint::TwoFingers => m.two_finger_hint,
                        Hint::Point => m.point_hint,
                    }
                })}
            </p>
        </div>
    }
}
