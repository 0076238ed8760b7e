//! The Leaflet map: base layers, one named, keyboard-operable marker per place, selection both ways.

use crate::app::AppState;
use crate::domain::{Lang, Place};
use crate::i18n::t;
use leaflet::{
    DivIconOptions, LatLng, LatLngBounds, LayerGroup, Map, MapOptions, Marker,
    MarkerOptions, TileLayer, TileLayerOptions,
};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Aore Nagaoka, the city hall (Wikipedia's coordinate), and a zoom that shows the city centre.
const START: (f64, f64, f64) = (37.446194, 138.851250, 12.0);

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

/// The live Leaflet objects, owned by the component.
struct MapState {
    map: Map,
    markers_layer: LayerGroup,
    markers: HashMap<String, (Marker, &'static str)>,
    /// Keeps the click handlers alive as long as their markers.
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    fitted: bool,
}

fn icon(kind: &str, selected: bool) -> leaflet::Icon {
    let options = DivIconOptions::new();
    let class = if selected { " place-marker--selected" } else { "" };
    options.set_class_name(format!("place-marker kind-{kind}{class}"));
    options.set_html(String::new());
    options.set_icon_size(leaflet::Point::new(44.0, 44.0));
    options.set_icon_anchor(leaflet::Point::new(22.0, 22.0));
    div_icon(&options)
}

fn tile_layer(url: &str, attribution: &str, max_zoom: f64) -> TileLayer {
    let options = TileLayerOptions::new();
    options.set_attribution(attribution.to_owned());
    options.set_max_zoom(max_zoom);
    TileLayer::new_options(url, &options)
}

fn create_map(el: &web_sys::HtmlElement, lang: Lang) -> Result<MapState, JsValue> {
    let options = MapOptions::new();
    let map = Map::new_with_element(el, &options)?;
    map.set_view(&LatLng::new(START.0, START.1), START.2);
    let gsi = tile_layer(GSI_PALE, GSI_ATTRIBUTION, 18.0);
    let osm = tile_layer(OSM, OSM_ATTRIBUTION, 19.0);
    gsi.add_to(&map);
    let bases = js_sys::Object::new();
    js_sys::Reflect::set(&bases, &t(lang).base_gsi.into(), &gsi)?;
    js_sys::Reflect::set(&bases, &t(lang).base_osm.into(), &osm)?;
    layers_control(&bases).add_to(&map);
    let markers_layer = LayerGroup::new();
    markers_layer.add_to(&map);
    Ok(MapState { map, markers_layer, markers: HashMap::new(), handlers: Vec::new(), fitted: false })
}

fn show_places(ms: &mut MapState, places: &[Place], lang: Lang, selected: RwSignal<Option<String>>) {
    ms.markers_layer.clear_layers();
    ms.markers.clear();
    ms.handlers.clear();
    let current = selected.get_untracked();
    let mut bounds: Option<LatLngBounds> = None;
    for place in places {
        let at = LatLng::new(place.location.lat, place.location.lng);
        let options = MarkerOptions::new();
        let kind = place.kind.as_str();
        options.set_icon(icon(kind, current.as_deref() == Some(place.id.as_str())));
        options.set_title(format!("{} ({})", place.name.get(lang), (t(lang).kind_name)(place.kind)));
        options.set_keyboard(true);
        let marker = Marker::new_with_options(&at, &options);
        let id = place.id.clone();
        let on_click = Closure::<dyn FnMut(JsValue)>::new(move |_| selected.set(Some(id.clone())));
        marker.on("click", on_click.as_ref());
        ms.handlers.push(on_click);
        // Leaflet gives markers role="button" and a tab stop; Enter and Space make them act as one.
        let id = place.id.clone();
        let on_key = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let original = js_sys::Reflect::get(&e, &"originalEvent".into()).ok();
            let Some(key_event) = original.and_then(|o| o.dyn_into::<web_sys::KeyboardEvent>().ok()) else { return };
            if matches!(key_event.key().as_str(), "Enter" | " ") {
                key_event.prevent_default();
                selected.set(Some(id.clone()));
            }
        });
        marker.on("keydown", on_key.as_ref());
        ms.handlers.push(on_key);
        marker.add_to_layer_group(&ms.markers_layer);
        match &bounds {
            Some(b) => {
                b.extend(&at);
            }
            None => bounds = Some(LatLngBounds::new(&at, &at)),
        }
        ms.markers.insert(place.id.clone(), (marker, kind));
    }
    if let (false, Some(b)) = (ms.fitted, bounds) {
        ms.map.fit_bounds(&b);
        ms.fitted = true;
    }
}

fn show_selection(ms: &MapState, previous: Option<&str>, current: Option<&str>) {
    if let Some((marker, kind)) = previous.and_then(|id| ms.markers.get(id)) {
        marker.set_icon(&icon(kind, false));
    }
    if let Some((marker, kind)) = current.and_then(|id| ms.markers.get(id)) {
        marker.set_icon(&icon(kind, true));
        ms.map.pan_to(&marker.get_lat_lng());
    }
}

#[component]
pub fn CityMap() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let container = NodeRef::<leptos::html::Div>::new();
    let map_state: Rc<RefCell<Option<MapState>>> = Rc::new(RefCell::new(None));

    let ms = map_state.clone();
    Effect::new(move |_| {
        let Some(el) = container.get() else { return };
        if ms.try_borrow().map_or(true, |m| m.is_some()) {
            return;
        }
        match create_map(&el, lang.get_untracked()) {
            Ok(created) => {
                if let Ok(mut slot) = ms.try_borrow_mut() {
                    *slot = Some(created);
                }
            }
            Err(e) => web_sys::console::error_2(&"the map could not start:".into(), &e),
        }
    });

    let ms = map_state.clone();
    Effect::new(move |_| {
        let data = state.data.get();
        let l = lang.get();
        // try_borrow: a JavaScript exception inside Leaflet would leave a borrow flag set; the map
        // then stops updating instead of panicking.
        let Ok(mut slot) = ms.try_borrow_mut() else { return };
        if let (Some(data), Some(map)) = (data, slot.as_mut()) {
            show_places(map, &data.city.places, l, state.selected);
        }
    });

    let ms = map_state;
    Effect::new(move |previous: Option<Option<String>>| {
        let current = state.selected.get();
        if let Some(map) = ms.try_borrow().ok().as_ref().and_then(|m| m.as_ref()) {
            show_selection(map, previous.flatten().as_deref(), current.as_deref());
        }
        current
    });

    view! {
        <div class="map" role="region" aria-label=move || t(lang.get()).map_label>
            <div class="map__canvas" node_ref=container></div>
        </div>
    }
}
