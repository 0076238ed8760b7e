//! On the map: the city outline (a base layer that needs no tiles, so the map stays meaningful
//! offline) and the areas as graduated symbols coloured by the chosen measure.

use super::living::area_classes;
use crate::app::AppState;
use crate::domain::living::AreaMeasure;
use crate::domain::City;
use js_sys::{Array, Object, Reflect};
use leaflet::{CircleMarker, LatLng, LayerGroup, Map, Polygon};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The dark ring around the chosen area's white one (radius 34, 4 px wide): just outside it.
const HALO_RADIUS: f64 = 37.5;

/// The Leaflet pane of the area symbols.
const AREA_PANE: &str = "areas";
/// The city outline's pane.
const OUTLINE_PANE: &str = "outline";

/// The outline file, beside the data file (MLIT N03 boundaries as of 2021-01-01, simplified).
pub const OUTLINE_URL: &str = "data/base/nagaoka-outline.geojson";

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

/// The areas layer and the click handlers it holds.
pub struct AreaLayer {
    map: Map,
    group: LayerGroup,
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl AreaLayer {
    pub fn new(map: &Map) -> AreaLayer {
        // Areas sit at their branch offices' points, where the office's marker is too. The
        // markers stay on top (the area pane is 550, under Leaflet's marker pane): a tap on a
        // marker opens its place and one on a cluster zooms, as without the layer; the area's
        // symbol is wider than a marker (60 px against 44 or 48), so the ring around it chooses
        // the area, as do the areas' table and list. With the areas above, a click on an office
        // or a cluster chose an area instead, and the chosen place's marker was tinted over.
        let pane = map.create_pane_by_name(AREA_PANE);
        let _ = pane.style().set_property("z-index", "550");
        // Whatever Leaflet draws here later is hidden with it (see `hide_drawings`).
        let _ = pane.set_attribute("aria-hidden", "true");
        let group = LayerGroup::new();
        group.add_to(map);
        AreaLayer { map: map.clone(), group, handlers: Vec::new() }
    }

    /// Takes every area symbol and its handler off the map.
    pub fn clear(&mut self) {
        self.group.clear_layers();
        self.handlers.clear();
    }

    /// Redraws the areas. With no `measure`, only the chosen area, as a ring: its month and
    /// distances were on screen with no sign on the map of where the area is.
    pub fn draw(&mut self, city: &City, measure: Option<AreaMeasure>, chosen: Option<&str>, point: Option<crate::domain::LatLng>, state: AppState) {
        self.draw_layers(city, measure, chosen, point, state);
        hide_drawings(&self.map);
    }

    /// A circle on the areas' pane that takes no taps: the chosen area's ring, the tapped point.
    fn add_mark(&self, at: crate::domain::LatLng, radius: f64, class: &str, weight: f64) {
        let opts = options(&[
            ("radius", JsValue::from_f64(radius)),
            ("className", JsValue::from_str(class)),
            ("weight", JsValue::from_f64(weight)),
            ("interactive", JsValue::FALSE),
            ("pane", JsValue::from_str(AREA_PANE)),
        ]);
        self.group.add_layer(&CircleMarker::new_with_options(&LatLng::new(at.lat, at.lng), &opts));
    }

    fn draw_layers(&mut self, city: &City, measure: Option<AreaMeasure>, chosen: Option<&str>, point: Option<crate::domain::LatLng>, state: AppState) {
        self.clear();
        // The point tapped to measure distances from: without it, a tap changed a table far
        // down the page and nothing on the map.
        if let Some(p) = point.filter(|_| chosen.is_some()) {
            self.add_mark(p, 8.0, "area-point", 3.0);
        }
        let Some(measure) = measure else {
            if let Some(area) = chosen.and_then(|id| city.area(id)) {
                self.add_mark(area.centre, 34.0, "area-symbol area-symbol--chosen area-symbol--ring", 4.0);
                self.add_mark(area.centre, HALO_RADIUS, "area-halo", 3.0);
            }
            return;
        };
        let mut halo = None;
        for (area, class) in city.areas.iter().zip(area_classes(&city.areas, measure)) {
            let class = class.map_or("none".to_owned(), |c| c.to_string());
            let selected = chosen == Some(area.id.as_str());
            let css = format!("area-symbol area-class-{class}{}", if selected { " area-symbol--chosen" } else { "" });
            let opts = options(&[
                ("radius", JsValue::from_f64(if selected { 34.0 } else { 30.0 })),
                ("className", JsValue::from_str(&css)),
                ("weight", JsValue::from_f64(if selected { 4.0 } else { 2.0 })),
                ("pane", JsValue::from_str(AREA_PANE)),
            ]);
            let circle = CircleMarker::new_with_options(&LatLng::new(area.centre.lat, area.centre.lng), &opts);
            let id = area.id.clone();
            let click = Closure::<dyn FnMut(JsValue)>::new(move |_| state.choose_area(id.clone()));
            circle.on("click", click.as_ref());
            self.handlers.push(click);
            self.group.add_layer(&circle);
            if selected {
                halo = Some(area.centre);
            }
        }
        // Last, so that no neighbour's circle covers it.
        if let Some(at) = halo {
            self.add_mark(at, HALO_RADIUS, "area-halo", 3.0);
        }
    }
}

/// The polygons of the outline file (each a list of rings of `[longitude, latitude]`), read from
/// the parsed JSON by hand: a derived `Deserialize` with `#[serde(tag = "type")]` costs several kB of wasm.
fn outline_polygons(text: &str) -> Result<Vec<Vec<Vec<[f64; 2]>>>, String> {
    use serde_json::Value;
    fn array(v: &Value) -> Result<&Vec<Value>, String> {
        v.as_array().ok_or_else(|| "expected an array".to_owned())
    }
    fn rings(v: &Value) -> Result<Vec<Vec<[f64; 2]>>, String> {
        array(v)?
            .iter()
            .map(|ring| {
                array(ring)?
                    .iter()
                    .map(|p| match array(p)?.as_slice() {
                        [a, b] => match (a.as_f64(), b.as_f64()) {
                            (Some(a), Some(b)) => Ok([a, b]),
                            _ => Err("expected a number".to_owned()),
                        },
                        _ => Err("expected an array of length 2".to_owned()),
                    })
                    .collect()
            })
            .collect()
    }
    let root: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let features = root.get("features").ok_or("missing field `features`")?;
    let mut polygons = Vec::new();
    for f in array(features)? {
        let geometry = f.get("geometry").ok_or("missing field `geometry`")?;
        let coordinates = geometry.get("coordinates").ok_or("missing field `coordinates`")?;
        match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => polygons.push(rings(coordinates)?),
            Some("MultiPolygon") => {
                for p in array(coordinates)? {
                    polygons.push(rings(p)?);
                }
            }
            _ => return Err("unknown geometry type".to_owned()),
        }
    }
    Ok(polygons)
}

fn rings_to_js(rings: &[Vec<[f64; 2]>]) -> Array {
    rings
        .iter()
        .map(|ring| ring.iter().map(|[lng, lat]| JsValue::from(LatLng::new(*lat, *lng))).collect::<Array>())
        .map(JsValue::from)
        .collect()
}

thread_local! {
    /// The outline file once read: a kiosk's reset builds a new map, and offline (with no service
    /// worker to answer) the next visitor's map lost the city's outline.
    static OUTLINE_TEXT: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
}

/// Fetches the outline and draws it under everything else. A missing or broken outline file only
/// costs the outline: the map works without it.
pub fn load_outline(map: Map) {
    // Under the markers and the areas, above the tiles (200) and below Leaflet's overlay pane
    // (400). A pane, not bringToBack(): the file may come before the map has its first view, and
    // Leaflet adds a layer to a map only once it has one, so the outline had no path to move yet
    // (a TypeError that stopped every task after it).
    let pane = map.create_pane_by_name(OUTLINE_PANE);
    let _ = pane.style().set_property("z-index", "350");
    // The pane, not only the drawing: after a failed data load a drawing made later was read as
    // an unnamed image inside the map.
    let _ = pane.set_attribute("aria-hidden", "true");
    leptos::task::spawn_local(async move {
        let kept = OUTLINE_TEXT.with(|t| t.borrow().clone());
        let text = match kept {
            Some(text) => Ok(text),
            None => crate::data::fetch_with_timeout(OUTLINE_URL).await.map(Rc::<str>::from).map_err(|e| e.to_string()),
        };
        let file = text.and_then(|text| {
            let polygons = outline_polygons(&text)?;
            OUTLINE_TEXT.with(|t| *t.borrow_mut() = Some(text));
            Ok(polygons)
        });
        let file = match file {
            Ok(f) => f,
            Err(e) => {
                web_sys::console::warn_1(&format!("city outline not shown: {e}").into());
                return;
            }
        };
        // The map may have been taken down while the file loaded (a kiosk reset).
        if Reflect::get(&map, &JsValue::from_str("_mapPane")).map_or(true, |pane| pane.is_undefined()) {
            return;
        }
        let style = options(&[
            ("className", JsValue::from_str("city-outline")),
            ("interactive", JsValue::FALSE),
            ("weight", JsValue::from_f64(2.0)),
            ("fillOpacity", JsValue::from_f64(0.04)),
            ("pane", JsValue::from_str(OUTLINE_PANE)),
        ]);
        for polygon in &file {
            let poly = Polygon::new_with_options(&rings_to_js(polygon), style.unchecked_ref());
            poly.add_to(&map);
        }
        hide_drawings(&map);
    });
}

/// Hides the map's drawings (the outline, the area circles) from screen readers: Leaflet's
/// `<svg>` read as unnamed images, and the areas' figures are in their table.
fn hide_drawings(map: &Map) {
    if let Ok(svgs) = map.get_container().query_selector_all("svg") {
        for i in 0..svgs.length() {
            if let Some(el) = svgs.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = el.set_attribute("aria-hidden", "true");
            }
        }
    }
}
