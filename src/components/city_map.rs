//! The Leaflet map: base layers, clusters, one named, keyboard-operable marker per place in view,
//! selection both ways, and the view kept in the URL.

use crate::app::AppState;
use crate::domain::cluster::{cluster, MapItem, NO_CLUSTER_ZOOM};
use crate::domain::geo::Bounds;
use crate::domain::url_state::{MapView, Mode};
use crate::domain::{Lang, Place};
use crate::i18n::{group_digits, t};
use leaflet::{DivIconOptions, LatLng, LatLngBounds, LayerGroup, Map, MapOptions, Marker, MarkerOptions, TileLayer, TileLayerOptions};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Aore Nagaoka, the city hall (Wikipedia's coordinate), and a zoom that shows the city centre.
pub const START: MapView = MapView { lat: 37.446194, lng: 138.851250, zoom: 12.0 };
/// Lifts the selected marker above clusters and other markers.
const SELECTED_Z: f64 = 10_000.0;
/// Places closer than this on screen, in pixels, are drawn as one cluster.
const CELL_PX: f64 = 56.0;

const GSI_PALE: &str = "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png";
const GSI_ATTRIBUTION: &str =
    "<a href=\"https://maps.gsi.go.jp/development/ichiran.html\" target=\"_blank\" rel=\"noopener\">地理院タイル</a>";
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

/// A marker on the map with the handlers that must live as long as it.
struct Shown {
    marker: Marker,
    /// The place's kind, for re-drawing its icon on selection; `None` for a cluster.
    kind: Option<&'static str>,
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

/// The live Leaflet objects, owned by the component.
struct MapState {
    map: Map,
    layer: LayerGroup,
    /// What is on the map now, by key (`p:ID:LANG` or `c:COUNT:LAT:LNG`).
    shown: HashMap<String, Shown>,
    /// Keeps the moveend handler alive.
    _on_move: Closure<dyn FnMut(JsValue)>,
}

/// The touch target of a marker in CSS pixels: 44 (WCAG 2.2), 48 on a kiosk's touch screen.
fn target_px() -> f64 {
    let kiosk = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.class_list().contains("mode-kiosk"));
    if kiosk { 48.0 } else { 44.0 }
}

fn place_icon(kind: &str, selected: bool) -> leaflet::Icon {
    let options = DivIconOptions::new();
    let class = if selected { " place-marker--selected" } else { "" };
    options.set_class_name(format!("place-marker kind-{kind}{class}"));
    options.set_html(String::new());
    let px = target_px();
    options.set_icon_size(leaflet::Point::new(px, px));
    options.set_icon_anchor(leaflet::Point::new(px / 2.0, px / 2.0));
    div_icon(&options)
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

fn create_map(el: &web_sys::HtmlElement, lang: Lang, moved: RwSignal<u32>, embedded: bool) -> Result<MapState, JsValue> {
    let options = MapOptions::new();
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
    let map = Map::new_with_element(el, &options)?;
    map.set_view(&LatLng::new(START.lat, START.lng), START.zoom);
    let gsi = tile_layer(GSI_PALE, GSI_ATTRIBUTION, 18.0);
    let osm = tile_layer(OSM, OSM_ATTRIBUTION, 19.0);
    gsi.add_to(&map);
    let bases = js_sys::Object::new();
    js_sys::Reflect::set(&bases, &t(lang).base_gsi.into(), &gsi)?;
    js_sys::Reflect::set(&bases, &t(lang).base_osm.into(), &osm)?;
    layers_control(&bases).add_to(&map);
    let layer = LayerGroup::new();
    layer.add_to(&map);
    let on_move = Closure::<dyn FnMut(JsValue)>::new(move |_| moved.update(|n| *n = n.wrapping_add(1)));
    map.on("moveend", on_move.as_ref());
    Ok(MapState { map, layer, shown: HashMap::new(), _on_move: on_move })
}

fn add_marker(ms: &mut MapState, key: String, at: &LatLng, icon: leaflet::Icon, name: &str, kind: Option<&'static str>, handlers: Vec<(&str, Closure<dyn FnMut(JsValue)>)>) {
    let options = MarkerOptions::new();
    options.set_icon(icon);
    options.set_title(name.to_owned());
    options.set_keyboard(true);
    let marker = Marker::new_with_options(at, &options);
    for (event, handler) in &handlers {
        marker.on(event, handler.as_ref());
    }
    marker.add_to_layer_group(&ms.layer);
    if let Some(el) = marker_element(&marker) {
        let _ = el.set_attribute("aria-label", name);
    }
    ms.shown.insert(key, Shown { marker, kind, _handlers: handlers.into_iter().map(|(_, h)| h).collect() });
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
        map.fit_bounds(&bounds);
    }
}

/// Draws the matching places in view, clustered, adding and removing only what changed.
fn draw(ms: &mut MapState, places: &[Place], matches: &[usize], lang: Lang, state: AppState) {
    let (view, map_view) = current_view(&ms.map);
    let selected = state.selected.get_untracked();
    let selected_index = selected.as_deref().and_then(|id| matches.iter().copied().find(|&i| places[i].id == id));
    // The selected place is always drawn on its own, never hidden in a cluster.
    let points = matches.iter().filter(|&&i| Some(i) != selected_index).map(|&i| (i, places[i].location));
    let mut items = cluster(points, map_view.zoom, view.padded(0.25), CELL_PX);
    items.extend(selected_index.map(MapItem::Place));
    let lang_tag = lang.as_str();
    let key_of = |item: &MapItem| match item {
        MapItem::Place(i) => format!("p:{}:{lang_tag}", places[*i].id),
        MapItem::Cluster { count, center, .. } => format!("c:{count}:{:.6}:{:.6}:{lang_tag}", center.lat, center.lng),
    };
    let wanted: HashMap<String, &MapItem> = items.iter().map(|item| (key_of(item), item)).collect();
    ms.shown.retain(|key, shown| {
        let keep = wanted.contains_key(key);
        if !keep {
            ms.layer.remove_layer(&shown.marker);
        }
        keep
    });
    for item in &items {
        let key = key_of(item);
        if ms.shown.contains_key(&key) {
            continue;
        }
        match item {
            MapItem::Place(i) => {
                let place = &places[*i];
                let kind = place.kind.as_str();
                let name = format!("{} ({})", place.name.get(lang), (t(lang).kind_name)(place.kind));
                let is_selected = selected.as_deref() == Some(place.id.as_str());
                let icon = place_icon(kind, is_selected);
                let (id1, id2) = (place.id.clone(), place.id.clone());
                let click = Closure::new(move |_| state.selected.set(Some(id1.clone())));
                let key_handler = on_activate_key(move || state.selected.set(Some(id2.clone())));
                let at = LatLng::new(place.location.lat, place.location.lng);
                add_marker(ms, key, &at, icon, &name, Some(kind), vec![("click", click), ("keydown", key_handler)]);
                if is_selected {
                    if let Some(shown) = ms.shown.get(&format!("p:{}:{lang_tag}", place.id)) {
                        shown.marker.set_z_index_offset(SELECTED_Z);
                    }
                }
            }
            MapItem::Cluster { count, center, bounds } => {
                let (map1, map2, b) = (ms.map.clone(), ms.map.clone(), *bounds);
                let click = Closure::new(move |_| zoom_to(&map1, b));
                let key_handler = on_activate_key(move || zoom_to(&map2, b));
                let at = LatLng::new(center.lat, center.lng);
                let name = (t(lang).cluster_label)(*count);
                add_marker(ms, key, &at, cluster_icon(*count), &name, None, vec![("click", click), ("keydown", key_handler)]);
            }
        }
    }
}

fn show_selection(ms: &MapState, places: &[Place], previous: Option<&str>, current: Option<&str>, lang: Lang) {
    let find = |id: &str| ms.shown.get(&format!("p:{id}:{}", lang.as_str()));
    if let Some(Shown { marker, kind: Some(kind), .. }) = previous.and_then(find) {
        marker.set_icon(&place_icon(kind, false));
        marker.set_z_index_offset(0.0);
    }
    if let Some(Shown { marker, kind: Some(kind), .. }) = current.and_then(find) {
        marker.set_icon(&place_icon(kind, true));
        marker.set_z_index_offset(SELECTED_Z);
    }
    if let Some(place) = current.and_then(|id| places.iter().find(|p| p.id == id)) {
        ms.map.pan_to(&LatLng::new(place.location.lat, place.location.lng));
    }
}

fn fit_all(map: &Map, places: &[Place]) {
    let mut it = places.iter().map(|p| p.location);
    let Some(first) = it.next() else { return };
    let mut b = Bounds::around(first);
    it.for_each(|p| b.extend(p));
    zoom_to(map, b);
}

#[component]
pub fn CityMap() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let container = NodeRef::<leptos::html::Div>::new();
    // Counts map moves; the drawing effect re-runs on each.
    let moved = RwSignal::new(0u32);
    let cell: Rc<RefCell<Option<MapState>>> = Rc::new(RefCell::new(None));

    let ms = cell.clone();
    Effect::new(move |_| {
        let Some(el) = container.get() else { return };
        // try_borrow: a JavaScript exception inside Leaflet would leave a borrow flag set; the map
        // then stops updating instead of panicking.
        let Ok(mut slot) = ms.try_borrow_mut() else { return };
        if slot.is_some() {
            return;
        }
        match create_map(&el, lang.get_untracked(), moved, state.mode == Mode::Embed) {
            Ok(created) => *slot = Some(created),
            Err(e) => web_sys::console::error_2(&"the map could not start:".into(), &e),
        }
    });

    // The view: from the URL or history first; else, once, the whole city's places.
    let ms = cell.clone();
    Effect::new(move |fitted: Option<bool>| {
        let goto = state.goto_view.get();
        let has_data = state.data.with(Option::is_some);
        let Ok(slot) = ms.try_borrow() else { return fitted.unwrap_or(false) };
        let Some(m) = slot.as_ref() else { return false };
        if let Some(v) = goto {
            m.map.set_view(&LatLng::new(v.lat, v.lng), v.zoom);
            state.goto_view.set(None);
            return true;
        }
        if fitted != Some(true) && has_data {
            state.data.with_untracked(|d| d.as_ref().map(|d| fit_all(&m.map, &d.city.places)));
            return true;
        }
        fitted.unwrap_or(false)
    });

    let ms = cell.clone();
    Effect::new(move |_| {
        moved.track();
        let (data, matches, l) = (state.data.get(), state.matches.get(), lang.get());
        let Ok(mut slot) = ms.try_borrow_mut() else { return };
        let (Some(data), Some(m)) = (data, slot.as_mut()) else { return };
        draw(m, &data.city.places, &matches, l, state);
        let (_, v) = current_view(&m.map);
        if state.view.get_untracked() != Some(v) {
            state.view.set(Some(v));
        }
    });

    let map_for_wheel = cell.clone();
    let ms = cell;
    Effect::new(move |previous: Option<Option<String>>| {
        let current = state.selected.get();
        let Ok(slot) = ms.try_borrow() else { return current };
        if let (Some(m), Some(data)) = (slot.as_ref(), state.data.get_untracked()) {
            show_selection(m, &data.city.places, previous.flatten().as_deref(), current.as_deref(), lang.get_untracked());
        }
        current
    });

    // Embedded: Ctrl/⌘ + wheel zooms; a plain wheel scrolls the host page and shows a hint.
    let hint = RwSignal::new(false);
    let hint_timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let ms = map_for_wheel;
    let on_wheel = move |ev: web_sys::WheelEvent| {
        if state.mode != Mode::Embed {
            return;
        }
        if ev.ctrl_key() || ev.meta_key() {
            ev.prevent_default();
            if let Some(m) = ms.try_borrow().ok().as_ref().and_then(|m| m.as_ref()) {
                if ev.delta_y() < 0.0 { m.map.zoom_in(1.0); } else { m.map.zoom_out(1.0); }
            }
            hint.set(false);
        } else {
            hint.set(true);
            hint_timer.set_value(Some(gloo_timers::callback::Timeout::new(1_500, move || hint.set(false))));
        }
    };
    view! {
        <div class="map" role="region" aria-label=move || t(lang.get()).map_label on:wheel=on_wheel>
            <div class="map__canvas" node_ref=container></div>
            <p class="map__hint" role="status" class:map__hint--shown=move || hint.get()>
                {move || hint.get().then(|| t(lang.get()).wheel_hint)}
            </p>
        </div>
    }
}
