//! Validation of areas (features of kind `area`) and of `meta.costs`, in the same manner as places:
//! a problem names the record and the field; an error leaves the record out, a warning the field.

use super::fields::{clip, is_slug, Fields};
use super::geo::{polygon_centre, Bounds};
use super::living::{Area, Costs, Household, Keyed, Layout, Measures, Support, SupportPer};
use super::model::{Figure, LatLng};
use super::problem::{Expected, Issue, Problem, Severity, Where};
use super::validate::{check_position, Begun, Record, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::str::FromStr;

/// The most positions an area's boundary may have.
pub const MAX_AREA_POSITIONS: usize = 100_000;

const MEASURE_KEYS: &[&str] = &[
    "population", "area_km2", "rent_yen", "rent_yen_per_tatami", "land_price_yen_per_m2", "snowfall_cm",
    "snow_depth_cm", "snow_cover_days",
    "utilities_yen", "heating_yen", "car_yen", "local_transport_yen", "tokyo_round_trip_yen",
];

impl Record<'_> {
    /// Reads a feature of kind `area`.
    pub(super) fn area(&mut self, feature: &Value, sources: &HashSet<String>) -> Option<Area> {
        let Begun { obj, props, id, is_feature } = self.begin(feature)?;
        let geometry = self.area_geometry(obj.get("geometry"));
        let mut f = self.fields("properties.");
        f.unknown_fields(
            props,
            &[
                "id", "kind", "name", "description", "area_type", "source", "location_precision",
                "location_basis", "figures",
            ],
        );
        if id.as_deref().is_some_and(|id| !is_slug(id)) {
            f.error("id", Issue::InvalidId);
        }
        let name = f.required_text(props, "name", MAX_NAME_CHARS);
        let description = f.optional_text(props, "description", MAX_TEXT_CHARS);
        let area_type = f.optional_enum(props, "area_type", |found| Issue::UnknownKind { found });
        let source = f.required_source(props, sources);
        let precision = f.optional_enum(props, "location_precision", |found| Issue::UnknownPrecision { found });
        let location_basis = f.optional_text(props, "location_basis", MAX_TEXT_CHARS);
        let measures = match props.get("figures") {
            None | Some(Value::Null) => Measures::default(),
            Some(Value::Object(m)) => {
                let own = source.as_deref().unwrap_or("");
                measures(&mut self.fields("properties.figures."), m, sources, own)
            }
            Some(found) => {
                // Named as JSON in text where a tool saved it so: QGIS and table editors do.
                self.fields("properties.").warn("figures", super::problem::not_an_object(found, Expected::Object));
                Measures::default()
            }
        };
        let (id, name, source, (centre, shape)) = (id?, name?, source?, geometry?);
        if !is_slug(&id) || !is_feature {
            return None;
        }
        Some(Area {
            id,
            name,
            description,
            area_type,
            source,
            centre,
            precision,
            location_basis,
            shape,
            measures,
        })
    }

    /// A Point, or a Polygon / MultiPolygon with its centre.
    fn area_geometry(&mut self, geometry: Option<&Value>) -> Option<(LatLng, Vec<Vec<Vec<LatLng>>>)> {
        let kind = geometry.and_then(|g| g.get("type")).and_then(Value::as_str);
        let polygons = match kind {
            Some("Polygon") => {
                let coords = geometry?.get("coordinates");
                vec![self.rings(coords, "geometry.coordinates")?]
            }
            Some("MultiPolygon") => {
                let Some(Value::Array(polys)) = geometry?.get("coordinates") else {
                    self.error("geometry.coordinates", Issue::WrongType { expected: Expected::Array });
                    return None;
                };
                let mut out = Vec::with_capacity(polys.len());
                for (i, poly) in polys.iter().enumerate() {
                    out.push(self.rings(Some(poly), &format!("geometry.coordinates[{i}]"))?);
                }
                out
            }
            // Point, and every problem with the geometry, is reported by the place reader.
            _ => return self.point(geometry).map(|p| (p, Vec::new())),
        };
        let count: usize = polygons.iter().flatten().map(Vec::len).sum();
        if polygons.is_empty() || count > MAX_AREA_POSITIONS {
            let issue = match polygons.is_empty() {
                true => Issue::Empty,
                false => Issue::TooManyPositions { max: MAX_AREA_POSITIONS },
            };
            self.error("geometry.coordinates", issue);
            return None;
        }
        let centre = polygon_centre(&polygons)?;
        // A simple ring's centre lies inside its box; a ring that crosses itself may put it
        // anywhere (one of corners all in the city put it at longitude -33,194, and every distance
        // from the area at 10,995 km).
        let inside = polygons.iter().filter_map(|rings| rings.first()).any(|ring| Bounds::of(ring.iter().copied()).is_some_and(|b| b.contains(centre)));
        if !inside {
            self.error("geometry.coordinates", Issue::CrossedRing);
            return None;
        }
        Some((centre, polygons))
    }

    fn rings(&mut self, value: Option<&Value>, field: &str) -> Option<Vec<Vec<LatLng>>> {
        let Some(Value::Array(rings)) = value else {
            self.error(field, Issue::WrongType { expected: Expected::Array });
            return None;
        };
        if rings.is_empty() {
            self.error(field, Issue::Empty);
            return None;
        }
        let mut out = Vec::with_capacity(rings.len());
        for ring in rings {
            let Value::Array(positions) = ring else {
                self.error(field, Issue::WrongType { expected: Expected::Array });
                return None;
            };
            let mut points = Vec::with_capacity(positions.len());
            for p in positions {
                let pair = p.as_array().filter(|c| (2..=3).contains(&c.len()));
                let Some((Some(lng), Some(lat))) = pair.map(|c| (c[0].as_f64(), c[1].as_f64())) else {
                    self.error(field, Issue::WrongType { expected: Expected::Coordinates });
                    return None;
                };
                if let Some(issue) = check_position(lat, lng) {
                    self.error(field, issue);
                    return None;
                }
                points.push(LatLng { lat, lng });
            }
            if points.len() < 4 || points.first() != points.last() {
                self.error(field, Issue::BadRing);
                return None;
            }
            out.push(points);
        }
        Some(out)
    }
}

fn count(v: &Value) -> Result<u32, Issue> {
    match v.as_u64() {
        Some(n) => u32::try_from(n).map_err(|_| Issue::NegativeOrTooLarge),
        None if v.is_number() && v.as_f64().is_some_and(|f| f.fract() == 0.0) => Err(Issue::NegativeOrTooLarge),
        None => Err(Issue::WrongType { expected: Expected::Integer }),
    }
}

/// A land area in km²: at least 0.01 (1 ha). A smaller one is a slip (a figure in m² meant as
/// km² the other way round, or 1e-306), and a people-per-km² of it was infinite: "inf" in the
/// table and the lightest colour for the densest area.
fn land_area(v: &Value) -> Result<f64, Issue> {
    number_where(v, |x| (0.01..1e7).contains(&x))
}

/// Days in a year, 0 included: Tokyo has years without a day of snow cover.
fn days_of_year(v: &Value) -> Result<f64, Issue> {
    number_where(v, |x| (0.0..=366.0).contains(&x))
}

/// A finite number for which `ok` holds; another number is out of range, anything else the
/// wrong type.
fn number_where(v: &Value, ok: impl Fn(f64) -> bool) -> Result<f64, Issue> {
    match v.as_f64() {
        Some(x) if x.is_finite() && ok(x) => Ok(x),
        Some(_) => Err(Issue::NegativeOrTooLarge),
        None => Err(Issue::WrongType { expected: Expected::Number }),
    }
}

/// Reads figures keyed by a closed set (`{"studio": {…}, "1ldk": {…}}`).
fn keyed<K: FromStr + Copy>(
    f: &mut Fields<'_>,
    obj: &Map<String, Value>,
    key: &str,
    sources: &HashSet<String>,
    own_source: &str,
) -> Keyed<K, u32> {
    let mut out = Keyed::default();
    match obj.get(key) {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (k, _) in map {
                let Ok(parsed) = k.parse::<K>() else {
                    f.warn(&format!("{key}.{}", clip(k)), Issue::UnknownField);
                    continue;
                };
                // The figure reader reports its problems under the inner key.
                let mut inner = Fields { location: f.location.clone(), prefix: f.prefix, problems: &mut *f.problems };
                if let Some(fig) = inner.figure_at(map, k, &format!("{key}.{k}"), sources, own_source, count) {
                    out.entries.push((parsed, fig));
                }
            }
        }
        Some(_) => f.warn(key, Issue::WrongType { expected: Expected::Object }),
    }
    out
}

/// Reads a set of figures; `own_source` is the default source ("" where each must name its own).
fn measures(f: &mut Fields<'_>, obj: &Map<String, Value>, sources: &HashSet<String>, own_source: &str) -> Measures {
    f.unknown_fields(obj, MEASURE_KEYS);
    let fig = |f: &mut Fields<'_>, key: &str| f.figure(obj, key, sources, own_source, count);
    Measures {
        population: fig(f, "population"),
        area_km2: f.figure(obj, "area_km2", sources, own_source, land_area),
        rent_yen: keyed::<Layout>(f, obj, "rent_yen", sources, own_source),
        rent_yen_per_tatami: fig(f, "rent_yen_per_tatami"),
        land_price_yen_per_m2: fig(f, "land_price_yen_per_m2"),
        snowfall_cm: fig(f, "snowfall_cm"),
        snow_depth_cm: fig(f, "snow_depth_cm"),
        snow_cover_days: f.figure(obj, "snow_cover_days", sources, own_source, days_of_year),
        utilities_yen: keyed::<Household>(f, obj, "utilities_yen", sources, own_source),
        heating_yen: keyed::<Household>(f, obj, "heating_yen", sources, own_source),
        car_yen: fig(f, "car_yen"),
        local_transport_yen: fig(f, "local_transport_yen"),
        tokyo_round_trip_yen: fig(f, "tokyo_round_trip_yen"),
    }
}

/// Reads `meta.costs`. Figures here have no record to inherit a source from, so each names its own.
pub(super) fn read_costs(value: &Value, sources: &HashSet<String>, problems: &mut Vec<Problem>) -> Costs {
    let mut f = Fields { location: Where::File, prefix: "meta.costs.", problems };
    let Some(obj) = value.as_object() else {
        f.warn("", Issue::WrongType { expected: Expected::Object });
        return Costs::default();
    };
    f.unknown_fields(obj, &["city", "tokyo", "support", "notes"]);
    let side = |f: &mut Fields<'_>, key: &'static str, prefix: &'static str| match obj.get(key) {
        Some(Value::Object(m)) => {
            let mut inner = Fields { location: Where::File, prefix, problems: &mut *f.problems };
            measures(&mut inner, m, sources, "")
        }
        None | Some(Value::Null) => Measures::default(),
        Some(_) => {
            f.warn(key, Issue::WrongType { expected: Expected::Object });
            Measures::default()
        }
    };
    let city = side(&mut f, "city", "meta.costs.city.");
    let tokyo = side(&mut f, "tokyo", "meta.costs.tokyo.");
    let mut support = Vec::new();
    match obj.get("support") {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(s) = read_support(f.problems, i, item, sources) {
                    support.push(s);
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => f.warn("support", Issue::WrongType { expected: Expected::Array }),
    }
    let mut notes = Vec::new();
    if let Some(Value::Array(items)) = obj.get("notes") {
        let wrapped: Map<String, Value> =
            items.iter().enumerate().map(|(i, v)| (i.to_string(), v.clone())).collect();
        let mut nf = Fields { location: Where::File, prefix: "meta.costs.notes.", problems: &mut *f.problems };
        for i in 0..items.len() {
            if let Some(text) = nf.optional_text(&wrapped, &i.to_string(), MAX_TEXT_CHARS) {
                notes.push(text);
            }
        }
    } else if obj.get("notes").is_some_and(|v| !v.is_null()) {
        f.warn("notes", Issue::WrongType { expected: Expected::Array });
    }
    Costs { city, tokyo, support, notes }
}

fn read_support(problems: &mut Vec<Problem>, index: usize, item: &Value, sources: &HashSet<String>) -> Option<Support> {
    let mut f = Fields { location: Where::Support(index), prefix: "", problems };
    let Some(obj) = item.as_object() else {
        f.error("", Issue::WrongType { expected: Expected::Object });
        return None;
    };
    f.unknown_fields(obj, &["id", "name", "amount_yen", "per", "households", "conditions", "url"]);
    let id = f.required_string(obj, "id", MAX_ID_CHARS).filter(|id| {
        let ok = is_slug(id);
        if !ok {
            f.error("id", Issue::InvalidId);
        }
        ok
    });
    let name = f.required_text(obj, "name", MAX_NAME_CHARS);
    // A scheme is its amount: whatever leaves the amount out leaves out the scheme, and is an
    // error (a figure's own problems are warnings elsewhere, where the record stays without it).
    let amount: Option<Figure<u32>> = match obj.get("amount_yen") {
        Some(Value::Object(fig)) if fig.get("source").is_none() => {
            f.error("amount_yen.source", Issue::Missing);
            None
        }
        None | Some(Value::Null) => {
            f.error("amount_yen", Issue::Missing);
            None
        }
        Some(_) => {
            let from = f.problems.len();
            let amount = f.figure(obj, "amount_yen", sources, "", count);
            if amount.is_none() {
                for p in &mut f.problems[from..] {
                    p.severity = Severity::Error;
                }
            }
            amount
        }
    };
    let per: Option<SupportPer> = f.required_enum(obj, "per", |found| Issue::UnknownKind { found });
    let mut households = Vec::new();
    match obj.get("households") {
        Some(Value::Array(items)) => {
            for h in items {
                match h.as_str().and_then(|s| s.parse::<Household>().ok()) {
                    Some(h) => households.push(h),
                    None => f.warn("households", Issue::UnknownKind { found: clip(&h.to_string()) }),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => f.warn("households", Issue::WrongType { expected: Expected::Array }),
    }
    let conditions = f.required_text(obj, "conditions", MAX_TEXT_CHARS);
    let url = f.optional_url(obj, "url");
    Some(Support { id: id?, name: name?, amount_yen: amount?, per: per?, households, conditions: conditions?, url })
}
